/**
 * A full drill of the demo plan through the bundle: three levels of waves (app and cache in
 * parallel), tags on every job and instance, evidence that validates, and a cleanup that terminates
 * exactly this run's drill instances (another run's drill instance and a non-drill one stay).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../emulator/control.js';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import { parseInstant } from '../../src/core/durations.js';
import {
  callsOf,
  type DrillRun,
  demoPlanText,
  demoScenario,
  expectDemoSucceeded,
  expectSaneReport,
  explain,
  outputsOf,
  runDrill,
  SPEED,
  serversOf,
  startBody,
} from './harness.js';

const START_TAG_KEYS = [
  'execution-id',
  'mode',
  'plan',
  'wave',
  'wave-index',
  'initiated-by',
  'repository',
  'run-url',
  'commit',
  'started-at',
].map((k) => `drs-drill:${k}`);

/**
 * Already in the account: another run's drill instance of db-01 (a warning: DRS may replace it), and a
 * real (non-drill) recovery of a server outside the plan (a live failover of a plan server would refuse
 * the drill: drill-guard.test.ts).
 */
const OTHER_RUN_DRILL = {
  id: 'i-0aaaaaaaaaaaaaaa1',
  ec2: 'i-0bbbbbbbbbbbbbbb1',
  server: 's-1000000000000000a',
};
const NON_DRILL = { id: 'i-0aaaaaaaaaaaaaaa2', ec2: 'i-0bbbbbbbbbbbbbbb2', server: 's-10000000000000099' };

const LONG_SERVER_URL = `https://${'github-enterprise-'.repeat(14)}.example.com`;

let emulator: Emulator;
let run: DrillRun;

beforeAll(async () => {
  const scenario = demoScenario();
  const template = scenario.servers[0];
  if (template)
    scenario.servers.push({
      ...template,
      sourceServerID: NON_DRILL.server,
      hostname: 'legacy-01',
      fqdn: undefined,
      tags: { App: 'legacy' },
    });
  scenario.recoveryInstances.push(
    {
      recoveryInstanceID: OTHER_RUN_DRILL.id,
      ec2InstanceID: OTHER_RUN_DRILL.ec2,
      sourceServerID: OTHER_RUN_DRILL.server,
      isDrill: true,
      jobID: 'drsjob-0000000000000000a',
      state: 'running',
    },
    {
      recoveryInstanceID: NON_DRILL.id,
      ec2InstanceID: NON_DRILL.ec2,
      sourceServerID: NON_DRILL.server,
      isDrill: false,
      jobID: 'drsjob-0000000000000000b',
      state: 'running',
    },
  );
  emulator = await startEmulator({ scenario, port: 0, speed: SPEED, seed: 7 });
  run = await runDrill({
    emulator,
    plan: await demoPlanText(),
    inputs: { cleanup: 'always' },
    // A GitHub Enterprise host this long makes the run URL longer than a DRS tag value may be.
    env: { GITHUB_SERVER_URL: LONG_SERVER_URL },
  });
}, 60_000);
afterAll(async () => emulator?.close());

/** EC2 query parameters of a CreateTags call → { resource ids, tags }. */
function createTagsOf(call: RecordedCall): { ids: string[]; tags: Record<string, string> } {
  const p = call.request as Record<string, string>;
  const ids = Object.entries(p)
    .filter(([k]) => /^ResourceId\.\d+$/.test(k))
    .map(([, v]) => v);
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) {
    const m = /^Tag\.(\d+)\.Key$/.exec(k);
    if (m) tags[v] = p[`Tag.${m[1]}.Value`] ?? '';
  }
  return { ids, tags };
}

