/**
 * The one backoff policy: how long to wait before the next attempt of anything the action retries
 * (AWS reads and idempotent writes, StartRecovery's waits, STS, GitHub requests, the history write)
 * and how a throttled poll honours the server. Full jitter under an exponential ceiling, optionally on
 * top of a fixed floor, and never shorter than what the server asked for (DRS's `retryAfterSeconds`,
 * a `Retry-After` header) up to a bound, so that a bogus hint cannot stall a run.
 */

export interface Backoff {
  /** Ceiling of the first delay's jittered part; it doubles with every attempt. */
  baseMs: number;
  /** Upper bound of that ceiling. */
  maxMs: number;
  /** A fixed part added to every delay, for waits that must never be zero; default 0 (full jitter). */
  floorMs?: number;
}

/** A server's Retry-After is honoured up to this (5 minutes) unless the caller bounds it otherwise. */
export const MAX_RETRY_AFTER_MS = 300_000;

/** The jittered delay alone: floorMs + uniform [0, min(maxMs, baseMs · 2^(attempt−1))). */
export function backoffDelayMs(attempt: number, policy: Backoff & { random?: () => number }): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return (policy.floorMs ?? 0) + Math.floor((policy.random ?? Math.random)() * ceiling);
}

/** `delayMs`, lengthened to the server's hint when it asked for more (the hint bounded by `capMs`). */
export function honourRetryAfter(
  delayMs: number,
  retryAfterMs: number | undefined,
  capMs: number = MAX_RETRY_AFTER_MS,
): number {
  return retryAfterMs === undefined ? delayMs : Math.max(delayMs, Math.min(retryAfterMs, capMs));
}

export interface RetryHint {
  /** What the server asked for (retryAfterMs() of the error), if anything. */
  retryAfterMs?: number | undefined;
  /** [0, 1); injectable so tests can pin the jitter. */
  random?: (() => number) | undefined;
  /** Bound of the honoured hint; default MAX_RETRY_AFTER_MS. */
  maxRetryAfterMs?: number | undefined;
}

/** The wait before attempt `attempt + 1`, after attempt `attempt` failed. */
export function retryDelayMs(attempt: number, policy: Backoff, hint: RetryHint = {}): number {
  const jittered = backoffDelayMs(attempt, { ...policy, ...(hint.random ? { random: hint.random } : {}) });
  return honourRetryAfter(jittered, hint.retryAfterMs, hint.maxRetryAfterMs);
}
