import type { CleanupPolicy, FailOnRule, Mode, RepairMode } from './modes.js';

/** Every action input, read once at the top of run() and handed on as plain values. */
export interface ActionInputs {
  mode: Mode;
  /** Path or glob of plan files, relative to the workspace. */
  plan: string;
  region?: string;
  roleToAssume?: string;
  roleSessionName: string;
  confirm?: string;
  cleanup: CleanupPolicy;
  timeoutMinutes: number;
  pollIntervalSeconds: number;
  githubToken?: string;
  /** Where report.json and report.md go: relative to the workspace (never above it), or absolute. */
  reportDir: string;
  /** The `fail-on` rules of this mode (its default when the input is empty); others are warned about. */
  failOn: FailOnRule[];
  /** Branch of the drill history; undefined = no history (input empty). */
  historyBranch?: string;
  /** Drill and recovery: an RTO this many percent above the median of the previous runs is a regression. */
  regressionThresholdPercent: number;
  /** Status: a plan whose last successful drill is older than this is overdue. */
  maxAgeSeconds: number;
  /** Days the evidence artifact is kept; undefined = the repository's default. */
  retentionDays?: number;
  olderThanSeconds?: number;
  dryRun: boolean;
  /** Source server ids or hostnames left out of this run (drill, recovery). */
  exclude: string[];
  /** Drill and recovery: the waves this step runs (empty: every wave no earlier step of the execution ran). */
  waves: string[];
  /** Drill, recovery: launch every server from its latest recovery snapshot at or before this UTC instant. */
  pointInTime?: string;
  /** Drill and recovery: write the launch settings that drift from the plan (apply, also when absent), or only report them (check). */
  repair?: RepairMode;
  /** Recovery: allow replacing servers' existing recovery instances. */
  replaceRecoveryInstances: boolean;
  /** Cleanup: only the drill instances of this execution (`<repository>/<run id>`). */
  executionId?: string;
}
