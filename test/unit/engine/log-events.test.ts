import { describe, expect, it } from 'vitest';
import type { JobLog } from '../../../src/aws/gateways.js';
import { errorsFromLog, phasesFromLog } from '../../../src/engine/log-events.js';

const A = 's-0000000000000000a';
const B = 's-0000000000000000b';
const item = (t: string, event: string, server?: string, rawError?: string): JobLog =>
  ({
    logDateTime: `2024-05-01T00:${t}Z`,
    event,
    ...(server ? { eventData: { sourceServerID: server, ...(rawError ? { rawError } : {}) } } : {}),
  }) as JobLog;

const log: JobLog[] = [
  item('00:01', 'JOB_START'),
  item('00:05', 'SNAPSHOT_START', A),
  item('00:06', 'USING_PREVIOUS_SNAPSHOT', B),
  item('00:40', 'SNAPSHOT_END', A),
  item('00:40', 'CONVERSION_START', A),
  item('00:41', 'CONVERSION_START', B),
  item('02:00', 'CONVERSION_FAIL', B, 'Unable to attach volume: UnauthorizedOperation'),
  item('02:10', 'CONVERSION_END', A),
  item('02:10', 'LAUNCH_START', A),
  item('02:11', 'SOMETHING_NEW_FROM_AWS', A),
  item('03:00', 'JOB_END'),
];

describe('phasesFromLog', () => {
  it('builds snapshot, conversion and launch phases, ending launch at the EC2 launch time', () => {
    expect(phasesFromLog(log, A, '2024-05-01T00:02:40.000Z')).toEqual([
      { name: 'snapshot', startedAt: '2024-05-01T00:00:05.000Z', endedAt: '2024-05-01T00:00:40.000Z' },
      { name: 'conversion', startedAt: '2024-05-01T00:00:40.000Z', endedAt: '2024-05-01T00:02:10.000Z' },
      { name: 'launch', startedAt: '2024-05-01T00:02:10.000Z', endedAt: '2024-05-01T00:02:40.000Z' },
    ]);
  });

  it('treats a previous snapshot as an instant snapshot phase and marks a failed phase', () => {
    expect(phasesFromLog(log, B)).toEqual([
      { name: 'snapshot', startedAt: '2024-05-01T00:00:06.000Z', endedAt: '2024-05-01T00:00:06.000Z' },
      {
        name: 'conversion',
        startedAt: '2024-05-01T00:00:41.000Z',
        endedAt: '2024-05-01T00:02:00.000Z',
        failed: true,
      },
    ]);
  });

  it('leaves an open phase without an end and tolerates an empty log', () => {
    expect(phasesFromLog(log.slice(0, 2), A)).toEqual([
      { name: 'snapshot', startedAt: '2024-05-01T00:00:05.000Z' },
    ]);
    expect(phasesFromLog([], A)).toEqual([]);
  });
});

describe('phasesFromLog with real DRS shapes', () => {
  it('ends the launch at LAUNCH_END, orders offset and microsecond times as instants, and drops duplicates', () => {
    const real: JobLog[] = [
      {
        event: 'LAUNCH_END',
        logDateTime: '2024-05-01T02:05:00.250000+02:00',
        eventData: { sourceServerID: A },
      },
      {
        event: 'SNAPSHOT_START',
        logDateTime: '2024-05-01T00:00:05.000001+00:00',
        eventData: { sourceServerID: A },
      },
      {
        event: 'LAUNCH_START',
        logDateTime: '2024-05-01T00:03:00.100000+00:00',
        eventData: { sourceServerID: A },
      },
      {
        event: 'SNAPSHOT_END',
        logDateTime: '2024-05-01T00:00:05.900000+00:00',
        eventData: { sourceServerID: A },
      },
      {
        event: 'SNAPSHOT_END',
        logDateTime: '2024-05-01T00:00:05.900000+00:00',
        eventData: { sourceServerID: A },
      },
    ] as JobLog[];
    expect(phasesFromLog(real, A, '2024-05-01T00:04:00Z')).toEqual([
      { name: 'snapshot', startedAt: '2024-05-01T00:00:05.000Z', endedAt: '2024-05-01T00:00:05.900Z' },
      { name: 'launch', startedAt: '2024-05-01T00:03:00.100Z', endedAt: '2024-05-01T00:05:00.250Z' },
    ]);
  });
});

describe('errorsFromLog', () => {
  it('returns the failure events of the server with rawError verbatim, ignoring unknown events', () => {
    expect(errorsFromLog(log, B)).toEqual([
      {
        event: 'CONVERSION_FAIL',
        message: 'CONVERSION_FAIL: DRS could not convert the server',
        rawError: 'Unable to attach volume: UnauthorizedOperation',
        at: '2024-05-01T00:02:00.000Z',
      },
    ]);
    expect(errorsFromLog(log, A)).toEqual([]);
  });

  it('applies a job-wide cancel to every server', () => {
    const cancelled = [...log, item('02:30', 'JOB_CANCEL')];
    expect(errorsFromLog(cancelled, A).map((e) => e.event)).toEqual(['JOB_CANCEL']);
    expect(errorsFromLog(cancelled, B).map((e) => e.event)).toEqual(['CONVERSION_FAIL', 'JOB_CANCEL']);
  });
});
