/**
 * Pull-request review end to end: the bundle (build it first with `npm run build`) against the
 * emulator's DRS/EC2/STS and GitHub stubs, with the base version in a temporary git repository or
 * behind the contents API.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../emulator/scenario-load.js';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import { stickyMarker } from '../../src/github/comment.js';
import { git, REPO_ROOT, runBundle } from './harness.js';

const REPOSITORY = 'acme/dr-plans';
const STALLED = 's-1000000000000000e';

const DEMO_BASE = `version: 1
name: demo
region: us-east-1
accountId: "111122223333"
objectives: { rto: 45m, rpo: 15m }
defaults:
  launch: { rightSizing: NONE }
  template:
    subnetId: subnet-0a1b2c3d4e5f60001
    securityGroupIds: [sg-0a1b2c3d4e5f60001]
waves:
  - name: data
    servers:
      - id: s-1000000000000000a
      - id: s-1000000000000000b
  - name: app
    servers:
      - id: s-1000000000000000c
      - id: s-1000000000000000d
`;

/** Moves s-…d from wave 2 (app) to wave 1 (data) and adds cache-01, whose replication is STALLED. */
const DEMO_HEAD = DEMO_BASE.replace('      - id: s-1000000000000000d\n', '')
  .replace(
    '      - id: s-1000000000000000b\n',
    '      - id: s-1000000000000000b\n      - id: s-1000000000000000d\n',
  )
  .concat(`      - hostname: cache-01.demo.internal\n`);

const BATCH = `version: 1
name: batch
region: us-east-1
defaults:
  template: { subnetId: subnet-0a1b2c3d4e5f60001, securityGroupIds: [sg-0a1b2c3d4e5f60001] }
waves:
  - name: web
    servers:
      - id: s-1000000000000000f
`;
/** Line 10 of batch.yaml gets an unknown key. */
const BATCH_TYPO = `${BATCH}        critcal: false\n`;

let emulator: Emulator;

beforeAll(async () => {
  const scenario = loadScenarioFile(join(REPO_ROOT, 'emulator', 'scenarios', 'demo.yaml'));
  const cache = scenario.servers.find((s) => s.sourceServerID === STALLED);
  if (!cache) throw new Error('demo scenario lacks cache-01');
  cache.replicationState = 'STALLED';
  emulator = await startEmulator({ scenario, speed: 0 });
});
afterAll(async () => emulator?.close());

async function writePlans(dir: string, files: Record<string, string>): Promise<void> {
  await mkdir(join(dir, 'drs-plans'), { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, 'drs-plans', name), text);
}

/** A checkout whose HEAD~ is the PR base: returns the workspace and the base SHA. */
async function gitWorkspace(base: Record<string, string>): Promise<{ dir: string; baseSha: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'drs-review-'));
  git(dir, 'init', '-q');
  await writePlans(dir, base);
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'base');
  return { dir, baseSha: git(dir, 'rev-parse', 'HEAD') };
}

function prEvent(number: number, baseSha: string, headSha = 'f'.repeat(40)) {
  return { pull_request: { number, base: { sha: baseSha }, head: { sha: headSha } } };
}

function review(
  workspace: string,
  number: number,
  baseSha: string,
  opts: { inputs?: Record<string, string>; aws?: boolean } = {},
) {
  return runBundle({
    workspace,
    eventName: 'pull_request',
    event: prEvent(number, baseSha),
    ...(opts.aws === false ? {} : { emulatorUrl: emulator.url }),
    inputs: { mode: 'validate', plan: 'drs-plans/*.yaml', 'github-token': 'ghs_review', ...opts.inputs },
    env: { GITHUB_API_URL: `${emulator.url}/_github/api` },
  });
}

const commentsOn = (number: number) => emulator.github.commentsOn(REPOSITORY, number);

