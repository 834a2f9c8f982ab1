/**
 * The one module of end-to-end helpers. It runs the BUNDLED action (built from src/ by the global
 * setup) the way the runner does: inputs as INPUT_* variables with hyphens kept, GITHUB_OUTPUT /
 * GITHUB_STEP_SUMMARY / GITHUB_EVENT_PATH files, AWS through the emulator's loopback endpoint. Below
 * that: the estates and emulators the tests share, drill runs in a throwaway workspace, runs on the
 * demo plan, and readers of the evidence (report.json, outputs) and of the emulator's call log.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { RecordedCall } from '../../emulator/control.js';
import type { Scenario } from '../../emulator/scenario.js';
import { loadScenarioFile } from '../../emulator/scenario-load.js';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import { parseInstant } from '../../src/core/durations.js';
import type { Report } from '../../src/core/report.js';
import { validateReport } from '../../src/report/json.js';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
/**
 * The dist/ to run: the committed one by default; DRS_TEST_DIST points at a private build
 * (`scripts/build-to.sh <dir>`) so that parallel work does not race on rebuilding dist/.
 */
export const DIST = process.env.DRS_TEST_DIST ? resolve(process.env.DRS_TEST_DIST) : join(REPO_ROOT, 'dist');
export const BUNDLE = join(DIST, 'index.js');
export const POST_BUNDLE = join(DIST, 'post', 'index.js');

export interface ActionRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
  dir: string;
}

export interface RunOptions {
  inputs: Record<string, string>;
  emulatorUrl?: string;
  env?: Record<string, string>;
  eventName?: string;
  event?: unknown;
  /** Workspace (cwd); default: the repository root so example plans resolve. */
  workspace?: string;
  runId?: string;
  runAttempt?: number;
  /** Reuse a temp dir (e.g. a re-run that must see the first attempt's files). */
  dir?: string;
  script?: string;
  /** The node binary to run it with; default the one running this process. */
  node?: string;
  /** Called with the child once spawned (to send signals). */
  onSpawn?: (child: import('node:child_process').ChildProcess) => void;
  timeoutMs?: number;
}

/** Parses the GITHUB_OUTPUT / GITHUB_STATE file format (`name<<delimiter` heredocs or `name=value`). */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      out[name] = value.join('\n');
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      out[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return out;
}

