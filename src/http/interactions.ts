/**
 * Discord's "Interactions Endpoint URL": interactions arrive as signed HTTP POSTs and are answered
 * in the HTTP response, with no gateway connection. node:http only, stateless: every request is
 * verified (src/http/verify.ts), read with a size limit and a deadline, and answered by
 * handleInteraction (src/http/handle.ts) through the same dispatch as the gateway. No input can
 * crash the process: whatever goes wrong becomes a status code and a log line, and log lines never
 * hold the request body, and so never the interaction's token.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { App } from '../app.ts';
import { Cooldown } from '../cooldown.ts';
import { log } from '../log.ts';
import { handleInteraction } from './handle.ts';

export { handleInteraction, type HandledInteraction } from './handle.ts';
import { checkSignature, publicKeyFromHex } from './verify.ts';

/** Discord is given one of these as the endpoint URL's path. */
export const INTERACTIONS_PATHS: ReadonlySet<string> = new Set(['/interactions', '/']);
/** For a load balancer or a container's health check: no signature needed. */
export const HEALTH_PATH = '/healthz';
/** An interaction is a few kilobytes; anything bigger is not from Discord, and is not read further. */
export const MAX_BODY_BYTES = 64 * 1024;
/** A client that has not sent its whole body by then gets 408 and its connection closed. */
export const BODY_READ_TIMEOUT_MS = 10_000;
/** Node's own limits on a slow client: the headers, then the whole request (a backstop to the body deadline). */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 15_000;
/** How often Node checks connections against those two limits (its default is 30 s). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;
/** On close, requests in progress get this long to finish before their connections are cut. */
const CLOSE_GRACE_MS = 5_000;
/** Log lines name the path, cut to this, never the body. */
const LOGGED_PATH_MAX_CHARS = 100;

export interface InteractionsServerOptions {
  port: number;
  host: string;
  /** The application's public key, 64 hex characters (Developer Portal → General Information). */
  publicKey: string;
  cooldownSeconds: number;
  cooldownMax: number;
  /** The clock for signature ages and the cooldown (tests). */
  now?: () => number;
  /** Overrides BODY_READ_TIMEOUT_MS (tests). */
  bodyReadTimeoutMs?: number;
}

export interface InteractionsServer {
  server: Server;
  /** The port bound: the one asked for, or the one the system chose for port 0. */
  port: number;
  /** Stops accepting, lets requests in progress finish (CLOSE_GRACE_MS at most), then resolves. */
  close(): Promise<void>;
}

type BodyRead = { ok: true; bytes: Buffer } | { ok: false; problem: 'too_large' | 'timeout' | 'aborted' };

/** Starts the endpoint and resolves once it is listening. */
export async function startInteractionsServer(app: App, options: InteractionsServerOptions): Promise<InteractionsServer> {
  const publicKey = publicKeyFromHex(options.publicKey);
  const now = options.now ?? Date.now;
  const cooldown = new Cooldown(options.cooldownSeconds * 1000, options.cooldownMax, now);
  const bodyReadTimeoutMs = options.bodyReadTimeoutMs ?? BODY_READ_TIMEOUT_MS;

  const server = createServer({
    headersTimeout: HEADERS_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
  });

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    serve(req, res).catch((error: unknown) => {
      log.error({ err: error, method: req.method, path: loggedPath(req) }, 'interactions endpoint failed on a request');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' }, { close: true });
      else res.destroy();
    });
  });

  // Requests Node could not parse, or that outlasted its timeouts, never reach 'request'.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    log.debug({ code: error.code }, 'interactions endpoint: client error');
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A broken connection mid-body is logged, never an unhandled 'error' event.
    req.on('error', (error) => log.debug({ err: error }, 'interactions endpoint: request stream error'));
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === HEALTH_PATH) {
      if (req.method === 'GET' || req.method === 'HEAD') return sendJson(res, 200, { ok: true });
      return refuse(req, res, 405, 'method not allowed', { allow: 'GET, HEAD' });
    }
    if (!INTERACTIONS_PATHS.has(path)) return refuse(req, res, 404, 'not found');
    if (req.method !== 'POST') return refuse(req, res, 405, 'method not allowed', { allow: 'POST' });

    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) return refuse(req, res, 413, 'body too large', { close: true });
    const body = await readBody(req, MAX_BODY_BYTES, bodyReadTimeoutMs);
    if (!body.ok) {
      if (body.problem === 'aborted') return void log.debug({ path: loggedPath(req) }, 'interactions endpoint: client went away mid-request');
      return body.problem === 'too_large'
        ? refuse(req, res, 413, 'body too large', { close: true })
        : refuse(req, res, 408, 'body not received in time', { close: true });
    }

    const signature = checkSignature(publicKey, header(req, 'x-signature-ed25519'), header(req, 'x-signature-timestamp'), body.bytes, now());
    if (!signature.ok) return refuse(req, res, 401, 'invalid request signature', { reason: signature.reason });

    let interaction: unknown;
    try {
      interaction = JSON.parse(body.bytes.toString('utf8'));
    } catch {
      // The parser's message quotes the body, which holds the token: only its size is logged.
      return refuse(req, res, 400, 'malformed JSON', { reason: `${body.bytes.length} bytes that do not parse` });
    }
    const handled = handleInteraction(app, cooldown, interaction);
    if (handled.status !== 200) return refuse(req, res, handled.status, handled.body.error);
    sendJson(res, 200, handled.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log.error({ err: error }, 'interactions endpoint server error'));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  log.info({ host: options.host, port }, 'HTTP interactions endpoint listening');

  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

/**
 * The body, up to `maxBytes`: past it reading stops at once (too_large); a client that has not
 * finished by `timeoutMs` gets timeout; one that disconnects, aborted.
 */
function readBody(req: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: BodyRead) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      if (!result.ok) req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return finish({ ok: false, problem: 'too_large' });
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, bytes: Buffer.concat(chunks, size) });
    const onClose = () => finish({ ok: false, problem: 'aborted' });
    const timer = setTimeout(() => finish({ ok: false, problem: 'timeout' }), timeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
  });
}

/**
 * A refusal: status, a short JSON error, a log line without the body. `close` ends the connection
 * after the reply, for a body that was not (or not wholly) read.
 */
function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  error: string,
  options: { close?: boolean; allow?: string; reason?: string } = {},
): void {
  // Scanners probe every path: those are debug; a bad request to the endpoint itself is a warning.
  const level = status === 404 || status === 405 ? 'debug' : 'warn';
  log[level]({ status, method: req.method, path: loggedPath(req), ...(options.reason ? { reason: options.reason } : {}) }, `interaction request refused: ${error}`);
  sendJson(res, status, { error }, options);
}

function sendJson(res: ServerResponse, status: number, body: object, options: { close?: boolean; allow?: string } = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
    ...(options.allow ? { allow: options.allow } : {}),
    ...(options.close ? { connection: 'close' } : {}),
  });
  res.end(json);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function loggedPath(req: IncomingMessage): string {
  return (req.url ?? '').split('?')[0]!.slice(0, LOGGED_PATH_MAX_CHARS);
}
