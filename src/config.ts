/**
 * Configuration from the environment (and .env), parsed once with zod at start-up. A missing or
 * malformed variable stops the process with one line that names it.
 */
import * as z from 'zod';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');

/** Bot tokens are three base64url parts joined by dots; anything else is refused before connecting. */
const token = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$/, 'does not look like a Discord bot token (three dot-separated parts)');

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const configSchema = z.object({
  DISCORD_TOKEN: z.preprocess(emptyToUndefined, token.optional()),
  DISCORD_CLIENT_ID: z.preprocess(emptyToUndefined, snowflake.optional()),
  DISCORD_GUILD_ID: z.preprocess(emptyToUndefined, snowflake.optional()),
  ANSWER_CHANNEL_IDS: z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v ?? []),
    z.array(snowflake),
  ),
  DISCORD_API_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  COOLDOWN_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(3600).default(5)),
  COOLDOWN_MAX_PER_WINDOW: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).default(3)),
  /**
   * Run the bot as shards, one process each, under discord.js's ShardingManager: a number, or
   * "auto" for Discord's recommendation (GET /gateway/bot). Unset: one process, one connection.
   */
  SHARD_COUNT: z.preprocess(emptyToUndefined, z.union([z.literal('auto'), z.coerce.number().int().min(1).max(1024)]).optional()),
  /** Serve Discord's HTTP interactions on this port instead of a gateway connection (needs DISCORD_PUBLIC_KEY). */
  INTERACTIONS_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).optional()),
  /** The address the HTTP interactions endpoint listens on. */
  INTERACTIONS_HOST: z.preprocess(emptyToUndefined, z.string().min(1).default('0.0.0.0')),
  /** The application's public key (Developer Portal → General Information), to verify requests. */
  DISCORD_PUBLIC_KEY: z.preprocess(emptyToUndefined, z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be the 64 hex characters of the public key').optional()),
  /** Where feedback events go (a file path, relative to the project), or "off". */
  FEEDBACK_LOG: z.preprocess(emptyToUndefined, z.string().refine((v) => !/[\0\n]/.test(v), 'must be a file path or "off"').default('data/feedback.jsonl')),
  /** Past this size the feedback log is rotated (kept: the file and 2 older ones). */
  FEEDBACK_LOG_MAX_BYTES: z.preprocess(emptyToUndefined, z.coerce.number().int().min(4096).max(1024 * 1024 * 1024).default(5 * 1024 * 1024)),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly variable: string, readonly problem: string) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError naming the first bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'configuration');
    throw new ConfigError(variable, issue.message.replace(/^Invalid input: /, ''));
  }
  if (result.data.INTERACTIONS_PORT && !result.data.DISCORD_PUBLIC_KEY) {
    throw new ConfigError('DISCORD_PUBLIC_KEY', 'is required with INTERACTIONS_PORT (General Information → Public Key), to verify that requests come from Discord');
  }
  if (result.data.SHARD_COUNT !== undefined && result.data.INTERACTIONS_PORT) {
    throw new ConfigError('SHARD_COUNT', 'and INTERACTIONS_PORT are two ways to run the bot: shards are gateway connections, the HTTP endpoint has none. Set one');
  }
  if (result.data.SHARD_COUNT !== undefined && !result.data.DISCORD_TOKEN) {
    throw new ConfigError('SHARD_COUNT', 'needs DISCORD_TOKEN: shards are gateway connections');
  }
  if (result.data.DISCORD_TOKEN && !result.data.DISCORD_CLIENT_ID) {
    // The client id is part of the token; keep it explicit so registration targets the right app.
    throw new ConfigError('DISCORD_CLIENT_ID', 'is required when DISCORD_TOKEN is set (the application id from the Developer Portal)');
  }
  return result.data;
}
