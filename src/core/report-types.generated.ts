/*
 * GENERATED from schemas/report.schema.json by scripts/gen-report-types.ts (npm run gen:types).
 * Do not edit: change the schema and regenerate. src/core/report.ts gives these types their names.
 */

/**
 * ISO-8601 UTC instant, as DRS writes them (fraction optional)
 */
export type DateTime = string;
export type Seconds = number;
export type SourceServerId = string;

/**
 * Evidence of one run of the DRS drill action (report.json). Times are ISO-8601 UTC from DRS or EC2; durations are in seconds.
 */
export interface Report {
  schemaVersion: 1;
  mode: 'validate' | 'drill' | 'recovery' | 'cleanup';
  /**
   * <repository>/<run id>
   */
  executionId: string;
  plan: {
    name: string;
    path: string;
    sha256: string;
    commit?: string;
  };
  initiatedBy?: string;
  repository?: string;
  runUrl?: string;
  region: string;
  accountId?: string;
  isDrill: boolean;
  /**
   * Input dry-run: what would be done was listed; nothing was written, started or terminated
   */
  dryRun?: boolean;
  /**
   * Input point-in-time: every server launched from its latest recovery snapshot taken at or before it (servers[].recoverySnapshotId)
   */
  pointInTime?: string;
  startedAt: DateTime;
  endedAt?: DateTime;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled' | 'timed-out';
  objectives: {
    rtoSeconds?: Seconds;
    rpoSeconds?: Seconds;
  };
  measured: {
    rtoSeconds?: Seconds;
    /**
     * RPO, the data a recovery would lose: the worst recovery request time (the server's StartRecovery job creation) minus recovery point time, over servers launched from their latest data
     */
    rpoSeconds?: number;
    /**
     * How rpoSeconds is measured. Reports without it measured launch time minus recovery point time (now dataAgeAtLaunchSeconds)
     */
    rpoDefinition?: 'request-minus-recovery-point';
    /**
     * Worst launch time minus recovery point time over launched servers
     */
    dataAgeAtLaunchSeconds?: number;
    /**
     * Worst recovery request time minus snapshot time over servers pinned to a snapshot in the plan
     */
    pinnedSnapshotAgeSeconds?: number;
    rtoMet?: boolean;
    rpoMet?: boolean;
    firstStartRecoveryAt?: DateTime;
    /**
     * Several steps (input waves): first StartRecovery to the last critical server healthy on the wall clock; rtoSeconds leaves out the time between the steps
     */
    rtoWallClockSeconds?: number;
    /**
     * How rtoSeconds was measured when it is not simply first StartRecovery to the last critical server healthy: active-time-across-steps (several steps: their active time summed, the waits between them left out; a wave's end includes its checks), healthy-and-checks-passed (a wave has checks: RTO ends when every critical server is healthy and its wave's checks passed)
     */
    rtoDefinition?: 'active-time-across-steps' | 'healthy-and-checks-passed';
    /**
     * With checks: first StartRecovery to the last critical server healthy (the instances-only RTO)
     */
    rtoHealthySeconds?: number;
  };
  /**
   * An execution run over several steps (input waves): which step (GitHub job) ran which waves
   */
  steps?: {
    name: string;
    waves: string[];
    startedAt?: DateTime;
    endedAt?: DateTime;
    activeSeconds?: Seconds;
    /**
     * Run by an earlier job of the workflow run; read back from DRS
     */
    earlier?: boolean;
  }[];
  /**
   * Waves no step has run yet: a later step of the same execution runs them
   */
  wavesRemaining?: string[];
  waves: Wave[];
  launchConfigChanges: LaunchConfigChange[];
  /**
   * The plan's drill: overrides, per server: what the drill wrote over the recovery settings, and whether the recovery settings were restored (same DRS settings and default template data)
   */
  drillSettings?: {
    sourceServerId: SourceServerId;
    hostname?: string;
    launchTemplateId: string;
    recoveryVersion: number;
    drillVersion?: number;
    changes: {
      target: 'launch' | 'template';
      field: string;
      from: unknown;
      to: unknown;
    }[];
    restore: {
      status: 'pending' | 'restored' | 'failed';
      at?: DateTime;
      templateVersion?: number;
      error?: string;
    };
  }[];
  /**
   * Servers left out of this run: by the input exclude, or non-critical servers that failed preflight
   */
  excluded?: {
    sourceServerId: SourceServerId;
    hostname?: string;
    wave: string;
    /**
     * Why: 'input exclude', or the preflight failures of a non-critical server
     */
    reason?: string;
  }[];
  cleanup?: Cleanup;
  errors: string[];
  warnings: string[];
}
export interface Wave {
  name: string;
  index: number;
  dependsOn: string[];
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'timed-out' | 'skipped' | 'cancelled';
  startedAt?: DateTime;
  endedAt?: DateTime;
  jobs: Job[];
  servers: Server[];
  error?: string;
  /**
   * Several steps: the step (GitHub job) that ran the wave
   */
  step?: string;
  /**
   * The wave's SSM checks (plan checks:), run once its servers were healthy
   */
  checks?: Check[];
  /**
   * ISO-8601 UTC instant, as DRS writes them (fraction optional)
   */
  checksPassedAt?: string;
}
export interface Job {
  jobId: string;
  status: 'PENDING' | 'STARTED' | 'COMPLETED';
  createdAt?: DateTime;
  endedAt?: DateTime;
  sourceServerIds: SourceServerId[];
}
export interface Server {
  sourceServerId: SourceServerId;
  hostname?: string;
  critical: boolean;
  jobId?: string;
  /**
   * DRS LaunchStatus as DRS sent it (PENDING, IN_PROGRESS, LAUNCHED, FAILED, TERMINATED; a value DRS adds later is kept as is)
   */
  launchStatus?: string;
  recoveryInstanceId?: string;
  ec2InstanceId?: string;
  ec2State?: string;
  launchedAt?: DateTime;
  healthyAt?: DateTime;
  recoveryPointAt?: DateTime;
  /**
   * The point-in-time snapshot the plan pinned (snapshot:)
   */
  pinnedSnapshotId?: string;
  /**
   * The recovery snapshot the instance was launched from, when the run chose it (a plan pin or point-in-time); absent for a launch from the latest data, whose on-demand snapshot DRS does not name (emulator/README.md)
   */
  recoverySnapshotId?: string;
  /**
   * What was launched, as EC2 describes the instance
   */
  launched?: {
    instanceType?: string;
    subnetId?: string;
    privateIp?: string;
  };
  /**
   * Replication as the preflight saw it (DRS dataReplicationInfo)
   */
  replicationAtPreflight?: {
    state: string;
    /**
     * ISO-8601 duration as DRS sent it
     */
    lagDuration?: string;
    lagSeconds?: Seconds;
  };
  health: 'pending' | 'passed' | 'failed' | 'skipped';
  phases: Phase[];
  errors: ServerError[];
  /**
   * DRS post-launch action runs on the launched instance (participatingServers[].launchActionsStatus.runs), as last seen
   */
  launchActions?: LaunchAction[];
}
export interface Phase {
  name: 'snapshot' | 'conversion' | 'launch' | 'boot';
  startedAt: DateTime;
  endedAt?: DateTime;
  failed?: boolean;
}
export interface ServerError {
  event: string;
  message: string;
  rawError?: string;
  at?: DateTime;
}
export interface LaunchAction {
  actionId?: string;
  name?: string;
  runId?: string;
  /**
   * An optional action's failure is a warning; any other failure fails the server
   */
  optional: boolean;
  /**
   * IN_PROGRESS, SUCCEEDED or FAILED
   */
  status: string;
  failureReason?: string;
}
export interface Check {
  name: string;
  document: string;
  on: 'every' | 'any';
  status: 'running' | 'passed' | 'failed' | 'timed-out' | 'skipped';
  startedAt?: DateTime;
  endedAt?: DateTime;
  error?: string;
  instances: {
    sourceServerId: SourceServerId;
    hostname?: string;
    ec2InstanceId: string;
    /**
     * SSM invocation status (Success, Failed, TimedOut, ...) or NotRegistered while the SSM agent is not online
     */
    status: string;
    commandId?: string;
    responseCode?: number;
    /**
     * The first 2 KB of the output: control sequences removed, credential-like text redacted
     */
    output?: string;
    finishedAt?: DateTime;
  }[];
}
export interface LaunchConfigChange {
  sourceServerId: SourceServerId;
  /**
   * launch: DRS launch configuration; template: EC2 launch template default version; postLaunch: a DRS post-launch action on the source server (field = its name, from/to null when absent).
   */
  target: 'launch' | 'template' | 'postLaunch';
  field: string;
  /**
   * The value before the change (any JSON value; null or absent = was not set)
   */
  from?: unknown;
  /**
   * The value written (any JSON value)
   */
  to?: unknown;
  templateVersion?: number;
  applied: boolean;
}
export interface Cleanup {
  policy: string;
  status: 'skipped' | 'succeeded' | 'failed' | 'dry-run';
  reason?: string;
  terminateJobIds: string[];
  instances: {
    recoveryInstanceId: string;
    ec2InstanceId?: string;
    sourceServerId?: SourceServerId;
    result: string;
  }[];
}
