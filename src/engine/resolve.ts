/**
 * Source servers: selector resolution (every plan entry, by id, hostname or tags, becomes the DRS source
 * servers it names) and replication readiness. Pure: the caller fetches the source servers.
 */
import type { SourceServer } from '../aws/gateways.js';
import { formatTargetDuration, parseIsoDuration } from '../core/durations.js';
import { DRS_QUOTAS } from '../core/quotas.js';
import type { SourcePosition } from '../errors.js';
import type { Plan, Selector, ServerSpec } from '../plan/types.js';
import type { ExecutionPlan, ResolvedServer, ResolvedWave } from './types.js';

/** One reason the plan cannot run as it stands, naming the server and the fix where there is one. */
export interface PreflightProblem {
  sourceServerId?: string;
  hostname?: string;
  wave?: string;
  position?: SourcePosition;
  message: string;
  fix?: string;
}

/** A finding about one server before it is attributed (the caller adds server, wave and position). */
export interface PreflightFinding {
  level: 'error' | 'warning';
  message: string;
  fix?: string;
}

/** The name people know a source server by: its hostname, else its FQDN. */
export function sourceServerHostname(server: SourceServer): string | undefined {
  const hints = server.sourceProperties?.identificationHints;
  return hints?.hostname || hints?.fqdn || undefined;
}

function firstLabel(name: string): string {
  return name.split('.')[0] ?? name;
}

/**
 * Case-insensitive match on identificationHints.hostname or .fqdn. A bare name (no dot) also matches the
 * first label of either, since agents report `db-01` in one field and `db-01.corp.example` in the other.
 */
export function hostnameMatches(selector: string, server: SourceServer): boolean {
  const wanted = selector.trim().toLowerCase();
  const hints = server.sourceProperties?.identificationHints;
  const names = [hints?.hostname, hints?.fqdn].filter((n): n is string => !!n).map((n) => n.toLowerCase());
  if (names.includes(wanted)) return true;
  return !wanted.includes('.') && names.some((n) => firstLabel(n) === wanted);
}

export function tagsMatch(tags: Record<string, string>, server: SourceServer): boolean {
  const actual = server.tags ?? {};
  return Object.entries(tags).every(([key, value]) => actual[key] === value);
}

/**
 * Failback source servers stand for recovery instances replicating back; they share hostname and tags
 * with the originals, so only an explicit id selects one.
 */
function selectable(server: SourceServer): boolean {
  return server.replicationDirection !== 'FAILBACK';
}

export function matchSelector(selector: Selector, servers: readonly SourceServer[]): SourceServer[] {
  switch (selector.kind) {
    case 'id':
      return servers.filter((s) => s.sourceServerID === selector.sourceServerId);
    case 'hostname':
      return servers.filter((s) => selectable(s) && hostnameMatches(selector.hostname, s));
    case 'tags':
      return servers.filter((s) => selectable(s) && tagsMatch(selector.tags, s));
  }
}

export function describeSelector(selector: Selector): string {
  switch (selector.kind) {
    case 'id':
      return `id ${selector.sourceServerId}`;
    case 'hostname':
      return `hostname ${selector.hostname}`;
    case 'tags':
      return `tags ${Object.entries(selector.tags)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}`;
  }
}

function where(position: SourcePosition): string {
  return `${position.file}:${position.line}:${position.col}`;
}

interface Placement {
  wave: string;
  spec: ServerSpec;
}

/**
 * Resolves every selector. Problems: a selector matching nothing, a hostname naming several servers,
 * a server selected twice (same wave or two waves), a wave above what DRS holds in flight.
 */
