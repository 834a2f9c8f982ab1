import { describe, expect, it } from 'vitest';
import type { LaunchConfiguration, LaunchTemplateVersion } from '../../../src/aws/gateways.js';
import type { Report } from '../../../src/core/report.js';
import { DeadlineError } from '../../../src/engine/deadline.js';
import {
  diffLaunchConfiguration,
  diffLaunchTemplate,
  instanceProfileName,
  type LaunchConfigDrift,
} from '../../../src/engine/launch-config.js';
import type { PreflightResult } from '../../../src/engine/preflight.js';
import {
  LaunchConfigRepairError,
  repairLaunchConfigurations,
  templateClientToken,
} from '../../../src/engine/repair.js';
import { repairStep } from '../../../src/modes/drill-steps.js';
import { FakeDrs, FakeEc2, writesOf } from '../../support/fake-aws.js';

const actualConfig: LaunchConfiguration = {
  sourceServerID: 's-1',
  ec2LaunchTemplateID: 'lt-1',
  copyPrivateIp: false,
  copyTags: true,
  launchDisposition: 'STARTED',
  targetInstanceTypeRightSizingMethod: 'BASIC',
  licensing: { osByol: false },
};

const actualTemplate: LaunchTemplateVersion = {
  VersionNumber: 7,
  LaunchTemplateData: {
    InstanceType: 't3.small',
    IamInstanceProfile: { Arn: 'arn:aws:iam::111122223333:instance-profile/ops/drs-recovery' },
    NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: 'subnet-a', Groups: ['sg-1', 'sg-2'] }],
  },
};

describe('diffLaunchConfiguration', () => {
  it('is empty when the plan sets nothing, or only what is already there', () => {
    expect(diffLaunchConfiguration({}, actualConfig)).toEqual([]);
    expect(
      diffLaunchConfiguration({ copyTags: true, rightSizing: 'BASIC', osByol: false }, actualConfig),
    ).toEqual([]);
  });

  it('lists each drifted field with the plan name, old and new value', () => {
    expect(
      diffLaunchConfiguration(
        { copyPrivateIp: true, launchDisposition: 'STOPPED', rightSizing: 'NONE', osByol: true },
        actualConfig,
      ),
    ).toEqual([
      { target: 'launch', field: 'copyPrivateIp', from: false, to: true },
      { target: 'launch', field: 'launchDisposition', from: 'STARTED', to: 'STOPPED' },
      { target: 'launch', field: 'rightSizing', from: 'BASIC', to: 'NONE' },
      { target: 'launch', field: 'osByol', from: false, to: true },
    ]);
  });
});

describe('diffLaunchTemplate', () => {
  it('compares security groups as sets', () => {
    expect(diffLaunchTemplate({ securityGroupIds: ['sg-2', 'sg-1'] }, actualTemplate)).toEqual([]);
    expect(diffLaunchTemplate({ securityGroupIds: ['sg-1'] }, actualTemplate)).toEqual([
      { target: 'template', field: 'securityGroupIds', from: ['sg-1', 'sg-2'], to: ['sg-1'] },
    ]);
  });

  it('matches the instance profile by name or by ARN', () => {
    expect(instanceProfileName('arn:aws:iam::111122223333:instance-profile/ops/drs-recovery')).toBe(
      'drs-recovery',
    );
    expect(diffLaunchTemplate({ instanceProfile: 'drs-recovery' }, actualTemplate)).toEqual([]);
    expect(
      diffLaunchTemplate(
        { instanceProfile: 'arn:aws:iam::111122223333:instance-profile/ops/drs-recovery' },
        actualTemplate,
      ),
    ).toEqual([]);
    const byName: LaunchTemplateVersion = {
      LaunchTemplateData: { IamInstanceProfile: { Name: 'drs-recovery' } },
    };
    expect(
      diffLaunchTemplate({ instanceProfile: 'arn:aws:iam::1:instance-profile/drs-recovery' }, byName),
    ).toEqual([]);
    expect(diffLaunchTemplate({ instanceProfile: 'other' }, actualTemplate)).toEqual([
      {
        target: 'template',
        field: 'instanceProfile',
        from: 'arn:aws:iam::111122223333:instance-profile/ops/drs-recovery',
        to: 'other',
      },
    ]);
  });

  it('reads subnet and instance type, and reports a template with no subnet', () => {
    expect(diffLaunchTemplate({ subnetId: 'subnet-a', instanceType: 't3.small' }, actualTemplate)).toEqual(
      [],
    );
    expect(
      diffLaunchTemplate({ subnetId: 'subnet-b', instanceType: 'm6i.large' }, { LaunchTemplateData: {} }),
    ).toEqual([
      { target: 'template', field: 'subnetId', from: null, to: 'subnet-b' },
      { target: 'template', field: 'instanceType', from: null, to: 'm6i.large' },
    ]);
  });
});

