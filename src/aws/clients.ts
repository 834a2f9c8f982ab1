/**
 * The one place AWS SDK clients are built. Every client is pinned at 3.523 (smithy v2), client-drs's
 * last release that works here, so one SDK generation loads (bench/README.md: "One SDK generation").
 * `handlerTimeouts` still knows smithy v4's option names for a later move of all clients together.
 */
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { clockScaleFromEnv } from '../core/clock.js';
import { isValidName } from '../core/names.js';
import { UserError } from '../errors.js';
import { ACTION_VERSION } from '../version.js';
import { AWS_REQUEST_TIMEOUTS, boundRequests, type RequestTimeouts, scaleTimeouts } from './http.js';
import { DrsClient, EC2Client, SSMClient, STSClient } from './sdk.js';

export { ACTION_VERSION };
export const USER_AGENT = `drs-drill-action/${ACTION_VERSION}`;

export interface AwsClientOptions {
  region: string;
  /** Absent: the SDK's default chain (env vars from configure-aws-credentials, profiles, IMDS…). */
  credentials?: AwsCredentialIdentityProvider;
  /** Absent: the SDK reads AWS_ENDPOINT_URL itself (both generations do), else the real endpoint. */
  endpoint?: string;
  /** SDK attempts per call, the first included; default 3 (the SDK's own default). */
  maxAttempts?: number;
  /** Replaces the `drs-drill-action/<version>` suffix of the User-Agent. */
  userAgent?: string;
  /** Time limits of each request; default `requestTimeoutsFromEnv(process.env)`. */
  timeouts?: RequestTimeouts;
}

export interface AwsClients {
  drs: DrsClient;
  /**
   * Same config with `maxAttempts: 1`, for StartRecovery only: it has no client token, so an SDK
   * retry after a lost answer would start a second job for the same servers.
   */
  drsNoRetry: DrsClient;
  ec2: EC2Client;
  sts: STSClient;
  /** Systems Manager (wave checks); `ssmNoRetry` for SendCommand, which is not idempotent either. */
  ssm: SSMClient;
  ssmNoRetry: SSMClient;
}

export function validateRegion(region: string): string {
  const trimmed = region.trim();
  if (!isValidName('region', trimmed)) {
    throw new UserError(
      `region "${region}" is not a valid AWS region name (lowercase letters, digits and hyphens, e.g. us-east-1)`,
    );
  }
  return trimmed;
}

function validateMaxAttempts(maxAttempts: number | undefined): number {
  if (maxAttempts === undefined) return 3;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new UserError(`maxAttempts must be a whole number of at least 1, got ${maxAttempts}`);
  }
  return maxAttempts;
}

/** The config every client shares; exported for tests that inspect it. */
export function clientConfig(opts: AwsClientOptions) {
  const config = {
    region: validateRegion(opts.region),
    maxAttempts: validateMaxAttempts(opts.maxAttempts),
    retryMode: 'standard' as const,
    customUserAgent: opts.userAgent ?? USER_AGENT,
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
  };
  return config;
}

/**
 * The limits of every AWS request, in real ms: AWS_REQUEST_TIMEOUTS, on the emulator's faster clock
 * when DRS_DRILL_CLOCK_SCALE is honoured (a loopback endpoint), so tests of hangs take seconds.
 */
export function requestTimeoutsFromEnv(env: NodeJS.ProcessEnv): RequestTimeouts {
  return scaleTimeouts(AWS_REQUEST_TIMEOUTS, clockScaleFromEnv(env));
}

/**
 * The request handler options for connection and idle limits. Smithy v2 (client-drs) calls socket
 * inactivity `requestTimeout`; smithy v4 calls it `socketTimeout` and uses `requestTimeout` for the
 * wait for headers. The total limit is boundRequests' own.
 */
export function handlerTimeouts(smithy: 'v2' | 'v4', t: RequestTimeouts) {
  return smithy === 'v2'
    ? { connectionTimeout: t.connectMs, requestTimeout: t.idleMs }
    : { connectionTimeout: t.connectMs, socketTimeout: t.idleMs };
}

export function createAwsClients(opts: AwsClientOptions): AwsClients {
  const config = clientConfig(opts);
  const t = opts.timeouts ?? requestTimeoutsFromEnv(process.env);
  const v2 = { ...config, requestHandler: handlerTimeouts('v2', t) };
  const clients = {
    drs: new DrsClient(v2),
    drsNoRetry: new DrsClient({ ...v2, maxAttempts: 1 }),
    ec2: new EC2Client(v2),
    sts: new STSClient(v2),
    ssm: new SSMClient(v2),
    ssmNoRetry: new SSMClient({ ...v2, maxAttempts: 1 }),
  };
  boundRequests(clients.drs, clients.drs.middlewareStack, 'DRS', t.totalMs);
  boundRequests(clients.drsNoRetry, clients.drsNoRetry.middlewareStack, 'DRS', t.totalMs);
  boundRequests(clients.ec2, clients.ec2.middlewareStack, 'EC2', t.totalMs);
  boundRequests(clients.sts, clients.sts.middlewareStack, 'STS', t.totalMs);
  boundRequests(clients.ssm, clients.ssm.middlewareStack, 'SSM', t.totalMs);
  boundRequests(clients.ssmNoRetry, clients.ssmNoRetry.middlewareStack, 'SSM', t.totalMs);
  return clients;
}

/** Closes the clients' sockets so a finished run does not hold the event loop open. */
export function destroyAwsClients(clients: AwsClients): void {
  clients.drs.destroy();
  clients.drsNoRetry.destroy();
  clients.ec2.destroy();
  clients.sts.destroy();
  clients.ssm.destroy();
  clients.ssmNoRetry.destroy();
}
