/** In-memory DRS and EC2 gateways for preflight and launch-config tests; every call is recorded. */
import type {
  DrsGateway,
  Ec2Gateway,
  Job,
  LaunchAction,
  LaunchActionPut,
  LaunchConfiguration,
  LaunchConfigurationUpdate,
  LaunchTemplateChange,
  LaunchTemplateVersion,
  RecoveryInstance,
  RecoverySnapshot,
  SecurityGroup,
  SourceServer,
  Subnet,
} from '../../../src/aws/gateways.js';
import type { Clock } from '../../../src/engine/types.js';
import type { Plan, Selector, ServerSpec, Wave } from '../../../src/plan/types.js';

export interface Call {
  method: string;
  args: unknown[];
}

function notFound(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}

export class FakeDrs implements DrsGateway {
  calls: Call[] = [];
  sourceServers: SourceServer[] = [];
  jobs: Job[] = [];
  launchConfigs = new Map<string, LaunchConfiguration>();
  snapshots = new Map<string, RecoverySnapshot[]>();
  recoveryInstances: RecoveryInstance[] = [];
  launchActions = new Map<string, LaunchAction[]>();
  /**
   * What DRS itself does to the launch template when its settings change (drs-facts §8: right-sizing
   * and copy-private-IP live in the template). Unset: nothing.
   */
  onUpdate?: (update: LaunchConfigurationUpdate, config: LaunchConfiguration) => void;

  private record(method: string, ...args: unknown[]) {
    this.calls.push({ method, args });
  }
  serverTime = () => undefined;
  async describeAllSourceServers() {
    this.record('describeAllSourceServers');
    return this.sourceServers;
  }
  async describeJobs(jobIds: string[]) {
    this.record('describeJobs', jobIds);
    return this.jobs.filter((j) => jobIds.includes(j.jobID ?? ''));
  }
  async describeJobsSince(fromDate: string) {
    this.record('describeJobsSince', fromDate);
    return this.jobs;
  }
  async describeJobLogItems(jobId: string) {
    this.record('describeJobLogItems', jobId);
    return [];
  }
  async describeRecoveryInstances(filter: { recoveryInstanceIds?: string[]; sourceServerIds?: string[] }) {
    this.record('describeRecoveryInstances', filter);
    return this.recoveryInstances.filter(
      (ri) =>
        (!filter.sourceServerIds || filter.sourceServerIds.includes(ri.sourceServerID ?? '')) &&
        (!filter.recoveryInstanceIds || filter.recoveryInstanceIds.includes(ri.recoveryInstanceID ?? '')),
    );
  }
  async describeRecoverySnapshots(sourceServerId: string) {
    this.record('describeRecoverySnapshots', sourceServerId);
    return this.snapshots.get(sourceServerId) ?? [];
  }
  async getLaunchConfiguration(sourceServerId: string) {
    this.record('getLaunchConfiguration', sourceServerId);
    const config = this.launchConfigs.get(sourceServerId);
    if (!config) throw notFound('ResourceNotFoundException', `Source server ${sourceServerId} not found`);
    return config;
  }
  async updateLaunchConfiguration(update: LaunchConfigurationUpdate) {
    this.record('updateLaunchConfiguration', update);
    const config = { ...this.launchConfigs.get(update.sourceServerID), ...update };
    this.launchConfigs.set(update.sourceServerID, config);
    this.onUpdate?.(update, config);
    return config;
  }
  async listLaunchActions(sourceServerId: string) {
    this.record('listLaunchActions', sourceServerId);
    return [...(this.launchActions.get(sourceServerId) ?? [])];
  }
  async putLaunchAction(sourceServerId: string, a: LaunchActionPut) {
    this.record('putLaunchAction', sourceServerId, a);
    const list = (this.launchActions.get(sourceServerId) ?? []).filter((x) => x.actionId !== a.actionId);
    const parameters = Object.fromEntries(
      Object.entries(a.parameters).map(([k, value]) => [k, { value, type: 'DYNAMIC' as const }]),
    );
    list.push({ ...a, active: true, actionVersion: '$DEFAULT', type: 'SSM_COMMAND', parameters });
    this.launchActions.set(sourceServerId, list);
  }
  async deleteLaunchAction(sourceServerId: string, actionId: string) {
    this.record('deleteLaunchAction', sourceServerId, actionId);
    const list = this.launchActions.get(sourceServerId) ?? [];
    this.launchActions.set(
      sourceServerId,
      list.filter((x) => x.actionId !== actionId),
    );
  }
  async startRecovery(request: unknown): Promise<Job> {
    this.record('startRecovery', request);
    throw new Error('not in preflight');
  }
  async terminateRecoveryInstances(ids: string[]): Promise<Job> {
    this.record('terminateRecoveryInstances', ids);
    throw new Error('not in preflight');
  }
}