/** One wave's selectors → source servers; what cannot be resolved goes to `problems`. */
function resolveWave(
  wave: Plan['waves'][number],
  sourceServers: SourceServer[],
  placed: Map<string, Placement>,
  problems: PreflightProblem[],
): ResolvedServer[] {
  const resolved: ResolvedServer[] = [];
  for (const spec of wave.servers) {
    const matches = matchSelector(spec.selector, sourceServers);
    const label = describeSelector(spec.selector);
    if (matches.length === 0) {
      problems.push({
        wave: wave.name,
        position: spec.position,
        message: `Wave "${wave.name}": the selector ${label} matches no DRS source server in this region`,
        fix: 'Check the selector against the DRS console (Source servers) and the region the plan runs in',
      });
      continue;
    }
    if (spec.selector.kind === 'hostname' && matches.length > 1) {
      problems.push({
        wave: wave.name,
        position: spec.position,
        message: `Wave "${wave.name}": the selector ${label} matches ${matches.length} source servers (${matches
          .map((s) => s.sourceServerID)
          .join(', ')})`,
        fix: 'Select the intended server by id, or remove the stale source server from DRS',
      });
      continue;
    }
    for (const server of matches) {
      const sourceServerId = server.sourceServerID;
      if (!sourceServerId) continue;
      const hostname = sourceServerHostname(server);
      const earlier = placed.get(sourceServerId);
      if (earlier) {
        const sameWave = earlier.wave === wave.name;
        problems.push({
          sourceServerId,
          hostname,
          wave: wave.name,
          position: spec.position,
          message: `Source server ${sourceServerId}${hostname ? ` (${hostname})` : ''} is selected by ${label} in wave "${wave.name}" and already by ${describeSelector(earlier.spec.selector)} in ${sameWave ? 'the same wave' : `wave "${earlier.wave}"`} at ${where(earlier.spec.position)}`,
          fix: 'A server may be recovered once per run: keep one of the two entries',
        });
        continue;
      }
      placed.set(sourceServerId, { wave: wave.name, spec });
      resolved.push({ sourceServerId, ...(hostname ? { hostname } : {}), spec, sourceServer: server });
    }
  }
  return resolved;
}

export function resolvePlan(
  plan: Plan,
  sourceServers: SourceServer[],
): { executionPlan: ExecutionPlan; problems: PreflightProblem[] } {
  const problems: PreflightProblem[] = [];
  const placed = new Map<string, Placement>();
  const waves: ResolvedWave[] = [];

  for (const wave of plan.waves) {
    const resolved = resolveWave(wave, sourceServers, placed, problems);
    if (resolved.length > DRS_QUOTAS.maxServersInActiveJobs) {
      problems.push({
        wave: wave.name,
        position: wave.position,
        message: `Wave "${wave.name}" resolves to ${resolved.length} source servers; DRS holds at most ${DRS_QUOTAS.maxServersInActiveJobs} in active jobs`,
        fix: `Split the wave into waves of at most ${DRS_QUOTAS.maxServersInActiveJobs} servers`,
      });
    }
    waves.push({ wave, servers: resolved });
  }
  return { executionPlan: { plan, waves }, problems };
}

/** A server left out of one run: by the input exclude, or as a non-critical server that failed preflight. */
export interface ExcludedServer {
  sourceServerId: string;
  hostname?: string;
  wave: string;
  /** Why: `input exclude`, or the preflight failures of a non-critical server. */
  reason: string;
}

export const EXCLUDE_INPUT_REASON = 'input exclude';

/**
 * Leaves the servers named in `exclude` (source server ids or hostnames, case-insensitive for
 * hostnames) out of the execution plan. A name that matches no server of the plan is a problem: a
 * typo must not let a server the user meant to protect run anyway. Pure.
 */
