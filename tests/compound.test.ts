import { describe, expect, it } from 'vitest';
import { questionParts } from '../src/engine/question.ts';
import { joinAnswers, type Answer, type Citation } from '../src/engine/answer.ts';
import { createApp } from '../src/app.ts';

const citation = (n: number, passageId: string, sentence: string): Citation => ({
  n, passageId, sourceId: `src-${passageId}`, title: 'T', publisher: 'P', date: '2025-11-06', url: 'https://example.org/a', role: 'support',
  quote: `quote for ${sentence}`, sentences: [sentence], basis: [sentence],
});
const answer = (text: string, citations: Citation[], asOf?: string): Answer => ({ kind: 'answer', query: 'q', text, citations, ...(asOf ? { asOf } : {}) });

describe('questions of two parts', () => {
  it('splits "…, and when …?" into two whole questions', () => {
    expect(questionParts('When did Jordan sign its peace treaty with Israel, and what is its status in the accords?')).toEqual([
      'When did Jordan sign its peace treaty with Israel?',
      'what is its status in the accords?',
    ]);
  });

  it('splits two question sentences, leaving out the words that tie them', () => {
    expect(questionParts('Is Kosovo part of the Abraham Accords? If not, how did it end up with ties to Israel?')).toEqual([
      'Is Kosovo part of the Abraham Accords?',
      'how did it end up with ties to Israel?',
    ]);
  });

  it('leaves one question, a statement and a question, and lists whole', () => {
    expect(questionParts('When did Morocco join?')).toEqual([]);
    expect(questionParts('my teacher said 2019. what is the 2019 connection?')).toEqual([]);
    expect(questionParts('When and where was the treaty signed?')).toEqual([]);
    expect(questionParts('Who signed for the UAE, Bahrain, and Morocco?')).toEqual([]);
  });
});

describe('joining two answers', () => {
  const first = answer('Morocco joined on 10 December 2020. [1] (as of 6 November 2025)', [citation(1, 'morocco', 'Morocco joined on 10 December 2020.')], '2025-11-06');

  it('adds what the second says, its citations renumbered after the first', () => {
    const second = answer('Bahrain signed on 15 September 2020 at the White House. [1][2]', [
      citation(1, 'bahrain', 'Bahrain signed on 15 September 2020 at the White House.'),
      citation(2, 'morocco', 'Bahrain signed on 15 September 2020 at the White House.'),
    ]);
    const joined = joinAnswers(first, second);
    expect(joined.text).toBe('Morocco joined on 10 December 2020. [1] Bahrain signed on 15 September 2020 at the White House. [2][1] (as of 6 November 2025)');
    expect(joined.citations.map((c) => c.n)).toEqual([1, 2]);
    expect(joined.citations[0]!.sentences).toContain('Bahrain signed on 15 September 2020 at the White House.');
  });

  it('adds nothing when the second only repeats the first', () => {
    const second = answer('Morocco joined on 10 December 2020. [1]', [citation(1, 'morocco-2', 'Morocco joined on 10 December 2020.')]);
    expect(joinAnswers(first, second)).toBe(first);
  });

  it('keeps every citation marker pointing at a citation', () => {
    const second = answer('One thing happened in Rabat. [1] (correcting [2]) Another thing happened in Manama. [3] A third thing happened in Khartoum. [3]', [
      citation(1, 'a', 'One thing happened in Rabat.'),
      { ...citation(2, 'article', 'One thing happened in Rabat.'), role: 'refuted' },
      citation(3, 'b', 'Another thing happened in Manama.'),
    ]);
    const joined = joinAnswers(first, second);
    const markers = [...joined.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    for (const n of markers) expect(joined.citations.some((c) => c.n === n)).toBe(true);
    expect(joined.text).toContain('(correcting [3])');
    expect(joined.text).not.toContain('Khartoum'); // at most two sentences join
  });
});

describe('answering a message of two questions', () => {
  const app = createApp();

  it('answers both parts of "…, and …?"', () => {
    const a = app.engine.ask('When did Israel and Kosovo agree to recognize each other, and when were diplomatic relations actually established?');
    expect(a.text).toMatch(/4 September 2020/);
    expect(a.text).toMatch(/1 February 2021/);
  });

  it('declines a message that read whole cannot be answered, though one part could be', () => {
    expect(app.engine.ask('Will Kazakhstan hold its signing ceremony in 2031, and who announced that it would join?').kind).toBe('no_answer');
  });
});