const drift: LaunchConfigDrift[] = [
  {
    sourceServerId: 's-1',
    launchTemplateId: 'lt-1',
    templateVersion: 7,
    changes: [
      { target: 'launch', field: 'copyTags', from: false, to: true },
      { target: 'launch', field: 'osByol', from: false, to: true },
      { target: 'template', field: 'subnetId', from: 'subnet-a', to: 'subnet-b' },
    ],
    desired: { launch: { copyTags: true, osByol: true }, template: { subnetId: 'subnet-b' } },
  },
  {
    sourceServerId: 's-2',
    launchTemplateId: 'lt-2',
    templateVersion: 3,
    changes: [{ target: 'template', field: 'instanceType', from: 't3.small', to: 'm6i.large' }],
    desired: { launch: {}, template: { instanceType: 'm6i.large' } },
  },
];

/** The estate the drift above was read from: launch configurations and default template versions. */
function estate() {
  const drs = new FakeDrs();
  const ec2 = new FakeEc2();
  drs.launchConfigs.set('s-1', {
    sourceServerID: 's-1',
    ec2LaunchTemplateID: 'lt-1',
    copyTags: false,
    licensing: { osByol: false },
  });
  drs.launchConfigs.set('s-2', { sourceServerID: 's-2', ec2LaunchTemplateID: 'lt-2' });
  ec2.templates.set('lt-1', {
    VersionNumber: 7,
    LaunchTemplateData: { NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: 'subnet-a' }] },
  });
  ec2.templates.set('lt-2', { VersionNumber: 3, LaunchTemplateData: { InstanceType: 't3.small' } });
  return { drs, ec2 };
}

