/**
 * The DRS/EC2 behaviour the engine relies on, pinned once and run against both simulators (the
 * in-memory fake in the unit project, the emulator in the e2e project), so the two cannot drift apart.
 * It talks only through the engine's gateways (src/aws/gateways.ts). Where it pins a shape real DRS was
 * seen answering, drs-facts.md §8 is the source.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Job, JobLog } from '../../src/aws/gateways.js';
import { DRS_TIME, SERVER_LAUNCH_EVENTS } from '../unit/emulator/helpers.js';
import type { ContractTarget, ContractTargets } from './targets.js';
import { loadContractEstate } from './targets.js';

const estate = loadContractEstate();
const [DB, APP] = estate.servers;
const A = DB?.sourceServerID ?? '';
const B = APP?.sourceServerID ?? '';
const LT_A = DB?.launchTemplateId ?? '';
const LT_B = APP?.launchTemplateId ?? '';
const SUBNET = estate.subnets[0]?.subnetId ?? '';
const GROUP = estate.securityGroups[0]?.groupId ?? '';
const OUR_TAGS = { 'drs-drill:execution-id': 'contract/1', 'drs-drill:wave': 'data' };
const STEP_SECONDS = 15;
const PHASES = SERVER_LAUNCH_EVENTS;

/** Polls the job every STEP_SECONDS of simulated time until it is COMPLETED; returns every view seen. */
async function untilCompleted(t: ContractTarget, first: Job): Promise<Job[]> {
  const seen = [first];
  for (let i = 0; i < 200 && seen.at(-1)?.status !== 'COMPLETED'; i++) {
    await t.advance(STEP_SECONDS);
    const [job] = await t.drs.describeJobs([first.jobID ?? '']);
    if (!job) throw new Error(`job ${first.jobID} vanished`);
    seen.push(job);
  }
  return seen;
}

function distinct<T>(values: T[]): T[] {
  return values.filter((v, i) => i === 0 || values[i - 1] !== v);
}

async function completedDrill(t: ContractTarget): Promise<{ job: Job; views: Job[] }> {
  const started = await t.drs.startRecovery({
    sourceServers: [{ sourceServerID: A }, { sourceServerID: B }],
    isDrill: true,
    tags: OUR_TAGS,
  });
  const views = await untilCompleted(t, started);
  return { job: views.at(-1) ?? started, views };
}

function eventsOf(log: JobLog[], serverId: string): string[] {
  return log.filter((e) => e.eventData?.sourceServerID === serverId).map((e) => String(e.event));
}

