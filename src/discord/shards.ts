/**
 * Sharding: with SHARD_COUNT set (a number, or "auto" for Discord's recommendation), the bot runs
 * as discord.js's ShardingManager, one child process per shard (src/discord/shard-main.ts), each
 * with its own gateway connection and its own engine. Discord requires sharding from 2,500 guilds.
 *
 * The manager itself loads no corpus and answers nothing: it starts the shards (respawning any
 * that dies), logs what happens to them, relays a /reload from one shard to the others, and on
 * SIGHUP tells every shard to reload. SIGINT or SIGTERM stops the shards and exits 0.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { REST, Routes, ShardingManager, type Shard } from 'discord.js';
import type { Config } from '../config.ts';
import { StartupError } from '../errors.ts';
import { log } from '../log.ts';

/** The IPC message that makes a shard reload its corpus (shard → manager: "I reloaded, tell the others"). */
export const RELOAD_MESSAGE = 'accords:reload';

export interface ReloadMessage {
  type: typeof RELOAD_MESSAGE;
  /** The shard whose /reload started it; absent when the manager's SIGHUP did. */
  from?: number;
}

export function isReloadMessage(message: unknown): message is ReloadMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === RELOAD_MESSAGE;
}

/** The script each shard runs, and the Node flags it needs. */
export interface ShardEntry {
  file: string;
  execArgv: string[];
}

/**
 * The shard entry next to this module: from the bundle (dist/*.mjs), dist/shard-main.mjs; from
 * the sources under tsx, src/discord/shard-main.ts, loaded with tsx as well.
 */
export function shardEntry(moduleUrl: string = import.meta.url): ShardEntry {
  const here = fileURLToPath(moduleUrl);
  if (here.endsWith('.ts')) return { file: join(dirname(here), 'shard-main.ts'), execArgv: ['--import', tsxLoader()] };
  return { file: join(dirname(here), 'shard-main.mjs'), execArgv: [] };
}

/** tsx's loader as an absolute URL, so that shards find it whatever the working directory. */
function tsxLoader(): string {
  try {
    return import.meta.resolve('tsx');
  } catch {
    return 'tsx';
  }
}

/**
 * How many shards to run: SHARD_COUNT as given, or for "auto" the `shards` Discord recommends on
 * GET /gateway/bot. We ask ourselves, through the configured REST base, because discord.js's own
 * `fetchRecommendedShardCount` (what ShardingManager#spawn uses for "auto") always calls
 * discord.com and ignores a custom API URL (DISCORD_API_URL).
 */
export async function resolveShardCount(config: Pick<Config, 'SHARD_COUNT' | 'DISCORD_TOKEN' | 'DISCORD_API_URL'>): Promise<number> {
  if (typeof config.SHARD_COUNT === 'number') return config.SHARD_COUNT;
  if (!config.DISCORD_TOKEN) throw new StartupError('SHARD_COUNT=auto needs DISCORD_TOKEN to ask Discord for the shard count');
  const rest = new REST({ ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}), retries: 2, timeout: 15_000 }).setToken(config.DISCORD_TOKEN);
  let body: { shards?: unknown };
  try {
    body = (await rest.get(Routes.gatewayBot())) as { shards?: unknown };
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    if (status === 401) throw new StartupError('Discord refused the token when asked for the recommended shard count (401): check DISCORD_TOKEN');
    throw new StartupError(`could not get the recommended shard count from Discord (GET /gateway/bot): ${error instanceof Error ? error.message : String(error)}`);
  }
  const shards = body.shards;
  if (typeof shards !== 'number' || !Number.isInteger(shards) || shards < 1) {
    throw new StartupError(`Discord's GET /gateway/bot gave no usable shard count (shards: ${JSON.stringify(shards)})`);
  }
  return shards;
}

export interface StartShardsOptions {
  /** The shard script; by default shardEntry() (the bundle's or the sources'). */
  entry?: ShardEntry;
  /**
   * Wait between starting one shard (once it is ready) and the next: Discord allows one IDENTIFY
   * per 5 seconds (per max_concurrency bucket). Default 5,500 ms, as discord.js; tests use less.
   */
  spawnDelayMs?: number;
  /** How long a shard may take to connect at start-up before start-up fails (default 60 s). */
  readyTimeoutMs?: number;
  /** Install SIGINT/SIGTERM/SIGHUP handlers on this process (default true). */
  handleSignals?: boolean;
}

export interface RunningShards {
  manager: ShardingManager;
  totalShards: number;
  /** Tells every running shard to reload its corpus (what SIGHUP does). */
  reloadAll(): void;
  /** Stops every shard (SIGTERM, then SIGKILL after 10 s) without respawning them. */
  stop(): Promise<void>;
}

