import { systemClock } from '../engine/types.js';
import { errorMessage, UserError } from '../errors.js';
import { loadGetOctokit } from '../github/client.js';
import { isCommentPermissionError, type Octokit, upsertStickyComment } from '../github/comment.js';
import { boundGitHubRequests } from '../github/requests.js';
import type { ActionInputs } from '../inputs.js';
import type { ActionIO } from '../io.js';
import type { FailOn } from '../modes.js';
import { expandPlanPaths, loadPlanFile } from '../plan/load.js';
import type { Diagnostic, Plan } from '../plan/types.js';
import { annotateDiagnostics } from '../report/annotations.js';
import { DEFAULT_SUMMARY_MAX_BYTES, summaryBudget } from '../report/budget.js';
import { renderValidationSummary } from '../report/markdown.js';
import { type PullRequestInfo, readPullRequestEvent } from '../review/base.js';
import {
  type PlanReview,
  type ReviewContext,
  renderReviewComment,
  reviewFails,
  reviewTotals,
} from '../review/comment-md.js';
import type { ReadinessDeps } from '../review/readiness.js';
import { type RunEnvironment, runUrlOf } from '../run-env.js';

export interface PlanCheck {
  file: string;
  plan?: Plan;
  diagnostics: Diagnostic[];
}

export interface ValidateOutcome {
  checks: PlanCheck[];
  errors: number;
  warnings: number;
  /** Problems the live readiness check found (0 when it did not run). */
  readinessProblems: number;
  /** Set when the step must fail, with the message for core.setFailed. */
  failure?: string;
}

/** The outside world validate mode may use; everything has a default so callers can omit it. */
export interface ValidateDeps extends ReadinessDeps {
  /** Builds the client for PR comments and the contents API from the github-token input. */
  octokit?: (token: string) => Octokit;
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

function defaultDeps(deps: Partial<ValidateDeps>): ValidateDeps {
  return {
    env: deps.env ?? process.env,
    clock: deps.clock ?? systemClock,
    getIdToken:
      deps.getIdToken ??
      (() => Promise.reject(new UserError('No GitHub OIDC token available to assume role-to-assume.'))),
    ...(deps.octokit ? { octokit: deps.octokit } : {}),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Loads and checks every plan the `plan` input names (a path or a glob), offline. */
export async function checkPlans(pattern: string, workspace: string): Promise<PlanCheck[]> {
  const paths = await expandPlanPaths(pattern, workspace);
  return Promise.all(paths.map((path) => loadPlanFile(path, { cwd: workspace })));
}

/**
 * `mode: validate`: annotations at each line and a summary of every plan. On a pull request, also the
 * review: semantic diff against the base, live readiness when credentials exist, one sticky comment.
 */
export async function runValidate(
  io: ActionIO,
  inputs: ActionInputs,
  run: RunEnvironment,
  partialDeps: Partial<ValidateDeps> = {},
): Promise<ValidateOutcome> {
  const checks = await checkPlans(inputs.plan, run.workspace);
  const diagnostics = checks.flatMap((c) => c.diagnostics);
  annotateDiagnostics(io, diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  io.info(
    `Checked ${plural(checks.length, 'plan file')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`,
  );
  const pr = PR_EVENTS.has(run.eventName ?? '') ? await readPullRequestEvent(run.eventPath) : undefined;
  if (!pr) {
    await io.writeSummary(renderValidationSummary(checks));
    const failure = errors > 0 ? `The recovery plan has ${plural(errors, 'error')}.` : undefined;
    return { checks, errors, warnings, readinessProblems: 0, ...(failure ? { failure } : {}) };
  }
  return reviewMode(io, inputs, run, pr, checks, defaultDeps(partialDeps));
}

async function reviewMode(
  io: ActionIO,
  inputs: ActionInputs,
  run: RunEnvironment,
  pr: PullRequestInfo,
  checks: PlanCheck[],
  deps: ValidateDeps,
): Promise<ValidateOutcome> {
  // The review's GitHub and AWS clients load only for pull requests: plain validation starts faster.
  const makeOctokit = deps.octokit ?? (await loadGetOctokit());
  // Every GitHub request of the review (comments, base versions of plans) has a time limit.
  const octokit = inputs.githubToken ? boundGitHubRequests(makeOctokit(inputs.githubToken)) : undefined;
  const { reviewPullRequest } = await import('../review/run.js');
  const reviews = await reviewPullRequest(io, inputs, pr, checks, {
    ...deps,
    workspace: run.workspace,
    repository: run.repository,
    octokit,
  });
  // Readiness problems fail the review only when fail-on says so; plan errors always do.
  const failOn: FailOn = inputs.failOn.includes('readiness') ? 'readiness' : 'errors';
  const context = { failOn, headSha: pr.headSha ?? run.sha, runUrl: runUrlOf(run) };
  const body = renderReviewComment(reviews, context);
  const posted = await postComment(io, octokit, run, pr, inputs.plan, body);
  await io.writeSummary(reviewSummary(reviews, checks, context, posted));

  const totals = reviewTotals(reviews);
  const failures: string[] = [];
  if (totals.errors > 0) failures.push(plural(totals.errors, 'error'));
  if (failOn === 'readiness' && totals.readinessProblems > 0) {
    failures.push(plural(totals.readinessProblems, 'readiness problem'));
  }
  const failure = reviewFails(totals, failOn)
    ? `The recovery plan review found ${failures.join(' and ')}; see the pull-request comment or the job summary.`
    : undefined;
  return {
    checks,
    errors: totals.errors,
    warnings: totals.warnings,
    readinessProblems: totals.readinessProblems,
    ...(failure ? { failure } : {}),
  };
}

/**
 * The job summary of a review: the review (more of it than the comment holds, when it is long) and the
 * validation summary, sharing the summary's one byte budget. It always carries the review; when the
 * comment failed it is the only place.
 */
export function reviewSummary(
  reviews: PlanReview[],
  checks: PlanCheck[],
  context: ReviewContext,
  posted: boolean,
): string {
  const note = posted ? '' : '> The pull-request comment could not be written; this summary carries it.\n\n';
  const review = `${note}${renderReviewComment(reviews, { ...context, budget: summaryBudget(DEFAULT_SUMMARY_MAX_BYTES / 2) })}`;
  const rest = DEFAULT_SUMMARY_MAX_BYTES - Buffer.byteLength(review, 'utf8');
  return `${review}\n${renderValidationSummary(checks, { maxBytes: rest, headline: false })}`;
}

/** One sticky comment per plan set; a refusal is a warning, never a failed step. */
async function postComment(
  io: ActionIO,
  octokit: Octokit | undefined,
  run: RunEnvironment,
  pr: PullRequestInfo,
  planInput: string,
  body: string,
): Promise<boolean> {
  const [owner, repo] = (run.repository ?? '').split('/');
  if (!octokit || !owner || !repo) {
    io.warning(
      'No github-token (or no GITHUB_REPOSITORY): the review is in the job summary only, not commented on the pull request.',
    );
    return false;
  }
  try {
    const result = await upsertStickyComment(octokit, {
      owner,
      repo,
      issueNumber: pr.number,
      key: `plan-review:${planInput}`,
      body,
    });
    io.info(
      `${result.action === 'created' ? 'Commented' : 'Updated the comment'} on pull request #${pr.number}.`,
    );
    return true;
  } catch (e) {
    const why = isCommentPermissionError(e)
      ? `${errorMessage(e)}. The review is in the job summary instead.`
      : `Could not comment on pull request #${pr.number}: ${errorMessage(e)}. The review is in the job summary instead.`;
    io.warning(why);
    return false;
  }
}
