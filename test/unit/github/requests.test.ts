/**
 * Every GitHub request of the review has a total time limit (headers and body), and a timeout or a
 * 5xx is retried only for a request that may be repeated: never the POST that creates a comment.
 */
import { getOctokit } from '@actions/github';
import { describe, expect, it } from 'vitest';
import { findStickyComment } from '../../../src/github/comment.js';
import { boundGitHubRequests, GitHubTimeoutError } from '../../../src/github/requests.js';
import { type Behaviour, trickle, useScriptedServer } from './local-server.js';

const scripted = useScriptedServer();

const octokit = () =>
  boundGitHubRequests(getOctokit('ghs_test', { baseUrl: scripted().url }), {
    totalMs: 300,
    attempts: 2,
    sleep: async () => {},
  });

const json =
  (status: number, body: unknown): Behaviour =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

/** Headers at once, then the JSON body one byte at a time: never idle, never complete in time. */
const trickling = trickle('application/json', JSON.stringify({ content: 'x'.repeat(200) }), 20);

describe('boundGitHubRequests', () => {
  it('ends a request that never answers after its time limit, and tries a GET once more', async () => {
    scripted().behaviour = () => {};
    const error = await octokit()
      .rest.repos.getContent({ owner: 'o', repo: 'r', path: 'plan.yaml' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubTimeoutError);
    expect((error as Error).message).toBe(
      'GitHub GET /repos/{owner}/{repo}/contents/{path}: no complete answer within 0.3 s',
    );
    expect(scripted().seen).toEqual([
      'GET /repos/o/r/contents/plan.yaml',
      'GET /repos/o/r/contents/plan.yaml',
    ]);
  });

  it('cuts an answer that trickles in by the same total limit', async () => {
    scripted().behaviour = trickling;
    await expect(
      octokit().rest.repos.getContent({ owner: 'o', repo: 'r', path: 'plan.yaml' }),
    ).rejects.toBeInstanceOf(GitHubTimeoutError);
  });

  it('sends the POST that creates a comment once, whatever happens to it', async () => {
    scripted().behaviour = () => {};
    await expect(
      octokit().rest.issues.createComment({ owner: 'o', repo: 'r', issue_number: 1, body: 'hi' }),
    ).rejects.toBeInstanceOf(GitHubTimeoutError);
    scripted().behaviour = json(502, { message: 'Bad gateway' });
    await expect(
      octokit().rest.issues.createComment({ owner: 'o', repo: 'r', issue_number: 1, body: 'hi' }),
    ).rejects.toMatchObject({ status: 502 });
    expect(scripted().seen).toEqual([
      'POST /repos/o/r/issues/1/comments',
      'POST /repos/o/r/issues/1/comments',
    ]);
  });

  it('retries a GraphQL query after a 5xx', async () => {
    let calls = 0;
    scripted().behaviour = (req, res) => {
      calls += 1;
      if (calls === 1) return json(503, { message: 'unavailable' })(req, res);
      json(200, {
        data: {
          viewer: { login: 'bot' },
          repository: {
            pullRequest: { comments: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } },
          },
        },
      })(req, res);
    };
    const found = await findStickyComment(octokit(), { owner: 'o', repo: 'r', issueNumber: 1, key: 'k' });
    expect(found).toBeUndefined();
    expect(scripted().seen).toEqual(['POST /graphql', 'POST /graphql']);
  });
});
