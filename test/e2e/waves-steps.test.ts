/**
 * One execution over several jobs (input `waves`) through the bundle against the emulator. Each step
 * runs in a workspace of its own (its own temp dir, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, report dir),
 * as a later job on another runner would: all it shares with the earlier step is the workflow run id,
 * so everything it knows of that step comes from DRS and EC2.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import type { Report } from '../../src/core/report.js';
import {
  makeWorkspace,
  ofOperation,
  POST_BUNDLE,
  REPO_ROOT,
  readReport,
  runOnDemo as run,
  SPEED,
  startedChunks,
  stateEnv,
  waitUntil,
} from './harness.js';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({
    scenario: join(REPO_ROOT, 'emulator', 'scenarios', 'demo.yaml'),
    speed: SPEED,
    seed: 7,
  });
});
afterAll(async () => emulator?.close());
beforeEach(() => emulator.reset());

/** A step: a job of the workflow run `runId`, in a fresh workspace of its own. */
async function step(runId: string, job: string, inputs: Record<string, string>, extra = {}) {
  const workspace = await makeWorkspace();
  const result = await run(
    emulator,
    { mode: 'drill', ...inputs },
    { workspace, runId, env: { GITHUB_JOB: job }, ...extra },
  );
  return { result, workspace };
}

/** Recovery instances the emulator holds for the jobs of one wave (terminated ones are gone). */
function liveInstancesOf(report: Report, wave: string): string[] {
  const jobs = new Set(report.waves.find((w) => w.name === wave)?.jobs.map((j) => j.jobId));
  return [...emulator.state.recoveryInstances.values()]
    .filter((ri) => jobs.has(ri.jobID ?? ''))
    .map((ri) => ri.ec2InstanceID);
}

describe('waves split over two jobs of one workflow run', () => {
  it('one merged report in the second, one StartRecovery per chunk overall, cleanup only at the end', async () => {
    const runId = '8101';
    const first = await step(runId, 'data', { waves: 'data' });
    expect(first.result.code, first.result.stdout).toBe(0);
    expect(first.result.outputs['waves-remaining']).toBe('app,cache,web');
    expect(first.result.outputs.status).toBe('succeeded');
    expect(first.result.summary).toContain('Waves left: app, cache, web');
    expect(first.result.summary).toContain('instances kept running for the next step');
    const report1 = await readReport(first.result);
    expect(report1.waves.map((w) => [w.name, w.status])).toEqual([
      ['data', 'succeeded'],
      ['app', 'pending'],
      ['cache', 'pending'],
      ['web', 'pending'],
    ]);
    expect(report1.cleanup?.status).toBe('skipped');
    // The data wave's drill instances are still running after step 1 and after its post step.
    expect(ofOperation(emulator.calls, 'TerminateRecoveryInstances')).toEqual([]);
    expect(liveInstancesOf(report1, 'data')).toHaveLength(2);
    const saved = JSON.parse(first.result.state['drs-run'] ?? '{}') as { finished?: boolean };
    expect(saved.finished).toBe(true);
    const post1 = await run(
      emulator,
      { mode: 'drill' },
      { workspace: first.workspace, script: POST_BUNDLE, env: stateEnv(first.result.state) },
    );
    expect(post1.code, post1.stdout).toBe(0);
    expect(post1.stdout).toContain('waves left (app, cache, web)');
    expect(ofOperation(emulator.calls, 'TerminateRecoveryInstances')).toEqual([]);
    expect(liveInstancesOf(report1, 'data')).toHaveLength(2);

    const second = await step(runId, 'gated', { waves: 'app, cache\nweb' });
    expect(second.workspace).not.toBe(first.workspace);
    expect(second.result.dir).not.toBe(first.result.dir);
    expect(second.result.code, second.result.stdout).toBe(0);
    expect(second.result.outputs['waves-remaining']).toBe('');
    // Exactly one StartRecovery per chunk over the whole execution: data was not started again.
    expect(
      startedChunks(emulator.calls)
        .map((c) => c.key)
        .sort(),
    ).toEqual(['app 1/1', 'cache 1/1', 'data 1/1', 'web 1/1']);
    const report2 = await readReport(second.result);
    expect(report2.status).toBe('succeeded');
    expect(report2.waves.map((w) => [w.name, w.status, w.step])).toEqual([
      ['data', 'succeeded', 'data'],
      ['app', 'succeeded', 'gated'],
      ['cache', 'succeeded', 'gated'],
      ['web', 'succeeded', 'gated'],
    ]);
    // Step 1's results, rebuilt from DRS: the same jobs, instances and health times.
    const data1 = report1.waves[0]!;
    const data2 = report2.waves[0]!;
    expect(data2.jobs.map((j) => j.jobId)).toEqual(data1.jobs.map((j) => j.jobId));
    expect(data2.endedAt).toBe(data1.endedAt);
    expect(data2.servers.map((s) => [s.sourceServerId, s.ec2InstanceId, s.healthyAt, s.health])).toEqual(
      data1.servers.map((s) => [s.sourceServerId, s.ec2InstanceId, s.healthyAt, 'passed']),
    );
    expect(report2.steps?.map((s) => [s.name, s.waves, s.earlier ?? false])).toEqual([
      ['data', ['data'], true],
      ['gated', ['app', 'cache', 'web'], false],
    ]);
    expect(report2.measured.firstStartRecoveryAt).toBe(data1.jobs[0]?.createdAt);
    // The time between the jobs is not recovery time.
    expect(report2.measured.rtoDefinition).toBe('active-time-across-steps');
    expect(report2.measured.rtoSeconds).toBeLessThan(report2.measured.rtoWallClockSeconds ?? 0);
    expect(second.result.summary).toContain('### Steps');
    expect(second.result.summary).toContain('between steps (approvals, hooks) is left out');
    // The step that finished the plan cleaned up every wave's instances, step 1's included.
    expect(report2.cleanup?.status).toBe('succeeded');
    expect(report2.cleanup?.instances).toHaveLength(7);
    expect(liveInstancesOf(report2, 'data')).toEqual([]);
    expect(emulator.state.recoveryInstances.size).toBe(0);
    // Step 1's workspace never saw step 2's report, and the other way round.
    expect(existsSync(join(first.workspace, 'drs-report', 'report.json'))).toBe(true);
    expect(second.result.outputs['report-path']?.startsWith(second.workspace)).toBe(true);
  }, 120_000);

  it('a failure in the second job cleans up the instances of the first', async () => {
    const runId = '8102';
    const first = await step(runId, 'data', { waves: 'data' });
    expect(first.result.code, first.result.stdout).toBe(0);
    const report1 = await readReport(first.result);
    expect(liveInstancesOf(report1, 'data')).toHaveLength(2);
    // app-01 fails its conversion in the second job.
    const faults = await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ servers: { 's-1000000000000000c': { phase: 'conversion', rawError: 'disk' } } }),
    });
    expect(faults.status).toBe(200);
    const second = await step(runId, 'gated', { waves: 'app,cache,web' });
    expect(second.result.code).toBe(1);
    const report2 = await readReport(second.result);
    expect(report2.status).toBe('failed');
    expect(report2.waves.find((w) => w.name === 'app')?.status).toBe('failed');
    expect(report2.waves.find((w) => w.name === 'web')?.status).toBe('skipped');
    expect(report2.cleanup?.status).toBe('succeeded');
    // Nothing of the execution is left: the data wave's instances (step 1) went too.
    expect(liveInstancesOf(report1, 'data')).toEqual([]);
    expect(emulator.state.recoveryInstances.size).toBe(0);
    expect(startedChunks(emulator.calls).filter((c) => c.key.startsWith('data '))).toHaveLength(1);
  }, 120_000);
});

