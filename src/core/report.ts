import type { Mode, RunStatus } from '../modes.js';

/**
 * The evidence of one run (report.json, validated by schemas/report.schema.json).
 * Every time is an ISO-8601 UTC string taken from DRS or EC2 (job log times, launch times,
 * status-check times), never from when the poller happened to wake up.
 * Every duration is computed from these timestamps in src/core/durations.ts, nowhere else.
 */
export interface Report {
  schemaVersion: 1;
  mode: Mode;
  /** `<repository>/<run id>`, stable across re-runs of one workflow run. */
  executionId: string;
  plan: { name: string; path: string; sha256: string; commit?: string };
  /** GitHub actor who started the run. */
  initiatedBy?: string;
  repository?: string;
  runUrl?: string;
  region: string;
  accountId?: string;
  isDrill: boolean;
  /** Input dry-run: what would be done was listed; nothing was written, started or terminated. */
  dryRun?: boolean;
  startedAt: string;
  endedAt?: string;
  status: RunStatus | 'running';
  objectives: { rtoSeconds?: number; rpoSeconds?: number };
  /** Filled by computeMeasurements() from the timestamps below. */
  measured: Measurements;
  waves: WaveReport[];
  launchConfigChanges: LaunchConfigChange[];
  /** Servers the input exclude left out of this run. */
  excluded?: { sourceServerId: string; hostname?: string; wave: string }[];
  cleanup?: CleanupReport;
  /** Run-level problems (preflight failures, timeouts, cancellation) in words a person understands. */
  errors: string[];
  warnings: string[];
}

export interface Measurements {
  /** First StartRecovery → last critical server healthy. Absent when not every critical server got healthy. */
  rtoSeconds?: number;
  /**
   * RPO, the data a recovery would lose: the worst (largest) recovery request time (the server's
   * StartRecovery job creation) − recovery point time, over servers launched from their latest data.
   */
  rpoSeconds?: number;
  /** How rpoSeconds is measured; absent in reports written before the definition changed. */
  rpoDefinition?: 'request-minus-recovery-point';
  /** Worst launch time − recovery point time over launched servers (what earlier versions called RPO). */
  dataAgeAtLaunchSeconds?: number;
  /** Worst request time − snapshot time over servers pinned to a snapshot (`snapshot:` in the plan). */
  pinnedSnapshotAgeSeconds?: number;
  rtoMet?: boolean;
  rpoMet?: boolean;
  /** When the first StartRecovery was accepted (the RTO clock's start). */
  firstStartRecoveryAt?: string;
  /**
   * Present when a wave has checks: RTO then ends when every critical server is healthy and its wave's
   * checks passed; `rtoHealthySeconds` keeps the instances-only figure (last critical server healthy).
   */
  rtoDefinition?: 'healthy-and-checks-passed';
  rtoHealthySeconds?: number;
}

export type WaveStatus =
  | 'pending'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'timed-out'
  | 'skipped'
  | 'cancelled';

export interface WaveReport {
  name: string;
  index: number;
  dependsOn: string[];
  status: WaveStatus;
  /** When the wave's first StartRecovery was accepted. */
  startedAt?: string;
  /** When the wave's outcome was decided (last server healthy, failure, or timeout). */
  endedAt?: string;
  jobs: JobReport[];
  servers: ServerReport[];
  /** Why the wave failed or was skipped. */
  error?: string;
  /** The wave's SSM checks (plan `checks:`), run once its servers were healthy. */
  checks?: CheckReport[];
  /** When the last of the wave's checks passed (SSM's finish time): the wave's application is up. */
  checksPassedAt?: string;
}

/** One wave check: an SSM Run Command on the wave's recovered instances. */
export interface CheckReport {
  name: string;
  /** SSM document run. */
  document: string;
  on: 'every' | 'any';
  status: 'running' | 'passed' | 'failed' | 'timed-out' | 'skipped';
  startedAt?: string;
  endedAt?: string;
  /** Why it failed, in words. */
  error?: string;
  instances: CheckInstanceReport[];
}

export interface CheckInstanceReport {
  sourceServerId: string;
  hostname?: string;
  ec2InstanceId: string;
  /** SSM's invocation status (Success, Failed, TimedOut, …), or NotRegistered while the agent is not online. */
  status: string;
  commandId?: string;
  /** The script's exit code, as SSM reports it. */
  responseCode?: number;
  /** The first 2 KB of the output: control sequences removed, anything credential-like redacted. */
  output?: string;
  finishedAt?: string;
}

