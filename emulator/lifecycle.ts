/**
 * Job lifecycles on the simulated clock. A job's whole timeline is decided when it starts (phase
 * durations jittered by seed and job/server ids) and queued as events, so answers only depend on
 * the simulated time at which they are asked.
 */
import type { JobLog, JobLogEvent, JobLogEventData } from '@aws-sdk/client-drs';
import { drsTime } from './clock.js';
import { jitter, uuidFrom } from './random.js';
import { DEFAULT_TIMINGS, type PhaseTimings, type ScenarioTemplateVersion } from './scenario.js';
import {
  type EmulatorState,
  type JobRecord,
  type ParticipatingServerRecord,
  recoveryTags,
  type ServerRecord,
} from './state.js';

const SEC = 1000;
const NOT_REPLICATING = new Set([
  'STOPPED',
  'INITIATING',
  'INITIAL_SYNC',
  'PAUSED',
  'STALLED',
  'DISCONNECTED',
]);

export interface LaunchRequest {
  sourceServers: { sourceServerID: string; recoverySnapshotID?: string }[];
  isDrill: boolean;
  tags: Record<string, string>;
  /** Start time; defaults to now. Scenario jobs may start in the past. */
  at?: number;
  jobID?: string;
}

/** A phase's duration in ms, jittered by (seed, key, label). */
function span(state: EmulatorState, key: string, phase: keyof PhaseTimings, label: string = phase): number {
  const [min, max] = state.scenario.timings[phase] ?? DEFAULT_TIMINGS[phase];
  return Math.round(jitter(state.seed, `${key}:${label}`, min, max) * SEC);
}

/**
 * Real DRS logs `LAUNCH_END` (captured), which the model's JobLogEvent enum lacks; the SDK passes
 * the string through.
 */
type LogEvent = JobLogEvent | 'LAUNCH_END';

function addLog(job: JobRecord, at: number, event: LogEvent, data: JobLogEventData): void {
  const item: JobLog = { logDateTime: drsTime(at), event: event as JobLogEvent };
  if (Object.keys(data).length > 0) item.eventData = data;
  job.log.push(item);
}

export function startLaunchJob(state: EmulatorState, req: LaunchRequest): JobRecord {
  const t0 = req.at ?? state.clock.now();
  const job: JobRecord = {
    jobID: req.jobID ?? state.ids.jobId(),
    type: 'LAUNCH',
    initiatedBy: req.isDrill ? 'START_DRILL' : 'START_RECOVERY',
    isDrill: req.isDrill,
    createdAt: t0,
    status: 'PENDING',
    tags: { ...req.tags },
    servers: req.sourceServers.map((s) => ({
      sourceServerID: s.sourceServerID,
      recoverySnapshotID: s.recoverySnapshotID,
      launchStatus: 'PENDING',
    })),
    log: [],
  };
  state.jobs.set(job.jobID, job);
  for (const p of job.servers) {
    const server = state.servers.get(p.sourceServerID);
    if (!server) continue;
    server.lastLaunch = {
      jobID: job.jobID,
      type: req.isDrill ? 'DRILL' : 'RECOVERY',
      at: t0,
      status: 'PENDING',
    };
    server.lastLaunchResult = 'PENDING';
  }
  const tStart = t0 + span(state, job.jobID, 'pending');
  state.schedule(tStart, () => {
    // Servers stay PENDING until LAUNCHED or FAILED (captures/jc-2025-11-29-describe-jobs-started-tags.json).
    job.status = 'STARTED';
    job.startedAt = tStart;
    addLog(job, tStart, 'JOB_START', {});
  });
  let lastEnd = tStart;
  for (const p of job.servers) {
    const server = state.servers.get(p.sourceServerID);
    if (!server) continue;
    lastEnd = Math.max(lastEnd, scheduleServer(state, job, p, server, tStart));
  }
  const tEnd = lastEnd + span(state, job.jobID, 'jobEnd', 'end');
  state.schedule(tEnd, () => {
    addLog(job, tEnd, 'JOB_END', {});
    job.status = 'COMPLETED';
    job.endAt = tEnd;
  });
  return job;
}

