/** Records rendered as the DRS API's JSON shapes (types from the SDK keep the names honest). */
import type {
  DataReplicationState,
  EC2InstanceState,
  Job,
  LaunchAction,
  LaunchActionsStatus,
  LaunchConfiguration,
  LaunchStatus,
  ParticipatingServer,
  RecoveryInstance,
  RecoverySnapshot,
  SourceServer,
} from '@aws-sdk/client-drs';
import { drsTime } from './clock.js';
import type { ScenarioLaunchAction } from './scenario.js';
import type {
  EmulatorState,
  JobRecord,
  ParticipatingServerRecord,
  RecoveryInstanceRecord,
  ServerRecord,
} from './state.js';

const EC2_TO_DRS_STATE: Record<string, EC2InstanceState> = {
  pending: 'PENDING',
  running: 'RUNNING',
  stopping: 'STOPPING',
  stopped: 'STOPPED',
  'shutting-down': 'SHUTTING-DOWN',
  terminated: 'TERMINATED',
};

/**
 * A job as DescribeJobs answers it. `truth` is the emulator's own view for the control API: every
 * recovery instance id, and the servers of a completed TERMINATE job, whatever DRS would show.
 */
export function jobView(state: EmulatorState, job: JobRecord, opts: { truth?: boolean } = {}): Job {
  const arn = state.arn('job', job.jobID);
  // A COMPLETED TERMINATE job lists no servers (drs-facts.md §8); its log keeps them.
  const servers = job.type === 'TERMINATE' && job.status === 'COMPLETED' && !opts.truth ? [] : job.servers;
  const view: Job = {
    jobID: job.jobID,
    arn,
    type: job.type,
    initiatedBy: job.initiatedBy,
    creationDateTime: drsTime(job.createdAt),
    status: job.status,
    // DRS adds its own resourceArn key; a caller's tag of that name is kept (README: unverified).
    tags: { resourceArn: arn, ...job.tags },
    participatingServers: servers.map((p) => participatingView(state, job, p, opts.truth === true)),
  };
  if (job.endAt !== undefined) view.endDateTime = drsTime(job.endAt);
  return view;
}

function participatingView(
  state: EmulatorState,
  job: JobRecord,
  p: ParticipatingServerRecord,
  truth: boolean,
): ParticipatingServer {
  const view: ParticipatingServer = { sourceServerID: p.sourceServerID, launchStatus: p.launchStatus };
  if (p.recoveryInstanceID !== undefined && (truth || showsRecoveryInstanceId(state, job, p)))
    view.recoveryInstanceID = p.recoveryInstanceID;
  if (p.launchActions) view.launchActionsStatus = launchActionsView(p.launchActions);
  return view;
}

/** The `drs.recoveryInstanceIdInJob` switch. */
function showsRecoveryInstanceId(
  state: EmulatorState,
  job: JobRecord,
  p: ParticipatingServerRecord,
): boolean {
  const mode = state.scenario.drs.recoveryInstanceIdInJob;
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  // until-completed: the AWS CLI example of a TERMINATE job shows none while it runs.
  return job.type === 'LAUNCH' && p.launchStatus === 'LAUNCHED' && job.status !== 'COMPLETED';
}

function launchActionsView(
  status: NonNullable<ParticipatingServerRecord['launchActions']>,
): LaunchActionsStatus {
  return {
    ssmAgentDiscoveryDatetime: drsTime(status.ssmAgentDiscoveredAt),
    runs: status.runs.map((r) => ({
      action: launchActionView(r.action),
      runId: r.runId,
      status: r.status,
      ...(r.failureReason !== undefined ? { failureReason: r.failureReason } : {}),
    })),
  };
}

export function launchActionView(a: ScenarioLaunchAction): LaunchAction {
  return {
    actionId: a.actionId,
    actionCode: a.actionCode,
    type: a.type,
    name: a.name,
    active: true,
    order: a.order,
    optional: a.optional,
    category: a.category,
    description: a.description,
    actionVersion: '$DEFAULT',
    parameters: (a.parameters ?? {}) as LaunchAction['parameters'],
  };
}

