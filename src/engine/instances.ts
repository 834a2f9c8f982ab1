/**
 * Which instance a DRS job launched for a source server: the one resolution every stage uses (poller,
 * outcome, report, cleanup, post step, resume). Pure.
 *
 * Real DRS does not reliably say it in one place (drs-facts §8): `participatingServers[].recoveryInstanceID`
 * may be absent while the job runs, dropped once it completes, or never sent; the `LAUNCH_END` log event
 * carries the launched instance in `eventData.targetInstanceID`; DescribeRecoveryInstances lists a
 * server's recovery instances with the `jobID` that created each. So every source is read and what was
 * seen is kept. Real recovery-instance ids usually equal EC2 ids; nothing here assumes they do or don't.
 */
import type { JobLog, ParticipatingServer, RecoveryInstance } from '../aws/gateways.js';
import { parseInstant } from '../core/durations.js';

export interface LaunchedInstanceRef {
  recoveryInstanceId?: string;
  ec2InstanceId?: string;
  /** The recovery instance DRS lists for this job and server, when found. */
  recoveryInstance?: RecoveryInstance;
}

/**
 * Per source server, the instance id its latest `LAUNCH_END` names (DRS sends the EC2 id there), or
 * undefined for a `LAUNCH_END` without one. A server absent from the map has no `LAUNCH_END`. Read once
 * per job-log read, so resolution does not rescan the log for every server on every tick.
 */
export function launchEnds(logs: readonly JobLog[]): Map<string, string | undefined> {
  const ends = new Map<string, { id?: string; at: number }>();
  for (const item of logs) {
    const sourceServerId = item.eventData?.sourceServerID;
    // Not in the model's JobLogEvent enum: the SDK passes it through as a plain string.
    if ((item.event as string | undefined) !== 'LAUNCH_END' || !sourceServerId) continue;
    const id = item.eventData?.targetInstanceID || undefined;
    const at = parseInstant(item.logDateTime) ?? Number.NEGATIVE_INFINITY;
    const before = ends.get(sourceServerId);
    // A duplicated or re-ordered page must not swap the id: the latest event with an id wins.
    if (!before || (id !== undefined && (before.id === undefined || at > before.at)))
      ends.set(sourceServerId, { ...(id ? { id } : {}), at });
  }
  return new Map([...ends].map(([sourceServerId, end]) => [sourceServerId, end.id]));
}

/**
 * Whether DRS says the server was launched: `launchStatus: LAUNCHED`, or a `LAUNCH_END` event for it
 * (the job view may still say PENDING, or may have dropped the server, when the log already has it).
 */
export function appearsLaunched(
  participant: ParticipatingServer | undefined,
  ends: ReadonlyMap<string, string | undefined>,
  sourceServerId: string,
): boolean {
  return participant?.launchStatus === 'LAUNCHED' || ends.has(sourceServerId);
}

/** Recovery instances by source server, for resolution in O(instances of that server). */
export type RecoveryInstanceIndex = ReadonlyMap<string, readonly RecoveryInstance[]>;

export function indexRecoveryInstances(
  instances: Iterable<RecoveryInstance>,
): Map<string, RecoveryInstance[]> {
  const index = new Map<string, RecoveryInstance[]>();
  for (const ri of instances) {
    if (!ri.sourceServerID) continue;
    const list = index.get(ri.sourceServerID) ?? [];
    const at = list.findIndex((x) => x.recoveryInstanceID === ri.recoveryInstanceID);
    if (at >= 0) list[at] = ri;
    else list.push(ri);
    index.set(ri.sourceServerID, list);
  }
  return index;
}

/**
 * The recovery instance `jobId` created for `sourceServerId`. Another run's instance of the same server
 * (another jobID) never matches. When DRS named the instance (job view or LAUNCH_END), that one is
 * preferred among the job's instances.
 */
export function recoveryInstanceOfJob(
  index: RecoveryInstanceIndex,
  jobId: string,
  sourceServerId: string,
  named: readonly (string | undefined)[] = [],
): RecoveryInstance | undefined {
  const ofJob = (index.get(sourceServerId) ?? []).filter((ri) => ri.jobID === jobId);
  const ids = named.filter((x): x is string => !!x);
  return (
    ofJob.find((ri) => ids.some((id) => id === ri.recoveryInstanceID || id === ri.ec2InstanceID)) ??
    // Without a name, one instance per job and server is what DRS makes; with several, none is a guess
    // worth putting in the evidence.
    (ofJob.length === 1 ? ofJob[0] : undefined)
  );
}

/** Every source combined: the recovery instance wins over the log, the log over nothing. */
export function resolveLaunchedInstance(input: {
  jobId: string;
  sourceServerId: string;
  participant?: ParticipatingServer;
  /** launchEnds() of the job's log. */
  ends: ReadonlyMap<string, string | undefined>;
  recoveryInstances: RecoveryInstanceIndex;
}): LaunchedInstanceRef {
  const fromJob = input.participant?.recoveryInstanceID || undefined;
  const fromLog = input.ends.get(input.sourceServerId);
  const ri = recoveryInstanceOfJob(input.recoveryInstances, input.jobId, input.sourceServerId, [
    fromJob,
    fromLog,
  ]);
  const recoveryInstanceId = ri?.recoveryInstanceID ?? fromJob;
  const ec2InstanceId = ri?.ec2InstanceID ?? fromLog;
  return {
    ...(recoveryInstanceId ? { recoveryInstanceId } : {}),
    ...(ec2InstanceId ? { ec2InstanceId } : {}),
    ...(ri ? { recoveryInstance: ri } : {}),
  };
}
