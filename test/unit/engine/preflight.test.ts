import { describe, expect, it } from 'vitest';
import { parseIsoDuration } from '../../../src/core/durations.js';
import { DeadlineError } from '../../../src/engine/deadline.js';
import { ipv4InCidr, parseIpv4, parseIpv4Cidr, primarySourceIp } from '../../../src/engine/network.js';
import { checkDeferredWave, replicationFindings, runPreflight } from '../../../src/engine/preflight.js';
import { READ_CONCURRENCY } from '../../../src/engine/preflight-waves.js';
import { concurrentWaveGroups } from '../../../src/engine/resolve.js';
import { fixedClock, healthyEstate, plan, sourceServer, spec, wave } from '../../support/builders.js';
import { writesOf } from '../../support/fake-aws.js';

describe('IPv4 CIDR arithmetic', () => {
  it('parses addresses and rejects malformed ones', () => {
    expect(parseIpv4('10.0.1.10')).toBe(167772426);
    expect(parseIpv4('255.255.255.255')).toBe(2 ** 32 - 1);
    for (const bad of ['10.0.1', '10.0.1.256', '10.0.1.a', '1.2.3.4.5', '', '::1'])
      expect(parseIpv4(bad)).toBeUndefined();
  });

  it('parses CIDRs, clearing host bits', () => {
    expect(parseIpv4Cidr('10.0.1.77/24')).toEqual({ network: parseIpv4('10.0.1.0'), prefixLength: 24 });
    expect(parseIpv4Cidr('10.0.0.0/33')).toBeUndefined();
    expect(parseIpv4Cidr('10.0.0.0')).toBeUndefined();
  });

  it('tests membership at the block edges, including /0, /32 and the top of the space', () => {
    expect(ipv4InCidr('10.0.1.0', '10.0.1.0/24')).toBe(true);
    expect(ipv4InCidr('10.0.1.255', '10.0.1.0/24')).toBe(true);
    expect(ipv4InCidr('10.0.2.0', '10.0.1.0/24')).toBe(false);
    expect(ipv4InCidr('10.0.0.255', '10.0.1.0/24')).toBe(false);
    expect(ipv4InCidr('192.168.7.9', '0.0.0.0/0')).toBe(true);
    expect(ipv4InCidr('172.16.0.5', '172.16.0.5/32')).toBe(true);
    expect(ipv4InCidr('172.16.0.6', '172.16.0.5/32')).toBe(false);
    expect(ipv4InCidr('255.255.255.254', '255.255.255.0/24')).toBe(true);
    expect(ipv4InCidr('10.0.0.1', 'garbage')).toBe(false);
  });

  it('takes the primary interface IPv4 of the source server', () => {
    const s = sourceServer('s-1', {
      sourceProperties: {
        networkInterfaces: [
          { isPrimary: false, ips: ['10.9.9.9'] },
          { isPrimary: true, ips: ['fe80::1', '10.0.1.20'] },
        ],
      },
    });
    expect(primarySourceIp(s)).toBe('10.0.1.20');
  });
});

describe('parseIsoDuration', () => {
  it.each([
    ['PT0S', 0],
    ['PT5S', 5],
    ['PT1M30S', 90],
    ['PT1.5S', 1.5],
    ['PT2H', 7200],
    ['P1DT2H', 93600],
    ['P1W', 604800],
  ])('%s is %d seconds', (text, seconds) => expect(parseIsoDuration(text)).toBe(seconds));

  it.each(['', 'P', 'PT', '5m', 'PT5', 'P1H', 'PT-5S'])('rejects %j', (text) =>
    expect(parseIsoDuration(text)).toBeUndefined(),
  );
});

describe('replicationFindings', () => {
  const withState = (state: string, extra = {}) =>
    sourceServer('s-1', { dataReplicationInfo: { dataReplicationState: state as 'CONTINUOUS', ...extra } });

  it('accepts CONTINUOUS, warns on catching-up states, fails the rest', () => {
    expect(replicationFindings(withState('CONTINUOUS'), undefined)).toEqual([]);
    for (const s of ['BACKLOG', 'CREATING_SNAPSHOT', 'RESCAN']) {
      expect(replicationFindings(withState(s), undefined).map((f) => f.level)).toEqual(['warning']);
    }
    for (const s of ['STALLED', 'DISCONNECTED', 'STOPPED', 'PAUSED', 'INITIATING', 'INITIAL_SYNC']) {
      expect(replicationFindings(withState(s), undefined).map((f) => f.level)).toEqual(['error']);
    }
  });

  it('fails on a replication error and on lag beyond the RPO', () => {
    const broken = withState('CONTINUOUS', {
      dataReplicationError: { error: 'AGENT_NOT_SEEN', rawError: 'gone' },
    });
    expect(replicationFindings(broken, undefined)[0]?.message).toContain('AGENT_NOT_SEEN: gone');
    expect(replicationFindings(withState('CONTINUOUS', { lagDuration: 'PT20M' }), 900)[0]?.message).toContain(
      'exceeds',
    );
    expect(replicationFindings(withState('CONTINUOUS', { lagDuration: 'PT10M' }), 900)).toEqual([]);
  });
});