/**
 * Starts the shards and resolves once each has connected (or rejects with a StartupError, after
 * stopping the ones already started). Respawned shards are started by discord.js.
 */
export async function startShards(
  config: Pick<Config, 'SHARD_COUNT' | 'DISCORD_TOKEN' | 'DISCORD_API_URL'>,
  options: StartShardsOptions = {},
): Promise<RunningShards> {
  const mlog = log.child({ role: 'manager' });
  const totalShards = await resolveShardCount(config);
  const entry = options.entry ?? shardEntry();
  mlog.info({ totalShards, requested: config.SHARD_COUNT, file: entry.file }, `starting ${totalShards} shard${totalShards === 1 ? '' : 's'}`);
  const manager = new ShardingManager(entry.file, {
    totalShards,
    token: config.DISCORD_TOKEN,
    respawn: true,
    mode: 'process',
    execArgv: entry.execArgv,
  });
  /** Set once stopping starts (shard.kill() reports the death at once, before the promise exists). */
  let stopping = false;
  let stopped: Promise<void> | undefined;

  const send = (shard: Shard, message: ReloadMessage) => {
    // A shard between death and respawn has no process; it reads the corpus afresh when it starts.
    if (!shard.process) return;
    shard.send(message).catch((error: unknown) => mlog.warn({ err: error, shard: shard.id }, 'could not tell the shard to reload'));
  };

  manager.on('shardCreate', (shard) => {
    // mode 'process': each shard is a ChildProcess, never a Worker.
    shard.on('spawn', (child) => mlog.info({ shard: shard.id, pid: (child as ChildProcess).pid }, 'shard process started'));
    shard.on('ready', () => mlog.info({ shard: shard.id, pid: shard.process?.pid }, 'shard ready'));
    // A stopping shard closes its connection, which discord.js reports as these too: not news then.
    shard.on('disconnect', () => stopping || mlog.warn({ shard: shard.id }, 'shard disconnected from the gateway'));
    shard.on('reconnecting', () => stopping || mlog.info({ shard: shard.id }, 'shard reconnecting'));
    shard.on('resume', () => mlog.info({ shard: shard.id }, 'shard resumed'));
    shard.on('death', (worker) => {
      const child = worker as ChildProcess;
      if (stopping) return void mlog.info({ shard: shard.id, pid: child.pid }, 'shard stopped');
      const details = { shard: shard.id, pid: child.pid, code: child.exitCode, signal: child.signalCode };
      mlog.warn(details, manager.respawn ? 'shard process died; starting it again' : 'shard process died');
    });
    // Without a listener, an 'error' (a respawn that failed) would throw in the manager.
    shard.on('error', (error: unknown) => mlog.error({ err: error, shard: shard.id }, 'shard error'));
    shard.on('message', (message: unknown) => {
      if (!isReloadMessage(message)) return;
      mlog.info({ shard: shard.id }, 'shard reloaded its corpus; telling the other shards');
      for (const other of manager.shards.values()) if (other.id !== shard.id) send(other, { type: RELOAD_MESSAGE, from: shard.id });
    });
  });

  const reloadAll = () => {
    mlog.info({ shards: manager.shards.size }, 'telling every shard to reload its corpus');
    for (const shard of manager.shards.values()) send(shard, { type: RELOAD_MESSAGE });
  };

  const stop = () => {
    stopping = true;
    stopped ??= (async () => {
      manager.respawn = false;
      const exits: Promise<void>[] = [];
      for (const shard of manager.shards.values()) {
        const child = shard.process;
        if (!child) continue;
        exits.push(exited(child, 10_000));
        shard.kill(); // SIGTERM: the shard closes its gateway connection and exits
      }
      await Promise.all(exits);
    })();
    return stopped;
  };

  if (options.handleSignals !== false) {
    const shutdown = (signal: string) => {
      if (stopping) return;
      mlog.info({ signal }, 'shutting down the shards');
      void stop().then(() => {
        mlog.info('every shard has stopped');
        log.flush();
        process.exit(0);
      });
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGHUP', reloadAll);
    process.on('unhandledRejection', (reason) => mlog.error({ err: reason }, 'unhandled rejection'));
  }

  try {
    await manager.spawn({ amount: totalShards, delay: options.spawnDelayMs ?? 5500, timeout: options.readyTimeoutMs ?? 60_000 });
  } catch (error) {
    if (stopping) {
      await stopped;
      return { manager, totalShards, reloadAll, stop };
    }
    await stop();
    throw new StartupError(`the shards did not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  mlog.info({ totalShards }, 'every shard is ready');
  return { manager, totalShards, reloadAll, stop };
}

/** Resolves when `child` has exited, sending SIGKILL if it has not after `graceMs`. */
function exited(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
