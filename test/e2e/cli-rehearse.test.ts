/**
 * `drs-drill rehearse` as an installed user runs it: bin/drs-drill.js's two lines over the bundle under
 * test, with no tsx and no emulator/ sources. The shim and the build are copied into a directory of
 * their own (bin/ next to dist/, as in the installed package), so the emulator chunk, its DRS model
 * and the action's dist/index.js can only come from the build.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, REPO_ROOT } from './harness.js';

let pkg: string;
let plans: string;

beforeAll(async () => {
  pkg = await mkdtemp(join(tmpdir(), 'drs-drill-pkg-'));
  await mkdir(join(pkg, 'bin'));
  await cp(join(REPO_ROOT, 'bin', 'drs-drill.js'), join(pkg, 'bin', 'drs-drill.js'));
  await cp(DIST, join(pkg, 'dist'), { recursive: true });
  await writeFile(join(pkg, 'package.json'), '{"type":"module"}\n');
  // The user's own repository: the plan is theirs, outside the package.
  plans = await mkdtemp(join(tmpdir(), 'drs-drill-user-'));
  await mkdir(join(plans, 'drs-plans'));
  const demo = await readFile(join(REPO_ROOT, 'examples', 'plans', 'demo.yaml'), 'utf8');
  await writeFile(join(plans, 'drs-plans', 'demo.yaml'), demo);
});

afterAll(async () => {
  await rm(pkg, { recursive: true, force: true });
  await rm(plans, { recursive: true, force: true });
});

async function drsDrill(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // Only what a user's shell has: no DRS_TEST_DIST, no DRS_MODEL_PATH, no AWS set-up.
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir() };
  try {
    const run = promisify(execFile)(process.execPath, [join(pkg, 'bin', 'drs-drill.js'), ...args], {
      cwd: plans,
      env,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 110_000,
    });
    const { stdout, stderr } = await run;
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

describe('drs-drill rehearse (bundled CLI)', () => {
  it('--help lists rehearse', async () => {
    const help = await drsDrill('--help');
    expect(help.stdout).toMatch(/\n {2}rehearse {2,}rehearse a drill of the plan offline/);
  });

  it('rehearses the user plan against the in-process emulator: exit 0, summary printed', async () => {
    const run = await drsDrill('rehearse', 'drs-plans/demo.yaml');
    expect(run.code, run.stdout.slice(-3000) + run.stderr.slice(-2000)).toBe(0);
    expect(run.stdout).toMatch(/against the local AWS emulator on http:\/\/127\.0\.0\.1:\d+ /);
    expect(run.stdout).toContain('================ job summary ================');
    expect(run.stdout).toMatch(/## ✅ Drill passed — demo/);
    expect(run.stdout).toContain('status: succeeded');
  }, 120_000);

  it('--fail <server>: the summary shows that server failed and the exit code is 1', async () => {
    const run = await drsDrill('rehearse', 'drs-plans/demo.yaml', '--fail', 'db-02');
    expect(run.code, run.stderr.slice(-2000)).toBe(1);
    expect(run.stdout).toMatch(/## ❌ Drill failed — demo/);
    expect(run.stdout).toContain('Rehearsal: launch failure injected with --fail db-02');
    expect(run.stdout).toContain('status: failed');
  }, 120_000);

  it('a server the estate does not have is a usage error that starts nothing', async () => {
    const run = await drsDrill('rehearse', 'drs-plans/demo.yaml', '--fail', 'no-such-host');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--fail no-such-host: no server of the rehearsal estate');
    expect(run.stdout).not.toContain('Rehearsing');
  });
});
