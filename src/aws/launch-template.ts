/** Facts about EC2 launch template versions that both the gateway and the engine need. */
import type { LaunchTemplateVersion } from './gateways.js';

/**
 * A version made from `source` inherits its instance-level security groups, and the SDK sends no empty
 * list that could clear them; EC2 refuses those next to a network interface. So a subnet (which only a
 * network interface can carry) cannot be added to such a template by a new version.
 */
export function instanceLevelGroupsBlockSubnet(source: LaunchTemplateVersion): boolean {
  const data = source.LaunchTemplateData ?? {};
  const groups = (data.SecurityGroupIds ?? []).length + (data.SecurityGroups ?? []).length;
  return groups > 0 && (data.NetworkInterfaces ?? []).length === 0;
}
