/** Discord mode. */
import type { App } from '../app.ts';
import type { Config } from '../config.ts';

export async function startDiscord(_app: App, _config: Config): Promise<void> {
  throw new Error('Discord mode is not available yet: unset DISCORD_TOKEN to use the local console.');
}
