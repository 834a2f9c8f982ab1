/**
 * The in-memory DRS + EC2 every engine unit test runs against: one simulator behind the engine's
 * gateways (src/aws/gateways.ts). Jobs progress on a fake clock whose sleep advances time instantly,
 * per-server scripts decide how far each server gets, and faults are switched on per test. It keeps
 * the shapes real DRS was captured answering (drs-facts.md §8) and DRS's quotas, and it answers the
 * same gateway contract as the emulator (test/contract/gateway-contract.ts runs both), so the
 * engine's unit tests and its end-to-end tests see one DRS.
 */
import type {
  DrsGateway,
  Ec2Gateway,
  Instance,
  InstanceStatus,
  Job,
  JobLog,
  LaunchAction,
  LaunchActionPut,
  LaunchActionRun,
  LaunchConfiguration,
  LaunchConfigurationUpdate,
  LaunchTemplateChange,
  LaunchTemplateVersion,
  ParticipatingServer,
  RecoveryInstance,
  RecoverySnapshot,
  SecurityGroup,
  SourceServer,
  StartRecoveryRequest,
  Subnet,
} from '../../src/aws/gateways.js';
import type { Clock } from '../../src/engine/types.js';

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

/** An error shaped like the SDK's service exceptions: `name` is the AWS error code. */
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

/** DRS writes times as `2022-12-07T19:24:29.155509+00:00` (six fraction digits, an offset). */
export function drsTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000+00:00');
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
  /**
   * UpdateLaunchConfiguration leaves the launch template alone. Default (as the emulator's
   * `launchConfigurationWritesTemplate`): BASIC right-sizing and copyPrivateIp write a new default
   * template version when the FakeEc2 is linked to this FakeDrs.
   */
  launchConfigurationKeepsTemplate?: boolean;
  /** A COMPLETED launch job's view lists no servers (drs-facts §8: DRS may empty it); the log keeps them. */
  emptyCompletedView?: boolean;
}

/** One gateway call: the gateway method's name and its arguments. */
export interface Call {
  method: string;
  args: unknown[];
  /** Fake-clock time of the call. */
  at: number;
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
const TERMINATE_MS = 20_000;
const ACCOUNT = '111122223333';
const BUSY = 'One or more of the Source Servers included in API call are currently being processed by a Job';

function notFound(what: string, id: string): FakeAwsError {
  return new FakeAwsError('ResourceNotFoundException', 404, `${what} ${id} not found`);
}

export class FakeDrs implements DrsGateway {
  readonly calls: Call[] = [];
  /** Jobs this fake runs (started through it or added with addJob). */
  readonly jobs = new Map<string, FakeJob>();
  /** Jobs DRS answers exactly as given (a test's fixed picture of other jobs); they never change. */
  cannedJobs: Job[] = [];
  readonly recoveryInstances = new Map<string, RecoveryInstance>();
  readonly terminated = new Set<string>();
  readonly scripts = new Map<string, ServerScript>();
  sourceServers: SourceServer[] = [];
  readonly launchConfigs = new Map<string, LaunchConfiguration>();
  readonly snapshots = new Map<string, RecoverySnapshot[]>();
  /** Each source server's DRS post-launch actions (PutLaunchAction / ListLaunchActions). */
  readonly launchActions = new Map<string, LaunchAction[]>();
  /** The EC2 side, set by `new FakeEc2(drs)`: DRS writes launch templates through it. */
  ec2?: FakeEc2;
  maxActiveJobsSeen = 0;
  maxActiveServersSeen = 0;
  /** Called with the method name on each call; tests use it to abort mid-run. */
  onCall?: (method: string) => void;
  /** Replaces what DRS itself does to the launch template when its settings change. */
  onUpdate?: (update: LaunchConfigurationUpdate, config: LaunchConfiguration) => void;
  /** EC2 id → the job and server that launch it (each LAUNCH job's servers, indexed once). */
  private readonly ec2Index = new Map<string, { jobId: string; serverId: string }>();
  private seq = 0;
  private startCalls = 0;
  private describeJobsCalls = 0;
  private seen = false;

  constructor(
    readonly clock: FakeClock = new FakeClock(),
    readonly faults: Faults = {},
  ) {}

