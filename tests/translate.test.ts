import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultTranslator } from '../src/text/translate.ts';
import { createApp } from '../src/app.ts';

const translator = defaultTranslator();
const englishWords = new Set('when did morocco join the accords who is what are how many countries signed'.split(' '));
const isEnglish = (w: string) => englishWords.has(w);
const engine = createApp().engine;

describe('reading questions in other languages', () => {
  it('has a lexicon for each language we promise', () => {
    expect(translator.languages.sort()).toEqual(expect.arrayContaining(['ar', 'de', 'es', 'fr', 'kk', 'ru']));
  });

  it.each([
    ["Quand le Maroc a-t-il rejoint les accords d'Abraham ?", 'fr', /when .*Morocco .*join/],
    ['¿Por qué Sudán no ratificó la normalización con Israel?', 'es', /why Sudan not ratif/],
    ['Когда Казахстан присоединился к Соглашениям Авраама?', 'ru', /when Kazakhstan join/i],
    ['Қазақстан Авраам келісімдеріне қашан қосылды?', 'kk', /Kazakhstan .*when join/],
    ['Wann ist Marokko dem Abraham-Abkommen beigetreten?', 'de', /when .*Morocco .*join/],
    ['متى انضمت الإمارات إلى اتفاقيات أبراهام؟', 'ar', /when join/],
    ['¿Desde cuándo mantienen Kazajistán e Israel relaciones diplomáticas?', 'es', /^since when /],
    ['¿Cuándo suspendieron los Emiratos las negociaciones sobre los F-35?', 'es', /\bf35\b/],
  ])('translates %s', (question, language, pattern) => {
    const t = translator.translate(question, isEnglish);
    expect(t?.language).toBe(language);
    expect(t?.english).toMatch(pattern);
  });

  it('leaves English words as English, though they look like an inflection of a foreign word', () => {
    // "color" shares its start with Spanish "colonia"; the name alone is no evidence of Spanish.
    expect(engine.readQuestion('tokayev favorite color').english).toMatch(/favorite color/);
  });

  it('leaves English alone, and a lone name too', () => {
    expect(translator.translate('when did morocco join the accords', isEnglish)).toBeUndefined();
    expect(translator.translate('witkof', isEnglish)).toBeUndefined();
  });

  it('turns a particle or inversion into an English yes/no question', () => {
    expect(translator.translate('Входит ли Оман в Соглашения Авраама?', isEnglish)?.english).toMatch(/^is /);
    expect(translator.translate("Oman fait-il partie des accords d'Abraham ?", isEnglish)?.english).toMatch(/^is /);
  });

  it('answers in English from a question in another language', () => {
    expect(engine.ask('Когда Марокко присоединилось к Соглашениям Авраама?').text).toMatch(/December 2020/);
    expect(engine.ask('Wer hat für Bahrain unterschrieben?').text).toContain('Al Zayani');
  });

  it('never throws on any text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => void translator.translate(text, isEnglish)));
  });
});
