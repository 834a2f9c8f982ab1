/**
 * What a drill or recovery settles before it touches AWS: the outside world it is given, its region,
 * the recovery guard, and how problems read. Shared by drill, recovery, cleanup and the PR readiness.
 */

import type { PreflightProblem } from '../engine/preflight.js';
import { unknownWaves } from '../engine/steps.js';
import type { Clock } from '../engine/types.js';
import { UserError } from '../errors.js';
import type { ActionInputs } from '../inputs.js';
import type { Plan } from '../plan/types.js';

/** The outside world a drill needs, injected so tests and the CLI can provide their own. */
export interface DrillDeps {
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** GitHub OIDC ID token for an audience (core.getIDToken in the action). */
  getIdToken: (audience: string) => Promise<string>;
  /** Aborted on cancellation (SIGINT/SIGTERM from the runner). */
  signal?: AbortSignal;
  /** The CLI: role-to-assume is assumed with the standard credential chain, not GitHub OIDC. */
  roleFromChain?: boolean;
}

/**
 * The event name the break-glass CLI runs under: a person at a terminal, as manual as a
 * workflow_dispatch. Only the CLI sets it (GitHub does not let a workflow change GITHUB_EVENT_NAME).
 */
export const CLI_EVENT = 'terminal';

/** Part of timeout-minutes kept back to capture evidence and clean up after the waves. */
export function reserveMs(timeoutMs: number): number {
  return Math.min(5 * 60_000, Math.round(timeoutMs * 0.1));
}

export function resolveRegion(
  inputs: Pick<ActionInputs, 'region'>,
  plan: Plan,
  env: NodeJS.ProcessEnv,
): string {
  const region = inputs.region ?? plan.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) {
    throw new UserError('No AWS region: set the plan\'s "region", the action input region, or AWS_REGION.');
  }
  return region;
}

/** A recovery is irreversible: it runs only when asked for by name, from a manual trigger. */
export function checkRecoveryGuard(
  inputs: Pick<ActionInputs, 'confirm'>,
  plan: Plan,
  eventName?: string,
): void {
  if (inputs.confirm !== plan.name) {
    throw new UserError(
      `mode recovery starts a real, irreversible recovery: set the input confirm to the plan's name "${plan.name}" to proceed${inputs.confirm ? ` (got "${inputs.confirm}")` : ''}.`,
    );
  }
  if (eventName !== 'workflow_dispatch' && eventName !== 'repository_dispatch' && eventName !== CLI_EVENT) {
    throw new UserError(
      `mode recovery runs only from a workflow_dispatch or repository_dispatch event (or the drs-drill command), not from "${eventName ?? 'unknown'}".`,
    );
  }
}

/** Input `waves` names only waves of the plan: a typo must stop the step before anything is read or started. */
/** A wave name the plan does not have is an input error: refused before anything is read. */
export function checkWaveNames(plan: Plan, waves: readonly string[]): void {
  const unknown = unknownWaves(
    plan.waves.map((w) => w.name),
    waves,
  );
  if (unknown) throw new UserError(unknown);
}

export function describeProblem(p: PreflightProblem): string {
  const who =
    p.sourceServerId && !p.message.includes(p.sourceServerId)
      ? `${p.sourceServerId}${p.hostname ? ` (${p.hostname})` : ''}: `
      : '';
  const where = p.wave ? `wave ${p.wave}: ` : '';
  return `${where}${who}${p.message}${p.fix ? ` — ${p.fix}` : ''}`;
}
