/**
 * Set up for every test file (vitest.config.ts): the logger writes every line, at trace level, to
 * a sink that looks for credentials — the fake Discord's bot token, its interaction tokens, and any
 * interaction or webhook URL whose token segment is not masked — and the file fails if one shows.
 * Tests that capture logs themselves swap the logger and put this one back.
 */
import { afterAll, expect } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger, setLogger } from '../../src/log.ts';
import { FAKE_TOKEN } from './fake-discord.ts';

const LEAKS = [
  (line: string) => line.includes(FAKE_TOKEN),
  // The fake's interaction tokens are "token-<interaction id>".
  (line: string) => /token-\d{15,}/.test(line),
  (line: string) => /\/(?:interactions|webhooks)\/\d+\/(?!\[redacted\])[^/\s"?]+/.test(line),
];
const leaks: string[] = [];

setLogger(
  createLogger(
    'trace',
    new Writable({
      write(chunk, _encoding, done) {
        const line = String(chunk);
        if (LEAKS.some((leak) => leak(line))) leaks.push(line.slice(0, 500));
        done();
      },
    }) as never,
  ),
);

afterAll(() => {
  expect(leaks, 'a log line held a credential').toEqual([]);
});
