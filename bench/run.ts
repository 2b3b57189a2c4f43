/**
 * `npm run bench`: answer latency and accuracy against a plain-MiniSearch baseline, from 1× to
 * 1000× the corpus; index build, serialized size and load; cold start; the Discord path through
 * the test suite's fake Discord; memory over 10,000 interactions. Writes bench/results.json and
 * bench/results.md. Figures are medians of several runs, and ratios to the baseline are taken
 * within a run: the machines are shared and noisy. Nothing here is asserted in tests.
 *
 *   npm run bench                 # everything (under ten minutes on 2 cores)
 *   npm run bench -- --quick      # a smaller run, to check the harness
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { loadCorpus } from '../src/corpus/load.ts';
import type { Corpus } from '../src/corpus/model.ts';
import { AnswerEngine } from '../src/engine/engine.ts';
import { judge, readQuestions, type EvalQuestion } from '../src/eval/score.ts';
import { setLogger, createLogger } from '../src/log.ts';
import { corpusDir, projectRoot } from '../src/paths.ts';
import { buildIndex, loadIndex, type SerializedIndex } from '../src/search/index.ts';
import { BaselineAnswerer, accuracy, medianOf, summarize, timeAnswers, type Accuracy, type Latency } from './answers.ts';
import { runColdStart, type ColdStartResult } from './cold-start.ts';
import { runDiscordBench, type DiscordBenchResult } from './discord.bench.ts';
import { describeSynthetic, syntheticCorpus } from './synthetic.ts';
import { renderResults } from './report.ts';
import { measureImages, writeImagesSection } from './images.bench.ts';
import { createApp } from '../src/app.ts';
import { bankDir, score, type BankQuestion } from '../src/eval/bank.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const factors = quick ? [1, 10] : [1, 10, 100, 1000];

/**
 * Per factor: runs × rounds timings of every `every`-th question. At 100× and 1000× an answer takes
 * tenths of a second to seconds, so a sample of the questions is timed once (that pass also scores
 * them), to keep the whole bench within ten minutes.
 */
const PLAN: Record<number, { runs: number; rounds: number; every: number }> = quick
  ? { 1: { runs: 3, rounds: 3, every: 1 }, 10: { runs: 1, rounds: 1, every: 3 } }
  : { 1: { runs: 5, rounds: 10, every: 1 }, 10: { runs: 3, rounds: 2, every: 1 }, 100: { runs: 1, rounds: 1, every: 3 }, 1000: { runs: 1, rounds: 1, every: 15 } };

/** At 100×, the same questions again with a cap on the passages a query term may touch: the trade-off. */
const CAP_SWEEP = quick ? [] : [2000, 5000];

export interface ScaleResult {
  factor: number;
  passages: number;
  words: number;
  distinctWords: number;
  indexBuildMs: number;
  engineReadyMs: number;
  baselineBuildMs: number;
  serializedBytes: number | null;
  serializeMs: number | null;
  loadMs: number | null;
  serializeError?: string;
  heapMb: number;
  rssMb: number;
  engine: Latency;
  baseline: Latency;
  /** Engine p50 / baseline p50 and p99 / p99, medians of per-run ratios. */
  ratio: { p50: number; p99: number };
  engineAccuracy: Accuracy;
  baselineAccuracy: Accuracy;
  /** Where an answer's time goes, per answer on average (ms). */
  phases?: Record<string, number>;
  runs: number;
  rounds: number;
  questions: number;
  /** The same questions with a posting cap (a term held by more passages is not searched). */
  capped?: { cap: number; engine: Latency; engineAccuracy: Accuracy }[];
}

