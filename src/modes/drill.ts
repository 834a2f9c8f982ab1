/**
 * `mode: drill` and `mode: recovery` as one pipeline: session → preflight → resume check → repair →
 * waves → cleanup, with one exit. Every ending (success, failure, refusal, timeout, cancellation, a
 * crash in our code) goes through `finish`, `cancelled` or `crash`, which publish the evidence exactly
 * once and record for the post step whether anything this run started is left to clean up.
 */

import { firstAbort } from '../aws/retry.js';
import { injectedCrash } from '../core/clock.js';
import type { Report } from '../core/report.js';
import { engineLog } from '../engine/log.js';
import { type PreflightResult, runPreflight } from '../engine/preflight.js';
import { type ExecutionJobs, executionRefusal, findExecutionJobs } from '../engine/resume.js';
import type { runExecution } from '../engine/run.js';
import type { EngineLog } from '../engine/types.js';
import { errorMessage } from '../errors.js';
import type { ActionInputs } from '../inputs.js';
import type { ActionIO } from '../io.js';
import type { RunStatus } from '../modes.js';
import type { Plan } from '../plan/types.js';
import { finalizeReport, objectiveWarnings } from '../report/build.js';
import { executionIdOf, type RunEnvironment } from '../run-env.js';
import {
  ABANDONED,
  abandonReport,
  boundedStage,
  CANCEL_GRACE_MS,
  publishCancelled,
  untilAbandoned,
} from './cancel.js';
import { pipelinesPreflight, startDeferredWaves } from './deferred-waves.js';
import { DrillOverrides } from './drill-overrides.js';
import {
  checkRecoveryGuard,
  checkWaveNames,
  type DrillDeps,
  reserveMs,
  resolveRegion,
} from './drill-setup.js';
import {
  cleanupStage,
  notePreflight,
  noteResume,
  nothingLeftBehind,
  openDrillSession,
  preflightErrors,
  repairStep,
  runContext,
} from './drill-steps.js';
import { runStepWaves } from './drill-waves.js';
import { closeStep, type ExecutionStep, planExecutionStep, resumableJobs } from './execution-steps.js';
import { loadSinglePlan } from './plan-input.js';
import { type PostState, writePostState } from './post-state.js';
import { newRunReport, publishCrash, publishReport } from './publish.js';

/** Time kept after the cleanup to publish the evidence within timeout-minutes. */
const PUBLISH_RESERVE_MS = 30_000;

/** `mode: drill` and `mode: recovery`: preflight, launch-config repair, waves, evidence, cleanup. */
export async function runDrillMode(
  io: ActionIO,
  inputs: ActionInputs,
  run: RunEnvironment,
  deps: DrillDeps,
): Promise<Report> {
  const mode = inputs.mode === 'recovery' ? 'recovery' : 'drill';
  const startMs = deps.clock.now();
  const plan = await loadSinglePlan(io, inputs.plan, run.workspace);
  if (mode === 'recovery') checkRecoveryGuard(inputs, plan, run.eventName);
  checkWaveNames(plan, inputs.waves);
  const region = resolveRegion(inputs, plan, deps.env);
  return new DrillPipeline(io, inputs, run, deps, { mode, plan, region, startMs }).run();
}

class DrillPipeline {
  private report: Report;
  private readonly state: PostState;
  private readonly log: EngineLog;
  private readonly overrides: DrillOverrides;
  private readonly timeoutMs: number;
  /** When the waves must stop: timeout-minutes less the reserve for evidence and cleanup. */
  private readonly deadline: number;
  /** Which waves this step of the execution runs (input `waves`), once DRS was read. */
  private step: ExecutionStep | undefined;

  constructor(
    private readonly io: ActionIO,
    private readonly inputs: ActionInputs,
    private readonly runEnv: RunEnvironment,
    private readonly deps: DrillDeps,
    private readonly at: { mode: 'drill' | 'recovery'; plan: Plan; region: string; startMs: number },
  ) {
    this.log = engineLog(io);
    this.timeoutMs = inputs.timeoutMinutes * 60_000;
    this.deadline = at.startMs + this.timeoutMs - reserveMs(this.timeoutMs);
    this.state = {
      finished: false,
      mode: at.mode,
      executionId: executionIdOf(runEnv),
      region: at.region,
      cleanup: inputs.cleanup,
      planName: at.plan.name,
      jobIds: [],
    };
    this.saveState();
    this.overrides = new DrillOverrides(this.state, () => this.saveState(), this.state.executionId);
    this.report = newRunReport(at.mode, at.plan, runEnv, {
      region: at.region,
      isDrill: at.mode === 'drill',
      startMs: at.startMs,
      pointInTime: inputs.pointInTime,
    });
  }

  async run(): Promise<Report> {
    try {
      return await this.stages();
    } catch (e) {
      return this.crash(e);
    }
  }

