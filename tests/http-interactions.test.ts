/**
 * The HTTP interactions endpoint (src/http/), end to end on 127.0.0.1: requests signed with a key
 * pair made here, answers from the fixture corpus, and every refusal with its status while the
 * server keeps answering.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.ts';
import { Cooldown } from '../src/cooldown.ts';
import { handleInteraction, MAX_BODY_BYTES, startInteractionsServer, type InteractionsServer } from '../src/http/interactions.ts';
import { PAGES_NOT_HERE, UNKNOWN_BUTTON } from '../src/http/handle.ts';
import { SIGNATURE_MAX_AGE_SECONDS } from '../src/http/verify.ts';
import { createLogger, log, setLogger } from '../src/log.ts';
import { FIXTURE_CORPUS } from './helpers/app.ts';

const USER_ID = '444444444444444444';
const EPHEMERAL = 64;
/** Short, so the slow-client test is quick; a loopback body arrives long before it. */
const TEST_BODY_READ_TIMEOUT_MS = 1500;

const keys = generateKeyPairSync('ed25519');
/** The raw 32-byte public key in hex, as the Developer Portal shows it. */
const publicKeyHex = Buffer.from(keys.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
let counter = 0;

interface Endpoint {
  server: InteractionsServer;
  url: string;
  app: App;
}

async function start(app: App): Promise<Endpoint> {
  // The cooldown is on, as in production, but out of reach: these tests are not about it.
  const server = await startInteractionsServer(app, {
    port: 0, host: '127.0.0.1', publicKey: publicKeyHex, cooldownSeconds: 60, cooldownMax: 10_000, bodyReadTimeoutMs: TEST_BODY_READ_TIMEOUT_MS,
  });
  return { server, url: `http://127.0.0.1:${server.port}`, app };
}

function nowSeconds(): string {
  return String(Math.floor(Date.now() / 1000));
}

function signature(timestamp: string, body: string, key: KeyObject = keys.privateKey): string {
  return sign(null, Buffer.from(timestamp + body), key).toString('hex');
}

/** POSTs `body` signed (or as `headers` says) to the endpoint. */
async function post(endpoint: Endpoint, body: string, headers?: Record<string, string>, path = '/interactions'): Promise<Response> {
  const timestamp = nowSeconds();
  return fetch(endpoint.url + path, {
    method: 'POST',
    body,
    headers: headers ?? { 'content-type': 'application/json', 'x-signature-ed25519': signature(timestamp, body), 'x-signature-timestamp': timestamp },
  });
}

async function interact(endpoint: Endpoint, interaction: object): Promise<{ status: number; body: any }> {
  const response = await post(endpoint, JSON.stringify(interaction));
  return { status: response.status, body: await response.json() };
}

/** An interaction as Discord sends it from a server channel. */
function fromMember(type: number, data: object, permissions = '0', extra: object = {}): object {
  counter += 1;
  return {
    id: String(900000000000000000n + BigInt(counter)),
    application_id: '111111111111111111',
    type,
    data,
    guild_id: '222222222222222222',
    channel_id: '333333333333333333',
    member: { user: { id: USER_ID, username: 'asker' }, permissions },
    token: `interaction-token-${counter}-do-not-log`,
    version: 1,
    ...extra,
  };
}

const slash = (name: string, options: unknown[] = [], permissions = '0') => fromMember(2, { id: '1', name, type: 1, options }, permissions);
const button = (customId: string) => fromMember(3, { custom_id: customId, component_type: 2 });
const ask = (question: string) => slash('ask', [{ type: 3, name: 'question', value: question }]);
const ping = () => ({ id: '1', application_id: '111111111111111111', type: 1, token: 'ping-token', version: 1 });

/** Writes `text` on a raw connection and resolves with everything received until the server closes it. */
function rawExchange(text: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(endpoint.server.port, '127.0.0.1');
    let received = '';
    socket.on('data', (data) => (received += data.toString('utf8')));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
    socket.write(text);
  });
}

function embedText(body: any): string {
  const embed = body.data.embeds[0];
  return [embed.description, ...(embed.fields ?? []).map((f: any) => `${f.name} ${f.value}`)].join('\n');
}

