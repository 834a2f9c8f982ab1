/**
 * Steps of the drill pipeline that need no pipeline state: what preflight found, into the report and
 * the log; the launch-configuration repair.
 */

import type { Job } from '../aws/gateways.js';
import { type AwsSession, openAwsSession } from '../aws/session.js';
import type { CleanupReport, Report } from '../core/report.js';
import { cleanupDrillInstances } from '../engine/cleanup.js';
import type { PhaseLimits } from '../engine/deadline.js';
import { driftProblems } from '../engine/drift-check.js';
import type { PreflightResult } from '../engine/preflight.js';
import { LaunchConfigRepairError, repairLaunchConfigurations } from '../engine/repair.js';
import { EXCLUDE_INPUT_REASON } from '../engine/resolve.js';
import { resumeNote } from '../engine/resume.js';
import type { RunContext } from '../engine/types.js';
import { errorMessage } from '../errors.js';
import type { ActionInputs } from '../inputs.js';
import type { ActionIO } from '../io.js';
import type { RepairMode } from '../modes.js';
import type { Plan } from '../plan/types.js';
import { type RunEnvironment, runUrlOf } from '../run-env.js';
import { CANCEL_GRACE_MS, untilAbandoned } from './cancel.js';
import { type DrillDeps, describeProblem } from './drill-setup.js';

/** The AWS session; a failure (STS, the account guard) is evidence too, not an unexplained crash. */
export async function openDrillSession(
  io: ActionIO,
  inputs: ActionInputs,
  at: { region: string; plan: Plan },
  deps: DrillDeps,
  report: Report,
): Promise<AwsSession | undefined> {
  try {
    const session = await openAwsSession(io, inputs, at.region, at.plan.accountId, deps);
    report.accountId = session.accountId;
    return session;
  } catch (e) {
    // The step fails with this as its first error (one annotation, from main.ts).
    report.errors.push(`Could not open the AWS session: ${errorMessage(e)}`, 'Nothing was started.');
    return undefined;
  }
}

/**
 * Preflight's exclusions and warnings into the report and the log. A non-critical server left out for
 * its preflight failures has its own warning (with its plan line) among the preflight's.
 */
export function notePreflight(io: ActionIO, report: Report, preflight: PreflightResult): void {
  if (preflight.excluded.length > 0) report.excluded = preflight.excluded;
  const byInput = preflight.excluded.filter((x) => x.reason === EXCLUDE_INPUT_REASON);
  if (byInput.length > 0) {
    const text = `Excluded from this run (input exclude): ${byInput
      .map((x) => `${x.sourceServerId}${x.hostname ? ` (${x.hostname})` : ''} in wave ${x.wave}`)
      .join(', ')}`;
    report.warnings.push(text);
    io.warning(text);
  }
  for (const w of preflight.warnings) {
    const text = describeProblem(w);
    report.warnings.push(text);
    io.warning(text, w.position);
  }
}

/** Writes the drift; returns the errors of a half-repaired estate (nothing starts on one). */
export async function repairStep(
  io: ActionIO,
  report: Report,
  engine: Parameters<typeof repairLaunchConfigurations>[0],
  preflight: PreflightResult,
  opts: { dryRun: boolean; executionId: string } & PhaseLimits,
): Promise<string[]> {
  const { changes, failures } = await io.group('Launch configuration', async () => {
    const outcome = await repairLaunchConfigurations(engine, preflight.drift, opts).then(
      (written) => ({ changes: written, failures: [] as LaunchConfigRepairError['failures'] }),
      (e: unknown) => {
        if (e instanceof LaunchConfigRepairError) return { changes: e.changes, failures: e.failures };
        throw e;
      },
    );
    for (const c of outcome.changes) {
      io.info(
        `${c.applied ? 'Changed' : 'Would change'} ${c.sourceServerId} ${c.target}.${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`,
      );
    }
    // The failures print inside the group too, beside the changes that did get written.
    for (const f of outcome.failures) io.error(failureText(f));
    return outcome;
  });
  report.launchConfigChanges = changes;
  if (failures.length === 0) return [];
  return [
    ...failures.map(failureText),
    'Nothing was started: the launch configurations above must be repaired first.',
  ];
}

export function failureText(f: LaunchConfigRepairError['failures'][number]): string {
  return `Launch configuration of ${f.sourceServerId} could not be written: ${errorMessage(f.error)}`;
}

/** Who and what the run is, for the StartRecovery tags and the evidence. */
export function runContext(
  at: { mode: 'drill' | 'recovery'; region: string },
  executionId: string,
  accountId: string | undefined,
  runEnv: RunEnvironment,
): RunContext {
  return {
    mode: at.mode,
    isDrill: at.mode === 'drill',
    executionId,
    region: at.region,
    ...(accountId ? { accountId } : {}),
    initiatedBy: runEnv.actor,
    repository: runEnv.repository,
    runUrl: runUrlOf(runEnv),
    commit: runEnv.sha,
  };
}

/**
 * Whether nothing a run started is left for the post step: no job, a recovery (never cleaned), or a
 * cleanup that ran to its end (or that the policy skipped on purpose).
 */
export function nothingLeftBehind(io: ActionIO, report: Report, jobIds: readonly string[]): boolean {
  if (!report.isDrill || jobIds.length === 0) return true;
  if (report.cleanup !== undefined && report.cleanup.status !== 'failed') return true;
  const text =
    'Drill instances of this run may still exist: the post step terminates them (cleanup policy permitting), and mode: cleanup catches any left after it.';
  report.warnings.push(text);
  io.warning(text);
  return false;
}

/**
 * Preflight's problems as the run's errors (each annotated at its plan line), or undefined. With
 * `repair: check` every drift is one of them (and nothing is left for the repair to write).
 */
export function preflightErrors(
  io: ActionIO,
  preflight: PreflightResult,
  repair: RepairMode = 'apply',
): string[] | undefined {
  if (repair === 'check' && preflight.executionPlan && preflight.drift.length > 0) {
    preflight.problems.push(...driftProblems(preflight.drift, preflight.executionPlan));
    preflight.drift = [];
  }
  if (preflight.problems.length === 0 && preflight.executionPlan) return undefined;
  return [
    ...preflight.problems.map((p) => {
      io.error(describeProblem(p), p.position);
      return `Preflight: ${describeProblem(p)}`;
    }),
    'Nothing was started: fix the preflight problems above and run again.',
  ];
}

/** Says that the run attaches to the jobs an earlier attempt of its execution started. */
export function noteResume(io: ActionIO, report: Report, own: readonly Job[]): void {
  const note = resumeNote(own);
  if (!note) return;
  report.warnings.push(note);
  io.notice(note);
}

/**
 * The drill's cleanup. Terminate jobs take minutes: a cancellation gives it up after a short grace and
 * leaves it to the post step (the run is then not finished).
 */
export async function cleanupStage(
  io: ActionIO,
  engine: Parameters<typeof cleanupDrillInstances>[0],
  report: Report,
  policy: Parameters<typeof cleanupDrillInstances>[2],
  signal: AbortSignal | undefined,
): Promise<CleanupReport | 'abandoned'> {
  if (signal?.aborted) return 'abandoned';
  const work = io.group('Cleanup', () => cleanupDrillInstances(engine, report, policy));
  return untilAbandoned(work, signal, CANCEL_GRACE_MS);
}