describe('concurrentWaveGroups', () => {
  it('puts waves at the same dependency depth together', () => {
    const p = plan([
      wave('data', []),
      wave('app', [], { dependsOn: ['data'] }),
      wave('cache', [], { dependsOn: ['data'] }),
      wave('web', [], { dependsOn: ['app', 'cache'] }),
    ]);
    expect(concurrentWaveGroups(p)).toEqual([['data'], ['app', 'cache'], ['web']]);
  });
});

const A = 's-a0000000000000001';
const B = 's-b0000000000000002';
const C = 's-c0000000000000003';

function estate() {
  return healthyEstate([
    sourceServer(A, { hostname: 'db-01' }),
    sourceServer(B, { hostname: 'app-01' }),
    sourceServer(C, { hostname: 'web-01' }),
  ]);
}

function threeWaves() {
  return plan([
    wave('data', [spec({ kind: 'id', sourceServerId: A })]),
    wave('app', [spec({ kind: 'hostname', hostname: 'app-01' })], { dependsOn: ['data'] }),
    wave('web', [spec({ kind: 'hostname', hostname: 'web-01' })], { dependsOn: ['app'] }),
  ]);
}

describe('runPreflight', () => {
  it('passes a healthy estate with no problems, no drift and no writes', async () => {
    const { drs, ec2 } = estate();
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, threeWaves(), { mode: 'drill' });
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.drift).toEqual([]);
    expect(result.executionPlan?.waves.map((w) => w.servers.map((s) => s.sourceServerId))).toEqual([
      [A],
      [B],
      [C],
    ]);
    expect(drs.calls.find((c) => c.method === 'describeJobsSince')?.args).toEqual([
      '2026-02-22T12:00:00.000Z',
    ]);
    expect(writesOf(drs, ec2)).toEqual([]);
  });

  it('reports every failure together, each naming the server and a fix, and writes nothing', async () => {
    const { drs, ec2 } = estate();
    // A: replication stalled. B: security group from another VPC, and copyPrivateIp outside the subnet.
    // C: pinned snapshot that does not exist. Plus a selector matching nothing.
    drs.sourceServers[0] = sourceServer(A, {
      hostname: 'db-01',
      dataReplicationInfo: { dataReplicationState: 'STALLED' },
    });
    ec2.templates.get(`lt-${B}`)!.LaunchTemplateData!.NetworkInterfaces![0]!.Groups = ['sg-b'];
    drs.launchConfigs.get(B)!.copyPrivateIp = true;
    drs.sourceServers[1] = sourceServer(B, { hostname: 'app-01', ip: '10.0.2.5' });
    drs.snapshots.set(C, [
      { snapshotID: 'pit-11111111111111111', sourceServerID: C, expectedTimestamp: 'x' },
    ]);
    const p = plan([
      wave('data', [
        spec({ kind: 'id', sourceServerId: A }),
        spec({ kind: 'tags', tags: { Missing: 'yes' } }),
      ]),
      wave('app', [spec({ kind: 'id', sourceServerId: B })]),
      wave('web', [spec({ kind: 'id', sourceServerId: C }, { snapshot: 'pit-22222222222222222' })]),
    ]);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, p, { mode: 'drill' });
    const messages = result.problems.map((x) => x.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/matches no DRS source server/),
        expect.stringMatching(new RegExp(`${A} \\(db-01\\): replication state is STALLED`)),
        expect.stringMatching(
          new RegExp(`${B} \\(app-01\\): security group sg-b is in vpc-b, but subnet subnet-a is in vpc-a`),
        ),
        expect.stringMatching(/source IP 10\.0\.2\.5 is outside subnet subnet-a \(10\.0\.1\.0\/24\)/),
        expect.stringMatching(
          new RegExp(`${C} \\(web-01\\): pinned snapshot pit-22222222222222222 does not exist`),
        ),
      ]),
    );
    expect(result.problems).toHaveLength(5);
    for (const problem of result.problems) {
      expect(problem.fix).toBeTruthy();
      expect(problem.position?.file).toBe('plan.yaml');
    }
    expect(writesOf(drs, ec2)).toEqual([]);
  });

  it('checks the template as the plan will leave it: planned subnet and groups replace the current ones', async () => {
    const { drs, ec2 } = estate();
    const p = plan([
      wave('w', [
        spec(
          { kind: 'id', sourceServerId: A },
          { template: { subnetId: 'subnet-b', securityGroupIds: ['sg-b'] } },
        ),
      ]),
    ]);
    const ok = await runPreflight({ drs, ec2, clock: fixedClock }, p, { mode: 'drill' });
    expect(ok.problems).toEqual([]);
    expect(ok.drift).toEqual([
      {
        sourceServerId: A,
        hostname: 'db-01',
        launchTemplateId: `lt-${A}`,
        templateVersion: 1,
        changes: [
          { target: 'template', field: 'subnetId', from: 'subnet-a', to: 'subnet-b' },
          { target: 'template', field: 'securityGroupIds', from: ['sg-a'], to: ['sg-b'] },
        ],
        desired: { launch: {}, template: { subnetId: 'subnet-b', securityGroupIds: ['sg-b'] } },
      },
    ]);
    // Subnet b with group a (vpc-a) is a mismatch the plan itself would create.
    const bad = plan([
      wave('w', [spec({ kind: 'id', sourceServerId: A }, { template: { subnetId: 'subnet-b' } })]),
    ]);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, bad, { mode: 'drill' });
    expect(result.problems.map((x) => x.message)).toEqual([
      expect.stringContaining('sg-a is in vpc-a, but subnet subnet-b'),
    ]);
  });

  it('reports a missing subnet, an unknown security group, no template and no subnet at all', async () => {
    const { drs, ec2 } = estate();
    ec2.templates.get(`lt-${A}`)!.LaunchTemplateData!.NetworkInterfaces![0]!.SubnetId = 'subnet-gone';
    ec2.templates.get(`lt-${B}`)!.LaunchTemplateData = { InstanceType: 'm6i.large' };
    drs.launchConfigs.get(C)!.ec2LaunchTemplateID = undefined;
    const p = plan([
      wave('w', [
        spec({ kind: 'id', sourceServerId: A }),
        spec({ kind: 'id', sourceServerId: B }),
        spec({ kind: 'id', sourceServerId: C }, { template: { securityGroupIds: ['sg-zzz'] } }),
      ]),
    ]);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, p, { mode: 'drill' });
    const messages = result.problems.map((x) => x.message);
    expect(messages).toEqual([
      expect.stringMatching(/subnet subnet-gone cannot be used: The subnet ID 'subnet-gone' does not exist/),
      expect.stringMatching(new RegExp(`${B} .*launch template lt-${B} has no subnet`)),
      expect.stringMatching(new RegExp(`${C} .*has no EC2 launch template`)),
    ]);
  });

  it('fails a server already in an active job, and a full job quota; only warns in validate mode', async () => {
    const { drs, ec2 } = estate();
    drs.cannedJobs = [
      {
        jobID: 'drsjob-busy0000000000001',
        status: 'STARTED',
        type: 'LAUNCH',
        participatingServers: [{ sourceServerID: B }],
      },
      ...Array.from({ length: 19 }, (_, i) => ({
        jobID: `drsjob-other${i}`,
        status: 'PENDING' as const,
        participatingServers: [],
      })),
      { jobID: 'drsjob-done', status: 'COMPLETED', participatingServers: [{ sourceServerID: A }] },
    ];
    const drill = await runPreflight({ drs, ec2, clock: fixedClock }, threeWaves(), { mode: 'drill' });
    expect(drill.activeJobs).toEqual({ jobs: 20, servers: 1 });
    expect(drill.problems.map((x) => x.message)).toEqual([
      expect.stringContaining(`${B} (app-01): is already in active DRS job drsjob-busy0000000000001`),
      expect.stringContaining('20 DRS jobs are already active'),
    ]);
    const validate = await runPreflight({ drs, ec2, clock: fixedClock }, threeWaves(), { mode: 'validate' });
    expect(validate.problems).toEqual([]);
    expect(validate.warnings).toHaveLength(2);
  });

  it('fails a wave that cannot fit beside the servers already in active jobs', async () => {
    const { drs, ec2 } = estate();
    drs.cannedJobs = [
      {
        jobID: 'drsjob-big',
        status: 'STARTED',
        participatingServers: Array.from({ length: 499 }, (_, i) => ({ sourceServerID: `s-x${i}` })),
      },
    ];
    const p = plan([
      wave('two', [spec({ kind: 'id', sourceServerId: A }), spec({ kind: 'id', sourceServerId: B })]),
    ]);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, p, { mode: 'recovery' });
    expect(result.problems.map((x) => x.message)).toEqual([
      expect.stringContaining('499 are already in active DRS jobs'),
    ]);
  });

  it('warns when the plan sets an instance type that right-sizing would overwrite, and on a lagging state', async () => {
    const { drs, ec2 } = estate();
    drs.sourceServers[0] = sourceServer(A, {
      hostname: 'db-01',
      dataReplicationInfo: { dataReplicationState: 'BACKLOG' },
    });
    const p = plan([
      wave('w', [
        spec(
          { kind: 'id', sourceServerId: A },
          { launch: { rightSizing: 'BASIC' }, template: { instanceType: 'r6i.large' } },
        ),
      ]),
    ]);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, p, { mode: 'drill' });
    expect(result.problems).toEqual([]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('replication state is BACKLOG'),
      expect.stringContaining('right-sizing is BASIC'),
    ]);
  });

  it('reports a source server whose launch configuration cannot be read', async () => {
    const { drs, ec2 } = estate();
    drs.launchConfigs.delete(A);
    const p = plan([wave('w', [spec({ kind: 'id', sourceServerId: A })])]);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, p, { mode: 'drill' });
    expect(result.problems[0]?.message).toContain('could not read its launch configuration');
  });

  it('reads 300 servers with bounded concurrency and one subnet lookup', async () => {
    const servers = Array.from({ length: 300 }, (_, i) =>
      sourceServer(`s-d${String(i).padStart(16, '0')}`, { tags: { T: 'x' } }),
    );
    const { drs, ec2 } = healthyEstate(servers);
    let inFlight = 0;
    let peak = 0;
    const original = drs.getLaunchConfiguration.bind(drs);
    drs.getLaunchConfiguration = async (id: string) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight -= 1;
      return original(id);
    };
    const result = await runPreflight(
      { drs, ec2, clock: fixedClock },
      plan([wave('all', [spec({ kind: 'tags', tags: { T: 'x' } })])]),
      { mode: 'drill' },
    );
    expect(result.problems).toEqual([]);
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(READ_CONCURRENCY);
    expect(ec2.calls.filter((c) => c.method === 'describeSubnets')).toHaveLength(1);
    // Their 300 templates' default versions: one listing of the account's (2 pages of 200), not 300 calls.
    expect(ec2.count('describeDefaultVersionsOf')).toBe(2);
    expect(ec2.count('describeDefaultLaunchTemplateVersion')).toBe(0);
  });

  it('reads a template the account-wide listing did not give one by one, with its own error', async () => {
    const servers = Array.from({ length: 30 }, (_, i) =>
      sourceServer(`s-${String(i).padStart(17, '0')}`, { tags: { T: 'x' } }),
    );
    const { drs, ec2 } = healthyEstate(servers);
    const missing = servers[7]?.sourceServerID ?? '';
    ec2.templates.delete(`lt-${missing}`);
    const result = await runPreflight(
      { drs, ec2, clock: fixedClock },
      plan([wave('all', [spec({ kind: 'tags', tags: { T: 'x' } })])]),
      { mode: 'drill' },
    );
    expect(ec2.count('describeDefaultVersionsOf')).toBe(1);
    expect(
      ec2.calls.filter((c) => c.method === 'describeDefaultLaunchTemplateVersion').map((c) => c.args[0]),
    ).toEqual([`lt-${missing}`]);
    expect(result.problems.map((p) => p.message)).toEqual([
      expect.stringContaining(
        `Source server ${missing}: could not read the default version of launch template lt-${missing}`,
      ),
    ]);
  });

  it('warns when the launch template lost the DRS-managed instance tag', async () => {
    const { drs, ec2 } = estate();
    ec2.templates.get(`lt-${A}`)!.LaunchTemplateData!.TagSpecifications = [];
    const p = plan([wave('w', [spec({ kind: 'id', sourceServerId: A })])]);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, p, { mode: 'drill' });
    expect(result.problems).toEqual([]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('does not tag instances AWSElasticDisasterRecoveryManaged'),
    ]);
  });

  it("sets aside this execution's own active jobs (a re-run attaches to them)", async () => {
    const { drs, ec2 } = estate();
    drs.cannedJobs = [
      {
        jobID: 'drsjob-mine',
        status: 'STARTED',
        tags: { 'drs-drill:execution-id': 'o/r/42' },
        participatingServers: [{ sourceServerID: A }],
      },
      {
        jobID: 'drsjob-theirs',
        status: 'STARTED',
        participatingServers: [{ sourceServerID: 's-elsewhere' }],
      },
    ];
    const p = plan([wave('w', [spec({ kind: 'id', sourceServerId: A })])]);
    const resumed = await runPreflight({ drs, ec2, clock: fixedClock }, p, {
      mode: 'drill',
      executionId: 'o/r/42',
    });
    expect(resumed.problems).toEqual([]);
    expect(resumed.ownActiveJobIds).toEqual(['drsjob-mine']);
    expect(resumed.activeJobs).toEqual({ jobs: 1, servers: 1 });
    const other = await runPreflight({ drs, ec2, clock: fixedClock }, p, {
      mode: 'drill',
      executionId: 'o/r/43',
    });
    expect(other.problems.map((x) => x.message)).toEqual([
      expect.stringContaining('active DRS job drsjob-mine'),
    ]);
  });

  it('fails up front when the planned subnet cannot be added to a template with instance-level groups', async () => {
    const { drs, ec2 } = estate();
    ec2.templates.get(`lt-${A}`)!.LaunchTemplateData!.NetworkInterfaces = undefined;
    ec2.templates.get(`lt-${A}`)!.LaunchTemplateData!.SecurityGroupIds = ['sg-b'];
    const p = plan([
      wave('w', [spec({ kind: 'id', sourceServerId: A }, { template: { subnetId: 'subnet-b' } })]),
    ]);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, p, { mode: 'drill' });
    expect(result.problems.map((x) => x.message)).toEqual([
      expect.stringContaining(
        'sets security groups at instance level, so the planned subnet subnet-b cannot be added',
      ),
    ]);
    expect(writesOf(drs, ec2)).toEqual([]);
  });
});

