/**
 * The waves of one drill or recovery step: the run loop over this step's waves, with the waves of
 * earlier steps of the execution rebuilt from DRS (never started again) and the jobs an earlier
 * attempt of this step started attached to, then the report completed with the waves left to later steps.
 */

import type { Job } from '../aws/gateways.js';
import type { Report } from '../core/report.js';
import { priorJobsByChunk } from '../engine/resume.js';
import { type RunDeps, type RunInput, runExecution } from '../engine/run.js';
import type { ExecutionPlan } from '../engine/types.js';
import { completeStepReport, type ExecutionStep, prepareStepRun, resumableJobs } from './execution-steps.js';

export interface StepWavesInput extends Omit<RunInput, 'executionPlan' | 'priorJobs' | 'settled'> {
  /** The whole plan, resolved by the preflight. */
  full: ExecutionPlan;
  step: ExecutionStep;
  /** Every job DRS holds for this execution (resume.ts findExecutionJobs). */
  own: readonly Job[];
}

export async function runStepWaves(deps: RunDeps, input: StepWavesInput): Promise<Report> {
  const { full, step, own, ...rest } = input;
  const context = { ...rest.context, ...(step.selection.multiStep ? { step: step.name } : {}) };
  const prepared = await prepareStepRun(deps, full, step, context);
  for (const w of prepared.warnings) deps.log.warning(w);
  const report = await runExecution(deps, {
    ...rest,
    context,
    executionPlan: prepared.executionPlan,
    settled: prepared.settled,
    priorJobs: priorJobsByChunk(resumableJobs(step, own)),
  });
  completeStepReport(report, full, step);
  return report;
}
