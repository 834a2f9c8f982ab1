/**
 * A re-implementation of the polling scheme the existing DRS orchestrators use (not their code):
 * waves strictly one after another; each wave's jobs started, then every job polled with its own
 * DescribeJobs on a fixed interval until COMPLETED; then the wave's recovery instances read once per
 * job and their EC2 status checks polled on the same fixed interval (the same success criterion as
 * the action's `healthCheck: ec2-status`), then the next wave. It talks to the emulator through the
 * real SDK clients so its calls land in the same call log as the action's.
 */
import {
  DescribeJobsCommand,
  DescribeRecoveryInstancesCommand,
  DrsClient,
  type Job,
  StartRecoveryCommand,
} from '@aws-sdk/client-drs';
import { DescribeInstanceStatusCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { PlanWave } from './plans.js';
import { WAVE_TAG } from './timeline.js';

export interface AnchorOptions {
  endpoint: string;
  /** Waves in the order they run (see forcedSerial). */
  waves: readonly PlanWave[];
  /** The fixed poll interval, real ms (30 s of simulated time at the emulator's speed). */
  pollMs: number;
  /** Servers per StartRecovery (DRS: 100). */
  chunk?: number;
}

export interface AnchorResult {
  wallMs: number;
  succeeded: boolean;
  failures: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function waitForJobs(drs: DrsClient, jobIds: string[], pollMs: number): Promise<Job[]> {
  const final = new Map<string, Job>();
  while (final.size < jobIds.length) {
    await sleep(pollMs);
    // One DescribeJobs per job: the per-resource polling this scheme is known for.
    for (const jobID of jobIds) {
      if (final.has(jobID)) continue;
      const out = await drs.send(new DescribeJobsCommand({ filters: { jobIDs: [jobID] } }));
      const job = out.items?.[0];
      if (job?.status === 'COMPLETED') final.set(jobID, job);
    }
  }
  return jobIds.map((id) => final.get(id) as Job);
}

async function ec2IdsOf(drs: DrsClient, job: Job): Promise<string[]> {
  const launched = (job.participatingServers ?? [])
    .filter((s) => s.launchStatus === 'LAUNCHED')
    .map((s) => s.sourceServerID)
    .filter((id): id is string => id !== undefined);
  if (launched.length === 0) return [];
  const out = await drs.send(
    new DescribeRecoveryInstancesCommand({ filters: { sourceServerIDs: launched }, maxResults: 200 }),
  );
  return (out.items ?? [])
    .filter((r) => r.jobID === job.jobID)
    .map((r) => r.ec2InstanceID)
    .filter((id): id is string => id !== undefined);
}

async function waitForStatusChecks(ec2: EC2Client, ids: string[], pollMs: number): Promise<void> {
  const pending = new Set(ids);
  while (pending.size > 0) {
    await sleep(pollMs);
    for (const batch of chunks([...pending], 100)) {
      const out = await ec2.send(
        new DescribeInstanceStatusCommand({ InstanceIds: batch, IncludeAllInstances: true }),
      );
      for (const s of out.InstanceStatuses ?? []) {
        const ok = s.InstanceStatus?.Status === 'ok' && s.SystemStatus?.Status === 'ok';
        const settled = ok || s.InstanceStatus?.Status === 'impaired';
        if (settled && s.InstanceId) pending.delete(s.InstanceId);
      }
    }
  }
}

/** Runs the waves the anchors' way against the emulator at `endpoint`. */
export async function runAnchorScheme(opts: AnchorOptions): Promise<AnchorResult> {
  const config = {
    endpoint: opts.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDANCHORS', secretAccessKey: 'emulator-secret' },
  };
  const drs = new DrsClient(config);
  const ec2 = new EC2Client(config);
  const failures: string[] = [];
  const t0 = Date.now();
  try {
    for (const wave of opts.waves) {
      const jobIds: string[] = [];
      for (const servers of chunks(wave.sourceServerIds, opts.chunk ?? 100)) {
        const out = await drs.send(
          new StartRecoveryCommand({
            isDrill: true,
            sourceServers: servers.map((sourceServerID) => ({ sourceServerID })),
            tags: { [WAVE_TAG]: wave.name },
          }),
        );
        if (out.job?.jobID) jobIds.push(out.job.jobID);
      }
      const jobs = await waitForJobs(drs, jobIds, opts.pollMs);
      const ec2Ids: string[] = [];
      for (const job of jobs) {
        const failed = (job.participatingServers ?? []).filter((s) => s.launchStatus !== 'LAUNCHED');
        if (failed.length > 0) failures.push(`wave ${wave.name}: ${failed.length} server(s) not launched`);
        ec2Ids.push(...(await ec2IdsOf(drs, job)));
      }
      await waitForStatusChecks(ec2, ec2Ids, opts.pollMs);
      if (failures.length > 0) break;
    }
  } finally {
    drs.destroy();
    ec2.destroy();
  }
  return { wallMs: Date.now() - t0, succeeded: failures.length === 0, failures };
}
