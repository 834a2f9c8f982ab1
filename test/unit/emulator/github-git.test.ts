import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StubServer, startStub } from '../history/helpers.js';

let stub: StubServer;
beforeAll(async () => {
  stub = await startStub();
});
afterAll(async () => stub.close());

const repo = { owner: 'acme', repo: 'git-stub' };
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('GitHub stub: contents writes, refs and commits of a path', () => {
  it('creates and updates a file only with the sha of the blob it replaces (422 without, 409 stale)', async () => {
    stub.github.state.git.commitFiles('acme/git-stub', 'main', { 'README.md': 'hello\n' });
    const put = (sha?: string) =>
      stub.octokit.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: 'a/b.txt',
        message: 'm',
        content: b64('one'),
        branch: 'main',
        ...(sha ? { sha } : {}),
      });
    const created = await put();
    expect(created.status).toBe(201);
    await expect(put()).rejects.toMatchObject({ status: 422 });
    await expect(put('0'.repeat(40))).rejects.toMatchObject({ status: 409 });
    const updated = await put(created.data.content?.sha);
    expect(updated.status).toBe(200);
    const { data } = await stub.octokit.rest.repos.getContent({ ...repo, path: 'a/b.txt', ref: 'main' });
    expect(Buffer.from((data as { content: string }).content, 'base64').toString()).toBe('one');
  });

  it('refuses to create an existing ref and to move one backwards or sideways', async () => {
    const head = stub.github.state.git.commitFiles('acme/git-stub', 'side', { 'x.txt': '1' });
    await expect(
      stub.octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/side', sha: head }),
    ).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/Reference already exists/) });
    const { data: tree } = await stub.octokit.rest.git.createTree({
      ...repo,
      tree: [{ path: 'y.txt', mode: '100644', type: 'blob', content: 'y' }],
    });
    const { data: orphan } = await stub.octokit.rest.git.createCommit({
      ...repo,
      message: 'o',
      tree: tree.sha,
      parents: [],
    });
    await expect(
      stub.octokit.rest.git.updateRef({ ...repo, ref: 'heads/side', sha: orphan.sha }),
    ).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/not a fast forward/) });
  });

  it('lists the commits that touched a path, newest first', async () => {
    stub.github.state.git.commitFiles('acme/git-stub', 'log', { 'plan.yaml': 'v1' }, 'first');
    stub.github.state.git.commitFiles('acme/git-stub', 'log', { 'other.txt': 'x' }, 'unrelated');
    stub.github.state.git.commitFiles('acme/git-stub', 'log', { 'plan.yaml': 'v2' }, 'second');
    const { data } = await stub.octokit.rest.repos.listCommits({ ...repo, sha: 'log', path: 'plan.yaml' });
    expect(data.map((c) => c.commit.message)).toEqual(['second', 'first']);
  });
});
