/**
 * The EC2 gateway: the only module that sends EC2 Commands. Batches ids to EC2's request limits and
 * follows every page.
 */

import { UserError } from '../errors.js';
import { chunk, collect, ServerClock, trackServerTime } from './drs-gateway.js';
import { DRILL_VERSION_DESCRIPTION, type Ec2Gateway, type LaunchTemplateChange } from './gateways.js';
import { instanceLevelGroupsBlockSubnet } from './launch-template.js';
import {
  CreateLaunchTemplateVersionCommand,
  CreateTagsCommand,
  DescribeLaunchTemplateVersionsCommand,
  type EC2Client,
  type Instance,
  type InstanceStatus,
  type LaunchTemplateInstanceNetworkInterfaceSpecification,
  type LaunchTemplateInstanceNetworkInterfaceSpecificationRequest,
  type LaunchTemplateTagSpecification,
  type LaunchTemplateTagSpecificationRequest,
  type LaunchTemplateVersion,
  ModifyLaunchTemplateCommand,
  paginateDescribeInstanceStatus,
  paginateDescribeInstances,
  paginateDescribeLaunchTemplateVersions,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  type RequestLaunchTemplateData,
  type ResponseLaunchTemplateData,
  type SecurityGroup,
  type Subnet,
} from './sdk.js';

/** EC2 request limits: DescribeInstances takes 1,000 ids, DescribeInstanceStatus 100; CreateTags 1,000 resources. */
export const EC2_BATCH = {
  describeInstancesIds: 1000,
  describeInstanceStatusIds: 100,
  createTagsResources: 1000,
  describeSubnetsIds: 200,
  describeSecurityGroupsIds: 200,
  /** DescribeLaunchTemplateVersions without a template (every template's default): 1-200 a page. */
  launchTemplateVersionsPage: 200,
} as const;

/**
 * Most pages one EC2 read may take: every read names at most 1,000 ids (EC2_BATCH), so its answer
 * holds at most 1,000 items, 10 pages even when EC2 answers 100 at a time.
 */
export const EC2_MAX_PAGES = 100;

function ec2(operation: string) {
  return { operation: `EC2 ${operation}`, maxPages: EC2_MAX_PAGES };
}

/** EC2 accepts client tokens of at most this many characters. */
export const MAX_CLIENT_TOKEN_LENGTH = 255;

/** Turns a described network interface back into the request shape (a few members differ in type name only). */
export function toNetworkInterfaceRequest(
  ni: LaunchTemplateInstanceNetworkInterfaceSpecification,
): LaunchTemplateInstanceNetworkInterfaceSpecificationRequest {
  const { Ipv6Addresses, Ipv4Prefixes, Ipv6Prefixes, ...rest } = ni;
  return {
    ...rest,
    ...(Ipv6Addresses ? { Ipv6Addresses: Ipv6Addresses.map((a) => ({ Ipv6Address: a.Ipv6Address })) } : {}),
    ...(Ipv4Prefixes ? { Ipv4Prefixes: Ipv4Prefixes.map((p) => ({ Ipv4Prefix: p.Ipv4Prefix })) } : {}),
    ...(Ipv6Prefixes ? { Ipv6Prefixes: Ipv6Prefixes.map((p) => ({ Ipv6Prefix: p.Ipv6Prefix })) } : {}),
  };
}

/** The instance profile member: an ARN goes in `Arn`, anything else is a name. */
export function instanceProfileSpec(profile: string): { Arn: string } | { Name: string } {
  return profile.startsWith('arn:') ? { Arn: profile } : { Name: profile };
}

/**
 * The LaunchTemplateData of a new version made from `source` with `change` applied: only the changed
 * members. DRS keeps subnet and security groups on the primary network interface (DeviceIndex 0), so
 * they are merged into it; since a given NetworkInterfaces list replaces the source's whole list, the
 * other interfaces are carried over as they are.
 */
