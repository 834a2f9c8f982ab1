/**
 * What a drill tells when DRS or EC2 lets it down, through the bundle against the emulator: the
 * missing-EC2-permissions case, a critical and a non-critical failure at conversion, and an instance
 * that never passes its status checks. One emulator per case (each has its own faults).
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioFaults } from '../../emulator/scenario.js';
import type { Emulator } from '../../emulator/server.js';
import {
  callsOf,
  emulatorPerTest,
  expectSaneReport,
  explain,
  outputsOf,
  runDrill,
  SMALL,
  serversOf,
  smallPlan,
  smallScenario,
  startBody,
} from './harness.js';

const { DB, APP1, APP2, WEB } = SMALL;
const RAW_ERROR = 'Failed to convert the boot volume: unsupported kernel 2.6.18';

/** data → app (both by id) → web. */
const plan = (opts: { app2Critical?: boolean; webTimeout?: string } = {}) =>
  smallPlan({ objectives: '{ rto: 45m }', app: 'ids', ...opts });

const startEmulator = emulatorPerTest();

async function emulatorWith(faults: Partial<ScenarioFaults>): Promise<Emulator> {
  const scenario = smallScenario();
  scenario.faults = { ...scenario.faults, ...faults };
  return startEmulator(scenario, 3);
}

describe('drill failures', () => {
  it('missing EC2 permissions (job COMPLETED, 0 launched): failed, naming the likely cause and the permissions', async () => {
    const em = await emulatorWith({
      missingEc2Permissions: { action: 'ec2:RunInstances', logFailure: false },
    });
    const run = await runDrill({ emulator: em, plan: plan() });
    expect(run.code, explain(run)).toBe(1);
    expect(outputsOf(run).status).toBe('failed');
    const report = run.report;
    if (!report) throw new Error('no report.json');
    const data = report.waves[0];
    expect(data?.status).toBe('failed');
    expect(data?.jobs[0]?.status).toBe('COMPLETED');
    expect(data?.servers[0]?.ec2InstanceId).toBeUndefined();
    // The summary escapes '_' as &#95; (Markdown emphasis); read it as a person would.
    for (const text of [data?.error ?? '', run.summary.replaceAll('&#95;', '_'), run.stdout]) {
      expect(text).toContain('completed with 0 of its servers launched');
      expect(text).toContain('likely cause');
      expect(text).toContain('ec2:RunInstances');
      expect(text).toContain('AWSElasticDisasterRecoveryConsoleFullAccess_v2');
    }
    // Nothing after the failed wave was started.
    expect(callsOf(run.calls, 'StartRecovery')).toHaveLength(1);
    expect(report.waves.slice(1).map((w) => w.status)).toEqual(['skipped', 'skipped']);
    expectSaneReport(report);
  });

  it('a critical server failing at conversion fails its wave; dependants never start; report and summary name it and the rawError', async () => {
    const em = await emulatorWith({ servers: { [DB]: { phase: 'conversion', rawError: RAW_ERROR } } });
    const run = await runDrill({ emulator: em, plan: plan() });
    expect(run.code, explain(run)).toBe(1);
    expect(outputsOf(run).status).toBe('failed');
    const report = run.report;
    if (!report) throw new Error('no report.json');
    expect(report.waves.map((w) => w.status)).toEqual(['failed', 'skipped', 'skipped']);
    const db = report.waves[0]?.servers[0];
    expect(db?.launchStatus).toBe('FAILED');
    expect(db?.errors.some((e) => e.event === 'CONVERSION_FAIL' && e.rawError === RAW_ERROR)).toBe(true);
    expect(report.waves[0]?.error).toContain(DB);
    // No StartRecovery ever named a server of the dependent waves.
    const started = callsOf(run.calls, 'StartRecovery').flatMap((c) =>
      startBody(c).sourceServers.map((s) => s.sourceServerID),
    );
    expect(started).toEqual([DB]);
    expect(run.summary).toContain(DB);
    expect(run.summary).toContain('db-01.small.internal');
    expect(run.summary).toContain(RAW_ERROR);
    expect(outputsOf(run).rtoSeconds).toBe('');
    expectSaneReport(report);
  });

  it('a non-critical server failing is a warning and the run succeeds', async () => {
    const em = await emulatorWith({ servers: { [APP2]: { phase: 'conversion', rawError: RAW_ERROR } } });
    const run = await runDrill({ emulator: em, plan: plan({ app2Critical: false }) });
    expect(run.code, explain(run)).toBe(0);
    const out = outputsOf(run);
    expect(out.status).toBe('succeeded');
    const report = run.report;
    if (!report) throw new Error('no report.json');
    expect(report.waves.map((w) => w.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const warning = report.warnings.find((w) => w.includes(APP2));
    expect(warning).toMatch(/non-critical/);
    expect(run.stdout).toMatch(new RegExp(`::warning::.*non-critical server ${APP2}`));
    expect(Object.keys(out.instanceIds ?? {}).sort()).toEqual([APP1, DB, WEB].sort());
    const app2 = serversOf(report).find((s) => s.sourceServerId === APP2);
    expect(app2?.errors.some((e) => e.rawError === RAW_ERROR)).toBe(true);
    expect(Number(out.rtoSeconds)).toBeGreaterThan(0);
    expectSaneReport(report);
  });

  it('an instance that never passes its status checks times its wave out', async () => {
    const em = await emulatorWith({ neverHealthy: [WEB] });
    const run = await runDrill({ emulator: em, plan: plan({ webTimeout: '20m' }) });
    expect(run.code, explain(run)).toBe(1);
    expect(outputsOf(run).status).toBe('timed-out');
    const report = run.report;
    if (!report) throw new Error('no report.json');
    expect(report.waves.map((w) => w.status)).toEqual(['succeeded', 'succeeded', 'timed-out']);
    const web = report.waves[2];
    const server = web?.servers[0];
    expect(server?.launchStatus).toBe('LAUNCHED');
    expect(server?.ec2InstanceId).toBeDefined();
    expect(server?.health).not.toBe('passed');
    expect(web?.error ?? report.errors.join(' ')).toMatch(/tim/i);
    // The wave gave up at its 20-minute timeout, measured on AWS's (simulated) clock.
    const seconds = (Date.parse(web?.endedAt ?? '') - Date.parse(web?.startedAt ?? '')) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(20 * 60 - 60);
    // Decided on the first evaluation after the timeout; 10 simulated minutes of slack (1 s real).
    expect(seconds).toBeLessThan(30 * 60);
    expect(run.summary).toContain(WEB);
    expectSaneReport(report);
  });
});
