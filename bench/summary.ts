/**
 * From runs to figures: every figure is the median of the runs with their min and max; ratios are
 * computed inside each run first (same machine load on both sides), then summarised. Pure.
 */
import type { ScenarioRun, SideMetrics } from './scenario.js';
import { median, percentile, round, type Spread, spread } from './stats.js';

export interface LatencySummary {
  /** Per-run median, summarised over runs. */
  median: Spread;
  /** Per-run 95th percentile, summarised over runs. */
  p95: Spread;
  samples: number;
}

export interface SideSummary {
  wallMs: Spread;
  criticalPathMs: Spread;
  overheadRatio: Spread;
  totalCalls: Spread;
  /** Median count per operation over the runs. */
  calls: Record<string, number>;
  describeJobsPerTickMax: number;
  callsPerTickMean: Spread;
  callsPerTickMax: number;
  observeLatencyMs: LatencySummary;
  actLatencyMs: LatencySummary;
}

export interface PlanSummary {
  plan: string;
  runs: number;
  ours: SideSummary & { startupToFirstRequestMs: Spread; toFirstStartRecoveryMs: Spread; peakRssMb: Spread };
  theirs?: SideSummary;
  vsAnchors?: { wall: Spread; calls: Spread };
}

export function latencySummary(perRun: readonly number[][]): LatencySummary {
  const withSamples = perRun.filter((s) => s.length > 0);
  return {
    median: spread(withSamples.map((s) => median(s))),
    p95: spread(withSamples.map((s) => percentile(s, 95))),
    samples: withSamples.reduce((n, s) => n + s.length, 0),
  };
}

function mergeCalls(list: readonly Record<string, number>[]): Record<string, number> {
  const ops = [...new Set(list.flatMap((c) => Object.keys(c)))].sort();
  return Object.fromEntries(ops.map((op) => [op, median(list.map((c) => c[op] ?? 0))]));
}

export function sideSummary(runs: readonly SideMetrics[]): SideSummary {
  return {
    wallMs: spread(runs.map((r) => r.wallMs)),
    criticalPathMs: spread(runs.map((r) => r.criticalPathMs)),
    overheadRatio: spread(runs.map((r) => r.overheadRatio)),
    totalCalls: spread(runs.map((r) => r.totalCalls)),
    calls: mergeCalls(runs.map((r) => r.calls)),
    describeJobsPerTickMax: Math.max(0, ...runs.map((r) => r.describeJobsPerTickMax)),
    callsPerTickMean: spread(runs.map((r) => r.callsPerTickMean)),
    callsPerTickMax: Math.max(0, ...runs.map((r) => r.callsPerTickMax)),
    observeLatencyMs: latencySummary(runs.map((r) => r.observeLatencyMs)),
    actLatencyMs: latencySummary(runs.map((r) => r.actLatencyMs)),
  };
}

/** Summarises the runs of one plan (all must be of that plan). */
export function planSummary(plan: string, runs: readonly ScenarioRun[]): PlanSummary {
  const ours = runs.map((r) => r.ours);
  const summary: PlanSummary = {
    plan,
    runs: runs.length,
    ours: {
      ...sideSummary(ours),
      startupToFirstRequestMs: spread(ours.map((r) => r.startupToFirstRequestMs)),
      toFirstStartRecoveryMs: spread(ours.map((r) => r.toFirstStartRecoveryMs)),
      peakRssMb: spread(ours.map((r) => r.peakRssMb ?? Number.NaN)),
    },
  };
  const theirs = runs.flatMap((r) => (r.theirs ? [r.theirs] : []));
  if (theirs.length > 0) summary.theirs = sideSummary(theirs);
  const vs = runs.flatMap((r) => (r.vsAnchors ? [r.vsAnchors] : []));
  if (vs.length > 0)
    summary.vsAnchors = { wall: spread(vs.map((v) => v.wall)), calls: spread(vs.map((v) => v.calls)) };
  return summary;
}

/** Rounds every number in a JSON-able value (for results.json); NaN becomes null. */
export function roundDeep(value: unknown, digits = 3): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? round(value, digits) : null;
  if (Array.isArray(value)) return value.map((v) => roundDeep(v, digits));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v, digits)]));
  return value;
}
