/**
 * The drill/recovery run loop: start waves as their dependencies allow, start their chunks within
 * DRS's quotas, poll, decide each wave, and write everything into the report as it happens.
 * Every timestamp written is AWS's (job creation, log items, EC2 LaunchTime, the `Date` header);
 * durations are computed elsewhere (src/core/durations.ts).
 */
import type { DrsGateway, Ec2Gateway, Job, SsmGateway } from '../aws/gateways.js';
import { unlessAborted } from '../aws/retry.js';
import { toUtcIso } from '../core/durations.js';
import type { Report } from '../core/report.js';
import { awsNow, newPollState, nextPollIntervalMs, pollTick } from './poller.js';
import { chunkKey } from './resume.js';
import type { RunInput } from './run-input.js';
import {
  activeJobLines,
  type ChunkRun,
  chunkRunsOf,
  DONE,
  finalStatusOf,
  HOW,
  initWaves,
  instanceTagsOf,
  isEarlier,
  ourCapacity,
  skipEmptyWave,
  type WaveRun,
  waveServerLines,
} from './run-state.js';
import { canAdmit, planNextWaves, type WaveRunState } from './scheduler.js';
import { attemptStart, buildStartRequest, chunkTagValue } from './start.js';
import type { Clock, EngineLog } from './types.js';
import { advanceChecks, judgeRunningWave } from './wave-checks-step.js';
import { applyGates, gatePending, wakeOnGates } from './wave-gate.js';
import { refreshServers } from './wave-progress.js';

export interface RunDeps {
  drs: DrsGateway;
  ec2: Ec2Gateway;
  ssm?: SsmGateway; // wave checks (SSM Run Command): only a plan with checks needs it
  clock: Clock;
  log: EngineLog;
  /** Jitter source for backoff; injectable for tests. */
  random?: () => number;
}

export type { JobStartedInfo, RunInput, WaveGate, WaveGateState } from './run-input.js';

class Runner {
  readonly poll = newPollState();
  readonly waves: WaveRun[];
  private intervalMs: number | undefined;
  /** Waves decided since the last flush: each gets one console group with its servers. */
  private decided: WaveRun[] = [];
  /** Cancelled or out of time: stopAll already listed the jobs left running. */
  stopped = false;
  /** Gates of waves due to start whose own preflight is still running (pipelined runs). */
  private gateWaits: Promise<void>[] = [];

  constructor(
    readonly deps: RunDeps,
    readonly input: RunInput,
  ) {
    this.waves = initWaves(input.executionPlan, input.report, input.settled);
  }

  now(): string {
    return awsNow(this.deps);
  }

  warn(line: string): void {
    this.input.report.warnings.push(line);
    this.deps.log.warning(line);
  }

  decide(wave: WaveRun, status: WaveRunState['status'], error?: string): void {
    wave.state = { status, decidedAtMs: this.deps.clock.now() };
    wave.report.status = status;
    wave.report.endedAt = this.now();
    if (error) {
      wave.report.error = error;
      this.input.report.errors.push(
        status === 'failed' ? `Wave "${wave.report.name}" failed: ${error}` : error,
      );
    }
    if (status === 'skipped') for (const s of wave.report.servers) s.health = 'skipped';
    this.decided.push(wave);
    const line = `Wave "${wave.report.name}": ${status}${error ? ` (${error})` : ''}`;
    if (status === 'succeeded') this.deps.log.info(line);
    else if (status === 'skipped') this.deps.log.warning(line);
    else this.deps.log.error(line);
  }

  async flushGroups(): Promise<void> {
    const waves = this.decided;
    this.decided = [];
    for (const wave of waves) {
      await this.deps.log.group(`Wave "${wave.report.name}": ${wave.report.status}`, async () => {
        for (const line of waveServerLines(wave.report)) this.deps.log.info(line);
      });
    }
  }

  schedule(): number | undefined {
    const { executionPlan } = this.input;
    applyGates(this.waves, this.input.gate, this.input.report, (w, status, why) =>
      this.decide(w, status, why),
    );
    this.gateWaits = [];
    const states = new Map(this.waves.map((w) => [w.report.name, w.state]));
    const decision = planNextWaves(
      this.waves.map((w) => w.resolved.wave),
      states,
      { nowMs: this.deps.clock.now(), onFailure: executionPlan.plan.onFailure },
    );
    for (const skip of decision.skip) {
      const wave = this.waves.find((w) => w.report.name === skip.wave);
      if (wave) this.decide(wave, 'skipped', skip.reason);
    }
    let emptied = false;
    for (const name of decision.start) {
      const wave = this.waves.find((w) => w.report.name === name);
      if (!wave || gatePending(wave, this.input.gate, this.gateWaits)) continue;
      if (wave.resolved.servers.length === 0) {
        this.warn(skipEmptyWave(wave, this.deps.clock.now(), this.now()));
        emptied = true;
        continue;
      }
      wave.state = { status: 'running' };
      wave.report.status = 'running';
      wave.startedAtMs = this.deps.clock.now();
      wave.chunks = chunkRunsOf(executionPlan.plan.name, wave.resolved);
      this.deps.log.info(
        `Wave "${name}": starting ${wave.resolved.servers.length} server(s) in ${wave.chunks.length} job(s)`,
      );
      for (const chunk of wave.chunks) {
        const key = chunkKey(name, chunkTagValue(chunk.spec.chunkIndex, chunk.spec.chunkCount));
        const prior = this.input.priorJobs?.get(key);
        if (!prior) continue;
        chunk.admitted = true;
        this.registerJob(wave, chunk, prior, 'resumed');
      }
    }
    // An empty wave releases its dependants at once.
    return emptied ? this.schedule() : decision.wakeAtMs;
  }

