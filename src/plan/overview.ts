import { drillOverrideText } from './drill.js';
import type { Diagnostic, Plan, ServerSpec } from './types.js';

/** User text into Markdown/HTML safely: entities for HTML, and the characters tables and code spans use. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\|/g, '&#124;')
    .replace(/`/g, '&#96;')
    .replace(/\r?\n/g, ' ');
}

/** Seconds in the plan's own notation (`1h30m`), so the overview reads like the file. */
function planDuration(total: number): string {
  if (total === 0) return '0s';
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}

function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}

function selectorText(spec: ServerSpec): string {
  const sel = spec.selector;
  let text: string;
  if (sel.kind === 'id') text = `id ${code(sel.sourceServerId)}`;
  else if (sel.kind === 'hostname') text = `hostname ${code(sel.hostname)}`;
  else {
    const pairs = Object.entries(sel.tags).map(([k, v]) => `${k}=${v}`);
    text = `tags ${code(pairs.join(', '))}`;
  }
  const notes = [spec.critical ? 'critical' : 'non-critical'];
  if (spec.snapshot) notes.push(`snapshot ${code(spec.snapshot)}`);
  const drill = drillOverrideText(spec.drill);
  if (drill) notes.push(`drill: ${escapeHtml(drill)}`);
  return `${text} (${notes.join(', ')})`;
}

/** Markdown overview of a plan: its waves, what each depends on, and every server selector. */
export function renderPlanOverview(plan: Plan): string {
  const selectors = plan.waves.reduce((n, w) => n + w.servers.length, 0);
  const lines: string[] = [
    `### Plan ${code(plan.name)}: ${plan.waves.length} wave${plan.waves.length === 1 ? '' : 's'}, ${selectors} server selector${selectors === 1 ? '' : 's'}`,
    '',
  ];
  if (plan.description) lines.push(escapeHtml(plan.description), '');
  const facts: string[] = [];
  if (plan.region) facts.push(`region ${code(plan.region)}`);
  if (plan.accountId) facts.push(`account ${code(plan.accountId)}`);
  if (plan.objectives.rtoSeconds !== undefined)
    facts.push(`RTO target ${planDuration(plan.objectives.rtoSeconds)}`);
  if (plan.objectives.rpoSeconds !== undefined)
    facts.push(`RPO target ${planDuration(plan.objectives.rpoSeconds)}`);
  facts.push(`on failure: ${plan.onFailure}`);
  lines.push(facts.join(' · '), '');
  lines.push('| Wave | Depends on | Timeout | Wait after | Servers |', '|---|---|---|---|---|');
  for (const w of plan.waves) {
    const deps = w.dependsOn.length === 0 ? '(starts at once)' : w.dependsOn.map(escapeHtml).join(', ');
    const servers = w.servers.map(selectorText).join('<br>');
    lines.push(
      `| ${escapeHtml(w.name)} | ${deps} | ${planDuration(w.timeoutSeconds)} | ${planDuration(w.waitAfterSeconds)} | ${servers} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `file:line:col: message`, with `warning: ` before the message of a warning (compiler style). */
export function formatDiagnostic(d: Diagnostic): string {
  const severity = d.severity === 'warning' ? 'warning: ' : '';
  return `${d.file}:${d.line}:${d.col}: ${severity}${d.message}`;
}
