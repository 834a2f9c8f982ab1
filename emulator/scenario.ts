/**
 * Scenario types: the estate the emulator serves and the faults it injects. The YAML loader is in
 * scenario-load.ts; emulator/README.md documents every field.
 */
import type { ScenarioSsm } from './ssm-scenario.js';

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
  /** Post-launch actions DRS runs on the launched instance (the run results are scripted). */
  launchActions: ScenarioLaunchAction[];
}

export interface ScenarioLaunchAction {
  actionId: string;
  name: string;
  /** The SSM document (LaunchAction.actionCode). */
  actionCode: string;
  type: 'SSM_COMMAND' | 'SSM_AUTOMATION';
  order: number;
  optional: boolean;
  category: 'MONITORING' | 'VALIDATION' | 'CONFIGURATION' | 'SECURITY' | 'OTHER';
  description: string;
  /** How the run ends, and after how many simulated seconds from LAUNCHED. */
  result: 'SUCCEEDED' | 'FAILED';
  failureReason?: string;
  seconds: number;
  /** Parameters given through PutLaunchAction (scenario-declared actions have none). */
  parameters?: Record<string, { value?: string; type?: string }>;
}

export interface ScenarioTemplateVersion {
  subnetId?: string;
  securityGroupIds?: string[];
  /** Security groups on the network interface rather than the instance. */
  networkInterfaceGroupIds?: string[];
  instanceType?: string;
  instanceProfile?: string;
  /** PrivateIpAddress of the first network interface (what DRS's copyPrivateIp writes). */
  privateIpAddress?: string;
  /** Instance tags of the version's TagSpecifications beyond DRS's own (e.g. a drill's). */
  instanceTags?: Record<string, string>;
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
  /**
   * [min, max] simulated seconds of each phase. The gaps between phases are optional (code that
   * builds a Scenario by hand may leave them out) and then take DEFAULT_TIMINGS' values.
   */
  pending: [number, number];
  /** From JOB_START to a server's SNAPSHOT_START (or USING_PREVIOUS_SNAPSHOT). */
  stagger?: [number, number];
  snapshot: [number, number];
  /** From SNAPSHOT_END to CONVERSION_START. */
  conversionDelay?: [number, number];
  conversion: [number, number];
  /** From CONVERSION_END to LAUNCH_START. */
  launchDelay?: [number, number];
  /** From LAUNCH_START to LAUNCH_END (the server LAUNCHED). */
  launch: [number, number];
  /** From the last server's end to JOB_END. */
  jobEnd?: [number, number];
  boot: [number, number];
  terminate: [number, number];
}

/**
 * How DRS behaves where public sources disagree or say little (emulator/README.md, "Fidelity").
 * The defaults are what real DRS was captured doing.
 */
export interface DrsBehaviour {
  /**
   * `participatingServers[].recoveryInstanceID` of a job: `until-completed` from LAUNCHED until the
   * job is COMPLETED (the captures), `never`, or `always` (from LAUNCHED on, kept after COMPLETED).
   */
  recoveryInstanceIdInJob: 'until-completed' | 'never' | 'always';
  /** A new launch of a server that has recovery instances: `keep` them, or `replace` them (cleanup first). */
  previousRecoveryInstance: 'keep' | 'replace';
  /** UpdateLaunchConfiguration writes right-sizing and copyPrivateIp into a new default template version. */
  launchConfigurationWritesTemplate: boolean;
}

export const DEFAULT_DRS_BEHAVIOUR: DrsBehaviour = {
  recoveryInstanceIdInJob: 'until-completed',
  previousRecoveryInstance: 'keep',
  launchConfigurationWritesTemplate: true,
};

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

/** Calls of one operation picked by position: the first `skip` pass, then `count` of them (all when absent). */
export interface CallRule {
  operation: string;
  skip: number;
  count?: number;
}

/** A rule whose calls are never answered. */
export interface HangRule extends CallRule {
  /** `before`: the request never takes effect; `after`: it does, and then no answer comes. */
  when: 'before' | 'after';
}

