/**
 * Preflight on a throttled account: with 20 % of every DRS and EC2 operation throttled, the drill's
 * preflight (dry run: preflight and repair listing only) passes on every one of the emulator seeds
 * 1–20. Every read goes through the engine's retry with Retry-After, not only the SDK's three attempts.
 */
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/server.js';
import { demoPlanText, demoScenario, explain, outputsOf, runDrill, SPEED, writesOf } from './harness.js';

describe('preflight under 20 % throttling', () => {
  it('passes on each seed 1–20, writing nothing', async () => {
    const plan = await demoPlanText();
    const failures: string[] = [];
    let throttled = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const scenario = demoScenario();
      scenario.faults.throttle = { rate: 0.2, operations: {}, retryAfterSeconds: 1 };
      const emulator = await startEmulator({ scenario, port: 0, speed: SPEED, seed });
      try {
        const run = await runDrill({ emulator, plan, inputs: { 'dry-run': 'true' } });
        throttled += run.calls.filter((c) => c.outcome === 'throttled').length;
        if (run.code !== 0 || outputsOf(run).status !== 'succeeded')
          failures.push(`seed ${seed}: ${explain(run)}`);
        expect(writesOf(run.calls)).toEqual([]);
      } finally {
        await emulator.close();
      }
    }
    expect(failures).toEqual([]);
    // The fault was really on: a few throttled calls per run on average.
    expect(throttled).toBeGreaterThan(20);
  }, 180_000);
});
