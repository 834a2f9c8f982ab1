/**
 * One poll tick: what DRS and EC2 say about this run's jobs and instances now. The number of DRS
 * calls per tick does not grow with the number of servers: one DescribeJobs for every active job,
 * job logs only for jobs that changed, recovery instances only for newly seen ids.
 * A failed read is never the end of the run: the next tick tries again (a warning if it keeps failing).
 */
import type {
  DrsGateway,
  Ec2Gateway,
  Instance,
  InstanceStatus,
  Job,
  JobLog,
  RecoveryInstance,
} from '../aws/gateways.js';
import { isThrottling, retryAfterMs } from '../aws/retry.js';
import { honourRetryAfter } from '../core/backoff.js';
import { toUtcIso } from '../core/durations.js';
import { errorMessage } from '../errors.js';
import {
  appearsLaunched,
  indexRecoveryInstances,
  type LaunchedInstanceRef,
  launchEnds,
  resolveLaunchedInstance,
} from './instances.js';
import type { Clock } from './types.js';

export interface TrackedJob {
  jobId: string;
  waveName: string;
  sourceServerIds: string[];
  job?: Job;
  logs: JobLog[];
  /** launchEnds(logs): the instance each LAUNCH_END names, by source server. */
  launchEnds?: Map<string, string | undefined>;
  /** What the job looked like when its log was last read. */
  logSignature?: string;
  /** COMPLETED, its last log read and no post-launch action still running: no more calls for it. */
  final: boolean;
  /** When the job was first seen COMPLETED: its endDateTime, else AWS's clock at that answer. */
  completedAt?: string;
}

export interface PollState {
  jobs: Map<string, TrackedJob>;
  /** Every recovery instance read, by source server (other runs' included: resolution matches the job). */
  recoveryInstances: Map<string, RecoveryInstance[]>;
  /** By ec2InstanceId. */
  instances: Map<string, Instance>;
  /** By ec2InstanceId. */
  statuses: Map<string, InstanceStatus>;
  /** ec2InstanceIds already tagged (or tried). */
  tagged: Set<string>;
  /** Consecutive failures of each read, by what was read. */
  readFailures: Map<string, number>;
}

export function newPollState(): PollState {
  return {
    jobs: new Map(),
    recoveryInstances: new Map(),
    instances: new Map(),
    statuses: new Map(),
    tagged: new Set(),
    readFailures: new Map(),
  };
}

export interface PollDeps {
  drs: DrsGateway;
  ec2: Ec2Gateway;
  clock: Clock;
}

export interface TickOptions {
  /** EC2 instances whose health is still pending: describe them (state). */
  awaitingHealth: readonly string[];
  /** Of those, the ones whose check needs the status checks (DescribeInstanceStatus). */
  awaitingStatusChecks: readonly string[];
  /** Tags put once on every EC2 instance this run launched. */
  instanceTags: Record<string, string>;
}

export interface TickResult {
  moved: boolean;
  /** The longest Retry-After a throttled read asked for. */
  retryAfterMs?: number;
  warnings: string[];
  /** Read failures the next poll may get past (throttling, 5xx): debug lines. */
  debug: string[];
}

/**
 * AWS's clock: the later of the two gateways' latest `Date` headers, else the injected clock. The later
 * one, because once every job is COMPLETED only EC2 is still polled (health checks): DRS's last answer
 * then lies in the past, and a health check stamped with it would shorten the measured RTO.
 */
export function awsNow(deps: { drs: DrsGateway; ec2: Ec2Gateway; clock: Clock }): string {
  const times = [deps.drs.serverTime(), deps.ec2.serverTime()].filter((t): t is string => t !== undefined);
  if (times.length === 0) return new Date(deps.clock.now()).toISOString();
  return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}

export function jobSignature(job: Job): string {
  const servers = (job.participatingServers ?? [])
    .map((s) => {
      const actions = (s.launchActionsStatus?.runs ?? []).map((r) => `${r.runId ?? ''}=${r.status ?? ''}`);
      return `${s.sourceServerID}:${s.launchStatus ?? ''}:${s.recoveryInstanceID ?? ''}:${actions.join('+')}`;
    })
    .sort();
  return `${job.status ?? ''}|${servers.join(',')}`;
}

/** Post-launch actions DRS is still running on the job's servers: their results come later. */
export function launchActionsRunning(job: Job): boolean {
  return (job.participatingServers ?? []).some((p) =>
    (p.launchActionsStatus?.runs ?? []).some((r) => r.status === 'IN_PROGRESS'),
  );
}

/** Remember recovery instances read from DRS, replacing earlier reads of the same instance. */
export function rememberRecoveryInstances(state: PollState, found: Iterable<RecoveryInstance>): void {
  const fresh = indexRecoveryInstances(found);
  for (const [sourceServerId, list] of fresh) {
    const merged = indexRecoveryInstances([...(state.recoveryInstances.get(sourceServerId) ?? []), ...list]);
    state.recoveryInstances.set(sourceServerId, merged.get(sourceServerId) ?? list);
  }
}

