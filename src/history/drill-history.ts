/**
 * What a drill or recovery adds to its evidence once its report is final: the drill history (read,
 * compared, appended), the `fail-on` rules `objectives` and `regression`, the "History" section of the
 * summary and drill-predicate.json. One entry point, prepareDrillEvidence(); nothing here can lose the
 * report: a history that cannot be read or written is a warning.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatDuration, formatTargetDuration } from '../core/durations.js';
import type { Report } from '../core/report.js';
import { errorMessage } from '../errors.js';
import type { Octokit } from '../github/comment.js';
import type { ActionInputs } from '../inputs.js';
import type { ActionIO } from '../io.js';
import type { RunEnvironment } from '../run-env.js';
import { regressionNote, regressionText, renderHistorySection } from './history-md.js';
import { buildDrillPredicate, DRILL_PREDICATE_FILE } from './predicate.js';
import {
  buildRecord,
  type FailOnReason,
  type HistoryRecord,
  type Regression,
  recordFileName,
  reportFileName,
  sha256Hex,
} from './record.js';
import {
  appendRecord,
  type HistoryLocation,
  HistoryPermissionError,
  readHistory,
  type WriteDeps,
} from './store.js';
import { detectRegression } from './trend.js';

export type DrillHistoryInputs = Pick<ActionInputs, 'mode'> &
  Partial<
    Pick<ActionInputs, 'dryRun' | 'githubToken' | 'historyBranch' | 'failOn' | 'regressionThresholdPercent'>
  >;

export interface DrillHistoryDeps {
  env: NodeJS.ProcessEnv;
  /** Builds the GitHub client from the token (getOctokit in the action). */
  octokit?: (token: string) => Octokit | Promise<Octokit>;
  write?: WriteDeps;
}

export interface DrillEvidence {
  /** The report given, with the regression warning and the fail-on verdict applied. */
  report: Report;
  /** Bytes to keep free in the rendered report for what decorate() adds. */
  reserveBytes: number;
  /** The report's markdown with the regression note under its headline and the History section. */
  decorate(markdown: string): string;
  /** Writes drill-predicate.json and the history record; returns the extra files for the artifact. */
  finish(dir: string, jsonPath: string): Promise<string[]>;
}

/** Where the history lives, or why there is none for this run. */
export function historyLocation(
  inputs: DrillHistoryInputs,
  run: Pick<RunEnvironment, 'repository'>,
): HistoryLocation | string {
  if (!inputs.historyBranch) return 'history-branch is empty';
  const [owner, repo] = (run.repository ?? '').split('/');
  if (!owner || !repo) return 'no GITHUB_REPOSITORY to keep it in';
  if (!inputs.githubToken) return 'no github-token to read it with';
  return { owner, repo, branch: inputs.historyBranch };
}

export async function makeOctokit(deps: Pick<DrillHistoryDeps, 'octokit'>, token: string): Promise<Octokit> {
  return deps.octokit ? deps.octokit(token) : (await import('@actions/github')).getOctokit(token);
}

/** Warnings for files the reader skipped; GitHub shows about ten, so the rest are counted in one. */
export function warnProblems(io: ActionIO, branch: string, problems: readonly string[]): void {
  for (const p of problems.slice(0, 5)) io.warning(`Drill history (branch ${branch}): ${p}`);
  if (problems.length > 5)
    io.warning(`Drill history (branch ${branch}): ${problems.length - 5} more files skipped.`);
}

function objectivesMissed(report: Report): string | undefined {
  const { measured, objectives } = report;
  const missed: string[] = [];
  if (measured.rtoMet === false) {
    missed.push(
      `RTO ${measured.rtoSeconds === undefined ? 'not measured' : formatDuration(measured.rtoSeconds)} against ${formatTargetDuration(objectives.rtoSeconds)}`,
    );
  }
  if (measured.rpoMet === false) {
    missed.push(
      `RPO ${formatDuration(measured.rpoSeconds)} against ${formatTargetDuration(objectives.rpoSeconds)}`,
    );
  }
  return missed.length > 0 ? missed.join(', ') : undefined;
}

