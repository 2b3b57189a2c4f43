/**
 * The transport-neutral answer: what every renderer (console text, JSON, Discord embed) draws
 * from. Nothing here knows about Discord.
 */
import type { Corpus, Passage, PassageSentence } from '../corpus/model.ts';
import { bySource } from '../corpus/support.ts';

export type AnswerKind =
  | 'answer'
  | 'list'
  | 'profile'
  | 'timeline'
  | 'source'
  | 'about'
  | 'help'
  | 'chat'
  | 'admin'
  | 'no_answer'
  | 'error';

/**
 * How a source stands to what it is cited for: it supports a sentence of the answer, it made the
 * claim that a sentence corrects, or it backs a structured field (a date, a role) shown in the answer.
 */
export type CitationRole = 'support' | 'refuted' | 'field';

export interface Citation {
  /** 1-based number, as shown in the answer text: [1], [2], … */
  n: number;
  /** The cited passage. */
  passageId: string;
  sourceId: string;
  title: string;
  publisher: string | null;
  /** The source's publication date (ISO, possibly partial), or null. */
  date: string | null;
  url: string | null;
  role: CitationRole;
  /** The source's own words, verbatim from its page (several excerpts joined by " … "). */
  quote: string;
  /** What the answer shows that this source is cited for: our sentences, or a statement built from fields. */
  sentences: string[];
  /**
   * The passage sentences this source supports (or, for "refuted", corrects) behind what is shown:
   * the same as `sentences` when a sentence is shown verbatim; the sentence that states a field's
   * value when the answer shows that value in its own words (a list line). Empty for "field".
   */
  basis: string[];
  /** For role "field": the field path, such as "announced" or "roles[0].to". */
  field?: string;
}

/**
 * An image that goes with an answer, named by what it shows, not drawn: the transports draw it
 * from the corpus (src/images/figures.ts), so the engine never loads a renderer.
 */
export type Figure = { kind: 'members-map' } | { kind: 'timeline'; about?: string };

export interface Answer {
  kind: AnswerKind;
  /** The question or command as understood, restated for transports that hide the input. */
  query: string;
  /** The reply's main text, with citation markers such as [1]. */
  text: string;
  citations: Citation[];
  /** "Did you mean" suggestions, for no_answer and unknown names. */
  suggestions?: string[];
  /** The newest as-of date the answer rests on, where it describes a status that can change. */
  asOf?: string;
  /**
   * For an answer found by search: the IDF-weighted share of the question's content words its
   * passage has (decide.ts). Answers built from fields or profiles have none.
   */
  coverage?: number;
  /** Images that show what the text says (a map of the members, a timeline); the text stands without them. */
  figures?: Figure[];
  /** A follow-up read with the previous question's subject: the whole question that was answered. */
  understoodAs?: string;
}

