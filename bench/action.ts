/**
 * Runs the bundled action the way the runner does (test/e2e/harness.ts: INPUT_* env, GITHUB_* files)
 * and measures the process from the outside: spawn and exit times, and peak resident memory from
 * /proc/<pid>/status (VmHWM, Linux only) sampled while it runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ActionRun, runBundle } from '../test/e2e/harness.js';

export interface MeasuredRun {
  run: ActionRun;
  /** Wall-clock ms when the process was spawned and when it exited. */
  spawnedAt: number;
  exitedAt: number;
  /** Peak resident set size in MiB, undefined where /proc is not available. */
  peakRssMb?: number;
}

export interface ActionRunOptions {
  dist: string;
  workspace: string;
  inputs: Record<string, string>;
  emulatorUrl?: string;
  env?: Record<string, string>;
  timeoutMs: number;
}

/** VmHWM ("high water mark") of a live process in MiB, from the text of /proc/<pid>/status. */
export function parseVmHwmMb(status: string): number | undefined {
  const m = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  return m ? Number(m[1]) / 1024 : undefined;
}

function readHwm(pid: number): number | undefined {
  try {
    return parseVmHwmMb(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return undefined;
  }
}

export async function runAction(opts: ActionRunOptions): Promise<MeasuredRun> {
  let spawnedAt = 0;
  let exitedAt = 0;
  let peak: number | undefined;
  let sampler: NodeJS.Timeout | undefined;
  const run = await runBundle({
    script: join(opts.dist, 'index.js'),
    workspace: opts.workspace,
    inputs: opts.inputs,
    ...(opts.emulatorUrl ? { emulatorUrl: opts.emulatorUrl } : {}),
    ...(opts.env ? { env: opts.env } : {}),
    timeoutMs: opts.timeoutMs,
    onSpawn: (child) => {
      spawnedAt = Date.now();
      const pid = child.pid;
      // VmHWM only grows, so the last sample before exit is within one period of the true peak.
      if (pid !== undefined) {
        sampler = setInterval(() => {
          const hwm = readHwm(pid);
          if (hwm !== undefined) peak = Math.max(peak ?? 0, hwm);
        }, 20);
      }
      child.on('exit', () => {
        exitedAt = Date.now();
        clearInterval(sampler);
      });
    },
  });
  clearInterval(sampler);
  const measured: MeasuredRun = { run, spawnedAt, exitedAt: exitedAt || Date.now() };
  if (peak !== undefined) measured.peakRssMb = peak;
  return measured;
}

/** The last lines of the action's output, for an error message when a run did not succeed. */
export function tail(run: ActionRun, lines = 15): string {
  return `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-lines).join('\n');
}