/**
 * Applies `fail-on` to a finished drill: `objectives` fails it when an RTO/RPO objective was missed,
 * `regression` when the RTO regressed. Only a run that succeeded is turned into a failure, with the
 * reason first among its errors. Returns the rules that failed it.
 */
export function applyFailOn(
  report: Report,
  rules: readonly string[],
  regression: Regression | undefined,
): FailOnReason[] {
  const failedOn: FailOnReason[] = [];
  const reasons: string[] = [];
  const missed = rules.includes('objectives') ? objectivesMissed(report) : undefined;
  if (missed) {
    failedOn.push('objectives');
    reasons.push(`fail-on objectives: objective missed (${missed}).`);
  }
  if (rules.includes('regression') && regression) {
    failedOn.push('regression');
    reasons.push(`fail-on regression: ${regressionText(regression)}`);
  }
  if (failedOn.length > 0 && report.status === 'succeeded') {
    report.status = 'failed';
    report.errors.unshift(...reasons);
  }
  return failedOn;
}

function insertAfterHeadline(markdown: string, note: string): string {
  const end = markdown.indexOf('\n');
  return end < 0 ? `${markdown}\n\n${note}\n` : `${markdown.slice(0, end)}\n\n${note}${markdown.slice(end)}`;
}

/** What the history holds before this run; octokit is kept even when the read fails, for the write. */
async function readPrevious(
  io: ActionIO,
  where: HistoryLocation,
  planName: string,
  inputs: DrillHistoryInputs,
  run: Pick<RunEnvironment, 'runId' | 'runAttempt'>,
  deps: DrillHistoryDeps,
): Promise<{ octokit?: Octokit; previous?: HistoryRecord[]; skipped: number }> {
  let octokit: Octokit | undefined;
  try {
    octokit = await makeOctokit(deps, inputs.githubToken as string);
    const read = await readHistory(octokit, where, { planName });
    warnProblems(io, where.branch, read.problems);
    // A re-published attempt of this very run is not its own baseline.
    const previous = read.records
      .map((r) => r.record)
      .filter((r) => !(r.runId === run.runId && r.runAttempt === run.runAttempt));
    return { octokit, previous, skipped: read.problems.length };
  } catch (e) {
    io.warning(
      `Could not read the drill history from branch ${where.branch}: ${errorMessage(e)}. This run is judged without it.`,
    );
    return { ...(octokit ? { octokit } : {}), skipped: 0 };
  }
}

/** Why a run that is not recorded is not, as the History section says it. */
function notRecordedReason(
  cancelled: boolean,
  dryRun: boolean | undefined,
  where: HistoryLocation | string,
): string {
  return cancelled
    ? 'the run was cancelled'
    : dryRun
      ? 'a dry run is not a drill'
      : typeof where === 'string'
        ? where
        : 'the history could not be read';
}

/**
 * Reads the plan's history, judges this run against it and applies `fail-on` to the report it is
 * given, in place: the caller returns that same report to main.ts, whose exit code follows its
 * status. Undefined for modes other than drill and recovery.
 */