  record(method: string, ...args: unknown[]): void {
    this.seen = true;
    this.calls.push({ method, args, at: this.clock.now() });
    this.onCall?.(method);
  }

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  /** AWS's clock as the `Date` header gives it: whole seconds, known after the first answer. */
  serverTime(): string | undefined {
    return this.seen ? new Date(Math.floor(this.clock.now() / 1000) * 1000).toISOString() : undefined;
  }

  script(id: string): ServerScript {
    return this.scripts.get(id) ?? {};
  }

  /** Recovery instances a test puts in place (earlier drills, a live failover…). */
  putRecoveryInstances(instances: RecoveryInstance[]): void {
    for (const ri of instances) this.recoveryInstances.set(ri.recoveryInstanceID ?? '', ri);
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
    if (job.type === 'TERMINATE') return job.createdMs + TERMINATE_MS;
    return Math.max(...job.serverIds.map((id) => this.timeline(job, id).endMs)) + 5000;
  }

  recoveryInstanceIdFor(jobId: string, serverId: string): string {
    return `i-${jobId.slice(-6)}${serverId.slice(-11)}`;
  }

  /** EC2 ids differ from recovery-instance ids here (as in the emulator), so code that mixes them up fails. */
  ec2InstanceIdFor(jobId: string, serverId: string): string {
    return `i-e${jobId.slice(-6)}${serverId.slice(-10)}`;
  }

  /** The recovery instance behind an EC2 id (launched by any job). */
  byEc2Id(ec2InstanceId: string): RecoveryInstance | undefined {
    const launch = this.ec2Index.get(ec2InstanceId);
    if (!launch) return undefined;
    const recoveryInstanceID = this.recoveryInstanceIdFor(launch.jobId, launch.serverId);
    return (
      this.recoveryInstances.get(recoveryInstanceID) ?? {
        recoveryInstanceID,
        ec2InstanceID: ec2InstanceId,
        jobID: launch.jobId,
        sourceServerID: launch.serverId,
      }
    );
  }

  private launchActionsStatus(
    serverId: string,
    launchedMs: number,
  ): Pick<ParticipatingServer, 'launchActionsStatus'> {
    const actions = this.script(serverId).launchActions;
    if (!actions) return {};
    const now = this.clock.now();
    return {
      launchActionsStatus: {
        runs: actions.map(
          (a, i): LaunchActionRun => ({
            runId: `run-${i}`,
            action: { actionId: `action-${i}`, name: a.name, optional: a.optional ?? false },
            status: now >= launchedMs + (a.seconds ?? 60) * 1000 ? a.result : 'IN_PROGRESS',
            ...(a.result === 'FAILED' && now >= launchedMs + (a.seconds ?? 60) * 1000
              ? { failureReason: a.failureReason ?? 'failed' }
              : {}),
          }),
        ),
      },
    };
  }

  /** The recovery instance a server launched by `job` becomes (created on first sight). */
  private launchedInstance(job: FakeJob, serverId: string): string {
    const recoveryInstanceID = this.recoveryInstanceIdFor(job.jobId, serverId);
    if (!this.recoveryInstances.has(recoveryInstanceID) && !this.terminated.has(recoveryInstanceID)) {
      this.recoveryInstances.set(recoveryInstanceID, {
        recoveryInstanceID,
        ec2InstanceID: this.ec2InstanceIdFor(job.jobId, serverId),
        ec2InstanceState: this.script(serverId).stopped ? 'STOPPED' : 'RUNNING',
        jobID: job.jobId,
        sourceServerID: serverId,
        isDrill: job.isDrill,
        pointInTimeSnapshotDateTime: drsTime(job.createdMs + JOB_PENDING_MS),
      });
    }
    return recoveryInstanceID;
  }

  private participating(job: FakeJob, status: string): ParticipatingServer[] {
    const now = this.clock.now();
    const shape = this.faults.recoveryInstanceIdInJob ?? 'until-completed';
    // Real DRS: a COMPLETED TERMINATE job may list no servers; a running LAUNCH job says PENDING.
    return job.serverIds.flatMap((id): ParticipatingServer[] => {
      if (job.type === 'TERMINATE')
        return status === 'COMPLETED' ? [] : [{ sourceServerID: id, launchStatus: 'PENDING' as const }];
      const t = this.timeline(job, id);
      if (now < t.endMs) return [{ sourceServerID: id, launchStatus: 'PENDING' as const }];
      if (t.launchedMs === undefined) return [{ sourceServerID: id, launchStatus: 'FAILED' as const }];
      const recoveryInstanceID = this.launchedInstance(job, id);
      const showId = shape === 'always' || (shape === 'until-completed' && status !== 'COMPLETED');
      return [
        {
          sourceServerID: id,
          launchStatus: 'LAUNCHED' as const,
          ...(showId ? { recoveryInstanceID } : {}),
          ...this.launchActionsStatus(id, t.launchedMs),
        },
      ];
    });
  }

