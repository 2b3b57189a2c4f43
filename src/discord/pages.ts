/** Pages of long answers, kept in memory for the buttons that turn them. */
import type { APIEmbed } from 'discord.js';

export const PAGE_TTL_MS = 15 * 60_000;
const MAX_ENTRIES = 1000;

interface Entry {
  pages: APIEmbed[];
  userId: string;
  expires: number;
  /** The answer's feedback id, so turning a page keeps its 👍 / 👎 buttons. */
  feedbackId?: string;
}

export class PageStore {
  private readonly entries = new Map<string, Entry>();
  private counter = 0;

  constructor(private readonly now: () => number = Date.now) {}

  put(pages: APIEmbed[], userId: string, feedbackId?: string): string {
    const key = (++this.counter).toString(36) + '-' + this.now().toString(36);
    this.entries.set(key, { pages, userId, expires: this.now() + PAGE_TTL_MS, feedbackId });
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return key;
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires < this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}

export const PAGE_BUTTON_PREFIX = 'page';

export function pageButtonId(key: string, page: number): string {
  return `${PAGE_BUTTON_PREFIX}:${key}:${page}`;
}

export function parsePageButtonId(customId: string): { key: string; page: number } | undefined {
  const match = /^page:([a-z0-9-]+):(\d+)$/.exec(customId);
  return match ? { key: match[1]!, page: Number(match[2]) } : undefined;
}
