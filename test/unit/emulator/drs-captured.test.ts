/**
 * The emulator's defaults follow what real DRS was captured doing (emulator/README.md, "Fidelity"),
 * and the `drs:` switches give the other plausible behaviours.
 */
import {
  DescribeRecoveryInstancesCommand,
  DescribeRecoverySnapshotsCommand,
  DescribeSourceServersCommand,
  type Job,
  ListTagsForResourceCommand,
  TerminateRecoveryInstancesCommand,
} from '@aws-sdk/client-drs';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DB_01,
  DB_02,
  DRS_TIME,
  describeJob,
  type Harness,
  jobLog,
  MINUTE,
  repairedDemo,
  SERVER_LAUNCH_EVENTS,
  start,
  startDrill,
  stop,
  timelineOf,
  watchJob,
} from './helpers.js';

let h: Harness;
afterEach(async () => {
  if (h) await stop(h);
});

const drill = (ids: string[], tags?: Record<string, string>) => startDrill(h, ids, tags);

async function recoveryInstancesOf(sourceServerID: string) {
  return (
    (
      await h.drs.send(
        new DescribeRecoveryInstancesCommand({ filters: { sourceServerIDs: [sourceServerID] } }),
      )
    ).items ?? []
  );
}

async function ec2StateOf(instanceId: string): Promise<string | undefined> {
  const out = await h.ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
  return out.Reservations?.[0]?.Instances?.[0]?.State?.Name;
}

async function sourceServer(id: string) {
  return (await h.drs.send(new DescribeSourceServersCommand({ filters: { sourceServerIDs: [id] } })))
    .items?.[0];
}

describe('a launch job over time', () => {
  it('keeps servers PENDING while STARTED, until each is LAUNCHED', async () => {
    h = await start(repairedDemo());
    const job = await drill([DB_01, DB_02]);
    const seen = await watchJob(h, job.jobID!);
    const started = seen.filter((s) => s.job.status === 'STARTED');
    const statuses = new Set(started.flatMap((s) => s.job.participatingServers!.map((p) => p.launchStatus)));
    expect(statuses).toEqual(new Set(['PENDING', 'LAUNCHED']));
    // Each server goes straight from PENDING to LAUNCHED, at a different moment.
    const firstLaunched = (id: string) =>
      seen.findIndex(
        (s) => s.job.participatingServers!.find((p) => p.sourceServerID === id)?.launchStatus === 'LAUNCHED',
      );
    expect(firstLaunched(DB_01)).not.toBe(firstLaunched(DB_02));
    expect(seen.at(-1)?.job.status).toBe('COMPLETED');
  });

  const switches = [
    { mode: 'until-completed', whileStarted: true, afterCompleted: false },
    { mode: 'never', whileStarted: false, afterCompleted: false },
    { mode: 'always', whileStarted: true, afterCompleted: true },
  ] as const;

  for (const { mode, whileStarted, afterCompleted } of switches) {
    it(`drs.recoveryInstanceIdInJob: ${mode} — ${whileStarted ? 'shown' : 'hidden'} while STARTED, ${afterCompleted ? 'kept' : 'gone'} once COMPLETED`, async () => {
      h = await start(repairedDemo(`drs: { recoveryInstanceIdInJob: ${mode} }`));
      const job = await drill([DB_01, DB_02]);
      const seen = await watchJob(h, job.jobID!, { afterMs: 5 * MINUTE });
      const ids = Object.fromEntries(
        (await h.drs.send(new DescribeRecoveryInstancesCommand({}))).items!.map((r) => [
          r.sourceServerID,
          r.recoveryInstanceID,
        ]),
      );
      let launchedWhileStarted = 0;
      let launchedAfterCompleted = 0;
      for (const { job: view } of seen) {
        for (const p of view.participatingServers!) {
          // Never before LAUNCHED, whatever the switch.
          if (p.launchStatus !== 'LAUNCHED') expect(p.recoveryInstanceID).toBeUndefined();
          if (p.launchStatus !== 'LAUNCHED') continue;
          const expected = (view.status === 'COMPLETED' ? afterCompleted : whileStarted)
            ? ids[p.sourceServerID!]
            : undefined;
          expect(p.recoveryInstanceID).toBe(expected);
          if (view.status === 'COMPLETED') launchedAfterCompleted++;
          else launchedWhileStarted++;
        }
      }
      // The walk saw both situations, so the expectations above were exercised.
      expect(launchedWhileStarted).toBeGreaterThan(0);
      expect(launchedAfterCompleted).toBeGreaterThan(0);
      expect(ids[DB_01]).toMatch(/^i-[0-9a-f]{17}$/);
    });
  }
});