  private async stages(): Promise<Report> {
    const session = await openDrillSession(this.io, this.inputs, this.at, this.deps, this.report);
    if (!session) return this.finish('failed');
    // The gateways (drs, ec2, ssm) and the run's clock and log.
    const engine = { ...session, clock: this.deps.clock, log: this.log };

    // Every line of the checks, refusals included, prints inside the one "Preflight" group.
    const checked = await this.io.group('Preflight', () => this.checks(engine));
    if ('abandoned' in checked) return this.abandoned(checked.abandoned);
    if ('refused' in checked) return this.refuse(checked.refused);
    const { preflight, prior } = checked;

    if (this.pastDeadline('writing launch configurations')) return this.finish('timed-out');
    const limits = { deadline: this.deadline, ...(this.deps.signal ? { signal: this.deps.signal } : {}) };
    const repair = await this.stage(
      'the launch-configuration repair',
      repairStep(this.io, this.report, engine, preflight, {
        dryRun: this.inputs.dryRun,
        executionId: this.state.executionId,
        ...limits,
      }),
    );
    if (repair === ABANDONED) return this.abandoned('the launch-configuration repair');
    if (repair.length > 0) return this.refuse(repair);
    if (this.inputs.dryRun) return this.dryRunEnd();

    if (this.pastDeadline('starting the waves')) return this.finish('timed-out');
    const settings = () => this.overrides.apply(engine, this.at.mode, preflight, this.report, limits);
    const drill = await this.stage('writing the drill settings', this.io.group('Drill settings', settings));
    if (drill === ABANDONED) return this.abandoned('writing the drill settings');
    if (drill.length > 0) return this.refuse(drill);
    const executed = await this.execute(engine, preflight, prior);
    if (executed === ABANDONED) return this.cancelled(abandonReport(this.report));
    this.report = executed;
    if (this.report.status === 'cancelled') return this.cancelled(this.report);
    return this.cleanUp(engine);
  }

  /** The record for a later step, then the cleanup: every ending of the waves that was not a cancellation. */
  private async cleanUp(engine: Parameters<typeof runExecution>[0]): Promise<Report> {
    // A step that leaves waves to a later one keeps the instances; any failure cleans the execution.
    const kept = await closeStep(engine, this.report, this.step, this.inputs.cleanup, (w) =>
      this.io.warning(w),
    );
    if (!this.report.isDrill) return this.finish();
    // Drill settings are restored before (a TERMINATE job holds its servers) and after (launches waited for).
    await this.overrides.restoreSafe(engine, this.report);
    // Cleanup ends 30 s before timeout-minutes: the evidence is published after it.
    const deadline = this.at.startMs + this.timeoutMs - PUBLISH_RESERVE_MS;
    const policy = { policy: this.inputs.cleanup, dryRun: false, deadline };
    const cleanup = kept ?? (await cleanupStage(this.io, engine, this.report, policy, this.deps.signal));
    if (cleanup === 'abandoned') {
      this.report.errors.push(
        'The run was cancelled before its cleanup finished: the post step terminates the drill instances (cleanup policy permitting).',
      );
      return this.cancelled(this.report);
    }
    this.report.cleanup = cleanup;
    await this.overrides.restoreSafe(engine, this.report);
    this.overrides.leftNote(this.report);
    return this.finish();
  }

  /** Preflight and the resume check, and what they found, into the report and the log. */
  private async checks(
    engine: Parameters<typeof runPreflight>[0] & Parameters<typeof findExecutionJobs>[0],
  ): Promise<
    { preflight: PreflightResult; prior: ExecutionJobs } | { abandoned: string } | { refused: string[] }
  > {
    const preflight = await this.stage(
      'preflight',
      runPreflight(engine, this.at.plan, {
        mode: this.at.mode,
        executionId: this.state.executionId,
        exclude: this.inputs.exclude,
        pointInTime: this.inputs.pointInTime,
        replaceRecoveryInstances: this.inputs.replaceRecoveryInstances,
        deferLaunchReads: pipelinesPreflight(this.inputs),
        deadline: this.deadline,
        ...(this.deps.signal ? { signal: this.deps.signal } : {}),
      }),
    );
    if (preflight === ABANDONED) return { abandoned: 'preflight' };
    // DRS remembers what an earlier attempt started: read after preflight (AWS's clock), before writing.
    const prior = await this.stage(
      'the resume check',
      findExecutionJobs(engine, this.state.executionId, this.at.plan.name),
    );
    if (prior === ABANDONED) return { abandoned: 'the resume check' };
    // An earlier attempt's jobs are this run's own at once: even a refused run hands them to the post step.
    for (const job of prior.own) if (job.jobID) this.addJob(job.jobID);
    const refusal = await executionRefusal(engine, this.at.plan.name, prior);
    if (refusal) {
      this.io.error(refusal);
      return { refused: [refusal] };
    }
    this.step = planExecutionStep(this.at.plan, this.inputs.waves, prior.own, this.runEnv);
    if (this.step.selection.refusals.length > 0) return { refused: this.step.selection.refusals };
    this.report.warnings.push(...this.step.selection.notes);
    noteResume(this.io, this.report, resumableJobs(this.step, prior.own));
    notePreflight(this.io, this.report, preflight);
    const problems = preflightErrors(this.io, preflight, this.inputs.repair);
    return problems ? { refused: problems } : { preflight, prior };
  }