/** A new default version made from `source` with `change` applied, as EC2 would store it. */
export function applyTemplateChange(
  source: LaunchTemplateVersion,
  change: LaunchTemplateChange,
  version: number,
): LaunchTemplateVersion {
  const data = structuredClone(source.LaunchTemplateData ?? {});
  if (change.instanceType) data.InstanceType = change.instanceType as typeof data.InstanceType;
  if (change.instanceProfile) data.IamInstanceProfile = { Name: change.instanceProfile };
  if (change.subnetId || change.securityGroupIds || change.clearPrivateIp) {
    const [primary = { DeviceIndex: 0 }, ...rest] = data.NetworkInterfaces ?? [];
    if (change.subnetId) primary.SubnetId = change.subnetId;
    if (change.securityGroupIds) primary.Groups = change.securityGroupIds;
    if (change.clearPrivateIp) {
      delete primary.PrivateIpAddress;
      delete primary.PrivateIpAddresses;
    }
    data.NetworkInterfaces = [primary, ...rest];
  }
  return { ...source, VersionNumber: version, LaunchTemplateData: data };
}

export class FakeEc2 implements Ec2Gateway {
  calls: Call[] = [];
  templates = new Map<string, LaunchTemplateVersion>();
  subnets: Subnet[] = [];
  securityGroups: SecurityGroup[] = [];
  /** Version numbers handed out by updateLaunchTemplate, keyed by client token (EC2's idempotency). */
  tokens = new Map<string, number>();
  private nextVersion = 100;

  private record(method: string, ...args: unknown[]) {
    this.calls.push({ method, args });
  }
  serverTime = () => undefined;
  async describeInstances(ids: string[]) {
    this.record('describeInstances', ids);
    return [];
  }
  async describeInstanceStatus(ids: string[]) {
    this.record('describeInstanceStatus', ids);
    return [];
  }
  async createTags(ids: string[], tags: Record<string, string>) {
    this.record('createTags', ids, tags);
  }
  async describeDefaultLaunchTemplateVersion(id: string) {
    this.record('describeDefaultLaunchTemplateVersion', id);
    const version = this.templates.get(id);
    if (!version) throw notFound('InvalidLaunchTemplateId.NotFound', `launch template ${id} does not exist`);
    return version;
  }
  async updateLaunchTemplate(id: string, sourceVersion: number, change: LaunchTemplateChange, token: string) {
    this.record('updateLaunchTemplate', id, sourceVersion, change, token);
    const known = this.tokens.get(token);
    if (known !== undefined) return known;
    this.nextVersion += 1;
    this.tokens.set(token, this.nextVersion);
    const source = this.templates.get(id);
    if (source) this.templates.set(id, applyTemplateChange(source, change, this.nextVersion));
    return this.nextVersion;
  }
  /** Like EC2: one unknown id fails the whole call. */
  async describeSubnets(ids: string[]) {
    this.record('describeSubnets', ids);
    const missing = ids.filter((id) => !this.subnets.some((s) => s.SubnetId === id));
    if (missing.length > 0)
      throw notFound('InvalidSubnetID.NotFound', `The subnet ID '${missing.join(', ')}' does not exist`);
    return this.subnets.filter((s) => ids.includes(s.SubnetId ?? ''));
  }
  async describeSecurityGroups(ids: string[]) {
    this.record('describeSecurityGroups', ids);
    const missing = ids.filter((id) => !this.securityGroups.some((g) => g.GroupId === id));
    if (missing.length > 0)
      throw notFound('InvalidGroup.NotFound', `The security group '${missing.join(', ')}' does not exist`);
    return this.securityGroups.filter((g) => ids.includes(g.GroupId ?? ''));
  }
}

