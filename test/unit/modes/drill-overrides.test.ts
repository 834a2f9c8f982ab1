import { describe, expect, it } from 'vitest';
import type { Report, ServerReport, WaveReport } from '../../../src/core/report.js';
import type { ExecutionPlan } from '../../../src/engine/types.js';
import { DrillOverrides, safeToRestore } from '../../../src/modes/drill-overrides.js';
import { type PostState, readPostState, writePostState } from '../../../src/modes/post-state.js';
import { makeLog, makeReport, plan, sourceServer, spec, wave } from '../../support/builders.js';
import { FakeClock, FakeDrs, FakeEc2, writesOf } from '../../support/fake-aws.js';

const A = 's-1111111111111111a';
const B = 's-2222222222222222b';

function estate(templates: Record<string, string>) {
  const drs = new FakeDrs();
  const ec2 = new FakeEc2();
  for (const [server, lt] of Object.entries(templates)) {
    drs.launchConfigs.set(server, { sourceServerID: server, ec2LaunchTemplateID: lt, copyPrivateIp: false });
    ec2.setDefault(lt, {
      LaunchTemplateId: lt,
      VersionNumber: 1,
      LaunchTemplateData: {
        InstanceType: 'm6i.large',
        NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: 'subnet-prod' }],
      },
    });
  }
  return { drs, ec2, clock: new FakeClock(), log: makeLog() };
}

function executionPlan(): ExecutionPlan {
  const drill = { subnetId: 'subnet-drill' };
  const specs = [A, B].map((id) => spec({ kind: 'id', sourceServerId: id }, { drill }));
  const p = plan([wave('data', specs)]);
  return {
    plan: p,
    waves: [
      {
        wave: p.waves[0]!,
        servers: [A, B].map((id, i) => ({
          sourceServerId: id,
          spec: specs[i]!,
          sourceServer: sourceServer(id),
        })),
      },
    ],
  };
}

function postState(): PostState {
  return {
    finished: false,
    mode: 'drill',
    executionId: 'o/r/1',
    region: 'us-east-1',
    cleanup: 'always',
    planName: 'test',
    jobIds: [],
  };
}

describe('drill overrides in the pipeline', () => {
  it('saves what to restore before writing, and clears it once restored', async () => {
    const deps = estate({ [A]: 'lt-a', [B]: 'lt-b' });
    const state = postState();
    const saves: string[] = [];
    const overrides = new DrillOverrides(state, () => saves.push(JSON.stringify(state.restore)), 'o/r/1');
    const ep = executionPlan();
    const report: Report = makeReport(ep);
    expect(await overrides.apply(deps, 'drill', { executionPlan: ep }, report, {})).toEqual([]);
    // The first save came before any template write, naming the recovery version.
    expect(JSON.parse(saves[0]!)).toEqual([
      expect.objectContaining({ launchTemplateId: expect.any(String), recoveryVersion: 1, launch: {} }),
    ]);
    expect(deps.ec2.templates.get('lt-a')?.LaunchTemplateData?.NetworkInterfaces?.[0]?.SubnetId).toBe(
      'subnet-drill',
    );
    expect(report.drillSettings?.map((d) => d.restore.status)).toEqual(['pending', 'pending']);
    // Nothing launched yet in a running wave: nothing is restored.
    const servers = [A, B].map((id) => ({
      sourceServerId: id,
      critical: true,
      health: 'pending' as const,
      phases: [],
      errors: [],
    }));
    report.waves = [{ name: 'data', index: 0, dependsOn: [], status: 'running', jobs: [], servers }];
    await overrides.restoreSafe(deps, report);
    expect(report.drillSettings?.map((d) => d.restore.status)).toEqual(['pending', 'pending']);
    report.waves[0]!.status = 'succeeded';
    await overrides.restoreSafe(deps, report);
    expect(report.drillSettings?.map((d) => d.restore.status)).toEqual(['restored', 'restored']);
    expect(state.restore).toEqual([]);
    expect(deps.ec2.templates.get('lt-a')?.LaunchTemplateData?.NetworkInterfaces?.[0]?.SubnetId).toBe(
      'subnet-prod',
    );
  });

  it('a recovery writes no drill setting', async () => {
    const deps = estate({ [A]: 'lt-a', [B]: 'lt-b' });
    const ep = executionPlan();
    const overrides = new DrillOverrides(postState(), () => {}, 'o/r/1');
    expect(await overrides.apply(deps, 'recovery', { executionPlan: ep }, makeReport(ep), {})).toEqual([]);
    expect(writesOf(deps.drs, deps.ec2)).toEqual([]);
  });

  it('refuses servers that share a launch template, writing nothing', async () => {
    const deps = estate({ [A]: 'lt-shared', [B]: 'lt-shared' });
    const ep = executionPlan();
    const overrides = new DrillOverrides(postState(), () => {}, 'o/r/1');
    const errors = await overrides.apply(deps, 'drill', { executionPlan: ep }, makeReport(ep), {});
    expect(errors[0]).toContain(`source servers ${A}, ${B} share launch template lt-shared`);
    expect(errors.at(-1)).toContain('Nothing was started');
    expect(writesOf(deps.drs, deps.ec2)).toEqual([]);
  });

  it('restores only once a server cannot launch with the settings any more', () => {
    const server = (over: Partial<ServerReport>): ServerReport => ({
      sourceServerId: A,
      critical: true,
      health: 'pending',
      phases: [],
      errors: [],
      ...over,
    });
    const running: WaveReport = {
      name: 'data',
      index: 0,
      dependsOn: [],
      status: 'running',
      jobs: [{ jobId: 'drsjob-1', status: 'STARTED', sourceServerIds: [A] }],
      servers: [],
    };
    expect(safeToRestore(server({ jobId: 'drsjob-1' }), running)).toBe(false);
    expect(safeToRestore(server({ jobId: 'drsjob-1', ec2InstanceId: 'i-1' }), running)).toBe(true);
    expect(
      safeToRestore(server({ jobId: 'drsjob-1' }), {
        ...running,
        jobs: [{ ...running.jobs[0]!, status: 'COMPLETED' }],
      }),
    ).toBe(true);
    expect(safeToRestore(server({}), { ...running, jobs: [], status: 'pending' })).toBe(false);
    expect(safeToRestore(server({}), { ...running, jobs: [], status: 'skipped' })).toBe(true);
  });

  it('the post step reads back what the main step saved, and drops malformed entries', () => {
    const state: PostState = {
      ...postState(),
      restore: [
        {
          sourceServerId: A,
          launchTemplateId: 'lt-a',
          recoveryVersion: 3,
          launch: { copyPrivateIp: true, rightSizing: 'BASIC' },
        },
      ],
    };
    const saved: Record<string, string> = {};
    writePostState((n, v) => {
      saved[n] = v;
    }, state);
    expect(readPostState((n) => saved[n] ?? '')?.restore).toEqual(state.restore);
    const bad = JSON.stringify({
      ...state,
      restore: [{ sourceServerId: A }, 7, { ...state.restore![0], recoveryVersion: '3' }],
    });
    expect(readPostState(() => bad)?.restore).toEqual([]);
  });
});
