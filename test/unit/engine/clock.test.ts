import { describe, expect, it } from 'vitest';
import { clockFromEnv, isLoopbackEndpoint, scaledClock } from '../../../src/core/clock.js';
import type { Clock } from '../../../src/engine/types.js';

/** A manual base clock: sleeps advance it instantly and are recorded. */
function manualClock(start = 1_000_000) {
  let t = start;
  const slept: number[] = [];
  const clock: Clock = {
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
  };
  return { clock, slept, advance: (ms: number) => (t += ms) };
}

describe('scaledClock', () => {
  it('runs now() scale times faster and sleeps scale times shorter', async () => {
    const base = manualClock();
    const fast = scaledClock(60, base.clock);
    const t0 = fast.now();
    base.advance(1000);
    expect(fast.now() - t0).toBe(60_000);
    await fast.sleep(60_000);
    expect(base.slept).toEqual([1000]);
    expect(fast.now() - t0).toBe(120_000);
  });

  it('is the base clock itself at scale 1', () => {
    const base = manualClock();
    expect(scaledClock(1, base.clock)).toBe(base.clock);
  });
});

describe('clockFromEnv', () => {
  it('honours DRS_DRILL_CLOCK_SCALE only against a loopback endpoint', () => {
    const base = manualClock();
    const emulator = clockFromEnv(
      { DRS_DRILL_CLOCK_SCALE: '120', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' },
      base.clock,
    );
    const start = emulator.now();
    base.advance(10);
    expect(emulator.now() - start).toBe(1200);

    const realAws = clockFromEnv({ DRS_DRILL_CLOCK_SCALE: '120' }, base.clock);
    expect(realAws).toBe(base.clock);
    const remote = clockFromEnv(
      { DRS_DRILL_CLOCK_SCALE: '120', AWS_ENDPOINT_URL: 'https://drs.us-east-1.amazonaws.com' },
      base.clock,
    );
    expect(remote).toBe(base.clock);
  });

  it('ignores a scale that is not a positive number', () => {
    const base = manualClock();
    for (const value of ['0', '-3', 'fast']) {
      expect(
        clockFromEnv({ DRS_DRILL_CLOCK_SCALE: value, AWS_ENDPOINT_URL: 'http://localhost:1' }, base.clock),
      ).toBe(base.clock);
    }
  });
});

describe('isLoopbackEndpoint', () => {
  it.each([
    ['http://127.0.0.1:9000', true],
    ['http://127.8.0.1', true],
    ['http://localhost:3000', true],
    ['http://[::1]:3000', true],
    ['http://10.0.0.1', false],
    ['https://drs.us-east-1.amazonaws.com', false],
    ['not a url', false],
    [undefined, false],
  ])('%s → %s', (url, expected) => {
    expect(isLoopbackEndpoint(url)).toBe(expected);
  });
});

describe('DRS_DRILL_CLOCK_ANCHOR', () => {
  it('pins the scaled clock to the emulator: simulated origin + real elapsed since the anchor × scale', () => {
    const base = manualClock(5_000);
    // The emulator was at simulated 1_000_000_000 when the real clock read 4_000.
    const clock = clockFromEnv(
      {
        DRS_DRILL_CLOCK_SCALE: '600',
        DRS_DRILL_CLOCK_ANCHOR: '1000000000@4000',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
      },
      base.clock,
    );
    expect(clock.now()).toBe(1_000_000_000 + 1000 * 600);
    base.advance(10);
    expect(clock.now()).toBe(1_000_000_000 + 1010 * 600);
  });

  it('is ignored when malformed or against real AWS', () => {
    const base = manualClock(5_000);
    const malformed = clockFromEnv(
      {
        DRS_DRILL_CLOCK_SCALE: '2',
        DRS_DRILL_CLOCK_ANCHOR: 'yesterday',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
      },
      base.clock,
    );
    expect(malformed.now()).toBe(5_000);
    const remote = clockFromEnv(
      {
        DRS_DRILL_CLOCK_SCALE: '2',
        DRS_DRILL_CLOCK_ANCHOR: '1@1',
        AWS_ENDPOINT_URL: 'https://drs.amazonaws.com',
      },
      base.clock,
    );
    expect(remote).toBe(base.clock);
  });
});
