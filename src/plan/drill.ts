/** Reading a server entry's `drill:` settings: whether it has any, and how they read in one line. */
import type { DrillSettings } from './types.js';

/** Whether a drill of this entry launches with anything other than the recovery settings. */
export function hasDrillOverrides(drill: DrillSettings | undefined): drill is DrillSettings {
  return drill !== undefined && Object.keys(drill).length > 0;
}

/** `subnet subnet-…, security groups sg-…, instance type t3.large, private IP off, tags K=V`, or undefined. */
export function drillOverrideText(drill: DrillSettings | undefined): string | undefined {
  if (!hasDrillOverrides(drill)) return undefined;
  const parts: string[] = [];
  if (drill.subnetId) parts.push(`subnet ${drill.subnetId}`);
  if (drill.securityGroupIds) parts.push(`security groups ${drill.securityGroupIds.join(' ')}`);
  if (drill.instanceType) parts.push(`instance type ${drill.instanceType}`);
  if (drill.copyPrivateIp === false) parts.push('private IP off');
  if (drill.tags) {
    const tags = Object.entries(drill.tags).map(([k, v]) => `${k}=${v}`);
    parts.push(`tags ${tags.join(' ')}`);
  }
  return parts.join(', ');
}
