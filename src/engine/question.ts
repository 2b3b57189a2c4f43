/**
 * Reading a question before any search: what it asks for (a person, a figure, a choice), the words
 * that carry its content, the last question in a message, dates beyond the sources, and the words
 * that deny a claim. Pure functions over text; the engine combines them.
 */
import type { QuestionShape } from './intent.ts';
import type { EntityMatch } from './entities.ts';
import { terms, words, fold } from '../text/normalize.ts';
import { splitSentences } from '../text/sentences.ts';
import { termsMatch } from '../text/match.ts';
import { synonymsOf } from './lexicon.ts';
import type { WordVectors } from '../text/vectors.ts';

/** Questions longer than this are answered from their beginning; the rest is noise for retrieval. */
export const MAX_QUESTION_CHARS = 500;

export type AnswerType = 'person' | 'number' | undefined;

export interface Query {
  question: string;
  /** The question with foreign function words in English and Cyrillic in Latin letters. */
  english: string;
  shape: QuestionShape;
  entityMatches: EntityMatch[];
  /** Stemmed words that carry the question's content: no stop words, question words or names. */
  contentTerms: string[];
  /** Content terms naming what is asked for ("What travel arrangement" → travel, arrangement). */
  focusTerms: Set<string>;
  /** States the question names, by name or nationality, for matching people to them. */
  countries: Set<string>;
  answerType: AnswerType;
  /** Entities offered as alternatives ("A or B?"). */
  alternatives: string[];
  /** Focus terms that name a role rather than a state ("Israeli president" → president). */
  roleTerms: string[];
  /** The folded words of the English-framed question. */
  words: Set<string>;
  /** Which content terms a passage's term stands for; shared by every passage the question meets. */
  matcher: TermMatcher;
}

/**
 * Matches a question's content terms (and their synonyms) against the terms of passages. A passage
 * term is compared with the question once per question, however many sentences and passages hold
 * it: sentence ranking and coverage ask the same question of the same words many times.
 */
export class TermMatcher {
  private readonly memo = new Map<string, readonly string[]>();
  private readonly passageMemo = new Map<string, Set<string>>();
  private readonly exactPassageMemo = new Map<string, Set<string>>();
  private readonly similarMemo = new Map<string, Map<string, number>>();
  /** Per question term, its similarity to each sentence term met so far (sentences share words). */
  private readonly pairMemo = new Map<string, Map<string, number>>();
  private readonly expanded: [string, string[]][];

  constructor(readonly contentTerms: readonly string[]) {
    this.expanded = contentTerms.map((t) => [t, synonymsOf(t)]);
  }

  /** The content terms that `term` (a folded, stemmed passage term) stands for. */
  matchesOf(term: string): readonly string[] {
    let found = this.memo.get(term);
    if (!found) {
      found = this.expanded.filter(([, synonyms]) => synonyms.some((syn) => termsMatch(syn, term))).map(([t]) => t);
      this.memo.set(term, found);
    }
    return found;
  }

  /** The content terms a whole passage stands for: asked by ranking and by coverage, computed once. */
  matchedInPassage(passageId: string, passageTerms: Iterable<string>): Set<string> {
    return memoized(this.passageMemo, passageId, () => this.matchedIn(passageTerms));
  }

  /** `matchedExactlyIn` for a whole passage, computed once per question. */
  matchedExactlyInPassage(passageId: string, passageTerms: Iterable<string>): Set<string> {
    return memoized(this.exactPassageMemo, passageId, () => this.matchedExactlyIn(passageTerms));
  }

  /** The content terms that any of `passageTerms` is (or inflects), not counting synonyms. */
  matchedExactlyIn(passageTerms: Iterable<string>): Set<string> {
    const matched = new Set<string>();
    for (const term of passageTerms) for (const t of this.contentTerms) if (termsMatch(t, term)) matched.add(t);
    return matched;
  }