describe('repairLaunchConfigurations', () => {
  it('writes nothing when there is no drift', async () => {
    const drs = new FakeDrs();
    const ec2 = new FakeEc2();
    expect(
      await repairLaunchConfigurations({ drs, ec2 }, [], { dryRun: false, executionId: 'o/r/1' }),
    ).toEqual([]);
    expect(writesOf(drs, ec2)).toEqual([]);
  });

  it('writes exactly the drifted fields and lists every change with the new template version', async () => {
    const { drs, ec2 } = estate();
    const changes = await repairLaunchConfigurations({ drs, ec2 }, drift, {
      dryRun: false,
      executionId: 'o/r/1',
    });
    const writes = writesOf(drs, ec2);
    // The version the fake EC2 handed out for that template's write.
    const versionOf = (lt: string) => {
      const call = writes.find((w) => w.method === 'updateLaunchTemplate' && w.args[0] === lt);
      return ec2.tokens.get(call?.args[3] as string);
    };
    expect(versionOf('lt-1')).toBeTypeOf('number');
    expect(versionOf('lt-2')).toBeTypeOf('number');
    expect(writes.filter((w) => w.method === 'updateLaunchConfiguration').map((w) => w.args[0])).toEqual([
      { sourceServerID: 's-1', copyTags: true, licensing: { osByol: true } },
    ]);
    // Servers are repaired concurrently: compare in a fixed order.
    const templates = writes
      .filter((w) => w.method === 'updateLaunchTemplate')
      .map((w) => w.args.slice(0, 3))
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(templates).toEqual([
      ['lt-1', 7, { subnetId: 'subnet-b' }],
      ['lt-2', 3, { instanceType: 'm6i.large' }],
    ]);
    expect(changes).toEqual([
      { sourceServerId: 's-1', target: 'launch', field: 'copyTags', from: false, to: true, applied: true },
      { sourceServerId: 's-1', target: 'launch', field: 'osByol', from: false, to: true, applied: true },
      {
        sourceServerId: 's-1',
        target: 'template',
        field: 'subnetId',
        from: 'subnet-a',
        to: 'subnet-b',
        applied: true,
        templateVersion: versionOf('lt-1'),
      },
      {
        sourceServerId: 's-2',
        target: 'template',
        field: 'instanceType',
        from: 't3.small',
        to: 'm6i.large',
        applied: true,
        templateVersion: versionOf('lt-2'),
      },
    ]);
  });

  it('writes nothing once the run is past its deadline: every server fails with the reason', async () => {
    const { drs, ec2 } = estate();
    const clock = { now: () => 1_000_000, sleep: async () => {} };
    const attempt = repairLaunchConfigurations({ drs, ec2, clock }, drift, {
      dryRun: false,
      executionId: 'o/r/1',
      deadline: 1_000_000,
    });
    const error = (await attempt.catch((e: unknown) => e)) as LaunchConfigRepairError;
    expect(error).toBeInstanceOf(LaunchConfigRepairError);
    expect(error.failures.map((f) => f.error)).toEqual([
      expect.any(DeadlineError),
      expect.any(DeadlineError),
    ]);
    expect(writesOf(drs, ec2)).toEqual([]);
  });

  it("stops between a server's writes when the deadline passes, keeping what was written", async () => {
    const { drs, ec2 } = estate();
    let now = 0;
    const clock = { now: () => now, sleep: async () => {} };
    const update = drs.updateLaunchConfiguration.bind(drs);
    drs.updateLaunchConfiguration = async (u) => {
      now = 10_000;
      return update(u);
    };
    const attempt = repairLaunchConfigurations({ drs, ec2, clock }, [drift[0]!], {
      dryRun: false,
      executionId: 'o/r/1',
      deadline: 5_000,
    });
    const error = (await attempt.catch((e: unknown) => e)) as LaunchConfigRepairError;
    expect(error.failures[0]?.error).toBeInstanceOf(DeadlineError);
    expect(error.changes.map((c) => `${c.target}.${c.field}`)).toEqual(['launch.copyTags', 'launch.osByol']);
    expect(writesOf(drs, ec2).map((w) => w.method)).toEqual(['updateLaunchConfiguration']);
  });

  it('lists but does not apply in a dry run', async () => {
    const { drs, ec2 } = estate();
    const changes = await repairLaunchConfigurations({ drs, ec2 }, drift, {
      dryRun: true,
      executionId: 'o/r/1',
    });
    expect(writesOf(drs, ec2)).toEqual([]);
    expect(changes).toHaveLength(4);
    expect(changes.every((c) => c.applied === false && c.templateVersion === undefined)).toBe(true);
  });

  it('uses a deterministic client token so a re-run gets the version already made', async () => {
    const { drs, ec2 } = estate();
    // A re-run repairs from the drift its own preflight read before the first run's write was seen.
    const templateOnly = [drift[1] as LaunchConfigDrift];
    const first = await repairLaunchConfigurations({ drs, ec2 }, templateOnly, {
      dryRun: false,
      executionId: 'o/r/1',
    });
    const again = await repairLaunchConfigurations({ drs, ec2 }, templateOnly, {
      dryRun: false,
      executionId: 'o/r/1',
    });
    const versions = (cs: typeof first) =>
      cs.filter((c) => c.target === 'template').map((c) => c.templateVersion);
    expect(versions(again)).toEqual(versions(first));
    const tokens = ec2.calls
      .filter((c) => c.method === 'updateLaunchTemplate')
      .map((c) => c.args[3] as string);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toBe(tokens[1]);
    expect(tokens.every((t) => t.length <= 255)).toBe(true);
  });

  it('writes DRS settings first, then builds the template version from the default as DRS left it', async () => {
    const { drs, ec2 } = estate();
    // DRS writes a template version of its own when copyPrivateIp changes (version 50, with the IP).
    drs.onUpdate = (update) => {
      if (update.copyPrivateIp === undefined) return;
      const current = ec2.templates.get('lt-1');
      const data = structuredClone(current?.LaunchTemplateData ?? {});
      const ni = data.NetworkInterfaces?.[0] ?? { DeviceIndex: 0 };
      ni.PrivateIpAddress = '10.0.0.15';
      data.NetworkInterfaces = [ni];
      ec2.templates.set('lt-1', { VersionNumber: 50, LaunchTemplateData: data });
    };
    const turnOn: LaunchConfigDrift = {
      sourceServerId: 's-1',
      launchTemplateId: 'lt-1',
      templateVersion: 7,
      changes: [
        { target: 'launch', field: 'copyPrivateIp', from: null, to: true },
        { target: 'template', field: 'subnetId', from: 'subnet-a', to: 'subnet-b' },
      ],
      desired: { launch: { copyPrivateIp: true }, template: { subnetId: 'subnet-b' } },
    };
    await repairLaunchConfigurations({ drs, ec2 }, [turnOn], { dryRun: false, executionId: 'o/r/1' });
    const order = [...drs.calls, ...ec2.calls].map((c) => c.method);
    expect(order.indexOf('updateLaunchConfiguration')).toBeGreaterThanOrEqual(0);
    const templateWrite = ec2.calls.find((c) => c.method === 'updateLaunchTemplate');
    // Made from DRS's version 50, not from the version 7 preflight saw: DRS's IP is kept.
    expect(templateWrite?.args[1]).toBe(50);
    expect(ec2.templates.get('lt-1')?.LaunchTemplateData?.NetworkInterfaces?.[0]).toMatchObject({
      SubnetId: 'subnet-b',
      PrivateIpAddress: '10.0.0.15',
    });
  });

  it('turning copyPrivateIp off takes the old private IP out of the template', async () => {
    const { drs, ec2 } = estate();
    ec2.templates.set('lt-1', {
      VersionNumber: 7,
      LaunchTemplateData: {
        NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: 'subnet-a', PrivateIpAddress: '10.0.0.15' }],
      },
    });
    drs.launchConfigs.set('s-1', { sourceServerID: 's-1', ec2LaunchTemplateID: 'lt-1', copyPrivateIp: true });
    const off: LaunchConfigDrift = {
      sourceServerId: 's-1',
      launchTemplateId: 'lt-1',
      templateVersion: 7,
      changes: [
        { target: 'launch', field: 'copyPrivateIp', from: true, to: false },
        { target: 'template', field: 'privateIp', from: '10.0.0.15', to: null },
      ],
      desired: { launch: { copyPrivateIp: false }, template: {} },
    };
    const changes = await repairLaunchConfigurations({ drs, ec2 }, [off], {
      dryRun: false,
      executionId: 'o/r/1',
    });
    expect(
      ec2.templates.get('lt-1')?.LaunchTemplateData?.NetworkInterfaces?.[0]?.PrivateIpAddress,
    ).toBeUndefined();
    expect(changes.map((c) => `${c.target}.${c.field}`)).toEqual([
      'launch.copyPrivateIp',
      'template.privateIp',
    ]);
  });

  it('verify-after-write fails a repair that DRS own settings contradict', async () => {
    const { drs, ec2 } = estate();
    // Right-sizing BASIC: DRS rewrites the template's instance type after every write (modelled here
    // as the default version always showing DRS's recommendation).
    const describe = ec2.describeDefaultLaunchTemplateVersion.bind(ec2);
    ec2.describeDefaultLaunchTemplateVersion = async (id: string) => {
      const version = await describe(id);
      return { ...version, LaunchTemplateData: { ...version.LaunchTemplateData, InstanceType: 'c5.large' } };
    };
    const attempt = repairLaunchConfigurations({ drs, ec2 }, [drift[1] as LaunchConfigDrift], {
      dryRun: false,
      executionId: 'o/r/1',
    });
    const error = (await attempt.catch((e: unknown) => e)) as LaunchConfigRepairError;
    expect(error).toBeInstanceOf(LaunchConfigRepairError);
    expect(error.message).toContain('template.instanceType is "c5.large", the plan wants "m6i.large"');
    // The attempted write is still in the evidence.
    expect(error.changes.map((c) => c.field)).toEqual(['instanceType']);
  });

  it('derives different tokens for another execution, server, source version or change', () => {
    const base = templateClientToken('o/r/1', 's-1', 'lt-1', 7, { securityGroupIds: ['sg-1', 'sg-2'] });
    expect(templateClientToken('o/r/1', 's-1', 'lt-1', 7, { securityGroupIds: ['sg-2', 'sg-1'] })).toBe(base);
    expect(templateClientToken('o/r/2', 's-1', 'lt-1', 7, { securityGroupIds: ['sg-1', 'sg-2'] })).not.toBe(
      base,
    );
    expect(templateClientToken('o/r/1', 's-9', 'lt-1', 7, { securityGroupIds: ['sg-1', 'sg-2'] })).not.toBe(
      base,
    );
    expect(templateClientToken('o/r/1', 's-1', 'lt-1', 8, { securityGroupIds: ['sg-1', 'sg-2'] })).not.toBe(
      base,
    );
    expect(templateClientToken('o/r/1', 's-1', 'lt-1', 7, { securityGroupIds: ['sg-1'] })).not.toBe(base);
  });

  it('attempts every server and reports failures with the changes made so far', async () => {
    const { drs, ec2 } = estate();
    ec2.updateLaunchTemplate = async () => {
      throw Object.assign(new Error('template is busy'), { name: 'ConcurrentTagAccess' });
    };
    const attempt = repairLaunchConfigurations({ drs, ec2 }, drift, { dryRun: false, executionId: 'o/r/1' });
    await expect(attempt).rejects.toBeInstanceOf(LaunchConfigRepairError);
    const error = (await attempt.catch((e: unknown) => e)) as LaunchConfigRepairError;
    expect(error.failures.map((f) => f.sourceServerId).sort()).toEqual(['s-1', 's-2']);
    expect(error.changes.map((c) => c.field)).toEqual(['copyTags', 'osByol']);
    expect(error.message).toContain('template is busy');
  });
});

