import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { CorpusError, formatProblem, loadCorpus } from '../src/corpus/load.ts';
import { checkSupport, passedExpectation } from '../src/corpus/support.ts';
import { projectRoot } from '../src/paths.ts';
import { FIXTURE_CORPUS, REAL_CORPUS, brokenCorpus, brokenJson } from './helpers/app.ts';

type RawSentence = { sentence: string; support: { source: string; excerpt: string }[]; corrects?: { source: string; excerpt: string }[] };
const sentences = (entry: Record<string, unknown>) => entry.text as RawSentence[];

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
      const dir = brokenCorpus('actors.json', (t) => t.replace('"Steven Witkoff"', '"Steven Witkoff",]'));
      expect(problemsOf(dir)).toEqual([expect.stringMatching(/actors\.json:\d+: is not valid JSON/)]);
    });

    it('an unknown source id', () => {
      const dir = brokenJson('caveats.json', (e) => (sentences(e[0]!)[0]!.support[0]!.source = 'no-such-source'));
      expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/caveats\.json:\d+: entry "cav-kazakhstan-symbolic" field "text\[0\]\.support\[0\]\.source": unknown source id "no-such-source"/));
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
      const dir = brokenJson('members.json', (e) => (sentences(e[3]!)[0]!.sentence = '   '));
      expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/members\.json:\d+: entry "bahrain-demography" field "text\[0\]\.sentence": must not be empty/));
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

describe('attribution check (npm run corpus:check)', () => {
  const TODAY = '2026-12-03';
  const attributionOf = (dir: string) => checkSupport(loadCorpus(dir), { today: TODAY }).problems.map(formatProblem);

  it('passes the fixture corpus and counts its supported sentences', () => {
    const report = checkSupport(loadCorpus(FIXTURE_CORPUS), { today: TODAY });
    expect(report.problems).toEqual([]);
    expect(report.sentences).toBe(24);
  });

  it('passes the real corpus: every sentence supported, nothing stale', () => {
    const report = checkSupport(loadCorpus(REAL_CORPUS), { today: TODAY });
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(report.sentences).toBeGreaterThan(500);
  });

  it('prints the count of supported sentences', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/corpus-check.ts', FIXTURE_CORPUS, '--today', TODAY], { cwd: projectRoot, encoding: 'utf8' });
    expect(out).toMatch(/^sentences: 24, each supported/m);
  });

  it('rejects a sentence with no supporting source, naming the entry', () => {
    const dir = brokenJson('actors.json', (e) => (sentences(e[1]!)[0]!.support = []));
    expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/actors\.json:\d+: entry "benjamin-netanyahu" field "text\[0\]\.support": must name at least one supporting source/));
  });

  it('rejects a source that is cited for a sentence it shares no name, number or date with', () => {
    const dir = brokenJson('caveats.json', (e) => (sentences(e[0]!)[1]!.support[0]!.excerpt = 'the weather was fine that week'));
    expect(attributionOf(dir)).toContainEqual(expect.stringMatching(/entry "cav-kazakhstan-symbolic" field "text\[1\]\.support": the excerpt of "aa-2025-11-06-trump-kazakhstan" shares no name, number or date/));
  });

  it('rejects a corrected claim that shares nothing with the sentence correcting it', () => {
    const dir = brokenJson('caveats.json', (e) => (sentences(e[1]!)[1]!.corrects![0]!.excerpt = 'nothing to see here'));
    expect(attributionOf(dir)).toContainEqual(expect.stringMatching(/entry "cav-article-who-announced" field "text\[1\]\.corrects"/));
  });

  it('rejects a source that both supports a sentence and is corrected by it', () => {
    const dir = brokenJson('caveats.json', (e) => {
      const s = sentences(e[1]!)[1]!;
      s.corrects = [{ source: s.support[0]!.source, excerpt: s.support[0]!.excerpt }];
    });
    expect(problemsOf(dir)).toContainEqual(expect.stringMatching(/entry "cav-article-who-announced" field "text\[1\]\.corrects\[0\]": .* cannot both support and be corrected/));
  });

  it('rejects field support for a field the entry does not have, or whose excerpt says nothing of it', () => {
    const missing = brokenJson('members.json', (e) => ((e[0]!.fieldSupport as unknown[])[0] = { field: 'signatories[4]', source: 'hamodia-2020-09-15-signing', excerpt: 'x' }));
    expect(problemsOf(missing)).toContainEqual(expect.stringMatching(/entry "uae" field "fieldSupport\[0\]\.field": the entry has no field "signatories\[4\]"/));
    const unrelated = brokenJson('members.json', (e) => ((e[0]!.fieldSupport as { excerpt: string }[])[0]!.excerpt = 'a fine day for it'));
    expect(attributionOf(unrelated)).toContainEqual(expect.stringMatching(/entry "uae" field "fieldSupport\[0\]": the excerpt of "hamodia-2020-09-15-signing" shares no name, number or date with field "signatories\[0\]"/));
  });

  it('rejects an expectation whose date has passed, naming the entry, and only once it has', () => {
    const dir = brokenJson('caveats.json', (e) => (sentences(e[0]!)[1]!.sentence = "A signing ceremony for Kazakhstan is expected at the end of March 2026, Trump's office said."));
    expect(attributionOf(dir)).toContainEqual(expect.stringMatching(/entry "cav-kazakhstan-symbolic" field "text\[1\]": states as still to come something dated 2026-03/));
    expect(checkSupport(loadCorpus(dir), { today: '2026-03-15' }).problems).toEqual([]);
  });

  it('accepts a past expectation told as past, and a date of what was said rather than of what is expected', () => {
    expect(passedExpectation('A visit was announced for late March 2026; no report says it took place.', TODAY)).toBeUndefined();
    expect(passedExpectation('The visit was expected in March 2026.', TODAY)).toBeUndefined();
    expect(passedExpectation('On 6 November 2025 Trump said Kazakhstan will join.', TODAY)).toBeUndefined();
    expect(passedExpectation('The president will visit Israel in March 2026.', TODAY)).toBe('2026-03');
    expect(passedExpectation('The president will visit Israel on 30 March 2026.', '2026-03-30')).toBeUndefined();
  });
});
