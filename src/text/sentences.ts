/**
 * Splits a passage into sentences that are verbatim substrings of it, so a citation can quote one
 * sentence exactly. A full stop ends a sentence unless it closes an abbreviation ("U.S.", "Mr.",
 * "Jan.") or an initial.
 */

const ABBREVIATIONS = new Set(
  [
    'mr', 'mrs', 'ms', 'dr', 'st', 'sr', 'jr', 'gen', 'col', 'lt', 'sgt', 'capt', 'rep', 'sen', 'gov',
    'pres', 'prof', 'no', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp', 'approx', 'est',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  ],
);

export interface Sentence {
  text: string;
  /** Offset of the sentence in the passage. */
  start: number;
}

export function splitSentences(passage: string): Sentence[] {
  const sentences: Sentence[] = [];
  const boundary = /[.!?]["”’)\]]*(?=\s+["“‘(\[]?[\p{Lu}\p{N}])/gu;
  let start = 0;
  for (const match of passage.matchAll(boundary)) {
    const end = match.index + match[0].length;
    const before = passage.slice(start, match.index);
    const lastWord = /([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
    if (match[0].startsWith('.') && isAbbreviation(lastWord)) continue;
    pushTrimmed(sentences, passage, start, end);
    start = end;
  }
  pushTrimmed(sentences, passage, start, passage.length);
  return sentences;
}

function isAbbreviation(word: string): boolean {
  if (word.length === 1) return true; // an initial: "Donald J. Trump"
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true; // "U.S", "U.A.E" before the final stop
  return ABBREVIATIONS.has(word.toLowerCase());
}

function pushTrimmed(out: Sentence[], passage: string, start: number, end: number): void {
  const raw = passage.slice(start, end);
  const leading = raw.length - raw.trimStart().length;
  const text = raw.trim();
  if (text) out.push({ text, start: start + leading });
}
