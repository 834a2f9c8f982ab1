/** Shared setup of the safety end-to-end tests: the demo estate on a fast emulator, the bundle on its clock. */
import { copyFile, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Emulator, RecordedCall } from '../../emulator/server.js';
import type { Report } from '../../src/core/report.js';
import { type ActionRun, REPO_ROOT, type RunOptions, runBundle } from './harness.js';

/** Simulated seconds per real second; the action's clock follows (DRS_DRILL_CLOCK_SCALE). */
export const SPEED = 600;

/** DRS/EC2 operations that change something. */
export const WRITES = new Set([
  'StartRecovery',
  'TerminateRecoveryInstances',
  'UpdateLaunchConfiguration',
  'TagResource',
  'UntagResource',
  'CreateTags',
  'CreateLaunchTemplateVersion',
  'ModifyLaunchTemplate',
]);

export function writes(calls: readonly RecordedCall[]): RecordedCall[] {
  return calls.filter((c) => WRITES.has(c.operation));
}

export function ofOperation(calls: readonly RecordedCall[], operation: string): RecordedCall[] {
  return calls.filter((c) => c.operation === operation && c.outcome === 'ok');
}

/** A workspace of its own (the demo plan at drs-plans/demo.yaml), so reports never land in the repo. */
export async function makeWorkspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'drs-safety-ws-'));
  await mkdir(join(dir, 'drs-plans'));
  await copyFile(join(REPO_ROOT, 'examples', 'plans', 'demo.yaml'), join(dir, 'drs-plans', 'demo.yaml'));
  return dir;
}

export async function run(
  emulator: Emulator,
  inputs: Record<string, string>,
  opts: Partial<RunOptions> = {},
): Promise<ActionRun> {
  return runBundle({
    emulatorUrl: emulator.url,
    ...opts,
    workspace: opts.workspace ?? (await makeWorkspace()),
    inputs: { plan: 'drs-plans/demo.yaml', 'poll-interval-seconds': '15', ...inputs },
    env: { DRS_DRILL_CLOCK_SCALE: String(SPEED), ...opts.env },
  });
}

export async function readReport(result: ActionRun): Promise<Report> {
  return JSON.parse(
    await readFile(result.outputs['report-path'] ?? join(result.dir, 'none'), 'utf8'),
  ) as Report;
}

/** Resolves once `predicate` holds (checked every 10 ms); rejects after `limitMs` so a test never hangs. */
export async function waitUntil(predicate: () => boolean, limitMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > limitMs) throw new Error('waitUntil: condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** StartRecovery calls that created a job, as `wave chunk` keys with the execution that made them. */
export function startedChunks(calls: readonly RecordedCall[]): { key: string; executionId: string }[] {
  return ofOperation(calls, 'StartRecovery').map((c) => {
    const tags = (c.request as { tags: Record<string, string> }).tags;
    return {
      key: `${tags['drs-drill:wave']} ${tags['drs-drill:chunk']}`,
      executionId: tags['drs-drill:execution-id'] ?? '',
    };
  });
}

/** The post step's environment: the main step's saved state as STATE_<name>, as the runner passes it. */
export function stateEnv(state: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]));
}