describe('runPreflight: a non-critical server that fails preflight is left out, not a stop', () => {
  const A = 's-a0000000000000001';
  const B = 's-b0000000000000002';
  const broken = (id: string, hostname?: string) =>
    sourceServer(id, {
      ...(hostname ? { hostname } : {}),
      dataReplicationInfo: { dataReplicationState: 'DISCONNECTED', lagDuration: 'PT5S' },
    });
  const setup = (aCritical: boolean, bCritical = true, bBroken = false) => {
    const estate = healthyEstate([broken(A, 'cache-01'), bBroken ? broken(B) : sourceServer(B)]);
    const p = plan([
      wave('cache', [
        spec(
          { kind: 'id', sourceServerId: A },
          { critical: aCritical, template: { instanceType: 'r6i.large' } },
        ),
      ]),
      wave('app', [spec({ kind: 'id', sourceServerId: B }, { critical: bCritical })], {
        dependsOn: ['cache'],
      }),
    ]);
    return { ...estate, p };
  };

  it('warns once naming the server, records why, and runs without it (no repair of it either)', async () => {
    const { drs, ec2, p } = setup(false);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, p, { mode: 'drill' });
    expect(result.problems).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    const [warning] = result.warnings;
    expect(warning?.message).toBe(
      `Source server ${A} (cache-01): left out of this run (non-critical): replication state is DISCONNECTED, not CONTINUOUS`,
    );
    expect(warning?.message.split(A)).toHaveLength(2);
    expect(warning?.position).toEqual(p.waves[0]?.servers[0]?.position);
    expect(warning?.fix).toContain('Fix replication');
    expect(result.excluded).toEqual([
      {
        sourceServerId: A,
        hostname: 'cache-01',
        wave: 'cache',
        reason: 'non-critical, failed preflight: replication state is DISCONNECTED, not CONTINUOUS',
      },
    ]);
    expect(result.executionPlan?.waves.map((w) => w.servers.map((s) => s.sourceServerId))).toEqual([[], [B]]);
    // Its template drifted (instance type), but a server left out is not repaired.
    expect(result.drift).toEqual([]);
  });

  it('a critical server with the same failure still stops the run', async () => {
    const { drs, ec2, p } = setup(true);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, p, { mode: 'drill' });
    expect(result.problems.map((x) => x.message)).toEqual([
      `Source server ${A} (cache-01): replication state is DISCONNECTED, not CONTINUOUS`,
    ]);
    expect(result.excluded).toEqual([]);
  });

  it('in a PR check the same plan reads the same: a warning that a drill would leave it out', async () => {
    const { drs, ec2, p } = setup(false);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, p, { mode: 'validate' });
    expect(result.problems).toEqual([]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('a drill would leave it out (non-critical): replication state is DISCONNECTED'),
    ]);
  });

  it('a non-critical server busy in another job is left out too', async () => {
    const { drs, ec2, p } = setup(false);
    drs.sourceServers = [sourceServer(A, { hostname: 'cache-01' }), sourceServer(B)];
    drs.cannedJobs = [
      { jobID: 'drsjob-busy0000000000001', status: 'STARTED', participatingServers: [{ sourceServerID: A }] },
    ];
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, p, { mode: 'drill' });
    expect(result.problems).toEqual([]);
    expect(result.excluded.map((x) => x.reason)).toEqual([
      expect.stringContaining('is already in active DRS job drsjob-busy0000000000001'),
    ]);
  });

  it('refuses a run that would have no server left', async () => {
    const { drs, ec2, p } = setup(false, false, true);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, p, { mode: 'drill' });
    expect(result.excluded).toHaveLength(2);
    expect(result.problems.map((x) => x.message)).toEqual([
      'Every server of the plan was left out of this run (2): there is nothing to recover',
    ]);
  });
});

