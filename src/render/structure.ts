/**
 * The structure tree of a tagged PDF: every drawn piece of content is marked as part of its
 * structure element (paragraph, heading, table cell …, see `StructTag`) or as an artifact
 * (running heads, page numbers, rules and fills). Elements are created in the order their
 * content is first drawn, which is the reading order. A link annotation is an object of its
 * `Link` element (an OBJR in the element, /StructParent in the annotation), drawn after the
 * element's text; the element then ends, on the page where both stand.
 */
import type { StructTag } from '../page/draw.js';

type Doc = PDFKit.PDFDocument & {
  struct(type: string, options?: { alt?: string; lang?: string }): StructElement;
  addStructure(el: StructElement): void;
  markStructureContent(tag: string): unknown;
  markContent(tag: string): void;
  endMarkedContent(): void;
};

/** What makes an annotation an object of a structure element (pdfkit's annotation options). */
export interface AnnotationOptions {
  structParent?: StructElement;
}

interface StructElement {
  add(child: unknown): StructElement;
  end(): void;
}

/** What pdfkit keeps of an element (not in its published types): its dictionary, whose `data` is written to the PDF. */
interface StructElementDictionary {
  dictionary: { data: Record<string, unknown> };
}

export class StructureTree {
  private readonly root: StructElement;
  private readonly elements = new Map<string, StructElement>();

  /** `lang`: the document's language, BCP 47 (the root element's, as the catalog's /Lang). */
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    lang: string,
  ) {
    this.root = (doc as Doc).struct('Document', { lang });
    (doc as Doc).addStructure(this.root);
  }

  /**
   * Draws content as part of `tag`'s element, or as an artifact without a tag. `marked` false
   * draws an annotation (not page content): `draw` is given the options that make it an object
   * of `tag`'s element (pdfkit's `structParent`).
   */
  mark(tag: StructTag | undefined, marked: boolean, draw: (annotation: AnnotationOptions) => void): void {
    const doc = this.doc as Doc;
    if (!marked) {
      if (!tag) return draw({});
      draw({ structParent: this.element(tag) });
      // its annotation drawn, a Link element is whole: ended here, its OBJR names this page
      if (tag.role === 'Link') this.close(tag);
      return;
    }
    if (tag) this.element(tag).add(doc.markStructureContent(tag.role));
    else doc.markContent('Artifact');
    draw({});
    doc.endMarkedContent();
  }

  /** Ends `tag`'s element; content with the same tag drawn later makes a new one. */
  private close(tag: StructTag): void {
    this.elements.get(tag.id)?.end();
    this.elements.delete(tag.id);
  }

  /** Ends every element (call once, before the document ends). */
  end(): void {
    this.root.end();
  }

  private element(tag: StructTag): StructElement {
    let el = this.elements.get(tag.id);
    if (!el) {
      const parent = tag.parent ? this.element(tag.parent) : this.root;
      el = (this.doc as Doc).struct(tag.role, tag.alt ? { alt: tag.alt } : {});
      const attributes = tag.table && tableAttributes(tag.table);
      if (attributes) (el as unknown as StructElementDictionary).dictionary.data.A = attributes;
      parent.add(el);
      this.elements.set(tag.id, el);
    }
    return el;
  }
}

/**
 * The attribute object of a table cell (owner /Table): RowSpan and ColSpan when more than 1,
 * Scope for a header cell; none when there is nothing to say (the defaults: 1, 1, no scope).
 * pdfkit writes a JavaScript string in a dictionary as a PDF name.
 */
function tableAttributes(t: NonNullable<StructTag['table']>): Record<string, unknown> | undefined {
  const attributes = { ...(t.rowSpan > 1 ? { RowSpan: t.rowSpan } : {}), ...(t.colSpan > 1 ? { ColSpan: t.colSpan } : {}), ...(t.scope ? { Scope: t.scope } : {}) };
  return Object.keys(attributes).length ? { O: 'Table', ...attributes } : undefined;
}
