import * as core from '@actions/core';
import { DescribeJobsCommand } from '@aws-sdk/client-drs';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGithub } from '../../../emulator/github.js';
import type { EmulatorRequest, EmulatorResponse, ServiceHandler } from '../../../emulator/http-types.js';
import { createSts } from '../../../emulator/sts.js';
import { createAwsClients, destroyAwsClients, USER_AGENT } from '../../../src/aws/clients.js';
import {
  checkAccount,
  defaultRoleSessionName,
  maskCredentials,
  oidcCredentialProvider,
  type SessionCredentials,
  validateRoleSessionName,
} from '../../../src/aws/credentials.js';
import { UserError } from '../../../src/errors.js';
import { type LocalServer, serveHandlers } from '../github/local-server.js';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/drs-drill`;
const sts = createSts({ accountId: ACCOUNT });
const github = createGithub({ baseUrl: 'http://127.0.0.1/_github' });
let server: LocalServer;

/** Stand-ins for DRS and EC2 that refuse expired STS keys, as the emulator server does. */
const awsStandIn: ServiceHandler = (request: EmulatorRequest): EmulatorResponse | undefined => {
  if (request.service !== 'drs' && request.service !== 'ec2') return undefined;
  if (request.accessKeyId && sts.accessKeyStatus(request.accessKeyId) === 'expired') {
    return request.service === 'drs'
      ? {
          status: 403,
          headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'ExpiredTokenException' },
          body: '{"message":"The security token included in the request is expired"}',
        }
      : {
          status: 400,
          body: '<Response><Errors><Error><Code>RequestExpired</Code><Message>expired</Message></Error></Errors><RequestID>r</RequestID></Response>',
        };
  }
  if (request.service === 'drs') {
    return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"items":[]}' };
  }
  return {
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body: '<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><reservationSet/></DescribeInstancesResponse>',
  };
};

function keysUsed(service: string): string[] {
  return server.requests.filter((r) => r.service === service).map((r) => r.accessKeyId ?? '');
}
function assumeCalls(): number {
  return server.requests.filter((r) => r.body.includes('Action=AssumeRoleWithWebIdentity')).length;
}

beforeAll(async () => {
  server = await serveHandlers([sts.handler, github.handler, awsStandIn]);
});
afterAll(async () => server.close());

beforeEach(() => {
  server.requests.length = 0;
  github.state.issuedTokens.length = 0;
  vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_URL', `${server.url}/_github/oidc/token?api-version=2.0`);
  vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_TOKEN', github.state.requestToken);
  // core.setSecret and the toolkit's debug lines write workflow commands to stdout; keep test output clean.
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

function provider(overrides: Partial<Parameters<typeof oidcCredentialProvider>[0]> = {}) {
  return oidcCredentialProvider({
    roleArn: ROLE,
    sessionName: 'drs-drill-77',
    region: 'us-east-1',
    endpoint: server.url,
    getIdToken: (audience) => core.getIDToken(audience),
    sleep: async () => {},
    ...overrides,
  });
}

describe('oidcCredentialProvider with the real SDK clients', () => {
  it('assumes the role with a GitHub ID token and signs DRS and EC2 calls with the session', async () => {
    const masked: SessionCredentials[] = [];
    const credentials = provider({ onCredentials: (c) => masked.push(c) });
    const clients = createAwsClients({ region: 'us-east-1', endpoint: server.url, credentials });
    await clients.drs.send(new DescribeJobsCommand({}));
    await clients.ec2.send(new DescribeInstancesCommand({}));
    const identity = await checkAccount(clients.sts, ACCOUNT);
    destroyAwsClients(clients);

    expect(github.state.issuedTokens).toHaveLength(1);
    expect(assumeCalls()).toBe(1);
    const assume = server.requests.find((r) => r.body.includes('Action=AssumeRoleWithWebIdentity'));
    expect(assume?.body).toContain(`WebIdentityToken=${github.state.issuedTokens[0]}`);
    expect(assume?.body).toContain('RoleSessionName=drs-drill-77');
    expect(assume?.body).toContain('DurationSeconds=3600');
    expect(`${assume?.headers['user-agent']} ${assume?.headers['x-amz-user-agent']}`).toContain(USER_AGENT);
    expect(masked).toHaveLength(1);
    const key = masked[0]!.accessKeyId;
    expect(key).toMatch(/^ASIA/);
    expect(keysUsed('drs')).toEqual([key]);
    expect(keysUsed('ec2')).toEqual([key]);
    expect(identity).toEqual({
      accountId: ACCOUNT,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/drs-drill/drs-drill-77`,
    });
  });

  it('re-assumes with a fresh ID token before the session ends, once for all clients', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const masked: string[] = [];
    const credentials = provider({ durationSeconds: 900, onCredentials: (c) => masked.push(c.accessKeyId) });
    const clients = createAwsClients({ region: 'us-east-1', endpoint: server.url, credentials });
    await clients.drs.send(new DescribeJobsCommand({}));
    await clients.ec2.send(new DescribeInstancesCommand({}));
    expect(masked).toHaveLength(1);

    // 11 of 15 minutes gone: inside the SDK's 5-minute window on neither client yet.
    vi.advanceTimersByTime(9 * 60_000);
    await clients.drs.send(new DescribeJobsCommand({}));
    expect(masked).toHaveLength(1);
    // 11 minutes: 4 left, so both SDK generations ask the provider again.
    vi.advanceTimersByTime(2 * 60_000);
    await clients.drs.send(new DescribeJobsCommand({}));
    await clients.ec2.send(new DescribeInstancesCommand({}));
    // 16 minutes: the first session is over; calls still succeed on the second.
    vi.advanceTimersByTime(5 * 60_000);
    expect(sts.accessKeyStatus(masked[0]!)).toBe('expired');
    await clients.drs.send(new DescribeJobsCommand({}));
    await clients.ec2.send(new DescribeInstancesCommand({}));
    destroyAwsClients(clients);

    expect(masked).toHaveLength(2);
    expect(masked[1]).not.toBe(masked[0]);
    expect(assumeCalls()).toBe(2);
    expect(github.state.issuedTokens).toHaveLength(2);
    expect(github.state.issuedTokens[1]).not.toBe(github.state.issuedTokens[0]);
    expect(keysUsed('drs')).toEqual([masked[0], masked[0], masked[1], masked[1]]);
    expect(keysUsed('ec2')).toEqual([masked[0], masked[1], masked[1]]);
  });

  it('says to add id-token: write when the job cannot request ID tokens', () => {
    vi.stubEnv('ACTIONS_ID_TOKEN_REQUEST_URL', '');
    expect(() => provider()).toThrow(UserError);
    expect(() => provider()).toThrow(/permissions: id-token: write/);
  });

  it('retries a failed ID token request and then succeeds', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const credentials = provider({
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
      getIdToken: async (audience) => {
        if (++calls === 1) throw new Error('Failed to get ID Token. Error Code : 500');
        return core.getIDToken(audience);
      },
    });
    const c = await credentials();
    expect(c.accessKeyId).toMatch(/^ASIA/);
    expect(calls).toBe(2);
    expect(sleeps).toEqual([100]);
  });

  it('gives up on an ID token request that never answers, after its time limit, and asks again', async () => {
    let calls = 0;
    const credentials = provider({
      timeouts: { connectMs: 1000, idleMs: 1000, totalMs: 50 },
      getIdToken: async (audience) => {
        if (++calls === 1) return new Promise<string>(() => {});
        return core.getIDToken(audience);
      },
    });
    expect((await credentials()).accessKeyId).toMatch(/^ASIA/);
    expect(calls).toBe(2);
  });

  it('retries AssumeRoleWithWebIdentity after a 5xx, with a new ID token', async () => {
    let failures = 1;
    const flaky = await serveHandlers([
      (request) => {
        if (failures > 0 && request.body.includes('Action=AssumeRoleWithWebIdentity')) {
          failures--;
          return {
            status: 503,
            headers: { 'content-type': 'text/xml' },
            body: '<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>busy</Message></Error><RequestId>r</RequestId></ErrorResponse>',
          };
        }
        return sts.handler(request);
      },
      github.handler,
    ]);
    const retried: string[] = [];
    try {
      const credentials = provider({
        sts: new STSClient({ region: 'us-east-1', endpoint: flaky.url, maxAttempts: 1 }),
        onRetry: (e) => retried.push((e as Error).name),
      });
      expect((await credentials()).accessKeyId).toMatch(/^ASIA/);
    } finally {
      await flaky.close();
    }
    expect(retried).toEqual(['ServiceUnavailable']);
    expect(github.state.issuedTokens).toHaveLength(2);
  });

  it('fails at once, with context and a hint, when the role refuses the token', async () => {
    const credentials = provider({ roleArn: 'arn:aws:iam::444455556666:role/drs-drill' });
    const error = await credentials().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /^Could not assume role arn:aws:iam::444455556666:role\/drs-drill with GitHub OIDC: Not authorized.*trust policy/,
    );
    expect(assumeCalls()).toBe(1);
  });

  it('surfaces the provider failure from SDK calls unchanged', async () => {
    const clients = createAwsClients({
      region: 'us-east-1',
      endpoint: server.url,
      credentials: provider({ roleArn: 'arn:aws:iam::444455556666:role/drs-drill' }),
    });
    await expect(clients.drs.send(new DescribeJobsCommand({}))).rejects.toBeInstanceOf(UserError);
    await expect(clients.ec2.send(new DescribeInstancesCommand({}))).rejects.toThrow(/Could not assume role/);
    destroyAwsClients(clients);
  });

  it('rejects invalid role ARNs, session names and durations before any call', () => {
    expect(() => provider({ roleArn: 'drs-drill' })).toThrow(/not an IAM role ARN/);
    expect(() => provider({ sessionName: 'a b' })).toThrow(/role-session-name "a b" is invalid/);
    expect(() => provider({ durationSeconds: 60 })).toThrow(/900 to 43200/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('checkAccount', () => {
  it('refuses credentials from another account than the plan names', async () => {
    const clients = createAwsClients({ region: 'us-east-1', endpoint: server.url, credentials: provider() });
    await expect(checkAccount(clients.sts, '999999999999')).rejects.toThrow(
      new UserError(
        `plan accountId 999999999999 does not match the credentials' account ${ACCOUNT}: refusing to run`,
      ),
    );
    await expect(checkAccount(clients.sts)).resolves.toMatchObject({ accountId: ACCOUNT });
    destroyAwsClients(clients);
  });
});

describe('session names and masking', () => {
  it('validates role session names like STS', () => {
    expect(validateRoleSessionName('ab')).toBe('ab');
    expect(validateRoleSessionName('a'.repeat(64))).toHaveLength(64);
    expect(validateRoleSessionName('x_+=,.@-9')).toBe('x_+=,.@-9');
    for (const bad of ['a', 'a'.repeat(65), 'has space', 'slash/no', '']) {
      expect(() => validateRoleSessionName(bad)).toThrow(UserError);
    }
  });

  it('derives drs-drill-<run id>, sanitised and cut to 64', () => {
    expect(defaultRoleSessionName('1234567890')).toBe('drs-drill-1234567890');
    expect(defaultRoleSessionName(42)).toBe('drs-drill-42');
    expect(defaultRoleSessionName(undefined)).toBe('drs-drill');
    expect(defaultRoleSessionName('a/b c')).toBe('drs-drill-a-b-c');
    const long = defaultRoleSessionName('9'.repeat(100));
    expect(long).toHaveLength(64);
    expect(validateRoleSessionName(long)).toBe(long);
  });

  it('masks every credential value', () => {
    const secrets: string[] = [];
    maskCredentials({ accessKeyId: 'AK', secretAccessKey: 'SK', sessionToken: 'ST' }, (s) => secrets.push(s));
    expect(secrets).toEqual(['AK', 'SK', 'ST']);
  });
});
