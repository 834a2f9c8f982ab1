/**
 * What the engine needs from DRS and EC2, in DRS terms. The implementations (drs-gateway.ts,
 * ec2-gateway.ts) are the only modules that import SDK Commands; they paginate and batch so
 * callers never see a nextToken or a batch limit. Tests give the engine in-memory fakes of these.
 */
import type {
  Instance,
  InstanceStatus,
  Job,
  JobLog,
  LaunchAction,
  LaunchActionRun,
  LaunchConfiguration,
  LaunchTemplateVersion,
  ParticipatingServer,
  RecoveryInstance,
  RecoverySnapshot,
  SecurityGroup,
  SourceServer,
  Subnet,
} from './sdk.js';

export type {
  Instance,
  InstanceStatus,
  Job,
  JobLog,
  LaunchAction,
  LaunchActionRun,
  LaunchConfiguration,
  LaunchTemplateVersion,
  ParticipatingServer,
  RecoveryInstance,
  RecoverySnapshot,
  SecurityGroup,
  SourceServer,
  Subnet,
};

export interface StartRecoveryRequest {
  /** At most DRS_QUOTAS.maxServersPerJob entries. */
  sourceServers: { sourceServerID: string; recoverySnapshotID?: string }[];
  isDrill: boolean;
  tags: Record<string, string>;
}

/**
 * StartRecovery was accepted (HTTP 200) but the answer names no job. The job may well exist, so this
 * is handled exactly like a lost answer: the job is looked up by its tags before any new attempt.
 */
export class StartRecoveryWithoutJobError extends Error {
  override readonly name = 'StartRecoveryWithoutJobError';
  constructor() {
    super('DRS accepted StartRecovery but its answer named no job');
  }
}

/** The UpdateLaunchConfiguration fields the plan may set. */
export interface LaunchConfigurationUpdate {
  sourceServerID: string;
  copyPrivateIp?: boolean;
  copyTags?: boolean;
  launchDisposition?: 'STARTED' | 'STOPPED';
  targetInstanceTypeRightSizingMethod?: 'NONE' | 'BASIC' | 'IN_AWS';
  licensing?: { osByol?: boolean };
  /** Post-launch actions run only while this is on. */
  postLaunchEnabled?: boolean;
}

/** A post-launch action as PutLaunchAction takes it (on a source server). */
export interface LaunchActionPut {
  actionId: string;
  actionCode: string;
  name: string;
  order: number;
  optional: boolean;
  category: 'MONITORING' | 'VALIDATION' | 'CONFIGURATION' | 'SECURITY' | 'OTHER';
  description: string;
  parameters: Record<string, string>;
}

/**
 * Both gateways report AWS's own clock (the `Date` header of their latest response) so that times the
 * action observes itself (e.g. when a health check was first seen passing) are on the same clock as
 * DRS's and EC2's timestamps. Mixing the runner's clock with AWS's is how durations go wrong.
 */
export interface AwsClock {
  /** ISO-8601 time of the latest response's `Date` header; undefined before the first response. */
  serverTime(): string | undefined;
}

export interface DrsGateway extends AwsClock {
  /** Every source server in the region (all pages; no 200-server cap). */
  describeAllSourceServers(): Promise<SourceServer[]>;
  /** Jobs by id, in batches of 1,000 ids: one call for up to 1,000 jobs. */
  describeJobs(jobIds: string[]): Promise<Job[]>;
  /** Every job created at or after `fromDate` (ISO-8601), all pages: for quotas and resume. */
  describeJobsSince(fromDate: string): Promise<Job[]>;
  /** The whole log of one job (all pages). */
  describeJobLogItems(jobId: string): Promise<JobLog[]>;
  /** Recovery instances by id (batched ≤200) or by source server. */
  describeRecoveryInstances(filter: {
    recoveryInstanceIds?: string[];
    sourceServerIds?: string[];
  }): Promise<RecoveryInstance[]>;
  describeRecoverySnapshots(sourceServerId: string): Promise<RecoverySnapshot[]>;
  getLaunchConfiguration(sourceServerId: string): Promise<LaunchConfiguration>;
  updateLaunchConfiguration(update: LaunchConfigurationUpdate): Promise<LaunchConfiguration>;
  /** The server's post-launch actions (all pages). */
  listLaunchActions(sourceServerId: string): Promise<LaunchAction[]>;
  /** Inserts or replaces (by actionId) one post-launch action: idempotent. */
  putLaunchAction(sourceServerId: string, action: LaunchActionPut): Promise<void>;
  /** Deletes one; an action already gone counts as deleted. */
  deleteLaunchAction(sourceServerId: string, actionId: string): Promise<void>;
  /**
   * One StartRecovery call, never retried by the SDK (StartRecovery has no client token: a retry after a
   * lost answer would start a duplicate job). Throws the SDK's exceptions as they are, and
   * StartRecoveryWithoutJobError for an answer without a job; the engine looks for the job by its
   * tags before trying again.
   */
  startRecovery(request: StartRecoveryRequest): Promise<Job>;
  /** One TerminateRecoveryInstances call (≤200 ids). */
  terminateRecoveryInstances(recoveryInstanceIds: string[]): Promise<Job>;
  /** TagResource: adds (or overwrites) tags on a DRS resource, e.g. a job by its ARN. */
  tagResource(resourceArn: string, tags: Record<string, string>): Promise<void>;
}

