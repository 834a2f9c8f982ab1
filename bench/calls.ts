/**
 * Reading the emulator's call log: calls by operation, calls grouped into poll ticks, and how long
 * after a state change the orchestrator first asked about it (detection latency). Pure.
 */
import type { RecordedCall, TimelineJob } from '../emulator/control.js';
import { WAVE_TAG } from './timeline.js';

/** A recorded call with its arrival as epoch ms. */
export interface TimedCall {
  service: string;
  operation: string;
  /** Wall-clock arrival, epoch ms. */
  at: number;
  request: unknown;
}

export function timed(calls: readonly RecordedCall[]): TimedCall[] {
  return calls.map((c) => ({
    service: c.service,
    operation: c.operation,
    at: Date.parse(c.time),
    request: c.request,
  }));
}

/** AWS calls only (DRS, EC2, STS): the GitHub stubs are not what we are measuring. */
export function awsCalls(calls: readonly TimedCall[]): TimedCall[] {
  return calls.filter((c) => c.service === 'drs' || c.service === 'ec2' || c.service === 'sts');
}

export function countByOperation(calls: readonly TimedCall[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of calls) out[c.operation] = (out[c.operation] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The per-server preflight reads and repair writes. A pipelined run makes them for its later waves
 * while the first waves are polled (issue 18): they are not polling, and their steady stream would
 * bridge the gaps that tell one poll tick from the next.
 */
const PREFLIGHT_OPERATIONS: ReadonlySet<string> = new Set([
  'GetLaunchConfiguration',
  'DescribeLaunchTemplateVersions',
  'DescribeRecoverySnapshots',
  'ListLaunchActions',
  'DescribeSubnets',
  'DescribeSecurityGroups',
  'UpdateLaunchConfiguration',
  'CreateLaunchTemplateVersion',
  'ModifyLaunchTemplate',
  'PutLaunchAction',
  'DeleteLaunchAction',
]);

/**
 * Poll ticks from the moment the first StartRecovery arrived: a tick is a burst of calls, each
 * arriving less than `gapMs` after the one before, preflight calls left out. Grouping by time, not by
 * "a tick starts with DescribeJobs", is what lets a per-job DescribeJobs loop show up as several calls
 * in one tick.
 */
export function pollTicks(calls: readonly TimedCall[], gapMs: number): TimedCall[][] {
  const ordered = calls.filter((c) => !PREFLIGHT_OPERATIONS.has(c.operation)).sort((a, b) => a.at - b.at);
  const first = ordered.findIndex((c) => c.operation === 'StartRecovery');
  if (first < 0) return [];
  const ticks: TimedCall[][] = [];
  let current: TimedCall[] = [];
  let last = Number.NEGATIVE_INFINITY;
  for (const call of ordered.slice(first)) {
    if (current.length > 0 && call.at - last >= gapMs) {
      ticks.push(current);
      current = [];
    }
    current.push(call);
    last = call.at;
  }
  if (current.length > 0) ticks.push(current);
  return ticks;
}

/** How many calls of `operation` each tick made. */
export function perTick(ticks: readonly TimedCall[][], operation: string): number[] {
  return ticks.map((t) => t.filter((c) => c.operation === operation).length);
}

/** The job ids a DescribeJobs request asks about (`filters.jobIDs`); empty = not a by-id request. */
export function describedJobIds(request: unknown): string[] {
  const filters = (request as { filters?: { jobIDs?: unknown } } | null)?.filters;
  const ids = filters?.jobIDs;
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
}

/** The instance ids of an EC2 query request (`InstanceId.1`, `InstanceId.2`, …). */
export function ec2InstanceIds(request: unknown): string[] {
  if (!request || typeof request !== 'object') return [];
  return Object.entries(request as Record<string, unknown>)
    .filter(([k, v]) => /^InstanceId\.\d+$/.test(k) && typeof v === 'string')
    .map(([, v]) => v as string);
}

/** The wave tag of a StartRecovery request. */
export function startedWave(request: unknown): string | undefined {
  const tags = (request as { tags?: Record<string, unknown> } | null)?.tags;
  const wave = tags?.[WAVE_TAG];
  return typeof wave === 'string' ? wave : undefined;
}

/** A state change DRS or EC2 made, in wall-clock ms, and which call would reveal it. */
export interface StateChange {
  at: number;
  kind: 'job-started' | 'server-ended' | 'job-completed' | 'status-checks';
  /** The job id (job and server changes) or EC2 instance id (status checks). */
  subject: string;
}

/**
 * Every change of the LAUNCH jobs an orchestrator must notice: job STARTED, each server
 * LAUNCHED/FAILED, job COMPLETED and, with `statusChecks`, each instance's checks settling.
 */
export function stateChanges(
  jobs: readonly TimelineJob[],
  toReal: (sim: number) => number,
  statusChecks: boolean,
): StateChange[] {
  const out: StateChange[] = [];
  for (const job of jobs) {
    if (job.type !== 'LAUNCH') continue;
    if (job.startedAt !== undefined)
      out.push({ at: toReal(job.startedAt), kind: 'job-started', subject: job.jobID });
    if (job.endedAt !== undefined)
      out.push({ at: toReal(job.endedAt), kind: 'job-completed', subject: job.jobID });
    for (const s of job.servers) {
      if (s.endedAt !== undefined)
        out.push({ at: toReal(s.endedAt), kind: 'server-ended', subject: job.jobID });
      if (statusChecks && s.statusChecksAt !== undefined && s.ec2InstanceID)
        out.push({ at: toReal(s.statusChecksAt), kind: 'status-checks', subject: s.ec2InstanceID });
    }
  }
  return out;
}

function reveals(call: TimedCall, change: StateChange): boolean {
  if (change.kind === 'status-checks')
    return (
      call.operation === 'DescribeInstanceStatus' && ec2InstanceIds(call.request).includes(change.subject)
    );
  return call.operation === 'DescribeJobs' && describedJobIds(call.request).includes(change.subject);
}

/**
 * For each change, the time until the first later call that would reveal it (ms). Changes never
 * asked about afterwards (e.g. the orchestrator stopped first) are left out, not counted as zero.
 */
export function observationLatencies(changes: readonly StateChange[], calls: readonly TimedCall[]): number[] {
  const ordered = [...calls].sort((a, b) => a.at - b.at);
  const out: number[] = [];
  for (const change of changes) {
    const seen = ordered.find((c) => c.at >= change.at && reveals(c, change));
    if (seen) out.push(seen.at - change.at);
  }
  return out;
}

/**
 * For each dependant wave, the time from the moment its last dependency was done in DRS/EC2
 * (`doneAt`, wall ms) to the first StartRecovery of that wave: how late the orchestrator acted.
 */
export function actLatencies(
  waves: readonly { name: string; dependsOn: string[] }[],
  doneAt: ReadonlyMap<string, number>,
  calls: readonly TimedCall[],
): number[] {
  const out: number[] = [];
  for (const wave of waves) {
    if (wave.dependsOn.length === 0) continue;
    const ready = wave.dependsOn.map((d) => doneAt.get(d));
    if (ready.some((r) => r === undefined)) continue;
    const readyAt = Math.max(...(ready as number[]));
    const start = calls
      .filter((c) => c.operation === 'StartRecovery' && startedWave(c.request) === wave.name)
      .reduce((min, c) => Math.min(min, c.at), Number.POSITIVE_INFINITY);
    if (Number.isFinite(start)) out.push(start - readyAt);
  }
  return out;
}
