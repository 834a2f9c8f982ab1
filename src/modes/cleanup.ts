/**
 * `mode: cleanup`: terminate the drill instances of the plan's servers that earlier runs left behind
 * (a runner killed with SIGKILL, `cleanup: never`, a post step that could not finish). The safety net a
 * scheduled workflow runs. Only instances DRS marks `isDrill: true` are ever terminated; a real
 * recovery's instances are listed as left alone. Terminating goes through the same guarded engine code
 * as a drill's own cleanup, which checks isDrill again right before the call.
 */

import type { DrsGateway, Ec2Gateway, Job, RecoveryInstance } from '../aws/gateways.js';
import { type AwsSession, openAwsSession } from '../aws/session.js';
import { formatDuration, formatTargetDuration } from '../core/durations.js';
import type { CleanupReport, Report } from '../core/report.js';
import { TAG } from '../core/tags.js';
import {
  cleanupEntry as entryOf,
  selectDrillInstancesForCleanup,
  terminateDrillInstances,
} from '../engine/cleanup.js';
import { engineLog } from '../engine/log.js';
import { awsNow } from '../engine/poller.js';
import { resolvePlan } from '../engine/resolve.js';
import { recentJobs } from '../engine/resume.js';
import { errorMessage } from '../errors.js';
import { loadGetOctokit } from '../github/client.js';
import type { Octokit } from '../github/comment.js';
import { workflowRunInProgress } from '../github/runs.js';
import type { ActionInputs } from '../inputs.js';
import type { ActionIO } from '../io.js';
import type { Plan } from '../plan/types.js';
import { finalizeReport } from '../report/build.js';
import { executionIdOf, type RunEnvironment } from '../run-env.js';
import { type DrillDeps, describeProblem, resolveRegion } from './drill-setup.js';
import { loadSinglePlan } from './plan-input.js';
import { newRunReport, publishReport } from './publish.js';

/** The policy line of the report: what this cleanup selected. */
export function cleanupPolicyText(olderThanSeconds: number | undefined): string {
  return olderThanSeconds === undefined
    ? 'mode cleanup: every drill instance of the plan'
    : `mode cleanup: drill instances older than ${formatTargetDuration(olderThanSeconds)}`;
}

/** Why an instance of the plan's servers is not selected, for the report. Pure. */
export function leftAloneReason(
  ri: RecoveryInstance,
  olderThanSeconds: number | undefined,
  launchTimes: ReadonlyMap<string, string>,
  now: string,
): string {
  if (ri.isDrill !== true) return 'left alone: not a drill instance (a real recovery)';
  if (olderThanSeconds === undefined) return 'left alone';
  const launchedAt = ri.ec2InstanceID ? launchTimes.get(ri.ec2InstanceID) : undefined;
  if (!launchedAt) return 'left alone: its EC2 launch time is unknown, so its age cannot be checked';
  const ageSeconds = Math.round((Date.parse(now) - Date.parse(launchedAt)) / 1000);
  return `left alone: launched ${formatDuration(ageSeconds)} ago, younger than older-than (${formatTargetDuration(olderThanSeconds)})`;
}

async function launchTimesOf(ec2: Ec2Gateway, instances: readonly RecoveryInstance[]) {
  const ids = instances.flatMap((ri) => (ri.isDrill === true && ri.ec2InstanceID ? [ri.ec2InstanceID] : []));
  const times = new Map<string, string>();
  if (ids.length === 0) return times;
  for (const instance of await ec2.describeInstances(ids)) {
    if (instance.InstanceId && instance.LaunchTime)
      times.set(instance.InstanceId, new Date(instance.LaunchTime).toISOString());
  }
  return times;
}

/**
 * Why cleanup mode keeps drill instances it would otherwise terminate: their job is still launching;
 * they belong to another execution than the input execution-id; or their execution is still running
 * (a DRS job of it is active, or its workflow run is in progress) and is not this run's own, unless
 * older-than says the instance is old enough anyway. Keyed by recovery instance id. Pure.
 */
