/**
 * The summary's account of an execution over several steps (input `waves`): which step (GitHub job)
 * ran which waves and for how long, the recovery time against the wall-clock span, and the waves left.
 */
import { formatDuration } from '../core/durations.js';
import { escapeCell } from '../core/escape.js';
import type { Report } from '../core/report.js';

function waveList(names: readonly string[]): string {
  return names.map((n) => escapeCell(n)).join(', ');
}

/** Markdown for the steps, or '' for a run of the whole plan in one step. */
export function renderSteps(report: Report): string {
  const steps = report.steps ?? [];
  const remaining = report.wavesRemaining ?? [];
  if (steps.length === 0 && remaining.length === 0) return '';
  const lines: string[] = [];
  if (remaining.length > 0) {
    const cleanup = report.cleanup;
    const kept = !report.isDrill
      ? 'recovered instances stay up for the next step'
      : cleanup?.status === 'skipped' && cleanup.reason?.startsWith('Waves left')
        ? 'instances kept running for the next step'
        : cleanup?.status === 'skipped'
          ? `no cleanup: ${escapeCell(cleanup.reason ?? '')}`
          : "this step did not succeed: its cleanup covered every job's instances of the execution";
    lines.push(`**Waves left: ${waveList(remaining)}** — ${kept}.`);
  }
  const { rtoWallClockSeconds, rtoSeconds } = report.measured;
  if (rtoWallClockSeconds !== undefined) {
    lines.push(
      `RTO ${formatDuration(rtoSeconds)} is recovery time: the steps' active time summed. Wall-clock span ${formatDuration(rtoWallClockSeconds)}; the ${formatDuration(rtoWallClockSeconds - (rtoSeconds ?? 0))} between steps (approvals, hooks) is left out.`,
    );
  }
  if (steps.length > 0) {
    lines.push('', '| Step (job) | Waves | Started | Active |', '|---|---|---|---|');
    for (const step of steps) {
      const name = `${escapeCell(step.name)}${step.earlier ? ' (earlier job, read from DRS)' : ''}`;
      lines.push(
        `| ${name} | ${waveList(step.waves)} | ${escapeCell(step.startedAt ?? '—')} | ${formatDuration(step.activeSeconds)} |`,
      );
    }
  }
  return `### Steps\n\n${lines.join('\n')}`;
}
