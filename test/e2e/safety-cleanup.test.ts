/**
 * `mode: cleanup` through the bundle against the emulator: only drill instances (isDrill true) of the
 * plan's servers are terminated; a real recovery's instance of the same server is never touched;
 * `older-than` is judged on EC2 LaunchTime; `dry-run` writes nothing.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../emulator/scenario-load.js';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import { ofOperation, REPO_ROOT, readReport, runOnDemo, SPEED, writesOf } from './harness.js';

const REAL = 'i-0c1ea0000000000a1'; // a real recovery of db-01: must survive everything
const OLD_DRILL = 'i-0c1ea0000000000b1'; // a drill instance of db-01 left two days ago
const YOUNG_DRILL = 'i-0c1ea0000000000c1'; // a drill instance of db-02 from an hour ago

let emulator: Emulator;

beforeAll(async () => {
  const scenario = loadScenarioFile(join(REPO_ROOT, 'emulator', 'scenarios', 'demo.yaml'));
  const at = (hoursBefore: number) =>
    new Date(Date.parse('2025-06-02T09:00:00Z') - hoursBefore * 3600_000).toISOString();
  scenario.recoveryInstances.push(
    {
      recoveryInstanceID: REAL,
      ec2InstanceID: 'i-0ec2a0000000000a1',
      sourceServerID: 's-1000000000000000a',
      isDrill: false,
      jobID: 'drsjob-0000000000000a001',
      state: 'running',
      launchedAt: at(72),
    },
    {
      recoveryInstanceID: OLD_DRILL,
      ec2InstanceID: 'i-0ec2a0000000000b1',
      sourceServerID: 's-1000000000000000a',
      isDrill: true,
      jobID: 'drsjob-0000000000000b001',
      state: 'running',
      launchedAt: at(48),
    },
    {
      recoveryInstanceID: YOUNG_DRILL,
      ec2InstanceID: 'i-0ec2a0000000000c1',
      sourceServerID: 's-1000000000000000b',
      isDrill: true,
      jobID: 'drsjob-0000000000000c001',
      state: 'running',
      launchedAt: at(1),
    },
  );
  emulator = await startEmulator({ scenario, speed: SPEED, seed: 9 });
});
afterAll(async () => emulator?.close());
beforeEach(() => emulator.reset());

function remaining(): string[] {
  return [...emulator.state.recoveryInstances.keys()].sort();
}

function resultOf(entries: { recoveryInstanceId: string; result: string }[], id: string) {
  return entries.find((e) => e.recoveryInstanceId === id)?.result;
}

describe('mode: cleanup', () => {
  it('dry-run lists what older-than selects and writes nothing', async () => {
    const result = await runOnDemo(emulator, { mode: 'cleanup', 'older-than': '1d', 'dry-run': 'true' });
    expect(result.code, result.stdout).toBe(0);
    expect(writesOf(emulator.calls)).toEqual([]);
    const report = await readReport(result);
    expect(report.mode).toBe('cleanup');
    expect(report.cleanup?.status).toBe('dry-run');
    const instances = report.cleanup?.instances ?? [];
    expect(resultOf(instances, OLD_DRILL)).toBe('would terminate');
    expect(resultOf(instances, YOUNG_DRILL)).toMatch(/younger than older-than \(1d\)/);
    expect(resultOf(instances, REAL)).toMatch(/not a drill instance/);
    expect(result.summary.split('\n')[0]).toMatch(/Cleanup dry run succeeded — demo/);
    expect(report.dryRun).toBe(true);
    expect(result.summary).not.toContain('Launch-configuration');
    expect(result.outputs.status).toBe('succeeded');
    expect(remaining()).toEqual([OLD_DRILL, REAL, YOUNG_DRILL].sort());
  });

  it('older-than: terminates only the old drill instance', async () => {
    const result = await runOnDemo(emulator, { mode: 'cleanup', 'older-than': '24h' });
    expect(result.code, result.stdout).toBe(0);
    const terminated = ofOperation(emulator.calls, 'TerminateRecoveryInstances').map(
      (c) => (c.request as { recoveryInstanceIDs: string[] }).recoveryInstanceIDs,
    );
    expect(terminated).toEqual([[OLD_DRILL]]);
    const report = await readReport(result);
    expect(report.cleanup?.status).toBe('succeeded');
    expect(resultOf(report.cleanup?.instances ?? [], OLD_DRILL)).toBe('terminated');
    expect(remaining()).toEqual([REAL, YOUNG_DRILL].sort());
  });

  it('without older-than: terminates every drill instance and never the real recovery of the same server', async () => {
    const result = await runOnDemo(emulator, { mode: 'cleanup' });
    expect(result.code, result.stdout).toBe(0);
    const terminated = ofOperation(emulator.calls, 'TerminateRecoveryInstances').flatMap(
      (c) => (c.request as { recoveryInstanceIDs: string[] }).recoveryInstanceIDs,
    );
    expect(terminated.sort()).toEqual([OLD_DRILL, YOUNG_DRILL].sort());
    expect(remaining()).toEqual([REAL]);
    const ec2 = emulator.state.instances.get('i-0ec2a0000000000a1');
    expect(ec2?.state).toBe('running');
    const report = await readReport(result);
    expect(resultOf(report.cleanup?.instances ?? [], REAL)).toMatch(/not a drill instance/);
    expect(result.summary).toContain('Cleanup');
  });
});