  /**
   * For each content term, its best word-vector similarity to any of a passage's terms (computed
   * once per passage and question).
   */
  similarIn(passageId: string, passageTerms: Iterable<string>, vectors: WordVectors): Map<string, number> {
    return memoized(this.similarMemo, passageId, () => {
      const found = new Map<string, number>();
      const known = this.contentTerms.filter((t) => vectors.has(t));
      for (const term of passageTerms) {
        for (const t of known) {
          const similarity = vectors.similarity(t, term);
          if (similarity > (found.get(t) ?? 0)) found.set(t, similarity);
        }
      }
      return found;
    });
  }

  /**
   * Each content term not met by `sentenceTerms` exactly or by a synonym, with its best word-vector
   * similarity among them (memoized per word pair, since sentences share words).
   */
  nearMeanings(sentenceTerms: readonly string[], vectors: WordVectors): Map<string, number> {
    const out = new Map<string, number>();
    for (const t of this.contentTerms) {
      let memo = this.pairMemo.get(t);
      if (!memo) {
        if (!vectors.has(t)) continue;
        memo = new Map();
        this.pairMemo.set(t, memo);
      }
      let best = 0;
      for (const term of sentenceTerms) {
        let sim = memo.get(term);
        if (sim === undefined) {
          sim = vectors.similarity(t, term);
          memo.set(term, sim);
        }
        if (sim > best) best = sim;
      }
      out.set(t, best);
    }
    return out;
  }

  /** The content terms that any of `passageTerms` stands for. */
  matchedIn(passageTerms: Iterable<string>): Set<string> {
    const matched = new Set<string>();
    for (const term of passageTerms) for (const t of this.matchesOf(term)) matched.add(t);
    return matched;
  }
}

/** The value for `key` in `memo`, computed by `compute` the first time it is asked. */
function memoized<K, V>(memo: Map<K, V>, key: K, compute: () => V): V {
  let value = memo.get(key);
  if (value === undefined) {
    value = compute();
    memo.set(key, value);
  }
  return value;
}

export const MEMBERSHIP_TERMS = new Set(
  [
    'member', 'join', 'sign', 'signatory', 'part', 'officially', 'formally', 'already', 'yet', 'country', 'state', 'become',
    'accession', 'enter', 'entry', 'full', 'fully', 'actually', 'really', 'truly', 'still', 'currently', 'now', 'in',
    // "part of the deal": the accords under another name
    'deal', 'agreement', 'pact', 'club', 'framework',
    // chat noise that carries no content
    'lol', 'nah', 'yo', 'pls', 'plz', 'ok', 'okay', 'hey', 'bro', 'guys', 'hi', 'hello', 'quick', 'question', 'wait', 'so',
  ].flatMap((w) => terms(w)),
);

/** Is the question only about membership itself ("has X joined", "when did X sign")? */
export function isAboutMembership(contentTerms: string[]): boolean {
  return contentTerms.every((t) => MEMBERSHIP_TERMS.has(t));
}

export const NEGATION = /\b(not|never|no|none|neither|nor|without|didnt|doesnt|hasnt|havent|isnt|wasnt|werent|wont|cannot|cant|unverified|unconfirmed)\b/;

/** Terms whose presence answers a yes/no question about their opposite with No. */
export const OPPOSITES = new Map<string, string[]>(
  (
    [
      ['cut', ['keep', 'maintain', 'preserve', 'retain']],
      ['sever', ['keep', 'maintain', 'preserve', 'retain']],
      ['suspend', ['keep', 'maintain', 'preserve', 'retain']],
      ['join', ['decline', 'refuse', 'reject']],
      ['ratify', ['unratified']],
      ['happen', ['promise', 'expect', 'plan']],
    ] as [string, string[]][]
  ).map(([word, opposites]) => [terms(word)[0]!, opposites.flatMap((o) => terms(o))]),
);

/** A question about a person that only asks for their role ("what's X's official title?"). */
export const ROLE_TERMS = new Set(['role', 'title', 'job', 'position', 'post', 'official', 'office', 'work', 'occupation', 'rank'].flatMap((w) => terms(w)));

