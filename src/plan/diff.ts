/**
 * Semantic diff of two versions of a recovery plan: what changes for a recovery, not for the YAML.
 * Compared after normalisation, so a defaults change shows on every server it reaches, and a
 * reformatted file with the same meaning is "no change". Pure: both plans come in already loaded.
 */

import { formatTargetDuration } from '../core/durations.js';
import { escapeCell } from '../core/escape.js';
import type { Plan, Selector, ServerSpec, Wave } from './types.js';

/** One value that differs; `from`/`to` undefined when absent on that side. */
export interface FieldDiff {
  field: string;
  from: unknown;
  to: unknown;
}

/** A plan entry under `waves[].servers`, known by its selector. */
export interface SelectorRef {
  /** Identity across versions: the id, the lower-cased hostname, or the sorted tags. */
  key: string;
  /** What people read: `s-…`, `db-01.corp`, `App=payments, Tier=db`. */
  label: string;
  wave: string;
}

export interface ServerMove extends SelectorRef {
  fromWave: string;
}

export interface ServerChange extends SelectorRef {
  /** `critical`, `snapshot`, `healthCheck`, `launch.<field>`, `template.<field>` (effective values). */
  fields: FieldDiff[];
}

export interface WaveChange {
  wave: string;
  /** `dependsOn`, `timeout`, `waitAfter` (effective values, durations in seconds). */
  fields: FieldDiff[];
}

export interface PlanDiff {
  status: 'added' | 'deleted' | 'changed' | 'unchanged';
  /** name, description, region, accountId, objectives.rto, objectives.rpo, onFailure. */
  planFields: FieldDiff[];
  wavesAdded: string[];
  wavesRemoved: string[];
  /** Set when the waves both versions have come in a different order. */
  waveOrder?: { from: string[]; to: string[] };
  waveChanges: WaveChange[];
  serversAdded: SelectorRef[];
  serversRemoved: SelectorRef[];
  serversMoved: ServerMove[];
  serverChanges: ServerChange[];
}

const DURATION_FIELDS = new Set(['objectives.rto', 'objectives.rpo', 'timeout', 'waitAfter']);

export function selectorKey(selector: Selector): string {
  switch (selector.kind) {
    case 'id':
      return `id:${selector.sourceServerId}`;
    case 'hostname':
      return `hostname:${selector.hostname.trim().toLowerCase()}`;
    case 'tags':
      return `tags:${JSON.stringify(Object.entries(selector.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))}`;
  }
}

