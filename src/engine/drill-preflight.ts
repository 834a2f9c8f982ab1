/**
 * Preflight of a drill with the plan's `drill:` overrides: the drill launches with them, so its network
 * is checked as the drill will use it; and a drill that would take the source server's private IP into
 * the recovery subnet, with nothing to isolate it, is warned about.
 */
import type { DrillSettings } from '../plan/types.js';
import { effectiveSubnet, type ServerFacts } from './preflight-server.js';
import type { PreflightFinding } from './resolve.js';

/** The server as its drill launches: the drill overrides over the recovery settings. Pure. */
export function drillView(f: ServerFacts): ServerFacts {
  const drill: DrillSettings = f.rs.spec.drill ?? {};
  if (Object.keys(drill).length === 0) return f;
  const { template, launch } = f.rs.spec;
  const spec = {
    ...f.rs.spec,
    template: {
      ...template,
      ...(drill.subnetId !== undefined ? { subnetId: drill.subnetId } : {}),
      ...(drill.securityGroupIds !== undefined ? { securityGroupIds: drill.securityGroupIds } : {}),
      ...(drill.instanceType !== undefined ? { instanceType: drill.instanceType } : {}),
    },
    launch: {
      ...launch,
      ...(drill.copyPrivateIp === false ? { copyPrivateIp: false } : {}),
      // The drill turns right-sizing off so that its instance type holds.
      ...(drill.instanceType !== undefined ? { rightSizing: 'NONE' as const } : {}),
    },
  };
  return { ...f, rs: { ...f.rs, spec } };
}

/**
 * A drill that launches with the source server's private IP into the subnet the recovery settings use
 * may clash with the source network (the source server is still running there, or routed to it),
 * unless a `drill:` override isolates it (another subnet, or copyPrivateIp: false).
 */
export function drillIsolationFindings(f: ServerFacts): PreflightFinding[] {
  const drill = f.rs.spec.drill ?? {};
  const copyPrivateIp = f.rs.spec.launch.copyPrivateIp ?? f.launchConfig?.copyPrivateIp ?? false;
  if (!copyPrivateIp || drill.copyPrivateIp === false) return [];
  const recoverySubnet = effectiveSubnet(f);
  if (drill.subnetId !== undefined && drill.subnetId !== recoverySubnet) return [];
  return [
    {
      level: 'warning',
      message: `the drill launches with the source server's private IP (copyPrivateIp) into the recovery subnet ${recoverySubnet ?? '(none)'}, where the address may clash with the source network`,
      fix: 'Isolate the drill with a drill: override (subnetId of a drill VPC, or copyPrivateIp: false)',
    },
  ];
}
