import { describe, expect, it } from 'vitest';
import type { RecoveryInstance } from '../../../src/aws/gateways.js';
import { cleanupDrillInstances, selectDrillInstancesForCleanup } from '../../../src/engine/cleanup.js';
import { runExecution } from '../../../src/engine/run.js';
import { context, makeLog, makePlan, makeReport, resolvedServer, serverId } from '../../support/builders.js';
import { FakeClock, FakeDrs, FakeEc2 } from '../../support/fake-aws.js';

async function drilled(servers = 3) {
  const clock = new FakeClock();
  const drs = new FakeDrs(clock);
  const ec2 = new FakeEc2(drs);
  const log = makeLog();
  const ep = makePlan([
    { name: 'w', servers: Array.from({ length: servers }, (_, i) => resolvedServer(i + 1)) },
  ]);
  const report = makeReport(ep);
  await runExecution(
    { drs, ec2, clock, log },
    { executionPlan: ep, context, report, pollIntervalSeconds: 15, deadline: clock.now() + 3600_000 },
  );
  return { clock, drs, ec2, log, report };
}

describe('cleanupDrillInstances', () => {
  it('terminates exactly the drill instances this run launched and nothing else', async () => {
    const env = await drilled(3);
    // Someone else's drill instance and a real recovery instance of other servers, in the same account.
    env.drs.recoveryInstances.set('i-0ther0000000001', {
      recoveryInstanceID: 'i-0ther0000000001',
      ec2InstanceID: 'i-0ther0000000001',
      isDrill: true,
      jobID: 'drsjob-someoneelse',
      sourceServerID: serverId(99),
    });
    env.drs.recoveryInstances.set('i-rea10000000001', {
      recoveryInstanceID: 'i-rea10000000001',
      ec2InstanceID: 'i-rea10000000001',
      isDrill: false,
      jobID: 'drsjob-recovery',
      sourceServerID: serverId(98),
    });
    // One of this run's servers points at a non-drill instance (e.g. a stale record): must be left alone.
    const server3 = env.report.waves[0]?.servers[2];
    const ri3 = env.drs.recoveryInstances.get(server3?.recoveryInstanceId ?? '');
    if (ri3) ri3.isDrill = false;

    const result = await cleanupDrillInstances({ drs: env.drs, clock: env.clock, log: env.log }, env.report, {
      policy: 'always',
      dryRun: false,
      deadline: env.clock.now() + 600_000,
    });
    const terminated = env.drs.calls
      .filter((c) => c.method === 'terminateRecoveryInstances')
      .flatMap((c) => c.args[0] as string[]);
    const ours = env.report.waves[0]?.servers.slice(0, 2).map((s) => s.recoveryInstanceId);
    expect(terminated.sort()).toEqual(ours?.sort());
    expect(result.terminateJobIds).toHaveLength(1);
    expect(result.instances.filter((i) => i.result === 'terminated')).toHaveLength(2);
    expect(
      result.instances.find((i) => i.recoveryInstanceId === server3?.recoveryInstanceId)?.result,
    ).toContain('not');
    expect(env.drs.recoveryInstances.has('i-0ther0000000001')).toBe(true);
    expect(env.drs.recoveryInstances.has('i-rea10000000001')).toBe(true);
    expect(result.status).toBe('succeeded');
  });

  it('batches terminations by 200', async () => {
    const env = await drilled(250);
    const result = await cleanupDrillInstances({ drs: env.drs, clock: env.clock, log: env.log }, env.report, {
      policy: 'always',
      dryRun: false,
      deadline: env.clock.now() + 600_000,
    });
    const sizes = env.drs.calls
      .filter((c) => c.method === 'terminateRecoveryInstances')
      .map((c) => (c.args[0] as string[]).length);
    expect(sizes).toEqual([200, 50]);
    expect(result.status).toBe('succeeded');
    expect(result.instances.every((i) => i.result === 'terminated')).toBe(true);
  });

  it('lists without terminating in a dry run, and respects the policy', async () => {
    const env = await drilled(2);
    const deps = { drs: env.drs, clock: env.clock, log: env.log };
    const opts = { dryRun: true, deadline: env.clock.now() + 60_000 };
    const dry = await cleanupDrillInstances(deps, env.report, { ...opts, policy: 'always' });
    expect(dry.status).toBe('dry-run');
    expect(dry.instances.map((i) => i.result)).toEqual(['would terminate', 'would terminate']);
    expect(env.drs.count('terminateRecoveryInstances')).toBe(0);

    expect((await cleanupDrillInstances(deps, env.report, { ...opts, policy: 'never' })).status).toBe(
      'skipped',
    );
    const failed = { ...env.report, status: 'failed' as const };
    expect((await cleanupDrillInstances(deps, failed, { ...opts, policy: 'on-success' })).status).toBe(
      'skipped',
    );
    const recovery = { ...env.report, mode: 'recovery' as const, isDrill: false };
    expect(
      (await cleanupDrillInstances(deps, recovery, { ...opts, dryRun: false, policy: 'always' })).status,
    ).toBe('skipped');
    expect(env.drs.count('terminateRecoveryInstances')).toBe(0);
  });
});

describe('selectDrillInstancesForCleanup', () => {
  const now = '2024-05-02T00:00:00.000Z';
  const ri = (id: string, server: string, isDrill: boolean | undefined): RecoveryInstance => ({
    recoveryInstanceID: id,
    ec2InstanceID: id,
    sourceServerID: server,
    ...(isDrill === undefined ? {} : { isDrill }),
  });
  const instances = [
    ri('i-1', 's-a', true),
    ri('i-2', 's-a', false),
    ri('i-3', 's-b', true),
    ri('i-4', 's-c', undefined),
  ];

  it('keeps only drill instances of the given servers', () => {
    const picked = selectDrillInstancesForCleanup(instances, {
      sourceServerIds: new Set(['s-a', 's-c']),
      now,
    });
    expect(picked.map((i) => i.recoveryInstanceID)).toEqual(['i-1']);
  });

  it('applies the age filter only where a launch time is known', () => {
    const launchTimes = new Map([
      ['i-1', '2024-05-01T00:00:00.000Z'],
      ['i-3', '2024-05-01T23:30:00.000Z'],
    ]);
    const picked = selectDrillInstancesForCleanup(instances, {
      sourceServerIds: new Set(['s-a', 's-b']),
      olderThanSeconds: 3600,
      now,
      launchTimes,
    });
    expect(picked.map((i) => i.recoveryInstanceID)).toEqual(['i-1']);
    const unknownAge = selectDrillInstancesForCleanup(instances, {
      sourceServerIds: new Set(['s-a']),
      olderThanSeconds: 60,
      now,
    });
    expect(unknownAge).toEqual([]);
  });
});
