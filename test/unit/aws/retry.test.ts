import { describe, expect, it } from 'vitest';
import { isConflict, isThrottling, isTransient, retryAfterMs, withRetry } from '../../../src/aws/retry.js';
import { backoffDelayMs } from '../../../src/core/backoff.js';

function awsError(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} happened`), { name, ...extra });
}

function recorder() {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
}

describe('classifiers', () => {
  it('tells throttling by name, by 429 and by the SDK retryable flag', () => {
    expect(isThrottling(awsError('ThrottlingException'))).toBe(true);
    expect(isThrottling(awsError('RequestLimitExceeded'))).toBe(true);
    expect(isThrottling(awsError('Whatever', { $metadata: { httpStatusCode: 429 } }))).toBe(true);
    expect(isThrottling(awsError('Whatever', { $retryable: { throttling: true } }))).toBe(true);
    expect(isThrottling(awsError('ValidationException'))).toBe(false);
    expect(isThrottling('ThrottlingException')).toBe(false);
  });

  it('counts 5xx, timeouts and dropped connections as transient, client errors not', () => {
    expect(isTransient(awsError('InternalServerException'))).toBe(true);
    expect(isTransient(awsError('Odd', { $metadata: { httpStatusCode: 503 } }))).toBe(true);
    expect(isTransient(awsError('TimeoutError'))).toBe(true);
    expect(isTransient(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true);
    expect(
      isTransient(
        new Error('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }),
      ),
    ).toBe(true);
    expect(isTransient(awsError('ThrottlingException'))).toBe(true);
    expect(isTransient(awsError('ValidationException', { $metadata: { httpStatusCode: 400 } }))).toBe(false);
    expect(isTransient(awsError('ConflictException', { $metadata: { httpStatusCode: 409 } }))).toBe(false);
    expect(isTransient(awsError('AccessDeniedException'))).toBe(false);
    expect(isTransient(undefined)).toBe(false);
  });

  it('recognises DRS conflicts', () => {
    expect(isConflict(awsError('ConflictException'))).toBe(true);
    expect(isConflict(awsError('Other', { $metadata: { httpStatusCode: 409 } }))).toBe(true);
    expect(isConflict(awsError('ThrottlingException'))).toBe(false);
  });
});

describe('retryAfterMs', () => {
  it('parses the string retryAfterSeconds of DRS ThrottlingException', () => {
    expect(retryAfterMs(awsError('ThrottlingException', { retryAfterSeconds: '7' }))).toBe(7000);
  });
  it('reads the numeric retryAfterSeconds of InternalServerException', () => {
    expect(retryAfterMs(awsError('InternalServerException', { retryAfterSeconds: 2 }))).toBe(2000);
  });
  it('falls back to a raw Retry-After header, seconds or HTTP date', () => {
    expect(retryAfterMs(awsError('X', { $response: { headers: { 'Retry-After': '3' } } }))).toBe(3000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    const err = awsError('X', { $response: { headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' } } });
    expect(retryAfterMs(err, () => now)).toBe(10_000);
  });
  it('gives undefined without a usable hint', () => {
    expect(retryAfterMs(awsError('X'))).toBeUndefined();
    expect(retryAfterMs(awsError('X', { retryAfterSeconds: '' }))).toBeUndefined();
    expect(retryAfterMs(awsError('X', { retryAfterSeconds: 'soon' }))).toBeUndefined();
    expect(retryAfterMs(awsError('X', { retryAfterSeconds: '-4' }))).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});

describe('backoffDelayMs', () => {
  it('stays within the doubling ceiling, capped at maxMs', () => {
    const opts = { baseMs: 100, maxMs: 1000 };
    expect(backoffDelayMs(1, { ...opts, random: () => 0.999 })).toBe(99);
    expect(backoffDelayMs(3, { ...opts, random: () => 0.999 })).toBe(399);
    expect(backoffDelayMs(10, { ...opts, random: () => 0.999 })).toBe(999);
    expect(backoffDelayMs(10, { ...opts, random: () => 0 })).toBe(0);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelayMs(4, opts);
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThan(800);
    }
  });
});

describe('withRetry', () => {
  const base = { maxAttempts: 4, baseMs: 100, maxMs: 10_000, random: () => 0.5 };

  it('retries transient failures with full-jitter delays, then returns the value', async () => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    const retried: number[] = [];
    const value = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw awsError('InternalServerException');
        return 'ok';
      },
      { ...base, isRetryable: isTransient, sleep, onRetry: (_e, attempt) => retried.push(attempt) },
    );
    expect(value).toBe('ok');
    expect(calls).toBe(3);
    expect(sleeps).toEqual([50, 100]);
    expect(retried).toEqual([1, 2]);
  });

  it('does not retry a non-retryable error', async () => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    const failing = withRetry(
      async () => {
        calls++;
        throw awsError('ValidationException');
      },
      { ...base, isRetryable: isTransient, sleep },
    );
    await expect(failing).rejects.toThrow('ValidationException happened');
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('gives up after maxAttempts and rethrows the last error', async () => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    const failing = withRetry(
      async () => {
        calls++;
        throw awsError('ThrottlingException', { message: `try ${calls}` });
      },
      { ...base, isRetryable: isTransient, sleep },
    );
    await expect(failing).rejects.toThrow('try 4');
    expect(calls).toBe(4);
    expect(sleeps).toHaveLength(3);
  });

  it('waits as long as Retry-After asks when that exceeds the jitter', async () => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    await withRetry(
      async () => {
        calls++;
        if (calls === 1) throw awsError('ThrottlingException', { retryAfterSeconds: '4' });
        if (calls === 2) throw awsError('ThrottlingException', { retryAfterSeconds: '0' });
        return calls;
      },
      { ...base, isRetryable: isTransient, sleep },
    );
    // 4 s hint beats the 50 ms jitter; a 0 s hint loses to the 100 ms jitter.
    expect(sleeps).toEqual([4000, 100]);
  });

  it('caps an absurd Retry-After', async () => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    await withRetry(
      async () => {
        if (++calls === 1) throw awsError('ThrottlingException', { retryAfterSeconds: '86400' });
        return calls;
      },
      { ...base, isRetryable: isTransient, sleep, maxRetryAfterMs: 60_000 },
    );
    expect(sleeps).toEqual([60_000]);
  });

  it('treats maxAttempts 1 as a single try', async () => {
    const { sleeps, sleep } = recorder();
    await expect(
      withRetry(
        async () => {
          throw awsError('InternalServerException');
        },
        { ...base, maxAttempts: 1, isRetryable: () => true, sleep },
      ),
    ).rejects.toThrow();
    expect(sleeps).toEqual([]);
  });
});
