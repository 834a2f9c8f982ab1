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

export function checkCount(report: Report): number {
  return report.waves.reduce(
    (n, w) => n + (w.checks ?? []).reduce((m, c) => m + Math.max(1, c.instances.length), 0),
    0,
  );
}

export function renderChecks(report: Report, limit: number): string {
  const all = report.waves.flatMap((w) => (w.checks ?? []).flatMap((c) => rows(w, c)));
  if (all.length === 0) return '';
  const checks = report.waves.flatMap((w) => w.checks ?? []);
  const passed = checks.filter((c) => c.status === 'passed').length;
  const body = limitedTable(
    ['Wave', 'Check', 'Result', 'Server', 'SSM status', 'Output'],
    all,
    limit,
    'check results',
  );
  return `### Application checks\n\n${collapsible(`${passed}/${checks.length} checks passed`, body, all.length)}`;
}
