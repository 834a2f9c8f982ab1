import { describe, expect, it } from 'vitest';
import type { PreflightResult } from '../../../src/engine/preflight.js';
import { diffPlans } from '../../../src/plan/diff.js';
import { loadPlanText } from '../../../src/plan/load.js';
import type { Plan } from '../../../src/plan/types.js';
import {
  type PlanReview,
  renderReviewComment,
  reviewFails,
  reviewTotals,
} from '../../../src/review/comment-md.js';
import { liveCheckCredentials, type Readiness, SKIPPED_REASON } from '../../../src/review/readiness.js';
import { readinessProblemCount, renderReadiness } from '../../../src/review/readiness-md.js';
import { planPatterns } from '../../../src/review/run.js';

const TEXT = `version: 1
name: pay
objectives: { rpo: 15m }
waves:
  - name: data
    servers:
      - id: s-1111111111111111a
      - hostname: db-02
`;
const loaded = loadPlanText(TEXT, 'drs-plans/pay.yaml');
const plan = loaded.plan as Plan;

function checked(overrides: Partial<PreflightResult> = {}): Readiness {
  const wave = plan.waves[0];
  if (!wave) throw new Error('no wave');
  const server = (id: string, hostname: string, state: string, lag: string) => ({
    sourceServerId: id,
    hostname,
    spec: wave.servers[0] ?? wave.servers[1]!,
    sourceServer: {
      sourceServerID: id,
      dataReplicationInfo: { dataReplicationState: state, lagDuration: lag },
    },
  });
  return {
    status: 'checked',
    region: 'us-east-1',
    accountId: '111122223333',
    preflight: {
      executionPlan: {
        plan,
        waves: [
          {
            wave,
            servers: [
              server('s-1111111111111111a', 'db-01', 'CONTINUOUS', 'PT30S'),
              server('s-2222222222222222b', 'db-02<b>', 'STALLED', 'PT1H'),
            ],
          },
        ],
      },
      problems: [
        {
          sourceServerId: 's-2222222222222222b',
          wave: 'data',
          message: 'replication state is STALLED, not CONTINUOUS',
          fix: 'Fix replication',
          position: { file: 'drs-plans/pay.yaml', line: 8, col: 9 },
        },
      ],
      warnings: [{ message: 'is already in active DRS job drsjob-1', wave: 'data' }],
      drift: [
        {
          sourceServerId: 's-1111111111111111a',
          changes: [{ target: 'template', field: 'subnetId', from: null, to: 'subnet-1' }],
        },
        {
          sourceServerId: 's-2222222222222222b',
          changes: [{ target: 'template', field: 'subnetId', from: null, to: 'subnet-1' }],
        },
      ],
      activeJobs: { jobs: 1, servers: 3 },
      ...overrides,
    },
  } as Readiness;
}

describe('liveCheckCredentials', () => {
  it('prefers the role input, then exported credentials, then an explicit emulator endpoint', () => {
    expect(liveCheckCredentials({ roleToAssume: 'arn:aws:iam::111122223333:role/r' }, {})).toBe(
      'role-to-assume',
    );
    expect(liveCheckCredentials({}, { AWS_ACCESS_KEY_ID: 'AKID' })).toBe('environment');
    expect(liveCheckCredentials({}, { AWS_PROFILE: 'dr' })).toBe('environment');
    expect(liveCheckCredentials({}, { AWS_WEB_IDENTITY_TOKEN_FILE: '/t' })).toBe('environment');
    expect(liveCheckCredentials({}, { AWS_ENDPOINT_URL: 'http://127.0.0.1:1' })).toBe('emulator');
    expect(liveCheckCredentials({}, { AWS_REGION: 'us-east-1' })).toBeUndefined();
  });
});

