/**
 * The drill pipeline's part of an execution over several steps (input `waves`; src/engine/steps.ts):
 * which waves this step runs, the run loop's input for them (earlier steps' waves rebuilt from DRS,
 * later ones left out), the report entries of every wave, whether this step cleans up, and the record
 * it leaves in AWS for the next step.
 */

import type { Job } from '../aws/gateways.js';
import { earliestInstant } from '../core/durations.js';
import type { CleanupReport, Report, StepReport } from '../core/report.js';
import { initWaves } from '../engine/run-state.js';
import { rebuildEarlierWaves, recordStep, type StepDeps } from '../engine/step-record.js';
import {
  jobsOfWaves,
  type StepSelection,
  selectStepWaves,
  type WaveOnRecord,
  wavesLeftMessage,
  wavesOnRecord,
} from '../engine/steps.js';
import type { ExecutionPlan, RunContext } from '../engine/types.js';
import type { CleanupPolicy } from '../modes.js';
import type { Plan } from '../plan/types.js';
import type { RunEnvironment } from '../run-env.js';

export interface ExecutionStep {
  /** This step's name: the GitHub job id, else the waves it runs. */
  name: string;
  selection: StepSelection;
  records: Map<string, WaveOnRecord>;
}

/** Which waves this step runs, from the input and what DRS holds for the execution. Pure. */
export function planExecutionStep(
  plan: Plan,
  requested: readonly string[],
  own: readonly Job[],
  runEnv: Pick<RunEnvironment, 'job'>,
): ExecutionStep {
  const records = wavesOnRecord(own);
  const selection = selectStepWaves(plan.waves, requested, records);
  return { name: runEnv.job ?? `waves ${selection.run.join(', ')}`, selection, records };
}

/** The jobs an earlier attempt of this very step started: the run loop attaches to them. */
export function resumableJobs(step: ExecutionStep, own: readonly Job[]): Job[] {
  return step.selection.multiStep ? jobsOfWaves(own, step.selection.run) : [...own];
}

export interface StepRunInput {
  executionPlan: ExecutionPlan;
  settled: Map<string, Report['waves'][number]>;
  warnings: string[];
}

/** The run loop's plan (earlier steps' waves, settled, and this step's) with the earlier ones rebuilt. */
export async function prepareStepRun(
  deps: StepDeps,
  full: ExecutionPlan,
  step: ExecutionStep,
  context: RunContext,
): Promise<StepRunInput> {
  const { earlier, run } = step.selection;
  const keep = new Set([...earlier, ...run]);
  const executionPlan = { ...full, waves: full.waves.filter((w) => keep.has(w.wave.name)) };
  if (earlier.length === 0) return { executionPlan, settled: new Map(), warnings: [] };
  const records = earlier.flatMap((name) => {
    const record = step.records.get(name);
    return record ? [record] : [];
  });
  const rebuilt = await rebuildEarlierWaves(deps, full, records, context);
  return { executionPlan, settled: rebuilt.waves, warnings: rebuilt.warnings };
}

/**
 * After the run loop: this step's waves carry its name, the waves left to later steps are listed
 * (pending), and the report says which step ran which waves.
 */
export function completeStepReport(report: Report, full: ExecutionPlan, step: ExecutionStep): void {
  if (!step.selection.multiStep) return;
  const ran = new Set(step.selection.run);
  for (const wave of report.waves) if (ran.has(wave.name)) wave.step = step.name;
  const { remaining } = step.selection;
  const listed = new Set(report.waves.map((w) => w.name));
  const missing = full.waves.filter((w) => !listed.has(w.wave.name));
  if (missing.length > 0) {
    const scratch = { waves: [] } as unknown as Report;
    initWaves({ ...full, waves: missing }, scratch);
    report.waves = [...report.waves, ...scratch.waves].sort((a, b) => a.index - b.index);
  }
  if (remaining.length > 0) report.wavesRemaining = [...remaining];
  report.steps = stepsOf(report, step.name);
  // The execution's RTO clock starts at its first StartRecovery, which may be an earlier step's.
  const first = earliestInstant([
    report.measured.firstStartRecoveryAt,
    ...report.waves.flatMap((w) => w.jobs.map((j) => j.createdAt)),
  ]);
  if (first) report.measured.firstStartRecoveryAt = first;
}

function stepsOf(report: Report, current: string): StepReport[] {
  const byStep = new Map<string, string[]>();
  for (const wave of report.waves) {
    if (!wave.step) continue;
    byStep.set(wave.step, [...(byStep.get(wave.step) ?? []), wave.name]);
  }
  return [...byStep].map(([name, waves]) => ({
    name,
    waves,
    ...(name !== current ? { earlier: true } : {}),
  }));
}

/**
 * A drill step that succeeded with waves still to run keeps its instances for the next step: the
 * cleanup is skipped, and says why. Undefined: clean up as usual (the plan's end, or any failure,
 * which cleans the whole execution's instances, every step's).
 */
export function keptForNextStep(
  report: Report,
  step: ExecutionStep | undefined,
  policy: CleanupPolicy,
): CleanupReport | undefined {
  const remaining = step?.selection.remaining ?? [];
  if (!report.isDrill || remaining.length === 0 || report.status !== 'succeeded') return undefined;
  return {
    policy,
    status: 'skipped',
    reason: wavesLeftMessage(remaining, true),
    terminateJobIds: [],
    instances: [],
  };
}

/** Leaves this step's outcome in AWS for the next step (multi-step executions only). */
export async function recordExecutionStep(
  deps: StepDeps,
  report: Report,
  step: ExecutionStep | undefined,
): Promise<string[]> {
  if (!step?.selection.multiStep || step.selection.run.length === 0) return [];
  return recordStep(deps, report, step.name);
}

/**
 * The end of a step's waves: its record for the next step, then whether its drill instances are kept
 * for that step (the cleanup to report instead of running one) or cleaned as usual (undefined).
 */
export async function closeStep(
  deps: StepDeps,
  report: Report,
  step: ExecutionStep | undefined,
  policy: CleanupPolicy,
  warn: (message: string) => void,
): Promise<CleanupReport | undefined> {
  for (const w of await recordExecutionStep(deps, report, step)) warn(w);
  return keptForNextStep(report, step, policy);
}
