import { describe, expect, it } from 'vitest';
import { loadPlanText } from '../../../src/plan/load.js';
import { findDiagnostic, serverId, yaml } from './helpers.js';

interface Case {
  name: string;
  text: string;
  message: string;
  line: number;
  col: number;
}

const HEAD = ['version: 1', 'name: test'];
/** A plan whose wave `a` (line 4) holds one hostname selector (line 6). */
const waveA = (...extra: string[]): string[] => [
  'waves:',
  '  - name: a',
  ...extra,
  '    servers:',
  '      - hostname: h1',
];

const cases: Case[] = [
  // Malformed YAML
  {
    name: 'unclosed flow sequence',
    text: yaml(...HEAD, 'waves: [1, 2', 'x: 1'),
    message: 'YAML: Flow sequence',
    line: 4,
    col: 1,
  },
  {
    name: 'inconsistent indentation',
    text: yaml(...HEAD, 'objectives:', '    rto: 1h', '  rpo: 5m'),
    message: 'YAML:',
    line: 5,
    col: 1,
  },
  { name: 'tab indentation', text: yaml(...HEAD, 'waves:', '\t- name: a'), message: 'Tabs', line: 4, col: 1 },
  // The yaml library reports an unclosed quote where the input ends.
  {
    name: 'unclosed quote',
    text: yaml('version: 1', 'name: "test', 'waves: []'),
    message: 'Missing closing',
    line: 4,
    col: 1,
  },
  {
    name: 'js/function tag',
    text: yaml(...HEAD, "description: !!js/function 'function () {}'", ...waveA()),
    message: 'YAML tags are not supported',
    line: 3,
    col: 14,
  },
  {
    name: 'custom tag',
    text: yaml(...HEAD, 'region: !Ref Region', ...waveA()),
    message: 'YAML tags are not supported',
    line: 3,
    col: 9,
  },
  {
    name: 'two documents',
    text: yaml(...HEAD, ...waveA(), '---', 'version: 1'),
    message: 'one YAML document',
    line: 7,
    col: 1,
  },
  { name: 'empty file', text: '', message: 'the plan file is empty', line: 1, col: 1 },
  { name: 'only comments', text: yaml('# nothing here'), message: 'the plan file is empty', line: 1, col: 1 },
  { name: 'root is a list', text: yaml('- version: 1'), message: 'must be a YAML mapping', line: 1, col: 1 },
  { name: 'root is a scalar', text: yaml('just text'), message: 'must be a YAML mapping', line: 1, col: 1 },
  {
    name: 'unknown alias',
    text: yaml(...HEAD, 'description: *nope', ...waveA()),
    message: 'unknown alias "*nope"',
    line: 3,
    col: 14,
  },
  // Duplicate keys: reported at the second one
  {
    name: 'duplicate root key',
    text: yaml(...HEAD, 'name: again', ...waveA()),
    message: 'duplicate key "name" (first at line 2)',
    line: 3,
    col: 1,
  },
  {
    name: 'duplicate wave key',
    text: yaml(...HEAD, ...waveA('    timeout: 5m', '    timeout: 10m')),
    message: 'waves[0].timeout: duplicate key "timeout" (first at line 5)',
    line: 6,
    col: 5,
  },
  // Prototype keys
  {
    name: '__proto__ key',
    text: yaml(...HEAD, '__proto__: { x: 1 }', ...waveA()),
    message: 'key "__proto__" is not allowed',
    line: 3,
    col: 1,
  },
  {
    name: 'constructor key',
    text: yaml(...HEAD, ...waveA('    constructor: 1')),
    message: 'waves[0]: key "constructor" is not allowed',
    line: 5,
    col: 5,
  },
  {
    name: 'prototype key',
    text: yaml(...HEAD, 'prototype: 1', ...waveA()),
    message: 'key "prototype" is not allowed',
    line: 3,
    col: 1,
  },
  // Unknown keys, with did-you-mean
  {
    name: 'root key typo',
    text: yaml(...HEAD, 'wave:', '  - name: a'),
    message: 'unknown key "wave" (did you mean "waves"?)',
    line: 3,
    col: 1,
  },
  {
    name: 'server key typo',
    text: yaml(...HEAD, 'waves:', '  - name: a', '    servers:', '      - hostnme: h1'),
    message: 'waves[0].servers[0]: unknown key "hostnme" (did you mean "hostname"?)',
    line: 6,
    col: 9,
  },
  {
    name: 'wave key typo',
    text: yaml(...HEAD, ...waveA('    dependOn: []')),
    message: 'waves[0]: unknown key "dependOn" (did you mean "dependsOn"?)',
    line: 5,
    col: 5,
  },
  {
    name: 'launch key typo',
    text: yaml(...HEAD, 'defaults:', '  launch: { copyTag: true }', ...waveA()),
    message: 'defaults.launch: unknown key "copyTag" (did you mean "copyTags"?)',
    line: 4,
    col: 13,
  },
  {
    name: 'defaults key typo',
    text: yaml(...HEAD, 'defaults:', '  timeout: 5m', ...waveA()),
    message: 'defaults: unknown key "timeout" (did you mean "waveTimeout"?)',
    line: 4,
    col: 3,
  },
  // Root fields
  {
    name: 'missing version',
    text: yaml('name: test', ...waveA()),
    message: 'missing required key "version"',
    line: 1,
    col: 1,
  },
  {
    name: 'wrong version',
    text: yaml('version: 2', 'name: test', ...waveA()),
    message: 'version: unsupported plan version 2',
    line: 1,
    col: 10,
  },
  {
    name: 'bad plan name',
    text: yaml('version: 1', 'name: Payments_Prod', ...waveA()),
    message: 'name: "Payments_Prod" is not a valid plan name',
    line: 2,
    col: 7,
  },
  {
    name: 'plan name is a number',
    text: yaml('version: 1', 'name: 42', ...waveA()),
    message: 'name: must be a string, not the number 42',
    line: 2,
    col: 7,
  },
  {
    name: 'unquoted account id',
    text: yaml(...HEAD, 'accountId: 123456789012', ...waveA()),
    message: 'accountId: must be a string, not the number 123456789012 (quote it: "123456789012")',
    line: 3,
    col: 12,
  },
  {
    name: 'short account id',
    text: yaml(...HEAD, 'accountId: "1234"', ...waveA()),
    message: 'is not an AWS account id',
    line: 3,
    col: 12,
  },
  {
    name: 'bad region',
    text: yaml(...HEAD, 'region: us-east', ...waveA()),
    message: 'region: "us-east" is not an AWS region name',
    line: 3,
    col: 9,
  },
  {
    name: 'onFailure typo',
    text: yaml(...HEAD, 'onFailure: stp', ...waveA()),
    message: 'onFailure: "stp" is not one of stop, continue (did you mean "stop"?)',
    line: 3,
    col: 12,
  },
  {
    name: 'waves is a mapping',
    text: yaml(...HEAD, 'waves:', '  a: 1'),
    message: 'waves: must be a list, not a mapping',
    line: 4,
    col: 3,
  },
  {
    name: 'no waves',
    text: yaml(...HEAD, 'waves: []'),
    message: 'waves: a plan needs at least one wave',
    line: 3,
    col: 8,
  },
  // Waves
  {
    name: 'wave without servers',
    text: yaml(...HEAD, 'waves:', '  - name: a', '    servers: []'),
    message: 'waves[0].servers: a wave needs at least one server entry',
    line: 5,
    col: 14,
  },
  {
    name: 'servers left empty',
    text: yaml(...HEAD, 'waves:', '  - name: a', '    servers:'),
    message: 'waves[0].servers: must be a list, not empty (null)',
    line: 5,
    col: 13,
  },
  {
    name: 'wave without name',
    text: yaml(...HEAD, 'waves:', '  - servers: [{ hostname: h1 }]'),
    message: 'waves[0]: missing required key "name"',
    line: 4,
    col: 5,
  },
  {
    name: 'wave name with a space',
    text: yaml(...HEAD, 'waves:', '  - name: web tier', '    servers: [{ hostname: h1 }]'),
    message: 'waves[0].name: "web tier" is not a valid wave name',
    line: 4,
    col: 11,
  },
  // Server selectors
  {
    name: 'selector missing',
    text: yaml(...HEAD, 'waves:', '  - name: a', '    servers:', '      - critical: false'),
    message: 'waves[0].servers[0]: a server entry needs one of "id", "hostname" or "tags"',
    line: 6,
    col: 9,
  },
  {
    name: 'two selectors',
    text: yaml(
      ...HEAD,
      'waves:',
      '  - name: a',
      '    servers:',
      '      - id: s-1111111111111111a',
      '        hostname: h1',
    ),
    message: 'takes exactly one of "id", "hostname" or "tags"; found "id" and "hostname"',
    line: 7,
    col: 9,
  },
  {
    name: 'bad source server id',
    text: yaml(...HEAD, 'waves:', '  - name: a', '    servers:', '      - id: i-0123456789abcdef0'),
    message: 'waves[0].servers[0].id: "i-0123456789abcdef0" is not a DRS source server id',
    line: 6,
    col: 13,
  },
  {
    name: 'bad snapshot id',
    text: yaml(
      ...HEAD,
      'waves:',
      '  - name: a',
      '    servers:',
      '      - id: s-1111111111111111a',
      '        snapshot: snap-1',
    ),
    message: 'waves[0].servers[0].snapshot: "snap-1" is not a DRS point-in-time snapshot id',
    line: 7,
    col: 19,
  },
  {
    name: 'tag value is a number',
    text: yaml(...HEAD, 'waves:', '  - name: a', '    servers:', '      - tags: { Year: 2024 }'),
    message: 'waves[0].servers[0].tags.Year: must be a string, not the number 2024 (quote it: "2024")',
    line: 6,
    col: 23,
  },
  {
    name: 'no tags',
    text: yaml(...HEAD, 'waves:', '  - name: a', '    servers:', '      - tags: {}'),
    message: 'waves[0].servers[0].tags: give at least one tag',
    line: 6,
    col: 15,
  },
  {
    name: 'critical as a string',
    text: yaml(
      ...HEAD,
      'waves:',
      '  - name: a',
      '    servers:',
      '      - hostname: h1',
      '        critical: "no"',
    ),
    message: 'waves[0].servers[0].critical: must be true or false, not the string "no"',
    line: 7,
    col: 19,
  },
  // Launch and template settings
  {
    name: 'bad subnet id',
    text: yaml(...HEAD, 'defaults:', '  template:', '    subnetId: subnet-12', ...waveA()),
    message: 'defaults.template.subnetId: "subnet-12" is not a subnet id',
    line: 5,
    col: 15,
  },
  {
    name: 'bad security group id',
    text: yaml(...HEAD, ...waveA('    template: { securityGroupIds: [sg-0123456789abcdef0, sg-XYZ] }')),
    message: 'waves[0].template.securityGroupIds[1]: "sg-XYZ" is not a security group id',
    line: 5,
    col: 58,
  },
  {
    name: 'security group listed twice',
    text: yaml(...HEAD, ...waveA('    template: { securityGroupIds: [sg-01234567, sg-01234567] }')),
    message: 'waves[0].template.securityGroupIds[1]: "sg-01234567" is listed twice',
    line: 5,
    col: 49,
  },
  {
    name: 'bad instance type',
    text: yaml(...HEAD, ...waveA('    template: { instanceType: large }')),
    message: '"large" is not an EC2 instance type',
    line: 5,
    col: 31,
  },
  {
    name: 'launchDisposition in lowercase',
    text: yaml(...HEAD, ...waveA('    launch: { launchDisposition: started }')),
    message: '"started" is not one of STARTED, STOPPED (did you mean "STARTED"?)',
    line: 5,
    col: 34,
  },
  {
    name: 'healthCheck typo',
    text: yaml(...HEAD, ...waveA('    healthCheck: ec2status')),
    message:
      'waves[0].healthCheck: "ec2status" is not one of none, running, ec2-status (did you mean "ec2-status"?)',
    line: 5,
    col: 18,
  },
  // Durations
  {
    name: 'duration with a bad unit',
    text: yaml(...HEAD, ...waveA('    timeout: 30x')),
    message: 'waves[0].timeout: "30x" is not a duration',
    line: 5,
    col: 14,
  },
  {
    name: 'negative duration',
    text: yaml(...HEAD, ...waveA('    waitAfter: -5')),
    message: 'waves[0].waitAfter: -5 is not a duration',
    line: 5,
    col: 16,
  },
  {
    name: 'fractional duration',
    text: yaml(...HEAD, 'objectives:', '  rto: 1.5', ...waveA()),
    message: 'objectives.rto: 1.5 is not a duration',
    line: 4,
    col: 8,
  },
  {
    name: 'duration in wrong order',
    text: yaml(...HEAD, 'objectives:', '  rpo: 30m1h', ...waveA()),
    message: 'objectives.rpo: "30m1h" is not a duration',
    line: 4,
    col: 8,
  },
  {
    name: 'zero timeout',
    text: yaml(...HEAD, ...waveA('    timeout: 0s')),
    message: 'waves[0].timeout: a wave timeout must be more than 0',
    line: 5,
    col: 14,
  },
  // Semantic rules
  {
    name: 'duplicate wave names',
    text: yaml(...HEAD, ...waveA(), '  - name: a', '    servers: [{ hostname: h2 }]'),
    message: 'waves[1].name: duplicate wave name "a" (first at line 4)',
    line: 7,
    col: 11,
  },
  {
    name: 'unknown dependsOn with suggestion',
    text: yaml(
      ...HEAD,
      'waves:',
      '  - name: data',
      '    servers: [{ hostname: h1 }]',
      '  - name: app',
      '    dependsOn: [dta]',
      '    servers: [{ hostname: h2 }]',
    ),
    message: 'waves[1].dependsOn[0]: unknown wave "dta" (did you mean "data"?)',
    line: 7,
    col: 17,
  },
  {
    name: 'self dependency',
    text: yaml(...HEAD, ...waveA('    dependsOn: [a]')),
    message: 'waves[0].dependsOn[0]: wave "a" cannot depend on itself',
    line: 5,
    col: 17,
  },
  {
    name: 'two-wave cycle',
    text: yaml(...HEAD, ...waveA('    dependsOn: [b]'), '  - name: b', '    servers: [{ hostname: h2 }]'),
    message: 'waves[0].dependsOn[0]: dependency cycle: a -> b -> a',
    line: 5,
    col: 17,
  },
  {
    name: 'three-wave cycle',
    text: yaml(
      ...HEAD,
      'waves:',
      '  - { name: a, dependsOn: [c], servers: [{ hostname: h1 }] }',
      '  - { name: b, dependsOn: [a], servers: [{ hostname: h2 }] }',
      '  - { name: c, dependsOn: [b], servers: [{ hostname: h3 }] }',
    ),
    message: 'dependency cycle: a -> c -> b -> a',
    line: 4,
    col: 28,
  },
  {
    name: 'server in two waves',
    text: yaml(
      ...HEAD,
      'waves:',
      '  - name: a',
      '    servers: [{ id: s-1111111111111111a }]',
      '  - name: b',
      '    servers: [{ id: s-1111111111111111a }]',
    ),
    message: 'waves[1].servers[0].id: source server "s-1111111111111111a" is already in wave "a" (line 5)',
    line: 7,
    col: 21,
  },
  {
    name: 'server twice in a wave',
    text: yaml(
      ...HEAD,
      'waves:',
      '  - name: a',
      '    servers:',
      '      - id: s-1111111111111111a',
      '      - id: s-1111111111111111a',
    ),
    message:
      'waves[0].servers[1].id: source server "s-1111111111111111a" is listed twice in this wave (first at line 6)',
    line: 7,
    col: 13,
  },
];