export function describeGatewayContract(name: string, makeTargets: () => ContractTargets): void {
  describe(`gateway contract: ${name}`, () => {
    const targets = makeTargets();
    let t: ContractTarget;
    beforeEach(async () => {
      t = await targets.open();
    });
    afterAll(() => targets.close());

    it('lists every source server, across DRS pages', async () => {
      const servers = await t.drs.describeAllSourceServers();
      expect(servers.length).toBeGreaterThan(100);
      expect(new Set(servers.map((s) => s.sourceServerID))).toEqual(
        new Set(estate.servers.map((s) => s.sourceServerID)),
      );
      const db = servers.find((s) => s.sourceServerID === A);
      expect(db?.sourceProperties?.identificationHints?.hostname).toBe(DB?.hostname);
      expect(db?.sourceProperties?.networkInterfaces?.[0]?.ips).toEqual([DB?.sourceIp]);
    });

    it('reads launch configurations, writes the given fields and reads them back; unknown servers are not found', async () => {
      const before = await t.drs.getLaunchConfiguration(A);
      expect(before).toMatchObject({ sourceServerID: A, ec2LaunchTemplateID: LT_A, copyTags: false });
      const written = await t.drs.updateLaunchConfiguration({
        sourceServerID: A,
        copyTags: true,
        launchDisposition: 'STOPPED',
        licensing: { osByol: true },
      });
      expect(written).toMatchObject({
        copyTags: true,
        launchDisposition: 'STOPPED',
        licensing: { osByol: true },
      });
      expect(await t.drs.getLaunchConfiguration(A)).toMatchObject({
        ec2LaunchTemplateID: LT_A,
        copyTags: true,
        launchDisposition: 'STOPPED',
      });
      await expect(t.drs.getLaunchConfiguration('s-0000000000000dead')).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
    });

    it('right-sizing and copy-private-IP write a new default template version; other settings do not', async () => {
      const v0 = await t.ec2.describeDefaultLaunchTemplateVersion(LT_A);
      await t.drs.updateLaunchConfiguration({ sourceServerID: A, copyTags: true });
      expect((await t.ec2.describeDefaultLaunchTemplateVersion(LT_A)).VersionNumber).toBe(v0.VersionNumber);
      await t.drs.updateLaunchConfiguration({ sourceServerID: A, copyPrivateIp: true });
      const v1 = await t.ec2.describeDefaultLaunchTemplateVersion(LT_A);
      expect(v1.VersionNumber).toBeGreaterThan(v0.VersionNumber ?? 0);
      expect(v1.LaunchTemplateData?.NetworkInterfaces?.[0]).toMatchObject({
        SubnetId: SUBNET,
        PrivateIpAddress: DB?.sourceIp,
      });
      await t.drs.updateLaunchConfiguration({
        sourceServerID: A,
        targetInstanceTypeRightSizingMethod: 'BASIC',
      });
      const v2 = await t.ec2.describeDefaultLaunchTemplateVersion(LT_A);
      expect(v2.VersionNumber).toBeGreaterThan(v1.VersionNumber ?? 0);
      expect(v2.LaunchTemplateData?.InstanceType).toBe(DB?.recommendedInstanceType);
      await t.drs.updateLaunchConfiguration({ sourceServerID: A, copyPrivateIp: false });
      const v3 = await t.ec2.describeDefaultLaunchTemplateVersion(LT_A);
      expect(v3.LaunchTemplateData?.NetworkInterfaces?.[0]?.PrivateIpAddress).toBeUndefined();
    });

    it('lists every template’s default version in one read; an unknown id is simply absent', async () => {
      const one = await t.ec2.describeDefaultLaunchTemplateVersion(LT_B);
      const many = await t.ec2.describeDefaultVersionsOf([LT_A, LT_B, 'lt-0000000000000dead'], 5);
      expect([...many.keys()].sort()).toEqual([LT_A, LT_B].sort());
      expect(many.get(LT_B)).toEqual(one);
      expect(many.get(LT_B)?.DefaultVersion).toBe(true);
      expect(await t.ec2.describeDefaultVersionsOf([LT_A], 0)).toEqual(new Map());
    });

    it('a template update makes a new default version from the source, once per client token', async () => {
      const v0 = await t.ec2.describeDefaultLaunchTemplateVersion(LT_B);
      expect(v0.VersionNumber).toBe(2);
      const source = v0.VersionNumber ?? 0;
      const made = await t.ec2.updateLaunchTemplate(
        LT_B,
        source,
        { instanceType: 'c6i.large' },
        'contract-token-1',
      );
      expect(made).toBe(3);
      const now = await t.ec2.describeDefaultLaunchTemplateVersion(LT_B);
      expect(now.VersionNumber).toBe(made);
      expect(now.LaunchTemplateData?.InstanceType).toBe('c6i.large');
      expect(now.LaunchTemplateData?.NetworkInterfaces?.[0]).toMatchObject({
        SubnetId: SUBNET,
        Groups: [GROUP],
      });
      const again = await t.ec2.updateLaunchTemplate(
        LT_B,
        source,
        { instanceType: 'c6i.large' },
        'contract-token-1',
      );
      expect(again).toBe(made);
      expect((await t.ec2.describeDefaultLaunchTemplateVersion(LT_B)).VersionNumber).toBe(made);
      await expect(t.ec2.describeDefaultLaunchTemplateVersion('lt-0fffffffffffffff0')).rejects.toMatchObject({
        name: 'InvalidLaunchTemplateId.NotFound',
      });
    });

    it('describes subnets and security groups; one unknown id fails the call', async () => {
      expect(await t.ec2.describeSubnets([SUBNET])).toEqual([
        expect.objectContaining({
          SubnetId: SUBNET,
          VpcId: estate.subnets[0]?.vpcId,
          CidrBlock: '10.0.1.0/24',
        }),
      ]);
      expect(await t.ec2.describeSecurityGroups([GROUP])).toEqual([
        expect.objectContaining({ GroupId: GROUP, VpcId: estate.securityGroups[0]?.vpcId }),
      ]);
      await expect(t.ec2.describeSubnets([SUBNET, 'subnet-0fffffffffffffff0'])).rejects.toMatchObject({
        name: 'InvalidSubnetID.NotFound',
      });
      await expect(t.ec2.describeSecurityGroups(['sg-0fffffffffffffff0'])).rejects.toMatchObject({
        name: 'InvalidGroup.NotFound',
      });
    });

    it('a drill job goes PENDING → STARTED → COMPLETED; its servers stay PENDING until LAUNCHED', async () => {
      const { job, views } = await completedDrill(t);
      const [first] = views;
      expect(first).toMatchObject({ status: 'PENDING', type: 'LAUNCH', initiatedBy: 'START_DRILL' });
      expect(distinct(views.map((v) => v.status))).toEqual(['PENDING', 'STARTED', 'COMPLETED']);
      for (const view of views) {
        for (const p of view.participatingServers ?? []) {
          expect(['PENDING', 'LAUNCHED']).toContain(p.launchStatus);
          if (p.launchStatus === 'PENDING') expect(p.recoveryInstanceID).toBeUndefined();
        }
      }
      // A COMPLETED job names its servers but no longer their recovery instances (drs-facts §8).
      expect(job.participatingServers).toEqual(
        expect.arrayContaining([
          expect.not.objectContaining({ recoveryInstanceID: expect.anything() }),
          expect.objectContaining({ sourceServerID: A, launchStatus: 'LAUNCHED' }),
          expect.objectContaining({ sourceServerID: B, launchStatus: 'LAUNCHED' }),
        ]),
      );
      expect(job.participatingServers?.some((p) => p.recoveryInstanceID !== undefined)).toBe(false);
      expect(job.creationDateTime).toMatch(DRS_TIME);
      expect(job.endDateTime).toMatch(DRS_TIME);
    });

    it('jobs keep our tags beside DRS’s own resourceArn, and are found again by creation time', async () => {
      const from = new Date(Date.parse(estate.startTime) - 60_000).toISOString();
      const job = await t.drs.startRecovery({
        sourceServers: [{ sourceServerID: A }],
        isDrill: true,
        tags: OUR_TAGS,
      });
      expect(job.tags).toMatchObject(OUR_TAGS);
      expect(job.tags?.resourceArn).toContain(job.jobID);
      const [again] = await t.drs.describeJobs([job.jobID ?? '']);
      expect(again?.tags).toMatchObject(OUR_TAGS);
      const since = await t.drs.describeJobsSince(from);
      expect(since.map((j) => j.jobID)).toContain(job.jobID);
    });

    it('logs every phase per server, LAUNCH_END naming the EC2 instance, between JOB_START and JOB_END', async () => {
      const { job } = await completedDrill(t);
      const log = await t.drs.describeJobLogItems(job.jobID ?? '');
      expect(log[0]?.event).toBe('JOB_START');
      expect(log.at(-1)?.event).toBe('JOB_END');
      const instants = log.map((e) => Date.parse(e.logDateTime ?? ''));
      expect(instants).toEqual([...instants].sort((x, y) => x - y));
      const instances = await t.drs.describeRecoveryInstances({ sourceServerIds: [A, B] });
      for (const id of [A, B]) {
        expect(eventsOf(log, id).filter((e) => PHASES.includes(e))).toEqual(PHASES);
        const end = log.find(
          (e) => e.event === ('LAUNCH_END' as never) && e.eventData?.sourceServerID === id,
        );
        const ri = instances.find((r) => r.sourceServerID === id && r.jobID === job.jobID);
        expect(end?.eventData?.targetInstanceID).toBe(ri?.ec2InstanceID);
        const conversion = log.find(
          (e) => e.event === 'CONVERSION_END' && e.eventData?.sourceServerID === id,
        );
        expect(conversion?.eventData?.conversionServerID).toBeTruthy();
      }
    });

    it('finds the recovery instances by source server and job; their ids are not the EC2 ids', async () => {
      const { job } = await completedDrill(t);
      const bySource = await t.drs.describeRecoveryInstances({ sourceServerIds: [A, B] });
      expect(bySource).toHaveLength(2);
      for (const ri of bySource) {
        expect(ri).toMatchObject({ jobID: job.jobID, isDrill: true, ec2InstanceState: 'RUNNING' });
        expect(ri.ec2InstanceID).toMatch(/^i-/);
        expect(ri.recoveryInstanceID).not.toBe(ri.ec2InstanceID);
        expect(ri.pointInTimeSnapshotDateTime).toMatch(DRS_TIME);
      }
      const one = bySource[0]?.recoveryInstanceID ?? '';
      const byId = await t.drs.describeRecoveryInstances({ recoveryInstanceIds: [one] });
      expect(byId.map((r) => r.recoveryInstanceID)).toEqual([one]);
    });

    it('EC2 shows the launched instance running and its status checks pass after boot', async () => {
      await completedDrill(t);
      const [ri] = await t.drs.describeRecoveryInstances({ sourceServerIds: [A] });
      const ec2Id = ri?.ec2InstanceID ?? '';
      const [instance] = await t.ec2.describeInstances([ec2Id]);
      expect(instance).toMatchObject({ InstanceId: ec2Id, State: { Name: 'running' } });
      await t.advance(600);
      const [status] = await t.ec2.describeInstanceStatus([ec2Id]);
      expect(status).toMatchObject({
        InstanceId: ec2Id,
        InstanceState: { Name: 'running' },
        InstanceStatus: { Status: 'ok' },
        SystemStatus: { Status: 'ok' },
      });
    });

    it('a server already in an active job refuses a second job and launch-setting changes (ConflictException)', async () => {
      await t.drs.startRecovery({ sourceServers: [{ sourceServerID: A }], isDrill: true, tags: OUR_TAGS });
      const second = t.drs.startRecovery({ sourceServers: [{ sourceServerID: A }], isDrill: true, tags: {} });
      await expect(second).rejects.toMatchObject({ name: 'ConflictException' });
      await expect(
        t.drs.updateLaunchConfiguration({ sourceServerID: A, copyTags: true }),
      ).rejects.toMatchObject({
        name: 'ConflictException',
      });
    });

    it('terminating makes a TERMINATE job that lists no servers once COMPLETED; the instances are gone', async () => {
      await completedDrill(t);
      const [ri] = await t.drs.describeRecoveryInstances({ sourceServerIds: [A] });
      const terminate = await t.drs.terminateRecoveryInstances([ri?.recoveryInstanceID ?? '']);
      expect(terminate).toMatchObject({ type: 'TERMINATE', initiatedBy: 'TERMINATE_RECOVERY_INSTANCES' });
      const views = await untilCompleted(t, terminate);
      expect(views.at(-1)?.participatingServers).toEqual([]);
      expect(await t.drs.describeRecoveryInstances({ sourceServerIds: [A] })).toEqual([]);
      expect(await t.drs.describeRecoveryInstances({ sourceServerIds: [B] })).toHaveLength(1);
      const left = await t.ec2.describeInstances([ri?.ec2InstanceID ?? '']);
      expect(left.every((i) => i.State?.Name === 'terminated')).toBe(true);
      await expect(t.drs.terminateRecoveryInstances(['i-0fffffffffffffff0'])).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
    });
  });
}
