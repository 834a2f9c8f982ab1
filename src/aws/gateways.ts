/**
 * What the engine needs from DRS and EC2, in DRS terms. The implementations (drs-gateway.ts,
 * ec2-gateway.ts) are the only modules that import SDK Commands; they paginate and batch so
 * callers never see a nextToken or a batch limit. Tests give the engine in-memory fakes of these.
 */
import type {
  Job,
  JobLog,
  LaunchConfiguration,
  RecoveryInstance,
  RecoverySnapshot,
  SourceServer,
} from '@aws-sdk/client-drs';
import type { Instance, InstanceStatus, LaunchTemplateVersion, SecurityGroup, Subnet } from '@aws-sdk/client-ec2';

export type { Job, JobLog, LaunchConfiguration, RecoveryInstance, RecoverySnapshot, SourceServer };
export type { Instance, InstanceStatus, LaunchTemplateVersion, SecurityGroup, Subnet };

export interface StartRecoveryRequest {
  /** At most DRS_QUOTAS.maxServersPerJob entries. */
  sourceServers: { sourceServerID: string; recoverySnapshotID?: string }[];
  isDrill: boolean;
  tags: Record<string, string>;
}

/** The UpdateLaunchConfiguration fields the plan may set. */
export interface LaunchConfigurationUpdate {
  sourceServerID: string;
  copyPrivateIp?: boolean;
  copyTags?: boolean;
  launchDisposition?: 'STARTED' | 'STOPPED';
  targetInstanceTypeRightSizingMethod?: 'NONE' | 'BASIC' | 'IN_AWS';
  licensing?: { osByol?: boolean };
}

export interface DrsGateway {
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
  /** One StartRecovery call; throws the SDK's ConflictException / ServiceQuotaExceededException as is. */
  startRecovery(request: StartRecoveryRequest): Promise<Job>;
  /** One TerminateRecoveryInstances call (≤200 ids). */
  terminateRecoveryInstances(recoveryInstanceIds: string[]): Promise<Job>;
}

/** The desired launch template fields, as the plan states them. */
export interface LaunchTemplateChange {
  subnetId?: string;
  securityGroupIds?: string[];
  instanceType?: string;
  instanceProfile?: string;
}

export interface Ec2Gateway {
  describeInstances(instanceIds: string[]): Promise<Instance[]>;
  /** Includes non-running instances (IncludeAllInstances). */
  describeInstanceStatus(instanceIds: string[]): Promise<InstanceStatus[]>;
  createTags(resourceIds: string[], tags: Record<string, string>): Promise<void>;
  /** The launch template's default version ('$Default'). */
  describeDefaultLaunchTemplateVersion(launchTemplateId: string): Promise<LaunchTemplateVersion>;
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
  describeSubnets(subnetIds: string[]): Promise<Subnet[]>;
  describeSecurityGroups(groupIds: string[]): Promise<SecurityGroup[]>;
}
