/**
 * The misses report: what curators should add. From the feedback log, the questions the bot
 * declined and the answers readers marked 👎, with the same question in other words, with typos
 * or in another language grouped together, each group with its count, when it was first and last
 * seen, an example, and what the bot answered. Groups are matched the way the engine reads a
 * question (engine.readQuestion: chat words, translation into English, typo-aware names): the
 * same states and people named, and most of the same stemmed content words.
 */
import type { FeedbackEvent } from './log.ts';
import { editDistance } from '../text/normalize.ts';
import type { Answer } from '../engine/answer.ts';

export interface MissGroup {
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** The question asked most often in the group (the latest among equals). */
  example: string;
  /** Other wordings in the group, most frequent first (at most a few). */
  variants: string[];
  /** "declined", or the answer kind readers voted 👎 on, with its passages. */
  answered: string;
  declined: number;
  downvoted: number;
}

/** What the report needs of the engine: how it reads a question. */
export interface QuestionReader {
  readQuestion(question: string): { contentTerms: string[]; entityMatches: { entity: { id: string } }[] };
}

/** Share of content words two questions must share (typos forgiven) to be one group. */
export const SAME_QUESTION_MIN_OVERLAP = 0.5;
const MAX_VARIANTS = 3;

interface Miss {
  question: string;
  t: string;
  kind: 'declined' | 'downvoted';
  answered: string;
}

/** The declined questions and 👎 answers since `since` (a vote later changed to 👍 does not count). */
export function missesOf(events: FeedbackEvent[], since?: Date): Miss[] {
  const answers = new Map<string, FeedbackEvent>();
  for (const e of events) if (e.event !== 'vote') answers.set(e.id, e);
  const down = new Map<string, { count: number; t: string }>();
  for (const e of events) {
    if (e.event !== 'vote') continue;
    const entry = down.get(e.id) ?? { count: 0, t: e.t };
    if (e.vote === 'down') entry.count++;
    if (e.replaces === 'down') entry.count--;
    if (e.vote === 'down' && e.t > entry.t) entry.t = e.t;
    down.set(e.id, entry);
  }
  const from = since?.toISOString();
  const misses: Miss[] = [];
  for (const e of answers.values()) {
    if (e.event === 'declined' && e.question && (!from || e.t >= from)) {
      misses.push({ question: e.question, t: e.t, kind: 'declined', answered: 'declined' });
    }
  }
  for (const [id, { count, t }] of down) {
    const answer = answers.get(id);
    if (count <= 0 || !answer?.question || (from && t < from)) continue;
    const answered = `${answer.answer ?? 'answer'}${answer.passages?.length ? `: ${answer.passages.join(', ')}` : ''}`;
    for (let i = 0; i < count; i++) misses.push({ question: answer.question, t, kind: 'downvoted', answered });
  }
  return misses;
}

interface Reading {
  entities: string;
  words: string[];
}

/** Groups misses that ask the same thing; the largest groups first. */
export function groupMisses(misses: Miss[], reader: QuestionReader): MissGroup[] {
  // Each distinct wording is read once: a log repeats the same questions many times.
  const readings = new Map<string, Reading>();
  const readingOf = (question: string): Reading => {
    const key = question.toLowerCase().replace(/\s+/g, ' ').trim();
    let reading = readings.get(key);
    if (!reading) {
      const read = reader.readQuestion(question);
      const entities = [...new Set(read.entityMatches.map((m) => m.entity.id))].sort().join('+');
      reading = { entities, words: [...new Set(read.contentTerms)] };
      readings.set(key, reading);
    }
    return reading;
  };
  // Most asked wordings first, so each group is seeded by its commonest form.
  const byWording = new Map<string, Miss[]>();
  for (const m of misses) {
    const key = m.question.toLowerCase().replace(/\s+/g, ' ').trim();
    const wording = byWording.get(key);
    if (wording) wording.push(m);
    else byWording.set(key, [m]);
  }
  const latest = (wording: Miss[]) => wording.reduce((t, m) => (m.t > t ? m.t : t), '');
  const wordings = [...byWording.values()].sort((a, b) => b.length - a.length || (latest(a) > latest(b) ? -1 : latest(a) < latest(b) ? 1 : 0));
  const groups: { seed: Reading; members: Miss[][] }[] = [];
  for (const wording of wordings) {
    const reading = readingOf(wording[0]!.question);
    const group = groups.find((g) => sameQuestion(g.seed, reading));
    if (group) group.members.push(wording);
    else groups.push({ seed: reading, members: [wording] });
  }
  return groups
    .map(({ members }) => {
      const all = members.flat();
      const times = all.map((m) => m.t).sort();
      const downvotes = all.filter((m) => m.kind === 'downvoted');
      return {
        count: all.length,
        firstSeen: times[0]!,
        lastSeen: times.at(-1)!,
        example: members[0]![0]!.question,
        variants: members.slice(1, 1 + MAX_VARIANTS).map((w) => w[0]!.question),
        answered: downvotes.length > all.length / 2 ? mostCommon(downvotes.map((m) => m.answered)) : 'declined',
        declined: all.length - downvotes.length,
        downvoted: downvotes.length,
      };
    })
    .sort((a, b) => b.count - a.count || (a.lastSeen < b.lastSeen ? 1 : -1));
}

