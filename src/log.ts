/**
 * The one logger: pino, to stderr (stdout belongs to answers), with every credential masked
 * wherever it could appear: the bot token, and the interaction and webhook tokens that sit in
 * Discord URLs (`/interactions/<id>/<token>/callback`, `/webhooks/<id>/<token>`), which let whoever
 * holds them edit a reply or post follow-ups for 15 minutes. Every logged error goes through
 * `serializeError`, which keeps what helps (name, message, code, status, method, masked URL and
 * stack) and drops request bodies.
 */
import pino, { type Logger } from 'pino';

export const REDACT_PATHS = ['token', 'config.token', 'config.DISCORD_TOKEN', 'DISCORD_TOKEN', 'headers.authorization', '*.token', '*.authorization'];
export const REDACTED = '[redacted]';

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** A Discord bot token: three base64url parts joined by dots (as config.ts checks it). */
const BOT_TOKEN = /[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}/g;
/** The token segment of an interaction or webhook URL, up to the next "/", "?", "#" or space. */
const URL_TOKEN = /(\/(?:interactions|webhooks)\/\d+\/)[^/?#\s"'<>]+/g;
/** "Bot <token>" or "Bearer <token>" in a header written into a message. */
const AUTH_HEADER = /\b(Bot|Bearer)\s+[A-Za-z0-9._-]{20,}/g;
/** How deep a logged object is walked for strings to mask. */
const MAX_DEPTH = 6;

/** The level from the environment if it is a real one; config parsing reports a bad one properly. */
function defaultLevel(): string {
  const level = process.env.LOG_LEVEL;
  return level && LEVELS.has(level) ? level : 'info';
}

/** Text with every credential it could hold masked. */
export function maskSecrets(text: string, secret = process.env.DISCORD_TOKEN): string {
  let out = text;
  if (secret && secret.length >= 8) out = out.split(secret).join(REDACTED);
  return out.replace(URL_TOKEN, `$1${REDACTED}`).replace(AUTH_HEADER, `$1 ${REDACTED}`).replace(BOT_TOKEN, REDACTED);
}

/**
 * What a log line keeps of an error: its kind and where it happened, never what was sent. Errors
 * from @discordjs/rest carry `url` (with the interaction token) and `requestBody` (the reply).
 */
export function serializeError(value: unknown, depth = 0): unknown {
  if (!(value instanceof Error)) return maskValue(value, depth);
  const error = value as Error & { code?: unknown; status?: unknown; method?: unknown; url?: unknown; rawError?: unknown; cause?: unknown };
  const out: Record<string, unknown> = { type: error.name, message: maskSecrets(String(error.message)) };
  if (error.code !== undefined) out.code = maskValue(error.code, depth + 1);
  if (typeof error.status === 'number') out.status = error.status;
  if (typeof error.method === 'string') out.method = error.method;
  if (typeof error.url === 'string') out.url = maskSecrets(error.url);
  // Discord's own error body ({ message, code }) says why; it holds no credential, but mask anyway.
  if (error.rawError && typeof error.rawError === 'object') out.discord = maskValue(error.rawError, depth + 1);
  if (error.stack) out.stack = maskSecrets(error.stack);
  if (error.cause !== undefined && depth < MAX_DEPTH) out.cause = serializeError(error.cause, depth + 1);
  return out;
}

/** A logged value with secrets masked in every string, errors serialized, request bodies dropped. */
function maskValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskSecrets(value);
  if (value instanceof Error) return serializeError(value, depth);
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => maskValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'requestBody') continue;
    out[key] = maskValue(v, depth + 1);
  }
  return out;
}

export function createLogger(level = defaultLevel(), destination: pino.DestinationStream = pino.destination({ fd: 2, sync: true })): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { err: serializeError, error: serializeError },
      formatters: {
        // Every object logged, whatever its keys, is walked for secrets (log lines are rare).
        log: (object) => maskValue(object) as Record<string, unknown>,
      },
      hooks: {
        // A token that slips into a message string is masked too.
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? maskSecrets(a) : a)) as typeof args);
        },
      },
    },
    destination,
  );
}

export let log: Logger = createLogger();

export function setLogger(logger: Logger): void {
  log = logger;
}
