import * as core from '@actions/core';
import { getOctokit } from '@actions/github';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGithub, MAX_COMMENT_BODY, verifyIdToken } from '../../../emulator/github.js';
import { type LocalServer, serveHandlers } from '../github/local-server.js';

const NOW = Date.parse('2026-11-28T10:00:00Z');
const github = createGithub({ baseUrl: 'http://127.0.0.1:1/_github', now: () => NOW });
let server: LocalServer;
let octokit: ReturnType<typeof getOctokit>;

beforeAll(async () => {
  server = await serveHandlers([github.handler]);
  octokit = getOctokit('ghs_test', { baseUrl: `${server.url}/_github/api` });
});
afterAll(async () => server.close());
beforeEach(() => {
  vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_URL', `${server.url}/_github/oidc/token?api-version=2.0`);
  vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_TOKEN', github.state.requestToken);
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('OIDC token endpoint with core.getIDToken', () => {
  it('issues a signed JWT with the asked audience and the repository claims', async () => {
    github.state.oidc.subject = 'repo:example/drs-plans:environment:recovery';
    const token = await core.getIDToken('sts.amazonaws.com');
    delete github.state.oidc.subject;
    const check = verifyIdToken(token, NOW);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.claims).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'sts.amazonaws.com',
      sub: 'repo:example/drs-plans:environment:recovery',
      repository: 'example/drs-plans',
      iat: NOW / 1000,
      exp: NOW / 1000 + 300,
    });
    expect(github.state.requests.at(-1)).toBe('GET /oidc/token?api-version=2.0&audience=sts.amazonaws.com');
    expect(github.state.issuedTokens.at(-1)).toBe(token);
    expect(verifyIdToken(token, NOW + 300_000)).toMatchObject({ ok: false, reason: 'expired' });
    expect(verifyIdToken(`${token.slice(0, -2)}xx`, NOW)).toMatchObject({ ok: false, reason: 'signature' });
  });

  it('needs the request token as Bearer', async () => {
    vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'wrong');
    await expect(core.getIDToken('sts.amazonaws.com')).rejects.toThrow(/401/);
  });

  it('answers 503 while told to fail, which the toolkit retries', async () => {
    github.state.oidcFailures = 2;
    const token = await core.getIDToken('sts.amazonaws.com');
    expect(verifyIdToken(token, NOW).ok).toBe(true);
    expect(github.state.oidcFailures).toBe(0);
  });
});

describe('REST API with the real Octokit', () => {
  it('serves file contents at a ref, base64 encoded', async () => {
    github.state.seedFile(
      'example/drs-plans',
      'drs-plans/payments.yaml',
      'version: 1\nname: payments\n',
      'abc123',
    );
    const { data } = await octokit.rest.repos.getContent({
      owner: 'example',
      repo: 'drs-plans',
      path: 'drs-plans/payments.yaml',
      ref: 'abc123',
    });
    expect(Array.isArray(data)).toBe(false);
    const file = data as { encoding: string; content: string; path: string };
    expect(file.encoding).toBe('base64');
    expect(Buffer.from(file.content, 'base64').toString('utf8')).toBe('version: 1\nname: payments\n');
    await expect(
      octokit.rest.repos.getContent({
        owner: 'example',
        repo: 'drs-plans',
        path: 'drs-plans/payments.yaml',
        ref: 'main',
      }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('paginates comments with Link headers', async () => {
    for (let i = 0; i < 230; i++) {
      await octokit.rest.issues.createComment({ owner: 'o', repo: 'r', issue_number: 3, body: `c${i}` });
    }
    const first = await octokit.rest.issues.listComments({
      owner: 'o',
      repo: 'r',
      issue_number: 3,
      per_page: 100,
    });
    expect(first.data).toHaveLength(100);
    expect(first.headers.link).toContain('page=2>; rel="next"');
    expect(first.headers.link).toContain('page=3>; rel="last"');
    const all = await octokit.paginate(octokit.rest.issues.listComments, {
      owner: 'o',
      repo: 'r',
      issue_number: 3,
      per_page: 100,
    });
    expect(all.map((c) => c.body)).toEqual(Array.from({ length: 230 }, (_, i) => `c${i}`));
    expect(all[0]?.user?.type).toBe('Bot');
  });

  it('updates a comment, refuses too-long bodies with 422 and writes with 403 when read-only', async () => {
    const { data } = await octokit.rest.issues.createComment({
      owner: 'o',
      repo: 'r',
      issue_number: 9,
      body: 'v1',
    });
    await octokit.rest.issues.updateComment({ owner: 'o', repo: 'r', comment_id: data.id, body: 'v2' });
    expect(github.state.commentsOn('o/r', 9).map((c) => c.body)).toEqual(['v2']);

    const tooLong = octokit.rest.issues.createComment({
      owner: 'o',
      repo: 'r',
      issue_number: 9,
      body: 'x'.repeat(MAX_COMMENT_BODY + 1),
    });
    await expect(tooLong).rejects.toMatchObject({ status: 422 });
    await expect(tooLong).rejects.toThrow(/Body is too long/);

    github.state.forbidCommentWrites = true;
    await expect(
      octokit.rest.issues.updateComment({ owner: 'o', repo: 'r', comment_id: data.id, body: 'v3' }),
    ).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('Resource not accessible by integration'),
    });
    github.state.forbidCommentWrites = false;
    await expect(
      octokit.rest.issues.updateComment({ owner: 'o', repo: 'r', comment_id: 999_999, body: 'v3' }),
    ).rejects.toMatchObject({ status: 404 });
    expect(github.state.commentsOn('o/r', 9).map((c) => c.body)).toEqual(['v2']);
  });

  it('ignores paths outside its prefix', async () => {
    const answer = await github.handler({
      method: 'GET',
      path: '/DescribeJobs',
      query: new URLSearchParams(),
      headers: {},
      body: '',
    });
    expect(answer).toBeUndefined();
  });
});