/**
 * `previousRecoveryInstance: replace`: the server's existing recovery instances are terminated
 * first, inside the new job. Returns when the cleanup ends (tStart when there is none).
 */
function scheduleReplace(
  state: EmulatorState,
  job: JobRecord,
  p: ParticipatingServerRecord,
  tStart: number,
): number {
  if (state.scenario.drs.previousRecoveryInstance !== 'replace') return tStart;
  const previous = state.recoveryInstancesOf(p.sourceServerID).map((r) => r.recoveryInstanceID);
  if (previous.length === 0) return tStart;
  const tDone = tStart + span(state, `${job.jobID}:${p.sourceServerID}`, 'terminate', 'replace');
  state.schedule(tStart, () => {
    p.replaced = previous.flatMap((rid) => beginCleanup(state, job, p.sourceServerID, rid, tStart) ?? []);
  });
  state.schedule(tDone, () => {
    for (const rid of previous) endCleanup(state, job, p.sourceServerID, rid, tDone);
  });
  return tDone;
}

/** CLEANUP_START for a recovery instance; its EC2 instance starts shutting down. */
function beginCleanup(
  state: EmulatorState,
  job: JobRecord,
  sourceServerID: string,
  rid: string,
  at: number,
): { recoveryInstanceID: string; ec2InstanceID: string } | undefined {
  const record = state.recoveryInstances.get(rid);
  if (!record) return undefined;
  addLog(job, at, 'CLEANUP_START', { sourceServerID, targetInstanceID: record.ec2InstanceID });
  const instance = state.instances.get(record.ec2InstanceID);
  if (instance && instance.state !== 'terminated') instance.state = 'shutting-down';
  return { recoveryInstanceID: rid, ec2InstanceID: record.ec2InstanceID };
}

/** CLEANUP_END: the EC2 instance is terminated and the recovery instance removed from DRS. */
function endCleanup(
  state: EmulatorState,
  job: JobRecord,
  sourceServerID: string,
  rid: string,
  at: number,
): void {
  const record = state.recoveryInstances.get(rid);
  if (!record) return;
  const instance = state.instances.get(record.ec2InstanceID);
  if (instance) instance.state = 'terminated';
  state.deleteRecoveryInstance(rid);
  addLog(job, at, 'CLEANUP_END', { sourceServerID, targetInstanceID: record.ec2InstanceID });
}

