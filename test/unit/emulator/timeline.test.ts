import {
  DescribeJobLogItemsCommand,
  DescribeRecoveryInstancesCommand,
  StartRecoveryCommand,
} from '@aws-sdk/client-drs';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_01, DB_01, type Harness, MINUTE, repairedDemo, start, stop, timelineOf } from './helpers.js';

let h: Harness;
afterEach(async () => {
  if (h) await stop(h);
});

const timeline = () => timelineOf(h);

describe('GET /_emulator/timeline', () => {
  it('gives each transition of a job in simulated ms, joined to the EC2 instance it launched', async () => {
    h = await start(
      repairedDemo(`
faults:
  neverHealthy: [${APP_01}]`),
    );
    const t0 = Date.parse('2025-06-02T09:00:00Z');
    const { job } = await h.drs.send(
      new StartRecoveryCommand({
        isDrill: true,
        sourceServers: [{ sourceServerID: DB_01 }, { sourceServerID: APP_01 }],
        tags: { 'drs-drill:wave': 'data' },
      }),
    );
    const jobID = job?.jobID ?? '';

    let seen = (await timeline()).jobs.find((j) => j.jobID === jobID);
    expect(seen).toMatchObject({ status: 'PENDING', createdAt: t0, type: 'LAUNCH', isDrill: true });
    expect(seen?.tags).toEqual({ 'drs-drill:wave': 'data' });
    expect(seen?.startedAt).toBeUndefined();
    expect(seen?.servers.every((s) => s.endedAt === undefined && s.ec2InstanceID === undefined)).toBe(true);

    h.emulator.state.advance(40 * MINUTE);
    const tl = await timeline();
    expect(tl.speed).toBe(0);
    expect(tl.simNow).toBe(t0 + 40 * MINUTE);
    seen = tl.jobs.find((j) => j.jobID === jobID);
    expect(seen?.status).toBe('COMPLETED');
    const startedAt = seen?.startedAt ?? Number.NaN;
    const endedAt = seen?.endedAt ?? Number.NaN;
    expect(startedAt).toBeGreaterThan(t0);

    // The job log (microsecond digits, as DRS writes them) agrees with the millisecond timeline.
    const log = (await h.drs.send(new DescribeJobLogItemsCommand({ jobID }))).items ?? [];
    const logAt = (event: string, id?: string) =>
      Date.parse(
        log.find((l) => l.event === event && (!id || l.eventData?.sourceServerID === id))?.logDateTime ?? '',
      );
    expect(startedAt).toBe(logAt('JOB_START'));
    expect(endedAt).toBe(logAt('JOB_END'));

    const recovery = (await h.drs.send(new DescribeRecoveryInstancesCommand({}))).items ?? [];
    for (const server of seen?.servers ?? []) {
      expect(server.launchStatus).toBe('LAUNCHED');
      expect(server.endedAt).toBeGreaterThan(startedAt);
      expect(server.endedAt).toBeLessThan(endedAt);
      const ri = recovery.find((r) => r.sourceServerID === server.sourceServerID);
      expect(server.ec2InstanceID).toBe(ri?.ec2InstanceID);
      // The timeline keeps the recovery instance id DescribeJobs drops once the job is COMPLETED.
      expect(server.recoveryInstanceID).toBe(ri?.recoveryInstanceID);
      expect(server.endedAt).toBe(logAt('LAUNCH_END', server.sourceServerID));
      expect(server.statusChecksAt).toBeGreaterThan(server.endedAt ?? Number.POSITIVE_INFINITY);
    }
    const app = seen?.servers.find((s) => s.sourceServerID === APP_01);
    expect(app?.statusChecks).toBe('impaired');
    expect(seen?.servers.find((s) => s.sourceServerID === DB_01)?.statusChecks).toBe('ok');
  });

  it('marks a failed server with the time it failed and no instance', async () => {
    h = await start(
      repairedDemo(`
faults:
  servers: { ${DB_01}: { phase: conversion, rawError: "disk conversion failed" } }`),
    );
    const { job } = await h.drs.send(
      new StartRecoveryCommand({ isDrill: true, sourceServers: [{ sourceServerID: DB_01 }] }),
    );
    h.emulator.state.advance(40 * MINUTE);
    const seen = (await timeline()).jobs.find((j) => j.jobID === job?.jobID);
    const server = seen?.servers[0];
    expect(server?.launchStatus).toBe('FAILED');
    expect(server?.endedAt).toBeGreaterThan(seen?.startedAt ?? Number.POSITIVE_INFINITY);
    expect(server?.ec2InstanceID).toBeUndefined();
  });
});
