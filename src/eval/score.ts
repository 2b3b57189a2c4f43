/**
 * Scores answers against a question set, with the rules of ../shared/eval/score.mjs: an
 * unanswerable question passes when declined; any other passes when answered, cited, saying every
 * expected group and no forbidden string.
 */
import { readFileSync } from 'node:fs';
import type { Answer } from '../engine/answer.ts';

export interface EvalQuestion {
  id?: string;
  q: string;
  category?: string;
  expect?: string[][];
  forbid?: string[];
}

export interface Verdict {
  ok: boolean;
  why: string;
}

export function readQuestions(file: string): EvalQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion);
}

export function normalizeForMatch(s: unknown): string {
  return String(s ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ');
}

export function judge(q: EvalQuestion, answer: Pick<Answer, 'kind' | 'text' | 'citations'>): Verdict {
  const declined = answer.kind === 'no_answer';
  if (q.category === 'unanswerable') return { ok: declined, why: declined ? '' : 'should have declined' };
  if (declined) return { ok: false, why: 'declined' };
  if (answer.citations.length === 0) return { ok: false, why: 'no citation' };
  const text = normalizeForMatch(answer.text);
  const missing = (q.expect ?? []).filter((group) => !group.some((alt) => text.includes(normalizeForMatch(alt))));
  const forbidden = (q.forbid ?? []).filter((f) => text.includes(normalizeForMatch(f)));
  let why = missing.length ? `missing ${missing.map((g) => JSON.stringify(g)).join(' ')}` : '';
  if (forbidden.length) why += `${why ? '; ' : ''}says ${JSON.stringify(forbidden)}`;
  return { ok: missing.length === 0 && forbidden.length === 0, why };
}
