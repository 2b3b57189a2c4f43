/**
 * `/ask` throughput through gateway shards: the same interactions as bench/discord.bench.ts (its
 * question set, 64 in flight, from 2,000 users, after a warm-up), against the same fake Discord
 * (tests/helpers/fake-discord.ts, no request log, bounded replay), in three set-ups measured in
 * the same run, since the machines are shared and noisy:
 *
 *   - in process: one discord.js Client and engine in this process (what discord.bench.ts runs);
 *   - 1 shard:  the ShardingManager (src/discord/shards.ts) with SHARD_COUNT=1, one shard process;
 *   - 2 shards: SHARD_COUNT=2, two shard processes, each with its own engine and connection.
 *
 * The interactions alternate between two guilds that fall on different shards of two, so each
 * of the 2 shards gets half. The fake and the driver run in this process, so with 2 shards three
 * processes share the machine's cores. Latency is from the gateway dispatch leaving the fake to
 * the interaction callback reaching it. Prints a markdown table; writes nothing. No assertions.
 *
 *   node --import tsx bench/shards.bench.ts            # BENCH_ASKS=10000 BENCH_WINDOW=64 BENCH_WARMUP=300
 */
import { spawn } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { loadQuestions } from './discord.bench.ts';
import { fileURLToPath } from 'node:url';
import { version as discordJsVersion } from 'discord.js';
import { createApp } from '../src/app.ts';
import { attachHandlers, createClient } from '../src/discord/bot.ts';
import { createLogger, log, setLogger } from '../src/log.ts';
import { projectRoot } from '../src/paths.ts';
import { APPLICATION_ID, FAKE_TOKEN, FakeDiscord, GUILD_ID, channelsOf, shardOf, type RecordedRequest } from '../tests/helpers/fake-discord.ts';

/** Two guilds on different shards of two (and both on shard 0 of one). */
const GUILDS = ['777777777777777777', GUILD_ID] as const;
const CALLBACK = /^\/interactions\/(\d+)\/[^/]+\/callback$/;
const STALL_MS = 15_000;

interface Options {
  asks: number;
  window: number;
  warmup: number;
  users: number;
}

interface Phase {
  answered: number;
  httpErrors: number;
  errorReplies: number;
  missing: number;
  wallMs: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
}

interface ScenarioResult {
  name: string;
  shards: number;
  processes: number;
  setupMs: number;
  /** Answered interactions per shard id, as the callbacks' guilds show. */
  perShard: number[];
  result: Phase;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Keeps `window` interactions in flight and times each callback (as discord.bench.ts's Driver). */
class Driver {
  private pending = new Map<string, { at: number; guild: number }>();
  private phase:
    | { total: number; dispatched: number; times: number[]; httpErrors: number; errorReplies: number; perGuild: number[]; lastProgress: number; done: () => void }
    | undefined;
  private window = 1;
  next: (i: number) => { id: string; guild: number } = () => {
    throw new Error('no interaction source');
  };

  readonly onRequest = (request: RecordedRequest): void => {
    const phase = this.phase;
    if (!phase || request.method !== 'POST') return;
    const match = CALLBACK.exec(request.path);
    if (!match) return;
    const sent = this.pending.get(match[1]!);
    if (!sent) return;
    const now = performance.now();
    this.pending.delete(match[1]!);
    phase.lastProgress = now;
    if ((request.status ?? 0) >= 300) phase.httpErrors++;
    else {
      phase.times.push(now - sent.at);
      phase.perGuild[sent.guild]!++;
      const body = request.body as any;
      if (body?.type !== 4 || String(body?.data?.embeds?.[0]?.description ?? '').startsWith('❌')) phase.errorReplies++;
    }
    this.fill();
    if (phase.times.length + phase.httpErrors >= phase.total) phase.done();
  };

  private fill(): void {
    const phase = this.phase!;
    while (phase.dispatched < phase.total && this.pending.size < this.window) {
      const at = performance.now();
      const { id, guild } = this.next(phase.dispatched++);
      this.pending.set(id, { at, guild });
    }
  }

  async run(total: number, window: number): Promise<Phase & { perGuild: number[] }> {
    this.window = window;
    this.pending.clear();
    const started = performance.now();
    let watchdog: NodeJS.Timeout | undefined;
    const finished = new Promise<void>((resolve) => {
      this.phase = { total, dispatched: 0, times: [], httpErrors: 0, errorReplies: 0, perGuild: [0, 0], lastProgress: started, done: resolve };
      watchdog = setInterval(() => {
        if (performance.now() - this.phase!.lastProgress > STALL_MS) resolve();
      }, 500);
    });
    this.fill();
    await finished;
    clearInterval(watchdog);
    const wallMs = performance.now() - started;
    const phase = this.phase!;
    this.phase = undefined;
    const missing = this.pending.size + (phase.total - phase.dispatched);
    this.pending.clear();
    const sorted = [...phase.times].sort((a, b) => a - b);
    const at = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN, 2);
    return {
      answered: phase.times.length,
      httpErrors: phase.httpErrors,
      errorReplies: phase.errorReplies,
      missing,
      wallMs: round(wallMs),
      perSecond: round(phase.times.length / (wallMs / 1000)),
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      perGuild: phase.perGuild,
    };
  }
}

/** The shards as src/main.ts starts them, from the sources under tsx, no wait between shards. */
const LAUNCHER = `
import { parseConfig } from './src/config.ts';
import { createLogger, setLogger } from './src/log.ts';
import { startShards } from './src/discord/shards.ts';
const config = parseConfig();
setLogger(createLogger(config.LOG_LEVEL));
await startShards(config, { spawnDelayMs: 0 });
`;

async function startManager(discord: FakeDiscord, shards: number): Promise<{ stop(): Promise<void> }> {
  const { DISCORD_GUILD_ID: _g, ANSWER_CHANNEL_IDS: _a, SHARDS: _s, SHARDING_MANAGER: _m, ACCORDS_CORPUS_DIR: _c, ...rest } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', LAUNCHER], {
    cwd: projectRoot,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...rest,
      SHARD_COUNT: String(shards),
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_CLIENT_ID: APPLICATION_ID,
      DISCORD_API_URL: discord.apiUrl,
      FEEDBACK_LOG: 'off',
      // No per-user limit, as discord.bench.ts (whose limit is out of reach).
      COOLDOWN_SECONDS: '0',
      LOG_LEVEL: 'info',
    },
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const started = Date.now();
  while (!stderr.includes('"every shard is ready"')) {
    if (child.exitCode !== null || Date.now() - started > 180_000) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
      throw new Error(`the shards did not start:\n${stderr}`);
    }
    await sleep(100);
  }
  return {
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(20_000)]);
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* every process has exited */
      }
    },
  };
}