describe('the job log as captured', () => {
  it('CONVERSION_END carries conversionServerID, LAUNCH_START only the server, LAUNCH_END the EC2 instance when LAUNCHED', async () => {
    h = await start(repairedDemo());
    const job = await drill([DB_01, DB_02]);
    h.emulator.state.advance(40 * MINUTE);
    const log = await jobLog(h, job.jobID!);
    const instances = (await h.drs.send(new DescribeRecoveryInstancesCommand({}))).items!;
    const timeline = (await timelineOf(h)).jobs.find((j) => j.jobID === job.jobID)!;
    for (const id of [DB_01, DB_02]) {
      const mine = log.filter((l) => l.eventData?.sourceServerID === id);
      expect(mine.map((l) => l.event)).toEqual(SERVER_LAUNCH_EVENTS);
      const [, , convStart, convEnd, launchStart, launchEnd] = mine;
      expect(convStart?.eventData).toEqual({ sourceServerID: id });
      expect(convEnd?.eventData).toEqual({
        sourceServerID: id,
        conversionServerID: expect.stringMatching(/^i-/),
      });
      expect(launchStart?.eventData).toEqual({ sourceServerID: id });
      const ri = instances.find((r) => r.sourceServerID === id)!;
      expect(launchEnd?.eventData).toEqual({ sourceServerID: id, targetInstanceID: ri.ec2InstanceID });
      expect(ri.ec2InstanceID).not.toBe(ri.recoveryInstanceID);
      expect(convEnd?.eventData?.conversionServerID).not.toBe(ri.ec2InstanceID);
      // Logged at the moment the server became LAUNCHED.
      const server = timeline.servers.find((s) => s.sourceServerID === id)!;
      expect(Date.parse(launchEnd!.logDateTime!)).toBe(server.endedAt);
    }
  });

  it('a failed launch logs LAUNCH_FAILED and no LAUNCH_END', async () => {
    h = await start(
      repairedDemo(
        `faults: { servers: { ${DB_01}: { phase: launch, rawError: "InsufficientInstanceCapacity" } } }`,
      ),
    );
    const job = await drill([DB_01]);
    h.emulator.state.advance(40 * MINUTE);
    const events = (await jobLog(h, job.jobID!)).map((l) => l.event);
    expect(events).toContain('LAUNCH_FAILED');
    expect(events).not.toContain('LAUNCH_END');
  });
});

