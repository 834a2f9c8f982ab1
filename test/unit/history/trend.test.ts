import { describe, expect, it } from 'vitest';
import { assessPlan, detectRegression, median } from '../../../src/history/trend.js';
import { record } from './helpers.js';

const DAY = 86_400;
const NOW = Date.UTC(2026, 0, 1) + 40 * DAY * 1000;

describe('detectRegression', () => {
  const previous = [1000, 1100, 900, 1000, 1050, 1020].map((rto, i) => record(i, rto));

  it('flags an RTO more than the threshold above the median of the previous five runs', () => {
    // The median of the last five (1100, 900, 1000, 1050, 1020) is 1020; the oldest run is out.
    expect(median([1100, 900, 1000, 1050, 1020])).toBe(1020);
    expect(detectRegression(1300, previous, 25)).toEqual({
      rtoSeconds: 1300,
      baselineSeconds: 1020,
      percent: 27.5,
      thresholdPercent: 25,
      runs: 5,
    });
    expect(detectRegression(1275, previous, 25)).toBeUndefined(); // exactly 25 %: not beyond it
    expect(detectRegression(1300, previous, 30)).toBeUndefined();
  });

  it('needs two earlier measured runs, and a measured RTO now', () => {
    expect(detectRegression(5000, [record(1, 1000)], 25)).toBeUndefined();
    expect(detectRegression(5000, [record(1, 1000), record(2, undefined)], 25)).toBeUndefined();
    expect(detectRegression(5000, [record(1, 1000), record(2, 1000)], 25)?.percent).toBe(400);
    expect(detectRegression(undefined, previous, 25)).toBeUndefined();
  });
});

describe('assessPlan', () => {
  const plan = { sha256: 'a'.repeat(64) };

  it('tells never drilled, never proven, changed, estate changed and overdue apart', () => {
    expect(assessPlan(plan, [], NOW, 35 * DAY).reasons).toEqual(['never']);
    expect(assessPlan(plan, [record(39, 900, { recovered: false })], NOW, 35 * DAY).reasons).toEqual([
      'unproven',
    ]);
    const fresh = [record(30, 900)];
    expect(assessPlan(plan, fresh, NOW, 35 * DAY)).toMatchObject({
      reasons: [],
      ageSeconds: 10 * DAY - 3600,
    });
    expect(assessPlan({ sha256: 'c'.repeat(64) }, fresh, NOW, 35 * DAY).reasons).toEqual(['changed']);
    expect(assessPlan(plan, fresh, NOW, 35 * DAY, 'd'.repeat(64)).reasons).toEqual(['estate']);
    expect(assessPlan(plan, fresh, NOW, 35 * DAY, fresh[0]?.servers.sha256).reasons).toEqual([]);
    expect(assessPlan(plan, [record(1, 900)], NOW, 35 * DAY).reasons).toEqual(['overdue']);
  });

  it('judges by the last successful run, not the last run', () => {
    const records = [record(30, 900), record(38, undefined, { recovered: false, sha256: 'c'.repeat(64) })];
    const standing = assessPlan(plan, records, NOW, 35 * DAY);
    expect(standing.last?.runId).toBe('1038');
    expect(standing.lastProven?.runId).toBe('1030');
    expect(standing.reasons).toEqual([]);
  });
});
