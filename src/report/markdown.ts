import { formatDuration, formatTargetDuration, secondsBetween } from '../core/durations.js';
import { escapeCell } from '../core/escape.js';
import type { Report } from '../core/report.js';
import { type Budget, cutToBudget, fitSections, fixed, type Section, summaryBudget } from './budget.js';
import { checkCount, renderChecks } from './checks-section.js';
import { GANTT_MAX_BARS, renderGantt } from './gantt.js';
import { renderDrillSettings, renderLaunchConfigChanges, renderLaunchDetails } from './launch-sections.js';
import {
  allServers,
  bulletList,
  countRepeats,
  formatInstant,
  isFailedServer,
  isLaunched,
  recoveryStarted,
  renderCleanup,
  renderFailures,
  renderServersTable,
  renderWavesTable,
  safeUrl,
} from './sections.js';
import { renderSteps } from './steps-md.js';

export { DEFAULT_SUMMARY_MAX_BYTES } from './budget.js';
export { renderValidationSummary } from './validation-md.js';

export interface RenderReportOptions {
  artifactUrl?: string;
  maxBytes?: number;
}

/**
 * The report for people: job summary and report.md, within one byte budget (GitHub drops a summary
 * above 1 MiB). When it does not fit, sections shrink in this order, each saying what it left out:
 * the per-server launch details, the launch-configuration changes, the drill settings, the cleanup's instance list (all
 * three in report.json), the timeline (small: at most 20 servers or one bar per wave), the warnings,
 * the servers table, the waves table, the run details, and last what failed. The verdict, the
 * measurements and the links are never cut.
 */
export const SHRINK_ORDER = [
  'launchDetails',
  'checks',
  'launchConfig',
  'drillSettings',
  'cleanup',
  'timeline',
  'warnings',
  'servers',
  'waves',
  'runDetails',
  'failures',
] as const;

type SectionName = 'headline' | 'measurements' | 'steps' | (typeof SHRINK_ORDER)[number] | 'links';

export function renderReportMarkdown(report: Report, opts: RenderReportOptions = {}): string {
  const budget = summaryBudget(opts.maxBytes);
  const named = reportSections(report, opts);
  const names = Object.keys(named) as SectionName[];
  const order = SHRINK_ORDER.map((name) => names.indexOf(name));
  return fitSections(Object.values(named), order, budget) ?? minimal(report, opts, budget);
}

/** Every section in the order it is shown. */
function reportSections(report: Report, opts: RenderReportOptions): Record<SectionName, Section> {
  const failed = allServers(report).filter(({ server }) => isFailedServer(server)).length;
  const servers = allServers(report).length;
  return {
    headline: fixed(headline(report)),
    measurements: fixed(measurementLine(report)),
    steps: fixed(renderSteps(report)),
    failures: { render: (n) => renderFailures(report, n), items: Math.max(failed, report.errors.length) },
    runDetails: { render: (n) => (n > 0 ? runDetails(report) : ''), items: 1 },
    waves: { render: (n) => renderWavesTable(report, n), items: report.waves.length },
    timeline: { render: (n) => timeline(report, n), items: GANTT_MAX_BARS },
    servers: { render: (n) => renderServersTable(report, n), items: servers },
    checks: { render: (n) => renderChecks(report, n), items: checkCount(report) },
    launchDetails: { render: (n) => renderLaunchDetails(report, n), items: servers },
    launchConfig: {
      render: (n) => renderLaunchConfigChanges(report, n),
      items: new Set(report.launchConfigChanges.map((c) => c.sourceServerId)).size,
    },
    drillSettings: {
      render: (n) => renderDrillSettings(report, n),
      items: report.drillSettings?.length ?? 0,
    },
    cleanup: { render: (n) => renderCleanup(report, n), items: report.cleanup?.instances.length ?? 0 },
    warnings: { render: (n) => warnings(report, n), items: countRepeats(report.warnings).length },
    links: fixed(links(report, opts)),
  };
}

