/**
 * Cancellation of a drill or recovery: the runner sends SIGINT, SIGTERM 7.5 s later and kills at 10 s.
 * Whatever stage is in flight gets a short grace, then the partial evidence is published.
 */

import type { Report } from '../core/report.js';
import { isDeadlineError } from '../engine/deadline.js';
import type { Clock } from '../engine/types.js';
import type { ActionInputs } from '../inputs.js';
import type { ActionIO } from '../io.js';
import { finalizeReport } from '../report/build.js';
import { renderReportMarkdown } from '../report/markdown.js';
import type { RunEnvironment } from '../run-env.js';
import { publishReport } from './publish.js';

/**
 * After a cancellation signal, how long a stage in flight (an AWS call can hang) may still take before
 * the run publishes what it knows: the runner sends SIGTERM 7.5 s after SIGINT and kills at 10 s, and
 * the partial report and summary must be out within 5 s.
 */
export const CANCEL_GRACE_MS = 3000;

/**
 * `work`, or 'abandoned' when `signal` aborts and `work` has not settled `graceMs` (real time) later.
 * A rejection of `work` after the abort also counts as abandoned: the run is over either way.
 */
export function untilAbandoned<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  graceMs: number,
): Promise<T | 'abandoned'> {
  if (!signal) return work;
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      timer = setTimeout(() => resolve('abandoned'), graceMs);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (e: unknown) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) resolve('abandoned');
        else reject(e);
      },
    );
  });
}

/**
 * The report as it stands when the run is cancelled with a stage still in flight: waves running are
 * cancelled, pending ones skipped, and every job not known to be COMPLETED is listed by id, because
 * it keeps running in DRS. Mutates and returns `report`.
 */
export function abandonReport(report: Report): Report {
  for (const wave of report.waves) {
    if (wave.status === 'running') {
      wave.status = 'cancelled';
      wave.error = `Wave "${wave.name}": the run was cancelled`;
    } else if (wave.status === 'pending') {
      wave.status = 'skipped';
      wave.error = 'not started: the run was cancelled';
      for (const s of wave.servers) s.health = 'skipped';
    }
    for (const job of wave.jobs) {
      if (job.status === 'COMPLETED') continue;
      report.errors.push(
        `DRS job ${job.jobId} (wave "${wave.name}", ${job.sourceServerIds.length} server(s)) was still ` +
          `${job.status} when the run was cancelled; it keeps running in DRS.`,
      );
    }
  }
  report.errors.push(
    'The run was cancelled (the runner signalled the action); this report shows what was known then.',
  );
  report.status = 'cancelled';
  return report;
}

/**
 * Evidence of a cancelled run. The summary goes first, before the artifact upload that could take
 * longer than the runner waits; report.json and report.md follow. The post step sees no
 * state marked finished and cleans up the drill instances (cleanup policy permitting).
 */
export async function publishCancelled(
  io: ActionIO,
  report: Report,
  inputs: ActionInputs,
  run: RunEnvironment,
  deps: { clock: Clock; env: NodeJS.ProcessEnv },
): Promise<Report> {
  const ended = finalizeReport(report, new Date(deps.clock.now()).toISOString(), 'cancelled');
  try {
    await io.writeSummary(renderReportMarkdown(ended));
  } catch (e) {
    io.warning(`Could not write the job summary: ${e instanceof Error ? e.message : String(e)}`);
  }
  const withoutSummary: ActionIO = Object.assign(Object.create(io) as ActionIO, {
    writeSummary: async () => {},
  });
  await publishReport(withoutSummary, ended, inputs, run, deps.env);
  return ended;
}

/**
 * A stage that may be given up: after a short grace once the run is cancelled, and at once when the
 * deadline (epoch ms on `clock`) comes, so preflight and repair never outlive timeout-minutes.
 */
export async function untilStageEnds<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  deadlineMs: number,
  clock: Clock,
): Promise<T | 'abandoned'> {
  const stop = new AbortController();
  const deadline = new AbortController();
  void clock.sleep(Math.max(0, deadlineMs - clock.now()), stop.signal).then(() => {
    if (!stop.signal.aborted) deadline.abort();
  });
  try {
    return await untilAbandoned(untilAbandoned(work, signal, CANCEL_GRACE_MS), deadline.signal, 0);
  } finally {
    stop.abort();
  }
}

/** A stage given up: the run was cancelled, or its deadline came, while it was still in flight. */
export const ABANDONED = Symbol('abandoned');

/**
 * A pipeline stage bounded like `untilStageEnds`; a phase that noticed the deadline itself
 * (DeadlineError) ends the same way as one given up, and a stage given up at the deadline says so in
 * the run's errors.
 */
export async function boundedStage<T>(
  name: string,
  work: Promise<T>,
  run: { signal: AbortSignal | undefined; deadline: number; clock: Clock; errors: string[] },
): Promise<T | typeof ABANDONED> {
  const bounded = work.catch((e: unknown) => {
    if (isDeadlineError(e)) return 'abandoned' as const;
    throw e;
  });
  const result = await untilStageEnds(bounded, run.signal, run.deadline, run.clock);
  if (result !== 'abandoned') return result;
  if (!run.signal?.aborted)
    run.errors.push(`The run reached its time limit (timeout-minutes) during ${name}.`);
  return ABANDONED;
}
