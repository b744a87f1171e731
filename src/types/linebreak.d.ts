/** Types of the `linebreak` package (UAX #14), which ships none. */
declare module 'linebreak' {
  export interface Break {
    /** UTF-16 offset where the next line would start. */
    position: number;
    /** A mandatory break (a newline). */
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
