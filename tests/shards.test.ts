/**
 * Sharding (SHARD_COUNT): the bot as real processes — discord.js's ShardingManager and one child
 * process per shard — against the fake Discord on 127.0.0.1. Each shard identifies with its own
 * [id, count], answers the guilds it owns, reloads when any shard's /reload runs, comes back
 * after a SIGKILL, and logs its shard id on every line. SIGTERM stops everything, exit 0.
 *
 * The manager is started the way src/main.ts starts it (parse the config, set the logger,
 * startShards), from the sources under tsx, with no wait between shards (spawnDelayMs 0; Discord
 * needs 5 s, the fake does not).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_CORPUS } from './helpers/app.ts';
import { projectRoot } from '../src/paths.ts';
import { ADMIN_PERMISSIONS, APPLICATION_ID, FAKE_TOKEN, FakeDiscord, GUILD_ID, channelsOf, shardOf, snowflake } from './helpers/fake-discord.ts';

/** Two guilds on different shards of two: GUILD_ID on shard 1, OTHER_GUILD on shard 0. */
const OTHER_GUILD = '777777777777777777';
const GUILD_ON = { 0: OTHER_GUILD, 1: GUILD_ID } as const;

const LAUNCHER = `
import { parseConfig } from './src/config.ts';
import { createLogger, setLogger } from './src/log.ts';
import { startShards } from './src/discord/shards.ts';
const config = parseConfig();
setLogger(createLogger(config.LOG_LEVEL));
try {
  await startShards(config, { spawnDelayMs: 0 });
} catch (error) {
  process.stderr.write('accords-bot: ' + (error instanceof Error ? error.message : String(error)) + '\\n');
  process.exit(1);
}
`;

const feedbackDir = mkdtempSync(join(tmpdir(), 'accords-shards-feedback-'));
afterAll(() => rmSync(feedbackDir, { recursive: true, force: true }));

interface LogLine {
  level: number;
  msg: string;
  shard?: number;
  role?: string;
  pid?: number;
  [key: string]: unknown;
}

