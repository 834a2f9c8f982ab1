/**
 * The pipelined preflight (issue 18), through the bundle against the emulator: the account-wide
 * checks cover every wave before the first write, the first wave starts without waiting for the later
 * waves' launch reads, a later wave's launch settings are read and repaired before it starts, and a
 * later wave whose launch settings fail stops the drill before it starts, with the same errors a
 * preflight failure gives and the launched wave cleaned up.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../emulator/control.js';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import {
  callsOf,
  demoPlanText,
  demoScenario,
  expectSaneReport,
  explain,
  outputsOf,
  runDrill,
  SPEED,
  startBody,
} from './harness.js';

const DATA = ['s-1000000000000000a', 's-1000000000000000b'];
const WEB = ['s-1000000000000000f', 's-10000000000000010'];

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function demo(seed: number): Promise<Emulator> {
  emulator = await startEmulator({ scenario: demoScenario(), port: 0, speed: SPEED, seed });
  return emulator;
}

/** Position in the call log of the first call of `operation` naming one of `servers`. */
function firstFor(calls: readonly RecordedCall[], operation: string, servers: readonly string[]): number {
  const i = calls.findIndex(
    (c) =>
      c.service === 'drs' &&
      c.operation === operation &&
      servers.includes((c.request as { sourceServerID?: string }).sourceServerID ?? ''),
  );
  return i < 0 ? Number.POSITIVE_INFINITY : i;
}

function startedServers(calls: readonly RecordedCall[]): string[] {
  return callsOf(calls, 'StartRecovery').flatMap((c) =>
    startBody(c).sourceServers.map((s) => s.sourceServerID),
  );
}

describe('a pipelined drill', () => {
  it('starts the first wave before reading the last one, and repairs each later wave before it starts', async () => {
    const em = await demo(11);
    const run = await runDrill({ emulator: em, plan: await demoPlanText(), inputs: { cleanup: 'always' } });
    expect(run.code, explain(run)).toBe(0);
    expect(outputsOf(run).status).toBe('succeeded');
    const report = run.report;
    if (!report) throw new Error('no report');
    expectSaneReport(report);
    const calls = run.calls;
    const firstStart = calls.findIndex((c) => c.service === 'drs' && c.operation === 'StartRecovery');
    // The account-wide reads (every wave's servers) came before it...
    const instances = callsOf(calls, 'DescribeRecoveryInstances')[0];
    expect(instances && calls.indexOf(instances)).toBeLessThan(firstStart);
    // ...the web wave's launch settings were read after it, and written before web started.
    expect(firstFor(calls, 'GetLaunchConfiguration', WEB)).toBeGreaterThan(firstStart);
    expect(firstFor(calls, 'GetLaunchConfiguration', DATA)).toBeLessThan(firstStart);
    const webStart = calls.findIndex(
      (c) =>
        c.service === 'drs' &&
        c.operation === 'StartRecovery' &&
        startBody(c).sourceServers.some((s) => WEB.includes(s.sourceServerID)),
    );
    const webRepair = firstFor(calls, 'UpdateLaunchConfiguration', WEB);
    expect(webRepair).toBeLessThan(webStart);
    // The demo templates have no subnet: the plan's is written for the web servers too, and reported.
    const webChanges = report.launchConfigChanges.filter((c) => WEB.includes(c.sourceServerId));
    expect(webChanges.length).toBeGreaterThan(0);
    expect(webChanges.every((c) => c.applied)).toBe(true);
    expect(startedServers(calls).sort()).toHaveLength(7);
    expect(run.stdout).toContain('Wave "web": preflight passed (2 server(s) to start)');
  });

  it('stops before a later wave whose launch settings fail, with the preflight’s errors, and cleans up', async () => {
    const em = await demo(12);
    // web-01's planned subnet does not exist: only its own launch reads can tell.
    const plan = (await demoPlanText()).replace(
      '      - tags: { App: demo, Tier: web }',
      '      - tags: { App: demo, Tier: web }\n        template: { subnetId: subnet-0000000000000dead }',
    );
    const run = await runDrill({ emulator: em, plan, inputs: { cleanup: 'always' } });
    expect(run.code, explain(run)).toBe(1);
    expect(outputsOf(run).status).toBe('failed');
    const report = run.report;
    if (!report) throw new Error('no report');
    expectSaneReport(report);
    const web = report.waves.find((w) => w.name === 'web');
    expect(web?.status).toBe('failed');
    expect(web?.jobs).toEqual([]);
    const preflight = report.errors.filter((e) => e.startsWith('Preflight: wave web:'));
    expect(preflight.length).toBeGreaterThan(0);
    expect(preflight.join('\n')).toContain('subnet-0000000000000dead');
    expect(report.errors).toContain(
      'Wave "web" was not started: fix the preflight problems above and run again.',
    );
    // Under onFailure: stop the waves not yet started stay so: a doomed drill launches nothing more.
    expect(report.waves.map((w) => [w.name, w.status])).toEqual([
      ['data', 'succeeded'],
      ['app', 'skipped'],
      ['cache', 'skipped'],
      ['web', 'failed'],
    ]);
    // An annotation at the plan line of the web servers, as a preflight failure has.
    const annotation = run.stdout
      .split('\n')
      .find(
        (l) => l.startsWith('::error file=drs-plans/plan.yaml') && l.includes('subnet-0000000000000dead'),
      );
    expect(annotation).toMatch(/^::error file=drs-plans\/plan\.yaml,line=\d+,col=\d+::/);
    // Nothing of web started; what did start was cleaned up.
    expect(startedServers(run.calls).filter((id) => WEB.includes(id))).toEqual([]);
    expect(startedServers(run.calls)).toEqual(expect.arrayContaining(DATA));
    expect(report.cleanup?.status).toBe('succeeded');
    const launched = report.waves.flatMap((w) => w.servers.flatMap((s) => (s.recoveryInstanceId ? [s] : [])));
    expect(launched.length).toBeGreaterThan(0);
    expect(report.cleanup?.instances.length).toBe(launched.length);
  });
});
