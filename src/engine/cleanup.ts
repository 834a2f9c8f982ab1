/**
 * Terminates the drill instances a run launched, once the evidence is captured. Drills launch real,
 * billed EC2 instances and DRS never terminates them on its own. The guardrail: an instance is
 * terminated only if DRS itself says it is a drill instance (`isDrill === true`) and it was created by
 * one of this run's jobs. IAM cannot express that, so it is checked here, right before terminating.
 */
import type { Job, RecoveryInstance } from '../aws/gateways.js';
import type { CleanupReport, Report } from '../core/report.js';
import { errorMessage } from '../errors.js';
import type { CleanupPolicy } from '../modes.js';
import { untilDeadline } from './deadline.js';
import {
  type CleanupDeps,
  cleanupEntry,
  type InstanceResult,
  read,
  readRecoveryInstances,
  terminateDrillInstances,
  waitForJobs,
} from './terminate.js';

export { type CleanupDeps, cleanupEntry, terminateDrillInstances } from './terminate.js';

export interface CleanupOptions {
  policy: CleanupPolicy;
  dryRun: boolean;
  /** Epoch ms (deps.clock) by which cleanup must return, finished or not. */
  deadline: number;
  /** How often to poll the jobs (launch jobs still running, then the TERMINATE jobs). */
  pollIntervalMs?: number;
}

/** What a run started: the scope its cleanup may touch, and nothing else. */
export interface CleanupScope {
  /** The run's LAUNCH jobs: only recovery instances whose jobID is one of these are terminated. */
  jobIds: readonly string[];
  /** The jobs' source servers, when known: the look-up reads only their recovery instances. */
  sourceServerIds?: readonly string[];
  /** Instances the run saw launched: one DRS no longer lists is checked on EC2, not assumed gone. */
  seen?: readonly { sourceServerId: string; recoveryInstanceId?: string; ec2InstanceId?: string }[];
}

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

/** The scope of a run's own report: its jobs, their servers, and the instances it saw. */
export function scopeOfReport(report: Report): CleanupScope {
  const servers = report.waves.flatMap((w) => w.servers);
  return {
    jobIds: [...new Set(report.waves.flatMap((w) => w.jobs.map((j) => j.jobId)))],
    sourceServerIds: [
      ...new Set([
        ...report.waves.flatMap((w) => w.jobs.flatMap((j) => j.sourceServerIds)),
        ...servers.filter((s) => s.jobId).map((s) => s.sourceServerId),
      ]),
    ],
    seen: servers.flatMap((s) =>
      s.recoveryInstanceId || s.ec2InstanceId
        ? [
            {
              sourceServerId: s.sourceServerId,
              ...(s.recoveryInstanceId ? { recoveryInstanceId: s.recoveryInstanceId } : {}),
              ...(s.ec2InstanceId ? { ec2InstanceId: s.ec2InstanceId } : {}),
            },
          ]
        : [],
    ),
  };
}

const GONE_EC2_STATES = new Set(['terminated', 'shutting-down']);

/**
 * Instances the run saw launched that DRS no longer lists: gone when EC2 says so (or does not know
 * the id), otherwise still running and left behind, which the report must say.
 */
async function checkUnlisted(
  deps: CleanupDeps,
  unlisted: readonly NonNullable<CleanupScope['seen']>[number][],
  opts: { deadline: number },
): Promise<InstanceResult[]> {
  const ec2Ids = unlisted.flatMap((u) => (u.ec2InstanceId ? [u.ec2InstanceId] : []));
  let states: Map<string, string> | undefined;
  if (deps.ec2 && ec2Ids.length > 0) {
    try {
      const found = await read(deps, opts, () => deps.ec2!.describeInstances(ec2Ids));
      states = new Map(found.map((i) => [i.InstanceId ?? '', i.State?.Name ?? 'unknown']));
    } catch (e) {
      deps.log.warning(`Could not check the EC2 state of instances DRS no longer lists: ${errorMessage(e)}`);
    }
  }
  return unlisted.map((u) => {
    const state = u.ec2InstanceId ? states?.get(u.ec2InstanceId) : undefined;
    const base = {
      recoveryInstanceId: u.recoveryInstanceId ?? u.ec2InstanceId ?? '',
      ...(u.ec2InstanceId ? { ec2InstanceId: u.ec2InstanceId } : {}),
      sourceServerId: u.sourceServerId,
    };
    if (!states || !u.ec2InstanceId)
      return {
        ...base,
        result: 'not found in DRS any more (already terminated, or replaced by a later launch?)',
      };
    if (state === undefined || GONE_EC2_STATES.has(state))
      return { ...base, result: `already gone: DRS no longer lists it and EC2 says ${state ?? 'not found'}` };
    return {
      ...base,
      result: `LEFT RUNNING: DRS no longer tracks it but EC2 instance ${u.ec2InstanceId} is ${state}; terminate it by hand`,
    };
  });
}

/** How long cleanup waits for the run's launch jobs still running (the cleanup budget). */
export const LAUNCH_WAIT_MS = 15 * 60_000;

/** Launch jobs of the scope still running: their instances appear later, so cleanup waits (bounded). */
async function settleLaunchJobs(
  deps: CleanupDeps,
  jobIds: readonly string[],
  opts: { deadline: number; pollIntervalMs?: number },
): Promise<string[]> {
  if (jobIds.length === 0) return [];
  let first: Job[];
  try {
    first = await read(deps, opts, () => deps.drs.describeJobs([...jobIds]));
  } catch (e) {
    deps.log.warning(`Could not read the run's DRS jobs before cleaning up: ${errorMessage(e)}`);
    return [];
  }
  const initial = new Map(first.flatMap((j) => (j.jobID ? [[j.jobID, j] as const] : [])));
  const active = jobIds.filter((id) => initial.has(id) && initial.get(id)?.status !== 'COMPLETED');
  if (active.length === 0) return [];
  deps.log.info(`Cleanup: waiting for ${active.length} DRS job(s) still launching: ${active.join(', ')}`);
  const seen = await waitForJobs(deps, active, opts, initial);
  return active.filter((id) => seen.get(id)?.status !== 'COMPLETED');
}

