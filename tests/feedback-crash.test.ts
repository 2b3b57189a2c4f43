/**
 * The feedback log's promises under a crash: a process killed with SIGKILL in the middle of
 * appending (and rotating) keeps every event it acknowledged, leaves at most one torn last line,
 * and a restarted process starts on a fresh line. And an unwritable log never gets in the way of
 * answering.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FeedbackLog, readEvents, type FeedbackEvent } from '../src/feedback/log.ts';
import { Feedback } from '../src/feedback/feedback.ts';
import type { Answer } from '../src/engine/answer.ts';
import { projectRoot } from '../src/paths.ts';

const CHILD = join('tests', 'helpers', 'append-loop.ts');
/** Small, so the log rotates several times while the child runs. */
const MAX_BYTES = 64 * 1024;
/**
 * Files kept: the log and `.1` … `.10`, all of which readEvents reads. About 5,700 events of ~126
 * bytes fit, more than the ~2,000 + ~1,000 acknowledged here, so no acknowledged event is rotated
 * away (with the default 3 files the oldest ones would be, by design, and the check could not hold).
 */
const KEEP = 11;
const FIRST_RUN_ACKS = 2000;
const SECOND_RUN_ACKS = 1000;
/** The restarted child counts from here, so the two runs' ids cannot be confused. */
const SECOND_RUN_FIRST = 1_000_000;
/** Per wait: generous, for a slow, busy 2-core machine. No timing is asserted. */
const WAIT_MS = 50_000;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'accords-feedback-crash-'));
  dirs.push(dir);
  return dir;
}

/**
 * Runs the append loop until it has acknowledged at least `minAcks` events, kills it with SIGKILL,
 * and returns every counter it acknowledged (including acks still in the pipe when it died).
 */
