/**
 * Reads a DRS job log (DescribeJobLogItems) as per-server phases and errors. Pure.
 * Items of different servers interleave in one job log; each server-scoped item names its
 * server in `eventData.sourceServerID`. Unknown events are ignored: the SDK lets new enum values
 * through as plain strings and a new event must not break a drill.
 */
import type { JobLog } from '../aws/gateways.js';
import { parseInstant, toUtcIso } from '../core/durations.js';
import type { PhaseReport, ServerError } from '../core/report.js';

/** Events that mean something went wrong for the server (or, without a server id, for the whole job). */
const ERROR_EVENTS: Readonly<Record<string, string>> = {
  SNAPSHOT_FAIL:
    'DRS could not take the snapshot (a replication problem: check the source server’s replication state and lag)',
  USING_PREVIOUS_SNAPSHOT_FAILED: 'DRS could not use the requested point-in-time snapshot',
  CONVERSION_FAIL: 'DRS could not convert the server',
  LAUNCH_FAILED: 'DRS could not launch the recovery instance',
  CLEANUP_FAIL: 'DRS could not clean up after the job',
  SERVER_SKIPPED: 'DRS left the server out of the job',
  JOB_CANCEL: 'the job was cancelled',
  DEPLOY_NETWORK_CONFIGURATION_FAILED: 'DRS could not deploy the network configuration',
  UPDATE_NETWORK_CONFIGURATION_FAILED: 'DRS could not update the network configuration',
  UPDATE_LAUNCH_TEMPLATE_FAILED: 'DRS could not update the launch template',
  NETWORK_RECOVERY_FAIL: 'network recovery failed',
};

/**
 * Log items about one server, in time order (by instant, not by text: DRS writes offsets and
 * microseconds), without exact duplicates; job-wide items (no server id) are included.
 */
export function itemsForServer(items: readonly JobLog[], sourceServerId: string): JobLog[] {
  const seen = new Set<string>();
  const own: { item: JobLog; at: number; order: number }[] = [];
  items.forEach((item, order) => {
    const id = item.eventData?.sourceServerID;
    if (id !== undefined && id !== sourceServerId) return;
    const key = JSON.stringify([item.event, item.logDateTime, item.eventData ?? {}]);
    if (seen.has(key)) return;
    seen.add(key);
    own.push({ item, at: parseInstant(item.logDateTime) ?? Number.POSITIVE_INFINITY, order });
  });
  return own.sort((a, b) => a.at - b.at || a.order - b.order).map((x) => x.item);
}

/** The first time of `event` among time-ordered items, as a UTC ISO string. */
function firstTime(items: readonly JobLog[], event: string): string | undefined {
  for (const item of items) {
    if (item.event !== event) continue;
    const at = toUtcIso(item.logDateTime);
    if (at !== undefined) return at;
  }
  return undefined;
}

function phase(
  name: PhaseReport['name'],
  startedAt: string | undefined,
  endedAt: string | undefined,
  failedAt: string | undefined,
): PhaseReport | undefined {
  if (startedAt === undefined) return undefined;
  const result: PhaseReport = { name, startedAt };
  if (failedAt !== undefined) {
    result.endedAt = failedAt;
    result.failed = true;
  } else if (endedAt !== undefined) {
    result.endedAt = endedAt;
  }
  return result;
}

/**
 * Phases of one server from the log. The launch phase ends at `LAUNCH_END` (real DRS logs it, though
 * the model's enum lacks it), else at `launchedAt` (EC2 LaunchTime).
 */
export function phasesFromLog(
  items: readonly JobLog[],
  sourceServerId: string,
  launchedAt?: string,
): PhaseReport[] {
  const own = itemsForServer(items, sourceServerId);
  const phases: PhaseReport[] = [];
  const previous = firstTime(own, 'USING_PREVIOUS_SNAPSHOT');
  const snapshot =
    phase(
      'snapshot',
      firstTime(own, 'SNAPSHOT_START'),
      firstTime(own, 'SNAPSHOT_END'),
      firstTime(own, 'SNAPSHOT_FAIL'),
    ) ??
    // A pinned point-in-time snapshot is used as is: the phase is an instant.
    phase('snapshot', previous, previous, firstTime(own, 'USING_PREVIOUS_SNAPSHOT_FAILED'));
  const conversion = phase(
    'conversion',
    firstTime(own, 'CONVERSION_START'),
    firstTime(own, 'CONVERSION_END'),
    firstTime(own, 'CONVERSION_FAIL'),
  );
  const launch = phase(
    'launch',
    firstTime(own, 'LAUNCH_START'),
    firstTime(own, 'LAUNCH_END') ?? toUtcIso(launchedAt),
    firstTime(own, 'LAUNCH_FAILED'),
  );
  for (const p of [snapshot, conversion, launch]) if (p) phases.push(p);
  return phases;
}

/** Errors of one server from the log, with DRS's rawError verbatim. */
export function errorsFromLog(items: readonly JobLog[], sourceServerId: string): ServerError[] {
  const errors: ServerError[] = [];
  for (const item of itemsForServer(items, sourceServerId)) {
    const event = item.event;
    if (event === undefined) continue;
    const meaning = ERROR_EVENTS[event];
    if (meaning === undefined) continue;
    const error: ServerError = { event, message: `${event}: ${meaning}` };
    const rawError = item.eventData?.rawError;
    if (rawError !== undefined && rawError !== '') error.rawError = rawError;
    const at = toUtcIso(item.logDateTime);
    if (at !== undefined) error.at = at;
    errors.push(error);
  }
  return errors;
}