function customIds(body: any): string[] {
  return (body.data.components ?? []).flatMap((row: any) => row.components.map((c: any) => c.custom_id));
}

let endpoint: Endpoint;
let withFeedback: Endpoint;
let feedbackDir: string;

beforeAll(async () => {
  feedbackDir = mkdtempSync(join(tmpdir(), 'accords-http-'));
  endpoint = await start(createApp(FIXTURE_CORPUS));
  withFeedback = await start(createApp(FIXTURE_CORPUS, { feedbackLog: join(feedbackDir, 'feedback.jsonl') }));
});

afterAll(async () => {
  await endpoint?.server.close();
  await withFeedback?.server.close();
  if (feedbackDir) rmSync(feedbackDir, { recursive: true, force: true });
});

describe('the HTTP interactions endpoint', () => {
  it('answers a signed PING with PONG', async () => {
    const { status, body } = await interact(endpoint, ping());
    expect(status).toBe(200);
    expect(body).toEqual({ type: 1 });
  });

  it('also takes interactions on /', async () => {
    const response = await post(endpoint, JSON.stringify(ping()), undefined, '/');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ type: 1 });
  });

  it('answers /accords members with an embed listing the members, pinging nobody', async () => {
    const { status, body } = await interact(endpoint, slash('accords', [{ type: 1, name: 'members', options: [] }]));
    expect(status).toBe(200);
    expect(body.type).toBe(4);
    const text = embedText(body);
    for (const member of ['United Arab Emirates', 'Bahrain', 'Kazakhstan']) expect(text).toContain(member);
    expect(body.data.embeds[0].description).toContain('/accords members');
    expect(body.data.allowed_mentions.parse).toEqual([]);
    expect(body.data.allowed_mentions.replied_user).toBe(false);
    expect(body.data.flags ?? 0).toBe(0);
  });

  it('restates the command with its options, and hides the reply when asked (hide:true), without restating hide', async () => {
    const { body } = await interact(endpoint, slash('whois', [{ type: 3, name: 'name', value: 'Bahrain' }, { type: 5, name: 'hide', value: true }]));
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(EPHEMERAL);
    expect(body.data.embeds[0].description).toContain('/whois name:Bahrain');
    expect(body.data.embeds[0].description).not.toContain('hide');
  });

  it('answers in a DM, where the user comes as `user` instead of `member`', async () => {
    const dm = { ...slash('accords', [{ type: 1, name: 'members', options: [] }]), member: undefined, guild_id: undefined, user: { id: USER_ID } };
    const { status, body } = await interact(endpoint, dm);
    expect(status).toBe(200);
    expect(embedText(body)).toContain('Bahrain');
  });

  it('puts 👍 / 👎 buttons under an /ask answer only when the app has a feedback log', async () => {
    const question = 'When did Bahrain join the Abraham Accords?';
    const without = await interact(endpoint, ask(question));
    expect(without.body.type).toBe(4);
    expect(embedText(without.body)).toContain('2020');
    expect(customIds(without.body)).toEqual([]);

    const withLog = await interact(withFeedback, ask(question));
    expect(withLog.body.type).toBe(4);
    const ids = customIds(withLog.body);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^fb:.+:up$/);
    expect(ids[1]).toMatch(/^fb:.+:down$/);
  });

  it('acknowledges a feedback button press only to the voter', async () => {
    const answered = await interact(withFeedback, ask('When did the UAE sign the Abraham Accords?'));
    const up = customIds(answered.body).find((id) => id.endsWith(':up'))!;
    const { status, body } = await interact(withFeedback, button(up));
    expect(status).toBe(200);
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(EPHEMERAL);
    expect(body.data.content).toMatch(/^Thanks/);
    expect(body.data.allowed_mentions.parse).toEqual([]);
  });

  it('acknowledges an unknown button, and a page button it cannot turn, only to the presser', async () => {
    const unknown = await interact(endpoint, button('something:else'));
    expect(unknown.status).toBe(200);
    expect(unknown.body.type).toBe(4);
    expect(unknown.body.data.flags).toBe(EPHEMERAL);
    expect(unknown.body.data.content).toBe(UNKNOWN_BUTTON);

    const page = await interact(endpoint, button('page:abc-123:1'));
    expect(page.body.data.flags).toBe(EPHEMERAL);
    expect(page.body.data.content).toBe(PAGES_NOT_HERE);
  });

  it('autocompletes /whois name:Bah with Bahrain among the choices', async () => {
    const { status, body } = await interact(endpoint, fromMember(4, { id: '1', name: 'whois', type: 1, options: [{ type: 3, name: 'name', value: 'Bah', focused: true }] }));
    expect(status).toBe(200);
    expect(body.type).toBe(8);
    expect(body.data.choices.map((c: { value: string }) => c.value)).toContain('Bahrain');
  });

  it('finds the focused option inside a subcommand for autocomplete', async () => {
    const { body } = await interact(
      endpoint,
      fromMember(4, { id: '1', name: 'accords', type: 1, options: [{ type: 1, name: 'timeline', options: [{ type: 3, name: 'about', value: 'Kaz', focused: true }] }] }),
    );
    expect(body.type).toBe(8);
    expect(body.data.choices.map((c: { value: string }) => c.value)).toContain('Kazakhstan');
  });

  it('refuses admin-only /reload to a member without the Administrator bit, only to them', async () => {
    const { status, body } = await interact(endpoint, slash('reload', [], String((1n << 5n) | (1n << 4n))));
    expect(status).toBe(200);
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(EPHEMERAL);
    expect(embedText(body)).toContain('/reload is for server administrators only');
  });

  it('runs /reload for an administrator, ephemerally', async () => {
    const { body } = await interact(endpoint, slash('reload', [], String(1n << 3n)));
    expect(body.data.flags).toBe(EPHEMERAL);
    expect(embedText(body)).toContain('Reloaded the corpus');
  });

  it('answers an unknown command with an ephemeral error', async () => {
    const { body } = await interact(endpoint, slash('nonesuch'));
    expect(body.data.flags).toBe(EPHEMERAL);
    expect(embedText(body)).toContain("I don't know the command /nonesuch");
  });

  it('refuses an unknown interaction type with 400', async () => {
    const { status, body } = await interact(endpoint, { ...ping(), type: 99 });
    expect(status).toBe(400);
    expect(body.error).toMatch(/unknown interaction type/);
  });
});

