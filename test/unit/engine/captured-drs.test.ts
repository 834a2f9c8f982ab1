/**
 * Real DRS answers (test/fixtures/aws, a two-wave drill captured in us-west-2 on 2022-12-07) fed
 * through the engine: the run loop attaches to each captured job, reads its captured log, and must
 * find the instances DRS launched although the job never names them, with the capture's phase times.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type {
  DrsGateway,
  Ec2Gateway,
  Instance,
  InstanceStatus,
  Job,
  JobLog,
} from '../../../src/aws/gateways.js';
import { secondsBetween } from '../../../src/core/durations.js';
import { launchEnds, resolveLaunchedInstance } from '../../../src/engine/instances.js';
import { phasesFromLog } from '../../../src/engine/log-events.js';
import { looksLikeMissingEc2Permissions } from '../../../src/engine/outcome.js';
import { chunkKey } from '../../../src/engine/resume.js';
import { runExecution } from '../../../src/engine/run.js';
import { context, makeLog, makePlan, makeReport, resolvedServer } from '../../support/builders.js';
import { FakeClock } from '../../support/fake-aws.js';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`../../fixtures/aws/${name}`, import.meta.url), 'utf8')) as T;

const WAVES = [
  {
    job: fixture<Job>('drs-tools-2022-12-07-wave1-describe-jobs-item.json'),
    log: fixture<JobLog[]>('drs-tools-2022-12-07-wave1-describe-job-log-items.json'),
    // From the LAUNCH_END events of the capture, the only place real DRS named the instances.
    instances: { 's-51d6b65c73391918f': 'i-04506d5ee9a75c1e7', 's-5c555d9c008f90131': 'i-0f554975a5cf3245e' },
  },
  {
    job: fixture<Job>('drs-tools-2022-12-07-wave2-describe-jobs-item.json'),
    log: fixture<JobLog[]>('drs-tools-2022-12-07-wave2-describe-job-log-items.json'),
    instances: { 's-5817ab4ccdfa96db3': 'i-0b8104bc29823c261', 's-57e730f6102e1f793': 'i-0a2e943c01bcd45b6' },
  },
];

describe('the captured drill through the engine', () => {
  it('has no recoveryInstanceID in the jobs: the instances come from LAUNCH_END', () => {
    for (const { job, log, instances } of WAVES) {
      expect(job.participatingServers?.some((p) => p.recoveryInstanceID)).toBe(false);
      const ends = launchEnds(log);
      for (const [sourceServerId, ec2InstanceId] of Object.entries(instances)) {
        const participant = job.participatingServers?.find((p) => p.sourceServerID === sourceServerId);
        expect(
          resolveLaunchedInstance({
            jobId: job.jobID ?? '',
            sourceServerId,
            ...(participant ? { participant } : {}),
            ends,
            recoveryInstances: new Map(),
          }),
        ).toEqual({ ec2InstanceId });
      }
      expect(looksLikeMissingEc2Permissions(job, log)).toBe(false);
    }
  });

  it('gives the capture’s phase durations: snapshot under a second, conversion ≈ 3.3 min, launch ≈ 4.7 min', () => {
    const { log } = WAVES[0]!;
    const durations = phasesFromLog(log, 's-51d6b65c73391918f').map((p) => [
      p.name,
      secondsBetween(p.startedAt, p.endedAt),
    ]);
    // 19:15:39.607→.798, 19:16:31.766→19:19:49.280, 19:19:49.854→19:24:29.374 (milliseconds kept).
    expect(durations).toEqual([
      ['snapshot', 0.191],
      ['conversion', 197.514],
      ['launch', 279.52],
    ]);
  });

  it('a run attached to the captured jobs succeeds with exactly the launched EC2 instances', async () => {
    const clock = new FakeClock(Date.parse('2022-12-07T19:36:00Z'));
    const jobs = new Map(WAVES.map((w) => [w.job.jobID ?? '', w]));
    const launched = new Map(
      WAVES.flatMap((w) => Object.values(w.instances).map((id) => [id, w.job.endDateTime ?? ''] as const)),
    );
    const drs = {
      serverTime: () => new Date(clock.now()).toISOString(),
      describeJobs: async (ids: string[]) => ids.flatMap((id) => (jobs.get(id) ? [jobs.get(id)!.job] : [])),
      describeJobLogItems: async (id: string) => jobs.get(id)?.log ?? [],
      // No recovery instance capture exists: DRS may list none; the log is enough.
      describeRecoveryInstances: async () => [],
    } as unknown as DrsGateway;
    const ec2 = {
      serverTime: () => new Date(clock.now()).toISOString(),
      describeInstances: async (ids: string[]) =>
        ids.flatMap((id) =>
          launched.has(id)
            ? [
                {
                  InstanceId: id,
                  LaunchTime: new Date(launched.get(id) ?? ''),
                  State: { Name: 'running' },
                } as Instance,
              ]
            : [],
        ),
      describeInstanceStatus: async (ids: string[]) =>
        ids.map(
          (id) =>
            ({
              InstanceId: id,
              InstanceState: { Name: 'running' },
              InstanceStatus: { Status: 'ok' },
              SystemStatus: { Status: 'ok' },
            }) as InstanceStatus,
        ),
      createTags: async () => {},
    } as unknown as Ec2Gateway;
    const waves = WAVES.map((w, i) => ({
      name: `wave-${i + 1}`,
      servers: (w.job.participatingServers ?? []).map((p, n) => ({
        ...resolvedServer(i * 10 + n + 1),
        sourceServerId: p.sourceServerID ?? '',
      })),
    }));
    const ep = makePlan(waves);
    const report = makeReport(ep);
    await runExecution(
      { drs, ec2, clock, log: makeLog() },
      {
        executionPlan: ep,
        context,
        report,
        pollIntervalSeconds: 15,
        deadline: clock.now() + 3600_000,
        priorJobs: new Map(WAVES.map((w, i) => [chunkKey(`wave-${i + 1}`, '1/1'), w.job])),
      },
    );
    expect(report.status).toBe('succeeded');
    const found = Object.fromEntries(
      report.waves.flatMap((w) => w.servers.map((s) => [s.sourceServerId, s.ec2InstanceId])),
    );
    expect(found).toEqual({ ...WAVES[0]!.instances, ...WAVES[1]!.instances });
    // Times are stored as UTC instants, the capture's microseconds cut to milliseconds.
    expect(report.waves[0]?.jobs[0]?.createdAt).toBe('2022-12-07T19:15:38.846Z');
    expect(report.measured.firstStartRecoveryAt).toBe('2022-12-07T19:15:38.846Z');
    const launch = report.waves[1]?.servers[0]?.phases.find((p) => p.name === 'launch');
    expect(launch).toMatchObject({
      startedAt: '2022-12-07T19:29:46.873Z',
      endedAt: '2022-12-07T19:34:56.742Z',
    });
  });
});
