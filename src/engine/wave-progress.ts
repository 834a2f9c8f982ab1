/**
 * A running wave as the run loop tracks it: each server's entry brought up to date from the poll state
 * (job, log, recovery instance, EC2), its verdict from outcome.ts, and the wave decided when it settles
 * or times out.
 */

import type { Instance } from '../aws/gateways.js';
import { parseInstant, toUtcIso } from '../core/durations.js';
import type {
  LaunchActionReport,
  LaunchedInstance,
  ServerError,
  ServerReport,
  WaveReport,
} from '../core/report.js';
import { describeHealthCheck, evaluateHealth, type HealthVerdict } from './health.js';
import { errorsFromLog, phasesFromLog } from './log-events.js';
import {
  evaluateWave,
  evaluateWaveAtTimeout,
  INSTANCE_GRACE_MS,
  launchActionReports,
  looksLikeMissingEc2Permissions,
  missingEc2PermissionsMessage,
  type ServerOutcome,
  serverLabel,
  serverOutcome,
  type WaveEvaluation,
  type WaveServerView,
} from './outcome.js';
import { isLaunched, launchedInstance, type PollState } from './poller.js';
import type { ResolvedServer, ResolvedWave } from './types.js';

/** What the poller saw for one server, gathered from the job, the recovery instance and EC2. */
export interface ServerObservation {
  jobId?: string;
  jobStatus?: string;
  launchStatus?: string;
  recoveryInstanceId?: string;
  ec2InstanceId?: string;
  ec2State?: string;
  /** EC2 LaunchTime. */
  launchedAt?: string;
  /** RecoveryInstance.pointInTimeSnapshotDateTime. */
  recoveryPointAt?: string;
  launchActions?: LaunchActionReport[];
  /** What EC2 says was launched (type, subnet, private IP). */
  launched?: LaunchedInstance;
}

/** Copy what was observed onto the report entry, keeping earlier values where nothing new came. */
export function applyObservation(server: ServerReport, seen: ServerObservation): void {
  if (seen.jobId !== undefined) server.jobId = seen.jobId;
  if (seen.launchStatus !== undefined) server.launchStatus = seen.launchStatus;
  if (seen.recoveryInstanceId !== undefined) server.recoveryInstanceId = seen.recoveryInstanceId;
  if (seen.ec2InstanceId !== undefined) server.ec2InstanceId = seen.ec2InstanceId;
  if (seen.ec2State !== undefined) server.ec2State = seen.ec2State;
  if (seen.launchedAt !== undefined) server.launchedAt = seen.launchedAt;
  if (seen.recoveryPointAt !== undefined) server.recoveryPointAt = seen.recoveryPointAt;
  // DRS may drop a completed job's per-server details: what was seen last is kept.
  if (seen.launchActions !== undefined && seen.launchActions.length > 0)
    server.launchActions = seen.launchActions;
  if (seen.launched !== undefined) server.launched = seen.launched;
}

/** The launched instance's type, subnet and private IP, as EC2 describes it. */
function launchedOf(instance: Instance | undefined): LaunchedInstance | undefined {
  if (!instance) return undefined;
  const launched: LaunchedInstance = {
    ...(instance.InstanceType ? { instanceType: String(instance.InstanceType) } : {}),
    ...(instance.SubnetId ? { subnetId: instance.SubnetId } : {}),
    ...(instance.PrivateIpAddress ? { privateIp: instance.PrivateIpAddress } : {}),
  };
  return Object.keys(launched).length > 0 ? launched : undefined;
}

/** Per-wave memory of the run loop: last outcome and last logged state of each server. */
export interface ServerTracking {
  outcomes: Map<string, ServerOutcome>;
  /** sourceServerId → the state line last logged, so each change is logged exactly once. */
  logged: Map<string, string>;
  /** EC2 instances of this wave whose health is still pending (filled by refreshServers). */
  awaitingHealth?: string[];
  /** Source servers DRS launched whose instance is not known yet (filled by refreshServers). */
  awaitingInstance?: string[];
  awaitingStatusChecks?: string[];
}

/** The parts of the run loop's wave state these functions read. */
export interface WaveProgress {
  resolved: ResolvedWave;
  report: WaveReport;
  chunks: readonly {
    spec: { servers: readonly ResolvedServer[] };
    jobId?: string;
    failure?: string;
    lastWait?: string;
  }[];
  tracking: ServerTracking;
}

/** Errors we add ourselves (kept across refreshes; the log-derived ones are rebuilt each time). */
const OWN_EVENTS = new Set(['START_RECOVERY', 'HEALTH_CHECK']);

function addOwnError(server: ServerReport, error: ServerError): void {
  if (!server.errors.some((e) => e.event === error.event)) server.errors.push(error);
}

function jobOf(wave: WaveProgress, sourceServerId: string) {
  return wave.chunks.find((c) => c.spec.servers.some((s) => s.sourceServerId === sourceServerId));
}

