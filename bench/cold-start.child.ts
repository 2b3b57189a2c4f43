/**
 * One cold start, run as its own process by bench/cold-start.ts (bundled the way `npm start` is):
 * corpus → index (built, or loaded from a serialized file) → engine → one answer. Prints when each
 * step ended, in ms since the process started (performance.now() counts from process start).
 */
import { readFileSync } from 'node:fs';
import { loadCorpus } from '../src/corpus/load.ts';
import { buildIndex, loadIndex, type SerializedIndex } from '../src/search/index.ts';
import { AnswerEngine } from '../src/engine/engine.ts';
import { corpusDir } from '../src/paths.ts';

const [mode = 'build', indexFile] = process.argv.slice(2);
const imported = performance.now();
const corpus = loadCorpus(corpusDir);
const loaded = performance.now();
const index = mode === 'load' ? loadIndex(corpus, JSON.parse(readFileSync(indexFile!, 'utf8')) as SerializedIndex) : buildIndex(corpus);
const indexed = performance.now();
const engine = new AnswerEngine(corpus, index);
const ready = performance.now();
const answer = engine.ask('When did Morocco join the Abraham Accords?');
const answered = performance.now();
process.stdout.write(
  JSON.stringify({ mode, imported, corpusLoaded: loaded, indexReady: indexed, engineReady: ready, firstAnswer: answered, answerKind: answer.kind }) + '\n',
);
