/**
 * The whole Discord path under load, in one process: the fake Discord (tests/helpers) and the
 * real discord.js Client with the bot's handlers, answering from the real corpus. Measures
 * `/ask` and `/whois` autocomplete throughput and dispatch-to-reply latency (from the gateway
 * event leaving the fake to the interaction callback POST reaching it), and memory before and
 * after many answered `/ask` interactions. No assertions: figures only.
 *
 * Order: warm-up (both kinds), one-at-a-time runs (service time without queueing), the
 * autocomplete run, then the `/ask` run bracketed by the two memory snapshots (after a forced GC
 * when --expose-gc is given): the `/ask` figures and the memory growth come from the same
 * interactions, so a 10,000-interaction memory run is not paid for twice. The fake keeps no
 * request log and a bounded replay buffer here, so it does not grow with the traffic itself.
 *
 *   node --expose-gc --import tsx bench/discord.bench.ts
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { version as discordJsVersion, type Client } from 'discord.js';
import { createApp, type App } from '../src/app.ts';
import { attachHandlers, createClient } from '../src/discord/bot.ts';
import { createLogger, log, setLogger } from '../src/log.ts';
import { projectRoot } from '../src/paths.ts';
import { FAKE_TOKEN, FakeDiscord, type RecordedRequest } from '../tests/helpers/fake-discord.ts';

export interface DiscordBenchOptions {
  /** Answered `/ask` interactions in the throughput run (after warm-up); memory is measured across it. */
  asks?: number;
  /** Answered `/whois` autocomplete interactions in the throughput run. */
  autocompletes?: number;
  /** Answered `/ask` interactions between the two memory snapshots, at least: when more than
   * `asks`, the `/ask` run is followed by more `/ask` before the second snapshot. */
  memoryInteractions?: number;
  /** Interactions kept in flight. */
  window?: number;
  /** Interactions of each kind before anything is measured. */
  warmup?: number;
  /** Interactions of each kind sent one at a time (window 1): latency without queueing. */
  serial?: number;
  /** Distinct users the interactions come from (more than the user cache holds). */
  users?: number;
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface PhaseResult {
  dispatched: number;
  answered: number;
  /** Callback POSTs the fake answered with a non-2xx status. */
  httpErrors: number;
  /** Dispatched interactions with no callback by the end of the phase. */
  missing: number;
  /** 2xx callbacks carrying the bot's error reply instead of an answer. */
  errorReplies: number;
  wallMs: number;
  /** Answered interactions per second of wall time. */
  perSecond: number;
  /** Dispatch-to-reply, milliseconds. */
  latencyMs: Latency;
}

export interface MemorySnapshot {
  rssMb: number;
  heapUsedMb: number;
}

export interface DiscordBenchResult {
  node: string;
  discordJs: string;
  cpus: number;
  gcExposed: boolean;
  /** client.rest.options.globalRequestsPerSecond (interaction callbacks are not subject to it). */
  globalRequestsPerSecond: number;
  window: number;
  warmup: number;
  users: number;
  questions: number;
  passages: number;
  setupMs: number;
  /** One at a time: the service time of one interaction, no queueing. */
  serial: { ask: PhaseResult; autocomplete: PhaseResult };
  ask: PhaseResult;
  autocomplete: PhaseResult;
  memory: {
    /** Answered `/ask` interactions between the snapshots. */
    interactions: number;
    before: MemorySnapshot;
    after: MemorySnapshot;
    growth: MemorySnapshot;
    /** Without a forced GC, every 10% of the run. */
    samples: (MemorySnapshot & { interactions: number })[];
    /** The `/ask` run that followed the measured one, when memoryInteractions > asks. */
    extra?: PhaseResult;
  };
  /** Cache sizes at the end: what discord.js still holds. */
  caches: { users: number; members: number; channels: number; messages: number };
  unhandledRejections: number;
  totalMs: number;
}

const DEFAULTS: Required<DiscordBenchOptions> = {
  asks: 10_000,
  autocompletes: 5000,
  memoryInteractions: 10_000,
  window: 64,
  warmup: 300,
  serial: 100,
  users: 2000,
};

const PARTIAL_NAMES = ['net', 'witk', 'kazak', 'moham', 'tok', "sa'ar", '', 'bib', 'mbz', 'trum', 'bahr', 'moroc', 'sud', 'kush', 'lapid', 'w', 'abdull', 'zayed', 'herz', 'blink'];

const CALLBACK = /^\/interactions\/(\d+)\/[^/]+\/callback$/;
const STALL_MS = 15_000;