describe('runPreflight: existing recovery instances (a drill must never destroy a live failover)', () => {
  const A = 's-a0000000000000001';
  const B = 's-b0000000000000002';
  const twoServers = () => {
    const estate = healthyEstate([sourceServer(A, { hostname: 'db-01' }), sourceServer(B)]);
    const p = plan([
      wave('data', [spec({ kind: 'id', sourceServerId: A }, { critical: false })]),
      wave('app', [spec({ kind: 'id', sourceServerId: B })]),
    ]);
    return { ...estate, p };
  };
  const instance = (sourceServerID: string, isDrill: boolean, jobID = 'drsjob-other000000000001') => ({
    recoveryInstanceID: `i-r${sourceServerID.slice(-6)}`,
    ec2InstanceID: `i-e${sourceServerID.slice(-6)}`,
    ec2InstanceState: 'RUNNING' as const,
    sourceServerID,
    isDrill,
    jobID,
  });

  it('refuses a drill of the whole plan when one server, even a non-critical one, has a live non-drill instance', async () => {
    const { drs, ec2, p } = twoServers();
    drs.putRecoveryInstances([instance(A, false)]);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, p, { mode: 'drill' });
    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem?.sourceServerId).toBe(A);
    expect(problem?.message).toContain('live (non-drill) recovery instance i-r000001');
    expect(problem?.message).toContain('refused for the whole plan');
    expect(problem?.fix).toContain('exclude');
    expect(writesOf(drs, ec2)).toEqual([]);
  });

  it('warns about another run’s drill instance, ignores terminated ones and this execution’s own', async () => {
    const { drs, ec2, p } = twoServers();
    drs.cannedJobs = [
      { jobID: 'drsjob-own0000000000001', status: 'COMPLETED', tags: { 'drs-drill:execution-id': 'o/r/1' } },
    ];
    drs.putRecoveryInstances([
      instance(A, true),
      { ...instance(B, false), ec2InstanceState: 'TERMINATED' },
      { ...instance(B, true, 'drsjob-own0000000000001'), recoveryInstanceID: 'i-rown' },
    ]);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, p, {
      mode: 'drill',
      executionId: 'o/r/1',
    });
    expect(result.problems).toEqual([]);
    expect(result.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('drill recovery instance i-r000001'),
    ]);
  });

  it('refuses a recovery over any existing recovery instance unless replace-recovery-instances allows it', async () => {
    const { drs, ec2, p } = twoServers();
    drs.putRecoveryInstances([instance(B, true)]);
    const refused = await runPreflight({ drs, ec2, clock: fixedClock }, p, { mode: 'recovery' });
    expect(refused.problems.map((x) => x.message)).toEqual([expect.stringContaining('already has drill')]);
    expect(refused.problems[0]?.fix).toContain('replace-recovery-instances');
    const allowed = await runPreflight({ drs, ec2, clock: fixedClock }, p, {
      mode: 'recovery',
      replaceRecoveryInstances: true,
    });
    expect(allowed.problems).toEqual([]);
    expect(allowed.warnings.map((x) => x.message)).toEqual([expect.stringContaining('may replace it')]);
  });

  it('in a PR check a live failover is a warning that the drill would be refused', async () => {
    const { drs, ec2, p } = twoServers();
    drs.putRecoveryInstances([instance(A, false)]);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, p, { mode: 'validate' });
    expect(result.problems).toEqual([]);
    expect(result.warnings[0]?.message).toContain('A drill of this plan would be refused');
  });

  it('exclude leaves a server out (by id or hostname) and an unknown name is an error', async () => {
    const { drs, ec2, p } = twoServers();
    drs.putRecoveryInstances([instance(A, false)]);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, p, {
      mode: 'drill',
      exclude: ['DB-01'],
    });
    expect(result.problems).toEqual([]);
    expect(result.excluded).toEqual([
      { sourceServerId: A, hostname: 'db-01', wave: 'data', reason: 'input exclude' },
    ]);
    expect(result.executionPlan?.waves.map((w) => w.servers.length)).toEqual([0, 1]);
    const typo = await runPreflight({ drs, ec2, clock: fixedClock }, p, { mode: 'drill', exclude: ['db-1'] });
    expect(typo.problems.map((x) => x.message)).toEqual([
      expect.stringContaining('input exclude: "db-1" is not a source server id or hostname'),
      expect.stringContaining('live (non-drill)'),
    ]);
  });

  it('survives throttling on every read: each call is retried with Retry-After on the injected clock', async () => {
    const { drs, ec2, p } = twoServers();
    let calls = 0;
    const throttleEveryOther = <T extends object>(target: T): T =>
      new Proxy(target, {
        get(t, prop, receiver) {
          const value = Reflect.get(t, prop, receiver);
          if (typeof value !== 'function' || prop === 'serverTime') return value;
          return (...args: unknown[]) => {
            calls += 1;
            if (calls % 2 === 1)
              return Promise.reject(
                Object.assign(new Error('Rate exceeded'), {
                  name: 'ThrottlingException',
                  retryAfterSeconds: '2',
                }),
              );
            return (value as (...a: unknown[]) => unknown).apply(t, args);
          };
        },
      });
    const slept: number[] = [];
    const clock = { now: () => 0, sleep: async (ms: number) => void slept.push(ms) };
    const result = await runPreflight(
      { drs: throttleEveryOther(drs), ec2: throttleEveryOther(ec2), clock },
      p,
      {
        mode: 'drill',
      },
    );
    expect(result.problems).toEqual([]);
    expect(slept.length).toBeGreaterThan(5);
    expect(slept.every((ms) => ms >= 2000)).toBe(true);
  });
});

