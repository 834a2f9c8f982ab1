/**
 * Staying power through the bundle against the emulator: a runner killed with SIGKILL mid-wave and a
 * re-run of the same workflow run (attempt 2) start zero duplicate jobs; a cancelled drill (SIGINT)
 * publishes its partial evidence before the runner escalates and its post step terminates the drill
 * instances; a second execution of the same plan is refused while the first runs.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/server.js';
import {
  demoEmulatorPerFile,
  expectDemoSucceeded,
  makeWorkspace,
  ofOperation,
  POST_BUNDLE,
  REPO_ROOT,
  readReport,
  runOnDemo,
  startedChunks,
  stateEnv,
  waitUntil,
} from './harness.js';

const emulator = demoEmulatorPerFile(5);

function startsOfWave(wave: string): number {
  return startedChunks(emulator().calls).filter((s) => s.key.startsWith(`${wave} `)).length;
}

describe('resume after the runner died', () => {
  it('a re-run (attempt 2) attaches to the jobs of attempt 1: one StartRecovery per wave chunk in all', async () => {
    const workspace = await makeWorkspace();
    const runId = '7001';
    let child: ChildProcess | undefined;
    const first = runOnDemo(emulator(), { mode: 'drill' }, { workspace, runId, onSpawn: (c) => (child = c) });
    // Mid-wave: the app and cache waves have started (data is done), web has not.
    await waitUntil(() => startsOfWave('app') === 1 && startsOfWave('cache') === 1);
    child?.kill('SIGKILL');
    const killed = await first;
    expect(killed.signal).toBe('SIGKILL');
    expect(startsOfWave('web')).toBe(0);

    const second = await runOnDemo(emulator(), { mode: 'drill' }, { workspace, runId, runAttempt: 2 });
    expect(second.code, second.stdout).toBe(0);
    const chunks = startedChunks(emulator().calls);
    expect(chunks.map((c) => c.key).sort()).toEqual(['app 1/1', 'cache 1/1', 'data 1/1', 'web 1/1']);
    expect(new Set(chunks.map((c) => c.executionId))).toEqual(new Set([`acme/dr-plans/${runId}`]));
    expect(second.stdout).toContain('attached to job an earlier attempt started');

    const report = await readReport(second);
    expectDemoSucceeded(report);
    const servers = report.waves.flatMap((w) => w.servers);
    for (const s of servers) {
      expect(s.jobId).toBeTruthy();
      expect(s.ec2InstanceId).toBeTruthy();
      expect(s.health).toBe('passed');
    }
    expect(report.warnings.some((w) => w.startsWith('Resumed'))).toBe(true);
    // The second attempt's own cleanup terminated every drill instance of the execution.
    expect(report.cleanup?.status).toBe('succeeded');
    expect(report.cleanup?.instances).toHaveLength(7);

    // A third attempt of the finished, cleaned-up run starts nothing and says why.
    const third = await runOnDemo(emulator(), { mode: 'drill' }, { workspace, runId, runAttempt: 3 });
    expect(third.code).toBe(1);
    expect(third.stdout).toContain('already ran this plan to its end');
    expect(startedChunks(emulator().calls)).toHaveLength(4);
  }, 60_000);
});

describe('cancellation', () => {
  it('SIGINT mid-wave: partial report and summary before SIGTERM, then the post step terminates the drill instances', async () => {
    const workspace = await makeWorkspace();
    let child: ChildProcess | undefined;
    let signalledAt = 0;
    const timers: NodeJS.Timeout[] = [];
    const main = runOnDemo(
      emulator(),
      { mode: 'drill', cleanup: 'always' },
      { workspace, onSpawn: (c) => (child = c) },
    );
    await waitUntil(() => startsOfWave('app') === 1);
    // What the runner does on cancel: SIGINT, SIGTERM 7.5 s later, SIGKILL at 10 s.
    signalledAt = Date.now();
    child?.kill('SIGINT');
    timers.push(setTimeout(() => child?.kill('SIGTERM'), 7500));
    timers.push(setTimeout(() => child?.kill('SIGKILL'), 10_000));
    const result = await main;
    for (const t of timers) clearTimeout(t);
    // Out before the runner's SIGTERM (7.5 s after SIGINT): the evidence came from the SIGINT alone.
    expect(Date.now() - signalledAt).toBeLessThan(7500);
    expect(result.signal).toBeNull();
    expect(result.code).toBe(1);
    expect(result.outputs.status).toBe('cancelled');
    expect(result.summary.split('\n')[0]).toMatch(/Drill cancelled — demo/);

    const saved = JSON.parse(result.state['drs-run'] ?? '{}') as { jobIds?: string[]; finished?: boolean };
    const jobIds = saved.jobIds ?? [];
    expect(jobIds.length).toBeGreaterThanOrEqual(2);
    expect(saved.finished).toBe(false);
    const report = await readReport(result);
    expect(report.status).toBe('cancelled');
    const reported = report.waves.flatMap((w) => w.jobs.map((j) => j.jobId));
    expect(reported.sort()).toEqual([...jobIds].sort());
    // Every job not yet COMPLETED is named in the errors (it keeps running in DRS).
    for (const job of report.waves.flatMap((w) => w.jobs).filter((j) => j.status !== 'COMPLETED')) {
      expect(report.errors.join('\n')).toContain(job.jobId);
      expect(result.summary).toContain(job.jobId);
    }
    expect(ofOperation(emulator().calls, 'TerminateRecoveryInstances')).toEqual([]);

    const post = await runOnDemo(
      emulator(),
      { mode: 'drill', cleanup: 'always' },
      { workspace, script: POST_BUNDLE, env: stateEnv(result.state) },
    );
    expect(post.code, post.stdout).toBe(0);
    expect(ofOperation(emulator().calls, 'TerminateRecoveryInstances').length).toBeGreaterThan(0);
    const left = [...emulator().state.recoveryInstances.values()].filter((ri) =>
      jobIds.includes(ri.jobID ?? ''),
    );
    expect(left).toEqual([]);
    expect(post.summary).toContain('Post step');
    expect(post.summary).toContain('terminated');
  }, 60_000);

  it('SIGINT while an AWS call hangs: the run gives it a short grace, then publishes what it knows', async () => {
    let child: ChildProcess | undefined;
    const main = runOnDemo(emulator(), { mode: 'drill' }, { onSpawn: (c) => (child = c) });
    await waitUntil(() => startsOfWave('data') === 1);
    // From now on every AWS answer takes 8 s: the next poll is in flight when the signal comes.
    const slow = await fetch(`${emulator().url}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ latencyMs: 8000 }),
    });
    expect(slow.status).toBe(200);
    const before = emulator().calls.length;
    await waitUntil(() => emulator().calls.length > before);
    const signalledAt = Date.now();
    child?.kill('SIGINT');
    const timers = [
      setTimeout(() => child?.kill('SIGTERM'), 7500),
      setTimeout(() => child?.kill('SIGKILL'), 10_000),
    ];
    const result = await main;
    for (const t of timers) clearTimeout(t);
    expect(Date.now() - signalledAt).toBeLessThan(7500);
    await fetch(`${emulator().url}/_emulator/faults`, { method: 'POST', body: '{}' });
    expect(result.signal).toBeNull();
    expect(result.outputs.status).toBe('cancelled');
    expect(result.summary.split('\n')[0]).toMatch(/Drill cancelled — demo/);
    const report = await readReport(result);
    const dataJob = report.waves[0]?.jobs[0]?.jobId;
    expect(dataJob).toBeTruthy();
    expect(result.summary).toContain(dataJob);
  }, 60_000);

  it('the post step does nothing when the main step finished, or when cleanup is never', async () => {
    const state = {
      executionId: 'acme/dr-plans/1',
      mode: 'drill',
      region: 'us-east-1',
      cleanup: 'always',
      planName: 'demo',
      jobIds: ['drsjob-00000000000000001'],
      finished: false,
    };
    const saved = (s: object) => stateEnv({ 'drs-run': JSON.stringify(s) });
    const finished = await runOnDemo(
      emulator(),
      { mode: 'drill' },
      { script: POST_BUNDLE, env: saved({ ...state, finished: true }) },
    );
    expect(finished.code).toBe(0);
    expect(finished.stdout).toContain('nothing to do (the main step finished');
    const never = await runOnDemo(
      emulator(),
      { mode: 'drill', cleanup: 'never' },
      { script: POST_BUNDLE, env: saved({ ...state, cleanup: 'never' }) },
    );
    expect(never.code).toBe(0);
    expect(never.stdout).toContain('cleanup is "never"');
    expect(emulator().calls).toEqual([]);
  });
});

describe('one execution of a plan at a time', () => {
  it('refuses a second execution of the same plan while the first has active jobs', async () => {
    // Slower simulated time, so the first execution's job is surely still active when the second starts.
    const slow = await startEmulator({
      scenario: join(REPO_ROOT, 'emulator', 'scenarios', 'demo.yaml'),
      speed: 30,
      seed: 5,
    });
    const env = { DRS_DRILL_CLOCK_SCALE: '30' };
    try {
      let child: ChildProcess | undefined;
      const first = runOnDemo(slow, { mode: 'drill' }, { runId: '8001', env, onSpawn: (c) => (child = c) });
      await waitUntil(() => startedChunks(slow.calls).length === 1);
      const second = await runOnDemo(slow, { mode: 'drill' }, { runId: '8002', env });
      child?.kill('SIGKILL');
      await first;
      expect(second.code, second.stdout).toBe(1);
      expect(second.stdout).toContain('Another execution of plan "demo" is running (acme/dr-plans/8001)');
      expect(startedChunks(slow.calls).filter((c) => c.executionId === 'acme/dr-plans/8002')).toEqual([]);
      const report = await readReport(second);
      expect(report.status).toBe('failed');
      expect(report.waves).toEqual([]);
    } finally {
      await slow.close();
    }
  }, 60_000);
});
