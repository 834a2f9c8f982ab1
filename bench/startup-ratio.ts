/**
 * Start-up as a ratio to a floor: the action in drill mode and the floor script (bench/floor.mjs: the
 * toolkit, the STS client, one GetCallerIdentity) run alternately against one emulator, each up to
 * its first AWS request. At that request the emulator (same process) reads the caller's CPU time from
 * /proc, all threads, and the child is killed: what is measured is loading and preparing, not the
 * drill. The pair's order flips every pair so a drift in machine load hits both sides alike.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateEstate } from '../emulator/estate.js';
import { type Emulator, type RecordedCall, startEmulator } from '../emulator/server.js';
import { runBundle } from '../test/e2e/harness.js';
import { processCpuMs } from './cpu.js';
import { planYaml, serialPlan } from './plans.js';
import { median, ratio, type Spread, spread } from './stats.js';

export interface StartupSample {
  cpuMs: number;
  wallMs: number;
}

export interface StartupRatio {
  /** Median over the pairs of (action ÷ floor), each pair measured back to back. */
  cpu: number;
  wall: number;
  pairs: number;
  node: string;
  /** Both sides ran with a warm V8 compile cache (NODE_COMPILE_CACHE, filled by one unmeasured run each). */
  compileCache: boolean;
  action: { cpuMs: Spread; wallMs: Spread };
  floor: { cpuMs: Spread; wallMs: Spread };
}

/** Bundles bench/floor.mjs with ncc into `dir` (cached there); returns its entry file. */
export function buildFloor(root: string, dir: string): string {
  // Plain JavaScript, so ncc skips TypeScript (a fifth of the time): the quick bench stays quick.
  const entry = join(dir, 'index.mjs');
  if (!existsSync(entry)) {
    execFileSync(
      join(root, 'node_modules', '.bin', 'ncc'),
      ['build', join(root, 'bench', 'floor.mjs'), '-o', dir],
      {
        cwd: root,
        stdio: 'ignore',
      },
    );
  }
  return entry;
}

const isAws = (c: RecordedCall): boolean => c.service === 'drs' || c.service === 'ec2' || c.service === 'sts';

interface Probe {
  emulator: Emulator;
  /** Watches the next process: at its first AWS request, takes its figures and calls `kill`. */
  watch(pid: number, spawnedAt: number, kill: () => void): void;
  /** What the watched process gave (undefined: it made no AWS request). */
  take(): StartupSample | undefined;
}

async function startProbe(): Promise<Probe> {
  let onFirst: (() => void) | undefined;
  let sample: StartupSample | undefined;
  const emulator = await startEmulator({
    scenario: generateEstate(6),
    speed: 0,
    onCall: (call: RecordedCall) => {
      if (isAws(call)) onFirst?.();
    },
  });
  return {
    emulator,
    watch: (pid, spawnedAt, kill) => {
      sample = undefined;
      onFirst = () => {
        onFirst = undefined;
        const cpuMs = processCpuMs(pid);
        if (cpuMs !== undefined) sample = { cpuMs, wallMs: Date.now() - spawnedAt };
        kill();
      };
    },
    take: () => {
      onFirst = undefined;
      return sample;
    },
  };
}

async function measureOne(
  probe: Probe,
  script: string,
  node: string,
  workspace: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
): Promise<StartupSample> {
  probe.emulator.reset();
  const run = await runBundle({
    script,
    node,
    workspace,
    inputs,
    env,
    emulatorUrl: probe.emulator.url,
    timeoutMs: 60_000,
    onSpawn: (child) => {
      const spawnedAt = Date.now();
      if (child.pid !== undefined) probe.watch(child.pid, spawnedAt, () => child.kill('SIGKILL'));
    },
  });
  const sample = probe.take();
  if (!sample)
    throw new Error(
      `${script} made no AWS request (exit ${run.code}):\n${run.stdout.slice(-1500)}\n${run.stderr.slice(-1500)}`,
    );
  return sample;
}

