import { expect } from 'vitest';
import type { PlanLoadResult } from '../../../src/plan/load.js';
import type { Diagnostic } from '../../../src/plan/types.js';

/** Plan text from lines, so tests can count lines by eye. */
export function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** The first diagnostic whose message contains `text`, failing with every message when none does. */
export function findDiagnostic(result: PlanLoadResult, text: string): Diagnostic {
  const d = result.diagnostics.find((x) => x.message.includes(text));
  if (!d) {
    const all = result.diagnostics.map((x) => `${x.line}:${x.col} ${x.message}`).join('\n  ');
    expect.fail(`no diagnostic contains ${JSON.stringify(text)}; got:\n  ${all || '(none)'}`);
  }
  return d;
}

/** A wave of literal source server ids, for size tests. */
export function serverId(n: number): string {
  return `s-${n.toString(16).padStart(17, '0')}`;
}
