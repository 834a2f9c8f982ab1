import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TAG_PREFIX } from '../../../src/core/tags.js';
import {
  MODE_OPERATIONS,
  REQUIRED_ACTIONS,
  START_RECOVERY_REQUIRED_ACTIONS,
  TERMINATE_RECOVERY_INSTANCES_REQUIRED_ACTIONS,
} from '../../../src/iam/actions.js';
import {
  partitionOf,
  permissionsPolicy,
  roleArnForInstanceProfile,
  scopeFromPlan,
} from '../../../src/iam/policy.js';
import { MODES } from '../../../src/modes.js';
import { loadPlanText } from '../../../src/plan/load.js';
import { allows, policyShapeProblems } from './shape.js';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

const FAS = { 'aws:ViaAWSService': 'true' };
const SCOPE = { region: 'eu-west-1', accountId: '111122223333' };
const SERVER = 'arn:aws:drs:eu-west-1:111122223333:source-server/s-1234567890abcdef0';

interface ModelShape {
  traits?: Record<string, unknown>;
}

describe('required actions', () => {
  const model = JSON.parse(read('emulator/model/drs-2020-02-26.json')) as {
    shapes: Record<string, ModelShape>;
  };

  it.each(Object.keys(REQUIRED_ACTIONS))('%s lists exactly the model aws.iam#requiredActions', (op) => {
    const fromModel = model.shapes[`com.amazonaws.drs#${op}`]?.traits?.['aws.iam#requiredActions'];
    expect(Array.isArray(fromModel)).toBe(true);
    expect([...(REQUIRED_ACTIONS[op] ?? [])].sort()).toEqual([...new Set(fromModel as string[])].sort());
  });

  it('every operation the gateways can send is granted to some mode', () => {
    const sent = (file: string) =>
      [...read(file).matchAll(/\b(?:paginate(\w+)|(\w+)Command)\b/g)]
        .map((m) => m[1] ?? m[2] ?? '')
        .filter((op) => op !== '' && !op.endsWith('Input') && !op.endsWith('Output'));
    const granted = (service: 'drs' | 'ec2' | 'ssm') =>
      new Set(MODES.flatMap((m) => MODE_OPERATIONS[m][service]));
    const drs = granted('drs');
    const ec2 = granted('ec2');
    const ssm = granted('ssm');
    expect(sent('src/aws/drs-gateway.ts').filter((op) => !drs.has(op))).toEqual([]);
    expect(sent('src/aws/ec2-gateway.ts').filter((op) => !ec2.has(op))).toEqual([]);
    // The SSM gateway's own method names end in Command too: count only the SDK commands it sends.
    const ssmSent = [...read('src/aws/ssm-gateway.ts').matchAll(/new (\w+)Command\(/g)].map(
      (m) => m[1] ?? '',
    );
    expect(ssmSent.filter((op) => !ssm.has(op))).toEqual([]);
    expect(new Set(ssmSent)).toEqual(ssm);
    expect(sent('src/aws/drs-gateway.ts').length).toBeGreaterThan(5);
    expect(sent('src/aws/drs-gateway.ts')).toEqual(
      expect.arrayContaining(['PutLaunchAction', 'ListLaunchActions']),
    );
  });
});

describe('permissionsPolicy', () => {
  it.each(MODES)('%s: a well-formed document that fits a managed policy (6,144 characters)', (mode) => {
    for (const doc of [
      permissionsPolicy(mode),
      permissionsPolicy(mode, { ...SCOPE, instanceProfiles: ['p'] }),
    ]) {
      expect(policyShapeProblems(doc, 'permissions')).toEqual([]);
      expect(JSON.stringify(doc).length).toBeLessThan(6144);
    }
  });

  it('validate is read-only: only Describe/Get/List actions, no PassRole, nothing through DRS', () => {
    const doc = permissionsPolicy('validate');
    const actions = doc.Statement.flatMap((s) => s.Action);
    expect(actions.filter((a) => !/^(drs|ec2):(Describe|Get|List)/.test(a))).toEqual([]);
    expect(allows(doc, 'drs:GetLaunchConfiguration', SERVER)).toBe(true);
    expect(allows(doc, 'ec2:DescribeSubnets', '*')).toBe(true);
    expect(allows(doc, 'drs:StartRecovery', SERVER)).toBe(false);
  });

  it('drill: StartRecovery with every action DRS performs as the caller, only through DRS for EC2 writes', () => {
    const doc = permissionsPolicy('drill', SCOPE);
    expect(allows(doc, 'drs:StartRecovery', SERVER)).toBe(true);
    for (const action of START_RECOVERY_REQUIRED_ACTIONS.filter((a) => a.startsWith('ec2:'))) {
      expect(
        allows(doc, action, 'arn:aws:ec2:eu-west-1:111122223333:volume/vol-1', {
          ...FAS,
          'aws:RequestedRegion': 'eu-west-1',
        }),
      ).toBe(true);
    }
    // Without DRS in the middle the role cannot launch, terminate or delete anything itself.
    for (const action of [
      'ec2:RunInstances',
      'ec2:TerminateInstances',
      'ec2:DeleteVolume',
      'ec2:CreateVolume',
    ]) {
      expect(
        allows(doc, action, 'arn:aws:ec2:eu-west-1:111122223333:instance/i-1', {
          'aws:RequestedRegion': 'eu-west-1',
        }),
      ).toBe(false);
    }
    expect(allows(doc, 'drs:CreateRecoveryInstanceForDrs', SERVER)).toBe(true);
    expect(allows(doc, 'drs:ListTagsForResource', SERVER)).toBe(true);
    expect(
      allows(
        doc,
        'drs:TerminateRecoveryInstances',
        'arn:aws:drs:eu-west-1:111122223333:recovery-instance/i-1',
      ),
    ).toBe(true);
  });

  it('drill: job tags and instance tags only with the action prefix', () => {
    const doc = permissionsPolicy('drill', SCOPE);
    const job = 'arn:aws:drs:eu-west-1:111122223333:job/drsjob-1234567890abcdefg';
    const instance = 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0';
    expect(
      allows(doc, 'drs:TagResource', job, { 'aws:TagKeys': [`${TAG_PREFIX}plan`, `${TAG_PREFIX}wave`] }),
    ).toBe(true);
    expect(allows(doc, 'drs:TagResource', job, { 'aws:TagKeys': ['Owner'] })).toBe(false);
    expect(allows(doc, 'ec2:CreateTags', instance, { 'aws:TagKeys': [`${TAG_PREFIX}execution-id`] })).toBe(
      true,
    );
    expect(allows(doc, 'ec2:CreateTags', instance, { 'aws:TagKeys': ['Name'] })).toBe(false);
  });

  it('drill: edits only DRS-managed launch templates', () => {
    const doc = permissionsPolicy('drill', SCOPE);
    const template = 'arn:aws:ec2:eu-west-1:111122223333:launch-template/lt-0123456789abcdef0';
    const managed = { 'aws:ResourceTag/AWSElasticDisasterRecoveryManaged': 'drs.amazonaws.com' };
    expect(allows(doc, 'ec2:CreateLaunchTemplateVersion', template, managed)).toBe(true);
    expect(allows(doc, 'ec2:ModifyLaunchTemplate', template, managed)).toBe(true);
    expect(allows(doc, 'ec2:ModifyLaunchTemplate', template)).toBe(false);
    // Present is enough, whatever the value (as AWS's own managed policy conditions it).
    const otherValue = { 'aws:ResourceTag/AWSElasticDisasterRecoveryManaged': 'true' };
    expect(allows(doc, 'ec2:CreateLaunchTemplateVersion', template, otherValue)).toBe(true);
  });

  it('drill and recovery pass the DRS roles and the plan instance profiles, to EC2 only', () => {
    const doc = permissionsPolicy('recovery', { ...SCOPE, instanceProfiles: ['app-profile'] });
    const toEc2 = { 'iam:PassedToService': 'ec2.amazonaws.com' };
    const role = (name: string) => `arn:aws:iam::111122223333:role/${name}`;
    expect(allows(doc, 'iam:PassRole', role('app-profile'), toEc2)).toBe(true);
    expect(
      allows(doc, 'iam:PassRole', role('service-role/AWSElasticDisasterRecoveryRecoveryInstanceRole'), toEc2),
    ).toBe(true);
    expect(
      allows(doc, 'iam:PassRole', role('service-role/AWSElasticDisasterRecoveryConversionServerRole'), toEc2),
    ).toBe(true);
    expect(
      allows(doc, 'iam:PassRole', role('app-profile'), { 'iam:PassedToService': 'lambda.amazonaws.com' }),
    ).toBe(false);
    expect(allows(doc, 'iam:PassRole', role('admin'), toEc2)).toBe(false);
  });

  it('recovery never terminates recovery instances; cleanup never launches', () => {
    const recovery = permissionsPolicy('recovery', SCOPE);
    const instance = 'arn:aws:drs:eu-west-1:111122223333:recovery-instance/i-1';
    expect(allows(recovery, 'drs:TerminateRecoveryInstances', instance)).toBe(false);
    const cleanup = permissionsPolicy('cleanup', SCOPE);
    expect(allows(cleanup, 'drs:TerminateRecoveryInstances', instance)).toBe(true);
    for (const action of TERMINATE_RECOVERY_INSTANCES_REQUIRED_ACTIONS) {
      expect(
        allows(
          cleanup,
          action,
          action.startsWith('drs:') ? '*' : 'arn:aws:ec2:eu-west-1:111122223333:volume/v',
          {
            ...FAS,
            'aws:RequestedRegion': 'eu-west-1',
          },
        ),
      ).toBe(true);
    }
    const actions = cleanup.Statement.flatMap((s) => s.Action);
    for (const a of [
      'drs:StartRecovery',
      'iam:PassRole',
      'drs:UpdateLaunchConfiguration',
      'ec2:RunInstances',
    ]) {
      expect(actions).not.toContain(a);
    }
  });

  it('scopes every ARN and every Resource "*" to the plan region and account', () => {
    const doc = permissionsPolicy('drill', SCOPE);
    for (const s of doc.Statement) {
      for (const r of [s.Resource].flat()) {
        if (r === '*') expect(s.Condition?.StringEquals?.['aws:RequestedRegion']).toBe('eu-west-1');
        else if (r.startsWith('arn:aws:iam::')) expect(r).toMatch(/^arn:aws:iam::111122223333:role\//);
        // AWS-owned SSM documents (the Run Command shells) have no account in their ARN.
        else
          expect(r).toMatch(
            /^arn:aws:(drs|ec2):eu-west-1:111122223333:|^arn:aws:ssm:eu-west-1::document\/AWS-/,
          );
      }
    }
    expect(allows(doc, 'drs:StartRecovery', 'arn:aws:drs:us-east-1:111122223333:source-server/s-1')).toBe(
      false,
    );
    expect(allows(doc, 'drs:StartRecovery', 'arn:aws:drs:eu-west-1:999999999999:source-server/s-1')).toBe(
      false,
    );
  });

  it('drill: Run Command only with the check documents, only on instances DRS launched; validate has no SSM', () => {
    const doc = permissionsPolicy('drill', { ...SCOPE, checkDocuments: ['Acme-Check'] });
    const send = doc.Statement.filter((s) => s.Action.includes('ssm:SendCommand'));
    expect(send.map((s) => s.Resource)).toEqual(
      [
        [
          'arn:aws:ssm:eu-west-1::document/AWS-RunPowerShellScript',
          'arn:aws:ssm:eu-west-1::document/AWS-RunShellScript',
          'arn:aws:ssm:eu-west-1:111122223333:document/Acme-Check',
        ].sort(),
        'arn:aws:ec2:eu-west-1:111122223333:instance/*',
      ].map((r) => (Array.isArray(r) ? expect.arrayContaining(r) : r)),
    );
    expect(send[1]?.Condition).toEqual({
      Null: { 'ssm:resourceTag/AWSElasticDisasterRecoveryManaged': 'false' },
    });
    expect(send.every((s) => s.Action.length === 1)).toBe(true);
    const validate = permissionsPolicy('validate').Statement.flatMap((s) => s.Action);
    expect(validate.filter((a) => a.startsWith('ssm:'))).toEqual([]);
    expect(validate).toContain('drs:ListLaunchActions');
    expect(validate).not.toContain('drs:PutLaunchAction');
  });

  it('uses the partition of the region', () => {
    expect(partitionOf('cn-north-1')).toBe('aws-cn');
    expect(partitionOf('us-gov-west-1')).toBe('aws-us-gov');
    expect(partitionOf(undefined)).toBe('aws');
    const arns = permissionsPolicy('drill', { region: 'cn-north-1' }).Statement.flatMap((s) =>
      [s.Resource].flat(),
    );
    expect(arns.filter((r) => r !== '*').every((r) => r.startsWith('arn:aws-cn:'))).toBe(true);
  });
});

describe('instance profiles', () => {
  it('maps a profile name, a path and an ARN to the role of the same name', () => {
    expect(roleArnForInstanceProfile('drs-recovery', { accountId: '111122223333' })).toBe(
      'arn:aws:iam::111122223333:role/drs-recovery',
    );
    expect(roleArnForInstanceProfile('drs-recovery', {})).toBe('arn:aws:iam::*:role/drs-recovery');
    expect(roleArnForInstanceProfile('arn:aws:iam::444455556666:instance-profile/dr/app', {})).toBe(
      'arn:aws:iam::444455556666:role/dr/app',
    );
  });

  it('collects region, account and every instance profile of a plan; options override the plan', () => {
    const text = `version: 1
name: payments
region: us-east-1
accountId: "111122223333"
defaults:
  template: { instanceProfile: drs-recovery }
waves:
  - name: data
    servers: [{ id: s-1111111111111111a }]
    template: { instanceProfile: "arn:aws:iam::111122223333:instance-profile/db-profile" }
  - name: app
    servers: [{ id: s-2222222222222222b }]
`;
    const { plan, diagnostics } = loadPlanText(text, 'plan.yaml');
    expect(diagnostics).toEqual([]);
    expect(scopeFromPlan(plan!)).toEqual({
      region: 'us-east-1',
      accountId: '111122223333',
      instanceProfiles: ['arn:aws:iam::111122223333:instance-profile/db-profile', 'drs-recovery'],
    });
    expect(scopeFromPlan(plan!, { region: 'eu-west-1', accountId: '999999999999' })).toMatchObject({
      region: 'eu-west-1',
      accountId: '999999999999',
    });
  });
});
