/**
 * The run loop's side of a pipelined run (run-input.ts WaveGate): a later wave's own preflight decides
 * whether it may start. Ready: the wave runs the servers its preflight kept. Failed: the wave fails
 * without starting (the waves already running end as usual; onFailure decides the rest, and the run
 * fails). Pending: the loop waits for it.
 */
import { firstAbort } from '../aws/retry.js';
import type { Report } from '../core/report.js';
import type { WaveGate } from './run-input.js';
import type { WaveRun } from './run-state.js';
import type { WaveRunState } from './scheduler.js';

/** A ready gate's servers into the wave and its report entry (the left-out ones leave both). */
export function applyReadyGate(wave: WaveRun, gate: WaveGate | undefined): void {
  const state = gate?.state(wave.report.name);
  if (state?.kind !== 'ready' || wave.gateApplied) return;
  wave.gateApplied = true;
  wave.resolved = { wave: wave.resolved.wave, servers: state.servers };
  const kept = new Map(state.servers.map((rs) => [rs.sourceServerId, rs]));
  wave.report.servers = wave.report.servers.flatMap((s) => {
    const rs = kept.get(s.sourceServerId);
    if (!rs) return [];
    // Point in time: the snapshot the wave's own preflight chose for the server.
    const snapshot = rs.spec.snapshot ?? rs.recoverySnapshot?.id;
    return [snapshot ? { ...s, recoverySnapshotId: snapshot } : s];
  });
}

/**
 * Every pending wave's gate, each pass of the loop: one that passed gives the wave its servers; one
 * that failed fails the wave before it starts, with its preflight problems as the run's errors. The
 * scheduler then treats it as any failed wave: its dependants never start, and with `onFailure: stop`
 * (the default) no other wave starts either, so a doomed drill launches no more billed instances.
 */
export function applyGates(
  waves: readonly WaveRun[],
  gate: WaveGate | undefined,
  report: Report,
  decide: (wave: WaveRun, status: WaveRunState['status'], why: string) => void,
): void {
  if (!gate) return;
  for (const wave of waves) {
    if (wave.state.status !== 'pending') continue;
    applyReadyGate(wave, gate);
    const state = gate.state(wave.report.name);
    if (state?.kind !== 'failed') continue;
    report.errors.push(...state.errors);
    for (const s of wave.report.servers) s.health = 'skipped';
    decide(wave, 'failed', 'not started: the preflight of its servers failed');
  }
}

/** Whether the wave must wait for its gate; its settling is then added to `waits`. */
export function gatePending(wave: WaveRun, gate: WaveGate | undefined, waits: Promise<void>[]): boolean {
  const state = gate?.state(wave.report.name);
  if (state?.kind !== 'pending') return false;
  waits.push(state.settled);
  return true;
}

/** A signal that aborts with `signal` or as soon as one of the awaited gates settles. */
export function wakeOnGates(signal: AbortSignal | undefined, waits: readonly Promise<void>[]) {
  if (waits.length === 0) return signal;
  const settled = new AbortController();
  void Promise.race(waits).then(
    () => settled.abort(),
    () => settled.abort(),
  );
  return firstAbort([...(signal ? [signal] : []), settled.signal]);
}
