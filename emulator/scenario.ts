/**
 * Scenario types: the estate the emulator serves and the faults it injects. The YAML loader is in
 * scenario-load.ts; emulator/README.md documents every field.
 */
export type Phase = 'snapshot' | 'conversion' | 'launch';

export interface ScenarioSnapshot {
  snapshotID: string;
  /** ISO time of the point in time. */
  timestamp: string;
}

export interface ScenarioServer {
  sourceServerID: string;
  hostname: string;
  fqdn?: string;
  tags: Record<string, string>;
  replicationState: string;
  lagSeconds: number;
  snapshots: ScenarioSnapshot[];
  sourceIp?: string;
  recommendedInstanceType?: string;
  launchTemplateId: string;
  launchDisposition: 'STARTED' | 'STOPPED';
  rightSizing: 'NONE' | 'BASIC' | 'IN_AWS';
  copyPrivateIp: boolean;
  copyTags: boolean;
  osByol: boolean;
}

export interface ScenarioTemplateVersion {
  subnetId?: string;
  securityGroupIds?: string[];
  /** Security groups on the network interface rather than the instance. */
  networkInterfaceGroupIds?: string[];
  instanceType?: string;
  instanceProfile?: string;
}

export interface ScenarioTemplate {
  launchTemplateId: string;
  name: string;
  /** Versions 1..n in order. */
  versions: ScenarioTemplateVersion[];
  defaultVersion: number;
}

export interface ScenarioRecoveryInstance {
  recoveryInstanceID: string;
  ec2InstanceID: string;
  sourceServerID: string;
  isDrill: boolean;
  jobID?: string;
  state: 'running' | 'stopped';
  launchedAt?: string;
}

export interface ScenarioJob {
  jobID: string;
  sourceServerIDs: string[];
  isDrill: boolean;
  /** Simulated minutes after the scenario start when the job's lifecycle begins (negative = earlier). */
  startOffsetMinutes: number;
}

export interface PhaseTimings {
  /** [min, max] simulated seconds of each phase. */
  pending: [number, number];
  snapshot: [number, number];
  conversion: [number, number];
  launch: [number, number];
  boot: [number, number];
  terminate: [number, number];
}

export interface DropRule {
  operation: string;
  /** `before`: the request never takes effect; `after`: it does, but the answer is lost. */
  when: 'before' | 'after';
  /** How many of the first matching calls to drop. */
  count: number;
  /**
   * What the caller gets instead of the answer: `dropped` (default) destroys the connection;
   * `server-error` answers a 5xx (with `when: after`, a 5xx whose effect was kept).
   */
  reply?: 'dropped' | 'server-error';
}

export interface ScenarioFaults {
  servers: Record<string, { phase: Phase; rawError: string }>;
  missingEc2Permissions: false | { action: string; logFailure: boolean };
  throttle: { rate: number; operations: Record<string, number>; retryAfterSeconds: number };
  serverErrors: { rate: number; operations: Record<string, number> };
  latencyMs: { min: number; max: number };
  drop: DropRule[];
  neverHealthy: string[];
}

export interface Scenario {
  accountId: string;
  region: string;
  startTime: string;
  defaultVpc: boolean;
  servers: ScenarioServer[];
  launchTemplates: ScenarioTemplate[];
  subnets: { subnetId: string; vpcId: string; cidr: string; availabilityZone: string }[];
  securityGroups: { groupId: string; vpcId: string; name: string }[];
  recoveryInstances: ScenarioRecoveryInstance[];
  jobs: ScenarioJob[];
  timings: PhaseTimings;
  faults: ScenarioFaults;
  sts: Record<string, unknown>;
}

export const DEFAULT_TIMINGS: PhaseTimings = {
  pending: [5, 20],
  snapshot: [60, 180],
  conversion: [180, 480],
  launch: [60, 120],
  boot: [120, 240],
  terminate: [60, 120],
};

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
}
