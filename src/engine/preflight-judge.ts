/**
 * Preflight's verdict on one server, in two parts that can be made at different times:
 * - the estate part (replication, existing recovery instances, another job holding it), from the
 *   account-wide reads every run makes before its first write;
 * - the launch part (launch configuration, template, network, snapshot, drift), from the per-server
 *   reads, which a pipelined run makes for a later wave while the first waves run.
 * Pure; `collect` turns verdicts into the run's problems, warnings, drift and left-out servers.
 */
import type { Job, RecoveryInstance } from '../aws/gateways.js';
import { drillIsolationFindings, drillView } from './drill-preflight.js';
import { existingInstanceFindings } from './existing-instances.js';
import { desiredLaunchActions, diffLaunchActions } from './launch-actions.js';
import { diffAll, type LaunchConfigDrift } from './launch-config.js';
import { attribute, leaveOut } from './leave-out.js';
import type { NetworkLookups } from './network.js';
import { type ChosenSnapshot, choosePointInTimeSnapshot } from './point-in-time.js';
import { launchFindings, type ServerFacts } from './preflight-server.js';
import {
  type ExcludedServer,
  type PreflightFinding,
  type PreflightProblem,
  replicationFindings,
} from './resolve.js';
import type { ResolvedServer } from './types.js';

export type PreflightMode = 'drill' | 'recovery' | 'validate';

/** What the estate part needs: the account-wide reads. */
export interface EstateContext {
  mode: PreflightMode;
  /** The plan's servers' recovery instances, or why they could not be listed. */
  existing: { byServer: Map<string, RecoveryInstance[]> } | { error: unknown };
  instanceOptions: Parameters<typeof existingInstanceFindings>[1];
  /** Active jobs of other runs, by the servers they hold. */
  jobOfServer: ReadonlyMap<string, Job>;
  rpoSeconds: number | undefined;
  pointInTime: string | undefined;
}

/** What the launch part needs besides the server's own reads. */
export interface LaunchContext {
  mode: PreflightMode;
  net: NetworkLookups;
  pointInTime: string | undefined;
}

/** One server's findings, sorted by what they stop. */
export interface Judgement {
  /** The server's own errors: a non-critical server is left out for them. */
  errors: PreflightFinding[];
  /** Errors that stop the whole plan whatever the server's criticality (a live failover a drill could destroy). */
  blocking: PreflightFinding[];
  warnings: PreflightFinding[];
  /** Another job holds the server: a problem in a run, a warning in a PR check. */
  busy?: PreflightFinding;
  drift?: LaunchConfigDrift;
  snapshot?: ChosenSnapshot;
}

function busyServer(job: Job): PreflightFinding {
  return {
    level: 'error',
    message: `is already in active DRS job ${job.jobID} (${job.type ?? 'job'}, ${job.status ?? 'status unknown'})`,
    fix: 'Wait for that job to complete; DRS runs one job per source server',
  };
}

/** The estate part of a server's verdict. */
export function estateJudgement(rs: ResolvedServer, ctx: EstateContext): Judgement {
  // Recovering to a point in time, today's replication lag says nothing about the data launched.
  const rpo = ctx.pointInTime ? undefined : ctx.rpoSeconds;
  const own = replicationFindings(rs.sourceServer, rpo);
  const instances =
    'byServer' in ctx.existing
      ? existingInstanceFindings(ctx.existing.byServer.get(rs.sourceServerId) ?? [], ctx.instanceOptions)
      : [];
  const job = ctx.jobOfServer.get(rs.sourceServerId);
  return {
    errors: own.filter((x) => x.level === 'error'),
    blocking: instances.filter((x) => x.level === 'error'),
    warnings: [...own, ...instances].filter((x) => x.level !== 'error'),
    ...(job ? { busy: busyServer(job) } : {}),
  };
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

/** The launch part of a server's verdict, from its per-server reads. */
export function launchJudgement(f: ServerFacts, ctx: LaunchContext): Judgement {
  const drill = ctx.mode === 'drill';
  const own = [
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
  const drift = driftOf(f);
  return {
    errors: own.filter((x) => x.level === 'error'),
    blocking: [],
    warnings: own.filter((x) => x.level !== 'error'),
    ...(drift ? { drift } : {}),
    ...(pit && 'snapshot' in pit ? { snapshot: pit.snapshot } : {}),
  };
}

/** What preflight collects over the servers. */
export interface Collected {
  problems: PreflightProblem[];
  warnings: PreflightProblem[];
  /** An active job: a problem in a run, a warning in a PR check. */
  busy: PreflightProblem[];
  drift: LaunchConfigDrift[];
  leftOut: ExcludedServer[];
  /** Point in time: the snapshot each server launches from. */
  snapshots: Map<string, ChosenSnapshot>;
}

export function emptyCollection(problems: PreflightProblem[] = []): Collected {
  return { problems, warnings: [], busy: [], drift: [], leftOut: [], snapshots: new Map() };
}

/** One server's verdict into the collection: a failing non-critical server is left out, not a stop. */
export function collect(
  acc: Collected,
  server: { rs: ResolvedServer; wave: string },
  judged: Judgement,
  mode: PreflightMode,
): void {
  const { rs, wave } = server;
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
