/**
 * The live half of a plan review: the drill engine's preflight in `validate` mode (reads only), run
 * when the job has AWS credentials. Without them the review says the check was skipped and how to
 * turn it on; with them, anything that stops the check is itself a readiness problem.
 */
import { destroyAwsClients } from '../aws/clients.js';
import { openAwsSession } from '../aws/session.js';
import { type PreflightResult, runPreflight } from '../engine/preflight.js';
import type { Clock } from '../engine/types.js';
import { errorMessage } from '../errors.js';
import type { ActionInputs } from '../inputs.js';
import type { ActionIO } from '../io.js';
import { type DrillDeps, resolveRegion } from '../modes/drill-setup.js';
import type { Plan } from '../plan/types.js';

export type CredentialSource = 'role-to-assume' | 'environment' | 'emulator';

/**
 * Where credentials for the live check would come from, or undefined when there are none: the
 * `role-to-assume` input, credentials a previous step exported, or an explicit emulator endpoint.
 */
export function liveCheckCredentials(
  inputs: Pick<ActionInputs, 'roleToAssume'>,
  env: NodeJS.ProcessEnv,
): CredentialSource | undefined {
  if (inputs.roleToAssume) return 'role-to-assume';
  if (env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE) return 'environment';
  if (env.AWS_ENDPOINT_URL) return 'emulator';
  return undefined;
}

export type Readiness =
  | { status: 'skipped'; reason: string }
  /** The preflight ran; its problems and warnings are in `preflight`. */
  | { status: 'checked'; region: string; accountId: string; preflight: PreflightResult }
  /** The check could not run (credentials, account guard, AWS error): a readiness problem in itself. */
  | { status: 'failed'; region?: string; error: string };

export const SKIPPED_REASON =
  'No AWS credentials in this job, so only the offline checks ran. To see whether the servers are ' +
  'ready (replication, lag vs RPO, launch settings, active jobs, quotas), give the job a read-only ' +
  'role: the `role-to-assume` input with `permissions: id-token: write` (see examples/workflows/plan-review.yml).';

export interface ReadinessDeps extends Pick<DrillDeps, 'env' | 'getIdToken'> {
  clock: Clock;
}

/** Number of things that make the plan not ready (the step fails on them unless `fail-on: errors`). */
/** Preflight of one plan against the live account; never throws. */
export async function checkReadiness(
  io: ActionIO,
  plan: Plan,
  inputs: Pick<ActionInputs, 'region' | 'roleToAssume' | 'roleSessionName'>,
  deps: ReadinessDeps,
): Promise<Readiness> {
  let region: string | undefined;
  try {
    region = resolveRegion(inputs, plan, deps.env);
    const session = await openAwsSession(io, inputs, region, plan.accountId, deps);
    try {
      const preflight = await runPreflight({ drs: session.drs, ec2: session.ec2, clock: deps.clock }, plan, {
        mode: 'validate',
      });
      return { status: 'checked', region, accountId: session.accountId, preflight };
    } finally {
      destroyAwsClients(session.clients);
    }
  } catch (e) {
    return { status: 'failed', ...(region ? { region } : {}), error: errorMessage(e) };
  }
}
