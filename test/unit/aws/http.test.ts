/**
 * Every AWS request is bounded: a server that never answers, or trickles its answer a byte at a time,
 * ends the call with a transient TimeoutError naming it; a body that is not an AWS answer (an HTML 503)
 * is reported with its status and a short, escaped, redacted excerpt. Real clients, a loopback scripted().
 */
import type { IncomingMessage } from 'node:http';
import { DescribeJobsCommand, StartRecoveryCommand } from '@aws-sdk/client-drs';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import {
  type AwsClients,
  createAwsClients,
  destroyAwsClients,
  requestTimeoutsFromEnv,
} from '../../../src/aws/clients.js';
import { AWS_REQUEST_TIMEOUTS, answerExcerpt, type RequestTimeouts } from '../../../src/aws/http.js';
import { isTransient } from '../../../src/aws/retry.js';
import { type Behaviour, trickle, useScriptedServer } from '../github/local-server.js';

const scripted = useScriptedServer();

const credentials = async () => ({ accessKeyId: 'AKIAEXAMPLE000000000', secretAccessKey: 'secret' });

function clients(timeouts: RequestTimeouts, maxAttempts = 1): AwsClients {
  return createAwsClients({
    region: 'us-east-1',
    endpoint: scripted().url,
    credentials,
    maxAttempts,
    timeouts,
  });
}

const isDrs = (req: IncomingMessage) => String(req.headers.authorization).includes('/drs/aws4_request');

/** A valid answer of each service, sent one byte every `everyMs`: never idle, never done in time. */
function trickleAnswer(everyMs: number): Behaviour {
  return (req, res) =>
    isDrs(req)
      ? trickle(
          'application/json',
          JSON.stringify({ items: [], padding: 'x'.repeat(400) }),
          everyMs,
        )(req, res)
      : trickle(
          'text/xml',
          `<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>${'r'.repeat(400)}</requestId><reservationSet/></DescribeInstancesResponse>`,
          everyMs,
        )(req, res);
}

