/**
 * The question bank: questions written blind (each writer saw one corpus entry, never the engine
 * or its tests), split by the corpus entry they rest on into train (60%) and test (40%).
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { judge, type EvalQuestion } from './score.ts';
import type { App } from '../app.ts';
import { respondToLine } from '../console/session.ts';
import type { Answer } from '../engine/answer.ts';
import { projectRoot } from '../paths.ts';

export const bankDir = join(projectRoot, 'tests', 'eval', 'bank');

export interface BankQuestion extends EvalQuestion {
  /** The passages that answer it. */
  gold?: string[];
  /** Earlier turns of a conversation; `q` is the last. */
  turns?: string[];
  lang?: string;
  /** For unanswerable questions: a theme shared by paraphrases. */
  group?: string;
  source?: string;
  split?: 'train' | 'test';
}

/** Share of split keys that go to train. */
export const TRAIN_SHARE = 0.6;

/**
 * The side a question belongs to, from what it rests on: its gold passages (so paraphrases of one
 * fact fall together), else its theme, else its own id.
 */
export function splitOf(q: BankQuestion): 'train' | 'test' {
  const key = q.gold?.length ? [...q.gold].sort().join('+') : q.group ? `group:${q.group}` : (q.id ?? q.q);
  const byte = createHash('sha1').update(key).digest()[0]!;
  return byte < Math.round(256 * TRAIN_SHARE) ? 'train' : 'test';
}

export interface Score {
  byCategory: Map<string, { pass: number; all: number }>;
  passed: number;
  all: number;
  fails: string[];
  answered: number;
  cited: number;
  lengths: number[];
}

let conversationCount = 0;

/** The answer to a question; the earlier turns of a conversation are asked first, in its own conversation. */
export function answerOf(app: App, q: BankQuestion): Answer {
  const turns = q.turns?.length ? q.turns.slice(0, -1) : [];
  const conversation = turns.length ? `eval-${++conversationCount}` : undefined;
  for (const turn of turns) respondToLine(app, turn, conversation);
  if (!q.q.trim()) return app.engine.ask(q.q);
  const reply = respondToLine(app, q.q, conversation);
  return reply.answer ?? { kind: 'help', query: q.q, text: reply.text, citations: [] };
}

export function score(app: App, questions: EvalQuestion[]): Score {
  const s: Score = { byCategory: new Map(), passed: 0, all: questions.length, fails: [], answered: 0, cited: 0, lengths: [] };
  for (const q of questions) {
    const answer = answerOf(app, q);
    if (answer.kind !== 'no_answer') {
      s.answered++;
      s.lengths.push(answer.text.length);
      if (answer.citations.length) s.cited++;
    }
    const { ok, why } = judge(q, answer);
    const category = q.category ?? 'other';
    const c = s.byCategory.get(category) ?? { pass: 0, all: 0 };
    c.all++;
    if (ok) {
      c.pass++;
      s.passed++;
    } else s.fails.push(`FAIL ${q.id} ${JSON.stringify(q.q)}: ${why}\n     answer: ${JSON.stringify(answer.text.slice(0, 300))}`);
    s.byCategory.set(category, c);
  }
  s.lengths.sort((a, b) => a - b);
  return s;
}

