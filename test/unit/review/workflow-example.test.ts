import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const workflow = parse(readFileSync(join(ROOT, 'examples', 'workflows', 'plan-review.yml'), 'utf8')) as {
  on: { pull_request: { paths: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }>;
};
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

describe('examples/workflows/plan-review.yml', () => {
  it('runs on pull requests that touch the plans, with least privilege', () => {
    expect(workflow.on.pull_request.paths).toEqual(['drs-plans/**']);
    // id-token: write is only for the optional role, so it stays commented out.
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
  });

  it('checks out the base commit and runs validate with inputs the action declares', () => {
    expect(steps.find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
    const step = steps.find((s) => s.uses?.includes('drs-drill-action'));
    expect(step?.with?.mode).toBe('validate');
    for (const name of Object.keys(step?.with ?? {})) expect(Object.keys(action.inputs)).toContain(name);
  });
});
