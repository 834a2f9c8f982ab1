/**
 * Where wave checks meet the run loop: a wave whose servers all succeeded enters its checks instead of
 * being decided; the checks then decide it. A failed check fails the wave like a failed critical server.
 */
import type { SsmGateway } from '../aws/gateways.js';
import { type CheckTarget, checksOutcome, WaveChecks } from './checks.js';
import type { WaveEvaluation } from './outcome.js';
import type { PollState } from './poller.js';
import type { WaveRun } from './run-state.js';
import type { EngineLog } from './types.js';
import { evaluateRunningWave, waveTimeoutOutcome } from './wave-progress.js';

/** The wave's recovered instances that passed their health check: what the checks run on. */
export function checkTargets(wave: WaveRun): CheckTarget[] {
  return wave.report.servers.flatMap((s) =>
    s.health === 'passed' && s.ec2InstanceId
      ? [
          {
            sourceServerId: s.sourceServerId,
            ...(s.hostname ? { hostname: s.hostname } : {}),
            ec2InstanceId: s.ec2InstanceId,
          },
        ]
      : [],
  );
}

/**
 * Called with a running wave's server verdict. Returns the verdict to apply now, or undefined while its
 * checks run (they start here when the servers just succeeded).
 */
export function gateOnChecks(
  wave: WaveRun,
  evaluation: WaveEvaluation,
  ctx: { executionId: string; nowMs: number; awsNow: string },
): WaveEvaluation | undefined {
  if (wave.checks) {
    if (!wave.checks.done) return undefined;
    const out = checksOutcome(wave.checks.reports);
    const warnings = wave.heldWarnings ?? [];
    if (out.passed) {
      if (out.passedAt) wave.report.checksPassedAt = out.passedAt;
      return { state: 'succeeded', warnings };
    }
    return { state: 'failed', error: `Wave checks failed: ${out.error ?? ''}`, warnings };
  }
  const checks = wave.resolved.wave.checks;
  if (evaluation.state !== 'succeeded' || checks.length === 0) return evaluation;
  wave.checks = new WaveChecks(checks, checkTargets(wave), {
    executionId: ctx.executionId,
    waveName: wave.report.name,
    startedMs: ctx.nowMs,
    startedAt: ctx.awsNow,
  });
  wave.report.checks = wave.checks.reports;
  wave.heldWarnings = evaluation.warnings;
  return undefined;
}

/** One step of every wave's running checks; true when any wave has checks still running. */
export async function advanceChecks(
  waves: readonly WaveRun[],
  deps: { ssm?: SsmGateway; log: EngineLog },
  nowMs: number,
  awsNow: string,
): Promise<boolean> {
  let running = false;
  for (const wave of waves) {
    if (!wave.checks || wave.checks.done || wave.state.status !== 'running') continue;
    if (!deps.ssm) throw new Error('wave checks need an SSM client');
    await wave.checks.advance(deps.ssm, nowMs, awsNow, deps.log);
    running ||= !wave.checks.done;
  }
  return running;
}

/**
 * A running wave's verdict this pass (undefined while it waits), the time to wake for it, and whether
 * its checks just started. The wave's timeout covers its servers; each check has its own.
 */
export function judgeRunningWave(
  wave: WaveRun,
  poll: PollState,
  ctx: { executionId: string; nowMs: number; awsNow: string },
): { evaluation?: WaveEvaluation; wakeAtMs: number; checksStarted: boolean } {
  const hadChecks = wave.checks !== undefined;
  const timeoutAt = (wave.startedAtMs ?? 0) + wave.resolved.wave.timeoutSeconds * 1000;
  const servers =
    !hadChecks && ctx.nowMs >= timeoutAt ? waveTimeoutOutcome(wave) : evaluateRunningWave(wave, poll);
  const evaluation = gateOnChecks(wave, servers, ctx);
  return {
    ...(evaluation ? { evaluation } : {}),
    wakeAtMs: wave.checks?.nextDeadlineMs() ?? timeoutAt,
    checksStarted: !hadChecks && wave.checks !== undefined,
  };
}