describe('the repair step’s log (drill mode)', () => {
  /** An ActionIO that records each line with the group it printed in. */
  function recordingIO() {
    const lines: { group: string | undefined; line: string }[] = [];
    let group: string | undefined;
    const push = (kind: string) => (m: string) => lines.push({ group, line: `${kind} ${m}` });
    const io = {
      info: push('info'),
      notice: push('notice'),
      warning: push('warning'),
      error: push('error'),
      debug: push('debug'),
      group: async <T>(name: string, fn: () => Promise<T>) => {
        group = name;
        try {
          return await fn();
        } finally {
          group = undefined;
        }
      },
      setOutput: () => {},
      setSecret: () => {},
      saveState: () => {},
      getState: () => '',
      writeSummary: async () => {},
    };
    return { io, lines };
  }

  it('prints the changes and the failed writes inside the "Launch configuration" group', async () => {
    const { drs, ec2 } = estate();
    let now = 0;
    const clock = { now: () => now, sleep: async () => {} };
    const update = drs.updateLaunchConfiguration.bind(drs);
    drs.updateLaunchConfiguration = async (u) => {
      now = 10_000;
      return update(u);
    };
    const { io, lines } = recordingIO();
    const report = { launchConfigChanges: [] } as unknown as Report;
    const errors = await repairStep(
      io,
      report,
      { drs, ec2, clock },
      { drift: [drift[0]!] } as PreflightResult,
      {
        dryRun: false,
        executionId: 'o/r/1',
        deadline: 5_000,
      },
    );
    expect(errors.at(-1)).toContain('Nothing was started');
    expect(lines.filter((l) => l.group !== 'Launch configuration')).toEqual([]);
    expect(lines.map((l) => l.line.split(':')[0])).toEqual([
      'info Changed s-1 launch.copyTags',
      'info Changed s-1 launch.osByol',
      'error Launch configuration of s-1 could not be written',
    ]);
  });
});
