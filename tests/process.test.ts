/**
 * The bot as a user starts it: `npm run deploy-commands`, then `npm start` with a token and
 * DISCORD_API_URL pointing at the fake Discord, as separate processes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_CORPUS } from './helpers/app.ts';
import { projectRoot } from '../src/paths.ts';
import { APPLICATION_ID, FAKE_TOKEN, FakeDiscord, GUILD_ID, BOT_USER_ID } from './helpers/fake-discord.ts';

let discord: FakeDiscord;

beforeAll(async () => {
  discord = await new FakeDiscord().start();
});
afterAll(async () => {
  await discord.stop();
});

/** The bots these tests start write their feedback here, never into the project's data/. */
const feedbackDir = mkdtempSync(join(tmpdir(), 'accords-process-feedback-'));
afterAll(() => rmSync(feedbackDir, { recursive: true, force: true }));

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { DISCORD_TOKEN: _t, DISCORD_CLIENT_ID: _c, DISCORD_GUILD_ID: _g, ANSWER_CHANNEL_IDS: _a, ...rest } = process.env;
  return { ...rest, LOG_LEVEL: 'debug', FEEDBACK_LOG: join(feedbackDir, 'feedback.jsonl'), ...extra };
}

function run(command: string, args: string[], extraEnv: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: projectRoot, env: env(extraEnv) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

describe('reload on SIGHUP', () => {
  it('keeps the console answering from the last good corpus when the corpus on disk breaks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accords-sighup-'));
    cpSync(FIXTURE_CORPUS, dir, { recursive: true });
    const child = spawn('node', ['--import', 'tsx', 'src/main.ts'], { cwd: projectRoot, env: env({ ACCORDS_CORPUS_DIR: dir, LOG_LEVEL: 'info' }) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const waitFor = async (test: () => boolean, what: string) => {
      const started = Date.now();
      while (!test()) {
        if (Date.now() - started > 15_000) throw new Error(`timed out waiting for ${what}:\n${stdout}\n${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await waitFor(() => stdout.includes('local console'), 'the console');
    writeFileSync(join(dir, 'actors.json'), '[{"id": "x"');
    child.kill('SIGHUP');
    await waitFor(() => stderr.includes('corpus reload failed'), 'the failed reload');
    expect(stderr).toMatch(/actors\.json:1: is not valid JSON/);
    child.stdin.write('/whois Bibi\n');
    await waitFor(() => stdout.includes('Benjamin Netanyahu'), 'an answer');
    child.stdin.end('exit\n');
    expect(await exited).toBe(0);
  }, 30_000);
});

describe('secrets', () => {
  it('keeps .env out of git', async () => {
    const result = await run('git', ['check-ignore', '-q', '.env'], {});
    expect(result.code).toBe(0);
  });

  it('never logs the token, through start, failing requests, a failing handler and shutdown', async () => {
    // Every interaction callback fails, so the bot logs errors with request details.
    discord.faults.push({ method: 'POST', path: /\/callback$/, status: 500, times: 1000 });
    const child: ChildProcess = spawn('npm', ['start'], {
      cwd: projectRoot,
      detached: true,
      env: env({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_CLIENT_ID: APPLICATION_ID, DISCORD_API_URL: discord.apiUrl, LOG_LEVEL: 'trace' }),
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
    try {
      const started = Date.now();
      while (!/connected to Discord/.test(output)) {
        if (Date.now() - started > 20_000) throw new Error(`bot did not connect:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      discord.slash('whois', [{ type: 3, name: 'name', value: 'Bibi' }]);
      const logged = Date.now();
      while (!/command failed|interaction handler failed|could not send/.test(output)) {
        if (Date.now() - logged > 20_000) throw new Error(`no error was logged:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      discord.faults.length = 0;
    }
    await exited;
    expect(output).toContain('shutting down');
    for (const part of [FAKE_TOKEN, ...FAKE_TOKEN.split('.')]) expect(output).not.toContain(part);
  }, 60_000);
});

describe('started as a user would', () => {
  it('registers every command in one bulk overwrite to the guild when DISCORD_GUILD_ID is set', async () => {
    const result = await run('npm', ['run', '--silent', 'deploy-commands'], {
      DISCORD_TOKEN: FAKE_TOKEN, DISCORD_CLIENT_ID: APPLICATION_ID, DISCORD_GUILD_ID: GUILD_ID, DISCORD_API_URL: discord.apiUrl,
    });
    expect(result.stderr).not.toContain(FAKE_TOKEN);
    expect(result.code).toBe(0);
    const puts = discord.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.path).toBe(`/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`);
    expect(puts[0]!.body.map((c: { name: string }) => c.name).sort()).toEqual(['accords', 'ask', 'reload', 'source', 'whois']);
    expect(puts[0]!.body.find((c: { name: string }) => c.name === 'reload').default_member_permissions).toBe('0');
    expect(puts[0]!.headers.authorization).toBe(`Bot ${FAKE_TOKEN}`);
  });

  it('registers globally, and only globally, without DISCORD_GUILD_ID', async () => {
    const before = discord.requests.length;
    const result = await run('npm', ['run', '--silent', 'deploy-commands'], {
      DISCORD_TOKEN: FAKE_TOKEN, DISCORD_CLIENT_ID: APPLICATION_ID, DISCORD_API_URL: discord.apiUrl,
    });
    expect(result.code).toBe(0);
    const puts = discord.requests.slice(before).filter((r) => r.method === 'PUT');
    expect(puts.map((p) => p.path)).toEqual([`/applications/${APPLICATION_ID}/commands`]);
  });

  it('answers /accords members when started with npm start, shuts down on SIGTERM, and never logs the token', async () => {
    const child: ChildProcess = spawn('npm', ['start'], {
      cwd: projectRoot,
      detached: true,
      env: env({ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_CLIENT_ID: APPLICATION_ID, DISCORD_API_URL: discord.apiUrl }),
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    try {
      const started = Date.now();
      while (!/connected to Discord/.test(output)) {
        if (Date.now() - started > 20_000) throw new Error(`bot did not connect:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const id = discord.slash('accords', [{ type: 1, name: 'members', options: [] }]);
      const reply = await discord.replyTo(id);
      expect(reply.body.data.embeds[0].description).toContain('United Arab Emirates');
      expect(reply.body.data.embeds[0].fields.length).toBeGreaterThan(0);
      const whois = await discord.replyTo(discord.slash('whois', [{ type: 3, name: 'name', value: 'Witkoff' }], '555555555555555555'));
      expect(whois.body.data.embeds[0].description).toContain('Steve Witkoff');
      expect(whois.body.data.embeds[0].fields.length).toBeGreaterThan(0);
      const mention = discord.message(`<@${BOT_USER_ID}> who signed for Bahrain?`, { mentionBot: true, authorId: '666666666666666666' });
      const answer = await discord.replyTo(mention);
      expect(answer.body.embeds[0].description).toMatch(/Bahrain/);
      expect(answer.body.embeds[0].fields.length).toBeGreaterThan(0);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
    }
    await exited;
    expect(output).toContain('shutting down');
    expect(output).not.toContain(FAKE_TOKEN);
    expect(output).not.toContain(FAKE_TOKEN.split('.')[2]);
  });

  it.each([
    [{ DISCORD_TOKEN: 'nope' }, 'DISCORD_TOKEN'],
    [{ DISCORD_TOKEN: FAKE_TOKEN }, 'DISCORD_CLIENT_ID'],
    [{ DISCORD_TOKEN: FAKE_TOKEN, DISCORD_CLIENT_ID: 'my-bot' }, 'DISCORD_CLIENT_ID'],
    [{ DISCORD_GUILD_ID: '123' }, 'DISCORD_GUILD_ID'],
    [{ ANSWER_CHANNEL_IDS: '333333333333333333,#general' }, 'ANSWER_CHANNEL_IDS'],
    [{ DISCORD_API_URL: 'not a url' }, 'DISCORD_API_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ COOLDOWN_SECONDS: '-5' }, 'COOLDOWN_SECONDS'],
    [{ COOLDOWN_MAX_PER_WINDOW: 'many' }, 'COOLDOWN_MAX_PER_WINDOW'],
  ])('exits 1 with one line naming the variable, no stack trace: %j', async (extra, variable) => {
    const result = await run('node', ['--import', 'tsx', 'src/main.ts'], extra);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^accords-bot: ${variable} `));
    expect(result.stderr).not.toContain(FAKE_TOKEN);
  });
});