export interface BenchResults {
  date: string;
  commit: string;
  machine: { node: string; cpu: string; cores: number; loadAverageAtStart: number[]; loadAverageAtEnd?: number[] };
  questions: { dev: number; own: number; total: number; devFile: string | null };
  /** Dev-set accuracy of the engine and the baseline on the real corpus. */
  devAccuracy: { engine: Accuracy; baseline: Accuracy } | null;
  scale: ScaleResult[];
  coldStart: ColdStartResult;
  discord: DiscordBenchResult;
  /** The blind question bank (tests/eval/bank), train and test by category, and its make-up. */
  bank?: BankResult;
  totalSeconds: number;
}

export interface BankResult {
  sides: Record<'train' | 'test', { passed: number; all: number; byCategory: Record<string, { pass: number; all: number }> }>;
  makeUp: { questions: number; casual: number; otherLanguage: number; unanswerable: number; conversations: number; byLanguage: Record<string, number> };
}

/** Scores the question bank's two sides (as `npm run eval` does) and counts what it is made of. */
function measureBank(): BankResult | undefined {
  const files = { train: join(bankDir, 'train.jsonl'), test: join(bankDir, 'test.jsonl') };
  if (!existsSync(files.train) || !existsSync(files.test)) return undefined;
  const app = createApp();
  const read = (side: 'train' | 'test') => readQuestions(files[side]) as BankQuestion[];
  const side = (name: 'train' | 'test') => {
    const s = score(app, read(name));
    return { passed: s.passed, all: s.all, byCategory: Object.fromEntries(s.byCategory) };
  };
  const all = [...read('train'), ...read('test')];
  const byLanguage: Record<string, number> = {};
  for (const q of all) if (q.lang && q.lang !== 'en') byLanguage[q.lang] = (byLanguage[q.lang] ?? 0) + 1;
  return {
    sides: { train: side('train'), test: side('test') },
    makeUp: {
      questions: all.length,
      casual: all.filter((q) => q.category === 'casual').length,
      otherLanguage: all.filter((q) => q.lang && q.lang !== 'en').length,
      unanswerable: all.filter((q) => q.category === 'unanswerable').length,
      conversations: all.filter((q) => q.turns?.length).length,
      byLanguage,
    },
  };
}

function heap(): { heapMb: number; rssMb: number } {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { heapMb: m.heapUsed / 1e6, rssMb: m.rss / 1e6 };
}

/** Wraps engine steps to add up their time: a profile of where an answer's time goes. */
function phases(engine: AnswerEngine, questions: string[]): Record<string, number> {
  const spent: Record<string, number> = {};
  const target = engine as unknown as Record<string, (...a: unknown[]) => unknown>;
  const originals = new Map<string, (...a: unknown[]) => unknown>();
  const wrap = (holder: Record<string, (...a: unknown[]) => unknown>, name: string, label: string) => {
    const original = holder[name]!;
    originals.set(label, original);
    holder[name] = (...a: unknown[]) => {
      const started = performance.now();
      try {
        return original.apply(holder, a);
      } finally {
        spent[label] = (spent[label] ?? 0) + performance.now() - started;
      }
    };
  };
  wrap(target, 'analyze', 'reading the question (entities, intent, terms)');
  wrap(engine.index as unknown as Record<string, (...a: unknown[]) => unknown>, 'search', 'MiniSearch search');
  wrap(target, 'rankSentences', 'ranking sentences');
  wrap(target, 'decline', 'declining (suggestions)');
  for (const q of questions) engine.ask(q);
  for (const key of Object.keys(spent)) spent[key] = 0;
  let total = 0;
  for (let r = 0; r < 3; r++) {
    for (const q of questions) {
      const started = performance.now();
      engine.ask(q);
      total += performance.now() - started;
    }
  }
  const n = questions.length * 3;
  const out: Record<string, number> = {};
  let accounted = 0;
  for (const [label, ms] of Object.entries(spent)) {
    out[label] = ms / n;
    accounted += ms;
  }
  out['everything else (choosing, composing, citing)'] = (total - accounted) / n;
  out.total = total / n;
  delete target.analyze;
  delete target.rankSentences;
  delete target.decline;
  delete (engine.index as unknown as Record<string, unknown>).search;
  (engine.index as unknown as Record<string, unknown>).search = originals.get('MiniSearch search');
  return out;
}

