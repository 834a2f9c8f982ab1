/**
 * `npm run rehearse`: every example plan rehearsed against an estate generated from its own
 * selectors (ids, hostnames, tags, pinned snapshots, the subnets and groups it names), through the
 * bundle under test; `--fail` makes that server's launch fail in the summary, `--throttle` throttles.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { scenarioFromPlan } from '../../emulator/from-plan.js';
import { loadPlanFile } from '../../src/plan/load.js';
import { DIST, REPO_ROOT } from './harness.js';

const TSX = join(REPO_ROOT, 'node_modules', '.bin', 'tsx');

async function rehearse(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, ['scripts/rehearse.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DRS_TEST_DIST: DIST },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 110_000,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

const PLANS = readdirSync(join(REPO_ROOT, 'examples', 'plans')).filter((f) => f.endsWith('.yaml'));

describe('npm run rehearse', () => {
  it.each(PLANS)(
    'rehearses examples/plans/%s: every selector resolves and the drill passes',
    async (file) => {
      const run = await rehearse(`examples/plans/${file}`);
      expect(run.code, run.stdout.slice(-3000) + run.stderr.slice(-2000)).toBe(0);
      expect(run.stdout).toMatch(/## ✅ Drill passed — /);
      expect(run.stdout).toContain('status: succeeded');
    },
    120_000,
  );

  it('generates what a tag selector stands for: several servers carrying every tag', async () => {
    const { plan } = await loadPlanFile(join(REPO_ROOT, 'examples', 'plans', 'demo.yaml'));
    if (!plan) throw new Error('demo plan does not load');
    const scenario = scenarioFromPlan(plan);
    const app = scenario.servers.filter((s) => s.tags.App === 'demo' && s.tags.Tier === 'app');
    expect(app).toHaveLength(2);
    expect(scenario.servers.map((s) => s.hostname)).toContain('db-02.demo.internal');
    expect(scenario.servers.map((s) => s.sourceServerID)).toContain('s-1000000000000000a');
    expect(scenario.subnets.map((s) => s.subnetId)).toContain('subnet-0a1b2c3d4e5f60001');
  });

  it('--fail <server> makes that server fail in the summary (a critical one fails the drill)', async () => {
    const run = await rehearse(
      'examples/plans/demo.yaml',
      '--fail',
      'db-02.demo.internal',
      '--throttle',
      '0.2',
    );
    expect(run.code).not.toBe(0);
    expect(run.stdout).toMatch(/## ❌ Drill failed — demo/);
    expect(run.stdout).toContain('Rehearsal: launch failure injected with --fail db-02.demo.internal');
    expect(run.stdout).toContain('status: failed');
  }, 120_000);
});
