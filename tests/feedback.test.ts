/**
 * The feedback log, votes and the misses report, without Discord (feedback-e2e.test.ts drives the
 * buttons through the fake Discord; feedback-crash.test.ts kills a writer mid-append).
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.ts';
import { FeedbackLog, readEvents, scrubIdentifiers, type FeedbackEvent } from '../src/feedback/log.ts';
import { Feedback, LOW_CONFIDENCE_COVERAGE, eventKindOf, parseFeedbackButtonId, feedbackButtonId } from '../src/feedback/feedback.ts';
import { groupMisses, missesOf, parseSince } from '../src/feedback/misses.ts';
import { respondToLine, type ConsoleState } from '../src/console/session.ts';
import type { Answer } from '../src/engine/answer.ts';

const dirs: string[] = [];
function tempLog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'accords-feedback-unit-'));
  dirs.push(dir);
  return join(dir, 'feedback.jsonl');
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const engine = createApp().engine;
const answer = (over: Partial<Answer> = {}): Answer => ({ kind: 'answer', query: 'q', text: 't', citations: [], ...over });

let clock = Date.parse('2026-12-01T12:00:00Z');
const at = () => new Date((clock += 60_000)).toISOString();
const declined = (question: string): FeedbackEvent => ({ t: at(), event: 'declined', id: `d${clock}`, question, answer: 'no_answer', passages: [] });

describe('misses report', () => {
  it('groups paraphrases, typos and other languages of one question together, largest group first', () => {
    const events: FeedbackEvent[] = [
      ...['what did netanyahu eat at the dinner?', 'wat did netanyahu eat at the dinner??', 'netanyahu dinner, what did he eat', 'What did Netanyahu eat at dinner'].map(declined),
      ...['who will win the us election in 2028', 'who wins the 2028 us election??', 'Qui gagnera l’élection américaine de 2028 ?'].map(declined),
      ...['tokayev favorite color', 'what is tokayevs favorite color'].map(declined),
      declined('who is the king of bahrain'),
    ];
    const groups = groupMisses(missesOf(events), engine);
    expect(groups.map((g) => g.count)).toEqual([4, 3, 2, 1]);
    expect(groups[0]!.example.toLowerCase()).toContain('netanyahu');
    expect([groups[1]!.example, ...groups[1]!.variants]).toContain('Qui gagnera l’élection américaine de 2028 ?');
    expect(groups[3]!.example).toBe('who is the king of bahrain');
    expect(groups.every((g) => g.answered === 'declined')).toBe(true);
  });

  it('counts 👎 answers, in any language, with what the bot answered; a 👎 changed to 👍 is no miss', () => {
    const answered = (id: string, question: string): FeedbackEvent => ({ t: at(), event: 'answered', id, question, answer: 'answer', passages: ['morocco'] });
    const vote = (id: string, v: 'up' | 'down', replaces?: 'up' | 'down'): FeedbackEvent => ({ t: at(), event: 'vote', id, vote: v, ...(replaces ? { replaces } : {}) });
    const events = [
      answered('a1', 'When did Morocco join?'), vote('a1', 'down'),
      answered('a2', 'Когда Марокко присоединилось к соглашениям?'), vote('a2', 'down'), vote('a2', 'down'),
      answered('a3', 'Quand le Maroc a-t-il rejoint les accords ?'), vote('a3', 'down'), vote('a3', 'up', 'down'),
      answered('a4', 'who is kushner'), vote('a4', 'up'),
    ];
    const groups = groupMisses(missesOf(events), engine);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ count: 3, downvoted: 3, declined: 0, answered: 'answer: morocco' });
  });

  it('keeps only what happened since the period asked for', () => {
    const old = { ...declined('when will oman join'), t: '2026-10-01T00:00:00.000Z' };
    const recent = declined('when will oman join');
    expect(missesOf([old, recent], new Date('2026-11-01T00:00:00Z'))).toHaveLength(1);
  });

  it('reads periods as days, hours, minutes or a date, and refuses anything else', () => {
    const now = Date.parse('2026-12-04T00:00:00Z');
    expect(parseSince('7d', now)?.toISOString()).toBe('2026-11-27T00:00:00.000Z');
    expect(parseSince('12h', now)?.toISOString()).toBe('2026-12-03T12:00:00.000Z');
    expect(parseSince('2026-11-01', now)?.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(parseSince('last week', now)).toBeUndefined();
  });
});

describe('feedback log', () => {
  it('appends one event a line and reads them back', () => {
    const path = tempLog();
    const log = new FeedbackLog(path);
    expect(log.append({ event: 'declined', id: 'x1', question: 'q1', answer: 'no_answer', passages: [] })).toBe(true);
    expect(log.append({ event: 'vote', id: 'x1', vote: 'down' })).toBe(true);
    log.close();
    const { events, skipped } = readEvents(path);
    expect(skipped).toBe(0);
    expect(events.map((e) => e.event)).toEqual(['declined', 'vote']);
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('rotates past its size limit, keeps the older files, and reads them all, oldest first', () => {
    const path = tempLog();
    const log = new FeedbackLog(path, { maxBytes: 4096, keep: 3 });
    for (let i = 0; i < 200; i++) expect(log.append({ event: 'declined', id: `n${i}`, question: `question number ${i}`, answer: 'no_answer', passages: [] })).toBe(true);
    log.close();
    const { events, files, skipped } = readEvents(path);
    expect(files).toEqual([`${path}.2`, `${path}.1`, path]);
    for (const file of files) expect(readFileSync(file).length).toBeLessThanOrEqual(4096);
    expect(skipped).toBe(0);
    // The oldest files beyond `keep` are gone; what is kept is in order and ends with the newest.
    const ids = events.map((e) => Number(e.id.slice(1)));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids.at(-1)).toBe(199);
  });

  it('skips and counts a torn last line, and starts the next event on a line of its own', () => {
    const path = tempLog();
    writeFileSync(path, JSON.stringify({ t: '2026-12-01T00:00:00Z', event: 'declined', id: 'a', question: 'q' }) + '\n');
    appendFileSync(path, '{"t":"2026-12-01T00:01:00Z","event":"decl');
    expect(readEvents(path)).toMatchObject({ skipped: 1, events: [{ id: 'a' }] });
    const log = new FeedbackLog(path);
    expect(log.append({ event: 'vote', id: 'a', vote: 'down' })).toBe(true);
    log.close();
    const { events, skipped } = readEvents(path);
    expect(skipped).toBe(1);
    expect(events.map((e) => e.id)).toEqual(['a', 'a']);
  });

  it('never throws on an unwritable path: it says so once and drops the event', () => {
    const dir = mkdtempSync(join(tmpdir(), 'accords-feedback-unit-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'a-file'), '');
    const log = new FeedbackLog(join(dir, 'a-file', 'feedback.jsonl'));
    expect(log.append({ event: 'vote', id: 'x', vote: 'up' })).toBe(false);
    expect(log.healthy).toBe(false);
    expect(new Feedback(log).recordAnswer(answer(), 'q')).toBeUndefined();
  });

  it('removes mentions and ids from what users wrote', () => {
    expect(scrubIdentifiers('<@444444444444444444> and <@!444444444444444445> in <#333333333333333333> for <@&555555555555555555>')).toBe('@user and @user in #channel for @role');
    fc.assert(
      fc.property(fc.string(), fc.bigInt({ min: 10n ** 16n, max: 10n ** 19n }), fc.string(), (before, id, after) => {
        const scrubbed = scrubIdentifiers(`${before} ${id} <@${id}> ${after}`);
        expect(scrubbed).not.toContain(id.toString());
      }),
    );
  });
});

describe('votes', () => {
  it('marks an answer found with little of the question in its passage as low confidence', () => {
    expect(eventKindOf(answer({ coverage: LOW_CONFIDENCE_COVERAGE - 0.1 }))).toBe('low_confidence');
    expect(eventKindOf(answer({ coverage: 1 }))).toBe('answered');
    expect(eventKindOf(answer({ kind: 'no_answer' }))).toBe('declined');
  });

  it('round-trips the button id, and rejects ids it never made', () => {
    expect(parseFeedbackButtonId(feedbackButtonId('mx9a1zsv-ccaad0', 'down'))).toEqual({ answerId: 'mx9a1zsv-ccaad0', vote: 'down' });
    for (const id of ['fb:x:up', 'fb:abcd:maybe', 'page:abc:1', 'fb:ABCD:up', 'fb:abcd:up:extra']) expect(parseFeedbackButtonId(id)).toBeUndefined();
  });

  it('gives answers with no vote buttons and writes nothing when the log is off', () => {
    const feedback = new Feedback(undefined);
    expect(feedback.recordAnswer(answer(), 'q')).toBeUndefined();
    expect(feedback.vote('abcd', 'u', 'up')).toEqual({ status: 'not_recorded' });
  });

  it('puts no vote on errors, help or chat replies', () => {
    const feedback = new Feedback(new FeedbackLog(tempLog()));
    for (const kind of ['error', 'help', 'chat', 'admin'] as const) expect(feedback.recordAnswer(answer({ kind }), 'q')).toBeUndefined();
    expect(feedback.recordAnswer(answer({ kind: 'list' }), '/accords members')).toMatch(/^[a-z0-9]+-[a-f0-9]{6}$/);
  });
});

describe('console ratings', () => {
  it('records :good and :bad on the last answer, one rating that can change', () => {
    const path = tempLog();
    const app = createApp(undefined, { feedbackLog: path });
    const state: ConsoleState = {};
    expect(respondToLine(app, ':good', 'console', state).text).toMatch(/no answer to rate yet/);
    respondToLine(app, 'when did morocco join?', 'console', state);
    expect(respondToLine(app, ':bad', 'console', state).text).toBe('Thanks, noted.');
    expect(respondToLine(app, ':good', 'console', state).text).toBe('Thanks, noted: your rating is changed.');
    const { events } = readEvents(path);
    expect(events.map((e) => [e.event, e.vote ?? null])).toEqual([['answered', null], ['vote', 'down'], ['vote', 'up']]);
    expect(events[0]).toMatchObject({ question: 'when did morocco join?', passages: expect.arrayContaining(['morocco']) });
  });
});
