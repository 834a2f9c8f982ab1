import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { globMatcher } from '../../../src/plan/glob.js';
import { expandPlanPaths } from '../../../src/plan/load.js';

describe('globMatcher', () => {
  it.each([
    ['*.yaml', 'a.yaml', true],
    ['*.yaml', 'dir/a.yaml', false],
    ['*.yaml', '.hidden.yaml', false],
    ['**/*.yaml', 'a.yaml', true],
    ['**/*.yaml', 'x/y/a.yaml', true],
    ['**/*.yaml', '.git/a.yaml', false],
    ['plans/**', 'plans/x/y.yml', true],
    ['*.{yaml,yml}', 'a.yml', true],
    ['*.{yaml,yml}', 'a.json', false],
    ['p?.yaml', 'p1.yaml', true],
    ['p?.yaml', 'p12.yaml', false],
    ['a+b.yaml', 'a+b.yaml', true],
    ['a+b.yaml', 'aab.yaml', false],
    ['plan-[0-9].yaml', 'plan-7.yaml', true],
    ['plan-[0-9].yaml', 'plan-x.yaml', false],
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(globMatcher(glob)(path)).toBe(expected);
  });
});

describe('expandPlanPaths', () => {
  let cwd = '';
  beforeAll(async () => {
    cwd = await mkdtemp(join(tmpdir(), 'plans-'));
    for (const dir of ['drs-plans/prod', 'drs-plans/node_modules', 'other'])
      await mkdir(join(cwd, dir), { recursive: true });
    for (const f of [
      'drs-plans/a.yaml',
      'drs-plans/prod/b.yaml',
      'drs-plans/prod/c.yml',
      'drs-plans/node_modules/x.yaml',
      'other/d.yaml',
    ]) {
      await writeFile(join(cwd, f), 'version: 1\n');
    }
  });

  it('expands ** and skips node_modules', async () => {
    expect(await expandPlanPaths('drs-plans/**/*.yaml', cwd)).toEqual([
      'drs-plans/a.yaml',
      'drs-plans/prod/b.yaml',
    ]);
  });

  it('expands brace alternatives', async () => {
    expect(await expandPlanPaths('drs-plans/prod/*.{yaml,yml}', cwd)).toEqual([
      'drs-plans/prod/b.yaml',
      'drs-plans/prod/c.yml',
    ]);
  });

  it('takes several paths and globs separated by commas and newlines, without duplicates', async () => {
    const got = await expandPlanPaths('other/d.yaml, drs-plans/*.yaml\n drs-plans/a.yaml\n\n', cwd);
    expect(got).toEqual(['other/d.yaml', 'drs-plans/a.yaml']);
  });

  it('returns a literal path as given even when missing (loading reports it)', async () => {
    expect(await expandPlanPaths('missing.yaml', cwd)).toEqual(['missing.yaml']);
  });

  it('throws a UserError naming a glob that matches nothing', async () => {
    const attempt = expandPlanPaths('drs-plans/**/*.json', cwd);
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(expandPlanPaths('drs-plans/**/*.json', cwd)).rejects.toThrow(
      'no plan file matches "drs-plans/**/*.json"',
    );
  });

  it('lists linked files, does not follow linked directories, and reads character classes', async () => {
    const ws = await mkdtemp(join(tmpdir(), 'plans-links-'));
    const outside = await mkdtemp(join(tmpdir(), 'plans-outside-'));
    await mkdir(join(ws, 'drs-plans/shared'), { recursive: true });
    await writeFile(join(ws, 'drs-plans/shared/plan-1.yaml'), 'version: 1\n');
    await writeFile(join(outside, 'far.yaml'), 'version: 1\n');
    await symlink('shared/plan-1.yaml', join(ws, 'drs-plans/plan-2.yaml'));
    await symlink(outside, join(ws, 'drs-plans/outdir'));
    await symlink('..', join(ws, 'drs-plans/loop'));
    expect(await expandPlanPaths('drs-plans/**/*.yaml', ws)).toEqual([
      'drs-plans/plan-2.yaml',
      'drs-plans/shared/plan-1.yaml',
    ]);
    expect(await expandPlanPaths('drs-plans/**/plan-[13].yaml', ws)).toEqual([
      'drs-plans/shared/plan-1.yaml',
    ]);
  });

  it('throws a UserError for an empty list', async () => {
    await expect(expandPlanPaths(' , \n', cwd)).rejects.toThrow('no plan path given');
  });
});