export function selectorLabel(selector: Selector): string {
  switch (selector.kind) {
    case 'id':
      return selector.sourceServerId;
    case 'hostname':
      return selector.hostname;
    case 'tags':
      return Object.entries(selector.tags)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function field(out: FieldDiff[], name: string, from: unknown, to: unknown): void {
  if (!same(from, to)) out.push({ field: name, from, to });
}

function planFields(base: Plan, head: Plan): FieldDiff[] {
  const out: FieldDiff[] = [];
  field(out, 'name', base.name, head.name);
  field(out, 'description', base.description, head.description);
  field(out, 'region', base.region, head.region);
  field(out, 'accountId', base.accountId, head.accountId);
  field(out, 'objectives.rto', base.objectives.rtoSeconds, head.objectives.rtoSeconds);
  field(out, 'objectives.rpo', base.objectives.rpoSeconds, head.objectives.rpoSeconds);
  field(out, 'onFailure', base.onFailure, head.onFailure);
  return out;
}

function waveFields(base: Wave, head: Wave): FieldDiff[] {
  const out: FieldDiff[] = [];
  field(out, 'dependsOn', [...base.dependsOn].sort(), [...head.dependsOn].sort());
  field(out, 'timeout', base.timeoutSeconds, head.timeoutSeconds);
  field(out, 'waitAfter', base.waitAfterSeconds, head.waitAfterSeconds);
  return out;
}

/** Settings as field → value; a tag map (drill.tags) as one field per key, so key order never counts. */
function flatSettings(settings: object | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(settings ?? {})) {
    if (k === 'tags' && v && typeof v === 'object') {
      for (const [tag, value] of Object.entries(v)) out[`tags.${tag}`] = value;
    } else out[k] = v;
  }
  return out;
}

/** Effective settings of one entry, flattened so each launch/template field compares on its own. */
function serverFields(base: ServerSpec, head: ServerSpec): FieldDiff[] {
  const out: FieldDiff[] = [];
  field(out, 'critical', base.critical, head.critical);
  field(out, 'snapshot', base.snapshot, head.snapshot);
  field(out, 'healthCheck', base.healthCheck, head.healthCheck);
  for (const group of ['launch', 'template', 'drill'] as const) {
    const from = flatSettings(base[group]);
    const to = flatSettings(head[group]);
    for (const name of [...new Set([...Object.keys(from), ...Object.keys(to)])].sort()) {
      field(out, `${group}.${name}`, from[name], to[name]);
    }
  }
  return out;
}

interface Entry {
  ref: SelectorRef;
  spec: ServerSpec;
}

function entriesByKey(plan: Plan | undefined): Map<string, Entry[]> {
  const out = new Map<string, Entry[]>();
  for (const wave of plan?.waves ?? []) {
    for (const spec of wave.servers) {
      const key = selectorKey(spec.selector);
      const entry = { ref: { key, label: selectorLabel(spec.selector), wave: wave.name }, spec };
      out.set(key, [...(out.get(key) ?? []), entry]);
    }
  }
  return out;
}

function emptyDiff(status: PlanDiff['status']): PlanDiff {
  return {
    status,
    planFields: [],
    wavesAdded: [],
    wavesRemoved: [],
    waveChanges: [],
    serversAdded: [],
    serversRemoved: [],
    serversMoved: [],
    serverChanges: [],
  };
}

function diffServers(base: Plan | undefined, head: Plan | undefined, diff: PlanDiff): void {
  const before = entriesByKey(base);
  const after = entriesByKey(head);
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const olds = before.get(key) ?? [];
    const news = after.get(key) ?? [];
    // The same selector twice (e.g. a hostname in two waves) pairs up in file order.
    for (let i = 0; i < Math.max(olds.length, news.length); i++) {
      const old = olds[i];
      const now = news[i];
      if (!old && now) diff.serversAdded.push(now.ref);
      else if (old && !now) diff.serversRemoved.push(old.ref);
      else if (old && now) {
        if (old.ref.wave !== now.ref.wave) diff.serversMoved.push({ ...now.ref, fromWave: old.ref.wave });
        const fields = serverFields(old.spec, now.spec);
        if (fields.length > 0) diff.serverChanges.push({ ...now.ref, fields });
      }
    }
  }
}

/** What changes between `base` (the PR's base) and `head`; either may be absent (plan added/deleted). */
export function diffPlans(base: Plan | undefined, head: Plan | undefined): PlanDiff {
  if (!base && !head) return emptyDiff('unchanged');
  const diff = emptyDiff(!base ? 'added' : !head ? 'deleted' : 'changed');
  const baseWaves = new Map((base?.waves ?? []).map((w) => [w.name, w]));
  const headWaves = new Map((head?.waves ?? []).map((w) => [w.name, w]));
  diff.wavesAdded = [...headWaves.keys()].filter((n) => !baseWaves.has(n));
  diff.wavesRemoved = [...baseWaves.keys()].filter((n) => !headWaves.has(n));
  if (base && head) {
    diff.planFields = planFields(base, head);
    const from = [...baseWaves.keys()].filter((n) => headWaves.has(n));
    const to = [...headWaves.keys()].filter((n) => baseWaves.has(n));
    if (!same(from, to)) diff.waveOrder = { from, to };
    for (const [name, wave] of headWaves) {
      const old = baseWaves.get(name);
      const fields = old ? waveFields(old, wave) : [];
      if (fields.length > 0) diff.waveChanges.push({ wave: name, fields });
    }
  }
  diffServers(base, head, diff);
  if (diff.status === 'changed' && isEmpty(diff)) diff.status = 'unchanged';
  return diff;
}

export function isEmpty(diff: PlanDiff): boolean {
  return (
    diff.planFields.length +
      diff.wavesAdded.length +
      diff.wavesRemoved.length +
      diff.waveChanges.length +
      diff.serversAdded.length +
      diff.serversRemoved.length +
      diff.serversMoved.length +
      diff.serverChanges.length ===
      0 && !diff.waveOrder
  );
}

// ---- Markdown -------------------------------------------------------------------------------

