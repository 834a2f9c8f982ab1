/**
 * Preflight: everything that can be known to break a run before anything is started. Reads only;
 * collects every failure (never stops at the first) so one run shows the whole list to fix.
 */
import pLimit from 'p-limit';
import type { Job, RecoveryInstance } from '../aws/gateways.js';
import { retryingDrs, retryingEc2 } from '../aws/retrying.js';
import type { Plan } from '../plan/types.js';
import { type PhaseLimits, phaseCheckpoint, phaseSignal } from './deadline.js';
import { drillIsolationFindings, drillView } from './drill-preflight.js';
import { existingInstanceFindings } from './existing-instances.js';
import { indexRecoveryInstances } from './instances.js';
import { desiredLaunchActions, diffLaunchActions } from './launch-actions.js';
import { diffAll, type LaunchConfigDrift } from './launch-config.js';
import { attribute, leaveOut, nothingToRun, withoutServers } from './leave-out.js';
import { lookupIds, type NetworkLookups } from './network.js';
import {
  type ChosenSnapshot,
  choosePointInTimeSnapshot,
  futurePointInTime,
  withSnapshots,
} from './point-in-time.js';
import { awsNow } from './poller.js';
import type { PreflightDeps } from './preflight-deps.js';
import { type activeJobsOf, existingUnreadable, jobsOfRun } from './preflight-jobs.js';
import {
  effectiveGroups,
  effectiveSubnet,
  launchFindings,
  readServer,
  type ServerFacts,
} from './preflight-server.js';
import { quotaFindings } from './quota-findings.js';
import {
  type ExcludedServer,
  excludeServers,
  type PreflightProblem,
  replicationFindings,
  resolvePlan,
} from './resolve.js';
import type { ExecutionPlan } from './types.js';

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
}

export type { PreflightDeps } from './preflight-deps.js';

