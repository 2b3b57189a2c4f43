/**
 * The question bank: questions written blind (each writer saw one corpus entry, never the engine
 * or its tests), split by the corpus entry they rest on into train (60%) and test (40%).
 */
import { createHash } from 'node:crypto';
import type { EvalQuestion } from './score.ts';

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