/** The same question: the same states and people named, and most content words shared. */
function sameQuestion(a: Reading, b: Reading): boolean {
  if (a.entities !== b.entities) return false;
  if (a.words.length === 0 || b.words.length === 0) return a.words.length === b.words.length && a.entities !== '';
  const shared = a.words.filter((w) => b.words.some((v) => v === w || (w.length >= 5 && v.length >= 5 && editDistance(w, v, 1) <= 1))).length;
  return shared / Math.max(a.words.length, b.words.length) >= SAME_QUESTION_MIN_OVERLAP;
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

/** "7d", "12h", "30m" or an ISO date → the moment it names (relative to `now`). */
export function parseSince(value: string, now = Date.now()): Date | undefined {
  const relative = /^(\d+)\s*([dhm])$/i.exec(value.trim());
  if (relative) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000 }[relative[2]!.toLowerCase() as 'd' | 'h' | 'm'];
    return new Date(now - Number(relative[1]) * unit);
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The report as plain text, the top `limit` groups. */
export function formatMisses(groups: MissGroup[], options: { limit?: number; since?: Date; skipped?: number } = {}): string {
  const limit = options.limit ?? 20;
  const head = `Misses${options.since ? ` since ${options.since.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}: ${groups.reduce((s, g) => s + g.count, 0)} in ${groups.length} group${groups.length === 1 ? '' : 's'}.`;
  if (groups.length === 0) return `${head} Nothing declined or marked 👎.`;
  const lines = groups.slice(0, limit).map((g, i) => {
    const seen = g.firstSeen.slice(0, 10) === g.lastSeen.slice(0, 10) ? g.lastSeen.slice(0, 10) : `${g.firstSeen.slice(0, 10)} to ${g.lastSeen.slice(0, 10)}`;
    const also = g.variants.length ? `\n   also: ${g.variants.map((v) => `"${v}"`).join('; ')}` : '';
    const votes = g.downvoted ? ` (${g.downvoted} 👎)` : '';
    return `${i + 1}. ×${g.count}${votes} "${g.example}"\n   ${seen} · bot: ${g.answered}${also}`;
  });
  const skipped = options.skipped ? `\n(${options.skipped} unreadable line${options.skipped === 1 ? '' : 's'} skipped)` : '';
  return [head, ...lines].join('\n') + skipped;
}

/** The default period of the report, when none is asked for. */
export const DEFAULT_SINCE = '7d';

/** The misses report from a log file, as an admin answer (for /accords misses and the console). */
export function missesAnswer(events: FeedbackEvent[], reader: QuestionReader, options: { since?: string; limit: number; skipped?: number }): Answer {
  const query = `/accords misses${options.since ? ` since:${options.since}` : ''}`;
  const since = parseSince(options.since ?? DEFAULT_SINCE);
  if (!since) return { kind: 'error', query, citations: [], text: `I can't read "${options.since}" as a period: use 7d, 24h, 30m or a date such as 2026-11-01.` };
  const groups = groupMisses(missesOf(events, since), reader);
  return { kind: 'admin', query, citations: [], text: formatMisses(groups, { limit: options.limit, since, skipped: options.skipped }) };
}
