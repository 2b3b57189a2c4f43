/**
 * End to end: the real discord.js Client, logged in to a fake Discord on 127.0.0.1, answering
 * slash commands, autocomplete, buttons and messages. Nothing inside discord.js is mocked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from './helpers/bot.ts';
import { appFor } from './helpers/app.ts';
import {
  BOT_USER_ID,
  CHANNEL_ID,
  FAKE_TOKEN,
  type FakeDiscord,
  OTHER_CHANNEL_ID,
  USER_ID,
  type RecordedRequest,
} from './helpers/fake-discord.ts';
import { EMBED_DESCRIPTION_MAX_CHARS, EMBED_MAX_FIELDS, EMBED_TOTAL_MAX_CHARS } from '../src/limits.ts';
import { embedLength } from '../src/discord/render.ts';

const ANSWER_CHANNEL = OTHER_CHANNEL_ID;
let discord: FakeDiscord;
let app: ReturnType<typeof appFor>;
let userCounter = 500000000000000000n;
/** A fresh user per test keeps the per-user cooldown out of tests that are not about it. */
const freshUser = () => (++userCounter).toString();

let bot: RunningBot;

beforeAll(async () => {
  app = appFor();
  bot = await startBot(app, { answerChannelIds: [ANSWER_CHANNEL], cooldownSeconds: 60, cooldownMax: 3 });
  discord = bot.discord;
});

afterAll(async () => {
  await bot?.stop();
});

/** The callback body of an interaction reply: { type, data }. */
async function callback(interactionId: string): Promise<{ type: number; data: any }> {
  const request = await discord.replyTo(interactionId);
  return request.body;
}