describe('runPreflight: the run deadline and cancellation', () => {
  const START = Date.parse('2026-03-01T12:00:00Z');

  it('stops reading once the deadline passes and throws, rather than report half-read servers', async () => {
    const servers = Array.from({ length: 40 }, (_, i) =>
      sourceServer(`s-e${String(i).padStart(16, '0')}`, { tags: { T: 'x' } }),
    );
    const { drs, ec2 } = healthyEstate(servers);
    // Every read takes a simulated minute (slow answers, retries); the run has five.
    let now = START;
    const clock = { now: () => now, sleep: async () => {} };
    const read = drs.getLaunchConfiguration.bind(drs);
    drs.getLaunchConfiguration = async (id: string) => {
      now += 60_000;
      return read(id);
    };
    const run = runPreflight(
      { drs, ec2, clock },
      plan([wave('all', [spec({ kind: 'tags', tags: { T: 'x' } })])]),
      { mode: 'drill', deadline: START + 5 * 60_000 },
    );
    await expect(run).rejects.toThrow(DeadlineError);
    await expect(run).rejects.toThrow('The run reached its time limit (timeout-minutes) during preflight');
    expect(drs.calls.filter((c) => c.method === 'getLaunchConfiguration').length).toBeLessThan(20);
  });

  it('stops waiting for a read in flight when the deadline comes', async () => {
    const { drs, ec2 } = estate();
    let now = START;
    const deadline = new AbortController();
    const clock = { now: () => now, sleep: async () => {}, signalAfter: () => deadline.signal };
    drs.getLaunchConfiguration = () => {
      // The read hangs; meanwhile the run's time runs out.
      now = START + 10 * 60_000;
      deadline.abort();
      return new Promise(() => {});
    };
    await expect(
      runPreflight({ drs, ec2, clock }, threeWaves(), { mode: 'drill', deadline: START + 5 * 60_000 }),
    ).rejects.toThrow(DeadlineError);
  });

  it('sends nothing when the deadline has passed or the run is cancelled', async () => {
    const { drs, ec2 } = estate();
    const clock = { now: () => START, sleep: async () => {} };
    await expect(
      runPreflight({ drs, ec2, clock }, threeWaves(), { mode: 'drill', deadline: START }),
    ).rejects.toThrow(DeadlineError);
    const cancelled = new AbortController();
    cancelled.abort(new Error('cancelled by SIGINT'));
    await expect(
      runPreflight({ drs, ec2, clock }, threeWaves(), { mode: 'drill', signal: cancelled.signal }),
    ).rejects.toThrow('cancelled by SIGINT');
    expect(drs.calls).toEqual([]);
    expect(ec2.calls).toEqual([]);
  });
});

