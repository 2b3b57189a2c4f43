import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { ABSTAIN } from '../src/engine/engine.ts';
import { PassageFacts } from '../src/engine/passage-facts.ts';
import { SentenceRanker, HAND_RANKING_WEIGHTS } from '../src/engine/rank.ts';
import { PassageDecision } from '../src/engine/decide.ts';
import { ProfileAnswers } from '../src/engine/profile-answers.ts';
import { QuestionReader } from '../src/engine/read.ts';
import { defaultVectors } from '../src/text/vectors.ts';
import { defaultTranslator } from '../src/text/translate.ts';

// Each stage of the engine, built on its own from the real corpus, as the engine builds them.
const { engine } = createApp();
const { corpus, index, resolver } = engine;
const facts = new PassageFacts(corpus, index, resolver);
const reader = new QuestionReader(resolver, index, defaultVectors(), defaultTranslator());
const ranker = new SentenceRanker(facts, new ProfileAnswers(corpus), defaultVectors(), HAND_RANKING_WEIGHTS);
const decision = new PassageDecision(facts, defaultVectors(), ABSTAIN);
const passage = (id: string) => corpus.passageById.get(id)!;

describe('passage facts', () => {
  it('reads each sentence once, with the people it names and whether it holds a figure', () => {
    const sentences = facts.sentencesOf(passage('morocco'));
    expect(sentences.length).toBe(passage('morocco').sentences.length);
    expect(facts.sentencesOf(passage('morocco'))).toBe(sentences);
    expect(sentences.some((s) => s.named.some((m) => m.entity.type === 'person'))).toBe(true);
  });

  it('weighs a rare word above a common one', () => {
    expect(facts.idf('khartoum')).toBeGreaterThan(facts.idf('israel'));
  });
});

describe('sentence ranking', () => {
  it('ranks a sentence about the signing, from a passage about Morocco, first', () => {
    const query = reader.read('Who signed the joint declaration for Morocco in Rabat?');
    const hits = index.search(query.english, { limit: 12 });
    const ranked = ranker.rank(hits, query);
    const top = ranked[0]!;
    expect(top.passage.about).toContain('morocco');
    expect(top.sentence).toMatch(/sign/i);
    // Scores come sorted, best first.
    for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.score).toBeLessThanOrEqual(ranked[i - 1]!.score);
  });
});

describe('passage decision', () => {
  it('lets the passage about the thing asked answer, and not one about something else', () => {
    const query = reader.read('When did Sudan sign the Abraham Accords in Khartoum?');
    expect(decision.covers(passage('sudan'), query)).toBe(true);
    expect(decision.covers(passage('ev-2020-12-22-morocco-joint-declaration-rabat'), query)).toBe(false);
  });

  it('does not let a passage answer a question about a detail it never mentions', () => {
    const query = reader.read('What was on the menu at the dinner after the Rabat declaration?');
    expect(decision.covers(passage('ev-2020-12-22-morocco-joint-declaration-rabat'), query)).toBe(false);
  });
});
