/**
 * Images a PDF/A cannot hold as Imprint writes it. A PDF/A names its output intent, sRGB here
 * (see output-intent.ts); a colour space that depends on the device must be the intent's
 * (PDF/A-2, ISO 19005-2 6.2.4.3): a CMYK JPEG is embedded as it is, in DeviceCMYK, which an sRGB
 * intent does not define, and a validator refuses the file; one that carries its ICC profile is
 * drawn in that profile's colour space (ICCBased, see pdf.ts), which PDF/A allows. Any other is an error at the
 * place that names it, before any PDF is written: a PDF that says it is PDF/A and is not would
 * be found out only in the archive.
 */
import type { Problem, SourcePos } from '../problems.js';
import { figuresOf, type DocTree } from '../template/doc-tree.js';
import type { PdfaLevel } from './pdf.js';

/** An error at each figure whose image a PDF/A of `level` cannot hold; `fallback`: where a figure without a place is reported (the document template). */
export function pdfaImageProblems(doc: DocTree, level: PdfaLevel, fallback: SourcePos): Problem[] {
  return doc.matters.flatMap((m) =>
    figuresOf([...m.children, ...m.colophon]).flatMap((f) =>
      f.image.type === 'jpeg' && f.image.cmyk && !f.image.profile
        ? [{ pos: f.at ?? fallback, severity: 'error' as const, message: `PDF/A-${level} cannot hold this JPEG: it is CMYK, whose colours the PDF's sRGB output intent does not define; save it with its CMYK colour profile embedded, as an RGB JPEG or as a PNG, or build without PDF/A` }]
        : [],
    ),
  );
}
