/** Starts the real discord.js Client with the bot's handlers, logged in to a fresh fake Discord. */
import type { Client } from 'discord.js';
import { attachHandlers, createClient, type BotOptions } from '../../src/discord/bot.ts';
import type { App } from '../../src/app.ts';
import { FAKE_TOKEN, FakeDiscord } from './fake-discord.ts';

export interface RunningBot {
  discord: FakeDiscord;
  client: Client;
  stop(): Promise<void>;
}

export async function startBot(app: App, options: BotOptions): Promise<RunningBot> {
  const discord = await new FakeDiscord().start();
  const client = createClient({ DISCORD_API_URL: discord.apiUrl, ANSWER_CHANNEL_IDS: options.answerChannelIds });
  attachHandlers(client, app, options);
  const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
  await client.login(FAKE_TOKEN);
  await ready;
  return {
    discord,
    client,
    async stop() {
      await client.destroy();
      await discord.stop();
    },
  };
}
