/**
 * Feedback on answers, transport-neutral: each answer that can be voted on gets an id and an event
 * in the log (answered, declined or low_confidence); a vote is an event that names that id. Who
 * voted is kept in memory only, to allow one vote per person per answer (a second press changes
 * it); it is never written. The Discord buttons and the console's :good / :bad both come here.
 */
import { randomBytes } from 'node:crypto';
import type { Answer, AnswerKind } from '../engine/answer.ts';
import { EVENT_QUESTION_MAX_CHARS, FeedbackLog, scrubIdentifiers, type FeedbackEventKind, type Vote } from './log.ts';

/** Answers a reader can vote on: not errors, help, chat replies or admin output. */
const VOTABLE_KINDS = new Set<AnswerKind>(['answer', 'list', 'profile', 'timeline', 'source', 'about', 'no_answer']);

/**
 * Below this share of the question's words in its passage, a search answer counts as low
 * confidence. Chosen on the question bank's train split: answers under 0.6 were right 51% of the
 * time (72 of 142), those at or above it 79% (270 of 340).
 */
export const LOW_CONFIDENCE_COVERAGE = 0.6;
/** How many answers' voters are remembered (oldest forgotten first). */
const MAX_TRACKED_ANSWERS = 10_000;

export const FEEDBACK_BUTTON_PREFIX = 'fb';

export function feedbackButtonId(answerId: string, vote: Vote): string {
  return `${FEEDBACK_BUTTON_PREFIX}:${answerId}:${vote}`;
}

export function parseFeedbackButtonId(customId: string): { answerId: string; vote: Vote } | undefined {
  const match = /^fb:([a-z0-9-]{4,40}):(up|down)$/.exec(customId);
  return match ? { answerId: match[1]!, vote: match[2] as Vote } : undefined;
}

/** What an answer's event is: declined, answered with little confidence, or answered. */
export function eventKindOf(answer: Answer): FeedbackEventKind {
  if (answer.kind === 'no_answer') return 'declined';
  if (answer.coverage !== undefined && answer.coverage < LOW_CONFIDENCE_COVERAGE) return 'low_confidence';
  return 'answered';
}

export type VoteResult =
  /** Written; `changed` when it replaced the same reader's other vote. */
  | { status: 'recorded'; changed: boolean }
  /** The reader pressed the same button again: nothing new to write. */
  | { status: 'unchanged' }
  /** The log could not be written. */
  | { status: 'not_recorded' };

export class Feedback {
  private readonly voters = new Map<string, Map<string, Vote>>();

  constructor(readonly log: FeedbackLog | undefined) {}

  get enabled(): boolean {
    return this.log !== undefined;
  }

  /**
   * Writes the answer's event and returns its id, for the vote buttons; undefined when feedback
   * is off, the answer is not one to vote on, or the event could not be written.
   */
  recordAnswer(answer: Answer, asked: string): string | undefined {
    if (!this.log || !VOTABLE_KINDS.has(answer.kind)) return undefined;
    const id = newAnswerId();
    const written = this.log.append({
      event: eventKindOf(answer),
      id,
      question: cleanQuestion(asked),
      answer: answer.kind,
      passages: [...new Set(answer.citations.map((c) => c.passageId))],
    });
    return written ? id : undefined;
  }

  /** Records `voter`'s vote on an answer; `voter` (a user id) stays in memory. */
  vote(answerId: string, voter: string, vote: Vote): VoteResult {
    if (!this.log) return { status: 'not_recorded' };
    const votes = this.voters.get(answerId) ?? new Map<string, Vote>();
    const previous = votes.get(voter);
    if (previous === vote) return { status: 'unchanged' };
    const written = this.log.append({ event: 'vote', id: answerId, vote, ...(previous ? { replaces: previous } : {}) });
    if (!written) return { status: 'not_recorded' };
    votes.set(voter, vote);
    this.voters.delete(answerId);
    this.voters.set(answerId, votes);
    while (this.voters.size > MAX_TRACKED_ANSWERS) this.voters.delete(this.voters.keys().next().value!);
    return { status: 'recorded', changed: previous !== undefined };
  }
}

/** Short, unique and safe in a custom_id: time in base 36 and 3 random bytes. */
function newAnswerId(): string {
  return `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

function cleanQuestion(text: string): string {
  const scrubbed = scrubIdentifiers(text).replace(/\s+/g, ' ').trim();
  return scrubbed.length <= EVENT_QUESTION_MAX_CHARS ? scrubbed : `${scrubbed.slice(0, EVENT_QUESTION_MAX_CHARS - 1)}…`;
}
