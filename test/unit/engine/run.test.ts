import { describe, expect, it } from 'vitest';
import { TAG } from '../../../src/core/tags.js';
import { runExecution, type WaveGate, type WaveGateState } from '../../../src/engine/run.js';
import type { ExecutionPlan } from '../../../src/engine/types.js';
import { wakeOnGates } from '../../../src/engine/wave-gate.js';
import { context, makeLog, makePlan, makeReport, resolvedServer, serverId } from '../../support/builders.js';
import { FakeClock, FakeDrs, FakeEc2, type Faults } from '../../support/fake-aws.js';

function setup(faults: Faults = {}) {
  const clock = new FakeClock();
  const drs = new FakeDrs(clock, faults);
  const ec2 = new FakeEc2(drs);
  const log = makeLog();
  return { clock, drs, ec2, log };
}

async function run(
  env: ReturnType<typeof setup>,
  ep: ExecutionPlan,
  extra: {
    activeJobs?: { jobs: number; servers: number };
    signal?: AbortSignal;
    pollIntervalSeconds?: number;
    gate?: WaveGate;
  } = {},
) {
  const report = makeReport(ep);
  const started: { jobId: string; wave: string; sourceServerIds: string[] }[] = [];
  await runExecution(
    { drs: env.drs, ec2: env.ec2, clock: env.clock, log: env.log, random: () => 0.5 },
    {
      executionPlan: ep,
      context,
      report,
      pollIntervalSeconds: extra.pollIntervalSeconds ?? 15,
      deadline: env.clock.now() + 5 * 3600_000,
      ...(extra.activeJobs ? { activeJobs: extra.activeJobs } : {}),
      ...(extra.signal ? { signal: extra.signal } : {}),
      ...(extra.gate ? { gate: extra.gate } : {}),
      onJobStarted: (info) => started.push(info),
    },
  );
  return { report, started };
}

function range(from: number, count: number) {
  return Array.from({ length: count }, (_, i) => resolvedServer(from + i));
}