/**
 * Fills the compile cache: Node writes it when a process exits, so each side runs once to its end
 * (the probe's kill would lose it): the floor after its one call, the action as a dry-run drill
 * against an emulator of its own on a fast clock, which loads the same code up to the first request.
 */
async function warmUp(
  dist: string,
  floor: string,
  node: string,
  workspace: string,
  env: Record<string, string>,
): Promise<void> {
  const emulator = await startEmulator({ scenario: generateEstate(6), speed: 600 });
  try {
    const inputs = { mode: 'drill', plan: 'plan.yaml', 'dry-run': 'true', 'report-dir': 'drs-report' };
    const common = { node, workspace, env, emulatorUrl: emulator.url, timeoutMs: 120_000 };
    const action = await runBundle({ ...common, script: join(dist, 'index.js'), inputs });
    const theirs = await runBundle({ ...common, script: floor, inputs: {} });
    for (const [what, run] of [
      ['action', action],
      ['floor', theirs],
    ] as const)
      if (run.code !== 0)
        throw new Error(`compile cache warm-up: the ${what} exited ${run.code}:\n${run.stderr.slice(-1500)}`);
  } finally {
    await emulator.close();
  }
}

export async function measureStartupRatio(opts: {
  dist: string;
  floor: string;
  pairs: number;
  node?: string;
  /** Measure with a warm compile cache (Node 22+): what the post step, the CLI and a second run see. */
  compileCache?: boolean;
}): Promise<StartupRatio> {
  const node = opts.node ?? process.execPath;
  const probe = await startProbe();
  const workspace = await mkdtemp(join(tmpdir(), 'drs-bench-startup-'));
  // Cold (default): the action's shim puts its cache in RUNNER_TEMP, a new one per run, as on a
  // hosted runner's main step. Warm: a directory shared by the runs (both sides'), as the post step,
  // the CLI and a self-hosted runner see it.
  const env: Record<string, string> = opts.compileCache
    ? { NODE_COMPILE_CACHE: join(workspace, 'compile-cache') }
    : {};
  try {
    await writeFile(join(workspace, 'plan.yaml'), planYaml(serialPlan()));
    await mkdir(join(workspace, 'drs-report'), { recursive: true });
    const action = () =>
      measureOne(
        probe,
        join(opts.dist, 'index.js'),
        node,
        workspace,
        {
          mode: 'drill',
          plan: 'plan.yaml',
          cleanup: 'never',
          'report-dir': 'drs-report',
        },
        env,
      );
    const floor = () => measureOne(probe, opts.floor, node, workspace, {}, env);
    if (opts.compileCache) await warmUp(opts.dist, opts.floor, node, workspace, env);
    const ours: StartupSample[] = [];
    const theirs: StartupSample[] = [];
    for (let i = 0; i < opts.pairs; i++) {
      if (i % 2 === 0) {
        ours.push(await action());
        theirs.push(await floor());
      } else {
        theirs.push(await floor());
        ours.push(await action());
      }
    }
    const pairRatio = (k: keyof StartupSample) =>
      median(ours.map((o, i) => ratio(o[k], theirs[i]?.[k] ?? Number.NaN)));
    return {
      cpu: pairRatio('cpuMs'),
      wall: pairRatio('wallMs'),
      pairs: opts.pairs,
      compileCache: opts.compileCache === true,
      node: execFileSync(node, ['--version'], { encoding: 'utf8' }).trim(),
      action: { cpuMs: spread(ours.map((s) => s.cpuMs)), wallMs: spread(ours.map((s) => s.wallMs)) },
      floor: { cpuMs: spread(theirs.map((s) => s.cpuMs)), wallMs: spread(theirs.map((s) => s.wallMs)) },
    };
  } finally {
    await probe.emulator.close();
    await rm(workspace, { recursive: true, force: true });
  }
}
