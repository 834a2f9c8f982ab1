/**
 * `mode: cleanup`: terminate the drill instances of the plan's servers that earlier runs left behind
 * (a runner killed with SIGKILL, `cleanup: never`, a post step that could not finish). The safety net a
 * scheduled workflow runs. Only instances DRS marks `isDrill: true` are ever terminated; a real
 * recovery's instances are listed as left alone. Terminating goes through the same guarded engine code
 * as a drill's own cleanup, which checks isDrill again right before the call.
 */
import type { DrsGateway, Ec2Gateway, RecoveryInstance } from '../aws/gateways.js';
import {
  cleanupEntry as entryOf,
  selectDrillInstancesForCleanup,
  terminateDrillInstances,
} from '../engine/cleanup.js';
import { awsNow } from '../engine/poller.js';
import { resolvePlan } from '../engine/resolve.js';
import { errorMessage } from '../errors.js';
import type { ActionInputs } from '../inputs.js';
import type { ActionIO } from '../io.js';
import { finalizeReport } from '../report/build.js';
import type { CleanupReport, Report } from '../report/types.js';
import type { RunEnvironment } from '../run-env.js';
import { type DrillDeps, describeProblem, engineLog, openAwsSession, resolveRegion } from './drill.js';
import { loadSinglePlan } from './plan-input.js';
import { newRunReport, publishReport } from './publish.js';

/** The policy line of the report: what this cleanup selected. */
export function cleanupPolicyText(olderThanSeconds: number | undefined): string {
  return olderThanSeconds === undefined
    ? 'mode cleanup: every drill instance of the plan'
    : `mode cleanup: drill instances older than ${olderThanSeconds}s`;
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
  return `left alone: launched ${ageSeconds}s ago, younger than older-than (${olderThanSeconds}s)`;
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

async function activeJobIds(
  deps: { drs: DrsGateway },
  instances: readonly RecoveryInstance[],
): Promise<Set<string>> {
  const jobIds = [...new Set(instances.flatMap((ri) => (ri.isDrill === true && ri.jobID ? [ri.jobID] : [])))];
  if (jobIds.length === 0) return new Set();
  const jobs = await deps.drs.describeJobs(jobIds);
  return new Set(jobs.filter((j) => j.status !== 'COMPLETED').flatMap((j) => (j.jobID ? [j.jobID] : [])));
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
  const policy = cleanupPolicyText(inputs.olderThanSeconds);
  const engine = { drs: session.drs, ec2: session.ec2, clock: deps.clock, log: engineLog(io) };
  try {
    const { executionPlan, problems } = resolvePlan(plan, await session.drs.describeAllSourceServers());
    // A selector gone stale must not keep the safety net from cleaning up what the others select.
    for (const p of problems) {
      const text = describeProblem(p);
      report.warnings.push(text);
      io.warning(text, p.position);
    }
    const sourceServerIds = new Set(
      executionPlan.waves.flatMap((w) => w.servers.map((s) => s.sourceServerId)),
    );
    const instances =
      sourceServerIds.size === 0
        ? []
        : await session.drs.describeRecoveryInstances({ sourceServerIds: [...sourceServerIds] });
    const launchTimes =
      inputs.olderThanSeconds === undefined
        ? new Map<string, string>()
        : await launchTimesOf(session.ec2, instances);
    const now = awsNow(engine);
    // A drill still launching owns its instances: leave those of jobs that have not completed.
    const busy = await activeJobIds(engine, instances);
    const chosen = selectDrillInstancesForCleanup(instances, {
      sourceServerIds,
      ...(inputs.olderThanSeconds !== undefined ? { olderThanSeconds: inputs.olderThanSeconds } : {}),
      now,
      launchTimes,
    }).filter((ri) => !busy.has(ri.jobID ?? ''));
    const chosenIds = new Set(chosen.map((ri) => ri.recoveryInstanceID));
    const leftAlone = instances
      .filter((ri) => !chosenIds.has(ri.recoveryInstanceID))
      .map((ri) =>
        entryOf(
          ri,
          ri.isDrill === true && busy.has(ri.jobID ?? '')
            ? `left alone: its DRS job ${ri.jobID} is still running`
            : leftAloneReason(ri, inputs.olderThanSeconds, launchTimes, now),
        ),
      );
    io.info(
      `Cleanup: ${instances.length} recovery instance(s) of ${sourceServerIds.size} source server(s); ` +
        `${chosen.length} drill instance(s) selected${inputs.dryRun ? ' (dry run: nothing is terminated)' : ''}`,
    );

    let cleanup: CleanupReport;
    if (chosen.length === 0) {
      cleanup = {
        policy,
        status: inputs.dryRun ? 'dry-run' : 'succeeded',
        reason: 'no drill instance to terminate',
        terminateJobIds: [],
        instances: [],
      };
    } else {
      const done = await io.group('Cleanup', () =>
        terminateDrillInstances(engine, chosen, {
          dryRun: inputs.dryRun,
          deadline: startMs + inputs.timeoutMinutes * 60_000,
        }),
      );
      cleanup = {
        policy,
        status: inputs.dryRun ? 'dry-run' : done.allGone ? 'succeeded' : 'failed',
        ...(done.allGone
          ? {}
          : { reason: 'some drill instances were not confirmed terminated; see the instance list' }),
        terminateJobIds: done.terminateJobIds,
        instances: done.instances,
      };
    }
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
