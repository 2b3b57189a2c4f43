/**
 * Text normalisation shared by the index, entity matching and extraction, so that a word is
 * folded the same way wherever it is compared.
 */

import { eng as englishStopWords } from 'stopword';

const COMBINING_MARKS = /\p{M}+/gu;
/** Apostrophes inside a word are dropped so that "Sa'ar" and "Saar", "Shi'ite" and "Shiite" meet. */
const INNER_APOSTROPHE = /(?<=[\p{L}\p{N}])['’ʼ‘`´](?=[\p{L}\p{N}])/gu;
/** Dotted acronyms ("U.S.", "U.A.E.") become one word ("us", "uae"). */
const DOTTED_ACRONYM = /\b(?:\p{L}\.){2,}/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cases, removes diacritics (é → e, й stays a letter), folds apostrophes and dotted acronyms. */
export function fold(text: string): string {
  // Marks go first: a letter with a mark ("שׁ") must count as a letter for the apostrophe rule in
  // the first pass as in the second, or folding twice would differ from folding once.
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(DOTTED_ACRONYM, (m) => m.replace(/\./g, ''))
    .replace(INNER_APOSTROPHE, '')
    .normalize('NFC')
    .toLowerCase()
    // Cyrillic short i and yo lose their marks under NFKD; that is the folding we want for matching.
    .replace(/ё/g, 'е');
}

/** A model name such as "F-35" or "Су-57" as one word, not a letter and a number (so are "F-35s"). */
const MODEL_NAME = /(?<![\p{L}\p{N}])(\p{L}{1,2})-(\d{1,4}s?)(?![\p{L}\p{N}])/gu;

/** Folded text with model names joined into one word ("f-35" → "f35"). */
export function joinModelNames(folded: string): string {
  return folded.replace(MODEL_NAME, '$1$2');
}

/** Folded words of a text, in order. */
export function words(text: string): string[] {
  return joinModelNames(fold(text)).match(WORD) ?? [];
}

/**
 * Words of the `stopword` package's English list that the engine reads for meaning: negation,
 * order in time, comparison, quantity and place ("never ratified", "the only member", "between
 * them", "since 1992", "all members"), so they stay content words.
 */
const LOGIC_WORDS = new Set('never only same other another since between over under out up all each both because take came come'.split(' '));

/**
 * Words that carry no meaning for retrieval: the `stopword` package's English list (less the words
 * above), and our own additions (question frames, chat contractions). Words such as "who", "when",
 * "not" and "first" matter to intent or to the answer and are handled there, not dropped here.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  ...englishStopWords.filter((w) => !LOGIC_WORDS.has(w)),
  ...(
    'a an and are as at be been being but by can could did do does for from had has have he her his ' +
    'how i if in into is it its me my of on or our she so than that the their them then there these ' +
    'they this those to us was we were what when where which while who whom whose why will with would ' +
    'you your about any also after before did does just such very much many more most some ' +
    'according say says said tell know please make made get got gets getting go goes going used might may must shall ' +
    // Contractions lose their apostrophe when folded ("i've" → "ive").
    'ive im id ill youre youve theyre weve thats whats whos wheres hows lets ' +
    // Negated auxiliaries frame the question; the yes/no logic reads negation from the raw text.
    'didnt doesnt dont isnt arent wasnt werent hasnt havent hadnt wont cant couldnt shouldnt wouldnt ' +
    // Prefixes split off by a hyphen ("anti-Israel", "pro-Western") carry no topic of their own.
    'anti pro non ex ' +
    // Degree and hedge adverbs, and verbs that only attribute a view ("why is X considered mostly
    // symbolic?" asks why X is symbolic): a source says "largely", an asker "mostly".
    'ever mostly largely mainly primarily chiefly partly partially somewhat fairly quite rather truly essentially generally ' +
    'considered regarded deemed viewed'
  ).split(' '),
]);

/** Irregular past forms, so "lost" meets "lose" and "held" meets "hold". */
const IRREGULAR: Record<string, string> = {
  lost: 'lose', held: 'hold', took: 'take', taken: 'take', gave: 'give', given: 'give', met: 'meet', told: 'tell',
  sent: 'send', led: 'lead', won: 'win', brought: 'bring', began: 'begin', begun: 'begin', became: 'become',
  came: 'come', chose: 'choose', chosen: 'choose', drew: 'draw', drawn: 'draw', fell: 'fall', fallen: 'fall',
  found: 'find', kept: 'keep', left: 'leave', meant: 'mean', paid: 'pay', ran: 'run', saw: 'see', seen: 'see',
  sold: 'sell', spoke: 'speak', spoken: 'speak', stood: 'stand', struck: 'strike', thought: 'think', wrote: 'write',
  written: 'write', broke: 'break', broken: 'break', spent: 'spend', built: 'build', felt: 'feel', fought: 'fight',
  sought: 'seek', bought: 'buy', known: 'know', knew: 'know', shown: 'show', grew: 'grow', grown: 'grow',
  flew: 'fly', flown: 'fly', rose: 'rise', risen: 'rise', wore: 'wear', went: 'go', gone: 'go', signalled: 'signal',
};

/** British spellings folded to American before stemming, so "normalise" meets "normalize". */
function americanize(word: string): string {
  return word.replace(/is(ation|e|ed|es|ing)$/, 'iz$1');
}

/**
 * Light English stemming, for matching only: a plural ending, then one inflection or common
 * derivation ("joined", "joining" → "join"; "normalization", "normalised" → "normaliz").
 */
export function stem(word: string): string {
  if (IRREGULAR[word]) return stem(IRREGULAR[word]);
  // A model name's plural is the model: "f35s" → "f35".
  if (/^[a-z]{1,3}\d+s$/.test(word)) return word.slice(0, -1);
  if (word.length <= 3 || !/^[a-z]+$/.test(word)) return word;
  // Short "-ie" verbs: "tied"/"tying" → "tie", "died"/"dying" → "die" (as Snowball's English stemmer does).
  if (/^[a-z]{1,2}(?:ying|ied)$/.test(word)) return word.replace(/(?:ying|ied)$/, 'ie');
  let w = americanize(word);
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  for (const [suffix, replacement] of DERIVATIONS) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length) + replacement;
      break;
    }
  }
  return w;
}

const DERIVATIONS: [string, string][] = [
  ['ization', 'iz'],
  ['ation', ''],
  ['ing', ''],
  ['ied', 'y'],
  ['ed', ''],
  ['e', ''],
];

/** The folded, stemmed, stop-word-free terms of a text: what the index and the scorer compare. */
export function terms(text: string): string[] {
  // A stop word's inflections are stop words too ("went", "gone" as "go").
  return words(text)
    .filter((w) => !STOP_WORDS.has(w))
    .map(stem)
    .filter((t) => !STOP_WORDS.has(t));
}

/** Two rows of the edit-distance table, reused so that a comparison allocates nothing. */
let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/** Classic Levenshtein distance with an early exit once `max` is exceeded (then any value above `max`). */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0 || lb === 0) return Math.max(la, lb);
  if (previousRow.length <= lb) {
    previousRow = new Int32Array(lb * 2);
    currentRow = new Int32Array(lb * 2);
  }
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= lb; j++) previous[j] = j;
  for (let i = 1; i <= la; i++) {
    const ca = a.charCodeAt(i - 1);
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= lb; j++) {
      const substitution = previous[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const deletion = previous[j]! + 1;
      const insertion = current[j - 1]! + 1;
      const value = substitution < deletion ? (substitution < insertion ? substitution : insertion) : deletion < insertion ? deletion : insertion;
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[lb]!;
}
