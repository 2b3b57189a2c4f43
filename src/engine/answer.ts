/**
 * The transport-neutral answer: what every renderer (console text, JSON, Discord embed) draws
 * from. Nothing here knows about Discord.
 */
import type { Corpus, Passage } from '../corpus/model.ts';
import { splitSentences } from '../text/sentences.ts';

export type AnswerKind =
  | 'answer'
  | 'list'
  | 'profile'
  | 'timeline'
  | 'source'
  | 'about'
  | 'help'
  | 'admin'
  | 'no_answer'
  | 'error';

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
  /** A sentence of the passage, verbatim. */
  quote: string;
}

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
}

/**
 * Collects citations for one answer, numbering each source once and quoting a sentence of the
 * passage. A passage with several sources yields one citation per source, same quote.
 */
export class CitationBuilder {
  private readonly citations: Citation[] = [];
  /** passage+source → citation, and the span of the passage quoted so far. */
  private readonly byKey = new Map<string, { citation: Citation; start: number; end: number; text: string }>();

  constructor(private readonly corpus: Corpus, private readonly maxSourcesPerPassage = 2) {}

  /**
   * Cites `passage` for `quote` (a verbatim part of it; default its first sentence) and returns the
   * marker, e.g. "[1]" or "[1][2]". Quoting a passage again widens its quote to cover both parts,
   * so one source keeps one number.
   */
  cite(passage: Passage, quote?: string): string {
    const sentence = quote ?? firstSentence(passage.text);
    const at = passage.text.indexOf(sentence);
    if (at < 0) throw new Error(`quote is not verbatim in passage ${passage.id}`);
    const numbers: number[] = [];
    for (const sourceId of passage.sources.slice(0, this.maxSourcesPerPassage)) {
      const key = `${passage.id}\u0000${sourceId}`;
      const existing = this.byKey.get(key);
      if (existing) {
        existing.start = Math.min(existing.start, at);
        existing.end = Math.max(existing.end, at + sentence.length);
        existing.citation.quote = existing.text.slice(existing.start, existing.end);
        numbers.push(existing.citation.n);
        continue;
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
        quote: sentence,
      };
      this.citations.push(citation);
      this.byKey.set(key, { citation, start: at, end: at + sentence.length, text: passage.text });
      numbers.push(citation.n);
    }
    return unique(numbers).map((n) => `[${n}]`).join('');
  }

  list(): Citation[] {
    return [...this.citations];
  }
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

export function firstSentence(text: string): string {
  return splitSentences(text)[0]?.text ?? text;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2020-09-15" → "15 September 2020"; "2021-06" → "June 2021"; "2015" → "2015". */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  if (!m) return y!;
  const month = MONTHS[Number(m) - 1]!;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}