async function scenario(name: string, shards: number, inProcess: boolean, o: Options, questions: string[], users: string[]): Promise<ScenarioResult> {
  const driver = new Driver();
  const discord = await new FakeDiscord({ record: false, replayLimit: 1000, onRequest: driver.onRequest, guilds: [...GUILDS] }).start();
  const setupStarted = performance.now();
  let stop: () => Promise<void>;
  if (inProcess) {
    const app = createApp();
    const client = createClient({ DISCORD_API_URL: discord.apiUrl, ANSWER_CHANNEL_IDS: [] });
    attachHandlers(client, app, { answerChannelIds: [], cooldownSeconds: 60, cooldownMax: Number.MAX_SAFE_INTEGER });
    const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
    await client.login(FAKE_TOKEN);
    await ready;
    stop = async () => void (await client.destroy());
  } else {
    ({ stop } = await startManager(discord, shards));
  }
  const setupMs = round(performance.now() - setupStarted, 0);
  try {
    let n = 0;
    driver.next = () => {
      const i = n++;
      const guild = (i % 2) as 0 | 1;
      const id = discord.slash('ask', [{ type: 3, name: 'question', value: questions[i % questions.length]! }], users[i % users.length]!, channelsOf(GUILDS[guild])[0]);
      return { id, guild };
    };
    await driver.run(o.warmup, o.window);
    const { perGuild, ...result } = await driver.run(o.asks, o.window);
    const perShard = Array.from({ length: shards }, () => 0);
    GUILDS.forEach((guild, i) => (perShard[shardOf(guild, shards)]! += perGuild[i]!));
    return { name, shards, processes: inProcess ? 0 : shards, setupMs, perShard, result };
  } finally {
    await stop();
    await discord.stop();
  }
}

export async function runShardsBench(options: Partial<Options> = {}): Promise<ScenarioResult[]> {
  const o: Options = { asks: 10_000, window: 64, warmup: 300, users: 2000, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined && !Number.isNaN(v))) };
  const previous = log;
  setLogger(createLogger('silent'));
  try {
    const questions = loadQuestions();
    const users = Array.from({ length: o.users }, (_, i) => (500000000000000000n + BigInt(i)).toString());
    const results: ScenarioResult[] = [];
    results.push(await scenario('in process, one client (as discord.bench.ts)', 1, true, o, questions, users));
    results.push(await scenario('1 shard process (SHARD_COUNT=1)', 1, false, o, questions, users));
    results.push(await scenario('2 shard processes (SHARD_COUNT=2)', 2, false, o, questions, users));
    return results;
  } finally {
    setLogger(previous);
  }
}

export function renderShardsTable(results: ScenarioResult[], o: { asks: number; window: number; warmup: number }): string {
  const base = results[0]!.result.perSecond;
  const lines = [
    `\`/ask\` through gateway shards: ${o.asks.toLocaleString('en')} interactions after ${o.warmup} warm-up, ${o.window} in flight, real corpus; ` +
      `node ${process.version}, discord.js ${discordJsVersion}, ${availableParallelism()} CPUs (${cpus()[0]?.model.trim() ?? '?'}), load ${loadavg().map((l) => l.toFixed(2)).join(' ')}.`,
    '',
    '| set-up | answered | per second | vs in process | p50 | p95 | p99 | per shard | errors | start-up |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const x = r.result;
    lines.push(
      `| ${r.name} | ${x.answered.toLocaleString('en')} / ${o.asks.toLocaleString('en')} | ${Math.round(x.perSecond).toLocaleString('en')} | ${(x.perSecond / base).toFixed(2)}× | ` +
        `${x.p50} ms | ${x.p95} ms | ${x.p99} ms | ${r.perShard.map((c) => c.toLocaleString('en')).join(' / ')} | ${x.httpErrors + x.errorReplies + x.missing} | ${(r.setupMs / 1000).toFixed(1)} s |`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const numeric = (name: string) => {
    const value = process.env[`BENCH_${name.toUpperCase()}`];
    return value ? Number(value) : undefined;
  };
  const options = { asks: numeric('asks'), window: numeric('window'), warmup: numeric('warmup'), users: numeric('users') };
  const results = await runShardsBench(options);
  console.log(renderShardsTable(results, { asks: options.asks ?? 10_000, window: options.window ?? 64, warmup: options.warmup ?? 300 }));
  process.exit(0);
}
