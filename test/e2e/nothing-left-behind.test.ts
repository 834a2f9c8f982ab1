/**
 * The invariant: whatever way a drill ends, after its main step and its post step no drill instance
 * of the execution is still running. Drills launch real, billed EC2 instances and DRS never terminates
 * them by itself. Each case runs the bundle's main step the way the runner does (signals included),
 * then the post step with the state the main step saved, and reads the emulator's world.
 */
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../emulator/scenario.js';
import type { Emulator } from '../../emulator/server.js';
import {
  type ActionRun,
  demoPlanText,
  demoScenario,
  emulatorPerTest,
  PLAN_PATH,
  POST_BUNDLE,
  runBundle,
  runDrill,
  SPEED,
  stateEnv,
  waitUntil,
} from './harness.js';

const startEmulator = emulatorPerTest();

/** EC2 instances launched by the execution's jobs (all of them, or those not terminated). */
function runningOf(emulator: Emulator, executionId: string, all = false): string[] {
  const jobs = new Set(
    [...emulator.state.jobs.values()]
      .filter((j) => j.tags['drs-drill:execution-id'] === executionId)
      .map((j) => j.jobID),
  );
  return [...emulator.state.instances.values()]
    .filter((i) => jobs.has(i.tags['drs.amazonaws.com-job'] ?? '') && (all || i.state !== 'terminated'))
    .map((i) => i.instanceId);
}

/** The post step with the main step's saved state, as the runner runs it. */
async function postStep(emulator: Emulator, main: ActionRun, workspace: string): Promise<ActionRun> {
  return runBundle({
    workspace,
    emulatorUrl: emulator.url,
    script: POST_BUNDLE,
    inputs: { mode: 'drill', plan: PLAN_PATH },
    env: {
      DRS_DRILL_CLOCK_SCALE: String(SPEED),
      DRS_DRILL_CLOCK_ANCHOR: emulator.state.clock.anchor(),
      ...stateEnv(main.state),
    },
  });
}

interface Case {
  name: string;
  plan?: (text: string) => string;
  faults?: Partial<Scenario['faults']>;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Sends a signal once the first job started. */
  signal?: NodeJS.Signals;
  status: string;
}

const CASES: Case[] = [
  { name: 'success', status: 'succeeded' },
  {
    name: 'a critical failure with onFailure: stop',
    faults: { servers: { 's-1000000000000000a': { phase: 'conversion', rawError: 'conversion failed' } } },
    status: 'failed',
  },
  {
    name: 'a critical failure with onFailure: continue',
    plan: (t) => t.replace(/^onFailure: stop$/m, 'onFailure: continue'),
    faults: { servers: { 's-1000000000000000a': { phase: 'conversion', rawError: 'conversion failed' } } },
    status: 'failed',
  },
  {
    name: 'a wave timeout (wave data, timeout 8m)',
    plan: (t) => t.replace(/(- name: data\n)/, '$1    timeout: 8m\n'),
    status: 'timed-out',
  },
  { name: 'the run timeout (timeout-minutes 14)', inputs: { 'timeout-minutes': '14' }, status: 'timed-out' },
  { name: 'SIGINT mid-wave', signal: 'SIGINT', status: 'cancelled' },
  { name: 'SIGTERM mid-wave', signal: 'SIGTERM', status: 'cancelled' },
  { name: 'kill -9 mid-wave', signal: 'SIGKILL', status: '' },
  { name: 'a crash in our code', env: { DRS_DRILL_TEST_CRASH: 'after-first-job' }, status: 'failed' },
];

describe('nothing left behind', () => {
  it.each(CASES.map((c) => [c.name, c] as const))(
    '%s',
    async (_name, c) => {
      const scenario = demoScenario();
      scenario.faults = { ...scenario.faults, ...c.faults };
      const em = await startEmulator(scenario, 5);
      const runId = String(100_000 + Math.floor(Math.random() * 1e6));
      const text = await demoPlanText();
      let child: ChildProcess | undefined;
      const main = runDrill({
        emulator: em,
        plan: c.plan ? c.plan(text) : text,
        inputs: { cleanup: 'always', ...c.inputs },
        runId,
        ...(c.env ? { env: c.env } : {}),
        onSpawn: (p: ChildProcess) => {
          child = p;
        },
      });
      if (c.signal) {
        await waitUntil(() => em.calls.some((x) => x.operation === 'StartRecovery' && x.outcome === 'ok'));
        child?.kill(c.signal);
      }
      const ended = await main;
      if (c.status) expect(ended.outputs.status, ended.stdout.slice(-3000)).toBe(c.status);
      const executionId = JSON.parse(ended.state['drs-run'] ?? '{}').executionId as string;
      expect(executionId).toContain(runId);
      const post = await postStep(em, ended, ended.workspace);
      expect(post.code, post.stdout.slice(-2000)).toBe(0);
      // Not vacuous: the execution did launch instances, and none of them is left running.
      expect(runningOf(em, executionId, true).length).toBeGreaterThan(0);
      expect(runningOf(em, executionId)).toEqual([]);
    },
    90_000,
  );
});