/** The instance a tracked job launched for one of its servers, from every source seen so far. */
export function launchedInstance(
  state: PollState,
  jobId: string,
  sourceServerId: string,
): LaunchedInstanceRef {
  const tracked = state.jobs.get(jobId);
  const participant = tracked?.job?.participatingServers?.find((p) => p.sourceServerID === sourceServerId);
  return resolveLaunchedInstance({
    jobId,
    sourceServerId,
    ...(participant ? { participant } : {}),
    ends: tracked?.launchEnds ?? new Map(),
    recoveryInstances: state.recoveryInstances,
  });
}

/** Whether DRS says the tracked job launched this server (job view or LAUNCH_END). */
export function isLaunched(state: PollState, jobId: string, sourceServerId: string): boolean {
  const tracked = state.jobs.get(jobId);
  const participant = tracked?.job?.participatingServers?.find((p) => p.sourceServerID === sourceServerId);
  return appearsLaunched(participant, tracked?.launchEnds ?? new Map(), sourceServerId);
}

/** EC2 ids of every instance the tracked jobs launched, as far as known. */
function launchedEc2Ids(state: PollState): string[] {
  const ids: string[] = [];
  for (const tracked of state.jobs.values()) {
    for (const sourceServerId of tracked.sourceServerIds) {
      const id = launchedInstance(state, tracked.jobId, sourceServerId).ec2InstanceId;
      if (id) ids.push(id);
    }
  }
  return ids;
}

/** Failures in a row of one read before a warning: one the next poll gets past is a debug line. */
export const READ_FAILURES_BEFORE_WARNING = 3;

class TickContext {
  moved = false;
  retryAfterMs: number | undefined;
  warnings: string[] = [];
  debug: string[] = [];

  constructor(private readonly failures: Map<string, number>) {}

  /** `once`: a read that is not tried again, so its failure is a warning at once. */
  async read<T>(what: string, fn: () => Promise<T>, once = false): Promise<T | undefined> {
    try {
      const result = await fn();
      this.failures.delete(what);
      return result;
    } catch (e) {
      if (isThrottling(e)) {
        const hint = retryAfterMs(e);
        if (hint !== undefined) this.retryAfterMs = Math.max(this.retryAfterMs ?? 0, hint);
      }
      const count = (this.failures.get(what) ?? 0) + 1;
      this.failures.set(what, count);
      const text = `${what} failed, trying again on the next poll: ${errorMessage(e)}`;
      if (once) this.warnings.push(`${what} failed: ${errorMessage(e)}`);
      else if (count === READ_FAILURES_BEFORE_WARNING)
        this.warnings.push(`${what} failed ${count} polls in a row, still trying: ${errorMessage(e)}`);
      else this.debug.push(text);
      return undefined;
    }
  }
}

async function pollJobs(deps: PollDeps, state: PollState, ctx: TickContext): Promise<void> {
  const active = [...state.jobs.values()].filter((j) => !j.final);
  if (active.length === 0) return;
  const jobs = await ctx.read('DescribeJobs', () => deps.drs.describeJobs(active.map((j) => j.jobId)));
  for (const job of jobs ?? []) {
    const tracked = job.jobID === undefined ? undefined : state.jobs.get(job.jobID);
    if (!tracked) continue;
    const before = tracked.job ? jobSignature(tracked.job) : undefined;
    tracked.job = job;
    if (job.status === 'COMPLETED' && tracked.completedAt === undefined)
      tracked.completedAt = toUtcIso(job.endDateTime) ?? deps.drs.serverTime() ?? awsNow(deps);
    const signature = jobSignature(job);
    if (signature !== before) ctx.moved = true;
    if (tracked.logSignature !== signature) {
      const logs = await ctx.read(`DescribeJobLogItems ${tracked.jobId}`, () =>
        deps.drs.describeJobLogItems(tracked.jobId),
      );
      if (logs) {
        tracked.logs = logs;
        tracked.launchEnds = launchEnds(logs);
        tracked.logSignature = signature;
      }
    }
    tracked.final =
      job.status === 'COMPLETED' && tracked.logSignature === signature && !launchActionsRunning(job);
  }
}

/**
 * Recovery instances of servers DRS says were launched but whose instance of this job is not known yet:
 * looked up by source server (DRS may never put recoveryInstanceID in the job) and matched by jobID.
 */
async function pollRecoveryInstances(deps: PollDeps, state: PollState, ctx: TickContext): Promise<void> {
  const wanted = new Set<string>();
  for (const tracked of state.jobs.values()) {
    for (const sourceServerId of tracked.sourceServerIds) {
      if (!isLaunched(state, tracked.jobId, sourceServerId)) continue;
      const ref = launchedInstance(state, tracked.jobId, sourceServerId);
      if (!ref.recoveryInstance?.ec2InstanceID) wanted.add(sourceServerId);
    }
  }
  if (wanted.size === 0) return;
  const found = await ctx.read('DescribeRecoveryInstances', () =>
    deps.drs.describeRecoveryInstances({ sourceServerIds: [...wanted] }),
  );
  if (!found) return;
  const before = new Set(launchedEc2Ids(state));
  rememberRecoveryInstances(state, found);
  if (launchedEc2Ids(state).some((id) => !before.has(id))) ctx.moved = true;
}

