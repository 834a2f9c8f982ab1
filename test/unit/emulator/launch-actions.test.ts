/**
 * Post-launch actions declared per server in the scenario: `participatingServers[].launchActionsStatus`
 * as the DRS model shapes it, runs IN_PROGRESS from LAUNCHED until their scripted result.
 */
import {
  GetLaunchConfigurationCommand,
  type LaunchActionRun,
  type ParticipatingServer,
  UpdateLaunchConfigurationCommand,
} from '@aws-sdk/client-drs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseScenario } from '../../../emulator/scenario-load.js';
import {
  DB_01,
  DB_02,
  DRS_TIME,
  describeJob,
  type Harness,
  MINUTE,
  repairedDemo,
  start,
  startDrill,
  stop,
  timelineOf,
  watchJob,
} from './helpers.js';

let h: Harness;
afterEach(async () => {
  if (h) await stop(h);
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** DB_01 runs two actions: one that succeeds after 2 minutes, an optional one that fails after 10. */
function withActions(extra = '') {
  const s = repairedDemo(extra);
  const parsed = parseScenario(`
sourceServers:
  - id: ${DB_01}
    hostname: db-01
    launchActions:
      - { actionId: 0b7e1c2a-0000-4000-8000-000000000001, name: verify-http, category: VALIDATION,
          actionCode: AWSMigration-ValidateHttpResponse, type: SSM_AUTOMATION, seconds: 120,
          description: Checks the web endpoint }
      - { name: check-disk, optional: true, result: FAILED, failureReason: "Disk space below 10 percent", seconds: 600 }
`);
  s.servers.find((x) => x.sourceServerID === DB_01)!.launchActions = parsed.servers[0]!.launchActions;
  return s;
}

const serverOf = (servers: ParticipatingServer[] | undefined, id: string) =>
  servers?.find((p) => p.sourceServerID === id);

const drill = async () => (await startDrill(h, [DB_01, DB_02])).jobID!;

describe('launchActionsStatus', () => {
  it('appears at LAUNCHED with every run IN_PROGRESS, each reaching its result after its seconds, also after COMPLETED', async () => {
    h = await start(withActions());
    expect(
      (await h.drs.send(new GetLaunchConfigurationCommand({ sourceServerID: DB_01 }))).postLaunchEnabled,
    ).toBe(true);
    expect(
      (await h.drs.send(new GetLaunchConfigurationCommand({ sourceServerID: DB_02 }))).postLaunchEnabled,
    ).toBe(false);
    const jobID = await drill();
    const seen = await watchJob(h, jobID, { stepMs: 10_000, afterMs: 12 * MINUTE });
    for (const { job } of seen) {
      const db01 = serverOf(job.participatingServers, DB_01);
      if (db01?.launchStatus !== 'LAUNCHED') expect(db01?.launchActionsStatus).toBeUndefined();
      expect(serverOf(job.participatingServers, DB_02)?.launchActionsStatus).toBeUndefined();
    }
    const launchedAt = seen.find(
      (s) => serverOf(s.job.participatingServers, DB_01)?.launchStatus === 'LAUNCHED',
    )!;
    const first = serverOf(launchedAt.job.participatingServers, DB_01)!.launchActionsStatus!;
    expect(first.ssmAgentDiscoveryDatetime).toMatch(DRS_TIME);
    expect(first.runs?.map((r) => r.status)).toEqual(['IN_PROGRESS', 'IN_PROGRESS']);
    const [verify, disk] = first.runs as [LaunchActionRun, LaunchActionRun];
    expect(verify).toEqual({
      action: {
        actionId: '0b7e1c2a-0000-4000-8000-000000000001',
        actionCode: 'AWSMigration-ValidateHttpResponse',
        type: 'SSM_AUTOMATION',
        name: 'verify-http',
        active: true,
        order: 2,
        optional: false,
        category: 'VALIDATION',
        description: 'Checks the web endpoint',
        actionVersion: '$DEFAULT',
        parameters: {},
      },
      runId: expect.stringMatching(UUID),
      status: 'IN_PROGRESS',
    });
    expect(disk.action).toMatchObject({ name: 'check-disk', optional: true, order: 3, category: 'OTHER' });
    expect(disk.action?.actionId).toMatch(UUID);
    expect(disk.runId).not.toBe(verify.runId);

    // Each run's status over time, measured from the moment the server was LAUNCHED.
    const statusAt = (offsetMs: number, i: number) => {
      const s = seen.find((x) => x.at >= launchedAt.at + offsetMs)!;
      return serverOf(s.job.participatingServers, DB_01)?.launchActionsStatus?.runs?.[i];
    };
    expect(statusAt(110_000, 0)?.status).toBe('IN_PROGRESS');
    expect(statusAt(120_000, 0)?.status).toBe('SUCCEEDED');
    expect(statusAt(120_000, 0)?.failureReason).toBeUndefined();
    expect(statusAt(590_000, 1)?.status).toBe('IN_PROGRESS');
    expect(statusAt(600_000, 1)).toMatchObject({
      status: 'FAILED',
      failureReason: 'Disk space below 10 percent',
    });

    // The job's COMPLETED does not wait for the actions.
    const completed = seen.find((s) => s.job.status === 'COMPLETED')!;
    expect(serverOf(completed.job.participatingServers, DB_01)?.launchActionsStatus?.runs?.[1]?.status).toBe(
      'IN_PROGRESS',
    );
    const last = serverOf(seen.at(-1)!.job.participatingServers, DB_01)!.launchActionsStatus!;
    expect(last.runs?.map((r) => r.runId)).toEqual(first.runs?.map((r) => r.runId));
    expect(last.ssmAgentDiscoveryDatetime).toBe(first.ssmAgentDiscoveryDatetime);

    const server = (await timelineOf(h)).jobs[0]?.servers.find((s) => s.sourceServerID === DB_01);
    expect(server?.launchActions).toEqual([
      { name: 'verify-http', status: 'SUCCEEDED', endedAt: (server?.endedAt ?? 0) + 120_000 },
      { name: 'check-disk', status: 'FAILED', endedAt: (server?.endedAt ?? 0) + 600_000 },
    ]);
  });

  it('no runs when postLaunchEnabled was turned off, nor when the launch failed', async () => {
    h = await start(withActions());
    await h.drs.send(
      new UpdateLaunchConfigurationCommand({ sourceServerID: DB_01, postLaunchEnabled: false }),
    );
    let jobID = await drill();
    h.emulator.state.advance(60 * MINUTE);
    let db01 = serverOf((await describeJob(h, jobID)).participatingServers, DB_01);
    expect(db01?.launchStatus).toBe('LAUNCHED');
    expect(db01?.launchActionsStatus).toBeUndefined();
    await stop(h);

    h = await start(withActions(`faults: { servers: { ${DB_01}: { phase: launch } } }`));
    jobID = await drill();
    h.emulator.state.advance(60 * MINUTE);
    db01 = serverOf((await describeJob(h, jobID)).participatingServers, DB_01);
    expect(db01?.launchStatus).toBe('FAILED');
    expect(db01?.launchActionsStatus).toBeUndefined();
  });
});
