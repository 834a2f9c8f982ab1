/**
 * Terminating drill recovery instances already chosen, and the guarded reads cleanup shares. The
 * result is read back from DRS's recovery instances, never from the TERMINATE job (a completed one may
 * list no servers at all).
 */

import { chunk } from '../aws/drs-gateway.js';
import type { DrsGateway, Ec2Gateway, Job, RecoveryInstance } from '../aws/gateways.js';
import { isServerBusy, isThrottling, isTransient, withRetry } from '../aws/retry.js';
import { DRS_BATCH } from '../core/quotas.js';
import type { CleanupReport } from '../core/report.js';
import { errorMessage } from '../errors.js';
import type { Clock, EngineLog } from './types.js';

export interface CleanupDeps {
  drs: DrsGateway;
  /** When given, instances DRS no longer lists are checked on EC2 before they count as gone. */
  ec2?: Ec2Gateway;
  clock: Clock;
  log: EngineLog;
}

export type InstanceResult = CleanupReport['instances'][number];

/** Reads, retried through throttling and 5xx within the cleanup's deadline. */
export function read<T>(deps: CleanupDeps, opts: { deadline: number }, fn: () => Promise<T>): Promise<T> {
  return withRetry(fn, {
    isRetryable: (e) => (isTransient(e) || isThrottling(e)) && deps.clock.now() < opts.deadline,
    maxAttempts: 6,
    baseMs: 1000,
    maxMs: 15_000,
    sleep: (ms) => deps.clock.sleep(ms),
  });
}

export function readRecoveryInstances(
  deps: CleanupDeps,
  sourceServerIds: readonly string[] | undefined,
  opts: { deadline: number },
): Promise<RecoveryInstance[]> {
  return read(deps, opts, () =>
    deps.drs.describeRecoveryInstances(sourceServerIds ? { sourceServerIds: [...sourceServerIds] } : {}),
  );
}

/** Polls `jobIds` until every one is COMPLETED or the deadline comes; returns what was last seen. */
export async function waitForJobs(
  deps: CleanupDeps,
  jobIds: readonly string[],
  opts: { deadline: number; pollIntervalMs?: number },
  initial: ReadonlyMap<string, Job> = new Map(),
): Promise<Map<string, Job>> {
  const seen = new Map(initial);
  while (jobIds.some((id) => seen.get(id)?.status !== 'COMPLETED')) {
    if (deps.clock.now() >= opts.deadline) break;
    await deps.clock.sleep(
      Math.min(opts.pollIntervalMs ?? 5000, Math.max(0, opts.deadline - deps.clock.now())),
    );
    try {
      for (const job of await deps.drs.describeJobs([...jobIds])) if (job.jobID) seen.set(job.jobID, job);
    } catch (e) {
      // The loop tries again until the deadline, which reports what is still unknown.
      deps.log.debug(`Reading the DRS jobs failed, trying again: ${errorMessage(e)}`);
    }
  }
  return seen;
}

/** One line of the cleanup's instance list. */
export function cleanupEntry(ri: RecoveryInstance, result: string): InstanceResult {
  return {
    recoveryInstanceId: ri.recoveryInstanceID ?? '',
    ...(ri.ec2InstanceID ? { ec2InstanceId: ri.ec2InstanceID } : {}),
    ...(ri.sourceServerID ? { sourceServerId: ri.sourceServerID } : {}),
    result,
  };
}

/**
 * Terminates drill recovery instances already chosen by the caller, waits for the TERMINATE jobs
 * within the deadline, and verifies the result from DRS's recovery instances (a COMPLETED TERMINATE
 * job may list no servers at all). Never throws for an AWS failure.
 */
export async function terminateDrillInstances(
  deps: CleanupDeps,
  chosen: readonly RecoveryInstance[],
  opts: { dryRun: boolean; deadline: number; pollIntervalMs?: number },
): Promise<{ terminateJobIds: string[]; instances: InstanceResult[]; allGone: boolean }> {
  const entries = chosen.map((ri) => cleanupEntry(ri, ''));
  if (opts.dryRun) {
    for (const entry of entries) entry.result = 'would terminate';
    return { terminateJobIds: [], instances: entries, allGone: true };
  }
  const terminateJobIds: string[] = [];
  const requested: InstanceResult[] = [];
  for (const batch of chunk(entries, DRS_BATCH.terminateRecoveryInstancesIds)) {
    try {
      const job = await withRetry(
        () => deps.drs.terminateRecoveryInstances(batch.map((e) => e.recoveryInstanceId)),
        {
          isRetryable: (e) => isTransient(e) || isThrottling(e) || isServerBusy(e),
          maxAttempts: 4,
          baseMs: 2000,
          maxMs: 20_000,
          sleep: (ms) => deps.clock.sleep(ms),
        },
      );
      if (job.jobID) terminateJobIds.push(job.jobID);
      requested.push(...batch);
      deps.log.info(`Cleanup: terminating ${batch.length} drill instance(s) in DRS job ${job.jobID ?? '?'}`);
    } catch (e) {
      for (const entry of batch) entry.result = `terminate request failed: ${errorMessage(e)}`;
    }
  }
  const jobs = await waitForJobs(deps, terminateJobIds, opts);
  const running = terminateJobIds.filter((id) => jobs.get(id)?.status !== 'COMPLETED');
  let after: Map<string, RecoveryInstance> | undefined;
  try {
    const servers = [...new Set(requested.flatMap((e) => (e.sourceServerId ? [e.sourceServerId] : [])))];
    const listed = requested.length === 0 ? [] : await readRecoveryInstances(deps, servers, opts);
    after = new Map(listed.map((ri) => [ri.recoveryInstanceID ?? '', ri]));
  } catch (e) {
    deps.log.warning(`Could not read the recovery instances back after terminating: ${errorMessage(e)}`);
  }
  for (const entry of requested) {
    const ri = after?.get(entry.recoveryInstanceId);
    if (after && (!ri || ri.ec2InstanceState === 'TERMINATED')) entry.result = 'terminated';
    else if (running.length > 0) entry.result = `terminating (job ${running.join(', ')} still running)`;
    else if (!after) entry.result = 'terminate requested; the result could not be read back';
    else entry.result = `failed to terminate (EC2 state ${ri?.ec2InstanceState ?? 'unknown'})`;
  }
  return { terminateJobIds, instances: entries, allGone: entries.every((e) => e.result === 'terminated') };
}
