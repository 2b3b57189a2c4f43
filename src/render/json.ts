/** Renders an Answer as the JSON object of the `ask --json/--jsonl` contract. */
import type { Answer } from '../engine/answer.ts';

export interface JsonAnswer {
  id?: unknown;
  kind: string;
  answer: string;
  citations: { id: string; source: string; title: string; publisher: string | null; date: string | null; url: string | null; quote: string }[];
  asOf?: string;
  suggestions?: string[];
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
    })),
    ...(answer.asOf ? { asOf: answer.asOf } : {}),
    ...(answer.suggestions?.length ? { suggestions: answer.suggestions } : {}),
  };
}
