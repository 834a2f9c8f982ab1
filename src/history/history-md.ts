/**
 * The drill history for people: the "History" section of a drill's summary (the last runs of the plan
 * as a table, RTO and RPO against their objectives as mermaid xychart-beta charts), the regression
 * note for the headline, and the fleet table of `mode: status`. Strings only.
 */

import { formatDuration, formatTargetDuration } from '../core/durations.js';
import { escapeCell } from '../core/escape.js';
import { formatInstant, safeUrl, table } from '../report/sections.js';
import type { HistoryRecord, Regression } from './record.js';
import { STALE_REASON_TEXT, type StaleReason } from './trend.js';

/** Rows of the history table, and points of each chart. */
export const HISTORY_ROWS = 12;

const VERDICT: Record<HistoryRecord['status'], string> = {
  succeeded: '✅ passed',
  failed: '❌ failed',
  'timed-out': '⏱️ timed out',
  cancelled: '🛑 cancelled',
};

function verdictCell(record: HistoryRecord): string {
  const base = VERDICT[record.status] ?? escapeCell(record.status);
  const notes: string[] = [];
  if (record.mode === 'recovery') notes.push('RECOVERY');
  if (record.regression) notes.push('📈 regression');
  if (record.failedOn?.length) notes.push(`fail-on ${record.failedOn.join(', ')}`);
  else if (record.status !== 'succeeded' && record.recovered) notes.push('servers recovered');
  return notes.length > 0 ? `${base} <sub>${escapeCell(notes.join(' · '))}</sub>` : base;
}

function measureCell(m: HistoryRecord['rto']): string {
  if (m.seconds === undefined) return '—';
  const icon = m.met === undefined ? '' : m.met ? ' ✅' : ' ❌';
  const target = m.target === undefined ? '' : ` / ${formatTargetDuration(m.target)}`;
  return `${formatDuration(m.seconds)}${target}${icon}`;
}

function runLink(record: HistoryRecord): string {
  const url = safeUrl(record.runUrl);
  const label = `run ${escapeCell(record.runId)}${record.runAttempt > 1 ? ` #${record.runAttempt}` : ''}`;
  return url ? `<a href="${url}">${label}</a>` : label;
}

/** `📈 RTO regression: …`, for the headline and the annotation. */
export function regressionText(r: Regression): string {
  return `RTO regression: ${formatDuration(r.rtoSeconds)} is ${r.percent} % above the median ${formatDuration(r.baselineSeconds)} of the previous ${r.runs} run${r.runs === 1 ? '' : 's'} (threshold ${r.thresholdPercent} %).`;
}

export function regressionNote(r: Regression): string {
  return `> 📈 **${escapeCell(regressionText(r))}**`;
}

const minutes = (seconds: number) => Math.round((seconds / 60) * 10) / 10;

/** x-axis labels: the run's date, made unique with a counter when one day has several runs. */
function axisLabels(records: readonly HistoryRecord[]): string[] {
  const seen = new Map<string, number>();
  return records.map((r) => {
    const day = r.startedAt.slice(5, 10);
    const n = (seen.get(day) ?? 0) + 1;
    seen.set(day, n);
    return n === 1 ? day : `${day} (${n})`;
  });
}

/**
 * One xychart-beta: the measured value per run as bars and the objective as a line (constant, the
 * latest run's target), in minutes. Only runs that measured the value are drawn; empty string when
 * fewer than two did.
 */
export function renderTrendChart(
  records: readonly HistoryRecord[],
  what: 'rto' | 'rpo',
  maxPoints = HISTORY_ROWS,
): string {
  const points = records.filter((r) => r[what].seconds !== undefined).slice(-maxPoints);
  if (points.length < 2) return '';
  const values = points.map((r) => minutes(r[what].seconds as number));
  const target = points.at(-1)?.[what].target;
  const top = Math.max(...values, target === undefined ? 0 : minutes(target));
  const label = what === 'rto' ? 'RTO' : 'RPO';
  const lines = [
    '```mermaid',
    'xychart-beta',
    `  title "${label} per run (bars) and objective (line), minutes"`,
    `  x-axis [${axisLabels(points)
      .map((l) => `"${l}"`)
      .join(', ')}]`,
    `  y-axis "minutes" 0 --> ${Math.max(1, Math.ceil(top * 1.1))}`,
    `  bar [${values.join(', ')}]`,
  ];
  if (target !== undefined) lines.push(`  line [${points.map(() => minutes(target)).join(', ')}]`);
  lines.push('```');
  return lines.join('\n');
}

