/**
 * `npm run bench`: index build time, query latency (p50/p99) for search and for whole answers,
 * and heap growth, on the real corpus and on generated 3,000-passage corpora. Timings are
 * measured here, never asserted in tests.
 */
import { loadCorpus } from '../src/corpus/load.ts';
import { buildIndex } from '../src/search/index.ts';
import { AnswerEngine } from '../src/engine/engine.ts';
import { corpusDir } from '../src/paths.ts';
import type { Corpus, Passage } from '../src/corpus/model.ts';

const QUESTIONS = [
  'When did Morocco join the Abraham Accords?',
  'Who is Witkoff?',
  'Is Saudi Arabia a member?',
  'What did Sudan get in return for normalization?',
  'bibi',
  'Which Israeli minister signed the free trade agreement with the UAE?',
  'According to the article, who will attend the signing ceremony?',
  'What is the capital of Australia?',
  'Why is Kazakhstan’s entry called symbolic?',
  'When was the Negev Summit?',
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function measure(label: string, fn: (q: string) => unknown, rounds = 200): void {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const q of QUESTIONS) {
      const t = performance.now();
      fn(q);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(40)} p50 ${percentile(times, 50).toFixed(3)} ms   p99 ${percentile(times, 99).toFixed(3)} ms   (${times.length} runs)`);
}

function heapMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

function inflate(corpus: Corpus, times: number): Corpus {
  const passages: Passage[] = [];
  for (let i = 0; i < times; i++) for (const p of corpus.passages) passages.push(i === 0 ? p : { ...p, id: `${p.id}~${i}` });
  return { ...corpus, passages, passageById: new Map(passages.map((p) => [p.id, p])) };
}

const heapBefore = heapMb();
let t = performance.now();
const corpus = loadCorpus(corpusDir);
const loadMs = performance.now() - t;
t = performance.now();
const index = buildIndex(corpus);
const engine = new AnswerEngine(corpus, index);
console.log(`real corpus: ${corpus.passages.length} passages; load ${loadMs.toFixed(1)} ms; index build ${index.buildMs.toFixed(1)} ms; engine ready ${(performance.now() - t).toFixed(1)} ms; heap +${(heapMb() - heapBefore).toFixed(1)} MB`);
measure('search, real corpus', (q) => index.search(q));
measure('whole answer, real corpus', (q) => engine.ask(q));

const factor = Math.ceil(3000 / corpus.passages.length);
const big = inflate(corpus, factor);
const bigHeap = heapMb();
const bigIndex = buildIndex(big);
const bigEngine = new AnswerEngine(big, bigIndex);
console.log(`generated corpus: ${big.passages.length} passages; index build ${bigIndex.buildMs.toFixed(1)} ms; heap +${(heapMb() - bigHeap).toFixed(1)} MB`);
measure(`search, ${big.passages.length} passages`, (q) => bigIndex.search(q), 30);
measure(`whole answer, ${big.passages.length} passages`, (q) => bigEngine.ask(q), 30);