describe('invalid plans', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('$name', ({ text, message, line, col }) => {
    const result = loadPlanText(text, 'plan.yaml');
    expect(result.plan).toBeUndefined();
    const d = findDiagnostic(result, message);
    expect(d.severity).toBe('error');
    expect({ line: d.line, col: d.col }).toEqual({ line, col });
    expect(d.file).toBe('plan.yaml');
  });

  it('reports a wave larger than DRS holds in flight at its servers key', () => {
    const ids = Array.from({ length: 501 }, (_, i) => `      - id: ${serverId(i)}`);
    const result = loadPlanText(
      yaml(...HEAD, 'waves:', '  - name: big', '    servers:', ...ids),
      'plan.yaml',
    );
    const d = findDiagnostic(result, 'wave lists 501 source servers; DRS holds at most 500');
    expect(d.path).toBe('waves[0].servers');
    expect({ line: d.line, col: d.col }).toEqual({ line: 5, col: 5 });
  });

  it('accepts a wave of exactly 500 literal ids', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `      - id: ${serverId(i)}`);
    const result = loadPlanText(
      yaml(...HEAD, 'waves:', '  - name: big', '    servers:', ...ids),
      'plan.yaml',
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.plan?.waves[0]?.servers).toHaveLength(500);
  });

  it('gives one message for a selector typo, not the oneOf noise behind it', () => {
    const result = loadPlanText(
      yaml(...HEAD, 'waves:', '  - name: a', '    servers:', '      - hostnme: h1'),
      'plan.yaml',
    );
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'waves[0].servers[0]: unknown key "hostnme" (did you mean "hostname"?)',
    ]);
  });

  it('fails on the same hostname selector in two waves, as the drill refuses it at run time', () => {
    const result = loadPlanText(
      yaml(...HEAD, ...waveA(), '  - name: b', '    servers:', '      - hostname: h1'),
      'plan.yaml',
    );
    const d = findDiagnostic(result, 'selector hostname "h1" also appears at line 6');
    expect(d.severity).toBe('error');
    expect({ line: d.line, col: d.col }).toEqual({ line: 9, col: 9 });
    expect(result.plan).toBeUndefined();
  });

  it('reports every problem of a file, sorted by position', () => {
    const result = loadPlanText(yaml('version: 3', 'name: X', 'onFailure: halt', 'waves: []'), 'plan.yaml');
    expect(result.diagnostics.map((d) => d.line)).toEqual([1, 2, 3, 4]);
  });
});
