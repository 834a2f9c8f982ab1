/**
 * Preflight: everything that can be known to break a run before anything is started. Reads only;
 * collects every failure (never stops at the first) so one run shows the whole list to fix.
 */
import pLimit from 'p-limit';
import type {
  DrsGateway,
  Ec2Gateway,
  Job,
  LaunchConfiguration,
  LaunchTemplateVersion,
  RecoveryInstance,
} from '../aws/gateways.js';
import { retryingDrs, retryingEc2 } from '../aws/retrying.js';
import { DRS_QUOTAS } from '../core/quotas.js';
import { TAG } from '../core/tags.js';
import { errorMessage } from '../errors.js';
import type { Plan } from '../plan/types.js';
import { type PhaseLimits, phaseCheckpoint, phaseSignal } from './deadline.js';
import { existingInstanceFindings } from './existing-instances.js';
import { indexRecoveryInstances } from './instances.js';
import {
  diffAll,
  instanceLevelGroupsBlockSubnet,
  type LaunchConfigDrift,
  templateSecurityGroupIds,
  templateSubnetId,
} from './launch-config.js';
import { lookupIds, type NetworkLookups, networkFindings } from './network.js';
import { awsNow } from './poller.js';
import {
  concurrentWaveGroups,
  type ExcludedServer,
  excludeServers,
  type PreflightFinding,
  type PreflightProblem,
  replicationFindings,
  resolvePlan,
} from './resolve.js';
import type { Clock, ExecutionPlan, ResolvedServer } from './types.js';

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

export interface PreflightDeps {
  drs: DrsGateway;
  ec2: Ec2Gateway;
  clock: Clock;
}

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

/** What per-server reads returned (or how they failed). */
interface ServerFacts {
  rs: ResolvedServer;
  wave: string;
  launchConfig?: LaunchConfiguration;
  launchConfigError?: unknown;
  template?: LaunchTemplateVersion;
  templateError?: unknown;
  snapshotIds?: string[];
  snapshotError?: unknown;
}

async function readServer(deps: PreflightDeps, rs: ResolvedServer, wave: string): Promise<ServerFacts> {
  const facts: ServerFacts = { rs, wave };
  const snapshot = rs.spec.snapshot
    ? deps.drs.describeRecoverySnapshots(rs.sourceServerId).then(
        (s) => {
          facts.snapshotIds = s.map((x) => x.snapshotID ?? '');
        },
        (e: unknown) => {
          facts.snapshotError = e;
        },
      )
    : Promise.resolve();
  try {
    facts.launchConfig = await deps.drs.getLaunchConfiguration(rs.sourceServerId);
    const templateId = facts.launchConfig.ec2LaunchTemplateID;
    if (templateId) facts.template = await deps.ec2.describeDefaultLaunchTemplateVersion(templateId);
  } catch (e) {
    if (facts.launchConfig) facts.templateError = e;
    else facts.launchConfigError = e;
  }
  await snapshot;
  return facts;
}

function effectiveSubnet(f: ServerFacts): string | undefined {
  return f.rs.spec.template.subnetId ?? (f.template ? templateSubnetId(f.template) : undefined);
}

function effectiveGroups(f: ServerFacts): string[] {
  return (
    f.rs.spec.template.securityGroupIds ??
    (f.template ? templateSecurityGroupIds(f.template) : undefined) ??
    []
  );
}

/** Launch configuration and network findings for one server, from the facts read before. */
export function launchFindings(f: ServerFacts, net: NetworkLookups): PreflightFinding[] {
  const out: PreflightFinding[] = [];
  const { spec } = f.rs;
  if (spec.snapshot) {
    if (f.snapshotError !== undefined) {
      out.push({
        level: 'error',
        message: `could not list recovery snapshots: ${errorMessage(f.snapshotError)}`,
      });
    } else if (!f.snapshotIds?.includes(spec.snapshot)) {
      out.push({
        level: 'error',
        message: `pinned snapshot ${spec.snapshot} does not exist`,
        fix: `Pick an existing point in time${f.snapshotIds?.[0] ? ` (latest: ${f.snapshotIds[0]})` : ''} or remove the pin`,
      });
    }
  }
  if (!f.launchConfig) {
    const notFound =
      (f.launchConfigError as { name?: string } | undefined)?.name === 'ResourceNotFoundException';
    out.push({
      level: 'error',
      message: `could not read its launch configuration: ${errorMessage(f.launchConfigError)}`,
      fix: notFound ? 'The source server may have been deleted from DRS; check the selector' : undefined,
    });
    return out;
  }
  const templateId = f.launchConfig.ec2LaunchTemplateID;
  if (!templateId) {
    out.push({
      level: 'error',
      message: 'its launch configuration has no EC2 launch template',
      fix: 'Open the server in the DRS console and save its launch settings so DRS creates the template',
    });
    return out;
  }
  if (!f.template) {
    out.push({
      level: 'error',
      message: `could not read the default version of launch template ${templateId}: ${errorMessage(f.templateError)}`,
    });
    return out;
  }
  const rightSizing = spec.launch.rightSizing ?? f.launchConfig.targetInstanceTypeRightSizingMethod;
  if (spec.template.instanceType !== undefined && rightSizing !== undefined && rightSizing !== 'NONE') {
    out.push({
      level: 'warning',
      message: `the plan sets instanceType ${spec.template.instanceType} but right-sizing is ${rightSizing}, so DRS overwrites the template's instance type`,
      fix: 'Set launch.rightSizing: NONE to keep the planned instance type',
    });
  }
  if (!hasDrsManagedTag(f.template)) {
    out.push({
      level: 'warning',
      message: `launch template ${templateId} does not tag instances ${DRS_MANAGED_TAG}=drs.amazonaws.com`,
      fix: 'Keep the DRS tags in the template: IAM policies conditioned on them (e.g. the DRS managed policies) deny the launch without them',
    });
  }
  const subnetId = effectiveSubnet(f);
  if (!subnetId) {
    out.push({
      level: 'error',
      message: `launch template ${templateId} has no subnet (and the plan sets none)`,
      fix: 'Set template.subnetId in the plan, or a subnet on the template’s primary network interface',
    });
    return out;
  }
  if (subnetId !== templateSubnetId(f.template) && instanceLevelGroupsBlockSubnet(f.template)) {
    out.push({
      level: 'error',
      message: `launch template ${templateId} sets security groups at instance level, so the planned subnet ${subnetId} cannot be added by a new version`,
      fix: 'Move the groups onto the primary network interface (with the subnet) in the EC2 console',
    });
  }
  const copyPrivateIp = spec.launch.copyPrivateIp ?? f.launchConfig.copyPrivateIp ?? false;
  out.push(
    ...networkFindings(
      { subnetId, groupIds: effectiveGroups(f), copyPrivateIp, server: f.rs.sourceServer },
      net,
    ),
  );
  return out;
}