describe('plan review on a pull request', () => {
  it('comments the move, annotates the typo, fails on STALLED replication, and updates on the next push', async () => {
    const { dir, baseSha } = await gitWorkspace({ 'demo.yaml': DEMO_BASE, 'batch.yaml': BATCH });
    await writePlans(dir, { 'demo.yaml': DEMO_HEAD, 'batch.yaml': BATCH_TYPO });

    const first = await review(dir, 11, baseSha);
    expect(first.code, first.stderr).toBe(1);
    expect(first.stdout).toMatch(/::error .*file=drs-plans\/batch\.yaml,line=10,.*::.*critcal/);
    const comments = commentsOn(11);
    expect(comments).toHaveLength(1);
    const body = comments[0]?.body ?? '';
    expect(body.startsWith(stickyMarker('plan-review:drs-plans/*.yaml'))).toBe(true);
    expect(body).toContain('<code>s-1000000000000000d</code> moved from wave **app** to wave **data**');
    expect(body).toContain('➕ <code>cache-01.demo.internal</code> added to wave **app**');
    expect(body).toContain('(base read from git)');
    expect(body).toMatch(/❌ <code>s-1000000000000000e<\/code> \| cache-01\.demo\.internal \| ❌ STALLED/);
    expect(body).toContain('❌ **Not ready**');
    expect(body).toContain('Launch settings a drill would repair');
    expect(body).toContain('critcal');
    expect(first.summary).toContain('moved from wave **app** to wave **data**');
    // One headline: the review's verdict; the validation details follow under it.
    expect(first.summary.split('\n').filter((l) => l.startsWith('## '))).toEqual([
      expect.stringMatching(/^## DRS recovery plan review \(2 plans\): ❌ Changes needed/),
    ]);

    // Second push: the typo is fixed; STALLED still fails the step, the same comment is updated.
    await writePlans(dir, { 'batch.yaml': BATCH });
    const second = await review(dir, 11, baseSha);
    expect(second.code).toBe(1);
    expect(second.stdout).toMatch(/::error::The recovery plan review found 1 readiness problem/);
    expect(commentsOn(11)).toHaveLength(1);
    expect(commentsOn(11)[0]?.id).toBe(comments[0]?.id);
    expect(commentsOn(11)[0]?.body).not.toContain('critcal');
    expect(commentsOn(11)[0]?.body).toContain('No change to what the plan does');

    // fail-on: errors reports the readiness problem without failing the step.
    const lenient = await review(dir, 11, baseSha, { inputs: { 'fail-on': 'errors' } });
    expect(lenient.code).toBe(0);
    expect(commentsOn(11)[0]?.body).toContain('⚠️ 1 readiness problem');
    expect(commentsOn(11)).toHaveLength(1);
  });

  it('on a fork PR (403 on comments) warns, puts the review in the summary, and does not fail for it', async () => {
    const { dir, baseSha } = await gitWorkspace({ 'demo.yaml': DEMO_BASE });
    await writePlans(dir, { 'demo.yaml': DEMO_BASE.replace('rto: 45m', 'rto: 30m') });
    emulator.github.forbidCommentWrites = true;
    try {
      const run = await review(dir, 12, baseSha);
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toMatch(/::warning::cannot create the comment on acme\/dr-plans#12 \(403/);
      expect(commentsOn(12)).toHaveLength(0);
      expect(run.summary).toContain('The pull-request comment could not be written');
      expect(run.summary).toContain('Plan <code>objectives.rto</code> <code>45m</code> → <code>30m</code>');
      expect(run.summary).toContain('✅ **Ready**');
    } finally {
      emulator.github.forbidCommentWrites = false;
    }
  });

  it('without AWS credentials checks offline only, says so, and reads the base through the contents API', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'drs-review-nogit-'));
    await writePlans(dir, { 'demo.yaml': DEMO_HEAD });
    const baseSha = 'b'.repeat(40);
    emulator.github.seedFile(REPOSITORY, 'drs-plans/demo.yaml', DEMO_BASE, baseSha);
    const drsCalls = () => emulator.calls.filter((c) => c.service === 'drs').length;
    const before = drsCalls();
    const run = await review(dir, 13, baseSha, { aws: false });
    expect(run.code, run.stdout).toBe(0);
    const body = commentsOn(13)[0]?.body ?? '';
    expect(body).toContain('Live check skipped');
    expect(body).toContain('role-to-assume');
    expect(body).toContain('(base read through the GitHub API)');
    expect(body).toContain('moved from wave **app** to wave **data**');
    expect(
      emulator.github.requests.filter((r) =>
        /^GET \/api\/repos\/acme\/dr-plans\/contents\/drs-plans(\/|%2F)demo\.yaml\?ref=b{40}$/.test(r),
      ),
    ).toHaveLength(1);
    expect(drsCalls()).toBe(before);
  });

  it('comments on its own even when someone else posted the marker first', async () => {
    const { dir, baseSha } = await gitWorkspace({ 'demo.yaml': DEMO_BASE });
    const spoof = `${stickyMarker('plan-review:drs-plans/*.yaml')}\nlooks like the review`;
    emulator.github.comments.push({
      id: 9_999_001,
      owner: 'acme',
      repo: 'dr-plans',
      issueNumber: 15,
      body: spoof,
      user: { login: 'mallory', id: 666, type: 'User' },
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
    });
    const run = await review(dir, 15, baseSha, { aws: false });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).not.toMatch(/::warning::cannot update the comment/);
    expect(run.stdout).toContain('Commented on pull request #15.');
    const comments = commentsOn(15);
    expect(comments.map((c) => c.user.login)).toEqual(['mallory', 'github-actions[bot]']);
    expect(comments[0]?.body).toBe(spoof);
    expect(comments[1]?.body).toContain('No change to what the plan does');
  });

  it('reports a plan the PR adds and one it deletes', async () => {
    const { dir, baseSha } = await gitWorkspace({ 'demo.yaml': DEMO_BASE, 'batch.yaml': BATCH });
    await rm(join(dir, 'drs-plans', 'batch.yaml'));
    await writePlans(dir, { 'new.yaml': BATCH.replace('name: batch', 'name: fresh') });
    const run = await review(dir, 14, baseSha, { aws: false });
    expect(run.code, run.stdout).toBe(0);
    const body = commentsOn(14)[0]?.body ?? '';
    expect(body).toContain('🆕 **New plan**');
    expect(body).toContain('🗑️ **Plan deleted**');
    expect(await readFile(join(dir, 'drs-plans', 'demo.yaml'), 'utf8')).toBe(DEMO_BASE);
  });
});
