import { describe, expect, it } from 'vitest';
import type { PreflightProblem } from '../../../src/engine/preflight.js';
import type { ResolvedServer } from '../../../src/engine/types.js';
import { composeStickyBody, MAX_COMMENT_CHARS, TRUNCATION_NOTE } from '../../../src/github/comment.js';
import { reviewSummary } from '../../../src/modes/validate.js';
import { diffPlans } from '../../../src/plan/diff.js';
import { loadPlanText } from '../../../src/plan/load.js';
import type { Plan } from '../../../src/plan/types.js';
import { type PlanReview, renderReviewComment } from '../../../src/review/comment-md.js';

const WAVES = 20;
const PER_WAVE = 100;
const id = (n: number) => `s-${n.toString(16).padStart(17, '0')}`;

/** A plan of 2,000 servers in 20 waves, every one selected by id. */
function bigPlan(): Plan {
  const waves = Array.from({ length: WAVES }, (_, w) => {
    const servers = Array.from({ length: PER_WAVE }, (_, i) => `      - id: ${id(w * PER_WAVE + i + 1)}`);
    return `  - name: wave-${w}\n    servers:\n${servers.join('\n')}`;
  });
  const loaded = loadPlanText(
    `version: 1\nname: estate\nobjectives: { rpo: 15m }\nwaves:\n${waves.join('\n')}\n`,
    'drs-plans/estate.yaml',
  );
  if (!loaded.plan) throw new Error(JSON.stringify(loaded.diagnostics.slice(0, 3)));
  return loaded.plan;
}

/** The review of that plan, new on this branch, with a problem, a warning and a repair on every server. */
function bigReview(): PlanReview {
  const plan = bigPlan();
  const waves = plan.waves.map((wave) => ({
    wave,
    servers: wave.servers.map((spec): ResolvedServer => {
      const sourceServerId = spec.selector.kind === 'id' ? spec.selector.sourceServerId : 'x';
      return {
        sourceServerId,
        hostname: `app-${sourceServerId}.payments.corp.example.com`,
        spec,
        sourceServer: {
          sourceServerID: sourceServerId,
          dataReplicationInfo: { dataReplicationState: 'STALLED', lagDuration: 'PT2H' },
        },
      };
    }),
  }));
  const servers = waves.flatMap((w) => w.servers.map((s) => ({ wave: w.wave.name, s })));
  const problem = ({ wave, s }: (typeof servers)[number]): PreflightProblem => ({
    sourceServerId: s.sourceServerId,
    wave,
    message: `Source server ${s.sourceServerId}: replication state is STALLED, not CONTINUOUS`,
    fix: 'Fix replication in the DRS console',
  });
  return {
    file: 'drs-plans/estate.yaml',
    plan,
    diagnostics: [],
    base: { source: 'git', text: undefined },
    diff: diffPlans(undefined, plan),
    readiness: {
      status: 'checked',
      region: 'us-east-1',
      accountId: '111122223333',
      preflight: {
        executionPlan: { plan, waves },
        problems: servers.map(problem),
        warnings: servers.map((x) => ({ ...problem(x), message: 'replication lag above the RPO' })),
        drift: servers.map(({ s }) => ({
          sourceServerId: s.sourceServerId,
          changes: [
            { target: 'template', field: 'subnetId', from: `subnet-${s.sourceServerId}`, to: 'subnet-1' },
          ],
          desired: { launch: {}, template: { subnetId: 'subnet-1' } },
        })),
        activeJobs: { jobs: 0, servers: 0 },
        excluded: [],
      },
    },
  };
}

describe('the pull-request comment within GitHub’s 65,536 characters', () => {
  const review = bigReview();

  it('a 2,000-server review fits without the blunt cut, verdict first', () => {
    const body = renderReviewComment([review], { failOn: 'readiness' });
    const comment = composeStickyBody('plan-review:drs-plans/**', body);
    expect(comment.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(comment).not.toContain(TRUNCATION_NOTE.trim());
    expect(body).toMatch(/^## DRS recovery plan review: ❌ Changes needed — ❌ 2000 readiness problems\n/);
  });

  it('shrinks the server table first, and says what it left out', () => {
    const body = renderReviewComment([review], { failOn: 'readiness' });
    // The readiness rows per wave go first; the problems, what a drill would stop on, are kept.
    expect(body).toMatch(/\| wave-0 \| … \d+ more \|/);
    expect(body).toContain('**Problems**');
    expect(body).toContain('- … and 1970 more (see the job log)');
  });

  it('renders whole, as before, when it is short', () => {
    const body = renderReviewComment([review], { failOn: 'readiness' });
    const small = renderReviewComment([{ ...review, readiness: { status: 'skipped', reason: 'no role' } }], {
      failOn: 'readiness',
    });
    expect(small.length).toBeLessThan(body.length);
    expect(small).not.toContain('left out to fit the size limit');
  });

  it('the job summary carries more of the review than the comment, within the summary budget', () => {
    const comment = renderReviewComment([review], { failOn: 'readiness' });
    const summary = reviewSummary(
      [review],
      [{ file: review.file, plan: review.plan, diagnostics: [] }],
      { failOn: 'readiness' },
      true,
    );
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(1024 * 1024 - 64 * 1024);
    const rows = (text: string) => text.split('\n').filter((l) => l.startsWith('| wave-')).length;
    expect(rows(summary)).toBeGreaterThan(rows(comment));
  });
});