/** Times and scores each question once (no warm-up round): for the large corpora. */
function timeAndScore(answerer: { ask: BaselineAnswerer['ask'] }, questions: EvalQuestion[]): { latency: Latency; accuracy: Accuracy } {
  const times: number[] = [];
  let passed = 0;
  for (const q of questions) {
    const started = performance.now();
    const answer = answerer.ask(q.q);
    times.push(performance.now() - started);
    if (judge(q, answer).ok) passed++;
  }
  return { latency: summarize(times), accuracy: { passed, total: questions.length, percent: (100 * passed) / questions.length } };
}

function measureScale(real: Corpus, factor: number, allQuestions: EvalQuestion[]): ScaleResult {
  const { runs, rounds, every } = PLAN[factor]!;
  const questions = allQuestions.filter((_, i) => i % every === 0);
  const texts = questions.map((q) => q.q);
  const before = heap();
  const corpus = factor === 1 ? real : syntheticCorpus(real, factor);
  const described = describeSynthetic(corpus);
  let started = performance.now();
  const index = buildIndex(corpus);
  const indexBuildMs = performance.now() - started;
  started = performance.now();
  const engine = new AnswerEngine(corpus, index);
  const engineReadyMs = performance.now() - started;
  const after = heap();
  const baseline = new BaselineAnswerer(corpus);

  let serializedBytes: number | null = null;
  let serializeMs: number | null = null;
  let loadMs: number | null = null;
  let serializeError: string | undefined;
  try {
    started = performance.now();
    const json = JSON.stringify(index);
    serializeMs = performance.now() - started;
    serializedBytes = Buffer.byteLength(json);
    started = performance.now();
    loadIndex(corpus, JSON.parse(json) as SerializedIndex);
    loadMs = performance.now() - started;
  } catch (error) {
    serializeError = error instanceof Error ? error.message : String(error);
  }
  globalThis.gc?.();

  const engineRuns: Latency[] = [];
  const baselineRuns: Latency[] = [];
  const ratios: { p50: number; p99: number }[] = [];
  let engineAccuracy: Accuracy;
  let baselineAccuracy: Accuracy;
  if (rounds === 1 && runs === 1) {
    const e = timeAndScore(engine, questions);
    const b = timeAndScore(baseline, questions);
    engineRuns.push(e.latency);
    baselineRuns.push(b.latency);
    ratios.push({ p50: e.latency.p50 / b.latency.p50, p99: e.latency.p99 / b.latency.p99 });
    engineAccuracy = e.accuracy;
    baselineAccuracy = b.accuracy;
  } else {
    // Scoring first: it is also the warm-up.
    engineAccuracy = accuracy(engine, questions);
    baselineAccuracy = accuracy(baseline, questions);
    for (let run = 0; run < runs; run++) {
      const e = timeAnswers(engine, texts, rounds);
      const b = timeAnswers(baseline, texts, rounds);
      engineRuns.push(e);
      baselineRuns.push(b);
      ratios.push({ p50: e.p50 / b.p50, p99: e.p99 / b.p99 });
    }
  }
  engineRuns.forEach((e, run) =>
    process.stderr.write(`  ${factor}×: run ${run + 1}/${runs}: engine p50 ${e.p50.toFixed(3)} p99 ${e.p99.toFixed(3)} ms; baseline p50 ${baselineRuns[run]!.p50.toFixed(3)} p99 ${baselineRuns[run]!.p99.toFixed(3)} ms\n`),
  );
  const result: ScaleResult = {
    factor,
    passages: corpus.passages.length,
    words: described.words,
    distinctWords: described.distinctWords,
    indexBuildMs,
    engineReadyMs,
    baselineBuildMs: baseline.buildMs,
    serializedBytes,
    serializeMs,
    loadMs,
    serializeError,
    heapMb: after.heapMb - before.heapMb,
    rssMb: after.rssMb - before.rssMb,
    engine: medianOf(engineRuns),
    baseline: medianOf(baselineRuns),
    ratio: medianOf(ratios),
    engineAccuracy,
    baselineAccuracy,
    runs,
    rounds,
    questions: questions.length,
  };
  if (factor === 1) result.phases = phases(engine, texts);
  if (factor === 100 && CAP_SWEEP.length) {
    result.capped = CAP_SWEEP.map((cap) => {
      const cappedEngine = new AnswerEngine(corpus, buildIndex(corpus, { commonTermShare: 0, commonTermMinPassages: cap }));
      const { latency, accuracy: acc } = timeAndScore(cappedEngine, questions);
      process.stderr.write(`  ${factor}× with a ${cap}-passage cap: p50 ${latency.p50.toFixed(1)} ms, accuracy ${acc.passed}/${acc.total}\n`);
      return { cap, engine: latency, engineAccuracy: acc };
    });
  }
  return result;
}

