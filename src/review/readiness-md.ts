/**
 * Markdown of a readiness check: every selector resolved to its servers per wave, with replication
 * state and lag against the RPO, then the problems, the launch settings a drill would repair, the
 * active jobs and the quota fit. Every AWS- and plan-sourced value is escaped.
 */

import { formatTargetDuration, parseIsoDuration } from '../core/durations.js';
import { escapeCell } from '../core/escape.js';
import { DRS_QUOTAS } from '../core/quotas.js';
import type { FieldChange, LaunchConfigDrift } from '../engine/launch-config.js';
import type { PreflightProblem } from '../engine/preflight.js';
import type { ResolvedServer } from '../engine/types.js';
import type { Plan } from '../plan/types.js';
import { fixed, type Section } from '../report/budget.js';
import { table } from '../report/sections.js';
import type { Readiness } from './readiness.js';

const code = (v: unknown) => `<code>${escapeCell(v)}</code>`;
/** Rows per wave before the rest is summarised; comments are capped at 65,536 characters. */
const MAX_ROWS_PER_WAVE = 50;
const MAX_LIST = 30;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function describeProblem(p: PreflightProblem): string {
  const where = p.wave ? `wave **${escapeCell(p.wave)}**: ` : '';
  const at = p.position ? ` (${code(`${p.position.file}:${p.position.line}`)})` : '';
  return `${where}${escapeCell(p.message)}${p.fix ? ` — ${escapeCell(p.fix)}` : ''}${at}`;
}

function list(items: string[], max = MAX_LIST): string {
  const limit = Math.min(max, MAX_LIST);
  const shown = items.slice(0, limit).map((i) => `- ${i}`);
  if (items.length > limit) shown.push(`- … and ${items.length - limit} more (see the job log)`);
  return shown.join('\n');
}

/** A titled list that shows `limit` items (at most MAX_LIST), saying how many more there are. */
function listSection(title: string, items: string[]): Section {
  return {
    render: (n) => (items.length === 0 ? '' : `${title}\n\n${list(items, n)}`),
    items: Math.min(items.length, MAX_LIST),
  };
}

function lagCell(server: ResolvedServer, rpoSeconds: number | undefined): string {
  const lag = server.sourceServer.dataReplicationInfo?.lagDuration;
  if (!lag) return '—';
  const seconds = parseIsoDuration(lag);
  if (seconds === undefined) return code(lag);
  const text = formatTargetDuration(seconds);
  if (rpoSeconds === undefined) return text;
  const ok = seconds <= rpoSeconds;
  return `${ok ? '✅' : '❌'} ${text} (RPO ${formatTargetDuration(rpoSeconds)})`;
}

function stateCell(server: ResolvedServer): string {
  const state = server.sourceServer.dataReplicationInfo?.dataReplicationState ?? 'unknown';
  return `${state === 'CONTINUOUS' ? '✅' : '❌'} ${escapeCell(state)}`;
}

/** Up to `perWave` rows per wave (at most MAX_ROWS_PER_WAVE), each wave saying how many it left out. */
function serverTable(
  readiness: Extract<Readiness, { status: 'checked' }>,
  plan: Plan,
  perWave: number,
): string {
  const troubled = new Set(readiness.preflight.problems.map((p) => p.sourceServerId).filter(Boolean));
  const waves = readiness.preflight.executionPlan?.waves ?? [];
  if (perWave === 0) {
    const count = waves.reduce((n, w) => n + w.servers.length, 0);
    return `*Server table left out to fit the size limit (${plural(count, 'server')} in ${plural(waves.length, 'wave')}).*`;
  }
  const rows: string[][] = [];
  for (const w of waves) {
    const shown = w.servers.slice(0, Math.min(perWave, MAX_ROWS_PER_WAVE));
    for (const s of shown) {
      rows.push([
        escapeCell(w.wave.name),
        `${troubled.has(s.sourceServerId) ? '❌ ' : ''}${code(s.sourceServerId)}`,
        escapeCell(s.hostname ?? '—'),
        stateCell(s),
        lagCell(s, plan.objectives.rpoSeconds),
        s.spec.critical ? 'critical' : 'non-critical',
      ]);
    }
    if (w.servers.length === 0) rows.push([escapeCell(w.wave.name), '*no server resolved*', '', '', '', '']);
    if (w.servers.length > shown.length) {
      rows.push([escapeCell(w.wave.name), `… ${w.servers.length - shown.length} more`, '', '', '', '']);
    }
  }
  return table(['Wave', 'Source server', 'Hostname', 'Replication', 'Lag', 'Role'], rows);
}

