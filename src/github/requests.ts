/**
 * A time limit and retries for every GitHub API request an Octokit sends. Octokit's fetch has a
 * connection limit (undici's 10 s) but waits up to five minutes for headers and again for the body;
 * a stalled API would hold the review step. Each request gets its own abort signal with a total time
 * limit, and a timeout or a 5xx is tried again, but only for a request that may be repeated: creating
 * a comment twice would leave two sticky comments, so a POST (GraphQL queries aside) is sent once.
 */
import { firstAbort, sleep as realSleep, withRetry } from '../aws/retry.js';
import type { Octokit } from './comment.js';

/** From sending a request to the answer's last byte. */
export const GITHUB_REQUEST_TIMEOUT_MS = 30_000;

export interface GitHubRequestLimits {
  totalMs?: number;
  /** Attempts of a repeatable request, the first included (default 3). */
  attempts?: number;
  sleep?(ms: number): Promise<void>;
}

/** A GitHub request that did not complete within its time limit. */
export class GitHubTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

interface RequestOptions {
  method?: string;
  url?: string;
  query?: unknown;
  request?: { signal?: AbortSignal };
}

function repeatable(options: RequestOptions): boolean {
  const method = (options.method ?? 'GET').toUpperCase();
  if (method !== 'POST') return true;
  // GraphQL reads travel as POST /graphql; a mutation does not start with "query".
  return options.url === '/graphql' && typeof options.query === 'string' && /^\s*query\b/.test(options.query);
}

function statusOf(e: unknown): number | undefined {
  const status = (e as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function isTransientGitHub(e: unknown): boolean {
  if (e instanceof GitHubTimeoutError) return true;
  const status = statusOf(e);
  return status !== undefined && status >= 500 && status <= 504;
}

/** `octokit`, with every request bounded by `limits.totalMs` and repeatable ones retried. */
export function boundGitHubRequests(octokit: Octokit, limits: GitHubRequestLimits = {}): Octokit {
  const totalMs = limits.totalMs ?? GITHUB_REQUEST_TIMEOUT_MS;
  octokit.hook.wrap('request', (request, endpoint) => {
    const options = endpoint as RequestOptions;
    const caller = options.request?.signal;
    const once = async () => {
      const limit = AbortSignal.timeout(totalMs);
      const own = caller;
      const signal = own ? firstAbort([own, limit]) : limit;
      const timedOut = (cause?: unknown) =>
        new GitHubTimeoutError(
          `GitHub ${options.method ?? 'GET'} ${options.url ?? ''}: no complete answer within ${totalMs / 1000} s`,
          { cause },
        );
      let response: Awaited<ReturnType<typeof request>>;
      try {
        // Hooks share one options object (before-after-hook binds the inner ones to it): set the signal
        // there, not on a copy.
        endpoint.request = { ...endpoint.request, signal };
        response = await request(endpoint);
      } catch (e) {
        if (!limit.aborted || own?.aborted) throw e;
        throw timedOut(e);
      }
      // Octokit reads a JSON body that breaks off as an empty text: a cut answer is no answer.
      if (limit.aborted && !own?.aborted) throw timedOut();
      return response;
    };
    return withRetry(once, {
      isRetryable: (e) => repeatable(options) && isTransientGitHub(e),
      maxAttempts: limits.attempts ?? 3,
      baseMs: 1000,
      maxMs: 10_000,
      sleep: limits.sleep ?? realSleep,
    });
  });
  return octokit;
}
