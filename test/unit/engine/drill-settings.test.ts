import { describe, expect, it } from 'vitest';
import {
  DRILL_VERSION_DESCRIPTION,
  type LaunchConfiguration,
  type LaunchTemplateVersion,
} from '../../../src/aws/gateways.js';
import {
  applyDrillSettings,
  type DrillWrite,
  drillLaunchChanges,
  drillTemplateChanges,
  restoreRecoverySettings,
  sameTemplateData,
} from '../../../src/engine/drill-settings.js';
import { FakeDrs, FakeEc2, writesOf } from '../../support/fake-aws.js';

const SERVER = 's-1111111111111111a';
const LT = 'lt-0000000000000000a';

const recoveryConfig: LaunchConfiguration = {
  sourceServerID: SERVER,
  ec2LaunchTemplateID: LT,
  copyPrivateIp: true,
  copyTags: false,
  launchDisposition: 'STARTED',
  targetInstanceTypeRightSizingMethod: 'BASIC',
};

const recoveryTemplate: LaunchTemplateVersion = {
  LaunchTemplateId: LT,
  VersionNumber: 3,
  LaunchTemplateData: {
    InstanceType: 'm6i.xlarge',
    NetworkInterfaces: [
      { DeviceIndex: 0, SubnetId: 'subnet-prod', Groups: ['sg-prod'], PrivateIpAddress: '10.0.1.21' },
    ],
    TagSpecifications: [
      {
        ResourceType: 'instance',
        Tags: [{ Key: 'AWSElasticDisasterRecoveryManaged', Value: 'drs.amazonaws.com' }],
      },
    ],
  },
};

const drill = {
  subnetId: 'subnet-drill',
  securityGroupIds: ['sg-drill'],
  instanceType: 't3.small',
  copyPrivateIp: false as const,
  tags: { Environment: 'dr-drill' },
};

/** DRS with a launch template per server, writing the template itself as the user guide says. */
function estate() {
  const drs = new FakeDrs();
  const ec2 = new FakeEc2();
  drs.launchConfigs.set(SERVER, { ...recoveryConfig });
  ec2.setDefault(LT, structuredClone(recoveryTemplate));
  let next = 50;
  // copyPrivateIp: DRS writes (or takes out) the source IP in a new default version of its own.
  drs.onUpdate = (update) => {
    if (update.copyPrivateIp === undefined) return;
    const current = structuredClone(ec2.templates.get(LT)!);
    const primary = current.LaunchTemplateData!.NetworkInterfaces![0]!;
    if (update.copyPrivateIp) primary.PrivateIpAddress = '10.0.1.21';
    else delete primary.PrivateIpAddress;
    next += 1;
    ec2.setDefault(LT, { ...current, VersionNumber: next });
  };
  return { drs, ec2 };
}

describe('drill settings, computed', () => {
  it('turns right-sizing off for a drill instance type and copy-private-IP off when asked', () => {
    expect(drillLaunchChanges(drill, recoveryConfig)).toEqual([
      { target: 'launch', field: 'copyPrivateIp', from: true, to: false },
      { target: 'launch', field: 'rightSizing', from: 'BASIC', to: 'NONE' },
    ]);
    expect(drillLaunchChanges({ subnetId: 'subnet-drill' }, recoveryConfig)).toEqual([]);
  });

  it('lists the template fields the drill needs, tags only when one differs', () => {
    expect(drillTemplateChanges(drill, recoveryTemplate).map((c) => c.field)).toEqual([
      'subnetId',
      'securityGroupIds',
      'instanceType',
      'privateIp',
      'tags',
    ]);
    const tagged = structuredClone(recoveryTemplate);
    tagged.LaunchTemplateData!.TagSpecifications![0]!.Tags!.push({ Key: 'Environment', Value: 'dr-drill' });
    expect(drillTemplateChanges({ tags: { Environment: 'dr-drill' } }, tagged)).toEqual([]);
  });

  it('compares template data by content, not key order', () => {
    expect(
      sameTemplateData(
        { InstanceType: 't3.small', EbsOptimized: true },
        { EbsOptimized: true, InstanceType: 't3.small' },
      ),
    ).toBe(true);
    expect(sameTemplateData({ InstanceType: 't3.small' }, { InstanceType: 't3.large' })).toBe(false);
  });
});

