/**
 * The emulator's simulated clock: simulated time = scenario start + real elapsed × speed + manual
 * advances. Speed 0 freezes it, so tests can move time only with `advance` and stay deterministic.
 */
export interface SimClock {
  /** Simulated epoch milliseconds. */
  now(): number;
  /** Simulated time as an ISO-8601 string with seconds precision (what DRS answers carry). */
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

/** DRS timestamps match `...T12:00:00Z` or with fractional seconds; whole seconds read best. */
export function toIso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
