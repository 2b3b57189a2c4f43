/** Shared test set-up: the fixture corpus, an engine over it, and temporary broken copies. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCorpus } from '../../src/corpus/load.ts';
import { buildIndex } from '../../src/search/index.ts';
import { AnswerEngine } from '../../src/engine/engine.ts';
import { createApp, type App } from '../../src/app.ts';
import { projectRoot } from '../../src/paths.ts';

export const FIXTURE_CORPUS = join(projectRoot, 'tests', 'fixtures', 'corpus');
export const REAL_CORPUS = join(projectRoot, 'corpus');

export function engineFor(dir = FIXTURE_CORPUS): AnswerEngine {
  const corpus = loadCorpus(dir);
  return new AnswerEngine(corpus, buildIndex(corpus));
}

export function appFor(dir = FIXTURE_CORPUS): App {
  return createApp(dir);
}

/** A temporary copy of the fixture corpus with one file changed by `edit`. */
export function brokenCorpus(file: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'accords-corpus-'));
  cpSync(FIXTURE_CORPUS, dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  return dir;
}

/** Edits one JSON array file of a corpus copy as data. */
export function brokenJson(file: string, edit: (entries: Record<string, unknown>[]) => void): string {
  return brokenCorpus(file, (text) => {
    const entries = JSON.parse(text) as Record<string, unknown>[];
    edit(entries);
    return JSON.stringify(entries, null, 2);
  });
}
