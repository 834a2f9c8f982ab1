import { describe, expect, it } from 'vitest';
import {
  computeMeasurements,
  formatDuration,
  formatTargetDuration,
  parseInstant,
  parseIsoDuration,
  secondsBetween,
  timeToHealthy,
  timeToLaunch,
  waveDuration,
} from '../../../src/core/durations.js';
import { at, baseReport, healthyServer, successReport, wave } from './fixtures.js';

describe('secondsBetween', () => {
  it('measures DRS timestamps with and without fractions', () => {
    expect(secondsBetween('2024-05-01T10:00:00Z', '2024-05-01T10:38:12Z')).toBe(2292);
    expect(secondsBetween('2024-05-01T10:00:00.250Z', '2024-05-01T10:00:01Z')).toBe(0.75);
    expect(secondsBetween('2024-05-01T10:00:00Z', '2024-05-01T10:00:00.5Z')).toBe(0.5);
  });

  it('keeps millisecond precision and cuts finer fractions (microseconds) instead of misreading them', () => {
    expect(secondsBetween('2024-05-01T10:00:00.123456Z', '2024-05-01T10:00:00.124999Z')).toBe(0.001);
    expect(secondsBetween('2024-05-01T10:00:00.999Z', '2024-05-01T10:00:01.001Z')).toBe(0.002);
  });

  it('honours timezone offsets', () => {
    expect(secondsBetween('2024-05-01T12:00:00+02:00', '2024-05-01T10:00:30Z')).toBe(30);
    expect(secondsBetween('2024-05-01T05:00:00-0500', '2024-05-01T10:01:00Z')).toBe(60);
  });

  it('is zero for the same instant', () => {
    expect(secondsBetween('2024-05-01T10:00:00Z', '2024-05-01T10:00:00.000Z')).toBe(0);
  });

  it('gives undefined, never garbage, when a timestamp is missing, unreadable or reversed', () => {
    expect(secondsBetween(undefined, '2024-05-01T10:00:00Z')).toBeUndefined();
    expect(secondsBetween('2024-05-01T10:00:00Z', undefined)).toBeUndefined();
    expect(secondsBetween('', '2024-05-01T10:00:00Z')).toBeUndefined();
    expect(secondsBetween('yesterday', '2024-05-01T10:00:00Z')).toBeUndefined();
    expect(secondsBetween('2024-05-01T10:00:01Z', '2024-05-01T10:00:00Z')).toBeUndefined();
    // Without a zone the instant depends on the machine's timezone: refuse it.
    expect(secondsBetween('2024-05-01T10:00:00', '2024-05-01T10:00:01Z')).toBeUndefined();
  });

  it('treats impossible dates and epoch-zero defaults as missing (the "489653h" bug)', () => {
    expect(secondsBetween('1970-01-01T00:00:00Z', '2025-11-12T05:00:00Z')).toBeUndefined();
    expect(secondsBetween('2024-02-30T10:00:00Z', '2024-03-01T10:00:00Z')).toBeUndefined();
    expect(secondsBetween('2024-05-01T24:00:00Z', '2024-05-02T10:00:00Z')).toBeUndefined();
    expect(parseInstant('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [45, '45s'],
    [59.4, '59s'],
    [59.6, '1m 00s'],
    [725, '12m 05s'],
    [3600, '1h 00m'],
    [3720, '1h 02m'],
    [86_399, '23h 59m'],
    [183_600, '2d 3h'],
  ])('%s s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('shows a dash for nothing sensible', () => {
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(-1)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('formats targets without zero units', () => {
    expect(formatTargetDuration(2700)).toBe('45m');
    expect(formatTargetDuration(5400)).toBe('1h 30m');
    expect(formatTargetDuration(90)).toBe('1m 30s');
    expect(formatTargetDuration(0)).toBe('0s');
    expect(formatTargetDuration(undefined)).toBe('—');
  });
});

describe('parseIsoDuration', () => {
  it.each([
    ['PT1M30S', 90],
    ['P1DT2H', 93_600],
    ['PT0S', 0],
    ['PT0.5S', 0.5],
    ['PT1,5S', 1.5],
    ['P1W', 604_800],
    ['pt2h', 7200],
    ['P0Y0M0DT0H5M0S', 300],
  ])('%s → %s s', (iso, seconds) => {
    expect(parseIsoDuration(iso)).toBe(seconds);
  });

  it.each(['', 'P', 'PT', 'P1DT', '1M', 'PT-1S', 'P1H', 'PT1H1D', '15m'])('rejects %j', (iso) => {
    expect(parseIsoDuration(iso)).toBeUndefined();
  });
});

describe('wave and server durations', () => {
  it('derives them from the wave and job timestamps', () => {
    const w = wave(0, 'data', 100, [healthyServer(1, 100)]);
    expect(waveDuration(w)).toBe(420);
    expect(timeToLaunch(w.servers[0]!, w)).toBe(300);
    expect(timeToHealthy(w.servers[0]!, w)).toBe(420);
    expect(waveDuration({ startedAt: at(10), endedAt: undefined })).toBeUndefined();
  });

  it('falls back to the wave start when the server has no job', () => {
    const server = { ...healthyServer(1, 100), jobId: undefined };
    const w = { ...wave(0, 'data', 100, [server]), jobs: [] };
    expect(timeToLaunch(server, w)).toBe(300);
  });
});

describe('computeMeasurements', () => {
  it('RTO runs from the first StartRecovery to the last critical server healthy', () => {
    const report = successReport();
    // web (critical) healthy at 1000 + 420; cache is non-critical and is not waited for.
    expect(report.measured.rtoSeconds).toBe(1420);
    expect(report.measured.rtoMet).toBe(true);
    expect(report.measured.firstStartRecoveryAt).toBe(at(0));
  });

  it('ignores a late non-critical server for RTO', () => {
    const report = successReport();
    const cache = report.waves[2]!.servers[0]!;
    cache.healthyAt = at(5000);
    expect(computeMeasurements(report).rtoSeconds).toBe(1420);
  });

  it('falls back to the earliest job creation when the first StartRecovery time is missing', () => {
    const report = successReport();
    report.measured = {};
    report.waves[0]!.jobs[0]!.createdAt = at(-10);
    expect(computeMeasurements(report).firstStartRecoveryAt).toBe(at(-10));
    expect(computeMeasurements(report).rtoSeconds).toBe(1430);
  });

  it('has no RTO, and misses the target, when a critical server never became healthy', () => {
    const report = successReport();
    report.waves[3]!.servers[0]!.healthyAt = undefined;
    const m = computeMeasurements(report);
    expect(m.rtoSeconds).toBeUndefined();
    expect(m.rtoMet).toBe(false);
  });

  it('compares with the targets', () => {
    const report = successReport();
    report.objectives = { rtoSeconds: 1000, rpoSeconds: 60 };
    const m = computeMeasurements(report);
    expect(m.rtoMet).toBe(false);
    expect(m.rpoSeconds).toBe(120);
    expect(m.rpoMet).toBe(false);
  });

  it('RPO is the data a recovery would lose: the worst job creation − recovery point', () => {
    const report = successReport();
    // app's job was created at 500; its recovery point is 15 minutes older.
    report.waves[1]!.servers[0]!.recoveryPointAt = at(500 - 900);
    const m = computeMeasurements(report);
    expect(m.rpoSeconds).toBe(900);
    expect(m.rpoDefinition).toBe('request-minus-recovery-point');
    // Snapshot, conversion and launch time are not data loss: they stay apart, as data age at launch.
    expect(m.dataAgeAtLaunchSeconds).toBe(1200);
  });

  it('a few seconds of replication lag is a few seconds of RPO, however long the launch takes', () => {
    const report = successReport();
    for (const w of report.waves) {
      const createdAt = Date.parse(w.jobs[0]!.createdAt!);
      for (const s of w.servers) s.recoveryPointAt = new Date(createdAt - 12_000).toISOString();
    }
    const m = computeMeasurements(report);
    expect(m.rpoSeconds).toBe(12);
    expect(m.dataAgeAtLaunchSeconds).toBe(312);
  });

  it('a recovery point taken after the request (on-demand snapshot) loses nothing: 0, not a gap', () => {
    const report = successReport();
    for (const w of report.waves) for (const s of w.servers) s.recoveryPointAt = at(2000);
    report.waves[0]!.servers[0]!.healthyAt = '2024-05-01T10:23:40.600Z';
    const m = computeMeasurements(report);
    expect(m.rpoSeconds).toBe(0);
    expect(m.dataAgeAtLaunchSeconds).toBeUndefined();
    expect(m.rtoSeconds).toBe(1421);
  });

  it('a snapshot the plan pins is reported as its age, not as the RPO', () => {
    const report = successReport();
    const pinned = report.waves[0]!.servers[0]!;
    pinned.pinnedSnapshotId = 'pit-0123456789abcdef0';
    pinned.recoveryPointAt = at(-3 * 86_400);
    const m = computeMeasurements(report);
    expect(m.pinnedSnapshotAgeSeconds).toBe(3 * 86_400);
    expect(m.rpoSeconds).toBe(120);
    expect(m.rpoMet).toBe(true);
  });

  it('measures and judges nothing for a run that started no recovery', () => {
    const report = baseReport();
    const m = computeMeasurements(report);
    expect(m).toEqual({ rpoDefinition: 'request-minus-recovery-point' });
  });
});
