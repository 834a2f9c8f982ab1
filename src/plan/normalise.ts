import { parseDuration } from '../core/durations.js';
import { checksOf, mergePostLaunch, type RawCheck, type RawPostLaunchAction } from './app-checks.js';
import { get, type PNode } from './parse.js';
import type {
  DrillSettings,
  HealthCheck,
  LaunchSettings,
  OnFailure,
  Plan,
  Selector,
  ServerSpec,
  TemplateSettings,
  Wave,
} from './types.js';

/** Defaults the product spec promises when a field is absent. */
export const PLAN_DEFAULTS = {
  waveTimeoutSeconds: 60 * 60,
  waitAfterSeconds: 0,
  healthCheck: 'ec2-status' as HealthCheck,
  onFailure: 'stop' as OnFailure,
  critical: true,
} as const;

/** The schema-valid document, as read after validation (null-prototype objects from the tree). */
interface RawServer {
  id?: string;
  hostname?: string;
  tags?: Record<string, string>;
  critical?: boolean;
  snapshot?: string;
  launch?: LaunchSettings;
  template?: TemplateSettings;
  drill?: DrillSettings;
  healthCheck?: HealthCheck;
  postLaunch?: RawPostLaunchAction[];
}
interface RawWave {
  name: string;
  dependsOn?: string[];
  servers: RawServer[];
  launch?: LaunchSettings;
  template?: TemplateSettings;
  drill?: DrillSettings;
  healthCheck?: HealthCheck;
  timeout?: string | number;
  waitAfter?: string | number;
  postLaunch?: RawPostLaunchAction[];
  checks?: RawCheck[];
}
export interface RawPlan {
  version: 1;
  name: string;
  description?: string;
  region?: string;
  accountId?: string;
  objectives?: { rto?: string | number; rpo?: string | number };
  defaults?: {
    launch?: LaunchSettings;
    template?: TemplateSettings;
    waveTimeout?: string | number;
    healthCheck?: HealthCheck;
  };
  onFailure?: OnFailure;
  drill?: DrillSettings;
  waves: RawWave[];
}

function seconds(value: string | number | undefined, fallback: number): number {
  return value === undefined ? fallback : (parseDuration(value) ?? fallback);
}

/** Later layers win field by field; lists are replaced, not concatenated. */
function merge<T extends object>(...layers: (T | undefined)[]): T {
  const out: Record<string, unknown> = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer)) out[k] = Array.isArray(v) ? [...v] : v;
  }
  return out as T;
}

/** Drill settings: like `merge`, but tags merge key by key (the most specific level wins per key). */
function mergeDrill(...layers: (DrillSettings | undefined)[]): DrillSettings {
  const out = merge<DrillSettings>(...layers);
  const tags = layers.flatMap((l) => (l?.tags ? Object.entries(l.tags) : []));
  if (tags.length > 0) out.tags = Object.fromEntries(tags);
  return out;
}

/** The mapping nodes that set launch, template and drill fields, least specific first. */
type Levels = (PNode | undefined)[];

/**
 * Where each effective `launch.*`, `template.*` and `drill.*` field of a server entry was set: the
 * most specific level holding the key, so a message about a field points at the line that set it.
 */
function fieldPositionsOf(
  levels: Levels,
  file: string,
): Record<string, { file: string; line: number; col: number }> {
  const out: Record<string, { file: string; line: number; col: number }> = {};
  for (const level of levels) {
    for (const group of ['launch', 'template', 'drill'] as const) {
      const node = get(level, group);
      if (node?.kind !== 'map') continue;
      for (const e of node.entries) out[`${group}.${e.key}`] = { file, line: e.line, col: e.col };
    }
  }
  return out;
}

function selectorOf(s: RawServer): Selector {
  if (s.id !== undefined) return { kind: 'id', sourceServerId: s.id };
  if (s.hostname !== undefined) return { kind: 'hostname', hostname: s.hostname };
  return { kind: 'tags', tags: Object.fromEntries(Object.entries(s.tags ?? {})) };
}

function positionOf(node: PNode | undefined, file: string): { file: string; line: number; col: number } {
  return { file, line: node?.line ?? 1, col: node?.col ?? 1 };
}

function itemsOf(node: PNode | undefined): PNode[] {
  return node?.kind === 'seq' ? node.items : [];
}

/**
 * Turns a document that passed schema and semantic checks into a `Plan`: durations in seconds,
 * defaults merged down to every server entry, positions kept for later diagnostics.
 */
export function normalisePlan(raw: RawPlan, root: PNode, file: string, sha256: string): Plan {
  const defaults = raw.defaults ?? {};
  const waveNodes = itemsOf(get(root, 'waves'));
  // defaults holds launch and template; the plan-level drill block sits at the top, beside it.
  const planLevels = [get(root, 'defaults'), root];
  const waves: Wave[] = raw.waves.map((w, index): Wave => {
    const waveNode = waveNodes[index];
    const serverNodes = itemsOf(get(waveNode, 'servers'));
    const previous = raw.waves[index - 1];
    const dependsOn = w.dependsOn ? [...new Set(w.dependsOn)] : previous ? [previous.name] : [];
    const servers = w.servers.map(
      (s, j): ServerSpec => ({
        selector: selectorOf(s),
        critical: s.critical ?? PLAN_DEFAULTS.critical,
        ...(s.snapshot === undefined ? {} : { snapshot: s.snapshot }),
        launch: merge<LaunchSettings>(defaults.launch, w.launch, s.launch),
        template: merge<TemplateSettings>(defaults.template, w.template, s.template),
        drill: mergeDrill(raw.drill, w.drill, s.drill),
        healthCheck: s.healthCheck ?? w.healthCheck ?? defaults.healthCheck ?? PLAN_DEFAULTS.healthCheck,
        postLaunch: mergePostLaunch(w.postLaunch, s.postLaunch),
        position: positionOf(serverNodes[j], file),
        fieldPositions: fieldPositionsOf([...planLevels, waveNode, serverNodes[j]], file),
      }),
    );
    return {
      name: w.name,
      index,
      dependsOn,
      servers,
      timeoutSeconds: seconds(w.timeout, seconds(defaults.waveTimeout, PLAN_DEFAULTS.waveTimeoutSeconds)),
      waitAfterSeconds: seconds(w.waitAfter, PLAN_DEFAULTS.waitAfterSeconds),
      checks: checksOf(
        w.checks,
        itemsOf(get(waveNode, 'checks')).map((n) => positionOf(n, file)),
      ),
      position: positionOf(waveNode, file),
    };
  });
  const objectives: Plan['objectives'] = {};
  if (raw.objectives?.rto !== undefined) objectives.rtoSeconds = seconds(raw.objectives.rto, 0);
  if (raw.objectives?.rpo !== undefined) objectives.rpoSeconds = seconds(raw.objectives.rpo, 0);
  return {
    version: 1,
    name: raw.name,
    ...(raw.description === undefined ? {} : { description: raw.description }),
    ...(raw.region === undefined ? {} : { region: raw.region }),
    ...(raw.accountId === undefined ? {} : { accountId: raw.accountId }),
    objectives,
    onFailure: raw.onFailure ?? PLAN_DEFAULTS.onFailure,
    waves,
    file,
    sha256,
  };
}
