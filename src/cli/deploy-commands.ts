/**
 * `npm run deploy-commands`: registers every command in one bulk overwrite, to DISCORD_GUILD_ID
 * when it is set (instant, for development), otherwise globally. Never both.
 */
import 'dotenv/config';
import { REST, Routes } from 'discord.js';
import { ConfigError, parseConfig } from '../config.ts';
import { loadCommands } from '../commands/registry.ts';
import { createLogger } from '../log.ts';

async function main(): Promise<void> {
  const config = parseConfig();
  const log = createLogger(config.LOG_LEVEL);
  if (!config.DISCORD_TOKEN) throw new ConfigError('DISCORD_TOKEN', 'is required to register commands (see .env.example)');
  const clientId = config.DISCORD_CLIENT_ID!;
  const body = [...loadCommands().values()].map((c) => c.data);
  const rest = new REST(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}).setToken(config.DISCORD_TOKEN);
  const route = config.DISCORD_GUILD_ID ? Routes.applicationGuildCommands(clientId, config.DISCORD_GUILD_ID) : Routes.applicationCommands(clientId);
  const result = (await rest.put(route, { body })) as unknown[];
  const where = config.DISCORD_GUILD_ID ? `guild ${config.DISCORD_GUILD_ID}` : 'globally (may take up to an hour to appear)';
  log.info({ commands: result.length }, `registered ${result.length} commands ${where}`);
  process.stdout.write(`Registered ${result.length} commands ${where}: ${body.map((c) => '/' + c.name).join(', ')}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`deploy-commands: ${error.message}\n`);
  else process.stderr.write(`deploy-commands: registration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
