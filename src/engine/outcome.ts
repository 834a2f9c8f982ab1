/**
 * What counts as success, per server and per wave. Pure.
 * DRS's COMPLETED only means a job finished: a server succeeded when it is LAUNCHED, has an EC2
 * instance, and that instance passed the plan's health check.
 */
import type { Job, JobLog, LaunchActionRun } from '../aws/gateways.js';
import { formatTargetDuration } from '../core/durations.js';
import type { HealthState, LaunchActionReport, ServerError } from '../core/report.js';
import type { HealthVerdict } from './health.js';
import { appearsLaunched, launchEnds } from './instances.js';
import { errorsFromLog } from './log-events.js';

export type ServerResult = 'pending' | 'succeeded' | 'failed';

/**
 * How long after its job completed a server DRS reported launched may stay without a known instance
 * (no LAUNCH_END id, no recovery instance of the job) before it counts as failed.
 */
export const INSTANCE_GRACE_MS = 10 * 60_000;

export interface ServerOutcomeInput {
  jobStatus?: string;
  launchStatus?: string;
  /** DRS says it launched the server (LAUNCHED, or a LAUNCH_END event); default: launchStatus LAUNCHED. */
  launched?: boolean;
  ec2InstanceId?: string;
  /** Launched, its job COMPLETED more than INSTANCE_GRACE_MS ago, and still no instance found. */
  instanceOverdue?: boolean;
  /** DRS post-launch action runs, as last seen. */
  launchActions?: readonly LaunchActionReport[];
  health: HealthVerdict;
  /** Errors DRS logged for this server (log-events.ts). */
  logErrors: readonly ServerError[];
}

export interface ServerOutcome {
  result: ServerResult;
  health: HealthState;
  /** Why it failed, in words. */
  reason?: string;
  /** What went wrong without failing the server (optional post-launch actions). */
  warnings?: string[];
}

/** rawError texts that mean the caller's role was refused something DRS did on its behalf. */
const AUTHORIZATION_ERROR = /not authorized|UnauthorizedOperation|AccessDenied|is not permitted/i;

const PERMISSIONS_HINT =
  'DRS does the EC2 work of a job with the permissions of the role that called StartRecovery: grant the ' +
  'drill policy (`drs-drill iam-policy --mode drill <plan>`, docs/iam/drill-policy.json)';

function logReason(errors: readonly ServerError[]): string | undefined {
  const last = errors[errors.length - 1];
  if (!last) return undefined;
  if (!last.rawError) return last.message;
  const hint = AUTHORIZATION_ERROR.test(last.rawError) ? `. ${PERMISSIONS_HINT}` : '';
  return `${last.message} (rawError: ${last.rawError})${hint}`;
}

/** A server DRS calls launched but whose instance cannot be found: the old tool's silent case. */
export const NO_INSTANCE_REASON =
  'DRS reported the server launched, but no instance of this job can be found (no LAUNCH_END instance ' +
  `id, no recovery instance with this job's id) ${INSTANCE_GRACE_MS / 60_000} minutes after the job ` +
  'completed. Likely causes: the role cannot read recovery instances (drs:DescribeRecoveryInstances ' +
  'needs ec2:DescribeInstances), or the instance was terminated or replaced by a later launch of the ' +
  'same server';

function actionLabel(a: LaunchActionReport): string {
  return `post-launch action ${a.name ?? a.actionId ?? a.runId ?? '(unnamed)'}`;
}

/** Runs as the report keeps them. */
export function launchActionReports(runs: readonly LaunchActionRun[] | undefined): LaunchActionReport[] {
  return (runs ?? []).map((r) => ({
    ...(r.action?.actionId ? { actionId: r.action.actionId } : {}),
    ...(r.action?.name ? { name: r.action.name } : {}),
    ...(r.runId ? { runId: r.runId } : {}),
    optional: r.action?.optional === true,
    status: r.status ?? 'UNKNOWN',
    ...(r.failureReason ? { failureReason: r.failureReason } : {}),
  }));
}

