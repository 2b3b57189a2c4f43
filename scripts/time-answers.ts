/**
 * `npx tsx scripts/time-answers.ts [--prof]`: a quick look at answer latency on the questions the
 * bench times at 1× (dev + own), without the ten-minute bench. Figures here are for finding hot
 * spots; bench/results.md is the figure of record.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../src/corpus/load.ts';
import { AnswerEngine } from '../src/engine/engine.ts';
import { readQuestions } from '../src/eval/score.ts';
import { corpusDir, projectRoot } from '../src/paths.ts';
import { buildIndex } from '../src/search/index.ts';
import { setLogger, createLogger } from '../src/log.ts';
import { summarize } from '../bench/answers.ts';

setLogger(createLogger('silent'));
const corpus = loadCorpus(corpusDir);
const engine = new AnswerEngine(corpus, buildIndex(corpus));
const devFile = join(projectRoot, '..', 'shared', 'eval', 'dev.jsonl');
const questions = [...(existsSync(devFile) ? readQuestions(devFile) : []), ...readQuestions(join(projectRoot, 'tests', 'eval', 'own.jsonl'))].map((q) => q.q);
for (const q of questions) engine.ask(q);
const slowest: [number, string][] = [];
const times: number[] = [];
for (let round = 0; round < 10; round++) {
  for (const q of questions) {
    const started = performance.now();
    engine.ask(q);
    const ms = performance.now() - started;
    times.push(ms);
    if (round === 9) slowest.push([ms, q]);
  }
}
const s = summarize(times);
console.log(`p50 ${s.p50.toFixed(2)} ms, p95 ${s.p95.toFixed(2)}, p99 ${s.p99.toFixed(2)}, max ${s.max.toFixed(2)} (${times.length} answers)`);
for (const [ms, q] of slowest.sort((a, b) => b[0] - a[0]).slice(0, 8)) console.log(`${ms.toFixed(2)} ms  ${q.slice(0, 90)}`);
