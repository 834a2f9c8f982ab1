import { describe, expect, it } from 'vitest';
import {
  computeMeasurements,
  gapSecondsBetweenSteps,
  stepSpan,
  stepsWithSpans,
} from '../../../src/core/durations.js';
import type { Report } from '../../../src/core/report.js';
import { finalizeReport } from '../../../src/report/build.js';
import { at, baseReport, healthyServer, wave } from './fixtures.js';

/**
 * The demo plan over two steps: data in job "data" (0 → 420 s), then an approval wait, then app and
 * cache (from 4000 s) and web (from 4500 s) in job "gated" (4000 → 4920 s).
 */
function twoStepReport(): Report {
  const report = baseReport();
  const cache = healthyServer(4, 4000, 'cache-01.demo.internal');
  cache.critical = false;
  report.waves = [
    { ...wave(0, 'data', 0, [healthyServer(1, 0), healthyServer(2, 0)]), step: 'data' },
    { ...wave(1, 'app', 4000, [healthyServer(3, 4000)], ['data']), step: 'gated' },
    { ...wave(2, 'cache', 4000, [cache], ['data']), step: 'gated' },
    { ...wave(3, 'web', 4500, [healthyServer(5, 4500)], ['app', 'cache']), step: 'gated' },
  ];
  report.measured.firstStartRecoveryAt = at(0);
  report.steps = [
    { name: 'data', waves: ['data'], earlier: true },
    { name: 'gated', waves: ['app', 'cache', 'web'] },
  ];
  return report;
}

describe('gapSecondsBetweenSteps', () => {
  it('sums the time between consecutive steps', () => {
    const spans = [
      { startedAt: at(0), endedAt: at(100) },
      { startedAt: at(400), endedAt: at(500) },
      { startedAt: at(1000), endedAt: at(1100) },
    ];
    expect(gapSecondsBetweenSteps(spans, at(0), at(1100))).toBe(300 + 500);
  });

  it('leaves no gap between overlapping steps, whatever their order', () => {
    const spans = [
      { startedAt: at(50), endedAt: at(300) },
      { startedAt: at(0), endedAt: at(100) },
      { startedAt: at(400), endedAt: at(500) },
    ];
    expect(gapSecondsBetweenSteps(spans, at(0), at(500))).toBe(100);
  });

  it('counts only the part of a gap inside the measured interval', () => {
    const spans = [
      { startedAt: at(0), endedAt: at(100) },
      { startedAt: at(400), endedAt: at(500) },
    ];
    expect(gapSecondsBetweenSteps(spans, at(0), at(250))).toBe(150);
    expect(gapSecondsBetweenSteps(spans, at(200), at(500))).toBe(200);
  });

  it('ignores spans without both ends and unreadable intervals', () => {
    const spans = [{ startedAt: at(0), endedAt: at(100) }, { startedAt: at(400) }, { endedAt: at(900) }];
    expect(gapSecondsBetweenSteps(spans, at(0), at(1000))).toBe(0);
    expect(gapSecondsBetweenSteps(spans, 'garbage', at(1000))).toBe(0);
    expect(gapSecondsBetweenSteps(spans, at(1000), at(0))).toBe(0);
  });
});

describe('RTO of an execution over several steps', () => {
  it('is the steps’ active time summed; the approval wait between them is left out', () => {
    const m = computeMeasurements(twoStepReport());
    // Wall clock: 0 → web healthy at 4920. Active: data 0 → 420, gated 4000 → 4920.
    expect(m.rtoWallClockSeconds).toBe(4920);
    expect(m.rtoSeconds).toBe(420 + 920);
    expect(m.rtoDefinition).toBe('active-time-across-steps');
  });

  it('judges the objective against the recovery time, not the wall clock', () => {
    const m = computeMeasurements(twoStepReport());
    // Objective 2700 s: the wall clock (4920 s) misses it, the recovery time (1340 s) meets it.
    expect(m.rtoMet).toBe(true);
  });

  it('has no RTO while a critical server of a later step is not healthy', () => {
    const report = twoStepReport();
    delete report.waves[3]!.servers[0]!.healthyAt;
    const m = computeMeasurements(report);
    expect(m.rtoSeconds).toBeUndefined();
    expect(m.rtoWallClockSeconds).toBeUndefined();
    expect(m.rtoMet).toBe(false);
  });

  it('a run in one step keeps the plain definition', () => {
    const report = twoStepReport();
    delete report.steps;
    const m = computeMeasurements(report);
    expect(m.rtoSeconds).toBe(4920);
    expect(m.rtoWallClockSeconds).toBeUndefined();
    expect(m.rtoDefinition).toBeUndefined();
  });

  it('each step’s span runs from its first job to the last wave it decided', () => {
    const report = twoStepReport();
    expect(stepSpan(report, 'data')).toEqual({ startedAt: at(0), endedAt: at(420) });
    expect(stepSpan(report, 'gated')).toEqual({ startedAt: at(4000), endedAt: at(4920) });
    expect(stepsWithSpans(report)?.map((s) => s.activeSeconds)).toEqual([420, 920]);
  });

  it('finalizeReport writes the spans into report.steps', () => {
    const final = finalizeReport(twoStepReport(), at(5000), 'succeeded');
    expect(final.steps).toEqual([
      {
        name: 'data',
        waves: ['data'],
        earlier: true,
        startedAt: at(0),
        endedAt: at(420),
        activeSeconds: 420,
      },
      {
        name: 'gated',
        waves: ['app', 'cache', 'web'],
        startedAt: at(4000),
        endedAt: at(4920),
        activeSeconds: 920,
      },
    ]);
    expect(final.measured.rtoSeconds).toBe(1340);
  });
});

describe('a step that leaves waves to a later one', () => {
  it('has no RTO verdict yet: the step that runs the last waves judges it', () => {
    const report = twoStepReport();
    report.waves = report.waves
      .slice(0, 1)
      .concat(
        report.waves
          .slice(1)
          .map((w) => ({ ...w, status: 'pending', jobs: [], servers: [], step: undefined })),
      );
    report.wavesRemaining = ['app', 'cache', 'web'];
    report.steps = [{ name: 'data', waves: ['data'] }];
    delete report.waves[0]!.servers[0]!.healthyAt;
    const m = computeMeasurements(report);
    expect(m.rtoSeconds).toBeUndefined();
    expect(m.rtoMet).toBeUndefined();
    delete report.wavesRemaining;
    expect(computeMeasurements(report).rtoMet).toBe(false);
  });
});
