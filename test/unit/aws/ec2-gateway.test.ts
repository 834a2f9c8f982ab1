import {
  CreateLaunchTemplateVersionCommand,
  CreateTagsCommand,
  DescribeInstanceStatusCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  EC2Client,
  type LaunchTemplateVersion,
  ModifyLaunchTemplateCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createEc2Gateway,
  EC2_MAX_PAGES,
  instanceProfileSpec,
  launchTemplateData,
  withInstanceTags,
} from '../../../src/aws/ec2-gateway.js';

const ec2Mock = mockClient(EC2Client);
const gateway = () => createEc2Gateway(new EC2Client({ region: 'us-east-1' }));

function instanceIds(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `i-${i.toString(16).padStart(17, '0')}`);
}

beforeEach(() => ec2Mock.reset());

describe('createEc2Gateway reads', () => {
  it('describes instances in batches of 1000 ids and follows pages', async () => {
    const sent: { ids: number; token?: string }[] = [];
    ec2Mock
      .on(DescribeInstancesCommand)
      .callsFake((input: { InstanceIds?: string[]; NextToken?: string }) => {
        sent.push({
          ids: input.InstanceIds?.length ?? 0,
          ...(input.NextToken ? { token: input.NextToken } : {}),
        });
        // The first batch answers in two pages.
        if (sent.length === 1)
          return { Reservations: [{ Instances: [{ InstanceId: 'i-a' }] }], NextToken: 'p2' };
        return { Reservations: [{ Instances: [{ InstanceId: `i-${sent.length}` }] }] };
      });
    const found = await gateway().describeInstances(instanceIds(1001));
    expect(found.map((i) => i.InstanceId)).toEqual(['i-a', 'i-2', 'i-3']);
    expect(sent).toEqual([{ ids: 1000 }, { ids: 1000, token: 'p2' }, { ids: 1 }]);
  });

  it('asks instance status with IncludeAllInstances in batches of 100', async () => {
    ec2Mock.on(DescribeInstanceStatusCommand).resolves({ InstanceStatuses: [{ InstanceId: 'i-x' }] });
    const statuses = await gateway().describeInstanceStatus(instanceIds(101));
    expect(statuses).toHaveLength(2);
    const calls = ec2Mock.commandCalls(DescribeInstanceStatusCommand).map((c) => c.args[0].input);
    expect(calls.map((i) => i.InstanceIds?.length)).toEqual([100, 1]);
    expect(calls.every((i) => i.IncludeAllInstances === true)).toBe(true);
  });

  it('sends nothing for empty id lists (EC2 would describe everything)', async () => {
    const gw = gateway();
    expect(await gw.describeInstances([])).toEqual([]);
    expect(await gw.describeSubnets([])).toEqual([]);
    expect(await gw.describeSecurityGroups([])).toEqual([]);
    await gw.createTags([], { a: 'b' });
    expect(ec2Mock.calls()).toHaveLength(0);
  });

  it('requests the $Default launch template version', async () => {
    ec2Mock
      .on(DescribeLaunchTemplateVersionsCommand)
      .resolves({ LaunchTemplateVersions: [{ VersionNumber: 3 }] });
    expect((await gateway().describeDefaultLaunchTemplateVersion('lt-1')).VersionNumber).toBe(3);
    expect(ec2Mock.commandCalls(DescribeLaunchTemplateVersionsCommand)[0]?.args[0].input).toEqual({
      LaunchTemplateId: 'lt-1',
      Versions: ['$Default'],
    });
  });

  it('tags resources with Key/Value pairs', async () => {
    ec2Mock.on(CreateTagsCommand).resolves({});
    await gateway().createTags(['i-1'], { 'drs-drill:plan': 'demo' });
    expect(ec2Mock.commandCalls(CreateTagsCommand)[0]?.args[0].input).toEqual({
      Resources: ['i-1'],
      Tags: [{ Key: 'drs-drill:plan', Value: 'demo' }],
    });
  });

  it('describes subnets and security groups by id', async () => {
    ec2Mock.on(DescribeSubnetsCommand).resolves({ Subnets: [{ SubnetId: 'subnet-1', VpcId: 'vpc-1' }] });
    ec2Mock
      .on(DescribeSecurityGroupsCommand)
      .resolves({ SecurityGroups: [{ GroupId: 'sg-1', VpcId: 'vpc-1' }] });
    const gw = gateway();
    expect(await gw.describeSubnets(['subnet-1'])).toHaveLength(1);
    expect(await gw.describeSecurityGroups(['sg-1', 'sg-1'])).toHaveLength(1);
    expect(ec2Mock.commandCalls(DescribeSecurityGroupsCommand)[0]?.args[0].input.GroupIds).toEqual(['sg-1']);
  });
});

