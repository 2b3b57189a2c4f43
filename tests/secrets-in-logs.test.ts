/**
 * No credential in any log line: errors shaped like those of @discordjs/rest (their `url` holds the
 * interaction token, `requestBody` the reply) go through one serializer; and against the fake
 * Discord, failed interaction callbacks (500, 10062 "Unknown interaction") are logged without any
 * token. Also: page buttons turn only for the asker, and every button press is acknowledged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Writable } from 'node:stream';
import { DiscordAPIError, HTTPError } from '@discordjs/rest';
import { createLogger, log, maskSecrets, setLogger } from '../src/log.ts';
import { startBot, type RunningBot } from './helpers/bot.ts';
import { appFor, REAL_CORPUS } from './helpers/app.ts';
import { BOT_USER_ID, CHANNEL_ID, FAKE_TOKEN, snowflake, type FakeDiscord } from './helpers/fake-discord.ts';

/** A logger whose lines are kept in memory. */
function capture(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger('trace', sink as never) };
}

const tokenChars = fc.stringMatching(/^[A-Za-z0-9_-]{20,90}$/);
const botToken = fc.tuple(fc.stringMatching(/^[A-Za-z0-9_-]{24,30}$/), fc.stringMatching(/^[A-Za-z0-9_-]{6}$/), fc.stringMatching(/^[A-Za-z0-9_-]{27,40}$/)).map((p) => p.join('.'));
const snowflakeId = fc.bigInt({ min: 10n ** 17n, max: 10n ** 19n - 1n }).map(String);

describe('errors in logs', () => {
  it('never carry an interaction or webhook token, or a bot token, whatever the error', () => {
    const { lines, logger } = capture();
    fc.assert(
      fc.property(snowflakeId, tokenChars, botToken, fc.constantFrom('callback', 'messages/@original', 'messages/123'), fc.string(), (id, token, bot, tail, text) => {
        lines.length = 0;
        const interactionUrl = `https://discord.com/api/v10/interactions/${id}/${token}/callback`;
        const webhookUrl = `https://discord.com/api/v10/webhooks/${id}/${token}/${tail}`;
        const body = { files: undefined, body: { type: 4, data: { content: `${text} secret-reply-${token}` } } };
        logger.error({ err: new DiscordAPIError({ message: 'Unknown interaction', code: 10062 }, 10062, 404, 'POST', interactionUrl, body) }, 'interaction handler failed');
        logger.error({ err: new HTTPError(500, 'Internal Server Error', 'PATCH', webhookUrl, body) }, 'could not send the error reply');
        logger.warn({ err: new Error(`request to ${webhookUrl} failed with Bot ${bot}`, { cause: new Error(`at ${interactionUrl}`) }) }, `retrying ${interactionUrl}`);
        logger.info({ request: { url: webhookUrl, headers: { authorization: `Bot ${bot}` } } }, 'request');
        const out = lines.join('');
        expect(out).not.toContain(token);
        expect(out).not.toContain(bot);
        expect(out).not.toContain('secret-reply');
        expect(out).toContain('/interactions/');
      }),
      { numRuns: 300 },
    );
  });

  it('keeps what helps: the kind, the code, the status, the method and the masked URL', () => {
    const { lines, logger } = capture();
    const url = 'https://discord.com/api/v10/interactions/123456789012345678/aW50ZXJhY3Rpb246c2VjcmV0dG9rZW4/callback';
    logger.error({ err: new DiscordAPIError({ message: 'Unknown interaction', code: 10062 }, 10062, 404, 'POST', url, { body: { type: 4 } }) }, 'failed');
    const line = JSON.parse(lines[0]!);
    expect(line.err).toMatchObject({ type: 'DiscordAPIError[10062]', code: 10062, status: 404, method: 'POST', url: 'https://discord.com/api/v10/interactions/123456789012345678/[redacted]/callback' });
    expect(line.err.requestBody).toBeUndefined();
  });

  it('masks tokens in plain text too', () => {
    expect(maskSecrets(`Bot ${FAKE_TOKEN}`)).toBe('Bot [redacted]');
    expect(maskSecrets('/webhooks/111/abc-def_ghi/messages/@original')).toBe('/webhooks/111/[redacted]/messages/@original');
  });
});

