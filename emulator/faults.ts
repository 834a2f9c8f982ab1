/**
 * The faults that shape an answer rather than the estate: calls that hang or trickle, HTML error
 * pages, paginations that never end, a StartRecovery answer without its job, and hostile text in
 * every string the engine may log. server.ts decides when each applies; these build the answer.
 */
import type { ServerResponse } from 'node:http';
import { DrsError, drsErrorResponse } from './drs.js';
import { Ec2Error, ec2ErrorResponse } from './ec2.js';
import type { EmulatorResponse } from './http-types.js';
import type { CallRule, ScenarioFaults } from './scenario.js';

/**
 * The first rule of `rules` that picks this call of `operation`. Calls are counted per rule object, so
 * a new set of faults (`POST /_emulator/faults`) starts counting afresh.
 */
export function pickRule<R extends CallRule>(
  rules: readonly R[],
  operation: string,
  seen: WeakMap<object, number>,
): R | undefined {
  let picked: R | undefined;
  for (const rule of rules) {
    if (rule.operation !== operation) continue;
    const n = (seen.get(rule) ?? 0) + 1;
    seen.set(rule, n);
    const inRange = n > rule.skip && (rule.count === undefined || n <= rule.skip + rule.count);
    if (inRange && !picked) picked = rule;
  }
  return picked;
}

/** The answer of a throttled, failed (5xx) or expired-credentials call, as DRS or EC2 words it. */
export function faultResponse(
  service: string,
  kind: 'throttle' | 'server' | 'expired',
  requestId: string,
  faults: ScenarioFaults,
): EmulatorResponse {
  if (service === 'ec2') {
    if (kind === 'throttle')
      return ec2ErrorResponse(
        new Ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503),
        requestId,
      );
    if (kind === 'server')
      return ec2ErrorResponse(
        new Ec2Error('InternalError', 'An internal error has occurred', 500),
        requestId,
      );
    return ec2ErrorResponse(
      new Ec2Error('ExpiredTokenException', 'The security token included in the request is expired', 400),
      requestId,
    );
  }
  let e: DrsError;
  if (kind === 'throttle') {
    const after = String(faults.throttle.retryAfterSeconds);
    e = new DrsError(
      429,
      'ThrottlingException',
      'Rate exceeded',
      { serviceCode: 'drs', quotaCode: 'L-DRS-API-RATE' },
      { 'retry-after': after },
    );
  } else if (kind === 'server') {
    e = new DrsError(
      500,
      'InternalServerException',
      'An internal error occurred',
      {},
      { 'retry-after': '0' },
    );
  } else {
    e = new DrsError(400, 'ExpiredTokenException', 'The security token included in the request is expired');
  }
  return drsErrorResponse(e);
}

/** What a load balancer in front of the service answers when it has no healthy target. */
export function htmlErrorResponse(): EmulatorResponse {
  return {
    status: 503,
    headers: { 'content-type': 'text/html' },
    body:
      '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n' +
      '<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n',
  };
}

/** A DRS nextToken that leads back to the first page (the emulator's tokens are item offsets). */
const FIRST_PAGE_TOKEN = Buffer.from('0').toString('base64url');

/** Keys of DRS answers whose string values the engine logs or reports. */
const LOGGED_KEYS = new Set(['hostname', 'rawError', 'failureReason', 'message', 'Message']);

/** `value` with `payload` appended to every logged string and a `Note` tag in every tag map. */
function hostile(value: unknown, payload: string, key?: string): unknown {
  if (typeof value === 'string') return key !== undefined && LOGGED_KEYS.has(key) ? value + payload : value;
  if (Array.isArray(value)) return value.map((x) => hostile(x, payload));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(value)) out[k] = hostile(x, payload, k);
  if (key === 'tags') out.Note = `hostile${payload}`;
  return out;
}

/**
 * A DRS answer after the faults that rewrite it: no job in a StartRecovery answer (`noJob`), the
 * first page named as the next one (`repeatNextToken`), hostile strings. Non-JSON answers pass.
 */
export function rewriteDrsAnswer(
  answer: EmulatorResponse,
  faults: ScenarioFaults,
  operation: string,
  opts: { noJob: boolean },
): EmulatorResponse {
  const repeat = faults.repeatNextToken.includes(operation) && answer.status < 300;
  if (!opts.noJob && !repeat && faults.hostileStrings === false) return answer;
  let body: unknown;
  try {
    body = answer.body === '' ? {} : (JSON.parse(answer.body) as unknown);
  } catch {
    return answer;
  }
  if (opts.noJob) body = {};
  if (repeat && typeof body === 'object' && body !== null) {
    body = { ...(body as Record<string, unknown>), nextToken: FIRST_PAGE_TOKEN };
  }
  if (faults.hostileStrings !== false) body = hostile(body, faults.hostileStrings);
  return { ...answer, body: JSON.stringify(body) };
}

/**
 * Sends the headers at once and then the body one byte every `msPerByte` real ms: an answer that is
 * never idle long enough for an inactivity timeout, and never complete.
 */
export function trickle(
  res: ServerResponse,
  answer: EmulatorResponse,
  headers: Record<string, string>,
  msPerByte: number,
): void {
  const bytes = Buffer.from(answer.body);
  res.writeHead(answer.status, headers);
  res.flushHeaders();
  let at = 0;
  const timer = setInterval(() => {
    if (at >= bytes.length) {
      clearInterval(timer);
      res.end();
      return;
    }
    res.write(bytes.subarray(at, at + 1));
    at += 1;
  }, msPerByte);
  res.on('close', () => clearInterval(timer));
}