describe('request time limits', () => {
  it('ends a call whose answer never comes with a transient TimeoutError naming the call', async () => {
    scripted().behaviour = () => {};
    // The idle limit is far away: the total limit alone must end the wait.
    const c = clients({ connectMs: 1000, idleMs: 60_000, totalMs: 300 });
    const calls = [
      c.drs.send(new DescribeJobsCommand({})),
      c.ec2.send(new DescribeInstancesCommand({})),
      c.sts.send(new GetCallerIdentityCommand({})),
    ];
    const errors = await Promise.all(
      calls.map((p) =>
        p.then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    );
    destroyAwsClients(c);
    expect(errors.map((e) => (e as Error).message)).toEqual([
      'DRS DescribeJobs: no complete answer within 0.3 s',
      'EC2 DescribeInstances: no complete answer within 0.3 s',
      'STS GetCallerIdentity: no complete answer within 0.3 s',
    ]);
    for (const e of errors) {
      expect(e).toMatchObject({ name: 'TimeoutError' });
      expect(isTransient(e)).toBe(true);
    }
  });

  it('cuts an answer that trickles in (slow loris) by the total limit, not only the idle one', async () => {
    scripted().behaviour = trickleAnswer(10);
    const c = clients({ connectMs: 1000, idleMs: 5000, totalMs: 400 });
    const drs = await c.drs.send(new DescribeJobsCommand({})).catch((e: unknown) => e);
    const ec2 = await c.ec2.send(new DescribeInstancesCommand({})).catch((e: unknown) => e);
    destroyAwsClients(c);
    expect(drs).toMatchObject({
      name: 'TimeoutError',
      message: 'DRS DescribeJobs: no complete answer within 0.4 s',
    });
    expect(ec2).toMatchObject({
      name: 'TimeoutError',
      message: 'EC2 DescribeInstances: no complete answer within 0.4 s',
    });
    expect(isTransient(drs)).toBe(true);
  });

  it('retries a timed-out read like a 5xx, but sends the no-retry StartRecovery once', async () => {
    scripted().behaviour = () => {};
    const c = clients({ connectMs: 1000, idleMs: 60_000, totalMs: 200 }, 2);
    await expect(c.drs.send(new DescribeJobsCommand({}))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(scripted().seen).toHaveLength(2);
    scripted().seen.length = 0;
    const start = c.drsNoRetry.send(
      new StartRecoveryCommand({ sourceServers: [{ sourceServerID: 's-1234567890abcdef0' }], isDrill: true }),
    );
    await expect(start).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(scripted().seen).toHaveLength(1);
    destroyAwsClients(c);
  });

  it('follows the emulator clock only on a loopback endpoint, with real-time floors', () => {
    const env = { DRS_DRILL_CLOCK_SCALE: '600', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' };
    expect(requestTimeoutsFromEnv({})).toEqual(AWS_REQUEST_TIMEOUTS);
    expect(
      requestTimeoutsFromEnv({ ...env, AWS_ENDPOINT_URL: 'https://drs.us-east-1.amazonaws.com' }),
    ).toEqual(AWS_REQUEST_TIMEOUTS);
    expect(requestTimeoutsFromEnv(env)).toEqual({ connectMs: 250, idleMs: 500, totalMs: 1000 });
    expect(requestTimeoutsFromEnv({ ...env, DRS_DRILL_CLOCK_SCALE: '10' })).toEqual({
      connectMs: 1000,
      idleMs: 3000,
      totalMs: 6000,
    });
  });
});

describe('answers that are not AWS answers', () => {
  const page =
    '<html><head><style>h1{color:red}</style></head><body><h1>503 Service Temporarily Unavailable</h1>\n' +
    '::error::injected\r\nX-Amz-Security-Token: FwoGZXIvYXdzEJr//////////wEaDNaMe0123456789abcdefghij AKIAABCDEFGHIJKLMNOP</body></html>';

  it('says what AWS answered (status and a short escaped excerpt, no secrets) and retries a 5xx', async () => {
    scripted().behaviour = (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end(page);
    };
    const c = clients({ connectMs: 1000, idleMs: 5000, totalMs: 5000 }, 2);
    const drs = await c.drs.send(new DescribeJobsCommand({})).catch((e: unknown) => e);
    expect(scripted().seen).toHaveLength(2);
    const ec2 = await c.ec2.send(new DescribeInstancesCommand({})).catch((e: unknown) => e);
    destroyAwsClients(c);
    const excerpt =
      '"503 Service Temporarily Unavailable ::error::injected X-Amz-Security-Token: [redacted] [redacted]"';
    expect(drs).toMatchObject({
      name: 'UnexpectedAnswerError',
      message: `DRS DescribeJobs: AWS answered HTTP 503 with a body that is not a valid answer (text/html): ${excerpt}`,
      $metadata: { httpStatusCode: 503 },
    });
    expect((ec2 as Error).message).toBe(
      `EC2 DescribeInstances: AWS answered HTTP 503 with a body that is not a valid answer (text/html): ${excerpt}`,
    );
    expect(isTransient(drs)).toBe(true);
    expect(isTransient(ec2)).toBe(true);
  });

  it('keeps AWS error answers as the SDK reads them', async () => {
    scripted().behaviour = (_req, res) => {
      res.writeHead(409, { 'content-type': 'application/json', 'x-amzn-errortype': 'ConflictException' });
      res.end('{"message":"busy"}');
    };
    const c = clients({ connectMs: 1000, idleMs: 5000, totalMs: 5000 });
    await expect(c.drs.send(new DescribeJobsCommand({}))).rejects.toMatchObject({
      name: 'ConflictException',
      message: 'busy',
    });
    destroyAwsClients(c);
  });

  it('cuts an excerpt to 200 characters, on one line', () => {
    const long = answerExcerpt(`line one\nline two ${'word '.repeat(100)}`);
    expect(long).not.toMatch(/[\r\n]/);
    expect(JSON.parse(long)).toHaveLength(200);
    expect(JSON.parse(long)).toMatch(/^line one line two word .*…$/);
    expect(answerExcerpt('')).toBe('""');
  });
});
