import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getOctokit } from '@actions/github';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGithub } from '../../../emulator/github.js';
import {
  type GitRunner,
  listBaseFiles,
  readBasePlan,
  readPullRequestEvent,
} from '../../../src/review/base.js';
import { type LocalServer, serveHandlers } from '../github/local-server.js';

const github = createGithub({ baseUrl: 'http://127.0.0.1/_github' });
let server: LocalServer;
let octokit: ReturnType<typeof getOctokit>;
const SHA = 'a'.repeat(40);

beforeAll(async () => {
  server = await serveHandlers([github.handler]);
  octokit = getOctokit('ghs_test', { baseUrl: `${server.url}/_github/api` });
  github.state.seedFile('acme/plans', 'drs-plans/demo.yaml', 'name: at-base\n', SHA);
});
afterAll(async () => server.close());

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();
}

async function repo(): Promise<{ dir: string; sha: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'review-base-'));
  git(dir, 'init', '-q');
  await mkdir(join(dir, 'drs-plans'));
  await writeFile(join(dir, 'drs-plans', 'a.yaml'), 'name: a\n');
  await writeFile(join(dir, 'drs-plans', 'b.yaml'), 'name: b\n');
  await writeFile(join(dir, 'README.md'), 'x\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'base');
  return { dir, sha: git(dir, 'rev-parse', 'HEAD') };
}

const noGit: GitRunner = () => Promise.reject(new Error('fatal: not a git repository'));

describe('readPullRequestEvent', () => {
  async function event(payload: unknown): Promise<string> {
    const path = join(await mkdtemp(join(tmpdir(), 'event-')), 'event.json');
    await writeFile(path, JSON.stringify(payload));
    return path;
  }

  it('reads the number and the base and head SHAs', async () => {
    const path = await event({
      pull_request: { number: 7, base: { sha: SHA }, head: { sha: 'b'.repeat(40) } },
    });
    expect(await readPullRequestEvent(path)).toEqual({ number: 7, baseSha: SHA, headSha: 'b'.repeat(40) });
  });

  it('is undefined for other payloads, a malformed SHA, a bad file or no path', async () => {
    expect(await readPullRequestEvent(await event({ ref: 'refs/heads/main' }))).toBeUndefined();
    expect(
      await readPullRequestEvent(await event({ pull_request: { number: 7, base: { sha: 'main' } } })),
    ).toBeUndefined();
    expect(await readPullRequestEvent(join(tmpdir(), 'missing-event.json'))).toBeUndefined();
    expect(await readPullRequestEvent(undefined)).toBeUndefined();
  });
});

describe('readBasePlan', () => {
  it('reads from git when the checkout has the base commit, and reports a file absent there', async () => {
    const { dir, sha } = await repo();
    await writeFile(join(dir, 'drs-plans', 'a.yaml'), 'name: changed\n');
    expect(await readBasePlan('drs-plans/a.yaml', sha, { workspace: dir })).toEqual({
      source: 'git',
      text: 'name: a\n',
    });
    expect(await readBasePlan('./drs-plans/new.yaml', sha, { workspace: dir })).toEqual({
      source: 'git',
      text: undefined,
    });
  });

  it('reads paths relative to a workspace below the repository root', async () => {
    const { dir, sha } = await repo();
    expect(await readBasePlan('a.yaml', sha, { workspace: join(dir, 'drs-plans') })).toEqual({
      source: 'git',
      text: 'name: a\n',
    });
  });

  it('resolves a symbolic link at the base inside the tree, and refuses one that leads out or into .git', async () => {
    const { dir } = await repo();
    await mkdir(join(dir, 'shared'));
    await writeFile(join(dir, 'shared', 'plan.yaml'), 'name: shared\n');
    await symlink('../shared/plan.yaml', join(dir, 'drs-plans', 'in.yaml'));
    await symlink('in.yaml', join(dir, 'drs-plans', 'chain.yaml'));
    await symlink('../.git/config', join(dir, 'drs-plans', 'leak.yaml'));
    await symlink('../../outside.yaml', join(dir, 'drs-plans', 'up.yaml'));
    await symlink('/etc/hosts', join(dir, 'drs-plans', 'abs.yaml'));
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'links');
    const sha = git(dir, 'rev-parse', 'HEAD');
    const read = (path: string) => readBasePlan(path, sha, { workspace: dir });
    expect(await read('drs-plans/in.yaml')).toEqual({ source: 'git', text: 'name: shared\n' });
    expect(await read('drs-plans/chain.yaml')).toEqual({ source: 'git', text: 'name: shared\n' });
    expect(await read('drs-plans/leak.yaml')).toEqual({
      source: 'unavailable',
      reason: expect.stringMatching(
        /^drs-plans\/leak\.yaml at the base is inside the repository's \.git directory/,
      ),
    });
    for (const path of ['drs-plans/up.yaml', 'drs-plans/abs.yaml']) {
      expect(await read(path)).toEqual({
        source: 'unavailable',
        reason: expect.stringMatching(/symbolic link that leads outside the workspace/),
      });
    }
    expect(await read('../outside.yaml')).toEqual({
      source: 'unavailable',
      reason: expect.stringMatching(/outside the workspace/),
    });
  });

  it('falls back to the contents API at the base SHA, where a 404 means the plan is new', async () => {
    const deps = { workspace: tmpdir(), git: noGit, octokit, owner: 'acme', repo: 'plans' };
    expect(await readBasePlan('drs-plans/demo.yaml', SHA, deps)).toEqual({
      source: 'api',
      text: 'name: at-base\n',
    });
    expect(await readBasePlan('drs-plans/other.yaml', SHA, deps)).toEqual({ source: 'api', text: undefined });
  });

  it('says why when neither git nor the API can tell', async () => {
    const none = await readBasePlan('drs-plans/demo.yaml', SHA, { workspace: tmpdir(), git: noGit });
    expect(none).toEqual({
      source: 'unavailable',
      reason: 'the checkout does not have the base commit, and no GitHub token to read it through the API',
    });
    const broken = await readBasePlan('drs-plans/demo.yaml', SHA, {
      workspace: tmpdir(),
      git: noGit,
      octokit: getOctokit('x', { baseUrl: 'http://127.0.0.1:1', request: { retries: 0 } }),
      owner: 'acme',
      repo: 'plans',
    });
    expect(broken.source).toBe('unavailable');
    expect(broken.source === 'unavailable' && broken.reason).toMatch(/the contents API failed/);
  });
});

describe('listBaseFiles', () => {
  it('lists files at the base that match, relative to the workspace', async () => {
    const { dir, sha } = await repo();
    expect(await listBaseFiles(sha, (p) => p.startsWith('drs-plans/'), { workspace: dir })).toEqual([
      'drs-plans/a.yaml',
      'drs-plans/b.yaml',
    ]);
  });

  it('is undefined without the base commit', async () => {
    expect(await listBaseFiles(SHA, () => true, { workspace: tmpdir(), git: noGit })).toBeUndefined();
  });
});
