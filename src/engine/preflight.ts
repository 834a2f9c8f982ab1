/**
 * Preflight: everything that can be known to break a run before anything is started. Reads only;
 * collects every failure (never stops at the first) so one run shows the whole list to fix.
 */
import pLimit from 'p-limit';
import type { Job, RecoveryInstance } from '../aws/gateways.js';
import { retryingDrs, retryingEc2 } from '../aws/retrying.js';
import { DRS_QUOTAS } from '../core/quotas.js';
import { TAG } from '../core/tags.js';
import { errorMessage } from '../errors.js';
import type { Plan } from '../plan/types.js';
import { type PhaseLimits, phaseCheckpoint, phaseSignal } from './deadline.js';
import { existingInstanceFindings } from './existing-instances.js';
import { indexRecoveryInstances } from './instances.js';
import { desiredLaunchActions, diffLaunchActions } from './launch-actions.js';
import { diffAll, type LaunchConfigDrift } from './launch-config.js';
import { lookupIds, type NetworkLookups } from './network.js';
import { awsNow } from './poller.js';
import type { PreflightDeps } from './preflight-deps.js';
import {
  effectiveGroups,
  effectiveSubnet,
  launchFindings,
  readServer,
  type ServerFacts,
} from './preflight-server.js';
import {
  concurrentWaveGroups,
  type ExcludedServer,
  excludeServers,
  type PreflightProblem,
  replicationFindings,
  resolvePlan,
} from './resolve.js';
import type { ExecutionPlan, ResolvedServer } from './types.js';

export type { PreflightProblem } from './resolve.js';
export { parseIsoDuration, replicationFindings } from './resolve.js';

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

function who(rs: ResolvedServer): string {
  return `Source server ${rs.sourceServerId}${rs.hostname ? ` (${rs.hostname})` : ''}`;
}

function about(rs: ResolvedServer, wave: string, message: string, fix?: string): PreflightProblem {
  return {
    sourceServerId: rs.sourceServerId,
    ...(rs.hostname ? { hostname: rs.hostname } : {}),
    wave,
    position: rs.spec.position,
    message: `${who(rs)}: ${message}`,
    ...(fix ? { fix } : {}),
  };
}

function activeJobsOf(jobs: Job[]): { active: Job[]; jobOfServer: Map<string, Job>; servers: number } {
  const active = jobs.filter((j) => j.status !== 'COMPLETED');
  const jobOfServer = new Map<string, Job>();
  let servers = 0;
  for (const job of active) {
    for (const p of job.participatingServers ?? []) {
      servers += 1;
      if (p.sourceServerID) jobOfServer.set(p.sourceServerID, job);
    }
  }
  return { active, jobOfServer, servers };
}

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

/** DRS's job and server quotas against the jobs already active and the waves that may run together. */
function quotaFindings(
  plan: Plan,
  executionPlan: ExecutionPlan,
  activeJobs: number,
  activeServers: number,
): { busy: PreflightProblem[]; warnings: PreflightProblem[] } {
  const busy: PreflightProblem[] = [];
  const warnings: PreflightProblem[] = [];
  if (activeJobs >= DRS_QUOTAS.maxActiveJobs) {
    busy.push({
      message: `${activeJobs} DRS jobs are already active; DRS runs at most ${DRS_QUOTAS.maxActiveJobs} at a time`,
      fix: 'Wait for running jobs to complete',
    });
  }
  const sizeOf = new Map(executionPlan.waves.map((w) => [w.wave.name, w.servers.length]));
  for (const w of executionPlan.waves) {
    const size = w.servers.length;
    if (
      size <= DRS_QUOTAS.maxServersInActiveJobs &&
      size + activeServers > DRS_QUOTAS.maxServersInActiveJobs
    ) {
      busy.push({
        wave: w.wave.name,
        position: w.wave.position,
        message: `Wave "${w.wave.name}" has ${size} servers but ${activeServers} are already in active DRS jobs; DRS holds at most ${DRS_QUOTAS.maxServersInActiveJobs}`,
        fix: 'Wait for running jobs to complete',
      });
    }
  }
  for (const group of concurrentWaveGroups(plan)) {
    const total = group.reduce((n, name) => n + (sizeOf.get(name) ?? 0), 0);
    if (group.length > 1 && total + activeServers > DRS_QUOTAS.maxServersInActiveJobs) {
      warnings.push({
        message: `Waves ${group.map((n) => `"${n}"`).join(', ')} may run at the same time with ${total} servers (plus ${activeServers} already active); DRS holds ${DRS_QUOTAS.maxServersInActiveJobs}, so some will wait`,
      });
    }
  }
  return { busy, warnings };
}