/** The questions the Discord benches ask: the dev set when it is there, and our own. */
export function loadQuestions(): string[] {
  const files = [join(projectRoot, '..', 'shared', 'eval', 'dev.jsonl'), join(projectRoot, 'tests', 'eval', 'own.jsonl')];
  const questions: string[] = [];
  for (const file of files) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const q = (JSON.parse(line) as { q?: unknown }).q;
      if (typeof q === 'string' && q.trim()) questions.push(q);
    }
  }
  if (questions.length === 0) throw new Error('no questions: neither ../shared/eval/dev.jsonl nor tests/eval/own.jsonl was found');
  return questions;
}

function latency(times: number[]): Latency {
  if (times.length === 0) return { p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: round(sorted.at(-1)!), mean: round(sorted.reduce((s, t) => s + t, 0) / sorted.length) };
}

function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function memory(gc: boolean): MemorySnapshot {
  if (gc) {
    // Twice: the first pass can leave weakly held and finalizable objects for the second.
    globalThis.gc?.();
    globalThis.gc?.();
  }
  const m = process.memoryUsage();
  return { rssMb: round(m.rss / 2 ** 20, 1), heapUsedMb: round(m.heapUsed / 2 ** 20, 1) };
}

/** Drives interactions through the fake with a fixed number in flight and times each reply. */
class Driver {
  private pending = new Map<string, number>();
  private phase:
    | {
        total: number;
        dispatched: number;
        times: number[];
        httpErrors: number;
        errorReplies: number;
        next: (i: number) => string;
        isErrorReply: (body: any) => boolean;
        onAnswered?: (answered: number) => void;
        lastProgress: number;
        done: () => void;
      }
    | undefined;

  /** The fake's request hook. */
  readonly onRequest = (request: RecordedRequest): void => {
    const phase = this.phase;
    if (!phase || request.method !== 'POST') return;
    const match = CALLBACK.exec(request.path);
    if (!match) return;
    const sentAt = this.pending.get(match[1]!);
    if (sentAt === undefined) return;
    const now = performance.now();
    this.pending.delete(match[1]!);
    phase.lastProgress = now;
    if ((request.status ?? 0) >= 300) phase.httpErrors++;
    else {
      phase.times.push(now - sentAt);
      if (phase.isErrorReply(request.body)) phase.errorReplies++;
      phase.onAnswered?.(phase.times.length);
    }
    this.fill();
    if (phase.times.length + phase.httpErrors >= phase.total) phase.done();
  };

  private fill(): void {
    const phase = this.phase!;
    while (phase.dispatched < phase.total && this.pending.size < this.window) {
      const sentAt = performance.now();
      const id = phase.next(phase.dispatched++);
      this.pending.set(id, sentAt);
    }
  }

  private window = 1;

  async run(
    total: number,
    window: number,
    next: (i: number) => string,
    isErrorReply: (body: any) => boolean,
    onAnswered?: (answered: number) => void,
  ): Promise<PhaseResult> {
    this.window = window;
    this.pending.clear();
    const started = performance.now();
    let watchdog: NodeJS.Timeout | undefined;
    const finished = new Promise<void>((resolve) => {
      this.phase = { total, dispatched: 0, times: [], httpErrors: 0, errorReplies: 0, next, isErrorReply, onAnswered, lastProgress: started, done: resolve };
      watchdog = setInterval(() => {
        if (performance.now() - this.phase!.lastProgress > STALL_MS) resolve();
      }, 500);
    });
    if (total > 0) {
      this.fill();
      await finished;
    }
    clearInterval(watchdog);
    const wallMs = performance.now() - started;
    const phase = this.phase!;
    this.phase = undefined;
    const missing = this.pending.size + (phase.total - phase.dispatched);
    this.pending.clear();
    return {
      dispatched: phase.dispatched,
      answered: phase.times.length,
      httpErrors: phase.httpErrors,
      missing,
      errorReplies: phase.errorReplies,
      wallMs: round(wallMs, 1),
      perSecond: round(phase.times.length / (wallMs / 1000), 1),
      latencyMs: latency(phase.times),
    };
  }
}

