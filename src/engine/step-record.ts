/**
 * What a step of an execution over several steps leaves in AWS for the next one, and how the next one
 * reads it back. The next step may run on another runner in another workspace, so nothing is kept in
 * files: the verdict and end of each wave go onto its DRS jobs (TagResource), each healthy instance's
 * health time onto the EC2 instance (CreateTags, the action's own tag keys only), and everything else
 * (servers, instances, job logs, launch times) is read again from DRS and EC2 the way a poll reads it.
 */
import type { DrsGateway, Ec2Gateway, Instance, Job } from '../aws/gateways.js';
import { earliestInstant, toUtcIso } from '../core/durations.js';
import type { Report, ServerReport, WaveReport } from '../core/report.js';
import { cutTagValue, TAG } from '../core/tags.js';
import { errorMessage } from '../errors.js';
import type { WaveCheck } from '../plan/types.js';
import { newPollState, type PollState, pollTick } from './poller.js';
import { initWaves, instanceTagsOf } from './run-state.js';
import type { WaveOnRecord } from './steps.js';
import type { Clock, ExecutionPlan, RunContext } from './types.js';
import { refreshServers } from './wave-progress.js';

export interface StepDeps {
  drs: DrsGateway;
  ec2: Ec2Gateway;
  clock: Clock;
}

const UNDECIDED = new Set(['pending', 'running']);

/**
 * Writes this step's outcome where the next step finds it: every decided wave's status and end on its
 * DRS jobs, every healthy server's health time on its EC2 instance. Returns warnings, never throws: a
 * wave whose record could not be written reads as unfinished, and its dependants are refused.
 */
export async function recordStep(deps: StepDeps, report: Report, step: string): Promise<string[]> {
  const waves = report.waves.filter((w) => w.step === step && !UNDECIDED.has(w.status));
  const warnings: string[] = [];
  const jobIds = waves.flatMap((w) => w.jobs.map((j) => j.jobId));
  if (jobIds.length === 0) return warnings;
  try {
    const arns = new Map((await deps.drs.describeJobs(jobIds)).map((j) => [j.jobID, j.arn]));
    for (const wave of waves) {
      const tags = {
        [TAG.waveStatus]: wave.status,
        ...(wave.endedAt ? { [TAG.waveEndedAt]: wave.endedAt } : {}),
        ...checkTags(wave),
      };
      for (const job of wave.jobs) {
        const arn = arns.get(job.jobId);
        if (!arn) throw new Error(`DRS did not give the ARN of job ${job.jobId}`);
        await deps.drs.tagResource(arn, tags);
      }
    }
  } catch (e) {
    warnings.push(
      `Could not record this step's wave outcomes on its DRS jobs (drs:TagResource): ${errorMessage(e)}. A later step will refuse the waves that depend on them.`,
    );
  }
  const byTime = new Map<string, string[]>();
  for (const s of waves.flatMap((w) => w.servers)) {
    if (s.healthyAt && s.ec2InstanceId)
      byTime.set(s.healthyAt, [...(byTime.get(s.healthyAt) ?? []), s.ec2InstanceId]);
  }
  try {
    for (const [at, ids] of byTime) await deps.ec2.createTags(ids, { [TAG.healthyAt]: at });
  } catch (e) {
    warnings.push(
      `Could not record health times on the recovery instances (ec2:CreateTags): ${errorMessage(e)}. A later step reports those servers without them.`,
    );
  }
  return warnings;
}

/** The wave's check verdicts as tags (names are letters, digits, spaces, `.`, `_`, `-`: never `=` or `/`). */
function checkTags(wave: WaveReport): Record<string, string> {
  const checks = wave.checks ?? [];
  if (checks.length === 0) return {};
  return {
    [TAG.waveChecks]: cutTagValue(checks.map((c) => `${c.name}=${c.status}`).join('/')),
    ...(wave.checksPassedAt ? { [TAG.checksPassedAt]: wave.checksPassedAt } : {}),
  };
}

/** An earlier step's check verdicts onto the rebuilt wave: per-instance output stays in that step's report. */
function applyRecordedChecks(wave: WaveReport, planned: readonly WaveCheck[], record: WaveOnRecord): void {
  if (!record.checks) return;
  wave.checks = record.checks.map((c) => {
    const check = planned.find((p) => p.name === c.name);
    return {
      name: c.name,
      document: check?.document ?? 'unknown',
      on: check?.on ?? 'every',
      status: c.status,
      instances: [],
    };
  });
  if (record.checksPassedAt) wave.checksPassedAt = record.checksPassedAt;
}

function tagOf(instance: Instance | undefined, key: string): string | undefined {
  return instance?.Tags?.find((t) => t.Key === key)?.Value;
}

