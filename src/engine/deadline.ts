/**
 * The run's time limit and cancellation for the phases before the waves (preflight, launch
 * configuration repair), which have no loop of their own to watch them: a checkpoint each read and
 * each write passes first, and for reads a signal that stops waiting for one in flight. The run loop
 * (run.ts) watches the same deadline between and during its ticks.
 */
import { firstAbort, unlessAborted } from '../aws/retry.js';
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

/**
 * A signal that aborts when the phase must stop: on cancellation, or once the clock reaches the
 * deadline (on clocks that can time waits). Undefined when there is neither.
 */
export function phaseSignal(clock: Clock, limits: PhaseLimits): AbortSignal | undefined {
  const signals: AbortSignal[] = [];
  if (limits.signal) signals.push(limits.signal);
  if (limits.deadline !== undefined && clock.signalAfter) {
    signals.push(clock.signalAfter(limits.deadline - clock.now()));
  }
  return signals.length > 1 ? firstAbort(signals) : signals[0];
}

/**
 * The gateway with every asynchronous call given up at the deadline (a DeadlineError), so a phase
 * whose reads hang (cleanup after the waves) still ends at the run's time limit.
 */
export function untilDeadline<G extends object>(
  gateway: G,
  clock: Clock,
  deadline: number,
  phase: string,
): G {
  if (!clock.signalAfter) return gateway;
  const signalAfter = clock.signalAfter;
  return new Proxy(gateway, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const out: unknown = value.apply(target, args);
        if (!(out instanceof Promise)) return out;
        return unlessAborted(out, signalAfter(deadline - clock.now()), () => {
          throw new DeadlineError(`The run reached its time limit (timeout-minutes) during ${phase}`);
        });
      };
    },
  });
}