function settingValue(v: unknown): string {
  if (v === null || v === undefined) return '*not set*';
  if (Array.isArray(v)) return v.length === 0 ? '*none*' : v.map(code).join(', ');
  return code(typeof v === 'string' ? v : JSON.stringify(v));
}

/** One line per (field, from, to), listing the servers it applies to: a defaults edit is one line. */
function driftItems(drift: LaunchConfigDrift[]): string[] {
  const groups = new Map<string, { change: FieldChange; servers: string[] }>();
  for (const d of drift) {
    for (const c of d.changes) {
      const id = JSON.stringify([c.target, c.field, c.from, c.to]);
      const group = groups.get(id) ?? { change: c, servers: [] };
      group.servers.push(`${code(d.sourceServerId)}${d.hostname ? ` (${escapeCell(d.hostname)})` : ''}`);
      groups.set(id, group);
    }
  }
  return [...groups.values()].map(({ change: c, servers }) => {
    const who =
      servers.length > 10
        ? `${servers.slice(0, 10).join(', ')} and ${servers.length - 10} more`
        : servers.join(', ');
    return `${code(`${c.target}.${c.field}`)} ${settingValue(c.from)} → ${settingValue(c.to)} on ${who}`;
  });
}

function quotaLine(readiness: Extract<Readiness, { status: 'checked' }>): string {
  const { jobs, servers } = readiness.preflight.activeJobs;
  const largest = Math.max(
    0,
    ...(readiness.preflight.executionPlan?.waves ?? []).map((w) => w.servers.length),
  );
  const fits = largest + servers <= DRS_QUOTAS.maxServersInActiveJobs && jobs < DRS_QUOTAS.maxActiveJobs;
  return (
    `${fits ? '✅' : '❌'} Quotas: largest wave ${plural(largest, 'server')}; ` +
    `${plural(jobs, 'active job')} in the account holding ${plural(servers, 'server')} ` +
    `(DRS allows ${DRS_QUOTAS.maxActiveJobs} jobs and ${DRS_QUOTAS.maxServersInActiveJobs} servers in active jobs).`
  );
}

/** The readiness section for one plan. */
export function renderReadiness(readiness: Readiness, plan: Plan): string {
  return readinessSections(readiness, plan)
    .map((s) => s.render(Number.POSITIVE_INFINITY))
    .filter((t) => t !== '')
    .join('\n\n');
}

/** What a readiness section is made of; the comment shrinks them in this order of kinds. */
export type ReadinessPart = 'servers' | 'drift' | 'warnings' | 'problems';

/** The readiness section as parts a size budget can shrink; `part` is undefined for fixed lines. */
export function readinessSections(readiness: Readiness, plan: Plan): (Section & { part?: ReadinessPart })[] {
  if (readiness.status === 'skipped') return [fixed(`⏭️ **Live check skipped.** ${readiness.reason}`)];
  if (readiness.status === 'failed') {
    return [
      fixed(
        `❌ **Live check failed**${readiness.region ? ` in ${code(readiness.region)}` : ''}: ${escapeCell(readiness.error)}`,
      ),
    ];
  }
  const { preflight } = readiness;
  const waves = preflight.executionPlan?.waves ?? [];
  const count = waves.reduce((n, w) => n + w.servers.length, 0);
  const verdict =
    preflight.problems.length > 0
      ? `❌ **Not ready**: ${plural(preflight.problems.length, 'problem')} a drill would stop on`
      : `✅ **Ready**: a drill would start`;
  const drift =
    preflight.drift.length > 0
      ? {
          ...listSection(
            `**Launch settings a drill would repair** (${plural(preflight.drift.length, 'server')})`,
            driftItems(preflight.drift),
          ),
          part: 'drift' as const,
        }
      : fixed('Launch settings already match the plan: a drill would write none.');
  return [
    fixed(
      `${verdict} — ${plural(count, 'source server')} in account ${code(readiness.accountId)}, ${code(readiness.region)}.`,
    ),
    {
      render: (n) => serverTable(readiness, plan, n),
      items: Math.min(MAX_ROWS_PER_WAVE, Math.max(0, ...waves.map((w) => w.servers.length))),
      part: 'servers',
    },
    { ...listSection('**Problems**', preflight.problems.map(describeProblem)), part: 'problems' },
    { ...listSection('**Warnings**', preflight.warnings.map(describeProblem)), part: 'warnings' },
    drift,
    fixed(quotaLine(readiness)),
  ];
}

/** Readiness problems of one plan: the preflight's, or one when the check itself could not run. */
export function readinessProblemCount(readiness: Readiness): number {
  if (readiness.status === 'failed') return 1;
  if (readiness.status === 'checked') return readiness.preflight.problems.length;
  return 0;
}
