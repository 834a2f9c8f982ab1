import type {
  JobReport,
  Measurements,
  PhaseReport,
  Report,
  ServerReport,
  StepReport,
  WaveReport,
} from './report.js';

/*
 * The one place where durations are computed. Every duration in report.json, the job summary and
 * the outputs comes from two AWS timestamps through secondsBetween(): a missing, unparseable,
 * implausible or reversed pair gives `undefined`, never a number made of garbage (a missing start
 * read as epoch 0 once showed up as "489653h").
 */

// YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM|±HHMM); a space is accepted in place of the `T`.
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(Z|z|[+-]\d{2}:?\d{2})$/;

/** Anything before this is a zero or default value, not a DRS or EC2 time (DRS launched in 2021). */
const EARLIEST_PLAUSIBLE_MS = Date.UTC(2000, 0, 1);

/** Epoch milliseconds of an ISO-8601 instant with an explicit zone, or undefined. */
export function parseInstant(iso: string | undefined): number | undefined {
  if (typeof iso !== 'string') return undefined;
  const m = ISO_INSTANT.exec(iso.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const dayMs = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 31 February over into March; a calendar date that does not exist is garbage.
  if (new Date(dayMs).getUTCDate() !== day) return undefined;
  // Fractions beyond milliseconds (DRS may send microseconds) are cut, not rounded.
  const millis = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const ms = dayMs + ((hour * 60 + minute) * 60 + second) * 1000 + millis - zoneOffsetMs(m[8] ?? 'Z');
  return ms >= EARLIEST_PLAUSIBLE_MS ? ms : undefined;
}

function zoneOffsetMs(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}

/** `2024-05-01T10:00:00.000Z` form of an instant, or undefined when it cannot be read. */
export function toUtcIso(iso: string | undefined): string | undefined {
  const ms = parseInstant(iso);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/**
 * Seconds from one instant to a later one, with millisecond precision.
 * Undefined when either is missing or unreadable, or when `to` is before `from`.
 */
export function secondsBetween(fromIso: string | undefined, toIso: string | undefined): number | undefined {
  const from = parseInstant(fromIso);
  const to = parseInstant(toIso);
  if (from === undefined || to === undefined || to < from) return undefined;
  return (to - from) / 1000;
}

// Parsing and formatting durations as text live beside this module (duration-text.ts), re-exported here.
export {
  DURATION_PATTERN,
  formatDuration,
  formatTargetDuration,
  parseDuration,
  parseIsoDuration,
} from './duration-text.js';

/** The earliest (or latest) readable instant of a list, as given. */
export function earliestInstant(isos: readonly (string | undefined)[]): string | undefined {
  return pickInstant(isos, (a, b) => a < b);
}

export function latestInstant(isos: readonly (string | undefined)[]): string | undefined {
  return pickInstant(isos, (a, b) => a > b);
}

function pickInstant(
  isos: readonly (string | undefined)[],
  better: (a: number, b: number) => boolean,
): string | undefined {
  let best: { iso: string; ms: number } | undefined;
  for (const iso of isos) {
    const ms = parseInstant(iso);
    if (ms === undefined || iso === undefined) continue;
    if (!best || better(ms, best.ms)) best = { iso, ms };
  }
  return best?.iso;
}

export function waveDuration(wave: Pick<WaveReport, 'startedAt' | 'endedAt'>): number | undefined {
  return secondsBetween(wave.startedAt, wave.endedAt);
}

export function jobDuration(job: Pick<JobReport, 'createdAt' | 'endedAt'>): number | undefined {
  return secondsBetween(job.createdAt, job.endedAt);
}

export function phaseDuration(phase: Pick<PhaseReport, 'startedAt' | 'endedAt'>): number | undefined {
  return secondsBetween(phase.startedAt, phase.endedAt);
}

/** When the StartRecovery job that launched this server was created; the wave's start otherwise. */
export function serverStartedAt(server: ServerReport, wave: WaveReport): string | undefined {
  const job = wave.jobs.find((j) => j.jobId === server.jobId);
  if (parseInstant(job?.createdAt) !== undefined) return job?.createdAt;
  return parseInstant(wave.startedAt) !== undefined ? wave.startedAt : undefined;
}

/** Job start → EC2 launch time. */
export function timeToLaunch(server: ServerReport, wave: WaveReport): number | undefined {
  return secondsBetween(serverStartedAt(server, wave), server.launchedAt);
}

/** Job start → health check passed. */
export function timeToHealthy(server: ServerReport, wave: WaveReport): number | undefined {
  return secondsBetween(serverStartedAt(server, wave), server.healthyAt);
}

/**
 * The data a recovery of this server would lose: when the recovery was requested (its job's creation)
 * − the time of the recovery point it launched from. A recovery point taken after the request (DRS's
 * on-demand snapshot of the latest data) loses nothing before the request: 0, not a negative number.
 */
export function dataLoss(server: ServerReport, wave: WaveReport): number | undefined {
  const requested = parseInstant(serverStartedAt(server, wave));
  const point = parseInstant(server.recoveryPointAt);
  if (requested === undefined || point === undefined) return undefined;
  return Math.max(0, requested - point) / 1000;
}

/** Age of the data a server was launched from when its instance started: launch time − recovery point time. */
export function dataAgeAtLaunch(server: ServerReport): number | undefined {
  return secondsBetween(server.recoveryPointAt, server.launchedAt);
}

/** Whether the plan pinned the server to a point-in-time snapshot (`snapshot:`), so its age is chosen, not lost. */
export function isPinned(server: ServerReport): boolean {
  return server.pinnedSnapshotId !== undefined;
}

/** A span of time between two instants, as text (either may be unknown). */
export interface Span {
  startedAt?: string | undefined;
  endedAt?: string | undefined;
}

/** A step's active span: its waves' earliest job creation → the latest time one of them was decided. */
export function stepSpan(report: Pick<Report, 'waves'>, step: string): Span {
  const waves = report.waves.filter((w) => w.step === step);
  return {
    startedAt: earliestInstant(waves.flatMap((w) => [w.startedAt, ...w.jobs.map((j) => j.createdAt)])),
    endedAt: latestInstant(waves.map((w) => w.endedAt)),
  };
}

/** The report's steps with their spans and active seconds filled from the waves they ran. */
export function stepsWithSpans(report: Pick<Report, 'waves' | 'steps'>): StepReport[] | undefined {
  if (!report.steps) return undefined;
  return report.steps.map((step) => {
    const span = stepSpan(report, step.name);
    const active = secondsBetween(span.startedAt, span.endedAt);
    const out: StepReport = { ...step };
    delete out.startedAt;
    delete out.endedAt;
    delete out.activeSeconds;
    if (span.startedAt) out.startedAt = span.startedAt;
    if (span.endedAt) out.endedAt = span.endedAt;
    if (active !== undefined) out.activeSeconds = wholeSeconds(active) as number;
    return out;
  });
}

/**
 * Seconds within `from` → `to` that no step was active: the waits between steps (an approval, a hook).
 * Spans are merged first, so overlapping steps leave no gap; a span without both ends is ignored.
 */
export function gapSecondsBetweenSteps(spans: readonly Span[], from: string, to: string): number {
  const lo = parseInstant(from);
  const hi = parseInstant(to);
  if (lo === undefined || hi === undefined || hi < lo) return 0;
  const known = spans
    .map((s) => [parseInstant(s.startedAt), parseInstant(s.endedAt)] as const)
    .filter((p): p is readonly [number, number] => p[0] !== undefined && p[1] !== undefined && p[1] >= p[0])
    .sort((a, b) => a[0] - b[0]);
  let gapMs = 0;
  let coveredTo: number | undefined;
  for (const [start, end] of known) {
    if (coveredTo !== undefined && start > coveredTo) {
      // Only the part of the gap inside the measured interval counts.
      gapMs += Math.max(0, Math.min(start, hi) - Math.max(coveredTo, lo));
    }
    coveredTo = Math.max(coveredTo ?? end, end);
  }
  return gapMs / 1000;
}

/** Whole seconds for the evidence; comparisons with targets use the same rounded value. */
function wholeSeconds(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : Math.round(seconds);
}

function worst(values: (number | undefined)[]): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length > 0 ? wholeSeconds(Math.max(...known)) : undefined;
}

/** How `measured.rpoSeconds` is defined; history and dashboards compare only figures of one definition. */
export const RPO_DEFINITION = 'request-minus-recovery-point';

/** Seconds from `start` to the latest of `instants`; undefined unless every instant is known. */
function lastInstantSeconds(start: string | undefined, instants: (string | undefined)[]): number | undefined {
  if (instants.length === 0 || instants.some((t) => parseInstant(t) === undefined)) return undefined;
  return wholeSeconds(secondsBetween(start, latestInstant(instants)));
}

/** When a server counts as recovered: healthy, and (when its wave has checks) the checks passed. */
function readyAt(l: { wave: WaveReport; server: ServerReport }): string | undefined {
  if ((l.wave.checks ?? []).length === 0) return l.server.healthyAt;
  if (parseInstant(l.wave.checksPassedAt) === undefined) return undefined;
  return latestInstant([l.server.healthyAt, l.wave.checksPassedAt]);
}

/**
 * RTO: first StartRecovery (else the earliest job creation) → the last critical server healthy;
 * undefined unless every critical server got healthy. A plan with no critical server at all is
 * measured over every server, so that its RTO still means "everything is up".
 * RPO: the worst data loss (recovery request − recovery point, see dataLoss) over the servers launched
 * from their latest data. A server pinned to a snapshot is reported apart, as that snapshot's age at
 * the request, and the launch-time figure of earlier versions stays as "data age at launch".
 * Several steps (input `waves`): the RTO leaves out the time between the steps' active spans.
 */
export function computeMeasurements(report: Report): Measurements {
  const located = report.waves.flatMap((wave) => wave.servers.map((server) => ({ wave, server })));
  const servers = located.map((l) => l.server);
  const jobs = report.waves.flatMap((w) => w.jobs);
  const firstStartRecoveryAt =
    parseInstant(report.measured.firstStartRecoveryAt) !== undefined
      ? report.measured.firstStartRecoveryAt
      : earliestInstant(jobs.map((j) => j.createdAt));

  const critical = located.filter((l) => l.server.critical);
  const counted = critical.length > 0 ? critical : located;
  const rtoHealthySeconds = lastInstantSeconds(
    firstStartRecoveryAt,
    counted.map((l) => l.server.healthyAt),
  );
  // With wave checks, a server is recovered when it is healthy and its wave's checks passed.
  const withChecks = report.waves.some((w) => (w.checks ?? []).length > 0);
  const rtoSeconds = withChecks
    ? lastInstantSeconds(firstStartRecoveryAt, counted.map(readyAt))
    : rtoHealthySeconds;

  const ends = counted.map(withChecks ? readyAt : (l) => l.server.healthyAt);
  const lastEnd = rtoSeconds !== undefined ? latestInstant(ends) : undefined;
  const steps = stepsWithSpans(report) ?? [];
  const gaps =
    steps.length > 1 && firstStartRecoveryAt !== undefined && lastEnd !== undefined
      ? gapSecondsBetweenSteps(steps, firstStartRecoveryAt, lastEnd)
      : undefined;

  const rpoSeconds = worst(located.filter((l) => !isPinned(l.server)).map((l) => dataLoss(l.server, l.wave)));
  const pinnedSnapshotAgeSeconds = worst(
    located.filter((l) => isPinned(l.server)).map((l) => dataLoss(l.server, l.wave)),
  );
  const dataAgeAtLaunchSeconds = worst(servers.map(dataAgeAtLaunch));

  const { rtoSeconds: rtoTarget, rpoSeconds: rpoTarget } = report.objectives;
  const measured: Measurements = {};
  if (firstStartRecoveryAt !== undefined) measured.firstStartRecoveryAt = firstStartRecoveryAt;
  if (rtoSeconds !== undefined && gaps !== undefined) {
    // Several steps: the recovery time leaves out the waits between them (an approval is not recovery).
    measured.rtoSeconds = Math.max(0, rtoSeconds - Math.round(gaps));
    measured.rtoWallClockSeconds = rtoSeconds;
    measured.rtoDefinition = 'active-time-across-steps';
  } else if (rtoSeconds !== undefined) measured.rtoSeconds = rtoSeconds;
  if (withChecks) {
    measured.rtoDefinition ??= 'healthy-and-checks-passed';
    if (rtoHealthySeconds !== undefined) measured.rtoHealthySeconds = rtoHealthySeconds;
  }
  if (report.mode === 'drill' || report.mode === 'recovery') measured.rpoDefinition = RPO_DEFINITION;
  if (rpoSeconds !== undefined) measured.rpoSeconds = rpoSeconds;
  if (dataAgeAtLaunchSeconds !== undefined) measured.dataAgeAtLaunchSeconds = dataAgeAtLaunchSeconds;
  if (pinnedSnapshotAgeSeconds !== undefined) measured.pinnedSnapshotAgeSeconds = pinnedSnapshotAgeSeconds;
  // Servers that never came up miss the RTO; a run that started no recovery (a failed preflight) has
  // no RTO to judge, and with nothing launched there is no data loss to judge.
  const started = firstStartRecoveryAt !== undefined || jobs.length > 0;
  // A step that leaves waves to a later one has no RTO to judge yet: the last step judges it.
  const judged = started && !report.wavesRemaining?.length;
  if (rtoTarget !== undefined && judged)
    measured.rtoMet = measured.rtoSeconds !== undefined && measured.rtoSeconds <= rtoTarget;
  if (rpoTarget !== undefined && rpoSeconds !== undefined) measured.rpoMet = rpoSeconds <= rpoTarget;
  return measured;
}
