/**
 * `npm run misses -- [--since 7d] [--top 20] [--json] [--log FILE]`: what people asked that the
 * bot declined, and the answers readers marked 👎, from the feedback log (FEEDBACK_LOG, default
 * data/feedback.jsonl, with its rotated files), the same question in other words grouped, the
 * largest groups first. README "Curating" says what to do with it.
 */
import 'dotenv/config';
import { existsSync } from 'node:fs';
import { createApp } from '../app.ts';
import { ConfigError, parseConfig } from '../config.ts';
import { CorpusError } from '../corpus/load.ts';
import { readEvents } from '../feedback/log.ts';
import { DEFAULT_SINCE, formatMisses, groupMisses, missesOf, parseSince } from '../feedback/misses.ts';
import { corpusDir, projectPath, snapshotFile } from '../paths.ts';

const USAGE = 'usage: npm run misses -- [--since 7d|24h|30m|2026-11-01] [--top N] [--json] [--log FILE]';

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) fail(`${name} needs a value. ${USAGE}`);
  return value;
}

function fail(message: string): never {
  process.stderr.write(`misses: ${message}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const known = new Set(['--since', '--top', '--json', '--log']);
const unknown = args.find((a, i) => a.startsWith('--') && !known.has(a) && !(i > 0 && ['--since', '--top', '--log'].includes(args[i - 1]!)));
if (unknown) fail(`unknown option ${unknown}. ${USAGE}`);

let logPath = option('--log');
if (!logPath) {
  try {
    const config = parseConfig();
    if (config.FEEDBACK_LOG === 'off') fail('FEEDBACK_LOG is off, so there is no log to read (give one with --log FILE).');
    logPath = projectPath(config.FEEDBACK_LOG);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}
const sinceText = option('--since') ?? DEFAULT_SINCE;
const since = parseSince(sinceText);
if (!since) fail(`I can't read --since ${sinceText}: use 7d, 24h, 30m or a date such as 2026-11-01.`);
const topText = option('--top') ?? '20';
const top = Number(topText);
if (!Number.isInteger(top) || top < 1) fail(`--top must be a whole number of groups, not ${topText}.`);
if (!existsSync(logPath)) fail(`no feedback log at ${logPath} yet: the bot writes it as people ask (FEEDBACK_LOG).`);

const started = performance.now();
const { events, skipped, files } = readEvents(logPath);
let app;
try {
  app = createApp(corpusDir, { snapshotFile });
} catch (error) {
  if (error instanceof CorpusError) fail(error.message);
  throw error;
}
const misses = missesOf(events, since);
const groups = groupMisses(misses, app.engine);
const ms = Math.round(performance.now() - started);
if (args.includes('--json')) {
  process.stdout.write(JSON.stringify({ log: logPath, files, since: since.toISOString(), events: events.length, skipped, misses: misses.length, groups: groups.slice(0, top), ms }, null, 2) + '\n');
} else {
  process.stdout.write(formatMisses(groups, { limit: top, since, skipped }) + `\n(${events.length} events in ${files.length} file${files.length === 1 ? '' : 's'}, read and grouped in ${ms} ms)\n`);
}
