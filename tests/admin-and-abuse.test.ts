/**
 * The admin /reload command, a broken corpus at runtime, and a flood from one user, through the
 * real Client against the fake Discord.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot, type RunningBot } from './helpers/bot.ts';
import { createApp, type App } from '../src/app.ts';
import { FIXTURE_CORPUS } from './helpers/app.ts';
import { ADMIN_PERMISSIONS, BOT_USER_ID, CHANNEL_ID, OTHER_CHANNEL_ID, snowflake, type FakeDiscord } from './helpers/fake-discord.ts';
import { respondToLine } from '../src/console/session.ts';

const ANSWER_CHANNEL = OTHER_CHANNEL_ID;
let discord: FakeDiscord;
let bot: RunningBot;
let app: App;
let corpusCopy: string;

beforeAll(async () => {
  corpusCopy = mkdtempSync(join(tmpdir(), 'accords-live-'));
  cpSync(FIXTURE_CORPUS, corpusCopy, { recursive: true });
  app = createApp(corpusCopy);
  bot = await startBot(app, { answerChannelIds: [ANSWER_CHANNEL], cooldownSeconds: 60, cooldownMax: 3 });
  discord = bot.discord;
});

afterAll(async () => {
  await bot?.stop();
});

describe('/reload', () => {
  it('is refused, ephemerally, to a member who is not an administrator', async () => {
    const reply = await discord.replyTo(discord.slash('reload', [], snowflake()));
    expect(reply.body.data.embeds[0].description).toBe('❌ /reload is for server administrators only.');
    expect(reply.body.data.flags & 64).toBe(64);
  });

  it('reloads a changed corpus for an administrator', async () => {
    const before = app.engine;
    const reply = await discord.replyTo(discord.slash('reload', [], snowflake(), CHANNEL_ID, ADMIN_PERMISSIONS));
    const passages = app.engine.corpus.passages.length;
    expect(reply.body.data.embeds[0].description).toContain(`: ${passages} passages (was ${passages})`);
    expect(reply.body.data.embeds[0].description).toMatch(/^> \/reload\n\nReloaded the corpus in [\d.]+ ms/);
    expect(reply.body.data.flags & 64).toBe(64);
    expect(app.engine).not.toBe(before);
  });

  it('keeps the last good corpus serving when the new one is broken, and says why', async () => {
    const good = app.engine;
    writeFileSync(join(corpusCopy, 'caveats.json'), '[{"id": "cav-x", "topic": "t", "text": [{"sentence": "", "support": [{"source": "nope", "excerpt": "x"}]}]}]');
    const reply = await discord.replyTo(discord.slash('reload', [], snowflake(), CHANNEL_ID, ADMIN_PERMISSIONS));
    const text: string = reply.body.data.embeds[0].description;
    expect(text).toContain('The reload failed, so the last good corpus is still serving');
    expect(text).toMatch(/caveats\.json:1: entry "cav-x" field "text\[0\]\.sentence": must not be empty/);
    expect(app.engine).toBe(good);
    const answer = await discord.replyTo(discord.slash('whois', [{ type: 3, name: 'name', value: 'Bibi' }], snowflake()));
    expect(answer.body.data.embeds[0].description).toContain('Benjamin Netanyahu');
    cpSync(join(FIXTURE_CORPUS, 'caveats.json'), join(corpusCopy, 'caveats.json'));
  });

  it('works from the console too', () => {
    expect(respondToLine(app, '/reload').text).toMatch(/^Reloaded the corpus/);
  });

  it('cannot be run by typing it in a message', async () => {
    const id = discord.message(`<@${BOT_USER_ID}> /reload`, { mentionBot: true, authorId: snowflake() });
    const reply = await discord.replyTo(id);
    expect(reply.body.embeds[0].description).toContain('is a slash command for administrators');
  });
});

describe('abuse', () => {
  it('holds the per-user limit through a burst of 500 messages in an answer channel', async () => {
    const user = snowflake();
    const ids: string[] = [];
    for (let i = 0; i < 500; i++) ids.push(discord.message(`Who is Witkoff? ${i}`, { channelId: ANSWER_CHANNEL, authorId: user }));
    // A later message from someone else is answered: the burst has been processed by then.
    const marker = discord.message('Who is Tokaev?', { channelId: ANSWER_CHANNEL, authorId: snowflake() });
    await discord.replyTo(marker);
    await new Promise((r) => setTimeout(r, 200));
    const replies = discord.requests.filter((r) => r.method === 'POST' && ids.includes(r.body?.message_reference?.message_id));
    const answers = replies.filter((r) => r.body.embeds?.length);
    const notices = replies.filter((r) => /Try again in/.test(r.body.content ?? ''));
    expect(answers).toHaveLength(3);
    expect(notices).toHaveLength(1);
  });

  it('never answers its own messages or other bots, so two bots cannot loop', async () => {
    const before = discord.requests.length;
    for (let i = 0; i < 20; i++) {
      discord.message('Who is Witkoff?', { channelId: ANSWER_CHANNEL, authorId: BOT_USER_ID, bot: true });
      discord.message(`<@${BOT_USER_ID}> who is Witkoff?`, { channelId: ANSWER_CHANNEL, authorId: '888888888888888888', bot: true, mentionBot: true });
    }
    const marker = discord.message('Who is Bibi?', { channelId: ANSWER_CHANNEL, authorId: snowflake() });
    await discord.replyTo(marker);
    const posts = discord.requests.slice(before).filter((r) => r.method === 'POST' && r.path.startsWith('/channels/'));
    expect(posts).toHaveLength(1);
  });
});