/** The manager process and what it and its shards (which share its stderr) wrote. */
class Bot {
  readonly child: ChildProcess;
  readonly lines: LogLine[] = [];
  /** stderr lines that are not JSON. */
  readonly other: string[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  private partial = '';

  constructor(env: Record<string, string>) {
    const { DISCORD_TOKEN: _t, DISCORD_CLIENT_ID: _c, DISCORD_GUILD_ID: _g, ANSWER_CHANNEL_IDS: _a, SHARD_COUNT: _s, SHARDS: _i, SHARDING_MANAGER: _m, ...rest } = process.env;
    this.child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', LAUNCHER], {
      cwd: projectRoot,
      // Its own process group, so cleanup can reach the shards even if the manager is gone.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...rest,
        LOG_LEVEL: 'info',
        FEEDBACK_LOG: join(feedbackDir, 'feedback.jsonl'),
        ACCORDS_CORPUS_DIR: FIXTURE_CORPUS,
        DISCORD_TOKEN: FAKE_TOKEN,
        DISCORD_CLIENT_ID: APPLICATION_ID,
        ...env,
      },
    });
    this.child.stdout!.on('data', (d) => (this.stderr += d));
    this.child.stderr!.on('data', (d: Buffer) => {
      this.stderr += d;
      const text = this.partial + d.toString('utf8');
      const parts = text.split('\n');
      this.partial = parts.pop()!;
      for (const line of parts) {
        if (!line.trim()) continue;
        try {
          this.lines.push(JSON.parse(line) as LogLine);
        } catch {
          this.other.push(line);
        }
      }
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  find(test: (line: LogLine) => boolean): LogLine[] {
    return this.lines.filter(test);
  }

  async waitFor(test: (line: LogLine) => boolean, what: string, count = 1, timeoutMs = 60_000): Promise<LogLine[]> {
    const started = Date.now();
    for (;;) {
      const found = this.find(test);
      if (found.length >= count) return found;
      if (!this.running) throw new Error(`the manager exited while waiting for ${what}:\n${this.stderr}`);
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}:\n${this.stderr}`);
      await sleep(50);
    }
  }

  /** The live pid of each shard, from the manager's "shard process started" lines. */
  shardPids(): Map<number, number> {
    const pids = new Map<number, number>();
    for (const line of this.find((l) => l.role === 'manager' && l.msg === 'shard process started')) pids.set(line.shard!, line.pid!);
    return pids;
  }

  /** Every pid a shard has had. */
  allShardPids(): number[] {
    return this.find((l) => l.role === 'manager' && l.msg === 'shard process started').map((l) => l.pid!);
  }

  /** SIGKILL to the whole process group: what cleanup does when a test failed half-way. */
  killAll(): void {
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(test: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!test()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const bots: Bot[] = [];
function startBot(env: Record<string, string>): Bot {
  const bot = new Bot(env);
  bots.push(bot);
  return bot;
}
afterAll(async () => {
  for (const bot of bots) {
    if (bot.running) {
      bot.child.kill('SIGTERM');
      await Promise.race([bot.exited, sleep(15_000)]);
    }
    bot.killAll();
    for (const pid of bot.allShardPids()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  }
}, 60_000);

const ask = (question: string) => [{ type: 3, name: 'question', value: question }];

describe('two shards (SHARD_COUNT=2)', () => {
  let discord: FakeDiscord;
  let bot: Bot;

  beforeAll(async () => {
    expect(shardOf(GUILD_ON[0], 2)).toBe(0);
    expect(shardOf(GUILD_ON[1], 2)).toBe(1);
    discord = await new FakeDiscord({ guilds: [GUILD_ON[0], GUILD_ON[1]] }).start();
    bot = startBot({ SHARD_COUNT: '2', DISCORD_API_URL: discord.apiUrl });
    await bot.waitFor((l) => l.msg === 'every shard is ready', 'both shards to be ready', 1, 90_000);
  }, 120_000);

  afterAll(async () => {
    bot?.killAll();
    await discord?.stop();
  });

  it('identifies once per shard, with [0, 2] and [1, 2], and each shard gets the guilds it owns', () => {
    expect(discord.identifiedShards().sort()).toEqual([[0, 2], [1, 2]]);
    expect(discord.gatewayOps.filter((o) => o.op === 2).every((o) => o.d.token === FAKE_TOKEN)).toBe(true);
    expect(discord.guildsOf([0, 2])).toEqual([OTHER_GUILD]);
    expect(discord.guildsOf([1, 2])).toEqual([GUILD_ID]);
    expect(new Set(bot.shardPids().values()).size).toBe(2);
    // Each shard's own client says which shard it is.
    for (const id of [0, 1]) {
      const [connected] = bot.find((l) => l.shard === id && l.msg === 'shard connected');
      expect(connected).toMatchObject({ shards: [id], shardCount: 2, pid: bot.shardPids().get(id) });
    }
  });

  it('answers a slash command in each guild, each from the shard that owns the guild', async () => {
    const inShard0 = discord.slash('ask', ask('When did Morocco join?'), snowflake(), channelsOf(GUILD_ON[0])[0]);
    const inShard1 = discord.slash('accords', [{ type: 1, name: 'members', options: [] }], snowflake(), channelsOf(GUILD_ON[1])[0]);
    const [reply0, reply1] = await Promise.all([discord.replyTo(inShard0, 30_000), discord.replyTo(inShard1, 30_000)]);
    expect(reply0.body.type).toBe(4);
    expect(reply0.body.data.embeds[0].description).toMatch(/Morocco/);
    expect(reply1.body.data.embeds[0].description).toContain('United Arab Emirates');
  });

  it('reloads every shard when an administrator runs /reload in one shard\'s guild', async () => {
    const before = (id: number) => bot.find((l) => l.shard === id && l.role !== 'manager' && l.msg === 'corpus reloaded').length;
    const counts = [before(0), before(1)];
    const id = discord.slash('reload', [], snowflake(), channelsOf(GUILD_ON[1])[0], ADMIN_PERMISSIONS);
    const reply = await discord.replyTo(id, 30_000);
    expect(reply.body.data.embeds[0].description).toMatch(/Reloaded the corpus in [\d.]+ ms/);
    // Shard 1 ran it, the manager passed it on, and shard 0 reloaded too.
    await bot.waitFor((l) => l.shard === 1 && l.role !== 'manager' && l.msg === 'corpus reloaded', 'shard 1 to reload', counts[1]! + 1);
    await bot.waitFor((l) => l.shard === 0 && l.role !== 'manager' && l.msg === 'corpus reloaded', 'shard 0 to reload', counts[0]! + 1);
    expect(bot.find((l) => l.role === 'manager' && l.msg.includes('telling the other shards'))).toHaveLength(1);
    // Shard 1 reloaded once, not again when the manager relayed.
    await sleep(500);
    expect(before(1)).toBe(counts[1]! + 1);
  });

  it('reloads every shard on SIGHUP to the manager', async () => {
    const count = (id: number) => bot.find((l) => l.shard === id && l.role !== 'manager' && l.msg === 'corpus reloaded').length;
    const counts = [count(0), count(1)];
    bot.child.kill('SIGHUP');
    await until(() => count(0) > counts[0]! && count(1) > counts[1]!, 'both shards to reload on SIGHUP');
    expect(bot.running).toBe(true);
  });

  it('starts a shard killed with SIGKILL again, and it answers its guild', async () => {
    const oldPid = bot.shardPids().get(0)!;
    const identifies = discord.identifiedShards().filter(([id]) => id === 0).length;
    process.kill(oldPid, 'SIGKILL');
    await bot.waitFor((l) => l.role === 'manager' && l.shard === 0 && l.msg.startsWith('shard process died') && l.signal === 'SIGKILL', 'the death of shard 0');
    await until(() => bot.shardPids().get(0) !== oldPid, 'a new process for shard 0');
    const newPid = bot.shardPids().get(0)!;
    expect(alive(oldPid)).toBe(false);
    await until(() => discord.identifiedShards().filter(([id]) => id === 0).length > identifies, 'shard 0 to identify again');
    await bot.waitFor((l) => l.shard === 0 && l.pid === newPid && l.msg === 'shard connected', 'the new shard 0 to connect');
    const id = discord.slash('whois', [{ type: 3, name: 'name', value: 'Witkoff' }], snowflake(), channelsOf(GUILD_ON[0])[0]);
    const reply = await discord.replyTo(id, 30_000);
    expect(reply.body.data.embeds[0].description).toContain('Steve Witkoff');
    // Shard 1 was left alone.
    expect(discord.identifiedShards().filter(([id]) => id === 1)).toHaveLength(1);
  }, 90_000);

  it('puts the shard id on every line a shard logs', () => {
    expect(bot.other).toEqual([]);
    const shardLines = bot.find((l) => l.role !== 'manager');
    expect(shardLines.length).toBeGreaterThan(10);
    for (const line of shardLines) expect([0, 1], JSON.stringify(line)).toContain(line.shard);
    for (const id of [0, 1]) {
      const messages = bot.find((l) => l.shard === id && l.role !== 'manager').map((l) => l.msg);
      expect(messages.some((m) => m.startsWith('corpus loaded'))).toBe(true);
      expect(messages).toContain('connected to Discord');
    }
    // The manager's own lines say so, and those about one shard name it.
    for (const line of bot.find((l) => l.role === 'manager' && /^shard /.test(l.msg))) expect(typeof line.shard).toBe('number');
  });

  it('stops every shard and exits 0 on SIGTERM', async () => {
    const pids = [...bot.shardPids().values()];
    expect(pids.every(alive)).toBe(true);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    for (const pid of bot.allShardPids()) expect(alive(pid)).toBe(false);
    for (const id of [0, 1]) expect(bot.find((l) => l.shard === id && l.role !== 'manager' && l.msg === 'shutting down')).toHaveLength(1);
    expect(bot.stderr).not.toContain(FAKE_TOKEN);
  }, 30_000);
});

describe('SHARD_COUNT=auto', () => {
  let discord: FakeDiscord;
  afterEach(async () => {
    await discord?.stop();
  });

  it('runs as many shards as GET /gateway/bot recommends, asked through DISCORD_API_URL', async () => {
    discord = await new FakeDiscord({ guilds: [GUILD_ON[0], GUILD_ON[1]], recommendedShards: 2 }).start();
    const bot = startBot({ SHARD_COUNT: 'auto', DISCORD_API_URL: discord.apiUrl });
    await bot.waitFor((l) => l.msg === 'every shard is ready', 'both shards to be ready', 1, 90_000);
    const asked = discord.requests.filter((r) => r.method === 'GET' && r.path === '/gateway/bot');
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(asked[0]!.headers.authorization).toBe(`Bot ${FAKE_TOKEN}`);
    expect(discord.identifiedShards().sort()).toEqual([[0, 2], [1, 2]]);
    expect(bot.find((l) => l.role === 'manager' && l.msg === 'starting 2 shards')).toMatchObject([{ totalShards: 2, requested: 'auto' }]);
    const replies = await Promise.all([0, 1].map((shard) => discord.replyTo(discord.slash('whois', [{ type: 3, name: 'name', value: 'Bibi' }], snowflake(), channelsOf(GUILD_ON[shard as 0 | 1])[0]), 30_000)));
    for (const reply of replies) expect(reply.body.data.embeds[0].description).toContain('Netanyahu');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    for (const pid of bot.allShardPids()) expect(alive(pid)).toBe(false);
  }, 120_000);
});

describe('a manager killed outright', () => {
  it('takes its shards with it: a shard whose manager is gone shuts down', async () => {
    const discord = await new FakeDiscord().start();
    try {
      const bot = startBot({ SHARD_COUNT: '1', DISCORD_API_URL: discord.apiUrl });
      await bot.waitFor((l) => l.msg === 'every shard is ready', 'the shard to be ready', 1, 90_000);
      const pid = bot.shardPids().get(0)!;
      process.kill(bot.child.pid!, 'SIGKILL');
      await bot.exited;
      await until(() => !alive(pid), 'the orphaned shard to exit', 30_000);
      expect(bot.find((l) => l.shard === 0 && l.msg === 'shutting down')).toMatchObject([{ signal: 'manager gone' }]);
    } finally {
      await discord.stop();
    }
  }, 120_000);
});

describe('a shard that cannot start', () => {
  it('stops the manager with exit 1, naming the problem, and leaves no shard behind', async () => {
    const discord = await new FakeDiscord().start();
    const dir = mkdtempSync(join(tmpdir(), 'accords-shards-broken-'));
    try {
      cpSync(FIXTURE_CORPUS, dir, { recursive: true });
      writeFileSync(join(dir, 'actors.json'), '[{"id": "x"');
      const bot = startBot({ SHARD_COUNT: '1', DISCORD_API_URL: discord.apiUrl, ACCORDS_CORPUS_DIR: dir });
      expect(await bot.exited).toBe(1);
      expect(bot.stderr).toMatch(/actors\.json:1: is not valid JSON/);
      expect(bot.stderr).toMatch(/accords-bot: the shards did not start/);
      expect(bot.find((l) => l.level >= 60 && l.shard === 0)).not.toHaveLength(0);
      for (const pid of bot.allShardPids()) expect(alive(pid)).toBe(false);
      expect(discord.identifiedShards()).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await discord.stop();
    }
  }, 60_000);
});
