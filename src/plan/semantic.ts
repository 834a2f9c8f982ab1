import { parseDuration } from '../core/durations.js';
import { DRS_QUOTAS } from '../core/quotas.js';
import { atPath, formatPath, get, getEntry, type PMap, type PNode } from './parse.js';
import { cutText, MAX_QUOTED_CHARS, quote } from './quote.js';
import { didYouMean } from './suggest.js';
import type { Diagnostic } from './types.js';

type PathSeg = string | number;

interface WaveRef {
  index: number;
  node: PMap;
  name?: string;
}

class Findings {
  readonly list: Diagnostic[] = [];
  constructor(private readonly file: string) {}
  add(
    severity: Diagnostic['severity'],
    at: { line: number; col: number },
    path: PathSeg[],
    message: string,
  ): void {
    this.list.push({
      file: this.file,
      line: at.line,
      col: at.col,
      severity,
      path: formatPath(path),
      message: atPath(path, message),
    });
  }
}

function stringOf(node: PNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

function wavesOf(root: PNode): WaveRef[] {
  const waves = get(root, 'waves');
  if (waves?.kind !== 'seq') return [];
  const out: WaveRef[] = [];
  waves.items.forEach((node, index) => {
    if (node.kind === 'map') out.push({ index, node, name: stringOf(get(node, 'name')) });
  });
  return out;
}

function checkWaveNames(waves: WaveRef[], f: Findings): void {
  const first = new Map<string, WaveRef>();
  for (const w of waves) {
    if (w.name === undefined) continue;
    const prev = first.get(w.name);
    if (prev) {
      const at = get(w.node, 'name') ?? w.node;
      const line = (get(prev.node, 'name') ?? prev.node).line;
      f.add(
        'error',
        at,
        ['waves', w.index, 'name'],
        `duplicate wave name ${quote(w.name)} (first at line ${line})`,
      );
    } else first.set(w.name, w);
  }
}

/** Effective dependencies: explicit `dependsOn`, else the previous wave. */
function dependencies(waves: WaveRef[], names: Set<string>, f: Findings): Graph {
  const graph: Graph = new Map();
  waves.forEach((w, i) => {
    if (w.name === undefined || graph.has(w.name)) return;
    const edges: { dep: string; at: PNode }[] = [];
    const deps = get(w.node, 'dependsOn');
    if (deps === undefined) {
      const prev = waves[i - 1]?.name;
      if (prev !== undefined) edges.push({ dep: prev, at: w.node });
    } else if (deps.kind === 'seq') {
      const seen = new Set<string>();
      deps.items.forEach((item, j) => {
        const dep = stringOf(item);
        if (dep === undefined) return;
        const path = ['waves', w.index, 'dependsOn', j];
        if (dep === w.name) f.add('error', item, path, `wave ${quote(dep)} cannot depend on itself`);
        else if (!names.has(dep))
          f.add('error', item, path, `unknown wave ${quote(dep)}${didYouMean(dep, names)}`);
        else if (seen.has(dep)) f.add('warning', item, path, `wave ${quote(dep)} is listed twice`);
        else edges.push({ dep, at: item });
        seen.add(dep);
      });
    }
    graph.set(w.name, edges);
  });
  return graph;
}

type Graph = Map<string, { dep: string; at: PNode }[]>;

/**
 * Reports a cycle at one of its edges, preferring an edge written in a `dependsOn` over an implied
 * "previous wave" one, and names the cycle starting from that wave: `a -> b -> a`.
 */
function reportCycle(cycle: string[], graph: Graph, index: Map<string, WaveRef>, f: Findings): void {
  const edges = cycle.slice(0, -1).map((from, i) => {
    const to = cycle[i + 1]!;
    const edge = (graph.get(from) ?? []).find((e) => e.dep === to)!;
    return { from, edge, start: i };
  });
  const explicit = edges.find((e) => e.edge.at !== index.get(e.from)!.node);
  const chosen = explicit ?? edges[edges.length - 1]!;
  const names = cycle.slice(0, -1);
  const rotated = [...names.slice(chosen.start), ...names.slice(0, chosen.start), names[chosen.start]!].map(
    (n) => cutText(n, MAX_QUOTED_CHARS),
  );
  const w = index.get(chosen.from)!;
  if (explicit) {
    const deps = get(w.node, 'dependsOn');
    const j = deps?.kind === 'seq' ? deps.items.indexOf(chosen.edge.at) : 0;
    f.add(
      'error',
      chosen.edge.at,
      ['waves', w.index, 'dependsOn', j],
      `dependency cycle: ${rotated.join(' -> ')}`,
    );
  } else {
    const why = ` (each of these waves has no dependsOn, so it depends on the previous wave)`;
    f.add('error', w.node, ['waves', w.index], `dependency cycle: ${rotated.join(' -> ')}${why}`);
  }
}

/** Every cycle found by a depth-first walk, each reported once. */
function checkCycles(waves: WaveRef[], graph: Graph, f: Findings): void {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const index = new Map(waves.filter((w) => w.name !== undefined).map((w) => [w.name!, w]));
  const walk = (name: string): void => {
    state.set(name, 'open');
    stack.push(name);
    for (const edge of graph.get(name) ?? []) {
      const s = state.get(edge.dep);
      if (s === 'open') {
        const cycle = [...stack.slice(stack.indexOf(edge.dep)), edge.dep];
        const key = [...new Set(cycle)].sort().join('\u0000');
        if (reported.has(key)) continue;
        reported.add(key);
        reportCycle(cycle, graph, index, f);
      } else if (s === undefined) walk(edge.dep);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const w of waves) if (w.name !== undefined && !state.has(w.name)) walk(w.name);
}

/** Literal source server ids: one wave each, once; a wave within what DRS holds in flight. */
function checkServers(waves: WaveRef[], f: Findings): void {
  const firstId = new Map<string, { wave: WaveRef; line: number }>();
  const firstOther = new Map<string, { wave: WaveRef; line: number }>();
  for (const w of waves) {
    const servers = get(w.node, 'servers');
    if (servers?.kind !== 'seq') continue;
    let literalIds = 0;
    servers.items.forEach((entry, j) => {
      const idNode = get(entry, 'id');
      const id = stringOf(idNode);
      if (id !== undefined && idNode) {
        literalIds++;
        const prev = firstId.get(id);
        const path = ['waves', w.index, 'servers', j, 'id'];
        if (!prev) firstId.set(id, { wave: w, line: idNode.line });
        else if (prev.wave === w) {
          f.add(
            'error',
            idNode,
            path,
            `source server ${quote(id)} is listed twice in this wave (first at line ${prev.line})`,
          );
        } else {
          const where =
            prev.wave.name === undefined ? `waves[${prev.wave.index}]` : `wave ${quote(prev.wave.name)}`;
          f.add(
            'error',
            idNode,
            path,
            `source server ${quote(id)} is already in ${where} (line ${prev.line}); a server belongs to one wave`,
          );
        }
        return;
      }
      // Hostname and tag selectors resolve at run time, but the same selector twice selects the same
      // servers twice, which the run refuses: an error here too, so validate and the drill agree.
      const hostname = stringOf(get(entry, 'hostname'));
      const tags = get(entry, 'tags');
      let key: string | undefined;
      let shown = '';
      if (hostname !== undefined) {
        key = `hostname ${JSON.stringify(hostname)}`;
        shown = `hostname ${quote(hostname)}`;
      } else if (tags?.kind === 'map') {
        const pairs = tags.entries.map((e) => `${e.key}=${stringOf(e.value) ?? ''}`).sort();
        key = `tags {${pairs.join(', ')}}`;
        shown = `tags {${cutText(pairs.join(', '), MAX_QUOTED_CHARS)}}`;
      }
      if (key === undefined || entry.kind !== 'map') return;
      const prev = firstOther.get(key);
      if (!prev) firstOther.set(key, { wave: w, line: entry.line });
      else {
        f.add(
          'error',
          entry,
          ['waves', w.index, 'servers', j],
          `selector ${shown} also appears at line ${prev.line}; a server belongs to one entry of one wave`,
        );
      }
    });
    const limit = DRS_QUOTAS.maxServersInActiveJobs;
    if (literalIds > limit) {
      const at = getEntry(w.node, 'servers') ?? w.node;
      f.add(
        'error',
        at,
        ['waves', w.index, 'servers'],
        `wave lists ${literalIds} source servers; DRS holds at most ${limit} source servers in active jobs, split the wave`,
      );
    }
  }
}

function checkPositiveDurations(root: PNode, waves: WaveRef[], f: Findings): void {
  const check = (node: PNode | undefined, path: PathSeg[], what: string): void => {
    if (node?.kind !== 'scalar' || (typeof node.value !== 'string' && typeof node.value !== 'number')) return;
    if (parseDuration(node.value) === 0) f.add('error', node, path, `${what} must be more than 0`);
  };
  check(get(get(root, 'defaults'), 'waveTimeout'), ['defaults', 'waveTimeout'], 'a wave timeout');
  check(get(get(root, 'objectives'), 'rto'), ['objectives', 'rto'], 'the RTO objective');
  for (const w of waves) check(get(w.node, 'timeout'), ['waves', w.index, 'timeout'], 'a wave timeout');
}

/** Names that must be unique in one list: a wave's checks, a wave's or a server's post-launch actions. */
function checkUniqueNames(
  list: PNode | undefined,
  path: PathSeg[],
  nameOf: (item: PNode) => string | undefined,
  f: Findings,
): void {
  if (list?.kind !== 'seq') return;
  const seen = new Map<string, number>();
  list.items.forEach((item, i) => {
    const name = nameOf(item);
    if (name === undefined) return;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, item.line);
    else f.add('error', item, [...path, i], `the name ${quote(name)} is already used on line ${first}`);
  });
}

function checkAppChecks(waves: WaveRef[], f: Findings): void {
  // A post-launch action without a name is named after its document (plan/app-checks.ts).
  const actionName = (n: PNode) => stringOf(get(n, 'name')) ?? stringOf(get(n, 'action'))?.split('/').pop();
  for (const w of waves) {
    const checks = get(w.node, 'checks');
    checkUniqueNames(checks, ['waves', w.index, 'checks'], (n) => stringOf(get(n, 'name')), f);
    checkUniqueNames(get(w.node, 'postLaunch'), ['waves', w.index, 'postLaunch'], actionName, f);
    const servers = get(w.node, 'servers');
    if (servers?.kind === 'seq')
      servers.items.forEach((s, j) => {
        checkUniqueNames(get(s, 'postLaunch'), ['waves', w.index, 'servers', j, 'postLaunch'], actionName, f);
      });
    if (checks?.kind !== 'seq') continue;
    checks.items.forEach((c, i) => {
      const t = get(c, 'timeout');
      if (
        t?.kind === 'scalar' &&
        (typeof t.value === 'string' || typeof t.value === 'number') &&
        parseDuration(t.value) === 0
      )
        f.add('error', t, ['waves', w.index, 'checks', i, 'timeout'], 'a check timeout must be more than 0');
    });
  }
}

/** The rules JSON Schema cannot say, each reported where it happens. Defensive: runs on any tree. */
export function checkSemantics(root: PNode, file: string): Diagnostic[] {
  const f = new Findings(file);
  const waves = wavesOf(root);
  const names = new Set(waves.flatMap((w) => (w.name === undefined ? [] : [w.name])));
  checkWaveNames(waves, f);
  checkCycles(waves, dependencies(waves, names, f), f);
  checkServers(waves, f);
  checkPositiveDurations(root, waves, f);
  checkAppChecks(waves, f);
  return f.list;
}
