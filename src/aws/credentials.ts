/**
 * GitHub OIDC → AWS credentials that outlive one role session. A recovery can run longer than the
 * role's session, so instead of exporting one set of keys (as configure-aws-credentials does) we
 * hand the SDK clients a provider that fetches a fresh ID token and re-assumes the role when the
 * current session nears its end.
 *
 * The SDK clients (3.523, smithy v2; later generations do the same) wrap a
 * `credentials` function in `memoizeIdentityProvider` and call it again once the identity has less
 * than 5 minutes left (`isIdentityExpired`, measured with Date.now()). Each client holds its own
 * memo, so we memoize here too: three clients share one session instead of assuming the role thrice,
 * and our window (10 minutes) is wider than the SDK's so a client that asks always gets fresh keys.
 */

import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { isValidName, SESSION_NAME_REFUSED } from '../core/names.js';
import { errorMessage, UserError } from '../errors.js';
import { handlerTimeouts, requestTimeoutsFromEnv, USER_AGENT } from './clients.js';
import { boundRequests, type RequestTimeouts } from './http.js';
import { isTransient, sleep as realSleep, withRetry } from './retry.js';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from './sdk.js';

export const OIDC_AUDIENCE = 'sts.amazonaws.com';
export const DEFAULT_SESSION_SECONDS = 3600;
/** Refresh this long before expiry; must exceed the SDK's own 5-minute window. */
export const DEFAULT_REFRESH_WINDOW_MS = 10 * 60_000;

/** After a failed refresh, keep serving still-valid keys this long before trying STS again. */
const FAILED_REFRESH_COOLDOWN_MS = 30_000;
/** Keys with less than this left are not served after a failed refresh. */
const MIN_USABLE_MS = 60_000;

/** Credentials with a known end, as an assumed-role session has. */
export interface SessionCredentials extends AwsCredentialIdentity {
  sessionToken: string;
  expiration: Date;
}

export interface OidcProviderOptions {
  roleArn: string;
  sessionName: string;
  region: string;
  /** Fetches a new GitHub ID token for an audience; `core.getIDToken` in the action. */
  getIdToken: (audience: string) => Promise<string>;
  /** An STS client WITHOUT this provider as its credentials (AssumeRoleWithWebIdentity is unsigned). */
  sts?: STSClient;
  /** Used only when `sts` is absent; otherwise the SDK reads AWS_ENDPOINT_URL. */
  endpoint?: string;
  durationSeconds?: number;
  /** Called with every new set of keys before the SDK sees them: pass them to `core.setSecret`. */
  onCredentials?: (credentials: SessionCredentials) => void;
  /** Told about each retried failure (log it; the message holds no secret). */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  audience?: string;
  /** Defaults to process.env; read once, to tell whether the job may request ID tokens. */
  env?: Record<string, string | undefined>;
  /** Limits of the STS requests and of each ID token request; default from `env` (requestTimeoutsFromEnv). */
  timeouts?: RequestTimeouts;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  maxAttempts?: number;
  refreshWindowMs?: number;
}

export function validateRoleSessionName(name: string): string {
  if (!isValidName('roleSessionName', name)) {
    throw new UserError(
      `role-session-name "${name}" is invalid: it must be 2 to 64 characters of letters, digits and _+=,.@-`,
    );
  }
  return name;
}

/** `drs-drill-<run id>`, with characters STS refuses replaced and cut to 64. */
export function defaultRoleSessionName(runId: string | number | undefined): string {
  const id = String(runId ?? '').trim();
  const name = (id === '' ? 'drs-drill' : `drs-drill-${id}`).replace(SESSION_NAME_REFUSED, '-');
  return name.slice(0, 64);
}

export function validateRoleArn(roleArn: string): string {
  const trimmed = roleArn.trim();
  if (!isValidName('roleArn', trimmed)) {
    throw new UserError(
      `role-to-assume "${roleArn}" is not an IAM role ARN (expected arn:aws:iam::<12-digit account>:role/<name>)`,
    );
  }
  return trimmed;
}

