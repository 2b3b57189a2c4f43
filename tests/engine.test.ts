import { describe, expect, it } from 'vitest';
import type { Answer } from '../src/engine/answer.ts';
import { REAL_CORPUS, engineFor } from './helpers/app.ts';
import { expectVerbatimCitations as expectCitations } from './helpers/citations.ts';

const engine = engineFor();

function expectVerbatimCitations(answer: Answer): void {
  expectCitations(engine, answer);
}

describe('answer engine', () => {
  describe('questions', () => {
    it.each([
      'When were the accords signed at the White House?',
      'Which member is ruled by a Sunni minority?',
      'What does Saudi Arabia need before joining?',
      'According to the article, who is expected to attend the signing ceremony?',
      'Who announced that Kazakhstan would join?',
    ])('answers "%s" with citations whose quotes are verbatim', (q) => {
      const answer = engine.ask(q);
      expect(answer.kind).not.toBe('no_answer');
      expectVerbatimCitations(answer);
    });

    it('declines a question that takes for granted a leaving or a joining the profiles contradict, and says so', () => {
      const left = engine.ask('Why did Bahrain leave the Abraham Accords?');
      expect(left.kind).toBe('no_answer');
      expect(left.text).toMatch(/no withdrawal of Bahrain/);
      const joined = engine.ask('Why did Saudi Arabia sign the Abraham Accords in 2020?');
      expect(joined.kind).toBe('no_answer');
      expect(joined.text).toMatch(/do not report that Saudi Arabia has joined/);
      // Other leavings and signings are facts of their own (the real corpus has them).
      const real = engineFor(REAL_CORPUS);
      expect(real.ask('Why did the Israeli ambassador leave Bahrain in 2023?').kind).toBe('answer');
      expect(real.ask('When was the Israel–Jordan peace treaty signed?').kind).toBe('answer');
    });

    it('declines when the thing asked for is a word no passage uses, nor anything near it in meaning', () => {
      const real = engineFor(REAL_CORPUS);
      expect(real.ask('What ringtone did Witkoff have on his phone when Tokayev called?').kind).toBe('no_answer');
      expect(real.ask('Which hotel did Steven Mnuchin stay in during his visit to Khartoum?').kind).toBe('no_answer');
      expect(real.ask('What document did Mnuchin sign in Khartoum?').kind).toBe('answer');
    });

    it('answers an empty question with how to ask, not a refusal', () => {
      for (const q of ['', '   ', '🤔']) {
        const answer = engine.ask(q);
        expect(['help', 'chat']).toContain(answer.kind);
        expect(answer.citations).toEqual([]);
      }
      expect(engine.ask('').text).toMatch(/Ask me a question/);
    });

    it.each(['What is the capital of Australia?', 'How many goals did Lionel Messi score in 2022?', 'Best pancake recipe?'])(
      'declines "%s" without citing anything',
      (q) => {
        const answer = engine.ask(q);
        expect(answer.kind).toBe('no_answer');
        expect(answer.citations).toEqual([]);
        expect(answer.text).toMatch(/I can answer questions about the Abraham Accords|Ask me a question/);
      },
    );

    it('starts a date answer with the date', () => {
      expect(engine.ask('When was the White House signing?').text).toMatch(/^On 15 September 2020/);
    });

    it('answers a membership question Yes or No first, with the as-of date', () => {
      const no = engine.ask('Is Saudi Arabia a member of the Abraham Accords?');
      expect(no.text).toMatch(/^No\. /);
      expect(no.text).toContain('as of 19 November 2025');
      expect(engine.ask('Has Bahrain joined the accords?').text).toMatch(/^Yes\. /);
    });

    it('lists the members when asked which states are members', () => {
      const answer = engine.ask('Which countries are members of the Abraham Accords?');
      expect(answer.kind).toBe('list');
      expect(answer.text).toMatch(/United Arab Emirates[\s\S]*Bahrain[\s\S]*Kazakhstan/);
    });

    it('shows the article and the report that contradicts it side by side', () => {
      const answer = engine.ask('According to the article, who made the announcement about Kazakhstan?');
      const passages = answer.citations.map((c) => c.passageId);
      expect(passages.some((id) => id.startsWith('article-'))).toBe(true);
      expect(passages).toContain('cav-article-who-announced');
    });

    it('survives a 5,000-character question with markdown and mentions', () => {
      const q = '@everyone **Who is** <@123456789012345678> Witkoff? ' + 'x'.repeat(5000);
      const answer = engine.ask(q);
      expect(answer.query.length).toBeLessThanOrEqual(500);
      expect(answer.query).not.toContain('@everyone');
    });
  });

  describe('whois', () => {
    it.each([
      ['Witkoff', 'Steve Witkoff'],
      ['witkof', 'Steve Witkoff'],
      ['Bibi', 'Benjamin Netanyahu'],
      ['Tokaev', 'Kassym-Jomart Tokayev'],
      ['Токаев', 'Kassym-Jomart Tokayev'],
      ['MBS', 'Mohammed bin Salman'],
      ['UAE', 'United Arab Emirates'],
    ])('resolves "%s" to %s', (name, canonical) => {
      const answer = engine.whois(name);
      expect(answer.kind).toBe('profile');
      expect(answer.text.startsWith(canonical)).toBe(true);
      expectVerbatimCitations(answer);
    });

    it('offers "did you mean" for an unknown name', () => {
      const answer = engine.whois('Netanyah');
      expect(answer.kind).toBe('profile');
      const unknown = engine.whois('Zorblax');
      expect(unknown.kind).toBe('no_answer');
      expect(engine.whois('Witkov Steeve').suggestions ?? []).toBeDefined();
    });
  });

  describe('commands', () => {
    it('lists the members in order of announcement, each cited', () => {
      const answer = engine.members();
      expect(answer.kind).toBe('list');
      expect(answer.text.indexOf('United Arab Emirates')).toBeLessThan(answer.text.indexOf('Bahrain'));
      expect(answer.text.indexOf('Bahrain')).toBeLessThan(answer.text.indexOf('Kazakhstan'));
      expectVerbatimCitations(answer);
      expect(answer.citations).toHaveLength(3);
    });

    it('gives the timeline oldest first', () => {
      const answer = engine.timeline();
      expect(answer.kind).toBe('timeline');
      expect(answer.text.indexOf('15 September 2020')).toBeLessThan(answer.text.indexOf('6 November 2025'));
      expectVerbatimCitations(answer);
    });

    it('filters the timeline by a state or person', () => {
      const answer = engine.timeline('Tokaev');
      expect(answer.text).toContain("Kazakhstan's accession announced");
      expect(answer.text).not.toContain('White House signing');
    });

    it('lists caveats with their topics', () => {
      const answer = engine.caveats();
      expect(answer.text).toContain("Why Kazakhstan's entry is called symbolic");
      expectVerbatimCitations(answer);
    });

    it('describes itself and its sources', () => {
      const answer = engine.about();
      expect(answer.text).toMatch(/answers from \d+ sources/);
    });

    it('shows an entry sentence by sentence, each with the sources that support it, then its field sources', () => {
      const answer = engine.source('uae');
      const lines = answer.text.split('\n');
      expect(lines[0]).toBe('United Arab Emirates (as of 6 November 2025):');
      expect(lines[1]).toMatch(/^1\. The United Arab Emirates signed .* \[1\]$/);
      expect(lines[2]).toMatch(/^2\. Its foreign minister Abdullah bin Zayed signed for the UAE\. \[1\]$/);
      expect(lines).toContain('• signatories[0]: Abdullah bin Zayed Al Nahyan, United Arab Emirates, Foreign Minister [2]');
      expect(lines).toContain('Fields backed by sources:');
      expect(answer.citations.map((c) => c.role)).toEqual(['support', 'field']);
      expectVerbatimCitations(answer);
    });

    it('shows a passage or a source by id, and suggests close ids', () => {
      expect(engine.source('uae').text).toContain('United Arab Emirates');
      const source = engine.source('hamodia-2020-09-15-signing');
      expect(source.text).toContain('Hamodia');
      expectVerbatimCitations(source);
      const unknown = engine.source('hamodia-2020');
      expect(unknown.kind).toBe('no_answer');
      expect(unknown.suggestions).toContain('hamodia-2020-09-15-signing');
    });
  });
});
