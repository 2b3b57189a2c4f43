/**
 * One shard's process, started by the ShardingManager (src/discord/shards.ts) when SHARD_COUNT is
 * set: its own engine and its own discord.js Client. The Client reads which shard it is from the
 * environment the manager sets (SHARDS, SHARD_COUNT; see discord.js's Client constructor), and
 * every log line carries the shard id.
 *
 * /reload reloads every shard: the shard that ran it reloads, then tells the manager, which tells
 * the other shards (they reload without telling anyone). SIGHUP on the manager reaches every
 * shard the same way; SIGHUP on one shard's process reloads that shard only.
 */
import 'dotenv/config';
import { ConfigError, parseConfig } from '../config.ts';
import { CorpusError } from '../corpus/load.ts';
import { StartupError } from '../errors.ts';
import { createLogger, setLogger, log } from '../log.ts';
import { RELOAD_MESSAGE, isReloadMessage, type ReloadMessage } from './shards.ts';

/** This process's shard id, from the environment the ShardingManager gives its shards. */
function shardIdFromEnv(): number | undefined {
  const raw = process.env.SHARDS;
  if (raw === undefined || !process.send) return undefined;
  const id = Number(JSON.parse(raw));
  return Number.isInteger(id) && id >= 0 ? id : undefined;
}

const shard = shardIdFromEnv();
// From the first line on, even a configuration error, every line names the shard.
if (shard !== undefined) setLogger(createLogger().child({ shard }));

async function main(): Promise<void> {
  if (shard === undefined) {
    throw new StartupError('this is a shard process, started by the bot itself when SHARD_COUNT is set: start the bot with npm start');
  }
  const config = parseConfig();
  setLogger(createLogger(config.LOG_LEVEL).child({ shard }));
  if (!config.DISCORD_TOKEN) throw new StartupError('a shard needs DISCORD_TOKEN');
  const { createApp } = await import('../app.ts');
  const { shardLogPath } = await import('../feedback/log.ts');
  const { corpusDir, snapshotFile, projectPath } = await import('../paths.ts');
  // One log file per shard: rotation renames files, which only one writer may do safely.
  // `npm run misses` reads every shard's file (feedback/log.ts logFiles).
  const feedbackLog = config.FEEDBACK_LOG === 'off' ? undefined : shardLogPath(projectPath(config.FEEDBACK_LOG), shard);
  const app = createApp(corpusDir, { snapshotFile, feedbackLog, feedbackLogMaxBytes: config.FEEDBACK_LOG_MAX_BYTES });

  // /reload (through commandContext, which calls app.reload at the time) reloads here, then has
  // the manager pass it on. A failed reload is not passed on: the other shards read the same
  // files, and keep serving the last good corpus as this one does.
  const reloadHere = app.reload;
  app.reload = () => {
    const result = reloadHere();
    if (result.ok) {
      const message: ReloadMessage = { type: RELOAD_MESSAGE, from: shard };
      process.send?.(message, (error: Error | null) => {
        if (error) log.warn({ err: error }, 'could not tell the manager to reload the other shards');
      });
    }
    return result;
  };
  const reloadQuietly = (why: string) => {
    const result = reloadHere();
    if (!result.ok) log.warn({ why }, 'reload failed; still serving the last good corpus');
  };
  process.on('message', (message: unknown) => {
    if (isReloadMessage(message)) reloadQuietly(message.from === undefined ? 'manager' : `/reload on shard ${message.from}`);
  });
  process.on('SIGHUP', () => reloadQuietly('SIGHUP'));

  const { attachHandlers, createClient, login } = await import('./bot.ts');
  const client = createClient(config);
  attachHandlers(client, app, {
    answerChannelIds: config.ANSWER_CHANNEL_IDS,
    cooldownSeconds: config.COOLDOWN_SECONDS,
    cooldownMax: config.COOLDOWN_MAX_PER_WINDOW,
  });
  client.once('clientReady', () => log.info({ pid: process.pid, shards: client.shard?.ids, shardCount: client.shard?.count }, 'shard connected'));

  let stopping = false;
  const shutdown = async (why: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal: why }, 'shutting down');
    await client.destroy().catch(() => undefined);
    log.flush();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // The manager is gone (killed, crashed): a shard without it must not linger.
  process.on('disconnect', () => void shutdown('manager gone'));
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));

  await login(client, config.DISCORD_TOKEN);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof CorpusError || error instanceof StartupError) {
    // Under the manager, a JSON line with the shard id like every other; run by hand, one plain line.
    if (shard === undefined) process.stderr.write(`accords-bot: ${error.message}\n`);
    else log.fatal(`accords-bot: ${error.message}`);
    process.exit(1);
  }
  log.fatal({ err: error }, 'shard failed to start');
  process.exit(1);
});