function judgeLaunchActions(actions: readonly LaunchActionReport[]): {
  failure?: string;
  running: boolean;
  warnings: string[];
} {
  const warnings: string[] = [];
  let failure: string | undefined;
  let running = false;
  for (const a of actions) {
    const why = a.failureReason ? `: ${a.failureReason}` : '';
    if (a.status === 'SUCCEEDED') continue;
    if (a.status === 'IN_PROGRESS') running = true;
    else if (a.status === 'FAILED') {
      if (a.optional) warnings.push(`optional ${actionLabel(a)} failed${why}`);
      else failure ??= `${actionLabel(a)} failed${why}`;
    } else warnings.push(`${actionLabel(a)} reported status ${a.status}; not counted`);
  }
  return { ...(failure ? { failure } : {}), running, warnings };
}

export function serverOutcome(input: ServerOutcomeInput): ServerOutcome {
  const { launchStatus } = input;
  if (launchStatus === 'FAILED' || launchStatus === 'TERMINATED') {
    const reason = logReason(input.logErrors) ?? `DRS reported launch status ${launchStatus}`;
    return { result: 'failed', health: 'skipped', reason };
  }
  const launched = input.launched ?? launchStatus === 'LAUNCHED';
  if (!launched) {
    if (input.jobStatus === 'COMPLETED') {
      const reason =
        logReason(input.logErrors) ??
        `the job completed but the server was not launched (launch status ${launchStatus ?? 'unknown'})`;
      return { result: 'failed', health: 'skipped', reason };
    }
    return { result: 'pending', health: 'pending' };
  }
  if (input.ec2InstanceId === undefined) {
    if (input.instanceOverdue) return { result: 'failed', health: 'skipped', reason: NO_INSTANCE_REASON };
    return { result: 'pending', health: 'pending' };
  }
  const actions = judgeLaunchActions(input.launchActions ?? []);
  const warnings = actions.warnings.length > 0 ? { warnings: actions.warnings } : {};
  if (actions.failure) {
    const health = input.health.state === 'pending' ? 'skipped' : input.health.state;
    return { result: 'failed', health, reason: actions.failure, ...warnings };
  }
  if (input.health.state === 'failed') {
    return {
      result: 'failed',
      health: 'failed',
      reason: `health check failed: ${input.health.reason}`,
      ...warnings,
    };
  }
  if (input.health.state === 'passed' && !actions.running)
    return { result: 'succeeded', health: 'passed', ...warnings };
  return { result: 'pending', health: input.health.state === 'passed' ? 'passed' : 'pending' };
}

/**
 * DRS does the EC2 work of a job with the caller's own permissions (forward access sessions). Without
 * them a job ends COMPLETED with no server launched. Said only when no failure event in the log
 * explains it (a SNAPSHOT_FAIL, CONVERSION_FAIL or LAUNCH_FAILED names its own cause).
 */
export function looksLikeMissingEc2Permissions(
  job: Job,
  logs: readonly JobLog[],
  sourceServerIds: readonly string[] = (job.participatingServers ?? []).flatMap((p) =>
    p.sourceServerID ? [p.sourceServerID] : [],
  ),
): boolean {
  if (job.status !== 'COMPLETED' || sourceServerIds.length === 0) return false;
  const ends = launchEnds(logs);
  const participants = new Map((job.participatingServers ?? []).map((p) => [p.sourceServerID, p]));
  if (sourceServerIds.some((id) => appearsLaunched(participants.get(id), ends, id))) return false;
  return sourceServerIds.every((id) => errorsFromLog(logs, id).length === 0);
}

