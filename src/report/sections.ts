import {
  dataLoss,
  formatDuration,
  isPinned,
  parseInstant,
  timeToHealthy,
  timeToLaunch,
  waveDuration,
} from '../core/durations.js';
import { escapeCell, escapeHtml, truncateText } from '../core/escape.js';
import type { Report, ServerError, ServerReport, WaveReport, WaveStatus } from '../core/report.js';

export { DEFAULT_SUMMARY_MAX_BYTES } from './budget.js';

/** DRS error text kept per failed server while the summary is whole, and once it is being cut. */
const RAW_ERROR_CHARS = { full: 2000, cut: 300 } as const;

/** `2024-05-01 10:00:05Z`, or `—`. Seconds are enough for people; report.json keeps the rest. */
export function formatInstant(iso: string | undefined): string {
  const ms = parseInstant(iso);
  if (ms === undefined) return '—';
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** Only http(s) links are rendered; anything else (javascript:, data:) is shown as text or dropped. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\/[^\s<>"']+$/i.test(url)) return undefined;
  return escapeHtml(url);
}

export function table(header: string[], rows: string[][]): string {
  const head = `| ${header.join(' | ')} |`;
  const rule = `|${header.map(() => ' --- ').join('|')}|`;
  return [head, rule, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function moreNote(hidden: number, what: string): string {
  return hidden > 0 ? `\n\n*… ${hidden} more ${what} in report.json*` : '';
}

/** A table or list with all of its rows cut is replaced by the note alone. */
export function orNote(body: string, hidden: number, what: string): string {
  return body === '' ? moreNote(hidden, what).trimStart() : body + moreNote(hidden, what);
}

/** A table's first `limit` rows, or only the note when none is kept. */
export function limitedTable(header: string[], rows: string[][], limit: number, what: string): string {
  const shown = rows.slice(0, limit);
  return orNote(shown.length > 0 ? table(header, shown) : '', rows.length - shown.length, what);
}

/** More than this many rows are folded into `<details>`, so the summary stays scannable. */
export const OPEN_ROWS = 10;

/** A block with a one-line summary, folded when it has more than OPEN_ROWS rows. */
export function collapsible(summary: string, body: string, rows: number): string {
  if (rows <= OPEN_ROWS) return body;
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/** `<code>s-…</code> db-01`: a server named once, by id and hostname. */
export function serverName(server: { sourceServerId: string; hostname?: string }): string {
  const id = `<code>${escapeCell(server.sourceServerId)}</code>`;
  return server.hostname ? `${id} ${escapeCell(server.hostname)}` : id;
}

const WAVE_STATUS_ICON: Record<WaveStatus, string> = {
  pending: '⏸️',
  running: '⏳',
  succeeded: '✅',
  failed: '❌',
  'timed-out': '⏱️',
  skipped: '⏭️',
  cancelled: '🛑',
};

export function isLaunched(server: ServerReport): boolean {
  return server.launchStatus === 'LAUNCHED' || server.ec2InstanceId !== undefined;
}

/** Whether any StartRecovery was made: without one there is nothing to measure or clean up. */
export function recoveryStarted(report: Report): boolean {
  return report.waves.some((w) => w.jobs.length > 0 || w.startedAt !== undefined);
}

export function isFailedServer(server: ServerReport): boolean {
  return server.launchStatus === 'FAILED' || server.health === 'failed' || server.errors.length > 0;
}

const EVENT_PHASE: Record<string, string> = {
  SNAPSHOT_FAIL: 'snapshot',
  USING_PREVIOUS_SNAPSHOT_FAILED: 'snapshot',
  CONVERSION_FAIL: 'conversion',
  LAUNCH_FAILED: 'launch',
  HEALTH_CHECK: 'boot',
};

/** The phase a server failed in: a phase marked failed, else the one its first error belongs to. */
export function failedPhase(server: ServerReport): string | undefined {
  const marked = server.phases.find((p) => p.failed);
  if (marked) return marked.name;
  for (const error of server.errors) {
    const phase = EVENT_PHASE[error.event] ?? (error.event.startsWith('HEALTH') ? 'boot' : undefined);
    if (phase) return phase;
  }
  // No failure event (e.g. a job that ended with nothing launched): say how far the server got.
  const last = server.phases.at(-1);
  if (!last) return undefined;
  return last.endedAt ? `after ${last.name}` : last.name;
}

/** `EVENT: message`; messages often start with their event already (`LAUNCH_FAILED: …`), say it once. */
function errorLine(error: ServerError): string {
  return error.message.startsWith(error.event) ? error.message : `${error.event}: ${error.message}`;
}

function errorText(error: ServerError, rawErrorChars: number): string {
  const head = escapeCell(truncateText(errorLine(error), 500));
  if (!error.rawError) return head;
  return `${head}<br><code>${escapeCell(truncateText(error.rawError, rawErrorChars))}</code>`;
}

export interface Located {
  wave: WaveReport;
  server: ServerReport;
}

export function allServers(report: Report): Located[] {
  return report.waves.flatMap((wave) => wave.servers.map((server) => ({ wave, server })));
}

/**
 * What went wrong, for the top of the summary: run-level errors, the reason of each wave that did
 * not succeed, and every failed server with its phase and DRS's own error text. Critical first.
 */
export function renderFailures(report: Report, limit: number): string {
  const failed = allServers(report)
    .filter(({ server }) => isFailedServer(server))
    .sort((a, b) => Number(b.server.critical) - Number(a.server.critical));
  const waveReasons = report.waves.filter((w) => w.error && w.status !== 'succeeded');
  const runFailed = report.status !== 'succeeded' && report.status !== 'running';
  if (!runFailed && failed.length === 0 && report.errors.length === 0) return '';

  const criticalFailed = failed.some(({ server }) => server.critical);
  const title =
    runFailed || criticalFailed
      ? '### What failed'
      : failed.length > 0
        ? '### ⚠️ Non-critical failures'
        : '### Errors';
  const parts: string[] = [title];
  // The engine often repeats a wave's reason as a run-level error; the wave line says it once.
  const runErrors = report.errors.filter((e) => !waveReasons.some((w) => w.error && e.includes(w.error)));
  if (runErrors.length > 0) parts.push(bulletList(runErrors, limit, 'errors'));
  if (waveReasons.length > 0) {
    parts.push(
      waveReasons
        .map((w) => `- Wave **${escapeCell(w.name)}** ${escapeCell(w.status)}: ${escapeCell(w.error)}`)
        .join('\n'),
    );
  }
  if (failed.length > 0) {
    const rawErrorChars = limit === Number.POSITIVE_INFINITY ? RAW_ERROR_CHARS.full : RAW_ERROR_CHARS.cut;
    const rows = failed.map(({ wave, server }) => [
      server.critical ? '❌' : '⚠️ non-critical',
      escapeCell(server.hostname ?? '—'),
      `<code>${escapeCell(server.sourceServerId)}</code>`,
      escapeCell(wave.name),
      escapeCell(failedPhase(server) ?? '—'),
      server.errors.length > 0
        ? server.errors.map((e) => errorText(e, rawErrorChars)).join('<br>')
        : server.launchStatus
          ? `launch status ${escapeCell(server.launchStatus)}`
          : 'not launched',
    ]);
    parts.push(
      limitedTable(
        ['', 'Server', 'Source server', 'Wave', 'Failed in', 'DRS error'],
        rows,
        limit,
        'failed servers',
      ),
    );
  }
  return parts.join('\n\n');
}

export function renderWavesTable(report: Report, limit: number): string {
  if (report.waves.length === 0) return '';
  const rows = report.waves.map((w) => [
    escapeCell(w.name),
    `${WAVE_STATUS_ICON[w.status] ?? ''} ${escapeCell(w.status)}`,
    `${w.servers.filter(isLaunched).length}/${w.servers.length}`,
    formatInstant(w.startedAt),
    formatDuration(waveDuration(w)),
    w.dependsOn.length > 0 ? w.dependsOn.map(escapeCell).join(', ') : '—',
  ]);
  const header = ['Wave', 'Status', 'Launched', 'Started', 'Duration', 'Depends on'];
  return `### Waves\n\n${limitedTable(header, rows, limit, 'waves')}`;
}

export function renderServersTable(report: Report, limit: number): string {
  const servers = allServers(report);
  if (servers.length === 0) return '';
  const rows = servers.map(({ wave, server }) => [
    escapeCell(wave.name),
    escapeCell(server.hostname ?? '—') + (server.critical ? '' : ' <sub>non-critical</sub>'),
    `<code>${escapeCell(server.sourceServerId)}</code>`,
    server.ec2InstanceId ? `<code>${escapeCell(server.ec2InstanceId)}</code>` : '—',
    escapeCell([server.launchStatus, server.ec2State].filter(Boolean).join(' / ') || '—'),
    formatDuration(timeToLaunch(server, wave)),
    formatDuration(timeToHealthy(server, wave)),
    rpoCell(server, wave),
    escapeCell(server.health),
    server.errors[0] ? escapeCell(truncateText(errorLine(server.errors[0]), 200)) : '',
  ]);
  const header = [
    'Wave',
    'Hostname',
    'Source server',
    'EC2 instance',
    'State',
    'To launch',
    'To healthy',
    'RPO',
    'Health',
    'Error',
  ];
  return [
    '### Servers',
    limitedTable(header, rows, limit, 'servers'),
    '<sub>To launch / to healthy: from the creation of the server’s StartRecovery job. RPO: the data a recovery would lose, that job’s creation − the recovery point’s time; for a snapshot the plan pins, that snapshot’s age then.</sub>',
  ].join('\n\n');
}

/** The server's data loss; a pinned snapshot's age is shown as such, it is not a measured RPO. */
function rpoCell(server: ServerReport, wave: WaveReport): string {
  const loss = dataLoss(server, wave);
  if (loss === undefined) return '—';
  return isPinned(server) ? `pinned, ${formatDuration(loss)} old` : formatDuration(loss);
}

/** `limit` rows of the instance list; `{ rows }` is the form the post step passes. */
export function renderCleanup(
  report: Report,
  rowLimit: number | { rows: number; rawErrorChars?: number },
): string {
  const limit = typeof rowLimit === 'number' ? rowLimit : rowLimit.rows;
  const cleanup = report.cleanup;
  if (!cleanup) {
    if (!report.isDrill) return '';
    return recoveryStarted(report)
      ? '### Cleanup\n\nNot reached.'
      : '### Cleanup\n\nNothing to clean up: no recovery was started.';
  }
  const icon = { succeeded: '✅', failed: '❌', skipped: '⏭️', 'dry-run': '📝' }[cleanup.status] ?? '';
  const parts = [
    `### Cleanup\n\n${icon} **${escapeCell(cleanup.status)}** (policy <code>${escapeCell(cleanup.policy)}</code>)${cleanup.reason ? `: ${escapeCell(cleanup.reason)}` : ''}`,
  ];
  if (cleanup.terminateJobIds.length > 0) {
    parts.push(
      `Terminate jobs: ${cleanup.terminateJobIds.map((j) => `<code>${escapeCell(j)}</code>`).join(', ')}`,
    );
  }
  if (cleanup.instances.length > 0) {
    const rows = cleanup.instances.map((i) => [
      `<code>${escapeCell(i.recoveryInstanceId)}</code>`,
      i.ec2InstanceId ? `<code>${escapeCell(i.ec2InstanceId)}</code>` : '—',
      i.sourceServerId ? `<code>${escapeCell(i.sourceServerId)}</code>` : '—',
      escapeCell(i.result),
    ]);
    parts.push(
      limitedTable(
        ['Recovery instance', 'EC2 instance', 'Source server', 'Result'],
        rows,
        limit,
        'instances',
      ),
    );
  }
  return parts.join('\n\n');
}

/** Identical messages once each, with how often they occurred. */
export function countRepeats(items: string[]): string[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].map(([item, n]) => (n > 1 ? `${item} (×${n})` : item));
}

export function bulletList(items: string[], max: number, what: string): string {
  const unique = countRepeats(items);
  const shown = unique.slice(0, max);
  const body = shown.map((i) => `- ${escapeCell(truncateText(i, 2000))}`).join('\n');
  return orNote(body, unique.length - shown.length, what);
}
