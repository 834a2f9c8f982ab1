/**
 * The emulator's mutable world: source servers, jobs, recovery instances, EC2 instances, launch
 * templates. Built from a scenario, advanced by a queue of timed events on the simulated clock.
 */
import type { JobLog } from '@aws-sdk/client-drs';
import { createClock, type SimClock } from './clock.js';
import { IdFactory } from './random.js';
import type {
  Scenario,
  ScenarioFaults,
  ScenarioLaunchAction,
  ScenarioServer,
  ScenarioTemplateVersion,
} from './scenario.js';

export type Ec2State = 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';

export interface Ec2Instance {
  instanceId: string;
  state: Ec2State;
  instanceType: string;
  subnetId?: string;
  vpcId?: string;
  securityGroupIds: string[];
  privateIp: string;
  launchTime: number;
  availabilityZone: string;
  iamInstanceProfile?: string;
  tags: Record<string, string>;
  /** ok once the boot delay passed; impaired for instances that never pass. */
  statusChecks: 'initializing' | 'ok' | 'impaired';
  /** Simulated ms at which the status checks left `initializing` (timeline introspection). */
  statusChecksAt?: number;
  /** Simulated ms at which it became running (its SSM agent registers after `ssm.registerSeconds`). */
  runningAt?: number;
}

/** One SendCommand: its invocations per instance, ending as the scenario's rule scripts. */
export interface SsmCommandRecord {
  commandId: string;
  documentName: string;
  comment: string;
  parameters: Record<string, string[]>;
  instanceIds: string[];
  requestedAt: number;
  timeoutSeconds: number;
  invocations: {
    instanceId: string;
    endAt?: number;
    status: 'Success' | 'Failed' | 'TimedOut';
    exitCode: number;
    output: string;
  }[];
}

export interface RecoveryInstanceRecord {
  recoveryInstanceID: string;
  ec2InstanceID: string;
  sourceServerID: string;
  jobID?: string;
  isDrill: boolean;
  pointInTime?: number;
  createdAt: number;
}

export interface ParticipatingServerRecord {
  sourceServerID: string;
  recoverySnapshotID?: string;
  /** Set when the server is LAUNCHED (LAUNCH jobs) or from the start (TERMINATE jobs). */
  recoveryInstanceID?: string;
  launchStatus: 'PENDING' | 'IN_PROGRESS' | 'LAUNCHED' | 'FAILED' | 'TERMINATED';
  /** Simulated ms at which the server reached LAUNCHED or FAILED (timeline introspection). */
  endedAt?: number;
  /** Recovery instances of this server that the job terminated first (`previousRecoveryInstance: replace`). */
  replaced?: { recoveryInstanceID: string; ec2InstanceID: string }[];
  /** Post-launch action runs, from LAUNCHED on (servers whose scenario declares launch actions). */
  launchActions?: {
    ssmAgentDiscoveredAt: number;
    runs: {
      action: ScenarioLaunchAction;
      runId: string;
      status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
      failureReason?: string;
      /** Simulated ms at which the run reached its result (timeline introspection). */
      endedAt?: number;
    }[];
  };
}

export interface JobRecord {
  jobID: string;
  type: 'LAUNCH' | 'TERMINATE';
  initiatedBy: 'START_RECOVERY' | 'START_DRILL' | 'TERMINATE_RECOVERY_INSTANCES';
  isDrill: boolean;
  createdAt: number;
  /** Simulated ms of the PENDING → STARTED transition (timeline introspection). */
  startedAt?: number;
  endAt?: number;
  status: 'PENDING' | 'STARTED' | 'COMPLETED';
  tags: Record<string, string>;
  servers: ParticipatingServerRecord[];
  log: JobLog[];
}