/** Last resort when even every section at its smallest does not fit: the verdict and where the evidence is. */
function minimal(report: Report, opts: RenderReportOptions, budget: Budget): string {
  const text = `${[headline(report), measurementLine(report), '*The full summary did not fit; see report.json.*', links(report, opts)].filter(Boolean).join('\n\n')}\n`;
  if (budget.measure(text) <= budget.max) return text;
  return cutToBudget(`${headline(report)}\n`, budget);
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
  const dry = report.dryRun ? ' dry run' : '';
  switch (report.mode) {
    case 'recovery':
      return `## ${ending.icon} RECOVERY${dry} ${ending.recovery} — ${name}`;
    case 'drill':
      return `## ${ending.icon} Drill${dry} ${ending.drill} — ${name}`;
    case 'cleanup':
      return `## ${ending.icon} Cleanup${dry} ${ending.recovery} — ${name}`;
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
  if ((report.mode === 'drill' || report.mode === 'recovery') && !recoveryStarted(report)) {
    parts.push(
      report.dryRun
        ? '**Dry run**: preflight only; no launch setting was written and nothing was launched'
        : '**Nothing was launched**: no recovery was started, so RTO and RPO were not measured',
    );
  } else if (report.mode === 'drill' || report.mode === 'recovery') {
    const rtoTarget =
      objectives.rtoSeconds === undefined ? '' : ` (target ${formatTargetDuration(objectives.rtoSeconds)})`;
    const rtoValue =
      measured.rtoSeconds === undefined
        ? report.wavesRemaining?.length
          ? '— measured by the step that runs the last waves'
          : '— not measured: not every critical server became healthy'
        : formatDuration(measured.rtoSeconds);
    parts.push(`**RTO** ${rtoValue}${rtoTarget}${verdictIcon(measured.rtoMet)}`);
    if (measured.rtoHealthySeconds !== undefined)
      parts.push(
        `instances healthy after ${formatDuration(measured.rtoHealthySeconds)} (RTO includes the wave checks)`,
      );
    const rpoTarget =
      objectives.rpoSeconds === undefined ? '' : ` (target ${formatTargetDuration(objectives.rpoSeconds)})`;
    const rpoValue =
      measured.rpoSeconds === undefined
        ? `— not measured: ${rpoMissing(report)}`
        : `worst ${formatDuration(measured.rpoSeconds)}`;
    parts.push(`**RPO** ${rpoValue}${rpoTarget}${verdictIcon(measured.rpoMet)}`);
    if (measured.dataAgeAtLaunchSeconds !== undefined)
      parts.push(`data age at launch ${formatDuration(measured.dataAgeAtLaunchSeconds)}`);
    if (measured.pinnedSnapshotAgeSeconds !== undefined)
      parts.push(`pinned snapshots up to ${formatDuration(measured.pinnedSnapshotAgeSeconds)} old`);
    if (report.pointInTime) parts.push(`point in time <code>${escapeCell(report.pointInTime)}</code>`);
    const servers = report.waves.flatMap((w) => w.servers);
    parts.push(`**${servers.filter(isLaunched).length}/${servers.length}** servers launched`);
  }
  parts.push(`execution <code>${escapeCell(report.executionId)}</code>`);
  if (report.initiatedBy) parts.push(`by <code>${escapeCell(report.initiatedBy)}</code>`);
  const runUrl = safeUrl(report.runUrl);
  if (runUrl) parts.push(`<a href="${runUrl}">workflow run</a>`);
  return parts.join(' · ');
}

/** Why a run that started recoveries has no RPO. */
function rpoMissing(report: Report): string {
  const launched = allServers(report).filter(({ server }) => isLaunched(server));
  if (launched.length === 0) return 'no server was launched';
  if (launched.every(({ server }) => server.pinnedSnapshotId !== undefined))
    return 'every launched server used a snapshot the plan pins';
  return 'DRS reported no recovery point time';
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

function timeline(report: Report, maxBars: number): string {
  if (maxBars === 0) {
    return renderGantt(report) === ''
      ? ''
      : '### Timeline\n\n*Left out to keep the summary within its size limit; every time is in report.json.*';
  }
  const chart = renderGantt(report, Math.min(maxBars, GANTT_MAX_BARS));
  return chart === '' ? '' : `### Timeline\n\n${chart}`;
}

function warnings(report: Report, limit: number): string {
  // Run-level errors are listed at the top by renderFailures.
  if (report.warnings.length === 0) return '';
  return `### Warnings\n\n${bulletList(report.warnings, limit, 'warnings')}`;
}

function links(report: Report, opts: RenderReportOptions): string {
  const items: string[] = [];
  const runUrl = safeUrl(report.runUrl);
  if (runUrl) items.push(`<a href="${runUrl}">Workflow run</a>`);
  const artifactUrl = safeUrl(opts.artifactUrl);
  if (artifactUrl) items.push(`<a href="${artifactUrl}">Evidence artifact (report.json, report.md)</a>`);
  return items.length > 0 ? `---\n\n${items.join(' · ')}` : '';
}
