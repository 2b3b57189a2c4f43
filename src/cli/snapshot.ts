/**
 * Run by `npm run build` (scripts/build.mjs) from the bundle: validates the corpus, builds its
 * index and writes the snapshot `npm start` loads. A corpus with problems gets no snapshot: start-up
 * then takes the normal path and reports the problems itself.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CorpusError, loadCorpus } from '../corpus/load.ts';
import { writeSnapshot } from '../corpus/snapshot.ts';
import { buildIndex } from '../search/index.ts';
import { AnswerEngine } from '../engine/engine.ts';
import { corpusDir, snapshotFile } from '../paths.ts';
import { lexiconCacheFile, lexiconDir, writeLexiconCache } from '../text/translate.ts';

// The parsed lexicons, so the first question in another language does not wait for the parse.
mkdirSync(dirname(lexiconCacheFile), { recursive: true });
writeLexiconCache(lexiconDir, lexiconCacheFile);

try {
  const corpus = loadCorpus(corpusDir);
  mkdirSync(dirname(snapshotFile), { recursive: true });
  writeSnapshot(snapshotFile, corpusDir, new AnswerEngine(corpus, buildIndex(corpus)));
} catch (error) {
  if (!(error instanceof CorpusError)) throw error;
  process.stderr.write(`build: no corpus snapshot, since the corpus has problems (npm start will list them)\n`);
}