describe('timestamps as DRS renders them', () => {
  it('jobs, log items, recovery instances, snapshots and source servers use six fraction digits and +00:00; EC2 and the control API do not', async () => {
    h = await start(repairedDemo());
    const job = await drill([DB_01]);
    h.emulator.state.advance(40 * MINUTE);
    const done = await describeJob(h, job.jobID!);
    const [ri] = await recoveryInstancesOf(DB_01);
    const snapshots = (await h.drs.send(new DescribeRecoverySnapshotsCommand({ sourceServerID: DB_01 })))
      .items!;
    const server = await sourceServer(DB_01);
    const times = [
      job.creationDateTime,
      done.creationDateTime,
      done.endDateTime,
      ...(await jobLog(h, job.jobID!)).map((l) => l.logDateTime),
      ri?.pointInTimeSnapshotDateTime,
      ri?.recoveryInstanceProperties?.lastUpdatedDateTime,
      ...snapshots.flatMap((s) => [s.timestamp, s.expectedTimestamp]),
      server?.lifeCycle?.addedToServiceDateTime,
      server?.lifeCycle?.lastSeenByServiceDateTime,
      server?.lifeCycle?.lastLaunch?.initiated?.apiCallDateTime,
      server?.sourceProperties?.lastUpdatedDateTime,
    ];
    for (const t of times) {
      // The SDK hands them over as the strings DRS sent.
      expect(typeof t).toBe('string');
      expect(t).toMatch(DRS_TIME);
      expect(Number.isFinite(Date.parse(t!))).toBe(true);
    }
    // The same instant always reads the same, and the microseconds keep the millisecond.
    expect(done.creationDateTime).toBe(job.creationDateTime);
    expect(Date.parse(job.creationDateTime!)).toBe(Date.parse('2025-06-02T09:00:00Z'));
    expect(Date.parse(done.endDateTime!)).toBe((await timelineOf(h)).jobs[0]?.endedAt);

    // EC2 keeps its own XML times, which the SDK parses into a Date.
    const res = await fetch(h.emulator.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20250602/us-east-1/ec2/aws4_request',
      },
      body: `Action=DescribeInstances&Version=2016-11-15&InstanceId.1=${ri!.ec2InstanceID}`,
    });
    expect(await res.text()).toMatch(/<launchTime>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z<\/launchTime>/);
    const ec2 = await h.ec2.send(new DescribeInstancesCommand({ InstanceIds: [ri!.ec2InstanceID!] }));
    expect(ec2.Reservations?.[0]?.Instances?.[0]?.LaunchTime).toBeInstanceOf(Date);

    const state = (await (await fetch(`${h.emulator.url}/_emulator/state`)).json()) as { simTime: string };
    expect(state.simTime).toBe('2025-06-02T09:40:00Z');
  });
});

describe('TERMINATE jobs', () => {
  it('list their servers while running and none once COMPLETED; the log and the control API keep them', async () => {
    h = await start(repairedDemo());
    await drill([DB_01, DB_02]);
    h.emulator.state.advance(40 * MINUTE);
    const instances = (await h.drs.send(new DescribeRecoveryInstancesCommand({}))).items!;
    const { job } = await h.drs.send(
      new TerminateRecoveryInstancesCommand({
        recoveryInstanceIDs: instances.map((r) => r.recoveryInstanceID!),
      }),
    );
    expect(job?.participatingServers).toEqual([
      { sourceServerID: instances[0]!.sourceServerID, launchStatus: 'PENDING' },
      { sourceServerID: instances[1]!.sourceServerID, launchStatus: 'PENDING' },
    ]);
    const seen = await watchJob(h, job!.jobID!);
    for (const { job: view } of seen) {
      if (view.status === 'COMPLETED') expect(view.participatingServers).toEqual([]);
      else expect(view.participatingServers).toHaveLength(2);
    }
    expect(seen.some((s) => s.job.status === 'STARTED')).toBe(true);
    const cleanup = (await jobLog(h, job!.jobID!)).filter((l) => String(l.event).startsWith('CLEANUP_'));
    // targetInstanceID is the EC2 instance, as on the captured LAUNCH_END.
    const ec2Ids = instances.map((r) => r.ec2InstanceID);
    expect(cleanup.map((l) => l.event)).toEqual([
      'CLEANUP_START',
      'CLEANUP_START',
      'CLEANUP_END',
      'CLEANUP_END',
    ]);
    expect(cleanup.slice(0, 2).map((l) => l.eventData?.targetInstanceID)).toEqual(ec2Ids);
    expect(new Set(cleanup.slice(2).map((l) => l.eventData?.targetInstanceID))).toEqual(new Set(ec2Ids));
    const state = (await (await fetch(`${h.emulator.url}/_emulator/state`)).json()) as { jobs: Job[] };
    const truth = state.jobs.find((j) => j.jobID === job!.jobID);
    expect(truth?.participatingServers?.map((p) => p.recoveryInstanceID)).toEqual(
      instances.map((r) => r.recoveryInstanceID),
    );
    const timeline = (await timelineOf(h)).jobs.find((j) => j.jobID === job!.jobID);
    expect(timeline?.servers.map((s) => s.recoveryInstanceID)).toEqual(
      instances.map((r) => r.recoveryInstanceID),
    );
  });

  it('name the recovery instances while running only under recoveryInstanceIdInJob: always', async () => {
    h = await start(repairedDemo('drs: { recoveryInstanceIdInJob: always }'));
    await drill([DB_01]);
    h.emulator.state.advance(40 * MINUTE);
    const [ri] = await recoveryInstancesOf(DB_01);
    const { job } = await h.drs.send(
      new TerminateRecoveryInstancesCommand({ recoveryInstanceIDs: [ri!.recoveryInstanceID!] }),
    );
    expect(job?.participatingServers).toEqual([
      { sourceServerID: DB_01, launchStatus: 'PENDING', recoveryInstanceID: ri!.recoveryInstanceID },
    ]);
  });
});

