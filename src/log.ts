/**
 * The one logger: pino, to stderr (stdout belongs to answers), with the token redacted wherever
 * it could appear.
 */
import pino, { type Logger } from 'pino';

export const REDACT_PATHS = ['token', 'config.token', 'config.DISCORD_TOKEN', 'DISCORD_TOKEN', 'headers.authorization', '*.token', '*.authorization'];

const LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** The level from the environment if it is a real one; config parsing reports a bad one properly. */
function defaultLevel(): string {
  const level = process.env.LOG_LEVEL;
  return level && LEVELS.has(level) ? level : 'info';
}

export function createLogger(level = defaultLevel(), destination: pino.DestinationStream = pino.destination({ fd: 2, sync: true })): Logger {
  const secret = process.env.DISCORD_TOKEN;
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      hooks: {
        // Belt and braces: a token that slips into a message string is masked too.
        logMethod(args, method) {
          if (secret && secret.length >= 8) {
            args = args.map((a) => (typeof a === 'string' ? a.split(secret).join('[redacted]') : a)) as typeof args;
          }
          method.apply(this, args);
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
