/** Network checks of preflight: subnet and security-group lookups, and IPv4 CIDR arithmetic for `copyPrivateIp`. */
import pLimit from 'p-limit';
import type { SecurityGroup, SourceServer, Subnet } from '../aws/gateways.js';
import { errorMessage } from '../errors.js';
import type { PreflightFinding } from './resolve.js';

/** The address as an unsigned 32-bit number, or undefined when it is not a dotted-quad IPv4 address. */
export function parseIpv4(address: string): number | undefined {
  const parts = address.trim().split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

export interface Ipv4Cidr {
  /** Network address (host bits cleared), unsigned 32-bit. */
  network: number;
  prefixLength: number;
}

/** `10.0.1.0/24` → network and prefix; undefined when malformed. Host bits set in the input are cleared. */
export function parseIpv4Cidr(cidr: string): Ipv4Cidr | undefined {
  const [address, prefix, extra] = cidr.trim().split('/');
  if (address === undefined || prefix === undefined || extra !== undefined || !/^\d{1,2}$/.test(prefix)) {
    return undefined;
  }
  const prefixLength = Number(prefix);
  const ip = parseIpv4(address);
  if (ip === undefined || prefixLength > 32) return undefined;
  return { network: ip - (ip % blockSize(prefixLength)), prefixLength };
}

/** Number of addresses in a block of this prefix length (2^(32-prefix)); plain arithmetic avoids signed 32-bit shifts. */
function blockSize(prefixLength: number): number {
  return 2 ** (32 - prefixLength);
}

/** Whether `address` lies inside `cidr`. False for malformed input of either kind. */
export function ipv4InCidr(address: string, cidr: string): boolean {
  const ip = parseIpv4(address);
  const block = parseIpv4Cidr(cidr);
  if (ip === undefined || block === undefined) return false;
  return ip >= block.network && ip < block.network + blockSize(block.prefixLength);
}

export function isIpv4(address: string): boolean {
  return parseIpv4(address) !== undefined;
}

/** The source server's primary IPv4 address (sourceProperties.networkInterfaces[isPrimary].ips). */
export function primarySourceIp(server: SourceServer): string | undefined {
  const nics = server.sourceProperties?.networkInterfaces ?? [];
  const nic = nics.find((n) => n.isPrimary) ?? nics[0];
  return nic?.ips?.find(isIpv4);
}

/** Ids looked up in EC2: what was found, and why each other id was not. */
export interface IdLookup<T> {
  found: Map<string, T>;
  missing: Map<string, string>;
}

/**
 * Looks ids up in one call; when EC2 refuses the batch (one unknown id fails the whole call), asks per id
 * (at most `concurrency` at once) so that each unusable id is named with EC2's reason.
 */
export async function lookupIds<T>(
  ids: string[],
  fetch: (ids: string[]) => Promise<T[]>,
  idOf: (item: T) => string | undefined,
  concurrency = 10,
): Promise<IdLookup<T>> {
  const found = new Map<string, T>();
  const missing = new Map<string, string>();
  if (ids.length === 0) return { found, missing };
  const take = (items: T[]) => {
    for (const item of items) {
      const id = idOf(item);
      if (id) found.set(id, item);
    }
  };
  try {
    take(await fetch(ids));
  } catch {
    const limit = pLimit(concurrency);
    await Promise.all(
      ids.map((id) =>
        limit(() => fetch([id]).then(take, (e: unknown) => void missing.set(id, errorMessage(e)))),
      ),
    );
  }
  for (const id of ids) if (!found.has(id) && !missing.has(id)) missing.set(id, 'not found');
  return { found, missing };
}

export interface NetworkLookups {
  subnets: IdLookup<Subnet>;
  groups: IdLookup<SecurityGroup>;
}

/**
 * Will a launch into `subnetId` with these groups work: the subnet exists, every group exists and is in
 * the subnet's VPC, and with copyPrivateIp the source's primary IP lies inside the subnet's CIDR.
 */
export function networkFindings(
  target: { subnetId: string; groupIds: string[]; copyPrivateIp: boolean; server: SourceServer },
  net: NetworkLookups,
): PreflightFinding[] {
  const { subnetId } = target;
  const subnet = net.subnets.found.get(subnetId);
  if (!subnet) {
    return [
      {
        level: 'error',
        message: `subnet ${subnetId} cannot be used: ${net.subnets.missing.get(subnetId) ?? 'not found'}`,
        fix: 'Use a subnet that exists in this region and account',
      },
    ];
  }
  const out: PreflightFinding[] = [];
  for (const groupId of target.groupIds) {
    const group = net.groups.found.get(groupId);
    if (!group) {
      out.push({
        level: 'error',
        message: `security group ${groupId} cannot be used: ${net.groups.missing.get(groupId) ?? 'not found'}`,
        fix: 'Use security groups that exist in this region and account',
      });
    } else if (group.VpcId !== subnet.VpcId) {
      out.push({
        level: 'error',
        message: `security group ${groupId} is in ${group.VpcId ?? 'no VPC'}, but subnet ${subnetId} is in ${subnet.VpcId}`,
        fix: `Use security groups of ${subnet.VpcId}`,
      });
    }
  }
  if (target.copyPrivateIp) {
    const ip = primarySourceIp(target.server);
    if (!ip) {
      out.push({
        level: 'warning',
        message: 'copyPrivateIp is on but DRS reports no IPv4 address for the source',
      });
    } else if (!subnet.CidrBlock || !ipv4InCidr(ip, subnet.CidrBlock)) {
      out.push({
        level: 'error',
        message: `copyPrivateIp is on but the source IP ${ip} is outside subnet ${subnetId} (${subnet.CidrBlock ?? 'no IPv4 CIDR'})`,
        fix: `Use a subnet whose CIDR contains ${ip}, or set launch.copyPrivateIp: false`,
      });
    }
  }
  return out;
}
