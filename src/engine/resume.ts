/**
 * Resume on re-run. The execution id (`<repository>/<run id>`) is the same for every attempt of one
 * workflow run, and every StartRecovery carries it as a tag with the wave and chunk. A re-run reads
 * the jobs DRS already holds for this execution and hands them to the run loop, which attaches to
 * them instead of starting those chunks again: a runner killed mid-wave costs zero duplicate jobs.
 * DRS is the source of truth here, not the runner's saved state (which dies with the runner).
 */
import type { DrsGateway, Job, RecoveryInstance } from '../aws/gateways.js';
import { parseInstant } from '../core/durations.js';
import { TAG } from '../core/tags.js';
import { indexRecoveryInstances, recoveryInstanceOfJob } from './instances.js';
import { readJobsSince } from './start.js';
import type { Clock } from './types.js';

/**
 * How far back to look for this execution's jobs and for other executions' active ones. GitHub allows
 * re-runs long after a run started, but a job still active after a week is not one this action left.
 */
export const RESUME_LOOKBACK_MS = 7 * 24 * 3600 * 1000;

export interface ResumeDeps {
  drs: DrsGateway;
  clock: Clock;
}

export interface ExecutionJobs {
  /** Recovery jobs an earlier attempt of this execution started (any status), oldest first. */
  own: Job[];
  /** Active recovery jobs of the same plan started by another execution. */
  otherExecutions: Job[];
}

function isRecoveryJob(job: Job): boolean {
  return job.type !== 'TERMINATE' && job.jobID !== undefined;
}

/** Sorts the jobs DRS returned into this execution's own and the same plan's other active ones. Pure. */
export function classifyJobs(jobs: readonly Job[], executionId: string, planName: string): ExecutionJobs {
  const own: Job[] = [];
  const otherExecutions: Job[] = [];
  for (const job of jobs) {
    if (!isRecoveryJob(job)) continue;
    const tags = job.tags ?? {};
    if (tags[TAG.executionId] === executionId) own.push(job);
    else if (tags[TAG.plan] === planName && job.status !== 'COMPLETED') otherExecutions.push(job);
  }
  own.sort((a, b) => (parseInstant(a.creationDateTime) ?? 0) - (parseInstant(b.creationDateTime) ?? 0));
  return { own, otherExecutions };
}

/** One DescribeJobs pass (all pages) over the lookback window, classified. */
export async function findExecutionJobs(
  deps: ResumeDeps,
  executionId: string,
  planName: string,
): Promise<ExecutionJobs> {
  return classifyJobs(await recentJobs(deps), executionId, planName);
}

/** Every job of the lookback window (all pages, retried): what executions DRS still knows of. */
export function recentJobs(deps: ResumeDeps): Promise<Job[]> {
  // AWS's clock when a DRS answer has shown it: the runner's may be off, the emulator's is elsewhere.
  const now = Date.parse(deps.drs.serverTime() ?? new Date(deps.clock.now()).toISOString());
  return readJobsSince(deps, new Date(now - RESUME_LOOKBACK_MS).toISOString());
}

/** Why this run must not start: another execution of the same plan still has active jobs. */
export function concurrentExecutionMessage(planName: string, others: readonly Job[]): string | undefined {
  if (others.length === 0) return undefined;
  const executions = [...new Set(others.map((j) => j.tags?.[TAG.executionId] ?? 'unknown'))];
  const runUrls = [...new Set(others.flatMap((j) => (j.tags?.[TAG.runUrl] ? [j.tags[TAG.runUrl]] : [])))];
  return (
    `Another execution of plan "${planName}" is running (${executions.join(', ')}): DRS job(s) ` +
    `${others.map((j) => j.jobID).join(', ')} are still active. Nothing was started; wait for it to end` +
    `${runUrls.length > 0 ? ` (${runUrls.join(', ')})` : ''} or cancel it, then run again.`
  );
}

