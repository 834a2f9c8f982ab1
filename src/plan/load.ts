import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { normalisePlan, type RawPlan } from './normalise.js';
import { parsePlanYaml, toPlain } from './parse.js';
import { cutText, MAX_MESSAGE_CHARS } from './quote.js';
import { validateAgainstSchema } from './schema.js';
import { checkSemantics } from './semantic.js';
import type { Diagnostic, Plan } from './types.js';
import { confinedRealPath, refusalMessage } from './workspace.js';

export { parseDuration } from '../core/durations.js';
export { expandPlanPaths } from './glob.js';

export interface PlanLoadResult {
  file: string;
  /** Present only when there is no error (warnings allowed). */
  plan?: Plan;
  diagnostics: Diagnostic[];
}

/** Plans are hand-written; anything larger is a mistake or an attack, refused before parsing. */
export const MAX_PLAN_BYTES = 1024 * 1024;

function fileError(file: string, message: string): PlanLoadResult {
  return { file, diagnostics: [{ file, line: 1, col: 1, severity: 'error', path: '', message }] };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.col - b.col;
}

function tooLarge(bytes: number): string {
  return `the plan file is ${(bytes / 1024 / 1024).toFixed(1)} MiB; plans are limited to 1 MiB`;
}

function check(text: string, file: string, sha256: string): PlanLoadResult {
  try {
    const result = checkUnguarded(text, file, sha256);
    // Whatever a message quotes, it stays short (see quote.ts).
    for (const d of result.diagnostics) d.message = cutText(d.message, MAX_MESSAGE_CHARS);
    return result;
  } catch (e) {
    // Last line of defence for the promise that bad content never throws (e.g. stack exhaustion).
    return fileError(file, `cannot process the plan: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function checkUnguarded(text: string, file: string, sha256: string): PlanLoadResult {
  const parsed = parsePlanYaml(text, file);
  if (!parsed.root) return { file, diagnostics: parsed.diagnostics.sort(byPosition) };
  const root = parsed.root;
  const diagnostics = [...validateAgainstSchema(root, file), ...checkSemantics(root, file)].sort(byPosition);
  if (diagnostics.some((d) => d.severity === 'error')) return { file, diagnostics };
  const plan = normalisePlan(toPlain(root) as RawPlan, root, file, sha256);
  return { file, plan, diagnostics };
}

/** Validates and normalises plan text. Never throws for bad content: problems are diagnostics. */
export function loadPlanText(text: string, file: string): PlanLoadResult {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_PLAN_BYTES) return fileError(file, tooLarge(bytes));
  return check(text, file, createHash('sha256').update(text, 'utf8').digest('hex'));
}

/** The path people see in messages: relative to cwd when inside it, with forward slashes. */
export function displayPath(path: string, cwd: string): string {
  const abs = resolve(cwd, path);
  const rel = relative(cwd, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return path.split(sep).join('/');
  return rel.split(sep).join('/');
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot read the file: permission denied';
  if (code === 'EISDIR') return 'is a directory, not a plan file';
  return `cannot read the file (${code ?? (e instanceof Error ? e.message : String(e))})`;
}

/**
 * Reads, validates and normalises a plan file. A missing, unreadable, oversized or non-UTF-8 file
 * is a diagnostic at line 1, column 1, like any other problem with the plan. So is a path outside
 * `cwd` (the workspace), or a symbolic link leading out of it or into `.git`: such a file is not read.
 */
export async function loadPlanFile(path: string, opts: { cwd?: string } = {}): Promise<PlanLoadResult> {
  const cwd = opts.cwd ?? process.cwd();
  const file = displayPath(path, cwd);
  let bytes: Buffer;
  try {
    const confined = await confinedRealPath(path, cwd);
    if ('refused' in confined) return fileError(file, refusalMessage(confined.refused));
    const info = await stat(confined.real);
    if (info.isDirectory()) return fileError(file, 'is a directory, not a plan file');
    if (info.size > MAX_PLAN_BYTES) return fileError(file, tooLarge(info.size));
    bytes = await readFile(confined.real);
  } catch (e) {
    return fileError(file, reason(e));
  }
  // The size can change between stat and read; the limit holds either way.
  if (bytes.length > MAX_PLAN_BYTES) return fileError(file, tooLarge(bytes.length));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fileError(file, 'the plan file is not valid UTF-8 text');
  }
  return check(text, file, createHash('sha256').update(bytes).digest('hex'));
}
