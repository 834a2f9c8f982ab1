import { describe, expect, it } from 'vitest';
import { finalizeReport, objectiveWarnings } from '../../../src/report/build.js';
import { renderReportMarkdown } from '../../../src/report/markdown.js';
import { at, successReport } from './fixtures.js';

describe('objectives', () => {
  it('a run within its objectives has no objective warning', () => {
    const report = successReport();
    expect(report.measured).toMatchObject({ rtoSeconds: 1420, rtoMet: true, rpoSeconds: 120, rpoMet: true });
    expect(objectiveWarnings(report)).toEqual([]);
    expect(report.warnings.some((w) => w.includes('objective missed'))).toBe(false);
  });

  it('a missed RTO and RPO become warnings in the report and its summary, once', () => {
    const report = successReport();
    report.objectives = { rtoSeconds: 1200, rpoSeconds: 60 };
    const ended = finalizeReport(finalizeReport(report, at(1500)), at(1500));
    expect(ended.status).toBe('succeeded');
    expect(ended.warnings.filter((w) => w.startsWith('RTO objective missed'))).toEqual([
      'RTO objective missed: measured 23m 40s, objective 20m.',
    ]);
    expect(ended.warnings.filter((w) => w.startsWith('RPO objective missed'))).toEqual([
      'RPO objective missed: worst data loss 2m 00s (recovery request − recovery point), objective 1m.',
    ]);
    expect(renderReportMarkdown(ended)).toContain('RTO objective missed: measured 23m 40s, objective 20m.');
  });

  it('no RTO warning when the RTO could not be measured (a critical server never got healthy)', () => {
    const report = successReport();
    const server = report.waves[0]!.servers[0]!;
    delete server.healthyAt;
    server.health = 'failed';
    const ended = finalizeReport(report, at(1500), 'failed');
    expect(ended.measured.rtoSeconds).toBeUndefined();
    expect(objectiveWarnings(ended).some((w) => w.startsWith('RTO'))).toBe(false);
  });
});
