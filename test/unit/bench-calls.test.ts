import { describe, expect, it } from 'vitest';
import { parseVmHwmMb } from '../../bench/action.js';
import {
  actLatencies,
  awsCalls,
  countByOperation,
  observationLatencies,
  perTick,
  pollTicks,
  stateChanges,
  type TimedCall,
  timed,
} from '../../bench/calls.js';
import { renderTable, spreadRow, topCalls } from '../../bench/table.js';
import type { RecordedCall, TimelineJob } from '../../emulator/control.js';

const call = (at: number, operation: string, request: unknown = {}, service = 'drs'): TimedCall => ({
  at,
  operation,
  request,
  service,
});
const jobsReq = (...ids: string[]) => ({ filters: { jobIDs: ids } });

describe('calls per poll tick', () => {
  it('groups bursts separated by at least the gap, starting at the first StartRecovery', () => {
    const calls = [
      call(0, 'DescribeSourceServers'),
      call(5, 'GetLaunchConfiguration'),
      call(100, 'StartRecovery'),
      call(103, 'DescribeJobs'),
      call(350, 'DescribeJobs'),
      call(352, 'DescribeJobLogItems'),
      call(355, 'DescribeInstances', {}, 'ec2'),
      call(600, 'DescribeJobs'),
    ];
    const ticks = pollTicks(calls, 100);
    expect(ticks.map((t) => t.map((c) => c.operation))).toEqual([
      ['StartRecovery', 'DescribeJobs'],
      ['DescribeJobs', 'DescribeJobLogItems', 'DescribeInstances'],
      ['DescribeJobs'],
    ]);
    expect(perTick(ticks, 'DescribeJobs')).toEqual([1, 1, 1]);
  });

  it('leaves out the later waves’ preflight calls, whose stream would join the ticks', () => {
    const reads = Array.from({ length: 40 }, (_, i) => call(110 + i * 10, 'GetLaunchConfiguration'));
    const calls = [
      call(100, 'StartRecovery'),
      call(103, 'DescribeJobs'),
      ...reads,
      call(350, 'DescribeJobs'),
    ];
    const ticks = pollTicks(calls, 100);
    expect(ticks.map((t) => t.map((c) => c.operation))).toEqual([
      ['StartRecovery', 'DescribeJobs'],
      ['DescribeJobs'],
    ]);
    expect(perTick(ticks, 'DescribeJobs')).toEqual([1, 1]);
  });

  it('shows a per-job DescribeJobs loop as several calls in one tick', () => {
    const calls = [
      call(0, 'StartRecovery'),
      ...[1, 2, 3].map((i) => call(500 + i, 'DescribeJobs', jobsReq(`j${i}`))),
    ];
    expect(perTick(pollTicks(calls, 100), 'DescribeJobs')).toEqual([0, 3]);
  });

  it('has no ticks before anything started, and counts calls by operation', () => {
    expect(pollTicks([call(0, 'DescribeJobs')], 100)).toEqual([]);
    expect(countByOperation([call(0, 'B'), call(1, 'A'), call(2, 'B')])).toEqual({ A: 1, B: 2 });
  });

  it('reads the call log’s ISO arrival times and keeps AWS services only', () => {
    const log: RecordedCall[] = [
      {
        seq: 1,
        service: 'drs',
        operation: 'DescribeJobs',
        time: '2025-01-01T00:00:00.250Z',
        simTime: '',
        request: {},
      },
      {
        seq: 2,
        service: 'github',
        operation: 'GET /x',
        time: '2025-01-01T00:00:01.000Z',
        simTime: '',
        request: {},
      },
    ];
    const out = awsCalls(timed(log));
    expect(out).toHaveLength(1);
    expect(out[0]?.at).toBe(Date.parse('2025-01-01T00:00:00.250Z'));
  });
});