describe('runExecution', () => {
  it('starts a dependant wave as soon as its dependency is decided, not one poll interval later', async () => {
    const env = setup();
    const ep = makePlan([
      { name: 'data', servers: [resolvedServer(1)] },
      { name: 'app', servers: [resolvedServer(2)], dependsOn: ['data'] },
    ]);
    // Waiting for the next poll would put at least the shortest poll interval (2 s) between the two.
    const { report } = await run(env, ep, { pollIntervalSeconds: 300 });
    expect(report.status).toBe('succeeded');
    const [data, app] = report.waves;
    const gapMs = Date.parse(app?.startedAt ?? '') - Date.parse(data?.endedAt ?? '');
    expect(gapMs).toBeGreaterThanOrEqual(0);
    expect(gapMs).toBeLessThan(2000);
  });

  it('runs three waves, two of them in parallel, and records AWS times', async () => {
    const env = setup();
    const ep = makePlan([
      { name: 'data', servers: [resolvedServer(1, { hostname: 'db-01' })], waitAfterSeconds: 60 },
      { name: 'app', servers: [resolvedServer(2)], dependsOn: ['data'] },
      { name: 'cache', servers: [resolvedServer(3)], dependsOn: ['data'] },
    ]);
    const { report, started } = await run(env, ep);
    expect(report.status).toBe('succeeded');
    expect(report.waves.map((w) => w.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(started.map((s) => s.wave)).toEqual(['data', 'app', 'cache']);
    const [data, app, cache] = report.waves;
    // app and cache start together, after data's 60 s soak.
    expect(app?.startedAt).toBe(cache?.startedAt);
    expect(Date.parse(app?.startedAt ?? '') - Date.parse(data?.endedAt ?? '')).toBeGreaterThanOrEqual(60_000);
    expect(report.measured.firstStartRecoveryAt).toBe(data?.jobs[0]?.createdAt);
    const db = data?.servers[0];
    expect(db).toMatchObject({
      sourceServerId: serverId(1),
      launchStatus: 'LAUNCHED',
      health: 'passed',
      jobId: data?.jobs[0]?.jobId,
    });
    const jobId = data?.jobs[0]?.jobId ?? '';
    // The fake keeps the two ids apart, as the emulator does: a mix-up shows here.
    expect(db?.ec2InstanceId).toBe(env.drs.ec2InstanceIdFor(jobId, serverId(1)));
    expect(db?.recoveryInstanceId).toBe(env.drs.recoveryInstanceIdFor(jobId, serverId(1)));
    // What EC2 says was launched goes into the evidence.
    expect(db?.launched).toEqual({
      instanceType: 'm6i.large',
      subnetId: 'subnet-0a1b2c3d4e5f60001',
      privateIp: '10.0.1.50',
    });
    expect(db?.launchedAt).toBeDefined();
    expect(db?.recoveryPointAt).toBeDefined();
    expect(Date.parse(db?.healthyAt ?? '')).toBeGreaterThanOrEqual(Date.parse(db?.launchedAt ?? '') + 60_000);
    expect(db?.phases.map((p) => p.name)).toEqual(['snapshot', 'conversion', 'launch', 'boot']);
    // Launched instances carry the run's tags, written once.
    expect(env.ec2.tags.get(db?.ec2InstanceId ?? '')).toEqual({
      [TAG.executionId]: context.executionId,
      [TAG.plan]: 'payments',
      [TAG.mode]: 'drill',
    });
    const taggedIds = env.ec2.calls
      .filter((c) => c.method === 'createTags')
      .flatMap((c) => c.args[0] as string[]);
    expect(taggedIds.sort()).toEqual(report.waves.map((w) => w.servers[0]?.ec2InstanceId).sort());
    // StartRecovery tags identify the run, wave and chunk.
    const firstStart = env.drs.calls.find((c) => c.method === 'startRecovery')?.args[0] as {
      tags: Record<string, string>;
      isDrill: boolean;
    };
    expect(firstStart.isDrill).toBe(true);
    expect(firstStart.tags).toMatchObject({
      [TAG.executionId]: context.executionId,
      [TAG.wave]: 'data',
      [TAG.waveIndex]: '0',
      [TAG.chunk]: '1/1',
      [TAG.initiatedBy]: 'octocat',
      [TAG.plan]: 'payments',
      [TAG.mode]: 'drill',
    });
    // One log line per state change per server, never one per poll.
    const dbLines = env.log.lines.filter((l) => l.includes(`${serverId(1)} (db-01):`));
    expect(dbLines).toHaveLength(new Set(dbLines).size);
    expect(dbLines.length).toBeLessThanOrEqual(5);
    expect(env.drs.count('describeJobs')).toBeGreaterThan(dbLines.length);
  });

  it('splits a 250-server wave into three jobs of 100, 100 and 50', async () => {
    const env = setup();
    const { report } = await run(env, makePlan([{ name: 'big', servers: range(1, 250) }]));
    expect(report.status).toBe('succeeded');
    const sizes = env.drs.calls
      .filter((c) => c.method === 'startRecovery')
      .map((c) => (c.args[0] as { sourceServers: unknown[] }).sourceServers.length);
    expect(sizes).toEqual([100, 100, 50]);
    expect(report.waves[0]?.jobs).toHaveLength(3);
    expect(report.waves[0]?.servers.every((s) => s.health === 'passed')).toBe(true);
  });

  it('stays within 20 active jobs and 500 servers, counting jobs already active', async () => {
    const env = setup();
    const waves = Array.from({ length: 8 }, (_, w) => ({
      name: `w${w}`,
      servers: range(1 + w * 100, 100),
      dependsOn: [],
    }));
    const { report } = await run(env, makePlan(waves), { activeJobs: { jobs: 0, servers: 0 } });
    expect(report.status).toBe('succeeded');
    expect(env.drs.maxActiveServersSeen).toBe(500);
    expect(env.drs.count('startRecovery')).toBe(8);

    const env2 = setup();
    const small = Array.from({ length: 30 }, (_, w) => ({
      name: `w${w}`,
      servers: range(1 + w * 2, 2),
      dependsOn: [],
    }));
    const { report: r2 } = await run(env2, makePlan(small), { activeJobs: { jobs: 5, servers: 10 } });
    expect(r2.status).toBe('succeeded');
    expect(env2.drs.maxActiveJobsSeen).toBe(15);
    expect(env2.drs.count('startRecovery')).toBe(30);
  });

  it('fails with the likely cause when a job completes with 0 launched and no conversion', async () => {
    const env = setup({ missingEc2Permissions: true });
    const { report } = await run(
      env,
      makePlan([
        { name: 'data', servers: [resolvedServer(1)] },
        { name: 'app', servers: [resolvedServer(2)] },
      ]),
    );
    expect(report.status).toBe('failed');
    expect(report.waves.map((w) => w.status)).toEqual(['failed', 'skipped']);
    const error = report.waves[0]?.error ?? '';
    expect(error).toContain('0 of its servers launched');
    expect(error).toContain('ec2:RunInstances');
    expect(error).toContain('iam:PassRole');
    expect(report.errors.join('\n')).toContain('lacks the EC2 permissions');
  });

  it('fails a wave on a critical conversion failure, names server and rawError, never starts dependants', async () => {
    const env = setup();
    env.drs.scripts.set(serverId(1), {
      failAt: 'conversion',
      rawError: 'Failed to attach volume vol-123: UnauthorizedOperation',
    });
    const ep = makePlan([
      { name: 'data', servers: [resolvedServer(1, { hostname: 'db-01' }), resolvedServer(2)] },
      { name: 'app', servers: [resolvedServer(3)] },
      { name: 'web', servers: [resolvedServer(4)] },
    ]);
    const { report } = await run(env, ep);
    expect(report.status).toBe('failed');
    expect(report.waves.map((w) => w.status)).toEqual(['failed', 'skipped', 'skipped']);
    expect(report.waves[0]?.error).toContain(`${serverId(1)} (db-01)`);
    expect(report.waves[0]?.error).toContain('Failed to attach volume vol-123: UnauthorizedOperation');
    expect(report.waves[0]?.servers[0]?.errors[0]).toMatchObject({
      event: 'CONVERSION_FAIL',
      rawError: 'Failed to attach volume vol-123: UnauthorizedOperation',
    });
    expect(report.waves[0]?.servers[0]?.phases.find((p) => p.name === 'conversion')?.failed).toBe(true);
    expect(report.waves[1]?.error).toContain('"data"');
    const startedWaves = env.drs.calls
      .filter((c) => c.method === 'startRecovery')
      .map((c) => (c.args[0] as { tags: Record<string, string> }).tags[TAG.wave]);
    expect(startedWaves).toEqual(['data']);
  });

  it('with onFailure continue, still starts independent waves', async () => {
    const env = setup();
    env.drs.scripts.set(serverId(1), { failAt: 'launch', rawError: 'InsufficientInstanceCapacity' });
    const ep = makePlan(
      [
        { name: 'a', servers: [resolvedServer(1)], dependsOn: [] },
        { name: 'b', servers: [resolvedServer(2)], dependsOn: ['a'] },
        { name: 'c', servers: [resolvedServer(3)], dependsOn: [] },
      ],
      'continue',
    );
    const { report } = await run(env, ep);
    expect(report.waves.map((w) => w.status)).toEqual(['failed', 'skipped', 'succeeded']);
    expect(report.status).toBe('failed');
  });

  it('only warns when a non-critical server fails', async () => {
    const env = setup();
    env.drs.scripts.set(serverId(2), { failAt: 'conversion', rawError: 'boom' });
    const { report } = await run(
      env,
      makePlan([{ name: 'cache', servers: [resolvedServer(1), resolvedServer(2, { critical: false })] }]),
    );
    expect(report.status).toBe('succeeded');
    expect(report.warnings.join('\n')).toContain(serverId(2));
    expect(report.warnings.join('\n')).toContain('boom');
  });

  it('times a wave out when an instance never passes its status checks', async () => {
    const env = setup();
    env.drs.scripts.set(serverId(1), { neverHealthy: true });
    const { report } = await run(
      env,
      makePlan([
        { name: 'data', servers: [resolvedServer(1)], timeoutSeconds: 1800 },
        { name: 'app', servers: [resolvedServer(2)] },
      ]),
    );
    expect(report.status).toBe('timed-out');
    expect(report.waves.map((w) => w.status)).toEqual(['timed-out', 'skipped']);
    expect(report.waves[0]?.error).toContain('status checks');
    expect(report.waves[0]?.servers[0]?.health).toBe('pending');
    expect(report.waves[0]?.servers[0]?.healthyAt).toBeUndefined();
    // The job itself completed: nothing is left running, so no "still running" warning.
    expect(report.warnings.join('\n')).not.toContain('keeps running in DRS');
  });

  it('times out a wave still waiting on a slow job, and reports the job left running', async () => {
    const env = setup();
    env.drs.scripts.set(serverId(1), { conversionSeconds: 10_000 });
    const { report } = await run(
      env,
      makePlan([{ name: 'data', servers: [resolvedServer(1)], timeoutSeconds: 600 }]),
    );
    expect(report.status).toBe('timed-out');
    expect(report.waves[0]?.error).toContain(
      'DRS to launch it (launch status PENDING, snapshot in progress)',
    );
    const jobId = report.waves[0]?.jobs[0]?.jobId ?? 'missing';
    expect(report.warnings.join('\n')).toContain(`DRS job ${jobId}`);
  });

  it('times out a wave whose StartRecovery keeps meeting ConflictException', async () => {
    const env = setup({ conflictOnFirstStarts: 1000 });
    const { report } = await run(
      env,
      makePlan([{ name: 'data', servers: [resolvedServer(1)], timeoutSeconds: 900 }]),
    );
    expect(report.status).toBe('timed-out');
    expect(report.waves[0]?.error).toContain('StartRecovery (a server is still in another DRS job');
    expect(report.waves[0]?.jobs).toEqual([]);
  });

  it('honours the health check kinds: running, none, and stopped for STOPPED', async () => {
    const env = setup();
    env.drs.scripts.set(serverId(1), { neverHealthy: true });
    env.drs.scripts.set(serverId(3), { stopped: true });
    const { report } = await run(
      env,
      makePlan([
        {
          name: 'w',
          servers: [
            resolvedServer(1, { healthCheck: 'running' }),
            resolvedServer(2, { healthCheck: 'none' }),
            resolvedServer(3, { launchDisposition: 'STOPPED' }),
          ],
        },
      ]),
    );
    expect(report.status).toBe('succeeded');
    const [s1, s2, s3] = report.waves[0]?.servers ?? [];
    expect(s2?.healthyAt).toBe(s2?.launchedAt);
    expect(s1?.health).toBe('passed');
    expect(s3?.ec2State).toBe('stopped');
    expect(
      env.ec2.calls
        .filter((c) => c.method === 'describeInstanceStatus')
        .every(
          (c) =>
            (c.args[0] as string[]).length === 0 ||
            !(c.args[0] as string[]).includes(s3?.ec2InstanceId ?? ''),
        ),
    ).toBe(true);
  });

  it('waits through a ConflictException and then starts', async () => {
    const env = setup({ conflictOnFirstStarts: 3 });
    const { report } = await run(env, makePlan([{ name: 'data', servers: [resolvedServer(1)] }]));
    expect(report.status).toBe('succeeded');
    expect(env.drs.count('startRecovery')).toBe(4);
    expect(env.log.lines.filter((l) => l.includes('ConflictException'))).toHaveLength(1);
  });

  it('honours Retry-After when StartRecovery is throttled', async () => {
    const env = setup({ throttleFirstStarts: 1 });
    const { report } = await run(env, makePlan([{ name: 'data', servers: [resolvedServer(1)] }]));
    expect(report.status).toBe('succeeded');
    const starts = env.drs.calls.filter((c) => c.method === 'startRecovery');
    expect(starts).toHaveLength(2);
    expect((starts[1]?.at ?? 0) - (starts[0]?.at ?? 0)).toBeGreaterThanOrEqual(3000);
  });

  it('adopts the job when the StartRecovery answer is lost, starting exactly one job per chunk', async () => {
    const env = setup({ loseFirstStartAnswers: 2 });
    const { report, started } = await run(env, makePlan([{ name: 'big', servers: range(1, 150) }]));
    expect(report.status).toBe('succeeded');
    expect(env.drs.count('startRecovery')).toBe(2);
    expect(env.drs.jobs.size).toBe(2);
    expect(started).toHaveLength(2);
    expect(env.drs.count('describeJobsSince')).toBeGreaterThanOrEqual(1);
    expect(env.log.lines.some((l) => l.includes('adopted job'))).toBe(true);
  });

  it('makes one DescribeJobs call per tick for 1 server and for 300 servers', async () => {
    for (const n of [1, 300]) {
      const env = setup();
      const { report } = await run(env, makePlan([{ name: 'w', servers: range(1, n) }]));
      expect(report.status).toBe('succeeded');
      // A tick is one DescribeJobs; every other DRS read happens at most once per tick.
      const ticks = env.drs.count('describeJobs');
      expect(env.drs.count('describeRecoveryInstances')).toBeLessThanOrEqual(ticks);
      const perTick = new Map<number, number>();
      for (const c of env.drs.calls.filter((c) => c.method === 'describeJobs'))
        perTick.set(c.at, (perTick.get(c.at) ?? 0) + 1);
      expect([...perTick.values()].every((v) => v === 1)).toBe(true);
      expect(env.drs.count('describeJobLogItems')).toBeLessThanOrEqual(ticks * Math.ceil(n / 100));
    }
  });

  it('keeps polling through a throttled DescribeJobs, waiting at least its Retry-After', async () => {
    const env = setup({ throttleFirstDescribeJobs: 1 });
    const { report } = await run(env, makePlan([{ name: 'w', servers: [resolvedServer(1)] }]));
    expect(report.status).toBe('succeeded');
    const polls = env.drs.calls.filter((c) => c.method === 'describeJobs');
    expect((polls[1]?.at ?? 0) - (polls[0]?.at ?? 0)).toBeGreaterThanOrEqual(7000);
    // A throttle the next poll gets past is routine: a debug line, not a warning.
    expect(env.log.lines.some((l) => l.startsWith('debug DescribeJobs failed, trying again'))).toBe(true);
    expect(env.log.lines.filter((l) => l.startsWith('warning'))).toEqual([]);
  });

  it('stops promptly on abort, marks the run cancelled and lists the started jobs', async () => {
    const env = setup();
    const controller = new AbortController();
    let polls = 0;
    env.drs.onCall = (op) => {
      if (op === 'describeJobs' && ++polls === 3) controller.abort();
    };
    const ep = makePlan([
      { name: 'data', servers: [resolvedServer(1)] },
      { name: 'app', servers: [resolvedServer(2)] },
    ]);
    const { report } = await run(env, ep, { signal: controller.signal });
    expect(report.status).toBe('cancelled');
    expect(report.waves.map((w) => w.status)).toEqual(['cancelled', 'skipped']);
    const jobId = report.waves[0]?.jobs[0]?.jobId ?? 'missing';
    expect(report.errors.join('\n')).toContain(jobId);
    expect(env.drs.count('describeJobs')).toBe(3);
  });

  it('ends at the run deadline with status timed-out', async () => {
    const env = setup();
    const report = makeReport(makePlan([{ name: 'w', servers: [resolvedServer(1)] }]));
    const ep = makePlan([
      { name: 'w', servers: [resolvedServer(1)] },
      { name: 'x', servers: [resolvedServer(2)] },
    ]);
    await runExecution(
      { drs: env.drs, ec2: env.ec2, clock: env.clock, log: env.log },
      { executionPlan: ep, context, report, pollIntervalSeconds: 15, deadline: env.clock.now() + 60_000 },
    );
    expect(report.status).toBe('timed-out');
    expect(report.waves.map((w) => w.status)).toEqual(['timed-out', 'skipped']);
  });

  it('stops waiting for a poll whose AWS calls hang once the deadline passes', async () => {
    const env = setup();
    // A clock that can time waits: the deadline's signal fires when the (fake) time reaches it.
    const deadlineSignals: { at: number; controller: AbortController }[] = [];
    const clock = Object.assign(env.clock, {
      signalAfter: (ms: number) => {
        const controller = new AbortController();
        if (ms <= 0) controller.abort();
        else deadlineSignals.push({ at: env.clock.now() + ms, controller });
        return controller.signal;
      },
    });
    let polls = 0;
    const describeJobs = env.drs.describeJobs.bind(env.drs);
    env.drs.describeJobs = (ids: string[]) => {
      if (++polls < 3) return describeJobs(ids);
      // From the third poll on DescribeJobs never answers; the deadline comes meanwhile.
      clock.ms += 10 * 60_000;
      for (const d of deadlineSignals) if (clock.ms >= d.at) d.controller.abort();
      return new Promise(() => {});
    };
    const report = makeReport(makePlan([{ name: 'w', servers: [resolvedServer(1)] }]));
    await runExecution(
      { drs: env.drs, ec2: env.ec2, clock, log: env.log },
      {
        executionPlan: makePlan([{ name: 'w', servers: [resolvedServer(1)] }]),
        context,
        report,
        pollIntervalSeconds: 15,
        deadline: env.clock.now() + 5 * 60_000,
      },
    );
    expect(report.status).toBe('timed-out');
    expect(report.waves.map((w) => w.status)).toEqual(['timed-out']);
    expect(polls).toBe(3);
  });
});

describe('runExecution with deferred wave preflights (pipelined run)', () => {
  const never = new Promise<void>(() => {});
  function startedWaves(env: ReturnType<typeof setup>) {
    return env.drs.calls
      .filter((c) => c.method === 'startRecovery')
      .map((c) => ({ wave: (c.args[0] as { tags: Record<string, string> }).tags[TAG.wave], at: c.at }));
  }

  it('starts a later wave only once its own preflight passed, with the servers it kept', async () => {
    const env = setup();
    const ep = makePlan([
      { name: 'data', servers: [resolvedServer(1)] },
      { name: 'app', servers: [resolvedServer(2), resolvedServer(3, { critical: false })] },
    ]);
    // The app wave's preflight ends an hour in, long after data succeeded; server 3 was left out.
    const passAt = env.clock.now() + 3600_000;
    const gate: WaveGate = {
      state: (wave): WaveGateState | undefined => {
        if (wave !== 'app') return undefined;
        if (env.clock.now() < passAt) return { kind: 'pending', settled: never };
        return { kind: 'ready', servers: [resolvedServer(2)] };
      },
    };
    const { report, started } = await run(env, ep, { gate });
    expect(report.status).toBe('succeeded');
    const starts = startedWaves(env);
    expect(starts.map((s) => s.wave)).toEqual(['data', 'app']);
    expect(starts[1]?.at).toBeGreaterThanOrEqual(passAt);
    expect(started[1]?.sourceServerIds).toEqual([serverId(2)]);
    expect(report.waves[1]?.servers.map((s) => s.sourceServerId)).toEqual([serverId(2)]);
  });

  it('stops before a wave whose preflight failed: the running wave ends, nothing more starts, the run fails', async () => {
    const env = setup();
    const ep = makePlan([
      { name: 'data', servers: [resolvedServer(1)] },
      { name: 'app', servers: [resolvedServer(2)] },
      { name: 'web', servers: [resolvedServer(3)] },
    ]);
    const errors = [`Preflight: Source server ${serverId(2)}: could not read its launch configuration`];
    let failed = false;
    const gate: WaveGate = {
      state: (wave): WaveGateState | undefined => {
        if (wave === 'data') return undefined;
        // The app wave's preflight fails once data is running (its job was started).
        failed ||= wave === 'app' && env.drs.count('startRecovery') > 0;
        if (wave === 'app' && failed) return { kind: 'failed', errors };
        return { kind: 'pending', settled: never };
      },
    };
    const { report } = await run(env, ep, { gate });
    expect(report.status).toBe('failed');
    expect(report.waves.map((w) => w.status)).toEqual(['succeeded', 'failed', 'skipped']);
    expect(report.errors).toEqual(expect.arrayContaining(errors));
    expect(report.waves[1]?.error).toContain('preflight');
    expect(report.waves[1]?.servers.map((s) => s.health)).toEqual(['skipped']);
    expect(report.waves[2]?.error).toContain('wave "app" failed and onFailure is stop');
    expect(startedWaves(env).map((s) => s.wave)).toEqual(['data']);
    // The data wave ran to its end: its instance is in the report for the cleanup.
    expect(report.waves[0]?.servers[0]?.ec2InstanceId).toMatch(/^i-/);
  });

  it('with onFailure continue, waves that do not depend on the failed one still start', async () => {
    const env = setup();
    const ep = makePlan(
      [
        { name: 'data', servers: [resolvedServer(1)], dependsOn: [] },
        { name: 'app', servers: [resolvedServer(2)], dependsOn: ['data'] },
        { name: 'web', servers: [resolvedServer(3)], dependsOn: ['app'] },
        { name: 'cache', servers: [resolvedServer(4)], dependsOn: ['data'] },
      ],
      'continue',
    );
    const gate: WaveGate = {
      state: (wave): WaveGateState | undefined =>
        wave === 'app' ? { kind: 'failed', errors: ['Preflight: app is broken'] } : undefined,
    };
    const { report } = await run(env, ep, { gate });
    expect(report.waves.map((w) => w.status)).toEqual(['succeeded', 'failed', 'skipped', 'succeeded']);
    expect(report.status).toBe('failed');
  });

  it('wakes the loop as soon as an awaited preflight settles', async () => {
    let settle = () => {};
    const settled = new Promise<void>((r) => {
      settle = r;
    });
    const run = new AbortController();
    const wake = wakeOnGates(run.signal, [settled]);
    expect(wake?.aborted).toBe(false);
    settle();
    await settled;
    await Promise.resolve();
    expect(wake?.aborted).toBe(true);
    expect(run.signal.aborted).toBe(false);
    expect(wakeOnGates(run.signal, [])).toBe(run.signal);
  });
});
