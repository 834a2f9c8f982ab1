import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  environment?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  concurrency: { group: string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

function load(name: string): { text: string; workflow: Workflow } {
  const text = readFileSync(join(ROOT, 'examples', 'workflows', name), 'utf8');
  return { text, workflow: parse(text) as Workflow };
}
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> };
const actionSteps = (w: Workflow) =>
  Object.values(w.jobs)
    .flatMap((j) => j.steps)
    .filter((s) => s.uses?.includes('drs-drill-action'));

/** Nothing from `${{ }}` may be spliced into a shell script or a github-script body. */
function scriptsInterpolate(w: Workflow): string[] {
  return Object.values(w.jobs)
    .flatMap((j) => j.steps)
    .flatMap((s) => [s.run ?? '', typeof s.with?.script === 'string' ? s.with.script : ''])
    .filter((code) => code.includes('${{'));
}

describe('examples/workflows/recovery.yml', () => {
  const { workflow } = load('recovery.yml');
  it('is manual, behind an environment, one per plan, least privilege', () => {
    expect(Object.keys(workflow.on)).toEqual(['workflow_dispatch']);
    const inputs = (workflow.on.workflow_dispatch as { inputs: Record<string, unknown> }).inputs;
    expect(Object.keys(inputs)).toEqual(['plan', 'confirm']);
    expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(workflow.concurrency.group).toContain('inputs.plan');
    expect(workflow.concurrency['cancel-in-progress']).toBe(false);
    expect(Object.values(workflow.jobs).every((j) => j.environment === 'disaster-recovery')).toBe(true);
  });

  it('runs recovery with the confirm input and inputs the action declares, interpolating nothing into scripts', () => {
    const [step] = actionSteps(workflow);
    expect(step?.with?.mode).toBe('recovery');
    expect(step?.with?.confirm).toMatch(/^\$\{\{ inputs\.confirm \}\}$/);
    for (const name of Object.keys(step?.with ?? {})) expect(Object.keys(action.inputs)).toContain(name);
    expect(scriptsInterpolate(workflow)).toEqual([]);
  });
});

describe('examples/workflows/monthly-drill.yml', () => {
  const { workflow } = load('monthly-drill.yml');
  it('drills on a schedule and by hand, one at a time', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(workflow.concurrency['cancel-in-progress']).toBe(false);
    expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });

  it('has a drill job, an always-run cleanup safety net and an issue on failure', () => {
    const modes = actionSteps(workflow).map((s) => s.with?.mode);
    expect(modes).toEqual(['drill', 'cleanup']);
    expect(workflow.jobs.cleanup?.if).toBe('always()');
    expect(workflow.jobs.cleanup?.needs).toBe('drill');
    const issue = workflow.jobs['report-failure'];
    expect(issue?.if).toContain('failure()');
    expect(issue?.permissions?.issues).toBe('write');
    for (const step of actionSteps(workflow))
      for (const name of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(name);
    expect(scriptsInterpolate(workflow)).toEqual([]);
  });
});