/** Queues one server's phases; returns the simulated time its launch ends (or fails). */
function scheduleServer(
  state: EmulatorState,
  job: JobRecord,
  p: ParticipatingServerRecord,
  server: ServerRecord,
  tStart: number,
): number {
  const id = p.sourceServerID;
  const key = `${job.jobID}:${id}`;
  const fault = state.faults.servers[id];
  const fail = (at: number, event: JobLogEvent, rawError: string | undefined): number => {
    state.schedule(at, () => {
      if (rawError !== undefined) addLog(job, at, event, { sourceServerID: id, rawError });
      p.launchStatus = 'FAILED';
      p.endedAt = at;
      server.lastLaunchResult = 'FAILED';
      if (server.lastLaunch?.jobID === job.jobID) server.lastLaunch.status = 'FAILED';
    });
    return at;
  };
  const tBegin = scheduleReplace(state, job, p, tStart);
  // Snapshot phase: a pinned point in time is reused; otherwise an on-demand snapshot is taken.
  const tSnap = tBegin + span(state, key, 'stagger');
  let tSnapEnd: number;
  let pointInTime: number;
  if (p.recoverySnapshotID) {
    const pinned = server.snapshots.find((s) => s.snapshotID === p.recoverySnapshotID);
    if (!pinned)
      return fail(
        tSnap,
        'USING_PREVIOUS_SNAPSHOT_FAILED',
        `Recovery snapshot ${p.recoverySnapshotID} was not found for source server ${id}`,
      );
    tSnapEnd = tSnap + 5 * SEC;
    pointInTime = pinned.timestamp;
    state.schedule(tSnap, () => addLog(job, tSnap, 'USING_PREVIOUS_SNAPSHOT', { sourceServerID: id }));
  } else {
    tSnapEnd = tSnap + span(state, key, 'snapshot');
    pointInTime = tSnap - server.scenario.lagSeconds * SEC;
    state.schedule(tSnap, () => addLog(job, tSnap, 'SNAPSHOT_START', { sourceServerID: id }));
    if (NOT_REPLICATING.has(server.scenario.replicationState))
      return fail(
        tSnapEnd,
        'SNAPSHOT_FAIL',
        `Failed to take snapshot: source server ${id} is not replicating (replication state ${server.scenario.replicationState})`,
      );
    if (fault?.phase === 'snapshot') return fail(tSnapEnd, 'SNAPSHOT_FAIL', fault.rawError);
    state.schedule(tSnapEnd, () => {
      addLog(job, tSnapEnd, 'SNAPSHOT_END', { sourceServerID: id });
      server.snapshots.push({ snapshotID: state.ids.snapshotId(), timestamp: pointInTime });
    });
  }
  const missing = state.faults.missingEc2Permissions;
  if (missing) {
    // Real DRS: the log stops after the snapshot and the job still ends COMPLETED with 0 launched.
    const rawError = `User: arn:aws:sts::${state.scenario.accountId}:assumed-role/drs-drill/drs-drill-session is not authorized to perform: ${missing.action} because no identity-based policy allows the ${missing.action} action`;
    return fail(tSnapEnd + 200 * SEC, 'LAUNCH_FAILED', missing.logFailure ? rawError : undefined);
  }
  // The capture's event data: conversionServerID on CONVERSION_END, only sourceServerID on
  // LAUNCH_START, the launched EC2 instance as targetInstanceID on LAUNCH_END.
  const tConv = tSnapEnd + span(state, key, 'conversionDelay');
  const tConvEnd = tConv + span(state, key, 'conversion');
  const conversionServerID = state.ids.instanceId();
  state.schedule(tConv, () => addLog(job, tConv, 'CONVERSION_START', { sourceServerID: id }));
  if (fault?.phase === 'conversion') return fail(tConvEnd, 'CONVERSION_FAIL', fault.rawError);
  state.schedule(tConvEnd, () =>
    addLog(job, tConvEnd, 'CONVERSION_END', { sourceServerID: id, conversionServerID }),
  );
  const tLaunch = tConvEnd + span(state, key, 'launchDelay');
  const tLaunched = tLaunch + span(state, key, 'launch');
  const recoveryInstanceID = state.ids.instanceId();
  const ec2InstanceID = state.ids.instanceId();
  state.schedule(tLaunch, () => addLog(job, tLaunch, 'LAUNCH_START', { sourceServerID: id }));
  const problem = fault?.phase === 'launch' ? fault.rawError : launchProblem(state, server);
  if (problem) return fail(tLaunched, 'LAUNCH_FAILED', problem);
  state.schedule(tLaunch, () =>
    createInstances(state, job, server, recoveryInstanceID, ec2InstanceID, tLaunch, pointInTime),
  );
  state.schedule(tLaunched, () => {
    p.launchStatus = 'LAUNCHED';
    p.endedAt = tLaunched;
    p.recoveryInstanceID = recoveryInstanceID;
    addLog(job, tLaunched, 'LAUNCH_END', { sourceServerID: id, targetInstanceID: ec2InstanceID });
    server.lastLaunchResult = 'SUCCEEDED';
    if (server.lastLaunch?.jobID === job.jobID) server.lastLaunch.status = 'LAUNCHED';
    const instance = state.instances.get(ec2InstanceID);
    if (instance && instance.state === 'pending') {
      instance.state = server.launch.launchDisposition === 'STOPPED' ? 'stopped' : 'running';
      if (instance.state === 'running') instance.runningAt = tLaunched;
    }
  });
  scheduleLaunchActions(state, job, p, server, tLaunched);
  const tHealthy = tLaunched + span(state, key, 'boot');
  state.schedule(tHealthy, () => {
    const instance = state.instances.get(ec2InstanceID);
    if (instance?.state !== 'running') return;
    instance.statusChecks = state.faults.neverHealthy.includes(id) ? 'impaired' : 'ok';
    instance.statusChecksAt = tHealthy;
  });
  return tLaunched;
}

