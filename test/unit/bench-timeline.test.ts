import { describe, expect, it } from 'vitest';
import {
  depth,
  forcedSerial,
  largePlan,
  parallelPlan,
  planYaml,
  serialPlan,
  validationPlan,
} from '../../bench/plans.js';
import { criticalPathMs, jobDoneAt, simToReal, WAVE_TAG, waveSpans } from '../../bench/timeline.js';
import type { TimelineJob } from '../../emulator/control.js';
import { estateServerId } from '../../emulator/estate.js';
import { loadPlanText } from '../../src/plan/load.js';

function job(
  jobID: string,
  wave: string,
  createdAt: number,
  endedAt: number | undefined,
  servers: { launched?: number; checks?: number; failed?: number }[],
): TimelineJob {
  return {
    jobID,
    type: 'LAUNCH',
    isDrill: true,
    status: endedAt === undefined ? 'STARTED' : 'COMPLETED',
    tags: { [WAVE_TAG]: wave },
    createdAt,
    startedAt: createdAt + 10,
    ...(endedAt !== undefined ? { endedAt } : {}),
    servers: servers.map((s, i) => ({
      sourceServerID: `s-${i}`,
      launchStatus: s.failed !== undefined ? 'FAILED' : s.launched !== undefined ? 'LAUNCHED' : 'IN_PROGRESS',
      ...(s.launched !== undefined || s.failed !== undefined ? { endedAt: s.launched ?? s.failed } : {}),
      ...(s.checks !== undefined ? { statusChecksAt: s.checks, ec2InstanceID: `i-${i}` } : {}),
    })),
  };
}

describe('when a job is done', () => {
  it('is the later of COMPLETED and the last launched instance’s status checks', () => {
    const j = job('j1', 'w', 0, 1000, [
      { launched: 900, checks: 1500 },
      { launched: 950, checks: 1200 },
    ]);
    expect(jobDoneAt(j, true)).toBe(1500);
    expect(jobDoneAt(j, false)).toBe(1000);
  });

  it('does not wait for checks of a server that failed, and is undefined while checks are pending', () => {
    expect(jobDoneAt(job('j', 'w', 0, 1000, [{ failed: 800 }, { launched: 900, checks: 1100 }]), true)).toBe(
      1100,
    );
    expect(jobDoneAt(job('j', 'w', 0, 1000, [{ launched: 900 }]), true)).toBeUndefined();
    expect(jobDoneAt(job('j', 'w', 0, undefined, [{ launched: 900, checks: 950 }]), true)).toBeUndefined();
  });
});

describe('critical path of the DRS jobs', () => {
  const dag = parallelPlan().waves;

  it('a wave spans its first job’s creation to its last job’s done time', () => {
    const spans = waveSpans(
      [job('a', 'db', 100, 500, [{ launched: 400, checks: 700 }]), job('b', 'db', 150, 800, [])],
      true,
    );
    expect(spans).toEqual([{ wave: 'db', startedAt: 100, doneAt: 800 }]);
  });

  it('is the longest chain of wave durations through dependsOn, not their sum', () => {
    // db 100, cache 300, app-a 50, app-b 200, web-a 10, web-b 20:
    // cache → app-b → web-b = 520 beats db → app-a → web-a = 160 and db → app-b → web-b = 320.
    const durations: Record<string, number> = {
      db: 100,
      cache: 300,
      'app-a': 50,
      'app-b': 200,
      'web-a': 10,
      'web-b': 20,
    };
    const spans = Object.entries(durations).map(([wave, d]) => ({ wave, startedAt: 1000, doneAt: 1000 + d }));
    expect(criticalPathMs(dag, spans)).toBe(520);
    // The same waves forced into one chain cost the sum.
    expect(criticalPathMs(forcedSerial(dag), spans)).toBe(680);
  });

  it('counts nothing for waves that never finished', () => {
    const spans = [
      { wave: 'db', startedAt: 0, doneAt: 100 },
      { wave: 'app-a', startedAt: 200 },
    ];
    expect(criticalPathMs(dag, spans)).toBe(100);
  });

  it('reads waves from the jobs’ wave tag and ignores TERMINATE jobs', () => {
    const terminate = { ...job('t', 'db', 0, 99_999, []), type: 'TERMINATE' };
    const spans = waveSpans([job('a', 'db', 0, 100, []), terminate], true);
    expect(spans).toEqual([{ wave: 'db', startedAt: 0, doneAt: 100 }]);
  });

  it('maps simulated ms to wall-clock ms through the emulator’s anchor and speed', () => {
    const toReal = simToReal({ speed: 60, simNow: 600_000, realNow: 50_000 });
    expect(toReal(600_000)).toBe(50_000);
    expect(toReal(540_000)).toBe(49_000);
    expect(() => simToReal({ speed: 0, simNow: 0, realNow: 0 })).toThrow(/frozen/);
  });
});

describe('bench plans', () => {
  it('are valid plans for the action’s own loader', () => {
    for (const plan of [serialPlan(), parallelPlan(), largePlan(500), validationPlan(4000)]) {
      const loaded = loadPlanText(planYaml(plan), 'plan.yaml');
      expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(loaded.plan?.waves.map((w) => [w.name, w.dependsOn])).toEqual(
        plan.waves.map((w) => [w.name, w.dependsOn]),
      );
    }
  });

  it('the DAG is three waves deep out of six; forced serial makes it six deep, in dependency order', () => {
    const waves = parallelPlan().waves;
    expect(depth(waves)).toBe(3);
    const serial = forcedSerial(waves);
    expect(depth(serial)).toBe(6);
    const order = serial.map((w) => w.name);
    for (const w of waves)
      for (const d of w.dependsOn) expect(order.indexOf(d)).toBeLessThan(order.indexOf(w.name));
    expect(serial[0]?.dependsOn).toEqual([]);
    expect(serial[3]?.dependsOn).toEqual([order[2]]);
  });

  it('the large plan has five tiers of 100 selected by tag, and the validation plan 4,000 ids', () => {
    const large = largePlan(500);
    expect(large.waves.map((w) => w.sourceServerIds.length)).toEqual([100, 100, 100, 100, 100]);
    expect(large.waves[1]?.sourceServerIds[0]).toBe(estateServerId(100));
    expect(planYaml(large)).toContain('- tags: { App: big, Tier: t3 }');
    const v = validationPlan(4000);
    expect(v.waves.flatMap((w) => w.sourceServerIds)).toHaveLength(4000);
    expect(Math.max(...v.waves.map((w) => w.sourceServerIds.length))).toBeLessThanOrEqual(400);
  });
});
