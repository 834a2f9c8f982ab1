/**
 * Recovery to a point in time through the bundle against the emulator: with the input point-in-time
 * every server launches from its latest recovery snapshot at or before it (StartRecovery names it,
 * the report too, and the RPO is measured from it); a critical server with no such snapshot stops
 * the drill in preflight, before anything is written.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Scenario } from '../../emulator/scenario.js';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import { parseInstant } from '../../src/core/durations.js';
import {
  callsOf,
  demoPlanText,
  demoScenario,
  expectSaneReport,
  explain,
  outputsOf,
  runDrill,
  SPEED,
  serversOf,
  startBody,
  writesOf,
} from './harness.js';

const MINUTE = 60_000;
/** Snapshots 60, 40 and 20 minutes before the emulator's start; the point in time is 30 minutes before. */
const AGES = [60, 40, 20];

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const pitId = (server: number, age: number) =>
  `pit-${server.toString(16).padStart(2, '0')}${age.toString().padStart(15, '0')}`;

/** Every server gets the three snapshots; `recentOnly` only one, 10 minutes old. */
function withSnapshots(scenario: Scenario, recentOnly?: string): Scenario {
  const start = Date.parse(scenario.startTime);
  scenario.servers.forEach((s, i) => {
    s.snapshots = (s.sourceServerID === recentOnly ? [10] : AGES).map((age) => ({
      snapshotID: pitId(i, age),
      timestamp: new Date(start - age * MINUTE).toISOString(),
    }));
  });
  return scenario;
}

async function start(scenario: Scenario): Promise<Emulator> {
  emulator = await startEmulator({ scenario, port: 0, speed: SPEED, seed: 11 });
  return emulator;
}

describe('input point-in-time', () => {
  it('launches every server from its latest snapshot at or before the time, and reports each', async () => {
    const scenario = withSnapshots(demoScenario());
    const pointInTime = new Date(Date.parse(scenario.startTime) - 30 * MINUTE).toISOString();
    const em = await start(scenario);
    const run = await runDrill({
      emulator: em,
      plan: await demoPlanText(),
      inputs: { cleanup: 'always', 'point-in-time': pointInTime.replace('.000Z', '+00:00') },
    });
    expect(run.code, explain(run)).toBe(0);
    expect(outputsOf(run).status).toBe('succeeded');
    const expected = new Map(scenario.servers.map((s, i) => [s.sourceServerID, pitId(i, 40)]));
    const launched = callsOf(run.calls, 'StartRecovery').flatMap((c) => startBody(c).sourceServers);
    expect(launched).toHaveLength(7);
    for (const s of launched) expect(s.recoverySnapshotID).toBe(expected.get(s.sourceServerID));
    // Snapshots were listed newest first, per server.
    const listed = callsOf(run.calls, 'DescribeRecoverySnapshots');
    expect(listed).toHaveLength(7);
    for (const c of listed) expect((c.request as { order?: string }).order).toBe('DESC');
    const report = run.report;
    if (!report) throw new Error('no report');
    expectSaneReport(report);
    expect(report.pointInTime).toBe(pointInTime);
    for (const s of serversOf(report)) {
      expect(s.recoverySnapshotId).toBe(expected.get(s.sourceServerId));
      expect(s.pinnedSnapshotId).toBeUndefined();
      expect(parseInstant(s.recoveryPointAt)).toBe(Date.parse(scenario.startTime) - 40 * MINUTE);
    }
    // RPO = the recovery request − that snapshot's time: at least the snapshot's 40 minutes.
    expect(report.measured.rpoSeconds).toBeGreaterThanOrEqual(40 * 60);
    expect(report.measured.rpoMet).toBe(false);
    expect(run.summary).toContain(pointInTime);
    expect(run.summary).toContain(pitId(0, 40));
  }, 60_000);

  it('stops in preflight, writing nothing, when a critical server has no snapshot that early', async () => {
    const DB1 = 's-1000000000000000a';
    const scenario = withSnapshots(demoScenario(), DB1);
    const pointInTime = new Date(Date.parse(scenario.startTime) - 30 * MINUTE).toISOString();
    const em = await start(scenario);
    const run = await runDrill({
      emulator: em,
      plan: await demoPlanText(),
      inputs: { 'point-in-time': pointInTime },
    });
    expect(run.code).not.toBe(0);
    expect(outputsOf(run).status).toBe('failed');
    expect(writesOf(run.calls)).toEqual([]);
    expect(run.report?.errors.join('\n')).toContain(
      `Source server ${DB1} (db-01.demo.internal): has no recovery snapshot taken at or before the point in time ${pointInTime} (its oldest is from ${new Date(Date.parse(scenario.startTime) - 10 * MINUTE).toISOString()})`,
    );
  }, 60_000);

  it('refuses a time that is not ISO 8601 with an offset before any AWS call', async () => {
    const em = await start(withSnapshots(demoScenario()));
    const run = await runDrill({
      emulator: em,
      plan: await demoPlanText(),
      inputs: { 'point-in-time': '2025-06-02 08:30' },
    });
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain(
      'input point-in-time: "2025-06-02 08:30" is not an ISO 8601 time with an offset',
    );
    expect(run.calls).toEqual([]);
  }, 60_000);
});
