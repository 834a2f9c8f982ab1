/**
 * Bad input ends a drill with one clear message and nothing started: a plan error (annotated at its
 * line and column), a plan whose accountId guard does not match the credentials, and preflight
 * problems (every one listed). The emulator's call log proves that nothing was written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import {
  expectSaneReport,
  explain,
  outputsOf,
  PLAN_PATH,
  runDrill,
  SMALL,
  SPEED,
  smallPlan,
  smallScenario,
  writesOf,
} from './harness.js';

const { DB, APP2, WEB } = SMALL;
const PLAN = smallPlan({ objectives: '{ rpo: 15m }' });

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ scenario: smallScenario(), port: 0, speed: SPEED, seed: 2 });
});
afterAll(async () => emulator?.close());

const errorLines = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::error'));

function expectNoStackTrace(run: { stdout: string; stderr: string }): void {
  expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

describe('bad input starts nothing', () => {
  it('a plan error: annotated at file:line:col, no AWS call that writes', async () => {
    // Line 16, column 9: a misspelt key under the web server.
    const plan = `${PLAN}        critcal: false\n`;
    const run = await runDrill({ emulator, plan });
    expect(run.code, explain(run)).toBe(1);
    const annotated = errorLines(run.stdout).filter((l) => l.includes(`file=${PLAN_PATH}`));
    expect(annotated).toHaveLength(1);
    expect(annotated[0]).toMatch(/line=16,/);
    expect(annotated[0]).toMatch(/col=9/);
    expect(annotated[0]).toContain('critcal');
    expect(writesOf(run.calls)).toEqual([]);
    expect(run.calls.filter((c) => c.service === 'drs')).toEqual([]);
    expectNoStackTrace(run);
  });

  it('a wrong accountId guard: refused before any DRS call, naming both accounts', async () => {
    const run = await runDrill({ emulator, plan: PLAN.replace('111122223333', '999988887777') });
    expect(run.code, explain(run)).toBe(1);
    const errors = errorLines(run.stdout);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('999988887777');
    expect(errors[0]).toContain('111122223333');
    expect(errors[0]).toMatch(/refus/);
    expect(run.calls.filter((c) => c.service === 'drs' || c.service === 'ec2')).toEqual([]);
    expectNoStackTrace(run);
  });

  it('preflight problems (STALLED replication, lag beyond the RPO): all listed, nothing written', async () => {
    const server = (id: string) => {
      const s = emulator.state.servers.get(id);
      if (!s) throw new Error(`no ${id}`);
      return s.scenario;
    };
    // The emulator's servers share their scenario entries: change them, and put them back after.
    const web = server(WEB);
    const app2 = server(APP2);
    const saved = { replicationState: web.replicationState, lagSeconds: app2.lagSeconds };
    web.replicationState = 'STALLED';
    app2.lagSeconds = 5400;
    try {
      const run = await runDrill({ emulator, plan: PLAN });
      expect(run.code, explain(run)).toBe(1);
      expect(outputsOf(run).status).toBe('failed');
      expect(writesOf(run.calls)).toEqual([]);
      const report = run.report;
      if (!report) throw new Error('no report.json');
      const preflight = report.errors.filter((e) => e.startsWith('Preflight:'));
      expect(preflight.some((e) => e.includes(WEB) && e.includes('STALLED'))).toBe(true);
      expect(preflight.some((e) => e.includes(APP2))).toBe(true);
      expect(report.errors.at(-1)).toContain('Nothing was started');
      for (const id of [WEB, APP2]) expect(run.summary).toContain(id);
      expect(run.summary).toContain('STALLED');
      // The summary claims only what happened: nothing launched, no repair, durations as people write them.
      expect(run.summary).toContain('**Nothing was launched**');
      expect(run.summary).not.toMatch(/0\/0|already matched|not every critical server/);
      expect(run.summary).toContain('the repair did not run');
      expect(run.summary).toContain('replication lag 1h 30m exceeds the plan&#39;s RPO of 15m');
      expect(run.summary).not.toMatch(/PT1H30M|5400s/);
      // Each annotation names its server once.
      for (const id of [WEB, APP2]) {
        const lines = errorLines(run.stdout).filter((l) => l.includes(id));
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) expect(line.split(id)).toHaveLength(2);
      }
      expect(report.waves.flatMap((w) => w.jobs)).toEqual([]);
      expectSaneReport(report);
      expectNoStackTrace(run);
    } finally {
      web.replicationState = saved.replicationState;
      app2.lagSeconds = saved.lagSeconds;
    }
  });

  it('a dry run: headed as a dry run, nothing written or launched', async () => {
    const run = await runDrill({ emulator, plan: PLAN, inputs: { 'dry-run': 'true' } });
    expect(run.code, explain(run)).toBe(0);
    expect(writesOf(run.calls)).toEqual([]);
    expect(run.report?.dryRun).toBe(true);
    expect(run.summary.split('\n')[0]).toBe('## ✅ Drill dry run passed — small');
    expect(run.summary).toContain('**Dry run**: preflight only');
    expect(run.summary).not.toContain('0/0');
  });

  it('a launch configuration that cannot be written: recorded per server, nothing started', async () => {
    const setFaults = (faults: unknown) =>
      fetch(`${emulator.url}/_emulator/faults`, { method: 'POST', body: JSON.stringify(faults) });
    await setFaults({ serverErrors: { rate: 0, operations: { UpdateLaunchConfiguration: 1 } } });
    try {
      // osByol differs from the scenario's default (false) on every server: each needs a DRS write.
      const plan = PLAN.replace('waves:', 'defaults: { launch: { osByol: true } }\nwaves:');
      const run = await runDrill({ emulator, plan });
      expect(run.code, explain(run)).toBe(1);
      expect(outputsOf(run).status).toBe('failed');
      const report = run.report;
      if (!report) throw new Error('no report.json');
      // The first wave's write failed: the run stops there (pipelined preflight: the later wave, read
      // and repaired only while the waves before it run, is never written).
      expect(report.errors.some((e) => e.includes(DB) && e.includes('could not be written'))).toBe(true);
      const written = run.calls.filter((c) => c.operation === 'UpdateLaunchConfiguration');
      expect(written.map((c) => (c.request as { sourceServerID: string }).sourceServerID)).not.toContain(WEB);
      expect(report.errors.at(-1)).toContain('Nothing was started');
      expect(run.calls.filter((c) => c.operation === 'StartRecovery')).toEqual([]);
      expect(report.launchConfigChanges.every((c) => !c.applied || c.target === 'template')).toBe(true);
      expect(run.summary).not.toContain('already matched');
      expectSaneReport(report);
      expectNoStackTrace(run);
    } finally {
      await setFaults({});
    }
  });
});
