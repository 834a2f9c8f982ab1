import type { CleanupPolicy, FailOn, Mode } from './modes.js';

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
  failOn: FailOn;
  olderThanSeconds?: number;
  dryRun: boolean;
  /** Source server ids or hostnames left out of this run (drill, recovery). */
  exclude: string[];
  /** Recovery: allow replacing servers' existing recovery instances. */
  replaceRecoveryInstances: boolean;
  /** Cleanup: only the drill instances of this execution (`<repository>/<run id>`). */
  executionId?: string;
}
