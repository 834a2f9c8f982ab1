/**
 * A drill keeps its promises when AWS misbehaves: a server busy in someone else's job
 * (ConflictException), 30 % throttling, StartRecovery answers lost after the job was created (dropped
 * connection, 5xx), and role credentials that run out mid-run. Each case proves from the emulator's
 * call log that no job was started twice.
 */
import { describe, expect, it } from 'vitest';
import { startLaunchJob } from '../../emulator/lifecycle.js';
import type { Scenario } from '../../emulator/scenario.js';
import type { Emulator } from '../../emulator/server.js';
import {
  callsOf,
  type DrillRun,
  emulatorPerTest,
  expectSaneReport,
  explain,
  outputsOf,
  runDrill,
  SMALL,
  SPEED,
  serversOf,
  smallPlan,
  smallScenario,
  startBody,
} from './harness.js';

const { DB, APP1, APP2, WEB } = SMALL;
const ROLE = 'arn:aws:iam::111122223333:role/drs-drill';
const PLAN = smallPlan();
const startEmulator = emulatorPerTest();

async function emulatorWith(change: (s: Scenario) => void, speed = SPEED): Promise<Emulator> {
  const scenario = smallScenario();
  change(scenario);
  return startEmulator(scenario, 5, speed);
}

/** The LAUNCH jobs this run created in the emulator, by wave tag. */
function launchJobsOf(em: Emulator, run: DrillRun): Map<string, string[]> {
  const byWave = new Map<string, string[]>();
  for (const job of em.state.jobs.values()) {
    if (job.type !== 'LAUNCH' || job.tags['drs-drill:execution-id'] !== run.outputs['execution-id']) continue;
    const wave = job.tags['drs-drill:wave'] ?? '';
    byWave.set(wave, [...(byWave.get(wave) ?? []), job.jobID]);
  }
  return byWave;
}

/** One job per wave (each wave here is one chunk), each the one the report names. */
function expectOneJobPerChunk(em: Emulator, run: DrillRun): void {
  const jobs = launchJobsOf(em, run);
  expect([...jobs.keys()].sort()).toEqual(['app', 'data', 'web']);
  for (const wave of run.report?.waves ?? []) {
    expect(jobs.get(wave.name), wave.name).toEqual(wave.jobs.map((j) => j.jobId));
  }
}

