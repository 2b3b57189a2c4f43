/**
 * A per-user rate limit: at most `max` answers in any `windowMs`. Transport-neutral, with the
 * clock injected so tests need no waiting.
 */
export type CooldownResult = { ok: true } | { ok: false; retryAfterMs: number; firstRefusal: boolean };

export class Cooldown {
  private readonly hits = new Map<string, number[]>();
  private readonly warned = new Set<string>();
  private lastPrune = -Infinity;

  constructor(
    private readonly windowMs: number,
    private readonly max: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an attempt by `key` and says whether it may go ahead. */
  hit(key: string): CooldownResult {
    if (this.windowMs <= 0) return { ok: true };
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.max) {
      this.hits.set(key, recent);
      const firstRefusal = !this.warned.has(key);
      this.warned.add(key);
      return { ok: false, retryAfterMs: this.windowMs - (now - recent[0]!), firstRefusal };
    }
    recent.push(now);
    this.hits.set(key, recent);
    this.warned.delete(key);
    this.prune(now);
    return { ok: true };
  }

  /** How many users' attempts are kept before expired ones are dropped. */
  static readonly PRUNE_AT = 10_000;

  /** Users remembered: those seen within the last window, once there are more than PRUNE_AT. */
  get size(): number {
    return this.hits.size;
  }

  /**
   * Keeps memory bounded however many users there are: expired users are dropped, at most once a
   * window, so a crowd of active users does not make every attempt scan all of them.
   */
  private prune(now: number): void {
    if (this.hits.size < Cooldown.PRUNE_AT || now - this.lastPrune < this.windowMs) return;
    this.lastPrune = now;
    for (const [key, times] of this.hits) {
      if (times.every((t) => now - t >= this.windowMs)) {
        this.hits.delete(key);
        this.warned.delete(key);
      }
    }
  }
}
