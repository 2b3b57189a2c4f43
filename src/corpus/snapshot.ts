/**
 * A prebuilt snapshot of the engine's inputs: the validated corpus and its serialized index.
 * `npm run build` (which `npm start` runs first) writes it; start-up reads it when the corpus files
 * are byte for byte the ones it was made from, and so skips validating the corpus and building the
 * index, about half of a cold start (bench/results.md). Any difference in the files, another corpus
 * folder, or an unreadable snapshot means the normal path: load, validate, build.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Corpus, Entity, Passage } from './model.ts';
import type { Source } from './schema.ts';
import { loadIndex, type PassageIndex, type SerializedIndex } from '../search/index.ts';
import type { AnswerEngine, PreparedFacts } from '../engine/engine.ts';

const SNAPSHOT_VERSION = 1;

interface SnapshotFile {
  version: typeof SNAPSHOT_VERSION;
  fingerprint: string;
  sources: [string, Source][];
  passages: Passage[];
  entities: [string, Entity][];
  counts: Record<string, number>;
  index: SerializedIndex;
  prepared: PreparedFacts;
}

/** A hash of every file under `dir` (names and contents), in a stable order. */
export function corpusFingerprint(dir: string): string {
  const hash = createHash('sha256');
  const visit = (folder: string, prefix: string) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) visit(path, `${prefix}${name}/`);
      else hash.update(`${prefix}${name}\0`).update(readFileSync(path)).update('\0');
    }
  };
  visit(dir, '');
  return hash.digest('hex');
}

export function writeSnapshot(file: string, dir: string, engine: AnswerEngine): void {
  const { corpus, index } = engine;
  const snapshot: SnapshotFile = {
    version: SNAPSHOT_VERSION,
    fingerprint: corpusFingerprint(dir),
    sources: [...corpus.sources],
    passages: corpus.passages,
    entities: [...corpus.entities],
    counts: corpus.counts,
    index: index.toJSON(),
    prepared: engine.prepared(),
  };
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(snapshot));
  renameSync(temporary, file);
}

/** The corpus and index from the snapshot, or undefined when there is none or it is stale. */
export function readSnapshot(file: string, dir: string): { corpus: Corpus; index: PassageIndex; prepared: PreparedFacts } | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as SnapshotFile;
    if (snapshot.version !== SNAPSHOT_VERSION || snapshot.fingerprint !== corpusFingerprint(dir)) return undefined;
    const corpus: Corpus = {
      sources: new Map(snapshot.sources),
      passages: snapshot.passages,
      passageById: new Map(snapshot.passages.map((p) => [p.id, p])),
      entities: new Map(snapshot.entities),
      counts: snapshot.counts,
    };
    return { corpus, index: loadIndex(corpus, snapshot.index), prepared: snapshot.prepared };
  } catch {
    return undefined;
  }
}
