/** The shape of bench/results.json and how it is assembled from the summaries. Pure. */
import { rssPerServerKb, type ScaleRow } from './scale.js';
import type { ScenarioRun } from './scenario.js';
import type { StartupRatio } from './startup-ratio.js';
import { type Spread, spread } from './stats.js';
import { type LatencySummary, latencySummary, type PlanSummary } from './summary.js';

export interface StartupMeasures {
  bundleBytes: number;
  validateExampleMs: number[];
  validate4000Ms: number[];
  /** Absent when the start-up pairs were skipped. */
  ratio?: StartupRatio;
}

export interface BenchSettings {
  quick: boolean;
  runs: number;
  speed: number;
  pollIntervalSeconds: number;
  anchorPollMs: number;
  largeServers: number;
  scaledClock: boolean;
  dist: string;
  node: string;
  cpus: number;
}

export interface BenchResults {
  /** Medians, the figures the issue asks for at the top level. */
  overheadRatio: { serial: number; parallel: number; large: number };
  vsAnchorScheme: { wall: number; calls: number };
  describeJobsPerTick: number;
  startupToFirstRequestMs: number;
  validate4000Ms: number;
  peakRssMb: number;
  detectionLatencyMs: { median: number; p95: number };
  /** Action ÷ floor (bench/floor.mjs), CPU and wall to the first AWS request; NaN when skipped. */
  startupRatio: { cpu: number; wall: number };
  /** Peak RSS growth per server over the scale drills of ≥ 100 servers (KB). */
  rssPerServerKb: number;
  scale: ScaleRow[];
  generatedAt: string;
  settings: BenchSettings;
  /** The share of the waves on the parallel plan's longest chain: what a DAG-aware run should save. */
  parallelDepthShare: number;
  detection: { observe: LatencySummary; act: LatencySummary };
  startup: {
    bundleBytes: number;
    toFirstRequestMs: Spread;
    validateExampleMs: Spread;
    validate4000Ms: Spread;
    ratio?: StartupRatio;
  };
  plans: Record<string, PlanSummary>;
}

export function buildResults(input: {
  settings: BenchSettings;
  plans: Record<string, PlanSummary>;
  runs: readonly ScenarioRun[];
  startup: StartupMeasures;
  scale: ScaleRow[];
  parallelDepthShare: number;
  now: Date;
}): BenchResults {
  const { plans, runs, startup } = input;
  const ours = runs.map((r) => r.ours);
  const observe = latencySummary(ours.map((o) => o.observeLatencyMs));
  const act = latencySummary(ours.map((o) => o.actLatencyMs));
  const toFirstRequestMs = spread(ours.map((o) => o.startupToFirstRequestMs));
  const validate4000Ms = spread(startup.validate4000Ms);
  return {
    overheadRatio: {
      serial: plans.serial?.ours.overheadRatio.median ?? Number.NaN,
      parallel: plans.parallel?.ours.overheadRatio.median ?? Number.NaN,
      large: plans.large?.ours.overheadRatio.median ?? Number.NaN,
    },
    vsAnchorScheme: {
      wall: plans.parallel?.vsAnchors?.wall.median ?? Number.NaN,
      calls: plans.parallel?.vsAnchors?.calls.median ?? Number.NaN,
    },
    describeJobsPerTick: Math.max(0, ...ours.map((o) => o.describeJobsPerTickMax)),
    startupToFirstRequestMs: toFirstRequestMs.median,
    validate4000Ms: validate4000Ms.median,
    peakRssMb:
      plans.large?.ours.peakRssMb.median ??
      input.scale.find((r) => r.servers === 500)?.peakRssMb ??
      Number.NaN,
    detectionLatencyMs: { median: observe.median.median, p95: observe.p95.median },
    startupRatio: { cpu: startup.ratio?.cpu ?? Number.NaN, wall: startup.ratio?.wall ?? Number.NaN },
    rssPerServerKb: rssPerServerKb(input.scale),
    scale: input.scale,
    generatedAt: input.now.toISOString(),
    settings: input.settings,
    parallelDepthShare: input.parallelDepthShare,
    detection: { observe, act },
    startup: {
      bundleBytes: startup.bundleBytes,
      toFirstRequestMs,
      validateExampleMs: spread(startup.validateExampleMs),
      validate4000Ms,
      ...(startup.ratio ? { ratio: startup.ratio } : {}),
    },
    plans,
  };
}