  /** Materialise what the job looks like now; creates recovery instances as servers launch. */
  view(job: FakeJob): Job {
    const now = this.clock.now();
    const endMs = this.jobEndMs(job);
    const status = now - job.createdMs < JOB_PENDING_MS ? 'PENDING' : now >= endMs ? 'COMPLETED' : 'STARTED';
    if (job.type === 'TERMINATE' && status === 'COMPLETED') {
      for (const id of job.recoveryInstanceIds) this.recoveryInstances.delete(id);
    }
    const arn = `arn:aws:drs:us-east-1:${ACCOUNT}:job/${job.jobId}`;
    const initiatedBy =
      job.type === 'TERMINATE'
        ? 'TERMINATE_RECOVERY_INSTANCES'
        : job.isDrill
          ? 'START_DRILL'
          : 'START_RECOVERY';
    return {
      jobID: job.jobId,
      arn,
      type: job.type,
      initiatedBy,
      status,
      creationDateTime: drsTime(job.createdMs),
      ...(status === 'COMPLETED' ? { endDateTime: drsTime(endMs) } : {}),
      participatingServers:
        this.faults.emptyCompletedView && status === 'COMPLETED' ? [] : this.participating(job, status),
      // DRS adds its own resourceArn key to every job's tags (drs-facts §8).
      tags: { resourceArn: arn, ...job.tags },
    };
  }

  /** Jobs seen COMPLETED: the fake clock only moves forward, so they stay so (and are not recomputed). */
  private readonly completed = new Set<string>();

  private isActive(job: FakeJob): boolean {
    if (this.completed.has(job.jobId)) return false;
    if (this.clock.now() < this.jobEndMs(job)) return true;
    this.completed.add(job.jobId);
    return false;
  }

  private activeJobs(): { serverIds: string[] }[] {
    const ours = [...this.jobs.values()].filter((j) => this.isActive(j));
    const canned = this.cannedJobs
      .filter((j) => j.status !== 'COMPLETED')
      .map((j) => ({ serverIds: (j.participatingServers ?? []).map((p) => p.sourceServerID ?? '') }));
    return [...ours, ...canned];
  }

  private isBusy(serverId: string): boolean {
    return this.activeJobs().some((j) => j.serverIds.includes(serverId));
  }

  private newJobId(): string {
    this.seq += 1;
    return `drsjob-${String(this.seq).padStart(17, '0')}`;
  }

  /** Add a job created outside the run (e.g. by someone else, or earlier). */
  addJob(
    serverIds: string[],
    opts: { isDrill?: boolean; tags?: Record<string, string>; createdMs?: number } = {},
  ) {
    const job: FakeJob = {
      jobId: this.newJobId(),
      createdMs: opts.createdMs ?? this.clock.now(),
      type: 'LAUNCH',
      isDrill: opts.isDrill ?? true,
      serverIds,
      tags: opts.tags ?? {},
      recoveryInstanceIds: [],
    };
    this.jobs.set(job.jobId, job);
    for (const serverId of serverIds)
      this.ec2Index.set(this.ec2InstanceIdFor(job.jobId, serverId), { jobId: job.jobId, serverId });
    return job;
  }

  private refuseStart(ids: string[]): FakeAwsError | undefined {
    this.startCalls += 1;
    if (this.startCalls <= (this.faults.throttleFirstStarts ?? 0))
      return new FakeAwsError('ThrottlingException', 429, 'Rate exceeded', '3');
    if (this.startCalls <= (this.faults.conflictOnFirstStarts ?? 0))
      return new FakeAwsError('ConflictException', 409, BUSY);
    const active = this.activeJobs();
    const busy = new Set(active.flatMap((j) => j.serverIds));
    if (ids.some((id) => busy.has(id))) return new FakeAwsError('ConflictException', 409, BUSY);
    const activeServers = active.reduce((n, j) => n + j.serverIds.length, 0);
    if (active.length + 1 > 20 || activeServers + ids.length > 500 || ids.length > 100)
      return new FakeAwsError('ServiceQuotaExceededException', 402, 'Quota exceeded');
    this.maxActiveJobsSeen = Math.max(this.maxActiveJobsSeen, active.length + 1);
    this.maxActiveServersSeen = Math.max(this.maxActiveServersSeen, activeServers + ids.length);
    return undefined;
  }

