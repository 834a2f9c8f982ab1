import { describe, expect, it } from 'vitest';
import { honourRetryAfter, MAX_RETRY_AFTER_MS, retryDelayMs } from '../../../src/core/backoff.js';

describe('the one backoff policy', () => {
  const policy = { baseMs: 1000, maxMs: 8000 };

  it('is full jitter under a doubling ceiling, capped', () => {
    expect(retryDelayMs(1, policy, { random: () => 0.5 })).toBe(500);
    expect(retryDelayMs(3, policy, { random: () => 0.5 })).toBe(2000);
    expect(retryDelayMs(9, policy, { random: () => 0.5 })).toBe(4000);
    expect(retryDelayMs(9, policy, { random: () => 0 })).toBe(0);
  });

  it('adds a fixed floor when a wait must never be zero', () => {
    expect(retryDelayMs(1, { ...policy, floorMs: 500 }, { random: () => 0 })).toBe(500);
    expect(retryDelayMs(2, { ...policy, floorMs: 500 }, { random: () => 0.5 })).toBe(1500);
  });

  it('never waits less than the server asked for, up to a bound', () => {
    expect(retryDelayMs(1, policy, { random: () => 0.5, retryAfterMs: 7000 })).toBe(7000);
    // A hint shorter than the jittered delay does not shorten it.
    expect(retryDelayMs(4, policy, { random: () => 0.5, retryAfterMs: 10 })).toBe(4000);
    expect(retryDelayMs(1, policy, { random: () => 0, retryAfterMs: 3_600_000 })).toBe(MAX_RETRY_AFTER_MS);
    expect(retryDelayMs(1, policy, { random: () => 0, retryAfterMs: 90_000, maxRetryAfterMs: 60_000 })).toBe(
      60_000,
    );
  });

  it('lengthens a poll interval to a Retry-After the same way', () => {
    expect(honourRetryAfter(2000, undefined)).toBe(2000);
    expect(honourRetryAfter(2000, 7000)).toBe(7000);
    expect(honourRetryAfter(2000, 1000)).toBe(2000);
    expect(honourRetryAfter(2000, 10 * 60_000)).toBe(MAX_RETRY_AFTER_MS);
  });
});