/**
 * Post-launch actions: every run is IN_PROGRESS from LAUNCHED and reaches its scripted result after
 * its `seconds`. The job's own COMPLETED time does not wait for them (README: unverified).
 */
function scheduleLaunchActions(
  state: EmulatorState,
  job: JobRecord,
  p: ParticipatingServerRecord,
  server: ServerRecord,
  tLaunched: number,
): void {
  const actions = server.launchActions;
  if (!server.launch.postLaunchEnabled || actions.length === 0) return;
  const runs = [...actions]
    .sort((a, b) => a.order - b.order)
    .map((action) => ({
      action,
      runId: uuidFrom(`${state.seed}:${job.jobID}:${p.sourceServerID}:${action.actionId}`),
      status: 'IN_PROGRESS' as const,
      at: tLaunched + Math.round(action.seconds * SEC),
    }));
  state.schedule(tLaunched, () => {
    p.launchActions = {
      ssmAgentDiscoveredAt: tLaunched,
      runs: runs.map(({ action, runId, status }) => ({ action, runId, status })),
    };
  });
  runs.forEach(({ action, at }, i) => {
    state.schedule(at, () => {
      const run = p.launchActions?.runs[i];
      if (!run) return;
      run.status = action.result;
      run.endedAt = at;
      if (action.failureReason !== undefined) run.failureReason = action.failureReason;
    });
  });
}

/** The private IP a launch asks for: the template's, else the source's under copyPrivateIp. */
function requestedIp(server: ServerRecord, data: ScenarioTemplateVersion): string | undefined {
  return data.privateIpAddress ?? (server.launch.copyPrivateIp ? server.scenario.sourceIp : undefined);
}

/** What RunInstances would refuse in the template's default version, as EC2's error text. */
function launchProblem(state: EmulatorState, server: ServerRecord): string | undefined {
  const template = state.templates.get(server.scenario.launchTemplateId);
  const version = template?.versions.find((v) => v.number === template.defaultVersion);
  if (!template || !version)
    return `InvalidLaunchTemplateId.NotFound: The specified launch template, with template ID ${server.scenario.launchTemplateId}, does not exist.`;
  const data = version.data;
  if (!data.subnetId) {
    if (state.scenario.defaultVpc) return undefined;
    return 'VPCIdNotSpecified: No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.';
  }
  const subnet = state.scenario.subnets.find((s) => s.subnetId === data.subnetId);
  if (!subnet) return `InvalidSubnetID.NotFound: The subnet ID '${data.subnetId}' does not exist`;
  if (data.securityGroupIds?.length && data.networkInterfaceGroupIds !== undefined)
    return 'InvalidParameterCombination: Network interfaces and an instance-level security groups may not be specified on the same request';
  for (const g of [...(data.securityGroupIds ?? []), ...(data.networkInterfaceGroupIds ?? [])]) {
    const group = state.scenario.securityGroups.find((x) => x.groupId === g);
    if (!group) return `InvalidGroup.NotFound: The security group '${g}' does not exist`;
    if (group.vpcId !== subnet.vpcId)
      return `InvalidParameter: Security group ${g} and subnet ${subnet.subnetId} belong to different networks.`;
  }
  const ip = requestedIp(server, data);
  if (ip && !inCidr(ip, subnet.cidr))
    return `InvalidParameterValue: Address ${ip} does not fall within the subnet's address range`;
  return undefined;
}

