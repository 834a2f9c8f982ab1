import { describe, expect, it } from 'vitest';
import { loadPlanText } from '../../../src/plan/load.js';
import { yaml } from './helpers.js';

const head = ['version: 1', 'name: app', 'waves:', '  - name: data'];

describe('postLaunch and checks in the plan', () => {
  it('fills in defaults; a server entry replaces the wave action of the same name', () => {
    const result = loadPlanText(
      yaml(
        ...head,
        '    postLaunch:',
        '      - action: AWSMigration-VerifyProcessIsRunning',
        '        parameters: { processName: postgres }',
        '      - { name: disk, action: AWSMigration-ValidateDiskSpace, optional: true }',
        '    checks:',
        '      - name: db answers',
        '        commands: ["pg_isready -h localhost"]',
        '      - { name: custom, document: Acme-Check, parameters: { level: deep, hosts: [a, b] }, timeout: 2m, on: any }',
        '    servers:',
        '      - id: s-1111111111111111a',
        '        postLaunch: [{ name: disk, action: AWSMigration-ValidateDiskSpace, order: 5 }]',
      ),
      'p.yaml',
    );
    expect(result.diagnostics).toEqual([]);
    const wave = result.plan!.waves[0]!;
    expect(wave.servers[0]!.postLaunch).toEqual([
      {
        name: 'AWSMigration-VerifyProcessIsRunning',
        action: 'AWSMigration-VerifyProcessIsRunning',
        parameters: { processName: 'postgres' },
        optional: false,
        category: 'VALIDATION',
        order: 1000,
        description: '',
      },
      expect.objectContaining({ name: 'disk', order: 5, optional: false }),
    ]);
    expect(wave.checks).toEqual([
      expect.objectContaining({
        name: 'db answers',
        document: 'AWS-RunShellScript',
        parameters: { commands: ['pg_isready -h localhost'] },
        timeoutSeconds: 600,
        on: 'every',
        position: { file: 'p.yaml', line: 10, col: 9 },
      }),
      expect.objectContaining({
        document: 'Acme-Check',
        parameters: { level: ['deep'], hosts: ['a', 'b'] },
        timeoutSeconds: 120,
        on: 'any',
      }),
    ]);
  });

  it.each([
    ['a document name SSM cannot have', '    postLaunch: [{ action: "bad name!" }]', 'postLaunch[0].action'],
    [
      'a parameter that is not a string',
      '    postLaunch: [{ action: AWS-X1, parameters: { port: 5432 } }]',
      'postLaunch[0].parameters.port',
    ],
    ['a check without commands or parameters', '    checks: [{ name: c }]', 'checks[0]'],
    [
      'two checks of one name',
      '    checks: [{ name: c, commands: [a] }, { name: c, commands: [b] }]',
      'checks[1]',
    ],
    ['a zero check timeout', '    checks: [{ name: c, commands: [a], timeout: 0 }]', 'checks[0].timeout'],
  ])('refuses %s, at its place', (_what, line, path) => {
    const result = loadPlanText(yaml(...head, line, '    servers: [{ id: s-1111111111111111a }]'), 'p.yaml');
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics.map((d) => d.path)).toContain(`waves[0].${path}`);
    expect(result.diagnostics.every((d) => d.line >= 5)).toBe(true);
  });
});
