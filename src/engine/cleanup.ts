/**
 * Terminates the drill instances a run launched, once the evidence is captured. Drills launch real,
 * billed EC2 instances and DRS never terminates them on its own. The guardrail: an instance is
 * terminated only if DRS itself says it is a drill instance (`isDrill === true`) and it was created by
 * one of this run's jobs. IAM cannot express that, so it is checked here, right before terminating.
 */
import type { DrsGateway, Job, RecoveryInstance } from '../aws/gateways.js';
import { isConflict, isTransient, withRetry } from '../aws/retry.js';
import { errorMessage } from '../errors.js';
import type { CleanupPolicy } from '../modes.js';
import type { CleanupReport, Report } from '../report/types.js';
import { DRS_BATCH } from './quotas.js';
import type { Clock, EngineLog } from './types.js';

export interface CleanupDeps {
  drs: DrsGateway;
  clock: Clock;
  log: EngineLog;
}

export interface CleanupOptions {
  policy: CleanupPolicy;
  dryRun: boolean;
  /** Epoch ms (deps.clock) by which cleanup must return, finished or not. */
  deadline: number;
  /** How often to poll the TERMINATE jobs. */
  pollIntervalMs?: number;
}

type InstanceResult = CleanupReport['instances'][number];

function skipped(policy: CleanupPolicy, reason: string): CleanupReport {
  return { policy, status: 'skipped', reason, terminateJobIds: [], instances: [] };
}