/** The health an earlier step recorded: its time when it passed; else not healthy when it was decided. */
function applyRecordedHealth(
  server: ServerReport,
  instance: Instance | undefined,
  record: WaveOnRecord,
): void {
  const at = tagOf(instance, TAG.healthyAt);
  const boot = server.phases.find((p) => p.name === 'boot');
  if (at) {
    server.healthyAt = at;
    server.health = 'passed';
    if (boot) boot.endedAt = at;
    return;
  }
  // What this step sees now is not what the earlier step decided on: no time is made up.
  delete server.healthyAt;
  if (boot) delete boot.endedAt;
  if (server.health === 'passed' || server.health === 'pending') {
    server.health = server.launchStatus === 'LAUNCHED' ? 'failed' : 'skipped';
    if (server.launchStatus === 'LAUNCHED')
      server.errors.push({
        event: 'HEALTH_CHECK',
        message: `not recorded healthy when ${record.step ? `step "${record.step}"` : 'its step'} decided the wave`,
      });
  }
}

/**
 * The report entries of waves an earlier step decided, rebuilt from DRS and EC2: one poll over their
 * jobs (job views, logs, recovery instances, EC2 instances), the verdicts and times their step recorded.
 */
export async function rebuildEarlierWaves(
  deps: StepDeps,
  executionPlan: ExecutionPlan,
  records: readonly WaveOnRecord[],
  context: RunContext,
): Promise<{ waves: Map<string, WaveReport>; warnings: string[] }> {
  const names = new Set(records.map((r) => r.name));
  const plan = { ...executionPlan, waves: executionPlan.waves.filter((w) => names.has(w.wave.name)) };
  const scratch = { waves: [] } as unknown as Report;
  const runs = initWaves(plan, scratch);
  const poll = newPollState();
  await trackEarlierJobs(deps, runs, records, poll);
  const tick = await pollTick(deps, poll, {
    awaitingHealth: [],
    awaitingStatusChecks: [],
    instanceTags: instanceTagsOf(context, executionPlan.plan.name),
  });
  const now = deps.drs.serverTime() ?? new Date(deps.clock.now()).toISOString();
  const waves = new Map<string, WaveReport>();
  for (const run of runs) {
    const record = records.find((r) => r.name === run.report.name);
    if (!record?.status) continue;
    refreshServers(run, poll, now, () => {});
    for (const server of run.report.servers) {
      const instance = server.ec2InstanceId ? poll.instances.get(server.ec2InstanceId) : undefined;
      applyRecordedHealth(server, instance, record);
    }
    run.report.status = record.status;
    const startedAt = earliestInstant(run.report.jobs.map((j) => j.createdAt));
    if (startedAt) run.report.startedAt = startedAt;
    if (record.endedAt) run.report.endedAt = record.endedAt;
    if (record.step) run.report.step = record.step;
    applyRecordedChecks(run.report, run.resolved.wave.checks, record);
    waves.set(run.report.name, run.report);
  }
  return { waves, warnings: tick.warnings };
}

/** The source servers of a job: its view's, else its log's (DRS may empty a completed job's view). */
async function serversOfJob(deps: StepDeps, job: Job): Promise<string[]> {
  const ids = (job.participatingServers ?? []).flatMap((p) => (p.sourceServerID ? [p.sourceServerID] : []));
  if (ids.length > 0 || !job.jobID) return ids;
  const items = await deps.drs.describeJobLogItems(job.jobID);
  return [
    ...new Set(items.flatMap((i) => (i.eventData?.sourceServerID ? [i.eventData.sourceServerID] : []))),
  ];
}

/** Each earlier job as the run loop tracks one: a chunk of its wave, a job entry, a job to poll. */
async function trackEarlierJobs(
  deps: StepDeps,
  runs: ReturnType<typeof initWaves>,
  records: readonly WaveOnRecord[],
  poll: PollState,
): Promise<void> {
  for (const run of runs) {
    const record = records.find((r) => r.name === run.report.name);
    for (const job of record?.jobs ?? []) {
      const ids = await serversOfJob(deps, job);
      const jobId = job.jobID ?? '';
      poll.jobs.set(jobId, {
        jobId,
        waveName: run.report.name,
        sourceServerIds: ids,
        logs: [],
        final: false,
      });
      run.chunks.push({
        spec: { ...chunkSpecOf(run, ids), chunkIndex: run.chunks.length },
        start: { attempts: 0, nextAttemptAtMs: 0 },
        admitted: true,
        jobId,
      });
      run.report.jobs.push({
        jobId,
        status: job.status ?? 'PENDING',
        ...(toUtcIso(job.creationDateTime) ? { createdAt: toUtcIso(job.creationDateTime) as string } : {}),
        sourceServerIds: ids,
      });
    }
  }
}

function chunkSpecOf(run: ReturnType<typeof initWaves>[number], ids: readonly string[]) {
  return {
    planName: '',
    waveName: run.report.name,
    waveIndex: run.resolved.wave.index,
    chunkIndex: 0,
    chunkCount: 1,
    servers: run.resolved.servers.filter((s) => ids.includes(s.sourceServerId)),
  };
}
