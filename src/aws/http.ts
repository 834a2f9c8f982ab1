/**
 * Time limits on every HTTP request to AWS, and readable errors for answers that are not AWS's.
 *
 * No SDK generation bounds a whole exchange: the clients here (3.523, smithy v2) read
 * `requestTimeout` as socket inactivity, and smithy v4 clients time only the wait for the
 * response headers (and only warn unless told to throw); neither times the body. An answer that
 * trickles one byte every few seconds would hold a call open for hours. So each client's request
 * handler is wrapped: a timer from sending to the answer's last byte aborts the request, or destroys
 * its body, with a TimeoutError, which the SDK and `isTransient` retry like a 5xx.
 *
 * An error page instead of an AWS answer (a 503 from a proxy or load balancer, in HTML) would surface
 * as "Unexpected token '<' … is not valid JSON" (DRS) or "Unknown" (EC2, STS). The wrapper keeps a
 * short excerpt of any body that is neither JSON nor XML, and a middleware turns the SDK's error into
 * one that names the HTTP status and shows that excerpt.
 */
import { Readable } from 'node:stream';
import type { DeserializeHandler, DeserializeMiddleware, MiddlewareStack } from '@smithy/types';

export interface RequestTimeouts {
  /** Establishing the connection. */
  connectMs: number;
  /** Silence on the socket while waiting for or reading the answer. */
  idleMs: number;
  /** The whole exchange, from sending the request to the answer's last byte. */
  totalMs: number;
}

/** Against AWS: DRS and EC2 answer in well under a second, a large page in a few seconds. */
export const AWS_REQUEST_TIMEOUTS: RequestTimeouts = { connectMs: 10_000, idleMs: 30_000, totalMs: 60_000 };

/** Real-time floors when the limits follow a faster clock: even a loopback emulator needs a moment. */
const SCALED_FLOORS: RequestTimeouts = { connectMs: 250, idleMs: 500, totalMs: 1000 };

/** The limits on a clock running `scale` times faster than real time (the emulator's), in real ms. */
export function scaleTimeouts(limits: RequestTimeouts, scale: number): RequestTimeouts {
  if (scale === 1) return limits;
  const scaled = (key: keyof RequestTimeouts) =>
    Math.max(SCALED_FLOORS[key], Math.round(limits[key] / scale));
  return { connectMs: scaled('connectMs'), idleMs: scaled('idleMs'), totalMs: scaled('totalMs') };
}

/** A request that did not complete within its time limit. Retried like a 5xx. */
export class RequestTimeoutError extends Error {
  /** The name both SDK generations and `isTransient` treat as a transient failure. */
  override readonly name = 'TimeoutError';
  readonly code = 'ETIMEDOUT';
  /** Present so that the SDK's deserializer does not append its "Deserialization error" hint. */
  readonly $metadata: Record<string, unknown> = {};
}

/** An answer whose body is not an AWS answer (an HTML error page, say), with its status and an excerpt. */
export class UnexpectedAnswerError extends Error {
  override readonly name = 'UnexpectedAnswerError';
  readonly $metadata: { httpStatusCode: number };
  readonly $fault: 'client' | 'server';
  constructor(message: string, status: number, response: unknown) {
    super(message);
    this.$metadata = { httpStatusCode: status };
    this.$fault = status >= 500 ? 'server' : 'client';
    Object.defineProperty(this, '$response', { value: response });
  }
}

const EXCERPT_CHARS = 200;
const CAPTURE_BYTES = 64 * 1024;
/** Access key ids, and long runs of token characters (session tokens, signatures) an echo could carry. */
const SECRET_LIKE = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b|[A-Za-z0-9+/=_-]{32,}/g;

/**
 * What a person needs from a body that is not an AWS answer: its visible text (tags dropped),
 * whitespace collapsed, anything that looks like a credential or token redacted, at most 200
 * characters, JSON-quoted so that no control character or line break survives.
 */
