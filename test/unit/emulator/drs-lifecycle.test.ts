import {
  DescribeJobLogItemsCommand,
  DescribeJobsCommand,
  DescribeRecoveryInstancesCommand,
  DescribeRecoverySnapshotsCommand,
  DescribeSourceServersCommand,
  GetLaunchConfigurationCommand,
  ListTagsForResourceCommand,
  StartRecoveryCommand,
  TagResourceCommand,
  TerminateRecoveryInstancesCommand,
  UpdateLaunchConfigurationCommand,
  ValidationException,
} from '@aws-sdk/client-drs';
import { DescribeInstanceStatusCommand, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import {
  APP_01,
  DB_01,
  DB_02,
  type Harness,
  MINUTE,
  repairedDemo,
  SERVER_LAUNCH_EVENTS,
  start,
  stop,
} from './helpers.js';

let h: Harness;
afterEach(async () => {
  if (h) await stop(h);
});

async function drill(ids: string[], extra: { recoverySnapshotID?: string } = {}) {
  const out = await h.drs.send(
    new StartRecoveryCommand({
      isDrill: true,
      sourceServers: ids.map((sourceServerID) => ({ sourceServerID, ...extra })),
      tags: { 'drs-drill:execution-id': 'o/r/1' },
    }),
  );
  return out.job!;
}

describe('a 3-server drill, end to end over the SDK', () => {
  it('walks PENDING → STARTED → COMPLETED with every server LAUNCHED and healthy', async () => {
    h = await start(repairedDemo());
    const job = await drill([DB_01, DB_02, APP_01]);
    expect(job.status).toBe('PENDING');
    expect(job.type).toBe('LAUNCH');
    expect(job.initiatedBy).toBe('START_DRILL');
    expect(job.participatingServers?.map((p) => p.launchStatus)).toEqual(['PENDING', 'PENDING', 'PENDING']);

    h.emulator.state.advance(1 * MINUTE);
    let [seen] = (await h.drs.send(new DescribeJobsCommand({ filters: { jobIDs: [job.jobID!] } }))).items!;
    expect(seen?.status).toBe('STARTED');
    // Real DRS keeps servers PENDING until LAUNCHED or FAILED (no IN_PROGRESS while STARTED).
    expect(seen?.participatingServers?.every((p) => p.launchStatus === 'PENDING')).toBe(true);

    h.emulator.state.advance(20 * MINUTE);
    [seen] = (await h.drs.send(new DescribeJobsCommand({ filters: { jobIDs: [job.jobID!] } }))).items!;
    expect(seen?.status).toBe('COMPLETED');
    expect(seen?.endDateTime).toMatch(/^2025-06-02T09:\d\d:\d\d\.\d{6}\+00:00$/);
    // A COMPLETED job no longer names the recovery instances (default recoveryInstanceIdInJob).
    expect(
      seen?.participatingServers?.every((p) => p.launchStatus === 'LAUNCHED' && !p.recoveryInstanceID),
    ).toBe(true);

    const log = (await h.drs.send(new DescribeJobLogItemsCommand({ jobID: job.jobID! }))).items!;
    const events = log.map((l) => l.event);
    expect(events[0]).toBe('JOB_START');
    expect(events.at(-1)).toBe('JOB_END');
    for (const e of SERVER_LAUNCH_EVENTS) expect(events.filter((x) => x === e)).toHaveLength(3);
    expect(log.find((l) => l.event === 'CONVERSION_END')?.eventData?.conversionServerID).toMatch(
      /^i-[0-9a-f]{17}$/,
    );

    const instances = (await h.drs.send(new DescribeRecoveryInstancesCommand({}))).items!;
    expect(instances).toHaveLength(3);
    const db01 = instances.find((r) => r.sourceServerID === DB_01)!;
    expect(db01.isDrill).toBe(true);
    expect(db01.jobID).toBe(job.jobID);
    // The emulator gives recovery instances and EC2 instances different ids so that mixing them up shows.
    expect(db01.ec2InstanceID).not.toBe(db01.recoveryInstanceID);
    expect(
      log.find((l) => String(l.event) === 'LAUNCH_END' && l.eventData?.sourceServerID === DB_01)?.eventData
        ?.targetInstanceID,
    ).toBe(db01.ec2InstanceID);
    expect(Date.parse(db01.pointInTimeSnapshotDateTime!)).toBeLessThan(Date.parse(seen!.endDateTime!));

    const ec2 = await h.ec2.send(new DescribeInstancesCommand({ InstanceIds: [db01.ec2InstanceID!] }));
    const instance = ec2.Reservations?.[0]?.Instances?.[0];
    expect(instance?.State?.Name).toBe('running');
    expect(instance?.InstanceType).toBe('r6i.large');
    expect(instance?.SubnetId).toBe('subnet-0a1b2c3d4e5f60001');
    expect(instance?.Tags).toContainEqual({ Key: 'AWSElasticDisasterRecoverySourceServerID', Value: DB_01 });

    h.emulator.state.advance(10 * MINUTE);
    const status = await h.ec2.send(
      new DescribeInstanceStatusCommand({ InstanceIds: [db01.ec2InstanceID!], IncludeAllInstances: true }),
    );
    expect(status.InstanceStatuses?.[0]?.InstanceStatus?.Status).toBe('ok');
    expect(status.InstanceStatuses?.[0]?.SystemStatus?.Status).toBe('ok');

    const servers = (
      await h.drs.send(new DescribeSourceServersCommand({ filters: { sourceServerIDs: [DB_01] } }))
    ).items!;
    expect(servers[0]?.recoveryInstanceId).toBe(db01.recoveryInstanceID);
    expect(servers[0]?.lifeCycle?.lastLaunch?.initiated?.jobID).toBe(job.jobID);
  });

  it('puts the StartRecovery tags on the job, readable through ListTagsForResource, and TagResource adds more', async () => {
    h = await start(repairedDemo());
    const job = await drill([DB_01]);
    // DRS adds resourceArn to the job's tags; ListTagsForResource lists only the tags put on it.
    expect(job.tags).toEqual({ 'drs-drill:execution-id': 'o/r/1', resourceArn: job.arn });
    await h.drs.send(new TagResourceCommand({ resourceArn: job.arn!, tags: { extra: 'yes' } }));
    const tags = await h.drs.send(new ListTagsForResourceCommand({ resourceArn: job.arn! }));
    expect(tags.tags).toEqual({ 'drs-drill:execution-id': 'o/r/1', extra: 'yes' });
  });

  it('uses a pinned recovery snapshot: USING_PREVIOUS_SNAPSHOT and that point in time', async () => {
    h = await start(repairedDemo());
    const snaps = (
      await h.drs.send(new DescribeRecoverySnapshotsCommand({ sourceServerID: DB_01, order: 'DESC' }))
    ).items!;
    expect(snaps.length).toBeGreaterThan(1);
    expect(Date.parse(snaps[0]!.timestamp!)).toBeGreaterThan(Date.parse(snaps[1]!.timestamp!));
    const pinned = snaps[2]!;
    const job = await drill([DB_01], { recoverySnapshotID: pinned.snapshotID });
    h.emulator.state.advance(30 * MINUTE);
    const events = (await h.drs.send(new DescribeJobLogItemsCommand({ jobID: job.jobID! }))).items!.map(
      (l) => l.event,
    );
    expect(events).toContain('USING_PREVIOUS_SNAPSHOT');
    expect(events).not.toContain('SNAPSHOT_START');
    const [ri] = (
      await h.drs.send(new DescribeRecoveryInstancesCommand({ filters: { sourceServerIDs: [DB_01] } }))
    ).items!;
    expect(ri?.pointInTimeSnapshotDateTime).toBe(pinned.timestamp);
  });

  it('TerminateRecoveryInstances runs a TERMINATE job that terminates EC2 and removes the recovery instances', async () => {
    h = await start(repairedDemo());
    await drill([DB_01, DB_02]);
    h.emulator.state.advance(30 * MINUTE);
    const instances = (await h.drs.send(new DescribeRecoveryInstancesCommand({}))).items!;
    const ids = instances.map((r) => r.recoveryInstanceID!);
    const { job } = await h.drs.send(new TerminateRecoveryInstancesCommand({ recoveryInstanceIDs: ids }));
    expect(job?.type).toBe('TERMINATE');
    expect(job?.initiatedBy).toBe('TERMINATE_RECOVERY_INSTANCES');
    h.emulator.state.advance(10 * MINUTE);
    const [done] = (await h.drs.send(new DescribeJobsCommand({ filters: { jobIDs: [job!.jobID!] } }))).items!;
    expect(done?.status).toBe('COMPLETED');
    // A COMPLETED TERMINATE job lists no servers; its log still names them.
    expect(done?.participatingServers).toEqual([]);
    const log = (await h.drs.send(new DescribeJobLogItemsCommand({ jobID: job!.jobID! }))).items!;
    expect(log.filter((l) => l.event === 'CLEANUP_END').map((l) => l.eventData?.sourceServerID)).toEqual(
      instances.map((r) => r.sourceServerID),
    );
    expect((await h.drs.send(new DescribeRecoveryInstancesCommand({}))).items).toEqual([]);
    const ec2 = await h.ec2.send(
      new DescribeInstancesCommand({ InstanceIds: instances.map((r) => r.ec2InstanceID!) }),
    );
    expect(ec2.Reservations?.map((r) => r.Instances?.[0]?.State?.Name)).toEqual(['terminated', 'terminated']);
  });

  it('DescribeJobs lists latest first, filters by date and paginates', async () => {
    h = await start(repairedDemo());
    const first = await drill([DB_01]);
    h.emulator.state.advance(1 * MINUTE);
    const second = await drill([DB_02]);
    h.emulator.state.advance(1 * MINUTE);
    const third = await drill([APP_01]);
    const page1 = await h.drs.send(new DescribeJobsCommand({ maxResults: 2 }));
    expect(page1.items?.map((j) => j.jobID)).toEqual([third.jobID, second.jobID]);
    const page2 = await h.drs.send(new DescribeJobsCommand({ maxResults: 2, nextToken: page1.nextToken }));
    expect(page2.items?.map((j) => j.jobID)).toEqual([first.jobID]);
    expect(page2.nextToken).toBeUndefined();
    // The model's pattern only admits `…Z`: a returned `+00:00` time must be rewritten to filter by it.
    const fromDate = new Date(second.creationDateTime!).toISOString();
    const since = await h.drs.send(new DescribeJobsCommand({ filters: { fromDate } }));
    expect(since.items?.map((j) => j.jobID)).toEqual([third.jobID, second.jobID]);
    await expect(
      h.drs.send(new DescribeJobsCommand({ filters: { fromDate: second.creationDateTime } })),
    ).rejects.toBeInstanceOf(ValidationException);
  });

  it('Get/UpdateLaunchConfiguration read and write the DRS half of the launch configuration', async () => {
    h = await start(repairedDemo());
    const before = await h.drs.send(new GetLaunchConfigurationCommand({ sourceServerID: DB_01 }));
    expect(before.ec2LaunchTemplateID).toBe('lt-0d3e0000000000001');
    const after = await h.drs.send(
      new UpdateLaunchConfigurationCommand({
        sourceServerID: DB_01,
        copyTags: true,
        launchDisposition: 'STOPPED',
        targetInstanceTypeRightSizingMethod: 'NONE',
        licensing: { osByol: true },
      }),
    );
    expect(after).toMatchObject({
      copyTags: true,
      launchDisposition: 'STOPPED',
      targetInstanceTypeRightSizingMethod: 'NONE',
      licensing: { osByol: true },
    });
    expect(
      (await h.drs.send(new GetLaunchConfigurationCommand({ sourceServerID: DB_01 }))).launchDisposition,
    ).toBe('STOPPED');
  });

  it('launchDisposition STOPPED leaves the launched instance stopped', async () => {
    h = await start(repairedDemo());
    await h.drs.send(
      new UpdateLaunchConfigurationCommand({ sourceServerID: DB_01, launchDisposition: 'STOPPED' }),
    );
    await drill([DB_01]);
    h.emulator.state.advance(30 * MINUTE);
    const [ri] = (await h.drs.send(new DescribeRecoveryInstancesCommand({}))).items!;
    expect(ri?.ec2InstanceState).toBe('STOPPED');
  });

  it('is deterministic for a seed: two runs give the same log timestamps', async () => {
    const run = async () => {
      h = await start(repairedDemo());
      const job = await drill([DB_01, DB_02]);
      h.emulator.state.advance(30 * MINUTE);
      const log = (await h.drs.send(new DescribeJobLogItemsCommand({ jobID: job.jobID! }))).items!;
      await stop(h);
      return { jobID: job.jobID, log };
    };
    const a = await run();
    const b = await run();
    expect(b).toEqual(a);
    h = await start(repairedDemo());
  });
});