function observeServer(poll: PollState, jobId: string, sourceServerId: string) {
  const tracked = poll.jobs.get(jobId);
  const participant = tracked?.job?.participatingServers?.find((p) => p.sourceServerID === sourceServerId);
  const ref = launchedInstance(poll, jobId, sourceServerId);
  const { recoveryInstanceId, ec2InstanceId, recoveryInstance: ri } = ref;
  const instance = ec2InstanceId ? poll.instances.get(ec2InstanceId) : undefined;
  const status = ec2InstanceId ? poll.statuses.get(ec2InstanceId) : undefined;
  const recoveryPointAt = toUtcIso(ri?.pointInTimeSnapshotDateTime);
  const launchActions = launchActionReports(participant?.launchActionsStatus?.runs);
  const seen: ServerObservation = {
    jobId,
    ...(tracked?.job?.status ? { jobStatus: tracked.job.status } : {}),
    ...(participant?.launchStatus ? { launchStatus: participant.launchStatus } : {}),
    ...(recoveryInstanceId ? { recoveryInstanceId } : {}),
    ...(ec2InstanceId ? { ec2InstanceId } : {}),
    ...(instance?.State?.Name ? { ec2State: instance.State.Name } : {}),
    ...(instance?.LaunchTime ? { launchedAt: new Date(instance.LaunchTime).toISOString() } : {}),
    ...(recoveryPointAt ? { recoveryPointAt } : {}),
    ...(launchActions.length > 0 ? { launchActions } : {}),
  };
  const described = launchedOf(instance);
  if (described) seen.launched = described;
  const launched = isLaunched(poll, jobId, sourceServerId);
  return { seen, launched, completedAt: tracked?.completedAt, logs: tracked?.logs ?? [], instance, status };
}

/** Whether the grace for finding a launched server's instance is over, on AWS's clock. */
function instanceOverdue(completedAt: string | undefined, now: string): boolean {
  const done = parseInstant(completedAt);
  const at = parseInstant(now);
  return done !== undefined && at !== undefined && at - done >= INSTANCE_GRACE_MS;
}

function stateLine(server: ServerReport, outcome: ServerOutcome): string {
  const parts = [server.launchStatus ?? 'PENDING'];
  if (server.ec2InstanceId)
    parts.push(`EC2 ${server.ec2InstanceId}${server.ec2State ? ` ${server.ec2State}` : ''}`);
  parts.push(`health ${outcome.health}`);
  if (outcome.result === 'failed') parts.push(`FAILED: ${outcome.reason ?? ''}`);
  return parts.join(', ');
}

/** What one refresh found still waiting, so the next tick asks AWS only about those. */
interface Awaiting {
  health: string[];
  statusChecks: string[];
  instance: string[];
}

/** The health verdict of a launched server, once passed it stays passed. */
function healthOf(
  server: ServerReport,
  resolved: ResolvedServer,
  launched: boolean,
  seen: ReturnType<typeof observeServer>,
) {
  if (server.healthyAt) return { state: 'passed' } as HealthVerdict;
  if (!launched) return { state: 'pending' } as HealthVerdict;
  const disposition = resolved.spec.launch.launchDisposition;
  return evaluateHealth({
    check: resolved.spec.healthCheck,
    ...(disposition ? { launchDisposition: disposition } : {}),
    instance: seen.instance,
    status: seen.status,
  });
}

/** One server of a chunk that has a job: observation, verdict, errors, phases, what it waits for. */
function refreshStartedServer(
  server: ServerReport,
  resolved: ResolvedServer,
  seen: ReturnType<typeof observeServer>,
  now: string,
  awaiting: Awaiting,
): ServerOutcome {
  const id = resolved.sourceServerId;
  applyObservation(server, seen.seen);
  const logErrors = errorsFromLog(seen.logs, id);
  const { healthCheck: check } = resolved.spec;
  const ec2InstanceId = seen.seen.ec2InstanceId;
  const health = healthOf(server, resolved, seen.launched && ec2InstanceId !== undefined, seen);
  const overdue = seen.launched && !ec2InstanceId && instanceOverdue(seen.completedAt, now);
  const outcome = serverOutcome({
    ...seen.seen,
    launched: seen.launched,
    instanceOverdue: overdue,
    ...(server.launchActions ? { launchActions: server.launchActions } : {}),
    health,
    logErrors,
  });
  if (seen.launched && !ec2InstanceId && !overdue) awaiting.instance.push(id);
  if (outcome.health === 'passed' && !server.healthyAt) {
    server.healthyAt = check === 'none' ? (server.launchedAt ?? now) : now;
  }
  if (health.state === 'failed')
    addOwnError(server, { event: 'HEALTH_CHECK', message: health.reason, at: now });
  server.errors = [...logErrors, ...server.errors.filter((e) => OWN_EVENTS.has(e.event))];
  server.phases = phasesFromLog(seen.logs, id, server.launchedAt);
  if (server.launchedAt) {
    server.phases.push({
      name: 'boot',
      startedAt: server.launchedAt,
      ...(server.healthyAt ? { endedAt: server.healthyAt } : {}),
    });
  }
  if (outcome.result === 'pending' && seen.launched && ec2InstanceId) {
    awaiting.health.push(ec2InstanceId);
    if (check === 'ec2-status' && resolved.spec.launch.launchDisposition !== 'STOPPED')
      awaiting.statusChecks.push(ec2InstanceId);
  }
  return outcome;
}

