/** The part of the `stopword` package (no types of its own) that the engine reads: its word lists. */
declare module 'stopword' {
  /** English stop words (the package's own list). */
  export const eng: readonly string[];
}
