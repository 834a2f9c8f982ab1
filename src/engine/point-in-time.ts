/**
 * Recovery to a point in time (input point-in-time): each server launches from its latest recovery
 * snapshot taken at or before it. A snapshot the plan pins (`snapshot:`) wins when it is itself at or
 * before that moment; a pin after it contradicts the request (it may hold the very data the recovery
 * is meant to avoid) and is an error. Pure: preflight reads the snapshots.
 */
import type { RecoverySnapshot } from '../aws/gateways.js';
import { parseInstant, toUtcIso } from '../core/durations.js';
import { errorMessage } from '../errors.js';
import type { PreflightFinding, PreflightProblem } from './resolve.js';
import type { ExecutionPlan } from './types.js';

/** The snapshot a server launches from, and when it was taken. */
export interface ChosenSnapshot {
  id: string;
  at: string;
}

/** When the snapshot's data is from: its timestamp, else the time it was scheduled for. */
export function snapshotTime(s: RecoverySnapshot): number | undefined {
  return parseInstant(s.timestamp ?? s.expectedTimestamp);
}

/** The newest snapshot taken at or before `atMs` (whatever order DRS listed them in). */
export function latestAtOrBefore(
  snapshots: readonly RecoverySnapshot[],
  atMs: number,
): RecoverySnapshot | undefined {
  let best: { s: RecoverySnapshot; t: number } | undefined;
  for (const s of snapshots) {
    const t = snapshotTime(s);
    if (t === undefined || t > atMs || !s.snapshotID) continue;
    if (!best || t > best.t) best = { s, t };
  }
  return best?.s;
}

function chosen(s: RecoverySnapshot): ChosenSnapshot {
  return { id: s.snapshotID ?? '', at: toUtcIso(s.timestamp ?? s.expectedTimestamp) ?? '' };
}

/** The snapshot a server launches from under point-in-time, or why it cannot. */
export function choosePointInTimeSnapshot(input: {
  pointInTime: string;
  pinned?: string;
  snapshots?: readonly RecoverySnapshot[];
  error?: unknown;
}): { snapshot: ChosenSnapshot } | { finding: PreflightFinding } | undefined {
  const { pointInTime, pinned } = input;
  if (input.error !== undefined)
    return {
      finding: { level: 'error', message: `could not list recovery snapshots: ${errorMessage(input.error)}` },
    };
  const all = input.snapshots ?? [];
  const atMs = Date.parse(pointInTime);
  if (pinned) {
    const pin = all.find((s) => s.snapshotID === pinned);
    // A missing pin is reported by the pin's own check.
    if (!pin) return undefined;
    if ((snapshotTime(pin) ?? Number.POSITIVE_INFINITY) <= atMs) return { snapshot: chosen(pin) };
    return {
      finding: {
        level: 'error',
        message: `pinned snapshot ${pinned} (taken ${chosen(pin).at || 'at an unknown time'}) is after the point in time ${pointInTime}`,
        fix: 'Remove the snapshot pin to launch from the latest snapshot before the point in time, or pin an earlier one',
      },
    };
  }
  const best = latestAtOrBefore(all, atMs);
  if (best) return { snapshot: chosen(best) };
  const times = all.map(snapshotTime).filter((t): t is number => t !== undefined);
  const oldest = times.length > 0 ? new Date(Math.min(...times)).toISOString() : undefined;
  return {
    finding: {
      level: 'error',
      message: `has no recovery snapshot taken at or before the point in time ${pointInTime}${oldest ? ` (its oldest is from ${oldest})` : ' (DRS lists none)'}`,
      fix: 'Pick a later point-in-time: DRS keeps point-in-time snapshots only for its retention period',
    },
  };
}

/** A point in time after AWS's now asks for data that does not exist yet. */
export function futurePointInTime(
  pointInTime: string | undefined,
  awsNowMs: number,
): PreflightProblem | undefined {
  if (!pointInTime || Date.parse(pointInTime) <= awsNowMs) return undefined;
  return {
    message: `input point-in-time ${pointInTime} is in the future (AWS's clock reads ${new Date(awsNowMs).toISOString()})`,
    fix: 'Give the last moment whose data you want back, in the past',
  };
}

/** The execution plan with the point-in-time snapshot each server launches from. */
export function withSnapshots(
  executionPlan: ExecutionPlan,
  chosen: ReadonlyMap<string, ChosenSnapshot>,
): ExecutionPlan {
  if (chosen.size === 0) return executionPlan;
  const waves = executionPlan.waves.map((w) => ({
    wave: w.wave,
    servers: w.servers.map((rs) => {
      const snapshot = chosen.get(rs.sourceServerId);
      return snapshot ? { ...rs, recoverySnapshot: snapshot } : rs;
    }),
  }));
  return { ...executionPlan, waves };
}
