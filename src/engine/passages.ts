/**
 * Small helpers over passages shared by the engine's stages: a field of an entry, a passage's
 * sentences cited, the labels of member statuses.
 */
import type { Passage } from '../corpus/model.ts';
import { formatDate, type CitationBuilder } from './answer.ts';

/** The corpus overview entry: "what are the Abraham Accords". */
export const OVERVIEW_PASSAGE_ID = 'cav-what-the-accords-are';

export const STATUS_LABEL: Record<string, string> = {
  full_normalization: 'full normalization with Israel',
  declaration_only: 'signed the Abraham Accords Declaration only; normalization with Israel not completed',
  announced_accession: 'accession announced; formal signing not confirmed',
  not_member: 'not a member',
  declared_intent: 'not a member; has declared its intention to join',
  in_talks: 'not a member; in talks',
  declined: 'not a member; has declined to join',
};

/** The first `limit` sentences of a passage, verbatim, each followed by the markers of its sources. */
export function citeSentences(citations: CitationBuilder, passage: Passage, limit = Infinity): string {
  return passage.sentences
    .slice(0, limit)
    .map((s) => `${s.text} ${citations.cite(passage, s.text)}`)
    .join(' ');
}

export function latest(dates: (string | undefined)[]): string | undefined {
  return dates.filter((d): d is string => Boolean(d)).sort().at(-1);
}

export function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

export function entryField(passage: Passage, field: string): unknown {
  return (passage.entry as unknown as Record<string, unknown>)[field];
}

/** A field's value in words: "Abdullah bin Zayed Al Nahyan, United Arab Emirates, Foreign Minister". */
export function describeField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(describeField).join('; ');
  if (typeof value === 'object') return Object.values(value).map(describeField).filter(Boolean).join(', ');
  const text = String(value);
  return /^\d{4}(?:-\d{2}){0,2}$/.test(text) ? formatDate(text) : text;
}

export function dateRange(from?: string | null, to?: string | null): string {
  if (from && to) return ` (${formatDate(from)} to ${formatDate(to)})`;
  if (from) return ` (since ${formatDate(from)})`;
  if (to) return ` (until ${formatDate(to)})`;
  return '';
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}