/** The "(as of …)" an answer's text ends with, when what it says can change. */
const AS_OF_TAIL = /\s*\(as of [^)]*\)\s*$/;
/** One sentence of an answer's text with its citation markers ("… [1][2] (correcting [3])"). */
const CITED_SEGMENT = /(?:[^[]|\[\d+\]:\s)*?(?:\[\d+\])+(?:\s*\(correcting(?:\s*\[\d+\])+\))?(?=\s|$)/g;
/** A sentence most of whose words the first answer already says adds nothing to it. */
const REPEATED_WORDS_SHARE = 0.7;

function repeats(sentence: string, shownWords: ReadonlySet<string>): boolean {
  const own = (sentence.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 3);
  return own.length === 0 || own.filter((w) => shownWords.has(w)).length >= own.length * REPEATED_WORDS_SHARE;
}

/** A citation cut down to the sentences (and their bases) that `text` shows. */
function shownOnly(c: Citation, text: string): Citation {
  const kept = c.sentences.map((sentence, i) => [sentence, i] as const).filter(([sentence]) => text.includes(sentence));
  if (kept.length === c.sentences.length) return c;
  const basis = c.basis.length === c.sentences.length ? kept.map(([, i]) => c.basis[i]!) : c.basis;
  return { ...c, sentences: kept.map(([sentence]) => sentence), basis };
}

/** At most this many sentences of the second answer join the first (answers stay short). */
export const MAX_JOINED_SENTENCES = 2;

/**
 * One answer to a message that asks two questions: the first answer's text, then the sentences of
 * the second that the first does not already show (at most MAX_JOINED_SENTENCES), their citations
 * renumbered after the first's (a source cited by both keeps one number).
 */
export function joinAnswers(first: Answer, second: Answer): Answer {
  const firstText = first.text.replace(AS_OF_TAIL, '');
  const shownWords = new Set(firstText.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const plain = (segment: string) => segment.replace(/\s*(?:\[\d+\]|\(correcting[^)]*\))/g, '').trim();
  const added = (second.text.replace(AS_OF_TAIL, '').match(CITED_SEGMENT) ?? [])
    .map((segment) => segment.trim())
    .filter((segment) => !repeats(plain(segment), shownWords))
    .slice(0, MAX_JOINED_SENTENCES);
  if (added.length === 0) return first;
  const citations = first.citations.map((c) => ({ ...c }));
  const renumber = new Map<number, number>();
  const addedPlain = added.join(' ');
  const numberOf = (n: number): number => {
    const known = renumber.get(n);
    if (known !== undefined) return known;
    const c = shownOnly(second.citations.find((d) => d.n === n)!, addedPlain);
    const same = citations.find((d) => d.sourceId === c.sourceId && d.passageId === c.passageId && d.role === c.role && d.field === c.field);
    if (same) {
      same.sentences = [...new Set([...same.sentences, ...c.sentences])];
      same.basis = [...new Set([...same.basis, ...c.basis])];
      if (!same.quote.includes(c.quote)) same.quote = `${same.quote}${EXCERPT_JOIN}${c.quote}`;
      renumber.set(n, same.n);
      return same.n;
    }
    citations.push({ ...c, n: citations.length + 1 });
    renumber.set(n, citations.length);
    return citations.length;
  };
  const addedText = added.map((segment) => segment.replace(/\[(\d+)\]/g, (_marker, n: string) => `[${numberOf(Number(n))}]`)).join(' ');
  const asOf = [first.asOf, second.asOf].filter((d): d is string => Boolean(d)).sort().at(-1);
  const tail = asOf && (AS_OF_TAIL.test(first.text) || AS_OF_TAIL.test(second.text)) ? ` (as of ${formatDate(asOf)})` : '';
  return { ...first, text: `${firstText} ${addedText}${tail}`, citations, ...(asOf ? { asOf } : {}) };
}

/**
 * Collects citations for one answer. Each sentence is cited by the sources that support it, with
 * each source's own excerpt; a source cited for several sentences of one passage keeps one number.
 */
export class CitationBuilder {
  private readonly citations: Citation[] = [];
  private readonly byKey = new Map<string, Citation>();

  /** `maxSourcesPerSentence` keeps answers short; `/source` shows every source. */
  constructor(private readonly corpus: Corpus, private readonly maxSourcesPerSentence = 2) {}

  /**
   * Cites the sentences of `passage` that `span` covers (a whole sentence, or a run of them;
   * default the first sentence) and returns their markers, e.g. "[1][2]" or "[1] (correcting [2])".
   */
  cite(passage: Passage, span?: string, shownAs?: string): string {
    const sentences = sentencesCovering(passage, span);
    const support: number[] = [];
    const refuted: number[] = [];
    for (const sentence of sentences) {
      for (const [sourceId, excerpts] of [...bySource(sentence.support)].slice(0, this.maxSourcesPerSentence)) {
        support.push(this.add(passage, sourceId, 'support', excerpts, shownAs ?? sentence.text, sentence.text));
      }
      for (const [sourceId, excerpts] of [...bySource(sentence.corrects)]) {
        refuted.push(this.add(passage, sourceId, 'refuted', excerpts, shownAs ?? sentence.text, sentence.text));
      }
    }
    return markers(support, refuted);
  }

  /**
   * Cites what backs a structured field of the passage (`announced`, `signed`, `roles[1]`, `date`)
   * shown as `statement`: its field sources, or else the sentences that state the value. Returns
   * "" when nothing in the corpus backs it, so the caller can fall back to a sentence.
   */
  citeField(passage: Passage, field: string, statement: string, value?: string): string {
    const numbers: number[] = [];
    const backing = passage.fieldSupport.filter((f) => f.field === field || f.field.startsWith(`${field}.`) || f.field.startsWith(`${field}[`));
    for (const [sourceId, excerpts] of [...bySource(backing)].slice(0, this.maxSourcesPerSentence)) {
      numbers.push(this.add(passage, sourceId, 'field', excerpts, statement, undefined, field));
    }
    if (numbers.length > 0) return markers(numbers, []);
    const stating = value ? passage.sentences.find((s) => statesValue(s.text, value)) : undefined;
    return stating ? this.cite(passage, stating.text, statement) : '';
  }

  list(): Citation[] {
    return [...this.citations];
  }

  private add(passage: Passage, sourceId: string, role: CitationRole, excerpts: string[], shown: string, basis?: string, field?: string): number {
    // A source backing several items of one field (signatories[0], signatories[2]) is cited once, for the field.
    const rootField = field?.replace(/[[.].*$/, '');
    const key = `${passage.id}\u0000${sourceId}\u0000${role}\u0000${rootField ?? ''}`;
    const existing = this.byKey.get(key);
    if (existing) {
      if (field && existing.field !== field) existing.field = rootField;
      for (const e of excerpts) if (!existing.quote.split(EXCERPT_JOIN).includes(e)) existing.quote += EXCERPT_JOIN + e;
      if (!existing.sentences.includes(shown)) existing.sentences.push(shown);
      if (basis && !existing.basis.includes(basis)) existing.basis.push(basis);
      return existing.n;
    }
    const source = this.corpus.sources.get(sourceId);
    const citation: Citation = {
      n: this.citations.length + 1,
      passageId: passage.id,
      sourceId,
      title: source?.title ?? sourceId,
      publisher: source?.publisher ?? null,
      date: source?.published ?? null,
      url: source?.url ?? null,
      role,
      quote: unique(excerpts).join(EXCERPT_JOIN),
      sentences: [shown],
      basis: basis ? [basis] : [],
      ...(field ? { field } : {}),
    };
    this.citations.push(citation);
    this.byKey.set(key, citation);
    return citation.n;
  }
}

/** Between two excerpts of one source in a quote. */
export const EXCERPT_JOIN = ' … ';

function markers(support: number[], refuted: number[]): string {
  const s = unique(support).sort((a, b) => a - b).map((n) => `[${n}]`).join('');
  const r = unique(refuted).sort((a, b) => a - b).map((n) => `[${n}]`).join('');
  return r ? `${s} (correcting ${r})`.trim() : s;
}

/** The sentences of a passage that a span (verbatim in its text) overlaps; the first by default. */
function sentencesCovering(passage: Passage, span?: string): PassageSentence[] {
  if (span === undefined) return passage.sentences.slice(0, 1);
  const at = passage.text.indexOf(span);
  if (at < 0) throw new Error(`quote is not verbatim in passage ${passage.id}`);
  const end = at + span.length;
  return passage.sentences.filter((s) => s.start < end && s.start + s.text.length > at);
}


/** Does a sentence state a field's value: an ISO date in any of our written forms, or the text itself? */
function statesValue(sentence: string, value: string): boolean {
  if (/^\d{4}(?:-\d{2}){0,2}$/.test(value)) return sentence.includes(formatDate(value));
  return sentence.toLowerCase().includes(value.toLowerCase());
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}


const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2020-09-15" → "15 September 2020"; "2021-06" → "June 2021"; "2015" → "2015". */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  if (!m) return y!;
  const month = MONTHS[Number(m) - 1]!;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}
