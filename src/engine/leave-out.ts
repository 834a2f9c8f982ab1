/**
 * `critical: false` means the run does not depend on the server: one that fails preflight (replication
 * broken, no launch configuration, busy in another job…) is left out of the run with a warning, rather
 * than stop the drill. Critical servers still stop it. Pure: preflight judges, this decides.
 */
import type { ExcludedServer, PreflightFinding, PreflightProblem } from './resolve.js';
import type { ExecutionPlan, ResolvedServer } from './types.js';

/** The server, named once, for the start of a message. */
export function serverWho(rs: Pick<ResolvedServer, 'sourceServerId' | 'hostname'>): string {
  return `Source server ${rs.sourceServerId}${rs.hostname ? ` (${rs.hostname})` : ''}`;
}

/** A finding about one server, attributed to it, its wave and its plan line. */
export function attribute(
  rs: ResolvedServer,
  wave: string,
  x: Omit<PreflightFinding, 'level'>,
): PreflightProblem {
  return {
    sourceServerId: rs.sourceServerId,
    ...(rs.hostname ? { hostname: rs.hostname } : {}),
    wave,
    position: rs.spec.position,
    message: `${serverWho(rs)}: ${x.message}`,
    ...(x.fix ? { fix: x.fix } : {}),
  };
}

/**
 * A non-critical server's preflight errors as one warning (the server named once) and its exclusion
 * record. In validate mode the warning says what a drill would do.
 */
export function leaveOut(
  rs: ResolvedServer,
  wave: string,
  errors: readonly PreflightFinding[],
  mode: 'drill' | 'recovery' | 'validate',
): { warning: PreflightProblem; excluded: ExcludedServer } {
  const reasons = errors.map((e) => e.message).join('; ');
  const fixes = [...new Set(errors.flatMap((e) => (e.fix ? [e.fix] : [])))].join('; ');
  const what =
    mode === 'validate' ? 'a drill would leave it out (non-critical)' : 'left out of this run (non-critical)';
  return {
    warning: attribute(rs, wave, { message: `${what}: ${reasons}`, ...(fixes ? { fix: fixes } : {}) }),
    excluded: {
      sourceServerId: rs.sourceServerId,
      ...(rs.hostname ? { hostname: rs.hostname } : {}),
      wave,
      reason: `non-critical, failed preflight: ${reasons}`,
    },
  };
}

/** The execution plan without the given servers (their waves stay, possibly empty). */
export function withoutServers(executionPlan: ExecutionPlan, ids: ReadonlySet<string>): ExecutionPlan {
  if (ids.size === 0) return executionPlan;
  return {
    ...executionPlan,
    waves: executionPlan.waves.map((w) => ({
      wave: w.wave,
      servers: w.servers.filter((rs) => !ids.has(rs.sourceServerId)),
    })),
  };
}

/** Nothing left to run is not a drill: a run whose every server was left out is refused. */
export function nothingToRun(executionPlan: ExecutionPlan, excluded: number): PreflightProblem | undefined {
  if (executionPlan.waves.some((w) => w.servers.length > 0)) return undefined;
  if (excluded === 0) return undefined;
  return {
    message: `Every server of the plan was left out of this run (${excluded}): there is nothing to recover`,
    fix: 'Fix the servers named in the warnings above, or shorten the input exclude',
  };
}
