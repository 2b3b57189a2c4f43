/**
 * `npm start`: with DISCORD_TOKEN, the Discord bot; without it, the local console.
 */
import 'dotenv/config';
import { ConfigError, parseConfig } from './config.ts';
import { CorpusError } from './corpus/load.ts';
import { StartupError } from './errors.ts';
import { createLogger, setLogger, log } from './log.ts';

async function main(): Promise<void> {
  const config = parseConfig();
  setLogger(createLogger(config.LOG_LEVEL));
  if (config.SHARD_COUNT !== undefined) {
    // One process per shard under discord.js's ShardingManager, each with its own engine
    // (src/discord/shard-main.ts); this process only manages them, so it loads no corpus.
    const { startShards } = await import('./discord/shards.ts');
    await startShards(config);
    return;
  }
  const { createApp } = await import('./app.ts');
  const { corpusDir, snapshotFile, projectPath } = await import('./paths.ts');
  const feedbackLog = config.FEEDBACK_LOG === 'off' ? undefined : projectPath(config.FEEDBACK_LOG);
  const app = createApp(corpusDir, { snapshotFile, feedbackLog, feedbackLogMaxBytes: config.FEEDBACK_LOG_MAX_BYTES });
  if (config.INTERACTIONS_PORT) {
    // Discord calls us over HTTP: no gateway, no token, nothing kept between requests.
    const { startInteractionsServer } = await import('./http/interactions.ts');
    const endpoint = await startInteractionsServer(app, {
      port: config.INTERACTIONS_PORT, host: config.INTERACTIONS_HOST, publicKey: config.DISCORD_PUBLIC_KEY!,
      cooldownSeconds: config.COOLDOWN_SECONDS, cooldownMax: config.COOLDOWN_MAX_PER_WINDOW,
    });
    log.info({ host: config.INTERACTIONS_HOST, port: endpoint.port }, 'HTTP interactions endpoint listening');
    process.on('SIGHUP', () => app.reload());
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => void endpoint.close().then(() => {
        log.flush();
        process.exit(0);
      }));
    }
    return;
  }
  if (!config.DISCORD_TOKEN) {
    const { runConsole } = await import('./console/session.ts');
    process.on('SIGHUP', () => app.reload());
    process.stdout.write('DISCORD_TOKEN is not set, so this is the local console: the same commands and questions as on Discord.\n');
    await runConsole(app);
    return;
  }
  const { startDiscord } = await import('./discord/bot.ts');
  await startDiscord(app, config);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof CorpusError || error instanceof StartupError) {
    process.stderr.write(`accords-bot: ${error.message}\n`);
    process.exit(1);
  }
  log.fatal({ err: error }, 'accords-bot failed to start');
  process.exit(1);
});
