/**
 * Break-glass from a terminal: bin/drs-drill.js (its two lines over the bundle under test) runs a
 * drill, a refused recovery and a cancelled drill against the emulator, with no GitHub environment
 * at all: the standard credential chain (static keys, or --role-to-assume through sts:AssumeRole),
 * the evidence in ./drs-report, the summary printed. Ctrl-C cancels and the drill instances go.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import type { Report } from '../../src/core/report.js';
import { callsOf, cliShim, demoPlanText, demoScenario, SPEED, writesOf } from './harness.js';

let shim: string;
let emulator: Emulator | undefined;

beforeAll(async () => {
  shim = await cliShim();
});

afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  cwd: string;
  report?: Report;
}

interface CliOptions {
  onSpawn?: (c: ChildProcess) => void;
  /** Replaces the static AWS keys (e.g. by AWS_PROFILE and AWS_CONFIG_FILE). */
  credentials?: Record<string, string>;
}

/** drs-drill with only a shell's environment: PATH, HOME, AWS keys and the emulator's endpoint. */
async function drsDrill(em: Emulator, args: string[], opts: CliOptions = {}): Promise<CliRun> {
  const cwd = await mkdtemp(join(tmpdir(), 'drs-break-glass-'));
  await mkdir(join(cwd, 'drs-plans'));
  await writeFile(join(cwd, 'drs-plans', 'demo.yaml'), await demoPlanText());
  const child = spawn(process.execPath, [shim, ...args], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: cwd,
      AWS_ENDPOINT_URL: em.url,
      ...(opts.credentials ?? {
        AWS_ACCESS_KEY_ID: 'AKIDEMULATOR',
        AWS_SECRET_ACCESS_KEY: 'emulator-secret',
      }),
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      DRS_DRILL_CLOCK_SCALE: String(SPEED),
      DRS_DRILL_CLOCK_ANCHOR: em.state.clock.anchor(),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  opts.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 55_000);
  const code = await new Promise<number | null>((res) => child.on('close', (c) => res(c)));
  clearTimeout(timer);
  const report = await readFile(join(cwd, 'drs-report', 'report.json'), 'utf8').then(
    (t) => JSON.parse(t) as Report,
    () => undefined,
  );
  return { code, stdout, stderr, cwd, ...(report ? { report } : {}) };
}

async function start(): Promise<Emulator> {
  emulator = await startEmulator({ scenario: demoScenario(), port: 0, speed: SPEED, seed: 21 });
  return emulator;
}

describe('drs-drill drill|recovery|cleanup (break-glass)', () => {
  it('drills the plan from a terminal, with the evidence in ./drs-report and the summary printed', async () => {
    const em = await start();
    const run = await drsDrill(em, [
      'drill',
      'drs-plans/demo.yaml',
      '--role-to-assume',
      'arn:aws:iam::111122223333:role/drs-break-glass',
    ]);
    expect(run.code, `${run.stderr.slice(-2000)}`).toBe(0);
    expect(run.report?.status).toBe('succeeded');
    expect(run.report?.mode).toBe('drill');
    expect(run.stdout).toContain('## ✅ Drill passed — demo');
    expect(run.stdout).toMatch(/acting as arn:aws:sts::111122223333:assumed-role\/drs-break-glass\//);
    expect(run.stdout).toContain(`report-path: ${join(run.cwd, 'drs-report', 'report.json')}`);
    expect(await readFile(join(run.cwd, 'drs-report', 'report.md'), 'utf8')).toContain('Drill passed');
    // The same engine: launched as a drill, then cleaned up.
    expect(callsOf(em.calls, 'StartRecovery').every((c) => (c.request as { isDrill: boolean }).isDrill)).toBe(
      true,
    );
    expect(run.report?.cleanup?.status).toBe('succeeded');
    expect(callsOf(em.calls, 'AssumeRole', 'sts')).toHaveLength(1);
  }, 60_000);

  // The bundle's SDK is tree-shaken (scripts/sdk-bundle.ts): the profile providers the default chain
  // loads lazily (ini with its STS role assumer, credential_process) must be in it.
  it('takes its credentials from a named profile: a role assumed from a credential_process profile', async () => {
    const em = await start();
    const dir = await mkdtemp(join(tmpdir(), 'drs-break-glass-aws-'));
    const keys = JSON.stringify({
      Version: 1,
      AccessKeyId: 'AKIDPROCESS',
      SecretAccessKey: 'process-secret',
    });
    const config = [
      '[profile drill]',
      'role_arn = arn:aws:iam::111122223333:role/drs-from-profile',
      'source_profile = keys',
      '[profile keys]',
      `credential_process = echo '${keys}'`,
    ];
    await writeFile(join(dir, 'config'), `${config.join('\n')}\n`);
    const run = await drsDrill(em, ['drill', 'drs-plans/demo.yaml'], {
      credentials: { AWS_PROFILE: 'drill', AWS_CONFIG_FILE: join(dir, 'config') },
    });
    expect(run.code, `${run.stderr.slice(-2000)}`).toBe(0);
    expect(run.report?.status).toBe('succeeded');
    expect(run.stdout).toMatch(/acting as arn:aws:sts::111122223333:assumed-role\/drs-from-profile\//);
    // Signed with the keys credential_process printed (once per SDK client: each resolves the default
    // chain itself), and the drill with the session it got.
    const assumed = callsOf(em.calls, 'AssumeRole', 'sts').map((c) => c.accessKeyId);
    expect(assumed.length).toBeGreaterThan(0);
    expect(new Set(assumed)).toEqual(new Set(['AKIDPROCESS']));
    expect(callsOf(em.calls, 'StartRecovery').every((c) => c.accessKeyId?.startsWith('ASIA'))).toBe(true);
  }, 60_000);

  it('refuses a recovery without --confirm <plan name>, before any AWS call', async () => {
    const em = await start();
    const run = await drsDrill(em, ['recovery', 'drs-plans/demo.yaml']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('set the input confirm to the plan\'s name "demo"');
    expect(em.calls).toEqual([]);
  }, 60_000);

  it('Ctrl-C cancels: the drill instances it launched are terminated before it leaves', async () => {
    const em = await start();
    const run = await drsDrill(em, ['drill', 'drs-plans/demo.yaml'], {
      onSpawn: (child) => {
        const timer = setInterval(() => {
          if (callsOf(em.calls, 'StartRecovery').length > 0 && em.state.instances.size > 0) {
            clearInterval(timer);
            child.kill('SIGINT');
          }
        }, 50);
        child.on('close', () => clearInterval(timer));
      },
    });
    expect(run.report?.status).toBe('cancelled');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Received SIGINT: cancelling');
    expect(callsOf(em.calls, 'TerminateRecoveryInstances').length).toBeGreaterThan(0);
    // Every instance the drill launched is gone (or going) by the time the command returns.
    const launched = [...em.state.instances.values()];
    expect(launched.length).toBeGreaterThan(0);
    expect(launched.filter((i) => i.state === 'running' || i.state === 'pending')).toEqual([]);
    expect(writesOf(em.calls).length).toBeGreaterThan(0);
  }, 60_000);
});