export interface HistorySectionOptions {
  branch: string;
  /** All records of the plan, oldest first, this run included when it was recorded. */
  total: number;
  /** Set when this run could not be recorded: shown under the table. */
  notRecorded?: string;
  /** Problems met reading the history (skipped files): counted, not listed. */
  skipped?: number;
}

/** The "History" section: the last runs as a table (newest first) and the two trend charts. */
export function renderHistorySection(records: readonly HistoryRecord[], opts: HistorySectionOptions): string {
  const shown = records.slice(-HISTORY_ROWS);
  const parts = ['### History'];
  if (shown.length === 0) {
    parts.push(`No drill of this plan is recorded on branch <code>${escapeCell(opts.branch)}</code> yet.`);
  } else {
    parts.push(
      `Last ${shown.length} of ${opts.total} recorded run${opts.total === 1 ? '' : 's'} of this plan (branch <code>${escapeCell(opts.branch)}</code>).`,
    );
    const rows = [...shown]
      .reverse()
      .map((r) => [
        formatInstant(r.startedAt),
        verdictCell(r),
        measureCell(r.rto),
        measureCell(r.rpo),
        `${r.launched}/${r.servers.count}`,
        runLink(r),
      ]);
    parts.push(table(['Date', 'Verdict', 'RTO / objective', 'RPO / objective', 'Servers', 'Run'], rows));
    const charts = [renderTrendChart(shown, 'rto'), renderTrendChart(shown, 'rpo')].filter((c) => c !== '');
    parts.push(...charts);
    const definition = shown.at(-1)?.rpo.definition;
    if (definition) parts.push(`<sub>RPO: ${escapeCell(definition)}.</sub>`);
  }
  if (opts.skipped) {
    parts.push(
      `<sub>${opts.skipped} history file${opts.skipped === 1 ? '' : 's'} skipped (see the warnings).</sub>`,
    );
  }
  if (opts.notRecorded) parts.push(`> ⚠️ This run is not in the history: ${escapeCell(opts.notRecorded)}`);
  return parts.join('\n\n');
}

export interface StatusRow {
  path: string;
  name?: string;
  /** Why the plan could not be read, when it could not. */
  invalid?: string;
  last?: HistoryRecord;
  lastProven?: HistoryRecord;
  ageSeconds?: number;
  reasons: StaleReason[];
}

function stateCell(row: StatusRow): string {
  if (row.invalid) return `❌ invalid plan: ${escapeCell(row.invalid)}`;
  if (row.reasons.length === 0) return '✅ proven';
  return `⚠️ ${row.reasons.map((r) => escapeCell(STALE_REASON_TEXT[r])).join('; ')}`;
}

/** `mode: status`: one row per plan, stale plans first. */
export function renderStatusSummary(
  rows: readonly StatusRow[],
  opts: { branch: string; maxAgeSeconds: number; estateChecked: boolean },
): string {
  const stale = rows.filter((r) => r.invalid || r.reasons.length > 0);
  const head =
    stale.length === 0
      ? `## ✅ Every plan is proven — ${rows.length} plan${rows.length === 1 ? '' : 's'}`
      : `## ⚠️ ${stale.length} of ${rows.length} plan${rows.length === 1 ? '' : 's'} not proven`;
  const ordered = [...stale, ...rows.filter((r) => !stale.includes(r))];
  const body = ordered.map((r) => [
    `<code>${escapeCell(r.path)}</code>`,
    escapeCell(r.name ?? '—'),
    r.last ? `${formatInstant(r.last.startedAt)} ${verdictCell(r.last)}` : '—',
    r.lastProven ? formatInstant(r.lastProven.startedAt) : '—',
    r.last ? measureCell(r.last.rto) : '—',
    r.last ? measureCell(r.last.rpo) : '—',
    formatDuration(r.ageSeconds),
    stateCell(r),
  ]);
  const notes = [
    `<sub>Proven: the last successful drill is at most ${formatTargetDuration(opts.maxAgeSeconds)} old (max-age), of this version of the plan file${opts.estateChecked ? ', over the same source servers' : ''}. History from branch <code>${escapeCell(opts.branch)}</code>.${opts.estateChecked ? '' : ' The estate was not compared (no AWS credentials).'}</sub>`,
  ];
  return `${[
    head,
    table(
      ['Plan file', 'Name', 'Last run', 'Last success', 'RTO / objective', 'RPO / objective', 'Age', 'State'],
      body,
    ),
    ...notes,
  ].join('\n\n')}\n`;
}
