/**
 * Gateways whose reads (and idempotent writes) retry through throttling and 5xx with the engine's
 * backoff, honouring Retry-After. The SDK's own three attempts are not enough for a preflight that
 * reads every server of a plan on a throttled account. StartRecovery and TerminateRecoveryInstances
 * are left alone: they are not idempotent, and their callers look for the job before trying again.
 */
import type { DrsGateway, Ec2Gateway } from './gateways.js';
import { isThrottling, isTransient, unlessAborted, withRetry } from './retry.js';

export interface RetryingOptions {
  sleep(ms: number): Promise<void>;
  random?: () => number;
  /** Total attempts per call, the first included (default 8). */
  maxAttempts?: number;
  /** Called before each retry, e.g. to log a debug line. */
  onRetry?(operation: string, error: unknown, attempt: number): void;
  /**
   * Called before every attempt; what it throws ends the call at once (the run's deadline or its
   * cancellation: a phase that must stop sends nothing more).
   */
  checkpoint?(): void;
  /**
   * Once it aborts, a call in flight is no longer waited for: it ends with what `checkpoint` throws
   * (else the signal's reason). For reads only; a write left in flight may still land.
   */
  stop?: AbortSignal;
}

/** Calls that may be repeated without harm: reads, UpdateLaunchConfiguration, token-guarded template writes, tags. */
const DRS_IDEMPOTENT = [
  'describeAllSourceServers',
  'describeJobs',
  'describeJobsSince',
  'describeJobLogItems',
  'describeRecoveryInstances',
  'describeRecoverySnapshots',
  'getLaunchConfiguration',
  'updateLaunchConfiguration',
  'tagResource',
  'listLaunchActions',
  'putLaunchAction',
  'deleteLaunchAction',
] as const satisfies readonly (keyof DrsGateway)[];

const EC2_IDEMPOTENT = [
  'describeInstances',
  'describeInstanceStatus',
  'createTags',
  'describeDefaultLaunchTemplateVersion',
  'describeDefaultVersionsOf',
  'updateLaunchTemplate',
  'describeLaunchTemplateVersion',
  'restoreLaunchTemplateVersion',
  'describeSubnets',
  'describeSecurityGroups',
] as const satisfies readonly (keyof Ec2Gateway)[];

function wrap<G extends object>(gateway: G, names: readonly (keyof G & string)[], opts: RetryingOptions): G {
  const retried = new Map<PropertyKey, (...args: unknown[]) => Promise<unknown>>();
  for (const name of names) {
    const original = gateway[name];
    if (typeof original !== 'function') continue;
    retried.set(name, (...args: unknown[]) =>
      unlessAborted(
        withRetry(
          () => {
            opts.checkpoint?.();
            return (original as (...a: unknown[]) => Promise<unknown>).apply(gateway, args);
          },
          {
            isRetryable: (e) => isTransient(e) || isThrottling(e),
            maxAttempts: opts.maxAttempts ?? 8,
            baseMs: 1000,
            maxMs: 20_000,
            sleep: opts.sleep,
            ...(opts.random ? { random: opts.random } : {}),
            onRetry: (e, attempt) => opts.onRetry?.(name, e, attempt),
          },
        ),
        opts.stop,
        () => {
          opts.checkpoint?.();
          throw opts.stop?.reason;
        },
      ),
    );
  }
  // Everything else (serverTime, the non-idempotent writes) reaches the gateway itself, bound to it.
  return new Proxy(gateway, {
    get(target, prop, receiver) {
      const own = retried.get(prop);
      if (own) return own;
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export function retryingDrs(drs: DrsGateway, opts: RetryingOptions): DrsGateway {
  return wrap(drs, DRS_IDEMPOTENT, opts);
}

export function retryingEc2(ec2: Ec2Gateway, opts: RetryingOptions): Ec2Gateway {
  return wrap(ec2, EC2_IDEMPOTENT, opts);
}
