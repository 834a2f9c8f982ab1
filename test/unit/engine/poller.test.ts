import { describe, expect, it } from 'vitest';
import type { DrsGateway, Ec2Gateway } from '../../../src/aws/gateways.js';
import {
  awsNow,
  newPollState,
  nextPollIntervalMs,
  pollTick,
  READ_FAILURES_BEFORE_WARNING,
} from '../../../src/engine/poller.js';
import { serverId } from '../../support/builders.js';
import { FakeClock, FakeDrs, FakeEc2 } from '../../support/fake-aws.js';

describe('nextPollIntervalMs', () => {
  const bound = 15_000;
  it('starts at 2 s, or at the bound when that is smaller (decimals allowed)', () => {
    expect(nextPollIntervalMs({ boundMs: bound, moved: false, nearTransition: false })).toBe(2000);
    expect(nextPollIntervalMs({ boundMs: 250, moved: false, nearTransition: false })).toBe(250);
  });

  it('backs off ×1.5 when nothing moved, never above the bound', () => {
    let ms = 2000;
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      ms = nextPollIntervalMs({ previousMs: ms, boundMs: bound, moved: false, nearTransition: false });
      seen.push(ms);
    }
    expect(seen.slice(0, 3)).toEqual([3000, 4500, 6750]);
    expect(Math.max(...seen)).toBe(bound);
  });

  it('goes back to short when something moved and shortens near an expected transition', () => {
    expect(
      nextPollIntervalMs({ previousMs: 15_000, boundMs: bound, moved: true, nearTransition: false }),
    ).toBe(2000);
    expect(
      nextPollIntervalMs({ previousMs: 15_000, boundMs: bound, moved: false, nearTransition: true }),
    ).toBe(4000);
  });

  it('waits at least a throttling Retry-After, even above the bound', () => {
    expect(
      nextPollIntervalMs({
        previousMs: 2000,
        boundMs: bound,
        moved: true,
        nearTransition: false,
        retryAfterMs: 30_000,
      }),
    ).toBe(30_000);
    expect(
      nextPollIntervalMs({
        previousMs: 2000,
        boundMs: bound,
        moved: true,
        nearTransition: false,
        retryAfterMs: 500,
      }),
    ).toBe(2000);
  });
});

