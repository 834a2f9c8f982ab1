/**
 * One StartRecovery attempt for one chunk of a wave, and what to do when it does not go through.
 * The run loop calls `attemptStart` whenever the chunk's next attempt is due, so waits never block
 * polling of the jobs already running.
 *
 * StartRecovery has no client token: after a 5xx, a timeout, a dropped connection or an answer that
 * names no job, the job may exist even though we never learnt its id. Before starting again we look
 * for it by its tags and adopt it.
 */
import {
  type DrsGateway,
  type Job,
  type StartRecoveryRequest,
  StartRecoveryWithoutJobError,
} from '../aws/gateways.js';
import {
  isConflict,
  isServerBusy,
  isThrottling,
  isTransient,
  retryAfterMs,
  withRetry,
} from '../aws/retry.js';
import { retryDelayMs } from '../core/backoff.js';
import { cutTagValue, TAG } from '../core/tags.js';
import { errorMessage } from '../errors.js';
import type { Clock, ResolvedServer, RunContext } from './types.js';

export interface ChunkSpec {
  planName: string;
  waveName: string;
  waveIndex: number;
  /** 0-based. */
  chunkIndex: number;
  chunkCount: number;
  servers: readonly ResolvedServer[];
}

/** Mutable per-chunk bookkeeping between attempts. */
export interface ChunkStartState {
  attempts: number;
  /** Injected-clock ms when the next attempt is due. */
  nextAttemptAtMs: number;
  /** ISO time a little before the first call whose answer was lost; set = look for the job first. */
  ambiguousSince?: string;
}

export type StartAttempt =
  | { kind: 'started'; job: Job; adopted: boolean }
  | { kind: 'wait'; delayMs: number; reason: string }
  | { kind: 'failed'; message: string };

export interface StartDeps {
  drs: DrsGateway;
  clock: Clock;
  random?: () => number;
}

/** How far before a lost call to look for its job: covers clock skew between runner and AWS. */
const LOOKBACK_MS = 5 * 60_000;

export function chunkTagValue(chunkIndex: number, chunkCount: number): string {
  return `${chunkIndex + 1}/${chunkCount}`;
}

/** The tags of a StartRecovery (product spec "Tags"); values cut to DRS's 256 characters. */
export function buildStartTags(ctx: RunContext, chunk: ChunkSpec, startedAt: string): Record<string, string> {
  const tags: Record<string, string | undefined> = {
    [TAG.executionId]: ctx.executionId,
    [TAG.mode]: ctx.mode,
    [TAG.plan]: chunk.planName,
    [TAG.wave]: chunk.waveName,
    [TAG.waveIndex]: String(chunk.waveIndex),
    [TAG.chunk]: chunkTagValue(chunk.chunkIndex, chunk.chunkCount),
    [TAG.initiatedBy]: ctx.initiatedBy,
    [TAG.repository]: ctx.repository,
    [TAG.runUrl]: ctx.runUrl,
    [TAG.commit]: ctx.commit,
    [TAG.startedAt]: startedAt,
    [TAG.step]: ctx.step,
  };
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    if (value !== undefined && value !== '') result[key] = cutTagValue(value);
  }
  return result;
}

export function buildStartRequest(
  ctx: RunContext,
  chunk: ChunkSpec,
  startedAt: string,
): StartRecoveryRequest {
  return {
    sourceServers: chunk.servers.map((s) => {
      const snapshot = s.spec.snapshot ?? s.recoverySnapshot?.id;
      return snapshot
        ? { sourceServerID: s.sourceServerId, recoverySnapshotID: snapshot }
        : { sourceServerID: s.sourceServerId };
    }),
    isDrill: ctx.isDrill,
    tags: buildStartTags(ctx, chunk, startedAt),
  };
}

/** The job this chunk started, found by the tags that identify it (execution, wave, chunk). */
export function findJobByTags(jobs: readonly Job[], tags: Record<string, string>): Job | undefined {
  const keys = [TAG.executionId, TAG.wave, TAG.chunk];
  return jobs.find(
    (job) =>
      job.type !== 'TERMINATE' && keys.every((k) => tags[k] !== undefined && job.tags?.[k] === tags[k]),
  );
}

function nowIso(deps: StartDeps): string {
  return deps.drs.serverTime() ?? new Date(deps.clock.now()).toISOString();
}

