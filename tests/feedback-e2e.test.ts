/**
 * 👍 / 👎 on answers and /accords misses, end to end: the real discord.js Client against the fake
 * Discord on 127.0.0.1, writing a real feedback log in a temporary folder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot, type RunningBot } from './helpers/bot.ts';
import { createApp, type App } from '../src/app.ts';
import { FIXTURE_CORPUS } from './helpers/app.ts';
import { ADMIN_PERMISSIONS, BOT_USER_ID, CHANNEL_ID, GUILD_ID, USER_ID, snowflake, type FakeDiscord } from './helpers/fake-discord.ts';
import { readEvents, type FeedbackEvent } from '../src/feedback/log.ts';

let dir: string;
let logPath: string;
let app: App;
let bot: RunningBot;
let discord: FakeDiscord;
/** Every user id the tests use, to check none reaches the log. */
const usersSeen = new Set<string>([USER_ID]);
const freshUser = () => {
  const id = snowflake();
  usersSeen.add(id);
  return id;
};

const BOT_OPTIONS = { answerChannelIds: [], cooldownSeconds: 60, cooldownMax: 3 };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'accords-feedback-'));
  logPath = join(dir, 'feedback.jsonl');
  app = createApp(FIXTURE_CORPUS, { feedbackLog: logPath });
  bot = await startBot(app, BOT_OPTIONS);
  discord = bot.discord;
});

