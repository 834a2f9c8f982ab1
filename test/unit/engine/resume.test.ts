import { describe, expect, it } from 'vitest';
import type { Job, RecoveryInstance } from '../../../src/aws/gateways.js';
import { TAG } from '../../../src/core/tags.js';
import {
  chunkKey,
  classifyJobs,
  concurrentExecutionMessage,
  findExecutionJobs,
  finishedExecutionMessage,
  priorJobsByChunk,
  resumeNote,
} from '../../../src/engine/resume.js';
import { runExecution } from '../../../src/engine/run.js';
import type { ExecutionPlan } from '../../../src/engine/types.js';
import { context, makeLog, makePlan, makeReport, resolvedServer } from '../../support/builders.js';
import { FakeClock, FakeDrs, FakeEc2 } from '../../support/fake-aws.js';

function job(id: string, tags: Record<string, string>, extra: Partial<Job> = {}): Job {
  return { jobID: id, type: 'LAUNCH', status: 'STARTED', tags, ...extra };
}

const OWN = 'octo/repo/12345';

describe('classifyJobs', () => {
  it('separates this execution, other active executions of the plan, and everything else', () => {
    const jobs = [
      job(
        'drsjob-b',
        { [TAG.executionId]: OWN, [TAG.plan]: 'payments' },
        { creationDateTime: '2024-05-01T00:02:00Z' },
      ),
      job(
        'drsjob-a',
        { [TAG.executionId]: OWN, [TAG.plan]: 'payments' },
        { status: 'COMPLETED', creationDateTime: '2024-05-01T00:01:00Z' },
      ),
      job('drsjob-other', { [TAG.executionId]: 'octo/repo/999', [TAG.plan]: 'payments' }),
      job(
        'drsjob-other-done',
        { [TAG.executionId]: 'octo/repo/998', [TAG.plan]: 'payments' },
        { status: 'COMPLETED' },
      ),
      job('drsjob-other-plan', { [TAG.executionId]: 'octo/repo/997', [TAG.plan]: 'billing' }),
      job('drsjob-untagged', {}),
      job('drsjob-term', { [TAG.executionId]: OWN }, { type: 'TERMINATE' }),
    ];
    const { own, otherExecutions } = classifyJobs(jobs, OWN, 'payments');
    expect(own.map((j) => j.jobID)).toEqual(['drsjob-a', 'drsjob-b']);
    expect(otherExecutions.map((j) => j.jobID)).toEqual(['drsjob-other']);
  });

  it('names the other execution and its jobs in the refusal, and says nothing without one', () => {
    const other = job('drsjob-x', {
      [TAG.executionId]: 'octo/repo/999',
      [TAG.runUrl]: 'https://github.com/octo/repo/actions/runs/999',
    });
    const text = concurrentExecutionMessage('payments', [other]);
    expect(text).toContain('octo/repo/999');
    expect(text).toContain('drsjob-x');
    expect(text).toContain('https://github.com/octo/repo/actions/runs/999');
    expect(text).toContain('Nothing was started');
    expect(concurrentExecutionMessage('payments', [])).toBeUndefined();
  });

  it('keys prior jobs by wave and chunk, keeping the oldest of two for one chunk', () => {
    const map = priorJobsByChunk([
      job('drsjob-1', { [TAG.wave]: 'data', [TAG.chunk]: '1/2' }),
      job('drsjob-2', { [TAG.wave]: 'data', [TAG.chunk]: '2/2' }),
      job('drsjob-3', { [TAG.wave]: 'data', [TAG.chunk]: '1/2' }),
      job('drsjob-4', { [TAG.wave]: 'app' }),
    ]);
    expect(map.get(chunkKey('data', '1/2'))?.jobID).toBe('drsjob-1');
    expect(map.get(chunkKey('data', '2/2'))?.jobID).toBe('drsjob-2');
    expect(map.size).toBe(2);
    expect(resumeNote([])).toBeUndefined();
    expect(resumeNote([job('drsjob-1', {})])).toContain('drsjob-1');
  });
});

