import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ErrorObject } from 'ajv';
import type { Report } from '../core/report.js';
// Generated at build time from schemas/report.schema.json (scripts/gen-validators.ts): no schema
// is compiled at run time.
import validate from './report-validate.generated.cjs';

export const REPORT_JSON_FILE = 'report.json';
export const REPORT_MD_FILE = 'report.md';

/** Problems with a report as `<json pointer>: <message>`; empty when it matches report.schema.json. */
export function validateReport(report: unknown): string[] {
  if (validate(report)) return [];
  return (validate.errors ?? []).map(describeError);
}

function describeError(e: ErrorObject): string {
  const where = e.instancePath === '' ? '(report)' : e.instancePath;
  const params = e.params as Record<string, unknown>;
  const detail =
    e.keyword === 'additionalProperties'
      ? ` "${String(params.additionalProperty)}"`
      : e.keyword === 'enum'
        ? ` (${JSON.stringify(params.allowedValues)})`
        : '';
  return `${where}: ${e.message ?? e.keyword}${detail}`;
}

/**
 * Writes report.json and report.md into `dir` (created if missing). Each file is written to a
 * temporary name and renamed over the target, so a run cancelled mid-write leaves either the old
 * file or the new one, never half of one.
 */
export async function writeReportFiles(
  report: Report,
  dir: string,
  markdown: string,
): Promise<{ jsonPath: string; mdPath: string }> {
  await mkdir(dir, { recursive: true });
  const jsonPath = join(dir, REPORT_JSON_FILE);
  const mdPath = join(dir, REPORT_MD_FILE);
  await writeAtomically(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
  await writeAtomically(mdPath, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  return { jsonPath, mdPath };
}

async function writeAtomically(path: string, content: string): Promise<void> {
  const temp = `${path}.${randomUUID()}.tmp`;
  try {
    await writeFile(temp, content, 'utf8');
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
