import {
  computeMeasurements,
  formatDuration,
  formatTargetDuration,
  stepsWithSpans,
} from '../core/durations.js';
import type { Report } from '../core/report.js';
import type { RunStatus } from '../modes.js';

/** Who and what a run is: everything report.json knows before the first AWS call. */
export type ReportInit = Pick<
  Report,
  | 'mode'
  | 'executionId'
  | 'plan'
  | 'initiatedBy'
  | 'repository'
  | 'runUrl'
  | 'region'
  | 'accountId'
  | 'isDrill'
  | 'startedAt'
> & { objectives?: Report['objectives'] };

/** A report for a run that has just begun: status `running`, nothing measured, empty lists. */
export function createReport(init: ReportInit): Report {
  const report: Report = {
    schemaVersion: 1,
    mode: init.mode,
    executionId: init.executionId,
    plan: { name: init.plan.name, path: init.plan.path, sha256: init.plan.sha256 },
    region: init.region,
    isDrill: init.isDrill,
    startedAt: init.startedAt,
    status: 'running',
    objectives: {},
    measured: {},
    waves: [],
    launchConfigChanges: [],
    errors: [],
    warnings: [],
  };
  // Optional fields are left out rather than set to undefined, so report.json has no nulls.
  if (init.plan.commit !== undefined) report.plan.commit = init.plan.commit;
  if (init.initiatedBy !== undefined) report.initiatedBy = init.initiatedBy;
  if (init.repository !== undefined) report.repository = init.repository;
  if (init.runUrl !== undefined) report.runUrl = init.runUrl;
  if (init.accountId !== undefined) report.accountId = init.accountId;
  if (init.objectives?.rtoSeconds !== undefined) report.objectives.rtoSeconds = init.objectives.rtoSeconds;
  if (init.objectives?.rpoSeconds !== undefined) report.objectives.rpoSeconds = init.objectives.rpoSeconds;
  return report;
}

/**
 * The report as it is written at the end of a run (any ending): endedAt set, measurements computed
 * from the timestamps, and the status if one is given. Returns a new object; the input is untouched.
 */
export function finalizeReport(report: Report, endedAtIso: string, status?: RunStatus): Report {
  const ended: Report = structuredClone(report);
  ended.endedAt = endedAtIso;
  if (status !== undefined) ended.status = status;
  ended.measured = computeMeasurements(ended);
  const steps = stepsWithSpans(ended);
  if (steps) ended.steps = steps;
  ended.warnings.push(...objectiveWarnings(ended).filter((w) => !ended.warnings.includes(w)));
  return ended;
}

/**
 * Objectives a run that brought its servers up still missed. They do not fail the run (everything came
 * up), but an auditor must see them, so they are warnings in the report and annotations in the run.
 */
export function objectiveWarnings(report: Report): string[] {
  const { measured, objectives } = report;
  const out: string[] = [];
  if (measured.rtoMet === false && measured.rtoSeconds !== undefined) {
    out.push(
      `RTO objective missed: measured ${formatDuration(measured.rtoSeconds)}, objective ${formatTargetDuration(objectives.rtoSeconds)}.`,
    );
  }
  if (measured.rpoMet === false && measured.rpoSeconds !== undefined) {
    out.push(
      `RPO objective missed: worst data loss ${formatDuration(measured.rpoSeconds)} (recovery request − recovery point), objective ${formatTargetDuration(objectives.rpoSeconds)}.`,
    );
  }
  return out;
}
