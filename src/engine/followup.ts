/**
 * Follow-up questions: a question that leans on the one before it ("and Bahrain?", "who signed for
 * them?", "why?") is rewritten as a whole question, with the previous question's state or person
 * or its aspect. Conversations are kept per asker and place (user and channel on Discord, the
 * session in the console), for a few minutes, in memory only.
 */
import type { EntityMatch, EntityResolver } from './entities.ts';
import { words } from '../text/normalize.ts';

/** How long a question stays the context of the next one. */
export const FOLLOW_UP_WINDOW_MS = 5 * 60_000;
/** Conversations kept at once; the oldest is dropped first. */
export const MAX_CONVERSATIONS = 10_000;

/** Words around a new name that ask nothing new: "and Bahrain?", "what about Oman", "et le Maroc ?". */
const SWAP_FILLER = new Set([
  'and', 'what', 'about', 'how', 'then', 'also', 'too', 'same', 'for', 'the', 'of', 'with', 'or', 'now', 'ok', 'so', 'but',
  'а', 'и', 'что', 'насчет', 'насчёт', 'как', 'про', 'с', 'тоже', 'et', 'le', 'la', 'les', 'pour', 'y', 'el', 'los', 'para',
  'und', 'was', 'ist', 'mit', 'e', 'o', 'al', 'du', 'de', 'ва', 'ше', 'және', 'ал', 'و', 'ماذا', 'عن', 'ו', 'מה', 'לגבי',
]);
/** "Did Sudan get something similar?", "same for Oman?": the previous question, asked of the new name. */
const SAMENESS = new Set(['similar', 'similarly', 'same', 'something', 'anything', 'likewise', 'alike', 'too', 'also', 'as', 'well', 'thing', 'deal', 'one']);
const AUXILIARIES = new Set(['did', 'does', 'do', 'is', 'are', 'was', 'were', 'has', 'have', 'had', 'get', 'got', 'gets', 'receive', 'received']);
/** Names said with "the" in English: "the United States", "the United Arab Emirates", "the Netherlands". */
const TAKES_THE = /^(?:United|Republic|Kingdom|State of|Netherlands|Philippines|Gambia|Bahamas|Vatican)\b|s$/;
/** Pronouns that point back at the previous question's state or person. */
const POINTERS = new Set(['they', 'them', 'it', 'he', 'him', 'she', 'there', 'theirs']);
const POSSESSIVES = new Set(['their', 'its', 'his', 'her']);
/** A bare aspect: "when?", "why tho", "who signed?", "where was it". */
const BARE_ASPECT = /^(when|why|who|where|how|what)\b/;
const MAX_BARE_ASPECT_WORDS = 4;
/** Words of an aspect asked on its own: "since when?", "why tho", "and where exactly?". */
const ASPECT_FILLER = new Set(['and', 'but', 'so', 'then', 'tho', 'though', 'exactly', 'again', 'precisely']);
const ASPECT_ONLY = new Set(['when', 'why', 'where', 'how', 'since', 'long', 'come', ...ASPECT_FILLER]);
/** A question's body after its question word, or all of a yes/no question: what a bare aspect asks about. */
const PREVIOUS_BODY = /^(?:(?:when|why|where|how|who|what|which)\s+)?((?:is|are|was|were|has|have|had|did|does|do|can|could|will|would)\b.+)$/i;
const MAX_SHORT_FOLLOW_UP_WORDS = 6;

export interface PreviousQuestion {
  /** The previous question, as it was answered (itself rewritten if it was a follow-up). */
  text: string;
  at: number;
}

/**
 * The question to answer, given the previous one: a whole question when `question` leans on
 * `previous`, otherwise `question` itself.
 */
