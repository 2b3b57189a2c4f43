/**
 * A fake Discord on 127.0.0.1: the REST routes the bot calls and a gateway WebSocket that speaks
 * enough of the protocol for the real discord.js Client (HELLO, IDENTIFY → READY, GUILD_CREATE,
 * heartbeats, RESUME with replay). It records every request, so tests assert on what the bot
 * actually sent. It never talks to anything but loopback.
 *
 * Shards: every IDENTIFY opens a session for the shard it names (`shard: [id, count]`, [0, 1]
 * when it names none), and several can be connected at once. READY and GUILD_CREATE cover the
 * guilds that shard owns (Discord's rule: `(guild_id >> 22) % count`), and an event for a guild
 * goes to the session of the shard that owns it. With one connection this is the single
 * connection every older test relies on.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export const BOT_USER_ID = '111111111111111111';
export const APPLICATION_ID = BOT_USER_ID;
export const GUILD_ID = '222222222222222222';
export const CHANNEL_ID = '333333333333333333';
export const OTHER_CHANNEL_ID = '333333333333333334';
export const USER_ID = '444444444444444444';
/** Everyday member permissions (no Administrator); ADMIN_PERMISSIONS adds Administrator. */
export const MEMBER_PERMISSIONS = '2248473465835073';
export const ADMIN_PERMISSIONS = (2248473465835073n | 8n).toString();
export const FAKE_TOKEN = 'MTExMTExMTExMTExMTExMTEx.GfAkEt.fake-token-for-tests-only-0123456789';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: any;
  headers: IncomingMessage['headers'];
  at: number;
  /** The status the fake answered with. */
  status?: number;
  /** Files sent as multipart parts, beside the JSON body. */
  files?: RecordedFile[];
}

export interface RecordedFile {
  /** The form field, e.g. "files[0]". */
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

/** A multipart/form-data body: its "payload_json" part parsed, and its files. */
async function readMultipart(bytes: Buffer, contentType: string): Promise<{ body: any; files: RecordedFile[] }> {
  const form = await new Response(new Uint8Array(bytes), { headers: { 'content-type': contentType } }).formData();
  let body: any;
  const files: RecordedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = JSON.parse(value);
    } else {
      files.push({ field, filename: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
    }
  }
  return { body, files };
}

export interface Fault {
  method?: string;
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** How many matching requests get the fault (default 1). */
  times?: number;
}

interface GatewayEvent {
  s: number;
  t: string;
  d: unknown;
}

/** Opt-in settings for benchmarks; the defaults are what every test relies on. */
export interface FakeDiscordOptions {
  /** Keep every request in `requests` (default true). Off, the fake does not grow with traffic. */
  record?: boolean;
  /** How many dispatched events to keep for replay on RESUME (default: all of them). */
  replayLimit?: number;
  /** Called with each request as the fake answers it (status set). */
  onRequest?: (request: RecordedRequest) => void;
  /** The guilds the bot is in (default: GUILD_ID alone). Each shard is sent the ones it owns. */
  guilds?: string[];
  /** The `shards` GET /gateway/bot recommends (default 1). */
  recommendedShards?: number;
}

/** The shard that owns a guild, as Discord assigns it. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * The two text channels of a guild: CHANNEL_ID and OTHER_CHANNEL_ID in GUILD_ID; in any other
 * guild, the guild id plus 1 and plus 2.
 */
export function channelsOf(guildId: string): [string, string] {
  if (guildId === GUILD_ID) return [CHANNEL_ID, OTHER_CHANNEL_ID];
  return [(BigInt(guildId) + 1n).toString(), (BigInt(guildId) + 2n).toString()];
}

/** One gateway session: a shard's IDENTIFY, its sequence and the events kept for RESUME. */
interface GatewaySession {
  shard: [number, number];
  sessionId: string;
  seq: number;
  events: GatewayEvent[];
  /** The socket the session is live on; undefined while the client is away (events are kept). */
  ws: WebSocket | undefined;
}

let snowflakeCounter = 0n;
/** Snowflakes discord.js accepts: 18 digits, increasing. */
export function snowflake(): string {
  snowflakeCounter += 1n;
  return (900000000000000000n + snowflakeCounter).toString();
}

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly gatewayOps: { op: number; d: any }[] = [];
  readonly faults: Fault[] = [];
  private server!: Server;
  private wss!: WebSocketServer;
  private sockets = new Set<Socket>();
  /** The most recently opened gateway socket: what the single-connection helpers act on. */
  private connection: WebSocket | undefined;
  /** The live session of each shard id, from its latest IDENTIFY. */
  private readonly shardSessions = new Map<number, GatewaySession>();
  private readonly socketSessions = new Map<WebSocket, GatewaySession>();
  private sessions = 0;
  /** The shard count of the latest IDENTIFY: how guilds are assigned to shards. */
  private shardCount = 1;
  /** The guilds the bot is in, and the guild of each of their channels. */
  readonly guilds: string[];
  private readonly channelGuilds = new Map<string, string>();
  recommendedShards: number;
  port = 0;