  registerJob(wave: WaveRun, chunk: ChunkRun, job: Job, how: 'started' | 'adopted' | 'resumed'): void {
    const jobId = job.jobID ?? '';
    const sourceServerIds = chunk.spec.servers.map((s) => s.sourceServerId);
    chunk.jobId = jobId;
    this.poll.jobs.set(jobId, {
      jobId,
      waveName: wave.report.name,
      sourceServerIds,
      job,
      logs: [],
      final: false,
    });
    const createdAt = toUtcIso(job.creationDateTime) ?? this.now();
    wave.report.jobs.push({ jobId, status: job.status ?? 'PENDING', createdAt, sourceServerIds });
    for (const s of wave.report.servers) if (sourceServerIds.includes(s.sourceServerId)) s.jobId = jobId;
    if (isEarlier(createdAt, wave.report.startedAt)) wave.report.startedAt = createdAt;
    const measured = this.input.report.measured;
    if (isEarlier(createdAt, measured.firstStartRecoveryAt)) measured.firstStartRecoveryAt = createdAt;
    this.deps.log.info(
      `Wave "${wave.report.name}": ${HOW[how]} ` + `${jobId} for ${sourceServerIds.length} server(s)`,
    );
    try {
      this.input.onJobStarted?.({ jobId, wave: wave.report.name, sourceServerIds });
    } catch (e) {
      this.deps.log.warning(`Could not record job ${jobId} for the post step: ${String(e)}`);
    }
  }

  /** Admit chunks within the quotas and make every attempt that is due. Returns the next due time. */
  async startChunks(): Promise<number | undefined> {
    let nextDue: number | undefined;
    const others = this.input.activeJobs ?? { jobs: 0, servers: 0 };
    for (const wave of this.waves) {
      if (wave.state.status !== 'running') continue;
      for (const chunk of wave.chunks) {
        if (chunk.jobId || chunk.failure) continue;
        if (this.input.signal?.aborted) return nextDue;
        if (!chunk.admitted) {
          if (!canAdmit(ourCapacity(this.waves, this.poll), others, chunk.spec.servers.length)) continue;
          chunk.admitted = true;
        }
        if (chunk.start.nextAttemptAtMs > this.deps.clock.now()) {
          nextDue = Math.min(nextDue ?? chunk.start.nextAttemptAtMs, chunk.start.nextAttemptAtMs);
          continue;
        }
        chunk.request ??= buildStartRequest(this.input.context, chunk.spec, this.now());
        const result = await attemptStart(this.deps, chunk.request, chunk.start);
        if (result.kind === 'started')
          this.registerJob(wave, chunk, result.job, result.adopted ? 'adopted' : 'started');
        else if (result.kind === 'failed') {
          chunk.failure = result.message;
          this.deps.log.error(`Wave "${wave.report.name}": ${result.message}`);
        } else {
          chunk.start.nextAttemptAtMs = this.deps.clock.now() + result.delayMs;
          nextDue = Math.min(nextDue ?? chunk.start.nextAttemptAtMs, chunk.start.nextAttemptAtMs);
          if (chunk.lastWait !== result.reason)
            this.deps.log.info(`Wave "${wave.report.name}": ${result.reason}`);
          chunk.lastWait = result.reason;
        }
      }
    }
    return nextDue;
  }