export function sourceServerView(state: EmulatorState, server: ServerRecord): SourceServer {
  const s = server.scenario;
  const now = state.clock.now();
  const view: SourceServer = {
    sourceServerID: s.sourceServerID,
    arn: state.arn('source-server', s.sourceServerID),
    tags: { ...server.tags },
    lastLaunchResult: server.lastLaunchResult,
    replicationDirection: 'FAILOVER',
    dataReplicationInfo: {
      dataReplicationState: s.replicationState as DataReplicationState,
      lagDuration: `PT${s.lagSeconds}S`,
      replicatedDisks: [
        {
          deviceName: '/dev/xvda',
          totalStorageBytes: 32 * 2 ** 30,
          replicatedStorageBytes: 32 * 2 ** 30,
          backloggedStorageBytes: 0,
          rescannedStorageBytes: 0,
        },
      ],
      stagingAvailabilityZone: `${state.scenario.region}a`,
    },
    lifeCycle: {
      addedToServiceDateTime: drsTime(Date.parse(state.scenario.startTime) - 30 * 86_400_000),
      firstByteDateTime: drsTime(Date.parse(state.scenario.startTime) - 30 * 86_400_000 + 600_000),
      lastSeenByServiceDateTime: drsTime(now - 30_000),
      elapsedReplicationDuration: 'P30D',
    },
    sourceProperties: {
      lastUpdatedDateTime: drsTime(now - 3_600_000),
      recommendedInstanceType: recommendedInstanceType(server),
      identificationHints: { hostname: s.hostname, ...(s.fqdn ? { fqdn: s.fqdn } : {}) },
      networkInterfaces: s.sourceIp
        ? [{ ips: [s.sourceIp], isPrimary: true, macAddress: '02:00:00:00:00:01' }]
        : [],
      disks: [{ deviceName: '/dev/sda', bytes: 32 * 2 ** 30 }],
      cpus: [{ cores: 2, modelName: 'Intel(R) Xeon(R)' }],
      ramBytes: 8 * 2 ** 30,
      os: { fullString: 'Linux' },
    },
    stagingArea: { status: 'NOT_EXTENDED' },
    agentVersion: '4.7.0',
  };
  if (server.recoveryInstanceId) view.recoveryInstanceId = server.recoveryInstanceId;
  if (server.lastLaunch && view.lifeCycle) {
    view.lifeCycle.lastLaunch = {
      initiated: {
        jobID: server.lastLaunch.jobID,
        type: server.lastLaunch.type,
        apiCallDateTime: drsTime(server.lastLaunch.at),
      },
      status: server.lastLaunch.status as LaunchStatus,
    };
  }
  return view;
}

/** What DescribeSourceServers reports as the server's recommended instance type. */
export function recommendedInstanceType(server: ServerRecord): string {
  return server.scenario.recommendedInstanceType ?? 't3.medium';
}

export function recoveryInstanceView(state: EmulatorState, r: RecoveryInstanceRecord): RecoveryInstance {
  const instance = state.instances.get(r.ec2InstanceID);
  const view: RecoveryInstance = {
    recoveryInstanceID: r.recoveryInstanceID,
    arn: state.arn('recovery-instance', r.recoveryInstanceID),
    ec2InstanceID: r.ec2InstanceID,
    ec2InstanceState: instance ? EC2_TO_DRS_STATE[instance.state] : 'NOT_FOUND',
    sourceServerID: r.sourceServerID,
    isDrill: r.isDrill,
    tags: { ...(state.arnTags.get(state.arn('recovery-instance', r.recoveryInstanceID)) ?? {}) },
    originEnvironment: 'ON_PREMISES',
    recoveryInstanceProperties: { lastUpdatedDateTime: drsTime(r.createdAt) },
  };
  if (r.jobID) view.jobID = r.jobID;
  if (r.pointInTime !== undefined) view.pointInTimeSnapshotDateTime = drsTime(r.pointInTime);
  return view;
}

export function launchConfigurationView(server: ServerRecord): LaunchConfiguration {
  return {
    sourceServerID: server.scenario.sourceServerID,
    name: server.launch.name,
    ec2LaunchTemplateID: server.scenario.launchTemplateId,
    launchDisposition: server.launch.launchDisposition,
    targetInstanceTypeRightSizingMethod: server.launch.rightSizing,
    copyPrivateIp: server.launch.copyPrivateIp,
    copyTags: server.launch.copyTags,
    licensing: { osByol: server.launch.osByol },
    postLaunchEnabled: server.launch.postLaunchEnabled,
  };
}

export function snapshotView(
  sourceServerID: string,
  s: { snapshotID: string; timestamp: number },
): RecoverySnapshot {
  return {
    snapshotID: s.snapshotID,
    sourceServerID,
    expectedTimestamp: drsTime(s.timestamp),
    timestamp: drsTime(s.timestamp),
    ebsSnapshots: [],
  };
}