describe('pollTick', () => {
  function setup(servers: number) {
    const clock = new FakeClock();
    const drs = new FakeDrs(clock);
    const ec2 = new FakeEc2(drs);
    const state = newPollState();
    const ids = Array.from({ length: servers }, (_, i) => serverId(i + 1));
    for (let i = 0; i < ids.length; i += 100) {
      const job = drs.addJob(ids.slice(i, i + 100));
      state.jobs.set(job.jobId, {
        jobId: job.jobId,
        waveName: 'w',
        sourceServerIds: job.serverIds,
        logs: [],
        final: false,
      });
    }
    return { clock, drs, ec2, state };
  }
  const opts = { awaitingHealth: [], awaitingStatusChecks: [], instanceTags: { 'drs-drill:plan': 'p' } };

  it('reads job logs only when a job changed, and stops describing completed jobs', async () => {
    const env = setup(1);
    await pollTick(env, env.state, opts);
    expect(env.drs.count('describeJobLogItems')).toBe(1);
    const quiet = await pollTick(env, env.state, opts);
    expect(quiet.moved).toBe(false);
    expect(env.drs.count('describeJobLogItems')).toBe(1);
    env.clock.ms += 10_000; // PENDING → STARTED
    expect((await pollTick(env, env.state, opts)).moved).toBe(true);
    expect(env.drs.count('describeJobLogItems')).toBe(2);
    env.clock.ms += 3600_000;
    await pollTick(env, env.state, opts);
    expect([...env.state.jobs.values()].every((j) => j.final)).toBe(true);
    expect(env.state.jobs.values().next().value?.logs.at(-1)?.event).toBe('JOB_END');
    const before = env.drs.count('describeJobs');
    await pollTick(env, env.state, opts);
    expect(env.drs.count('describeJobs')).toBe(before);
  });

  it('uses one DescribeJobs and one DescribeRecoveryInstances per tick for 300 servers, and tags instances once', async () => {
    const env = setup(300);
    env.clock.ms += 3600_000;
    await pollTick(env, env.state, opts);
    expect(env.drs.count('describeJobs')).toBe(1);
    expect(env.drs.count('describeRecoveryInstances')).toBe(1);
    expect(env.state.recoveryInstances.size).toBe(300);
    expect(env.ec2.count('createTags')).toBe(1);
    await pollTick(env, env.state, opts);
    expect(env.ec2.count('createTags')).toBe(1);
    expect(env.drs.count('describeRecoveryInstances')).toBe(1);
  });

  it('describes an instance waiting for status checks once; later ticks read only its status', async () => {
    const env = setup(1);
    env.clock.ms += 3600_000;
    await pollTick(env, env.state, opts);
    const ec2InstanceId = [...env.state.recoveryInstances.values()][0]?.[0]?.ec2InstanceID ?? '';
    expect(ec2InstanceId).toMatch(/^i-/);
    const waiting = { ...opts, awaitingHealth: [ec2InstanceId], awaitingStatusChecks: [ec2InstanceId] };
    await pollTick(env, env.state, waiting);
    await pollTick(env, env.state, waiting);
    await pollTick(env, env.state, waiting);
    expect(env.ec2.count('describeInstances')).toBe(1);
    expect(env.ec2.count('describeInstanceStatus')).toBe(3);
    expect(env.state.instances.get(ec2InstanceId)?.State?.Name).toBe(
      env.state.statuses.get(ec2InstanceId)?.InstanceState?.Name,
    );
  });

  it('a failed read that the next poll gets past is a debug line (with the Retry-After honoured)', async () => {
    const env = setup(1);
    let fail = true;
    const real = env.drs.describeJobs.bind(env.drs);
    const drs = Object.assign(Object.create(Object.getPrototypeOf(env.drs)), env.drs, {
      describeJobs: (ids: string[]) =>
        fail
          ? Promise.reject(
              Object.assign(new Error('Rate exceeded'), {
                name: 'ThrottlingException',
                retryAfterSeconds: '9',
              }),
            )
          : real(ids),
    });
    const first = await pollTick({ ...env, drs }, env.state, opts);
    expect(first.retryAfterMs).toBe(9000);
    expect(first.warnings).toEqual([]);
    expect(first.debug).toEqual([
      expect.stringContaining('DescribeJobs failed, trying again on the next poll'),
    ]);
    fail = false;
    const second = await pollTick({ ...env, drs }, env.state, opts);
    expect(second.warnings).toEqual([]);
    expect(second.debug).toEqual([]);
  });

  it(`a read that keeps failing becomes a warning at its ${READ_FAILURES_BEFORE_WARNING}th failure in a row`, async () => {
    const env = setup(1);
    const drs = Object.assign(Object.create(Object.getPrototypeOf(env.drs)), env.drs, {
      describeJobs: () =>
        Promise.reject(Object.assign(new Error('boom'), { name: 'InternalServerException' })),
    });
    const results = [];
    for (let i = 0; i < READ_FAILURES_BEFORE_WARNING + 1; i++)
      results.push(await pollTick({ ...env, drs }, env.state, opts));
    expect(results.map((r) => r.warnings.length)).toEqual([0, 0, 1, 0]);
    expect(results[2]?.warnings[0]).toBe('DescribeJobs failed 3 polls in a row, still trying: boom');
  });
});

describe('awsNow', () => {
  const gateways = (drs?: string, ec2?: string) => ({
    drs: { serverTime: () => drs } as unknown as DrsGateway,
    ec2: { serverTime: () => ec2 } as unknown as Ec2Gateway,
    clock: new FakeClock(Date.parse('2030-01-01T00:00:00.000Z')),
  });

  it('takes the later of the DRS and EC2 answers: after the jobs end only EC2 is polled', () => {
    expect(awsNow(gateways('2025-06-02T09:27:55.000Z', '2025-06-02T09:47:42.000Z'))).toBe(
      '2025-06-02T09:47:42.000Z',
    );
    expect(awsNow(gateways('2025-06-02T09:50:00.000Z', '2025-06-02T09:47:42.000Z'))).toBe(
      '2025-06-02T09:50:00.000Z',
    );
    expect(awsNow(gateways(undefined, '2025-06-02T09:47:42.000Z'))).toBe('2025-06-02T09:47:42.000Z');
  });

  it('falls back to the injected clock before any answer', () => {
    expect(awsNow(gateways())).toBe('2030-01-01T00:00:00.000Z');
  });
});