export interface ServerRecord {
  scenario: ScenarioServer;
  launch: {
    name: string;
    launchDisposition: 'STARTED' | 'STOPPED';
    rightSizing: 'NONE' | 'BASIC' | 'IN_AWS';
    copyPrivateIp: boolean;
    copyTags: boolean;
    osByol: boolean;
    postLaunchEnabled: boolean;
  };
  tags: Record<string, string>;
  snapshots: { snapshotID: string; timestamp: number }[];
  recoveryInstanceId?: string;
  lastLaunch?: {
    jobID: string;
    type: 'DRILL' | 'RECOVERY';
    at: number;
    status: 'PENDING' | 'IN_PROGRESS' | 'LAUNCHED' | 'FAILED' | 'TERMINATED';
  };
  lastLaunchResult: 'NOT_STARTED' | 'PENDING' | 'SUCCEEDED' | 'FAILED';
  /** The server's post-launch actions as they are now (the scenario's, then PutLaunchAction/DeleteLaunchAction). */
  launchActions: ScenarioLaunchAction[];
}

export interface TemplateRecord {
  launchTemplateId: string;
  name: string;
  createdAt: number;
  defaultVersion: number;
  versions: {
    number: number;
    data: ScenarioTemplateVersion;
    createdAt: number;
    description?: string;
    clientToken?: string;
  }[];
}

interface TimedEvent {
  at: number;
  seq: number;
  apply: () => void;
}

export class EmulatorState {
  readonly clock: SimClock;
  readonly ids: IdFactory;
  readonly servers = new Map<string, ServerRecord>();
  readonly jobs = new Map<string, JobRecord>();
  readonly recoveryInstances = new Map<string, RecoveryInstanceRecord>();
  readonly instances = new Map<string, Ec2Instance>();
  readonly templates = new Map<string, TemplateRecord>();
  /** Tags on DRS resources other than jobs and source servers, by ARN. */
  readonly arnTags = new Map<string, Record<string, string>>();
  /** SSM Run Command history, newest last. */
  readonly ssmCommands: SsmCommandRecord[] = [];
  faults: ScenarioFaults;
  private queue: TimedEvent[] = [];
  private seq = 0;

  constructor(
    readonly scenario: Scenario,
    readonly seed: number,
    speed: number,
  ) {
    this.clock = createClock(scenario.startTime, speed);
    this.ids = new IdFactory(seed);
    this.faults = structuredClone(scenario.faults);
    const t0 = Date.parse(scenario.startTime);
    for (const t of scenario.launchTemplates) {
      this.templates.set(t.launchTemplateId, {
        launchTemplateId: t.launchTemplateId,
        name: t.name,
        createdAt: t0 - 86_400_000,
        defaultVersion: t.defaultVersion,
        versions: t.versions.map((data, i) => ({
          number: i + 1,
          data: structuredClone(data),
          createdAt: t0 - 86_400_000,
        })),
      });
    }
    for (const s of scenario.servers) {
      this.ids.reserve(s.sourceServerID);
      this.servers.set(s.sourceServerID, {
        scenario: s,
        launch: {
          name: s.hostname,
          launchDisposition: s.launchDisposition,
          rightSizing: s.rightSizing,
          copyPrivateIp: s.copyPrivateIp,
          copyTags: s.copyTags,
          osByol: s.osByol,
          postLaunchEnabled: s.launchActions.length > 0,
        },
        tags: { ...s.tags },
        snapshots: s.snapshots.map((p) => ({ snapshotID: p.snapshotID, timestamp: Date.parse(p.timestamp) })),
        lastLaunchResult: 'NOT_STARTED',
        launchActions: s.launchActions.map((a) => ({ ...a })),
      });
    }
    for (const r of scenario.recoveryInstances) {
      const server = this.servers.get(r.sourceServerID);
      const launchedAt = r.launchedAt ? Date.parse(r.launchedAt) : t0 - 3_600_000;
      this.ids.reserve(r.recoveryInstanceID);
      this.ids.reserve(r.ec2InstanceID);
      this.instances.set(r.ec2InstanceID, {
        instanceId: r.ec2InstanceID,
        state: r.state,
        instanceType: 't3.medium',
        securityGroupIds: [],
        privateIp: server?.scenario.sourceIp ?? '10.0.0.10',
        launchTime: launchedAt,
        availabilityZone: `${scenario.region}a`,
        tags: recoveryTags(r.sourceServerID, r.jobID),
        statusChecks: r.state === 'running' ? 'ok' : 'initializing',
      });
      this.recoveryInstances.set(r.recoveryInstanceID, {
        recoveryInstanceID: r.recoveryInstanceID,
        ec2InstanceID: r.ec2InstanceID,
        sourceServerID: r.sourceServerID,
        jobID: r.jobID,
        isDrill: r.isDrill,
        pointInTime: launchedAt - 300_000,
        createdAt: launchedAt,
      });
    }
    for (const [id, server] of this.servers)
      server.recoveryInstanceId = this.recoveryInstancesOf(id).at(-1)?.recoveryInstanceID;
  }

