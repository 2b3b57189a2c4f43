/**
 * The members map and the timeline chart on Discord, end to end: the real discord.js Client sends
 * them as multipart attachments to the fake Discord, and the embed shows the attached file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { startBot, type RunningBot } from './helpers/bot.ts';
import { appFor } from './helpers/app.ts';
import { snowflake, type FakeDiscord } from './helpers/fake-discord.ts';
import { ATTACHMENT_DESCRIPTION_MAX_CHARS, ATTACHMENT_MAX_BYTES } from '../src/limits.ts';

let bot: RunningBot;
let discord: FakeDiscord;

beforeAll(async () => {
  bot = await startBot(appFor(), { answerChannelIds: [], cooldownSeconds: 60, cooldownMax: 100 });
  discord = bot.discord;
});
afterAll(async () => {
  await bot?.stop();
});

describe('images on Discord', () => {
  it.each([
    ['members', 'members-map.png'],
    ['map', 'members-map.png'],
    ['timeline', 'timeline.png'],
  ])('attaches the image of /accords %s, and the embed shows it', async (subcommand, file) => {
    const request = await discord.replyTo(discord.slash('accords', [{ type: 1, name: subcommand, options: [] }], snowflake()));
    expect(String(request.headers['content-type'])).toMatch(/^multipart\/form-data/);
    const [attached] = request.files!;
    expect(attached).toMatchObject({ filename: file, contentType: 'image/png' });
    expect(attached!.data.length).toBeLessThanOrEqual(ATTACHMENT_MAX_BYTES);
    const png = PNG.sync.read(attached!.data);
    expect(png.width).toBeGreaterThan(400);
    const data = request.body.data;
    expect(data.embeds[0].image.url).toBe(`attachment://${file}`);
    // The JSON names each file part by its index: "files[0]" is attachment id "0".
    const described = data.attachments.find((a: { id: string }) => `files[${a.id}]` === attached!.field);
    expect(described.description.length).toBeGreaterThan(20);
    expect(described.description.length).toBeLessThanOrEqual(ATTACHMENT_DESCRIPTION_MAX_CHARS);
    // The text answer stays whole beside the image.
    expect(data.embeds[0].description.length).toBeGreaterThan(50);
  });

  it('sends no image with an answer that has none', async () => {
    const request = await discord.replyTo(discord.slash('whois', [{ type: 3, name: 'name', value: 'Bahrain' }], snowflake()));
    expect(request.files ?? []).toHaveLength(0);
    expect(request.body.data.embeds[0].image).toBeUndefined();
  });
});
