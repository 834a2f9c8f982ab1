/**
 * Our own retry on top of the SDK's: the SDK gives up after `maxAttempts` and ignores a numeric
 * `Retry-After` (middleware-retry reads it as an epoch date, drs-facts §1.5), so callers that must
 * survive throttling and 5xx (the poller, the credential provider) wrap calls in `withRetry`. The
 * delays come from the one backoff policy, src/core/backoff.ts.
 */
import { type Backoff, retryDelayMs } from '../core/backoff.js';

export interface RetryOptions extends Backoff {
  /** Whether an error is worth another attempt; anything else is rethrown at once. */
  isRetryable(error: unknown): boolean;
  /** Total attempts, the first included (1 = no retry). */
  maxAttempts: number;
  sleep(ms: number): Promise<void>;
  /** [0, 1); injectable so tests can pin the jitter. */
  random?: () => number;
  /** A server's Retry-After is honoured up to this bound (default 5 minutes) so a bogus value cannot stall a run. */
  maxRetryAfterMs?: number;
  onRetry?(error: unknown, attempt: number, delayMs: number): void;
}

/** Codes of throttling errors across DRS, EC2 (query protocol) and STS. */
const THROTTLING_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'EC2ThrottledException',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
]);

/** Server-side or network failures that a later attempt may not meet. */
const TRANSIENT_NAMES = new Set([
  'InternalServerException',
  'InternalServerError',
  'InternalError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'Unavailable',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

/** Node socket error codes that mean the connection, not the request, failed. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);

interface ErrorFields {
  name?: unknown;
  code?: unknown;
  retryAfterSeconds?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  $response?: { headers?: Record<string, unknown> };
  $retryable?: { throttling?: unknown };
  cause?: unknown;
}

function fields(error: unknown): ErrorFields {
  return typeof error === 'object' && error !== null ? (error as ErrorFields) : {};
}

function httpStatus(error: unknown): number | undefined {
  const status = fields(error).$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
}

function nameOf(error: unknown): string | undefined {
  const name = fields(error).name;
  return typeof name === 'string' ? name : undefined;
}

export function isThrottling(error: unknown): boolean {
  const name = nameOf(error);
  if (name !== undefined && THROTTLING_NAMES.has(name)) return true;
  if (fields(error).$retryable?.throttling === true) return true;
  return httpStatus(error) === 429;
}

function isNetworkFailure(error: unknown, depth = 0): boolean {
  const { code, cause } = fields(error);
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  // fetch/undici and the SDK wrap socket errors; look one or two causes deep.
  return depth < 2 && cause !== undefined && isNetworkFailure(cause, depth + 1);
}

/** Throttling, 5xx, timeouts and dropped connections: worth retrying with backoff. */
export function isTransient(error: unknown): boolean {
  if (isThrottling(error)) return true;
  const name = nameOf(error);
  if (name !== undefined && TRANSIENT_NAMES.has(name)) return true;
  const status = httpStatus(error);
  if (status !== undefined && TRANSIENT_STATUS.has(status)) return true;
  return isNetworkFailure(error);
}

/** DRS answers ConflictException (409) when a source server is already in an active job. */
export function isConflict(error: unknown): boolean {
  return nameOf(error) === 'ConflictException' || httpStatus(error) === 409;
}

/**
 * The one ConflictException worth waiting for: a source server still in another job, which DRS words
 * as "currently being processed by a Job". Any other conflict will not pass by waiting.
 */
export function isServerBusy(error: unknown): boolean {
  const message = (error as { message?: unknown } | null)?.message;
  return (
    isConflict(error) && typeof message === 'string' && /currently being processed by a job/i.test(message)
  );
}

function secondsToMs(value: unknown): number | undefined {
  // Number('') is 0: an empty header is no hint, not "retry now".
  if (typeof value === 'string' && value.trim() === '') return undefined;
  const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : undefined;
}

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && typeof value === 'string') return value;
  }
  return undefined;
}

/**
 * How long the server asked us to wait, in ms: DRS's `retryAfterSeconds` (a string on
 * ThrottlingException, a number on InternalServerException), else a raw `Retry-After` header
 * (seconds or an HTTP date). Undefined when the error carries no hint.
 */
export function retryAfterMs(error: unknown, now: () => number = () => Date.now()): number | undefined {
  const { retryAfterSeconds, $response } = fields(error);
  const fromMember = secondsToMs(retryAfterSeconds);
  if (fromMember !== undefined) return fromMember;
  const header = headerValue($response?.headers, 'retry-after');
  if (header === undefined) return undefined;
  const fromSeconds = secondsToMs(header);
  if (fromSeconds !== undefined) return fromSeconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

/** Runs `fn` until it succeeds, fails with a non-retryable error, or `maxAttempts` is spent. */
export async function withRetry<T>(fn: () => Promise<T>, opts: RetryOptions): Promise<T> {
  const maxAttempts = Math.max(1, Math.floor(opts.maxAttempts));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= maxAttempts || !opts.isRetryable(error)) throw error;
      const delayMs = retryDelayMs(attempt, opts, {
        retryAfterMs: retryAfterMs(error),
        random: opts.random,
        maxRetryAfterMs: opts.maxRetryAfterMs,
      });
      opts.onRetry?.(error, attempt, delayMs);
      await opts.sleep(delayMs);
    }
  }
}

/** Real sleep, for production callers. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * `work`, unless `signal` aborts first: then what `instead()` returns, or throws. `work` is left to
 * finish on its own (its failure ignored): for waits that must end at a deadline or a cancellation.
 */
export function unlessAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  instead: () => T,
): Promise<T> {
  if (!signal) return work;
  work.catch(() => {});
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      try {
        resolve(instead());
      } catch (e) {
        reject(e);
      }
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    const done = () => signal.removeEventListener('abort', onAbort);
    work.then(
      (value) => {
        done();
        resolve(value);
      },
      (e: unknown) => {
        done();
        reject(e);
      },
    );
  });
}

/**
 * A signal that aborts with the reason of the first of `signals` to abort. Not AbortSignal.any: on
 * Node 20 its result stops following an AbortSignal.timeout source once the garbage collector runs.
 */
export function firstAbort(signals: readonly AbortSignal[]): AbortSignal {
  const controller = new AbortController();
  for (const signal of signals) {
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    signal.addEventListener('abort', () => controller.abort(signal.reason), { once: true });
  }
  return controller.signal;
}
