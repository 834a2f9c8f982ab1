import { describe, expect, it } from 'vitest';
import { diffPlans, renderPlanDiff } from '../../../src/plan/diff.js';
import { drillOverrideText } from '../../../src/plan/drill.js';
import { loadPlanText } from '../../../src/plan/load.js';
import { renderValidationSummary } from '../../../src/report/validation-md.js';
import { findDiagnostic, yaml } from './helpers.js';

const PLAN = yaml(
  'version: 1', //                                                   1
  'name: isolated',
  'defaults:',
  '  launch: { copyPrivateIp: true }',
  '  template: { subnetId: subnet-0a000001, instanceType: m6i.large }', // 5
  'drill:',
  '  subnetId: subnet-0d000001',
  '  securityGroupIds: [sg-0d000001]',
  '  tags: { Environment: drill, Owner: dr-team }',
  'waves:', //                                                       10
  '  - name: data',
  '    drill: { instanceType: t3.large, tags: { Owner: data-team } }',
  '    servers:',
  '      - id: s-1111111111111111a',
  '        drill: { copyPrivateIp: false, securityGroupIds: [sg-0d000002] }', // 15
  '      - hostname: db-02',
  '  - name: app',
  '    servers:',
  '      - hostname: app-01',
);

describe('drill: overrides in the plan', () => {
  const result = loadPlanText(PLAN, 'plans/isolated.yaml');
  const plan = result.plan!;

  it('validates, and merges plan, wave and server levels with the most specific winning', () => {
    expect(result.diagnostics).toEqual([]);
    const [first, second] = plan.waves[0]!.servers;
    expect(first!.drill).toEqual({
      subnetId: 'subnet-0d000001',
      securityGroupIds: ['sg-0d000002'],
      instanceType: 't3.large',
      copyPrivateIp: false,
      // tags merge key by key: the wave's Owner wins over the plan's, Environment stays.
      tags: { Environment: 'drill', Owner: 'data-team' },
    });
    expect(second!.drill).toEqual({
      subnetId: 'subnet-0d000001',
      securityGroupIds: ['sg-0d000001'],
      instanceType: 't3.large',
      tags: { Environment: 'drill', Owner: 'data-team' },
    });
    expect(plan.waves[1]!.servers[0]!.drill).toEqual({
      subnetId: 'subnet-0d000001',
      securityGroupIds: ['sg-0d000001'],
      tags: { Environment: 'drill', Owner: 'dr-team' },
    });
    // The recovery settings are untouched by the drill block.
    expect(first!.template).toEqual({ subnetId: 'subnet-0a000001', instanceType: 'm6i.large' });
    expect(first!.launch).toEqual({ copyPrivateIp: true });
  });

  it('remembers the line that set each effective field', () => {
    const first = plan.waves[0]!.servers[0]!;
    expect(first.fieldPositions?.['launch.copyPrivateIp']).toMatchObject({ line: 4 });
    expect(first.fieldPositions?.['template.subnetId']).toMatchObject({ line: 5 });
    expect(first.fieldPositions?.['drill.subnetId']).toMatchObject({ line: 7 });
    expect(first.fieldPositions?.['drill.instanceType']).toMatchObject({ line: 12 });
    expect(first.fieldPositions?.['drill.securityGroupIds']).toMatchObject({ line: 15 });
  });

  it('shows the overrides in the validation overview', () => {
    expect(drillOverrideText(plan.waves[0]!.servers[0]!.drill)).toBe(
      'subnet subnet-0d000001, security groups sg-0d000002, instance type t3.large, private IP off, tags Environment=drill Owner=data-team',
    );
    expect(drillOverrideText({})).toBeUndefined();
    const md = renderValidationSummary([result]);
    expect(md).toContain('drill: subnet subnet-0d000001, security groups sg-0d000002');
  });

  it('refuses copyPrivateIp: true, bad ids, reserved tag keys and unknown keys, at their lines', () => {
    const bad = loadPlanText(
      PLAN.replace('copyPrivateIp: false,', 'copyPrivateIp: true,')
        .replace('subnetId: subnet-0d000001', 'subnetId: subnet-XYZ')
        .replace('Environment: drill', '"aws:env": drill')
        .replace('  - name: app\n', '  - name: app\n    drill: { launchDisposition: STOPPED }\n'),
      'plans/isolated.yaml',
    );
    expect(bad.plan).toBeUndefined();
    expect(findDiagnostic(bad, 'drill.subnetId').line).toBe(7);
    expect(findDiagnostic(bad, 'copyPrivateIp').line).toBe(15);
    expect(findDiagnostic(bad, 'aws:env').line).toBe(9);
    expect(findDiagnostic(bad, 'launchDisposition').line).toBe(18);
    const empty = loadPlanText(
      PLAN.replace('      - hostname: app-01', '      - hostname: app-01\n        drill: {}'),
      'p.yaml',
    );
    expect(findDiagnostic(empty, 'give at least one drill setting').line).toBe(20);
  });

  it('the semantic diff names changed drill overrides, tag by tag', () => {
    const head = loadPlanText(
      PLAN.replace('instanceType: t3.large', 'instanceType: t3.xlarge').replace(
        'Owner: data-team',
        'Owner: ops',
      ),
      'plans/isolated.yaml',
    ).plan!;
    const diff = diffPlans(plan, head);
    const fields = diff.serverChanges.flatMap((c) => c.fields.map((f) => f.field));
    expect(fields).toContain('drill.instanceType');
    expect(fields).toContain('drill.tags.Owner');
    expect(fields).not.toContain('drill.tags.Environment');
    expect(renderPlanDiff(diff)).toContain(
      '<code>drill.instanceType</code> <code>t3.large</code> → <code>t3.xlarge</code>',
    );
  });
});
