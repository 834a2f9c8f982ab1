/**
 * EC2 over the query protocol (form-encoded Action=..., XML answers in the 2016-11-15 namespace):
 * the instances DRS launched and the launch templates, subnets and security groups around them.
 */
import type { EmulatorRequest, EmulatorResponse } from './http-types.js';
import {
  listOf,
  parseQuery,
  type QueryTree,
  repeated,
  str,
  strings,
  sub,
  toXml,
  type XmlNode,
  type XmlValue,
} from './query.js';
import type { ScenarioTemplateVersion } from './scenario.js';
import { compactTemplateData, type Ec2Instance, type EmulatorState, type TemplateRecord } from './state.js';

const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const STATE_CODES: Record<string, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export class Ec2Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export function ec2ErrorResponse(e: Ec2Error, requestId: string): EmulatorResponse {
  return {
    status: e.status,
    headers: { 'content-type': 'text/xml;charset=UTF-8' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${e.code}</Code><Message>${toXml(e.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
  };
}

export function ec2Operation(req: EmulatorRequest): string | undefined {
  return new URLSearchParams(req.body).get('Action') ?? req.query.get('Action') ?? undefined;
}

export function handleEc2(state: EmulatorState, req: EmulatorRequest, requestId: string): EmulatorResponse {
  const params = parseQuery(req.body || req.query.toString());
  const action = str(params.Action) ?? '';
  try {
    const op = OPERATIONS[action];
    if (!op)
      throw new Ec2Error(
        'InvalidAction',
        `The action ${action || '(none)'} is not valid for this web service.`,
      );
    const result = op(state, params);
    return {
      status: 200,
      headers: { 'content-type': 'text/xml;charset=UTF-8' },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${NS}"><requestId>${requestId}</requestId>${toXml(result)}</${action}Response>`,
    };
  } catch (e) {
    if (e instanceof Ec2Error) return ec2ErrorResponse(e, requestId);
    throw e;
  }
}

interface Filter {
  name: string;
  values: string[];
}

function filtersOf(params: QueryTree): Filter[] {
  return listOf(params.Filter).map((f) => ({
    name: str(sub(f, 'Name')) ?? '',
    values: strings(sub(f, 'Value')),
  }));
}

function tagsXml(tags: Record<string, string>): XmlValue[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

function instanceMatches(i: Ec2Instance, filters: Filter[]): boolean {
  return filters.every((f) => {
    if (f.name === 'instance-id') return f.values.includes(i.instanceId);
    if (f.name === 'instance-state-name') return f.values.includes(i.state);
    if (f.name === 'tag-key') return f.values.some((k) => k in i.tags);
    if (f.name.startsWith('tag:')) {
      const v = i.tags[f.name.slice(4)];
      return v !== undefined && f.values.includes(v);
    }
    throw new Ec2Error('InvalidParameterValue', `The filter '${f.name}' is invalid`);
  });
}

function instancesById(state: EmulatorState, ids: string[]): Ec2Instance[] {
  const missing = ids.filter((id) => !state.instances.has(id));
  if (missing.length)
    throw new Ec2Error('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
  return ids.map((id) => state.instances.get(id) as Ec2Instance);
}

function paginate<T>(items: T[], params: QueryTree): { page: T[]; nextToken?: string } {
  const start = Number(str(params.NextToken) ?? '0') || 0;
  const max = Number(str(params.MaxResults) ?? '1000') || 1000;
  const next = start + max;
  return { page: items.slice(start, next), nextToken: next < items.length ? String(next) : undefined };
}

function instanceXml(state: EmulatorState, i: Ec2Instance): XmlNode {
  const groups = i.securityGroupIds.map((g) => ({
    groupId: g,
    groupName: state.scenario.securityGroups.find((x) => x.groupId === g)?.name ?? g,
  }));
  const profile = i.iamInstanceProfile;
  return {
    instanceId: i.instanceId,
    imageId: 'ami-0d1e5c0a1b2c3d4e5',
    instanceState: { code: STATE_CODES[i.state], name: i.state },
    privateDnsName: `ip-${i.privateIp.replace(/\./g, '-')}.ec2.internal`,
    instanceType: i.instanceType,
    launchTime: new Date(i.launchTime).toISOString(),
    placement: { availabilityZone: i.availabilityZone, tenancy: 'default' },
    subnetId: i.subnetId,
    vpcId: i.vpcId,
    privateIpAddress: i.privateIp,
    groupSet: groups,
    tagSet: tagsXml(i.tags),
    iamInstanceProfile: profile
      ? {
          arn: profile.startsWith('arn:')
            ? profile
            : `arn:aws:iam::${state.scenario.accountId}:instance-profile/${profile}`,
          id: 'AIPAEMULATOR0000000001',
        }
      : undefined,
  };
}

function checkStatus(i: Ec2Instance): XmlNode {
  if (i.state !== 'running')
    return { status: 'not-applicable', details: [{ name: 'reachability', status: 'not-applicable' }] };
  const detail = { ok: 'passed', impaired: 'failed', initializing: 'initializing' }[i.statusChecks];
  return { status: i.statusChecks, details: [{ name: 'reachability', status: detail }] };
}

/**
 * DescribeLaunchTemplateVersions with no template named: EC2 documents that only `$Latest` and
 * `$Default` are then valid (no numbers), and answers those versions of every template in the
 * account, MaxResults 1-200 a page.
 */
function accountVersions(state: EmulatorState, params: QueryTree) {
  const wanted = strings(params.LaunchTemplateVersion);
  if (wanted.length === 0 || wanted.some((w) => w !== '$Default' && w !== '$Latest'))
    throw new Ec2Error(
      'InvalidParameterValue',
      'Without a launch template, the versions must be $Latest or $Default',
      400,
    );
  const max = Number(str(params.MaxResults) ?? '200');
  if (!Number.isInteger(max) || max < 1 || max > 200)
    throw new Ec2Error('InvalidParameterValue', `MaxResults must be between 1 and 200, got ${max}`, 400);
  const all = [...state.templates.values()].flatMap((t) =>
    t.versions
      .filter(
        (v) =>
          (wanted.includes('$Default') && v.number === t.defaultVersion) ||
          (wanted.includes('$Latest') && v.number === t.versions.length),
      )
      .map((v) => ({ t, v })),
  );
  const { page, nextToken } = paginate(all, params);
  return { launchTemplateVersionSet: page.map(({ t, v }) => versionXml(state, t, v)), nextToken };
}

function templateById(state: EmulatorState, params: QueryTree): TemplateRecord {
  const id = str(params.LaunchTemplateId);
  const name = str(params.LaunchTemplateName);
  const template = id ? state.templates.get(id) : [...state.templates.values()].find((t) => t.name === name);
  if (!template) {
    if (!id && !name)
      throw new Ec2Error(
        'MissingParameter',
        'The request must contain the parameter LaunchTemplateId or LaunchTemplateName',
      );
    throw new Ec2Error(
      id ? 'InvalidLaunchTemplateId.NotFound' : 'InvalidLaunchTemplateName.NotFoundException',
      id
        ? `The specified launch template, with template ID ${id}, does not exist.`
        : `The specified launch template, with template name ${name}, does not exist.`,
    );
  }
  return template;
}

function versionXml(state: EmulatorState, t: TemplateRecord, v: TemplateRecord['versions'][number]): XmlNode {
  const d = v.data;
  const hasInterface =
    d.subnetId !== undefined || d.networkInterfaceGroupIds !== undefined || d.privateIpAddress !== undefined;
  const profile = d.instanceProfile;
  return {
    launchTemplateId: t.launchTemplateId,
    launchTemplateName: t.name,
    versionNumber: v.number,
    versionDescription: v.description,
    createTime: new Date(v.createdAt).toISOString(),
    createdBy: `arn:aws:iam::${state.scenario.accountId}:root`,
    defaultVersion: v.number === t.defaultVersion,
    launchTemplateData: {
      instanceType: d.instanceType,
      iamInstanceProfile: profile
        ? profile.startsWith('arn:')
          ? { arn: profile }
          : { name: profile }
        : undefined,
      networkInterfaceSet: hasInterface
        ? [
            {
              deviceIndex: 0,
              subnetId: d.subnetId,
              privateIpAddress: d.privateIpAddress,
              groupSet: d.networkInterfaceGroupIds
                ? repeated('groupId', d.networkInterfaceGroupIds)
                : undefined,
            },
          ]
        : undefined,
      securityGroupIdSet: d.securityGroupIds,
      tagSpecificationSet: [
        {
          resourceType: 'instance',
          tagSet: Object.entries({
            AWSElasticDisasterRecoveryManaged: 'drs.amazonaws.com',
            ...d.instanceTags,
          }).map(([key, value]) => ({ key, value })),
        },
      ],
    },
  };
}

function templateXml(state: EmulatorState, t: TemplateRecord): XmlNode {
  return {
    launchTemplateId: t.launchTemplateId,
    launchTemplateName: t.name,
    createTime: new Date(t.createdAt).toISOString(),
    createdBy: `arn:aws:iam::${state.scenario.accountId}:root`,
    defaultVersionNumber: t.defaultVersion,
    latestVersionNumber: t.versions.length,
  };
}

/** LaunchTemplateData.* parameters into the emulator's template fields. */
function templateData(node: QueryTree | string | undefined): ScenarioTemplateVersion {
  const out: ScenarioTemplateVersion = {};
  const instanceType = str(sub(node, 'InstanceType'));
  if (instanceType) out.instanceType = instanceType;
  const groups = strings(sub(node, 'SecurityGroupId'));
  if (groups.length) out.securityGroupIds = groups;
  const profile = sub(node, 'IamInstanceProfile');
  const profileRef = str(sub(profile, 'Arn')) ?? str(sub(profile, 'Name'));
  if (profileRef) out.instanceProfile = profileRef;
  const instanceSpec = listOf(sub(node, 'TagSpecification')).find(
    (s) => str(sub(s, 'ResourceType')) === 'instance',
  );
  if (instanceSpec !== undefined) {
    // DRS's own tag is always described (versionXml); the others are the version's.
    const tags = listOf(sub(instanceSpec, 'Tag'))
      .map((x) => [str(sub(x, 'Key')) ?? '', str(sub(x, 'Value')) ?? ''] as const)
      .filter(([k]) => k !== '' && k !== 'AWSElasticDisasterRecoveryManaged');
    // A list naming only DRS's tag replaces the source's extra tags with none.
    out.instanceTags = tags.length > 0 ? Object.fromEntries(tags) : undefined;
  }
  const nic = listOf(sub(node, 'NetworkInterface'))[0];
  if (nic !== undefined) {
    const subnetId = str(sub(nic, 'SubnetId'));
    if (subnetId) out.subnetId = subnetId;
    const nicGroups = strings(sub(nic, 'SecurityGroupId'));
    if (nicGroups.length) out.networkInterfaceGroupIds = nicGroups;
    const privateIp = str(sub(nic, 'PrivateIpAddress'));
    if (privateIp) out.privateIpAddress = privateIp;
  }
  return out;
}

type Operation = (state: EmulatorState, params: QueryTree) => XmlNode;

const OPERATIONS: Record<string, Operation> = {
  DescribeInstances(state, params) {
    const ids = strings(params.InstanceId);
    const filters = filtersOf(params);
    const list = (ids.length ? instancesById(state, ids) : [...state.instances.values()]).filter((i) =>
      instanceMatches(i, filters),
    );
    const { page, nextToken } = paginate(list, params);
    return {
      reservationSet: page.map((i) => ({
        reservationId: `r-${i.instanceId.slice(2)}`,
        ownerId: state.scenario.accountId,
        groupSet: [],
        instancesSet: [instanceXml(state, i)],
      })),
      nextToken,
    };
  },

  DescribeInstanceStatus(state, params) {
    const ids = strings(params.InstanceId);
    const all = str(params.IncludeAllInstances) === 'true';
    const list = (ids.length ? instancesById(state, ids) : [...state.instances.values()]).filter(
      (i) => all || i.state === 'running',
    );
    const { page, nextToken } = paginate(list, params);
    return {
      instanceStatusSet: page.map((i) => ({
        instanceId: i.instanceId,
        availabilityZone: i.availabilityZone,
        instanceState: { code: STATE_CODES[i.state], name: i.state },
        systemStatus: checkStatus(i),
        instanceStatus: checkStatus(i),
      })),
      nextToken,
    };
  },

  CreateTags(state, params) {
    const ids = strings(params.ResourceId);
    if (!ids.length)
      throw new Ec2Error('MissingParameter', 'The request must contain the parameter ResourceId');
    const tags = listOf(params.Tag).map(
      (t) => [str(sub(t, 'Key')) ?? '', str(sub(t, 'Value')) ?? ''] as const,
    );
    const instances = instancesById(
      state,
      ids.filter((id) => id.startsWith('i-')),
    );
    for (const i of instances) for (const [k, v] of tags) i.tags[k] = v;
    return { return: true };
  },

  DescribeLaunchTemplateVersions(state, params) {
    // Without a template: the default (or latest) version of every template in the account, paged.
    if (str(params.LaunchTemplateId) === undefined && str(params.LaunchTemplateName) === undefined)
      return accountVersions(state, params);
    const t = templateById(state, params);
    const wanted = strings(params.LaunchTemplateVersion);
    const versions = wanted.length
      ? wanted.map((w) => {
          const n = w === '$Default' ? t.defaultVersion : w === '$Latest' ? t.versions.length : Number(w);
          const v = t.versions.find((x) => x.number === n);
          if (!v)
            throw new Ec2Error(
              'InvalidLaunchTemplateId.VersionNotFound',
              `Could not find launch template version ${w} of ${t.launchTemplateId}`,
            );
          return v;
        })
      : t.versions;
    return { launchTemplateVersionSet: versions.map((v) => versionXml(state, t, v)) };
  },

  CreateLaunchTemplateVersion(state, params) {
    const t = templateById(state, params);
    const token = str(params.ClientToken);
    const earlier = token ? t.versions.find((v) => v.clientToken === token) : undefined;
    if (earlier) return { launchTemplateVersion: versionXml(state, t, earlier) };
    const sourceText = str(params.SourceVersion);
    let base: ScenarioTemplateVersion = {};
    if (sourceText !== undefined) {
      const n =
        sourceText === '$Default'
          ? t.defaultVersion
          : sourceText === '$Latest'
            ? t.versions.length
            : Number(sourceText);
      const source = t.versions.find((v) => v.number === n);
      if (!source)
        throw new Ec2Error(
          'InvalidLaunchTemplateId.VersionNotFound',
          `Could not find launch template version ${sourceText} of ${t.launchTemplateId}`,
        );
      base = structuredClone(source.data);
    }
    const change = templateData(params.LaunchTemplateData);
    // EC2 replaces the network interface list as a whole when the new data names one.
    if (listOf(sub(params.LaunchTemplateData, 'NetworkInterface')).length > 0) {
      base.subnetId = undefined;
      base.networkInterfaceGroupIds = undefined;
      base.privateIpAddress = undefined;
    }
    const data = compactTemplateData({ ...base, ...change });
    const version = state.addTemplateVersion(t, data, {
      description: str(params.VersionDescription),
      clientToken: token,
    });
    return { launchTemplateVersion: versionXml(state, t, version) };
  },

  ModifyLaunchTemplate(state, params) {
    const t = templateById(state, params);
    const wanted = str(params.SetDefaultVersion);
    if (wanted !== undefined) {
      const n = wanted === '$Latest' ? t.versions.length : Number(wanted);
      if (!t.versions.some((v) => v.number === n))
        throw new Ec2Error(
          'InvalidLaunchTemplateId.VersionNotFound',
          `Could not find launch template version ${wanted} of ${t.launchTemplateId}`,
        );
      t.defaultVersion = n;
    }
    return { launchTemplate: templateXml(state, t) };
  },

  DescribeSubnets(state, params) {
    const ids = strings(params.SubnetId);
    const filters = filtersOf(params);
    const missing = ids.filter((id) => !state.scenario.subnets.some((s) => s.subnetId === id));
    if (missing.length)
      throw new Ec2Error('InvalidSubnetID.NotFound', `The subnet ID '${missing.join(', ')}' does not exist`);
    const list = state.scenario.subnets.filter(
      (s) =>
        (!ids.length || ids.includes(s.subnetId)) &&
        filters.every((f) =>
          f.name === 'vpc-id'
            ? f.values.includes(s.vpcId)
            : f.name === 'subnet-id'
              ? f.values.includes(s.subnetId)
              : true,
        ),
    );
    return {
      subnetSet: list.map((s) => ({
        subnetId: s.subnetId,
        subnetArn: `arn:aws:ec2:${state.scenario.region}:${state.scenario.accountId}:subnet/${s.subnetId}`,
        vpcId: s.vpcId,
        cidrBlock: s.cidr,
        availabilityZone: s.availabilityZone || `${state.scenario.region}a`,
        state: 'available',
        availableIpAddressCount: 250,
        ownerId: state.scenario.accountId,
        defaultForAz: false,
        mapPublicIpOnLaunch: false,
      })),
    };
  },

  DescribeSecurityGroups(state, params) {
    const ids = strings(params.GroupId);
    const filters = filtersOf(params);
    const missing = ids.filter((id) => !state.scenario.securityGroups.some((g) => g.groupId === id));
    if (missing.length)
      throw new Ec2Error(
        'InvalidGroup.NotFound',
        `The security group '${missing.join(', ')}' does not exist`,
      );
    const list = state.scenario.securityGroups.filter(
      (g) =>
        (!ids.length || ids.includes(g.groupId)) &&
        filters.every((f) =>
          f.name === 'vpc-id'
            ? f.values.includes(g.vpcId)
            : f.name === 'group-id'
              ? f.values.includes(g.groupId)
              : true,
        ),
    );
    return {
      securityGroupInfo: list.map((g) => ({
        ownerId: state.scenario.accountId,
        groupId: g.groupId,
        groupName: g.name,
        groupDescription: g.name,
        vpcId: g.vpcId,
        ipPermissions: [],
        ipPermissionsEgress: [],
      })),
    };
  },
};
