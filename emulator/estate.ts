/**
 * Large estates without a large file: `generateEstate(n)` builds n source servers in five tiers
 * (`App=big`, `Tier=t1`…`t5`, contiguous blocks), each with a launch template that is already
 * launchable (subnet and security group set). Used by tests, the benchmark and `generate:` in YAML.
 */
import { noFaults } from './faults-load.js';
import {
  DEFAULT_DRS_BEHAVIOUR,
  DEFAULT_TIMINGS,
  type Scenario,
  type ScenarioServer,
  type ScenarioTemplate,
} from './scenario.js';

export const ESTATE_SUBNET = 'subnet-0b1000000000000a1';
export const ESTATE_VPC = 'vpc-0b1000000000000a1';
export const ESTATE_SG = 'sg-0b1000000000000a1';

/** `s-` + 17 hex digits of the index: s-00000000000000000, s-00000000000000001, … */
export function estateServerId(index: number): string {
  return `s-${index.toString(16).padStart(17, '0')}`;
}

export function estateParts(
  n: number,
  startTime: string,
): { servers: ScenarioServer[]; templates: ScenarioTemplate[] } {
  const perTier = Math.max(1, Math.ceil(n / 5));
  const servers: ScenarioServer[] = [];
  const templates: ScenarioTemplate[] = [];
  const t0 = Date.parse(startTime);
  for (let i = 0; i < n; i++) {
    const sourceServerID = estateServerId(i);
    const launchTemplateId = `lt-${(0xe0000 + i).toString(16).padStart(17, '0')}`;
    const tier = `t${Math.min(5, Math.floor(i / perTier) + 1)}`;
    const hostname = `big-${tier}-${String(i).padStart(4, '0')}.big.internal`;
    templates.push({
      launchTemplateId,
      name: `drs-${hostname}`,
      defaultVersion: 1,
      versions: [
        { subnetId: ESTATE_SUBNET, networkInterfaceGroupIds: [ESTATE_SG], instanceType: 'm6i.large' },
      ],
    });
    servers.push({
      sourceServerID,
      hostname,
      fqdn: hostname,
      tags: { App: 'big', Tier: tier },
      replicationState: 'CONTINUOUS',
      lagSeconds: 5 + (i % 20),
      snapshots: [
        {
          snapshotID: `pit-${i.toString(36).padStart(17, '0')}`,
          timestamp: new Date(t0 - 600_000).toISOString(),
        },
      ],
      launchTemplateId,
      launchDisposition: 'STARTED',
      rightSizing: 'NONE',
      copyPrivateIp: false,
      copyTags: false,
      osByol: false,
      launchActions: [],
    });
  }
  return { servers, templates };
}

export function generateEstate(n: number, startTime = '2025-06-02T09:00:00Z'): Scenario {
  const { servers, templates } = estateParts(n, startTime);
  return {
    accountId: '111122223333',
    region: 'us-east-1',
    startTime,
    defaultVpc: false,
    servers,
    launchTemplates: templates,
    subnets: [
      { subnetId: ESTATE_SUBNET, vpcId: ESTATE_VPC, cidr: '10.16.0.0/16', availabilityZone: 'us-east-1a' },
    ],
    securityGroups: [{ groupId: ESTATE_SG, vpcId: ESTATE_VPC, name: 'big-recovery' }],
    recoveryInstances: [],
    jobs: [],
    timings: { ...DEFAULT_TIMINGS },
    drs: { ...DEFAULT_DRS_BEHAVIOUR },
    faults: noFaults(),
    sts: {},
  };
}
