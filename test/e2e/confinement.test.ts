/**
 * Workspace confinement through the bundle (build it first with `npm run build`): a pull request that
 * adds a symbolic link to .git/config (where actions/checkout keeps the run's token) or to a file
 * outside the workspace gets a refusal, and nothing of those files reaches the log, the job summary
 * or the sticky PR comment. So does a plan input that points outside the workspace.
 */
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../emulator/scenario-load.js';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import { git, REPO_ROOT, runBundle } from './harness.js';

const TOKEN = 'eC1hY2Nlc3MtdG9rZW46Z2hzX3NlY3JldHNlY3JldHNlY3JldA==';
const OUTSIDE_SECRET = 'outside-the-workspace-7c1d9e';
const PLAN = `version: 1
name: demo
waves:
  - name: data
    servers:
      - id: s-1000000000000000a
`;

let emulator: Emulator;
beforeAll(async () => {
  const scenario = loadScenarioFile(join(REPO_ROOT, 'emulator', 'scenarios', 'demo.yaml'));
  emulator = await startEmulator({ scenario, speed: 0 });
});
afterAll(async () => emulator?.close());

/** A checkout as actions/checkout leaves it (token in .git/config), with the PR's links added. */
async function hostileCheckout(): Promise<{ dir: string; baseSha: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'drs-confine-'));
  const outside = await mkdtemp(join(tmpdir(), 'drs-outside-'));
  await writeFile(join(outside, 'secret.yaml'), `password: ${OUTSIDE_SECRET}\n`);
  git(dir, 'init', '-q');
  git(dir, 'config', 'http.https://github.com/.extraheader', `AUTHORIZATION: basic ${TOKEN}`);
  await mkdir(join(dir, 'drs-plans'));
  await writeFile(join(dir, 'drs-plans', 'demo.yaml'), PLAN);
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'base');
  const baseSha = git(dir, 'rev-parse', 'HEAD');
  await symlink('../.git/config', join(dir, 'drs-plans', 'leak.yaml'));
  await symlink(join(outside, 'secret.yaml'), join(dir, 'drs-plans', 'outside.yaml'));
  return { dir, baseSha };
}

function validate(workspace: string, plan: string, event?: { number: number; baseSha: string }) {
  return runBundle({
    workspace,
    ...(event
      ? {
          eventName: 'pull_request',
          event: { pull_request: { number: event.number, base: { sha: event.baseSha } } },
        }
      : { eventName: 'push' }),
    inputs: { mode: 'validate', plan, 'github-token': 'ghs_review' },
    env: { GITHUB_API_URL: `${emulator.url}/_github/api` },
  });
}

function expectNothingLeaked(...texts: string[]): void {
  for (const text of texts) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toMatch(/AUTHORIZATION|extraheader|repositoryformatversion/);
    expect(text).not.toContain(OUTSIDE_SECRET);
  }
}

describe('validate mode keeps to the workspace', () => {
  it('refuses plans linked to .git/config or out of the workspace, in the log, the summary and the PR comment', async () => {
    const { dir, baseSha } = await hostileCheckout();
    const run = await validate(dir, 'drs-plans/*.yaml', { number: 31, baseSha });
    expect(run.code, run.stdout).toBe(1);
    expect(run.stdout).toMatch(
      /::error .*file=drs-plans\/leak\.yaml,line=1,.*::is inside the repository's \.git directory; it was not read/,
    );
    expect(run.stdout).toMatch(
      /::error .*file=drs-plans\/outside\.yaml,line=1,.*::is a symbolic link that leads outside the workspace/,
    );
    const comment = emulator.github.commentsOn('acme/dr-plans', 31)[0]?.body ?? '';
    expect(comment).toContain('leak.yaml');
    expectNothingLeaked(run.stdout, run.stderr, run.summary, comment);
  });

  it('refuses a plan input that names files outside the workspace', async () => {
    const { dir } = await hostileCheckout();
    for (const plan of ['/etc/host*', '/etc/hosts', '../*.yaml', '.git/config']) {
      const run = await validate(dir, plan);
      expect(run.code, run.stdout).toBe(1);
      expect(run.stdout).toMatch(/::error::.*(outside the workspace|\.git directory)/);
      expect(run.stdout).not.toMatch(/localhost/);
      expectNothingLeaked(run.stdout, run.stderr, run.summary);
    }
  });
});
