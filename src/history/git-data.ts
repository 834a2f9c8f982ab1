/**
 * The Git Data API calls the history store is built on: a branch read as one flat listing (three
 * requests), blobs read and written, and one commit put on a branch as a fast-forward only. Nothing
 * here knows what a record is; Octokit comes in as a parameter.
 */
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import type { Octokit } from '../github/comment.js';

export interface HistoryLocation {
  owner: string;
  repo: string;
  branch: string;
}

/** A branch as one read sees it. */
export interface BranchListing {
  head: string;
  /** The head commit's root tree. */
  tree: string;
  /** GitHub cut the recursive listing short. */
  truncated: boolean;
  /** Path to blob id of every file on the branch. */
  blobs: Map<string, string>;
}

export function statusOf(e: unknown): number | undefined {
  const status = (e as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** A branch name git and GitHub accept; the store writes to nothing else. */
export function checkBranchName(branch: string): string | undefined {
  if (
    branch.length > 200 ||
    !/^[A-Za-z0-9._/-]+$/.test(branch) ||
    branch.startsWith('/') ||
    branch.endsWith('/') ||
    branch.endsWith('.lock') ||
    branch.startsWith('-') ||
    branch.includes('..') ||
    branch.includes('//') ||
    branch.split('/').some((part) => part.startsWith('.'))
  ) {
    return `"${branch}" is not a valid branch name (letters, digits, . _ - and / between parts)`;
  }
  return undefined;
}

/** Git's blob id of some bytes, as the tree listing shows it. */
export function gitBlobSha(content: Buffer): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${content.length}\0`), content]))
    .digest('hex');
}

/** Which failures are worth another attempt: a conflicting write, or GitHub or the network failing. */
export function retryable(e: unknown): 'conflict' | 'transient' | undefined {
  const status = statusOf(e);
  if (status === 409 || status === 422) return 'conflict';
  if (status === undefined || status >= 500 || status === 429) return 'transient';
  return undefined;
}

export async function blobText(octokit: Octokit, loc: HistoryLocation, sha: string): Promise<string> {
  const { data } = await octokit.rest.git.getBlob({ owner: loc.owner, repo: loc.repo, file_sha: sha });
  return Buffer.from(data.content, (data.encoding as BufferEncoding) || 'base64').toString('utf8');
}

/** At most `limit` promises at a time, in order. */
export async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The branch's head, root tree and every file (ref, commit, recursive tree); undefined when there is no branch. */
export async function readBranch(octokit: Octokit, loc: HistoryLocation): Promise<BranchListing | undefined> {
  let head: string;
  try {
    const { data } = await octokit.rest.git.getRef({
      owner: loc.owner,
      repo: loc.repo,
      ref: `heads/${loc.branch}`,
    });
    head = data.object.sha;
  } catch (e) {
    if (statusOf(e) === 404 || statusOf(e) === 409) return undefined; // 409: an empty repository
    throw e;
  }
  const { data: commit } = await octokit.rest.git.getCommit({
    owner: loc.owner,
    repo: loc.repo,
    commit_sha: head,
  });
  const { data: tree } = await octokit.rest.git.getTree({
    owner: loc.owner,
    repo: loc.repo,
    tree_sha: commit.tree.sha,
    recursive: 'true',
  });
  const blobs = new Map(
    tree.tree
      .filter((t) => t.type === 'blob' && t.path && t.sha)
      .map((t) => [t.path as string, t.sha as string]),
  );
  return { head, tree: commit.tree.sha, truncated: Boolean(tree.truncated), blobs };
}

/** A blob of text (as UTF-8) or bytes (as base64); returns its id. */
export async function createBlob(
  octokit: Octokit,
  loc: HistoryLocation,
  content: Buffer | string,
): Promise<string> {
  const text = typeof content === 'string';
  const { data } = await octokit.rest.git.createBlob({
    owner: loc.owner,
    repo: loc.repo,
    content: text ? content : content.toString('base64'),
    encoding: text ? 'utf-8' : 'base64',
  });
  return data.sha;
}

/**
 * One commit of `files` over `baseTree`, child of `parent`, and the branch moved to it: as a
 * fast-forward only (GitHub refuses it when another write came first), or created without a parent.
 */
export async function commitFiles(
  octokit: Octokit,
  loc: HistoryLocation,
  change: { files: { path: string; sha: string }[]; baseTree?: string; parent?: string; message: string },
): Promise<string> {
  const base = { owner: loc.owner, repo: loc.repo };
  const { data: tree } = await octokit.rest.git.createTree({
    ...base,
    ...(change.baseTree ? { base_tree: change.baseTree } : {}),
    tree: change.files.map((f) => ({
      path: f.path,
      mode: '100644' as const,
      type: 'blob' as const,
      sha: f.sha,
    })),
  });
  const { data: commit } = await octokit.rest.git.createCommit({
    ...base,
    message: change.message,
    tree: tree.sha,
    parents: change.parent ? [change.parent] : [],
  });
  if (change.parent) {
    await octokit.rest.git.updateRef({
      ...base,
      ref: `heads/${loc.branch}`,
      sha: commit.sha,
      force: false,
    });
  } else {
    await octokit.rest.git.createRef({ ...base, ref: `refs/heads/${loc.branch}`, sha: commit.sha });
  }
  return commit.sha;
}