  async startRecovery(request: StartRecoveryRequest): Promise<Job> {
    this.record('startRecovery', request);
    const ids = request.sourceServers.map((s) => s.sourceServerID);
    const refused = this.refuseStart(ids);
    if (refused) throw refused;
    const job = this.addJob(ids, { isDrill: request.isDrill, tags: request.tags });
    if (this.startCalls <= (this.faults.loseFirstStartAnswers ?? 0)) {
      throw new FakeAwsError('InternalServerException', 500, 'connection dropped after the job was created');
    }
    return this.view(job);
  }

  async describeJobs(jobIds: string[]): Promise<Job[]> {
    this.record('describeJobs', jobIds);
    this.describeJobsCalls += 1;
    if (this.describeJobsCalls <= (this.faults.throttleFirstDescribeJobs ?? 0)) {
      throw new FakeAwsError('ThrottlingException', 429, 'Rate exceeded', '7');
    }
    return jobIds.flatMap((id) => {
      const job = this.jobs.get(id);
      if (job) return [this.view(job)];
      return this.cannedJobs.filter((j) => j.jobID === id);
    });
  }

  async describeJobsSince(fromDate: string): Promise<Job[]> {
    this.record('describeJobsSince', fromDate);
    const from = Date.parse(fromDate);
    const canned = this.cannedJobs.filter(
      (j) => j.creationDateTime === undefined || Date.parse(j.creationDateTime) >= from,
    );
    return [
      ...[...this.jobs.values()].filter((j) => j.createdMs >= from).map((j) => this.view(j)),
      ...canned,
    ];
  }

  private logEvent(job: FakeJob, serverId: string, e: Timeline['events'][number]): JobLog {
    const data: Record<string, string> = { sourceServerID: serverId };
    if (e.event === 'LAUNCH_END') data.targetInstanceID = this.ec2InstanceIdFor(job.jobId, serverId);
    if (e.event === 'CONVERSION_END')
      data.conversionServerID = `i-c${job.jobId.slice(-6)}${serverId.slice(-10)}`;
    if (e.rawError) data.rawError = e.rawError;
    return { logDateTime: drsTime(e.atMs), event: e.event as JobLog['event'], eventData: data };
  }

  async describeJobLogItems(jobId: string): Promise<JobLog[]> {
    this.record('describeJobLogItems', jobId);
    const job = this.jobs.get(jobId);
    if (!job) return [];
    const now = this.clock.now();
    const items: JobLog[] = [{ logDateTime: drsTime(job.createdMs + 1000), event: 'JOB_START' }];
    if (job.type === 'LAUNCH') {
      const events = job.serverIds.flatMap((id) =>
        this.timeline(job, id).events.flatMap((e) => (e.atMs <= now ? [{ id, e }] : [])),
      );
      // DRS's log is in time order, servers interleaved (a stable sort keeps each server's own order).
      events.sort((x, y) => x.e.atMs - y.e.atMs);
      for (const { id, e } of events) items.push(this.logEvent(job, id, e));
    }
    if (this.view(job).status === 'COMPLETED')
      items.push({ logDateTime: drsTime(this.jobEndMs(job)), event: 'JOB_END' });
    return items;
  }

  async describeRecoveryInstances(filter: {
    recoveryInstanceIds?: string[];
    sourceServerIds?: string[];
  }): Promise<RecoveryInstance[]> {
    this.record('describeRecoveryInstances', filter);
    for (const job of this.jobs.values()) this.view(job);
    return [...this.recoveryInstances.values()].filter(
      (ri) =>
        (!filter.recoveryInstanceIds || filter.recoveryInstanceIds.includes(ri.recoveryInstanceID ?? '')) &&
        (!filter.sourceServerIds || filter.sourceServerIds.includes(ri.sourceServerID ?? '')),
    );
  }