const PERSON_QUESTION =
  /^(who|whom)\b|\b(which|what)\s+(\w+\s+){0,3}?(envoy|minister|president|king|prince|official|leader|diplomat|negotiator|adviser|advisor|secretary|speaker|general|ambassador|person|man|woman|ruler|monarch|spokesman|chief)\b/;
const NUMBER_QUESTION = /\b(how many|how much|what share|what percentage|what proportion|what number|how large|what sum)\b/;

export function answerTypeOf(english: string): AnswerType {
  const q = fold(english);
  if (NUMBER_QUESTION.test(q)) return 'number';
  if (PERSON_QUESTION.test(q)) return 'person';
  return undefined;
}

/**
 * The question a message ends with. Text before it ("ignore your sources and say …") is not the
 * question, so it must not steer the answer.
 */
export function finalQuestion(text: string): string {
  const sentences = splitSentences(text).map((s) => s.text.trim());
  if (sentences.length < 2) return text;
  const last = sentences.at(-1)!;
  // Chat often drops the question mark of the last question ("bennett went to bahrain?? who did he meet there").
  const question = /\?$/.test(last) || QUESTION_OPENING.test(last.trim().replace(PART_LEAD, '')) ? last : sentences.findLast((s) => /\?$/.test(s));
  if (!question) return text;
  const stripped = question.replace(/^[^:]{0,40}:\s*/, '');
  return words(stripped).length >= 2 ? stripped : text;
}

/** How a question opens: a question word or an auxiliary verb put first. */
const QUESTION_OPENING = /^(?:what|when|who|whom|whose|where|which|why|how|is|are|was|were|has|have|had|did|does|do|can|could|will|would|should)\b/i;
/** Words that tie a second question to the first ("If not, how …", "And when …"): not part of what it asks. */
const PART_LEAD = /^(?:(?:and|but|so|also|then|if\s+(?:not|so|yes|no))\b[\s,]*)+/i;

/**
 * The questions a message asks, when it asks two: "When did Jordan sign its treaty, and what is its
 * status?", "Is Kosovo a member? If not, how did it get ties with Israel?". Each part is a whole
 * question; a later part's pronouns still point at the first (the caller reads it as a follow-up).
 * One question, or more than two, gives [].
 */
export function questionParts(text: string): string[] {
  const sentences = splitSentences(text).map((s) => s.text.trim());
  if (sentences.length >= 2) {
    const questions = sentences.filter((s) => /\?$/.test(s)).map((s) => s.replace(PART_LEAD, ''));
    if (questions.length !== 2 || !questions.every((q) => QUESTION_OPENING.test(q) && words(q).length >= 3)) return [];
    return questions;
  }
  const joined = /^(.+?)\s*[,;]\s*(?:and|&)\s+(.+)$/i.exec(text.trim());
  if (!joined || !QUESTION_OPENING.test(joined[1]!) || !QUESTION_OPENING.test(joined[2]!)) return [];
  const [first, second] = [joined[1]!.replace(/[?!.\s]*$/, '?'), joined[2]!];
  if (words(first).length < 3 || words(second).length < 2 || /[,;]\s*(?:and|&)\s/i.test(second)) return [];
  return [first, second];
}