export async function prepareDrillEvidence(
  io: ActionIO,
  finished: Report,
  inputs: DrillHistoryInputs,
  run: Pick<RunEnvironment, 'repository' | 'runId' | 'runAttempt'>,
  deps: DrillHistoryDeps,
): Promise<DrillEvidence | undefined> {
  if (finished.mode !== 'drill' && finished.mode !== 'recovery') return undefined;
  const report = finished;
  // A cancelled run has seconds before the runner kills it: its evidence goes out without history.
  const cancelled = report.status === 'cancelled';
  // One record per execution: a step that leaves waves to a later step is not a whole drill.
  const where = report.wavesRemaining?.length
    ? 'waves are left to a later step, whose report (the whole execution) is the one recorded'
    : historyLocation(inputs, run);
  const rules = inputs.failOn ?? [];
  const { octokit, previous, skipped } =
    typeof where !== 'string' && !cancelled
      ? await readPrevious(io, where, report.plan.name, inputs, run, deps)
      : { skipped: 0 };
  if (rules.includes('regression') && previous === undefined && !cancelled) {
    io.warning(
      `fail-on regression needs the drill history, which is not available (${typeof where === 'string' ? where : 'it could not be read'}): no regression can be judged.`,
    );
  }
  const threshold = inputs.regressionThresholdPercent ?? 25;
  const regression = previous ? detectRegression(report.measured.rtoSeconds, previous, threshold) : undefined;
  if (regression) {
    const text = regressionText(regression);
    report.warnings.push(text);
    io.warning(text, { title: `RTO regression: ${report.plan.name}` });
  }
  const failedOn = applyFailOn(report, rules, regression);
  const runId = run.runId ?? 'local';
  const recordFile = recordFileName(report.plan.name, report.startedAt, runId, run.runAttempt);
  const recordable = typeof where !== 'string' && !cancelled && !inputs.dryRun && octokit !== undefined;
  let notRecorded: string | undefined = recordable
    ? undefined
    : notRecordedReason(cancelled, inputs.dryRun, where);
  // The provisional record draws this run in the table and charts; its digest is filled in by finish().
  const draft = buildRecord(report, {
    runId,
    runAttempt: run.runAttempt,
    reportSha256: '0'.repeat(64),
    failedOn,
    ...(regression ? { regression } : {}),
  });
  const section = () => {
    if (!previous || typeof where === 'string') return '';
    const records = notRecorded ? previous : [...previous, draft];
    return renderHistorySection(records, {
      branch: where.branch,
      total: records.length,
      ...(notRecorded ? { notRecorded } : {}),
      ...(skipped ? { skipped } : {}),
    });
  };
  const note = regression ? regressionNote(regression) : '';

  return {
    report,
    // Twelve table rows and two charts of twelve points stay well under this.
    reserveBytes: 16 * 1024,
    decorate(markdown) {
      const withNote = note ? insertAfterHeadline(markdown, note) : markdown;
      const history = section();
      return history ? `${withNote.trimEnd()}\n\n${history}\n` : withNote;
    },
    async finish(dir, jsonPath) {
      const extra: string[] = [];
      try {
        const predicatePath = join(dir, DRILL_PREDICATE_FILE);
        await writeFile(predicatePath, `${JSON.stringify(buildDrillPredicate(report), null, 2)}\n`, 'utf8');
        extra.push(predicatePath);
      } catch (e) {
        io.warning(`Could not write ${DRILL_PREDICATE_FILE}: ${errorMessage(e)}`);
      }
      if (!recordable || typeof where === 'string' || !octokit) return extra;
      try {
        const bytes = await readFile(jsonPath);
        const reportFile = reportFileName(recordFile);
        const record = buildRecord(report, {
          runId,
          runAttempt: run.runAttempt,
          reportSha256: sha256Hex(bytes),
          reportFile,
          failedOn,
          ...(regression ? { regression } : {}),
        });
        const written = await appendRecord(
          octokit,
          where,
          { file: recordFile, record, report: { file: reportFile, gzip: gzipSync(bytes) } },
          { log: (m) => io.info(m), ...deps.write },
        );
        io.info(
          `Recorded in the drill history: branch ${where.branch}, ${recordFile} (commit ${written.commit.slice(0, 12)}, ${written.records} records).`,
        );
      } catch (e) {
        notRecorded =
          e instanceof HistoryPermissionError ? errorMessage(e) : `writing it failed: ${errorMessage(e)}`;
        io.warning(
          `This run was not added to the drill history (branch ${where.branch}): ${notRecorded}. The evidence is in ${dir} and the artifact.`,
        );
      }
      return extra;
    },
  };
}
