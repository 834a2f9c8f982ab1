/**
 * An in-memory DRS + EC2 for engine tests: jobs progress on a fake clock whose sleep advances time
 * instantly, per-server scripts decide how far each server gets, and faults are switched on per test.
 * It enforces DRS's quotas (20 active jobs, 500 servers in active jobs, one job per server) so tests
 * can show the scheduler never trips them.
 */
import type {
  DrsGateway,
  Ec2Gateway,
  Instance,
  InstanceStatus,
  Job,
  JobLog,
  RecoveryInstance,
  StartRecoveryRequest,
} from '../../../src/aws/gateways.js';
import type { Report } from '../../../src/core/report.js';
import type {
  Clock,
  EngineLog,
  ExecutionPlan,
  ResolvedServer,
  RunContext,
} from '../../../src/engine/types.js';
import type { HealthCheck, Plan, ServerSpec, Wave } from '../../../src/plan/types.js';

export class FakeClock implements Clock {
  constructor(public ms = Date.parse('2024-05-01T00:00:00.000Z')) {}
  now(): number {
    return this.ms;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return;
    this.ms += Math.max(0, ms);
    await Promise.resolve();
  }
  iso(offsetSeconds = 0): string {
    return new Date(this.ms + offsetSeconds * 1000).toISOString();
  }
}

