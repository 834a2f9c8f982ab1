/**
 * Shared pieces of the drill end-to-end tests: a throwaway workspace holding the plan, a run of the
 * bundled action in drill mode against an emulator whose clock the action follows, and readers for
 * the evidence (report.json, summary) and the emulator's call log.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import type { RecordedCall } from '../../emulator/control.js';
import type { Scenario } from '../../emulator/scenario.js';
import { loadScenarioFile } from '../../emulator/scenario-load.js';
import type { Emulator } from '../../emulator/server.js';
import { parseInstant } from '../../src/core/durations.js';
import type { Report } from '../../src/core/report.js';
import { validateReport } from '../../src/report/json.js';
import { type ActionRun, REPO_ROOT, runBundle } from './harness.js';

/** Simulated seconds per real second, for the emulator and the action's clock alike. */
export const SPEED = 600;

/** DRS operations that change something: a run that must start nothing makes none of them. */
export const DRS_WRITES = new Set([
  'StartRecovery',
  'TerminateRecoveryInstances',
  'UpdateLaunchConfiguration',
  'TagResource',
  'UntagResource',
]);
export const EC2_WRITES = new Set(['CreateTags', 'CreateLaunchTemplateVersion', 'ModifyLaunchTemplate']);

export function demoScenario(): Scenario {
  return loadScenarioFile(join(REPO_ROOT, 'emulator', 'scenarios', 'demo.yaml'));
}

export async function demoPlanText(): Promise<string> {
  return readFile(join(REPO_ROOT, 'examples', 'plans', 'demo.yaml'), 'utf8');
}

export interface DrillRun extends ActionRun {
  workspace: string;
  report?: Report;
  /** The emulator calls this run made (the log is forgotten before each run). */
  calls: RecordedCall[];
}

export interface DrillOptions {
  emulator: Emulator;
  /** Plan text, written to drs-plans/plan.yaml in a fresh workspace. */
  plan: string;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Leave the static emulator keys out (credentials come from role-to-assume). */
  noStaticKeys?: boolean;
  speed?: number;
  timeoutMs?: number;
  /** GITHUB_RUN_ID (the execution id's run part); default: random. */
  runId?: string;
  /** Called with the child once spawned (to send signals). */
  onSpawn?: (child: import('node:child_process').ChildProcess) => void;
}

export const PLAN_PATH = 'drs-plans/plan.yaml';

/** Runs dist/index.js in drill mode on `plan`; calls the emulator saw during the run are returned. */
export async function runDrill(opts: DrillOptions): Promise<DrillRun> {
  const workspace = await mkdtemp(join(tmpdir(), 'drs-drill-e2e-'));
  const planFile = join(workspace, PLAN_PATH);
  await mkdir(dirname(planFile), { recursive: true });
  await writeFile(planFile, opts.plan);
  const from = opts.emulator.calls.length;
  const env: Record<string, string> = {
    DRS_DRILL_CLOCK_SCALE: String(opts.speed ?? SPEED),
    // The action reads the emulator's simulated time, so its own timestamps match DRS's.
    DRS_DRILL_CLOCK_ANCHOR: opts.emulator.state.clock.anchor(),
    ...opts.env,
  };
  const run = await runBundle({
    workspace,
    eventName: 'workflow_dispatch',
    ...(opts.noStaticKeys ? {} : { emulatorUrl: opts.emulator.url }),
    inputs: { mode: 'drill', plan: PLAN_PATH, 'report-dir': 'drs-report', ...opts.inputs },
    env: opts.noStaticKeys ? { AWS_ENDPOINT_URL: opts.emulator.url, AWS_REGION: 'us-east-1', ...env } : env,
    timeoutMs: opts.timeoutMs ?? 55_000,
    ...(opts.runId ? { runId: opts.runId } : {}),
    ...(opts.onSpawn ? { onSpawn: opts.onSpawn } : {}),
  });
  const reportPath = join(workspace, 'drs-report', 'report.json');
  const report = await readFile(reportPath, 'utf8').then(
    (text) => JSON.parse(text) as Report,
    () => undefined,
  );
  return { ...run, workspace, report, calls: opts.emulator.calls.slice(from) };
}

export const callsOf = (calls: readonly RecordedCall[], operation: string, service = 'drs') =>
  calls.filter((c) => c.service === service && c.operation === operation);

/** Calls that changed something in DRS or EC2 (answered or not: an attempt is an attempt). */
export function writesOf(calls: readonly RecordedCall[]): RecordedCall[] {
  return calls.filter(
    (c) =>
      (c.service === 'drs' && DRS_WRITES.has(c.operation)) ||
      (c.service === 'ec2' && EC2_WRITES.has(c.operation)),
  );
}