function createInstances(
  state: EmulatorState,
  job: JobRecord,
  server: ServerRecord,
  recoveryInstanceID: string,
  ec2InstanceID: string,
  at: number,
  pointInTime: number,
): void {
  const template = state.templates.get(server.scenario.launchTemplateId);
  const data = template?.versions.find((v) => v.number === template.defaultVersion)?.data ?? {};
  const subnet = state.scenario.subnets.find((s) => s.subnetId === data.subnetId);
  const rightSized =
    server.launch.rightSizing !== 'NONE' ? server.scenario.recommendedInstanceType : undefined;
  const tags = {
    ...(server.launch.copyTags ? server.tags : {}),
    ...data.instanceTags,
    Name: server.scenario.hostname,
    ...recoveryTags(server.scenario.sourceServerID, job.jobID),
  };
  state.instances.set(ec2InstanceID, {
    instanceId: ec2InstanceID,
    state: 'pending',
    instanceType: rightSized ?? data.instanceType ?? 't3.medium',
    subnetId: subnet?.subnetId,
    vpcId: subnet?.vpcId,
    securityGroupIds: [...(data.networkInterfaceGroupIds ?? data.securityGroupIds ?? [])],
    privateIp: requestedIp(server, data) ?? addressIn(subnet?.cidr, ec2InstanceID),
    launchTime: at,
    availabilityZone: subnet?.availabilityZone || `${state.scenario.region}a`,
    iamInstanceProfile: data.instanceProfile,
    tags,
    statusChecks: 'initializing',
  });
  state.recoveryInstances.set(recoveryInstanceID, {
    recoveryInstanceID,
    ec2InstanceID,
    sourceServerID: server.scenario.sourceServerID,
    jobID: job.jobID,
    isDrill: job.isDrill,
    pointInTime,
    createdAt: at,
  });
  server.recoveryInstanceId = recoveryInstanceID;
}

export function startTerminateJob(state: EmulatorState, recoveryInstanceIDs: string[]): JobRecord {
  const t0 = state.clock.now();
  const job: JobRecord = {
    jobID: state.ids.jobId(),
    type: 'TERMINATE',
    initiatedBy: 'TERMINATE_RECOVERY_INSTANCES',
    isDrill: true,
    createdAt: t0,
    status: 'PENDING',
    tags: {},
    servers: recoveryInstanceIDs.map((rid) => ({
      sourceServerID: state.recoveryInstances.get(rid)?.sourceServerID ?? '',
      recoveryInstanceID: rid,
      launchStatus: 'PENDING',
    })),
    log: [],
  };
  state.jobs.set(job.jobID, job);
  const tStart = t0 + span(state, job.jobID, 'pending');
  let lastEnd = tStart;
  state.schedule(tStart, () => {
    job.status = 'STARTED';
    addLog(job, tStart, 'JOB_START', {});
  });
  for (const p of job.servers) {
    const rid = p.recoveryInstanceID as string;
    const tDone = tStart + span(state, `${job.jobID}:${rid}`, 'terminate');
    lastEnd = Math.max(lastEnd, tDone);
    state.schedule(tStart, () => {
      p.launchStatus = 'IN_PROGRESS';
      beginCleanup(state, job, p.sourceServerID, rid, tStart);
    });
    state.schedule(tDone, () => {
      p.launchStatus = 'TERMINATED';
      endCleanup(state, job, p.sourceServerID, rid, tDone);
    });
  }
  const tEnd = lastEnd + 5 * SEC;
  state.schedule(tEnd, () => {
    addLog(job, tEnd, 'JOB_END', {});
    job.status = 'COMPLETED';
    job.endAt = tEnd;
  });
  return job;
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

export function inCidr(ip: string, cidr: string): boolean {
  const [base = '', bitsText = '32'] = cidr.split('/');
  const bits = Number(bitsText);
  const size = 2 ** (32 - bits);
  const start = Math.floor(ipToInt(base) / size) * size;
  const n = ipToInt(ip);
  return n >= start && n < start + size;
}

/** A stable address inside the subnet for a launched instance. */
function addressIn(cidr: string | undefined, seedText: string): string {
  const [base = '172.31.0.0', bitsText = '20'] = (cidr ?? '172.31.0.0/20').split('/');
  const size = 2 ** (32 - Number(bitsText));
  const offset = 4 + (Number.parseInt(seedText.slice(-6), 16) % Math.max(1, size - 5));
  const n = Math.floor(ipToInt(base) / size) * size + offset;
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