describe('a cancelled second job', () => {
  it('its post step terminates every job’s drill instances of the execution, the first job’s included', async () => {
    const runId = '8106';
    const first = await step(runId, 'data', { waves: 'data' });
    expect(first.result.code, first.result.stdout).toBe(0);
    const report1 = await readReport(first.result);
    expect(liveInstancesOf(report1, 'data')).toHaveLength(2);
    let child: ChildProcess | undefined;
    const cancelled = step(runId, 'gated', {}, { onSpawn: (c: ChildProcess) => (child = c) });
    await waitUntil(() => startedChunks(emulator.calls).some((c) => c.key.startsWith('app ')));
    child?.kill('SIGINT');
    const second = await cancelled;
    expect(second.result.outputs.status).toBe('cancelled');
    const saved = JSON.parse(second.result.state['drs-run'] ?? '{}') as {
      finished?: boolean;
      jobIds?: string[];
    };
    expect(saved.finished).toBe(false);
    // The first job's job is handed to this job's post step too.
    expect(saved.jobIds).toEqual(expect.arrayContaining(report1.waves[0]!.jobs.map((j) => j.jobId)));
    const post = await run(
      emulator,
      { mode: 'drill' },
      { workspace: second.workspace, script: POST_BUNDLE, env: stateEnv(second.result.state) },
    );
    expect(post.code, post.stdout).toBe(0);
    expect(liveInstancesOf(report1, 'data')).toEqual([]);
    expect(emulator.state.recoveryInstances.size).toBe(0);
  }, 120_000);
});

describe('bad input for waves', () => {
  it('an unknown wave is refused before anything is read or started', async () => {
    const { result } = await step('8103', 'data', { waves: 'data,dta' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('input waves: unknown wave "dta"');
    expect(result.stdout).toContain('"data", "app", "cache", "web"');
    expect(emulator.calls).toEqual([]);
  });

  it('a wave whose dependency neither runs in this job nor succeeded earlier is refused, naming it', async () => {
    const { result } = await step('8104', 'gated', { waves: 'web' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('wave "web" depends on wave "app", which is neither in this step');
    expect(ofOperation(emulator.calls, 'StartRecovery')).toEqual([]);
    expect(ofOperation(emulator.calls, 'UpdateLaunchConfiguration')).toEqual([]);
    const report = await readReport(result);
    expect(report.status).toBe('failed');
    expect(report.errors.join('\n')).toContain('depends on wave "app"');
    expect(report.errors.join('\n')).toContain('wave "web" depends on wave "cache"');
  });

  it('a later job after an earlier job was cancelled is refused, and its evidence published', async () => {
    const runId = '8105';
    let child: ChildProcess | undefined;
    const cancelled = step(runId, 'data', { waves: 'data' }, { onSpawn: (c: ChildProcess) => (child = c) });
    await waitUntil(() => startedChunks(emulator.calls).length === 1);
    child?.kill('SIGINT');
    const first = await cancelled;
    expect(first.result.outputs.status).toBe('cancelled');
    const second = await step(runId, 'gated', { waves: 'app,cache,web' });
    expect(second.result.code).toBe(1);
    expect(second.result.stdout).toMatch(
      /depends on wave "data", whose DRS job\(s\) drsjob-\w+, started by step "data", never finished/,
    );
    expect(startedChunks(emulator.calls)).toHaveLength(1);
    const report = await readReport(second.result);
    expect(report.status).toBe('failed');
    expect(second.result.summary).toContain('never finished');
  }, 60_000);
});