describe('detection latency', () => {
  const jobs: TimelineJob[] = [
    {
      jobID: 'j1',
      type: 'LAUNCH',
      isDrill: true,
      status: 'COMPLETED',
      tags: {},
      createdAt: 0,
      startedAt: 1000,
      endedAt: 5000,
      servers: [
        {
          sourceServerID: 's-1',
          launchStatus: 'LAUNCHED',
          endedAt: 4000,
          ec2InstanceID: 'i-1',
          statusChecksAt: 7000,
        },
      ],
    },
  ];
  const identity = (sim: number) => sim;

  it('lists every change an orchestrator must notice, in wall-clock ms', () => {
    const changes = stateChanges(jobs, (sim) => sim / 10, true);
    expect(changes.map((c) => [c.kind, c.at, c.subject])).toEqual([
      ['job-started', 100, 'j1'],
      ['job-completed', 500, 'j1'],
      ['server-ended', 400, 'j1'],
      ['status-checks', 700, 'i-1'],
    ]);
    expect(stateChanges(jobs, identity, false).map((c) => c.kind)).not.toContain('status-checks');
  });

  it('is the time to the first later call that asks about that job or instance', () => {
    const changes = stateChanges(jobs, identity, true);
    const calls = [
      call(900, 'DescribeJobs', jobsReq('j1')),
      call(1200, 'DescribeJobs', jobsReq('other')),
      call(1300, 'DescribeJobs', jobsReq('other', 'j1')),
      call(4100, 'DescribeJobs', jobsReq('j1')),
      call(5250, 'DescribeJobs', jobsReq('j1')),
      call(7000, 'DescribeInstanceStatus', { 'InstanceId.1': 'i-9' }, 'ec2'),
      call(7400, 'DescribeInstanceStatus', { 'InstanceId.1': 'i-9', 'InstanceId.2': 'i-1' }, 'ec2'),
    ];
    // started 1000 → 1300; completed 5000 → 5250; launched 4000 → 4100; checks 7000 → 7400.
    expect(observationLatencies(changes, calls)).toEqual([300, 250, 100, 400]);
  });

  it('leaves out changes nobody asked about afterwards', () => {
    const changes = stateChanges(jobs, identity, true);
    expect(observationLatencies(changes, [call(1500, 'DescribeJobs', jobsReq('j1'))])).toEqual([500]);
  });

  it('dependant start latency runs from the last dependency done to that wave’s first StartRecovery', () => {
    const waves = [
      { name: 'db', dependsOn: [] },
      { name: 'cache', dependsOn: [] },
      { name: 'app', dependsOn: ['db', 'cache'] },
      { name: 'web', dependsOn: ['app'] },
    ];
    const done = new Map([
      ['db', 1000],
      ['cache', 1800],
      ['app', 5000],
    ]);
    const start = (at: number, wave: string) =>
      call(at, 'StartRecovery', { tags: { 'drs-drill:wave': wave } });
    const calls = [
      start(0, 'db'),
      start(0, 'cache'),
      start(2100, 'app'),
      start(2150, 'app'),
      start(5400, 'web'),
    ];
    expect(actLatencies(waves, done, calls)).toEqual([300, 400]);
    // A dependant that never started gives no sample.
    expect(actLatencies(waves, done, calls.slice(0, 3))).toEqual([300]);
  });
});

describe('peak memory and the table', () => {
  it('reads VmHWM from /proc/<pid>/status text in MiB', () => {
    expect(parseVmHwmMb('Name:\tnode\nVmPeak:\t 999 kB\nVmHWM:\t  153600 kB\nVmRSS:\t 1 kB\n')).toBe(150);
    expect(parseVmHwmMb('Name:\tnode\n')).toBeUndefined();
  });

  it('renders aligned Markdown rows and the busiest operations', () => {
    const table = renderTable([
      spreadRow('Overhead ratio', { median: 1.0512, min: 1.01, max: 1.2, n: 3 }, 3, '≤ 1.05'),
      spreadRow('Empty', { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 }, 0),
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^\| Metric +\| Median \| Min +\| Max +\| Target \| Note \|$/);
    expect(lines[2]).toContain('| 1.051  | 1.010 | 1.200 | ≤ 1.05 |');
    expect(lines[3]).toContain('| –      |');
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(topCalls({ A: 1, B: 30, C: 7 }, 2)).toBe('B 30, C 7');
  });
});
