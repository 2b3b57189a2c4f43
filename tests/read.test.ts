import { describe, expect, it } from 'vitest';
import { QuestionReader } from '../src/engine/read.ts';
import { createApp } from '../src/app.ts';
import { defaultVectors } from '../src/text/vectors.ts';
import { defaultTranslator } from '../src/text/translate.ts';

const engine = createApp().engine;
const reader = new QuestionReader(engine.resolver, engine.index, defaultVectors(), defaultTranslator());

describe('reading a question', () => {
  it('finds the names, the content words and what is asked for', () => {
    const q = reader.read('Which US envoy mediated the talks between Israel and Syria?');
    expect(q.entityMatches.map((m) => m.entity.id)).toContain('syria');
    expect(q.contentTerms).toEqual(expect.arrayContaining(['envoy', 'mediat']));
    expect([...q.countries]).toEqual(['United States']);
    expect(q.answerType).toBe('person');
  });

  it('reads a question in another language in English words, with its names in English', () => {
    const q = reader.read('Когда Марокко присоединилось к Соглашениям Авраама?');
    expect(q.english).toMatch(/^when Morocco join/i);
    expect(q.shape.intent).toBe('when');
    expect(q.entityMatches.map((m) => m.entity.id)).toEqual(['morocco']);
    expect(q.contentTerms).not.toContain('morocco');
  });

  it('does not count chat shorthand that is not English against an English question', () => {
    const q = reader.read('negev forum steering cmte first mtg when');
    expect(q.contentTerms).not.toContain('cmte');
    expect(q.contentTerms).toContain('steer');
  });

  it('takes every name the question gives one person as a name, not as words to look for', () => {
    const q = reader.read('how long has Mohammed VI been king of morocco');
    expect(q.entityMatches.map((m) => m.entity.id)).toEqual(['mohammed-vi']);
    expect(q.contentTerms).not.toContain('vi');
    expect(q.contentTerms).not.toContain('mohamm');
  });
});
