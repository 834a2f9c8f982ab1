import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readActionYaml } from '../../scripts/readme-tables.js';

const root = resolve(import.meta.dirname, '..', '..');

describe('action.yml', () => {
  const action = parse(readFileSync(resolve(root, 'action.yml'), 'utf8'));

  it('runs the bundle on node24 with a post step that always runs', () => {
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/index.js',
      post: 'dist/post/index.js',
      'post-if': 'always()',
    });
  });

  it('declares every input and output of the product spec, each described', () => {
    const { inputs, outputs } = readActionYaml(root);
    expect(Object.keys(inputs).sort()).toEqual(
      [
        'mode',
        'plan',
        'region',
        'role-to-assume',
        'role-session-name',
        'confirm',
        'cleanup',
        'timeout-minutes',
        'poll-interval-seconds',
        'github-token',
        'report-dir',
        'fail-on',
        'older-than',
        'dry-run',
        'exclude',
        'waves',
        'point-in-time',
        'replace-recovery-instances',
        'repair',
        'execution-id',
        'history-branch',
        'regression-threshold',
        'max-age',
        'retention-days',
      ].sort(),
    );
    expect(Object.keys(outputs).sort()).toEqual(
      [
        'execution-id',
        'status',
        'instance-ids',
        'rto-seconds',
        'report-path',
        'stale-plans',
        'waves-remaining',
        'wave-instances',
      ].sort(),
    );
    for (const item of [...Object.values(inputs), ...Object.values(outputs)]) {
      expect(item.description.length).toBeGreaterThan(10);
    }
  });
});

describe('version', () => {
  it('the user agent names the version package.json and CHANGELOG.md give', async () => {
    const { ACTION_VERSION, USER_AGENT } = await import('../../src/aws/clients.js');
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
    expect(ACTION_VERSION).toBe(pkg.version);
    expect(USER_AGENT).toBe(`drs-drill-action/${pkg.version}`);
    expect(readFileSync(resolve(root, 'CHANGELOG.md'), 'utf8')).toContain(pkg.version);
  });
});