afterAll(async () => {
  await bot?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The callback body of an interaction reply: { type, data }. */
async function callback(interactionId: string): Promise<{ type: number; data: any }> {
  return (await discord.replyTo(interactionId)).body;
}

/** The 👍 / 👎 row of a reply, if it has one. */
function feedbackRow(data: any): { custom_id: string; label: string; emoji: { name: string } }[] | undefined {
  const rows: any[] = data.components ?? [];
  return rows.map((r) => r.components).find((buttons: any[]) => buttons.some((b) => String(b.custom_id).startsWith('fb:')));
}

/** The message a button sits on, as Discord sends it with the press. */
function messageWith(data: any) {
  return {
    id: snowflake(), channel_id: CHANNEL_ID, author: { id: BOT_USER_ID, username: 'bot', discriminator: '0' }, content: '', embeds: data.embeds ?? [],
    components: data.components ?? [], timestamp: new Date().toISOString(), type: 0, attachments: [], mentions: [], mention_roles: [], pinned: false,
    tts: false, mention_everyone: false, edited_timestamp: null,
  };
}

function events(): FeedbackEvent[] {
  return readEvents(logPath).events;
}

async function askSlash(question: string, user = freshUser()): Promise<{ data: any; up: string; down: string }> {
  const body = await callback(discord.slash('ask', [{ type: 3, name: 'question', value: question }], user));
  const row = feedbackRow(body.data);
  if (!row) throw new Error('no feedback buttons');
  return { data: body.data, up: row.find((b) => b.custom_id.endsWith(':up'))!.custom_id, down: row.find((b) => b.custom_id.endsWith(':down'))!.custom_id };
}

describe('feedback buttons', () => {
  it('puts 👍 Helpful and 👎 Wrong or unhelpful under an answer to a slash command', async () => {
    const { data, up, down } = await askSlash('When did Bahrain join?');
    const row = feedbackRow(data)!;
    expect(row.map((b) => [b.emoji.name, b.label])).toEqual([['👍', 'Helpful'], ['👎', 'Wrong or unhelpful']]);
    expect(up).toMatch(/^fb:[a-z0-9-]+:up$/);
    expect(down.replace(/:down$/, '')).toBe(up.replace(/:up$/, ''));
    const id = up.split(':')[1];
    expect(events().find((e) => e.id === id)).toMatchObject({ question: 'When did Bahrain join?', answer: 'answer' });
  });

  it('puts them under an answer to a mention', async () => {
    discord.message(`<@${BOT_USER_ID}> who is the king of Bahrain?`, { mentionBot: true, authorId: freshUser() });
    const [sent] = await discord.waitForRequests((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages` && String(r.body?.embeds?.[0]?.description ?? '').length > 0);
    expect(feedbackRow(sent!.body)).toHaveLength(2);
  });

  it('puts none on an error or a cooldown notice', async () => {
    const user = freshUser();
    const bodies = [];
    for (let i = 0; i < 4; i++) bodies.push(await callback(discord.slash('whois', [{ type: 3, name: 'name', value: 'Bahrain' }], user)));
    expect(feedbackRow(bodies[0]!.data)).toBeDefined();
    expect(bodies[3]!.data.content).toMatch(/Try again in \d+ s/);
    expect(feedbackRow(bodies[3]!.data)).toBeUndefined();
    const unknown = await callback(discord.slash('nosuchcommand', [], freshUser()));
    expect(unknown.data.embeds[0].description).toMatch(/^❌/);
    expect(feedbackRow(unknown.data)).toBeUndefined();
  });

  it('acknowledges a press only to the voter, inside Discord’s 3-second limit, and records it', async () => {
    const { data, down } = await askSlash('Is Kazakhstan a member?');
    const voter = freshUser();
    const pressed = Date.now();
    const reply = await callback(discord.button(down, messageWith(data), voter));
    // Discord drops an interaction not answered within 3 s: the contract, not a speed target.
    expect(Date.now() - pressed).toBeLessThan(3000);
    expect(reply.type).toBe(4);
    expect(reply.data.content).toBe('Thanks, noted.');
    expect(reply.data.flags & 64).toBe(64);
    const id = down.split(':')[1];
    expect(events().filter((e) => e.event === 'vote' && e.id === id)).toEqual([expect.objectContaining({ vote: 'down' })]);
  });

  it('counts one vote per user per answer: a second press changes it, the same press again adds nothing', async () => {
    const { data, up, down } = await askSlash('Who brokered the accords?');
    const id = up.split(':')[1];
    const voter = freshUser();
    await callback(discord.button(up, messageWith(data), voter));
    const changed = await callback(discord.button(down, messageWith(data), voter));
    expect(changed.data.content).toBe('Thanks, noted: your vote is changed.');
    const again = await callback(discord.button(down, messageWith(data), voter));
    expect(again.data.content).toBe('Thanks, already noted.');
    await callback(discord.button(down, messageWith(data), freshUser()));
    const votes = events().filter((e) => e.event === 'vote' && e.id === id);
    expect(votes.map((v) => [v.vote, v.replaces ?? null])).toEqual([['up', null], ['down', 'up'], ['down', null]]);
  });

  it('records a press after a restart: the button carries the answer’s id', async () => {
    const { data, down } = await askSlash('When did the UAE join?');
    await bot.stop();
    app = createApp(FIXTURE_CORPUS, { feedbackLog: logPath });
    bot = await startBot(app, BOT_OPTIONS);
    discord = bot.discord;
    const reply = await callback(discord.button(down, messageWith(data), freshUser()));
    expect(reply.data.content).toBe('Thanks, noted.');
    const id = down.split(':')[1];
    expect(events().some((e) => e.event === 'vote' && e.id === id && e.vote === 'down')).toBe(true);
    expect(events().some((e) => e.event !== 'vote' && e.id === id)).toBe(true);
  });
});

describe('/accords misses', () => {
  it('is refused, ephemerally, to a member who is not an administrator', async () => {
    const body = await callback(discord.slash('accords', [{ type: 1, name: 'misses', options: [] }], freshUser()));
    expect(body.data.embeds[0].description).toBe('❌ /accords misses is for server administrators only.');
    expect(body.data.flags & 64).toBe(64);
  });

  it('shows administrators the declined and 👎 questions, grouped, deferred and ephemeral, without vote buttons', async () => {
    await askSlash('What did the king of Bahrain eat for breakfast?');
    await askSlash('what did the king of bahrain eat for breakfast??');
    const id = discord.slash('accords', [{ type: 1, name: 'misses', options: [] }], freshUser(), CHANNEL_ID, ADMIN_PERMISSIONS);
    // Reading a large log can take a second: acknowledged at once (deferred, ephemeral), then edited in.
    const deferred = await callback(id);
    expect(deferred.type).toBe(5);
    expect(deferred.data.flags & 64).toBe(64);
    const [edit] = await discord.waitForRequests((r) => r.method === 'PATCH' && decodeURIComponent(r.path).endsWith(`/token-${id}/messages/@original`));
    expect(feedbackRow(edit!.body)).toBeUndefined();
    const text = edit!.body.embeds[0].description as string;
    expect(text).toMatch(/^> \/accords misses\n\nMisses since /);
    expect(text).toMatch(/×2 .*breakfast/i);
  });
});

describe('the feedback log', () => {
  it('holds no user, guild or channel identifier', async () => {
    discord.message(`<@${BOT_USER_ID}> <@${USER_ID}> says the capital of Mars joined, true?`, { mentionBot: true, authorId: freshUser() });
    await discord.waitForRequests((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages` && /Mars|can't answer/i.test(JSON.stringify(r.body)), 1).catch(() => undefined);
    const text = readFileSync(logPath, 'utf8');
    for (const id of [...usersSeen, GUILD_ID, CHANNEL_ID, BOT_USER_ID]) expect(text).not.toContain(id);
    expect(text).not.toMatch(/\d{15,}/);
    expect(text).not.toMatch(/"(user|userId|guild|guildId|channel|channelId|username)"/);
  });
});

describe('an unwritable feedback log', () => {
  it('never stops the bot answering: the answer comes, without vote buttons', async () => {
    const blocked = mkdtempSync(join(tmpdir(), 'accords-feedback-blocked-'));
    writeFileSync(join(blocked, 'a-file'), '');
    // A path under a regular file cannot be created, even by root.
    const broken = createApp(FIXTURE_CORPUS, { feedbackLog: join(blocked, 'a-file', 'feedback.jsonl') });
    const other = await startBot(broken, BOT_OPTIONS);
    try {
      for (const question of ['When did Bahrain join?', 'What did the king of Bahrain eat?']) {
        const body = (await other.discord.replyTo(other.discord.slash('ask', [{ type: 3, name: 'question', value: question }], freshUser()))).body;
        expect(body.type).toBe(4);
        expect(body.data.embeds[0].description.length).toBeGreaterThan(0);
        expect(feedbackRow(body.data)).toBeUndefined();
      }
    } finally {
      await other.stop();
      rmSync(blocked, { recursive: true, force: true });
    }
  });
});