/** Why cleanup does not run for this report, or undefined when it should. */
export function cleanupSkipReason(report: Report, policy: CleanupPolicy): string | undefined {
  if (!report.isDrill || report.mode === 'recovery') return 'a recovery never cleans up its instances';
  if (policy === 'never') return 'cleanup is "never": the drill instances are left running';
  if (policy === 'on-success' && report.status !== 'succeeded') {
    return `cleanup is "on-success" and the run ${report.status}: the drill instances are left for inspection`;
  }
  return undefined;
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function verify(ri: RecoveryInstance | undefined, runJobIds: ReadonlySet<string>): string | undefined {
  if (!ri) return 'not found in DRS (already terminated?)';
  if (ri.isDrill !== true) return 'left alone: DRS does not mark it as a drill instance';
  if (!ri.jobID || !runJobIds.has(ri.jobID)) return 'left alone: it was not launched by this run';
  return undefined;
}

async function waitForJobs(
  deps: CleanupDeps,
  jobIds: string[],
  opts: CleanupOptions,
): Promise<Map<string, Job>> {
  const seen = new Map<string, Job>();
  while (jobIds.some((id) => seen.get(id)?.status !== 'COMPLETED')) {
    if (deps.clock.now() >= opts.deadline) break;
    await deps.clock.sleep(
      Math.min(opts.pollIntervalMs ?? 5000, Math.max(0, opts.deadline - deps.clock.now())),
    );
    try {
      for (const job of await deps.drs.describeJobs(jobIds)) if (job.jobID) seen.set(job.jobID, job);
    } catch (e) {
      deps.log.warning(`Reading the terminate jobs failed, trying again: ${errorMessage(e)}`);
    }
  }
  return seen;
}

function resultFor(job: Job | undefined, sourceServerId: string | undefined): string {
  if (!job) return 'terminate job not seen';
  if (job.status !== 'COMPLETED') return `terminating (job ${job.jobID} still ${job.status ?? 'PENDING'})`;
  const participant = job.participatingServers?.find((p) => p.sourceServerID === sourceServerId);
  return participant?.launchStatus === 'FAILED' ? 'failed to terminate' : 'terminated';
}

/** Terminate this run's drill instances per the cleanup policy. Never throws for an AWS failure. */
export async function cleanupDrillInstances(
  deps: CleanupDeps,
  report: Report,
  opts: CleanupOptions,
): Promise<CleanupReport> {
  const reason = cleanupSkipReason(report, opts.policy);
  if (reason) return skipped(opts.policy, reason);

  const runJobIds = new Set(report.waves.flatMap((w) => w.jobs.map((j) => j.jobId)));
  const servers = report.waves.flatMap((w) => w.servers).filter((s) => s.recoveryInstanceId !== undefined);
  const result: CleanupReport = {
    policy: opts.policy,
    status: 'succeeded',
    terminateJobIds: [],
    instances: [],
  };
  if (servers.length === 0) return { ...result, reason: 'this run launched no instances' };

  let found: RecoveryInstance[];
  try {
    found = await deps.drs.describeRecoveryInstances({
      recoveryInstanceIds: servers.map((s) => s.recoveryInstanceId ?? ''),
    });
  } catch (e) {
    return {
      ...result,
      status: 'failed',
      reason: `could not read the recovery instances: ${errorMessage(e)}`,
    };
  }
  const byId = new Map(found.map((ri) => [ri.recoveryInstanceID ?? '', ri]));
  const toTerminate: InstanceResult[] = [];
  for (const s of servers) {
    const recoveryInstanceId = s.recoveryInstanceId ?? '';
    const entry: InstanceResult = {
      recoveryInstanceId,
      ...(s.ec2InstanceId ? { ec2InstanceId: s.ec2InstanceId } : {}),
      sourceServerId: s.sourceServerId,
      result: '',
    };
    const problem = verify(byId.get(recoveryInstanceId), runJobIds);
    if (problem) entry.result = problem;
    else toTerminate.push(entry);
    result.instances.push(entry);
  }

  if (opts.dryRun) {
    for (const entry of toTerminate) entry.result = 'would terminate';
    return { ...result, status: 'dry-run' };
  }

  const jobOf = new Map<string, string>();
  for (const batch of batches(toTerminate, DRS_BATCH.terminateRecoveryInstancesIds)) {
    try {
      const job = await withRetry(
        () => deps.drs.terminateRecoveryInstances(batch.map((e) => e.recoveryInstanceId)),
        {
          isRetryable: (e) => isTransient(e) || isConflict(e),
          maxAttempts: 4,
          baseMs: 2000,
          maxMs: 20_000,
          sleep: (ms) => deps.clock.sleep(ms),
        },
      );
      if (job.jobID) {
        result.terminateJobIds.push(job.jobID);
        for (const e of batch) jobOf.set(e.recoveryInstanceId, job.jobID);
      }
      deps.log.info(`Cleanup: terminating ${batch.length} drill instance(s) in DRS job ${job.jobID ?? '?'}`);
    } catch (e) {
      for (const entry of batch) entry.result = `terminate request failed: ${errorMessage(e)}`;
    }
  }

  const jobs = await waitForJobs(deps, result.terminateJobIds, opts);
  for (const entry of toTerminate) {
    const jobId = jobOf.get(entry.recoveryInstanceId);
    if (jobId) entry.result = resultFor(jobs.get(jobId), entry.sourceServerId);
  }
  const allGone = toTerminate.every((e) => e.result === 'terminated');
  if (!allGone) {
    result.status = 'failed';
    result.reason = 'some drill instances were not confirmed terminated; see the instance list';
  }
  return result;
}

/**
 * For the cleanup mode: the drill instances of the given source servers, optionally only those older
 * than `olderThanSeconds`. Age is taken from `launchTimes` (EC2 LaunchTime by ec2InstanceId) when
 * given; without a launch time an age filter keeps the instance out (never terminate on a guess).
 */
export function selectDrillInstancesForCleanup(
  instances: readonly RecoveryInstance[],
  opts: {
    sourceServerIds: ReadonlySet<string>;
    olderThanSeconds?: number;
    now: string;
    launchTimes?: ReadonlyMap<string, string>;
  },
): RecoveryInstance[] {
  const now = Date.parse(opts.now);
  return instances.filter((ri) => {
    if (ri.isDrill !== true) return false;
    if (!ri.sourceServerID || !opts.sourceServerIds.has(ri.sourceServerID)) return false;
    if (opts.olderThanSeconds === undefined) return true;
    const launchedAt = ri.ec2InstanceID ? opts.launchTimes?.get(ri.ec2InstanceID) : undefined;
    if (launchedAt === undefined) return false;
    return now - Date.parse(launchedAt) >= opts.olderThanSeconds * 1000;
  });
}