/** The desired launch template fields, as the plan states them. */
export interface LaunchTemplateChange {
  subnetId?: string;
  securityGroupIds?: string[];
  instanceType?: string;
  instanceProfile?: string;
  /** Take the pinned private address(es) off the primary network interface. */
  clearPrivateIp?: true;
  /** Tags added to (or changed in) the instance tag specification; the template's other tags stay. */
  instanceTags?: Record<string, string>;
  /** A drill's version (DRILL_VERSION_DESCRIPTION), to be replaced by the recovery settings after it. */
  drill?: true;
}

/** The description of a drill's template version: a later run must never take it for the recovery settings. */
export const DRILL_VERSION_DESCRIPTION = 'drs-drill: drill settings, restored after the drill';

export interface Ec2Gateway extends AwsClock {
  describeInstances(instanceIds: string[]): Promise<Instance[]>;
  /** Includes non-running instances (IncludeAllInstances). */
  describeInstanceStatus(instanceIds: string[]): Promise<InstanceStatus[]>;
  createTags(resourceIds: string[], tags: Record<string, string>): Promise<void>;
  /** The launch template's default version ('$Default'). */
  describeDefaultLaunchTemplateVersion(launchTemplateId: string): Promise<LaunchTemplateVersion>;
  /**
   * The default versions of many templates from one paginated read of every template's default in
   * the account (no batch by id exists), stopping once all are found or after `maxPages` pages. The
   * ids not found (past the bound, or no such template) are absent: read them one by one.
   */
  describeDefaultVersionsOf(
    launchTemplateIds: string[],
    maxPages: number,
  ): Promise<Map<string, LaunchTemplateVersion>>;
  /**
   * Creates a new version from `sourceVersion` with the change applied and makes it the default.
   * `clientToken` makes a retried call idempotent. Returns the new version number.
   */
  updateLaunchTemplate(
    launchTemplateId: string,
    sourceVersion: number,
    change: LaunchTemplateChange,
    clientToken: string,
  ): Promise<number>;
  /** One version by number; undefined when EC2 says it does not exist (any more). */
  describeLaunchTemplateVersion(
    launchTemplateId: string,
    version: number,
  ): Promise<LaunchTemplateVersion | undefined>;
  /**
   * Creates a version holding exactly `data` (a version's LaunchTemplateData as described), from
   * `sourceVersion` when given, and makes it the default. Returns the new version number.
   */
  restoreLaunchTemplateVersion(
    launchTemplateId: string,
    data: NonNullable<LaunchTemplateVersion['LaunchTemplateData']>,
    opts: { sourceVersion?: number; clientToken: string },
  ): Promise<number>;
  describeSubnets(subnetIds: string[]): Promise<Subnet[]>;
  describeSecurityGroups(groupIds: string[]): Promise<SecurityGroup[]>;
}

/** One SendCommand: documents and parameters as SSM takes them, for the instances named. */
export interface SendCommandRequest {
  instanceIds: string[];
  documentName: string;
  parameters: Record<string, string[]>;
  /** Unique per command: how a lost answer is found again (ListCommands), SSM has no client token. */
  comment: string;
  /** Seconds SSM waits to deliver the command (≥ 30). */
  timeoutSeconds: number;
}

/** One instance's part of a command, as ListCommandInvocations (with details) reports it. */
export interface CommandInvocation {
  instanceId: string;
  /** SSM CommandInvocationStatus: Pending | InProgress | Delayed | Success | Cancelled | TimedOut | Failed | Cancelling. */
  status: string;
  responseCode?: number;
  /** The first plugin's output as SSM returns it (cut by SSM at 2,500 characters). */
  output?: string;
  /** ISO time the instance finished (SSM's ResponseFinishDateTime). */
  finishedAt?: string;
}

export interface SsmGateway {
  /** The given instances that are registered with SSM and online (batched ≤50 ids). */
  onlineInstances(instanceIds: string[]): Promise<string[]>;
  /**
   * One SendCommand, never retried by the SDK (it is not idempotent): the engine looks the command up
   * by its comment (findCommand) before sending again. Returns the command id.
   */
  sendCommand(request: SendCommandRequest): Promise<string>;
  /** The id of a command sent to this instance since `since` (ISO) with exactly this comment. */
  findCommand(instanceId: string, comment: string, since: string): Promise<string | undefined>;
  listCommandInvocations(commandId: string): Promise<CommandInvocation[]>;
}