async function runAndKill(logPath: string, first: number, minAcks: number): Promise<number[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, logPath, String(MAX_BYTES), String(KEEP), String(first)], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acked: number[] = [];
  const unexpected: string[] = [];
  let pending = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!; // an incomplete line is not an ack (yet)
    for (const line of lines) {
      const match = /^ack (\d+)$/.exec(line);
      if (match) acked.push(Number(match[1]));
      else unexpected.push(line);
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  let exited = false;
  void closed.then(() => (exited = true));
  try {
    const started = Date.now();
    while (acked.length < minAcks) {
      if (exited) throw new Error(`the append loop exited after ${acked.length} acks:\n${stderr}`);
      if (Date.now() - started > WAIT_MS) throw new Error(`timed out waiting for ${minAcks} acks (got ${acked.length}):\n${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    const { signal } = await closed; // 'close': the process exited and its stdout was read to the end
    expect(signal).toBe('SIGKILL');
    expect(unexpected, 'unexpected output from the append loop').toEqual([]);
    return acked;
  } finally {
    if (!exited) child.kill('SIGKILL');
  }
}

interface LineCheck {
  /** Lines that do not parse as JSON, with where they are. */
  unparsed: { file: string; line: string; last: boolean; newest: boolean }[];
}

/** Every non-empty line of every file of the log, checked for JSON. */
function checkLines(files: string[]): LineCheck {
  const unparsed: LineCheck['unparsed'] = [];
  files.forEach((file, f) => {
    const lines = readFileSync(file, 'utf8').split('\n');
    // The file ends with "\n" unless its last line is torn.
    const lastIndex = lines.at(-1) === '' ? lines.length - 2 : lines.length - 1;
    lines.forEach((line, i) => {
      if (line === '') return;
      try {
        JSON.parse(line);
      } catch {
        unparsed.push({ file, line, last: i === lastIndex, newest: f === files.length - 1 });
      }
    });
  });
  return { unparsed };
}

/** The counters of the events, in log order; each id is n<counter>. */
function countersOf(events: FeedbackEvent[]): number[] {
  return events.map((e) => {
    expect(e.id).toMatch(/^n\d+$/);
    expect(e).toMatchObject({ event: 'declined', question: `question ${e.id.slice(1)}`, answer: 'no_answer', passages: [] });
    return Number(e.id.slice(1));
  });
}

/** The counters of one run as they must be: first … n in order, nothing missing, nothing twice. */
function expectRun(counters: number[], acked: number[], first: number): void {
  expect(acked.length).toBeGreaterThan(0);
  expect(acked[0]).toBe(first);
  const lastAcked = acked.at(-1)!;
  // Every acknowledged event is in the log …
  const present = new Set(counters);
  const missing = acked.filter((c) => !present.has(c));
  expect(missing, `acknowledged events missing from the log`).toEqual([]);
  // … in order, with no gap and no duplicate; at most one more event (written, not yet acked) after them.
  expect(counters.length).toBeGreaterThanOrEqual(acked.length);
  expect(counters.length).toBeLessThanOrEqual(acked.length + 1);
  counters.forEach((c, i) => {
    if (c !== first + i) expect.fail(`event ${i} of the run is n${c}, expected n${first + i}`);
  });
  expect(counters.at(-1)! - lastAcked).toBeLessThanOrEqual(1);
}

describe('feedback log', () => {
  it(
    'keeps every acknowledged event when the process is killed mid-append',
    async () => {
      const dir = tempDir();
      const logPath = join(dir, 'feedback.jsonl');

      // First run: killed after ~2,000 acknowledged events (and several rotations).
      const acked1 = await runAndKill(logPath, 0, FIRST_RUN_ACKS);
      const read1 = readEvents(logPath);
      expect(read1.files.length, 'the log should have rotated during the run').toBeGreaterThanOrEqual(3);
      expect(read1.files.length, 'rotation discarded files: the test cannot check every ack').toBeLessThan(KEEP);
      expectRun(countersOf(read1.events), acked1, 0);
      expect(read1.skipped).toBeLessThanOrEqual(1);
      const lines1 = checkLines(read1.files);
      // Only a torn last line of the newest file may fail to parse, and readEvents counts it.
      for (const u of lines1.unparsed) expect(u, `unparseable line ${JSON.stringify(u.line)} in ${u.file}`).toMatchObject({ last: true, newest: true });
      expect(read1.skipped).toBe(lines1.unparsed.length);
      const tornAtFirstKill = new Set(lines1.unparsed.map((u) => u.line));

      // Second run on the same log: it must start on a fresh line, not glue its first event onto a torn one.
      const acked2 = await runAndKill(logPath, SECOND_RUN_FIRST, SECOND_RUN_ACKS);
      const read2 = readEvents(logPath);
      expect(read2.files.length, 'rotation discarded files: the test cannot check every ack').toBeLessThan(KEEP);
      const counters = countersOf(read2.events);
      const split = counters.findIndex((c) => c >= SECOND_RUN_FIRST);
      expect(split).toBeGreaterThan(0);
      expectRun(counters.slice(0, split), acked1, 0);
      expectRun(counters.slice(split), acked2, SECOND_RUN_FIRST);
      // A line torn by the first kill stays where it was, on its own; otherwise only the newest file's last line may be torn.
      const lines2 = checkLines(read2.files);
      for (const u of lines2.unparsed) {
        if (!(u.last && u.newest) && !tornAtFirstKill.has(u.line)) expect.fail(`unparseable line ${JSON.stringify(u.line)} in ${u.file}`);
      }
      expect(read2.skipped).toBe(lines2.unparsed.length);
      expect(read2.skipped).toBeLessThanOrEqual(tornAtFirstKill.size + 1);
    },
    120_000,
  );

  it('keeps answering when the log path cannot be written', () => {
    const dir = tempDir();
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'a regular file\n');
    // A path inside a regular file fails (ENOTDIR/EEXIST) even for root.
    const logPath = join(file, 'feedback.jsonl');

    const log = new FeedbackLog(logPath);
    let written: boolean | undefined;
    expect(() => (written = log.append({ event: 'declined', id: 'x1', question: 'q', answer: 'no_answer', passages: [] }))).not.toThrow();
    expect(written).toBe(false);
    expect(log.healthy).toBe(false);

    const feedback = new Feedback(new FeedbackLog(logPath));
    const answer: Answer = { kind: 'answer', query: 'q', text: 't', citations: [] };
    let id: string | undefined = 'not called';
    expect(() => (id = feedback.recordAnswer(answer, 'q'))).not.toThrow();
    expect(id).toBeUndefined();
    expect(feedback.vote('x1', 'someone', 'down')).toEqual({ status: 'not_recorded' });
    expect(readFileSync(file, 'utf8')).toBe('a regular file\n');
  });
});
