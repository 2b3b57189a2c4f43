/**
 * Answer quality on the real corpus: the form of each kind of answer, names in every spelling,
 * abstention, and citations that quote their passages verbatim.
 */
import { describe, expect, it } from 'vitest';
import { judge, readQuestions } from '../src/eval/score.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REAL_CORPUS, engineFor } from './helpers/app.ts';
import { expectVerbatimCitations } from './helpers/citations.ts';
import { projectRoot } from '../src/paths.ts';
import type { Answer } from '../src/engine/answer.ts';

const engine = engineFor(REAL_CORPUS);
const ownSet = readQuestions(join(projectRoot, 'tests', 'eval', 'own.jsonl'));
/**
 * The practice mirrors in ../shared/eval (read-only, beside the checkout here and in CI). A clone
 * elsewhere has none, and its tests run on our own set alone.
 */
const sharedSets = ['dev.jsonl', 'dev2.jsonl']
  .map((name) => join(projectRoot, '..', 'shared', 'eval', name))
  .filter((file) => existsSync(file))
  .map((file) => readQuestions(file));

function quotesAreVerbatim(answer: Answer): void {
  expectVerbatimCitations(engine, answer, { required: false });
}

describe('answers on the real corpus', () => {
  it("quote each source's own excerpt, attached only to what it backs, for every question of our own set and the shared sets", () => {
    for (const q of [...ownSet, ...sharedSets.flat()]) quotesAreVerbatim(engine.ask(q.q));
  });

  it('decline every unanswerable question of our own set', () => {
    for (const q of ownSet.filter((x) => x.category === 'unanswerable')) {
      expect(engine.ask(q.q).kind, q.q).toBe('no_answer');
    }
  });

  it('get at least 85% of our own set right (npm run eval prints the exact figure)', () => {
    const passed = ownSet.filter((q) => judge(q, engine.ask(q.q)).ok);
    expect(passed.length / ownSet.length).toBeGreaterThanOrEqual(0.85);
  });

  describe('form', () => {
    it('starts a date answer with the date', () => {
      expect(engine.ask('When was the Israeli embassy in Abu Dhabi opened?').text).toMatch(/^(On )?\d{1,2} June 2021/);
      expect(engine.ask('When did Morocco join the accords?').text).toMatch(/^10 December 2020: /);
    });

    it('answers a membership question with Yes or No first, and its as-of date', () => {
      const saudi = engine.ask('Is Saudi Arabia a member of the Abraham Accords?');
      expect(saudi.text).toMatch(/^No\. /);
      expect(saudi.text).toMatch(/\(as of \d{1,2} \w+ 20\d\d\)$/);
      expect(engine.ask('Has Bahrain joined the Abraham Accords?').text).toMatch(/^Yes\. /);
      expect(engine.ask('Is Sudan a full member?').text).toMatch(/^No\. Sudan is not a full member/);
    });

    it('answers No first when the best sentence plainly denies the claim, and nothing when it does not', () => {
      expect(engine.ask('Did the UAE cut ties with Israel during the Gaza war?').text).toMatch(/^No\. The UAE kept/);
      expect(engine.ask('Does Kazakhstan say joining changes its commitments to other countries?').text).toMatch(/^No\. /);
      // Disputed, or simply confirmed: no Yes/No that the sentence does not plainly give.
      expect(engine.ask('Did Sudan ratify the normalization with Israel?').text).not.toMatch(/^(Yes|No)\b/);
      expect(engine.ask('Did Saudi Arabia pause normalization talks after October 7?').text).not.toMatch(/^(Yes|No)\b/);
    });

    it('says what the accords are when asked about nothing but the accords', () => {
      expect(engine.ask('What are the Abraham Accords?').text).toMatch(/^The Abraham Accords are not (one|a single) treaty/);
      expect(engine.ask('Why are they called the Abraham Accords?').text).toMatch(/patriarch Abraham/);
    });

    it('lists the members for "which countries" questions, including ordering ones', () => {
      expect(engine.ask('Which countries are in the Abraham Accords?').kind).toBe('list');
      expect(engine.ask('who joined the accords first?').text).toMatch(/^United Arab Emirates is the first member: its entry was announced on 13 August 2020/);
      expect(engine.ask('whos the newest member of the abraham accords').text).toMatch(/^Kazakhstan is the newest member/);
    });

    it('answers "who" questions with a person, preferring the nationality and role asked for', () => {
      expect(engine.ask('Which US envoy mediated the security talks between Israel and Syria?').text).toContain('Barrack');
      expect(engine.ask('Which Moroccan foreign minister took part in the 2022 Negev Summit?').text).toContain('Bourita');
    });

    it('answers "who is the <role> of <state>" with the holder of that role, not a deputy', () => {
      expect(engine.ask('Who is the foreign minister of Kazakhstan?').text).toContain('Kosherbayev');
      expect(engine.ask('Who is the president of the United States?').text).toContain('Donald Trump');
      expect(engine.ask('Who is the US vice president?').text).toContain('JD Vance');
    });

    it('declines a question about an entity that its sources do not answer', () => {
      expect(engine.ask('What is the population of Kazakhstan?').kind).toBe('no_answer');
      expect(engine.ask("Why didn't Saudi Arabia join?").kind).toBe('answer');
    });

    it('keeps a single fact short', () => {
      const lengths = ownSet.filter((q) => q.category !== 'unanswerable').map((q) => engine.ask(q.q)).filter((a) => a.kind === 'answer').map((a) => a.text.length);
      lengths.sort((a, b) => a - b);
      expect(lengths[lengths.length >> 1]).toBeLessThanOrEqual(400);
    });

    it('shows the article and the reports that differ from it, citing both', () => {
      const answer = engine.ask('According to the article, who announced that Kazakhstan would join?');
      const ids = answer.citations.map((c) => c.passageId);
      expect(ids.some((id) => id.startsWith('article-'))).toBe(true);
      expect(ids.some((id) => id.startsWith('cav-article-'))).toBe(true);
    });
  });

  describe('names', () => {
    it.each([
      ['witkof', 'Steve Witkoff'],
      ['Bibi', 'Benjamin Netanyahu'],
      ['mbz', 'Mohammed bin Zayed Al Nahyan'],
      ['MBS', 'Mohammed bin Salman'],
      ['Tokaev', 'Kassym-Jomart Tokayev'],
      ['Токаев', 'Kassym-Jomart Tokayev'],
      ['Toqayev', 'Kassym-Jomart Tokayev'],
      ['al-Golani', 'Ahmed al-Sharaa'],
    ])('resolves %s to %s', (name, canonical) => {
      expect(engine.whois(name).text.startsWith(canonical)).toBe(true);
      expect(engine.ask(name).text.startsWith(canonical)).toBe(true);
    });

    it('prefers an exact alias over a fuzzy match of another name', () => {
      // "Vance" is an alias; a fuzzy reading could take it for another name.
      expect(engine.whois('Vance').text.startsWith('JD Vance')).toBe(true);
    });
  });

  describe('other languages', () => {
    it('answers a Russian "when did X join" with the date first', () => {
      expect(engine.ask('Когда Казахстан присоединился к Авраамовым соглашениям?').text).toMatch(/^6 November 2025: /);
    });

    it('answers French and Spanish yes/no membership questions Yes or No first', () => {
      expect(engine.ask("Le Maroc est-il membre des accords d'Abraham ?").text).toMatch(/^Yes\. Morocco/);
      expect(engine.ask('¿Arabia Saudita es miembro de los Acuerdos de Abraham?').text).toMatch(/^No\. Saudi Arabia/);
    });

    it('finds the Negev Summit venue from a Russian question', () => {
      expect(engine.ask('Где прошёл саммит в Негеве в 2022 году?').text).toContain('Sde Boker');
    });
  });

  describe('abstention', () => {
    it.each([
      'What is the capital of Australia?',
      'How many goals did Lionel Messi score in 2022?',
      "What is Jared Kushner's favorite movie?",
      "What will Kazakhstan's GDP be in 2030?",
      'What is the weather in Astana today?',
      'How do I bake sourdough bread?',
      'What happened at the Abraham Accords summit in October 2026?',
    ])('declines "%s" and says what it can answer', (q) => {
      const answer = engine.ask(q);
      expect(answer.kind).toBe('no_answer');
      expect(answer.text).toMatch(/won't guess/);
    });

    it('offers "did you mean" when the question names someone it knows', () => {
      expect(engine.ask('What is Netanyahu’s shoe size?').suggestions).toContain('/whois Benjamin Netanyahu');
    });
  });
});