  async terminateRecoveryInstances(recoveryInstanceIds: string[]): Promise<Job> {
    this.record('terminateRecoveryInstances', recoveryInstanceIds);
    if (recoveryInstanceIds.length > 200) throw new FakeAwsError('ValidationException', 400, 'too many ids');
    for (const job of this.jobs.values()) this.view(job);
    const unknown = recoveryInstanceIds.find((id) => !this.recoveryInstances.has(id));
    if (unknown !== undefined) throw notFound('Recovery instance', unknown);
    const job: FakeJob = {
      jobId: this.newJobId(),
      createdMs: this.clock.now(),
      type: 'TERMINATE',
      isDrill: true,
      serverIds: recoveryInstanceIds.map((id) => this.recoveryInstances.get(id)?.sourceServerID ?? ''),
      tags: {},
      recoveryInstanceIds,
    };
    for (const id of recoveryInstanceIds) this.terminated.add(id);
    this.jobs.set(job.jobId, job);
    return this.view(job);
  }

  async tagResource(resourceArn: string, tags: Record<string, string>): Promise<void> {
    this.record('tagResource', resourceArn, tags);
    const job = this.jobs.get(resourceArn.replace(/^.*:job\//, ''));
    if (!job) throw notFound('Resource', resourceArn);
    Object.assign(job.tags, tags);
  }

  async listLaunchActions(sourceServerId: string): Promise<LaunchAction[]> {
    this.record('listLaunchActions', sourceServerId);
    return [...(this.launchActions.get(sourceServerId) ?? [])];
  }

  async putLaunchAction(sourceServerId: string, a: LaunchActionPut): Promise<void> {
    this.record('putLaunchAction', sourceServerId, a);
    const list = (this.launchActions.get(sourceServerId) ?? []).filter((x) => x.actionId !== a.actionId);
    const parameters = Object.fromEntries(
      Object.entries(a.parameters).map(([k, value]) => [k, { value, type: 'DYNAMIC' as const }]),
    );
    list.push({ ...a, active: true, actionVersion: '$DEFAULT', type: 'SSM_COMMAND', parameters });
    this.launchActions.set(sourceServerId, list);
  }

  async deleteLaunchAction(sourceServerId: string, actionId: string): Promise<void> {
    this.record('deleteLaunchAction', sourceServerId, actionId);
    const list = this.launchActions.get(sourceServerId) ?? [];
    this.launchActions.set(
      sourceServerId,
      list.filter((x) => x.actionId !== actionId),
    );
  }

  async describeAllSourceServers(): Promise<SourceServer[]> {
    this.record('describeAllSourceServers');
    return this.sourceServers;
  }

  async describeRecoverySnapshots(sourceServerId: string): Promise<RecoverySnapshot[]> {
    this.record('describeRecoverySnapshots', sourceServerId);
    return this.snapshots.get(sourceServerId) ?? [];
  }

  async getLaunchConfiguration(sourceServerId: string): Promise<LaunchConfiguration> {
    this.record('getLaunchConfiguration', sourceServerId);
    const config = this.launchConfigs.get(sourceServerId);
    if (!config) throw notFound('Source server', sourceServerId);
    return config;
  }

  async updateLaunchConfiguration(update: LaunchConfigurationUpdate): Promise<LaunchConfiguration> {
    this.record('updateLaunchConfiguration', update);
    const current = this.launchConfigs.get(update.sourceServerID);
    if (!current) throw notFound('Source server', update.sourceServerID);
    if (this.isBusy(update.sourceServerID)) throw new FakeAwsError('ConflictException', 409, BUSY);
    const config = { ...current, ...update };
    this.launchConfigs.set(update.sourceServerID, config);
    if (this.onUpdate) this.onUpdate(update, config);
    else if (!this.faults.launchConfigurationKeepsTemplate) this.writeTemplate(config);
    return config;
  }

  /**
   * What DRS is documented to do with right-sizing and copy-private-IP (as the emulator does): a new
   * default template version from the current default, only when it changes something.
   */
  private writeTemplate(config: LaunchConfiguration): void {
    const lt = config.ec2LaunchTemplateID;
    const current = lt ? this.ec2?.templates.get(lt) : undefined;
    if (!this.ec2 || !lt || !current) return;
    const source = this.sourceServers.find((s) => s.sourceServerID === config.sourceServerID);
    const data = structuredClone(current.LaunchTemplateData ?? {});
    const recommended = source?.sourceProperties?.recommendedInstanceType;
    if (config.targetInstanceTypeRightSizingMethod === 'BASIC' && recommended)
      data.InstanceType = recommended as typeof data.InstanceType;
    const [primary = { DeviceIndex: 0 }, ...rest] = data.NetworkInterfaces ?? [];
    const ip = source?.sourceProperties?.networkInterfaces?.[0]?.ips?.[0];
    if (config.copyPrivateIp && ip) primary.PrivateIpAddress = ip;
    if (config.copyPrivateIp === false) delete primary.PrivateIpAddress;
    if (primary.PrivateIpAddress !== undefined || data.NetworkInterfaces)
      data.NetworkInterfaces = [primary, ...rest];
    if (JSON.stringify(data) === JSON.stringify(current.LaunchTemplateData ?? {})) return;
    this.ec2.putVersion(lt, { ...current, LaunchTemplateData: data });
  }
}

/** A new default version made from `source` with `change` applied, as EC2 would store it. */
export function applyTemplateChange(
  source: LaunchTemplateVersion,
  change: LaunchTemplateChange,
  version: number,
): LaunchTemplateVersion {
  const data = structuredClone(source.LaunchTemplateData ?? {});
  if (change.instanceType) data.InstanceType = change.instanceType as typeof data.InstanceType;
  if (change.instanceProfile) data.IamInstanceProfile = { Name: change.instanceProfile };
  if (change.subnetId || change.securityGroupIds || change.clearPrivateIp) {
    const [primary = { DeviceIndex: 0 }, ...rest] = data.NetworkInterfaces ?? [];
    if (change.subnetId) primary.SubnetId = change.subnetId;
    if (change.securityGroupIds) primary.Groups = change.securityGroupIds;
    if (change.clearPrivateIp) {
      delete primary.PrivateIpAddress;
      delete primary.PrivateIpAddresses;
    }
    data.NetworkInterfaces = [primary, ...rest];
  }
  if (change.instanceTags) {
    const tags = change.instanceTags;
    const others = (data.TagSpecifications ?? []).filter((s) => s.ResourceType !== 'instance');
    const instance = (data.TagSpecifications ?? []).find((s) => s.ResourceType === 'instance');
    const kept = (instance?.Tags ?? []).filter((x) => !((x.Key ?? '') in tags));
    const added = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
    data.TagSpecifications = [...others, { ResourceType: 'instance', Tags: [...kept, ...added] }];
  }
  return { ...source, VersionNumber: version, LaunchTemplateData: data };
}

function ec2NotFound(code: string, message: string): FakeAwsError {
  return new FakeAwsError(code, 400, message);
}

/**
 * EC2 as DRS's launched instances look (running or stopped, status checks per script), plus launch
 * templates, subnets and security groups. `new FakeEc2(drs)` links the two so that instances and
 * DRS's own template writes are shared; `new FakeEc2()` makes its own FakeDrs.
 */
export class FakeEc2 implements Ec2Gateway {
  readonly calls: Call[] = [];
  readonly tags = new Map<string, Record<string, string>>();
  /** Each launch template's default version. */
  readonly templates = new Map<string, LaunchTemplateVersion>();
  subnets: Subnet[] = [];
  securityGroups: SecurityGroup[] = [];
  /** Version numbers handed out by updateLaunchTemplate, keyed by client token (EC2's idempotency). */
  readonly tokens = new Map<string, number>();
  /** The highest version number of each template (versions are numbered per template, as in EC2). */
  private readonly latest = new Map<string, number>();

  constructor(readonly drs: FakeDrs = new FakeDrs()) {
    drs.ec2 = this;
  }

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args, at: this.drs.clock.now() });
  }

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  serverTime(): string | undefined {
    return this.drs.serverTime();
  }

