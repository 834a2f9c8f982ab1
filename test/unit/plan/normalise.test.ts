import { describe, expect, it } from 'vitest';
import { loadPlanText } from '../../../src/plan/load.js';
import { yaml } from './helpers.js';

const PLAN = yaml(
  'version: 1',
  'name: merge',
  'region: eu-central-1',
  'accountId: "123456789012"',
  'objectives: { rto: 1h30m, rpo: 900 }',
  'defaults:',
  '  launch: { copyTags: true, launchDisposition: STARTED, rightSizing: BASIC }',
  '  template: { subnetId: subnet-01234567, securityGroupIds: [sg-01234567, sg-89abcdef], instanceType: m6i.large }',
  '  waveTimeout: 45m',
  '  healthCheck: running',
  'waves:',
  '  - name: data',
  '    launch: { rightSizing: NONE }',
  '    template: { instanceType: r6i.large }',
  '    waitAfter: 2m',
  '    servers:',
  '      - id: s-1111111111111111a',
  '        snapshot: pit-0123456789abcdef0',
  '        launch: { copyPrivateIp: true }',
  '        template: { securityGroupIds: [sg-00000000] }',
  '      - hostname: db-02',
  '        critical: false',
  '        healthCheck: none',
  '  - name: app',
  '    timeout: 90s',
  '    healthCheck: ec2-status',
  '    servers:',
  '      - tags: { App: shop, Tier: app }',
  '  - name: side',
  '    dependsOn: []',
  '    servers: [{ hostname: side-01 }]',
  '  - name: web',
  '    dependsOn: [app, side, app]',
  '    servers: [{ hostname: web-01 }]',
);

describe('normalisation', () => {
  const result = loadPlanText(PLAN, 'plans/merge.yaml');
  const plan = result.plan!;

  it('loads without errors (the duplicate dependsOn entry only warns)', () => {
    expect(result.diagnostics.map((d) => [d.severity, d.message])).toEqual([
      ['warning', 'waves[3].dependsOn[2]: wave "app" is listed twice'],
    ]);
    expect(plan).toBeDefined();
  });

  it('keeps the root fields and converts objectives to seconds', () => {
    expect(plan).toMatchObject({
      version: 1,
      name: 'merge',
      region: 'eu-central-1',
      accountId: '123456789012',
      objectives: { rtoSeconds: 5400, rpoSeconds: 900 },
      onFailure: 'stop',
      file: 'plans/merge.yaml',
    });
    expect(plan.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('merges launch and template down: defaults, then wave, then server; lists replace', () => {
    const [db, dbReplica] = plan.waves[0]!.servers;
    expect(db!.launch).toEqual({
      copyTags: true,
      launchDisposition: 'STARTED',
      rightSizing: 'NONE',
      copyPrivateIp: true,
    });
    expect(db!.template).toEqual({
      subnetId: 'subnet-01234567',
      securityGroupIds: ['sg-00000000'],
      instanceType: 'r6i.large',
    });
    expect(dbReplica!.template).toEqual({
      subnetId: 'subnet-01234567',
      securityGroupIds: ['sg-01234567', 'sg-89abcdef'],
      instanceType: 'r6i.large',
    });
    expect(plan.waves[1]!.servers[0]!.launch).toEqual({
      copyTags: true,
      launchDisposition: 'STARTED',
      rightSizing: 'BASIC',
    });
  });

  it('applies healthCheck server > wave > defaults', () => {
    expect(plan.waves[0]!.servers.map((s) => s.healthCheck)).toEqual(['running', 'none']);
    expect(plan.waves[1]!.servers[0]!.healthCheck).toBe('ec2-status');
    expect(plan.waves[2]!.servers[0]!.healthCheck).toBe('running');
  });

  it('builds selectors, critical and snapshot', () => {
    const [db, dbReplica] = plan.waves[0]!.servers;
    expect(db).toMatchObject({
      selector: { kind: 'id', sourceServerId: 's-1111111111111111a' },
      critical: true,
      snapshot: 'pit-0123456789abcdef0',
    });
    expect(dbReplica).toMatchObject({ selector: { kind: 'hostname', hostname: 'db-02' }, critical: false });
    expect(dbReplica).not.toHaveProperty('snapshot');
    expect(plan.waves[1]!.servers[0]!.selector).toEqual({ kind: 'tags', tags: { App: 'shop', Tier: 'app' } });
  });

  it('defaults dependsOn to the previous wave, [] for the first, and de-duplicates explicit lists', () => {
    expect(plan.waves.map((w) => w.dependsOn)).toEqual([[], ['data'], [], ['app', 'side']]);
  });

  it('converts timeouts and waits to seconds with their defaults', () => {
    expect(plan.waves.map((w) => [w.timeoutSeconds, w.waitAfterSeconds])).toEqual([
      [2700, 120],
      [90, 0],
      [2700, 0],
      [2700, 0],
    ]);
  });

  it('records positions of waves and server entries', () => {
    expect(plan.waves.map((w) => [w.index, w.position.line, w.position.col])).toEqual([
      [0, 12, 5],
      [1, 24, 5],
      [2, 29, 5],
      [3, 32, 5],
    ]);
    expect(plan.waves[0]!.servers.map((s) => s.position)).toEqual([
      { file: 'plans/merge.yaml', line: 17, col: 9 },
      { file: 'plans/merge.yaml', line: 21, col: 9 },
    ]);
  });

  it('uses the spec defaults when nothing is set', () => {
    const bare = loadPlanText(
      yaml('version: 1', 'name: bare', 'waves:', '  - name: only', '    servers: [{ hostname: h }]'),
      'b.yaml',
    ).plan!;
    expect(bare.onFailure).toBe('stop');
    expect(bare.objectives).toEqual({});
    expect(bare.waves[0]).toMatchObject({ dependsOn: [], timeoutSeconds: 3600, waitAfterSeconds: 0 });
    expect(bare.waves[0]!.servers[0]).toMatchObject({
      critical: true,
      launch: {},
      template: {},
      healthCheck: 'ec2-status',
    });
  });
});
