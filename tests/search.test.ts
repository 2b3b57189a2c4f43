import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load.ts';
import { buildIndex } from '../src/search/index.ts';
import { FIXTURE_CORPUS } from './helpers/app.ts';

const corpus = loadCorpus(FIXTURE_CORPUS);
const index = buildIndex(corpus);
const ids = (query: string, n = 3) => index.search(query).slice(0, n).map((h) => h.passage.id);

describe('passage index', () => {
  it('ranks the dated event first for a question about the White House signing', () => {
    expect(ids('White House signing ceremony September 2020')[0]).toBe('ev-2020-09-15-white-house-signing');
  });

  it('finds a person by a nickname that appears only among their aliases', () => {
    // "Bibi" is in no passage text: the names field carries it.
    expect(ids('Bibi')).toContain('benjamin-netanyahu');
    expect(ids('Bibi')[0]).toBe('benjamin-netanyahu');
  });

  it('finds a person by a transliteration and by Cyrillic script', () => {
    expect(ids('Tokaev')[0]).toBe('kassym-jomart-tokayev');
    expect(ids('Токаев')[0]).toBe('kassym-jomart-tokayev');
  });

  it('forgives a typo in a long word', () => {
    expect(ids('Witkof envoy')[0]).toBe('steve-witkoff');
  });

  it('ranks the profile of the state asked about above passages that only mention it', () => {
    const top = ids('Saudi Arabia two-state solution condition');
    expect(top[0]).toBe('saudi-arabia');
  });

  it('folds case and diacritics in queries', () => {
    expect(ids('SHIʼITE MAJORITY sunni')[0]).toBe('bahrain-demography');
  });

  it('indexes every passage', () => {
    expect(index.size).toBe(corpus.passages.length);
    expect(index.buildMs).toBeGreaterThan(0);
  });
});