  /** The waves. The engine returns promptly on abort; an AWS call that hangs must not eat the grace. */
  private execute(
    engine: Parameters<typeof runExecution>[0],
    preflight: PreflightResult,
    prior: ExecutionJobs,
  ): Promise<Report | typeof ABANDONED> {
    const full = preflight.executionPlan;
    const step = this.step;
    if (!full || !step) throw new Error('no execution plan after a clean preflight');
    // The tests' injected crash (loopback only) stops the engine and fails like a bug in our code.
    const crash = injectedCrash(this.deps.env) ? new AbortController() : undefined;
    // Pipelined: the later waves' own preflight runs beside the first waves (deferred-waves.ts).
    const gate = startDeferredWaves(this.io, this.report, engine, preflight, {
      mode: this.at.mode,
      pointInTime: this.inputs.pointInTime,
      executionId: this.state.executionId,
      deadline: this.deadline,
      ...(this.deps.signal ? { signal: this.deps.signal } : {}),
    });
    const work = runStepWaves(engine, {
      ...(gate ? { gate } : {}),
      full,
      step,
      context: runContext(this.at, this.state.executionId, this.report.accountId, this.runEnv),
      report: this.report,
      pollIntervalSeconds: this.inputs.pollIntervalSeconds,
      deadline: this.deadline,
      activeJobs: preflight.activeJobs,
      // Not AbortSignal.any: on Node 20 a combined signal can stop firing after garbage collection.
      signal: firstAbort([...(this.deps.signal ? [this.deps.signal] : []), ...(crash ? [crash.signal] : [])]),
      own: prior.own,
      afterPoll: (report) => this.overrides.restoreSafe(engine, report),
      onJobStarted: (info) => {
        this.addJob(info.jobId);
        crash?.abort();
      },
    })
      .finally(() => gate?.close())
      .then((report) => {
        if (crash?.signal.aborted) throw new Error('injected crash after the first job started (test)');
        return report;
      });
    return untilAbandoned(work, this.deps.signal, CANCEL_GRACE_MS).then((r) =>
      r === 'abandoned' ? ABANDONED : r,
    );
  }

  /** A stage that may be given up: on cancellation after a short grace, and at the run's deadline. */
  private stage<T>(name: string, work: Promise<T>): Promise<T | typeof ABANDONED> {
    const { signal, clock } = this.deps;
    return boundedStage(name, work, { signal, deadline: this.deadline, clock, errors: this.report.errors });
  }

  /** A stage given up: by cancellation, or by the deadline (timed out, nothing more is written). */
  private abandoned(stage: string): Promise<Report> {
    if (this.deps.signal?.aborted) return this.cancelled(abandonReport(this.report));
    this.report.errors.push(`Nothing more was started after ${stage}.`);
    return this.finish('timed-out');
  }

  private dryRunEnd(): Promise<Report> {
    this.report.warnings.push(
      'Dry run: preflight only, no launch configuration written and no recovery started.',
    );
    return this.finish('succeeded');
  }

  private pastDeadline(what: string): boolean {
    if (this.deps.clock.now() < this.deadline) return false;
    this.report.errors.push(
      `The run reached its time limit (timeout-minutes) before ${what}: nothing was written.`,
    );
    return true;
  }

  private addJob(jobId: string): void {
    if (this.state.jobIds.includes(jobId)) return;
    this.state.jobIds.push(jobId);
    this.saveState();
  }

  private saveState(): void {
    try {
      writePostState((n, v) => this.io.saveState(n, v), this.state);
    } catch (e) {
      this.log.warning(`Could not save the run's state for the post step: ${errorMessage(e)}`);
    }
  }

  /** Refused before anything was started: the reasons are the run's errors. */
  private refuse(errors: string[]): Promise<Report> {
    for (const e of errors) this.report.errors.push(e);
    return this.finish('failed');
  }

  /** The one ordinary exit: finalise, publish, record for the post step. */
  private async finish(status?: RunStatus): Promise<Report> {
    const finished = nothingLeftBehind(this.io, this.report, this.state.jobIds);
    this.report = finalizeReport(this.report, new Date(this.deps.clock.now()).toISOString(), status);
    if (status === undefined) for (const missed of objectiveWarnings(this.report)) this.io.warning(missed);
    await publishReport(this.io, this.report, this.inputs, this.runEnv, this.deps.env);
    this.state.finished = finished;
    if (this.report.status !== 'running') this.state.status = this.report.status;
    if (this.report.cleanup?.status === 'skipped' && this.report.wavesRemaining)
      this.state.wavesRemaining = this.report.wavesRemaining;
    this.saveState();
    return this.report;
  }

  /** Cancelled: the partial evidence, fast; never finished, so the post step cleans up. */
  private async cancelled(report: Report): Promise<Report> {
    this.report = await publishCancelled(this.io, report, this.inputs, this.runEnv, this.deps);
    return this.report;
  }

  /** A crash in our code: the evidence of what had been started is written before the error surfaces. */
  private async crash(e: unknown): Promise<never> {
    this.report = await publishCrash(this.io, this.report, e, this.inputs, this.runEnv, this.deps);
    throw e;
  }
}
