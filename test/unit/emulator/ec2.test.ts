import { DescribeRecoveryInstancesCommand, StartRecoveryCommand } from '@aws-sdk/client-drs';
import {
  CreateLaunchTemplateVersionCommand,
  CreateTagsCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  ModifyLaunchTemplateCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_01, type Harness, MINUTE, SG, SUBNET, start, stop } from './helpers.js';

let h: Harness;
afterEach(async () => {
  if (h) await stop(h);
});

const LT = 'lt-0d3e0000000000001';

describe('EC2 over the query protocol, through @aws-sdk/client-ec2', () => {
  it('describes subnets and security groups, and reports unknown ids with EC2 codes', async () => {
    h = await start();
    const subnets = await h.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [SUBNET] }));
    expect(subnets.Subnets?.[0]).toMatchObject({
      SubnetId: SUBNET,
      VpcId: 'vpc-0a1b2c3d4e5f60001',
      CidrBlock: '10.0.1.0/24',
    });
    const groups = await h.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [SG] }));
    expect(groups.SecurityGroups?.[0]).toMatchObject({ GroupId: SG, VpcId: 'vpc-0a1b2c3d4e5f60001' });
    const e = (await h.ec2
      .send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-00000000000000bad'] }))
      .catch((x: unknown) => x)) as { name: string; $metadata: { httpStatusCode: number } };
    expect(e.name).toBe('InvalidSubnetID.NotFound');
    expect(e.$metadata.httpStatusCode).toBe(400);
    const g = (await h.ec2
      .send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-00000000000000bad'] }))
      .catch((x: unknown) => x)) as { name: string };
    expect(g.name).toBe('InvalidGroup.NotFound');
  });

  it('repairs a launch template: new version from $Default with a subnet, made default, idempotent by ClientToken', async () => {
    h = await start();
    const [before] = (
      await h.ec2.send(
        new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: LT, Versions: ['$Default'] }),
      )
    ).LaunchTemplateVersions!;
    expect(before?.VersionNumber).toBe(1);
    expect(before?.LaunchTemplateData?.NetworkInterfaces).toBeUndefined();
    expect(before?.LaunchTemplateData?.InstanceType).toBe('t3.medium');
    const input = {
      LaunchTemplateId: LT,
      SourceVersion: '1',
      ClientToken: 'repair-1',
      LaunchTemplateData: {
        InstanceType: 'r6i.large' as const,
        IamInstanceProfile: { Name: 'drs-recovery' },
        NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: SUBNET, Groups: [SG] }],
      },
    };
    const created = await h.ec2.send(new CreateLaunchTemplateVersionCommand(input));
    const again = await h.ec2.send(new CreateLaunchTemplateVersionCommand(input));
    expect(created.LaunchTemplateVersion?.VersionNumber).toBe(2);
    expect(again.LaunchTemplateVersion?.VersionNumber).toBe(2);
    const modified = await h.ec2.send(
      new ModifyLaunchTemplateCommand({ LaunchTemplateId: LT, DefaultVersion: '2' }),
    );
    expect(modified.LaunchTemplate).toMatchObject({ DefaultVersionNumber: 2, LatestVersionNumber: 2 });
    const [after] = (
      await h.ec2.send(
        new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: LT, Versions: ['$Default'] }),
      )
    ).LaunchTemplateVersions!;
    expect(after?.DefaultVersion).toBe(true);
    expect(after?.LaunchTemplateData).toMatchObject({
      InstanceType: 'r6i.large',
      IamInstanceProfile: { Name: 'drs-recovery' },
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: SUBNET, Groups: [SG] }],
    });
    const latest = await h.ec2.send(
      new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: LT, Versions: ['$Latest', '1'] }),
    );
    expect(latest.LaunchTemplateVersions?.map((v) => v.VersionNumber)).toEqual([2, 1]);

    // The repaired template now launches: the drill's instance gets its type, subnet and profile.
    await h.drs.send(new StartRecoveryCommand({ isDrill: true, sourceServers: [{ sourceServerID: DB_01 }] }));
    h.emulator.state.advance(30 * MINUTE);
    const [ri] = (await h.drs.send(new DescribeRecoveryInstancesCommand({}))).items!;
    const instance = (await h.ec2.send(new DescribeInstancesCommand({ InstanceIds: [ri!.ec2InstanceID!] })))
      .Reservations?.[0]?.Instances?.[0];
    expect(instance).toMatchObject({
      InstanceType: 'r6i.large',
      SubnetId: SUBNET,
      SecurityGroups: [{ GroupId: SG }],
    });
    expect(instance?.IamInstanceProfile?.Arn).toBe('arn:aws:iam::111122223333:instance-profile/drs-recovery');

    // CreateTags lands on the instance and DescribeInstances filters by tag.
    await h.ec2.send(
      new CreateTagsCommand({
        Resources: [ri!.ec2InstanceID!],
        Tags: [{ Key: 'drs-drill:execution-id', Value: 'o/r/1' }],
      }),
    );
    const tagged = await h.ec2.send(
      new DescribeInstancesCommand({ Filters: [{ Name: 'tag:drs-drill:execution-id', Values: ['o/r/1'] }] }),
    );
    expect(tagged.Reservations?.map((r) => r.Instances?.[0]?.InstanceId)).toEqual([ri!.ec2InstanceID]);
  });

  it('unknown launch templates, versions and instances get EC2 error codes', async () => {
    h = await start();
    const names = async (p: Promise<unknown>) =>
      ((await p.catch((x: unknown) => x)) as { name: string }).name;
    expect(
      await names(
        h.ec2.send(
          new DescribeLaunchTemplateVersionsCommand({
            LaunchTemplateId: 'lt-00000000000000bad',
            Versions: ['$Default'],
          }),
        ),
      ),
    ).toBe('InvalidLaunchTemplateId.NotFound');
    expect(
      await names(
        h.ec2.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: LT, Versions: ['9'] })),
      ),
    ).toBe('InvalidLaunchTemplateId.VersionNotFound');
    expect(
      await names(h.ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: LT, DefaultVersion: '9' }))),
    ).toBe('InvalidLaunchTemplateId.VersionNotFound');
    expect(
      await names(h.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-00000000000000bad'] }))),
    ).toBe('InvalidInstanceID.NotFound');
  });

  it('records the exact form fields the SDK sent (ModifyLaunchTemplate uses SetDefaultVersion)', async () => {
    h = await start();
    await h.ec2.send(new ModifyLaunchTemplateCommand({ LaunchTemplateId: LT, DefaultVersion: '1' }));
    const res = await fetch(`${h.emulator.url}/_emulator/calls?service=ec2`);
    const calls = (await res.json()) as { operation: string; request: Record<string, string> }[];
    expect(calls[0]?.operation).toBe('ModifyLaunchTemplate');
    expect(calls[0]?.request).toMatchObject({
      Action: 'ModifyLaunchTemplate',
      Version: '2016-11-15',
      SetDefaultVersion: '1',
    });
  });
});
