/**
 * Size: a 250-server wave goes out as three StartRecovery calls of 100/100/50, and polling costs the
 * same number of DRS calls per tick for 10 servers as for 300. One generated estate of 300 launchable
 * servers, reset between runs.
 *
 * How "calls per tick" is measured, from the emulator's call log: every poll tick starts with one
 * DescribeJobs that carries the ids of all active jobs (`filters.jobIDs`); the other DescribeJobs calls
 * (quotas, looking for a lost job) filter by `fromDate` instead. So each id-filtered DescribeJobs opens
 * a tick, and the DRS polling reads after it (job logs, recovery instances) up to the next one belong
 * to that tick. The test compares calls per tick (max and mean) of a 10- and a 300-server drill.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../emulator/control.js';
import { estateServerId, generateEstate } from '../../emulator/estate.js';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import {
  callsOf,
  type DrillRun,
  expectSaneReport,
  explain,
  outputsOf,
  runDrill,
  SPEED,
  startBody,
} from './harness.js';

let emulator: Emulator;
beforeAll(async () => {
  const scenario = generateEstate(300);
  scenario.timings = {
    pending: [5, 10],
    snapshot: [30, 60],
    conversion: [60, 120],
    launch: [30, 60],
    boot: [60, 90],
    terminate: [30, 60],
  };
  emulator = await startEmulator({ scenario, port: 0, speed: SPEED, seed: 11 });
});
afterAll(async () => emulator?.close());

/** One wave holding the first `n` servers of the estate, by id. */
function planOf(n: number): string {
  const ids = Array.from({ length: n }, (_, i) => `      - id: ${estateServerId(i)}`).join('\n');
  return `version: 1
name: big
region: us-east-1
waves:
  - name: all
    timeout: 2h
    servers:
${ids}
`;
}

interface PollCost {
  ticks: number;
  /** The most DRS calls one tick made (its DescribeJobs, job logs, recovery instances). */
  maxDrsCallsPerTick: number;
  /** DRS calls of all ticks / ticks. */
  drsCallsPerTick: number;
  /** The most job ids one DescribeJobs carried. */
  maxJobIdsPerCall: number;
  /** Job log pages after the first: a log read that needs more than one call. */
  extraLogPages: number;
}

const POLL_READS = new Set(['DescribeJobLogItems', 'DescribeRecoveryInstances']);

const jobIdsOf = (c: RecordedCall) =>
  (c.request as { filters?: { jobIDs?: string[] } }).filters?.jobIDs ?? [];

/** A tick = an id-filtered DescribeJobs and the DRS polling reads after it, up to the next one. */
function pollCost(calls: readonly RecordedCall[]): PollCost {
  const ticks: RecordedCall[][] = [];
  for (const c of calls) {
    if (c.service !== 'drs') continue;
    if (c.operation === 'DescribeJobs' && jobIdsOf(c).length > 0) ticks.push([c]);
    else if (POLL_READS.has(c.operation)) ticks.at(-1)?.push(c);
  }
  const sizes = ticks.map((t) => t.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  return {
    ticks: ticks.length,
    maxDrsCallsPerTick: Math.max(0, ...sizes),
    drsCallsPerTick: Math.round((total / Math.max(1, ticks.length)) * 100) / 100,
    maxJobIdsPerCall: Math.max(0, ...ticks.map((t) => jobIdsOf(t[0] as RecordedCall).length)),
    extraLogPages: callsOf(calls, 'DescribeJobLogItems').filter(
      (c) => (c.request as { nextToken?: string }).nextToken !== undefined,
    ).length,
  };
}

async function drill(n: number): Promise<DrillRun> {
  emulator.reset();
  const run = await runDrill({ emulator, plan: planOf(n), inputs: { cleanup: 'never' } });
  expect(run.code, explain(run)).toBe(0);
  expect(outputsOf(run).status).toBe('succeeded');
  expect(Object.keys(outputsOf(run).instanceIds ?? {})).toHaveLength(n);
  if (run.report) expectSaneReport(run.report);
  return run;
}

describe('drill at scale', () => {
  it('starts a 250-server wave as three jobs of 100, 100 and 50', async () => {
    const run = await drill(250);
    const starts = callsOf(run.calls, 'StartRecovery');
    expect(starts.map((c) => startBody(c).sourceServers.length)).toEqual([100, 100, 50]);
    expect(starts.every((c) => c.outcome === 'ok')).toBe(true);
    const started = starts.flatMap((c) => startBody(c).sourceServers.map((s) => s.sourceServerID));
    expect(new Set(started).size).toBe(250);
    expect(run.report?.waves[0]?.jobs).toHaveLength(3);
    expect(run.report?.waves[0]?.status).toBe('succeeded');
  }, 60_000);

  it('polls with one DescribeJobs per tick and a per-tick cost that does not grow with servers (10 vs 300)', async () => {
    const small = pollCost((await drill(10)).calls);
    const large = pollCost((await drill(300)).calls);
    // Visible in the test output: the measurement, not only the verdict.
    console.info(`poll cost 10 servers: ${JSON.stringify(small)}; 300 servers: ${JSON.stringify(large)}`);
    // One DescribeJobs carries every active job (3 for 300 servers), never one call per job or server.
    expect(small.maxJobIdsPerCall).toBe(1);
    expect(large.maxJobIdsPerCall).toBe(3);
    // Ticks follow time (both runs last about as long), not the 30× servers.
    expect(large.ticks).toBeLessThan(small.ticks * 3);
    // A changed job's log is one call, whatever its size (100 servers ≈ 800 items).
    expect(large.extraLogPages).toBe(0);
    // Per tick: 1 DescribeJobs + at most one log read per job + one DescribeRecoveryInstances per 200
    // ids: 1 + 1 + 1 for one job of 10, 1 + 3 + 2 for three jobs of 100. Bounded by jobs, not servers.
    expect(small.maxDrsCallsPerTick).toBeLessThanOrEqual(3);
    expect(large.maxDrsCallsPerTick).toBeLessThanOrEqual(6);
    expect(large.drsCallsPerTick).toBeLessThan(small.drsCallsPerTick * 3);
  }, 60_000);
});
