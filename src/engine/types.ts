import type { SourceServer } from '../aws/gateways.js';
import type { Mode } from '../modes.js';
import type { Plan, ServerSpec, Wave } from '../plan/types.js';

/** A DRS source server a plan entry selected, with the entry (defaults merged) that selected it. */
export interface ResolvedServer {
  sourceServerId: string;
  /** identificationHints.hostname (or fqdn), for people. */
  hostname?: string;
  spec: ServerSpec;
  sourceServer: SourceServer;
  /** The snapshot the run launches the server from (a plan pin, or the input point-in-time's pick). */
  recoverySnapshot?: { id: string; at: string };
}

export interface ResolvedWave {
  wave: Wave;
  servers: ResolvedServer[];
}

/** The plan with every selector resolved to source servers: what the scheduler runs. */
export interface ExecutionPlan {
  plan: Plan;
  waves: ResolvedWave[];
}

export { type Clock, systemClock } from '../core/clock.js';

/** Where the engine writes progress for people (core.info & co. in the action, console in the CLI). */
export interface EngineLog {
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  /** Transient trouble that recovers (a retried throttle, a poll read that failed once): debug only. */
  debug(message: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** Who and what a run is, for tags and evidence. */
export interface RunContext {
  mode: Exclude<Mode, 'validate'>;
  isDrill: boolean;
  /** `<repository>/<run id>`. */
  executionId: string;
  region: string;
  accountId?: string;
  initiatedBy?: string;
  repository?: string;
  runUrl?: string;
  commit?: string;
  /** An execution run over several steps (input `waves`): this step's name (GITHUB_JOB). */
  step?: string;
}