export function instancesToKeep(
  instances: readonly RecoveryInstance[],
  ctx: {
    /** The jobs the instances name, by id. */
    jobs: ReadonlyMap<string, Job>;
    /** Executions still running, with why. */
    activeExecutions: ReadonlyMap<string, string>;
    ownExecutionId: string;
    scopeExecutionId?: string;
    /** Instances older-than selects (when set): old enough to go even if their execution runs. */
    oldEnough?: (ri: RecoveryInstance) => boolean;
  },
): Map<string, string> {
  const keep = new Map<string, string>();
  for (const ri of instances) {
    if (ri.isDrill !== true || !ri.recoveryInstanceID) continue;
    const job = ri.jobID ? ctx.jobs.get(ri.jobID) : undefined;
    const execution = job?.tags?.[TAG.executionId];
    if (ctx.scopeExecutionId !== undefined && execution !== ctx.scopeExecutionId) {
      keep.set(
        ri.recoveryInstanceID,
        `left alone: it belongs to ${execution ? `execution ${execution}` : 'no known execution'}, not to execution-id ${ctx.scopeExecutionId}`,
      );
    } else if (job && job.status !== 'COMPLETED') {
      keep.set(ri.recoveryInstanceID, `left alone: its DRS job ${ri.jobID} is still running`);
    } else if (execution && execution !== ctx.ownExecutionId && ctx.activeExecutions.has(execution)) {
      if (!ctx.oldEnough?.(ri))
        keep.set(
          ri.recoveryInstanceID,
          `left alone: execution ${execution} is still running (${ctx.activeExecutions.get(execution)})`,
        );
    }
  }
  return keep;
}

/** Executions with an active DRS job, then those whose workflow run GitHub says is in progress. */
async function activeExecutions(
  drs: DrsGateway,
  clock: DrillDeps['clock'],
  executions: readonly string[],
  octokit: Octokit | undefined,
): Promise<Map<string, string>> {
  const active = new Map<string, string>();
  if (executions.length === 0) return active;
  for (const job of await recentJobs({ drs, clock })) {
    const execution = job.tags?.[TAG.executionId];
    if (execution && job.status !== 'COMPLETED' && job.type !== 'TERMINATE')
      active.set(execution, `its DRS job ${job.jobID} is active`);
  }
  for (const execution of executions) {
    if (active.has(execution)) continue;
    if (await workflowRunInProgress(octokit, execution))
      active.set(execution, 'its workflow run is in progress');
  }
  return active;
}

/** The GitHub client for the workflow-run check (the toolkit's, unless the deps bring one). */
async function makeOctokit(deps: DrillDeps & { octokit?: (token: string) => Octokit }, token: string) {
  const make = deps.octokit ?? (await loadGetOctokit());
  return make(token);
}

/** `mode: cleanup`. Returns the report it published. */
export async function runCleanupMode(
  io: ActionIO,
  inputs: ActionInputs,
  run: RunEnvironment,
  deps: DrillDeps,
): Promise<Report> {
  const startMs = deps.clock.now();
  const plan = await loadSinglePlan(io, inputs.plan, run.workspace);
  const region = resolveRegion(inputs, plan, deps.env);
  const session = await openAwsSession(io, inputs, region, plan.accountId, deps);
  let report = newRunReport('cleanup', plan, run, {
    region,
    accountId: session.accountId,
    isDrill: true,
    startMs,
  });
  const engine = { drs: session.drs, ec2: session.ec2, clock: deps.clock, log: engineLog(io) };
  try {
    const { sourceServerIds, instances } = await planInstances(io, session, plan, report);
    const { chosen, leftAlone } = await chooseInstances(
      session,
      instances,
      sourceServerIds,
      inputs,
      run,
      deps,
    );
    io.info(
      `Cleanup: ${instances.length} recovery instance(s) of ${sourceServerIds.size} source server(s); ` +
        `${chosen.length} drill instance(s) selected${inputs.dryRun ? ' (dry run: nothing is terminated)' : ''}`,
    );
    const cleanup = await terminateChosen(io, engine, chosen, inputs, startMs);
    cleanup.instances.push(...leftAlone);
    for (const entry of cleanup.instances) {
      io.info(
        `${entry.recoveryInstanceId} (EC2 ${entry.ec2InstanceId ?? '—'}, ${entry.sourceServerId ?? '—'}): ${entry.result}`,
      );
    }
    report.cleanup = cleanup;
    if (cleanup.status === 'failed')
      report.errors.push(`Cleanup failed: ${cleanup.reason ?? 'see the instance list'}`);
    report = finalizeReport(report, awsNow(engine), cleanup.status === 'failed' ? 'failed' : 'succeeded');
  } catch (e) {
    report.errors.push(`The cleanup stopped on an error: ${errorMessage(e)}`);
    report = finalizeReport(report, new Date(deps.clock.now()).toISOString(), 'failed');
    await publishReport(io, report, inputs, run, deps.env);
    throw e;
  }
  await publishReport(io, report, inputs, run, deps.env);
  return report;
}

