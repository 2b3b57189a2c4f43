/**
 * The bot itself killed with SIGKILL while it answers, and so appends to its feedback log, in a
 * loop: the local console (`src/main.ts` without a token) is fed many questions at once, and every
 * answer it printed before the kill must have its event in the log, with no unreadable line but at
 * most a torn last one. Then it is started again on the same log.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.ts';
import { readEvents } from '../src/feedback/log.ts';

const dir = mkdtempSync(join(tmpdir(), 'accords-kill-'));
const logPath = join(dir, 'feedback.jsonl');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PROMPT = 'accords> ';

function startConsole(): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'src', 'main.ts')], {
    cwd: projectRoot,
    env: { ...process.env, DISCORD_TOKEN: '', FEEDBACK_LOG: logPath, LOG_LEVEL: 'silent' },
  });
}

/** Answers printed so far: each is followed by the next prompt. */
function answersIn(output: string): number {
  return Math.max(0, output.split(PROMPT).length - 2);
}

async function askUntilKilled(first: number, count: number, killAfter: number): Promise<number> {
  const child = startConsole();
  let output = '';
  child.stdout.setEncoding('utf8');
  const enough = new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      if (answersIn(output) >= killAfter) resolve();
    });
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  // Every question at once: the bot answers them in a loop, appending an event for each.
  child.stdin.write(Array.from({ length: count }, (_, i) => `what did netanyahu eat on day ${first + i}?\n`).join(''));
  await enough;
  child.kill('SIGKILL');
  await exited;
  return answersIn(output);
}

describe('the feedback log under a killed bot', () => {
  it('keeps every event the bot acknowledged before SIGKILL, and takes up again after a restart', async () => {
    const acked = await askUntilKilled(0, 3000, 150);
    expect(acked).toBeGreaterThanOrEqual(150);
    let read = readEvents(logPath);
    expect(read.skipped).toBeLessThanOrEqual(1);
    const asked = new Set(read.events.map((e) => e.question));
    for (let i = 0; i < acked; i++) expect(asked.has(`what did netanyahu eat on day ${i}?`)).toBe(true);

    const again = await askUntilKilled(100_000, 3000, 50);
    read = readEvents(logPath);
    expect(read.skipped).toBeLessThanOrEqual(2);
    const after = new Set(read.events.map((e) => e.question));
    for (let i = 0; i < again; i++) expect(after.has(`what did netanyahu eat on day ${100_000 + i}?`)).toBe(true);
    expect(read.events.every((e) => typeof e.t === 'string' && typeof e.id === 'string' && typeof e.question === 'string')).toBe(true);
  }, 120_000);
});
