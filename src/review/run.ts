/**
 * Review orchestration for a pull request: for each plan the PR's head holds (and each one it
 * deletes), the base version, the semantic diff and the live readiness.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Octokit } from '../github/comment.js';
import type { ActionInputs } from '../inputs.js';
import type { ActionIO } from '../io.js';
import { diffPlans } from '../plan/diff.js';
import { globMatcher, isGlob, splitList } from '../plan/glob.js';
import { loadPlanText } from '../plan/load.js';
import type { Diagnostic, Plan } from '../plan/types.js';
import { type BasePlan, type GitRunner, listBaseFiles, type PullRequestInfo, readBasePlan } from './base.js';
import type { PlanReview } from './comment-md.js';
import { checkReadiness, liveCheckCredentials, type ReadinessDeps, SKIPPED_REASON } from './readiness.js';

/** A head-side plan as validate mode loaded it. */
export interface HeadCheck {
  file: string;
  plan?: Plan;
  diagnostics: Diagnostic[];
}

export interface ReviewDeps extends ReadinessDeps {
  workspace: string;
  /** `owner/repo`, for the contents API. */
  repository?: string;
  octokit?: Octokit;
  git?: GitRunner;
}

type ReviewInputs = Pick<ActionInputs, 'plan' | 'region' | 'roleToAssume' | 'roleSessionName'>;

/** The `plan` input split as the loader splits it: newlines or commas outside `{…}`. */
export function planPatterns(input: string): string[] {
  return splitList(input).map((p) => p.replace(/^\.\//, ''));
}

/** Workspace-relative, forward slashes: how both git and the loader name a plan. */
function normalPath(path: string, workspace: string): string {
  const rel = relative(workspace, resolve(workspace, path));
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel.split(sep).join('/');
}

function baseNote(base: Extract<BasePlan, { source: 'unavailable' }>): string {
  return `Base version not available: ${base.reason}.`;
}

/** Loads the base text and compares it with the head; the head may be undefined (deleted plan). */
function compare(file: string, base: BasePlan, head: Plan | undefined, headValid: boolean) {
  if (base.source === 'unavailable') return { diffNote: baseNote(base) };
  if (!headValid) return { diffNote: 'Fix the errors above to see what changes for a recovery.' };
  if (base.text === undefined) return { diff: diffPlans(undefined, head) };
  const loaded = loadPlanText(base.text, file);
  if (!loaded.plan) {
    const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
    if (!head) return { diffNote: 'Plan deleted (its base version did not validate either).' };
    return {
      diffNote: `The base version does not validate (${errors} error${errors === 1 ? '' : 's'}), so there is nothing to compare with; the plan is reviewed as new.`,
      diff: diffPlans(undefined, head),
    };
  }
  return { diff: diffPlans(loaded.plan, head) };
}

export async function reviewPullRequest(
  io: ActionIO,
  inputs: ReviewInputs,
  pr: PullRequestInfo,
  checks: HeadCheck[],
  deps: ReviewDeps,
): Promise<PlanReview[]> {
  const [owner, repo] = (deps.repository ?? '').split('/');
  const baseDeps = { workspace: deps.workspace, git: deps.git, octokit: deps.octokit, owner, repo };
  const credentials = liveCheckCredentials(inputs, deps.env);
  const reviews: PlanReview[] = [];
  for (const check of checks) {
    const base = await readBasePlan(normalPath(check.file, deps.workspace), pr.baseSha, baseDeps);
    const headValid = !!check.plan && !check.diagnostics.some((d) => d.severity === 'error');
    const review: PlanReview = { ...check, base, ...compare(check.file, base, check.plan, headValid) };
    if (check.plan && headValid) {
      review.readiness = credentials
        ? await io.group(`Readiness of ${check.file}`, () =>
            checkReadiness(io, check.plan as Plan, inputs, deps),
          )
        : { status: 'skipped', reason: SKIPPED_REASON };
    }
    reviews.push(review);
  }
  reviews.push(...(await deletedPlans(inputs.plan, checks, pr, deps, baseDeps)));
  return reviews;
}

/** Plans a glob matched at the base but not at the head: the PR deletes them. */
async function deletedPlans(
  input: string,
  checks: HeadCheck[],
  pr: PullRequestInfo,
  deps: ReviewDeps,
  baseDeps: Parameters<typeof readBasePlan>[2],
): Promise<PlanReview[]> {
  const globs = planPatterns(input)
    .filter(isGlob)
    .map((g) => globMatcher(g));
  if (globs.length === 0) return [];
  const files = await listBaseFiles(pr.baseSha, (p) => globs.some((matches) => matches(p)), {
    workspace: deps.workspace,
    git: deps.git,
  });
  const present = new Set(checks.map((c) => normalPath(c.file, deps.workspace)));
  const out: PlanReview[] = [];
  for (const file of files ?? []) {
    if (present.has(file)) continue;
    const base = await readBasePlan(file, pr.baseSha, baseDeps);
    const { diff, diffNote } = compare(file, base, undefined, true);
    out.push({
      file,
      diagnostics: [],
      base,
      diff: diff ?? { ...diffPlans(undefined, undefined), status: 'deleted' },
      ...(diffNote ? { diffNote } : {}),
    });
  }
  return out;
}
