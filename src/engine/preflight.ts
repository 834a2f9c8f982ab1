/**
 * Preflight: everything that can be known to break a run before anything is started. Reads only;
 * collects every failure (never stops at the first) so one run shows the whole list to fix.
 * A pipelined run (`deferLaunchReads`) makes the account-wide checks for every wave here and the
 * per-server launch reads only for the waves that start first; each later wave's are made by
 * `checkDeferredWave` while the waves before it run (preflight-waves.ts).
 */
import { retryingDrs, retryingEc2 } from '../aws/retrying.js';
import type { Plan } from '../plan/types.js';
import { type PhaseLimits, phaseCheckpoint, phaseSignal } from './deadline.js';
import { indexRecoveryInstances } from './instances.js';
import type { LaunchConfigDrift } from './launch-config.js';
import { nothingToRun, withoutServers } from './leave-out.js';
import { futurePointInTime, withSnapshots } from './point-in-time.js';
import { awsNow } from './poller.js';
import type { PreflightDeps } from './preflight-deps.js';
import { type activeJobsOf, existingUnreadable, jobsOfRun } from './preflight-jobs.js';
import {
  type Collected,
  collect,
  type EstateContext,
  emptyCollection,
  estateJudgement,
} from './preflight-judge.js';
import {
  deferrableWaves,
  judgeLaunches,
  type LaunchReadOptions,
  preflightWave,
  type WavePreflight,
} from './preflight-waves.js';
import { quotaFindings } from './quota-findings.js';
import { type ExcludedServer, excludeServers, type PreflightProblem, resolvePlan } from './resolve.js';
import type { ExecutionPlan, ResolvedWave } from './types.js';

export type { PreflightProblem } from './resolve.js';
export { replicationFindings } from './resolve.js';

export interface PreflightResult {
  executionPlan?: ExecutionPlan;
  problems: PreflightProblem[];
  warnings: PreflightProblem[];
  drift: LaunchConfigDrift[];
  /** Jobs not yet COMPLETED in the account, and the servers they hold (this execution's own jobs excluded). */
  activeJobs: { jobs: number; servers: number };
  /** Active jobs tagged with `opts.executionId` (empty without it). */
  ownActiveJobIds?: string[];
  /** Servers the input exclude left out of this run. */
  excluded: ExcludedServer[];
  /**
   * Pipelined (`deferLaunchReads`): the waves, in plan order, whose per-server launch reads were left
   * for `checkDeferredWave`; they passed every account-wide check here.
   */
  deferredWaves?: string[];
}

export type { PreflightDeps } from './preflight-deps.js';
export type { WavePreflight } from './preflight-waves.js';

/** How far back to look for jobs that may still be active. */
const ACTIVE_JOB_LOOKBACK_MS = 7 * 24 * 3600 * 1000;

/**
 * Preflight's reads retry through throttling and 5xx (Retry-After honoured), on the injected clock,
 * and stop at the run's deadline or cancellation (`checkpoint`).
 */
function withReadRetries<D extends PreflightDeps>(deps: D, checkpoint: () => void, stop?: AbortSignal): D {
  const opts = { sleep: (ms: number) => deps.clock.sleep(ms, stop), checkpoint, ...(stop ? { stop } : {}) };
  return { ...deps, drs: retryingDrs(deps.drs, opts), ec2: retryingEc2(deps.ec2, opts) };
}

/** The recovery instances DRS lists for the plan's servers, by server; one paginated read. */
async function readExistingInstances(
  deps: PreflightDeps,
  sourceServerIds: string[],
): Promise<EstateContext['existing']> {
  if (sourceServerIds.length === 0) return { byServer: new Map() };
  try {
    return {
      byServer: indexRecoveryInstances(
        await deps.drs.describeRecoveryInstances({ sourceServerIds: [...new Set(sourceServerIds)] }),
      ),
    };
  } catch (error) {
    return { error };
  }
}

