/**
 * `repair: check`: the launch settings that differ from the plan, reported as preflight problems
 * instead of written. For teams whose launch templates are managed by Terraform or CloudFormation: a
 * drift is fixed where the template is defined, and the run starts nothing until it is.
 */
import type { SourcePosition } from '../errors.js';
import type { FieldChange, LaunchConfigDrift } from './launch-config.js';
import type { PreflightProblem } from './resolve.js';
import type { ExecutionPlan, ResolvedServer } from './types.js';

/** The plan key a change is about; `privateIp` follows from `launch.copyPrivateIp: false`. */
function planKey(change: FieldChange): string {
  return change.field === 'privateIp' ? 'launch.copyPrivateIp' : `${change.target}.${change.field}`;
}

function shown(value: unknown): string {
  return value === null || value === undefined ? 'unset' : JSON.stringify(value);
}

/** What the drift is, in plan terms: the current value, what the plan wants and where it says so. */
function describeChange(change: FieldChange, position: SourcePosition | undefined): string {
  const where = position ? ` (${position.file}:${position.line})` : '';
  if (change.field === 'privateIp')
    return `the launch template pins private IP ${shown(change.from)}, but the plan sets launch.copyPrivateIp: false${where}`;
  return `${planKey(change)} is ${shown(change.from)}, the plan wants ${shown(change.to)}${where}`;
}

/** Every drifted field of every server, one problem each, at the plan line that set the field. */
export function driftProblems(drift: readonly LaunchConfigDrift[], plan: ExecutionPlan): PreflightProblem[] {
  const byServer = new Map<string, { rs: ResolvedServer; wave: string }>();
  for (const w of plan.waves)
    for (const rs of w.servers) byServer.set(rs.sourceServerId, { rs, wave: w.wave.name });
  return drift.flatMap((d) => {
    const found = byServer.get(d.sourceServerId);
    return d.changes.map((change): PreflightProblem => {
      const position = found?.rs.spec.fieldPositions?.[planKey(change)] ?? found?.rs.spec.position;
      return {
        sourceServerId: d.sourceServerId,
        ...(d.hostname ? { hostname: d.hostname } : {}),
        ...(found ? { wave: found.wave } : {}),
        ...(position ? { position } : {}),
        message: `Source server ${d.sourceServerId}${d.hostname ? ` (${d.hostname})` : ''}: ${describeChange(change, position)}`,
        fix: 'repair is "check", so nothing is written: change the launch settings where they are managed (e.g. Terraform or CloudFormation), or change the plan, or run with repair: apply',
      };
    });
  });
}
