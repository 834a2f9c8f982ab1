/**
 * Fault injection: the demo drill through the bundle while AWS misbehaves in the ways an attack run
 * found (issue 13): calls that hang, answers that trickle in a byte at a time, a nextToken that
 * repeats forever, StartRecovery answered without its job, HTML 503 pages, and line breaks and
 * workflow commands in every string the engine logs. For each: the run ends within its time limit
 * (timeout-minutes on the emulator's clock), publishes report.json with the right status, prints no
 * workflow command it did not mean to, and after the post step no drill instance of the run is left.
 */
import { describe, expect, it } from 'vitest';
import { parseFaults } from '../../emulator/faults-load.js';
import type { Scenario } from '../../emulator/scenario.js';
import type { Emulator } from '../../emulator/server.js';
import {
  type ActionRun,
  callsOf,
  type DrillRun,
  demoPlanText,
  demoScenario,
  emulatorPerTest,
  expectSaneReport,
  explain,
  PLAN_PATH,
  POST_BUNDLE,
  runBundle,
  runDrill,
  SPEED,
  writesOf,
} from './harness.js';

const CACHE = 's-1000000000000000e';

const startEmulator = emulatorPerTest();

/**
 * Workflow commands the action issues on purpose (through the toolkit): annotations, groups and
 * debug lines. No secret is registered in these runs (static keys, no github-token), so an add-mask
 * would be injected, as would stop-commands or anything else.
 */
const OWN_COMMANDS = new Set(['error', 'warning', 'notice', 'group', 'endgroup', 'debug']);

/**
 * Lines the runner would take for a command that is not one of ours. It reads a line as `::name`
 * first (after leading whitespace) and only otherwise looks for the legacy `##[name]` anywhere in it,
 * so `##[` inside one of our annotations is text.
 */
function foreignCommands(stdout: string): string[] {
  return stdout.split(/\r\n|\r|\n/).filter((line) => {
    const command = /^\s*::([\w-]+)/.exec(line)?.[1];
    return command === undefined ? line.includes('##[') : !OWN_COMMANDS.has(command);
  });
}

interface FaultRun {
  em: Emulator;
  main: DrillRun;
  post: ActionRun;
  /** Real ms the main step took. */
  elapsedMs: number;
  timeoutMinutes: number;
}

/**
 * The demo drill on an emulator with `faults` (the scenario's `faults:` block), then its post step
 * (the faults cleared first when `clearBeforePost`: the outage is over by then), then an hour of
 * simulated time for any job still running to launch whatever it would.
 */
async function drillWith(
  faults: Record<string, unknown>,
  opts: { timeoutMinutes: number; clearBeforePost?: boolean; change?: (s: Scenario) => void },
): Promise<FaultRun> {
  const scenario = demoScenario();
  scenario.faults = parseFaults(
    faults,
    scenario.servers.map((s) => s.sourceServerID),
  );
  opts.change?.(scenario);
  const em = await startEmulator(scenario, 13);
  const inputs = {
    'timeout-minutes': String(opts.timeoutMinutes),
    'poll-interval-seconds': '15',
    cleanup: 'always',
  };
  const started = Date.now();
  const main = await runDrill({ emulator: em, plan: await demoPlanText(), inputs, timeoutMs: 90_000 });
  const elapsedMs = Date.now() - started;
  if (opts.clearBeforePost) em.state.faults = parseFaults({}, []);
  const post = await runBundle({
    script: POST_BUNDLE,
    workspace: main.workspace,
    eventName: 'workflow_dispatch',
    emulatorUrl: em.url,
    inputs: { mode: 'drill', plan: PLAN_PATH, 'report-dir': 'drs-report', ...inputs },
    env: {
      DRS_DRILL_CLOCK_SCALE: String(SPEED),
      DRS_DRILL_CLOCK_ANCHOR: em.state.clock.anchor(),
      ...Object.fromEntries(Object.entries(main.state).map(([k, v]) => [`STATE_${k}`, v])),
    },
    timeoutMs: 90_000,
  });
  em.state.advance(60 * 60_000);
  return { em, main, post, elapsedMs, timeoutMinutes: opts.timeoutMinutes };
}

/** The run's EC2 drill instances that are not terminated, and its jobs DRS has not finished. */
function leftBehind(em: Emulator, executionId: string | undefined): string[] {
  const jobs = [...em.state.jobs.values()].filter(
    (j) => j.type === 'LAUNCH' && j.isDrill && j.tags['drs-drill:execution-id'] === executionId,
  );
  const ids = new Set(jobs.map((j) => j.jobID));
  const instances = [...em.state.instances.values()]
    .filter((i) => ids.has(i.tags['drs.amazonaws.com-job'] ?? '') && i.state !== 'terminated')
    .map((i) => `instance ${i.instanceId} (${i.state}) of job ${i.tags['drs.amazonaws.com-job']}`);
  const running = jobs.filter((j) => j.status !== 'COMPLETED').map((j) => `job ${j.jobID} ${j.status}`);
  return [...instances, ...running];
}

/** The checks every fault case shares. */
function expectContained(r: FaultRun, status: string): void {
  const { main, post } = r;
  expect(main.signal, explain(main)).toBeNull();
  expect(main.outputs.status, explain(main)).toBe(status);
  expect(main.report?.status).toBe(status);
  if (main.report) expectSaneReport(main.report);
  expect(foreignCommands(main.stdout)).toEqual([]);
  expect(foreignCommands(post.stdout)).toEqual([]);
  expect(post.code, post.stdout).toBe(0);
  expect(leftBehind(r.em, main.outputs['execution-id'])).toEqual([]);
  // Within timeout-minutes on the emulator's clock (plus, in real time, the bundle's start and exit).
  const span = Date.parse(main.report?.endedAt ?? '') - Date.parse(main.report?.startedAt ?? '');
  expect(span, 'the run, on the simulated clock').toBeLessThanOrEqual(r.timeoutMinutes * 60_000);
  expect(r.elapsedMs).toBeLessThan((r.timeoutMinutes * 60_000) / SPEED + 10_000);
}

