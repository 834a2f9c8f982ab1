import { describe, expect, it } from 'vitest';
import { canAdmit, chunkServers, planNextWaves, type WaveRunState } from '../../../src/engine/scheduler.js';

const waves = [
  { name: 'data', dependsOn: [], waitAfterSeconds: 120 },
  { name: 'app', dependsOn: ['data'], waitAfterSeconds: 0 },
  { name: 'cache', dependsOn: ['data'], waitAfterSeconds: 0 },
  { name: 'web', dependsOn: ['app', 'cache'], waitAfterSeconds: 0 },
  { name: 'batch', dependsOn: [], waitAfterSeconds: 0 },
];

function states(entries: Record<string, WaveRunState>): Map<string, WaveRunState> {
  const m = new Map<string, WaveRunState>(waves.map((w) => [w.name, { status: 'pending' }]));
  for (const [k, v] of Object.entries(entries)) m.set(k, v);
  return m;
}

describe('planNextWaves', () => {
  it('starts every wave without dependencies at once', () => {
    const d = planNextWaves(waves, states({}), { nowMs: 0, onFailure: 'stop' });
    expect(d.start).toEqual(['data', 'batch']);
    expect(d.skip).toEqual([]);
  });

  it('waits for waitAfter after a dependency succeeded, then starts dependants together', () => {
    const s = states({ data: { status: 'succeeded', decidedAtMs: 1000 }, batch: { status: 'running' } });
    const early = planNextWaves(waves, s, { nowMs: 60_000, onFailure: 'stop' });
    expect(early.start).toEqual([]);
    expect(early.wakeAtMs).toBe(121_000);
    expect(planNextWaves(waves, s, { nowMs: 121_000, onFailure: 'stop' }).start).toEqual(['app', 'cache']);
  });

  it('a wave skipped for having no server left releases its dependants at once, without its soak', () => {
    const s = states({
      data: { status: 'skipped', decidedAtMs: 1000, empty: true },
      batch: { status: 'running' },
    });
    const d = planNextWaves(waves, s, { nowMs: 1000, onFailure: 'stop' });
    expect(d.start).toEqual(['app', 'cache']);
    expect(d.skip).toEqual([]);
    // A wave skipped for any other reason still stops its dependants.
    const other = states({ data: { status: 'skipped', decidedAtMs: 1000 }, batch: { status: 'running' } });
    expect(
      planNextWaves(waves, other, { nowMs: 1000, onFailure: 'continue' }).skip.map((x) => x.wave),
    ).toEqual(['app', 'cache']);
  });

  it('needs every dependency succeeded', () => {
    const s = states({
      data: { status: 'succeeded', decidedAtMs: 0 },
      app: { status: 'succeeded', decidedAtMs: 0 },
      cache: { status: 'running' },
      batch: { status: 'running' },
    });
    expect(planNextWaves(waves, s, { nowMs: 500_000, onFailure: 'stop' }).start).toEqual([]);
  });

  it('stop: after a failure nothing new starts and pending waves are skipped', () => {
    const s = states({
      data: { status: 'succeeded', decidedAtMs: 0 },
      batch: { status: 'failed', decidedAtMs: 0 },
    });
    const d = planNextWaves(waves, s, { nowMs: 500_000, onFailure: 'stop' });
    expect(d.start).toEqual([]);
    expect(d.skip.map((x) => x.wave)).toEqual(['app', 'cache', 'web']);
    expect(d.skip[0]?.reason).toContain('"batch" failed and onFailure is stop');
  });

  it('continue: independent waves start, dependants of a failure are skipped with a reason', () => {
    const s = states({ data: { status: 'timed-out', decidedAtMs: 0 } });
    const d = planNextWaves(waves, s, { nowMs: 0, onFailure: 'continue' });
    expect(d.start).toEqual(['batch']);
    expect(d.skip).toEqual([
      { wave: 'app', reason: 'not started: it depends on wave "data", which timed out' },
      { wave: 'cache', reason: 'not started: it depends on wave "data", which timed out' },
    ]);
    const next = states({
      data: { status: 'timed-out' },
      app: { status: 'skipped' },
      cache: { status: 'skipped' },
    });
    expect(planNextWaves(waves, next, { nowMs: 0, onFailure: 'continue' }).skip[0]).toEqual({
      wave: 'web',
      reason: 'not started: it depends on wave "app", which was skipped',
    });
  });
});

describe('chunkServers', () => {
  it('splits into chunks of at most 100', () => {
    const ids = Array.from({ length: 250 }, (_, i) => i);
    expect(chunkServers(ids).map((c) => c.length)).toEqual([100, 100, 50]);
    expect(chunkServers([])).toEqual([]);
    expect(chunkServers(ids.slice(0, 100)).map((c) => c.length)).toEqual([100]);
  });
});

describe('canAdmit', () => {
  it('respects 20 active jobs and 500 servers, counting jobs active before the run', () => {
    expect(canAdmit({ jobs: 19, servers: 100 }, { jobs: 0, servers: 0 }, 10)).toBe(true);
    expect(canAdmit({ jobs: 20, servers: 100 }, { jobs: 0, servers: 0 }, 10)).toBe(false);
    expect(canAdmit({ jobs: 4, servers: 400 }, { jobs: 0, servers: 0 }, 100)).toBe(true);
    expect(canAdmit({ jobs: 4, servers: 401 }, { jobs: 0, servers: 0 }, 100)).toBe(false);
    expect(canAdmit({ jobs: 1, servers: 10 }, { jobs: 19, servers: 10 }, 1)).toBe(false);
    expect(canAdmit({ jobs: 1, servers: 100 }, { jobs: 2, servers: 350 }, 100)).toBe(false);
  });

  it('always lets the first job try: DRS answers ServiceQuotaExceeded if others still hold the quota', () => {
    expect(canAdmit({ jobs: 0, servers: 0 }, { jobs: 20, servers: 500 }, 100)).toBe(true);
  });
});