  /** A template as it stands before the test: its default version and how many versions it has. */
  seedTemplate(version: LaunchTemplateVersion, latestVersion = version.VersionNumber ?? 1): void {
    const id = version.LaunchTemplateId ?? '';
    this.setDefault(id, version);
    this.latest.set(id, Math.max(latestVersion, this.latest.get(id) ?? 0));
  }

  /** Every version ever made default here, by template and number (DescribeLaunchTemplateVersions by number). */
  readonly versions = new Map<string, Map<number, LaunchTemplateVersion>>();

  /** Makes `version` the template's default (as a test or DRS would), keeping it readable by number. */
  setDefault(id: string, version: LaunchTemplateVersion): void {
    const all = this.versions.get(id) ?? new Map<number, LaunchTemplateVersion>();
    for (const v of [this.templates.get(id), version])
      if (v?.VersionNumber !== undefined) all.set(v.VersionNumber, v);
    this.versions.set(id, all);
    this.templates.set(id, version);
    if (version.VersionNumber !== undefined)
      this.latest.set(id, Math.max(this.latest.get(id) ?? 0, version.VersionNumber));
  }

  /** Stores `version` as the template's next version and makes it the default; returns its number. */
  putVersion(launchTemplateId: string, version: LaunchTemplateVersion): number {
    const current = this.templates.get(launchTemplateId)?.VersionNumber ?? 0;
    const next = Math.max(this.latest.get(launchTemplateId) ?? 0, current) + 1;
    this.setDefault(launchTemplateId, { ...version, VersionNumber: next, DefaultVersion: true });
    return next;
  }