const code = (v: unknown) => `<code>${escapeCell(v)}</code>`;
const bold = (v: unknown) => `**${escapeCell(v)}**`;

function value(name: string, v: unknown): string {
  if (v === undefined) return '*unset*';
  if (DURATION_FIELDS.has(name) && typeof v === 'number') return code(formatTargetDuration(v));
  if (Array.isArray(v)) return v.length === 0 ? '*none*' : v.map(code).join(', ');
  return code(typeof v === 'string' ? v : JSON.stringify(v));
}

function change(f: FieldDiff): string {
  if (f.field === 'dependsOn') {
    const list = (v: unknown) =>
      Array.isArray(v) && v.length > 0 ? v.map(bold).join(', ') : '*nothing (starts at once)*';
    return `depends on ${list(f.to)} (was ${list(f.from)})`;
  }
  if (f.field === 'critical')
    return f.to ? 'now **critical**' : 'now **non-critical** (a failure only warns)';
  return `${code(f.field)} ${value(f.field, f.from)} → ${value(f.field, f.to)}`;
}

/** Lists at most `max` labels, then how many more. */
function labels(refs: SelectorRef[], max = 10): string {
  const shown = refs.slice(0, max).map((r) => code(r.label));
  return refs.length > max ? `${shown.join(', ')} and ${refs.length - max} more` : shown.join(', ');
}

/** Server field changes grouped by (field, from, to), so one defaults edit is one line, not fifty. */
function groupedServerChanges(changes: ServerChange[]): string[] {
  const groups = new Map<string, { f: FieldDiff; refs: SelectorRef[] }>();
  for (const c of changes) {
    for (const f of c.fields) {
      const id = JSON.stringify([f.field, f.from, f.to]);
      const group = groups.get(id) ?? { f, refs: [] };
      group.refs.push(c);
      groups.set(id, group);
    }
  }
  return [...groups.values()].map(({ f, refs }) => `- ${labels(refs)}: ${change(f)}`);
}

/** Markdown a reviewer reads at a glance; every plan-sourced value is escaped. */
export function renderPlanDiff(diff: PlanDiff): string {
  if (diff.status === 'unchanged') {
    return 'No change to what the plan does (waves, servers, settings and objectives are the same as on the base branch).';
  }
  const lines: string[] = [];
  if (diff.status === 'added') lines.push('🆕 **New plan** (not on the base branch).');
  if (diff.status === 'deleted') lines.push('🗑️ **Plan deleted**: its servers are no longer covered by it.');
  for (const f of diff.planFields) lines.push(`- Plan ${change(f)}`);
  const serversIn = (wave: string, refs: SelectorRef[]) => refs.filter((r) => r.wave === wave);
  for (const w of diff.wavesAdded) {
    lines.push(`- ➕ Wave ${bold(w)} added with ${labels(serversIn(w, diff.serversAdded)) || 'no server'}`);
  }
  for (const w of diff.wavesRemoved) {
    lines.push(
      `- ➖ Wave ${bold(w)} removed (had ${labels(serversIn(w, diff.serversRemoved)) || 'no server'})`,
    );
  }
  if (diff.waveOrder) {
    const order = (names: string[]) => names.map(bold).join(' → ');
    lines.push(`- 🔀 Waves reordered: ${order(diff.waveOrder.to)} (was ${order(diff.waveOrder.from)})`);
  }
  for (const w of diff.waveChanges) {
    for (const f of w.fields) lines.push(`- Wave ${bold(w.wave)}: ${change(f)}`);
  }
  for (const m of diff.serversMoved) {
    lines.push(`- ↪️ ${code(m.label)} moved from wave ${bold(m.fromWave)} to wave ${bold(m.wave)}`);
  }
  const newWaves = new Set(diff.wavesAdded);
  const goneWaves = new Set(diff.wavesRemoved);
  for (const r of diff.serversAdded.filter((r) => !newWaves.has(r.wave))) {
    lines.push(`- ➕ ${code(r.label)} added to wave ${bold(r.wave)}`);
  }
  for (const r of diff.serversRemoved.filter((r) => !goneWaves.has(r.wave))) {
    lines.push(`- ➖ ${code(r.label)} removed from wave ${bold(r.wave)}`);
  }
  lines.push(...groupedServerChanges(diff.serverChanges));
  return lines.join('\n');
}
