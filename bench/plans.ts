/**
 * The benchmark's plans, written as YAML against the generated estate (emulator/estate.ts): a
 * 3-wave chain, a 6-wave DAG with parallel branches, 500 servers in 5 waves, and a 4,000-server plan
 * for validation only. Each comes with its waves' source server ids so the anchors' driver can run
 * the same servers without resolving selectors.
 */
import { estateServerId } from '../emulator/estate.js';
import type { BenchWave } from './timeline.js';

export interface PlanWave extends BenchWave {
  sourceServerIds: string[];
  /** Written as one `tags:` selector instead of literal ids (exercises selector resolution). */
  tags?: Record<string, string>;
}

export interface BenchPlan {
  name: string;
  /** Source servers the estate must have (ids 0 … estateSize-1). */
  estateSize: number;
  waves: PlanWave[];
}

const ids = (from: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) => estateServerId(from + i));

/** (a) Three waves in a chain, two servers each. */
export function serialPlan(): BenchPlan {
  return {
    name: 'bench-serial',
    estateSize: 6,
    waves: [
      { name: 'data', dependsOn: [], sourceServerIds: ids(0, 2) },
      { name: 'app', dependsOn: ['data'], sourceServerIds: ids(2, 2) },
      { name: 'web', dependsOn: ['app'], sourceServerIds: ids(4, 2) },
    ],
  };
}

/**
 * (b) Six waves, two servers each, in two roots and two branches: the critical path is three waves
 * deep, so an orchestrator that runs the branches side by side needs half the time of a serial one.
 */
export function parallelPlan(): BenchPlan {
  return {
    name: 'bench-parallel',
    estateSize: 12,
    waves: [
      { name: 'db', dependsOn: [], sourceServerIds: ids(0, 2) },
      { name: 'cache', dependsOn: [], sourceServerIds: ids(2, 2) },
      { name: 'app-a', dependsOn: ['db'], sourceServerIds: ids(4, 2) },
      { name: 'app-b', dependsOn: ['db', 'cache'], sourceServerIds: ids(6, 2) },
      { name: 'web-a', dependsOn: ['app-a'], sourceServerIds: ids(8, 2) },
      { name: 'web-b', dependsOn: ['app-b'], sourceServerIds: ids(10, 2) },
    ],
  };
}

/**
 * (c) `servers` source servers in five chained waves selected by the estate's Tier tag (t1…t5, one
 * fifth each): at 500, five waves of 100, each one StartRecovery.
 */
export function largePlan(servers = 500): BenchPlan {
  const perTier = Math.max(1, Math.ceil(servers / 5));
  const waves: PlanWave[] = [];
  for (let t = 0; t < 5; t++) {
    const from = t * perTier;
    const count = Math.max(0, Math.min(perTier, servers - from));
    waves.push({
      name: `tier-${t + 1}`,
      dependsOn: t === 0 ? [] : [`tier-${t}`],
      sourceServerIds: ids(from, count),
      tags: { App: 'big', Tier: `t${t + 1}` },
    });
  }
  return { name: `bench-large-${servers}`, estateSize: servers, waves };
}

/** For validation only: `servers` literal ids in waves of at most 400 (DRS holds 500 in flight). */
export function validationPlan(servers = 4000): BenchPlan {
  const per = 400;
  const waves: PlanWave[] = [];
  for (let from = 0, i = 0; from < servers; from += per, i++) {
    waves.push({
      name: `wave-${i + 1}`,
      dependsOn: i === 0 ? [] : [`wave-${i}`],
      sourceServerIds: ids(from, Math.min(per, servers - from)),
    });
  }
  return { name: `bench-validate-${servers}`, estateSize: servers, waves };
}

/**
 * The plan as the action reads it. `dependsOn` is always written out (the first wave gets `[]`), no
 * `waitAfter`: a soak is the plan's choice, not overhead, and it would run on the real clock (see
 * bench/README.md). Health check: the default `ec2-status`.
 */
export function planYaml(plan: BenchPlan): string {
  const lines = [
    'version: 1',
    `name: ${plan.name}`,
    'region: us-east-1',
    'defaults:',
    '  healthCheck: ec2-status',
    'onFailure: stop',
    'waves:',
  ];
  for (const wave of plan.waves) {
    lines.push(`  - name: ${wave.name}`);
    lines.push(`    dependsOn: [${wave.dependsOn.join(', ')}]`);
    lines.push('    servers:');
    if (wave.tags) {
      const tags = Object.entries(wave.tags).map(([k, v]) => `${k}: ${v}`);
      lines.push(`      - tags: { ${tags.join(', ')} }`);
    } else {
      for (const id of wave.sourceServerIds) lines.push(`      - id: ${id}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The anchors' order: every wave after the one before it, whatever the plan's dependencies
 * (a topological order that keeps the file's order where it can).
 */
export function forcedSerial<W extends BenchWave>(waves: readonly W[]): W[] {
  const done = new Set<string>();
  const out: W[] = [];
  const left = [...waves];
  while (left.length > 0) {
    const next = left.findIndex((w) => w.dependsOn.every((d) => done.has(d)));
    if (next < 0) throw new Error(`waves ${left.map((w) => w.name).join(', ')} form a dependency cycle`);
    const [wave] = left.splice(next, 1) as [W];
    done.add(wave.name);
    out.push(wave);
  }
  return out.map((w, i) => ({ ...w, dependsOn: i === 0 ? [] : [(out[i - 1] as W).name] }));
}

/** How many waves deep the longest dependency chain is. */
export function depth(waves: readonly BenchWave[]): number {
  const byName = new Map(waves.map((w) => [w.name, w]));
  const memo = new Map<string, number>();
  const of = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const d = 1 + Math.max(0, ...(byName.get(name)?.dependsOn ?? []).map(of));
    memo.set(name, d);
    return d;
  };
  return Math.max(0, ...waves.map((w) => of(w.name)));
}