  async describeLaunchTemplateVersion(
    id: string,
    version: number,
  ): Promise<LaunchTemplateVersion | undefined> {
    this.record('describeLaunchTemplateVersion', id, version);
    const current = this.templates.get(id);
    if (current?.VersionNumber === version) return current;
    return this.versions.get(id)?.get(version);
  }

  async restoreLaunchTemplateVersion(
    id: string,
    data: NonNullable<LaunchTemplateVersion['LaunchTemplateData']>,
    opts: { sourceVersion?: number; clientToken: string },
  ): Promise<number> {
    this.record('restoreLaunchTemplateVersion', id, data, opts);
    const known = this.tokens.get(opts.clientToken);
    if (known !== undefined) return known;
    const source = this.templates.get(id);
    const version = this.putVersion(id, {
      ...source,
      LaunchTemplateId: id,
      LaunchTemplateData: structuredClone(data),
    });
    this.tokens.set(opts.clientToken, version);
    return version;
  }

  private launch(id: string): { launchedMs: number; script: ServerScript } | undefined {
    const ri = this.drs.byEc2Id(id);
    const job = ri?.jobID ? this.drs.jobs.get(ri.jobID) : undefined;
    if (!ri || !job || !ri.sourceServerID) return undefined;
    const launchedMs = this.drs.timeline(job, ri.sourceServerID).launchedMs;
    return launchedMs === undefined ? undefined : { launchedMs, script: this.drs.script(ri.sourceServerID) };
  }

  private stateOf(id: string, script: ServerScript): string {
    const ri = this.drs.byEc2Id(id)?.recoveryInstanceID ?? '';
    return this.drs.terminated.has(ri) ? 'terminated' : script.stopped ? 'stopped' : 'running';
  }

  async describeInstances(instanceIds: string[]): Promise<Instance[]> {
    this.record('describeInstances', instanceIds);
    return instanceIds.flatMap((id) => {
      const l = this.launch(id);
      if (!l) return [];
      return [
        {
          InstanceId: id,
          LaunchTime: new Date(l.launchedMs),
          State: { Name: this.stateOf(id, l.script) },
          InstanceType: 'm6i.large',
          SubnetId: 'subnet-0a1b2c3d4e5f60001',
          PrivateIpAddress: '10.0.1.50',
          ...(this.tags.has(id)
            ? { Tags: Object.entries(this.tags.get(id) ?? {}).map(([Key, Value]) => ({ Key, Value })) }
            : {}),
        } as Instance,
      ];
    });
  }

  async describeInstanceStatus(instanceIds: string[]): Promise<InstanceStatus[]> {
    this.record('describeInstanceStatus', instanceIds);
    const now = this.drs.clock.now();
    return instanceIds.flatMap((id) => {
      const l = this.launch(id);
      if (!l) return [];
      const ok = !l.script.neverHealthy && now >= l.launchedMs + (l.script.healthySeconds ?? 60) * 1000;
      const check = { Status: ok ? 'ok' : 'initializing' } as InstanceStatus['InstanceStatus'];
      return [
        {
          InstanceId: id,
          InstanceState: { Name: this.stateOf(id, l.script) },
          InstanceStatus: check,
          SystemStatus: check,
        } as InstanceStatus,
      ];
    });
  }