  /** Runs `apply` once simulated time reaches `at`. Events at the same time keep their order. */
  schedule(at: number, apply: () => void): void {
    const event = { at, seq: this.seq++, apply };
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.queue[mid] as TimedEvent;
      if (m.at < at || (m.at === at && m.seq < event.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, event);
  }

  /** Applies every event that is due; called before each request is answered. */
  tick(now = this.clock.now()): void {
    for (;;) {
      const next = this.queue[0];
      if (!next || next.at > now) return;
      this.queue.shift();
      next.apply();
    }
  }

  /** Moves simulated time forward and applies what became due. */
  advance(ms: number): void {
    this.clock.advance(ms);
    this.tick();
  }

  pendingEvents(): number {
    return this.queue.length;
  }

  activeJobs(): JobRecord[] {
    return [...this.jobs.values()].filter((j) => j.status !== 'COMPLETED');
  }

  /** Source servers held by a job that has not completed: the one-job-per-server quota. */
  busyServers(): Set<string> {
    const busy = new Set<string>();
    for (const j of this.activeJobs()) for (const s of j.servers) busy.add(s.sourceServerID);
    return busy;
  }

  arn(kind: 'job' | 'source-server' | 'recovery-instance', id: string): string {
    return `arn:aws:drs:${this.scenario.region}:${this.scenario.accountId}:${kind}/${id}`;
  }

  /** Adds a version to a launch template (numbers are 1-based and dense) and returns it. */
  addTemplateVersion(
    t: TemplateRecord,
    data: ScenarioTemplateVersion,
    extra: { description?: string; clientToken?: string } = {},
  ): TemplateRecord['versions'][number] {
    const version = { number: t.versions.length + 1, data, createdAt: this.clock.now(), ...extra };
    t.versions.push(version);
    return version;
  }

  /** A source server's recovery instances, oldest first. */
  recoveryInstancesOf(sourceServerID: string): RecoveryInstanceRecord[] {
    return [...this.recoveryInstances.values()]
      .filter((r) => r.sourceServerID === sourceServerID)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Removes a recovery instance; its server then points at its newest remaining one, if any. */
  deleteRecoveryInstance(recoveryInstanceID: string): void {
    const record = this.recoveryInstances.get(recoveryInstanceID);
    if (!record) return;
    this.recoveryInstances.delete(recoveryInstanceID);
    const server = this.servers.get(record.sourceServerID);
    if (server?.recoveryInstanceId === recoveryInstanceID)
      server.recoveryInstanceId = this.recoveryInstancesOf(record.sourceServerID).at(-1)?.recoveryInstanceID;
  }
}

/** Template version data without its unset fields (so equal data compares equal). */
export function compactTemplateData(data: ScenarioTemplateVersion): ScenarioTemplateVersion {
  return Object.fromEntries(
    Object.entries(data).filter(([, v]) => v !== undefined),
  ) as ScenarioTemplateVersion;
}

/** The tags DRS puts on the EC2 instances it launches. */
export function recoveryTags(sourceServerID: string, jobID?: string): Record<string, string> {
  const tags: Record<string, string> = {
    AWSElasticDisasterRecoveryManaged: 'drs.amazonaws.com',
    AWSElasticDisasterRecoverySourceServerID: sourceServerID,
  };
  if (jobID) tags['drs.amazonaws.com-job'] = jobID;
  return tags;
}
