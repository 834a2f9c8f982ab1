/**
 * `drs.launchConfigurationWritesTemplate` (on by default, unverified): UpdateLaunchConfiguration
 * writes right-sizing and copyPrivateIp into a new default version of the EC2 launch template, and
 * the launch honours a PrivateIpAddress found there.
 */
import {
  DescribeRecoveryInstancesCommand,
  GetLaunchConfigurationCommand,
  UpdateLaunchConfigurationCommand,
} from '@aws-sdk/client-drs';
import {
  CreateLaunchTemplateVersionCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  type LaunchTemplateVersion,
  ModifyLaunchTemplateCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DB_01,
  type Harness,
  jobLog,
  MINUTE,
  repairedDemo,
  SG,
  SUBNET,
  start,
  startDrill,
  stop,
} from './helpers.js';

let h: Harness;
afterEach(async () => {
  if (h) await stop(h);
});

const LT = 'lt-0d3e0000000000001';

/** DB_01 (source IP 10.0.1.11, template r6i.large in SUBNET) recommends m6i.xlarge and starts without right-sizing. */
function scenario(extra = ''): ReturnType<typeof repairedDemo> {
  const s = repairedDemo(extra);
  const db01 = s.servers.find((x) => x.sourceServerID === DB_01)!;
  db01.recommendedInstanceType = 'm6i.xlarge';
  db01.rightSizing = 'NONE';
  return s;
}

async function versions(): Promise<{ all: LaunchTemplateVersion[]; byDefault: LaunchTemplateVersion }> {
  const all =
    (await h.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: LT })))
      .LaunchTemplateVersions ?? [];
  const [byDefault] =
    (
      await h.ec2.send(
        new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: LT, Versions: ['$Default'] }),
      )
    ).LaunchTemplateVersions ?? [];
  return { all, byDefault: byDefault! };
}

const update = (
  input: Omit<ConstructorParameters<typeof UpdateLaunchConfigurationCommand>[0], 'sourceServerID'>,
) => h.drs.send(new UpdateLaunchConfigurationCommand({ sourceServerID: DB_01, ...input }));

async function drillDb01(): Promise<string> {
  const job = await startDrill(h, [DB_01]);
  h.emulator.state.advance(40 * MINUTE);
  return job.jobID!;
}

