/**
 * End-to-end tests run the bundle the way the runner does. So that they can never pass on a stale
 * dist/, the bundle is built from src/ into a temporary directory once per test run, unless
 * DRS_TEST_DIST already names a build (CI points it at the dist/ it has just proved fresh).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

export default function setup(): () => void {
  if (process.env.DRS_TEST_DIST) return () => {};
  const out = mkdtempSync(join(tmpdir(), 'drs-drill-dist-'));
  execFileSync('bash', [join(ROOT, 'scripts', 'build-to.sh'), out], { cwd: ROOT, stdio: 'ignore' });
  // Forked test workers inherit the environment: harness.ts reads it at import.
  process.env.DRS_TEST_DIST = out;
  return () => rmSync(out, { recursive: true, force: true });
}