export function readFollowUp(question: string, previous: string, resolver: EntityResolver): string {
  // The previous turn is its question, then (after a tab) the subject its answer was about, if the
  // question named none ("which is the newest?" → Kazakhstan).
  const [previousQuestion = '', answerSubject] = previous.split('\t');
  let before = resolver.find(previousQuestion).filter(isFirm);
  if (before.length === 0 && answerSubject) before = resolver.find(answerSubject).filter(isFirm).slice(0, 1);
  if (before.length === 0) return question;
  previous = previousQuestion || answerSubject!;
  const now = resolver.find(question).filter(isFirm);
  const tokens = words(question);
  if (tokens.length === 0) return question;

  if (now.length > 0) {
    // "and Bahrain?": nothing but new names and filler; ask the previous question of them.
    const named = new Set(now.flatMap((m) => Array.from({ length: m.length }, (_, i) => m.start + i)));
    const rest = tokens.filter((w, i) => !named.has(i) && !SWAP_FILLER.has(w));
    const sameAsBefore = rest.some((w) => SAMENESS.has(w)) && rest.every((w) => SAMENESS.has(w) || AUXILIARIES.has(w));
    if (rest.length > 0 && !sameAsBefore) return question;
    return swapInText(previous, before, now) ?? swapNames(words(previous), before, now) ?? question;
  }

  const subject = before[0]!.entity.name;
  if (tokens.some((w) => POINTERS.has(w) || POSSESSIVES.has(w))) {
    // "who signed for them?": the pronoun stands for the previous question's subject.
    const rewritten = question.replace(/[\p{L}']+/gu, (w) => {
      const lower = w.toLowerCase();
      if (POSSESSIVES.has(lower)) return `${subject}'s`;
      if (POINTERS.has(lower)) return lower === 'there' ? `in ${subject}` : subject;
      return w;
    });
    return rewritten;
  }
  if (tokens.every((w) => ASPECT_ONLY.has(w)) && tokens.some((w) => BARE_ASPECT.test(w)) && previousQuestion && /^[\x00-\x7F]*$/.test(previousQuestion)) {
    // "since when?" after "does Kazakhstan have ties with Israel?": the previous question, asked for
    // this aspect ("since when does Kazakhstan have ties with Israel?").
    const body = PREVIOUS_BODY.exec(previousQuestion.trim().replace(/[?!.\s]+$/, ''))?.[1];
    const aspect = tokens.filter((w) => !ASPECT_FILLER.has(w));
    // Chat reading puts a trailing question word first ("since when" may arrive as "when since").
    const asked = aspect.includes('since') && aspect.includes('when') ? 'since when' : aspect.join(' ');
    if (body) return `${asked} ${body}?`;
  }
  if (tokens.length <= MAX_BARE_ASPECT_WORDS && BARE_ASPECT.test(tokens[0]!)) {
    // "why?", "when tho": the aspect asked of the previous subject.
    return `${question.replace(/[?!.\s]+$/, '')} ${subject}?`;
  }
  if (tokens.length <= MAX_SHORT_FOLLOW_UP_WORDS && !/^[\x00-\x7F]*$/.test(question)) {
    // A short question in another language, whose pronoun is often part of a word ("ومن وقع عنها؟",
    // "а кто подписал?"): asked of the previous subject.
    return `${question.replace(/[?!.\s]+$/, '')} ${subject}?`;
  }
  return question;
}

/** Typos are good enough to answer but not to carry a conversation: "and also" is not a name. */
function isFirm(match: EntityMatch): boolean {
  return match.type !== 'fuzzy' || match.span.length >= 5;
}

/** The new name for each previous one: same kind for same kind, or the one for the one. */
function replacementsFor(before: EntityMatch[], now: EntityMatch[]): Map<EntityMatch, EntityMatch> {
  const out = new Map<EntityMatch, EntityMatch>();
  const used = new Set<EntityMatch>();
  for (const target of before) {
    const replacement = now.find((m) => !used.has(m) && m.entity.type === target.entity.type) ?? (now.length === 1 && before.length === 1 ? now[0] : undefined);
    if (!replacement) continue;
    used.add(replacement);
    out.set(target, replacement);
  }
  return out;
}

/**
 * The previous question as it was written, with its names replaced ("Quand le Maroc a-t-il
 * rejoint …" → "Quand le Sudan a-t-il rejoint …"), so that its language and form are kept.
 */
function swapInText(previous: string, before: EntityMatch[], now: EntityMatch[]): string | undefined {
  // The written words, found as normalize.words finds them, with where each stands in the text.
  const found = [...previous.matchAll(/[\p{L}\p{N}]+(?:['’ʼ‘`´][\p{L}\p{N}]+)*/gu)];
  if (found.length !== words(previous).length) return undefined;
  let text = previous;
  const swaps = [...replacementsFor(before, now)].sort(([a], [b]) => b.start - a.start);
  if (swaps.length === 0) return undefined;
  for (const [target, replacement] of swaps) {
    const first = found[target.start];
    const last = found[target.start + target.length - 1];
    if (!first || !last) return undefined;
    // "the UAE" → "Bahrain", not "the Bahrain": an English article goes with names that take one.
    let start = first.index!;
    const article = /\bthe\s+$/i.exec(text.slice(0, start));
    if (article && !TAKES_THE.test(replacement.entity.name)) start -= article[0].length;
    text = text.slice(0, start) + replacement.entity.name + text.slice(last.index! + last[0].length);
  }
  return text;
}

/** The previous question's words with its names replaced by the new ones, same kind for same kind. */
function swapNames(prevWords: string[], before: EntityMatch[], now: EntityMatch[]): string | undefined {
  const out = [...prevWords];
  // Replace from the end so earlier positions stay valid.
  const swaps = [...replacementsFor(before, now)].sort(([a], [b]) => b.start - a.start);
  for (const [target, replacement] of swaps) out.splice(target.start, target.length, replacement.entity.name);
  return swaps.length ? `${out.join(' ')}?` : undefined;
}

/** The last question per conversation, forgotten after `windowMs`. */
export class Conversations {
  private readonly last = new Map<string, PreviousQuestion>();

  constructor(
    private readonly windowMs = FOLLOW_UP_WINDOW_MS,
    private readonly maxConversations = MAX_CONVERSATIONS,
    private readonly now: () => number = Date.now,
  ) {}

  previous(key: string): string | undefined {
    const entry = this.last.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.windowMs) {
      this.last.delete(key);
      return undefined;
    }
    return entry.text;
  }

  remember(key: string, text: string): void {
    this.last.delete(key);
    this.last.set(key, { text, at: this.now() });
    if (this.last.size > this.maxConversations) this.last.delete(this.last.keys().next().value!);
  }

  forget(key: string): void {
    this.last.delete(key);
  }
}