/** A rule whose calls are answered one byte of the body at a time. */
export interface SlowLorisRule extends CallRule {
  /** Simulated seconds between two bytes (real seconds when the clock is frozen). */
  byteSeconds: number;
}

export interface ScenarioFaults {
  servers: Record<string, { phase: Phase; rawError: string }>;
  missingEc2Permissions: false | { action: string; logFailure: boolean };
  throttle: { rate: number; operations: Record<string, number>; retryAfterSeconds: number };
  serverErrors: { rate: number; operations: Record<string, number> };
  latencyMs: { min: number; max: number };
  drop: DropRule[];
  neverHealthy: string[];
  /** Calls that never get an answer: the connection stays open and silent. */
  hang: HangRule[];
  /** Calls answered at once with their headers, then one byte of the body every `byteSeconds`. */
  slowLoris: SlowLorisRule[];
  /** DRS operations whose every page names the first page as the next one, forever. */
  repeatNextToken: string[];
  /** How many of the first StartRecovery calls answer 202 with no job (the job is created all the same). */
  startRecoveryNoJob: number;
  /** 503 answers with an HTML body (a load balancer's error page), DRS and EC2, with no effect. */
  htmlErrors: { rate: number; operations: Record<string, number> };
  /**
   * Text appended to every string of DRS answers the engine may log (hostnames, rawError,
   * failureReason, error messages) and added as a `Note` tag to every tag map; false = none.
   */
  hostileStrings: false | string;
}

/** What `hostileStrings: true` injects: line breaks, workflow commands and the legacy `##[` form. */
export const HOSTILE_PAYLOAD =
  ' \r\n::error::emulator-injected\n::stop-commands::emulator-pause\r::add-mask::emulator-mask\n##[add-mask]emulator-legacy';

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
  drs: DrsBehaviour;
  faults: ScenarioFaults;
  sts: Record<string, unknown>;
  /** Systems Manager: registration, Run Command results, launch action results (ssm-scenario.ts). */
  ssm?: ScenarioSsm;
}

export const DEFAULT_TIMINGS: Required<PhaseTimings> = {
  pending: [5, 20],
  stagger: [0, 10],
  snapshot: [60, 180],
  conversionDelay: [10, 10],
  conversion: [180, 480],
  launchDelay: [5, 5],
  launch: [60, 120],
  jobEnd: [5, 15],
  boot: [120, 240],
  terminate: [60, 120],
};

/**
 * `timings: captured`: the phases of the two-server Linux drill jobs in
 * captures/drs-plan-automation-sample_result.json (us-west-2, 2022-12-07). Boot and terminate
 * were not captured and keep the defaults.
 */
export const CAPTURED_TIMINGS: Required<PhaseTimings> = {
  pending: [0.3, 0.4], // JOB_START 0.30 s and 0.36 s after creationDateTime
  stagger: [0.35, 0.45], // SNAPSHOT_START 0.40–0.43 s after JOB_START
  snapshot: [0.15, 0.25], // SNAPSHOT_END 0.18–0.19 s later
  conversionDelay: [51, 52.5], // CONVERSION_START 51.2–52.0 s after SNAPSHOT_END (≈ 52 s after JOB_START)
  conversion: [170, 200], // CONVERSION_END 174.7–197.5 s later
  launchDelay: [0.45, 0.75], // LAUNCH_START 0.48–0.70 s after CONVERSION_END
  launch: [275, 312], // LAUNCH_END 277.9–309.9 s after LAUNCH_START
  jobEnd: [2, 3], // JOB_END 2.13–2.81 s after the last LAUNCH_END
  boot: DEFAULT_TIMINGS.boot,
  terminate: DEFAULT_TIMINGS.terminate,
};

export const TIMING_PROFILES = { default: DEFAULT_TIMINGS, captured: CAPTURED_TIMINGS } as const;

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
}