async function main(): Promise<void> {
  const began = performance.now();
  setLogger(createLogger('silent'));
  const devFile = join(projectRoot, '..', 'shared', 'eval', 'dev.jsonl');
  const dev = existsSync(devFile) ? readQuestions(devFile) : [];
  const own = readQuestions(join(projectRoot, 'tests', 'eval', 'own.jsonl'));
  const questions = [...dev, ...own];
  const real = loadCorpus(corpusDir);
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: projectRoot, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  const results: Partial<BenchResults> = {
    date: new Date().toISOString(),
    commit,
    machine: { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, loadAverageAtStart: loadavg() },
    questions: { dev: dev.length, own: own.length, total: questions.length, devFile: dev.length ? '../shared/eval/dev.jsonl' : null },
  };
  if (dev.length) {
    const engine = new AnswerEngine(real, buildIndex(real));
    results.devAccuracy = { engine: accuracy(engine, dev), baseline: accuracy(new BaselineAnswerer(real), dev) };
  } else results.devAccuracy = null;

  // Cold start and the Discord path first, while this process is small: after the 1000× corpus its
  // multi-gigabyte heap (and the collector working on it) would slow everything measured after.
  process.stderr.write('cold start …\n');
  results.coldStart = await runColdStart(quick ? 3 : 7);
  process.stderr.write('Discord path …\n');
  results.discord = await runDiscordBench(quick ? { asks: 1000, autocompletes: 500, memoryInteractions: 1000 } : { asks: 10_000, autocompletes: 5000, memoryInteractions: 10_000 });
  process.stderr.write('question bank …\n');
  results.bank = measureBank();
  results.scale = [];
  for (const factor of factors) {
    process.stderr.write(`scale ${factor}× …\n`);
    results.scale.push(measureScale(real, factor, questions));
    globalThis.gc?.();
  }
  results.machine!.loadAverageAtEnd = loadavg();
  results.totalSeconds = (performance.now() - began) / 1000;

  const full = results as BenchResults;
  writeFileSync(join(projectRoot, 'bench', 'results.json'), JSON.stringify(full, null, 2) + '\n');
  // Sections written by other benches (`npm run bench:misses`, "Scaling out") sit between
  // <!-- name:start --> and <!-- name:end --> marks; keep them.
  const resultsFile = join(projectRoot, 'bench', 'results.md');
  const kept = existsSync(resultsFile) ? [...readFileSync(resultsFile, 'utf8').matchAll(/<!-- ([a-z-]+):start -->[\s\S]*?<!-- \1:end -->/g)].map((m) => m[0]) : [];
  writeFileSync(resultsFile, renderResults(full, quick) + kept.map((section) => `\n${section}\n`).join(''));
  // The images' drawing times, in their own section (bench/images.bench.ts).
  writeImagesSection(measureImages());
  process.stderr.write(`wrote bench/results.json and bench/results.md in ${full.totalSeconds.toFixed(0)} s\n`);
}

await main();