export interface StartRecoveryBody {
  sourceServers: { sourceServerID: string; recoverySnapshotID?: string }[];
  isDrill?: boolean;
  tags?: Record<string, string>;
}

export const startBody = (c: RecordedCall) => c.request as StartRecoveryBody;

/** The run's outputs: status, instance ids (parsed), rto, report path. */
export function outputsOf(run: ActionRun) {
  const raw = run.outputs['instance-ids'];
  return {
    status: run.outputs.status,
    instanceIds: raw ? (JSON.parse(raw) as Record<string, string>) : undefined,
    rtoSeconds: run.outputs['rto-seconds'],
    reportPath: run.outputs['report-path'],
  };
}

/** Every server of every wave. */
export const serversOf = (report: Report) => report.waves.flatMap((w) => w.servers);

/** A short description of a failed run for assertion messages. */
export function explain(run: ActionRun): string {
  const errors = run.stdout
    .split('\n')
    .filter((l) => l.startsWith('::error') || l.startsWith('::warning'))
    .slice(0, 15);
  return `exit ${run.code}\n${errors.join('\n')}\n${run.stderr.slice(-2000)}`;
}

/**
 * The report validates against its schema and its timestamps are sane: every duration is ≥ 0, nothing
 * ends before it starts, every instant lies inside the run, and the RTO (when measured) is positive
 * and no longer than the run itself (simulated time).
 */
export function expectSaneReport(report: Report): void {
  expect(validateReport(report)).toEqual([]);
  const start = parseInstant(report.startedAt);
  const end = parseInstant(report.endedAt);
  expect(start, 'startedAt').toBeDefined();
  expect(end, 'endedAt').toBeDefined();
  if (start === undefined || end === undefined) return;
  expect(end).toBeGreaterThanOrEqual(start);
  const runSeconds = (end - start) / 1000;
  // A drill of minutes must not be reported as days: the run's own span is bounded too.
  expect(runSeconds).toBeLessThan(24 * 3600);
  const inRun = (iso: string | undefined, what: string) => {
    if (iso === undefined) return;
    const t = parseInstant(iso);
    expect(t, `${what} parses`).toBeDefined();
    // One second of slack: AWS's and the action's clocks are read by different calls.
    expect(t ?? 0, `${what} (${iso}) inside the run`).toBeGreaterThanOrEqual(start - 1000);
    expect(t ?? 0, `${what} (${iso}) inside the run`).toBeLessThanOrEqual(end + 1000);
  };
  const ordered = (from: string | undefined, to: string | undefined, what: string) => {
    if (from === undefined || to === undefined) return;
    expect(parseInstant(to) ?? 0, `${what}: ${from} → ${to}`).toBeGreaterThanOrEqual(parseInstant(from) ?? 0);
  };
  inRun(report.measured.firstStartRecoveryAt, 'firstStartRecoveryAt');
  for (const wave of report.waves) {
    inRun(wave.startedAt, `wave ${wave.name} startedAt`);
    inRun(wave.endedAt, `wave ${wave.name} endedAt`);
    ordered(wave.startedAt, wave.endedAt, `wave ${wave.name}`);
    for (const job of wave.jobs) {
      inRun(job.createdAt, `job ${job.jobId} createdAt`);
      inRun(job.endedAt, `job ${job.jobId} endedAt`);
      ordered(job.createdAt, job.endedAt, `job ${job.jobId}`);
    }
    for (const s of wave.servers) {
      inRun(s.launchedAt, `${s.sourceServerId} launchedAt`);
      inRun(s.healthyAt, `${s.sourceServerId} healthyAt`);
      ordered(s.launchedAt, s.healthyAt, `${s.sourceServerId} launched → healthy`);
      for (const p of s.phases) {
        inRun(p.startedAt, `${s.sourceServerId} ${p.name} start`);
        inRun(p.endedAt, `${s.sourceServerId} ${p.name} end`);
        ordered(p.startedAt, p.endedAt, `${s.sourceServerId} ${p.name}`);
      }
      // The recovery point is data from before the launch, never from the future.
      ordered(s.recoveryPointAt, s.launchedAt, `${s.sourceServerId} recovery point → launch`);
    }
  }
  const { rtoSeconds, rpoSeconds } = report.measured;
  if (rtoSeconds !== undefined) {
    expect(rtoSeconds).toBeGreaterThan(0);
    expect(rtoSeconds).toBeLessThanOrEqual(runSeconds + 1);
  }
  if (rpoSeconds !== undefined) {
    expect(rpoSeconds).toBeGreaterThanOrEqual(0);
    expect(rpoSeconds).toBeLessThan(24 * 3600);
  }
}