const DRS_MANAGED_TAG = 'AWSElasticDisasterRecoveryManaged';

/** Whether the template's instance tag specification carries the tag DRS-managed policies require. */
function hasDrsManagedTag(version: LaunchTemplateVersion): boolean {
  return (version.LaunchTemplateData?.TagSpecifications ?? []).some(
    (spec) => spec.ResourceType === 'instance' && (spec.Tags ?? []).some((t) => t.Key === DRS_MANAGED_TAG),
  );
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

/** Runs every preflight check; writes nothing. */
export async function runPreflight(
  deps: PreflightDeps,
  plan: Plan,
  opts: {
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
  } & PhaseLimits,
): Promise<PreflightResult> {
  // Past the deadline (or once cancelled) no read is sent and preflight throws rather than report
  // half-read servers as problems.
  const checkpoint = phaseCheckpoint(deps.clock, opts, 'preflight');
  deps = withReadRetries(deps, checkpoint, phaseSignal(deps.clock, opts));
  const sourceServers = await deps.drs.describeAllSourceServers();
  // The look-back is measured on AWS's clock (the first answer's Date header): the runner's may be off.
  const awsNowMs = Date.parse(awsNow(deps));
  const recentJobs = await deps.drs.describeJobsSince(
    new Date(awsNowMs - ACTIVE_JOB_LOOKBACK_MS).toISOString(),
  );
  const resolved = resolvePlan(plan, sourceServers);
  const {
    executionPlan,
    excluded,
    problems: excludeProblems,
  } = excludeServers(resolved.executionPlan, opts.exclude ?? []);
  const problems = [...resolved.problems, ...excludeProblems];
  const warnings: PreflightProblem[] = [];
  const drift: LaunchConfigDrift[] = [];
  // An active job now does not make a plan wrong: in a PR check it is only worth a warning.
  const busy = opts.mode === 'validate' ? warnings : problems;

  const limit = pLimit(CONCURRENCY);
  const facts = await Promise.all(
    executionPlan.waves.flatMap((w) => w.servers.map((rs) => limit(() => readServer(deps, rs, w.wave.name)))),
  );
  checkpoint();
  const net: NetworkLookups = {
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
    (opts.mode === 'validate' ? warnings : problems).push({
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
    const findings = [
      ...replicationFindings(f.rs.sourceServer, plan.objectives.rpoSeconds),
      ...launchFindings(f, net),
      ...('byServer' in existing
        ? existingInstanceFindings(existing.byServer.get(f.rs.sourceServerId) ?? [], instanceOptions)
        : []),
    ];
    for (const x of findings)
      (x.level === 'error' ? problems : warnings).push(about(f.rs, f.wave, x.message, x.fix));
    const job = jobOfServer.get(f.rs.sourceServerId);
    if (job) {
      busy.push(
        about(
          f.rs,
          f.wave,
          `is already in active DRS job ${job.jobID} (${job.type ?? 'job'}, ${job.status ?? 'status unknown'})`,
          'Wait for that job to complete; DRS runs one job per source server',
        ),
      );
    }
    if (f.launchConfig && f.template !== undefined) {
      const desired = { launch: f.rs.spec.launch, template: f.rs.spec.template };
      const changes = diffAll(desired, f.launchConfig, f.template);
      if (changes.length > 0) {
        drift.push({
          sourceServerId: f.rs.sourceServerId,
          ...(f.rs.hostname ? { hostname: f.rs.hostname } : {}),
          changes,
          desired,
          ...(f.launchConfig.ec2LaunchTemplateID
            ? { launchTemplateId: f.launchConfig.ec2LaunchTemplateID }
            : {}),
          ...(f.template.VersionNumber !== undefined ? { templateVersion: f.template.VersionNumber } : {}),
        });
      }
    }
  }

  if (active.length >= DRS_QUOTAS.maxActiveJobs) {
    busy.push({
      message: `${active.length} DRS jobs are already active; DRS runs at most ${DRS_QUOTAS.maxActiveJobs} at a time`,
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