/** How far back to look for jobs that may still be active. */
const ACTIVE_JOB_LOOKBACK_MS = 7 * 24 * 3600 * 1000;
const CONCURRENCY = 10;

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
): Promise<{ byServer: Map<string, RecoveryInstance[]> } | { error: unknown }> {
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

/** The subnets and security groups the servers will launch into, looked up once for all. */
async function readNetwork(deps: PreflightDeps, facts: readonly ServerFacts[]): Promise<NetworkLookups> {
  return {
    subnets: await lookupIds(
      [...new Set(facts.map(effectiveSubnet).filter((s): s is string => !!s))],
      (ids) => deps.ec2.describeSubnets(ids),
      (s) => s.SubnetId,
    ),
    groups: await lookupIds(
      [...new Set(facts.filter((f) => effectiveSubnet(f)).flatMap(effectiveGroups))],
      (ids) => deps.ec2.describeSecurityGroups(ids),
      (g) => g.GroupId,
    ),
  };
}

function busyServer(job: Job): [string, string] {
  return [
    `is already in active DRS job ${job.jobID} (${job.type ?? 'job'}, ${job.status ?? 'status unknown'})`,
    'Wait for that job to complete; DRS runs one job per source server',
  ];
}

/** What the repair must write for one server, or undefined when its settings match the plan. */
function driftOf(f: ServerFacts): LaunchConfigDrift | undefined {
  if (!f.launchConfig || f.template === undefined) return undefined;
  const { spec, sourceServerId } = f.rs;
  const desired = {
    launch: spec.launch,
    template: spec.template,
    ...(spec.postLaunch.length > 0 ? { postLaunchEnabled: true as const } : {}),
  };
  const actions = f.launchActions
    ? diffLaunchActions(desiredLaunchActions(sourceServerId, spec.postLaunch), f.launchActions)
    : [];
  const changes = [
    ...diffAll(desired, f.launchConfig, f.template),
    ...actions.map((a) => ({ target: 'postLaunch' as const, field: a.name, from: a.from, to: a.to })),
  ];
  if (changes.length === 0) return undefined;
  return {
    sourceServerId,
    ...(f.rs.hostname ? { hostname: f.rs.hostname } : {}),
    changes,
    desired,
    ...(actions.length > 0 ? { launchActions: actions } : {}),
    ...(f.launchConfig.ec2LaunchTemplateID ? { launchTemplateId: f.launchConfig.ec2LaunchTemplateID } : {}),
    ...(f.template.VersionNumber !== undefined ? { templateVersion: f.template.VersionNumber } : {}),
  };
}

/**
 * Every finding about one server, sorted by what it stops; its drift. Pure. `errors` are the
 * server's own (a non-critical server is left out for them); `blocking` stop the whole plan whatever
 * the server's criticality (a live failover a drill could destroy).
 */
function judgeServer(
  f: ServerFacts,
  ctx: {
    mode: PreflightOptions['mode'];
    net: NetworkLookups;
    existing: Awaited<ReturnType<typeof readExistingInstances>>;
    instanceOptions: Parameters<typeof existingInstanceFindings>[1];
    jobOfServer: ReadonlyMap<string, Job>;
    rpoSeconds: number | undefined;
    pointInTime: string | undefined;
  },
) {
  // Recovering to a point in time, today's replication lag says nothing about the data launched.
  const rpo = ctx.pointInTime ? undefined : ctx.rpoSeconds;
  const drill = ctx.mode === 'drill';
  const own = [
    ...replicationFindings(f.rs.sourceServer, rpo),
    // A drill launches with the plan's drill: overrides: those are the settings to check.
    ...launchFindings(drill ? drillView(f) : f, ctx.net),
    ...(drill ? drillIsolationFindings(f) : []),
  ];
  const pit = ctx.pointInTime
    ? choosePointInTimeSnapshot({
        pointInTime: ctx.pointInTime,
        pinned: f.rs.spec.snapshot,
        snapshots: f.snapshots,
        // A pinned server's listing error is reported by the pin's own check.
        error: f.rs.spec.snapshot ? undefined : f.snapshotError,
      })
    : undefined;
  if (pit && 'finding' in pit) own.push(pit.finding);
  const instances =
    'byServer' in ctx.existing
      ? existingInstanceFindings(ctx.existing.byServer.get(f.rs.sourceServerId) ?? [], ctx.instanceOptions)
      : [];
  const job = ctx.jobOfServer.get(f.rs.sourceServerId);
  const [message, fix] = job ? busyServer(job) : [];
  return {
    errors: own.filter((x) => x.level === 'error'),
    blocking: instances.filter((x) => x.level === 'error'),
    warnings: [...own, ...instances].filter((x) => x.level !== 'error'),
    ...(message ? { busy: { level: 'error' as const, message, ...(fix ? { fix } : {}) } } : {}),
    drift: driftOf(f),
    ...(pit && 'snapshot' in pit ? { snapshot: pit.snapshot } : {}),
  };
}

/** What preflight collects over the servers. */
interface Collected {
  problems: PreflightProblem[];
  warnings: PreflightProblem[];
  /** An active job: a problem in a run, a warning in a PR check. */
  busy: PreflightProblem[];
  drift: LaunchConfigDrift[];
  leftOut: ExcludedServer[];
  /** Point in time: the snapshot each server launches from. */
  snapshots: Map<string, ChosenSnapshot>;
}

/** One server's judgement into the collection: a failing non-critical server is left out, not a stop. */
function collect(
  acc: Collected,
  f: ServerFacts,
  judged: ReturnType<typeof judgeServer>,
  mode: PreflightOptions['mode'],
): void {
  const { rs, wave } = f;
  acc.problems.push(...judged.blocking.map((x) => attribute(rs, wave, x)));
  acc.warnings.push(...judged.warnings.map((x) => attribute(rs, wave, x)));
  const errors = [...judged.errors, ...(judged.busy && mode !== 'validate' ? [judged.busy] : [])];
  if (!rs.spec.critical && errors.length > 0) {
    const { warning, excluded } = leaveOut(rs, wave, errors, mode);
    acc.warnings.push(warning);
    acc.leftOut.push(excluded);
    return;
  }
  acc.problems.push(...judged.errors.map((x) => attribute(rs, wave, x)));
  if (judged.busy) acc.busy.push(attribute(rs, wave, judged.busy));
  if (judged.drift) acc.drift.push(judged.drift);
  if (judged.snapshot) acc.snapshots.set(rs.sourceServerId, judged.snapshot);
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
}

/** Runs every preflight check; writes nothing. */
export async function runPreflight(
  deps: PreflightDeps,
  plan: Plan,
  opts: PreflightOptions,
): Promise<PreflightResult> {
  // Past the deadline (or once cancelled) no read is sent: it throws rather than report half-read servers.
  const checkpoint = phaseCheckpoint(deps.clock, opts, 'preflight');
  deps = withReadRetries(deps, checkpoint, phaseSignal(deps.clock, opts));
  const estate = await readEstate(deps, plan, opts);
  const limit = pLimit(CONCURRENCY);
  const facts = await Promise.all(
    estate.executionPlan.waves.flatMap((w) =>
      w.servers.map((rs) => limit(() => readServer(deps, rs, w.wave.name, opts.pointInTime))),
    ),
  );
  checkpoint();
  // A drill launches with the plan's drill: overrides: its network is the one to check.
  const net = await readNetwork(deps, opts.mode === 'drill' ? facts.map(drillView) : facts);
  const { isOwn, ownActiveJobIds, others } = jobsOfRun(estate.recentJobs, opts.executionId);
  const existing = await readExistingInstances(
    deps,
    facts.map((f) => f.rs.sourceServerId),
  );
  checkpoint();
  const acc: Collected = {
    ...{ problems: estate.problems, warnings: [], busy: [], drift: [], leftOut: [] },
    snapshots: new Map(),
  };
  if ('error' in existing) acc.busy.push(existingUnreadable(existing.error));
  const ctx = {
    mode: opts.mode,
    net,
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
  for (const f of facts) collect(acc, f, judgeServer(f, ctx), opts.mode);
  return conclude(plan, opts, estate, acc, { ...others, ownActiveJobIds });
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
