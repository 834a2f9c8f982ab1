/**
 * Size: a 250-server wave goes out as three StartRecovery calls of 100/100/50, and polling costs the
 * same number of DRS calls per tick for 10 servers as for 300. One generated estate of 300 launchable
 * servers, reset between runs.
 *
 * How "calls per tick" is measured: every poll tick makes exactly one DescribeJobs carrying the ids
 * of all active jobs (`filters.jobIDs`); the other DescribeJobs calls (quotas, looking for a lost job)
 * filter by `fromDate` instead. So the id-filtered DescribeJobs calls count the ticks, and every other
 * DRS read made while jobs were active (job logs, recovery instances) is divided by that count.
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
} from './helpers-drill.js';

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
  /** DRS reads other than the tick's DescribeJobs, per tick. */
  otherReadsPerTick: number;
  /** The most job ids one DescribeJobs carried. */
  maxJobIdsPerCall: number;
}

const POLL_READS = new Set(['DescribeJobLogItems', 'DescribeRecoveryInstances']);

function pollCost(calls: readonly RecordedCall[]): PollCost {
  const jobIdsOf = (c: RecordedCall) =>
    (c.request as { filters?: { jobIDs?: string[] } }).filters?.jobIDs ?? [];
  const ticks = callsOf(calls, 'DescribeJobs').filter((c) => jobIdsOf(c).length > 0);
  const other = calls.filter((c) => c.service === 'drs' && POLL_READS.has(c.operation));
  return {
    ticks: ticks.length,
    otherReadsPerTick: other.length / Math.max(1, ticks.length),
    maxJobIdsPerCall: Math.max(0, ...ticks.map((c) => jobIdsOf(c).length)),
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
    // Other DRS reads per tick: bounded by jobs and 200-id batches, far below one per server.
    expect(small.otherReadsPerTick).toBeLessThan(3);
    expect(large.otherReadsPerTick).toBeLessThan(6);
  }, 60_000);
});
