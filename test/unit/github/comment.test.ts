import { getOctokit } from '@actions/github';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGithub } from '../../../emulator/github.js';
import {
  CommentPermissionError,
  composeStickyBody,
  findStickyComment,
  isCommentPermissionError,
  MAX_COMMENT_CHARS,
  MAX_COMMENT_PAGES,
  type Octokit,
  stickyMarker,
  TRUNCATION_NOTE,
  upsertStickyComment,
} from '../../../src/github/comment.js';
import { type LocalServer, serveHandlers } from './local-server.js';

const github = createGithub({ baseUrl: 'http://127.0.0.1/_github' });
let server: LocalServer;
let octokit: ReturnType<typeof getOctokit>;
const target = { owner: 'example', repo: 'drs-plans', issueNumber: 7, key: 'payments' };

beforeAll(async () => {
  server = await serveHandlers([github.handler]);
  octokit = getOctokit('ghs_test', { baseUrl: `${server.url}/_github/api` });
});
afterAll(async () => server.close());
beforeEach(() => {
  github.state.comments.length = 0;
  github.state.forbidCommentWrites = false;
});

function seedComments(
  count: number,
  body: (i: number) => string,
  extra: { user?: { login: string; id: number; type: string }; minimized?: boolean } = {},
) {
  for (let i = 0; i < count; i++) {
    github.state.comments.push({
      id: github.state.comments.length + 1,
      owner: target.owner,
      repo: target.repo,
      issueNumber: target.issueNumber,
      body: body(i),
      user: { login: 'someone', id: 1, type: 'User' },
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
      ...extra,
    });
  }
}

