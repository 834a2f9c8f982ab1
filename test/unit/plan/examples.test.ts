import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { loadPlanFile } from '../../../src/plan/load.js';

const dir = new URL('../../../examples/plans/', import.meta.url);
const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();

describe('example plans', () => {
  it('include demo, small, parallel and large', () => {
    expect(files).toEqual(expect.arrayContaining(['demo.yaml', 'small.yaml', 'parallel.yaml', 'large.yaml']));
  });

  it.each(files)('%s is valid, with no warnings, and points editors at the schema', async (file) => {
    const result = await loadPlanFile(file, { cwd: dir.pathname });
    expect(result.diagnostics).toEqual([]);
    expect(result.plan?.waves.length).toBeGreaterThan(0);
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL(file, dir), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schemas/plan.schema.json');
  });

  it('parallel.yaml has two branches that start at once', async () => {
    const plan = (await loadPlanFile('parallel.yaml', { cwd: dir.pathname })).plan!;
    expect(plan.waves.filter((w) => w.dependsOn.length === 0).map((w) => w.name)).toEqual([
      'identity-db',
      'orders-db',
    ]);
  });
});
