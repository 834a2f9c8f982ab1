import { escapeCell } from '../core/escape.js';
import { formatDuration, formatTargetDuration, secondsBetween } from './durations.js';
import { renderGantt } from './gantt.js';
import {
  bulletList,
  DEFAULT_SUMMARY_MAX_BYTES,
  fits,
  formatInstant,
  isLaunched,
  type Limits,
  renderCleanup,
  renderFailures,
  renderLaunchConfigChanges,
  renderServersTable,
  renderWavesTable,
  safeUrl,
} from './sections.js';
import type { Report } from './types.js';

export { DEFAULT_SUMMARY_MAX_BYTES } from './sections.js';
export { renderValidationSummary } from './validation-md.js';

export interface RenderReportOptions {
  artifactUrl?: string;
  maxBytes?: number;
}

const FULL: Limits = { rows: Number.POSITIVE_INFINITY, rawErrorChars: 2000 };

/**
 * The report for people: job summary and report.md. Tables are cut (with a note pointing to
 * report.json) until the text fits `maxBytes` UTF-8 bytes.
 */
export function renderReportMarkdown(report: Report, opts: RenderReportOptions = {}): string {
  const maxBytes = opts.maxBytes ?? DEFAULT_SUMMARY_MAX_BYTES;
  const full = render(report, opts, FULL);
  if (fits(full, maxBytes)) return full;

  // Largest row count that fits, by bisection; each render is linear in the report.
  const cut: Limits = { rows: 0, rawErrorChars: 300 };
  let lo = 0;
  let hi = longestList(report);
  let best: string | undefined;
  while (lo <= hi) {
    const rows = Math.floor((lo + hi) / 2);
    const text = render(report, opts, { ...cut, rows });
    if (fits(text, maxBytes)) {
      best = text;
      lo = rows + 1;
    } else {
      hi = rows - 1;
    }
  }
  return best ?? minimal(report, opts, maxBytes);
}

/** The most rows any one table or list could need: the upper end of the row-limit search. */
function longestList(report: Report): number {
  return Math.max(
    1,
    report.waves.length,
    report.waves.reduce((n, w) => n + w.servers.length, 0),
    report.launchConfigChanges.length,
    report.cleanup?.instances.length ?? 0,
    report.errors.length,
    report.warnings.length,
  );
}

function render(report: Report, opts: RenderReportOptions, limits: Limits): string {
  const sections = [
    headline(report),
    measurementLine(report),
    renderFailures(report, limits),
    runDetails(report),
    renderWavesTable(report, limits),
    timeline(report, limits),
    renderServersTable(report, limits),
    renderLaunchConfigChanges(report, limits),
    renderCleanup(report, limits),
    messages(report, limits),
    links(report, opts),
  ];
  return `${sections.filter((s) => s !== '').join('\n\n')}\n`;
}

/** Last resort when even empty tables do not fit: the verdict and where the evidence is. */
function minimal(report: Report, opts: RenderReportOptions, maxBytes: number): string {
  const text = `${[headline(report), measurementLine(report), '*The full summary did not fit; see report.json.*', links(report, opts)].filter(Boolean).join('\n\n')}\n`;
  if (fits(text, maxBytes)) return text;
  const head = `${headline(report)}\n`;
  return fits(head, maxBytes)
    ? head
    : Buffer.from(head, 'utf8')
        .subarray(0, maxBytes)
        .toString('utf8')
        .replace(/\uFFFD+$/, '');
}

const ENDING: Record<Report['status'], { icon: string; drill: string; recovery: string }> = {
  succeeded: { icon: '✅', drill: 'passed', recovery: 'succeeded' },
  failed: { icon: '❌', drill: 'failed', recovery: 'failed' },
  'timed-out': { icon: '⏱️', drill: 'timed out', recovery: 'timed out' },
  cancelled: { icon: '🛑', drill: 'cancelled', recovery: 'cancelled' },
  running: { icon: '⏳', drill: 'in progress', recovery: 'in progress' },
};

/** `## ✅ Drill passed — demo`; a real recovery says so in capitals, it is not a rehearsal. */
export function headline(report: Report): string {
  const ending = ENDING[report.status];
  const name = escapeCell(report.plan.name);
  switch (report.mode) {
    case 'recovery':
      return `## ${ending.icon} RECOVERY ${ending.recovery} — ${name}`;
    case 'drill':
      return `## ${ending.icon} Drill ${ending.drill} — ${name}`;
    case 'cleanup':
      return `## ${ending.icon} Cleanup ${ending.recovery} — ${name}`;
    default:
      return `## ${ending.icon} Validation ${ending.recovery} — ${name}`;
  }
}