export class FakeAwsError extends Error {
  $metadata: { httpStatusCode: number };
  retryAfterSeconds?: string;
  constructor(name: string, status: number, message: string, retryAfterSeconds?: string) {
    super(message);
    this.name = name;
    this.$metadata = { httpStatusCode: status };
    if (retryAfterSeconds !== undefined) this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface ServerScript {
  snapshotSeconds?: number;
  conversionSeconds?: number;
  launchSeconds?: number;
  failAt?: 'snapshot' | 'conversion' | 'launch';
  rawError?: string;
  /** Seconds after launch until both status checks read ok. */
  healthySeconds?: number;
  neverHealthy?: boolean;
  /** The instance is stopped after launch (launchDisposition STOPPED). */
  stopped?: boolean;
  /** DRS post-launch actions run after the launch: each ends with its result `seconds` later. */
  launchActions?: {
    name: string;
    optional?: boolean;
    result: 'SUCCEEDED' | 'FAILED';
    failureReason?: string;
    seconds?: number;
  }[];
}

export interface Faults {
  /** The first N StartRecovery calls answer ConflictException. */
  conflictOnFirstStarts?: number;
  /** The first N StartRecovery calls are throttled (Retry-After 3 s). */
  throttleFirstStarts?: number;
  /** The first N StartRecovery calls create the job, then the answer is lost (500). */
  loseFirstStartAnswers?: number;
  /** Jobs complete with 0 launched and no conversion (the caller lacks EC2 permissions). */
  missingEc2Permissions?: boolean;
  /** The first N DescribeJobs calls are throttled. */
  throttleFirstDescribeJobs?: number;
  /**
   * When the job view carries `recoveryInstanceID` (drs-facts §8): `until-completed` (default: once
   * LAUNCHED, dropped once the job completes), `never` (as in the real capture), `always`.
   */
  recoveryInstanceIdInJob?: 'until-completed' | 'never' | 'always';
  /** No LAUNCH_END event in the log (older assumption); default: logged with the EC2 id. */
  noLaunchEnd?: boolean;
}

export interface Call {
  op: string;
  at: number;
  args: unknown;
}

interface FakeJob {
  jobId: string;
  createdMs: number;
  type: 'LAUNCH' | 'TERMINATE';
  isDrill: boolean;
  serverIds: string[];
  tags: Record<string, string>;
  /** TERMINATE jobs: the instances they terminate. */
  recoveryInstanceIds: string[];
}

interface Timeline {
  events: { atMs: number; event: string; rawError?: string }[];
  endMs: number;
  launchedMs?: number;
}

const JOB_PENDING_MS = 5000;

export class FakeDrs implements DrsGateway {
  readonly calls: Call[] = [];
  readonly jobs = new Map<string, FakeJob>();
  readonly recoveryInstances = new Map<string, RecoveryInstance>();
  readonly scripts = new Map<string, ServerScript>();
  maxActiveJobsSeen = 0;
  maxActiveServersSeen = 0;
  private seq = 0;
  private startCalls = 0;
  private describeJobsCalls = 0;
  private seen = false;
  /** Called with the op name on each call; tests use it to abort mid-run. */
  onCall?: (op: string) => void;

  constructor(
    readonly clock: FakeClock,
    readonly faults: Faults = {},
  ) {}

  private record(op: string, args: unknown): void {
    this.seen = true;
    this.calls.push({ op, at: this.clock.now(), args });
    this.onCall?.(op);
  }

  count(op: string): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  serverTime(): string | undefined {
    return this.seen ? new Date(Math.floor(this.clock.now() / 1000) * 1000).toISOString() : undefined;
  }

  script(id: string): ServerScript {
    return this.scripts.get(id) ?? {};
  }

  timeline(job: FakeJob, serverId: string): Timeline {
    const s = this.script(serverId);
    const t0 = job.createdMs + JOB_PENDING_MS;
    const events: Timeline['events'] = [{ atMs: t0, event: 'SNAPSHOT_START' }];
    const snapEnd = t0 + (s.snapshotSeconds ?? 30) * 1000;
    if (this.faults.missingEc2Permissions) {
      events.push({ atMs: snapEnd, event: 'SNAPSHOT_END' });
      return { events, endMs: snapEnd + 30_000 };
    }
    if (s.failAt === 'snapshot') {
      events.push({ atMs: snapEnd, event: 'SNAPSHOT_FAIL', rawError: s.rawError ?? 'snapshot failed' });
      return { events, endMs: snapEnd };
    }
    events.push({ atMs: snapEnd, event: 'SNAPSHOT_END' }, { atMs: snapEnd, event: 'CONVERSION_START' });
    const convEnd = snapEnd + (s.conversionSeconds ?? 60) * 1000;
    if (s.failAt === 'conversion') {
      events.push({ atMs: convEnd, event: 'CONVERSION_FAIL', rawError: s.rawError ?? 'conversion failed' });
      return { events, endMs: convEnd };
    }
    events.push({ atMs: convEnd, event: 'CONVERSION_END' }, { atMs: convEnd, event: 'LAUNCH_START' });
    const launched = convEnd + (s.launchSeconds ?? 30) * 1000;
    if (s.failAt === 'launch') {
      events.push({ atMs: launched, event: 'LAUNCH_FAILED', rawError: s.rawError ?? 'launch failed' });
      return { events, endMs: launched };
    }
    if (!this.faults.noLaunchEnd) events.push({ atMs: launched, event: 'LAUNCH_END' });
    return { events, endMs: launched, launchedMs: launched };
  }

  private jobEndMs(job: FakeJob): number {
    if (job.type === 'TERMINATE') return job.createdMs + 20_000;
    return Math.max(...job.serverIds.map((id) => this.timeline(job, id).endMs)) + 5000;
  }

  recoveryInstanceIdFor(jobId: string, serverId: string): string {
    return `i-${jobId.slice(-6)}${serverId.slice(-11)}`;
  }

  /** EC2 ids differ from recovery-instance ids here, so code that mixes them up fails. */
  ec2InstanceIdFor(jobId: string, serverId: string): string {
    return `i-e${jobId.slice(-6)}${serverId.slice(-10)}`;
  }

  /** The recovery instance behind an EC2 id (launched by any job). */
  byEc2Id(ec2InstanceId: string): RecoveryInstance | undefined {
    for (const job of this.jobs.values()) {
      for (const id of job.serverIds) {
        if (this.ec2InstanceIdFor(job.jobId, id) === ec2InstanceId)
          return (
            this.recoveryInstances.get(this.recoveryInstanceIdFor(job.jobId, id)) ?? {
              recoveryInstanceID: this.recoveryInstanceIdFor(job.jobId, id),
              ec2InstanceID: ec2InstanceId,
              jobID: job.jobId,
              sourceServerID: id,
            }
          );
      }
    }
    return undefined;
  }

  private launchActionsStatus(serverId: string, launchedMs: number) {
    const actions = this.script(serverId).launchActions;
    if (!actions) return {};
    const now = this.clock.now();
    return {
      launchActionsStatus: {
        runs: actions.map((a, i) => ({
          runId: `run-${i}`,
          action: { actionId: `action-${i}`, name: a.name, optional: a.optional ?? false },
          status: now >= launchedMs + (a.seconds ?? 60) * 1000 ? a.result : 'IN_PROGRESS',
          ...(a.result === 'FAILED' && now >= launchedMs + (a.seconds ?? 60) * 1000
            ? { failureReason: a.failureReason ?? 'failed' }
            : {}),
        })),
      },
    };
  }

  /** Materialise what the job looks like now; creates recovery instances as servers launch. */
  view(job: FakeJob): Job {
    const now = this.clock.now();
    const elapsed = now - job.createdMs;
    const endMs = this.jobEndMs(job);
    const status = elapsed < JOB_PENDING_MS ? 'PENDING' : now >= endMs ? 'COMPLETED' : 'STARTED';
    if (job.type === 'TERMINATE' && status === 'COMPLETED') {
      for (const id of job.recoveryInstanceIds) this.recoveryInstances.delete(id);
    }
    const shape = this.faults.recoveryInstanceIdInJob ?? 'until-completed';
    // Real DRS: a COMPLETED TERMINATE job may list no servers; a running LAUNCH job says PENDING.
    const participatingServers = job.serverIds.flatMap((id) => {
      if (job.type === 'TERMINATE')
        return status === 'COMPLETED' ? [] : [{ sourceServerID: id, launchStatus: 'PENDING' }];
      const t = this.timeline(job, id);
      if (now < t.endMs) return [{ sourceServerID: id, launchStatus: 'PENDING' }];
      if (t.launchedMs === undefined) return [{ sourceServerID: id, launchStatus: 'FAILED' }];
      const recoveryInstanceID = this.recoveryInstanceIdFor(job.jobId, id);
      if (!this.recoveryInstances.has(recoveryInstanceID) && !this.terminated.has(recoveryInstanceID)) {
        this.recoveryInstances.set(recoveryInstanceID, {
          recoveryInstanceID,
          ec2InstanceID: this.ec2InstanceIdFor(job.jobId, id),
          jobID: job.jobId,
          sourceServerID: id,
          isDrill: job.isDrill,
          pointInTimeSnapshotDateTime: new Date(job.createdMs + JOB_PENDING_MS).toISOString(),
        });
      }
      const showId = shape === 'always' || (shape === 'until-completed' && status !== 'COMPLETED');
      return [
        {
          sourceServerID: id,
          launchStatus: 'LAUNCHED',
          ...(showId ? { recoveryInstanceID } : {}),
          ...this.launchActionsStatus(id, t.launchedMs),
        },
      ];
    });
    return {
      jobID: job.jobId,
      type: job.type,
      status,
      creationDateTime: new Date(job.createdMs).toISOString(),
      ...(status === 'COMPLETED' ? { endDateTime: new Date(endMs).toISOString() } : {}),
      participatingServers,
      tags: { ...job.tags },
    } as Job;
  }

  readonly terminated = new Set<string>();

  private activeJobs(): FakeJob[] {
    return [...this.jobs.values()].filter((j) => this.view(j).status !== 'COMPLETED');
  }

  /** Add a job created outside the run (e.g. by someone else, or earlier). */
  addJob(
    serverIds: string[],
    opts: { isDrill?: boolean; tags?: Record<string, string>; createdMs?: number } = {},
  ) {
    this.seq += 1;
    const job: FakeJob = {
      jobId: `drsjob-${String(this.seq).padStart(17, '0')}`,
      createdMs: opts.createdMs ?? this.clock.now(),
      type: 'LAUNCH',
      isDrill: opts.isDrill ?? true,
      serverIds,
      tags: opts.tags ?? {},
      recoveryInstanceIds: [],
    };
    this.jobs.set(job.jobId, job);
    return job;
  }

  async startRecovery(request: StartRecoveryRequest): Promise<Job> {
    this.record('StartRecovery', request);
    this.startCalls += 1;
    if (this.startCalls <= (this.faults.throttleFirstStarts ?? 0)) {
      throw new FakeAwsError('ThrottlingException', 429, 'Rate exceeded', '3');
    }
    if (this.startCalls <= (this.faults.conflictOnFirstStarts ?? 0)) {
      throw new FakeAwsError(
        'ConflictException',
        409,
        'One or more of the Source Servers are currently being processed by a Job',
      );
    }
    const ids = request.sourceServers.map((s) => s.sourceServerID);
    const active = this.activeJobs();
    if (active.some((j) => j.serverIds.some((id) => ids.includes(id)))) {
      throw new FakeAwsError(
        'ConflictException',
        409,
        'One or more of the Source Servers are currently being processed by a Job',
      );
    }
    const activeServers = active.reduce((n, j) => n + j.serverIds.length, 0);
    if (active.length + 1 > 20 || activeServers + ids.length > 500 || ids.length > 100) {
      throw new FakeAwsError('ServiceQuotaExceededException', 402, 'Quota exceeded');
    }
    const job = this.addJob(ids, { isDrill: request.isDrill, tags: request.tags });
    this.maxActiveJobsSeen = Math.max(this.maxActiveJobsSeen, active.length + 1);
    this.maxActiveServersSeen = Math.max(this.maxActiveServersSeen, activeServers + ids.length);
    if (this.startCalls <= (this.faults.loseFirstStartAnswers ?? 0)) {
      throw new FakeAwsError('InternalServerException', 500, 'connection dropped after the job was created');
    }
    return this.view(job);
  }

  async describeJobs(jobIds: string[]): Promise<Job[]> {
    this.record('DescribeJobs', jobIds);
    this.describeJobsCalls += 1;
    if (this.describeJobsCalls <= (this.faults.throttleFirstDescribeJobs ?? 0)) {
      throw new FakeAwsError('ThrottlingException', 429, 'Rate exceeded', '7');
    }
    return jobIds.flatMap((id) => {
      const job = this.jobs.get(id);
      return job ? [this.view(job)] : [];
    });
  }

  async describeJobsSince(fromDate: string): Promise<Job[]> {
    this.record('DescribeJobsSince', fromDate);
    const from = Date.parse(fromDate);
    return [...this.jobs.values()].filter((j) => j.createdMs >= from).map((j) => this.view(j));
  }

  async describeJobLogItems(jobId: string): Promise<JobLog[]> {
    this.record('DescribeJobLogItems', jobId);
    const job = this.jobs.get(jobId);
    if (!job) return [];
    const now = this.clock.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const items: JobLog[] = [{ logDateTime: iso(job.createdMs + 1000), event: 'JOB_START' }];
    for (const id of job.serverIds) {
      for (const e of this.timeline(job, id).events) {
        if (e.atMs > now) continue;
        const target =
          e.event === 'LAUNCH_END' ? { targetInstanceID: this.ec2InstanceIdFor(job.jobId, id) } : {};
        items.push({
          logDateTime: iso(e.atMs),
          event: e.event as JobLog['event'],
          eventData: { sourceServerID: id, ...target, ...(e.rawError ? { rawError: e.rawError } : {}) },
        });
      }
    }
    if (this.view(job).status === 'COMPLETED')
      items.push({ logDateTime: iso(this.jobEndMs(job)), event: 'JOB_END' });
    return items;
  }

  async describeRecoveryInstances(filter: {
    recoveryInstanceIds?: string[];
    sourceServerIds?: string[];
  }): Promise<RecoveryInstance[]> {
    this.record('DescribeRecoveryInstances', filter);
    for (const job of this.jobs.values()) this.view(job);
    return [...this.recoveryInstances.values()].filter(
      (ri) =>
        (!filter.recoveryInstanceIds || filter.recoveryInstanceIds.includes(ri.recoveryInstanceID ?? '')) &&
        (!filter.sourceServerIds || filter.sourceServerIds.includes(ri.sourceServerID ?? '')),
    );
  }

  async terminateRecoveryInstances(recoveryInstanceIds: string[]): Promise<Job> {
    this.record('TerminateRecoveryInstances', recoveryInstanceIds);
    if (recoveryInstanceIds.length > 200) throw new FakeAwsError('ValidationException', 400, 'too many ids');
    this.seq += 1;
    const job: FakeJob = {
      jobId: `drsjob-${String(this.seq).padStart(17, '0')}`,
      createdMs: this.clock.now(),
      type: 'TERMINATE',
      isDrill: true,
      serverIds: recoveryInstanceIds.map(
        (id) => this.recoveryInstances.get(id)?.sourceServerID ?? 's-unknown',
      ),
      tags: {},
      recoveryInstanceIds,
    };
    for (const id of recoveryInstanceIds) this.terminated.add(id);
    this.jobs.set(job.jobId, job);
    return this.view(job);
  }

  describeAllSourceServers = unused('describeAllSourceServers');
  describeRecoverySnapshots = unused('describeRecoverySnapshots');
  getLaunchConfiguration = unused('getLaunchConfiguration');
  updateLaunchConfiguration = unused('updateLaunchConfiguration');
  listLaunchActions = unused('listLaunchActions');
  putLaunchAction = unused('putLaunchAction');
  deleteLaunchAction = unused('deleteLaunchAction');
}

function unused(name: string): () => Promise<never> {
  return () => Promise.reject(new Error(`${name} is not part of the run loop`));
}

/** EC2 as the fake DRS's launched instances look: running (or stopped), status checks per script. */
export class FakeEc2 implements Ec2Gateway {
  readonly calls: Call[] = [];
  readonly tags = new Map<string, Record<string, string>>();

  constructor(readonly drs: FakeDrs) {}

  private record(op: string, args: unknown): void {
    this.calls.push({ op, at: this.drs.clock.now(), args });
  }

  count(op: string): number {
    return this.calls.filter((c) => c.op === op).length;
  }

  serverTime(): string | undefined {
    return this.drs.serverTime();
  }

  private launch(id: string): { launchedMs: number; script: ServerScript } | undefined {
    const ri = this.drs.byEc2Id(id);
    const job = ri?.jobID ? this.drs.jobs.get(ri.jobID) : undefined;
    if (!ri || !job || !ri.sourceServerID) return undefined;
    const launchedMs = this.drs.timeline(job, ri.sourceServerID).launchedMs;
    return launchedMs === undefined ? undefined : { launchedMs, script: this.drs.script(ri.sourceServerID) };
  }

  async describeInstances(instanceIds: string[]): Promise<Instance[]> {
    this.record('DescribeInstances', instanceIds);
    return instanceIds.flatMap((id) => {
      const l = this.launch(id);
      if (!l) return [];
      const ri = this.drs.byEc2Id(id)?.recoveryInstanceID ?? '';
      const name = this.drs.terminated.has(ri) ? 'terminated' : l.script.stopped ? 'stopped' : 'running';
      return [
        {
          InstanceId: id,
          LaunchTime: new Date(l.launchedMs),
          State: { Name: name },
          InstanceType: 'm6i.large',
          SubnetId: 'subnet-0a1b2c3d4e5f60001',
          PrivateIpAddress: '10.0.1.50',
        } as Instance,
      ];
    });
  }

  async describeInstanceStatus(instanceIds: string[]): Promise<InstanceStatus[]> {
    this.record('DescribeInstanceStatus', instanceIds);
    const now = this.drs.clock.now();
    return instanceIds.flatMap((id) => {
      const l = this.launch(id);
      if (!l) return [];
      const ok = !l.script.neverHealthy && now >= l.launchedMs + (l.script.healthySeconds ?? 60) * 1000;
      const check = { Status: ok ? 'ok' : 'initializing' } as InstanceStatus['InstanceStatus'];
      return [
        {
          InstanceId: id,
          InstanceState: { Name: 'running' },
          InstanceStatus: check,
          SystemStatus: check,
        } as InstanceStatus,
      ];
    });
  }

  async createTags(resourceIds: string[], tags: Record<string, string>): Promise<void> {
    this.record('CreateTags', resourceIds);
    for (const id of resourceIds) this.tags.set(id, { ...this.tags.get(id), ...tags });
  }

  describeDefaultLaunchTemplateVersion = unused('describeDefaultLaunchTemplateVersion');
  updateLaunchTemplate = unused('updateLaunchTemplate');
  describeSubnets = unused('describeSubnets');
  describeSecurityGroups = unused('describeSecurityGroups');
}

// ---- builders for execution plans, reports and logs ----

export function serverId(n: number): string {
  return `s-${n.toString(16).padStart(17, '0')}`;
}

export function resolvedServer(
  n: number,
  opts: {
    critical?: boolean;
    healthCheck?: HealthCheck;
    launchDisposition?: 'STARTED' | 'STOPPED';
    hostname?: string;
  } = {},
): ResolvedServer {
  const sourceServerId = serverId(n);
  const spec: ServerSpec = {
    selector: { kind: 'id', sourceServerId },
    critical: opts.critical ?? true,
    launch: opts.launchDisposition ? { launchDisposition: opts.launchDisposition } : {},
    template: {},
    healthCheck: opts.healthCheck ?? 'ec2-status',
    postLaunch: [],
    position: { file: 'plan.yaml', line: 1, col: 1 },
  };
  return {
    sourceServerId,
    ...(opts.hostname ? { hostname: opts.hostname } : {}),
    spec,
    sourceServer: { sourceServerID: sourceServerId },
  };
}

export interface WaveInput {
  name: string;
  servers: ResolvedServer[];
  dependsOn?: string[];
  timeoutSeconds?: number;
  waitAfterSeconds?: number;
}

export function makePlan(waves: WaveInput[], onFailure: 'stop' | 'continue' = 'stop'): ExecutionPlan {
  const planWaves: Wave[] = waves.map((w, index) => ({
    name: w.name,
    index,
    dependsOn: w.dependsOn ?? (index === 0 ? [] : [waves[index - 1]?.name ?? '']),
    servers: w.servers.map((s) => s.spec),
    timeoutSeconds: w.timeoutSeconds ?? 3600,
    waitAfterSeconds: w.waitAfterSeconds ?? 0,
    checks: [],
    position: { file: 'plan.yaml', line: 1, col: 1 },
  }));
  const plan: Plan = {
    version: 1,
    name: 'payments',
    objectives: {},
    onFailure,
    waves: planWaves,
    file: 'plan.yaml',
    sha256: '0'.repeat(64),
  };
  return { plan, waves: waves.map((w, i) => ({ wave: planWaves[i]!, servers: w.servers })) };
}

export const context: RunContext = {
  mode: 'drill',
  isDrill: true,
  executionId: 'octo/repo/12345',
  region: 'us-east-1',
  initiatedBy: 'octocat',
  repository: 'octo/repo',
  runUrl: 'https://github.com/octo/repo/actions/runs/12345',
  commit: 'abc123',
};

export function makeReport(ep: ExecutionPlan): Report {
  return {
    schemaVersion: 1,
    mode: 'drill',
    executionId: context.executionId,
    plan: { name: ep.plan.name, path: ep.plan.file, sha256: ep.plan.sha256 },
    region: 'us-east-1',
    isDrill: true,
    startedAt: '2024-05-01T00:00:00.000Z',
    status: 'running',
    objectives: {},
    measured: {},
    waves: [],
    launchConfigChanges: [],
    errors: [],
    warnings: [],
  };
}

export interface RecordingLog extends EngineLog {
  lines: string[];
}

export function makeLog(): RecordingLog {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warning: (m) => lines.push(`warning ${m}`),
    error: (m) => lines.push(`error ${m}`),
    group: async (name, fn) => {
      lines.push(`group ${name}`);
      return fn();
    },
  };
}
