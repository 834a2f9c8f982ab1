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

  it('has a drill job, an always-run cleanup of this run’s own execution, and an issue job', () => {
    const modes = actionSteps(workflow).map((s) => s.with?.mode);
    expect(modes).toEqual(['drill', 'cleanup']);
    expect(workflow.jobs.cleanup?.if).toBe('always()');
    expect(workflow.jobs.cleanup?.needs).toBe('drill');
    const [, cleanup] = actionSteps(workflow);
    // Scoped to the execution (the drill's execution-id), not to an age.
    expect(cleanup?.with?.['execution-id']).toBe(
      `${expression('github.repository')}/${expression('github.run_id')}`,
    );
    expect(cleanup?.with?.['older-than']).toBeUndefined();
    const issue = workflow.jobs.issue;
    expect(issue?.if).toBe('always()');
    expect(issue?.permissions?.issues).toBe('write');
    for (const step of actionSteps(workflow))
      for (const name of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(name);
    expect(scriptsInterpolate(workflow)).toEqual([]);
  });
});

describe('examples/workflows/gated-drill.yml', () => {
  const { workflow } = load('gated-drill.yml');
  const plan = parse(readFileSync(join(ROOT, 'examples', 'plans', 'demo.yaml'), 'utf8')) as {
    waves: { name: string }[];
  };
  it('runs the data wave, then the rest behind an approval, then an always-run cleanup of the execution', () => {
    expect(Object.keys(workflow.jobs)).toEqual(['data', 'app-web', 'cleanup']);
    const [data, gated, cleanup] = actionSteps(workflow);
    expect(data?.with?.mode).toBe('drill');
    expect(gated?.with?.mode).toBe('drill');
    const wavesOf = (step?: Step) =>
      String(step?.with?.waves ?? '')
        .split(/[\n,]/)
        .map((w) => w.trim())
        .filter(Boolean);
    // The two jobs run every wave of the plan between them, each once.
    expect([...wavesOf(data), ...wavesOf(gated)].sort()).toEqual(plan.waves.map((w) => w.name).sort());
    expect(workflow.jobs['app-web']?.environment).toBe('drill-approval');
    expect(workflow.jobs['app-web']?.needs).toBe('data');
    expect(workflow.jobs.data?.environment).toBeUndefined();
    expect(workflow.jobs.cleanup?.if).toBe('always()');
    expect(workflow.jobs.cleanup?.needs).toEqual(['data', 'app-web']);
    expect(cleanup?.with?.mode).toBe('cleanup');
    expect(cleanup?.with?.['execution-id']).toBe(
      `${expression('github.repository')}/${expression('github.run_id')}`,
    );
    for (const step of actionSteps(workflow))
      for (const name of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(name);
    expect(scriptsInterpolate(workflow)).toEqual([]);
    expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
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

/** The issue job's github-script, run against an in-memory issue tracker. */
describe('monthly-drill.yml issue script', () => {
  const { workflow } = load('monthly-drill.yml');
  const script = workflow.jobs.issue?.steps.find((s) => s.uses?.startsWith('actions/github-script@'))?.with
    ?.script as string;

  interface Issue {
    number: number;
    title: string;
    body: string;
    state: 'open' | 'closed';
    labels: string[];
  }

  async function runScript(report: unknown, status: string, issues: Issue[]) {
    const comments: { issue: number; body: string }[] = [];
    const rest = {
      issues: {
        getLabel: async () => ({}),
        createLabel: async () => ({}),
        listForRepo: async () => ({}),
        create: async (a: { title: string; body: string; labels: string[] }) => {
          issues.push({
            number: issues.length + 1,
            title: a.title,
            body: a.body,
            state: 'open',
            labels: a.labels,
          });
        },
        update: async (a: { issue_number: number; body?: string; state?: 'closed' }) => {
          const issue = issues.find((i) => i.number === a.issue_number);
          if (!issue) throw new Error('no such issue');
          if (a.body !== undefined) issue.body = a.body;
          if (a.state) issue.state = a.state;
        },
        createComment: async (a: { issue_number: number; body: string }) => {
          comments.push({ issue: a.issue_number, body: a.body });
        },
      },
    };
    const github = {
      rest,
      paginate: async (_: unknown, q: { state: string; labels: string }) =>
        issues.filter((i) => i.state === q.state && i.labels.includes(q.labels)),
    };
    const fakeRequire = (name: string) => {
      if (name !== 'node:fs') throw new Error(name);
      return {
        readFileSync: () => {
          if (report === undefined) throw new Error('ENOENT');
          return JSON.stringify(report);
        },
      };
    };
    const env = {
      PLAN: 'drs-plans/payments.yaml',
      DRILL_STATUS: status,
      DRILL_RESULT: '',
      RUN_URL: 'https://run/1',
    };
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
      ...args: string[]
    ) => (...values: unknown[]) => Promise<void>;
    await new AsyncFunction('require', 'github', 'context', 'process', script)(
      fakeRequire,
      github,
      { repo: { owner: 'acme', repo: 'dr' } },
      { env },
    );
    return { issues, comments };
  }

  const server = (id: string, extra: Record<string, unknown>) => ({
    sourceServerId: id,
    critical: true,
    health: 'pending',
    phases: [],
    errors: [],
    ...extra,
  });
  const failedDrill = {
    status: 'failed',
    errors: ['Wave "data" failed: critical server db-01 failed in conversion'],
    waves: [
      {
        name: 'data',
        servers: [
          server('s-1111111111111111a', {
            hostname: 'db-01',
            launchStatus: 'FAILED',
            health: 'failed',
            errors: [
              {
                event: 'CONVERSION_FAIL',
                message: 'Conversion failed',
                rawError: 'volume ```vol-1``` unsupported @team',
              },
            ],
          }),
          server('s-2222222222222222b', { hostname: 'db-02', launchStatus: 'LAUNCHED', health: 'passed' }),
        ],
      },
      { name: 'app', servers: [server('s-3333333333333333c', { hostname: 'app-01', health: 'skipped' })] },
    ],
  };

  it('quotes each failed server’s DRS error and never lists a skipped server as failed', async () => {
    const { issues } = await runScript(failedDrill, 'failed', []);
    expect(issues).toHaveLength(1);
    const body = issues[0]?.body ?? '';
    expect(body).toContain(
      '`s-1111111111111111a` `db-01` (wave `data`, critical): launch FAILED, health failed',
    );
    // DRS's text in a fence longer than any backtick run in it: no Markdown, no @mention.
    expect(body).toContain(
      '````text\nCONVERSION_FAIL: Conversion failed\nvolume ```vol-1``` unsupported @team\n````',
    );
    expect(body).not.toMatch(/- `s-3333333333333333c`/);
    expect(body).toContain('1 server(s) were not started because their wave was skipped');
    expect(body).not.toContain('s-2222222222222222b');
  });

  it('reads report.errors: a failed preflight is named even though no server ran', async () => {
    const preflight = {
      status: 'failed',
      errors: [
        'Preflight: wave data: Source server s-1111111111111111a (db-01): replication state is STALLED, not CONTINUOUS',
        'Nothing was started: fix the preflight problems above and run again.',
      ],
      waves: [],
    };
    const { issues } = await runScript(preflight, 'failed', []);
    expect(issues[0]?.body).toContain('replication state is STALLED');
    expect(issues[0]?.body).toContain('Nothing was started');
  });

  it('updates the one open issue instead of opening another, and closes it when the drill passes', async () => {
    const tracker: Issue[] = [];
    await runScript(failedDrill, 'failed', tracker);
    const again = await runScript({ ...failedDrill, errors: ['second month'] }, 'timed-out', tracker);
    expect(tracker).toHaveLength(1);
    expect(tracker[0]?.body).toContain('second month');
    expect(tracker[0]?.body).toContain('ended **timed-out**');
    expect(again.comments.map((c) => c.body)).toEqual(['Still failing (timed-out): https://run/1']);
    const passed = await runScript({ status: 'succeeded', errors: [], waves: [] }, 'succeeded', tracker);
    expect(tracker[0]?.state).toBe('closed');
    expect(passed.comments).toEqual([{ issue: 1, body: 'The drill passed again: https://run/1' }]);
  });

  it('a dry run neither opens nor closes the issue', async () => {
    const tracker: Issue[] = [];
    await runScript(failedDrill, 'failed', tracker);
    await runScript({ status: 'succeeded', dryRun: true, errors: [], waves: [] }, 'succeeded', tracker);
    expect(tracker.map((i) => i.state)).toEqual(['open']);
    await runScript({ ...failedDrill, dryRun: true }, 'failed', []).then(({ issues }) =>
      expect(issues).toEqual([]),
    );
  });

  it('a run that wrote no report still opens the issue, saying so', async () => {
    const { issues } = await runScript(undefined, '', []);
    expect(issues[0]?.body).toContain('No report.json');
    expect(issues[0]?.body).toContain('ended **failed**');
  });
});