/**
 * Terminates every drill instance a run's jobs launched: waits (within the deadline) for launch jobs
 * still running, finds the instances by source server and job id (DRS may never name them in the job),
 * terminates only those DRS marks `isDrill` and that one of the run's jobs created, and checks the ones
 * the run saw that DRS no longer lists. Never throws for an AWS failure.
 */
export async function cleanupScope(
  deps: CleanupDeps,
  scope: CleanupScope,
  opts: CleanupOptions,
): Promise<CleanupReport> {
  const result: CleanupReport = {
    policy: opts.policy,
    status: 'succeeded',
    terminateJobIds: [],
    instances: [],
  };
  if (scope.jobIds.length === 0) return { ...result, reason: 'this run started no DRS job' };
  // No read may keep cleanup past its deadline: a hung one fails, and the post step takes over.
  deps = {
    ...deps,
    drs: untilDeadline(deps.drs, deps.clock, opts.deadline, 'the cleanup'),
    ...(deps.ec2 ? { ec2: untilDeadline(deps.ec2, deps.clock, opts.deadline, 'the cleanup') } : {}),
  };
  // Launch jobs get at most LAUNCH_WAIT_MS, and never the time the terminations need.
  const now = deps.clock.now();
  const settleBy = Math.min(
    now + LAUNCH_WAIT_MS,
    opts.deadline - Math.min(5 * 60_000, (opts.deadline - now) / 2),
  );
  const stillLaunching = opts.dryRun
    ? []
    : await settleLaunchJobs(deps, scope.jobIds, { ...opts, deadline: settleBy });
  let found: RecoveryInstance[];
  try {
    found = await readRecoveryInstances(deps, scope.sourceServerIds, opts);
  } catch (e) {
    return {
      ...result,
      status: 'failed',
      reason: `could not read the recovery instances: ${errorMessage(e)}`,
    };
  }
  const { chosen, leftAlone, unlisted } = sortRunInstances(found, scope);
  result.instances.push(...leftAlone);
  const checked = await checkUnlisted(deps, unlisted, opts);
  const terminated = await terminateDrillInstances(deps, chosen, opts);
  result.terminateJobIds = terminated.terminateJobIds;
  result.instances.push(...terminated.instances, ...checked);
  if (opts.dryRun) return { ...result, status: 'dry-run' };
  const problems = cleanupProblems(terminated.allGone, checked, stillLaunching);
  if (problems.length > 0) return { ...result, status: 'failed', reason: problems.join('; ') };
  if (chosen.length === 0 && result.instances.length === 0)
    return { ...result, reason: 'no drill instance of this run was found in DRS' };
  return result;
}

/**
 * The recovery instances the run's jobs created, by what cleanup does with them: terminate (drill
 * instances), leave (DRS does not call them drill instances, or they are gone); and the instances the
 * run saw that DRS no longer lists. Pure.
 */
export function sortRunInstances(found: readonly RecoveryInstance[], scope: CleanupScope) {
  const runJobIds = new Set(scope.jobIds);
  const ofRun = found.filter((ri) => ri.jobID !== undefined && runJobIds.has(ri.jobID));
  const chosen: RecoveryInstance[] = [];
  const leftAlone: InstanceResult[] = [];
  for (const ri of ofRun) {
    if (ri.isDrill !== true)
      leftAlone.push(cleanupEntry(ri, 'left alone: DRS does not mark it as a drill instance'));
    else if (ri.ec2InstanceState === 'TERMINATED') leftAlone.push(cleanupEntry(ri, 'already terminated'));
    else chosen.push(ri);
  }
  const listed = new Set(ofRun.flatMap((ri) => [ri.recoveryInstanceID, ri.ec2InstanceID]));
  const unlisted = (scope.seen ?? []).filter(
    (s) => !listed.has(s.recoveryInstanceId) && !listed.has(s.ec2InstanceId),
  );
  return { chosen, leftAlone, unlisted };
}

/** Why a cleanup that ran did not leave the run clean, if it did not. Pure. */
function cleanupProblems(
  allGone: boolean,
  checked: readonly InstanceResult[],
  stillLaunching: readonly string[],
): string[] {
  const leftRunning = checked.filter((c) => c.result.startsWith('LEFT RUNNING'));
  return [
    ...(allGone ? [] : ['some drill instances were not confirmed terminated; see the instance list']),
    ...(leftRunning.length > 0
      ? [`${leftRunning.length} instance(s) DRS no longer tracks are still running`]
      : []),
    ...(stillLaunching.length > 0
      ? [
          `DRS job(s) ${stillLaunching.join(', ')} were still launching when cleanup ran out of time: ` +
            'instances they launch later are left to the post step and to mode: cleanup',
        ]
      : []),
  ];
}

/** Terminate this run's drill instances per the cleanup policy. Never throws for an AWS failure. */
export async function cleanupDrillInstances(
  deps: CleanupDeps,
  report: Report,
  opts: CleanupOptions,
): Promise<CleanupReport> {
  const reason = cleanupSkipReason(report, opts.policy);
  if (reason) return skipped(opts.policy, reason);
  return cleanupScope(deps, scopeOfReport(report), opts);
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
