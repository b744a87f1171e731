/**
 * Reading YAML while keeping source positions: a thin layer over the `yaml` package's
 * document nodes, so that every value the loader takes can name its `file:line:col`.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import type { ProblemList, SourcePos } from '../problems.js';

/** A parsed YAML file whose nodes can be located. */
export class YamlSource {
  readonly root: Node | null;
  private readonly lines = new LineCounter();

  constructor(readonly file: string, text: string, problems: ProblemList) {
    const doc = parseDocument(text, {
      lineCounter: this.lines,
      schema: 'core',
      uniqueKeys: true,
      prettyErrors: false,
    });
    for (const e of doc.errors) {
      problems.error(this.at(e.pos[0]), `YAML: ${firstLine(e.message)}`);
    }
    for (const w of doc.warnings) {
      problems.warn(this.at(w.pos[0]), `YAML: ${firstLine(w.message)}`);
    }
    this.root = doc.errors.length ? null : (doc.contents as Node | null);
  }

  /** The position of a character offset in the file. */
  at(offset: number): SourcePos {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col };
  }

  /** The position where a node starts (the file's start for a missing node). */
  pos(node: Node | null | undefined): SourcePos {
    return this.at(node?.range?.[0] ?? 0);
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}

export { isMap, isScalar, isSeq };
export type { Node, Pair };
