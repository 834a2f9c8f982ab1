/**
 * The two simulators the gateway contract runs against, behind the engine's own gateway interfaces:
 * the in-memory fake (test/support/fake-aws.ts) seeded from the contract's scenario file, and the
 * emulator over loopback through the real gateways (src/aws/*-gateway.ts) and SDK clients.
 */
import { join } from 'node:path';
import type { Scenario, ScenarioServer, ScenarioTemplateVersion } from '../../emulator/scenario.js';
import { loadScenarioFile } from '../../emulator/scenario-load.js';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import { createAwsClients, destroyAwsClients } from '../../src/aws/clients.js';
import { createDrsGateway } from '../../src/aws/drs-gateway.js';
import { createEc2Gateway } from '../../src/aws/ec2-gateway.js';
import type { DrsGateway, Ec2Gateway, LaunchTemplateVersion, SourceServer } from '../../src/aws/gateways.js';
import { FakeClock, fakeAws } from '../support/fake-aws.js';

export const CONTRACT_ESTATE = join(import.meta.dirname, 'estate.yaml');

/** What one contract test gets: the gateways and a way to move the simulated clock. */
export interface ContractTarget {
  drs: DrsGateway;
  ec2: Ec2Gateway;
  /** Moves the target's simulated clock forward. */
  advance(seconds: number): Promise<void>;
}

/** Opens a fresh target (a new estate) for each test; `close` ends the whole run. */
export interface ContractTargets {
  open(): Promise<ContractTarget>;
  close(): Promise<void>;
}

export function loadContractEstate(): Scenario {
  return loadScenarioFile(CONTRACT_ESTATE);
}

function sourceServerOf(s: ScenarioServer): SourceServer {
  return {
    sourceServerID: s.sourceServerID,
    replicationDirection: 'FAILOVER',
    dataReplicationInfo: { dataReplicationState: 'CONTINUOUS', lagDuration: `PT${s.lagSeconds}S` },
    sourceProperties: {
      identificationHints: { hostname: s.hostname, ...(s.fqdn ? { fqdn: s.fqdn } : {}) },
      networkInterfaces: s.sourceIp ? [{ isPrimary: true, ips: [s.sourceIp] }] : [],
      ...(s.recommendedInstanceType ? { recommendedInstanceType: s.recommendedInstanceType } : {}),
    },
  };
}

function templateVersionOf(id: string, number: number, v: ScenarioTemplateVersion): LaunchTemplateVersion {
  const nic = {
    DeviceIndex: 0,
    ...(v.subnetId ? { SubnetId: v.subnetId } : {}),
    ...(v.networkInterfaceGroupIds ? { Groups: v.networkInterfaceGroupIds } : {}),
    ...(v.privateIpAddress ? { PrivateIpAddress: v.privateIpAddress } : {}),
  };
  return {
    LaunchTemplateId: id,
    VersionNumber: number,
    DefaultVersion: true,
    LaunchTemplateData: {
      ...(v.instanceType ? { InstanceType: v.instanceType as never } : {}),
      ...(v.subnetId || v.networkInterfaceGroupIds ? { NetworkInterfaces: [nic] } : {}),
      ...(v.securityGroupIds ? { SecurityGroupIds: v.securityGroupIds } : {}),
      ...(v.instanceProfile ? { IamInstanceProfile: { Name: v.instanceProfile } } : {}),
    },
  };
}

/** The in-memory fake holding the scenario's estate. */
export function fakeFromScenario(scenario: Scenario): ContractTarget {
  const clock = new FakeClock(Date.parse(scenario.startTime));
  const { drs, ec2 } = fakeAws({ clock });
  drs.sourceServers = scenario.servers.map(sourceServerOf);
  for (const s of scenario.servers) {
    drs.launchConfigs.set(s.sourceServerID, {
      sourceServerID: s.sourceServerID,
      ec2LaunchTemplateID: s.launchTemplateId,
      launchDisposition: s.launchDisposition,
      targetInstanceTypeRightSizingMethod: s.rightSizing,
      copyPrivateIp: s.copyPrivateIp,
      copyTags: s.copyTags,
      licensing: { osByol: s.osByol },
    });
  }
  for (const t of scenario.launchTemplates) {
    const def = t.versions[t.defaultVersion - 1] ?? {};
    ec2.seedTemplate(templateVersionOf(t.launchTemplateId, t.defaultVersion, def), t.versions.length);
  }
  ec2.subnets = scenario.subnets.map((s) => ({ SubnetId: s.subnetId, VpcId: s.vpcId, CidrBlock: s.cidr }));
  ec2.securityGroups = scenario.securityGroups.map((g) => ({
    GroupId: g.groupId,
    VpcId: g.vpcId,
    GroupName: g.name,
  }));
  return {
    drs,
    ec2,
    advance: async (seconds) => {
      clock.ms += seconds * 1000;
    },
  };
}

export function fakeTargets(): ContractTargets {
  const scenario = loadContractEstate();
  return { open: async () => fakeFromScenario(scenario), close: async () => {} };
}

/** The emulator on 127.0.0.1 with a frozen clock, reached through the real SDK clients and gateways. */
export function emulatorTargets(): ContractTargets {
  let emulator: Emulator | undefined;
  const clients: ReturnType<typeof createAwsClients>[] = [];
  return {
    async open() {
      emulator ??= await startEmulator({ scenario: CONTRACT_ESTATE, port: 0, speed: 0, seed: 1 });
      emulator.reset();
      const em = emulator;
      const aws = createAwsClients({
        region: 'us-east-1',
        endpoint: em.url,
        credentials: async () => ({ accessKeyId: 'AKIDCONTRACT', secretAccessKey: 'contract' }),
      });
      clients.push(aws);
      return {
        drs: createDrsGateway(aws),
        ec2: createEc2Gateway(aws.ec2),
        advance: async (seconds) => em.state.advance(seconds * 1000),
      };
    },
    async close() {
      for (const c of clients) destroyAwsClients(c);
      await emulator?.close();
    },
  };
}
