/**
 * One sticky comment per pull request and key: a hidden marker on the first line finds the comment
 * this action wrote last time, so a new push updates it instead of adding another. Octokit comes in
 * as a parameter; nothing here reads inputs or context.
 */
import type { getOctokit } from '@actions/github';
import { errorMessage } from '../errors.js';

export type Octokit = ReturnType<typeof getOctokit>;

/** GitHub refuses longer comment bodies with 422 "Body is too long". */
export const MAX_COMMENT_CHARS = 65_536;

export const TRUNCATION_NOTE =
  "\n\n---\n**Truncated**: this comment exceeded GitHub's 65,536-character limit. The full report is in the run's artifact and job summary.";

export interface StickyCommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
  /** Tells this comment apart from the action's other sticky comments on the same PR (e.g. the plan name). */
  key: string;
}

export interface StickyCommentResult {
  action: 'created' | 'updated';
  id: number;
}

/**
 * The token cannot write comments: a pull request from a fork gets a read-only GITHUB_TOKEN, or the
 * workflow lacks `pull-requests: write`. Callers turn this into a warning, not a failed run.
 */
export class CommentPermissionError extends Error {
  override readonly name = 'CommentPermissionError';
}

export function isCommentPermissionError(e: unknown): e is CommentPermissionError {
  return e instanceof CommentPermissionError;
}

/** The key ends up inside an HTML comment; anything that could close it early is replaced. */
export function stickyMarker(key: string): string {
  const safe = key.replace(/[^\w.:/@+-]/g, '_') || '_';
  return `<!-- drs-drill:${safe} -->`;
}

/** Cuts `text` to at most `max` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = max > 0 && /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

/** Marker line + body, truncated with a note so the whole stays within GitHub's limit. */
export function composeStickyBody(key: string, body: string, limit = MAX_COMMENT_CHARS): string {
  const head = `${stickyMarker(key)}\n`;
  const full = head + body;
  if (full.length <= limit) return full;
  return head + cut(body, limit - head.length - TRUNCATION_NOTE.length) + TRUNCATION_NOTE;
}

function statusOf(e: unknown): number | undefined {
  const status = (e as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function wrap(e: unknown, what: string, target: StickyCommentTarget): Error {
  const where = `${target.owner}/${target.repo}#${target.issueNumber}`;
  if (statusOf(e) === 403) {
    return new CommentPermissionError(
      `cannot ${what} the comment on ${where} (403 ${errorMessage(e)}): the token is read-only, as on pull requests from forks, or lacks pull-requests: write`,
      { cause: e },
    );
  }
  return new Error(`Could not ${what} the comment on ${where}: ${errorMessage(e)}`, { cause: e });
}

/** The comment this action wrote for `key`, if any (all pages are searched). */
export async function findStickyComment(
  octokit: Octokit,
  target: StickyCommentTarget,
): Promise<{ id: number; body: string } | undefined> {
  const marker = stickyMarker(target.key);
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.issueNumber,
    per_page: 100,
  });
  // startsWith, not includes: a reply quoting our comment carries the marker after "> ".
  const found = comments.find((c) => c.body?.startsWith(marker));
  return found ? { id: found.id, body: found.body ?? '' } : undefined;
}

export async function upsertStickyComment(
  octokit: Octokit,
  options: StickyCommentTarget & { body: string },
): Promise<StickyCommentResult> {
  const { body, ...target } = options;
  const text = composeStickyBody(target.key, body);
  let previous: { id: number } | undefined;
  try {
    previous = await findStickyComment(octokit, target);
  } catch (e) {
    throw wrap(e, 'list', target);
  }
  try {
    if (previous) {
      const { data } = await octokit.rest.issues.updateComment({
        owner: target.owner,
        repo: target.repo,
        comment_id: previous.id,
        body: text,
      });
      return { action: 'updated', id: data.id };
    }
    const { data } = await octokit.rest.issues.createComment({
      owner: target.owner,
      repo: target.repo,
      issue_number: target.issueNumber,
      body: text,
    });
    return { action: 'created', id: data.id };
  } catch (e) {
    throw wrap(e, previous ? 'update' : 'create', target);
  }
}
