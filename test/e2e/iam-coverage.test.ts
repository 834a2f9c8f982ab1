/**
 * Each mode's AWS calls, as the bundle really makes them against the emulator, are within that mode's
 * generated IAM policy (src/iam/policy.ts, the source of docs/iam): a new call the policy forgot would
 * make the published policy deny a real run. Checked at the action level (resource scoping and
 * conditions are the policy unit tests' business).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../emulator/control.js';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import { permissionsPolicy } from '../../src/iam/policy.js';
import type { Mode } from '../../src/modes.js';
import { demoPlanText, demoScenario, explain, PLAN_PATH, runBundle, runDrill, SPEED } from './harness.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ scenario: demoScenario(), port: 0, speed: SPEED, seed: 9 });
});
afterAll(async () => emulator?.close());

/** STS calls that need no identity policy: who am I, and the OIDC role assumption (a trust policy). */
const NO_POLICY = new Set(['sts:GetCallerIdentity', 'sts:AssumeRoleWithWebIdentity']);

function actionsOf(calls: readonly RecordedCall[]): string[] {
  return [
    ...new Set(
      calls
        .filter((c) => ['drs', 'ec2', 'sts', 'ssm'].includes(c.service))
        .map((c) => `${c.service}:${c.operation}`),
    ),
  ]
    .filter((a) => !NO_POLICY.has(a))
    .sort();
}

function allowedActions(mode: Mode): string[] {
  return permissionsPolicy(mode)
    .Statement.filter((s) => s.Effect === 'Allow')
    .flatMap((s) => [s.Action].flat());
}

function notAllowed(mode: Mode, actions: readonly string[]): string[] {
  const allowed = allowedActions(mode).map(
    (a) => new RegExp(`^${a.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i'),
  );
  return actions.filter((a) => !allowed.some((re) => re.test(a)));
}

describe("each mode's AWS calls are in its IAM policy", () => {
  it('drill (preflight, repair, waves, tagging, health checks, cleanup)', async () => {
    const run = await runDrill({ emulator, plan: await demoPlanText(), inputs: { cleanup: 'always' } });
    expect(run.code, explain(run)).toBe(0);
    const actions = actionsOf(run.calls);
    expect(actions).toContain('drs:StartRecovery');
    expect(actions).toContain('ec2:CreateLaunchTemplateVersion');
    // The demo plan's post-launch action and wave check.
    expect(actions).toContain('drs:PutLaunchAction');
    expect(actions).toContain('ssm:SendCommand');
    expect(notAllowed('drill', actions)).toEqual([]);
  }, 90_000);

  it('cleanup mode', async () => {
    const drill = await runDrill({ emulator, plan: await demoPlanText(), inputs: { cleanup: 'never' } });
    const from = emulator.calls.length;
    const run = await runBundle({
      workspace: drill.workspace,
      emulatorUrl: emulator.url,
      inputs: { mode: 'cleanup', plan: PLAN_PATH },
      env: { DRS_DRILL_CLOCK_SCALE: String(SPEED), DRS_DRILL_CLOCK_ANCHOR: emulator.state.clock.anchor() },
    });
    expect(run.code, run.stdout.slice(-2000)).toBe(0);
    const actions = actionsOf(emulator.calls.slice(from));
    expect(actions).toContain('drs:TerminateRecoveryInstances');
    expect(notAllowed('cleanup', actions)).toEqual([]);
  }, 90_000);

  it('recovery', async () => {
    const em = await startEmulator({ scenario: demoScenario(), port: 0, speed: SPEED, seed: 10 });
    try {
      const run = await runDrill({
        emulator: em,
        plan: await demoPlanText(),
        inputs: { mode: 'recovery', confirm: 'demo' },
      });
      expect(run.code, explain(run)).toBe(0);
      const actions = actionsOf(run.calls);
      expect(actions).toContain('drs:StartRecovery');
      expect(notAllowed('recovery', actions)).toEqual([]);
    } finally {
      await em.close();
    }
  }, 90_000);
});