function isQuotaExceeded(e: unknown): boolean {
  return (
    typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ServiceQuotaExceededException'
  );
}

/** The wait after a failed attempt: half fixed, half jittered (never zero, still spread out), and never
 * shorter than a throttling answer's Retry-After. */
function backoff(deps: StartDeps, e: unknown, attempt: number, baseMs: number, maxMs: number): number {
  return retryDelayMs(
    attempt,
    { baseMs, maxMs, floorMs: Math.ceil(baseMs / 2) },
    { retryAfterMs: retryAfterMs(e), random: deps.random },
  );
}

/** Jobs created since `since`, retrying transient read failures: the look-up resume and lost answers share. */
export function readJobsSince(deps: StartDeps, since: string): Promise<Job[]> {
  return withRetry(() => deps.drs.describeJobsSince(since), {
    isRetryable: isTransient,
    maxAttempts: 3,
    baseMs: 1000,
    maxMs: 10_000,
    sleep: (ms) => deps.clock.sleep(ms),
    ...(deps.random ? { random: deps.random } : {}),
  });
}

async function lookForLostJob(
  deps: StartDeps,
  since: string,
  tags: Record<string, string>,
): Promise<Job | undefined> {
  return findJobByTags(await readJobsSince(deps, since), tags);
}

/**
 * One attempt. Mutates `state` (attempt count, ambiguity) and returns what happened; the caller
 * schedules the next attempt from `delayMs` and bounds the whole by the wave's timeout.
 */
export async function attemptStart(
  deps: StartDeps,
  request: StartRecoveryRequest,
  state: ChunkStartState,
): Promise<StartAttempt> {
  state.attempts += 1;
  const attempt = state.attempts;
  if (state.ambiguousSince !== undefined) {
    try {
      const job = await lookForLostJob(deps, state.ambiguousSince, request.tags);
      if (job) return { kind: 'started', job, adopted: true };
    } catch (e) {
      // Cannot tell whether the job exists: starting now could duplicate it, so wait and look again.
      return {
        kind: 'wait',
        delayMs: backoff(deps, e, attempt, 2000, 30_000),
        reason: `could not check whether the previous StartRecovery created a job: ${errorMessage(e)}`,
      };
    }
  }

  const callAt = new Date(Date.parse(nowIso(deps)) - LOOKBACK_MS).toISOString();
  try {
    const job = await deps.drs.startRecovery(request);
    return { kind: 'started', job, adopted: false };
  } catch (e) {
    return afterFailedStart(deps, e, attempt, state, callAt);
  }
}

/** What a StartRecovery that failed with `e` means: wait (and maybe look for its job first), or fail. */
function afterFailedStart(
  deps: StartDeps,
  e: unknown,
  attempt: number,
  state: ChunkStartState,
  callAt: string,
): StartAttempt {
  if (isThrottling(e)) {
    return {
      kind: 'wait',
      delayMs: backoff(deps, e, attempt, 1000, 30_000),
      reason: `StartRecovery was throttled (${errorMessage(e)})`,
    };
  }
  if (isServerBusy(e)) {
    return {
      kind: 'wait',
      delayMs: backoff(deps, e, attempt, 10_000, 60_000),
      reason: `a server is still in another DRS job (ConflictException: ${errorMessage(e)})`,
    };
  }
  if (isConflict(e)) {
    // Any other conflict (e.g. a server in failback, an ARN in use) will not pass by waiting.
    return { kind: 'failed', message: `StartRecovery was refused (ConflictException): ${errorMessage(e)}` };
  }
  if (isQuotaExceeded(e)) {
    return {
      kind: 'wait',
      delayMs: backoff(deps, e, attempt, 15_000, 60_000),
      reason: `DRS quotas are full; waiting for active jobs to finish (${errorMessage(e)})`,
    };
  }
  if (isTransient(e) || e instanceof StartRecoveryWithoutJobError) {
    if (state.ambiguousSince === undefined) state.ambiguousSince = callAt;
    const what =
      e instanceof StartRecoveryWithoutJobError
        ? errorMessage(e)
        : `StartRecovery's answer was lost (${errorMessage(e)})`;
    return {
      kind: 'wait',
      delayMs: backoff(deps, e, attempt, 2000, 30_000),
      reason: `${what}; looking for the job by its tags before trying again`,
    };
  }
  return { kind: 'failed', message: `StartRecovery failed: ${errorMessage(e)}` };
}