const drsTemplate: LaunchTemplateVersion = {
  VersionNumber: 4,
  LaunchTemplateData: {
    InstanceType: 't3.small',
    NetworkInterfaces: [
      { DeviceIndex: 0, SubnetId: 'subnet-old', Groups: ['sg-old'], AssociatePublicIpAddress: false },
      {
        DeviceIndex: 1,
        SubnetId: 'subnet-side',
        Ipv6Addresses: [{ Ipv6Address: '2001:db8::1', IsPrimaryIpv6: true }],
      },
    ],
  },
};

describe('launchTemplateData', () => {
  it('sends only the changed scalar fields', () => {
    expect(
      launchTemplateData(drsTemplate, { instanceType: 'm6i.large', instanceProfile: 'drs-recovery' }),
    ).toEqual({
      InstanceType: 'm6i.large',
      IamInstanceProfile: { Name: 'drs-recovery' },
    });
    expect(instanceProfileSpec('arn:aws:iam::111122223333:instance-profile/p')).toEqual({
      Arn: 'arn:aws:iam::111122223333:instance-profile/p',
    });
  });

  it('merges subnet and groups into the primary interface and keeps the others', () => {
    const data = launchTemplateData(drsTemplate, {
      subnetId: 'subnet-new',
      securityGroupIds: ['sg-a', 'sg-b'],
    });
    expect(data).toEqual({
      NetworkInterfaces: [
        { DeviceIndex: 0, SubnetId: 'subnet-new', Groups: ['sg-a', 'sg-b'], AssociatePublicIpAddress: false },
        { DeviceIndex: 1, SubnetId: 'subnet-side', Ipv6Addresses: [{ Ipv6Address: '2001:db8::1' }] },
      ],
    });
  });

  it('refuses to add a subnet to a template with instance-level groups, which EC2 cannot combine', () => {
    const source: LaunchTemplateVersion = {
      LaunchTemplateId: 'lt-9',
      VersionNumber: 2,
      LaunchTemplateData: { SecurityGroupIds: ['sg-top'] },
    };
    expect(() => launchTemplateData(source, { subnetId: 'subnet-new' })).toThrow(
      /lt-9 version 2 sets security groups at instance level/,
    );
    // Groups alone on a template without interfaces stay at instance level.
    expect(launchTemplateData(source, { securityGroupIds: ['sg-x'] })).toEqual({
      SecurityGroupIds: ['sg-x'],
    });
    // A template with neither gets a new primary interface.
    expect(launchTemplateData({ LaunchTemplateData: {} }, { subnetId: 'subnet-new' })).toEqual({
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: 'subnet-new' }],
    });
  });
});

describe('updateLaunchTemplate', () => {
  it('creates a version from the source with a client token and makes it the default', async () => {
    ec2Mock.on(DescribeLaunchTemplateVersionsCommand).resolves({ LaunchTemplateVersions: [drsTemplate] });
    ec2Mock.on(CreateLaunchTemplateVersionCommand).resolves({ LaunchTemplateVersion: { VersionNumber: 5 } });
    ec2Mock.on(ModifyLaunchTemplateCommand).resolves({});
    const version = await gateway().updateLaunchTemplate('lt-1', 4, { subnetId: 'subnet-new' }, 'token-1');
    expect(version).toBe(5);
    expect(ec2Mock.commandCalls(DescribeLaunchTemplateVersionsCommand)[0]?.args[0].input).toEqual({
      LaunchTemplateId: 'lt-1',
      Versions: ['4'],
    });
    const create = ec2Mock.commandCalls(CreateLaunchTemplateVersionCommand)[0]?.args[0].input;
    expect(create).toMatchObject({ LaunchTemplateId: 'lt-1', SourceVersion: '4', ClientToken: 'token-1' });
    expect(create?.LaunchTemplateData?.NetworkInterfaces?.[0]?.SubnetId).toBe('subnet-new');
    expect(create?.LaunchTemplateData?.InstanceType).toBeUndefined();
    expect(ec2Mock.commandCalls(ModifyLaunchTemplateCommand)[0]?.args[0].input).toEqual({
      LaunchTemplateId: 'lt-1',
      DefaultVersion: '5',
    });
  });

  it('refuses a client token longer than EC2 accepts, before any call', async () => {
    await expect(gateway().updateLaunchTemplate('lt-1', 1, {}, 'x'.repeat(256))).rejects.toThrow(
      /client token/,
    );
    expect(ec2Mock.calls()).toHaveLength(0);
  });
});

