/** What the run loop (run.ts) is given: the resolved plan, the report to fill, limits and hooks. */
import type { Job } from '../aws/gateways.js';
import type { Report, WaveReport } from '../core/report.js';
import type { Capacity } from './scheduler.js';
import type { ExecutionPlan, ResolvedServer, RunContext } from './types.js';

export interface JobStartedInfo {
  jobId: string;
  wave: string;
  sourceServerIds: string[];
}

export interface RunInput {
  executionPlan: ExecutionPlan;
  context: RunContext;
  report: Report;
  pollIntervalSeconds: number;
  /** Epoch ms (on deps.clock) when the whole run must stop. */
  deadline: number;
  /** Jobs already active in the account before the run (preflight): they count against the quotas. */
  activeJobs?: Capacity;
  signal?: AbortSignal;
  onJobStarted?: (info: JobStartedInfo) => void;
  /** An earlier attempt's jobs by wave and chunk (priorJobsByChunk): attached to, never restarted. */
  priorJobs?: ReadonlyMap<string, Job>;
  /** Waves an earlier step of this execution decided (steps.ts rebuilds them from DRS): never started. */
  settled?: ReadonlyMap<string, WaveReport>;
  /** After every pass that read DRS: e.g. restore the launch settings of servers that launched. */
  afterPoll?: (report: Report) => Promise<void>;
  /** A pipelined run: the later waves' own preflight, made while the waves before them run. */
  gate?: WaveGate;
}

/**
 * Whether a wave whose preflight was deferred may start: `ready` with its servers to start (the
 * left-out ones removed), `pending` until `settled`, or `failed` with the run's errors (the run then
 * starts nothing more). Undefined: the wave is not gated (its preflight ran before the first write).
 */
export type WaveGateState =
  | { kind: 'ready'; servers: ResolvedServer[] }
  | { kind: 'pending'; settled: Promise<void> }
  | { kind: 'failed'; errors: string[] };

export interface WaveGate {
  state(wave: string): WaveGateState | undefined;
}