describe('drill settings, written and restored', () => {
  it('writes DRS first, then the template from the default DRS left; restore gives the same content', async () => {
    const { drs, ec2 } = estate();
    const recorded: DrillWrite[] = [];
    const write = await applyDrillSettings(
      { drs, ec2 },
      { sourceServerId: SERVER, drill },
      { executionId: 'o/r/1', record: (w) => recorded.push(structuredClone(w)) },
    );
    // Recorded before the first write, with what undoes it.
    expect(recorded[0]).toMatchObject({
      recoveryVersion: 3,
      launch: { copyPrivateIp: true, rightSizing: 'BASIC' },
    });
    expect(writesOf(drs, ec2).map((c) => c.method)).toEqual([
      'updateLaunchConfiguration',
      'updateLaunchTemplate',
    ]);
    // The template version was made from the one DRS wrote (51), not from the recovery version.
    expect(ec2.calls.find((c) => c.method === 'updateLaunchTemplate')?.args[1]).toBe(51);
    const during = ec2.templates.get(LT)!;
    expect(during.LaunchTemplateData?.NetworkInterfaces?.[0]).toMatchObject({
      SubnetId: 'subnet-drill',
      Groups: ['sg-drill'],
    });
    expect(during.LaunchTemplateData?.InstanceType).toBe('t3.small');
    expect(drs.launchConfigs.get(SERVER)).toMatchObject({
      copyPrivateIp: false,
      targetInstanceTypeRightSizingMethod: 'NONE',
    });

    const restored = await restoreRecoverySettings({ drs, ec2 }, write!, { executionId: 'o/r/1' });
    expect(drs.launchConfigs.get(SERVER)).toMatchObject({
      copyPrivateIp: true,
      targetInstanceTypeRightSizingMethod: 'BASIC',
    });
    const after = ec2.templates.get(LT)!;
    expect(after.VersionNumber).not.toBe(3);
    expect(restored.templateVersion).toBe(after.VersionNumber);
    expect(sameTemplateData(after.LaunchTemplateData, recoveryTemplate.LaunchTemplateData)).toBe(true);
    // Made from the recovery version, which still exists.
    const call = ec2.calls.find((c) => c.method === 'restoreLaunchTemplateVersion');
    expect((call?.args[2] as { sourceVersion?: number } | undefined)?.sourceVersion).toBe(3);
  });

  it('writes nothing when the recovery settings already are the drill settings', async () => {
    const { drs, ec2 } = estate();
    const write = await applyDrillSettings(
      { drs, ec2 },
      { sourceServerId: SERVER, drill: { subnetId: 'subnet-prod' } },
      { executionId: 'o/r/1', record: () => {} },
    );
    expect(write).toBeUndefined();
    expect(writesOf(drs, ec2)).toEqual([]);
  });

  it('restores from the data kept in memory when DRS deleted the recovery version; fails clearly without it', async () => {
    const { drs, ec2 } = estate();
    const write = (await applyDrillSettings(
      { drs, ec2 },
      { sourceServerId: SERVER, drill },
      { executionId: 'o/r/1', record: () => {} },
    ))!;
    ec2.versions.get(LT)?.delete(3);
    // The post step knows no data: it can only say so.
    const { recoveryData: _kept, ...fromState } = write;
    await expect(restoreRecoverySettings({ drs, ec2 }, fromState, { executionId: 'o/r/1' })).rejects.toThrow(
      /version 3 of launch template lt-0000000000000000a, which held the recovery settings, no longer exists/,
    );
    await restoreRecoverySettings({ drs, ec2 }, write, { executionId: 'o/r/1' });
    expect(
      sameTemplateData(ec2.templates.get(LT)?.LaunchTemplateData, recoveryTemplate.LaunchTemplateData),
    ).toBe(true);
    const call = ec2.calls.findLast((c) => c.method === 'restoreLaunchTemplateVersion');
    expect((call?.args[2] as { sourceVersion?: number } | undefined)?.sourceVersion).toBeUndefined();
  });

  it("refuses a default version that still holds an earlier drill's settings, writing nothing", async () => {
    const { drs, ec2 } = estate();
    ec2.setDefault(LT, {
      ...structuredClone(recoveryTemplate),
      VersionNumber: 9,
      VersionDescription: DRILL_VERSION_DESCRIPTION,
    });
    await expect(
      applyDrillSettings(
        { drs, ec2 },
        { sourceServerId: SERVER, drill },
        { executionId: 'o/r/2', record: () => {} },
      ),
    ).rejects.toThrow(
      /default version 9 of launch template lt-0000000000000000a holds an earlier drill's settings/,
    );
    expect(writesOf(drs, ec2)).toEqual([]);
  });

  it('passes a busy server (ConflictException) on to the caller, having written nothing', async () => {
    const { drs, ec2 } = estate();
    const write = (await applyDrillSettings(
      { drs, ec2 },
      { sourceServerId: SERVER, drill },
      { executionId: 'o/r/1', record: () => {} },
    ))!;
    const busy = Object.assign(new Error('currently being processed by a Job'), {
      name: 'ConflictException',
    });
    drs.updateLaunchConfiguration = async () => {
      throw busy;
    };
    const before = ec2.templates.get(LT);
    await expect(restoreRecoverySettings({ drs, ec2 }, write, { executionId: 'o/r/1' })).rejects.toBe(busy);
    expect(ec2.templates.get(LT)).toBe(before);
  });
});