export async function runDiscordBench(options: DiscordBenchOptions = {}): Promise<DiscordBenchResult> {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined && !Number.isNaN(v)));
  const o: Required<DiscordBenchOptions> = { ...DEFAULTS, ...given };
  const benchStarted = performance.now();
  const previousLogger = log;
  setLogger(createLogger('silent'));
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);

  const driver = new Driver();
  const discord = await new FakeDiscord({ record: false, replayLimit: 1000, onRequest: driver.onRequest }).start();
  let client: Client | undefined;
  try {
    const app: App = createApp();
    client = createClient({ DISCORD_API_URL: discord.apiUrl, ANSWER_CHANNEL_IDS: [] });
    // The cooldown stays on (as in production) but can never refuse: the limit is out of reach.
    attachHandlers(client, app, { answerChannelIds: [], cooldownSeconds: 60, cooldownMax: Number.MAX_SAFE_INTEGER });
    const ready = new Promise<void>((resolve) => client!.once('clientReady', () => resolve()));
    await client.login(FAKE_TOKEN);
    await ready;
    const setupMs = performance.now() - benchStarted;

    const questions = loadQuestions();
    const users = Array.from({ length: o.users }, (_, i) => (500000000000000000n + BigInt(i)).toString());
    let askCounter = 0;
    let autocompleteCounter = 0;
    const ask = () => {
      const n = askCounter++;
      return discord.slash('ask', [{ type: 3, name: 'question', value: questions[n % questions.length]! }], users[n % users.length]!);
    };
    const complete = () => {
      const n = autocompleteCounter++;
      return discord.autocomplete('whois', [{ type: 3, name: 'name', value: PARTIAL_NAMES[n % PARTIAL_NAMES.length]!, focused: true }], users[n % users.length]!);
    };
    const askFailed = (body: any) => body?.type !== 4 || String(body?.data?.embeds?.[0]?.description ?? '').startsWith('❌');
    const completeFailed = (body: any) => body?.type !== 8 || !Array.isArray(body?.data?.choices);

    await driver.run(o.warmup, o.window, ask, askFailed);
    await driver.run(o.warmup, o.window, complete, completeFailed);

    const serial = {
      ask: await driver.run(o.serial, 1, ask, askFailed),
      autocomplete: await driver.run(o.serial, 1, complete, completeFailed),
    };
    const autocompleteResult = await driver.run(o.autocompletes, o.window, complete, completeFailed);

    const gcExposed = typeof globalThis.gc === 'function';
    const before = memory(true);
    const samples: DiscordBenchResult['memory']['samples'] = [];
    const memoryTotal = Math.max(o.asks, o.memoryInteractions);
    const every = Math.max(1, Math.floor(memoryTotal / 10));
    const sample = (offset: number) => (answered: number) => {
      if ((offset + answered) % every === 0) samples.push({ interactions: offset + answered, ...memory(false) });
    };
    const askResult = await driver.run(o.asks, o.window, ask, askFailed, sample(0));
    const extra = memoryTotal > o.asks ? await driver.run(memoryTotal - o.asks, o.window, ask, askFailed, sample(askResult.answered)) : undefined;
    const after = memory(true);

    const guild = client.guilds.cache.first();
    const caches = {
      users: client.users.cache.size,
      members: guild?.members.cache.size ?? 0,
      channels: client.channels.cache.size,
      messages: client.channels.cache.reduce((n, c) => n + ('messages' in c && c.messages ? c.messages.cache.size : 0), 0),
    };

    return {
      node: process.version,
      discordJs: discordJsVersion,
      cpus: availableParallelism(),
      gcExposed,
      globalRequestsPerSecond: client.rest.options.globalRequestsPerSecond,
      window: o.window,
      warmup: o.warmup,
      users: o.users,
      questions: questions.length,
      passages: app.engine.corpus.passages.length,
      setupMs: round(setupMs, 1),
      serial,
      ask: askResult,
      autocomplete: autocompleteResult,
      memory: {
        interactions: askResult.answered + (extra?.answered ?? 0),
        before,
        after,
        growth: { rssMb: round(after.rssMb - before.rssMb, 1), heapUsedMb: round(after.heapUsedMb - before.heapUsedMb, 1) },
        samples,
        ...(extra ? { extra } : {}),
      },
      caches,
      unhandledRejections: unhandled.length,
      totalMs: round(performance.now() - benchStarted, 0),
    };
  } finally {
    await client?.destroy();
    await discord.stop();
    process.off('unhandledRejection', onUnhandled);
    setLogger(previousLogger);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const numeric = (name: string) => {
    const value = process.env[`BENCH_${name.toUpperCase()}`];
    return value ? Number(value) : undefined;
  };
  const result = await runDiscordBench({
    asks: numeric('asks'),
    autocompletes: numeric('autocompletes'),
    memoryInteractions: numeric('memory'),
    window: numeric('window'),
    warmup: numeric('warmup'),
    serial: numeric('serial'),
    users: numeric('users'),
  });
  console.log(JSON.stringify(result, null, 2));
}
