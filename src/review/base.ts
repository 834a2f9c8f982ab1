/**
 * The version of a plan on the pull request's base: from git when the checkout has the base commit
 * (the usual `fetch-depth: 0`), else from the GitHub contents API at the base SHA.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { promisify } from 'node:util';
import type { Octokit } from '../github/comment.js';
import { refusalMessage, refusalOfTreePath } from '../plan/workspace.js';

const execFileAsync = promisify(execFile);

/** What the review needs from the `pull_request` event payload. */
export interface PullRequestInfo {
  number: number;
  baseSha: string;
  headSha?: string;
}

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** The pull request of a `pull_request` / `pull_request_target` event; undefined for any other payload. */
export async function readPullRequestEvent(
  eventPath: string | undefined,
): Promise<PullRequestInfo | undefined> {
  if (!eventPath) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(await readFile(eventPath, 'utf8'));
  } catch {
    return undefined;
  }
  const pr = (payload as { pull_request?: unknown } | null)?.pull_request as
    | { number?: unknown; base?: { sha?: unknown }; head?: { sha?: unknown } }
    | undefined;
  const number = pr?.number;
  const baseSha = pr?.base?.sha;
  if (typeof number !== 'number' || typeof baseSha !== 'string' || !SHA.test(baseSha)) return undefined;
  const headSha = pr?.head?.sha;
  return { number, baseSha, ...(typeof headSha === 'string' ? { headSha } : {}) };
}

/** Runs git without a shell; resolves stdout, rejects on a non-zero exit. */
export type GitRunner = (args: string[], cwd: string) => Promise<string>;

export const runGit: GitRunner = async (args, cwd) => {
  const { stdout } = await execFileAsync('git', args, { cwd, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' });
  return stdout;
};

export interface BaseReadDeps {
  /** The checkout (GITHUB_WORKSPACE); plan paths are relative to it. */
  workspace: string;
  git?: GitRunner;
  /** For the contents API fallback; absent = git only. */
  octokit?: Octokit;
  owner?: string;
  repo?: string;
}

export type BasePlan =
  /** `text` undefined: the file does not exist at the base (the PR adds the plan). */
  | { source: 'git' | 'api'; text: string | undefined }
  /** Neither git nor the API could tell; `reason` says why. */
  | { source: 'unavailable'; reason: string };

/** Whether the checkout holds `sha` (a shallow clone of the PR merge commit does not). */
export async function hasCommit(
  sha: string,
  deps: Pick<BaseReadDeps, 'workspace' | 'git'>,
): Promise<boolean> {
  const git = deps.git ?? runGit;
  try {
    await git(['cat-file', '-e', `${sha}^{commit}`], deps.workspace);
    return true;
  } catch {
    return false;
  }
}

function toRepoPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** A base version that is not read: it leads out of the workspace, or into `.git`. */
class RefusedPath extends Error {}

/** Symbolic links followed in a row at the base, each of them inside the workspace. */
const MAX_LINK_HOPS = 8;

/** Mode, type and object of one tree entry at `sha`, without following it; undefined when absent. */
async function treeEntry(
  git: GitRunner,
  sha: string,
  path: string,
  cwd: string,
): Promise<{ mode: string; type: string; oid: string } | undefined> {
  // `./<path>` is relative to cwd, so a workspace below the repository root still works; literal
  // pathspecs, so a plan named `:(glob)*` is just a name.
  const out = await git(['--literal-pathspecs', 'ls-tree', '-z', sha, '--', `./${path}`], cwd);
  const match = /^(\d{6}) (\w+) ([0-9a-f]+)\t/.exec(out);
  return match ? { mode: match[1]!, type: match[2]!, oid: match[3]! } : undefined;
}

/**
 * The file at `path` in the base tree. A symbolic link there is resolved inside the tree, never on
 * disk, and refused when it leads out of the workspace or into `.git` (as the head side is).
 */
async function fromGit(path: string, sha: string, deps: BaseReadDeps): Promise<string | undefined> {
  const git = deps.git ?? runGit;
  let current = toRepoPath(path);
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
    const entry = await treeEntry(git, sha, current, deps.workspace);
    if (!entry) return undefined;
    if (entry.type === 'blob' && entry.mode !== '120000') {
      return git(['cat-file', 'blob', entry.oid], deps.workspace);
    }
    if (entry.mode !== '120000') throw new Error(`${path} is not a file at ${sha}`);
    const target = await git(['cat-file', 'blob', entry.oid], deps.workspace);
    const next = posix.isAbsolute(target) ? target : posix.join(posix.dirname(current), target);
    const refusal = refusalOfTreePath(next);
    if (refusal) {
      const why = refusalMessage(refusal === 'outside' ? 'link-outside' : refusal);
      throw new RefusedPath(`${path} at the base ${why}`);
    }
    current = posix.normalize(next);
  }
  throw new RefusedPath(`${path} at the base goes through more than ${MAX_LINK_HOPS} symbolic links`);
}

function statusOf(e: unknown): number | undefined {
  const status = (e as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

async function fromApi(
  path: string,
  sha: string,
  deps: Required<Pick<BaseReadDeps, 'octokit' | 'owner' | 'repo'>>,
) {
  try {
    const { data } = await deps.octokit.rest.repos.getContent({
      owner: deps.owner,
      repo: deps.repo,
      path: toRepoPath(path),
      ref: sha,
    });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) {
      throw new Error(`${path} is not a file at ${sha}`);
    }
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (e) {
    if (statusOf(e) === 404) return undefined;
    throw e;
  }
}

/**
 * The plan at `baseSha`: git first, then the contents API. Never throws. A path outside the workspace,
 * or a link at the base that leads out of it, is not read at all.
 */
export async function readBasePlan(path: string, baseSha: string, deps: BaseReadDeps): Promise<BasePlan> {
  const refusal = refusalOfTreePath(toRepoPath(path));
  if (refusal) return { source: 'unavailable', reason: `${path} ${refusalMessage(refusal)}` };
  let gitReason = 'the checkout does not have the base commit';
  if (await hasCommit(baseSha, deps)) {
    try {
      return { source: 'git', text: await fromGit(path, baseSha, deps) };
    } catch (e) {
      if (e instanceof RefusedPath) return { source: 'unavailable', reason: e.message };
      gitReason = `git failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
    }
  }
  if (!deps.octokit || !deps.owner || !deps.repo) {
    return { source: 'unavailable', reason: `${gitReason}, and no GitHub token to read it through the API` };
  }
  try {
    const { octokit, owner, repo } = deps;
    return { source: 'api', text: await fromApi(path, baseSha, { octokit, owner, repo }) };
  } catch (e) {
    return {
      source: 'unavailable',
      reason: `${gitReason}, and the contents API failed: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

/**
 * Plan files at the base that a glob would match, to notice plans the PR deletes. Git only: the
 * contents API has no recursive listing at a ref, so without the base commit deletions go unseen.
 */
export async function listBaseFiles(
  baseSha: string,
  matches: (path: string) => boolean,
  deps: Pick<BaseReadDeps, 'workspace' | 'git'>,
): Promise<string[] | undefined> {
  if (!(await hasCommit(baseSha, deps))) return undefined;
  const git = deps.git ?? runGit;
  try {
    // --full-name off: paths come relative to the workspace, as plan paths are.
    const out = await git(['ls-tree', '-r', '--name-only', baseSha, '--', '.'], deps.workspace);
    return out.split('\n').filter((p) => p !== '' && matches(p));
  } catch {
    return undefined;
  }
}