describe('upsertStickyComment against the GitHub stub', () => {
  it('creates the comment once, then updates it in place', async () => {
    const first = await upsertStickyComment(octokit, { ...target, body: 'Plan OK' });
    expect(first.action).toBe('created');
    const second = await upsertStickyComment(octokit, { ...target, body: 'Plan OK, again' });
    expect(second).toEqual({ action: 'updated', id: first.id });
    const comments = github.state.commentsOn('example/drs-plans', 7);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toBe(`${stickyMarker('payments')}\nPlan OK, again`);
  });

  it('keeps one comment per key', async () => {
    await upsertStickyComment(octokit, { ...target, body: 'a' });
    await upsertStickyComment(octokit, { ...target, key: 'billing', body: 'b' });
    await upsertStickyComment(octokit, { ...target, body: 'a2' });
    expect(github.state.commentsOn('example/drs-plans', 7).map((c) => c.body)).toEqual([
      `${stickyMarker('payments')}\na2`,
      `${stickyMarker('billing')}\nb`,
    ]);
  });

  it('finds its comment beyond the first page and ignores replies quoting it', async () => {
    seedComments(150, (i) => (i === 3 ? `> ${stickyMarker('payments')}\n> quoted` : `chatter ${i}`));
    const mine = await upsertStickyComment(octokit, { ...target, body: 'first' });
    seedComments(90, (i) => `more ${i}`);
    const before = github.state.requests.length;
    const again = await upsertStickyComment(octokit, { ...target, body: 'second' });
    expect(again).toEqual({ action: 'updated', id: mine.id });
    // Ours is the 151st comment: found on the second page of 100, and the third is never asked for.
    expect(github.state.requests.slice(before).filter((r) => r === 'POST /api/graphql')).toHaveLength(2);
    expect(github.state.commentsOn('example/drs-plans', 7).find((c) => c.id === 4)?.body).toContain('quoted');
  });

  it("ignores the marker in another user's comment instead of failing to update it", async () => {
    seedComments(1, () => `${stickyMarker('payments')}\nspoofed`, {
      user: { login: 'mallory', id: 666, type: 'User' },
    });
    const mine = await upsertStickyComment(octokit, { ...target, body: 'review' });
    expect(mine.action).toBe('created');
    expect(await upsertStickyComment(octokit, { ...target, body: 'review 2' })).toEqual({
      action: 'updated',
      id: mine.id,
    });
    expect(github.state.commentsOn('example/drs-plans', 7).map((c) => [c.user.login, c.body])).toEqual([
      ['mallory', `${stickyMarker('payments')}\nspoofed`],
      ['github-actions[bot]', `${stickyMarker('payments')}\nreview 2`],
    ]);
  });

  it('skips its own comment once it is minimised, and writes a new one', async () => {
    seedComments(1, () => `${stickyMarker('payments')}\nhidden as outdated`, {
      user: { login: 'github-actions[bot]', id: 41898282, type: 'Bot' },
      minimized: true,
    });
    const result = await upsertStickyComment(octokit, { ...target, body: 'fresh' });
    expect(result.action).toBe('created');
    expect(github.state.commentsOn('example/drs-plans', 7).map((c) => c.body)).toEqual([
      `${stickyMarker('payments')}\nhidden as outdated`,
      `${stickyMarker('payments')}\nfresh`,
    ]);
  });

  it('stops searching at a repeated cursor or after its page limit', async () => {
    const pagesOf = (cursor: (n: number) => string) => {
      let calls = 0;
      const graphql = async () => {
        if (++calls > 5000) throw new Error('runaway pagination');
        const pageInfo = { hasNextPage: true, endCursor: cursor(calls) };
        return {
          viewer: { login: 'github-actions[bot]' },
          repository: { pullRequest: { comments: { nodes: [], pageInfo } } },
        };
      };
      return { octokit: { graphql } as unknown as Octokit, calls: () => calls };
    };
    const repeated = pagesOf(() => 'same');
    await expect(findStickyComment(repeated.octokit, target)).rejects.toThrow(
      /^GitHub comments of example\/drs-plans#7: page 2 returned a next token that an earlier page already returned/,
    );
    expect(repeated.calls()).toBe(2);
    const endless = pagesOf((n) => `c${n}`);
    await expect(findStickyComment(endless.octokit, target)).rejects.toThrow(/still more pages after 50/);
    expect(endless.calls()).toBe(MAX_COMMENT_PAGES);
  });

  it('truncates a body over the limit and the stub accepts it', async () => {
    const result = await upsertStickyComment(octokit, { ...target, body: 'x'.repeat(70_000) });
    const stored = github.state.comments.find((c) => c.id === result.id)!;
    expect(stored.body.length).toBe(MAX_COMMENT_CHARS);
    expect(stored.body.endsWith(TRUNCATION_NOTE)).toBe(true);
    expect(stored.body.startsWith(stickyMarker('payments'))).toBe(true);
  });

  it('turns 403 (fork PR, read-only token) into a CommentPermissionError', async () => {
    github.state.forbidCommentWrites = true;
    const error = await upsertStickyComment(octokit, { ...target, body: 'x' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CommentPermissionError);
    expect(isCommentPermissionError(error)).toBe(true);
    expect((error as Error).message).toMatch(/403 Resource not accessible by integration/);
    expect(github.state.comments).toHaveLength(0);
  });

  it('reports other failures with context, not as a permission problem', async () => {
    const broken = getOctokit('ghs_test', { baseUrl: `${server.url}/_github/nowhere` });
    const error = await upsertStickyComment(broken, { ...target, body: 'x' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isCommentPermissionError(error)).toBe(false);
    expect((error as Error).message).toMatch(/^Could not list the comment on example\/drs-plans#7/);
  });
});

describe('composeStickyBody', () => {
  it('leaves a short body alone, marker first', () => {
    expect(composeStickyBody('k', 'hello')).toBe('<!-- drs-drill:k -->\nhello');
  });

  it('keeps a marker that cannot be closed early by the key', () => {
    expect(stickyMarker('a --> b')).toBe('<!-- drs-drill:a_--__b -->');
  });

  it('fits exactly at the limit and never splits a surrogate pair', () => {
    const head = `${stickyMarker('k')}\n`;
    const exact = 'y'.repeat(100 - head.length);
    expect(composeStickyBody('k', exact, 100)).toBe(head + exact);
    const limit = head.length + TRUNCATION_NOTE.length + 10;
    const emoji = `${'a'.repeat(9)}😀${'tail'.repeat(50)}`;
    const out = composeStickyBody('k', emoji, limit);
    expect(out.length).toBeLessThanOrEqual(limit);
    expect(out).toBe(`${head}${'a'.repeat(9)}${TRUNCATION_NOTE}`);
  });
});
