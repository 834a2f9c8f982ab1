/**
 * The version of a plan on the pull request's base: from git when the checkout has the base commit
 * (the usual `fetch-depth: 0`), else from the GitHub contents API at the base SHA.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Octokit } from '../github/comment.js';

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

async function fromGit(path: string, sha: string, deps: BaseReadDeps): Promise<string | undefined> {
  const git = deps.git ?? runGit;
  // `<sha>:./<path>` is relative to cwd, so a workspace below the repository root still works.
  const spec = `${sha}:./${toRepoPath(path)}`;
  try {
    await git(['cat-file', '-e', spec], deps.workspace);
  } catch {
    return undefined;
  }
  return git(['show', spec], deps.workspace);
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

/** The plan at `baseSha`: git first, then the contents API. Never throws. */
export async function readBasePlan(path: string, baseSha: string, deps: BaseReadDeps): Promise<BasePlan> {
  let gitReason = 'the checkout does not have the base commit';
  if (await hasCommit(baseSha, deps)) {
    try {
      return { source: 'git', text: await fromGit(path, baseSha, deps) };
    } catch (e) {
      gitReason = `git show failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
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