/** Every finding about one server, sorted by what it stops; its drift. Pure. */
function judgeServer(
  f: ServerFacts,
  ctx: {
    net: NetworkLookups;
    existing: Awaited<ReturnType<typeof readExistingInstances>>;
    instanceOptions: Parameters<typeof existingInstanceFindings>[1];
    jobOfServer: ReadonlyMap<string, Job>;
    rpoSeconds: number | undefined;
  },
) {
  const problems: PreflightProblem[] = [];
  const warnings: PreflightProblem[] = [];
  const busy: PreflightProblem[] = [];
  const findings = [
    ...replicationFindings(f.rs.sourceServer, ctx.rpoSeconds),
    ...launchFindings(f, ctx.net),
    ...('byServer' in ctx.existing
      ? existingInstanceFindings(ctx.existing.byServer.get(f.rs.sourceServerId) ?? [], ctx.instanceOptions)
      : []),
  ];
  for (const x of findings)
    (x.level === 'error' ? problems : warnings).push(about(f.rs, f.wave, x.message, x.fix));
  const job = ctx.jobOfServer.get(f.rs.sourceServerId);
  if (job) busy.push(about(f.rs, f.wave, ...busyServer(job)));
  const drift = driftOf(f);
  return { problems, warnings, busy, ...(drift ? { drift } : {}) };
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
  return { recentJobs, executionPlan, excluded, problems: [...resolved.problems, ...problems] };
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
}

/** Runs every preflight check; writes nothing. */
export async function runPreflight(
  deps: PreflightDeps,
  plan: Plan,
  opts: PreflightOptions,
): Promise<PreflightResult> {
  // Past the deadline (or once cancelled) no read is sent and preflight throws rather than report
  // half-read servers as problems.
  const checkpoint = phaseCheckpoint(deps.clock, opts, 'preflight');
  deps = withReadRetries(deps, checkpoint, phaseSignal(deps.clock, opts));
  const { recentJobs, executionPlan, excluded, problems } = await readEstate(deps, plan, opts);
  const warnings: PreflightProblem[] = [];
  const drift: LaunchConfigDrift[] = [];
  // An active job now does not make a plan wrong: in a PR check it is only worth a warning.
  const busy = opts.mode === 'validate' ? warnings : problems;
  const limit = pLimit(CONCURRENCY);
  const facts = await Promise.all(
    executionPlan.waves.flatMap((w) => w.servers.map((rs) => limit(() => readServer(deps, rs, w.wave.name)))),
  );
  checkpoint();
  const net = await readNetwork(deps, facts);
  const isOwn = (j: Job) => opts.executionId !== undefined && j.tags?.[TAG.executionId] === opts.executionId;
  const ownActiveJobIds = recentJobs
    .filter((j) => j.status !== 'COMPLETED' && isOwn(j))
    .map((j) => j.jobID ?? '');
  const { active, jobOfServer, servers: activeServers } = activeJobsOf(recentJobs.filter((j) => !isOwn(j)));
  const existing = await readExistingInstances(
    deps,
    facts.map((f) => f.rs.sourceServerId),
  );
  checkpoint();
  if ('error' in existing) {
    busy.push({
      message: `Could not read the servers' existing recovery instances: ${errorMessage(existing.error)}`,
      fix: 'Grant drs:DescribeRecoveryInstances (with ec2:DescribeInstances): without it a drill cannot rule out deleting a live failover',
    });
  }
  const instanceOptions = {
    mode: opts.mode,
    ownJobIds: new Set(recentJobs.filter(isOwn).flatMap((j) => (j.jobID ? [j.jobID] : []))),
    ...(opts.replaceRecoveryInstances ? { replaceRecoveryInstances: true } : {}),
  };
  for (const f of facts) {
    const judged = judgeServer(f, {
      net,
      existing,
      instanceOptions,
      jobOfServer,
      rpoSeconds: plan.objectives.rpoSeconds,
    });
    problems.push(...judged.problems);
    warnings.push(...judged.warnings);
    busy.push(...judged.busy);
    if (judged.drift) drift.push(judged.drift);
  }
  const quota = quotaFindings(plan, executionPlan, active.length, activeServers);
  busy.push(...quota.busy);
  warnings.push(...quota.warnings);
  return {
    executionPlan,
    problems,
    warnings,
    drift,
    activeJobs: { jobs: active.length, servers: activeServers },
    ownActiveJobIds,
    excluded,
  };
}