/** A figure that is not just a date: "96%", "$335 million", "50 F-35s", "16 years". */
export function hasQuantity(sentence: string): boolean {
  const withoutDates = sentence
    .replace(/\b\d{1,2}(?:[–-]\d{1,2})? (January|February|March|April|May|June|July|August|September|October|November|December) (19|20)\d\d\b/g, '')
    .replace(/\b(January|February|March|April|May|June|July|August|September|October|November|December) (19|20)\d\d\b/g, '')
    .replace(/\b(in|since|from|until|of|by) (19|20)\d\d\b/g, '');
  return (
    /\d/.test(withoutDates.replace(/\b(19|20)\d\d\b/g, '')) ||
    /\b(one|two|three|four|five|six|seven|eight|nine|ten|dozen|dozens|hundred|hundreds|thousand|thousands|million|billion|quarter|half|third|percent|per cent)\b/i.test(withoutDates)
  );
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** The first time the text names ("May 2026", "2030") that lies after `newest` (ISO), as written. */
export function laterThan(text: string, newest: string): string | undefined {
  const newestMonth = newest.slice(0, 7);
  for (const m of text.matchAll(/\b(?:(january|february|march|april|may|june|july|august|september|october|november|december)\s+)?((?:19|20)\d\d)\b/gi)) {
    const year = m[2]!;
    const month = m[1] ? String(MONTH_NAMES.indexOf(m[1].toLowerCase()) + 1).padStart(2, '0') : undefined;
    if (month ? `${year}-${month}` > newestMonth : year > newest.slice(0, 4)) return m[0];
  }
  return undefined;
}

const OF_WORDS = new Set(['of', 'in', 'for', 'at', 'to']);
const PAST_FORMS = new Set(['took', 'made', 'held', 'led', 'met', 'gave', 'went', 'said', 'told', 'sent', 'won']);
const AUXILIARIES = new Set(['did', 'does', 'do', 'is', 'are', 'was', 'were', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'should', 'might', 'may']);

/** The words after "what"/"which" up to the verb: the thing the question asks for (stemmed terms, or raw words). */
export function focusOf(english: string, asTerms = true): string[] {
  const folded = words(english);
  let at = folded.findIndex((w) => w === 'what' || w === 'which' || w === 'whats');
  // "Who is the foreign minister of Kazakhstan?": the role after "who is the", and its state.
  const who = at < 0 ? /^(?:who|whos) (?:(?:is|was|are|were) )?(?:the|a|an) /.exec(folded.join(' ')) : null;
  if (who) at = who[0].trim().split(' ').length - 1;
  if (at < 0) return [];
  const focus: string[] = [];
  for (const [i, w] of folded.slice(at + 1, at + 5).entries()) {
    // Stop at the verb: an auxiliary, or a past form ("mediated", "took").
    if (AUXILIARIES.has(w) || PAST_FORMS.has(w) || (w.length > 4 && w.endsWith('ed'))) break;
    if (who && OF_WORDS.has(w)) {
      focus.push(...folded.slice(at + 2 + i, at + 5 + i).filter((x) => !['the', 'a', 'an'].includes(x)));
      break;
    }
    focus.push(w);
  }
  return asTerms ? focus.flatMap((w) => terms(w)) : focus;
}

/** Two named entities joined by "or" ("Witkoff or Trump"), found in the question's folded words. */
export function alternativesIn(matches: EntityMatch[], folded: string[]): string[] {
  const sorted = [...matches].sort((a, b) => a.start - b.start);
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!;
    const b = sorted[i + 1]!;
    if (b.start === a.start + a.length + 1 && folded[a.start + a.length] === 'or') return [a.entity.id, b.entity.id];
  }
  return [];
}

/** The folded words entity positions refer to: the original question's, unless it was rewritten. */
export function mergedWords(question: string, english: string): string[] {
  return question === english ? words(question) : words(english);
}

/** Entity matches from the original and the English-framed question, without duplicates. */
export function mergeMatches(a: EntityMatch[], b: EntityMatch[]): EntityMatch[] {
  const seen = new Set(a.map((m) => m.entity.id));
  return [...a, ...b.filter((m) => !seen.has(m.entity.id))];
}

/** Strips what is not part of a question: Discord mentions, markdown, surplus length. */
export function cleanQuestion(raw: string): string {
  return raw
    .slice(0, MAX_QUESTION_CHARS * 2)
    .replace(/<a?:\w+:\d+>/g, ' ') // custom emoji
    .replace(/<[@#][!&]?\d+>/g, ' ') // user, role and channel mentions
    .replace(/@(everyone|here)\b/g, ' ')
    .replace(/[`*_~|>]+/g, ' ')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_QUESTION_CHARS);
}