describe('drill tags and restores', () => {
  it('adds drill tags to the instance tag specification, keeping DRS tags and other specifications', () => {
    const specs = withInstanceTags(
      [
        { ResourceType: 'volume', Tags: [{ Key: 'V', Value: '1' }] },
        {
          ResourceType: 'instance',
          Tags: [
            { Key: 'AWSElasticDisasterRecoveryManaged', Value: 'drs.amazonaws.com' },
            { Key: 'Environment', Value: 'prod' },
          ],
        },
      ],
      { Environment: 'dr-drill', Owner: 'dr' },
    );
    expect(specs).toEqual([
      { ResourceType: 'volume', Tags: [{ Key: 'V', Value: '1' }] },
      {
        ResourceType: 'instance',
        Tags: [
          { Key: 'AWSElasticDisasterRecoveryManaged', Value: 'drs.amazonaws.com' },
          { Key: 'Environment', Value: 'dr-drill' },
          { Key: 'Owner', Value: 'dr' },
        ],
      },
    ]);
    expect(withInstanceTags([], { A: 'b' })).toEqual([
      { ResourceType: 'instance', Tags: [{ Key: 'A', Value: 'b' }] },
    ]);
  });

  it('reads a version by number, undefined once EC2 no longer has it', async () => {
    ec2Mock
      .on(DescribeLaunchTemplateVersionsCommand, { Versions: ['3'] })
      .resolves({ LaunchTemplateVersions: [drsTemplate] });
    ec2Mock
      .on(DescribeLaunchTemplateVersionsCommand, { Versions: ['9'] })
      .rejects(
        Object.assign(new Error('no such version'), { name: 'InvalidLaunchTemplateId.VersionNotFound' }),
      );
    expect(await gateway().describeLaunchTemplateVersion('lt-1', 3)).toBe(drsTemplate);
    expect(await gateway().describeLaunchTemplateVersion('lt-1', 9)).toBeUndefined();
  });

  it("restores a version's whole data (interfaces in the request shape) and makes it the default", async () => {
    ec2Mock.on(CreateLaunchTemplateVersionCommand).resolves({ LaunchTemplateVersion: { VersionNumber: 12 } });
    ec2Mock.on(ModifyLaunchTemplateCommand).resolves({});
    const data = drsTemplate.LaunchTemplateData ?? {};
    expect(
      await gateway().restoreLaunchTemplateVersion('lt-1', data, { sourceVersion: 3, clientToken: 't' }),
    ).toBe(12);
    const create = ec2Mock.commandCalls(CreateLaunchTemplateVersionCommand)[0]?.args[0].input;
    expect(create).toMatchObject({ LaunchTemplateId: 'lt-1', SourceVersion: '3', ClientToken: 't' });
    expect(create?.LaunchTemplateData?.InstanceType).toBe(data.InstanceType);
    expect(create?.LaunchTemplateData?.NetworkInterfaces).toEqual([
      data.NetworkInterfaces?.[0],
      { DeviceIndex: 1, SubnetId: 'subnet-side', Ipv6Addresses: [{ Ipv6Address: '2001:db8::1' }] },
    ]);
    expect(ec2Mock.commandCalls(ModifyLaunchTemplateCommand)[0]?.args[0].input).toEqual({
      LaunchTemplateId: 'lt-1',
      DefaultVersion: '12',
    });
  });
});

describe('EC2 pagination always ends', () => {
  it('stops DescribeInstances at a repeated NextToken, naming the operation', async () => {
    let calls = 0;
    ec2Mock.on(DescribeInstancesCommand).callsFake(() => {
      if (++calls > 5000) throw new Error('runaway pagination');
      return { Reservations: [{ Instances: [{ InstanceId: `i-${calls}` }] }], NextToken: 'same' };
    });
    await expect(gateway().describeInstances(instanceIds(3))).rejects.toThrow(
      /^EC2 DescribeInstances: page 2 returned a next token that an earlier page already returned/,
    );
    expect(calls).toBe(2);
  });

  it('stops DescribeSubnets after its page limit when every token is new', async () => {
    let calls = 0;
    ec2Mock.on(DescribeSubnetsCommand).callsFake(() => {
      if (++calls > 5000) throw new Error('runaway pagination');
      return { Subnets: [{ SubnetId: `subnet-${calls}` }], NextToken: `t${calls}` };
    });
    await expect(gateway().describeSubnets(['subnet-1'])).rejects.toThrow(
      new RegExp(`^EC2 DescribeSubnets: still more pages after ${EC2_MAX_PAGES}`),
    );
    expect(calls).toBe(EC2_MAX_PAGES);
  });
});
