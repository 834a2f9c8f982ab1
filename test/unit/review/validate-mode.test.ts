import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getOctokit } from '@actions/github';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGithub } from '../../../emulator/github.js';
import { systemClock } from '../../../src/engine/types.js';
import type { ActionInputs } from '../../../src/inputs.js';
import type { ActionIO } from '../../../src/io.js';
import { runValidate } from '../../../src/modes/validate.js';
import type { RunEnvironment } from '../../../src/run-env.js';
import { type LocalServer, serveHandlers } from '../github/local-server.js';

const github = createGithub({ baseUrl: 'http://127.0.0.1/_github' });
let server: LocalServer;

beforeAll(async () => {
  server = await serveHandlers([github.handler]);
});
afterAll(async () => server.close());
beforeEach(() => {
  github.state.comments.length = 0;
});

interface Recorded {
  io: ActionIO;
  lines: string[];
  summary: string[];
}

function recorder(): Recorded {
  const lines: string[] = [];
  const summary: string[] = [];
  const io: ActionIO = {
    info: (m) => lines.push(`info ${m}`),
    notice: (m) => lines.push(`notice ${m}`),
    warning: (m, p) => lines.push(`warning ${p?.file ? `${p.file}:${p.line} ` : ''}${m}`),
    error: (m, p) => lines.push(`error ${p?.file ? `${p.file}:${p.line} ` : ''}${m}`),
    debug: () => {},
    group: (_n, fn) => fn(),
    setOutput: () => {},
    setSecret: () => {},
    saveState: () => {},
    getState: () => '',
    writeSummary: async (m) => {
      summary.push(m);
    },
  };
  return { io, lines, summary };
}

const PLAN = `version: 1
name: pay
waves:
  - name: data
    servers:
      - id: s-1111111111111111a
  - name: app
    servers:
      - id: s-2222222222222222b
`;

function inputs(overrides: Partial<ActionInputs> = {}): ActionInputs {
  return {
    mode: 'validate',
    plan: 'drs-plans/*.yaml',
    roleSessionName: 'drs-drill-1',
    cleanup: 'always',
    timeoutMinutes: 330,
    pollIntervalSeconds: 15,
    githubToken: 'ghs_x',
    reportDir: 'drs-report',
    failOn: ['readiness'],
    regressionThresholdPercent: 25,
    maxAgeSeconds: 35 * 86400,
    dryRun: false,
    exclude: [],
    replaceRecoveryInstances: false,
    waves: [],
    ...overrides,
  };
}

async function workspace(): Promise<{ dir: string; baseSha: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'validate-mode-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd: dir,
      encoding: 'utf8',
    }).trim();
  git('init', '-q');
  await mkdir(join(dir, 'drs-plans'));
  await writeFile(join(dir, 'drs-plans', 'pay.yaml'), PLAN);
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  return { dir, baseSha: git('rev-parse', 'HEAD') };
}

function runEnv(dir: string, eventName: string, eventPath?: string): RunEnvironment {
  return {
    repository: 'acme/plans',
    runId: '9',
    runAttempt: 1,
    serverUrl: 'https://github.com',
    eventName,
    eventPath,
    workspace: dir,
    onGitHub: false,
  };
}

const deps = {
  env: {},
  clock: systemClock,
  getIdToken: () => Promise.reject(new Error('no OIDC here')),
  octokit: (token: string) => getOctokit(token, { baseUrl: `${server.url}/_github/api` }),
};

describe('runValidate', () => {
  it('on a non-PR event validates offline as before, without a comment', async () => {
    const { dir } = await workspace();
    await writeFile(join(dir, 'drs-plans', 'pay.yaml'), `${PLAN}    tiemout: 5m\n`);
    const r = recorder();
    const outcome = await runValidate(r.io, inputs(), runEnv(dir, 'push'), deps);
    expect(outcome.errors).toBe(1);
    expect(outcome.readinessProblems).toBe(0);
    expect(outcome.failure).toBe('The recovery plan has 1 error.');
    expect(r.lines.some((l) => l.startsWith('error drs-plans/pay.yaml:10 '))).toBe(true);
    expect(github.state.comments).toHaveLength(0);
    expect(r.summary.join('')).toContain('Plan validation failed');
  });

  it('on a pull request comments the diff once, skips the live check without credentials, and passes', async () => {
    const { dir, baseSha } = await workspace();
    await writeFile(
      join(dir, 'drs-plans', 'pay.yaml'),
      PLAN.replace('      - id: s-2222222222222222b\n', '      - id: s-3333333333333333c\n'),
    );
    const eventPath = join(dir, '..', `${baseSha}.json`);
    await writeFile(eventPath, JSON.stringify({ pull_request: { number: 3, base: { sha: baseSha } } }));
    const r = recorder();
    const outcome = await runValidate(r.io, inputs(), runEnv(dir, 'pull_request', eventPath), deps);
    expect(outcome).toMatchObject({ errors: 0, readinessProblems: 0 });
    expect(outcome.failure).toBeUndefined();
    const [comment] = github.state.commentsOn('acme/plans', 3);
    expect(comment?.body).toContain('➕ <code>s-3333333333333333c</code> added to wave **app**');
    expect(comment?.body).toContain('➖ <code>s-2222222222222222b</code> removed from wave **app**');
    expect(comment?.body).toContain('Live check skipped');
    expect(r.summary.join('')).toContain('added to wave **app**');

    await runValidate(r.io, inputs(), runEnv(dir, 'pull_request', eventPath), deps);
    expect(github.state.commentsOn('acme/plans', 3)).toHaveLength(1);
  });

  it('without a token warns and keeps the review in the summary', async () => {
    const { dir, baseSha } = await workspace();
    const eventPath = join(dir, '..', `${baseSha}-nt.json`);
    await writeFile(eventPath, JSON.stringify({ pull_request: { number: 4, base: { sha: baseSha } } }));
    const r = recorder();
    const outcome = await runValidate(
      r.io,
      inputs({ githubToken: undefined }),
      runEnv(dir, 'pull_request', eventPath),
      deps,
    );
    expect(outcome.failure).toBeUndefined();
    expect(r.lines.some((l) => l.startsWith('warning No github-token'))).toBe(true);
    expect(r.summary.join('')).toContain('No change to what the plan does');
  });
});