/** Gateway methods that change something in AWS. */
export const WRITES = [
  'updateLaunchConfiguration',
  'startRecovery',
  'terminateRecoveryInstances',
  'createTags',
  'updateLaunchTemplate',
  'putLaunchAction',
  'deleteLaunchAction',
];

export function writesOf(...fakes: { calls: Call[] }[]): Call[] {
  return fakes.flatMap((f) => f.calls.filter((c) => WRITES.includes(c.method)));
}

export const fixedClock: Clock = { now: () => Date.parse('2026-03-01T12:00:00Z'), sleep: async () => {} };

export function sourceServer(
  id: string,
  opts: Partial<SourceServer> & { hostname?: string; fqdn?: string; ip?: string } = {},
): SourceServer {
  const { hostname, fqdn, ip, ...rest } = opts;
  return {
    sourceServerID: id,
    replicationDirection: 'FAILOVER',
    dataReplicationInfo: { dataReplicationState: 'CONTINUOUS', lagDuration: 'PT5S' },
    sourceProperties: {
      identificationHints: { ...(hostname ? { hostname } : {}), ...(fqdn ? { fqdn } : {}) },
      networkInterfaces: [{ isPrimary: true, ips: [ip ?? '10.0.1.10'] }],
    },
    ...rest,
  };
}

let line = 10;
export function spec(selector: Selector, extra: Partial<ServerSpec> = {}): ServerSpec {
  line += 1;
  return {
    selector,
    critical: true,
    launch: {},
    template: {},
    healthCheck: 'ec2-status',
    postLaunch: [],
    position: { file: 'plan.yaml', line, col: 9 },
    ...extra,
  };
}

export function wave(name: string, servers: ServerSpec[], extra: Partial<Wave> = {}): Wave {
  line += 1;
  return {
    name,
    index: 0,
    dependsOn: [],
    servers,
    timeoutSeconds: 3600,
    waitAfterSeconds: 0,
    checks: [],
    position: { file: 'plan.yaml', line, col: 5 },
    ...extra,
  };
}

export function plan(waves: Wave[], extra: Partial<Plan> = {}): Plan {
  return {
    version: 1,
    name: 'test',
    objectives: {},
    onFailure: 'stop',
    waves: waves.map((w, index) => ({ ...w, index })),
    file: 'plan.yaml',
    sha256: '0'.repeat(64),
    ...extra,
  };
}

/** A healthy estate around a list of servers: launch configs, a template each, one subnet and group. */
export function healthyEstate(servers: SourceServer[]): { drs: FakeDrs; ec2: FakeEc2 } {
  const drs = new FakeDrs();
  const ec2 = new FakeEc2();
  drs.sourceServers = servers;
  for (const s of servers) {
    const id = s.sourceServerID ?? '';
    const lt = `lt-${id}`;
    drs.launchConfigs.set(id, {
      sourceServerID: id,
      ec2LaunchTemplateID: lt,
      copyPrivateIp: false,
      copyTags: true,
      launchDisposition: 'STARTED',
      targetInstanceTypeRightSizingMethod: 'NONE',
      licensing: { osByol: false },
    });
    ec2.templates.set(lt, {
      LaunchTemplateId: lt,
      VersionNumber: 1,
      LaunchTemplateData: {
        InstanceType: 'm6i.large',
        NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: 'subnet-a', Groups: ['sg-a'] }],
        TagSpecifications: [
          {
            ResourceType: 'instance',
            Tags: [{ Key: 'AWSElasticDisasterRecoveryManaged', Value: 'drs.amazonaws.com' }],
          },
        ],
      },
    });
  }
  ec2.subnets = [
    { SubnetId: 'subnet-a', VpcId: 'vpc-a', CidrBlock: '10.0.1.0/24' },
    { SubnetId: 'subnet-b', VpcId: 'vpc-b', CidrBlock: '10.9.0.0/16' },
  ];
  ec2.securityGroups = [
    { GroupId: 'sg-a', VpcId: 'vpc-a' },
    { GroupId: 'sg-b', VpcId: 'vpc-b' },
  ];
  return { drs, ec2 };
}
