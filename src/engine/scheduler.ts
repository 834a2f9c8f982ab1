/**
 * Which waves may start and which chunks DRS can hold right now. Pure: the run loop owns the
 * state and the clock and asks these functions what to do next.
 */

import { DRS_QUOTAS } from '../core/quotas.js';
import type { WaveStatus } from '../core/report.js';
import type { OnFailure } from '../plan/types.js';

export interface SchedulerWave {
  name: string;
  dependsOn: string[];
  waitAfterSeconds: number;
}

export interface WaveRunState {
  status: WaveStatus;
  /** Injected-clock ms when the wave's outcome was decided (the `waitAfter` soak starts there). */
  decidedAtMs?: number;
  /**
   * Skipped because no server was left to run (all excluded or left out): its dependants run, at once
   * (nothing launched, so nothing to soak).
   */
  empty?: boolean;
}

/** Whether a wave's dependants may run after it: it succeeded, or had no server left to run. */
function satisfied(state: WaveRunState | undefined): boolean {
  return state?.status === 'succeeded' || (state?.status === 'skipped' && state.empty === true);
}

export interface ScheduleDecision {
  /** Waves whose dependencies all succeeded and soaked: start them now. */
  start: string[];
  /** Waves that will never start, with why. */
  skip: { wave: string; reason: string }[];
  /** Earliest injected-clock ms at which a soaking dependency lets another wave start. */
  wakeAtMs?: number;
}

const BAD_END: ReadonlySet<WaveStatus> = new Set(['failed', 'timed-out', 'skipped', 'cancelled']);

function failureWord(status: WaveStatus): string {
  return status === 'timed-out' ? 'timed out' : status === 'skipped' ? 'was skipped' : status;
}

/**
 * Decide, for every pending wave, start / skip / wait.
 * `stop` + a failed or timed-out wave: no new wave starts, the pending ones are skipped.
 * `continue`: waves whose dependencies succeeded still start; dependants of a failure are skipped.
 */
export function planNextWaves(
  waves: readonly SchedulerWave[],
  states: ReadonlyMap<string, WaveRunState>,
  opts: { nowMs: number; onFailure: OnFailure },
): ScheduleDecision {
  const decision: ScheduleDecision = { start: [], skip: [] };
  const failed = waves.find((w) => {
    const s = states.get(w.name)?.status;
    return s === 'failed' || s === 'timed-out';
  });

  for (const wave of waves) {
    if (states.get(wave.name)?.status !== 'pending') continue;
    if (opts.onFailure === 'stop' && failed) {
      const status = states.get(failed.name)?.status ?? 'failed';
      decision.skip.push({
        wave: wave.name,
        reason: `not started: wave "${failed.name}" ${failureWord(status)} and onFailure is stop`,
      });
      continue;
    }
    const badDependency = wave.dependsOn.find(
      (d) => BAD_END.has(states.get(d)?.status ?? 'pending') && !satisfied(states.get(d)),
    );
    if (badDependency !== undefined) {
      const status = states.get(badDependency)?.status ?? 'failed';
      decision.skip.push({
        wave: wave.name,
        reason: `not started: it depends on wave "${badDependency}", which ${failureWord(status)}`,
      });
      continue;
    }
    let readyAt = opts.nowMs;
    let allSucceeded = true;
    for (const name of wave.dependsOn) {
      const dep = states.get(name);
      const depWave = waves.find((w) => w.name === name);
      if (!satisfied(dep) || dep?.decidedAtMs === undefined) {
        allSucceeded = false;
        break;
      }
      const soak = dep.empty ? 0 : (depWave?.waitAfterSeconds ?? 0);
      readyAt = Math.max(readyAt, dep.decidedAtMs + soak * 1000);
    }
    if (!allSucceeded) continue;
    if (readyAt <= opts.nowMs) decision.start.push(wave.name);
    else decision.wakeAtMs = Math.min(decision.wakeAtMs ?? readyAt, readyAt);
  }
  return decision;
}

/** Split a wave's servers into StartRecovery-sized chunks (≤100, the documented per-launch limit). */
export function chunkServers<T>(items: readonly T[], size: number = DRS_QUOTAS.maxServersPerJob): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export interface Capacity {
  jobs: number;
  servers: number;
}

/**
 * Whether one more job of `chunkSize` servers fits in DRS's account-wide quotas, counting this run's
 * active and reserved jobs (`ours`) and the jobs that were already active before the run (`others`).
 * When this run holds nothing, it tries anyway: the other jobs may have ended since preflight counted
 * them, and DRS itself answers ServiceQuotaExceeded (which waits) if they have not.
 */
export function canAdmit(ours: Capacity, others: Capacity, chunkSize: number): boolean {
  if (ours.jobs === 0) return true;
  const jobs = ours.jobs + others.jobs + 1;
  const servers = ours.servers + others.servers + chunkSize;
  return jobs <= DRS_QUOTAS.maxActiveJobs && servers <= DRS_QUOTAS.maxServersInActiveJobs;
}
