/**
 * A pipelined drill or recovery (issue 18): the waves that start first were fully preflighted before
 * the first write; each later wave gets its per-server launch reads and its launch-configuration
 * repair here, in the background, one wave after another in plan order, while the waves before it run.
 * The run loop asks `state(wave)` before starting a wave (engine/wave-gate.ts): a wave whose reads or
 * repair failed stops the run before it starts, with the same errors a preflight failure gives, and
 * the waves already launched are cleaned by the drill's cleanup policy as after any failed wave.
 */
import { firstAbort } from '../aws/retry.js';
import type { Report } from '../core/report.js';
import { checkDeferredWave, type PreflightDeps, type PreflightResult } from '../engine/preflight.js';
import { LaunchConfigRepairError, repairLaunchConfigurations } from '../engine/repair.js';
import type { WaveGate, WaveGateState } from '../engine/run-input.js';
import type { ResolvedWave } from '../engine/types.js';
import { errorMessage } from '../errors.js';
import type { ActionInputs } from '../inputs.js';
import type { ActionIO } from '../io.js';
import { describeProblem } from './drill-setup.js';
import { failureText } from './drill-steps.js';

export interface DeferredWavesOptions {
  mode: 'drill' | 'recovery';
  pointInTime: string | undefined;
  executionId: string;
  /** The run's deadline (engine clock ms) and cancellation. */
  deadline: number;
  signal?: AbortSignal;
}

/**
 * Whether the run pipelines its preflight. Not in a dry run (it reports the whole preflight), not with
 * `repair: check` (drift anywhere refuses the plan before anything starts), and not over several steps
 * (input `waves`: each step's preflight covers the whole plan, as before).
 */
export function pipelinesPreflight(inputs: Pick<ActionInputs, 'dryRun' | 'repair' | 'waves'>): boolean {
  return !inputs.dryRun && (inputs.repair ?? 'apply') === 'apply' && inputs.waves.length === 0;
}

/** Starts the later waves' preflights of a pipelined run; undefined when nothing was deferred. */
export function startDeferredWaves(
  io: ActionIO,
  report: Report,
  engine: PreflightDeps,
  preflight: PreflightResult,
  opts: DeferredWavesOptions,
): DeferredWaves | undefined {
  const names = new Set(preflight.deferredWaves ?? []);
  const waves = preflight.executionPlan?.waves.filter((w) => names.has(w.wave.name)) ?? [];
  if (waves.length === 0) return undefined;
  const gate = new DeferredWaves(io, report, engine, waves, opts);
  gate.start();
  return gate;
}

export class DeferredWaves implements WaveGate {
  private readonly states = new Map<string, WaveGateState>();
  /** Stops the background reads and writes once the run loop is over (or gave up). */
  private readonly stop = new AbortController();
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly io: ActionIO,
    private readonly report: Report,
    private readonly engine: PreflightDeps,
    private readonly waves: readonly ResolvedWave[],
    private readonly opts: DeferredWavesOptions,
  ) {}

  state(wave: string): WaveGateState | undefined {
    return this.states.get(wave);
  }

  /** Every later wave is pending from now; their preflights run one after another. Never rejects. */
  start(): void {
    const settle = new Map<string, () => void>();
    for (const w of this.waves) {
      const settled = new Promise<void>((resolve) => settle.set(w.wave.name, resolve));
      this.states.set(w.wave.name, { kind: 'pending', settled });
    }
    this.work = (async () => {
      // A wave that depends on one whose preflight failed never starts: it is neither read nor repaired.
      const failed = new Set<string>();
      for (const w of this.waves) {
        const name = w.wave.name;
        const after = w.wave.dependsOn.find((d) => failed.has(d));
        const state =
          this.stop.signal.aborted || after !== undefined
            ? this.notChecked(name, after)
            : await this.check(w).catch((e: unknown) => this.broken(name, e));
        if (state.kind === 'failed') failed.add(name);
        this.states.set(name, state);
        settle.get(name)?.();
      }
    })();
  }

  /** Ends the background work (after the run loop, before the cleanup): nothing more is written. */
  async close(): Promise<void> {
    this.stop.abort(new Error('the run ended'));
    await this.work;
  }

  private limits() {
    return {
      deadline: this.opts.deadline,
      signal: firstAbort([...(this.opts.signal ? [this.opts.signal] : []), this.stop.signal]),
    };
  }

  private async check(wave: ResolvedWave): Promise<WaveGateState> {
    const name = wave.wave.name;
    const found = await checkDeferredWave(this.engine, wave, {
      mode: this.opts.mode,
      pointInTime: this.opts.pointInTime,
      ...this.limits(),
    });
    for (const w of found.warnings) {
      const text = describeProblem(w);
      this.report.warnings.push(text);
      this.io.warning(text, w.position);
    }
    if (found.leftOut.length > 0) this.report.excluded = [...(this.report.excluded ?? []), ...found.leftOut];
    if (found.problems.length > 0) {
      const errors = found.problems.map((p) => {
        this.io.error(describeProblem(p), p.position);
        return `Preflight: ${describeProblem(p)}`;
      });
      return { kind: 'failed', errors: [...errors, this.stopLine(name, 'fix the preflight problems above')] };
    }
    const repaired = await this.repair(name, found.drift);
    if (repaired) return repaired;
    this.io.info(`Wave "${name}": preflight passed (${found.servers.length} server(s) to start)`);
    return { kind: 'ready', servers: found.servers };
  }

  /** Writes the wave's drift; a failed state when any write failed (the wave does not start). */
  private async repair(name: string, drift: Parameters<typeof repairLaunchConfigurations>[1]) {
    if (drift.length === 0) return undefined;
    const opts = { dryRun: false, executionId: this.opts.executionId, ...this.limits() };
    const outcome = await repairLaunchConfigurations(this.engine, drift, opts).then(
      (changes) => ({ changes, failures: [] as LaunchConfigRepairError['failures'] }),
      (e: unknown) => {
        if (e instanceof LaunchConfigRepairError) return { changes: e.changes, failures: e.failures };
        throw e;
      },
    );
    this.report.launchConfigChanges = [...this.report.launchConfigChanges, ...outcome.changes];
    for (const c of outcome.changes) {
      this.io.info(
        `Wave "${name}": changed ${c.sourceServerId} ${c.target}.${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`,
      );
    }
    if (outcome.failures.length === 0) return undefined;
    const errors = outcome.failures.map((f) => {
      this.io.error(failureText(f));
      return failureText(f);
    });
    return {
      kind: 'failed' as const,
      errors: [...errors, this.stopLine(name, 'repair the launch configurations above')],
    };
  }

  private stopLine(name: string, fix: string): string {
    return `Wave "${name}" was not started: ${fix} and run again.`;
  }

  /** A read that failed for good (throttled past its retries, the deadline): the wave does not start. */
  private broken(name: string, e: unknown): WaveGateState {
    const error = `Preflight: wave ${name}: could not finish its checks: ${errorMessage(e)}`;
    if (!this.stop.signal.aborted) this.io.error(error);
    return { kind: 'failed', errors: [error, this.stopLine(name, 'fix the cause above')] };
  }

  private notChecked(name: string, after: string | undefined): WaveGateState {
    const why = after ? `it depends on wave "${after}", which failed its preflight` : 'the run ended first';
    return { kind: 'failed', errors: [`Wave "${name}" was not checked: ${why}.`] };
  }
}
