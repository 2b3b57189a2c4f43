import { describe, expect, it } from 'vitest';
import { CorpusError, loadCorpus } from '../src/corpus/load.ts';
import { FIXTURE_CORPUS, REAL_CORPUS, brokenCorpus, brokenJson } from './helpers/app.ts';

function problemsOf(dir: string): string[] {
  try {
    loadCorpus(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(CorpusError);
    return (error as CorpusError).message.split('\n').slice(1).map((l) => l.trim());
  }
  throw new Error('expected the corpus to be rejected');
}

describe('corpus', () => {
  it('loads the fixture corpus into passages, sources and entities', () => {
    const corpus = loadCorpus(FIXTURE_CORPUS);
    expect(corpus.passages.filter((p) => p.kind === 'article')).toHaveLength(13);
    expect(corpus.entities.get('benjamin-netanyahu')?.aliases).toContain('Bibi');
    expect(corpus.sources.get('seed-article')).toMatchObject({ publisher: null, url: null, published: '2025-11-06' });
  });

  it('keeps the seed article verbatim, one passage per paragraph', async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    const corpus = loadCorpus(REAL_CORPUS);
    const article = readFileSync(`${REAL_CORPUS}/article.txt`, 'utf8');
    // The project's shared folder sits beside the checkout (and beside CI's clone).
    const seedPath = `${REAL_CORPUS}/../../shared/seeds/000_1ef434ffbd0680b0.txt`;
    if (existsSync(seedPath)) expect(article).toBe(readFileSync(seedPath, 'utf8'));
    const paragraphs = corpus.passages.filter((p) => p.kind === 'article').map((p) => p.text);
    expect(paragraphs.join('\n')).toBe(article);
  });

  it('accepts the real corpus with no problems', () => {
    const corpus = loadCorpus(REAL_CORPUS);
    expect(corpus.passages.length).toBeGreaterThan(13);
  });

  describe('rejects a broken file with the file, entry id and field', () => {
    it('malformed JSON, with its line', () => {
      const dir = brokenCorpus('actors.json', (t) => t.replace('"Steven Witkoff"]', '"Steven Witkoff",]'));
      expect(problemsOf(dir)).toEqual([expect.stringMatching(/actors\.json:\d+: is not valid JSON/)]);
    });

    it('an unknown source id', () => {
      const dir = brokenJson('caveats.json', (e) => ((e[0]!.sources as string[])[0] = 'no-such-source'));
      expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/caveats\.json:\d+: entry "cav-kazakhstan-symbolic" field "sources\[0\]": unknown source id "no-such-source"/));
    });

    it('a duplicate alias across two entities', () => {
      const dir = brokenJson('actors.json', (e) => (e[1]!.aliases as string[]).push('steven witkoff'));
      expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/actors\.json:\d+: entry "benjamin-netanyahu" field "aliases\[2\]": alias "steven witkoff" is already used by "steve-witkoff"/));
    });

    it('a date that is not ISO, or not a real day', () => {
      const dir = brokenJson('timeline.json', (e) => {
        e[0]!.date = '15/09/2020';
        e[1]!.date = '2025-02-30';
      });
      const problems = problemsOf(dir);
      expect(problems).toContainEqual(expect.stringMatching(/entry "ev-2020-09-15-white-house-signing" field "date": must be an ISO date/));
      expect(problems).toContainEqual(expect.stringMatching(/entry "ev-2025-11-06-kazakhstan-announced" field "date": is not a real calendar date/));
    });

    it('empty text', () => {
      const dir = brokenJson('members.json', (e) => (e[3]!.text = '   '));
      expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/members\.json:\d+: entry "bahrain-demography" field "text": must not be empty/));
    });

    it('a source that nothing cites', () => {
      const dir = brokenJson('sources/facts.json', (e) => e.push({ id: 'orphan', title: 'Orphan', publisher: null, published: null, url: null, checked: '2026-11-28' }));
      expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/sources\/facts\.json:\d+: entry "orphan": source is never cited/));
    });

    it('a duplicate id', () => {
      const dir = brokenJson('caveats.json', (e) => (e[1]!.id = 'uae'));
      expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/caveats\.json:\d+: entry "uae" field "id": duplicate id \(also at .*members\.json:\d+\)/));
    });

    it('a precision that does not match the date', () => {
      const dir = brokenJson('timeline.json', (e) => (e[0]!.precision = 'month'));
      expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/entry "ev-2020-09-15-white-house-signing" field "precision": "month" does not match/));
    });

    it('an "about" that names no entity', () => {
      const dir = brokenJson('timeline.json', (e) => (e[0]!.about = ['atlantis']));
      expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/field "about\[0\]": unknown entity id "atlantis"/));
    });

    it('a missing field of its kind', () => {
      const dir = brokenJson('members.json', (e) => delete e[0]!.asOf);
      expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/members\.json:2: entry "uae" field "asOf"/));
    });
  });
});