/** The plan's servers and their recovery instances; a stale selector only warns. */
async function planInstances(io: ActionIO, session: AwsSession, plan: Plan, report: Report) {
  const { executionPlan, problems } = resolvePlan(plan, await session.drs.describeAllSourceServers());
  // A selector gone stale must not keep the safety net from cleaning up what the others select.
  for (const p of problems) {
    const text = describeProblem(p);
    report.warnings.push(text);
    io.warning(text, p.position);
  }
  const sourceServerIds = new Set(executionPlan.waves.flatMap((w) => w.servers.map((s) => s.sourceServerId)));
  const instances =
    sourceServerIds.size === 0
      ? []
      : await session.drs.describeRecoveryInstances({ sourceServerIds: [...sourceServerIds] });
  return { sourceServerIds, instances };
}

/** The drill instances to terminate, and why each other one is left alone. */
async function chooseInstances(
  session: AwsSession,
  instances: RecoveryInstance[],
  sourceServerIds: ReadonlySet<string>,
  inputs: ActionInputs,
  run: RunEnvironment,
  deps: DrillDeps,
) {
  const launchTimes =
    inputs.olderThanSeconds === undefined
      ? new Map<string, string>()
      : await launchTimesOf(session.ec2, instances);
  const now = awsNow({ ...session, clock: deps.clock });
  const drillJobIds = [...new Set(instances.flatMap((ri) => (ri.isDrill && ri.jobID ? [ri.jobID] : [])))];
  const jobs = new Map(
    (drillJobIds.length === 0 ? [] : await session.drs.describeJobs(drillJobIds)).map((j) => [
      j.jobID ?? '',
      j,
    ]),
  );
  const ownExecutionId = executionIdOf(run);
  const others = [
    ...new Set(
      [...jobs.values()].flatMap((j) => {
        const e = j.tags?.[TAG.executionId];
        return e && e !== ownExecutionId ? [e] : [];
      }),
    ),
  ];
  const octokit = inputs.githubToken ? await makeOctokit(deps, inputs.githubToken) : undefined;
  const olderThan =
    inputs.olderThanSeconds !== undefined ? { olderThanSeconds: inputs.olderThanSeconds } : {};
  const byAge = selectDrillInstancesForCleanup(instances, {
    sourceServerIds,
    ...olderThan,
    now,
    launchTimes,
  });
  const old = new Set(byAge.map((ri) => ri.recoveryInstanceID));
  const keep = instancesToKeep(instances, {
    jobs,
    activeExecutions: await activeExecutions(session.drs, deps.clock, others, octokit),
    ownExecutionId,
    ...(inputs.executionId ? { scopeExecutionId: inputs.executionId } : {}),
    ...(inputs.olderThanSeconds !== undefined
      ? { oldEnough: (ri: RecoveryInstance) => old.has(ri.recoveryInstanceID) }
      : {}),
  });
  const chosen = byAge.filter((ri) => !keep.has(ri.recoveryInstanceID ?? ''));
  const chosenIds = new Set(chosen.map((ri) => ri.recoveryInstanceID));
  const leftAlone = instances
    .filter((ri) => !chosenIds.has(ri.recoveryInstanceID))
    .map((ri) =>
      entryOf(
        ri,
        keep.get(ri.recoveryInstanceID ?? '') ??
          leftAloneReason(ri, inputs.olderThanSeconds, launchTimes, now),
      ),
    );
  return { chosen, leftAlone };
}

async function terminateChosen(
  io: ActionIO,
  engine: Parameters<typeof terminateDrillInstances>[0],
  chosen: RecoveryInstance[],
  inputs: ActionInputs,
  startMs: number,
): Promise<CleanupReport> {
  const policy = cleanupPolicyText(inputs.olderThanSeconds);
  const status = inputs.dryRun ? 'dry-run' : 'succeeded';
  if (chosen.length === 0)
    return { policy, status, reason: 'no drill instance to terminate', terminateJobIds: [], instances: [] };
  const done = await io.group('Cleanup', () =>
    terminateDrillInstances(engine, chosen, {
      dryRun: inputs.dryRun,
      deadline: startMs + inputs.timeoutMinutes * 60_000,
    }),
  );
  return {
    policy,
    status: done.allGone ? status : 'failed',
    ...(done.allGone
      ? {}
      : { reason: 'some drill instances were not confirmed terminated; see the instance list' }),
    terminateJobIds: done.terminateJobIds,
    instances: done.instances,
  };
}
