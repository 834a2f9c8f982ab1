/**
 * `mode: status` end to end: the bundle over four plans whose history sits on the branch in the GitHub
 * stub (no AWS): one never drilled, one changed since its last successful drill, one overdue, one fresh
 * (and renamed since: the history follows the plan's name).
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import { recordFileName } from '../../src/history/record.js';
import { MARKER_FILE } from '../../src/history/store.js';
import { record } from '../unit/history/helpers.js';
import { demoScenario, runBundle } from './harness.js';

const REPOSITORY = 'acme/dr-plans';
const DAY = 86_400_000;
let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ scenario: demoScenario(), port: 0, speed: 0 });
});
afterAll(async () => emulator?.close());

const planText = (name: string, extra = '') => `version: 1
name: ${name}
region: us-east-1
defaults:
  template: { subnetId: subnet-0a1b2c3d4e5f60001, securityGroupIds: [sg-0a1b2c3d4e5f60001] }
waves:
  - name: all
    servers:
      - id: s-1000000000000000a${extra}
`;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** A successful drill of `name` that ended `daysAgo` days ago, of the plan text with digest `sha256`. */
function proven(name: string, daysAgo: number, sha256: string, path = `drs-plans/${name}.yaml`) {
  const r = record(0, 900, { name, sha256 });
  const start = Date.now() - daysAgo * DAY - 3_600_000;
  r.startedAt = new Date(start).toISOString();
  r.endedAt = new Date(start + 3_600_000).toISOString();
  r.plan.path = path;
  return { [recordFileName(name, r.startedAt, r.runId, 1)]: `${JSON.stringify(r)}\n` };
}

describe('mode status through the bundle', () => {
  it('tells never drilled, changed, overdue and fresh plans apart: table, annotations, stale-plans, exit code', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'drs-status-'));
    await mkdir(join(workspace, 'drs-plans'));
    const plans = {
      never: planText('never'),
      changed: planText('changed', '\n      - id: s-1000000000000000b'),
      overdue: planText('overdue'),
      fresh: planText('fresh'),
    };
    for (const [name, text] of Object.entries(plans))
      await writeFile(join(workspace, 'drs-plans', `${name}.yaml`), text);
    const branch = 'drs-drill-history';
    emulator.github.git.commitFiles(REPOSITORY, branch, {
      [MARKER_FILE]: 'history\n',
      ...proven('changed', 3, sha(planText('changed'))),
      ...proven('overdue', 50, sha(plans.overdue)),
      // Renamed file, same plan name and content: still proven.
      ...proven('fresh', 2, sha(plans.fresh), 'drs-plans/old-fresh.yaml'),
      // A record of another repository's plan never counts for ours.
      ...proven('unrelated', 1, sha('x')),
    });

    const status = (inputs: Record<string, string> = {}) =>
      runBundle({
        workspace,
        inputs: {
          mode: 'status',
          plan: 'drs-plans/*.yaml',
          'history-branch': branch,
          'github-token': 'ghs_status',
          ...inputs,
        },
        env: { GITHUB_API_URL: `${emulator.url}/_github/api` },
      });
    const run = await status();
    expect(run.code, run.stdout).toBe(1);
    expect(JSON.parse(run.outputs['stale-plans'] ?? '')).toEqual([
      'drs-plans/changed.yaml',
      'drs-plans/never.yaml',
      'drs-plans/overdue.yaml',
    ]);
    expect(run.outputs.status).toBe('failed');
    const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::warning'));
    expect(annotations).toEqual([
      '::warning title=Drill plan not proven,file=drs-plans/changed.yaml,line=1,col=1::Plan changed is not proven: plan changed since its last successful drill.',
      '::warning title=Drill plan not proven,file=drs-plans/never.yaml,line=1,col=1::Plan never is not proven: never drilled.',
      expect.stringMatching(
        /^::warning title=Drill plan not proven,file=drs-plans\/overdue\.yaml,line=1,col=1::Plan overdue is not proven: overdue: last successful drill 50d 0h ago \(max-age 35d\)\.$/,
      ),
    ]);
    expect(run.stdout).toMatch(
      /::error::3 of 4 plans are not proven \(fail-on stale\): drs-plans\/changed\.yaml, drs-plans\/never\.yaml, drs-plans\/overdue\.yaml\./,
    );
    const rows = run.summary.split('\n').filter((l) => l.startsWith('| <code>'));
    expect(rows.map((r) => [/<code>(.*?)<\/code>/.exec(r)?.[1], /\| ([^|]*) \|$/.exec(r)?.[1]])).toEqual([
      ['drs-plans/changed.yaml', '⚠️ plan changed since its last successful drill'],
      ['drs-plans/never.yaml', '⚠️ never drilled'],
      ['drs-plans/overdue.yaml', '⚠️ overdue'],
      ['drs-plans/fresh.yaml', '✅ proven'],
    ]);
    expect(run.summary).toMatch(/^## ⚠️ 3 of 4 plans not proven/);

    // A longer max-age makes the overdue plan fresh; without fail-on stale nothing fails.
    const lenient = await status({ 'max-age': '60d', 'fail-on': 'objectives' });
    expect(lenient.code, lenient.stdout).toBe(0);
    expect(JSON.parse(lenient.outputs['stale-plans'] ?? '')).toEqual([
      'drs-plans/changed.yaml',
      'drs-plans/never.yaml',
    ]);
    expect(lenient.stdout).toMatch(
      /::warning::input fail-on: "objectives" applies to mode drill or recovery only; ignored in mode status\./,
    );
  }, 60_000);

  it('refuses to run without a history to read, with a clear message', async () => {
    const run = await runBundle({
      inputs: { mode: 'status', plan: 'examples/plans/demo.yaml', 'github-token': 'ghs_status' },
      env: { GITHUB_API_URL: `${emulator.url}/_github/api` },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::mode status reads the drill history, and there is none to read: history-branch is empty/,
    );
  });
});
