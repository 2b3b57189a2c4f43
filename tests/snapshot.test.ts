import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load.ts';
import { readSnapshot, writeSnapshot } from '../src/corpus/snapshot.ts';
import { ABSTAIN, AnswerEngine } from '../src/engine/engine.ts';
import { buildIndex, loadIndex } from '../src/search/index.ts';
import { createApp } from '../src/app.ts';
import { FIXTURE_CORPUS, brokenCorpus } from './helpers/app.ts';

const QUESTIONS = ['When did Morocco join?', 'Who is Bibi?', 'Is Saudi Arabia a member?', 'Witkof envoy', 'What is the capital of Australia?'];

describe('serialized index', () => {
  it('answers exactly as the index it was made from', () => {
    const corpus = loadCorpus(FIXTURE_CORPUS);
    const built = buildIndex(corpus);
    const loaded = loadIndex(corpus, JSON.parse(JSON.stringify(built)));
    for (const q of QUESTIONS) expect(loaded.search(q)).toEqual(built.search(q));
  });

  it('refuses to serve a corpus it was not made from', () => {
    const corpus = loadCorpus(FIXTURE_CORPUS);
    const data = buildIndex(corpus).toJSON();
    const fewer = { ...corpus, passages: corpus.passages.slice(1) };
    expect(() => loadIndex(fewer, data)).toThrow(/does not fit this corpus/);
  });
});

describe('corpus snapshot', () => {
  const snapshotIn = (dir: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'accords-snapshot-')), 'engine-snapshot.json');
    const corpus = loadCorpus(dir);
    writeSnapshot(file, dir, new AnswerEngine(corpus, buildIndex(corpus)));
    return file;
  };

  it('gives an engine that answers exactly as one built from the files', () => {
    const file = snapshotIn(FIXTURE_CORPUS);
    const snapshot = readSnapshot(file, FIXTURE_CORPUS)!;
    expect(snapshot).toBeDefined();
    const fromSnapshot = new AnswerEngine(snapshot.corpus, snapshot.index, ABSTAIN, snapshot.prepared);
    const corpus = loadCorpus(FIXTURE_CORPUS);
    const fromFiles = new AnswerEngine(corpus, buildIndex(corpus));
    for (const q of QUESTIONS) expect(fromSnapshot.ask(q)).toEqual(fromFiles.ask(q));
    expect(fromSnapshot.members()).toEqual(fromFiles.members());
  });

  it('is ignored once a corpus file changes, so an edit is never served stale', () => {
    const dir = brokenCorpus('article.txt', (text) => text);
    const file = snapshotIn(dir);
    expect(readSnapshot(file, dir)).toBeDefined();
    const edited = brokenCorpus('article.txt', (text) => text.replace('Kazakhstan', 'Kazakhstan,'));
    expect(readSnapshot(file, edited)).toBeUndefined();
  });

  it('is ignored when unreadable, and start-up takes the normal path', () => {
    const app = createApp(FIXTURE_CORPUS, { snapshotFile: join(tmpdir(), 'no-such-snapshot.json') });
    expect(app.engine.ask('Who is Bibi?').kind).toBe('profile');
  });
});
