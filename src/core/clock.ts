/** Time, injected so unit tests run instantly and deterministically. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * A signal that aborts once `ms` have passed on this clock, to stop waiting for work in flight (a
   * poll whose AWS calls hang) at the run's deadline. Absent on clocks that only pretend to wait.
   */
  signalAfter?(ms: number): AbortSignal;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  signalAfter: (ms) => AbortSignal.timeout(Math.max(0, Math.ceil(ms))),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/**
 * A clock that runs `scale` times faster than real time: now() advances `scale` ms per real ms and
 * sleep(ms) returns after ms / scale real ms. The emulator's simulated AWS runs faster than real time
 * (`--speed`), and the action's own waits (poll interval, waitAfter, timeouts) must keep the same
 * proportion to DRS's phases or a 1-minute soak becomes two simulated hours.
 */
export function scaledClock(scale: number, base: Clock = systemClock, anchor?: ClockAnchor): Clock {
  if (scale === 1 && !anchor) return base;
  const realOrigin = anchor?.realMs ?? base.now();
  const origin = anchor?.simulatedMs ?? realOrigin;
  const { signalAfter } = base;
  return {
    now: () => origin + (base.now() - realOrigin) * scale,
    sleep: (ms, signal) => base.sleep(ms / scale, signal),
    ...(signalAfter ? { signalAfter: (ms: number) => signalAfter(ms / scale) } : {}),
  };
}

/** A simulated instant and the real instant it corresponded to (the emulator's clock). */
export interface ClockAnchor {
  simulatedMs: number;
  realMs: number;
}

/** `<simulated ms>@<real ms>` (what the emulator's clock anchor() gives), or undefined when malformed. */
export function parseClockAnchor(raw: string | undefined): ClockAnchor | undefined {
  const match = /^(\d+)@(\d+)$/.exec(raw?.trim() ?? '');
  if (!match) return undefined;
  return { simulatedMs: Number(match[1]), realMs: Number(match[2]) };
}

/** True when AWS is reached over loopback: the local emulator, never a real AWS endpoint. */
export function isLoopbackEndpoint(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

/**
 * The engine's clock: real time, unless DRS_DRILL_CLOCK_SCALE asks for a faster one AND AWS is the
 * loopback emulator (so no setting can shorten the waits of a run against real AWS).
 * DRS_DRILL_CLOCK_ANCHOR (the emulator's `<simulated ms>@<real ms>`) makes the scaled clock read the
 * emulator's simulated time itself: without it the run's own start and end (taken from this clock)
 * would be real dates while every DRS timestamp in the same report is a simulated one.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv, base: Clock = systemClock): Clock {
  const scale = honouredScale(env);
  if (scale === undefined) return base;
  return scaledClock(scale, base, parseClockAnchor(env.DRS_DRILL_CLOCK_ANCHOR));
}

/**
 * A crash injected for the "nothing left behind" tests: DRS_DRILL_TEST_CRASH=after-first-job makes the
 * drill fail with an unexpected error right after its first job starts. Honoured only against the
 * loopback emulator, like the clock scale, so no setting can break a run against real AWS.
 */
export function injectedCrash(env: NodeJS.ProcessEnv): 'after-first-job' | undefined {
  return env.DRS_DRILL_TEST_CRASH === 'after-first-job' && isLoopbackEndpoint(env.AWS_ENDPOINT_URL)
    ? 'after-first-job'
    : undefined;
}

/** How many times faster than real time the run's clock goes: DRS_DRILL_CLOCK_SCALE when honoured, else 1. */
export function clockScaleFromEnv(env: NodeJS.ProcessEnv): number {
  return honouredScale(env) ?? 1;
}

function honouredScale(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.DRS_DRILL_CLOCK_SCALE;
  if (!raw) return undefined;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0 || !isLoopbackEndpoint(env.AWS_ENDPOINT_URL)) return undefined;
  return scale;
}