export function launchTemplateData(
  source: LaunchTemplateVersion,
  change: LaunchTemplateChange,
): RequestLaunchTemplateData {
  const data: RequestLaunchTemplateData = {};
  const sourceData = source.LaunchTemplateData ?? {};
  // The SDK's instance-type enum lags EC2's list; EC2 itself validates the name.
  if (change.instanceType !== undefined)
    data.InstanceType = change.instanceType as RequestLaunchTemplateData['InstanceType'];
  if (change.instanceProfile !== undefined)
    data.IamInstanceProfile = instanceProfileSpec(change.instanceProfile);
  if (change.instanceTags !== undefined)
    data.TagSpecifications = withInstanceTags(sourceData.TagSpecifications ?? [], change.instanceTags);
  if (change.subnetId === undefined && change.securityGroupIds === undefined && !change.clearPrivateIp)
    return data;

  const interfaces = (sourceData.NetworkInterfaces ?? []).map(toNetworkInterfaceRequest);
  if (interfaces.length === 0 && change.subnetId === undefined) {
    // Groups only, on a template without interfaces: they stay at instance level.
    data.SecurityGroupIds = change.securityGroupIds;
    return data;
  }
  if (instanceLevelGroupsBlockSubnet(source)) {
    throw new UserError(
      `Launch template ${source.LaunchTemplateId ?? ''} version ${source.VersionNumber ?? '?'} sets security groups at instance level, so no subnet can be added to it: move the groups onto its primary network interface (with a subnet) in the EC2 console`,
    );
  }
  let primaryAt = interfaces.findIndex(
    (ni) => (ni.DeviceIndex ?? 0) === 0 && (ni.NetworkCardIndex ?? 0) === 0,
  );
  if (primaryAt < 0) {
    interfaces.unshift({ DeviceIndex: 0 });
    primaryAt = 0;
  }
  const primary = { ...interfaces[primaryAt], DeviceIndex: 0 };
  if (change.subnetId !== undefined) primary.SubnetId = change.subnetId;
  if (change.securityGroupIds !== undefined) primary.Groups = change.securityGroupIds;
  if (change.clearPrivateIp) {
    // The given interface list replaces the source's: leaving the members out removes the address.
    delete primary.PrivateIpAddress;
    delete primary.PrivateIpAddresses;
  }
  interfaces[primaryAt] = primary;
  data.NetworkInterfaces = interfaces;
  return data;
}

/**
 * The tag specifications with `tags` added to the instance's; a given list replaces the source's whole
 * list, so every other specification (and the instance's other tags, DRS's own among them) is carried.
 */
export function withInstanceTags(
  specs: readonly LaunchTemplateTagSpecification[],
  tags: Record<string, string>,
): LaunchTemplateTagSpecificationRequest[] {
  const out: LaunchTemplateTagSpecificationRequest[] = specs.map((s) => ({
    ...(s.ResourceType ? { ResourceType: s.ResourceType } : {}),
    Tags: [...(s.Tags ?? [])],
  }));
  let instance = out.find((s) => s.ResourceType === 'instance');
  if (!instance) {
    instance = { ResourceType: 'instance', Tags: [] };
    out.push(instance);
  }
  const kept = (instance.Tags ?? []).filter((tag) => tag.Key === undefined || !(tag.Key in tags));
  instance.Tags = [...kept, ...Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))];
  return out;
}

/**
 * A described version's data in the request shape, to make a version with the same content. The
 * members share their names; network interfaces differ in a few member types (toNetworkInterfaceRequest),
 * and members only a description carries are not sent by the SDK's serializer.
 */
export function requestDataOf(data: ResponseLaunchTemplateData): RequestLaunchTemplateData {
  const { NetworkInterfaces, ...rest } = data;
  return {
    ...(rest as RequestLaunchTemplateData),
    ...(NetworkInterfaces ? { NetworkInterfaces: NetworkInterfaces.map(toNetworkInterfaceRequest) } : {}),
  };
}