export function missingEc2PermissionsMessage(jobId: string): string {
  return (
    `DRS job ${jobId} completed with 0 of its servers launched and no failure logged. ` +
    'The likely cause: the IAM role that called StartRecovery lacks the EC2 permissions DRS uses on its ' +
    'behalf (forward access sessions), such as ec2:RunInstances, ec2:CreateVolume, ec2:AttachVolume, ' +
    'ec2:CreateSnapshot, ec2:CreateLaunchTemplateVersion, ec2:CreateTags, ec2:TerminateInstances, and ' +
    'iam:PassRole for the launch template instance profile. Fix: grant the drill policy that ' +
    '`drs-drill iam-policy --mode drill <plan>` prints (docs/iam/drill-policy.json): the EC2 dependent ' +
    'actions of StartRecovery with the condition aws:ViaAWSService = true, and iam:PassRole on the instance ' +
    "profile's role with iam:PassedToService = ec2.amazonaws.com. The AWS managed policy " +
    'AWSElasticDisasterRecoveryConsoleFullAccess_v2 also covers them.'
  );
}

export interface WaveServerView {
  sourceServerId: string;
  hostname?: string;
  critical: boolean;
  outcome: ServerOutcome;
}

export interface WaveEvaluation {
  state: 'running' | 'succeeded' | 'failed' | 'timed-out';
  error?: string;
  warnings: string[];
}

export function serverLabel(s: { sourceServerId: string; hostname?: string }): string {
  return s.hostname ? `${s.sourceServerId} (${s.hostname})` : s.sourceServerId;
}

function nonCriticalWarnings(waveName: string, servers: readonly WaveServerView[]): string[] {
  const own = servers.flatMap((s) =>
    (s.outcome.warnings ?? []).map((w) => `Wave "${waveName}": ${serverLabel(s)}: ${w}`),
  );
  const nonCritical = servers
    .filter((s) => !s.critical && s.outcome.result !== 'succeeded')
    .map(
      (s) =>
        `Wave "${waveName}": non-critical server ${serverLabel(s)} did not succeed: ${
          s.outcome.reason ?? 'not healthy when the wave ended'
        }`,
    );
  return [...own, ...nonCritical];
}

/**
 * Decide a wave once everything it started has settled: all chunks started, every job COMPLETED,
 * every server decided. Until then it is running.
 */
export function evaluateWave(input: {
  waveName: string;
  allChunksStarted: boolean;
  jobs: readonly Job[];
  servers: readonly WaveServerView[];
  /** Messages for jobs that look like the missing-EC2-permissions case. */
  permissionProblems: readonly string[];
}): WaveEvaluation {
  const settled =
    input.allChunksStarted &&
    input.jobs.every((j) => j.status === 'COMPLETED') &&
    input.servers.every((s) => s.outcome.result !== 'pending');
  if (!settled) return { state: 'running', warnings: [] };

  const warnings = nonCriticalWarnings(input.waveName, input.servers);
  const criticalFailures = input.servers.filter((s) => s.critical && s.outcome.result === 'failed');
  if (criticalFailures.length === 0) return { state: 'succeeded', warnings };
  const lines = criticalFailures.map((s) => `${serverLabel(s)}: ${s.outcome.reason ?? 'failed'}`);
  const error = [...input.permissionProblems, `Critical server(s) failed: ${lines.join('; ')}`].join(' ');
  return { state: 'failed', error, warnings };
}

/**
 * A wave's timeout came: it still succeeds if every critical server already did (non-critical
 * stragglers only warn); otherwise it timed out, naming what each critical server was waiting for.
 */
export function evaluateWaveAtTimeout(input: {
  waveName: string;
  timeoutSeconds: number;
  servers: readonly (WaveServerView & { waitingFor: string })[];
}): WaveEvaluation {
  const warnings = nonCriticalWarnings(input.waveName, input.servers);
  const notDone = input.servers.filter((s) => s.critical && s.outcome.result !== 'succeeded');
  if (notDone.length === 0) return { state: 'succeeded', warnings };
  const lines = notDone.map((s) =>
    s.outcome.result === 'failed'
      ? `${serverLabel(s)}: ${s.outcome.reason ?? 'failed'}`
      : `${serverLabel(s)}: still waiting for ${s.waitingFor}`,
  );
  return {
    state: 'timed-out',
    error: `Wave "${input.waveName}" timed out after ${formatTargetDuration(input.timeoutSeconds)}: ${lines.join('; ')}`,
    warnings,
  };
}