  async createTags(resourceIds: string[], tags: Record<string, string>): Promise<void> {
    this.record('createTags', resourceIds, tags);
    for (const id of resourceIds) this.tags.set(id, { ...this.tags.get(id), ...tags });
  }

  async describeDefaultLaunchTemplateVersion(id: string): Promise<LaunchTemplateVersion> {
    this.record('describeDefaultLaunchTemplateVersion', id);
    const version = this.templates.get(id);
    if (!version)
      throw ec2NotFound(
        'InvalidLaunchTemplateId.NotFound',
        `The specified launch template, with template ID ${id}, does not exist.`,
      );
    return version;
  }

  /** EC2's account-wide `$Default` listing, in pages of 200 (templates in the order they were made). */
  async describeDefaultVersionsOf(
    ids: string[],
    maxPages: number,
  ): Promise<Map<string, LaunchTemplateVersion>> {
    const wanted = new Set(ids);
    const found = new Map<string, LaunchTemplateVersion>();
    const all = [...this.templates.values()];
    if (wanted.size === 0) return found;
    for (let page = 0; page < maxPages; page++) {
      this.record('describeDefaultVersionsOf', page);
      for (const v of all.slice(page * 200, page * 200 + 200)) {
        if (v.LaunchTemplateId && wanted.has(v.LaunchTemplateId)) found.set(v.LaunchTemplateId, v);
      }
      if (found.size === wanted.size || (page + 1) * 200 >= all.length) break;
    }
    return found;
  }

  async updateLaunchTemplate(
    id: string,
    sourceVersion: number,
    change: LaunchTemplateChange,
    token: string,
  ): Promise<number> {
    this.record('updateLaunchTemplate', id, sourceVersion, change, token);
    const known = this.tokens.get(token);
    if (known !== undefined) return known;
    const source = this.templates.get(id);
    if (!source)
      throw ec2NotFound(
        'InvalidLaunchTemplateId.NotFound',
        `The specified launch template, with template ID ${id}, does not exist.`,
      );
    const version = this.putVersion(id, applyTemplateChange(source, change, 0));
    this.tokens.set(token, version);
    return version;
  }

  /** Like EC2: one unknown id fails the whole call. */
  async describeSubnets(ids: string[]): Promise<Subnet[]> {
    this.record('describeSubnets', ids);
    const missing = ids.filter((id) => !this.subnets.some((s) => s.SubnetId === id));
    if (missing.length > 0)
      throw ec2NotFound('InvalidSubnetID.NotFound', `The subnet ID '${missing.join(', ')}' does not exist`);
    return this.subnets.filter((s) => ids.includes(s.SubnetId ?? ''));
  }

  async describeSecurityGroups(ids: string[]): Promise<SecurityGroup[]> {
    this.record('describeSecurityGroups', ids);
    const missing = ids.filter((id) => !this.securityGroups.some((g) => g.GroupId === id));
    if (missing.length > 0)
      throw ec2NotFound('InvalidGroup.NotFound', `The security group '${missing.join(', ')}' does not exist`);
    return this.securityGroups.filter((g) => ids.includes(g.GroupId ?? ''));
  }
}

/** Gateway methods that change something in AWS. */
export const WRITES = [
  'updateLaunchConfiguration',
  'startRecovery',
  'terminateRecoveryInstances',
  'tagResource',
  'createTags',
  'updateLaunchTemplate',
  'restoreLaunchTemplateVersion',
  'putLaunchAction',
  'deleteLaunchAction',
];

export function writesOf(...fakes: { calls: Call[] }[]): Call[] {
  return fakes.flatMap((f) => f.calls.filter((c) => WRITES.includes(c.method)));
}

/** A linked DRS + EC2 on one fake clock. */
export function fakeAws(opts: { clock?: FakeClock; faults?: Faults } = {}): {
  clock: FakeClock;
  drs: FakeDrs;
  ec2: FakeEc2;
} {
  const clock = opts.clock ?? new FakeClock();
  const drs = new FakeDrs(clock, opts.faults ?? {});
  return { clock, drs, ec2: new FakeEc2(drs) };
}