async function tagNewInstances(
  deps: PollDeps,
  state: PollState,
  ctx: TickContext,
  tags: Record<string, string>,
) {
  const fresh = [...new Set(launchedEc2Ids(state))].filter((id) => !state.tagged.has(id));
  if (fresh.length === 0) return;
  // Tried once: a missing ec2:CreateTags must cost one warning, not one per poll.
  for (const id of fresh) state.tagged.add(id);
  const what = 'Tagging the recovery instances (ec2:CreateTags)';
  await ctx.read(what, () => deps.ec2.createTags(fresh, tags), true);
}

function instanceSignature(i?: Instance, s?: InstanceStatus): string {
  return `${i?.State?.Name ?? ''}|${s?.InstanceState?.Name ?? ''}|${s?.InstanceStatus?.Status ?? ''}|${s?.SystemStatus?.Status ?? ''}`;
}

async function pollInstances(deps: PollDeps, state: PollState, ctx: TickContext, opts: TickOptions) {
  const unseen = [...new Set(launchedEc2Ids(state))].filter((id) => !state.instances.has(id));
  // DescribeInstanceStatus (IncludeAllInstances) also gives the instance state, so an instance waiting
  // for its status checks needs DescribeInstances only once, for its launch time.
  const byStatus = new Set(opts.awaitingStatusChecks);
  const describeIds = [
    ...new Set([
      ...unseen,
      ...opts.awaitingHealth.filter((id) => !byStatus.has(id) || !state.instances.has(id)),
    ]),
  ];
  if (describeIds.length > 0) {
    const instances = await ctx.read('DescribeInstances', () => deps.ec2.describeInstances(describeIds));
    for (const instance of instances ?? []) {
      if (!instance.InstanceId) continue;
      const id = instance.InstanceId;
      if (instanceSignature(state.instances.get(id)) !== instanceSignature(instance)) ctx.moved = true;
      state.instances.set(id, instance);
    }
  }
  if (opts.awaitingStatusChecks.length > 0) {
    const ids = [...opts.awaitingStatusChecks];
    const statuses = await ctx.read('DescribeInstanceStatus', () => deps.ec2.describeInstanceStatus(ids));
    for (const status of statuses ?? []) {
      if (!status.InstanceId) continue;
      const id = status.InstanceId;
      if (instanceSignature(undefined, state.statuses.get(id)) !== instanceSignature(undefined, status)) {
        ctx.moved = true;
      }
      state.statuses.set(id, status);
      const instance = state.instances.get(id);
      if (instance && status.InstanceState && instance.State?.Name !== status.InstanceState.Name) {
        state.instances.set(id, { ...instance, State: status.InstanceState });
      }
    }
  }
}

/** One tick. Never throws for an AWS read failure: it comes back as a warning. */
export async function pollTick(deps: PollDeps, state: PollState, opts: TickOptions): Promise<TickResult> {
  const ctx = new TickContext(state.readFailures);
  await pollJobs(deps, state, ctx);
  await pollRecoveryInstances(deps, state, ctx);
  await tagNewInstances(deps, state, ctx, opts.instanceTags);
  await pollInstances(deps, state, ctx, opts);
  const result: TickResult = { moved: ctx.moved, warnings: ctx.warnings, debug: ctx.debug };
  if (ctx.retryAfterMs !== undefined) result.retryAfterMs = ctx.retryAfterMs;
  return result;
}

export interface IntervalInput {
  /** The interval used last time; undefined on the first tick. */
  previousMs?: number;
  /** `poll-interval-seconds` in ms (may be fractional seconds, e.g. 250). */
  boundMs: number;
  /** Anything changed in the last tick. */
  moved: boolean;
  /** A transition is expected soon (a job just started, an instance is booting). */
  nearTransition: boolean;
  /** A throttled read's Retry-After. */
  retryAfterMs?: number;
}

/** The shortest interval the poller uses: 2 s, or the bound if that is smaller. */
export const BASE_INTERVAL_MS = 2000;

/**
 * Short after something moved, held short while a transition is expected, ×1.5 when nothing moved;
 * never above the bound, except that a throttling Retry-After is always honoured.
 */
export function nextPollIntervalMs(input: IntervalInput): number {
  const base = Math.min(BASE_INTERVAL_MS, input.boundMs);
  let next: number;
  if (input.previousMs === undefined || input.moved) next = base;
  else if (input.nearTransition) next = Math.min(input.previousMs * 1.5, 2 * base);
  else next = input.previousMs * 1.5;
  next = Math.min(Math.max(next, base), input.boundMs);
  return honourRetryAfter(next, input.retryAfterMs);
}
