/**
 * `npm run bench:misses`: how long `npm run misses` takes on a realistic feedback log of 10,000
 * events (the issue's target: it prints its groups in under 2 seconds). Generates the log with a
 * fixed seed from the question bank, times the CLI as a child process (spawn to exit) and, in
 * process, reading the log and grouping its misses alone, and writes the figures into the
 * "Misses report" section of bench/results.md (between `<!-- misses:start -->` and
 * `<!-- misses:end -->`), leaving the rest of the file as it is.
 *
 *   npm run bench:misses        # about half a minute; keep the machine otherwise idle
 */
import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createApp } from '../src/app.ts';
import { FeedbackLog, readEvents, type FeedbackEvent, type Vote } from '../src/feedback/log.ts';
import { groupMisses, missesOf, parseSince } from '../src/feedback/misses.ts';
import { createLogger, setLogger } from '../src/log.ts';
import { corpusDir, projectRoot, snapshotFile } from '../src/paths.ts';

const EVENTS = 10_000;
const RUNS = 5;
const SEED = 0x5eed_2026;
const DAYS = 14;
/** Popularity of the question at rank r (1 = commonest) ∝ 1 / r^ZIPF_S. */
const ZIPF_S = 1;
/** Shares of the question events; votes come on top, on answered and low-confidence answers. */
const MIX = { declined: 0.6, answered: 0.25, low_confidence: 0.15 } as const;
/** Chance an answered / low-confidence answer gets a vote, and that a vote is 👎. */
const VOTE_CHANCE = { answered: 0.3, low_confidence: 0.45 } as const;
const DOWN_SHARE = 0.8;
/** Chance a voter changes their mind (a second vote that replaces the first), and a second reader votes. */
const CHANGE_CHANCE = 0.1;
const SECOND_READER_CHANCE = 0.1;
const TARGET_MS = 2000;
const SINCE = '30d';
const BANK_FILES = ['tests/eval/bank/train.jsonl', 'tests/eval/bank/test.jsonl'];
const RESULTS = join(projectRoot, 'bench', 'results.md');
const START_MARK = '<!-- misses:start -->';
const END_MARK = '<!-- misses:end -->';