describe('refusals: each with its status, and the server keeps answering', () => {
  it('refuses bad, missing, stale and oversized requests, malformed JSON and wrong methods, then still answers PING', async () => {
    const body = JSON.stringify(ping());
    const timestamp = nowSeconds();

    const otherKey = generateKeyPairSync('ed25519').privateKey;
    const wrongKey = await post(endpoint, body, { 'x-signature-ed25519': signature(timestamp, body, otherKey), 'x-signature-timestamp': timestamp });
    expect(wrongKey.status).toBe(401);

    const tampered = await post(endpoint, body.replace('"type":1', '"type":2'), { 'x-signature-ed25519': signature(timestamp, body), 'x-signature-timestamp': timestamp });
    expect(tampered.status).toBe(401);

    const malformedSignature = await post(endpoint, body, { 'x-signature-ed25519': 'not-hex', 'x-signature-timestamp': timestamp });
    expect(malformedSignature.status).toBe(401);

    const missing = await post(endpoint, body, { 'x-signature-timestamp': timestamp });
    expect(missing.status).toBe(401);

    const tenMinutesAgo = String(Math.floor(Date.now() / 1000) - 10 * 60);
    expect(10 * 60).toBeGreaterThan(SIGNATURE_MAX_AGE_SECONDS);
    const stale = await post(endpoint, body, { 'x-signature-ed25519': signature(tenMinutesAgo, body), 'x-signature-timestamp': tenMinutesAgo });
    expect(stale.status).toBe(401);

    const tenMinutesAhead = String(Math.floor(Date.now() / 1000) + 10 * 60);
    const future = await post(endpoint, body, { 'x-signature-ed25519': signature(tenMinutesAhead, body), 'x-signature-timestamp': tenMinutesAhead });
    expect(future.status).toBe(401);

    const oversized = await post(endpoint, JSON.stringify({ ...ping(), padding: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(oversized.status).toBe(413);

    // The same without a Content-Length: reading stops once the limit is passed.
    const chunk = new Uint8Array(16 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let sent = 0; sent <= MAX_BODY_BYTES; sent += chunk.length) controller.enqueue(chunk);
        controller.close();
      },
    });
    const streamed = await fetch(`${endpoint.url}/interactions`, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);

    const malformed = await post(endpoint, '{"type":1,');
    expect(malformed.status).toBe(400);

    const notAnObject = await post(endpoint, '[1,2,3]');
    expect(notAnObject.status).toBe(400);

    const get = await fetch(`${endpoint.url}/interactions`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');

    const elsewhere = await post(endpoint, body, undefined, '/elsewhere');
    expect(elsewhere.status).toBe(404);

    const health = await fetch(`${endpoint.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });

    const { status, body: pong } = await interact(endpoint, ping());
    expect(status).toBe(200);
    expect(pong).toEqual({ type: 1 });
  });

  it('answers 408 to a client that stops sending its body, then keeps answering', async () => {
    // Headers and a tenth of the promised body, then nothing.
    const reply = await rawExchange('POST /interactions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"type":1,');
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    const { body } = await interact(endpoint, ping());
    expect(body).toEqual({ type: 1 });
  });

  it('answers 400 to bytes that are not HTTP, then keeps answering', async () => {
    const reply = await rawExchange('\u0000\u0001 not http at all\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    const { body } = await interact(endpoint, ping());
    expect(body).toEqual({ type: 1 });
  });
});

describe('handleInteraction (no server)', () => {
  it('sends the cooldown notice only to the asker', () => {
    const app = createApp(FIXTURE_CORPUS);
    const cooldown = new Cooldown(60_000, 1);
    const members = slash('accords', [{ type: 1, name: 'members', options: [] }]);
    expect(handleInteraction(app, cooldown, members)).toMatchObject({ status: 200, body: { type: 4 } });
    const refused: any = handleInteraction(app, cooldown, members);
    expect(refused.status).toBe(200);
    expect(refused.body.data.flags).toBe(EPHEMERAL);
    expect(refused.body.data.content).toMatch(/asking quickly/);
  });

  it('refuses what is not an interaction with 400, never throwing', () => {
    const app = createApp(FIXTURE_CORPUS);
    const cooldown = new Cooldown(0, 1);
    for (const body of [null, 42, 'text', [], {}, { type: 2 }, { type: 2, data: { name: 'ask' } }, { type: 3, data: {} }, { type: 4 }, { type: '1' }]) {
      expect(handleInteraction(app, cooldown, body).status).toBe(400);
    }
    // Options of the wrong shape are skipped, not trusted.
    const odd = slash('whois', [{ type: 3, name: 'name', value: { nested: true } }, 'junk', { name: 7 }, { type: 1, name: 'x', options: 'no' }]);
    expect(handleInteraction(app, cooldown, odd).status).toBe(200);
  });

  it('answers any JSON shaped like an interaction with 200 or 400, never throwing, never pinging', () => {
    const app = createApp(FIXTURE_CORPUS);
    const cooldown = new Cooldown(0, 1);
    const anyJson = fc.jsonValue({ maxDepth: 4 });
    const option: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      option: fc.oneof(
        { depthSize: 'small' },
        anyJson,
        fc.record(
          {
            type: fc.oneof(fc.integer({ min: 0, max: 11 }), anyJson),
            name: fc.oneof(fc.constantFrom('question', 'name', 'about', 'members', 'timeline', 'misses', 'hide', 'since', 'id'), anyJson),
            value: anyJson,
            focused: fc.oneof(fc.boolean(), anyJson),
            options: fc.array(tie('option'), { maxLength: 4 }),
          },
          { requiredKeys: [] },
        ),
      ),
    })).option;
    const interaction = fc.record(
      {
        type: fc.oneof(fc.integer({ min: 0, max: 6 }), anyJson),
        data: fc.oneof(
          anyJson,
          fc.record(
            {
              name: fc.oneof(fc.constantFrom('ask', 'whois', 'accords', 'source', 'reload'), anyJson),
              custom_id: fc.oneof(fc.constantFrom('fb:abcd-1234:up', 'page:x:1', 'noop:x:1'), fc.string(), anyJson),
              options: fc.oneof(fc.array(option, { maxLength: 4 }), anyJson),
            },
            { requiredKeys: [] },
          ),
        ),
        member: fc.oneof(
          anyJson,
          fc.record({ user: fc.oneof(fc.record({ id: fc.oneof(fc.constant(USER_ID), anyJson) }), anyJson), permissions: fc.oneof(fc.constantFrom('0', '8', '-8', '1e9', '9'.repeat(60)), anyJson) }, { requiredKeys: [] }),
        ),
        user: fc.oneof(fc.record({ id: fc.oneof(fc.constant(USER_ID), anyJson) }), anyJson),
        channel_id: anyJson,
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(interaction, (body) => {
        const handled = handleInteraction(app, cooldown, body);
        expect([200, 400]).toContain(handled.status);
        const response = handled.body as { type?: number; data?: { allowed_mentions?: unknown } };
        if (handled.status === 200 && response.type === 4) expect(response.data?.allowed_mentions).toEqual({ parse: [], replied_user: false });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('logging', () => {
  it('never writes the interaction token, even when a command fails or a request is refused', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, callback) {
        lines.push(String(chunk));
        callback();
      },
    });
    const previousLogger = log;
    const app = endpoint.app;
    const whois = app.commands.get('whois')!;
    setLogger(createLogger('trace', destination));
    app.commands.set('whois', { ...whois, execute: () => { throw new Error('the command broke'); } });
    try {
      const failing = slash('whois', [{ type: 3, name: 'name', value: 'Bahrain' }]) as { token: string };
      const { status, body } = await interact(endpoint, failing);
      expect(status).toBe(200);
      expect(body.data.flags).toBe(EPHEMERAL);
      expect(embedText(body)).toContain('something went wrong');

      // Refused requests that carry a token: a bad signature, JSON that does not parse.
      const refused = ask('When did Bahrain join?') as { token: string };
      const text = JSON.stringify(refused);
      expect((await post(endpoint, text, { 'x-signature-ed25519': '00'.repeat(64), 'x-signature-timestamp': nowSeconds() })).status).toBe(401);
      expect((await post(endpoint, text.slice(0, -1))).status).toBe(400);

      const logged = lines.join('');
      expect(logged).toContain('command failed');
      expect(logged).toContain('interaction request refused');
      for (const token of [failing.token, refused.token]) expect(logged).not.toContain(token);
      expect(logged).not.toContain('do-not-log');
    } finally {
      app.commands.set('whois', whois);
      setLogger(previousLogger);
    }
  });
});

describe('npm start with INTERACTIONS_PORT', () => {
  it('serves the endpoint with no gateway and no token, and stops cleanly on SIGTERM', async () => {
    const { spawn } = await import('node:child_process');
    const { projectRoot } = await import('../src/paths.ts');
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, 'src', 'main.ts')], {
      cwd: projectRoot,
      env: { ...process.env, DISCORD_TOKEN: '', INTERACTIONS_PORT: String(port), INTERACTIONS_HOST: '127.0.0.1', DISCORD_PUBLIC_KEY: publicKeyHex, ACCORDS_CORPUS_DIR: FIXTURE_CORPUS, FEEDBACK_LOG: 'off', LOG_LEVEL: 'info' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 30_000;
      while (!/HTTP interactions endpoint listening/.test(stderr) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
      const body = JSON.stringify(ping());
      const timestamp = String(Math.floor(Date.now() / 1000));
      const pong = await fetch(`http://127.0.0.1:${port}/interactions`, {
        method: 'POST', body, headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature(timestamp, body), 'x-signature-timestamp': timestamp },
      });
      expect(await pong.json()).toEqual({ type: 1 });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
