/**
 * Builders for engine tests: plans, execution plans, reports, logs, source servers and a healthy
 * estate in the fake AWS (fake-aws.ts).
 */
import type { SourceServer } from '../../src/aws/gateways.js';
import type { Report } from '../../src/core/report.js';
import type { Clock, EngineLog, ExecutionPlan, ResolvedServer, RunContext } from '../../src/engine/types.js';
import type { HealthCheck, Plan, Selector, ServerSpec, Wave } from '../../src/plan/types.js';
import { FakeClock, type FakeDrs, type FakeEc2, fakeAws } from './fake-aws.js';

export function serverId(n: number): string {
  return `s-${n.toString(16).padStart(17, '0')}`;
}

export function resolvedServer(
  n: number,
  opts: {
    critical?: boolean;
    healthCheck?: HealthCheck;
    launchDisposition?: 'STARTED' | 'STOPPED';
    hostname?: string;
  } = {},
): ResolvedServer {
  const sourceServerId = serverId(n);
  const spec: ServerSpec = {
    selector: { kind: 'id', sourceServerId },
    critical: opts.critical ?? true,
    launch: opts.launchDisposition ? { launchDisposition: opts.launchDisposition } : {},
    template: {},
    healthCheck: opts.healthCheck ?? 'ec2-status',
    postLaunch: [],
    position: { file: 'plan.yaml', line: 1, col: 1 },
  };
  return {
    sourceServerId,
    ...(opts.hostname ? { hostname: opts.hostname } : {}),
    spec,
    sourceServer: { sourceServerID: sourceServerId },
  };
}

export interface WaveInput {
  name: string;
  servers: ResolvedServer[];
  dependsOn?: string[];
  timeoutSeconds?: number;
  waitAfterSeconds?: number;
}

export function makePlan(waves: WaveInput[], onFailure: 'stop' | 'continue' = 'stop'): ExecutionPlan {
  const planWaves: Wave[] = waves.map((w, index) => ({
    name: w.name,
    index,
    dependsOn: w.dependsOn ?? (index === 0 ? [] : [waves[index - 1]?.name ?? '']),
    servers: w.servers.map((s) => s.spec),
    timeoutSeconds: w.timeoutSeconds ?? 3600,
    waitAfterSeconds: w.waitAfterSeconds ?? 0,
    checks: [],
    position: { file: 'plan.yaml', line: 1, col: 1 },
  }));
  const plan: Plan = {
    version: 1,
    name: 'payments',
    objectives: {},
    onFailure,
    waves: planWaves,
    file: 'plan.yaml',
    sha256: '0'.repeat(64),
  };
  return { plan, waves: waves.map((w, i) => ({ wave: planWaves[i]!, servers: w.servers })) };
}

export const context: RunContext = {
  mode: 'drill',
  isDrill: true,
  executionId: 'octo/repo/12345',
  region: 'us-east-1',
  initiatedBy: 'octocat',
  repository: 'octo/repo',
  runUrl: 'https://github.com/octo/repo/actions/runs/12345',
  commit: 'abc123',
};

export function makeReport(ep: ExecutionPlan): Report {
  return {
    schemaVersion: 1,
    mode: 'drill',
    executionId: context.executionId,
    plan: { name: ep.plan.name, path: ep.plan.file, sha256: ep.plan.sha256 },
    region: 'us-east-1',
    isDrill: true,
    startedAt: '2024-05-01T00:00:00.000Z',
    status: 'running',
    objectives: {},
    measured: {},
    waves: [],
    launchConfigChanges: [],
    errors: [],
    warnings: [],
  };
}

export interface RecordingLog extends EngineLog {
  lines: string[];
}

export function makeLog(): RecordingLog {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warning: (m) => lines.push(`warning ${m}`),
    error: (m) => lines.push(`error ${m}`),
    debug: (m) => lines.push(`debug ${m}`),
    group: async (name, fn) => {
      lines.push(`group ${name}`);
      return fn();
    },
  };
}

// ---- preflight: plans and estates ----

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
  const { drs, ec2 } = fakeAws({ clock: new FakeClock(fixedClock.now()) });
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