export async function runBundle(opts: RunOptions): Promise<ActionRun> {
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'drs-action-')));
  const files = {
    output: join(dir, `output-${Date.now()}`),
    summary: join(dir, `summary-${Date.now()}`),
    state: join(dir, 'state'),
    event: join(dir, 'event.json'),
  };
  await writeFile(files.output, '');
  await writeFile(files.summary, '');
  if (!opts.dir) await writeFile(files.state, '');
  await writeFile(files.event, JSON.stringify(opts.event ?? {}));

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: opts.eventName ?? 'workflow_dispatch',
    GITHUB_WORKSPACE: opts.workspace ?? REPO_ROOT,
    GITHUB_REPOSITORY: 'acme/dr-plans',
    GITHUB_RUN_ID: opts.runId ?? String(Math.floor(Math.random() * 1e9)),
    GITHUB_RUN_ATTEMPT: String(opts.runAttempt ?? 1),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_ACTOR: 'octocat',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    RUNNER_TEMP: dir,
    // Never reach for instance metadata (a non-loopback address) in tests.
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  if (opts.emulatorUrl) {
    Object.assign(env, {
      AWS_ENDPOINT_URL: opts.emulatorUrl,
      AWS_ACCESS_KEY_ID: 'AKIDEMULATOR',
      AWS_SECRET_ACCESS_KEY: 'emulator-secret',
      AWS_REGION: 'us-east-1',
    });
  }
  for (const [name, value] of Object.entries(opts.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  Object.assign(env, opts.env);

  const child = spawn(opts.node ?? process.execPath, [opts.script ?? BUNDLE], {
    cwd: opts.workspace ?? REPO_ROOT,
    env,
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
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 50_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((res) =>
    child.on('close', (c, s) => res([c, s])),
  );
  clearTimeout(timer);
  return {
    code,
    signal,
    stdout,
    stderr,
    outputs: parseCommandFile(await readFile(files.output, 'utf8')),
    summary: await readFile(files.summary, 'utf8'),
    state: parseCommandFile(await readFile(files.state, 'utf8').catch(() => '')),
    dir,
  };
}

/** Runs git in `cwd` with a test identity; returns its trimmed stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();
}

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

// ---- estates and emulators ----

export function demoScenario(): Scenario {
  return loadScenarioFile(join(REPO_ROOT, 'emulator', 'scenarios', 'demo.yaml'));
}

/** The source servers of test/e2e/scenarios/small.yaml (one template, already launchable). */
export const SMALL = {
  DB: 's-2000000000000000a',
  APP1: 's-2000000000000000b',
  APP2: 's-2000000000000000c',
  WEB: 's-2000000000000000d',
} as const;

export function smallScenario(): Scenario {
  return loadScenarioFile(join(import.meta.dirname, 'scenarios', 'small.yaml'));
}

/**
 * The small estate's plan, data → app → web. `app: 'tags'` selects the app servers by tag; `ids`
 * names them (APP2 optionally not critical). The text ends with the web server's line, so a test can
 * append a key to it.
 */
export function smallPlan(
  opts: { objectives?: string; app?: 'tags' | 'ids'; app2Critical?: boolean; webTimeout?: string } = {},
): string {
  const app =
    opts.app === 'ids'
      ? `      - id: ${SMALL.APP1}\n      - id: ${SMALL.APP2}${opts.app2Critical === false ? '\n        critical: false' : ''}`
      : '      - tags: { App: small, Tier: app }';
  return `version: 1
name: small
region: us-east-1
accountId: "111122223333"
${opts.objectives ? `objectives: ${opts.objectives}\n` : ''}waves:
  - name: data
    servers:
      - id: ${SMALL.DB}
  - name: app
    servers:
${app}
  - name: web
    servers:
      - id: ${SMALL.WEB}${opts.webTimeout ? `\n    timeout: ${opts.webTimeout}` : ''}
`;
}

/** One emulator per test (on SPEED unless told), closed after the test: for cases with their own faults. */
export function emulatorPerTest(): (scenario: Scenario, seed: number, speed?: number) => Promise<Emulator> {
  let current: Emulator | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (scenario, seed, speed = SPEED) => {
    current = await startEmulator({ scenario, port: 0, speed, seed });
    return current;
  };
}

/** One demo-estate emulator on SPEED for the whole file, reset before each test; read it through the getter. */
export function demoEmulatorPerFile(seed: number): () => Emulator {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ scenario: demoScenario(), port: 0, speed: SPEED, seed });
  });
  afterAll(async () => emulator?.close());
  beforeEach(() => emulator?.reset());
  return () => {
    if (!emulator) throw new Error('the emulator is not running');
    return emulator;
  };
}

// ---- drill runs and their evidence ----

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

// ---- runs on the demo plan ----

/** Calls of one operation that were answered (any service). */
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

/** The bundle on the demo plan in a workspace of its own, on the emulator's clock. */
export async function runOnDemo(
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

/** The demo plan ran to the end: every wave succeeded and all seven servers are in the report. */
export function expectDemoSucceeded(report: Report): void {
  expect(report.status).toBe('succeeded');
  expect(report.waves.map((w) => [w.name, w.status])).toEqual([
    ['data', 'succeeded'],
    ['app', 'succeeded'],
    ['cache', 'succeeded'],
    ['web', 'succeeded'],
  ]);
  expect(report.waves.flatMap((w) => w.servers)).toHaveLength(7);
}

/**
 * bin/drs-drill.js's lines over the build under test: the command exactly as users run it, with its
 * imports of ../dist/bundle/index.js, ../dist/compile-cache.js and ../dist/heap.js pointed at DIST.
 * Returns its path.
 */
export async function cliShim(): Promise<string> {
  const bin = await readFile(join(REPO_ROOT, 'bin', 'drs-drill.js'), 'utf8');
  const bundle = pathToFileURL(join(DIST, 'bundle', 'index.js')).href;
  const cache = pathToFileURL(join(DIST, 'compile-cache.js')).href;
  const heap = pathToFileURL(join(DIST, 'heap.js')).href;
  const shim = join(await mkdtemp(join(tmpdir(), 'drs-drill-bin-')), 'drs-drill.mjs');
  await writeFile(
    shim,
    bin
      .replace('../dist/bundle/index.js', bundle)
      .replace('../dist/compile-cache.js', cache)
      .replace('../dist/heap.js', heap),
  );
  return shim;
}