/** Without `permissions: id-token: write` the runner does not offer the token endpoint at all. */
export function assertIdTokenAvailable(env: Record<string, string | undefined>): void {
  const missing = ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'].filter((k) => !env[k]);
  if (missing.length > 0) {
    throw new UserError(
      `role-to-assume is set but this job cannot request a GitHub OIDC token (${missing.join(' and ')} not set): ` +
        'add `permissions: id-token: write` to the workflow or job',
    );
  }
}

/** Every credential value goes to setSecret before anything could log it. */
export function maskCredentials(
  credentials: AwsCredentialIdentity,
  setSecret: (value: string) => void,
): void {
  setSecret(credentials.accessKeyId);
  setSecret(credentials.secretAccessKey);
  if (credentials.sessionToken) setSecret(credentials.sessionToken);
}

/**
 * Caches credentials from `fetch` until they are within `refreshWindowMs` of expiry; concurrent
 * callers share one fetch. If a refresh fails while the cached keys still work, those keys are
 * served (and STS left alone for a short cooldown) rather than failing calls that would succeed.
 */
export function memoizeCredentials(
  fetch: () => Promise<SessionCredentials>,
  opts: { refreshWindowMs: number; now: () => number },
): () => Promise<SessionCredentials> {
  let cached: SessionCredentials | undefined;
  let inflight: Promise<SessionCredentials> | undefined;
  let failedAt: number | undefined;

  const remaining = (c: SessionCredentials) => c.expiration.getTime() - opts.now();

  return async () => {
    if (cached && remaining(cached) > opts.refreshWindowMs) return cached;
    const usable = cached && remaining(cached) > MIN_USABLE_MS ? cached : undefined;
    if (usable && failedAt !== undefined && opts.now() - failedAt < FAILED_REFRESH_COOLDOWN_MS) return usable;
    inflight ??= fetch()
      .then((fresh) => {
        cached = fresh;
        failedAt = undefined;
        return fresh;
      })
      .finally(() => {
        inflight = undefined;
      });
    try {
      return await inflight;
    } catch (error) {
      failedAt = opts.now();
      if (usable && remaining(usable) > MIN_USABLE_MS) return usable;
      throw error;
    }
  };
}

/** Marks failures of the ID token request, which are retried like transient STS errors. */
class IdTokenError extends Error {
  override readonly name = 'IdTokenError';
}

function isRetryableAssumeError(error: unknown): boolean {
  if (error instanceof UserError) return false;
  if (error instanceof IdTokenError) return true;
  const name = (error as { name?: unknown } | null)?.name;
  // The token endpoint or IdP hiccuped, or our token aged out during a slow retry: a new token helps.
  if (name === 'IDPCommunicationErrorException' || name === 'ExpiredTokenException') return true;
  return isTransient(error);
}

function hintFor(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'AccessDenied' || name === 'AccessDeniedException' || name === 'IDPRejectedClaimException') {
    return ' (check the role trust policy: Federated principal token.actions.githubusercontent.com, aud sts.amazonaws.com, and a sub condition matching this repository, branch or environment)';
  }
  if (name === 'InvalidIdentityTokenException') {
    return ' (is the OIDC identity provider token.actions.githubusercontent.com registered in IAM of the role account, with audience sts.amazonaws.com?)';
  }
  return '';
}

function toSessionCredentials(
  roleArn: string,
  out: {
    Credentials?: {
      AccessKeyId?: string;
      SecretAccessKey?: string;
      SessionToken?: string;
      Expiration?: Date;
    };
  },
): SessionCredentials {
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !(c.Expiration instanceof Date)) {
    throw new Error(`STS answered AssumeRoleWithWebIdentity for ${roleArn} without complete credentials`);
  }
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration: c.Expiration,
  };
}

/** The STS client for AssumeRoleWithWebIdentity, its requests bounded like every other AWS request. */
function boundedSts(opts: OidcProviderOptions, timeouts: RequestTimeouts): STSClient {
  const sts = new STSClient({
    region: opts.region,
    customUserAgent: USER_AGENT,
    requestHandler: handlerTimeouts('v2', timeouts),
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
  });
  boundRequests(sts, sts.middlewareStack, 'STS', timeouts.totalMs);
  return sts;
}

