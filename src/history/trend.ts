/**
 * What the history says about a plan: whether this run's RTO regressed against the runs before it,
 * and whether the plan is still proven (status mode). Pure functions of records and a clock.
 */
import type { HistoryRecord, Regression } from './record.js';

/** The RTO is compared with the median of at most this many earlier runs that measured one… */
export const REGRESSION_WINDOW = 5;
/** …and only once there are at least this many: one earlier run is not a trend. */
export const REGRESSION_MIN_RUNS = 2;

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * A regression: this run's RTO is more than `thresholdPercent` above the median RTO of the previous
 * runs of the plan (oldest first, this run not included). Undefined when there is no trend to break.
 */
export function detectRegression(
  rtoSeconds: number | undefined,
  previous: readonly HistoryRecord[],
  thresholdPercent: number,
): Regression | undefined {
  if (rtoSeconds === undefined) return undefined;
  const window = previous
    .map((r) => r.rto.seconds)
    .filter((s): s is number => s !== undefined)
    .slice(-REGRESSION_WINDOW);
  const baseline = median(window);
  if (baseline === undefined || window.length < REGRESSION_MIN_RUNS || baseline <= 0) return undefined;
  const percent = Math.round(((rtoSeconds - baseline) / baseline) * 1000) / 10;
  if (percent <= thresholdPercent) return undefined;
  return { rtoSeconds, baselineSeconds: baseline, percent, thresholdPercent, runs: window.length };
}

export type StaleReason = 'never' | 'unproven' | 'changed' | 'estate' | 'overdue';

export interface PlanStanding {
  /** The newest record of the plan, whatever its outcome. */
  last?: HistoryRecord;
  /** The newest run that brought every critical server up. */
  lastProven?: HistoryRecord;
  /** Seconds since the last proven run ended. */
  ageSeconds?: number;
  reasons: StaleReason[];
}

function endMs(record: HistoryRecord): number {
  return Date.parse(record.endedAt ?? record.startedAt);
}

/**
 * Whether a plan is still proven: drilled successfully at all, not changed since (file digest, and the
 * estate when the live server set is known), and not longer ago than `maxAgeSeconds`.
 */
export function assessPlan(
  plan: { sha256: string },
  records: readonly HistoryRecord[],
  nowMs: number,
  maxAgeSeconds: number,
  liveServerSet?: string,
): PlanStanding {
  const last = records.at(-1);
  if (!last) return { reasons: ['never'] };
  const lastProven = records.filter((r) => r.recovered).at(-1);
  if (!lastProven) return { last, reasons: ['unproven'] };
  const ageSeconds = Math.max(0, Math.round((nowMs - endMs(lastProven)) / 1000));
  const reasons: StaleReason[] = [];
  if (lastProven.plan.sha256 !== plan.sha256) reasons.push('changed');
  if (liveServerSet !== undefined && liveServerSet !== lastProven.servers.sha256) reasons.push('estate');
  if (ageSeconds > maxAgeSeconds) reasons.push('overdue');
  return { last, lastProven, ageSeconds, reasons };
}

export const STALE_REASON_TEXT: Record<StaleReason, string> = {
  never: 'never drilled',
  unproven: 'never drilled successfully',
  changed: 'plan changed since its last successful drill',
  estate: 'the servers it resolves to changed since its last successful drill',
  overdue: 'overdue',
};
