/** Whether two folded, stemmed terms are the same word: equal, an inflection, or one typo. */
import { editDistance } from './normalize.ts';

/** Two folded, stemmed terms match when equal, when one inflects the other, or by one typo in a long word. */
export function termsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = a.length <= b.length ? a : b;
  const longer = a.length <= b.length ? b : a;
  if (/^\d+$/.test(shorter) || /^\d+$/.test(longer)) return false;
  // An inflection: "sign"/"signs", "normaliz"/"normalizing"; short stems only take one more letter,
  // so "stat" (states) does not meet "status".
  if (longer.startsWith(shorter) && ((shorter.length >= 5 && longer.length - shorter.length <= 3) || (shorter.length >= 4 && longer.length - shorter.length <= 1))) return true;
  // Two derivations of one word: "diversify" and "diversification" share "diversif".
  const common = commonPrefixLength(a, b);
  if (common >= 6 && common >= shorter.length * 0.75) return true;
  return shorter.length >= 6 && editDistance(a, b, 1) <= 1;
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