/**
 * `work`, or a rejection once `ms` have passed. The toolkit's ID token request has no time limit of
 * its own; a request left behind keeps its socket until the server lets go.
 */
function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    timer.unref();
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/**
 * A credential provider for SDK clients: each refresh fetches a new GitHub ID token and calls
 * AssumeRoleWithWebIdentity. Throws a UserError at once when the job has no id-token permission.
 */
export function oidcCredentialProvider(opts: OidcProviderOptions): AwsCredentialIdentityProvider {
  const roleArn = validateRoleArn(opts.roleArn);
  const sessionName = validateRoleSessionName(opts.sessionName);
  const durationSeconds = opts.durationSeconds ?? DEFAULT_SESSION_SECONDS;
  if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 43200) {
    throw new UserError(`role session duration must be 900 to 43200 seconds, got ${durationSeconds}`);
  }
  assertIdTokenAvailable(opts.env ?? process.env);
  const audience = opts.audience ?? OIDC_AUDIENCE;
  const timeouts = opts.timeouts ?? requestTimeoutsFromEnv(opts.env ?? process.env);
  const sts = opts.sts ?? boundedSts(opts, timeouts);

  const assumeOnce = async (): Promise<SessionCredentials> => {
    let token: string;
    try {
      token = await withinTime(opts.getIdToken(audience), timeouts.totalMs);
    } catch (error) {
      if (/ACTIONS_ID_TOKEN_REQUEST_(URL|TOKEN)/.test(errorMessage(error))) {
        assertIdTokenAvailable({});
      }
      throw new IdTokenError(`could not get a GitHub ID token: ${errorMessage(error)}`, { cause: error });
    }
    const out = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: roleArn,
        RoleSessionName: sessionName,
        WebIdentityToken: token,
        DurationSeconds: durationSeconds,
      }),
    );
    const credentials = toSessionCredentials(roleArn, out);
    opts.onCredentials?.(credentials);
    return credentials;
  };

  const fetch = async (): Promise<SessionCredentials> => {
    try {
      return await withRetry(assumeOnce, {
        isRetryable: isRetryableAssumeError,
        maxAttempts: opts.maxAttempts ?? 5,
        baseMs: 200,
        maxMs: 5_000,
        sleep: opts.sleep ?? realSleep,
        ...(opts.random ? { random: opts.random } : {}),
        ...(opts.onRetry ? { onRetry: opts.onRetry } : {}),
      });
    } catch (error) {
      if (error instanceof UserError) throw error;
      const message = `Could not assume role ${roleArn} with GitHub OIDC: ${errorMessage(error)}${hintFor(error)}`;
      // Configuration faults are the user's to fix; what survived the retries is an outage.
      if (isRetryableAssumeError(error)) throw new Error(message, { cause: error });
      throw new UserError(message, undefined, { cause: error });
    }
  };

  return memoizeCredentials(fetch, {
    refreshWindowMs: opts.refreshWindowMs ?? DEFAULT_REFRESH_WINDOW_MS,
    now: opts.now ?? (() => Date.now()),
  });
}

/** Who the credentials are, checked against the plan's `accountId` guard when there is one. */
export async function checkAccount(
  sts: STSClient,
  expected?: string,
): Promise<{ accountId: string; arn: string }> {
  let identity: { Account?: string; Arn?: string };
  try {
    identity = await sts.send(new GetCallerIdentityCommand({}));
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new Error(
      `Could not identify the AWS credentials (sts:GetCallerIdentity): ${errorMessage(error)}`,
      {
        cause: error,
      },
    );
  }
  const accountId = identity.Account ?? '';
  const arn = identity.Arn ?? '';
  if (!isValidName('accountId', accountId)) {
    throw new Error(`sts:GetCallerIdentity returned no valid account id (got "${accountId}")`);
  }
  if (expected !== undefined && expected !== accountId) {
    throw new UserError(
      `plan accountId ${expected} does not match the credentials' account ${accountId}: refusing to run`,
    );
  }
  return { accountId, arn };
}