/**
 * Bring a running wave's server entries up to date from the poll state, and log each server's
 * state once per change. `now` is AWS's clock, used only for health first seen passing.
 */
export function refreshServers(
  wave: WaveProgress,
  poll: PollState,
  now: string,
  log: (line: string) => void,
): void {
  const awaiting: Awaiting = { health: [], statusChecks: [], instance: [] };
  for (const job of wave.report.jobs) {
    const seen = poll.jobs.get(job.jobId)?.job;
    if (seen?.status) job.status = seen.status;
    const endedAt = toUtcIso(seen?.endDateTime);
    if (endedAt) job.endedAt = endedAt;
  }
  wave.resolved.servers.forEach((resolved, i) => {
    const server = wave.report.servers[i];
    if (!server) return;
    const id = resolved.sourceServerId;
    const chunk = jobOf(wave, id);
    let outcome: ServerOutcome = { result: 'pending', health: 'pending' };
    if (chunk?.failure) {
      outcome = { result: 'failed', health: 'skipped', reason: chunk.failure };
      addOwnError(server, { event: 'START_RECOVERY', message: chunk.failure, at: now });
    } else if (chunk?.jobId) {
      outcome = refreshStartedServer(server, resolved, observeServer(poll, chunk.jobId, id), now, awaiting);
    }
    server.health = outcome.health;
    wave.tracking.outcomes.set(id, outcome);
    const line = stateLine(server, outcome);
    if (wave.tracking.logged.get(id) !== line && (chunk?.jobId || chunk?.failure)) {
      wave.tracking.logged.set(id, line);
      log(`[${wave.report.name}] ${serverLabel(server)}: ${line}`);
    }
  });
  wave.tracking.awaitingHealth = awaiting.health;
  wave.tracking.awaitingStatusChecks = awaiting.statusChecks;
  wave.tracking.awaitingInstance = awaiting.instance;
}

function views(wave: WaveProgress): WaveServerView[] {
  return wave.report.servers.map((s) => ({
    sourceServerId: s.sourceServerId,
    ...(s.hostname ? { hostname: s.hostname } : {}),
    critical: s.critical,
    outcome: wave.tracking.outcomes.get(s.sourceServerId) ?? { result: 'pending', health: 'pending' },
  }));
}

export function evaluateRunningWave(wave: WaveProgress, poll: PollState): WaveEvaluation {
  const tracked = wave.chunks.flatMap((c) => (c.jobId ? [poll.jobs.get(c.jobId)] : []));
  const jobs = tracked.flatMap((t) => (t?.job ? [t.job] : []));
  const permissionProblems = tracked.flatMap((t) =>
    t?.job && looksLikeMissingEc2Permissions(t.job, t.logs, t.sourceServerIds)
      ? [missingEc2PermissionsMessage(t.jobId)]
      : [],
  );
  return evaluateWave({
    waveName: wave.report.name,
    allChunksStarted: wave.chunks.every((c) => c.jobId !== undefined || c.failure !== undefined),
    jobs: jobs.length === tracked.length ? jobs : [...jobs, { jobID: undefined, status: 'PENDING' }],
    servers: views(wave),
    permissionProblems,
  });
}

function waitingFor(wave: WaveProgress, resolved: ResolvedServer, server: ServerReport): string {
  const chunk = jobOf(wave, resolved.sourceServerId);
  if (!chunk?.jobId) return `StartRecovery${chunk?.lastWait ? ` (${chunk.lastWait})` : ''}`;
  if (!server.ec2InstanceId) {
    return server.launchStatus === 'LAUNCHED'
      ? 'DRS to report the EC2 instance'
      : `DRS to launch it (launch status ${server.launchStatus ?? 'PENDING'}${lastPhase(server)})`;
  }
  if (server.launchActions?.some((a) => a.status === 'IN_PROGRESS') && server.health === 'passed')
    return 'its post-launch actions to finish';
  const disposition = resolved.spec.launch.launchDisposition;
  return `${describeHealthCheck(resolved.spec.healthCheck, disposition)} (EC2 state ${server.ec2State ?? 'unknown'})`;
}

/** The phase a server was last seen in, from the job log (launchStatus stays PENDING meanwhile). */
function lastPhase(server: ServerReport): string {
  const last = server.phases[server.phases.length - 1];
  if (!last) return '';
  return `, ${last.name} ${last.endedAt ? 'done' : 'in progress'}`;
}

export function waveTimeoutOutcome(wave: WaveProgress): WaveEvaluation {
  const servers = views(wave).map((v, i) => {
    const resolved = wave.resolved.servers[i];
    const report = wave.report.servers[i];
    return { ...v, waitingFor: resolved && report ? waitingFor(wave, resolved, report) : 'unknown' };
  });
  return evaluateWaveAtTimeout({
    waveName: wave.report.name,
    timeoutSeconds: wave.resolved.wave.timeoutSeconds,
    servers,
  });
}