describe('UpdateLaunchConfiguration writes the launch template', () => {
  it('right-sizing BASIC: a new default version from the current default with the recommended type', async () => {
    h = await start(scenario());
    await update({ targetInstanceTypeRightSizingMethod: 'BASIC' });
    const { all, byDefault } = await versions();
    expect(all.map((v) => v.VersionNumber)).toEqual([1, 2]);
    expect(byDefault.VersionNumber).toBe(2);
    expect(byDefault.DefaultVersion).toBe(true);
    expect(byDefault.LaunchTemplateData).toMatchObject({
      InstanceType: 'm6i.xlarge',
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: SUBNET, Groups: [SG] }],
    });
    expect(all.find((v) => v.VersionNumber === 1)?.LaunchTemplateData?.InstanceType).toBe('r6i.large');
    // Asked again, nothing changes, so no version is added.
    await update({ targetInstanceTypeRightSizingMethod: 'BASIC' });
    expect((await versions()).all).toHaveLength(2);
  });

  it('copyPrivateIp true puts the source IP on the first network interface; false takes it off again', async () => {
    h = await start(scenario());
    await update({ copyPrivateIp: true });
    let { byDefault } = await versions();
    expect(byDefault.VersionNumber).toBe(2);
    expect(byDefault.LaunchTemplateData?.NetworkInterfaces).toEqual([
      { DeviceIndex: 0, SubnetId: SUBNET, PrivateIpAddress: '10.0.1.11', Groups: [SG] },
    ]);
    expect(byDefault.LaunchTemplateData?.InstanceType).toBe('r6i.large');
    await update({ copyPrivateIp: false });
    ({ byDefault } = await versions());
    expect(byDefault.VersionNumber).toBe(3);
    expect(byDefault.LaunchTemplateData?.NetworkInterfaces?.[0]?.PrivateIpAddress).toBeUndefined();
    expect(byDefault.LaunchTemplateData?.NetworkInterfaces?.[0]?.SubnetId).toBe(SUBNET);
  });

  it('other settings write nothing, and with the switch off nothing is written at all', async () => {
    h = await start(scenario());
    await update({
      copyTags: true,
      launchDisposition: 'STOPPED',
      targetInstanceTypeRightSizingMethod: 'NONE',
    });
    expect((await versions()).all).toHaveLength(1);
    await stop(h);

    h = await start(scenario('drs: { launchConfigurationWritesTemplate: false }'));
    const out = await update({ targetInstanceTypeRightSizingMethod: 'BASIC', copyPrivateIp: true });
    expect(out).toMatchObject({ targetInstanceTypeRightSizingMethod: 'BASIC', copyPrivateIp: true });
    const { all, byDefault } = await versions();
    expect(all).toHaveLength(1);
    expect(byDefault.LaunchTemplateData?.InstanceType).toBe('r6i.large');
    // The DRS settings still act at launch, as before.
    await drillDb01();
    const [ri] = (await h.drs.send(new DescribeRecoveryInstancesCommand({}))).items!;
    const instance = (await h.ec2.send(new DescribeInstancesCommand({ InstanceIds: [ri!.ec2InstanceID!] })))
      .Reservations?.[0]?.Instances?.[0];
    expect(instance).toMatchObject({ InstanceType: 'm6i.xlarge', PrivateIpAddress: '10.0.1.11' });
  });

  it('a repair that re-reads $Default keeps DRS’s change; one built on an older version loses it', async () => {
    h = await start(scenario());
    await update({ copyPrivateIp: true });
    // Right: DRS settings first, then a version from the new default.
    await h.ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateId: LT,
        SourceVersion: '$Default',
        LaunchTemplateData: { IamInstanceProfile: { Name: 'drs-recovery' } },
      }),
    );
    await h.ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: LT, DefaultVersion: '3' }));
    let { byDefault } = await versions();
    expect(byDefault.LaunchTemplateData?.NetworkInterfaces?.[0]?.PrivateIpAddress).toBe('10.0.1.11');
    expect(byDefault.LaunchTemplateData?.IamInstanceProfile).toEqual({ Name: 'drs-recovery' });
    // Wrong: a version from version 1, or one that names the network interface without the IP.
    await h.ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateId: LT,
        SourceVersion: '$Default',
        LaunchTemplateData: { NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: SUBNET, Groups: [SG] }] },
      }),
    );
    await h.ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: LT, DefaultVersion: '4' }));
    ({ byDefault } = await versions());
    expect(byDefault.LaunchTemplateData?.NetworkInterfaces?.[0]?.PrivateIpAddress).toBeUndefined();
  });
});

describe('the launch honours a PrivateIpAddress in the template', () => {
  async function templateWithIp(ip: string): Promise<void> {
    await h.ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateId: LT,
        SourceVersion: '1',
        LaunchTemplateData: {
          NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: SUBNET, Groups: [SG], PrivateIpAddress: ip }],
        },
      }),
    );
    await h.ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: LT, DefaultVersion: '2' }));
  }

  it('an address inside the subnet becomes the instance’s', async () => {
    h = await start(scenario());
    await templateWithIp('10.0.1.50');
    await drillDb01();
    const [ri] = (await h.drs.send(new DescribeRecoveryInstancesCommand({}))).items!;
    const instance = (await h.ec2.send(new DescribeInstancesCommand({ InstanceIds: [ri!.ec2InstanceID!] })))
      .Reservations?.[0]?.Instances?.[0];
    expect(instance?.PrivateIpAddress).toBe('10.0.1.50');
  });

  it('an address outside the subnet fails the launch with EC2’s text', async () => {
    h = await start(scenario());
    await templateWithIp('10.9.9.9');
    const jobID = await drillDb01();
    const failed = (await jobLog(h, jobID)).find((l) => l.event === 'LAUNCH_FAILED');
    expect(failed?.eventData).toEqual({
      sourceServerID: DB_01,
      rawError: "InvalidParameterValue: Address 10.9.9.9 does not fall within the subnet's address range",
    });
    expect((await h.drs.send(new DescribeRecoveryInstancesCommand({}))).items).toEqual([]);
    expect(
      (await h.drs.send(new GetLaunchConfigurationCommand({ sourceServerID: DB_01 }))).copyPrivateIp,
    ).toBe(false);
  });
});
