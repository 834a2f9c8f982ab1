import { describe, expect, it } from 'vitest';
import { driftProblems } from '../../../src/engine/drift-check.js';
import type { LaunchConfigDrift } from '../../../src/engine/launch-config.js';
import type { ExecutionPlan } from '../../../src/engine/types.js';
import { loadPlanText } from '../../../src/plan/load.js';
import { sourceServer } from '../../support/builders.js';

const PLAN = [
  'version: 1', // 1
  'name: iac',
  'defaults:',
  '  launch: { copyPrivateIp: false, rightSizing: NONE }',
  '  template: { instanceType: m6i.large }', // 5
  'waves:',
  '  - name: data',
  '    servers:',
  '      - id: s-1111111111111111a',
  '        template: { subnetId: subnet-0a000001 }', // 10
  '',
].join('\n');

function executionPlan(): ExecutionPlan {
  const plan = loadPlanText(PLAN, 'drs-plans/iac.yaml').plan!;
  const spec = plan.waves[0]!.servers[0]!;
  return {
    plan,
    waves: [
      {
        wave: plan.waves[0]!,
        servers: [
          {
            sourceServerId: 's-1111111111111111a',
            hostname: 'db-01',
            spec,
            sourceServer: sourceServer('s-1111111111111111a', { hostname: 'db-01' }),
          },
        ],
      },
    ],
  };
}

describe('repair: check', () => {
  const drift: LaunchConfigDrift = {
    sourceServerId: 's-1111111111111111a',
    hostname: 'db-01',
    desired: { launch: {}, template: {} },
    changes: [
      { target: 'launch', field: 'rightSizing', from: 'BASIC', to: 'NONE' },
      { target: 'template', field: 'instanceType', from: 't3.medium', to: 'm6i.large' },
      { target: 'template', field: 'subnetId', from: null, to: 'subnet-0a000001' },
      { target: 'template', field: 'privateIp', from: '10.0.1.11', to: null },
    ],
  };

  it('makes every drifted field a problem at the plan line that set it, with the current value', () => {
    const problems = driftProblems([drift], executionPlan());
    expect(problems.map((p) => [p.position?.line, p.wave, p.sourceServerId])).toEqual([
      [4, 'data', 's-1111111111111111a'],
      [5, 'data', 's-1111111111111111a'],
      [10, 'data', 's-1111111111111111a'],
      [4, 'data', 's-1111111111111111a'],
    ]);
    expect(problems[0]!.message).toBe(
      'Source server s-1111111111111111a (db-01): launch.rightSizing is "BASIC", the plan wants "NONE" (drs-plans/iac.yaml:4)',
    );
    expect(problems[2]!.message).toContain('template.subnetId is unset, the plan wants "subnet-0a000001"');
    expect(problems[3]!.message).toContain('pins private IP "10.0.1.11"');
    for (const p of problems) expect(p.fix).toContain('repair: apply');
  });

  it('falls back to the server entry for a server the plan does not know, and says nothing without drift', () => {
    expect(driftProblems([], executionPlan())).toEqual([]);
    const other = driftProblems([{ ...drift, sourceServerId: 's-2222222222222222b' }], executionPlan());
    expect(other).toHaveLength(4);
    expect(other[0]!.position).toBeUndefined();
  });
});
