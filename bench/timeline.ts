/**
 * What DRS itself took: each wave's span from the emulator's job timeline, and the critical path of
 * the wave DAG. That is the physical floor of a run; anything above it is the orchestrator's overhead.
 * Pure: times in, times out. Simulated ms stay simulated until `toReal` converts them.
 */
import type { Timeline, TimelineJob } from '../emulator/control.js';
import { TAG } from '../src/core/tags.js';

/** The tag the action puts on each StartRecovery naming its wave (the anchors' driver uses it too). */
export const WAVE_TAG = TAG.wave;

export interface BenchWave {
  name: string;
  dependsOn: string[];
}

export interface WaveSpan {
  wave: string;
  /** Simulated ms of the wave's first StartRecovery (job creation). */
  startedAt: number;
  /**
   * Simulated ms at which DRS and EC2 had done everything the wave's success needs: every job
   * COMPLETED and, with `waitForStatusChecks`, every launched instance's status checks settled.
   * Undefined while something is still moving.
   */
  doneAt?: number;
}

/** When one job stopped moving for the orchestrator's purposes; undefined if it has not yet. */
export function jobDoneAt(job: TimelineJob, waitForStatusChecks: boolean): number | undefined {
  if (job.endedAt === undefined) return undefined;
  let done = job.endedAt;
  if (!waitForStatusChecks) return done;
  for (const s of job.servers) {
    if (s.launchStatus !== 'LAUNCHED') continue;
    if (s.statusChecksAt === undefined) return undefined;
    done = Math.max(done, s.statusChecksAt);
  }
  return done;
}

/** One span per wave that has LAUNCH jobs, from the jobs' wave tag. */
export function waveSpans(jobs: readonly TimelineJob[], waitForStatusChecks: boolean): WaveSpan[] {
  const byWave = new Map<string, TimelineJob[]>();
  for (const job of jobs) {
    const wave = job.tags[WAVE_TAG];
    if (job.type !== 'LAUNCH' || wave === undefined) continue;
    byWave.set(wave, [...(byWave.get(wave) ?? []), job]);
  }
  return [...byWave].map(([wave, list]) => {
    const startedAt = Math.min(...list.map((j) => j.createdAt));
    const dones = list.map((j) => jobDoneAt(j, waitForStatusChecks));
    const span: WaveSpan = { wave, startedAt };
    if (dones.every((d) => d !== undefined)) span.doneAt = Math.max(...(dones as number[]));
    return span;
  });
}

/**
 * The longest chain of wave durations through the dependency DAG (simulated ms): what the run
 * would take if every dependant started the instant its dependencies were done. Waves without a
 * finished span (never started, or still running) add nothing.
 */
export function criticalPathMs(waves: readonly BenchWave[], spans: readonly WaveSpan[]): number {
  const duration = new Map<string, number>();
  for (const s of spans) if (s.doneAt !== undefined) duration.set(s.wave, s.doneAt - s.startedAt);
  const byName = new Map(waves.map((w) => [w.name, w]));
  const memo = new Map<string, number>();
  const visiting = new Set<string>();
  const longest = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) throw new Error(`wave dependency cycle through "${name}"`);
    visiting.add(name);
    const deps = byName.get(name)?.dependsOn ?? [];
    const before = Math.max(0, ...deps.map(longest));
    visiting.delete(name);
    const total = before + (duration.get(name) ?? 0);
    memo.set(name, total);
    return total;
  };
  return Math.max(0, ...waves.map((w) => longest(w.name)));
}

/** Maps the emulator's simulated ms to the wall clock (Date.now() ms) of the same machine. */
export function simToReal(timeline: Pick<Timeline, 'speed' | 'simNow' | 'realNow'>): (sim: number) => number {
  const { speed, simNow, realNow } = timeline;
  if (!(speed > 0)) throw new Error('a frozen emulator clock (speed 0) cannot be mapped to real time');
  return (sim) => realNow - (simNow - sim) / speed;
}
