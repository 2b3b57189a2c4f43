/** An error whose message is meant for the person starting the bot: printed as one line, no stack. */
export class StartupError extends Error {
  override name = 'StartupError';
}