describe('drill of the demo plan (3 levels, app ∥ cache)', () => {
  it('succeeds with every EC2 instance id in the outputs and the summary, and a sane report', () => {
    expect(run.code, explain(run)).toBe(0);
    const out = outputsOf(run);
    expect(out.status).toBe('succeeded');
    expect(out.reportPath).toBe(`${run.workspace}/drs-report/report.json`);
    const report = run.report;
    if (!report) throw new Error('no report.json');
    expectDemoSucceeded(report);
    const servers = serversOf(report);
    const expected: Record<string, string> = {};
    for (const s of servers) {
      expect(s.launchStatus).toBe('LAUNCHED');
      expect(s.health).toBe('passed');
      expect(s.ec2InstanceId).toMatch(/^i-[0-9a-f]{17}$/);
      // The emulator makes the two ids differ: the outputs must carry the EC2 one.
      expect(s.recoveryInstanceId).not.toBe(s.ec2InstanceId);
      expected[s.sourceServerId] = s.ec2InstanceId ?? '';
      expect(run.summary).toContain(s.ec2InstanceId);
      // What was launched, as EC2 says, and replication as preflight saw it, in the evidence.
      const ec2 = emulator.state.instances.get(s.ec2InstanceId ?? '');
      expect(s.launched).toEqual({
        instanceType: ec2?.instanceType,
        subnetId: ec2?.subnetId,
        privateIp: ec2?.privateIp,
      });
      expect(s.replicationAtPreflight?.state).toBe('CONTINUOUS');
      expect(s.replicationAtPreflight?.lagSeconds).toBeTypeOf('number');
    }
    expect(out.instanceIds).toEqual(expected);
    expect(Number(out.rtoSeconds)).toBe(report.measured.rtoSeconds);
    expectSaneReport(report);
  });

  it('stamps each server healthy when EC2 said so (not at the last DRS answer), so the RTO is not cut short', () => {
    for (const s of serversOf(run.report ?? ({ waves: [] } as never))) {
      const passedAt = emulator.state.instances.get(s.ec2InstanceId ?? '')?.statusChecksAt;
      expect(passedAt, s.sourceServerId).toBeDefined();
      const healthyAt = parseInstant(s.healthyAt) ?? 0;
      // Seen on a poll after the checks passed, never before (a stale AWS time would put it before).
      // The upper bound leaves 10 simulated minutes (1 s real) for a slow machine.
      expect(healthyAt, s.sourceServerId).toBeGreaterThanOrEqual((passedAt ?? 0) - 1000);
      expect(healthyAt, s.sourceServerId).toBeLessThanOrEqual((passedAt ?? 0) + 10 * 60_000);
    }
    const lastHealthy = Math.max(
      ...serversOf(run.report ?? ({ waves: [] } as never)).map((s) => parseInstant(s.healthyAt) ?? 0),
    );
    const first = parseInstant(run.report?.measured.firstStartRecoveryAt) ?? 0;
    // RTO = first StartRecovery → last critical server healthy (whole seconds).
    expect(
      Math.abs((run.report?.measured.rtoSeconds ?? 0) - (lastHealthy - first) / 1000),
    ).toBeLessThanOrEqual(1);
  });

  it('runs the two parallel waves at the same time (their jobs overlap in DRS time)', () => {
    const waves = new Map(run.report?.waves.map((w) => [w.name, w]));
    const span = (name: string) => {
      const job = waves.get(name)?.jobs[0];
      return [parseInstant(job?.createdAt), parseInstant(job?.endedAt)] as const;
    };
    const [appFrom, appTo] = span('app');
    const [cacheFrom, cacheTo] = span('cache');
    const [, dataTo] = span('data');
    const [webFrom] = span('web');
    for (const t of [appFrom, appTo, cacheFrom, cacheTo, dataTo, webFrom]) expect(t).toBeDefined();
    // Overlap: each starts before the other ends.
    expect(appFrom ?? 0).toBeLessThan(cacheTo ?? 0);
    expect(cacheFrom ?? 0).toBeLessThan(appTo ?? 0);
    // And the DAG holds: both after data (plus its 1 m soak), web after both.
    expect(appFrom ?? 0).toBeGreaterThanOrEqual((dataTo ?? 0) + 60_000 - 1000);
    expect(webFrom ?? 0).toBeGreaterThanOrEqual(Math.max(appTo ?? 0, cacheTo ?? 0));
  });

  it('tags every StartRecovery with all drs-drill: keys (values ≤ 256) and every launched instance', () => {
    const starts = callsOf(run.calls, 'StartRecovery');
    expect(starts).toHaveLength(4);
    const executionId = run.outputs['execution-id'];
    for (const call of starts) {
      const tags = startBody(call).tags ?? {};
      for (const key of START_TAG_KEYS) expect(Object.keys(tags), key).toContain(key);
      for (const value of Object.values(tags)) expect(value.length).toBeLessThanOrEqual(256);
      expect(tags['drs-drill:execution-id']).toBe(executionId);
      expect(tags['drs-drill:mode']).toBe('drill');
      expect(tags['drs-drill:plan']).toBe('demo');
      expect(startBody(call).isDrill).toBe(true);
      // Cut, not dropped: the first 256 characters of the run URL.
      expect(tags['drs-drill:run-url']).toHaveLength(256);
      expect(LONG_SERVER_URL.startsWith(tags['drs-drill:run-url'] ?? '-')).toBe(true);
    }
    const tagged = new Map<string, Record<string, string>>();
    for (const call of callsOf(run.calls, 'CreateTags', 'ec2')) {
      const { ids, tags } = createTagsOf(call);
      for (const id of ids) tagged.set(id, { ...tagged.get(id), ...tags });
    }
    for (const s of serversOf(run.report ?? ({ waves: [] } as never))) {
      expect(tagged.get(s.ec2InstanceId ?? ''), s.sourceServerId).toMatchObject({
        'drs-drill:execution-id': executionId,
        'drs-drill:plan': 'demo',
        'drs-drill:mode': 'drill',
      });
    }
    // Only this run's instances were tagged.
    expect(tagged.has(OTHER_RUN_DRILL.ec2)).toBe(false);
    expect(tagged.has(NON_DRILL.ec2)).toBe(false);
  });

  it('cleans up exactly the drill instances this run launched', () => {
    const ours = serversOf(run.report ?? ({ waves: [] } as never)).map((s) => s.recoveryInstanceId);
    const terminated = callsOf(run.calls, 'TerminateRecoveryInstances').flatMap(
      (c) => (c.request as { recoveryInstanceIDs: string[] }).recoveryInstanceIDs,
    );
    expect([...terminated].sort()).toEqual([...ours].sort());
    expect(run.report?.cleanup?.status).toBe('succeeded');
    expect(run.report?.cleanup?.instances.map((i) => i.recoveryInstanceId).sort()).toEqual([...ours].sort());
    // The emulator's world after the run: the other two recovery instances and their EC2 instances remain.
    const state = emulator.state;
    expect(state.recoveryInstances.has(OTHER_RUN_DRILL.id)).toBe(true);
    expect(state.recoveryInstances.has(NON_DRILL.id)).toBe(true);
    for (const id of ours) expect(state.recoveryInstances.has(id ?? '')).toBe(false);
    expect(state.instances.get(OTHER_RUN_DRILL.ec2)?.state).toBe('running');
    expect(state.instances.get(NON_DRILL.ec2)?.state).toBe('running');
  });
});
