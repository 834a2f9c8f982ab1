/**
 * Preflight's per-server reads (launch configuration, template, snapshots, launch actions, then the
 * network they name) and their launch verdicts, for any set of servers: all of them before the first
 * write, or, in a pipelined run (issue 18), the first waves' servers then each later wave's while the
 * waves before it run. The account-wide checks that can refuse a plan (replication, active jobs,
 * existing recovery instances, quotas) are never deferred: preflight.ts makes them for every wave.
 */
import pLimit from 'p-limit';
import { hasDrillOverrides } from '../plan/drill.js';
import { drillView } from './drill-preflight.js';
import type { LaunchConfigDrift } from './launch-config.js';
import { lookupIds, type NetworkLookups } from './network.js';
import type { ChosenSnapshot } from './point-in-time.js';
import type { PreflightDeps } from './preflight-deps.js';
import {
  type Collected,
  collect,
  emptyCollection,
  launchJudgement,
  type PreflightMode,
} from './preflight-judge.js';
import {
  effectiveGroups,
  effectiveSubnet,
  readServer,
  readTemplates,
  type ServerFacts,
} from './preflight-server.js';
import type { ExcludedServer, PreflightProblem } from './resolve.js';
import type { ExecutionPlan, ResolvedServer, ResolvedWave } from './types.js';

/**
 * Per-server reads in flight at once. Each server costs two or three sequential reads (DRS, then EC2),
 * so 16 keeps DRS and EC2 each well inside their request-rate buckets (EC2's describe calls refill at
 * about 20 a second); throttling is retried with its Retry-After (retrying.ts).
 */
export const READ_CONCURRENCY = 16;

/**
 * From this many servers, their templates' default versions are read with one account-wide listing
 * (preflight-server.ts readTemplates) instead of a DescribeLaunchTemplateVersions call each.
 */
export const TEMPLATE_BATCH_FROM = 20;

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

export interface LaunchReadOptions {
  mode: PreflightMode;
  pointInTime: string | undefined;
  /** Throws when the phase must stop (deadline, cancellation): checked after the reads. */
  checkpoint: () => void;
}

/** Reads the servers and judges their launch settings into `acc` (left-out, drift, snapshots…). */
export async function judgeLaunches(
  deps: PreflightDeps,
  servers: readonly { rs: ResolvedServer; wave: string }[],
  opts: LaunchReadOptions,
  acc: Collected,
): Promise<void> {
  const limit = pLimit(READ_CONCURRENCY);
  // Many servers: their templates in one account-wide read rather than one call each.
  const batch = servers.length >= TEMPLATE_BATCH_FROM;
  const facts = await Promise.all(
    servers.map((s) => limit(() => readServer(deps, s.rs, s.wave, opts.pointInTime, batch))),
  );
  opts.checkpoint();
  if (batch) await readTemplates(deps, facts, limit);
  opts.checkpoint();
  // A drill launches with the plan's drill: overrides: its network is the one to check.
  const net = await readNetwork(deps, opts.mode === 'drill' ? facts.map(drillView) : facts);
  opts.checkpoint();
  const ctx = { mode: opts.mode, net, pointInTime: opts.pointInTime };
  for (const f of facts) collect(acc, f, launchJudgement(f, ctx), opts.mode);
}

/**
 * The waves whose per-server reads can wait until the waves before them run: every wave that depends
 * on another. A wave with `drill:` overrides is read first: its drill settings are written before the
 * first wave starts, on top of settings the repair must have written already.
 */
export function deferrableWaves(executionPlan: ExecutionPlan): Set<string> {
  return new Set(
    executionPlan.waves
      .filter((w) => w.wave.dependsOn.length > 0 && !w.servers.some((rs) => hasDrillOverrides(rs.spec.drill)))
      .map((w) => w.wave.name),
  );
}

/** One later wave's own preflight: what its per-server reads found. */
export interface WavePreflight {
  /** The wave's servers to start: the ones left out removed, point-in-time snapshots chosen. */
  servers: ResolvedServer[];
  /** Problems that stop the run before the wave starts (a critical server's, with their plan lines). */
  problems: PreflightProblem[];
  warnings: PreflightProblem[];
  drift: LaunchConfigDrift[];
  /** Non-critical servers left out for their launch settings. */
  leftOut: ExcludedServer[];
}

/** The servers with the left-out ones removed and each chosen snapshot set. Pure. */
function startableServers(
  servers: readonly ResolvedServer[],
  leftOut: readonly ExcludedServer[],
  snapshots: ReadonlyMap<string, ChosenSnapshot>,
): ResolvedServer[] {
  const out = new Set(leftOut.map((x) => x.sourceServerId));
  return servers
    .filter((rs) => !out.has(rs.sourceServerId))
    .map((rs) => {
      const chosen = snapshots.get(rs.sourceServerId);
      return chosen ? { ...rs, recoverySnapshot: chosen } : rs;
    });
}

/** Reads and judges one deferred wave (its account-wide checks passed with the rest of the plan). */
export async function preflightWave(
  deps: PreflightDeps,
  wave: ResolvedWave,
  opts: LaunchReadOptions,
): Promise<WavePreflight> {
  const acc = emptyCollection();
  const name = wave.wave.name;
  await judgeLaunches(
    deps,
    wave.servers.map((rs) => ({ rs, wave: name })),
    opts,
    acc,
  );
  return {
    servers: startableServers(wave.servers, acc.leftOut, acc.snapshots),
    problems: acc.problems,
    warnings: acc.warnings,
    drift: acc.drift,
    leftOut: acc.leftOut,
  };
}