export interface JobReport {
  jobId: string;
  /** DRS JobStatus: PENDING | STARTED | COMPLETED. */
  status: string;
  createdAt?: string;
  endedAt?: string;
  sourceServerIds: string[];
}

export type HealthState = 'pending' | 'passed' | 'failed' | 'skipped';

/** Phases a server goes through in a DRS job, from the job log. */
export interface PhaseReport {
  /** snapshot | conversion | launch | boot (boot = EC2 instance launched → health check passed). */
  name: 'snapshot' | 'conversion' | 'launch' | 'boot';
  startedAt: string;
  endedAt?: string;
  failed?: boolean;
}

export interface ServerError {
  /** DRS job log event (e.g. CONVERSION_FAIL) or our own label (e.g. HEALTH_CHECK). */
  event: string;
  message: string;
  /** DRS's `rawError`, verbatim. */
  rawError?: string;
  at?: string;
}

export interface ServerReport {
  sourceServerId: string;
  hostname?: string;
  critical: boolean;
  jobId?: string;
  /** DRS LaunchStatus as sent: PENDING | IN_PROGRESS | LAUNCHED | FAILED | TERMINATED (or a newer value). */
  launchStatus?: string;
  recoveryInstanceId?: string;
  ec2InstanceId?: string;
  /** Last seen EC2 instance state (running, stopped, …). */
  ec2State?: string;
  /** When the EC2 instance was launched (EC2 LaunchTime). */
  launchedAt?: string;
  /** When the health check passed. */
  healthyAt?: string;
  /** Time of the data the instance was launched from (RecoveryInstance.pointInTimeSnapshotDateTime). */
  recoveryPointAt?: string;
  /** The point-in-time snapshot the plan pinned (`snapshot:`); absent when the latest data is used. */
  pinnedSnapshotId?: string;
  /** The recovery snapshot the instance was launched from (pit-…), as DRS identifies it. */
  recoverySnapshotId?: string;
  /** What was launched, as EC2 describes the instance. */
  launched?: LaunchedInstance;
  /** Replication as the preflight saw it, before anything was started. */
  replicationAtPreflight?: ReplicationSnapshot;
  health: HealthState;
  phases: PhaseReport[];
  errors: ServerError[];
  /** DRS post-launch action runs (participatingServers[].launchActionsStatus.runs), as last seen. */
  launchActions?: LaunchActionReport[];
}

export interface LaunchedInstance {
  /** EC2 InstanceType. */
  instanceType?: string;
  /** EC2 SubnetId. */
  subnetId?: string;
  /** EC2 PrivateIpAddress (the primary network interface's). */
  privateIp?: string;
}

export interface ReplicationSnapshot {
  /** DRS dataReplicationInfo.dataReplicationState (CONTINUOUS, BACKLOG, STALLED, …). */
  state: string;
  /** DRS dataReplicationInfo.lagDuration as sent (ISO-8601 duration). */
  lagDuration?: string;
  /** The same lag in seconds, when it could be read. */
  lagSeconds?: number;
}

export interface LaunchActionReport {
  actionId?: string;
  name?: string;
  runId?: string;
  /** An optional action's failure is a warning; any other failure fails the server. */
  optional: boolean;
  /** DRS LaunchActionRunStatus: IN_PROGRESS | SUCCEEDED | FAILED. */
  status: string;
  failureReason?: string;
}

export interface LaunchConfigChange {
  sourceServerId: string;
  /**
   * `launch` = DRS launch configuration; `template` = EC2 launch template default version;
   * `postLaunch` = a DRS post-launch action on the source server (`field` = its name; from/to describe it,
   * null = absent).
   */
  target: 'launch' | 'template' | 'postLaunch';
  field: string;
  from: unknown;
  to: unknown;
  /** New launch template version, for template changes. */
  templateVersion?: number;
  /** False in a dry run: listed, not written. */
  applied: boolean;
}

export interface CleanupReport {
  policy: string;
  status: 'skipped' | 'succeeded' | 'failed' | 'dry-run';
  reason?: string;
  terminateJobIds: string[];
  /** recoveryInstanceId → outcome. */
  instances: {
    recoveryInstanceId: string;
    ec2InstanceId?: string;
    sourceServerId?: string;
    result: string;
  }[];
}
