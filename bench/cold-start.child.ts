/**
 * One cold start, run as its own process by bench/cold-start.ts (bundled the way `npm start` is):
 * corpus → index → engine → one answer, where the corpus is validated and the index
 *   build:    built from the corpus files;
 *   load:     loaded from a serialized index file;
 *   snapshot: both read from the prebuilt snapshot, as `npm start` does (src/corpus/snapshot.ts).
 * Prints when each step ended, in ms since the process started (performance.now() counts from
 * process start).
 */
import { readFileSync } from 'node:fs';
import { loadCorpus } from '../src/corpus/load.ts';
import { buildIndex, loadIndex, type SerializedIndex } from '../src/search/index.ts';
import { ABSTAIN, AnswerEngine } from '../src/engine/engine.ts';
import { readSnapshot } from '../src/corpus/snapshot.ts';
import { corpusDir } from '../src/paths.ts';

const [mode = 'build', file] = process.argv.slice(2);
const imported = performance.now();
const snapshot = mode === 'snapshot' ? readSnapshot(file!, corpusDir) : undefined;
if (mode === 'snapshot' && !snapshot) throw new Error(`no usable snapshot at ${file}`);
const corpus = snapshot?.corpus ?? loadCorpus(corpusDir);
const loaded = performance.now();
const index = snapshot?.index ?? (mode === 'load' ? loadIndex(corpus, JSON.parse(readFileSync(file!, 'utf8')) as SerializedIndex) : buildIndex(corpus));
const indexed = performance.now();
const engine = new AnswerEngine(corpus, index, ABSTAIN, snapshot?.prepared);
const ready = performance.now();
const answer = engine.ask('When did Morocco join the Abraham Accords?');
const answered = performance.now();
process.stdout.write(
  JSON.stringify({ mode, imported, corpusLoaded: loaded, indexReady: indexed, engineReady: ready, firstAnswer: answered, answerKind: answer.kind }) + '\n',
);