function expectSucceeded(run: DrillRun): void {
  expect(run.code, explain(run)).toBe(0);
  expect(outputsOf(run).status).toBe('succeeded');
  if (!run.report) throw new Error('no report.json');
  expect(run.report.waves.map((w) => w.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  expect(Object.keys(outputsOf(run).instanceIds ?? {}).sort()).toEqual([APP1, APP2, DB, WEB].sort());
  expectSaneReport(run.report);
}

describe('drill resilience', () => {
  it('waits out a ConflictException (a server busy in another job) and then succeeds', async () => {
    const em = await emulatorWith(() => {});
    // Someone else starts a drill of app-01 while ours is busy with wave data (after our preflight
    // checked that nothing was running); it holds app-01 for a while before it even begins.
    let otherJob: string | undefined;
    const watcher = setInterval(() => {
      if (otherJob || callsOf(em.calls, 'StartRecovery').length === 0) return;
      otherJob = startLaunchJob(em.state, {
        // Far enough ahead that our data wave (3–6 simulated minutes) is done long before it ends.
        at: em.state.clock.now() + 15 * 60_000,
        isDrill: true,
        tags: { owner: 'someone-else' },
        sourceServers: [{ sourceServerID: APP1 }],
      }).jobID;
    }, 2);
    const run = await runDrill({ emulator: em, plan: PLAN }).finally(() => clearInterval(watcher));
    expect(otherJob).toBeDefined();
    expectSucceeded(run);
    const appStarts = callsOf(run.calls, 'StartRecovery').filter((c) =>
      startBody(c).sourceServers.some((s) => s.sourceServerID === APP1),
    );
    expect(appStarts.filter((c) => c.status === 409).length).toBeGreaterThanOrEqual(1);
    expect(appStarts.filter((c) => c.outcome === 'ok')).toHaveLength(1);
    expect(appStarts.at(-1)?.outcome).toBe('ok');
    expect(run.stdout).toContain('ConflictException');
    // Our app job began only after the other job had finished with app-01.
    const other = em.state.jobs.get(otherJob ?? '');
    const appJob = run.report?.waves[1]?.jobs[0];
    expect(Date.parse(appJob?.createdAt ?? '')).toBeGreaterThanOrEqual(
      other?.endAt ?? Number.POSITIVE_INFINITY,
    );
    expectOneJobPerChunk(em, run);
  });

  it('succeeds with 30 % of DRS and EC2 calls throttled, starting no job twice', async () => {
    const em = await emulatorWith((s) => {
      s.faults.throttle = { rate: 0.3, operations: {}, retryAfterSeconds: 1 };
    });
    const run = await runDrill({ emulator: em, plan: PLAN });
    expectSucceeded(run);
    const throttled = run.calls.filter((c) => c.outcome === 'throttled');
    // The fault was really there: a good share of all DRS/EC2 calls were refused.
    const awsCalls = run.calls.filter((c) => c.service === 'drs' || c.service === 'ec2');
    expect(throttled.length / awsCalls.length).toBeGreaterThan(0.15);
    const starts = callsOf(run.calls, 'StartRecovery');
    expect(starts.filter((c) => c.outcome === 'ok')).toHaveLength(3);
    expect(starts.every((c) => c.outcome === 'ok' || c.outcome === 'throttled')).toBe(true);
    expectOneJobPerChunk(em, run);
  });

  it('adopts the job when StartRecovery took effect but its answer was lost (dropped connection, then a 5xx)', async () => {
    const em = await emulatorWith((s) => {
      s.faults.drop = [
        { operation: 'StartRecovery', when: 'after', count: 1, reply: 'dropped' },
        { operation: 'StartRecovery', when: 'after', count: 1, reply: 'server-error' },
      ];
    });
    const run = await runDrill({ emulator: em, plan: PLAN });
    expectSucceeded(run);
    const outcomes = callsOf(run.calls, 'StartRecovery').map((c) => c.outcome);
    expect(outcomes).toEqual(['dropped', 'server-error', 'ok']);
    expect(run.stdout.match(/adopted job whose StartRecovery answer was lost/g)).toHaveLength(2);
    expectOneJobPerChunk(em, run);
  });

  it('keeps working when the role session runs out mid-run: re-assumes through OIDC, masks every credential', async () => {
    // Half speed: the run lasts a few real seconds, several sessions' worth.
    const speed = SPEED / 2;
    const em = await emulatorWith((s) => {
      // 301 s sessions (real time): the SDK asks for new credentials 5 minutes before expiry, so
      // each session serves about one second of the run before it is replaced.
      s.sts = { maxSessionSeconds: 301 };
    }, speed);
    const run = await runDrill({
      emulator: em,
      plan: PLAN,
      speed,
      noStaticKeys: true,
      inputs: { 'role-to-assume': ROLE },
      env: {
        ACTIONS_ID_TOKEN_REQUEST_URL: `${em.url}/_github/oidc/token?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: em.github.requestToken,
      },
    });
    expectSucceeded(run);
    const assumes = callsOf(run.calls, 'AssumeRoleWithWebIdentity', 'sts');
    expect(assumes.length).toBeGreaterThan(1);
    expect(run.calls.some((c) => c.outcome === 'expired')).toBe(false);
    // DRS was called with more than one session's keys: the fresh credentials were used.
    const keys = new Set(run.calls.filter((c) => c.service === 'drs').map((c) => c.accessKeyId));
    expect([...keys].every((k) => k?.startsWith('ASIA'))).toBe(true);
    expect(keys.size).toBeGreaterThan(1);

    // Every credential was masked, and none appears anywhere but in its mask command.
    const masked = [...run.stdout.matchAll(/^::add-mask::(.+)$/gm)].map((m) => m[1] ?? '');
    for (const key of keys) expect(masked).toContain(key);
    expect(masked.length).toBeGreaterThanOrEqual(3 * assumes.length);
    const outside = [
      run.stdout.replace(/^::add-mask::.+$/gm, ''),
      run.stderr,
      run.summary,
      JSON.stringify(run.report),
      JSON.stringify(run.outputs),
      JSON.stringify(run.state),
    ].join('\n');
    for (const secret of [...masked, ...em.github.issuedTokens]) {
      expect(outside.includes(secret), `credential ${secret.slice(0, 6)}… leaked`).toBe(false);
    }
    expect(serversOf(run.report ?? ({ waves: [] } as never))).toHaveLength(4);
  });
});