/** The source servers and recent jobs, and the plan resolved against them (exclusions applied). */
async function readEstate(deps: PreflightDeps, plan: Plan, opts: PreflightOptions) {
  const sourceServers = await deps.drs.describeAllSourceServers();
  // The look-back is measured on AWS's clock (the first answer's Date header): the runner's may be off.
  const awsNowMs = Date.parse(awsNow(deps));
  const recentJobs = await deps.drs.describeJobsSince(
    new Date(awsNowMs - ACTIVE_JOB_LOOKBACK_MS).toISOString(),
  );
  const resolved = resolvePlan(plan, sourceServers);
  const { executionPlan, excluded, problems } = excludeServers(resolved.executionPlan, opts.exclude ?? []);
  const future = futurePointInTime(opts.pointInTime, awsNowMs);
  return {
    recentJobs,
    executionPlan,
    excluded,
    problems: [...(future ? [future] : []), ...resolved.problems, ...problems],
  };
}

/** What a preflight checks for: the mode and this run's identity and inputs. */
export interface PreflightOptions extends PhaseLimits {
  mode: 'drill' | 'recovery' | 'validate';
  /**
   * This run's execution id. Active jobs tagged with it belong to an earlier attempt of this run (a
   * re-run that will attach to them): they are listed in `ownActiveJobIds`, not reported as conflicts,
   * and not counted in `activeJobs`.
   */
  executionId?: string;
  /** The input replace-recovery-instances (recovery mode). */
  replaceRecoveryInstances?: boolean;
  /** The input exclude: source server ids or hostnames left out of this run. */
  exclude?: readonly string[];
  /** The input point-in-time (UTC ISO): each server launches from its latest snapshot at or before it. */
  pointInTime?: string | undefined;
  /**
   * Pipelined: only the waves that start first get their per-server launch reads now; the others
   * (preflight-waves.ts deferrableWaves) are listed in `deferredWaves` for `checkDeferredWave`.
   */
  deferLaunchReads?: boolean;
}

/** Runs every preflight check (a pipelined run: all but the later waves' launch reads); writes nothing. */
export async function runPreflight(
  deps: PreflightDeps,
  plan: Plan,
  opts: PreflightOptions,
): Promise<PreflightResult> {
  // Past the deadline (or once cancelled) no read is sent: it throws rather than report half-read servers.
  const checkpoint = phaseCheckpoint(deps.clock, opts, 'preflight');
  deps = withReadRetries(deps, checkpoint, phaseSignal(deps.clock, opts));
  const estate = await readEstate(deps, plan, opts);
  const deferred = opts.deferLaunchReads ? deferrableWaves(estate.executionPlan) : new Set<string>();
  const servers = estate.executionPlan.waves.flatMap((w) =>
    w.servers.map((rs) => ({ rs, wave: w.wave.name, deferred: deferred.has(w.wave.name) })),
  );
  const { isOwn, ownActiveJobIds, others } = jobsOfRun(estate.recentJobs, opts.executionId);
  const existing = await readExistingInstances(
    deps,
    servers.map((s) => s.rs.sourceServerId),
  );
  checkpoint();
  const acc = emptyCollection(estate.problems);
  if ('error' in existing) acc.busy.push(existingUnreadable(existing.error));
  const ctx: EstateContext = {
    mode: opts.mode,
    existing,
    jobOfServer: others.jobOfServer,
    rpoSeconds: plan.objectives.rpoSeconds,
    pointInTime: opts.pointInTime,
    instanceOptions: {
      mode: opts.mode,
      ownJobIds: new Set(estate.recentJobs.filter(isOwn).flatMap((j) => (j.jobID ? [j.jobID] : []))),
      ...(opts.replaceRecoveryInstances ? { replaceRecoveryInstances: true } : {}),
    },
  };
  // The estate verdicts first: a server left out for them is not read further.
  const estateAcc = emptyCollection();
  for (const s of servers) collect(estateAcc, s, estateJudgement(s.rs, ctx), opts.mode);
  mergeInto(acc, estateAcc);
  const leftOut = new Set(estateAcc.leftOut.map((x) => x.sourceServerId));
  const later = servers.filter((s) => !leftOut.has(s.rs.sourceServerId));
  const readOpts = launchReadOptions(opts, checkpoint);
  await judgeLaunches(
    deps,
    later.filter((s) => !s.deferred),
    readOpts,
    acc,
  );
  const jobs = { ...others, ownActiveJobIds };
  const result = conclude(plan, opts, estate, copyOf(acc), jobs);
  const deferredLater = later.filter((s) => s.deferred);
  if (deferredLater.length === 0) return result;
  // A plan refused anyway gets its whole list of problems, the later waves' included, as unpipelined.
  if (result.problems.length > 0) {
    await judgeLaunches(deps, deferredLater, readOpts, acc);
    return conclude(plan, opts, estate, acc, jobs);
  }
  const deferredWaves = result.executionPlan?.waves.filter((w) => deferred.has(w.wave.name)) ?? [];
  return { ...result, deferredWaves: deferredWaves.map((w) => w.wave.name) };
}