  constructor(private readonly options: FakeDiscordOptions = {}) {
    this.guilds = [...(options.guilds ?? [GUILD_ID])];
    for (const guild of this.guilds) for (const channel of channelsOf(guild)) this.channelGuilds.set(channel, guild);
    this.recommendedShards = options.recommendedShards ?? 1;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (ws) => this.onGatewayConnection(ws));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ── Gateway ──────────────────────────────────────────────────────────────────────────────────

  private onGatewayConnection(ws: WebSocket): void {
    this.connection = ws;
    this.send(ws, { op: 10, d: { heartbeat_interval: 41250 } });
    ws.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: any };
      this.gatewayOps.push(payload);
      switch (payload.op) {
        case 1:
          this.send(ws, { op: 11 });
          break;
        case 2:
          this.identify(ws, payload.d);
          break;
        case 6:
          this.resume(ws, payload.d);
          break;
      }
    });
    ws.on('close', () => {
      if (this.connection === ws) this.connection = undefined;
      const session = this.socketSessions.get(ws);
      if (session?.ws === ws) session.ws = undefined;
      this.socketSessions.delete(ws);
    });
  }

  private identify(ws: WebSocket, d: { shard?: [number, number] } | undefined): void {
    const shard: [number, number] = Array.isArray(d?.shard) && d.shard.length === 2 ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1];
    this.sessions++;
    this.shardCount = shard[1];
    // A new IDENTIFY starts a new session: whatever the shard's old session kept is gone.
    const previous = this.shardSessions.get(shard[0]);
    if (previous?.ws && previous.ws !== ws) this.socketSessions.delete(previous.ws);
    const session: GatewaySession = { shard, sessionId: `fake-session-${this.sessions}`, seq: 0, events: [], ws };
    this.shardSessions.set(shard[0], session);
    this.socketSessions.set(ws, session);
    const guilds = this.guildsOf(shard);
    this.dispatchTo(session, 'READY', {
      v: 10,
      user: { id: BOT_USER_ID, username: 'accords-bot', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 },
      guilds: guilds.map((id) => ({ id, unavailable: true })),
      session_id: session.sessionId,
      resume_gateway_url: `ws://127.0.0.1:${this.port}`,
      shard,
      application: { id: APPLICATION_ID, flags: 0 },
      private_channels: [],
    });
    for (const guild of guilds) this.dispatchTo(session, 'GUILD_CREATE', guildPayload(guild));
  }

  private resume(ws: WebSocket, d: { session_id: string; seq: number }): void {
    const session = [...this.shardSessions.values()].find((s) => s.sessionId === d.session_id);
    if (!session) {
      this.send(ws, { op: 9, d: false });
      return;
    }
    if (session.ws && session.ws !== ws) this.socketSessions.delete(session.ws);
    session.ws = ws;
    this.socketSessions.set(ws, session);
    for (const event of session.events.filter((e) => e.s > d.seq)) this.send(ws, { op: 0, ...event });
    this.dispatchTo(session, 'RESUMED', null);
  }

  /** The guilds `shard` ([id, count]) owns. */
  guildsOf(shard: [number, number]): string[] {
    return this.guilds.filter((guild) => shardOf(guild, shard[1]) === shard[0]);
  }

  /** The shard ids that have a session (identified, live or waiting to resume). */
  get shardIds(): number[] {
    return [...this.shardSessions.keys()].sort((a, b) => a - b);
  }

  /**
   * Sends a dispatch event now, or keeps it for replay on RESUME when the session's socket is
   * closed. It goes to `shard`'s session; by default to the shard that owns the event's
   * `guild_id` (GUILD_ID when it has none). Returns the event's sequence number (0 when no
   * session exists for that shard yet: the event is dropped, as Discord would not deliver it).
   */
  dispatch(t: string, d: unknown, shard?: number): number {
    const guild = (d as { guild_id?: unknown } | null)?.guild_id;
    const id = shard ?? this.shardOfGuild(typeof guild === 'string' ? guild : GUILD_ID);
    const session = this.shardSessions.get(id);
    return session ? this.dispatchTo(session, t, d) : 0;
  }

  /** The shard that owns `guildId` under the shard count of the latest IDENTIFY. */
  shardOfGuild(guildId: string): number {
    return shardOf(guildId, this.shardCount);
  }

  private dispatchTo(session: GatewaySession, t: string, d: unknown): number {
    const event = { s: ++session.seq, t, d };
    session.events.push(event);
    const limit = this.options.replayLimit ?? Infinity;
    if (session.events.length > 2 * limit) session.events = session.events.slice(-limit);
    const ws = session.ws;
    if (ws && ws.readyState === ws.OPEN) this.send(ws, { op: 0, ...event });
    return event.s;
  }

  private send(ws: WebSocket, payload: Record<string, unknown>): void {
    ws.send(JSON.stringify({ s: null, t: null, ...payload }));
  }

  /** The socket `shard`'s session is live on; without `shard`, the most recently opened socket. */
  private socketOf(shard?: number): WebSocket | undefined {
    return shard === undefined ? this.connection : this.shardSessions.get(shard)?.ws;
  }

  /** Closes the live gateway socket (or `shard`'s) with `code` (4000 lets the client resume). */
  closeGateway(code = 4000, shard?: number): void {
    this.socketOf(shard)?.close(code, 'fake close');
  }

  /** Drops the gateway's (or `shard`'s) TCP connection without a close frame. */
  dropGateway(shard?: number): void {
    this.socketOf(shard)?.terminate();
  }

  /** Asks the client (or `shard`) to reconnect (op 7). */
  requestReconnect(shard?: number): void {
    const ws = this.socketOf(shard);
    if (ws) this.send(ws, { op: 7, d: null });
  }

  /** Tells the client (or `shard`) its session is invalid (op 9, not resumable). */
  invalidateSession(shard?: number): void {
    const ws = this.socketOf(shard);
    if (ws) this.send(ws, { op: 9, d: false });
  }

  get connected(): boolean {
    return this.connection?.readyState === 1;
  }

  /** Whether `shard` has a session on an open socket. */
  shardConnected(shard: number): boolean {
    return this.shardSessions.get(shard)?.ws?.readyState === 1;
  }

  /** The shards named by every IDENTIFY so far, in order ([0, 1] for one that named none). */
  identifiedShards(): [number, number][] {
    return this.gatewayOps.filter((o) => o.op === 2).map((o) => (Array.isArray(o.d?.shard) ? [Number(o.d.shard[0]), Number(o.d.shard[1])] : [0, 1]));
  }

  // ── Events a user causes ──────────────────────────────────────────────────────────────────────

  /**
   * Dispatches a slash command; returns the interaction id. It comes from `guildId`, by default
   * the guild of `channelId` (see channelsOf), and goes to the shard that owns that guild.
   */
  slash(name: string, options: any[] = [], user = USER_ID, channelId = CHANNEL_ID, permissions = MEMBER_PERMISSIONS, guildId = this.guildOf(channelId)): string {
    return this.interaction(2, { id: snowflake(), name, type: 1, options }, user, channelId, {}, permissions, guildId);
  }

  autocomplete(name: string, options: any[], user = USER_ID, channelId = CHANNEL_ID): string {
    return this.interaction(4, { id: snowflake(), name, type: 1, options }, user, channelId);
  }

  button(customId: string, message: unknown, user = USER_ID, channelId = CHANNEL_ID): string {
    return this.interaction(3, { custom_id: customId, component_type: 2 }, user, channelId, { message });
  }

  /** The guild a channel belongs to (GUILD_ID for a channel the fake does not know). */
  guildOf(channelId: string): string {
    return this.channelGuilds.get(channelId) ?? GUILD_ID;
  }

  private interaction(
    type: number, data: unknown, userId: string, channelId: string, extra: Record<string, unknown> = {}, permissions = MEMBER_PERMISSIONS,
    guildId = this.guildOf(channelId),
  ): string {
    const id = snowflake();
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: APPLICATION_ID,
      type,
      data,
      guild_id: guildId,
      channel_id: channelId,
      channel: { id: channelId, type: 0, guild_id: guildId, name: 'general', permissions: '2248473465835073' },
      member: {
        user: userPayload(userId),
        roles: [],
        permissions,
        joined_at: '2025-01-01T00:00:00.000Z',
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        nick: null,
        avatar: null,
        premium_since: null,
        communication_disabled_until: null,
      },
      token: `token-${id}`,
      version: 1,
      app_permissions: '2248473465835073',
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': guildId },
      context: 0,
      attachment_size_limit: 8388608,
      ...extra,
    });
    return id;
  }

  /** Dispatches a message posted in a channel (of the channel's guild, see channelsOf); returns the message id. */
  message(content: string, options: { channelId?: string; authorId?: string; bot?: boolean; mentionBot?: boolean } = {}): string {
    const id = snowflake();
    const author = { ...userPayload(options.authorId ?? USER_ID), ...(options.bot ? { bot: true } : {}) };
    const channelId = options.channelId ?? CHANNEL_ID;
    this.dispatch('MESSAGE_CREATE', {
      id,
      channel_id: channelId,
      guild_id: this.guildOf(channelId),
      author,
      member: { roles: [], joined_at: '2025-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: /@everyone|@here/.test(content),
      mentions: options.mentionBot ? [{ ...userPayload(BOT_USER_ID), bot: true }] : [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      flags: 0,
      components: [],
    });
    return id;
  }

  // ── REST ─────────────────────────────────────────────────────────────────────────────────────

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    let body: any = raw;
    let files: RecordedFile[] | undefined;
    const contentType = String(req.headers['content-type'] ?? '');
    if (contentType.startsWith('multipart/form-data')) {
      // Attachments: the JSON is the "payload_json" part, each file its own part (as Discord reads them).
      ({ body, files } = await readMultipart(bytes, contentType));
    } else {
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        // plain text: keep it
      }
    }
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/^\/api(\/v\d+)?/, '');
    const record: RecordedRequest = { method, path, query: url.searchParams, body, headers: req.headers, at: Date.now(), ...(files ? { files } : {}) };
    if (this.options.record !== false) this.requests.push(record);
    const originalWriteHead = res.writeHead.bind(res);
    res.writeHead = ((status: number, ...rest: any[]) => {
      record.status = status;
      const written = originalWriteHead(status, ...rest);
      this.options.onRequest?.(record);
      return written;
    }) as typeof res.writeHead;

    const fault = this.faults.find((f) => (!f.method || f.method === method) && f.path.test(path));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      return this.json(res, fault.status, fault.body ?? { message: 'fake fault', code: 0 }, fault.headers);
    }

    if (method === 'GET' && (path === '/gateway/bot' || path === '/gateway')) {
      return this.json(res, 200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: this.recommendedShards,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      res.writeHead(204).end();
      return;
    }
    if (/^\/webhooks\/\d+\/[^/]+(\/messages\/(@original|%40original|\d+))?$/.test(path)) {
      if (method === 'DELETE') return void res.writeHead(204).end();
      return this.json(res, 200, messagePayload(body, CHANNEL_ID));
    }
    const channelMessage = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (method === 'POST' && channelMessage) return this.json(res, 200, messagePayload(body, channelMessage[1]!));
    if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      return this.json(res, 200, (body as any[]).map((c) => ({ ...c, id: snowflake(), application_id: APPLICATION_ID, version: '1' })));
    }
    if (method === 'POST' && /^\/channels\/\d+\/typing$/.test(path)) return void res.writeHead(204).end();
    this.json(res, 404, { message: `fake discord has no route ${method} ${path}`, code: 0 });
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  // ── Waiting ──────────────────────────────────────────────────────────────────────────────────

  /** Requests matching `predicate`, waiting until at least `count` have arrived. */
  async waitForRequests(predicate: (r: RecordedRequest) => boolean, count = 1, timeoutMs = 10_000): Promise<RecordedRequest[]> {
    const started = Date.now();
    for (;;) {
      const found = this.requests.filter(predicate);
      if (found.length >= count) return found;
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${count} request(s); have ${found.length}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The reply (callback, follow-up or channel message) the bot sent for an interaction or message id. */
  async replyTo(id: string, timeoutMs = 10_000): Promise<RecordedRequest> {
    const [request] = await this.waitForRequests((r) => repliesTo(r, id), 1, timeoutMs);
    return request!;
  }

  /** Ids of interactions and messages that got a successful reply. */
  answeredIds(): Set<string> {
    const ids = new Set<string>();
    for (const r of this.requests) {
      if (!r.status || r.status >= 300) continue;
      const interaction = /^\/interactions\/(\d+)\//.exec(r.path);
      if (interaction) ids.add(interaction[1]!);
      else if (r.body?.message_reference?.message_id) ids.add(r.body.message_reference.message_id);
    }
    return ids;
  }

  /** Waits until every id in `ids` has a successful reply. */
  async waitForAnswers(ids: string[], timeoutMs = 30_000): Promise<void> {
    const started = Date.now();
    for (;;) {
      const answered = this.answeredIds();
      const missing = ids.filter((id) => !answered.has(id));
      if (missing.length === 0) return;
      if (Date.now() - started > timeoutMs) throw new Error(`${missing.length} of ${ids.length} not answered after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

function repliesTo(r: RecordedRequest, id: string): boolean {
  return (r.path.startsWith(`/interactions/${id}/`) || r.body?.message_reference?.message_id === id) && (r.status ?? 200) < 300;
}

export function userPayload(id: string) {
  return { id, username: `user${id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null, flags: 0 };
}

function guildPayload(guildId: string) {
  const [channel, otherChannel] = channelsOf(guildId);
  return {
    id: guildId,
    name: guildId === GUILD_ID ? 'Test Guild' : `Test Guild ${guildId.slice(-4)}`,
    icon: null,
    owner_id: USER_ID,
    unavailable: false,
    large: false,
    member_count: 2,
    joined_at: '2025-01-01T00:00:00.000Z',
    features: [],
    roles: [{ id: guildId, name: '@everyone', permissions: '2248473465835073', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
    channels: [
      { id: channel, type: 0, name: 'general', position: 0, permission_overwrites: [], guild_id: guildId },
      { id: otherChannel, type: 0, name: 'ask-accords', position: 1, permission_overwrites: [], guild_id: guildId },
    ],
    members: [],
    emojis: [],
    stickers: [],
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    premium_tier: 0,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    system_channel_flags: 0,
    preferred_locale: 'en-US',
  };
}

function messagePayload(body: any, channelId: string) {
  return {
    id: snowflake(),
    channel_id: channelId,
    author: { ...userPayload(BOT_USER_ID), bot: true },
    content: body?.content ?? '',
    embeds: body?.embeds ?? [],
    components: body?.components ?? [],
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    pinned: false,
    type: body?.message_reference ? 19 : 0,
    flags: body?.flags ?? 0,
  };
}
