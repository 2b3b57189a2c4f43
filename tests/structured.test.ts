import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { expectVerbatimCitations } from './helpers/citations.ts';

const engine = createApp().engine;

describe('answers from profile fields', () => {
  it('answers a count with the number first', () => {
    expect(engine.ask('How many countries have joined the Abraham Accords?').text).toMatch(/^Five states: United Arab Emirates, Bahrain, Sudan, Morocco and Kazakhstan\./);
    expect(engine.ask('how many countries joined before kazakhstan').text).toMatch(/^Four states before Kazakhstan:/);
    expect(engine.ask('How many members have fully normalized relations?').text).toMatch(/^Three states with full normalization:/);
  });

  it('does not count what the fields cannot filter by', () => {
    expect(engine.ask('how many middle east states are in the accords').text).not.toMatch(/^Five states/);
  });

  it('counts and names the members of a region, each cited by a source that places it there', () => {
    const african = engine.ask('Which African countries are part of the Abraham Accords?');
    expect(african.text).toMatch(/^Two states in North Africa: Sudan \[\d+\] and Morocco \[\d+\]\./);
    expect(african.citations.filter((c) => c.field === 'region').map((c) => c.passageId).sort()).toEqual(['morocco', 'sudan']);
    expectVerbatimCitations(engine, african);
    expect(engine.ask('how many gulf states r in the accords').text).toMatch(/^Two states in the Gulf: United Arab Emirates \[\d+\] and Bahrain/);
  });

  it('says None for a region without members, and where the members are', () => {
    const answer = engine.ask('how many european countries are in the accords');
    expect(answer.text).toMatch(/^None: no member state in Europe\. The members are United Arab Emirates \(the Gulf\)/);
    expect(answer.citations.length).toBeGreaterThan(0);
  });

  it('compares two members Yes or No first, with both dates', () => {
    const answer = engine.ask('Did Bahrain join before Morocco?');
    expect(answer.text).toMatch(/^Yes\. Bahrain joined first\./);
    expect(answer.text).toContain('11 September 2020');
    expect(answer.text).toContain('10 December 2020');
    expect(engine.ask('did morocco join before the uae?').text).toMatch(/^No\. United Arab Emirates joined first/);
  });

  it('names the documents each member signed', () => {
    const answer = engine.ask('What is the UAE agreement with Israel called?');
    expect(answer.text).toContain('Treaty of Peace, Diplomatic Relations and Full Normalization');
  });

  it('names who signed, and when and where', () => {
    const answer = engine.ask('who signed for sudan');
    expect(answer.text).toContain('Nasredeen Abdulbari');
    expect(answer.text).toContain('6 January 2021');
  });

  it('leaves questions with more to them to the search', () => {
    expect(engine.ask('When did Israel and Morocco sign their defense cooperation agreement?').text).not.toMatch(/^Morocco signed/);
  });

  it('cites every field answer with the sources own words', () => {
    for (const q of ['How many countries have joined?', 'Did Bahrain join before Morocco?', 'who signed for bahrain', 'Where was each member agreement signed?']) {
      const answer = engine.ask(q);
      expect(answer.citations.length).toBeGreaterThan(0);
      expectVerbatimCitations(engine, answer);
    }
  });
});
