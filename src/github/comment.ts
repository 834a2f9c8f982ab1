/**
 * One sticky comment per pull request and key: a hidden marker on the first line finds the comment
 * this action wrote last time, so a new push updates it instead of adding another. Only a comment
 * written by the token's own identity counts: anyone can post the marker, and updating their comment
 * would fail (403) on every later run. Octokit comes in as a parameter; nothing here reads inputs or
 * context.
 */
import type { getOctokit } from '@actions/github';
import { errorMessage } from '../errors.js';
import { boundedPages } from '../paginate.js';

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

/**
 * The pull request's comments with their authors and minimised state, and who the token is. GraphQL,
 * because REST has neither: `GET /user` is refused to installation tokens (GITHUB_TOKEN included),
 * while `viewer` names any token's identity.
 */
const COMMENTS_QUERY = `query($owner: String!, $repo: String!, $number: Int!, $after: String) {
  viewer { login }
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      comments(first: 100, after: $after) {
        nodes { databaseId body isMinimized author { login } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;

interface CommentsPage {
  viewer: { login: string };
  repository: {
    pullRequest: {
      comments: {
        nodes: ({
          databaseId: number | null;
          body: string;
          isMinimized: boolean;
          author: { login: string } | null;
        } | null)[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    } | null;
  } | null;
}

/** 5,000 comments: far more than a pull-request conversation holds. */
export const MAX_COMMENT_PAGES = 50;

const nextCursor = (page: CommentsPage) => {
  const info = page.repository?.pullRequest?.comments.pageInfo;
  return info?.hasNextPage ? info.endCursor : undefined;
};

async function* commentPages(octokit: Octokit, target: StickyCommentTarget): AsyncGenerator<CommentsPage> {
  let after: string | null | undefined = null;
  do {
    const page: CommentsPage = await octokit.graphql<CommentsPage>(COMMENTS_QUERY, {
      owner: target.owner,
      repo: target.repo,
      number: target.issueNumber,
      after,
    });
    yield page;
    after = nextCursor(page);
  } while (after);
}

/** A bot's login reads `name[bot]` as the viewer and `name` as a comment's author. */
function sameLogin(a: string, b: string): boolean {
  const bare = (login: string) => login.replace(/\[bot\]$/, '');
  return bare(a) === bare(b);
}

/**
 * The comment this action wrote for `key`, if any: the marker first in the body (a reply quoting our
 * comment carries it after "> "), written by the token's own identity, and not minimised (hidden as
 * outdated or abuse). All pages are searched.
 */
export async function findStickyComment(
  octokit: Octokit,
  target: StickyCommentTarget,
): Promise<{ id: number; body: string } | undefined> {
  const marker = stickyMarker(target.key);
  const pages = boundedPages(commentPages(octokit, target), {
    operation: `GitHub comments of ${target.owner}/${target.repo}#${target.issueNumber}`,
    maxPages: MAX_COMMENT_PAGES,
    nextToken: nextCursor,
  });
  for await (const page of pages) {
    const me = page.viewer.login;
    const found = page.repository?.pullRequest?.comments.nodes.find(
      (c) =>
        c?.databaseId != null &&
        !c.isMinimized &&
        c.author !== null &&
        sameLogin(c.author.login, me) &&
        c.body.startsWith(marker),
    );
    if (found?.databaseId != null) return { id: found.databaseId, body: found.body };
  }
  return undefined;
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
