/**
 * The emulator's simulated clock: simulated time = scenario start + real elapsed × speed + manual
 * advances. Speed 0 freezes it, so tests can move time only with `advance` and stay deterministic.
 */
import { hash32 } from './random.js';

export interface SimClock {
  /** Simulated epoch milliseconds. */
  now(): number;
  /** Simulated time as ISO-8601 with seconds precision (the control API's times; DRS's are `drsTime`). */
  iso(at?: number): string;
  /** Move simulated time forward without waiting. */
  advance(ms: number): void;
  readonly speed: number;
  /**
   * `<simulated ms>@<real ms>`: a simulated instant and the real instant it corresponds to. With the
   * speed this pins the simulated clock exactly, so the action under test can follow it
   * (DRS_DRILL_CLOCK_ANCHOR) instead of drifting from it by its own start-up time × speed.
   */
  anchor(): string;
}

export function createClock(startIso: string, speed: number, realNow: () => number = Date.now): SimClock {
  const start = Date.parse(startIso);
  if (Number.isNaN(start)) throw new Error(`invalid start time '${startIso}'`);
  const realStart = realNow();
  let offset = 0;
  const now = (): number => Math.floor(start + (realNow() - realStart) * speed + offset);
  return {
    now,
    iso: (at?: number) => toIso(at ?? now()),
    advance(ms: number) {
      if (ms < 0) throw new Error('the simulated clock only moves forward');
      offset += ms;
    },
    speed,
    anchor: () => `${start + offset}@${realStart}`,
  };
}

/** The emulator's own times (control API, call log): `...T12:00:00Z`, whole seconds. */
export function toIso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/**
 * A time as real DRS renders it in its answers: six fraction digits and a `+00:00` offset
 * (`2022-12-07T19:24:29.155509+00:00`, captures/drs-plan-automation-sample_result.json), though the
 * model's pattern only admits `Z`. The clock counts milliseconds; the last three digits are fixed by
 * the instant, so one instant always reads the same and `Date.parse` gives the millisecond back.
 */
export function drsTime(ms: number): string {
  const micros = String(hash32(`us:${ms}`) % 1000).padStart(3, '0');
  return `${new Date(ms).toISOString().slice(0, 23)}${micros}+00:00`;
}
