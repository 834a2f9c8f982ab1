import { describe, expect, it } from 'vitest';
import { memoizeCredentials, type SessionCredentials } from '../../../src/aws/credentials.js';

const MIN = 60_000;

function harness(lifetimeMs = 60 * MIN) {
  let clock = 0;
  let fetches = 0;
  let failNext = 0;
  const fetch = async (): Promise<SessionCredentials> => {
    fetches++;
    if (failNext > 0) {
      failNext--;
      throw new Error('sts down');
    }
    return {
      accessKeyId: `ASIA${fetches}`,
      secretAccessKey: 's',
      sessionToken: 't',
      expiration: new Date(clock + lifetimeMs),
    };
  };
  const provider = memoizeCredentials(fetch, { refreshWindowMs: 10 * MIN, now: () => clock });
  return {
    provider,
    fetches: () => fetches,
    advance: (ms: number) => {
      clock += ms;
    },
    failNext: (n: number) => {
      failNext = n;
    },
  };
}

describe('memoizeCredentials', () => {
  it('serves cached keys until they are within the refresh window', async () => {
    const h = harness();
    expect((await h.provider()).accessKeyId).toBe('ASIA1');
    h.advance(49 * MIN);
    expect((await h.provider()).accessKeyId).toBe('ASIA1');
    h.advance(2 * MIN);
    expect((await h.provider()).accessKeyId).toBe('ASIA2');
    expect(h.fetches()).toBe(2);
  });

  it('shares one fetch between concurrent callers', async () => {
    const h = harness();
    const all = await Promise.all([h.provider(), h.provider(), h.provider()]);
    expect(new Set(all.map((c) => c.accessKeyId))).toEqual(new Set(['ASIA1']));
    expect(h.fetches()).toBe(1);
  });

  it('keeps serving still-valid keys when a refresh fails, and retries after a cooldown', async () => {
    const h = harness();
    await h.provider();
    h.advance(55 * MIN);
    h.failNext(1);
    expect((await h.provider()).accessKeyId).toBe('ASIA1');
    expect(h.fetches()).toBe(2);
    // Within the cooldown STS is not asked again.
    h.advance(10_000);
    expect((await h.provider()).accessKeyId).toBe('ASIA1');
    expect(h.fetches()).toBe(2);
    h.advance(30_000);
    expect((await h.provider()).accessKeyId).toBe('ASIA3');
  });

  it('fails when a refresh fails and the cached keys are (nearly) spent', async () => {
    const h = harness();
    await h.provider();
    h.advance(59.5 * MIN);
    h.failNext(1);
    await expect(h.provider()).rejects.toThrow('sts down');
  });

  it('fails on a first fetch that fails, and tries again on the next call', async () => {
    const h = harness();
    h.failNext(1);
    await expect(h.provider()).rejects.toThrow('sts down');
    expect((await h.provider()).accessKeyId).toBe('ASIA2');
  });
});
