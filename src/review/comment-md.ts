/**
 * The pull-request comment of a plan review (also written to the job summary): a verdict first,
 * then per plan its diagnostics, what changes for a recovery, and the live readiness. Written so a
 * reviewer can decide from it alone.
 */

import { escapeCell } from '../core/escape.js';
import type { FailOn } from '../modes.js';
import { type PlanDiff, renderPlanDiff } from '../plan/diff.js';
import type { Diagnostic, Plan } from '../plan/types.js';
import { table } from '../report/sections.js';
import type { BasePlan } from './base.js';
import type { Readiness } from './readiness.js';
import { readinessProblemCount, renderReadiness } from './readiness-md.js';

/** Everything the review learned about one plan file. */
export interface PlanReview {
  file: string;
  /** The head version, when it loaded without error. */
  plan?: Plan;
  /** Diagnostics of the head version (none for a deleted plan). */
  diagnostics: Diagnostic[];
  /** Undefined when the event is not a pull request. */
  base?: BasePlan;
  /** Set when both sides (or the one that exists) could be compared. */
  diff?: PlanDiff;
  /** Why there is no diff, when there is none. */
  diffNote?: string;
  /** Undefined for a deleted or invalid plan. */
  readiness?: Readiness;
}

export interface ReviewTotals {
  errors: number;
  warnings: number;
  readinessProblems: number;
}

export interface ReviewContext {
  failOn: FailOn;
  headSha?: string;
  runUrl?: string;
}

const MAX_DIAGNOSTIC_ROWS = 50;
const code = (v: unknown) => `<code>${escapeCell(v)}</code>`;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function reviewTotals(reviews: PlanReview[]): ReviewTotals {
  const all = reviews.flatMap((r) => r.diagnostics);
  const errors = all.filter((d) => d.severity === 'error').length;
  return {
    errors,
    warnings: all.length - errors,
    readinessProblems: reviews.reduce(
      (n, r) => n + (r.readiness ? readinessProblemCount(r.readiness) : 0),
      0,
    ),
  };
}

/** Whether the step fails: errors always, readiness problems unless `fail-on: errors`. */
export function reviewFails(totals: ReviewTotals, failOn: FailOn): boolean {
  return totals.errors > 0 || (failOn === 'readiness' && totals.readinessProblems > 0);
}

function verdict(reviews: PlanReview[], ctx: ReviewContext): string {
  const t = reviewTotals(reviews);
  const parts: string[] = [];
  if (t.errors > 0) parts.push(`❌ ${plural(t.errors, 'error')}`);
  if (t.readinessProblems > 0) {
    const icon = ctx.failOn === 'readiness' ? '❌' : '⚠️';
    parts.push(`${icon} ${plural(t.readinessProblems, 'readiness problem')}`);
  }
  if (t.warnings > 0) parts.push(`⚠️ ${plural(t.warnings, 'warning')}`);
  const failed = reviewFails(t, ctx.failOn);
  const head = failed ? '❌ Changes needed' : '✅ No blocking problem';
  const tail = parts.length > 0 ? ` — ${parts.join(' · ')}` : '';
  const what = reviews.length === 1 ? '' : ` (${plural(reviews.length, 'plan')})`;
  return `## DRS recovery plan review${what}: ${head}${tail}`;
}

function diagnosticsSection(diagnostics: Diagnostic[]): string {
  if (diagnostics.length === 0) return '**Validation**: ✅ no error or warning.';
  const sorted = [...diagnostics].sort((a, b) => a.line - b.line || a.col - b.col);
  const rows = sorted
    .slice(0, MAX_DIAGNOSTIC_ROWS)
    .map((d) => [
      code(`${d.line}:${d.col}`),
      d.severity === 'error' ? '❌ error' : '⚠️ warning',
      escapeCell(d.message),
    ]);
  const more =
    sorted.length > MAX_DIAGNOSTIC_ROWS
      ? `\n\n*… ${sorted.length - MAX_DIAGNOSTIC_ROWS} more in the job summary.*`
      : '';
  return `**Validation**\n\n${table(['Line:col', 'Severity', 'Message'], rows)}${more}`;
}

function diffSection(review: PlanReview): string | undefined {
  if (!review.base) return undefined;
  const source =
    review.base.source === 'git'
      ? ' (base read from git)'
      : review.base.source === 'api'
        ? ' (base read through the GitHub API)'
        : '';
  const body = review.diff
    ? renderPlanDiff(review.diff)
    : `*${escapeCell(review.diffNote ?? 'not available')}*`;
  return `**What changes for a recovery**${source}\n\n${body}`;
}

function planSection(review: PlanReview): string {
  const name = review.plan ? ` — plan **${escapeCell(review.plan.name)}**` : '';
  const parts = [`### ${code(review.file)}${name}`];
  if (review.diff?.status !== 'deleted') parts.push(diagnosticsSection(review.diagnostics));
  const diff = diffSection(review);
  if (diff) parts.push(diff);
  if (review.readiness && review.plan) {
    parts.push(`**Readiness**\n\n${renderReadiness(review.readiness, review.plan)}`);
  } else if (review.diff?.status !== 'deleted' && !review.plan) {
    parts.push('**Readiness**: not checked until the plan is valid.');
  }
  return parts.join('\n\n');
}

/** The whole comment body (the sticky marker is added by the comment helper). */
export function renderReviewComment(reviews: PlanReview[], ctx: ReviewContext): string {
  const meta = [
    ctx.headSha ? `commit ${code(ctx.headSha.slice(0, 7))}` : '',
    ctx.runUrl ? `[workflow run](${ctx.runUrl})` : '',
    `fail-on: ${code(ctx.failOn)}`,
  ].filter(Boolean);
  const sections = reviews.map(planSection);
  if (reviews.length === 0) sections.push('*No plan file matched.*');
  return `${[verdict(reviews, ctx), `<sub>${meta.join(' · ')}</sub>`, ...sections].join('\n\n')}\n`;
}