describe('runPreflight with deferred launch reads (pipelined run)', () => {
  it('reads only the first wave’s launch settings, defers the later waves, and checks the estate of all', async () => {
    const { drs, ec2 } = estate();
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, threeWaves(), {
      mode: 'drill',
      deferLaunchReads: true,
    });
    expect(result.problems).toEqual([]);
    expect(result.deferredWaves).toEqual(['app', 'web']);
    expect(drs.calls.filter((c) => c.method === 'getLaunchConfiguration').map((c) => c.args[0])).toEqual([A]);
    // The existing recovery instances of every wave's servers: one read, before anything starts.
    const instances = drs.calls.filter((c) => c.method === 'describeRecoveryInstances');
    expect(instances).toHaveLength(1);
    expect(instances[0]?.args[0]).toEqual({ sourceServerIds: [A, B, C] });
  });

  it('still refuses up front for an account-wide finding in a deferred wave', async () => {
    const { drs, ec2 } = estate();
    drs.sourceServers = drs.sourceServers.map((s) =>
      s.sourceServerID === C ? { ...s, dataReplicationInfo: { dataReplicationState: 'STALLED' } } : s,
    );
    drs.putRecoveryInstances([
      {
        recoveryInstanceID: 'i-0live0000000000001',
        sourceServerID: B,
        isDrill: false,
        ec2InstanceState: 'RUNNING',
      },
    ]);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, threeWaves(), {
      mode: 'drill',
      deferLaunchReads: true,
    });
    const messages = result.problems.map((p) => p.message).join('\n');
    expect(messages).toContain(`Source server ${C} (web-01): replication state is STALLED`);
    expect(messages).toContain(B);
  });

  it('a plan refused anyway gets the later waves read too, so every problem is listed together', async () => {
    const { drs, ec2 } = estate();
    drs.sourceServers = drs.sourceServers.map((s) =>
      s.sourceServerID === A ? { ...s, dataReplicationInfo: { dataReplicationState: 'STALLED' } } : s,
    );
    drs.launchConfigs.delete(C);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, threeWaves(), {
      mode: 'drill',
      deferLaunchReads: true,
    });
    expect(result.deferredWaves).toBeUndefined();
    const messages = result.problems.map((p) => p.message);
    expect(messages).toEqual([
      expect.stringContaining(`Source server ${A} (db-01): replication state is STALLED`),
      expect.stringContaining(`Source server ${C} (web-01): could not read its launch configuration`),
    ]);
  });

  it('checkDeferredWave judges a later wave like the preflight would have', async () => {
    const { drs, ec2 } = estate();
    drs.launchConfigs.delete(B);
    const p = threeWaves();
    const up = await runPreflight({ drs, ec2, clock: fixedClock }, p, {
      mode: 'drill',
      deferLaunchReads: true,
    });
    const app = up.executionPlan?.waves.find((w) => w.wave.name === 'app');
    if (!app) throw new Error('no wave app');
    const later = await checkDeferredWave({ drs, ec2, clock: fixedClock }, app, {
      mode: 'drill',
      pointInTime: undefined,
    });
    expect(later.problems.map((x) => x.message)).toEqual([
      expect.stringContaining(`Source server ${B} (app-01): could not read its launch configuration`),
    ]);
    expect(later.problems[0]?.position).toEqual(p.waves[1]?.servers[0]?.position);
    const whole = await runPreflight({ drs, ec2, clock: fixedClock }, p, { mode: 'drill' });
    expect(whole.problems.map((x) => x.message)).toEqual(later.problems.map((x) => x.message));
  });

  it('leaves a failing non-critical server of a later wave out of that wave', async () => {
    const { drs, ec2 } = estate();
    drs.launchConfigs.delete(C);
    const p = plan([
      wave('data', [spec({ kind: 'id', sourceServerId: A })]),
      wave(
        'web',
        [
          spec({ kind: 'id', sourceServerId: B }),
          spec({ kind: 'id', sourceServerId: C }, { critical: false }),
        ],
        { dependsOn: ['data'] },
      ),
    ]);
    const up = await runPreflight({ drs, ec2, clock: fixedClock }, p, {
      mode: 'drill',
      deferLaunchReads: true,
    });
    const web = up.executionPlan?.waves[1];
    if (!web) throw new Error('no wave web');
    const later = await checkDeferredWave({ drs, ec2, clock: fixedClock }, web, {
      mode: 'drill',
      pointInTime: undefined,
    });
    expect(later.problems).toEqual([]);
    expect(later.servers.map((s) => s.sourceServerId)).toEqual([B]);
    expect(later.leftOut.map((x) => x.sourceServerId)).toEqual([C]);
    expect(later.warnings[0]?.message).toContain('left out of this run (non-critical)');
  });

  it('reads a wave with drill: overrides up front, whatever its place', async () => {
    const { drs, ec2 } = estate();
    const p = plan([
      wave('data', [spec({ kind: 'id', sourceServerId: A })]),
      wave('app', [spec({ kind: 'id', sourceServerId: B }, { drill: { subnetId: 'subnet-a' } })], {
        dependsOn: ['data'],
      }),
      wave('web', [spec({ kind: 'id', sourceServerId: C })], { dependsOn: ['app'] }),
    ]);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, p, {
      mode: 'drill',
      deferLaunchReads: true,
    });
    expect(result.deferredWaves).toEqual(['web']);
    expect(drs.calls.filter((c) => c.method === 'getLaunchConfiguration').map((c) => c.args[0])).toEqual([
      A,
      B,
    ]);
  });
});
