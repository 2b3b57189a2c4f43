/** Renders an Answer as the JSON object of the `ask --json/--jsonl` contract. */
import type { Answer } from '../engine/answer.ts';

export interface JsonAnswer {
  id?: unknown;
  kind: string;
  answer: string;
  /**
   * `quote` is the source's own words, verbatim from its page; `sentence` is our answer sentence
   * (or sentences, space-joined) that the source is cited for; `role` is `support`, `refuted` (the
   * source made the claim the sentence corrects) or `field` (it backs the structured field `field`).
   */
  citations: {
    id: string; source: string; title: string; publisher: string | null; date: string | null; url: string | null;
    quote: string; sentence: string; role: string; field?: string;
  }[];
  asOf?: string;
  suggestions?: string[];
  /** A follow-up, read as this whole question. */
  understoodAs?: string;
}

export function toJson(answer: Answer, id?: unknown): JsonAnswer {
  return {
    ...(id === undefined ? {} : { id }),
    kind: answer.kind,
    answer: answer.text,
    citations: answer.citations.map((c) => ({
      id: c.passageId,
      source: c.sourceId,
      title: c.title,
      publisher: c.publisher,
      date: c.date,
      url: c.url,
      quote: c.quote,
      sentence: c.sentences.join(' '),
      role: c.role,
      ...(c.field ? { field: c.field } : {}),
    })),
    ...(answer.asOf ? { asOf: answer.asOf } : {}),
    ...(answer.suggestions?.length ? { suggestions: answer.suggestions } : {}),
    ...(answer.understoodAs ? { understoodAs: answer.understoodAs } : {}),
  };
}