describe('finishedExecutionMessage', () => {
  const launched = (id: string, ri: string, status: Job['status'] = 'COMPLETED'): Job =>
    job(
      id,
      {},
      {
        status,
        participatingServers: [{ sourceServerID: 's-1', launchStatus: 'LAUNCHED', recoveryInstanceID: ri }],
      },
    );
  const instance = (jobID: string, recoveryInstanceID: string): RecoveryInstance => ({
    recoveryInstanceID,
    ec2InstanceID: `i-e${recoveryInstanceID.slice(2)}`,
    jobID,
    sourceServerID: 's-1',
  });
  it('refuses to resume an execution whose jobs completed and whose instances are gone', () => {
    // drsjob-1's instance is gone; the one listed for the server belongs to another job.
    const text = finishedExecutionMessage(
      [launched('drsjob-1', 'i-1'), launched('drsjob-2', 'i-2')],
      [instance('drsjob-2', 'i-2'), instance('drsjob-9', 'i-9')],
    );
    expect(text).toContain('drsjob-1, drsjob-2');
    expect(text).toContain('start a new workflow run');
  });
  it('resumes when a job is still active, when the instances still exist, or when there is nothing before', () => {
    expect(finishedExecutionMessage([launched('drsjob-1', 'i-1', 'STARTED')], [])).toBeUndefined();
    expect(
      finishedExecutionMessage([launched('drsjob-1', 'i-1')], [instance('drsjob-1', 'i-1')]),
    ).toBeUndefined();
    // Real DRS drops recoveryInstanceID from completed jobs: the job id still matches the instance.
    const unnamed = launched('drsjob-1', '');
    expect(finishedExecutionMessage([unnamed], [instance('drsjob-1', 'i-1')])).toBeUndefined();
    expect(finishedExecutionMessage([unnamed], [])).toContain('drsjob-1');
    expect(finishedExecutionMessage([], [])).toBeUndefined();
  });
});

function range(from: number, count: number) {
  return Array.from({ length: count }, (_, i) => resolvedServer(from + i));
}

async function attempt(
  env: { clock: FakeClock; drs: FakeDrs; ec2: FakeEc2 },
  ep: ExecutionPlan,
  opts: { signal?: AbortSignal; priorJobs?: ReadonlyMap<string, Job> },
) {
  const report = makeReport(ep);
  const log = makeLog();
  await runExecution(
    { drs: env.drs, ec2: env.ec2, clock: env.clock, log, random: () => 0.5 },
    {
      executionPlan: ep,
      context,
      report,
      pollIntervalSeconds: 15,
      deadline: env.clock.now() + 5 * 3600_000,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.priorJobs ? { priorJobs: opts.priorJobs } : {}),
    },
  );
  return { report, log };
}

describe('resume through the run loop', () => {
  it('a second attempt attaches to every chunk the first started and starts only the rest', async () => {
    const clock = new FakeClock();
    const drs = new FakeDrs(clock);
    const ec2 = new FakeEc2(drs);
    // data: 150 servers = 2 chunks; app: 1 chunk after data.
    const ep = makePlan([
      { name: 'data', servers: range(1, 150) },
      { name: 'app', servers: range(200, 3) },
    ]);
    const controller = new AbortController();
    drs.onCall = (op) => {
      // The runner dies once both chunks of the first wave have started.
      if (op === 'startRecovery' && drs.count('startRecovery') === 2) controller.abort();
    };
    const first = await attempt({ clock, drs, ec2 }, ep, { signal: controller.signal });
    expect(first.report.status).toBe('cancelled');
    expect(drs.count('startRecovery')).toBe(2);
    drs.onCall = undefined;

    const found = await findExecutionJobs({ drs, clock }, context.executionId, ep.plan.name);
    expect(found.own).toHaveLength(2);
    expect(found.otherExecutions).toEqual([]);
    const second = await attempt({ clock, drs, ec2 }, ep, { priorJobs: priorJobsByChunk(found.own) });

    expect(second.report.status).toBe('succeeded');
    // 2 chunks of data from the first attempt + 1 of app from the second: nothing started twice.
    expect(drs.count('startRecovery')).toBe(3);
    const [data, app] = second.report.waves;
    expect(data?.jobs.map((j) => j.jobId).sort()).toEqual(found.own.map((j) => j.jobID).sort());
    expect(data?.servers.every((s) => s.health === 'passed' && s.ec2InstanceId)).toBe(true);
    expect(app?.servers.every((s) => s.health === 'passed')).toBe(true);
    expect(second.log.lines.some((l) => l.includes('attached to job an earlier attempt started'))).toBe(true);
  });

  it('attaches to a completed wave without starting anything for it', async () => {
    const clock = new FakeClock();
    const drs = new FakeDrs(clock);
    const ec2 = new FakeEc2(drs);
    const ep = makePlan([{ name: 'data', servers: range(1, 2) }]);
    await attempt({ clock, drs, ec2 }, ep, {});
    expect(drs.count('startRecovery')).toBe(1);
    const found = await findExecutionJobs({ drs, clock }, context.executionId, ep.plan.name);
    expect(found.own[0]?.status).toBe('COMPLETED');
    const again = await attempt({ clock, drs, ec2 }, ep, { priorJobs: priorJobsByChunk(found.own) });
    expect(drs.count('startRecovery')).toBe(1);
    expect(again.report.status).toBe('succeeded');
    expect(again.report.waves[0]?.servers.map((s) => s.launchStatus)).toEqual(['LAUNCHED', 'LAUNCHED']);
  });
});
