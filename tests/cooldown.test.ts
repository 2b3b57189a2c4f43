import { describe, expect, it } from 'vitest';
import { Cooldown } from '../src/cooldown.ts';

describe('cooldown', () => {
  it('allows max answers in a window, then refuses with the time to wait, and warns once', () => {
    let now = 0;
    const cooldown = new Cooldown(10_000, 2, () => now);
    expect(cooldown.hit('u')).toEqual({ ok: true });
    expect(cooldown.hit('u')).toEqual({ ok: true });
    expect(cooldown.hit('u')).toEqual({ ok: false, retryAfterMs: 10_000, firstRefusal: true });
    now = 4_000;
    expect(cooldown.hit('u')).toEqual({ ok: false, retryAfterMs: 6_000, firstRefusal: false });
    now = 10_000;
    expect(cooldown.hit('u')).toEqual({ ok: true });
  });

  it('forgets users whose attempts have expired once there are many, so memory stays bounded', () => {
    let now = 0;
    const cooldown = new Cooldown(1_000, 3, () => now);
    for (let i = 0; i < Cooldown.PRUNE_AT; i++) cooldown.hit(`old-${i}`);
    expect(cooldown.size).toBe(Cooldown.PRUNE_AT);
    now = 5_000;
    cooldown.hit('new');
    expect(cooldown.size).toBe(1);
  });

  it('keeps every user still within the window, however many there are', () => {
    let now = 0;
    const cooldown = new Cooldown(60_000, 3, () => now);
    for (let i = 0; i < Cooldown.PRUNE_AT + 500; i++) {
      now = i; // all within one window: nothing can be dropped
      cooldown.hit(`user-${i}`);
    }
    expect(cooldown.size).toBe(Cooldown.PRUNE_AT + 500);
  });
});
