import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DRILL_PREDICATE_FILE, DRILL_PREDICATE_TYPE } from '../../../src/history/predicate.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  strategy?: { 'max-parallel'?: number; 'fail-fast'?: boolean; matrix?: Record<string, unknown> };
  concurrency?: { group: string };
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

/** `${{ text }}`, as a workflow writes an expression. */
const expression = (text: string) => `\${{ ${text} }}`;

/** The actions/attest step: report.json signed with the drill's predicate. */
function expectAttestation(job: Job | undefined): void {
  const attest = job?.steps.find((s) => s.uses?.startsWith('actions/attest@'));
  expect(attest?.with).toEqual({
    'subject-path': 'drs-report/report.json',
    'predicate-type': DRILL_PREDICATE_TYPE,
    'predicate-path': `drs-report/${DRILL_PREDICATE_FILE}`,
  });
  const drill = job?.steps.find((s) => s.with?.mode === 'drill');
  expect(drill?.with?.['report-dir']).toBe('drs-report');
  expect(job?.permissions).toEqual({ contents: 'write', 'id-token': 'write', attestations: 'write' });
}

describe('signed evidence in the drill workflows', () => {
  it('monthly: the drill keeps its history, fails on objectives or regression, and attests report.json', () => {
    const { workflow } = load('monthly-drill.yml');
    expectAttestation(workflow.jobs.drill);
    const drill = actionSteps(workflow).find((s) => s.with?.mode === 'drill');
    expect(drill?.with?.['fail-on']).toBe('objectives,regression');
  });
});

describe('examples/workflows/fleet-drill.yml', () => {
  const { workflow } = load('fleet-drill.yml');
  it('lists the due plans with status, drills them on a bounded matrix, and ends with the fleet status', () => {
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const due = workflow.jobs.due;
    expect(due?.steps.find((s) => s.uses?.includes('drs-drill-action'))?.with).toMatchObject({
      mode: 'status',
    });
    const drill = workflow.jobs.drill;
    expect(drill?.needs).toBe('due');
    expect(drill?.strategy?.matrix?.plan).toBe(expression('fromJSON(needs.due.outputs.plans)'));
    expect(drill?.strategy?.['max-parallel']).toBeGreaterThan(0);
    expect(drill?.strategy?.['fail-fast']).toBe(false);
    expect(drill?.concurrency?.group).toContain('matrix.plan');
    // The role comes from the workflow's plan-to-role map, never from the plan.
    const step = drill?.steps.find((s) => s.with?.mode === 'drill');
    expect(step?.with?.['role-to-assume']).toBe(expression('fromJSON(env.ROLE_MAP)[matrix.plan]'));
    expectAttestation(drill);
    const fleet = workflow.jobs.fleet;
    expect(fleet?.if).toBe('always()');
    expect(fleet?.needs).toEqual(['due', 'drill']);
    expect(fleet?.steps.find((s) => s.uses?.includes('drs-drill-action'))?.with?.mode).toBe('status');
    for (const s of actionSteps(workflow))
      for (const name of Object.keys(s.with ?? {})) expect(Object.keys(action.inputs)).toContain(name);
    expect(scriptsInterpolate(workflow)).toEqual([]);
  });
});