function expectWithinLimits(embed: any): void {
  expect(embed.description.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX_CHARS);
  expect((embed.fields ?? []).length).toBeLessThanOrEqual(EMBED_MAX_FIELDS);
  expect(embedLength(embed)).toBeLessThanOrEqual(EMBED_TOTAL_MAX_CHARS);
  for (const f of embed.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(1024);
}

function sentMessages(channelId: string): RecordedRequest[] {
  return discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`);
}

describe('Discord, end to end against a fake Discord', () => {
  it('identifies with the intents it needs', () => {
    const identify = discord.gatewayOps.find((o) => o.op === 2);
    expect(identify?.d.token).toBe(FAKE_TOKEN);
    // Guilds (1) + GuildMessages (512) + MessageContent (32768), for the answer channel.
    expect(identify?.d.intents).toBe(1 | 512 | 32768);
  });

  it('answers /accords members with an embed: answer first, numbered sources with quotes, no pings', async () => {
    const id = discord.slash('accords', [{ type: 1, name: 'members', options: [] }], freshUser());
    const body = await callback(id);
    expect(body.type).toBe(4);
    const embed = body.data.embeds[0];
    expect(embed.description).toMatch(/^> \/accords members\n\nAbraham Accords members/);
    expect(embed.description).toMatch(/1\. United Arab Emirates[^\n]*\[1\]/);
    expect(embed.fields[0].name).toMatch(/^\[1\] /);
    expect(embed.fields[0].value).toMatch(/\[.+\]\(https:\/\/.+\)\n> /);
    expect(body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(body.data.flags ?? 0).toBe(0);
    expectWithinLimits(embed);
  });

  it('answers /whois and /ask, restating the input', async () => {
    const whois = await callback(discord.slash('whois', [{ type: 3, name: 'name', value: 'Witkoff' }], freshUser()));
    expect(whois.data.embeds[0].description).toMatch(/^> \/whois name:Witkoff\n\nSteve Witkoff/);
    const ask = await callback(discord.slash('ask', [{ type: 3, name: 'question', value: 'When was the White House signing?' }], freshUser()));
    expect(ask.data.embeds[0].description).toContain('On 15 September 2020');
    expect(ask.data.embeds[0].fields.length).toBeGreaterThan(0);
  });

  it('answers /source and the other /accords subcommands', async () => {
    for (const sub of ['timeline', 'caveats', 'about']) {
      const body = await callback(discord.slash('accords', [{ type: 1, name: sub, options: [] }], freshUser()));
      expect(body.type).toBe(4);
      expectWithinLimits(body.data.embeds[0]);
    }
    const source = await callback(discord.slash('source', [{ type: 3, name: 'id', value: 'uae' }], freshUser()));
    expect(source.data.embeds[0].description).toContain('United Arab Emirates');
  });

  it('makes the reply ephemeral when hide is true', async () => {
    const body = await callback(
      discord.slash('whois', [{ type: 3, name: 'name', value: 'Bibi' }, { type: 5, name: 'hide', value: true }], freshUser()),
    );
    expect(body.data.flags & 64).toBe(64);
  });

  it('resolves a typed, unknown name again on execute and offers "did you mean"', async () => {
    const body = await callback(discord.slash('whois', [{ type: 3, name: 'name', value: 'Zorblax' }], freshUser()));
    expect(body.data.embeds[0].description).toContain('I don\'t have anyone or any state called "Zorblax"');
  });

  it('autocompletes /whois from memory, forgiving a typo', async () => {
    const id = discord.autocomplete('whois', [{ type: 3, name: 'name', value: 'witkof', focused: true }]);
    const body = await callback(id);
    expect(body.type).toBe(8);
    expect(body.data.choices[0]).toEqual({ name: expect.stringContaining('Steve Witkoff'), value: 'Steve Witkoff' });
    expect(body.data.choices.length).toBeLessThanOrEqual(25);
    for (const c of body.data.choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  it('answers a mention in any channel as a reply to that message', async () => {
    const messageId = discord.message(`<@${BOT_USER_ID}> who is Bibi?`, { mentionBot: true, authorId: freshUser() });
    const reply = await discord.replyTo(messageId);
    expect(reply.path).toBe(`/channels/${CHANNEL_ID}/messages`);
    expect(reply.body.message_reference).toMatchObject({ message_id: messageId, fail_if_not_exists: false });
    expect(reply.body.embeds[0].description).toContain('Benjamin Netanyahu');
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('answers a question in an answer channel without a mention, and skips chatter there', async () => {
    const author = freshUser();
    const chatter = discord.message('lol nice', { channelId: ANSWER_CHANNEL, authorId: author });
    const question = discord.message('Is Saudi Arabia a member?', { channelId: ANSWER_CHANNEL, authorId: author });
    const reply = await discord.replyTo(question);
    expect(reply.body.embeds[0].description).toMatch(/^No\./);
    expect(sentMessages(ANSWER_CHANNEL).some((r) => r.body.message_reference?.message_id === chatter)).toBe(false);
  });

  it('reads a follow-up with the same user\'s previous question in that channel, and no one else\'s', async () => {
    const author = freshUser();
    await discord.replyTo(discord.message('When did the UAE join?', { channelId: ANSWER_CHANNEL, authorId: author }));
    const followUp = await discord.replyTo(discord.message('and Bahrain?', { channelId: ANSWER_CHANNEL, authorId: author }));
    expect(followUp.body.embeds[0].description).toContain('Reading this as: When did Bahrain join?');
    expect(followUp.body.embeds[0].description).toContain('September 2020');
    // Another user's "and Bahrain?" in the same channel has no context of its own.
    const stranger = await discord.replyTo(discord.message('and Bahrain?', { channelId: ANSWER_CHANNEL, authorId: freshUser() }));
    expect(stranger.body.embeds[0].description).not.toContain('Reading this as');
  });

  it('answers thanks with a short reply, not a refusal', async () => {
    const reply = await discord.replyTo(discord.message(`<@${BOT_USER_ID}> thanks!`, { mentionBot: true, authorId: freshUser() }));
    const text = reply.body.content ?? reply.body.embeds?.[0]?.description ?? '';
    expect(text).toMatch(/welcome/i);
    expect(text).not.toMatch(/can't answer/);
  });

  it('ignores a message in another channel without a mention, and messages from bots', async () => {
    const before = discord.requests.length;
    discord.message('Who is Witkoff?', { authorId: freshUser() });
    discord.message(`<@${BOT_USER_ID}> who is Witkoff?`, { mentionBot: true, bot: true, authorId: '777777777777777777' });
    discord.message('Who is Witkoff?', { channelId: ANSWER_CHANNEL, authorId: BOT_USER_ID, bot: true });
    // A later message that is answered proves the earlier ones were processed, and ignored.
    const marker = discord.message(`<@${BOT_USER_ID}> who is Tokaev?`, { mentionBot: true, authorId: freshUser() });
    await discord.replyTo(marker);
    const replies = discord.requests.slice(before).filter((r) => r.method === 'POST' && r.path.startsWith('/channels/'));
    expect(replies).toHaveLength(1);
  });

  it('never pings: @everyone in a question is neither parsed nor shown as a mention', async () => {
    const id = discord.slash('ask', [{ type: 3, name: 'question', value: '@everyone <@&555555555555555555> who is Witkoff?' }], freshUser());
    const body = await callback(id);
    expect(body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const text = JSON.stringify(body.data);
    expect(text).not.toMatch(/(?<!\\u200b)@everyone/);
    expect(text).not.toContain('<@&555555555555555555>');
  });

  it('holds the per-user cooldown and says when to try again, ephemerally', async () => {
    const user = freshUser();
    const bodies = [];
    for (let i = 0; i < 4; i++) bodies.push(await callback(discord.slash('whois', [{ type: 3, name: 'name', value: 'Bibi' }], user)));
    expect(bodies.slice(0, 3).every((b) => b.data.embeds?.length === 1)).toBe(true);
    expect(bodies[3]!.data.content).toMatch(/Try again in \d+ s/);
    expect(bodies[3]!.data.flags & 64).toBe(64);
  });

  it('pages a long list with buttons that turn the page', async () => {
    const id = discord.slash('accords', [{ type: 1, name: 'caveats', options: [] }], freshUser());
    const body = await callback(id);
    const components = body.data.components;
    if (!components?.length) return; // the fixture's caveats fit one page; the real corpus pages (see render tests)
    const next = components[0].components[2].custom_id;
    const click = discord.button(next, { id: '999999999999999999', channel_id: CHANNEL_ID, author: { id: BOT_USER_ID, username: 'bot', discriminator: '0' }, content: '', embeds: body.data.embeds, components, timestamp: new Date().toISOString(), type: 0, attachments: [], mentions: [], mention_roles: [], pinned: false, tts: false, mention_everyone: false, edited_timestamp: null });
    const update = await callback(click);
    expect(update.type).toBe(7);
  });

  it('sends an ephemeral error when a handler throws', async () => {
    const original = app.commands.get('source')!;
    app.commands.set('source', {
      ...original,
      execute: () => {
        throw new Error('boom');
      },
    });
    try {
      const body = await callback(discord.slash('source', [{ type: 3, name: 'id', value: 'x' }], freshUser()));
      expect(body.data.embeds[0].description).toMatch(/^❌ Sorry, something went wrong/);
      expect(body.data.flags & 64).toBe(64);
      expect(JSON.stringify(body)).not.toContain('boom');
    } finally {
      app.commands.set('source', original);
    }
  });

  it('is user-facing only through allowed_mentions { parse: [] }', () => {
    const replies = discord.requests.filter((r) => r.method === 'POST' && (r.path.includes('/callback') || r.path.includes('/messages')) && r.body?.type !== 8);
    for (const r of replies) {
      const data = r.body.data ?? r.body;
      if (r.body.type === 7 || r.body.type === 8) continue;
      expect(data.allowed_mentions, r.path).toEqual({ parse: [], replied_user: false });
    }
    expect(USER_ID).toBeDefined();
  });
});
