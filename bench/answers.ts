/**
 * Answer latency and accuracy, for the bot's engine and for the obvious alternative: MiniSearch
 * with default options over the same passages, answering with its top passage. Both are scored
 * by the rules of ../shared/eval/score.mjs (src/eval/score.ts) and timed the same way.
 */
import MiniSearch from 'minisearch';
import type { Corpus } from '../src/corpus/model.ts';
import type { Answer } from '../src/engine/answer.ts';
import { judge, type EvalQuestion } from '../src/eval/score.ts';

export interface Answerer {
  ask(question: string): Pick<Answer, 'kind' | 'text' | 'citations'>;
}

/** The baseline: MiniSearch defaults (OR of every term, no stop words, no fuzzy), top passage as the answer. */
export class BaselineAnswerer implements Answerer {
  readonly buildMs: number;
  private readonly mini: MiniSearch<{ id: string; title: string; text: string }>;

  constructor(private readonly corpus: Corpus) {
    const started = performance.now();
    this.mini = new MiniSearch({ fields: ['title', 'text'] });
    this.mini.addAll(corpus.passages.map((p) => ({ id: p.id, title: p.title, text: p.text })));
    this.buildMs = performance.now() - started;
  }

  ask(question: string): Pick<Answer, 'kind' | 'text' | 'citations'> {
    const top = this.mini.search(question)[0];
    if (!top) return { kind: 'no_answer', text: 'No passage matches.', citations: [] };
    const passage = this.corpus.passageById.get(String(top.id))!;
    const sourceId = passage.sources[0]!;
    const source = this.corpus.sources.get(sourceId);
    return {
      kind: 'answer',
      text: passage.text,
      citations: [
        {
          n: 1, passageId: passage.id, sourceId, title: source?.title ?? sourceId,
          publisher: source?.publisher ?? null, date: source?.published ?? null, url: source?.url ?? null,
          role: 'support', quote: passage.sentences[0]?.support[0]?.excerpt ?? passage.text, sentences: [passage.text], basis: [],
        },
      ],
    };
  }
}

export interface Latency {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summarize(times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  return { samples: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

/** Times every question `rounds` times, after one untimed warm-up round. */
export function timeAnswers(answerer: Answerer, questions: string[], rounds: number): Latency {
  for (const q of questions) answerer.ask(q);
  globalThis.gc?.();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const started = performance.now();
      answerer.ask(q);
      times.push(performance.now() - started);
    }
  }
  return summarize(times);
}

export interface Accuracy {
  passed: number;
  total: number;
  percent: number;
}

export function accuracy(answerer: Answerer, questions: EvalQuestion[]): Accuracy {
  const passed = questions.filter((q) => judge(q, answerer.ask(q.q)).ok).length;
  return { passed, total: questions.length, percent: questions.length ? (100 * passed) / questions.length : NaN };
}

/** The median of each field over several runs: the machines are shared and noisy. */
export function medianOf<T extends object>(runs: T[]): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(runs[0]!)) {
    const values = runs.map((r) => (r as Record<string, unknown>)[key]);
    if (typeof values[0] === 'number') {
      const sorted = (values as number[]).slice().sort((a, b) => a - b);
      out[key] = sorted[Math.floor(sorted.length / 2)];
    } else out[key] = values[0];
  }
  return out as T;
}
