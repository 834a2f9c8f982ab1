import { describe, expect, it } from 'vitest';
import type { Job, JobLog } from '../../../src/aws/gateways.js';
import {
  evaluateWave,
  evaluateWaveAtTimeout,
  looksLikeMissingEc2Permissions,
  serverOutcome,
} from '../../../src/engine/outcome.js';

const passed = { state: 'passed' } as const;
const pending = { state: 'pending' } as const;

describe('serverOutcome', () => {
  it('succeeds only when LAUNCHED, with an EC2 instance and a passed health check', () => {
    expect(
      serverOutcome({ launchStatus: 'LAUNCHED', ec2InstanceId: 'i-1', health: passed, logErrors: [] }).result,
    ).toBe('succeeded');
    expect(serverOutcome({ launchStatus: 'LAUNCHED', health: passed, logErrors: [] }).result).toBe('pending');
    expect(
      serverOutcome({ launchStatus: 'LAUNCHED', ec2InstanceId: 'i-1', health: pending, logErrors: [] })
        .result,
    ).toBe('pending');
    expect(serverOutcome({ launchStatus: 'IN_PROGRESS', health: passed, logErrors: [] }).result).toBe(
      'pending',
    );
  });

  it('fails on FAILED with the rawError, and on a COMPLETED job that never launched the server', () => {
    const failed = serverOutcome({
      launchStatus: 'FAILED',
      health: pending,
      logErrors: [
        { event: 'LAUNCH_FAILED', message: 'LAUNCH_FAILED: x', rawError: 'InsufficientInstanceCapacity' },
      ],
    });
    expect(failed).toEqual({
      result: 'failed',
      health: 'skipped',
      reason: 'LAUNCH_FAILED: x (rawError: InsufficientInstanceCapacity)',
    });
    expect(
      serverOutcome({ jobStatus: 'COMPLETED', launchStatus: 'PENDING', health: pending, logErrors: [] })
        .result,
    ).toBe('failed');
    expect(
      serverOutcome({
        launchStatus: 'LAUNCHED',
        ec2InstanceId: 'i-1',
        health: { state: 'failed', reason: 'gone' },
        logErrors: [],
      }),
    ).toMatchObject({ result: 'failed', health: 'failed' });
  });
});

describe('looksLikeMissingEc2Permissions', () => {
  const job = (launchStatus: string): Job =>
    ({
      jobID: 'drsjob-1',
      status: 'COMPLETED',
      participatingServers: [{ sourceServerID: 's-1', launchStatus }],
    }) as Job;
  it('is COMPLETED, nothing LAUNCHED, and no failure event explains it', () => {
    expect(looksLikeMissingEc2Permissions(job('FAILED'), [{ event: 'SNAPSHOT_END' }])).toBe(true);
    expect(looksLikeMissingEc2Permissions(job('FAILED'), [{ event: 'CONVERSION_START' }])).toBe(true);
    const failed = (event: string) =>
      [{ event, eventData: { sourceServerID: 's-1', rawError: 'x' } }] as unknown as JobLog[];
    expect(looksLikeMissingEc2Permissions(job('FAILED'), failed('SNAPSHOT_FAIL'))).toBe(false);
    expect(looksLikeMissingEc2Permissions(job('FAILED'), failed('CONVERSION_FAIL'))).toBe(false);
    expect(looksLikeMissingEc2Permissions(job('FAILED'), failed('LAUNCH_FAILED'))).toBe(false);
    // LAUNCHED in the log only (the job view dropped it) is launched.
    const ended = [{ event: 'LAUNCH_END', eventData: { sourceServerID: 's-1' } }] as unknown as JobLog[];
    expect(looksLikeMissingEc2Permissions(job('PENDING'), ended)).toBe(false);
    expect(looksLikeMissingEc2Permissions(job('LAUNCHED'), [])).toBe(false);
    expect(looksLikeMissingEc2Permissions({ ...job('FAILED'), status: 'STARTED' }, [])).toBe(false);
  });
});

describe('evaluateWave', () => {
  const server = (
    id: string,
    critical: boolean,
    result: 'pending' | 'succeeded' | 'failed',
    reason?: string,
  ) => ({
    sourceServerId: id,
    critical,
    outcome: { result, health: 'pending' as const, ...(reason ? { reason } : {}) },
  });
  const done = [{ jobID: 'j', status: 'COMPLETED' }] as Job[];

  it('is running until every job COMPLETED and every server decided', () => {
    const base = { waveName: 'w', allChunksStarted: true, permissionProblems: [] };
    expect(
      evaluateWave({
        ...base,
        jobs: [{ jobID: 'j', status: 'STARTED' }] as Job[],
        servers: [server('s-1', true, 'succeeded')],
      }).state,
    ).toBe('running');
    expect(evaluateWave({ ...base, jobs: done, servers: [server('s-1', true, 'pending')] }).state).toBe(
      'running',
    );
    expect(
      evaluateWave({
        ...base,
        allChunksStarted: false,
        jobs: done,
        servers: [server('s-1', true, 'succeeded')],
      }).state,
    ).toBe('running');
  });

  it('fails on a critical failure and only warns on a non-critical one', () => {
    const base = { waveName: 'w', allChunksStarted: true, permissionProblems: [], jobs: done };
    const warn = evaluateWave({
      ...base,
      servers: [server('s-1', true, 'succeeded'), server('s-2', false, 'failed', 'boom')],
    });
    expect(warn.state).toBe('succeeded');
    expect(warn.warnings[0]).toContain('s-2');
    const fail = evaluateWave({ ...base, servers: [server('s-1', true, 'failed', 'boom')] });
    expect(fail).toMatchObject({ state: 'failed', error: 'Critical server(s) failed: s-1: boom' });
  });

  it('at the timeout succeeds if every critical server did, else times out naming what each waits for', () => {
    const ok = evaluateWaveAtTimeout({
      waveName: 'w',
      timeoutSeconds: 60,
      servers: [
        { ...server('s-1', true, 'succeeded'), waitingFor: '' },
        { ...server('s-2', false, 'pending'), waitingFor: 'x' },
      ],
    });
    expect(ok.state).toBe('succeeded');
    expect(ok.warnings).toHaveLength(1);
    const late = evaluateWaveAtTimeout({
      waveName: 'w',
      timeoutSeconds: 60,
      servers: [{ ...server('s-1', true, 'pending'), waitingFor: 'status checks' }],
    });
    expect(late).toMatchObject({
      state: 'timed-out',
      error: 'Wave "w" timed out after 1m: s-1: still waiting for status checks',
    });
  });
});
