/**
 * The run's time limit and cancellation for the phases before the waves (preflight, launch
 * configuration repair), which have no loop of their own to watch them: a checkpoint each read and
 * each write passes first. The run loop (run.ts) watches the same deadline between its ticks.
 */
import type { Clock } from './types.js';

/** Epoch ms on the engine's clock when the phase must stop, and the run's cancellation. */
export interface PhaseLimits {
  deadline?: number;
  signal?: AbortSignal;
}

/** The run reached its time limit (timeout-minutes) before the phase finished. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
}

export function isDeadlineError(e: unknown): e is DeadlineError {
  return e instanceof DeadlineError;
}

/**
 * A function that throws when `phase` must stop: the cancellation's reason once `limits.signal`
 * aborts, a DeadlineError once the clock reaches `limits.deadline`; otherwise it does nothing.
 */
export function phaseCheckpoint(clock: Pick<Clock, 'now'>, limits: PhaseLimits, phase: string): () => void {
  return () => {
    const { signal, deadline } = limits;
    if (signal?.aborted) throw signal.reason ?? new Error(`The run was cancelled during ${phase}`);
    if (deadline !== undefined && clock.now() >= deadline) {
      throw new DeadlineError(`The run reached its time limit (timeout-minutes) during ${phase}`);
    }
  };
}
