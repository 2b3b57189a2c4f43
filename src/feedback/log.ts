/**
 * The feedback log: one JSON event per line, appended, so curators can see what people asked that
 * the bot declined, answered with little confidence, or that readers marked 👎.
 *
 * - Durable against a crash or kill: each event is one synchronous write(2) of one whole line
 *   before the caller acknowledges anything, so a killed process leaves every acknowledged event
 *   in the file (the kernel has it). Only a write cut short (a full disk) can leave a torn last
 *   line; the reader skips and counts it, and the next append starts on a fresh line.
 * - Bounded: past `maxBytes` the file is renamed to `<name>.1` (the older `.1` to `.2`, and so on,
 *   `keep` files in all) and a new one started.
 * - Never in the way: an unwritable path or a full disk is logged once, the event is dropped and
 *   the bot keeps answering; writing is tried again after a minute.
 * - Shareable: events hold no user, guild or channel id or name (see `scrubIdentifiers`).
 */
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { log } from '../log.ts';

export type FeedbackEventKind = 'answered' | 'declined' | 'low_confidence' | 'vote';
export type Vote = 'up' | 'down';

export interface FeedbackEvent {
  /** ISO time of the event. */
  t: string;
  event: FeedbackEventKind;
  /** The answer's id, shared by the answer's event and the votes on it (the buttons carry it). */
  id: string;
  /** answered, declined, low_confidence: the question (or command) as asked, identifiers removed. */
  question?: string;
  /** The answer's kind (engine/answer.ts): answer, list, profile, no_answer, … */
  answer?: string;
  /** The passage ids the answer cited. */
  passages?: string[];
  /** For a vote: what the reader pressed, and the vote it replaces when they changed their mind. */
  vote?: Vote;
  replaces?: Vote;
}

/** Longest question text kept in an event: enough to read it, not a 5,000-character paste. */
export const EVENT_QUESTION_MAX_CHARS = 500;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_KEEP_FILES = 3;
/** After a failed write, how long before writing is tried again. */
const RETRY_AFTER_MS = 60_000;

/**
 * Removes what could identify a person or a place on Discord from text a user wrote: mentions
 * (<@id>, <@&id>, <#id>) and any bare snowflake-sized number.
 */
export function scrubIdentifiers(text: string): string {
  return text
    .replace(/<@!?\d+>/g, '@user')
    .replace(/<@&\d+>/g, '@role')
    .replace(/<#\d+>/g, '#channel')
    .replace(/\b\d{15,22}\b/g, '[id]');
}

export interface FeedbackLogOptions {
  maxBytes?: number;
  keep?: number;
  now?: () => number;
}

export class FeedbackLog {
  private fd: number | undefined;
  private size = 0;
  private failedAt: number | undefined;
  private readonly maxBytes: number;
  private readonly keep: number;
  private readonly now: () => number;

  constructor(
    readonly path: string,
    options: FeedbackLogOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.keep = Math.max(1, options.keep ?? DEFAULT_KEEP_FILES);
    this.now = options.now ?? Date.now;
  }

  /** Whether the last write succeeded (or none has failed yet). */
  get healthy(): boolean {
    return this.failedAt === undefined;
  }

  /**
   * Appends one event as one line; true once it is written. Never throws: a failure is logged the
   * first time, and later appends are dropped until RETRY_AFTER_MS has passed.
   */
  append(event: Omit<FeedbackEvent, 't'> & { t?: string }): boolean {
    if (this.failedAt !== undefined && this.now() - this.failedAt < RETRY_AFTER_MS) return false;
    const line = JSON.stringify({ ...event, t: event.t ?? new Date(this.now()).toISOString() }) + '\n';
    const bytes = Buffer.from(line, 'utf8');
    try {
      this.open();
      if (this.size > 0 && this.size + bytes.length > this.maxBytes) this.rotate();
      const written = writeSync(this.fd!, bytes, 0, bytes.length);
      this.size += written;
      if (written !== bytes.length) throw new Error(`short write: ${written} of ${bytes.length} bytes`);
      if (this.failedAt !== undefined) log.info({ path: this.path }, 'feedback log writable again');
      this.failedAt = undefined;
      return true;
    } catch (error) {
      if (this.failedAt === undefined) log.warn({ err: error, path: this.path }, 'cannot write the feedback log; answering goes on, events are dropped until it is writable');
      this.failedAt = this.now();
      this.close();
      return false;
    }
  }

  close(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        /* already closed */
      }
    }
    this.fd = undefined;
  }

  private open(): void {
    if (this.fd !== undefined) return;
    mkdirSync(dirname(this.path), { recursive: true });
    this.fd = openSync(this.path, 'a');
    this.size = fstatSync(this.fd).size;
    // A torn last line (a write cut short) must not swallow the next event.
    if (this.size > 0 && !endsWithNewline(this.path, this.size)) this.size += writeSync(this.fd, '\n');
  }

  private rotate(): void {
    this.close();
    for (let i = this.keep - 1; i >= 1; i--) {
      const from = i === 1 ? this.path : `${this.path}.${i - 1}`;
      if (existsSync(from)) renameSync(from, `${this.path}.${i}`);
    }
    this.open();
  }
}

function endsWithNewline(path: string, size: number): boolean {
  const fd = openSync(path, 'r');
  try {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === 10;
  } finally {
    closeSync(fd);
  }
}


export interface ReadResult {
  events: FeedbackEvent[];
  /** Lines that were not a whole event (a torn last line), skipped. */
  skipped: number;
  files: string[];
}

/** A shard's own log beside the configured one: data/feedback.jsonl → data/feedback.shard-2.jsonl. */
export function shardLogPath(path: string, shard: number): string {
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  const shardName = dot > 0 ? `${name.slice(0, dot)}.shard-${shard}${name.slice(dot)}` : `${name}.shard-${shard}`;
  return join(dirname(path), shardName);
}

/**
 * The log's files, oldest first within each writer: `<path>.N` … `<path>.1`, then `<path>`; then
 * the same for each other process's own log beside it (`<name>.<tag><ext>`: shards, copies).
 */
export function logFiles(path: string, keep = 10): string[] {
  const rotated = (file: string) => {
    const files: string[] = [];
    for (let i = keep; i >= 1; i--) if (existsSync(`${file}.${i}`)) files.push(`${file}.${i}`);
    if (existsSync(file)) files.push(file);
    return files;
  };
  // Other writers' logs beside it: feedback.shard-1.jsonl, feedback.copy-2.jsonl (one per process).
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  const writerPattern = new RegExp(`^${escapeRegExp(stem)}\\.[A-Za-z0-9_-]+${escapeRegExp(extension)}$`);
  const writers = existsSync(dirname(path))
    ? readdirSync(dirname(path))
        .filter((n) => writerPattern.test(n))
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
        .map((n) => join(dirname(path), n))
    : [];
  return [path, ...writers].flatMap(rotated);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Reads every event in the log and its rotated files; a line that does not parse is skipped and counted. */
export function readEvents(path: string): ReadResult {
  const files = logFiles(path);
  const events: FeedbackEvent[] = [];
  let skipped = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      // The bot rotated the log between listing and reading: the file has a new name now.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const event = JSON.parse(line) as FeedbackEvent;
        if (typeof event?.event !== 'string' || typeof event.id !== 'string' || typeof event.t !== 'string') throw new Error('not an event');
        events.push(event);
      } catch {
        skipped++;
      }
    }
  }
  return { events, skipped, files };
}
