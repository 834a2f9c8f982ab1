/*
 * The summary sections about launch settings: what the repair wrote (grouped by server) and what each
 * server was actually launched as (snapshot, instance type, subnet, private IP) next to the replication
 * the preflight saw.
 */

import { dataAgeAtLaunch, formatDuration, formatTargetDuration } from '../core/durations.js';
import { escapeCell, truncateText } from '../core/escape.js';
import type { LaunchConfigChange, Report, ServerReport } from '../core/report.js';
import { allServers, collapsible, limitedTable, serverName } from './sections.js';

/** How the drill mode words each preflight problem in `report.errors` (src/modes/drill.ts). */
export const PREFLIGHT_ERROR_PREFIX = 'Preflight: ';

function valueText(value: unknown): string {
  if (value === undefined || value === null) return '<i>not set</i>';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `<code>${escapeCell(truncateText(text ?? String(value), 200))}</code>`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function changeLine(c: LaunchConfigChange): string {
  const where =
    c.target === 'launch'
      ? 'DRS launch configuration'
      : c.target === 'postLaunch'
        ? 'DRS post-launch action'
        : 'EC2 launch template';
  return `${where} <code>${escapeCell(c.field)}</code>: ${valueText(c.from)} → ${valueText(c.to)}`;
}

function writtenCell(changes: LaunchConfigChange[]): string {
  const applied = changes.filter((c) => c.applied).length;
  if (applied === changes.length) return 'applied';
  if (applied === 0) return 'not applied (dry run)';
  return `${applied} applied, ${changes.length - applied} not`;
}

const RESTORE_TEXT = {
  restored: 'restored',
  pending: 'pending: the post step restores them',
  failed: 'failed',
} as const;

/**
 * The plan's drill: overrides: what each server's drill was launched with instead of its recovery
 * settings, and whether the recovery settings came back (a later recovery must never inherit them).
 */
export function renderDrillSettings(report: Report, limit: number): string {
  const list = report.drillSettings ?? [];
  if (list.length === 0) return '';
  const rows = list.map((d) => [
    serverName(d),
    d.changes
      .map((c) => changeLine({ ...c, sourceServerId: d.sourceServerId, applied: true }))
      .join('<br>') || '—',
    `${d.recoveryVersion} → ${d.drillVersion ?? '—'}${d.restore.templateVersion ? ` → ${d.restore.templateVersion}` : ''}`,
    `${RESTORE_TEXT[d.restore.status]}${d.restore.error ? `: ${escapeCell(truncateText(d.restore.error, 300))}` : ''}`,
  ]);
  const restored = list.filter((d) => d.restore.status === 'restored').length;
  const body = limitedTable(
    ['Server', 'Drill settings', 'Template version (recovery → drill → restored)', 'Recovery settings'],
    rows,
    limit,
    'servers with drill settings',
  );
  const summary = `${plural(list.length, 'server')} drilled with drill settings, ${restored} restored`;
  return `### Drill settings (plan \`drill:\`)\n\n${collapsible(summary, body, rows.length)}`;
}

/** Changes per server, in the order the report lists them. */
function byServer(changes: LaunchConfigChange[]): [string, LaunchConfigChange[]][] {
  const groups = new Map<string, LaunchConfigChange[]>();
  for (const c of changes) groups.set(c.sourceServerId, [...(groups.get(c.sourceServerId) ?? []), c]);
  return [...groups];
}

/** What the launch-configuration repair wrote: one row per server, folded beyond ten servers. */
export function renderLaunchConfigChanges(report: Report, limit: number): string {
  // Cleanup and validation never repair launch settings: no section rather than a claim about them.
  if (report.mode !== 'drill' && report.mode !== 'recovery') return '';
  const changes = report.launchConfigChanges;
  if (changes.length === 0) return `### Launch-configuration changes\n\n${noChange(report)}`;
  const hostnames = new Map(allServers(report).map(({ server }) => [server.sourceServerId, server.hostname]));
  const groups = byServer(changes);
  const rows = groups.map(([id, list]) => {
    const versions = [
      ...new Set(list.flatMap((c) => (c.templateVersion === undefined ? [] : [c.templateVersion]))),
    ];
    const hostname = hostnames.get(id);
    return [
      serverName({ sourceServerId: id, ...(hostname ? { hostname } : {}) }),
      list.map(changeLine).join('<br>'),
      versions.length > 0 ? versions.join(', ') : '—',
      writtenCell(list),
    ];
  });
  const body = limitedTable(
    ['Server', 'Changes', 'Template version', 'Written'],
    rows,
    limit,
    'servers with changes',
  );
  const summary = `${plural(changes.length, 'change')} on ${plural(groups.length, 'server')}`;
  return `### Launch-configuration changes\n\n${collapsible(summary, body, rows.length)}`;
}

/**
 * Why no change is listed. The repair runs after a passed preflight and before the first wave, so
 * waves that started (or a dry run that passed) mean it ran and found nothing to write.
 */
function noChange(report: Report): string {
  if (report.waves.length > 0) return 'None: every launch setting already matched the plan.';
  if (report.dryRun && report.status === 'succeeded')
    return 'None: every launch setting already matches the plan (dry run: nothing would be written).';
  if (report.errors.some((e) => e.startsWith(PREFLIGHT_ERROR_PREFIX)))
    return 'Not run: the preflight failed, so the repair did not run and no launch setting was written.';
  return 'None written: the run stopped before the repair finished (see what failed above).';
}

function hasLaunchDetails(server: ServerReport): boolean {
  return (
    server.recoverySnapshotId !== undefined ||
    server.launched !== undefined ||
    server.replicationAtPreflight !== undefined ||
    dataAgeAtLaunch(server) !== undefined
  );
}

function code(value: string | undefined): string {
  return value ? `<code>${escapeCell(value)}</code>` : '—';
}

function snapshotCell(server: ServerReport): string {
  if (server.recoverySnapshotId) return code(server.recoverySnapshotId);
  return server.pinnedSnapshotId ? `${code(server.pinnedSnapshotId)} (pinned)` : '—';
}

function replicationCell(server: ServerReport): string {
  const seen = server.replicationAtPreflight;
  if (!seen) return '—';
  const lag =
    seen.lagSeconds !== undefined
      ? `, lag ${formatTargetDuration(seen.lagSeconds)}`
      : seen.lagDuration
        ? `, lag <code>${escapeCell(seen.lagDuration)}</code>`
        : '';
  return `${escapeCell(seen.state)}${lag}`;
}

/**
 * What each server was launched as, for the auditor comparing it with the plan: the recovery snapshot,
 * instance type, subnet and private IP EC2 reports, the replication the preflight saw, and the data's
 * age when the instance started. Folded beyond ten servers.
 */
export function renderLaunchDetails(report: Report, limit: number): string {
  const servers = allServers(report).filter(({ server }) => hasLaunchDetails(server));
  if (servers.length === 0) return '';
  const rows = servers.map(({ server }) => [
    serverName(server),
    snapshotCell(server),
    code(server.launched?.instanceType),
    code(server.launched?.subnetId),
    code(server.launched?.privateIp),
    replicationCell(server),
    formatDuration(dataAgeAtLaunch(server)),
  ]);
  const header = [
    'Server',
    'Recovery snapshot',
    'Instance type',
    'Subnet',
    'Private IP',
    'Replication at preflight',
    'Data age at launch',
  ];
  const body = limitedTable(header, rows, limit, 'servers');
  return `### Launch details\n\n${collapsible(`Launch details of ${plural(rows.length, 'server')}`, body, rows.length)}`;
}