/** mulberry32: a small, fixed-seed PRNG, so the log is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface BankQuestion {
  q: string;
  gold: string[];
}

function readBank(): BankQuestion[] {
  const byText = new Map<string, BankQuestion>();
  for (const file of BANK_FILES) {
    for (const line of readFileSync(join(projectRoot, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { q?: unknown; gold?: unknown };
      if (typeof row.q !== 'string' || !row.q.trim()) continue;
      const gold = Array.isArray(row.gold) ? row.gold.filter((g): g is string => typeof g === 'string') : [];
      if (!byText.has(row.q)) byText.set(row.q, { q: row.q, gold });
    }
  }
  return [...byText.values()];
}

interface GeneratedLog {
  file: string;
  bytes: number;
  wordings: number;
  counts: Record<FeedbackEvent['event'], number>;
  downVotes: number;
  upVotes: number;
  changedVotes: number;
  topShare: number;
}

/** Writes the log with the real writer (FeedbackLog.append), events in time order. */
function generateLog(dir: string, passageIds: string[], now: number): GeneratedLog {
  const rand = prng(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const bank = readBank();
  // Popularity ranks: the bank in a seeded random order.
  const ranked = bank.map((b) => ({ b, key: rand() })).sort((x, y) => x.key - y.key).map((x) => x.b);
  const cumulative: number[] = [];
  let total = 0;
  for (let r = 1; r <= ranked.length; r++) cumulative.push((total += 1 / r ** ZIPF_S));
  const zipf = (): BankQuestion => {
    const x = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return ranked[lo]!;
  };
  const known = new Set(passageIds);
  const newId = (t: number) => `${t.toString(36)}-${Math.floor(rand() * 0xffffff).toString(16).padStart(6, '0')}`;
  const start = now - DAYS * 86_400_000;
  const span = DAYS * 86_400_000 - 3 * 3_600_000; // leave room for votes after the last answers

  const events: (FeedbackEvent & { at: number })[] = [];
  let topCount = 0;
  let questionEvents = 0;
  while (events.length < EVENTS + 50) {
    const at = Math.floor(start + rand() * span);
    const question = zipf();
    questionEvents++;
    if (question === ranked[0]) topCount++;
    const roll = rand();
    const kind = roll < MIX.declined ? 'declined' : roll < MIX.declined + MIX.answered ? 'answered' : 'low_confidence';
    const id = newId(at);
    if (kind === 'declined') {
      events.push({ at, t: '', event: kind, id, question: question.q, answer: 'no_answer', passages: [] });
      continue;
    }
    const gold = question.gold.filter((g) => known.has(g));
    const passages = gold.length ? gold.slice(0, 3) : [...new Set([pick(passageIds), ...(rand() < 0.4 ? [pick(passageIds)] : [])])];
    const answer = rand() < 0.8 ? 'answer' : pick(['list', 'profile', 'timeline', 'source']);
    events.push({ at, t: '', event: kind, id, question: question.q, answer, passages });
    if (rand() >= VOTE_CHANCE[kind]) continue;
    const readers = rand() < SECOND_READER_CHANCE ? 2 : 1;
    for (let r = 0; r < readers; r++) {
      const voteAt = at + 5_000 + Math.floor(rand() * 2 * 3_600_000);
      const vote: Vote = rand() < DOWN_SHARE ? 'down' : 'up';
      events.push({ at: voteAt, t: '', event: 'vote', id, vote });
      if (rand() < CHANGE_CHANCE) {
        const other: Vote = vote === 'down' ? 'up' : 'down';
        events.push({ at: voteAt + 1_000 + Math.floor(rand() * 60_000), t: '', event: 'vote', id, vote: other, replaces: vote });
      }
    }
  }
  events.sort((a, b) => a.at - b.at);
  events.length = EVENTS; // the latest few dropped: every kept vote still has its answer before it

  const file = join(dir, 'feedback.jsonl');
  const log = new FeedbackLog(file);
  const counts: GeneratedLog['counts'] = { declined: 0, answered: 0, low_confidence: 0, vote: 0 };
  let downVotes = 0;
  let upVotes = 0;
  let changedVotes = 0;
  for (const { at, t: _t, ...event } of events) {
    if (!log.append({ ...event, t: new Date(at).toISOString() })) throw new Error(`could not write ${file}`);
    counts[event.event]++;
    if (event.vote === 'down') downVotes++;
    if (event.vote === 'up') upVotes++;
    if (event.replaces) changedVotes++;
  }
  log.close();
  const rotated = existsSync(`${file}.1`);
  if (rotated) throw new Error('the generated log rotated; the bench expects one file');
  return { file, bytes: statSync(file).size, wordings: bank.length, counts, downVotes, upVotes, changedVotes, topShare: topCount / questionEvents };
}

interface Timed {
  ms: number;
  stdout: string;
}

/** Spawn to exit, wall clock; fails on a non-zero exit. */
function timeCommand(command: string, args: string[]): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: projectRoot, env: { ...process.env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}`));
      else resolve({ ms, stdout });
    });
  });
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number): string => `${Math.round(value).toLocaleString('en-US')} ms`;
const loads = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

async function main(): Promise<void> {
  setLogger(createLogger('warn'));
  const loadAtStart = loads();
  const startedAt = new Date();
  const wholeStarted = performance.now();
  // `npm run misses` runs the bundle `npm run build` (and `npm start`) writes, when it is current.
  process.stderr.write(`bench:misses: npm run build…\n`);
  execSync('node scripts/build.mjs', { cwd: projectRoot, stdio: 'ignore', env: { ...process.env, LOG_LEVEL: 'silent' } });
  process.stderr.write(`bench:misses: building the engine…\n`);
  const appStarted = performance.now();
  const app = createApp(corpusDir, { snapshotFile });
  const appMs = performance.now() - appStarted;
  const passageIds = app.engine.corpus.passages.map((p) => p.id);

  const dir = mkdtempSync(join(tmpdir(), 'accords-bench-misses-'));
  try {
    const now = Date.now();
    const generated = generateLog(dir, passageIds, now);
    process.stderr.write(`bench:misses: ${EVENTS} events in ${generated.file} (${(generated.bytes / 1024).toFixed(0)} KiB)\n`);
    const cliArgs = ['--log', generated.file, '--since', SINCE];

    // Counts from --json (with --top large enough for every group), also a warm-up for tsx's cache.
    const json = JSON.parse((await timeCommand(process.execPath, ['--import', 'tsx', 'src/cli/misses.ts', ...cliArgs, '--json', '--top', '1000000'])).stdout) as {
      events: number;
      skipped: number;
      misses: number;
      groups: { count: number; example: string; variants: string[] }[];
    };
    if (json.events !== EVENTS || json.skipped !== 0) throw new Error(`the CLI read ${json.events} events, skipped ${json.skipped}`);

    const node: number[] = [];
    const npm: number[] = [];
    const printed: number[] = [];
    const startup: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Process start alone: node, tsx and the CLI's imports, then --help exits.
      startup.push((await timeCommand(process.execPath, ['--import', 'tsx', 'src/cli/misses.ts', '--help'])).ms);
      // Alternated, so drift in the machine's load falls on both alike.
      const direct = await timeCommand(process.execPath, ['--import', 'tsx', 'src/cli/misses.ts', ...cliArgs]);
      if (!direct.stdout.startsWith('Misses since')) throw new Error(`unexpected output:\n${direct.stdout}`);
      node.push(direct.ms);
      const own = /read and grouped in (\d+) ms/.exec(direct.stdout);
      if (own) printed.push(Number(own[1]));
      const viaNpm = await timeCommand('npm', ['run', '--silent', 'misses', '--', ...cliArgs]);
      if (!viaNpm.stdout.startsWith('Misses since')) throw new Error(`unexpected output:\n${viaNpm.stdout}`);
      npm.push(viaNpm.ms);
      process.stderr.write(`bench:misses: run ${i + 1}/${RUNS}: node ${ms(direct.ms)}, npm ${ms(viaNpm.ms)}, start ${ms(startup.at(-1)!)}\n`);
    }

    // In process: reading and grouping alone, the engine already built.
    const since = parseSince(SINCE)!;
    const inProcess: { total: number; read: number; misses: number; group: number; groups: number; missCount: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const { events } = readEvents(generated.file);
      const t1 = performance.now();
      const misses = missesOf(events, since);
      const t2 = performance.now();
      const groups = groupMisses(misses, app.engine);
      const t3 = performance.now();
      inProcess.push({ total: t3 - t0, read: t1 - t0, misses: t2 - t1, group: t3 - t2, groups: groups.length, missCount: misses.length });
    }
    const first = inProcess[0]!;
    if (first.groups !== json.groups.length || first.missCount !== json.misses) {
      process.stderr.write(`bench:misses: note: in process ${first.missCount} misses in ${first.groups} groups, the CLI ${json.misses} in ${json.groups.length}\n`);
    }

    const npmMedian = median(npm);
    const npmMax = Math.max(...npm);
    const met = npmMax < TARGET_MS;
    const top = json.groups[0];
    const commit = gitDescription();
    const totalSeconds = (performance.now() - wholeStarted) / 1000;
    const c = generated.counts;
    const questionEvents = c.declined + c.answered + c.low_confidence;
    const pct = (n: number) => `${((100 * n) / questionEvents).toFixed(0)}%`;
    const cpu = cpus();
    const section = [
      START_MARK,
      '## Misses report',
      '',
      `Written by \`npm run bench:misses\` (bench/misses.bench.ts), not by \`npm run bench\`; rerun it rather than editing this section. Run on ${startedAt.toISOString().slice(0, 10)}, ${commit}. Machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, load average ${loadAtStart} at the start and ${loads()} at the end. The whole run took ${totalSeconds.toFixed(0)} s.`,
      '',
      `The log: ${EVENTS.toLocaleString('en-US')} events (${(generated.bytes / 1024).toFixed(0)} KiB, one file) written with \`FeedbackLog.append\`, generated with a fixed seed from the ${generated.wordings.toLocaleString('en-US')} distinct questions of the question bank (\`tests/eval/bank/train.jsonl\` and \`test.jsonl\`). Each question event draws its question with Zipf-like popularity (weight 1/rank${ZIPF_S === 1 ? '' : `^${ZIPF_S}`} over a seeded order of the bank; the commonest question is ${(100 * generated.topShare).toFixed(1)}% of them) and is declined (\`no_answer\`), answered or low-confidence: ${c.declined.toLocaleString('en-US')} declined (${pct(c.declined)}), ${c.answered.toLocaleString('en-US')} answered (${pct(c.answered)}), ${c.low_confidence.toLocaleString('en-US')} low-confidence (${pct(c.low_confidence)}). ${c.vote.toLocaleString('en-US')} vote events on the answered and low-confidence ones (${generated.downVotes} 👎, ${generated.upVotes} 👍, ${generated.changedVotes} of them a reader changing their vote). Timestamps spread uniformly over the last ${DAYS} days; the report is asked with \`--since ${SINCE}\`, so all of them count.`,
      '',
      `The report: ${json.misses.toLocaleString('en-US')} misses in ${json.groups.length.toLocaleString('en-US')} groups (from \`--json --top 1000000\`)${top ? `; the largest, ×${top.count}, "${top.example.replace(/\|/g, '\\|')}"` : ''}.`,
      '',
      '| what is timed | median | max | runs |',
      '|---|---|---|---|',
      `| \`npm run misses -- --log FILE --since ${SINCE}\`, spawn to exit | ${ms(npmMedian)} | ${ms(npmMax)} | ${RUNS} |`,
      `| \`node --import tsx src/cli/misses.ts --log FILE --since ${SINCE}\`, spawn to exit | ${ms(median(node))} | ${ms(Math.max(...node))} | ${RUNS} |`,
      `| — of which process start: \`node --import tsx src/cli/misses.ts --help\` (tsx and the CLI's imports), spawn to exit | ${ms(median(startup))} | ${ms(Math.max(...startup))} | ${RUNS} |`,
      `| the CLI's own "read and grouped in" figure (reading, engine from the snapshot, grouping) | ${printed.length ? ms(median(printed)) : 'n/a'} | ${printed.length ? ms(Math.max(...printed)) : 'n/a'} | ${printed.length} |`,
      `| in process: \`readEvents\` + \`missesOf\` + \`groupMisses\`, engine built beforehand | ${ms(median(inProcess.map((r) => r.total)))} | ${ms(Math.max(...inProcess.map((r) => r.total)))} | ${RUNS} |`,
      `| in process, the first run alone (as in the CLI, which groups once: the engine's caches are cold) | ${ms(first.total)} | | 1 |`,
      `| — of which \`readEvents\` | ${ms(median(inProcess.map((r) => r.read)))} | ${ms(Math.max(...inProcess.map((r) => r.read)))} | ${RUNS} |`,
      `| — of which \`missesOf\` | ${ms(median(inProcess.map((r) => r.misses)))} | ${ms(Math.max(...inProcess.map((r) => r.misses)))} | ${RUNS} |`,
      `| — of which \`groupMisses\` | ${ms(median(inProcess.map((r) => r.group)))} | ${ms(Math.max(...inProcess.map((r) => r.group)))} | ${RUNS} |`,
      `| engine from \`createApp\` (prebuilt snapshot when current), before the in-process runs | ${ms(appMs)} | | 1 |`,
      '',
      `\`npm run misses\` runs \`dist/misses.mjs\`, the bundle \`npm run build\` (and so \`npm start\`) writes, when nothing in src/ or commands/ is newer (scripts/misses.mjs); otherwise the sources through tsx, as in the second row. The bench builds first.`,
      '',
      `Child processes are timed after one untimed \`--json\` run (which also warms tsx's cache), the commands alternating within each run. Target (the issue): \`npm run misses\` prints its groups in under 2 seconds for 10,000 events: **${met ? 'met' : 'missed'}** (worst of ${RUNS} runs ${ms(npmMax)}, median ${ms(npmMedian)}).`,
      END_MARK,
    ].join('\n');
    writeSection(section);
    process.stderr.write(`bench:misses: wrote the "Misses report" section of ${relative(projectRoot, RESULTS)}\n${section}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Replaces the section between the markers, or appends it at the end; the rest is left as it is. */
function writeSection(section: string): void {
  const text = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '';
  const from = text.indexOf(START_MARK);
  const to = text.indexOf(END_MARK, from);
  let next: string;
  if (from >= 0 && to >= 0) next = text.slice(0, from) + section + text.slice(to + END_MARK.length);
  else next = `${text}${text === '' || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n'}${section}\n`;
  writeFileSync(RESULTS, next);
}

function gitDescription(): string {
  try {
    const commit = execSync('git rev-parse --short HEAD', { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execSync('git status --porcelain --untracked-files=no', { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return `commit ${commit}${dirty ? ' with uncommitted changes' : ''}`;
  } catch {
    return 'commit unknown';
  }
}

await main();
