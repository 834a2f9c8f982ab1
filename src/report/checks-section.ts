/**
 * The wave checks (SSM Run Command) in the summary: one row per check and instance, with the start of
 * the output in a folded block. Output is command text from the recovered instance: HTML-escaped in
 * <pre>, never rendered as Markdown.
 */
import { escapeCell, escapeHtml, truncateText } from '../core/escape.js';
import type { CheckReport, Report, WaveReport } from '../core/report.js';
import { collapsible, limitedTable, serverName } from './sections.js';

/** How much of each output the summary shows (report.json keeps the 2 KB excerpt). */
const SUMMARY_OUTPUT_CHARS = 600;

const ICON: Record<CheckReport['status'], string> = {
  passed: '✅ passed',
  failed: '❌ failed',
  'timed-out': '⏱️ timed out',
  running: '⏳ running',
  skipped: '⏭️ skipped',
};

function outputCell(output: string | undefined): string {
  if (!output) return '';
  const text = truncateText(output, SUMMARY_OUTPUT_CHARS, ' …');
  return `<details><summary>output</summary><pre>${escapeHtml(text)}</pre></details>`;
}

function rows(wave: WaveReport, check: CheckReport): string[][] {
  const head = [escapeCell(wave.name), escapeCell(check.name), ICON[check.status]];
  if (check.instances.length === 0) return [[...head, '—', escapeCell(check.error ?? ''), '']];
  return check.instances.map((i) => [
    ...head,
    serverName(i),
    `${escapeCell(i.status)}${i.responseCode !== undefined && i.responseCode >= 0 ? ` (exit ${i.responseCode})` : ''}`,
    outputCell(i.output),
  ]);
}

const ACTION_ICON: Record<string, string> = {
  SUCCEEDED: '✅ passed',
  FAILED: '❌ failed',
  IN_PROGRESS: '⏳ running',
};

/** DRS post-launch action runs, one row per server and action (DRS reports them, not SSM). */
function actionRows(wave: WaveReport): string[][] {
  return wave.servers.flatMap((s) =>
    (s.launchActions ?? []).map((a) => [
      escapeCell(wave.name),
      `post-launch ${escapeCell(a.name ?? a.actionId ?? '')}${a.optional ? ' (optional)' : ''}`,
      ACTION_ICON[a.status] ?? escapeCell(a.status),
      serverName(s),
      escapeCell(a.status),
      a.failureReason ? escapeCell(truncateText(a.failureReason, SUMMARY_OUTPUT_CHARS, ' …')) : '',
    ]),
  );
}

export function checkCount(report: Report): number {
  return report.waves.reduce(
    (n, w) =>
      n +
      (w.checks ?? []).reduce((m, c) => m + Math.max(1, c.instances.length), 0) +
      w.servers.reduce((m, s) => m + (s.launchActions?.length ?? 0), 0),
    0,
  );
}

export function renderChecks(report: Report, limit: number): string {
  const all = report.waves.flatMap((w) => [...actionRows(w), ...(w.checks ?? []).flatMap((c) => rows(w, c))]);
  if (all.length === 0) return '';
  const checks = report.waves.flatMap((w) => w.checks ?? []);
  const actions = report.waves.flatMap((w) => w.servers.flatMap((s) => s.launchActions ?? []));
  const passed = checks.filter((c) => c.status === 'passed').length;
  const ran = actions.filter((a) => a.status === 'SUCCEEDED').length;
  const header = ['Wave', 'Check', 'Result', 'Server', 'Status', 'Output'];
  const body = limitedTable(header, all, limit, 'check results');
  const parts = [
    ...(checks.length > 0 ? [`${passed}/${checks.length} wave checks passed`] : []),
    ...(actions.length > 0 ? [`${ran}/${actions.length} post-launch actions succeeded`] : []),
  ];
  const tally = parts.join(', ');
  return `### Application checks\n\n${tally}\n\n${collapsible(tally, body, all.length)}`;
}
