/**
 * One measured run of one plan: the bundled action against its own emulator and, side by side, the
 * anchors' scheme against another emulator with the same estate and seed. Everything is read back
 * from the emulators' call logs and timelines, so both sides are measured the same way.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Timeline } from '../emulator/control.js';
import { generateEstate } from '../emulator/estate.js';
import { type Emulator, startEmulator } from '../emulator/server.js';
import { runAction, tail } from './action.js';
import { runAnchorScheme } from './anchors.js';
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
} from './calls.js';
import { type BenchPlan, forcedSerial, planYaml } from './plans.js';
import { ratio } from './stats.js';
import { type BenchWave, criticalPathMs, simToReal, waveSpans } from './timeline.js';

export interface ScenarioSettings {
  dist: string;
  /** Emulator speed (simulated seconds per real second). */
  speed: number;
  /** The action's poll-interval-seconds (real seconds). */
  pollSeconds: number;
  /** The anchors' fixed poll interval, real ms. */
  anchorPollMs: number;
  seed: number;
  /** Run the anchors' scheme beside the action. */
  anchors: boolean;
  /** Longest gap between two calls of the same poll tick, real ms. */
  tickGapMs: number;
  timeoutMs: number;
  /** Run the action on the emulator's clock (DRS_DRILL_CLOCK_SCALE = speed); pollSeconds is then simulated. */
  scaledClock?: boolean;
}

/** What one orchestrator did in one run; times are real ms. */
export interface SideMetrics {
  wallMs: number;
  criticalPathMs: number;
  overheadRatio: number;
  calls: Record<string, number>;
  totalCalls: number;
  ticks: number;
  describeJobsPerTickMax: number;
  callsPerTickMean: number;
  callsPerTickMax: number;
  observeLatencyMs: number[];
  actLatencyMs: number[];
}

export interface OursMetrics extends SideMetrics {
  startupToFirstRequestMs: number;
  /** Spawn → first StartRecovery: start-up plus preflight and launch-config checks. */
  toFirstStartRecoveryMs: number;
  peakRssMb?: number;
}

export interface ScenarioRun {
  plan: string;
  ours: OursMetrics;
  theirs?: SideMetrics;
  /** Ours ÷ theirs, within this run. */
  vsAnchors?: { wall: number; calls: number };
}

async function timelineOf(emulator: Emulator): Promise<Timeline> {
  const res = await fetch(`${emulator.url}/_emulator/timeline`);
  if (!res.ok) throw new Error(`emulator timeline: HTTP ${res.status}`);
  return (await res.json()) as Timeline;
}

/** The figures both sides share, from one emulator's call log and timeline. */
export function sideMetrics(
  waves: readonly BenchWave[],
  timeline: Timeline,
  calls: readonly TimedCall[],
  wallMs: number,
  tickGapMs: number,
): SideMetrics {
  const toReal = simToReal(timeline);
  const spans = waveSpans(timeline.jobs, true);
  const critical = criticalPathMs(waves, spans) / timeline.speed;
  const ticks = pollTicks(calls, tickGapMs);
  const sizes = ticks.map((t) => t.length);
  const doneAt = new Map<string, number>();
  for (const s of spans) if (s.doneAt !== undefined) doneAt.set(s.wave, toReal(s.doneAt));
  return {
    wallMs,
    criticalPathMs: critical,
    overheadRatio: ratio(wallMs, critical),
    calls: countByOperation(calls),
    totalCalls: calls.length,
    ticks: ticks.length,
    describeJobsPerTickMax: Math.max(0, ...perTick(ticks, 'DescribeJobs')),
    callsPerTickMean: ratio(
      sizes.reduce((a, b) => a + b, 0),
      sizes.length,
    ),
    callsPerTickMax: Math.max(0, ...sizes),
    observeLatencyMs: observationLatencies(stateChanges(timeline.jobs, toReal, true), calls),
    actLatencyMs: actLatencies(waves, doneAt, calls),
  };
}

async function runOurs(plan: BenchPlan, s: ScenarioSettings): Promise<OursMetrics> {
  const emulator = await startEmulator({
    scenario: generateEstate(plan.estateSize),
    speed: s.speed,
    seed: s.seed,
  });
  const workspace = await mkdtemp(join(tmpdir(), 'drs-bench-'));
  try {
    await writeFile(join(workspace, 'plan.yaml'), planYaml(plan));
    const measured = await runAction({
      dist: s.dist,
      workspace,
      emulatorUrl: emulator.url,
      timeoutMs: s.timeoutMs,
      ...(s.scaledClock ? { env: { DRS_DRILL_CLOCK_SCALE: String(s.speed) } } : {}),
      inputs: {
        mode: 'drill',
        plan: 'plan.yaml',
        cleanup: 'never',
        'poll-interval-seconds': String(s.pollSeconds),
        'report-dir': 'drs-report',
      },
    });
    if (measured.run.outputs.status !== 'succeeded')
      throw new Error(
        `the action did not succeed on ${plan.name} (exit ${measured.run.code}, status ${measured.run.outputs.status ?? 'none'}):\n${tail(measured.run)}`,
      );
    const calls = awsCalls(timed(emulator.calls));
    const wallMs = measured.exitedAt - measured.spawnedAt;
    const side = sideMetrics(plan.waves, await timelineOf(emulator), calls, wallMs, s.tickGapMs);
    const firstCall = Math.min(...calls.map((c) => c.at));
    const firstStart = Math.min(...calls.filter((c) => c.operation === 'StartRecovery').map((c) => c.at));
    const ours: OursMetrics = {
      ...side,
      startupToFirstRequestMs: firstCall - measured.spawnedAt,
      toFirstStartRecoveryMs: firstStart - measured.spawnedAt,
    };
    if (measured.peakRssMb !== undefined) ours.peakRssMb = measured.peakRssMb;
    return ours;
  } finally {
    await emulator.close();
    await rm(workspace, { recursive: true, force: true });
  }
}

async function runTheirs(plan: BenchPlan, s: ScenarioSettings): Promise<SideMetrics> {
  const emulator = await startEmulator({
    scenario: generateEstate(plan.estateSize),
    speed: s.speed,
    seed: s.seed,
  });
  try {
    const waves = forcedSerial(plan.waves);
    const result = await runAnchorScheme({ endpoint: emulator.url, waves, pollMs: s.anchorPollMs });
    if (!result.succeeded)
      throw new Error(`the anchors' scheme failed on ${plan.name}: ${result.failures.join('; ')}`);
    const calls = awsCalls(timed(emulator.calls));
    return sideMetrics(waves, await timelineOf(emulator), calls, result.wallMs, s.tickGapMs);
  } finally {
    await emulator.close();
  }
}

/** One run of one plan: ours and (optionally) theirs at the same time, on separate emulators. */
export async function runScenario(plan: BenchPlan, s: ScenarioSettings): Promise<ScenarioRun> {
  const [ours, theirs] = await Promise.all([
    runOurs(plan, s),
    s.anchors ? runTheirs(plan, s) : Promise.resolve(undefined),
  ]);
  const run: ScenarioRun = { plan: plan.name, ours };
  if (theirs) {
    run.theirs = theirs;
    run.vsAnchors = {
      wall: ratio(ours.wallMs, theirs.wallMs),
      calls: ratio(ours.totalCalls, theirs.totalCalls),
    };
  }
  return run;
}