export function excludeServers(
  executionPlan: ExecutionPlan,
  exclude: readonly string[],
): { executionPlan: ExecutionPlan; excluded: ExcludedServer[]; problems: PreflightProblem[] } {
  if (exclude.length === 0) return { executionPlan, excluded: [], problems: [] };
  const wanted = exclude.map((e) => e.trim()).filter((e) => e !== '');
  const matches = (rs: ResolvedServer, name: string) =>
    rs.sourceServerId === name ||
    (rs.hostname !== undefined && rs.hostname.toLowerCase() === name.toLowerCase());
  const used = new Set<string>();
  const excluded: ExcludedServer[] = [];
  const waves = executionPlan.waves.map((rw) => ({
    wave: rw.wave,
    servers: rw.servers.filter((rs) => {
      const hit = wanted.filter((name) => matches(rs, name));
      if (hit.length === 0) return true;
      for (const name of hit) used.add(name);
      excluded.push({
        sourceServerId: rs.sourceServerId,
        ...(rs.hostname ? { hostname: rs.hostname } : {}),
        wave: rw.wave.name,
        reason: EXCLUDE_INPUT_REASON,
      });
      return false;
    }),
  }));
  const problems = wanted
    .filter((name) => !used.has(name))
    .map((name) => ({
      message: `input exclude: "${name.slice(0, 80)}" is not a source server id or hostname of any server this plan selects`,
      fix: 'Use a source server id (s-…) or a hostname from the plan’s resolved servers',
    }));
  return { executionPlan: { ...executionPlan, waves }, excluded, problems };
}

/**
 * Waves grouped by depth in the dependency graph (longest path from a wave with no dependencies): the
 * waves that would run side by side if every wave took as long as every other.
 */
export function concurrentWaveGroups(plan: Plan): string[][] {
  const depth = new Map<string, number>();
  const byName = new Map(plan.waves.map((w) => [w.name, w]));
  const visit = (name: string, path: Set<string>): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    if (path.has(name)) return 0; // cycles are reported by plan validation; do not loop here
    path.add(name);
    const parents = (byName.get(name)?.dependsOn ?? []).filter((p) => byName.has(p));
    const d = parents.length === 0 ? 0 : 1 + Math.max(...parents.map((p) => visit(p, path)));
    depth.set(name, d);
    return d;
  };
  const groups: string[][] = [];
  for (const w of plan.waves) {
    const d = visit(w.name, new Set());
    groups[d] = [...(groups[d] ?? []), w.name];
  }
  return groups.filter((g) => g.length > 0);
}

const REPLICATION_WARN = new Set(['BACKLOG', 'CREATING_SNAPSHOT', 'RESCAN']);

/** Replication state, replication errors and lag against the plan's RPO. */
export function replicationFindings(
  server: SourceServer,
  rpoSeconds: number | undefined,
): PreflightFinding[] {
  const out: PreflightFinding[] = [];
  if (server.replicationDirection === 'FAILBACK') {
    out.push({
      level: 'error',
      message:
        'is a failback source server (it replicates a recovery instance back), not a server to recover',
      fix: 'Select the original source server instead',
    });
  }
  const info = server.dataReplicationInfo;
  const state = info?.dataReplicationState;
  if (state !== 'CONTINUOUS') {
    const warn = state !== undefined && REPLICATION_WARN.has(state);
    out.push({
      level: warn ? 'warning' : 'error',
      message: `replication state is ${state ?? 'unknown'}, not CONTINUOUS`,
      fix: warn
        ? 'Recovery works but may use older data; drill when replication is CONTINUOUS'
        : 'Fix replication in the DRS console (agent, network, replication server) until it is CONTINUOUS',
    });
  }
  const replicationError = info?.dataReplicationError;
  if (replicationError?.error) {
    out.push({
      level: 'error',
      message: `replication error ${replicationError.error}${replicationError.rawError ? `: ${replicationError.rawError}` : ''}`,
      fix: 'Resolve the replication error shown in the DRS console',
    });
  }
  const lag = info?.lagDuration;
  if (lag !== undefined && rpoSeconds !== undefined) {
    const lagSeconds = parseIsoDuration(lag);
    if (lagSeconds === undefined) {
      out.push({
        level: 'warning',
        message: `replication lag "${lag}" is not an ISO-8601 duration; RPO not checked`,
      });
    } else if (lagSeconds > rpoSeconds) {
      out.push({
        level: 'error',
        message: `replication lag ${formatTargetDuration(lagSeconds)} exceeds the plan's RPO of ${formatTargetDuration(rpoSeconds)}`,
        fix: 'Wait for replication to catch up, or check the replication bandwidth',
      });
    }
  }
  return out;
}
