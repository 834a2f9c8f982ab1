import type { SourcePosition } from '../errors.js';

/** One finding about a plan, at the place in the file that caused it. */
export interface Diagnostic extends SourcePosition {
  severity: 'error' | 'warning';
  /** Path in the document, e.g. `waves[1].dependsOn[0]`; empty for the whole document. */
  path: string;
  /** What a person reads: `waves[1].dependsOn[0]: unknown wave "dta" (did you mean "data"?)`. */
  message: string;
}

export type LaunchDisposition = 'STARTED' | 'STOPPED';
export type RightSizing = 'NONE' | 'BASIC' | 'IN_AWS';
export type HealthCheck = 'none' | 'running' | 'ec2-status';
export type OnFailure = 'stop' | 'continue';

/** DRS launch configuration fields (UpdateLaunchConfiguration). Absent = leave the server's value alone. */
export interface LaunchSettings {
  copyPrivateIp?: boolean;
  copyTags?: boolean;
  launchDisposition?: LaunchDisposition;
  rightSizing?: RightSizing;
  osByol?: boolean;
}

/** Desired fields of the EC2 launch template's default version. Absent = leave alone. */
export interface TemplateSettings {
  subnetId?: string;
  securityGroupIds?: string[];
  instanceType?: string;
  /** Instance profile name or ARN. */
  instanceProfile?: string;
}

/**
 * Drill-only launch settings (`drill:` at plan, wave or server level): written over the recovery
 * settings for a drill and restored after it; a recovery never uses them.
 */
export interface DrillSettings {
  subnetId?: string;
  securityGroupIds?: string[];
  instanceType?: string;
  /** Only `false`: the drill instance never takes the source server's private IP. */
  copyPrivateIp?: false;
  /** Extra tags on the drill instance (the drill template version's instance tags). */
  tags?: Record<string, string>;
}

export type LaunchActionCategory = 'MONITORING' | 'VALIDATION' | 'CONFIGURATION' | 'SECURITY' | 'OTHER';

/** A DRS post-launch action the plan wants on a server (PutLaunchAction), defaults filled in. */
export interface PostLaunchAction {
  /** Unique per server; the DRS action name. */
  name: string;
  /** SSM document (DRS actionCode). */
  action: string;
  parameters: Record<string, string>;
  optional: boolean;
  category: LaunchActionCategory;
  order: number;
  description: string;
}

/** A wave check: an SSM Run Command sent to the wave's recovered instances once they are healthy. */
export interface WaveCheck {
  name: string;
  document: string;
  /** SendCommand parameters (`commands` folded in for the shell documents). */
  parameters: Record<string, string[]>;
  timeoutSeconds: number;
  on: 'every' | 'any';
  position: SourcePosition;
}

/** How a plan entry names DRS source servers. */
export type Selector =
  | { kind: 'id'; sourceServerId: string }
  | { kind: 'hostname'; hostname: string }
  | { kind: 'tags'; tags: Record<string, string> };

/** One entry of `waves[].servers`, with every default merged down to it. */
export interface ServerSpec {
  selector: Selector;
  critical: boolean;
  /** Point-in-time snapshot pin (`pit-…`); absent = latest data. */
  snapshot?: string;
  launch: LaunchSettings;
  template: TemplateSettings;
  /** Drill-only settings, merged down to this entry (empty: the drill uses the recovery settings). */
  drill?: DrillSettings;
  healthCheck: HealthCheck;
  /** DRS post-launch actions: the wave's, with the server entry's replacing same-named ones. */
  postLaunch: PostLaunchAction[];
  position: SourcePosition;
  /**
   * Where each effective `launch.<field>` / `template.<field>` / `drill.<field>` was set (the most
   * specific level that set it), for messages that point at the plan line.
   */
  fieldPositions?: Record<string, SourcePosition>;
}

export interface Wave {
  name: string;
  /** 0-based order in the file. */
  index: number;
  /** Names of the waves that must succeed before this one starts (default: the previous wave). */
  dependsOn: string[];
  servers: ServerSpec[];
  timeoutSeconds: number;
  waitAfterSeconds: number;
  /** SSM checks run on the wave's instances once they are healthy; empty = none. */
  checks: WaveCheck[];
  position: SourcePosition;
}

export interface Objectives {
  rtoSeconds?: number;
  rpoSeconds?: number;
}

/** A validated, normalised plan: durations in seconds, defaults merged down to each server entry. */
export interface Plan {
  version: 1;
  name: string;
  description?: string;
  region?: string;
  accountId?: string;
  objectives: Objectives;
  onFailure: OnFailure;
  waves: Wave[];
  /** Path as given (workspace-relative where possible). */
  file: string;
  /** sha256 (hex) of the file's bytes, for the evidence. */
  sha256: string;
}
