/**
 * The demo drill through the bundle against the emulator in each shape real DRS may answer in
 * (drs-facts §8): `participatingServers[].recoveryInstanceID` always present, dropped once the job
 * completes (the captures), or never sent; and a second drill over the first one's instances, whether
 * DRS keeps them (an operator's report) or replaces them (the user guide). Each time the evidence
 * names exactly the EC2 instances DRS launched, and none of this run's is left running after cleanup.
 */
import { describe, expect, it } from 'vitest';
import type { DrsBehaviour } from '../../emulator/scenario.js';
import type { Emulator } from '../../emulator/server.js';
import {
  callsOf,
  type DrillRun,
  demoPlanText,
  demoScenario,
  emulatorPerTest,
  expectSaneReport,
  explain,
  outputsOf,
  runDrill,
  serversOf,
  startBody,
  writesOf,
} from './harness.js';

const startEmulator = emulatorPerTest();

async function start(drs: Partial<DrsBehaviour>, edit?: (s: ReturnType<typeof demoScenario>) => void) {
  const scenario = demoScenario();
  scenario.drs = { ...scenario.drs, ...drs };
  edit?.(scenario);
  return startEmulator(scenario, 11);
}

/** EC2 instances the run's jobs launched, from the emulator's own record (DRS's tags on them). */
function launchedBy(em: Emulator, run: DrillRun) {
  const jobs = new Set((run.report?.waves ?? []).flatMap((w) => w.jobs.map((j) => j.jobId)));
  return [...em.state.instances.values()].filter((i) => jobs.has(i.tags['drs.amazonaws.com-job'] ?? ''));
}

function expectExactInstances(em: Emulator, run: DrillRun) {
  expect(run.code, explain(run)).toBe(0);
  expect(outputsOf(run).status).toBe('succeeded');
  if (run.report) expectSaneReport(run.report);
  const launched = launchedBy(em, run);
  expect(launched).toHaveLength(7);
  const reported = serversOf(run.report ?? ({ waves: [] } as never));
  // The outputs and the report name exactly the instances DRS launched, by EC2 id.
  expect(Object.values(outputsOf(run).instanceIds ?? {}).sort()).toEqual(
    launched.map((i) => i.instanceId).sort(),
  );
  for (const s of reported) {
    expect(s.ec2InstanceId).toBeDefined();
    // The emulator keeps recovery-instance and EC2 ids apart: a mix-up would show here.
    expect(s.recoveryInstanceId).toBeDefined();
    expect(s.recoveryInstanceId).not.toBe(s.ec2InstanceId);
  }
}

describe('the demo drill in every shape of DescribeJobs', () => {
  it.each(['always', 'until-completed', 'never'] as const)(
    'recoveryInstanceID %s: exact instances in the evidence, none left running after cleanup',
    async (shape) => {
      const em = await start({ recoveryInstanceIdInJob: shape });
      const run = await runDrill({ emulator: em, plan: await demoPlanText(), inputs: { cleanup: 'always' } });
      expectExactInstances(em, run);
      expect(run.report?.cleanup?.status).toBe('succeeded');
      for (const i of launchedBy(em, run)) expect(i.state, i.instanceId).toBe('terminated');
    },
    60_000,
  );
});

describe('a drill over existing recovery instances', () => {
  const LIVE = { id: 'i-0aaaaaaaaaaaaaaa2', ec2: 'i-0bbbbbbbbbbbbbbb2', server: 's-1000000000000000f' };
  const withLiveFailover = (s: ReturnType<typeof demoScenario>) => {
    s.recoveryInstances.push({
      recoveryInstanceID: LIVE.id,
      ec2InstanceID: LIVE.ec2,
      sourceServerID: LIVE.server,
      isDrill: false,
      jobID: 'drsjob-0000000000000000b',
      state: 'running',
    });
  };

  it('is refused, for the whole plan and with zero writes, when a server has a live non-drill instance', async () => {
    const em = await start({ previousRecoveryInstance: 'replace' }, withLiveFailover);
    const run = await runDrill({ emulator: em, plan: await demoPlanText() });
    expect(run.code).not.toBe(0);
    expect(outputsOf(run).status).toBe('failed');
    expect(writesOf(run.calls)).toEqual([]);
    const error = run.report?.errors.join('\n') ?? '';
    expect(error).toContain(`live (non-drill) recovery instance ${LIVE.id}`);
    expect(error).toContain('web-01.demo.internal');
    expect(run.stdout).toMatch(/::error file=drs-plans\/plan\.yaml,line=\d+,col=\d+::.*live \(non-drill\)/);
    expect(em.state.instances.get(LIVE.ec2)?.state).toBe('running');
  }, 60_000);

  it('runs without that server when it is excluded, and never touches the live instance', async () => {
    const em = await start({ previousRecoveryInstance: 'replace' }, withLiveFailover);
    const run = await runDrill({
      emulator: em,
      plan: await demoPlanText(),
      inputs: { cleanup: 'always', exclude: 'web-01.demo.internal' },
    });
    expect(run.code, explain(run)).toBe(0);
    expect(run.report?.excluded).toEqual([
      { sourceServerId: LIVE.server, hostname: 'web-01.demo.internal', wave: 'web', reason: 'input exclude' },
    ]);
    const started = callsOf(run.calls, 'StartRecovery').flatMap((c) =>
      startBody(c).sourceServers.map((s) => s.sourceServerID),
    );
    expect(started).toHaveLength(6);
    expect(started).not.toContain(LIVE.server);
    expect(em.state.instances.get(LIVE.ec2)?.state).toBe('running');
    expect(em.state.recoveryInstances.has(LIVE.id)).toBe(true);
  }, 60_000);

  it.each(['keep', 'replace'] as const)(
    'a second drill of the same servers works when DRS %ss the first drill’s instances',
    async (previous) => {
      const em = await start({ previousRecoveryInstance: previous });
      const plan = await demoPlanText();
      const first = await runDrill({ emulator: em, plan, inputs: { cleanup: 'never' } });
      expect(first.code, explain(first)).toBe(0);
      const firstInstances = launchedBy(em, first).map((i) => i.instanceId);
      const second = await runDrill({ emulator: em, plan, inputs: { cleanup: 'always' } });
      expectExactInstances(em, second);
      // The first drill's instances are another run's: a warning, never a target of this cleanup.
      expect(second.report?.warnings.join('\n')).toContain('from another run: DRS may replace it');
      const terminated = callsOf(second.calls, 'TerminateRecoveryInstances').flatMap(
        (c) => (c.request as { recoveryInstanceIDs: string[] }).recoveryInstanceIDs,
      );
      expect(terminated.sort()).toEqual(
        serversOf(second.report!)
          .map((s) => s.recoveryInstanceId)
          .sort(),
      );
      for (const i of launchedBy(em, second)) expect(i.state).toBe('terminated');
      const firstStates = firstInstances.map((id) => em.state.instances.get(id)?.state);
      // keep: the first drill's instances still run (left to its own cleanup); replace: DRS removed them.
      expect(new Set(firstStates)).toEqual(new Set([previous === 'keep' ? 'running' : 'terminated']));
    },
    90_000,
  );
});
