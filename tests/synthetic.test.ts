import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load.ts';
import { buildIndex } from '../src/search/index.ts';
import { AnswerEngine } from '../src/engine/engine.ts';
import { describeSynthetic, syntheticCorpus } from '../bench/synthetic.ts';
import { REAL_CORPUS } from './helpers/app.ts';

describe('synthetic corpus (bench)', () => {
  const real = loadCorpus(REAL_CORPUS);

  it('is the same from the same seed, and keeps the real passages first and unchanged', () => {
    const a = syntheticCorpus(real, 3);
    const b = syntheticCorpus(real, 3);
    expect(a.passages.map((p) => [p.id, p.title, p.text])).toEqual(b.passages.map((p) => [p.id, p.title, p.text]));
    expect(a.passages).toHaveLength(real.passages.length * 3);
    expect(a.passages.slice(0, real.passages.length)).toEqual(real.passages);
  });

  it('makes passages that cite real sources, name real entities and read like the real text', () => {
    const corpus = syntheticCorpus(real, 3, 7);
    expect(new Set(corpus.passages.map((p) => p.id)).size).toBe(corpus.passages.length);
    for (const p of corpus.passages.slice(real.passages.length)) {
      expect(['note', 'event', 'caveat']).toContain(p.kind);
      for (const s of p.sources) expect(corpus.sources.has(s)).toBe(true);
      for (const e of p.about) expect(corpus.entities.has(e)).toBe(true);
      expect(p.text).toMatch(/\.$/);
    }
    const realWords = describeSynthetic(real).meanWordsPerPassage;
    expect(describeSynthetic(corpus).meanWordsPerPassage).toBeGreaterThan(realWords * 0.8);
    expect(describeSynthetic(corpus).meanWordsPerPassage).toBeLessThan(realWords * 1.2);
  });

  it('indexes and answers like any corpus', () => {
    const corpus = syntheticCorpus(real, 2);
    const engine = new AnswerEngine(corpus, buildIndex(corpus));
    expect(engine.ask('Is Saudi Arabia a member?').text).toMatch(/^No\./);
  });
});
