/**
 * A flaky Discord: 1,000 interactions and messages with faults injected between and during them
 * (gateway closed with 4000, a plain TCP drop, op 7 reconnect, an invalid session, REST 500s and
 * 429s with retry-after on the interaction callback and on channel messages). Everything Discord
 * itself would deliver must be answered, with no crash and no unhandled rejection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appFor } from './helpers/app.ts';
import { startBot, type RunningBot } from './helpers/bot.ts';
import { BOT_USER_ID, snowflake, type FakeDiscord } from './helpers/fake-discord.ts';

const TOTAL = 1000;
let discord: FakeDiscord;
let bot: RunningBot;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const dispatched: string[] = [];
const faults: Record<string, number> = {};

function countFault(kind: string, n = 1): void {
  faults[kind] = (faults[kind] ?? 0) + n;
}

/** Dispatches `n` slash commands from distinct users (so no cooldown applies). */
function slashes(n: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const q = ['Who is Witkoff?', 'When did Morocco join?', 'Is Saudi Arabia a member?'][i % 3]!;
    ids.push(discord.slash('ask', [{ type: 3, name: 'question', value: q }], snowflake()));
  }
  dispatched.push(...ids);
  return ids;
}

function mentions(n: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(discord.message(`<@${BOT_USER_ID}> who is Bibi?`, { mentionBot: true, authorId: snowflake() }));
  dispatched.push(...ids);
  return ids;
}

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const identifies = () => discord.gatewayOps.filter((o) => o.op === 2).length;
const resumes = () => discord.gatewayOps.filter((o) => o.op === 6).length;

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  bot = await startBot(appFor(), { answerChannelIds: [], cooldownSeconds: 0, cooldownMax: 1 });
  discord = bot.discord;
}, 30_000);

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await bot?.stop();
  console.log(
    `flaky Discord: ${dispatched.length} dispatched, ${discord.answeredIds().size} answered; faults injected: ${JSON.stringify(faults)}; ` +
      `identifies ${identifies()}, resumes ${resumes()}`,
  );
});

describe('a flaky Discord', () => {
  it('answers everything while the gateway is healthy', async () => {
    await discord.waitForAnswers(slashes(150));
  });

  it('resumes after a close with code 4000 and answers what was dispatched during the gap', async () => {
    const before = resumes();
    discord.closeGateway(4000);
    countFault('gateway close 4000');
    const during = slashes(50); // kept by the fake and replayed on RESUME, as Discord does
    await until(() => resumes() > before);
    await discord.waitForAnswers(during);
  });

  it('resumes after a plain TCP drop', async () => {
    await until(() => discord.connected);
    const before = resumes();
    discord.dropGateway();
    countFault('TCP drop');
    const during = slashes(50);
    await until(() => resumes() > before);
    await discord.waitForAnswers(during);
  });

  it('reconnects and resumes when asked to (op 7)', async () => {
    await until(() => discord.connected);
    const before = resumes();
    discord.requestReconnect();
    countFault('op 7 reconnect');
    const during = slashes(50);
    await until(() => resumes() > before);
    await discord.waitForAnswers(during);
  });

  it('identifies again after an invalid session, then answers', async () => {
    await until(() => discord.connected);
    const before = identifies();
    discord.invalidateSession();
    countFault('op 9 invalid session');
    await until(() => identifies() > before && discord.connected, 40_000);
    // Discord delivers nothing from a dead session; what comes after the new READY is answered.
    await new Promise((r) => setTimeout(r, 200));
    await discord.waitForAnswers(slashes(100));
  }, 60_000);

  it('retries interaction callbacks that fail with 500 and with 429 retry-after', async () => {
    discord.faults.push({ method: 'POST', path: /^\/interactions\/\d+\/[^/]+\/callback$/, status: 500, times: 40 });
    countFault('REST 500 on callback', 40);
    const first = slashes(100);
    await discord.waitForAnswers(first);
    discord.faults.push({
      method: 'POST', path: /^\/interactions\/\d+\/[^/]+\/callback$/, status: 429, times: 40,
      headers: { 'retry-after': '0.2', 'x-ratelimit-scope': 'user' },
      body: { message: 'You are being rate limited.', retry_after: 0.2, global: false },
    });
    countFault('REST 429 on callback', 40);
    const second = slashes(100);
    await discord.waitForAnswers(second);
  }, 60_000);

  it('retries channel messages that fail with 500 and with 429 retry-after', async () => {
    discord.faults.push({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 500, times: 30 });
    countFault('REST 500 on channel message', 30);
    await discord.waitForAnswers(mentions(50));
    discord.faults.push({
      method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 429, times: 30,
      headers: { 'retry-after': '0.2', 'x-ratelimit-scope': 'user' },
      body: { message: 'You are being rate limited.', retry_after: 0.2, global: false },
    });
    countFault('REST 429 on channel message', 30);
    await discord.waitForAnswers(mentions(50));
  }, 60_000);

  it(`answers every one of ${TOTAL} dispatched events, with no unhandled rejection`, async () => {
    await discord.waitForAnswers(slashes(TOTAL - dispatched.length));
    expect(dispatched).toHaveLength(TOTAL);
    const answered = discord.answeredIds();
    expect(dispatched.filter((id) => !answered.has(id))).toEqual([]);
    expect(unhandled).toEqual([]);
  }, 60_000);
});