  async tick(): Promise<boolean> {
    const running = this.waves.filter((w) => w.state.status === 'running');
    const awaitingHealth = running.flatMap((w) => w.tracking.awaitingHealth ?? []);
    const awaitingStatusChecks = running.flatMap((w) => w.tracking.awaitingStatusChecks ?? []);
    const awaitingInstance = running.some((w) => (w.tracking.awaitingInstance ?? []).length > 0);
    const hasActive = [...this.poll.jobs.values()].some((j) => !j.final);
    if (!hasActive && awaitingHealth.length === 0 && !awaitingInstance) return false;
    const result = await pollTick(this.deps, this.poll, {
      awaitingHealth,
      awaitingStatusChecks,
      instanceTags: instanceTagsOf(this.input.context, this.input.executionPlan.plan.name),
    });
    for (const w of result.warnings) this.deps.log.warning(w);
    for (const d of result.debug) this.deps.log.debug(d);
    const nearTransition =
      awaitingHealth.length > 0 ||
      awaitingInstance ||
      [...this.poll.jobs.values()].some((j) => j.job?.status === 'PENDING');
    this.intervalMs = nextPollIntervalMs({
      ...(this.intervalMs !== undefined ? { previousMs: this.intervalMs } : {}),
      boundMs: this.input.pollIntervalSeconds * 1000,
      moved: result.moved,
      nearTransition,
      ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {}),
    });
    return true;
  }

  /** A tick (reads only) not waited for past the deadline: hung AWS calls can't hold the run past timeout-minutes. */
  async tickUntil(deadline: number): Promise<boolean> {
    const { clock } = this.deps;
    return unlessAborted(this.tick(), clock.signalAfter?.(deadline - clock.now()), () => true);
  }

  /** Servers updated from the poll; waves that settled or timed out decided (dependants may start). */
  evaluate(): { nextTimeout: number | undefined; decided: boolean } {
    let nextTimeout: number | undefined;
    let decided = false;
    for (const wave of this.waves) {
      if (wave.state.status !== 'running') continue;
      refreshServers(wave, this.poll, this.now(), (line) => this.deps.log.info(line));
      const now = { nowMs: this.deps.clock.now(), awsNow: this.now() };
      const judged = judgeRunningWave(wave, this.poll, {
        executionId: this.input.context.executionId,
        ...now,
      });
      decided ||= judged.checksStarted; // their first step at once
      const evaluation = judged.evaluation;
      if (!evaluation || evaluation.state === 'running') {
        nextTimeout = Math.min(nextTimeout ?? judged.wakeAtMs, judged.wakeAtMs);
        continue;
      }
      for (const w of evaluation.warnings) this.warn(w);
      this.decide(wave, evaluation.state, evaluation.error);
      decided = true;
    }
    return { nextTimeout, decided };
  }

  stopAll(status: 'cancelled' | 'timed-out', why: string): void {
    this.stopped = true;
    for (const wave of this.waves) {
      if (wave.state.status === 'running') this.decide(wave, status, `Wave "${wave.report.name}": ${why}`);
      else if (wave.state.status === 'pending') this.decide(wave, 'skipped', `not started: ${why}`);
    }
    const lines = activeJobLines(this.poll);
    this.input.report.errors.push(...lines);
    for (const line of lines) this.deps.log.warning(line);
  }

  async loop(): Promise<Report['status']> {
    const { clock } = this.deps;
    const { signal, deadline } = this.input;
    let startOnly = false;
    for (;;) {
      if (signal?.aborted) {
        this.stopAll('cancelled', 'the run was cancelled');
        await this.flushGroups();
        return 'cancelled';
      }
      if (clock.now() >= deadline) {
        this.stopAll('timed-out', 'the run reached its time limit (timeout-minutes)');
        await this.flushGroups();
        return 'timed-out';
      }
      const soakUntil = this.schedule();
      const nextAttempt = await this.startChunks();
      if (signal?.aborted) continue;
      // Right after a decision only dependants start: the poll just happened (one DescribeJobs per tick).
      const polled = startOnly ? true : await this.tickUntil(deadline);
      startOnly = false;
      await unlessAborted(
        advanceChecks(this.waves, this.deps, clock.now(), this.now()),
        clock.signalAfter?.(deadline - clock.now()),
        () => false,
      );
      if (signal?.aborted) continue;
      const { nextTimeout, decided } = this.evaluate();
      await this.input.afterPoll?.(this.input.report);
      await this.flushGroups();
      if (this.waves.every((w) => DONE.has(w.state.status))) return finalStatusOf(this.waves);
      // A decided wave may release its dependants: start them now rather than one poll interval later.
      if (decided) {
        startOnly = true;
        continue;
      }
      const now = clock.now();
      const pollAt = polled ? now + (this.intervalMs ?? 0) : now + this.input.pollIntervalSeconds * 1000;
      const wakeAt = Math.min(
        pollAt,
        nextAttempt ?? pollAt,
        soakUntil ?? pollAt,
        nextTimeout ?? pollAt,
        deadline,
      );
      // A wave waiting for its own preflight starts as soon as that ends, not at the next poll.
      await clock.sleep(Math.max(0, wakeAt - now), wakeOnGates(signal, this.gateWaits));
    }
  }
}

/** Runs the execution plan to its end (or the deadline, or cancellation) and returns the filled report. */
export async function runExecution(deps: RunDeps, input: RunInput): Promise<Report> {
  const runner = new Runner(deps, input);
  input.report.status = 'running';
  const status = await runner.loop();
  if (!runner.stopped) {
    // A wave that timed out leaves its jobs running in DRS: say so rather than drop them silently.
    input.report.warnings.push(...activeJobLines(runner.poll));
  }
  input.report.status = status;
  input.report.endedAt = runner.now();
  return input.report;
}