function launchReadOptions(opts: PreflightOptions, checkpoint: () => void): LaunchReadOptions {
  return { mode: opts.mode, pointInTime: opts.pointInTime, checkpoint };
}

function copyOf(acc: Collected): Collected {
  const { problems, warnings, busy, drift, leftOut, snapshots } = acc;
  return {
    ...{ problems: [...problems], warnings: [...warnings], busy: [...busy], drift: [...drift] },
    ...{ leftOut: [...leftOut], snapshots: new Map(snapshots) },
  };
}

function mergeInto(acc: Collected, more: Collected): void {
  acc.problems.push(...more.problems);
  acc.warnings.push(...more.warnings);
  acc.busy.push(...more.busy);
  acc.drift.push(...more.drift);
  acc.leftOut.push(...more.leftOut);
  for (const [id, s] of more.snapshots) acc.snapshots.set(id, s);
}

/**
 * A deferred wave's per-server launch reads and verdicts (pipelined runs), made while the waves before
 * it run; it stops at the run's deadline or cancellation like the preflight itself.
 */
export function checkDeferredWave(
  deps: PreflightDeps,
  wave: ResolvedWave,
  opts: Pick<PreflightOptions, 'mode' | 'pointInTime'> & PhaseLimits,
): Promise<WavePreflight> {
  const checkpoint = phaseCheckpoint(deps.clock, opts, `the preflight of wave "${wave.wave.name}"`);
  const retrying = withReadRetries(deps, checkpoint, phaseSignal(deps.clock, opts));
  return preflightWave(retrying, wave, launchReadOptions(opts, checkpoint));
}

/** Leaves the failed non-critical servers out, checks the quotas on what is left, and sums up. */
function conclude(
  plan: Plan,
  opts: PreflightOptions,
  estate: Awaited<ReturnType<typeof readEstate>>,
  acc: Collected,
  jobs: ReturnType<typeof activeJobsOf> & { ownActiveJobIds: string[] },
): PreflightResult {
  const executionPlan = withSnapshots(
    withoutServers(estate.executionPlan, new Set(acc.leftOut.map((x) => x.sourceServerId))),
    acc.snapshots,
  );
  const excluded = [...estate.excluded, ...acc.leftOut];
  const quota = quotaFindings(plan, executionPlan, jobs.active.length, jobs.servers);
  acc.busy.push(...quota.busy);
  acc.warnings.push(...quota.warnings);
  // An active job now does not make a plan wrong: in a PR check it is only worth a warning.
  (opts.mode === 'validate' ? acc.warnings : acc.problems).push(...acc.busy);
  const empty = opts.mode === 'validate' ? undefined : nothingToRun(executionPlan, excluded.length);
  if (empty) acc.problems.push(empty);
  return {
    executionPlan,
    problems: acc.problems,
    warnings: acc.warnings,
    drift: acc.drift,
    activeJobs: { jobs: jobs.active.length, servers: jobs.servers },
    ownActiveJobIds: jobs.ownActiveJobIds,
    excluded,
  };
}