function verdictIcon(met: boolean | undefined): string {
  return met === undefined ? '' : met ? ' ✅' : ' ❌';
}

/** RTO and RPO against their targets, servers launched, and who ran what. */
export function measurementLine(report: Report): string {
  const { measured, objectives } = report;
  const parts: string[] = [];
  if (report.mode === 'drill' || report.mode === 'recovery') {
    const rtoTarget =
      objectives.rtoSeconds === undefined ? '' : ` (target ${formatTargetDuration(objectives.rtoSeconds)})`;
    const rtoValue =
      measured.rtoSeconds === undefined
        ? '— not measured: not every critical server became healthy'
        : formatDuration(measured.rtoSeconds);
    parts.push(`**RTO** ${rtoValue}${rtoTarget}${verdictIcon(measured.rtoMet)}`);
    const rpoTarget =
      objectives.rpoSeconds === undefined ? '' : ` (target ${formatTargetDuration(objectives.rpoSeconds)})`;
    parts.push(
      `**RPO** worst ${formatDuration(measured.rpoSeconds)}${rpoTarget}${verdictIcon(measured.rpoMet)}`,
    );
    if (measured.dataAgeAtLaunchSeconds !== undefined)
      parts.push(`data age at launch ${formatDuration(measured.dataAgeAtLaunchSeconds)}`);
    if (measured.pinnedSnapshotAgeSeconds !== undefined)
      parts.push(`pinned snapshots up to ${formatDuration(measured.pinnedSnapshotAgeSeconds)} old`);
    const servers = report.waves.flatMap((w) => w.servers);
    parts.push(`**${servers.filter(isLaunched).length}/${servers.length}** servers launched`);
  }
  parts.push(`execution <code>${escapeCell(report.executionId)}</code>`);
  if (report.initiatedBy) parts.push(`by <code>${escapeCell(report.initiatedBy)}</code>`);
  const runUrl = safeUrl(report.runUrl);
  if (runUrl) parts.push(`<a href="${runUrl}">workflow run</a>`);
  return parts.join(' · ');
}

function runDetails(report: Report): string {
  const rows: [string, string][] = [
    [
      'Plan',
      `<code>${escapeCell(report.plan.path)}</code> (sha256 <code>${escapeCell(report.plan.sha256.slice(0, 12))}</code>)`,
    ],
    ['Commit', report.plan.commit ? `<code>${escapeCell(report.plan.commit)}</code>` : '—'],
    [
      'Mode',
      `${escapeCell(report.mode)}${report.isDrill ? ' (drill instances, isDrill)' : ' (real recovery, not a drill)'}`,
    ],
    ['Region / account', `${escapeCell(report.region)} / ${escapeCell(report.accountId ?? '—')}`],
    ['Started', formatInstant(report.startedAt)],
    ['Ended', formatInstant(report.endedAt)],
    ['Run time', formatDuration(secondsBetween(report.startedAt, report.endedAt))],
    ['RTO clock start', formatInstant(report.measured.firstStartRecoveryAt)],
  ];
  const body = rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n');
  return `<details><summary>Run details</summary>\n\n| | |\n| --- | --- |\n${body}\n\n</details>`;
}

function timeline(report: Report, limits: Limits): string {
  // Under a tight budget the chart goes before the tables shrink to nothing.
  if (limits.rows < 20) return '';
  const chart = renderGantt(report);
  return chart === '' ? '' : `### Timeline\n\n${chart}`;
}

function messages(report: Report, limits: Limits): string {
  // Run-level errors are listed at the top by renderFailures.
  const parts: string[] = [];
  if (report.warnings.length > 0)
    parts.push(`### Warnings\n\n${bulletList(report.warnings, limits.rows, 'warnings')}`);
  return parts.join('\n\n');
}

function links(report: Report, opts: RenderReportOptions): string {
  const items: string[] = [];
  const runUrl = safeUrl(report.runUrl);
  if (runUrl) items.push(`<a href="${runUrl}">Workflow run</a>`);
  const artifactUrl = safeUrl(opts.artifactUrl);
  if (artifactUrl) items.push(`<a href="${artifactUrl}">Evidence artifact (report.json, report.md)</a>`);
  return items.length > 0 ? `---\n\n${items.join(' · ')}` : '';
}
