/**
 * An execution over two steps on the in-memory DRS/EC2: step 1 runs `data`, keeps its instances and
 * leaves a record in DRS; step 2 (a fresh report: nothing of step 1 but what AWS holds) runs `app`,
 * rebuilds `data` from DRS, never starts it again, and measures RTO without the wait between them.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/report.js';
import { TAG } from '../../../src/core/tags.js';
import { findExecutionJobs } from '../../../src/engine/resume.js';
import { runStepWaves } from '../../../src/modes/drill-waves.js';
import { closeStep, keptForNextStep, planExecutionStep } from '../../../src/modes/execution-steps.js';
import { type PostState, readPostState, writePostState } from '../../../src/modes/post-state.js';
import { postSkipReason } from '../../../src/post.js';
import { finalizeReport } from '../../../src/report/build.js';
import { context, makeLog, makePlan, makeReport, resolvedServer } from '../../support/builders.js';
import { FakeClock, FakeDrs, FakeEc2 } from '../../support/fake-aws.js';

function setup() {
  const clock = new FakeClock();
  const drs = new FakeDrs(clock, {});
  const ec2 = new FakeEc2(drs);
  const ep = makePlan([
    { name: 'data', servers: [resolvedServer(1), resolvedServer(2)] },
    { name: 'app', servers: [resolvedServer(3)], dependsOn: ['data'] },
  ]);
  const deps = { drs, ec2, clock, log: makeLog(), random: () => 0.5 };
  return { clock, drs, ec2, ep, deps };
}

async function step(env: ReturnType<typeof setup>, job: string, waves: string[]): Promise<Report> {
  const prior = await findExecutionJobs(env.deps, context.executionId, env.ep.plan.name);
  const plan = planExecutionStep(env.ep.plan, waves, prior.own, { job });
  expect(plan.selection.refusals).toEqual([]);
  const report = await runStepWaves(env.deps, {
    full: env.ep,
    step: plan,
    context,
    report: makeReport(env.ep),
    pollIntervalSeconds: 15,
    deadline: env.clock.now() + 5 * 3600_000,
    own: prior.own,
  });
  const kept = await closeStep(env.deps, report, plan, 'always', (w) => report.warnings.push(w));
  if (kept) report.cleanup = kept;
  return report;
}

describe('an execution over two steps', () => {
  it('step 1 runs its waves, keeps its instances and records each wave on its jobs', async () => {
    const env = setup();
    const report = await step(env, 'data-job', ['data']);
    expect(report.status).toBe('succeeded');
    expect(report.waves.map((w) => [w.name, w.status, w.step])).toEqual([
      ['data', 'succeeded', 'data-job'],
      ['app', 'pending', undefined],
    ]);
    expect(report.wavesRemaining).toEqual(['app']);
    expect(report.cleanup).toMatchObject({ status: 'skipped' });
    expect(report.cleanup?.reason).toMatch(/Waves left: app\. The drill instances are kept running/);
    expect(env.drs.count('startRecovery')).toBe(1);
    expect(env.drs.count('terminateRecoveryInstances')).toBe(0);
    const [job] = await env.drs.describeJobsSince('2000-01-01T00:00:00Z');
    expect(job?.tags).toMatchObject({
      [TAG.step]: 'data-job',
      [TAG.wave]: 'data',
      [TAG.waveStatus]: 'succeeded',
      [TAG.waveEndedAt]: report.waves[0]?.endedAt,
    });
    const ec2Id = report.waves[0]?.servers[0]?.ec2InstanceId ?? '';
    expect(env.ec2.tags.get(ec2Id)?.[TAG.healthyAt]).toBe(report.waves[0]?.servers[0]?.healthyAt);
  });

  it('step 2 rebuilds step 1 from DRS, starts only its own waves and leaves the approval wait out of the RTO', async () => {
    const env = setup();
    const first = await step(env, 'data-job', ['data']);
    // The approval: an hour in which nothing happens.
    await env.clock.sleep(3600_000);
    const second = await step(env, 'app-job', []);
    expect(env.drs.count('startRecovery')).toBe(2);
    expect(second.wavesRemaining).toBeUndefined();
    expect(keptForNextStep(second, undefined, 'always')).toBeUndefined();
    const data = second.waves.find((w) => w.name === 'data');
    const before = first.waves[0];
    expect(data?.status).toBe('succeeded');
    expect(data?.step).toBe('data-job');
    expect(data?.endedAt).toBe(before?.endedAt);
    expect(data?.servers.map((s) => [s.ec2InstanceId, s.healthyAt, s.health, s.launchStatus])).toEqual(
      before?.servers.map((s) => [s.ec2InstanceId, s.healthyAt, 'passed', 'LAUNCHED']),
    );
    expect(data?.jobs.map((j) => j.jobId)).toEqual(before?.jobs.map((j) => j.jobId));
    expect(second.waves.find((w) => w.name === 'app')).toMatchObject({
      status: 'succeeded',
      step: 'app-job',
    });
    expect(second.steps?.map((s) => [s.name, s.waves, s.earlier])).toEqual([
      ['data-job', ['data'], true],
      ['app-job', ['app'], undefined],
    ]);
    const final = finalizeReport(second, new Date(env.clock.now()).toISOString(), 'succeeded');
    const wall = final.measured.rtoWallClockSeconds ?? 0;
    expect(wall).toBeGreaterThan(3600);
    expect(final.measured.rtoSeconds).toBeLessThan(wall - 3500);
    expect(final.measured.rtoDefinition).toBe('active-time-across-steps');
  });

  it('rebuilds from the job log when DRS lists no servers in a completed job', async () => {
    const env = setup();
    const first = await step(env, 'data-job', ['data']);
    (env.drs as unknown as { faults: { emptyCompletedView?: boolean } }).faults.emptyCompletedView = true;
    const second = await step(env, 'app-job', []);
    expect(env.drs.count('startRecovery')).toBe(2);
    const data = second.waves.find((w) => w.name === 'data');
    expect(data?.jobs[0]?.sourceServerIds).toEqual(first.waves[0]?.jobs[0]?.sourceServerIds);
    expect(data?.servers.map((s) => [s.ec2InstanceId, s.healthyAt, s.health])).toEqual(
      first.waves[0]?.servers.map((s) => [s.ec2InstanceId, s.healthyAt, 'passed']),
    );
    // Every instance of both steps is in the scope of the cleanup that ends the execution.
    expect(second.waves.flatMap((w) => w.servers).every((s) => s.ec2InstanceId)).toBe(true);
  });

  it('an earlier step that never recorded its wave (cancelled) makes the dependants refused', async () => {
    const env = setup();
    await step(env, 'data-job', ['data']);
    // Take the record off, as a step cancelled before its end leaves the jobs.
    for (const job of await env.drs.describeJobsSince('2000-01-01T00:00:00Z'))
      delete job.tags?.[TAG.waveStatus];
    for (const j of (
      env.drs as unknown as { jobs: Map<string, { tags: Record<string, string> }> }
    ).jobs.values())
      delete j.tags[TAG.waveStatus];
    const prior = await findExecutionJobs(env.deps, context.executionId, env.ep.plan.name);
    const plan = planExecutionStep(env.ep.plan, ['app'], prior.own, { job: 'app-job' });
    expect(plan.selection.refusals[0]).toMatch(
      /depends on wave "data", whose DRS job\(s\) .* never finished/,
    );
  });
});

describe('the cleanup decision of a step', () => {
  const plan = makePlan([
    { name: 'data', servers: [resolvedServer(1)] },
    { name: 'app', servers: [resolvedServer(2)], dependsOn: ['data'] },
  ]).plan;
  const first = planExecutionStep(plan, ['data'], [], { job: 'data-job' });
  const whole = planExecutionStep(plan, [], [], { job: 'all' });
  const ended = (status: Report['status'], isDrill = true): Report => ({
    ...makeReport({ plan, waves: [] }),
    status,
    isDrill,
    mode: isDrill ? 'drill' : 'recovery',
  });

  it('keeps the instances only when a drill step succeeded with waves left', () => {
    expect(keptForNextStep(ended('succeeded'), first, 'always')).toMatchObject({
      status: 'skipped',
      policy: 'always',
    });
    expect(keptForNextStep(ended('succeeded'), whole, 'always')).toBeUndefined();
    expect(keptForNextStep(ended('failed'), first, 'always')).toBeUndefined();
    expect(keptForNextStep(ended('timed-out'), first, 'always')).toBeUndefined();
    expect(keptForNextStep(ended('succeeded', false), first, 'always')).toBeUndefined();
  });

  it('the post step leaves the instances a succeeded step kept for the next one, and says so', () => {
    const state: PostState = {
      finished: true,
      mode: 'drill',
      executionId: 'o/r/1',
      region: 'us-east-1',
      cleanup: 'always',
      planName: 'payments',
      jobIds: ['drsjob-1'],
      status: 'succeeded',
      wavesRemaining: ['app', 'web'],
    };
    const saved: Record<string, string> = {};
    writePostState((n, v) => {
      saved[n] = v;
    }, state);
    expect(readPostState((n) => saved[n] ?? '')).toEqual(state);
    expect(postSkipReason(state)).toMatch(
      /succeeded with waves left \(app, web\): their drill instances are kept/,
    );
    // A step that did not finish cleans the whole execution, waves left or not.
    expect(
      postSkipReason({ ...state, finished: false, status: 'failed', cleanup: 'always' }),
    ).toBeUndefined();
  });
});
