import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../bench/args.js';
import { parseSchedstatNs, processCpuMs } from '../../bench/cpu.js';
import { rssPerServerKb } from '../../bench/scale.js';
import { median, percentile, ratio, round, spread } from '../../bench/stats.js';
import { latencySummary, roundDeep } from '../../bench/summary.js';

describe('median, percentile, spread', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('ignores values that are not finite and is NaN for nothing', () => {
    expect(median([Number.NaN, 2, Number.POSITIVE_INFINITY, 4])).toBe(3);
    expect(median([])).toBeNaN();
  });

  it('p95 is a measured value (nearest rank), never interpolated', () => {
    const values = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile(values, 100)).toBe(20);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([10, 30, 20], 50)).toBe(20);
    expect(percentile([3], 95)).toBe(3);
  });

  it('summarises a list as median, min, max and count', () => {
    expect(spread([3, 1, 2, Number.NaN])).toEqual({ median: 2, min: 1, max: 3, n: 3 });
    const empty = spread([]);
    expect(empty.n).toBe(0);
    expect(empty.median).toBeNaN();
  });
});

describe('ratio math', () => {
  it('divides, and is NaN (not Infinity) when the divisor is zero or missing', () => {
    expect(ratio(42, 40)).toBeCloseTo(1.05, 10);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(1, Number.NaN)).toBeNaN();
  });

  it('summarises per-run ratios, not a ratio of medians', () => {
    // Run 1: 10 vs 20 (0.5); run 2: 40 vs 20 (2). Ratio of medians would be 25/20 = 1.25.
    const perRun = [ratio(10, 20), ratio(40, 20)];
    expect(spread(perRun)).toMatchObject({ median: 1.25, min: 0.5, max: 2 });
    const three = [ratio(10, 20), ratio(40, 20), ratio(30, 30)];
    expect(spread(three).median).toBe(1);
  });

  it('rounds for JSON and turns NaN into null', () => {
    expect(round(1.23456, 2)).toBe(1.23);
    expect(roundDeep({ a: 1.23456, b: [Number.NaN, 2], c: 'x' }, 2)).toEqual({
      a: 1.23,
      b: [null, 2],
      c: 'x',
    });
  });
});

describe('latency summary', () => {
  it('summarises each run’s median and p95 over runs, skipping runs without samples', () => {
    const s = latencySummary([[10, 20, 30], [100], []]);
    expect(s.samples).toBe(4);
    expect(s.median).toMatchObject({ min: 20, max: 100, n: 2 });
    expect(s.p95).toMatchObject({ min: 30, max: 100 });
  });
});

describe('bench flags', () => {
  it('reference setting: speed 60, a 15 s-equivalent poll, the anchors at 30 s-equivalent, 3 runs', () => {
    const a = parseArgs([]);
    expect(a).toMatchObject({
      quick: false,
      speed: 60,
      pollIntervalSeconds: 0.25,
      anchorPollMs: 500,
      runs: 3,
    });
    expect(a.plans).toEqual(['serial', 'parallel', 'large']);
  });

  it('--quick keeps the proportions at a higher speed and one run', () => {
    const a = parseArgs(['--quick', '--json']);
    expect(a).toMatchObject({
      quick: true,
      json: true,
      speed: 600,
      pollIntervalSeconds: 0.025,
      anchorPollMs: 50,
      runs: 1,
    });
  });

  it('--scaled-clock: the action on the emulator clock with its default 15 s bound', () => {
    expect(parseArgs(['--scaled-clock'])).toMatchObject({
      scaledClock: true,
      speed: 60,
      pollIntervalSeconds: 15,
    });
    expect(parseArgs([]).scaledClock).toBe(false);
  });

  it('takes --runs, --dist, --out, --only and DRS_BENCH_DIST, and refuses what it does not know', () => {
    expect(parseArgs(['--runs', '5', '--only', 'parallel,serial'], { DRS_BENCH_DIST: '/d' })).toMatchObject({
      runs: 5,
      dist: '/d',
      plans: ['serial', 'parallel'],
    });
    expect(parseArgs(['--dist', '/x', '--out', 'r.json'])).toMatchObject({ dist: '/x', out: 'r.json' });
    expect(() => parseArgs(['--runs', '0'])).toThrow(/positive integer/);
    expect(() => parseArgs(['--only', 'huge'])).toThrow(/unknown huge/);
    expect(() => parseArgs(['--fast'])).toThrow(/unknown flag "--fast"/);
    expect(() => parseArgs(['--dist'])).toThrow(/--dist needs a value/);
  });
});

describe('start-up pairs and scale drills', () => {
  it('takes --pairs, --scale and --node, and --only names sections too', () => {
    expect(parseArgs([])).toMatchObject({ pairs: 7, scale: [10, 100, 500, 1000, 2000] });
    expect(parseArgs(['--quick'])).toMatchObject({ pairs: 3, scale: [10] });
    expect(parseArgs(['--pairs', '9', '--scale', '10, 50', '--node', '/n/bin/node'])).toMatchObject({
      pairs: 9,
      scale: [10, 50],
      node: '/n/bin/node',
    });
    expect(parseArgs(['--only', 'startup'])).toMatchObject({ plans: [], pairs: 7, scale: [] });
    expect(parseArgs(['--only', 'large,scale'])).toMatchObject({ plans: ['large'], pairs: 0 });
    expect(parseArgs(['--pairs', '0']).pairs).toBe(0);
    expect(() => parseArgs(['--scale', '10,x'])).toThrow(/--scale needs a positive integer/);
  });

  it('reads a thread’s CPU nanoseconds from schedstat', () => {
    expect(parseSchedstatNs('123456789 5000 12\n')).toBe(123456789);
    expect(parseSchedstatNs('')).toBeUndefined();
    expect(parseSchedstatNs('x 1 2')).toBeUndefined();
  });

  it('measures its own process: CPU time is positive and grows with work', () => {
    const before = processCpuMs(process.pid);
    let x = 0;
    for (let i = 0; i < 3e7; i++) x += i % 7;
    const after = processCpuMs(process.pid);
    expect(x).toBeGreaterThan(0);
    if (before === undefined) return; // not Linux: nothing to read
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(before);
  });

  it('peak RSS per server is the slope over the sizes of at least 100 servers, in KB', () => {
    const row = (servers: number, peakRssMb: number) => ({
      servers,
      peakRssMb,
      overheadRatio: 1,
      callsPerServer: 2,
      describeJobsPerTick: 1,
      toFirstStartRecoveryMs: 0,
      wallMs: 0,
      calls: {},
    });
    // 10 servers is left out: its 500 MB would otherwise turn the slope negative.
    const rows = [row(10, 500), row(100, 150), row(500, 170), row(2000, 245)];
    expect(rssPerServerKb(rows)).toBeCloseTo(51.2, 1);
    expect(rssPerServerKb([row(500, 170)])).toBeNaN();
  });
});
