/** Whether two folded, stemmed terms are the same word: equal, an inflection, or one typo. */

/**
 * Two folded, stemmed terms match when equal, when one inflects the other, or by one typo in a
 * long word. Called for every pair of question and passage terms, so it allocates nothing.
 */
export function termsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = a.length <= b.length ? a : b;
  const longer = a.length <= b.length ? b : a;
  // Every rule below needs four letters or more in the shorter term.
  if (shorter.length < 4) return false;
  if ((isDigit(shorter.charCodeAt(0)) && /^\d+$/.test(shorter)) || (isDigit(longer.charCodeAt(0)) && /^\d+$/.test(longer))) return false;
  const common = commonPrefixLength(shorter, longer);
  const extra = longer.length - shorter.length;
  // An inflection: "sign"/"signs", "normaliz"/"normalizing"; short stems only take one more letter,
  // so "stat" (states) does not meet "status".
  if (common === shorter.length && ((shorter.length >= 5 && extra <= 3) || extra <= 1)) return true;
  // Two derivations of one word: "diversify" and "diversification" share "diversif".
  if (common >= 6 && common >= shorter.length * 0.75) return true;
  // One typo: what the common beginning and the common ending leave must be one letter at most.
  return shorter.length >= 6 && extra <= 1 && common + commonSuffixLength(shorter, longer, common) >= longer.length - 1;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Letters shared at the end of `a` and `b`, not reaching back into their first `prefix` letters. */
function commonSuffixLength(a: string, b: string, prefix: number): number {
  let i = 0;
  while (i < a.length - prefix && i < b.length - prefix && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}