describe('job tags', () => {
  it('carry DRS’s own resourceArn, with or without caller tags, on launch and terminate jobs', async () => {
    h = await start(repairedDemo());
    const bare = await drill([DB_01]);
    expect(bare.tags).toEqual({ resourceArn: bare.arn });
    const tagged = await drill([DB_02], { 'drs-drill:wave': 'data' });
    expect((await describeJob(h, tagged.jobID!)).tags).toEqual({
      'drs-drill:wave': 'data',
      resourceArn: tagged.arn,
    });
    // ListTagsForResource and the timeline keep to the tags that were put on the job.
    expect((await h.drs.send(new ListTagsForResourceCommand({ resourceArn: tagged.arn! }))).tags).toEqual({
      'drs-drill:wave': 'data',
    });
    expect((await timelineOf(h)).jobs.find((j) => j.jobID === tagged.jobID)?.tags).toEqual({
      'drs-drill:wave': 'data',
    });
    h.emulator.state.advance(40 * MINUTE);
    const [ri] = await recoveryInstancesOf(DB_01);
    const { job } = await h.drs.send(
      new TerminateRecoveryInstancesCommand({ recoveryInstanceIDs: [ri!.recoveryInstanceID!] }),
    );
    expect(job?.tags).toEqual({ resourceArn: job?.arn });
  });
});

describe('a new launch of a server that already has a recovery instance', () => {
  async function twoDrills(extra = '') {
    h = await start(repairedDemo(extra));
    const first = await drill([DB_01]);
    h.emulator.state.advance(40 * MINUTE);
    const [old] = await recoveryInstancesOf(DB_01);
    const second = await drill([DB_01]);
    h.emulator.state.advance(40 * MINUTE);
    return { first, second, old: old! };
  }

  it('previousRecoveryInstance: keep (default) leaves the old recovery and EC2 instance; the server points at the newest', async () => {
    const { second, old } = await twoDrills();
    const all = await recoveryInstancesOf(DB_01);
    expect(all).toHaveLength(2);
    const fresh = all.find((r) => r.jobID === second.jobID)!;
    expect(all.map((r) => r.recoveryInstanceID)).toContain(old.recoveryInstanceID);
    expect(await ec2StateOf(old.ec2InstanceID!)).toBe('running');
    expect((await jobLog(h, second.jobID!)).map((l) => l.event)).not.toContain('CLEANUP_START');
    expect((await sourceServer(DB_01))?.recoveryInstanceId).toBe(fresh.recoveryInstanceID);

    // Terminating the newest points the server back at the one that remains.
    await h.drs.send(
      new TerminateRecoveryInstancesCommand({ recoveryInstanceIDs: [fresh.recoveryInstanceID!] }),
    );
    h.emulator.state.advance(10 * MINUTE);
    expect((await sourceServer(DB_01))?.recoveryInstanceId).toBe(old.recoveryInstanceID);
  });

  it('previousRecoveryInstance: replace terminates the old one inside the new job before its snapshot', async () => {
    const { second, old } = await twoDrills('drs: { previousRecoveryInstance: replace }');
    const all = await recoveryInstancesOf(DB_01);
    expect(all.map((r) => r.jobID)).toEqual([second.jobID]);
    expect(await ec2StateOf(old.ec2InstanceID!)).toBe('terminated');
    const log = await jobLog(h, second.jobID!);
    expect(log.map((l) => l.event).slice(0, 4)).toEqual([
      'JOB_START',
      'CLEANUP_START',
      'CLEANUP_END',
      'SNAPSHOT_START',
    ]);
    for (const l of log.filter((x) => String(x.event).startsWith('CLEANUP_')))
      expect(l.eventData).toEqual({ sourceServerID: DB_01, targetInstanceID: old.ec2InstanceID });
    expect((await sourceServer(DB_01))?.recoveryInstanceId).toBe(all[0]?.recoveryInstanceID);
    const server = (await timelineOf(h)).jobs.find((j) => j.jobID === second.jobID)?.servers[0];
    expect(server?.replaced).toEqual([
      { recoveryInstanceID: old.recoveryInstanceID, ec2InstanceID: old.ec2InstanceID },
    ]);
    expect(server?.launchStatus).toBe('LAUNCHED');
  });

  it('replace also takes a live (non-drill) recovery instance, and only the launched server’s', async () => {
    h = await start(
      repairedDemo(`drs: { previousRecoveryInstance: replace }
recoveryInstances:
  - { id: i-0aaaaaaaaaaaaaaa1, ec2InstanceId: i-0bbbbbbbbbbbbbbb1, sourceServerId: ${DB_02}, isDrill: false }
  - { id: i-0aaaaaaaaaaaaaaa2, ec2InstanceId: i-0bbbbbbbbbbbbbbb2, sourceServerId: ${DB_01}, isDrill: false }`),
    );
    const job = await drill([DB_02]);
    h.emulator.state.advance(30_000);
    // While the cleanup runs, the old instance is shutting down and still listed.
    expect(await ec2StateOf('i-0bbbbbbbbbbbbbbb1')).toBe('shutting-down');
    h.emulator.state.advance(40 * MINUTE);
    expect(await ec2StateOf('i-0bbbbbbbbbbbbbbb1')).toBe('terminated');
    expect((await recoveryInstancesOf(DB_02)).map((r) => r.jobID)).toEqual([job.jobID]);
    expect(await ec2StateOf('i-0bbbbbbbbbbbbbbb2')).toBe('running');
    expect((await recoveryInstancesOf(DB_01)).map((r) => r.recoveryInstanceID)).toEqual([
      'i-0aaaaaaaaaaaaaaa2',
    ]);
  });
});

