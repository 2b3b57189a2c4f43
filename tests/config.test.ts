import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.ts';

const TOKEN = 'MTExMTExMTExMTExMTExMTEx.GfAkEt.fake-token-for-tests-only-0123456789';

function problem(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('needs nothing for the local console, with documented defaults', () => {
    expect(parseConfig({})).toEqual({
      ANSWER_CHANNEL_IDS: [], LOG_LEVEL: 'info', COOLDOWN_SECONDS: 5, COOLDOWN_MAX_PER_WINDOW: 3, FEEDBACK_LOG: 'data/feedback.jsonl', FEEDBACK_LOG_MAX_BYTES: 5 * 1024 * 1024,
      INTERACTIONS_HOST: '0.0.0.0',
    });
  });

  it('treats empty values as unset', () => {
    expect(parseConfig({ DISCORD_TOKEN: '', DISCORD_GUILD_ID: ' ' }).DISCORD_TOKEN).toBeUndefined();
  });

  it('parses comma-separated answer channels', () => {
    expect(parseConfig({ ANSWER_CHANNEL_IDS: '333333333333333333, 333333333333333334' }).ANSWER_CHANNEL_IDS).toEqual([
      '333333333333333333',
      '333333333333333334',
    ]);
  });

  it.each([
    [{ DISCORD_TOKEN: 'not-a-token' }, /^DISCORD_TOKEN does not look like a Discord bot token/],
    [{ DISCORD_TOKEN: TOKEN }, /^DISCORD_CLIENT_ID is required when DISCORD_TOKEN is set/],
    [{ DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: 'abc' }, /^DISCORD_CLIENT_ID must be a Discord id/],
    [{ DISCORD_GUILD_ID: '12' }, /^DISCORD_GUILD_ID must be a Discord id/],
    [{ ANSWER_CHANNEL_IDS: '333333333333333333,general' }, /^ANSWER_CHANNEL_IDS must be a Discord id/],
    [{ DISCORD_API_URL: 'ftp://example' }, /^DISCORD_API_URL /],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL /],
    [{ COOLDOWN_SECONDS: 'soon' }, /^COOLDOWN_SECONDS /],
    [{ FEEDBACK_LOG_MAX_BYTES: 'big' }, /^FEEDBACK_LOG_MAX_BYTES /],
    [{ FEEDBACK_LOG_MAX_BYTES: '10' }, /^FEEDBACK_LOG_MAX_BYTES /],
    [{ INTERACTIONS_PORT: '3000' }, /^DISCORD_PUBLIC_KEY is required with INTERACTIONS_PORT/],
    [{ INTERACTIONS_PORT: '99999', DISCORD_PUBLIC_KEY: 'a'.repeat(64) }, /^INTERACTIONS_PORT /],
    [{ INTERACTIONS_PORT: '3000', DISCORD_PUBLIC_KEY: 'xyz' }, /^DISCORD_PUBLIC_KEY must be the 64 hex/],
    [{ SHARD_COUNT: 'many' }, /^SHARD_COUNT /],
    [{ SHARD_COUNT: '2' }, /^SHARD_COUNT needs DISCORD_TOKEN/],
  ])('names the bad variable: %j', (env, message) => {
    expect(problem(env)).toMatch(message);
  });
});
