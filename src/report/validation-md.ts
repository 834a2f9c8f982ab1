import { formatTargetDuration } from '../core/durations.js';
import { escapeCell } from '../core/escape.js';
import { drillOverrideText } from '../plan/drill.js';
import type { Diagnostic, Plan, Selector, ServerSpec, Wave } from '../plan/types.js';
import { fitSections, fixed, summaryBudget } from './budget.js';
import { table } from './sections.js';

function hiddenNote(hidden: number): string {
  return hidden > 0
    ? `\n\n*… ${hidden} more diagnostics not shown; run the validation locally to see them all.*`
    : '';
}

export interface ValidationResult {
  file: string;
  plan?: Plan;
  diagnostics: Diagnostic[];
}

/** Annotations stop at about ten; the summary lists every diagnostic up to this many rows. */
const MAX_DIAGNOSTIC_ROWS = 2000;
const MAX_SELECTOR_ROWS_PER_WAVE = 200;

/**
 * The job summary of `mode: validate`: verdict, every diagnostic, and an overview of each valid plan.
 * Over `maxBytes`, the plan overviews shrink first, then the diagnostic rows, each with a note.
 */
export function renderValidationSummary(
  results: ValidationResult[],
  opts: { maxBytes?: number; headline?: boolean } = {},
): string {
  const diagnostics = results.flatMap((r) => r.diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const valid = results.flatMap((r) =>
    r.plan && !r.diagnostics.some((d) => d.severity === 'error') ? [r.plan] : [],
  );
  // Under a review's headline (the pull-request summary), the verdict would be a second one.
  const sections = [
    fixed(opts.headline === false ? '' : verdict(results, errors, warnings)),
    {
      render: (n: number) => (diagnostics.length > 0 ? diagnosticsTable(diagnostics, n) : ''),
      items: Math.min(diagnostics.length, MAX_DIAGNOSTIC_ROWS),
    },
    { render: (n: number) => overviews(valid, n), items: valid.length },
  ];
  const budget = summaryBudget(opts.maxBytes);
  return fitSections(sections, [2, 1], budget) ?? `${sections[0]?.render(0) ?? ''}\n`;
}

function overviews(plans: Plan[], limit: number): string {
  const shown = plans.slice(0, limit).map(planOverview);
  const hidden = plans.length - shown.length;
  if (hidden > 0)
    shown.push(
      `*${hidden} more plan overview${hidden === 1 ? '' : 's'} left out to keep the summary under its size limit.*`,
    );
  return shown.join('\n\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function verdict(results: ValidationResult[], errors: number, warnings: number): string {
  const what =
    results.length === 1 ? `<code>${escapeCell(results[0]?.file)}</code>` : plural(results.length, 'plan');
  if (results.length === 0) return '## ⚠️ No plan was validated';
  if (errors > 0) {
    return `## ❌ Plan validation failed — ${what}\n\n${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
  }
  const tail = warnings > 0 ? ` with ${plural(warnings, 'warning')}` : '';
  return `## ✅ Plan valid — ${what}${tail}`;
}

function diagnosticsTable(diagnostics: Diagnostic[], maxRows: number): string {
  const sorted = [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.col - b.col ||
      a.severity.localeCompare(b.severity),
  );
  const shown = sorted.slice(0, Math.min(maxRows, MAX_DIAGNOSTIC_ROWS));
  const rows = shown.map((d) => [
    `<code>${escapeCell(`${d.file}:${d.line}:${d.col}`)}</code>`,
    d.severity === 'error' ? '❌ error' : '⚠️ warning',
    escapeCell(d.message),
  ]);
  return `### Diagnostics\n\n${table(['Where', 'Severity', 'Message'], rows)}${hiddenNote(sorted.length - shown.length)}`;
}

export function describeSelector(selector: Selector): string {
  switch (selector.kind) {
    case 'id':
      return `id <code>${escapeCell(selector.sourceServerId)}</code>`;
    case 'hostname':
      return `hostname <code>${escapeCell(selector.hostname)}</code>`;
    case 'tags':
      return `tags ${Object.entries(selector.tags)
        .map(([k, v]) => `<code>${escapeCell(k)}=${escapeCell(v)}</code>`)
        .join(', ')}`;
  }
}

function describeServer(spec: ServerSpec): string {
  const flags = [spec.critical ? 'critical' : 'non-critical'];
  if (spec.snapshot) flags.push(`snapshot <code>${escapeCell(spec.snapshot)}</code>`);
  const drill = drillOverrideText(spec.drill);
  if (drill) flags.push(`drill: ${escapeCell(drill)}`);
  return `${describeSelector(spec.selector)} (${flags.join(', ')})`;
}

function describeWave(wave: Wave): string[] {
  const shown = wave.servers.slice(0, MAX_SELECTOR_ROWS_PER_WAVE);
  const hidden = wave.servers.length - shown.length;
  const servers = shown.map(describeServer).join('<br>') + (hidden > 0 ? `<br>… ${hidden} more` : '');
  return [
    escapeCell(wave.name),
    wave.dependsOn.length > 0 ? wave.dependsOn.map(escapeCell).join(', ') : '— (starts at once)',
    formatTargetDuration(wave.timeoutSeconds),
    wave.waitAfterSeconds > 0 ? formatTargetDuration(wave.waitAfterSeconds) : '—',
    servers || '—',
  ];
}

function planOverview(plan: Plan): string {
  const objectives = [
    `RTO ${plan.objectives.rtoSeconds === undefined ? 'not set' : formatTargetDuration(plan.objectives.rtoSeconds)}`,
    `RPO ${plan.objectives.rpoSeconds === undefined ? 'not set' : formatTargetDuration(plan.objectives.rpoSeconds)}`,
  ].join(' · ');
  const header = [
    `### Plan ${escapeCell(plan.name)} (<code>${escapeCell(plan.file)}</code>)`,
    plan.description ? escapeCell(plan.description) : '',
    `${objectives} · on failure: ${escapeCell(plan.onFailure)}${plan.region ? ` · region ${escapeCell(plan.region)}` : ''}${plan.accountId ? ` · account ${escapeCell(plan.accountId)}` : ''}`,
  ].filter(Boolean);
  const waves = table(
    ['Wave', 'Depends on', 'Timeout', 'Wait after', 'Servers'],
    plan.waves.map(describeWave),
  );
  return [...header, waves].join('\n\n');
}