describe('timings: captured', () => {
  const sec = (a?: string, b?: string) => (Date.parse(b!) - Date.parse(a!)) / 1000;

  it('gives the phase durations of the captured drill', async () => {
    h = await start(repairedDemo('timings: captured'));
    const job = await drill([DB_01, DB_02]);
    h.emulator.state.advance(20 * MINUTE);
    const done = await describeJob(h, job.jobID!);
    expect(done.status).toBe('COMPLETED');
    const log = await jobLog(h, job.jobID!);
    const at = (event: string, id?: string) =>
      log.find((l) => l.event === event && (!id || l.eventData?.sourceServerID === id))?.logDateTime;
    expect(sec(job.creationDateTime, at('JOB_START'))).toBeGreaterThanOrEqual(0.3);
    expect(sec(job.creationDateTime, at('JOB_START'))).toBeLessThanOrEqual(0.4);
    const within = (value: number, lo: number, hi: number) => {
      expect(value).toBeGreaterThanOrEqual(lo);
      expect(value).toBeLessThanOrEqual(hi);
    };
    for (const id of [DB_01, DB_02]) {
      within(sec(at('JOB_START'), at('SNAPSHOT_START', id)), 0.35, 0.45);
      within(sec(at('SNAPSHOT_START', id), at('SNAPSHOT_END', id)), 0.15, 0.25);
      within(sec(at('JOB_START'), at('CONVERSION_START', id)), 50, 54);
      within(sec(at('CONVERSION_START', id), at('CONVERSION_END', id)), 170, 200);
      within(sec(at('CONVERSION_END', id), at('LAUNCH_START', id)), 0.45, 0.75);
      within(sec(at('LAUNCH_START', id), at('LAUNCH_END', id)), 275, 312);
    }
    const lastLaunch = log.filter((l) => String(l.event) === 'LAUNCH_END').at(-1)?.logDateTime;
    within(sec(lastLaunch, at('JOB_END')), 2, 3);
    expect(done.endDateTime).toBe(at('JOB_END'));
    // Whole job: about nine minutes, as both captured jobs.
    within(sec(job.creationDateTime, done.endDateTime), 8 * 60, 10 * 60);
  });
});
