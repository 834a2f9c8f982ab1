import {
  AssumeRoleWithWebIdentityCommand,
  ExpiredTokenException,
  GetCallerIdentityCommand,
  InvalidIdentityTokenException,
  STSClient,
  STSServiceException,
} from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGithub, GITHUB_OIDC_ISSUER, type OidcClaims, signIdToken } from '../../../emulator/github.js';
import { createSts } from '../../../emulator/sts.js';
import { type LocalServer, serveHandlers } from '../github/local-server.js';

const ACCOUNT = '123456789012';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/drs-drill`;
let clock = Date.now();
const sts = createSts({ accountId: ACCOUNT, sessionSeconds: 901, now: () => clock });
let server: LocalServer;
let github: ReturnType<typeof createGithub>;

beforeAll(async () => {
  github = createGithub({ baseUrl: 'http://127.0.0.1/_github', now: () => clock });
  server = await serveHandlers([sts.handler, github.handler]);
});
afterAll(async () => server.close());

function client(credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
  return new STSClient({
    region: 'us-east-1',
    endpoint: server.url,
    maxAttempts: 1,
    ...(credentials ? { credentials } : {}),
  });
}

async function idToken(audience = 'sts.amazonaws.com'): Promise<string> {
  const res = await fetch(
    `${server.url}/_github/oidc/token?api-version=2.0&audience=${encodeURIComponent(audience)}`,
    {
      headers: { authorization: `Bearer ${github.state.requestToken}` },
    },
  );
  return ((await res.json()) as { value: string }).value;
}

function assume(
  overrides: Partial<{
    RoleArn: string;
    RoleSessionName: string;
    WebIdentityToken: string;
    DurationSeconds: number;
  }>,
) {
  return async () =>
    client().send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: ROLE,
        RoleSessionName: 'drs-drill-42',
        WebIdentityToken: overrides.WebIdentityToken ?? (await idToken()),
        ...overrides,
      }),
    );
}

async function failure(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('STS stub with the real STSClient', () => {
  it('issues ASIA session keys that expire sessionSeconds after now', async () => {
    const out = await assume({})();
    const c = out.Credentials!;
    expect(c.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(c.SecretAccessKey).toHaveLength(40);
    expect(c.SessionToken!.length).toBeGreaterThan(100);
    expect(c.Expiration!.getTime()).toBe(Math.floor((clock + 901_000) / 1000) * 1000);
    expect(out.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/drs-drill/drs-drill-42`);
    expect(out.SubjectFromWebIdentityToken).toBe('repo:example/drs-plans:ref:refs/heads/main');
    expect(sts.accessKeyStatus(c.AccessKeyId!)).toBe('ok');
    expect(sts.accessKeyStatus('ASIANEVERISSUED0000')).toBe('unknown');
  });

  it('honours DurationSeconds and marks the keys expired once it has passed', async () => {
    const start = clock;
    const out = await assume({ DurationSeconds: 1200 })();
    const key = out.Credentials!.AccessKeyId!;
    clock = start + 1_199_000;
    expect(sts.accessKeyStatus(key)).toBe('ok');
    clock = start + 1_200_000;
    expect(sts.accessKeyStatus(key)).toBe('expired');
    clock = start;
  });

  it('caps every session at maxSessionSeconds, whatever DurationSeconds asked for', async () => {
    const capped = createSts({ accountId: ACCOUNT, maxSessionSeconds: 5, now: () => clock });
    const params = new URLSearchParams({
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/drs-drill`,
      RoleSessionName: 'capped',
      WebIdentityToken: await idToken(),
      DurationSeconds: '3600',
    });
    const answer = await capped.handler({
      method: 'POST',
      path: '/',
      query: new URLSearchParams(),
      headers: {},
      body: params.toString(),
    });
    const expiration = /<Expiration>([^<]+)<\/Expiration>/.exec(answer?.body ?? '')?.[1];
    expect(Date.parse(expiration ?? '')).toBe(Math.floor((clock + 5000) / 1000) * 1000);
  });

  it('answers GetCallerIdentity with the assumed-role ARN for its keys, a user for others', async () => {
    const c = (await assume({})()).Credentials!;
    const assumed = await client({
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    }).send(new GetCallerIdentityCommand({}));
    expect(assumed).toMatchObject({
      Account: ACCOUNT,
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/drs-drill/drs-drill-42`,
    });
    const other = await client({ accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'x' }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(other.Arn).toBe(`arn:aws:iam::${ACCOUNT}:user/emulator`);
  });

  it('refuses GetCallerIdentity with expired keys', async () => {
    const start = clock;
    const c = (await assume({})()).Credentials!;
    clock = start + 902_000;
    const error = await failure(() =>
      client({
        accessKeyId: c.AccessKeyId!,
        secretAccessKey: c.SecretAccessKey!,
        sessionToken: c.SessionToken!,
      }).send(new GetCallerIdentityCommand({})),
    );
    clock = start;
    expect(error).toBeInstanceOf(STSServiceException);
    expect(error.name).toBe('ExpiredToken');
    expect(error.message).toMatch(/expired/);
  });

  it('rejects bad parameters as ValidationError', async () => {
    const cases: [Parameters<typeof assume>[0], RegExp][] = [
      [{ RoleSessionName: 'x' }, /roleSessionName.*greater than or equal to 2/],
      [{ RoleSessionName: 'a'.repeat(65) }, /roleSessionName.*less than or equal to 64/],
      [{ RoleSessionName: 'has space' }, /regular expression pattern/],
      [{ RoleArn: 'arn:aws:iam::1:role' }, /roleArn.*greater than or equal to 20/],
      [{ RoleArn: 'arn:aws:s3:::a-bucket-name-here' }, /ARN is invalid/],
      [{ DurationSeconds: 899 }, /between 900 and 43200/],
      [{ DurationSeconds: 43201 }, /between 900 and 43200/],
      [{ WebIdentityToken: 'abc' }, /webIdentityToken.*greater than or equal to 4/],
    ];
    for (const [overrides, message] of cases) {
      const error = await failure(assume(overrides));
      expect(error.name, JSON.stringify(overrides)).toBe('ValidationError');
      expect(error.message).toMatch(message);
    }
  });

  it('accepts only tokens the GitHub stub issued, for the sts audience, unexpired', async () => {
    const forged = await failure(assume({ WebIdentityToken: 'not.a.token-from-github' }));
    expect(forged).toBeInstanceOf(InvalidIdentityTokenException);

    const wrongAudience = await failure(
      assume({ WebIdentityToken: await idToken('https://github.com/example') }),
    );
    expect(wrongAudience).toBeInstanceOf(InvalidIdentityTokenException);
    expect(wrongAudience.message).toMatch(/audience/);

    const iat = Math.floor(clock / 1000) - 600;
    const claims: OidcClaims = {
      iss: GITHUB_OIDC_ISSUER,
      aud: 'sts.amazonaws.com',
      sub: 'repo:example/drs-plans:ref:refs/heads/main',
      repository: 'example/drs-plans',
      repository_owner: 'example',
      ref: 'refs/heads/main',
      sha: '0',
      run_id: '1',
      actor: 'octocat',
      event_name: 'schedule',
      jti: 'j',
      iat,
      nbf: iat,
      exp: iat + 300,
    };
    const expired = await failure(assume({ WebIdentityToken: signIdToken(claims) }));
    expect(expired).toBeInstanceOf(ExpiredTokenException);
  });

  it('denies a role in another account', async () => {
    const error = await failure(assume({ RoleArn: 'arn:aws:iam::444455556666:role/drs-drill' }));
    expect(error.name).toBe('AccessDenied');
    expect((error as STSServiceException).$metadata.httpStatusCode).toBe(403);
  });

  it('leaves requests that are not STS to other handlers', async () => {
    const ec2Body = 'Action=DescribeInstances&Version=2016-11-15';
    const answer = await sts.handler({
      method: 'POST',
      path: '/',
      query: new URLSearchParams(),
      headers: {},
      body: ec2Body,
      service: 'ec2',
    });
    expect(answer).toBeUndefined();
    const unknown = await sts.handler({
      method: 'POST',
      path: '/',
      query: new URLSearchParams(),
      headers: {},
      body: 'Action=AssumeRole&Version=2011-06-15',
    });
    expect(unknown?.status).toBe(400);
    expect(unknown?.body).toContain('<Code>InvalidAction</Code>');
  });
});