/** Key of one chunk of one wave, as the tags on its job name it. */
export function chunkKey(waveName: string, chunkTag: string): string {
  return `${waveName}\u0000${chunkTag}`;
}

/**
 * This execution's earlier jobs by wave and chunk. When one chunk somehow has two jobs (a lost answer
 * adopted late), the oldest wins: it is the one whose servers DRS launched first.
 */
export function priorJobsByChunk(own: readonly Job[]): Map<string, Job> {
  const byChunk = new Map<string, Job>();
  for (const job of own) {
    const wave = job.tags?.[TAG.wave];
    const chunk = job.tags?.[TAG.chunk];
    if (!wave || !chunk) continue;
    const key = chunkKey(wave, chunk);
    if (!byChunk.has(key)) byChunk.set(key, job);
  }
  return byChunk;
}

/** One line for people about what a re-run attached to. */
export function resumeNote(own: readonly Job[]): string | undefined {
  if (own.length === 0) return undefined;
  const active = own.filter((j) => j.status !== 'COMPLETED').length;
  return (
    `Resumed: an earlier attempt of this execution started ${own.length} DRS job(s) ` +
    `(${own.map((j) => j.jobID).join(', ')}; ${active} still active). This attempt attached to them ` +
    'instead of starting them again; health times of their servers are when this attempt observed them.'
  );
}

/** (job, source server) pairs the jobs say they launched. */
export function launchedServers(jobs: readonly Job[]): { jobId: string; sourceServerId: string }[] {
  return jobs.flatMap((j) =>
    (j.participatingServers ?? []).flatMap((p) =>
      p.launchStatus === 'LAUNCHED' && p.sourceServerID && j.jobID
        ? [{ jobId: j.jobID, sourceServerId: p.sourceServerID }]
        : [],
    ),
  );
}

/**
 * An earlier attempt that ran to its end and cleaned up leaves COMPLETED jobs whose instances are gone.
 * Attaching to them would wait for instances that will never appear: say so instead. `instances` are
 * the recovery instances DRS lists now for those jobs' servers; each launch is matched by its job id
 * (DRS may never have named the instance in the job). Pure.
 */
export function finishedExecutionMessage(
  own: readonly Job[],
  instances: readonly RecoveryInstance[],
): string | undefined {
  if (own.length === 0 || own.some((j) => j.status !== 'COMPLETED')) return undefined;
  const index = indexRecoveryInstances(instances);
  const gone = launchedServers(own).filter(
    (l) => recoveryInstanceOfJob(index, l.jobId, l.sourceServerId) === undefined,
  );
  if (gone.length === 0) return undefined;
  return (
    `An earlier attempt of this workflow run already ran this plan to its end: its ${own.length} DRS ` +
    `job(s) (${own.map((j) => j.jobID).join(', ')}) are complete and ${gone.length} of their recovery ` +
    'instances were terminated since. A re-run resumes that execution rather than starting a new one, ' +
    'so nothing was started: start a new workflow run to run the plan again.'
  );
}

/** Reads which of the instances the jobs launched still exist, and returns the refusal if any are gone. */
export async function checkFinishedExecution(
  deps: ResumeDeps,
  own: readonly Job[],
): Promise<string | undefined> {
  if (own.length === 0 || own.some((j) => j.status !== 'COMPLETED')) return undefined;
  const servers = [...new Set(launchedServers(own).map((l) => l.sourceServerId))];
  if (servers.length === 0) return undefined;
  return finishedExecutionMessage(
    own,
    await deps.drs.describeRecoveryInstances({ sourceServerIds: servers }),
  );
}

/** Why this run must not start: another execution of the plan runs, or this one already ended. */
export async function executionRefusal(
  deps: ResumeDeps,
  planName: string,
  prior: ExecutionJobs,
): Promise<string | undefined> {
  return (
    concurrentExecutionMessage(planName, prior.otherExecutions) ??
    (await checkFinishedExecution(deps, prior.own))
  );
}
