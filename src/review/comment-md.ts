/**
 * The pull-request comment of a plan review (also written to the job summary): a verdict first,
 * then per plan its diagnostics, what changes for a recovery, and the live readiness. Written so a
 * reviewer can decide from it alone.
 */

import { escapeCell } from '../core/escape.js';
import type { FailOn } from '../modes.js';
import { type PlanDiff, renderPlanDiff } from '../plan/diff.js';
import type { Diagnostic, Plan } from '../plan/types.js';
import { type Budget, commentBudget, fitSections, fixed, type Section } from '../report/budget.js';
import { table } from '../report/sections.js';
import type { BasePlan } from './base.js';
import type { Readiness } from './readiness.js';
import { type ReadinessPart, readinessProblemCount, readinessSections } from './readiness-md.js';

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
  /** How long the text may be; default GitHub's comment limit less room for the marker. */
  budget?: Budget;
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

function diagnosticsSection(diagnostics: Diagnostic[], limit: number): string {
  if (diagnostics.length === 0) return '**Validation**: ✅ no error or warning.';
  const sorted = [...diagnostics].sort((a, b) => a.line - b.line || a.col - b.col);
  const rows = sorted
    .slice(0, Math.min(limit, MAX_DIAGNOSTIC_ROWS))
    .map((d) => [
      code(`${d.line}:${d.col}`),
      d.severity === 'error' ? '❌ error' : '⚠️ warning',
      escapeCell(d.message),
    ]);
  const hidden = sorted.length - rows.length;
  const more = hidden > 0 ? `*… ${hidden} more in the job summary.*` : '';
  return rows.length === 0
    ? `**Validation**: ${more}`
    : `**Validation**\n\n${table(['Line:col', 'Severity', 'Message'], rows)}${more ? `\n\n${more}` : ''}`;
}

/** The semantic diff, `limit` lines of it. */
function diffSection(review: PlanReview, limit: number): string | undefined {
  if (!review.base) return undefined;
  const source =
    review.base.source === 'git'
      ? ' (base read from git)'
      : review.base.source === 'api'
        ? ' (base read through the GitHub API)'
        : '';
  const lines = review.diff
    ? renderPlanDiff(review.diff).split('\n')
    : [`*${escapeCell(review.diffNote ?? 'not available')}*`];
  const shown = lines.slice(0, limit);
  if (shown.length < lines.length)
    shown.push(`- … and ${lines.length - shown.length} more changes, left out to fit the size limit`);
  return `**What changes for a recovery**${source}\n\n${shown.join('\n')}`;
}

type Kind = ReadinessPart | 'diff' | 'diagnostics';

/** What shrinks first when the comment is too long: per-server detail first, problems last. */
const SHRINK_KINDS: readonly Kind[] = ['servers', 'drift', 'warnings', 'diff', 'diagnostics', 'problems'];

function planSections(review: PlanReview): (Section & { kind?: Kind })[] {
  const name = review.plan ? ` — plan **${escapeCell(review.plan.name)}**` : '';
  const parts: (Section & { kind?: Kind })[] = [fixed(`### ${code(review.file)}${name}`)];
  if (review.diff?.status !== 'deleted') {
    parts.push({
      render: (n) => diagnosticsSection(review.diagnostics, n),
      items: Math.min(review.diagnostics.length, MAX_DIAGNOSTIC_ROWS),
      kind: 'diagnostics',
    });
  }
  if (review.base) {
    const lines = review.diff ? renderPlanDiff(review.diff).split('\n').length : 1;
    parts.push({ render: (n) => diffSection(review, n) ?? '', items: lines, kind: 'diff' });
  }
  if (review.readiness && review.plan) {
    parts.push(fixed('**Readiness**'));
    for (const section of readinessSections(review.readiness, review.plan)) {
      parts.push(section.part ? { ...section, kind: section.part } : section);
    }
  } else if (review.diff?.status !== 'deleted' && !review.plan) {
    parts.push(fixed('**Readiness**: not checked until the plan is valid.'));
  }
  return parts;
}

/**
 * The whole comment body (the sticky marker is added by the comment helper), within GitHub's comment
 * limit: when it is too long, the readiness server tables shrink first, then the launch settings a
 * drill would repair, the warnings, the diffs, the diagnostics and last the problems, each saying
 * what it left out.
 */
export function renderReviewComment(reviews: PlanReview[], ctx: ReviewContext): string {
  const meta = [
    ctx.headSha ? `commit ${code(ctx.headSha.slice(0, 7))}` : '',
    ctx.runUrl ? `[workflow run](${ctx.runUrl})` : '',
    `fail-on: ${code(ctx.failOn)}`,
  ].filter(Boolean);
  const head = [fixed(verdict(reviews, ctx)), fixed(`<sub>${meta.join(' · ')}</sub>`)];
  const sections: (Section & { kind?: Kind })[] = [...head, ...reviews.flatMap(planSections)];
  if (reviews.length === 0) sections.push(fixed('*No plan file matched.*'));
  const order = SHRINK_KINDS.flatMap((kind) => sections.flatMap((s, i) => (s.kind === kind ? [i] : [])));
  return (
    fitSections(sections, order, ctx.budget ?? commentBudget()) ??
    `${verdict(reviews, ctx)}\n\n*The review did not fit within its size limit; see the job summary and log of the workflow run.*\n`
  );
}