describe('renderReadiness', () => {
  it('lists each resolved server with hostname, replication and lag against the RPO', () => {
    const text = renderReadiness(checked(), plan);
    expect(text).toContain('❌ **Not ready**: 1 problem a drill would stop on — 2 source servers');
    expect(text).toContain(
      '| data | <code>s-1111111111111111a</code> | db-01 | ✅ CONTINUOUS | ✅ 30s (RPO 15m) |',
    );
    expect(text).toContain(
      '| data | ❌ <code>s-2222222222222222b</code> | db-02&lt;b&gt; | ❌ STALLED | ❌ 1h (RPO 15m) |',
    );
    expect(text).toContain('Fix replication (<code>drs-plans/pay.yaml:8</code>)');
    expect(text).toContain('**Warnings**');
    expect(text).toContain(
      '<code>template.subnetId</code> *not set* → <code>subnet-1</code> on <code>s-1111111111111111a</code>, <code>s-2222222222222222b</code>',
    );
    expect(text).toContain(
      '✅ Quotas: largest wave 2 servers; 1 active job in the account holding 3 servers',
    );
  });

  it('says when a drill would write nothing and the quotas do not fit', () => {
    const text = renderReadiness(
      checked({ problems: [], drift: [], activeJobs: { jobs: 2, servers: 499 } }),
      plan,
    );
    expect(text).toContain('✅ **Ready**');
    expect(text).toContain('Launch settings already match the plan');
    expect(text).toContain('❌ Quotas');
  });

  it('renders a skipped and a failed check', () => {
    expect(renderReadiness({ status: 'skipped', reason: SKIPPED_REASON }, plan)).toContain('role-to-assume');
    expect(renderReadiness({ status: 'failed', region: 'us-east-1', error: 'AccessDenied <x>' }, plan)).toBe(
      '❌ **Live check failed** in <code>us-east-1</code>: AccessDenied &lt;x&gt;',
    );
  });

  it('counts problems: a failed check is one, a skipped one none', () => {
    expect(readinessProblemCount(checked())).toBe(1);
    expect(readinessProblemCount({ status: 'failed', error: 'x' })).toBe(1);
    expect(readinessProblemCount({ status: 'skipped', reason: 'x' })).toBe(0);
  });
});

describe('renderReviewComment', () => {
  const ok: PlanReview = {
    file: 'drs-plans/pay.yaml',
    plan,
    diagnostics: [],
    base: { source: 'git', text: TEXT },
    diff: diffPlans(plan, plan),
    readiness: checked(),
  };

  it('fails on readiness problems unless fail-on is errors', () => {
    const totals = reviewTotals([ok]);
    expect(totals).toEqual({ errors: 0, warnings: 0, readinessProblems: 1 });
    expect(reviewFails(totals, 'readiness')).toBe(true);
    expect(reviewFails(totals, 'errors')).toBe(false);
    expect(renderReviewComment([ok], { failOn: 'readiness' })).toMatch(
      /^## DRS recovery plan review: ❌ Changes needed — ❌ 1 readiness problem\n/,
    );
    expect(renderReviewComment([ok], { failOn: 'errors' })).toMatch(
      /^## DRS recovery plan review: ✅ No blocking problem — ⚠️ 1 readiness problem\n/,
    );
  });

  it('shows diagnostics at their line, and why there is no diff or readiness for an invalid plan', () => {
    const bad = loadPlanText(`${TEXT}        critcal: false\n`, 'drs-plans/pay.yaml');
    const text = renderReviewComment(
      [
        {
          ...bad,
          base: { source: 'git', text: TEXT },
          diffNote: 'Fix the errors above to see what changes for a recovery.',
        },
      ],
      { failOn: 'readiness', headSha: 'abcdef0123456789', runUrl: 'https://github.com/a/b/actions/runs/1' },
    );
    expect(text).toContain('❌ Changes needed — ❌ 1 error');
    expect(text).toContain('<code>9:9</code> | ❌ error | waves&#91;0&#93;.servers&#91;1&#93;: unknown key');
    expect(text).toContain('*Fix the errors above to see what changes for a recovery.*');
    expect(text).toContain('**Readiness**: not checked until the plan is valid.');
    expect(text).toContain(
      'commit <code>abcdef0</code> · [workflow run](https://github.com/a/b/actions/runs/1)',
    );
  });

  it('renders a deleted plan without validation or readiness', () => {
    const text = renderReviewComment(
      [
        {
          file: 'drs-plans/old.yaml',
          diagnostics: [],
          base: { source: 'git', text: TEXT },
          diff: diffPlans(plan, undefined),
        },
      ],
      { failOn: 'readiness' },
    );
    expect(text).toContain('🗑️ **Plan deleted**');
    expect(text).not.toContain('**Validation**');
    expect(text).not.toContain('**Readiness**');
  });
});

describe('planPatterns', () => {
  it('splits on newlines and commas outside braces', () => {
    expect(planPatterns('drs-plans/{a,b}.yaml, ./x.yaml\nother/*.yml\n')).toEqual([
      'drs-plans/{a,b}.yaml',
      'x.yaml',
      'other/*.yml',
    ]);
  });
});