export function answerExcerpt(text: string): string {
  const visible = text
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ');
  const words = visible.replace(/\s+/g, ' ').trim() || text.replace(/\s+/g, ' ').trim();
  const redacted = words.replace(SECRET_LIKE, '[redacted]');
  const chars = Array.from(redacted);
  return JSON.stringify(
    chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS - 1).join('')}…` : redacted,
  );
}

interface HttpResponseLike {
  statusCode: number;
  headers: Record<string, string | undefined>;
  body?: unknown;
}

interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener?(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener?(type: 'abort', listener: () => void): void;
}

interface HandlerOptions {
  abortSignal?: AbortSignalLike;
  [option: string]: unknown;
}

interface RequestHandlerLike {
  handle(request: unknown, options?: HandlerOptions): Promise<{ response: HttpResponseLike }>;
}

/** Excerpts of the bodies that were not AWS answers, by the response object the SDK hands on as `$response`. */
const excerpts = new WeakMap<object, string>();

function contentTypeOf(response: HttpResponseLike): string {
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (name.toLowerCase() === 'content-type' && typeof value === 'string') return value;
  }
  return '';
}

async function readCapped(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(buffer);
    size += buffer.length;
    if (size >= CAPTURE_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks);
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** One exchange under a total time limit, the caller's abort signal still honoured. */
async function handleBounded(
  inner: RequestHandlerLike,
  request: unknown,
  options: HandlerOptions,
  totalMs: number,
): Promise<{ response: HttpResponseLike }> {
  const controller = new AbortController();
  let timedOut: RequestTimeoutError | undefined;
  let body: Readable | undefined;
  const timer = setTimeout(() => {
    timedOut = new RequestTimeoutError(`no complete answer within ${seconds(totalMs)}`);
    // The body first, so that its reader gets this error rather than the socket's "aborted".
    body?.destroy(timedOut);
    controller.abort(timedOut);
  }, totalMs);
  // Only a request in flight (its socket) may keep the process alive, never this timer.
  timer.unref();
  const outer = options.abortSignal;
  const onOuterAbort = () => {
    body?.destroy(outer?.reason instanceof Error ? outer.reason : new Error('Request aborted'));
    controller.abort(outer?.reason);
  };
  if (outer?.aborted) onOuterAbort();
  else outer?.addEventListener?.('abort', onOuterAbort, { once: true });
  const settle = () => {
    clearTimeout(timer);
    outer?.removeEventListener?.('abort', onOuterAbort);
  };
  try {
    const out = await inner.handle(request, { ...options, abortSignal: controller.signal });
    const { response } = out;
    if (!(response.body instanceof Readable)) {
      settle();
      return out;
    }
    body = response.body;
    if (timedOut) throw timedOut;
    if (/json|xml/i.test(contentTypeOf(response))) {
      body.once('end', settle);
      body.once('close', settle);
      return out;
    }
    // Not an AWS answer (or an empty one): small, so read it now and keep an excerpt for the error.
    const bytes = await readCapped(body);
    settle();
    excerpts.set(response, answerExcerpt(bytes.toString('utf8')));
    response.body = Readable.from([bytes]);
    return out;
  } catch (e) {
    settle();
    throw timedOut ?? e;
  }
}

interface ErrorFields {
  $response?: unknown;
  message?: unknown;
}

/** The SDK's error, or a clearer one when the answer was not an AWS answer or did not come in time. */
function explainError(e: unknown, what: string): unknown {
  if (e instanceof Error && e.name === 'TimeoutError') {
    // Ours, or the SDK's connection or inactivity limit: say which call it was.
    if (!e.message.startsWith(`${what}:`)) e.message = `${what}: ${e.message}`;
    return e;
  }
  const response = typeof e === 'object' && e !== null ? (e as ErrorFields).$response : undefined;
  if (typeof response !== 'object' || response === null || !('statusCode' in response)) return e;
  const excerpt = excerpts.get(response);
  if (excerpt === undefined && !(e instanceof SyntaxError)) return e;
  const { statusCode } = response as HttpResponseLike;
  const type = contentTypeOf(response as HttpResponseLike) || 'no content type';
  const shown = excerpt === undefined ? '' : excerpt === '""' ? ': an empty body' : `: ${excerpt}`;
  return new UnexpectedAnswerError(
    `${what}: AWS answered HTTP ${statusCode} with a body that is not a valid answer (${type})${shown}`,
    statusCode,
    response,
  );
}

/**
 * Bounds every request the client sends by `totalMs` (its connection and idle limits are the request
 * handler's own options, set when the client is built) and makes answers that are not AWS's readable.
 * `client` is the SDK client (its resolved config is read on every send), `stack` its middleware stack;
 * `service` names it in messages (`DRS DescribeJobs: …`).
 */
export function boundRequests<I extends object, O extends object>(
  client: { config: object },
  stack: MiddlewareStack<I, O>,
  service: string,
  totalMs: number,
): void {
  const config = client.config as { requestHandler: RequestHandlerLike };
  const inner = config.requestHandler;
  config.requestHandler = new Proxy(inner, {
    get(target, prop) {
      if (prop === 'handle') {
        return (request: unknown, options: HandlerOptions = {}) =>
          handleBounded(target, request, options, totalMs);
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const middleware: DeserializeMiddleware<I, O> =
    (next: DeserializeHandler<I, O>, context) => async (args) => {
      try {
        return await next(args);
      } catch (e) {
        const command = String(context.commandName ?? '').replace(/Command$/, '');
        throw explainError(e, command ? `${service} ${command}` : service);
      }
    };
  // High priority: outside the SDK's deserializer, so its parse errors pass through here.
  stack.add(middleware, { step: 'deserialize', priority: 'high', name: 'drsDrillAnswers' });
}
