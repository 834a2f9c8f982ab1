import {
  DescribeJobLogItemsCommand,
  DescribeJobsCommand,
  DrsClient,
  type Job,
  type JobLog,
  StartRecoveryCommand,
} from '@aws-sdk/client-drs';
import { EC2Client } from '@aws-sdk/client-ec2';
import type { Timeline } from '../../../emulator/control.js';
import type { Scenario } from '../../../emulator/scenario.js';
import { parseScenario } from '../../../emulator/scenario-load.js';
import { type Emulator, startEmulator } from '../../../emulator/server.js';

export const DEMO = new URL('../../../emulator/scenarios/demo.yaml', import.meta.url).pathname;
export const DB_01 = 's-1000000000000000a';
export const DB_02 = 's-1000000000000000b';
export const APP_01 = 's-1000000000000000c';
export const SUBNET = 'subnet-0a1b2c3d4e5f60001';
export const SG = 'sg-0a1b2c3d4e5f60001';

export interface Harness {
  emulator: Emulator;
  drs: DrsClient;
  ec2: EC2Client;
}

/** Speed 0: simulated time only moves when a test advances it, so answers are deterministic. */
export async function start(
  scenario: Scenario | string = DEMO,
  opts: { maxAttempts?: number } = {},
): Promise<Harness> {
  const emulator = await startEmulator({ scenario, speed: 0, seed: 7 });
  const config = {
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' },
    maxAttempts: opts.maxAttempts ?? 1,
  };
  return { emulator, drs: new DrsClient(config), ec2: new EC2Client(config) };
}

export async function stop(h: Harness): Promise<void> {
  h.drs.destroy();
  h.ec2.destroy();
  await h.emulator.close();
}

/** The demo estate with every launch template's default version already repaired. */
export function repairedDemo(extra = ''): Scenario {
  return parseScenario(`
accountId: "111122223333"
region: us-east-1
startTime: 2025-06-02T09:00:00Z
subnets: [{ id: ${SUBNET}, vpcId: vpc-0a1b2c3d4e5f60001, cidr: 10.0.1.0/24 }]
securityGroups: [{ id: ${SG}, vpcId: vpc-0a1b2c3d4e5f60001 }]
launchTemplates:
  - { id: lt-0d3e0000000000001, versions: [{ subnetId: ${SUBNET}, networkInterfaceGroupIds: [${SG}], instanceType: r6i.large }] }
  - { id: lt-0d3e0000000000002, versions: [{ subnetId: ${SUBNET}, networkInterfaceGroupIds: [${SG}], instanceType: r6i.large }] }
  - { id: lt-0d3e0000000000003, versions: [{ subnetId: ${SUBNET}, networkInterfaceGroupIds: [${SG}], instanceType: m6i.large }] }
sourceServers:
  - { id: ${DB_01}, hostname: db-01.demo.internal, tags: { Tier: db }, launchTemplateId: lt-0d3e0000000000001, sourceIp: 10.0.1.11 }
  - { id: ${DB_02}, hostname: db-02.demo.internal, tags: { Tier: db }, launchTemplateId: lt-0d3e0000000000002 }
  - { id: ${APP_01}, hostname: app-01.demo.internal, tags: { Tier: app }, launchTemplateId: lt-0d3e0000000000003 }
${extra}`);
}

export const MINUTE = 60_000;

/** A drill of the given servers (StartRecovery isDrill, optional job tags); returns the job. */
export async function startDrill(h: Harness, ids: string[], tags?: Record<string, string>): Promise<Job> {
  const out = await h.drs.send(
    new StartRecoveryCommand({
      isDrill: true,
      sourceServers: ids.map((sourceServerID) => ({ sourceServerID })),
      ...(tags ? { tags } : {}),
    }),
  );
  if (!out.job) throw new Error('StartRecovery answered no job');
  return out.job;
}

/** The job as DescribeJobs answers it now. */
export async function describeJob(h: Harness, jobID: string): Promise<Job> {
  const [job] = (await h.drs.send(new DescribeJobsCommand({ filters: { jobIDs: [jobID] } }))).items ?? [];
  if (!job) throw new Error(`DescribeJobs does not list ${jobID}`);
  return job;
}

export async function jobLog(h: Harness, jobID: string): Promise<JobLog[]> {
  return (await h.drs.send(new DescribeJobLogItemsCommand({ jobID }))).items ?? [];
}

/**
 * Moves simulated time in steps of `stepMs` and records the job as DescribeJobs showed it after each
 * step, until it has been COMPLETED for `afterMs` (or `limitMs` passed).
 */
export async function watchJob(
  h: Harness,
  jobID: string,
  opts: { stepMs?: number; afterMs?: number; limitMs?: number } = {},
): Promise<{ at: number; job: Job }[]> {
  const { stepMs = 5_000, afterMs = 0, limitMs = 60 * MINUTE } = opts;
  const seen: { at: number; job: Job }[] = [];
  const t0 = h.emulator.state.clock.now();
  let completedAt: number | undefined;
  while (h.emulator.state.clock.now() - t0 < limitMs) {
    const at = h.emulator.state.clock.now();
    const job = await describeJob(h, jobID);
    seen.push({ at, job });
    if (job.status === 'COMPLETED') completedAt ??= at;
    if (completedAt !== undefined && at - completedAt >= afterMs) break;
    h.emulator.state.advance(stepMs);
  }
  return seen;
}

/** `GET /_emulator/timeline`. */
export async function timelineOf(h: Harness): Promise<Timeline> {
  const res = await fetch(`${h.emulator.url}/_emulator/timeline`);
  if (res.status !== 200) throw new Error(`timeline: HTTP ${res.status}`);
  return (await res.json()) as Timeline;
}

/** A successful launch's log events for one server, in order, as in the capture. */
export const SERVER_LAUNCH_EVENTS = [
  'SNAPSHOT_START',
  'SNAPSHOT_END',
  'CONVERSION_START',
  'CONVERSION_END',
  'LAUNCH_START',
  'LAUNCH_END',
];

/** How DRS renders times (captures/drs-plan-automation-sample_result.json). */
export const DRS_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/;