/** One LAUNCH job per wave chunk of the run: nothing was started twice. */
function expectOneJobPerChunk(r: FaultRun): void {
  const keys = [...r.em.state.jobs.values()]
    .filter((j) => j.type === 'LAUNCH' && j.tags['drs-drill:execution-id'] === r.main.outputs['execution-id'])
    .map((j) => `${j.tags['drs-drill:wave']} ${j.tags['drs-drill:chunk']}`);
  expect(keys.sort()).toEqual(['app 1/1', 'cache 1/1', 'data 1/1', 'web 1/1']);
}

describe('fault injection: the demo drill through the bundle', () => {
  it('hang: polls that never answer are cut and retried; a StartRecovery that took effect and hung is adopted', async () => {
    const r = await drillWith(
      {
        hang: [
          { operation: 'DescribeJobs', skip: 6, count: 2 },
          { operation: 'StartRecovery', count: 1, when: 'after' },
        ],
      },
      { timeoutMinutes: 150 },
    );
    expectContained(r, 'succeeded');
    expect(r.main.calls.filter((c) => c.outcome === 'hung')).toHaveLength(3);
    expect(r.main.stdout).toMatch(
      /StartRecovery's answer was lost \(DRS StartRecovery: (Connection timed out|no complete answer)/,
    );
    expect(r.main.stdout).toContain('adopted job whose StartRecovery answer was lost');
    expectOneJobPerChunk(r);
  }, 120_000);

  // The waves stop at the deadline, and the drill's cleanup gives up its own hung reads there too
  // (untilDeadline in src/engine/deadline.ts); the post step then finishes the cleanup.
  it('hang for good: DescribeJobs stops answering mid-run, the run times out at its deadline', async () => {
    const r = await drillWith(
      { hang: [{ operation: 'DescribeJobs', skip: 6 }] },
      { timeoutMinutes: 60, clearBeforePost: true },
    );
    expectContained(r, 'timed-out');
  }, 120_000);

  // Preflight honours the run's deadline (runPreflight's `deadline` and `signal`, passed by drill.ts):
  // a hung read is given up there and the run ends timed-out, having written nothing.
  it('hang in preflight: GetLaunchConfiguration never answers, the run still ends at its deadline', async () => {
    const r = await drillWith({ hang: [{ operation: 'GetLaunchConfiguration' }] }, { timeoutMinutes: 60 });
    expect(writesOf(r.main.calls)).toEqual([]);
    expectContained(r, 'timed-out');
  }, 120_000);

  it('slow loris: answers trickling a byte every 2 s are cut by the total time limit, not waited for', async () => {
    const r = await drillWith(
      {
        slowLoris: [
          { operation: 'DescribeJobs', skip: 6, count: 2, byteSeconds: 2 },
          { operation: 'StartRecovery', count: 1, byteSeconds: 2 },
        ],
      },
      { timeoutMinutes: 150 },
    );
    expectContained(r, 'succeeded');
    expect(r.main.calls.filter((c) => c.outcome === 'trickled')).toHaveLength(3);
    expect(r.main.stdout).toContain('adopted job whose StartRecovery answer was lost');
    expectOneJobPerChunk(r);
  }, 120_000);

  it('repeated nextToken: preflight ends the endless pagination with a clear error and starts nothing', async () => {
    const r = await drillWith({ repeatNextToken: ['DescribeSourceServers'] }, { timeoutMinutes: 60 });
    expectContained(r, 'failed');
    expect(r.main.report?.errors.join('\n')).toMatch(
      /DRS DescribeSourceServers: page 2 returned a next token that an earlier page already returned/,
    );
    expect(callsOf(r.main.calls, 'DescribeSourceServers').length).toBeLessThan(10);
    expect(writesOf(r.main.calls)).toEqual([]);
  }, 120_000);

  it('StartRecovery answered without a job: the job is looked up by its tags and adopted, never started twice', async () => {
    const r = await drillWith({ startRecoveryNoJob: 1 }, { timeoutMinutes: 120 });
    expectContained(r, 'succeeded');
    expect(callsOf(r.main.calls, 'StartRecovery').map((c) => c.outcome)).toEqual([
      'no-job',
      'ok',
      'ok',
      'ok',
    ]);
    expect(r.main.stdout).toContain('DRS accepted StartRecovery but its answer named no job');
    expectOneJobPerChunk(r);
  }, 120_000);

  it('HTML 503 pages: retried like any 5xx, and told apart from AWS errors', async () => {
    const r = await drillWith({ htmlErrors: { rate: 0.15 } }, { timeoutMinutes: 150 });
    expectContained(r, 'succeeded');
    expect(r.main.calls.filter((c) => c.outcome === 'html-error').length).toBeGreaterThan(0);
    expect(r.main.stdout).not.toContain('Unexpected token');
    expectOneJobPerChunk(r);
  }, 120_000);

  it('hostile strings: CR, LF, ::error::, ::stop-commands:: and ##[ in hostnames, rawError and tags issue no command', async () => {
    const r = await drillWith(
      {
        hostileStrings: true,
        servers: { [CACHE]: { phase: 'conversion', rawError: 'Conversion server crashed' } },
      },
      { timeoutMinutes: 120 },
    );
    expectContained(r, 'succeeded');
    // The hostile text did reach the log, defused.
    expect(r.main.stdout).toContain('emulator-injected');
    expect(r.main.stdout).toContain('Conversion server crashed');
  }, 120_000);
});