describe('the bot against a failing Discord', () => {
  let bot: RunningBot;
  let discord: FakeDiscord;
  const { lines, logger } = capture();
  const original = log;

  beforeAll(async () => {
    setLogger(logger);
    bot = await startBot(appFor(REAL_CORPUS), { answerChannelIds: [], cooldownSeconds: 60, cooldownMax: 100 });
    discord = bot.discord;
  });
  afterAll(async () => {
    await bot?.stop();
    setLogger(original);
  });

  it('logs failed interaction callbacks without any token', async () => {
    const errors = () => lines.filter((l) => /"level":50/.test(l)).length;
    const until = async (count: number) => {
      const deadline = Date.now() + 20_000;
      while (errors() < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    };
    const callback = /\/interactions\/\d+\/[^/]+\/callback$/;
    const ask = () => discord.slash('ask', [{ type: 3, name: 'question', value: 'When did Morocco join?' }], snowflake());
    // Discord failing: @discordjs/rest retries a 500 three times, then the handler logs it.
    discord.faults.push({ method: 'POST', path: callback, status: 500, times: 4 });
    const failed = ask();
    await until(1);
    // A late or duplicate reply: 10062 "Unknown interaction".
    discord.faults.push({ method: 'POST', path: callback, status: 404, body: { message: 'Unknown interaction', code: 10062 }, times: 1 });
    const unknown = ask();
    await until(2);
    const out = lines.join('');
    expect(out).toMatch(/"status":500/);
    expect(out).toMatch(/"code":10062/);
    for (const id of [failed, unknown]) expect(out).not.toContain(`token-${id}`);
    expect(out).not.toContain(FAKE_TOKEN);
    expect(out).not.toContain('requestBody');
  }, 60_000);

  it('turns the pages of a reply only for whoever asked; others are told so, privately', async () => {
    const asker = snowflake();
    const reply = (await discord.replyTo(discord.slash('accords', [{ type: 1, name: 'timeline', options: [] }], asker))).body;
    const row = reply.data.components.find((r: any) => r.components.some((b: any) => String(b.custom_id).startsWith('page:')));
    const next = row.components[2].custom_id as string;
    const message = { id: snowflake(), channel_id: CHANNEL_ID, author: { id: BOT_USER_ID, username: 'bot', discriminator: '0' }, content: '', embeds: reply.data.embeds, components: reply.data.components, timestamp: new Date().toISOString(), type: 0, attachments: [], mentions: [], mention_roles: [], pinned: false, tts: false, mention_everyone: false, edited_timestamp: null };
    const other = (await discord.replyTo(discord.button(next, message, snowflake()))).body;
    expect(other.type).toBe(4);
    expect(other.data.content).toBe('Only the asker can turn these pages; run the command yourself.');
    expect(other.data.flags & 64).toBe(64);
    const own = (await discord.replyTo(discord.button(next, message, asker))).body;
    expect(own.type).toBe(7);
  });

  it('acknowledges a button it never sent', async () => {
    const message = { id: snowflake(), channel_id: CHANNEL_ID, author: { id: BOT_USER_ID, username: 'bot', discriminator: '0' }, content: '', embeds: [], components: [], timestamp: new Date().toISOString(), type: 0, attachments: [], mentions: [], mention_roles: [], pinned: false, tts: false, mention_everyone: false, edited_timestamp: null };
    const body = (await discord.replyTo(discord.button('something-else:42', message, snowflake()))).body;
    expect(body.type).toBe(4);
    expect(body.data.flags & 64).toBe(64);
  });
});