function isVersionNotFound(e: unknown): boolean {
  const name = (e as { name?: string; Code?: string } | undefined)?.name ?? '';
  return name === 'InvalidLaunchTemplateId.VersionNotFound';
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

export function createEc2Gateway(client: EC2Client): Ec2Gateway {
  const clock = new ServerClock();
  trackServerTime(client.middlewareStack, clock);

  async function describeVersion(launchTemplateId: string, version: string): Promise<LaunchTemplateVersion> {
    const output = await client.send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: launchTemplateId, Versions: [version] }),
    );
    const found = output.LaunchTemplateVersions?.[0];
    if (!found) throw new Error(`EC2 returned no version ${version} of launch template ${launchTemplateId}`);
    return found;
  }

  /** A new version with `data` (from `sourceVersion` when given), made the default. */
  async function createDefault(
    launchTemplateId: string,
    data: RequestLaunchTemplateData,
    opts: { sourceVersion?: number; clientToken: string; description: string },
  ): Promise<number> {
    if (opts.clientToken.length === 0 || opts.clientToken.length > MAX_CLIENT_TOKEN_LENGTH) {
      throw new RangeError(`client token must be 1-${MAX_CLIENT_TOKEN_LENGTH} characters`);
    }
    const created = await client.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateId: launchTemplateId,
        ...(opts.sourceVersion !== undefined ? { SourceVersion: String(opts.sourceVersion) } : {}),
        LaunchTemplateData: data,
        ClientToken: opts.clientToken,
        VersionDescription: opts.description,
      }),
    );
    const version = created.LaunchTemplateVersion?.VersionNumber;
    if (version === undefined) {
      throw new Error(`EC2 created a version of launch template ${launchTemplateId} but did not say which`);
    }
    await client.send(
      new ModifyLaunchTemplateCommand({
        LaunchTemplateId: launchTemplateId,
        DefaultVersion: String(version),
      }),
    );
    return version;
  }

  return {
    serverTime: () => clock.serverTime(),

    async describeInstances(instanceIds: string[]): Promise<Instance[]> {
      const out: Instance[] = [];
      // No MaxResults: EC2 refuses it together with InstanceIds.
      for (const ids of chunk(unique(instanceIds), EC2_BATCH.describeInstancesIds)) {
        const reservations = await collect(
          paginateDescribeInstances({ client }, { InstanceIds: ids }),
          (p) => p.Reservations,
          ec2('DescribeInstances'),
        );
        for (const r of reservations) out.push(...(r.Instances ?? []));
      }
      return out;
    },

    async describeInstanceStatus(instanceIds: string[]): Promise<InstanceStatus[]> {
      const out: InstanceStatus[] = [];
      for (const ids of chunk(unique(instanceIds), EC2_BATCH.describeInstanceStatusIds)) {
        out.push(
          ...(await collect(
            paginateDescribeInstanceStatus({ client }, { InstanceIds: ids, IncludeAllInstances: true }),
            (p) => p.InstanceStatuses,
            ec2('DescribeInstanceStatus'),
          )),
        );
      }
      return out;
    },

    async createTags(resourceIds: string[], tags: Record<string, string>): Promise<void> {
      const Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
      if (Tags.length === 0) return;
      for (const ids of chunk(unique(resourceIds), EC2_BATCH.createTagsResources)) {
        await client.send(new CreateTagsCommand({ Resources: ids, Tags }));
      }
    },

    describeDefaultLaunchTemplateVersion: (launchTemplateId: string) =>
      describeVersion(launchTemplateId, '$Default'),

    async describeDefaultVersionsOf(launchTemplateIds: string[], maxPages: number) {
      const wanted = new Set(launchTemplateIds);
      const found = new Map<string, LaunchTemplateVersion>();
      if (wanted.size === 0 || maxPages < 1) return found;
      let pages = 0;
      const listing = paginateDescribeLaunchTemplateVersions(
        { client },
        { Versions: ['$Default'], MaxResults: EC2_BATCH.launchTemplateVersionsPage },
      );
      for await (const page of listing) {
        for (const v of page.LaunchTemplateVersions ?? []) {
          if (v.LaunchTemplateId && wanted.has(v.LaunchTemplateId)) found.set(v.LaunchTemplateId, v);
        }
        pages += 1;
        if (found.size === wanted.size || pages >= maxPages) break;
      }
      return found;
    },

    async updateLaunchTemplate(
      launchTemplateId: string,
      sourceVersion: number,
      change: LaunchTemplateChange,
      clientToken: string,
    ): Promise<number> {
      if (clientToken.length === 0 || clientToken.length > MAX_CLIENT_TOKEN_LENGTH) {
        throw new RangeError(`client token must be 1-${MAX_CLIENT_TOKEN_LENGTH} characters`);
      }
      const source = await describeVersion(launchTemplateId, String(sourceVersion));
      return createDefault(launchTemplateId, launchTemplateData(source, change), {
        sourceVersion,
        clientToken,
        description: change.drill
          ? DRILL_VERSION_DESCRIPTION
          : 'drs-drill: launch settings from the recovery plan',
      });
    },

    async describeLaunchTemplateVersion(launchTemplateId: string, version: number) {
      try {
        return await describeVersion(launchTemplateId, String(version));
      } catch (e) {
        if (isVersionNotFound(e)) return undefined;
        throw e;
      }
    },

    restoreLaunchTemplateVersion(launchTemplateId, data, opts) {
      return createDefault(launchTemplateId, requestDataOf(data), {
        ...opts,
        description: 'drs-drill: recovery settings restored after a drill',
      });
    },

    async describeSubnets(subnetIds: string[]): Promise<Subnet[]> {
      const out: Subnet[] = [];
      for (const ids of chunk(unique(subnetIds), EC2_BATCH.describeSubnetsIds)) {
        out.push(
          ...(await collect(
            paginateDescribeSubnets({ client }, { SubnetIds: ids }),
            (p) => p.Subnets,
            ec2('DescribeSubnets'),
          )),
        );
      }
      return out;
    },

    async describeSecurityGroups(groupIds: string[]): Promise<SecurityGroup[]> {
      const out: SecurityGroup[] = [];
      for (const ids of chunk(unique(groupIds), EC2_BATCH.describeSecurityGroupsIds)) {
        out.push(
          ...(await collect(
            paginateDescribeSecurityGroups({ client }, { GroupIds: ids }),
            (p) => p.SecurityGroups,
            ec2('DescribeSecurityGroups'),
          )),
        );
      }
      return out;
    },
  };
}
