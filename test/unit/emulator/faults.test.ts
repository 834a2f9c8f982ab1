import {
  DescribeJobLogItemsCommand,
  DescribeJobsCommand,
  DescribeRecoveryInstancesCommand,
  DescribeSourceServersCommand,
  DrsServiceException,
  InternalServerException,
  StartRecoveryCommand,
  ThrottlingException,
} from '@aws-sdk/client-drs';
import { DescribeInstanceStatusCommand, DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_01, DB_01, DB_02, type Harness, MINUTE, repairedDemo, start, stop } from './helpers.js';

let h: Harness;
afterEach(async () => {
  if (h) await stop(h);
});

const launch = (ids: string[]) =>
  h.drs.send(
    new StartRecoveryCommand({
      isDrill: true,
      sourceServers: ids.map((sourceServerID) => ({ sourceServerID })),
      tags: { k: 'v' },
    }),
  );

async function logOf(jobID: string) {
  return (await h.drs.send(new DescribeJobLogItemsCommand({ jobID }))).items!;
}

describe('faults', () => {
  it('per-server failure at conversion: CONVERSION_FAIL with rawError, server FAILED, job still COMPLETED', async () => {
    h = await start(
      repairedDemo(
        `faults: { servers: { ${DB_02}: { phase: conversion, rawError: "Conversion server crashed" } } }`,
      ),
    );
    const { job } = await launch([DB_01, DB_02]);
    h.emulator.state.advance(30 * MINUTE);
    const [done] = (await h.drs.send(new DescribeJobsCommand({ filters: { jobIDs: [job!.jobID!] } }))).items!;
    expect(done?.status).toBe('COMPLETED');
    expect(done?.participatingServers?.find((p) => p.sourceServerID === DB_02)?.launchStatus).toBe('FAILED');
    expect(done?.participatingServers?.find((p) => p.sourceServerID === DB_01)?.launchStatus).toBe(
      'LAUNCHED',
    );
    const fail = (await logOf(job!.jobID!)).find((l) => l.event === 'CONVERSION_FAIL');
    expect(fail?.eventData).toEqual({ sourceServerID: DB_02, rawError: 'Conversion server crashed' });
  });

  it('missing EC2 permissions: COMPLETED with every server FAILED, log stops after SNAPSHOT_END', async () => {
    h = await start(repairedDemo('faults: { missingEc2Permissions: true }'));
    const { job } = await launch([DB_01, DB_02]);
    h.emulator.state.advance(30 * MINUTE);
    const [done] = (await h.drs.send(new DescribeJobsCommand({ filters: { jobIDs: [job!.jobID!] } }))).items!;
    expect(done?.status).toBe('COMPLETED');
    expect(
      done?.participatingServers?.every((p) => p.launchStatus === 'FAILED' && !p.recoveryInstanceID),
    ).toBe(true);
    const events = (await logOf(job!.jobID!)).map((l) => l.event);
    expect(events).not.toContain('CONVERSION_START');
    expect(events.filter((e) => e !== 'JOB_END').at(-1)).toBe('SNAPSHOT_END');
    expect((await h.drs.send(new DescribeRecoveryInstancesCommand({}))).items).toEqual([]);
  });

  it('missing EC2 permissions with logFailure: a LAUNCH_FAILED rawError names the EC2 action', async () => {
    h = await start(
      repairedDemo(
        'faults: { missingEc2Permissions: { action: "ec2:CreateLaunchTemplateVersion", logFailure: true } }',
      ),
    );
    const { job } = await launch([DB_01]);
    h.emulator.state.advance(30 * MINUTE);
    const failed = (await logOf(job!.jobID!)).find((l) => l.event === 'LAUNCH_FAILED');
    expect(failed?.eventData?.rawError).toContain(
      'is not authorized to perform: ec2:CreateLaunchTemplateVersion',
    );
  });

  it('an unrepaired launch template (no subnet, no default VPC) fails at launch with EC2 text', async () => {
    h = await start();
    const { job } = await launch([DB_01]);
    h.emulator.state.advance(30 * MINUTE);
    const failed = (await logOf(job!.jobID!)).find((l) => l.event === 'LAUNCH_FAILED');
    expect(failed?.eventData?.rawError).toMatch(/^VPCIdNotSpecified/);
  });

  it('instances that never pass status checks stay impaired', async () => {
    h = await start(repairedDemo(`faults: { neverHealthy: [${APP_01}] }`));
    await launch([APP_01]);
    h.emulator.state.advance(60 * MINUTE);
    const [ri] = (await h.drs.send(new DescribeRecoveryInstancesCommand({}))).items!;
    const status = await h.ec2.send(new DescribeInstanceStatusCommand({ InstanceIds: [ri!.ec2InstanceID!] }));
    expect(status.InstanceStatuses?.[0]?.InstanceState?.Name).toBe('running');
    expect(status.InstanceStatuses?.[0]?.InstanceStatus?.Status).toBe('impaired');
  });

  it('throttling: 429 ThrottlingException with retryAfterSeconds from Retry-After; EC2 gets RequestLimitExceeded', async () => {
    h = await start(repairedDemo('faults: { throttle: { rate: 1, retryAfterSeconds: 7 } }'));
    const e = (await h.drs.send(new DescribeJobsCommand({})).catch((x: unknown) => x)) as ThrottlingException;
    expect(e).toBeInstanceOf(ThrottlingException);
    expect(e.$metadata.httpStatusCode).toBe(429);
    expect(e.retryAfterSeconds).toBe('7');
    const ec2 = (await h.ec2.send(new DescribeSubnetsCommand({})).catch((x: unknown) => x)) as {
      name: string;
    };
    expect(ec2.name).toBe('RequestLimitExceeded');
    expect(h.emulator.calls.map((c) => c.outcome)).toEqual(['throttled', 'throttled']);
  });

  it('throttling per operation leaves other operations alone', async () => {
    h = await start(repairedDemo('faults: { throttle: { operations: { DescribeJobs: 1 } } }'));
    await expect(h.drs.send(new DescribeSourceServersCommand({}))).resolves.toBeDefined();
    await expect(h.drs.send(new DescribeJobsCommand({}))).rejects.toBeInstanceOf(ThrottlingException);
  });

  it('5xx: InternalServerException 500', async () => {
    h = await start(repairedDemo('faults: { serverErrors: { rate: 1 } }'));
    const e = (await h.drs
      .send(new DescribeJobsCommand({}))
      .catch((x: unknown) => x)) as InternalServerException;
    expect(e).toBeInstanceOf(InternalServerException);
    expect(e.$metadata.httpStatusCode).toBe(500);
  });

  it('dropped connection after the effect: the job exists though the caller saw a socket error', async () => {
    h = await start(repairedDemo('faults: { startRecoveryLost: 1 }'));
    const e = await launch([DB_01]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(DrsServiceException);
    const jobs = (await h.drs.send(new DescribeJobsCommand({}))).items!;
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.tags).toEqual({ k: 'v', resourceArn: jobs[0]?.arn });
    // Only the first call is lost; a retry now meets the busy server.
    expect(h.emulator.calls.filter((c) => c.operation === 'StartRecovery').map((c) => c.outcome)).toEqual([
      'dropped',
    ]);
  });

  it('a 5xx after the effect (reply: server-error): the job exists though the caller saw a 500', async () => {
    h = await start(
      repairedDemo('faults: { drop: [{ operation: StartRecovery, when: after, reply: server-error }] }'),
    );
    const e = await launch([DB_01]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InternalServerException);
    expect((await h.drs.send(new DescribeJobsCommand({}))).items).toHaveLength(1);
    expect(h.emulator.calls.filter((c) => c.operation === 'StartRecovery').map((c) => c.outcome)).toEqual([
      'server-error',
    ]);
  });

  it('dropped connection before the effect: nothing happened', async () => {
    h = await start(repairedDemo('faults: { drop: [{ operation: StartRecovery, when: before, count: 1 }] }'));
    await expect(launch([DB_01])).rejects.toBeInstanceOf(Error);
    expect((await h.drs.send(new DescribeJobsCommand({}))).items).toEqual([]);
    await expect(launch([DB_01])).resolves.toBeDefined();
  });

  it('latency delays answers and faults can be changed through the control API', async () => {
    h = await start(repairedDemo('faults: { latencyMs: 30 }'));
    const t = Date.now();
    await h.drs.send(new DescribeJobsCommand({}));
    // A lower bound only: the fault adds at least its latency (the machine may add more).
    expect(Date.now() - t).toBeGreaterThanOrEqual(30);
    const res = await fetch(`${h.emulator.url}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ throttle: { rate: 1 } }),
    });
    expect(res.status).toBe(200);
    await expect(h.drs.send(new DescribeJobsCommand({}))).rejects.toBeInstanceOf(ThrottlingException);
    const bad = await fetch(`${h.emulator.url}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ throttle: { rate: 2 } }),
    });
    expect(bad.status).toBe(400);
  });
});
