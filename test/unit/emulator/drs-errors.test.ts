import { request } from 'node:http';
import {
  ConflictException,
  GetLaunchConfigurationCommand,
  ListTagsForResourceCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  StartRecoveryCommand,
  ValidationException,
} from '@aws-sdk/client-drs';
import { afterEach, describe, expect, it } from 'vitest';
import { generateEstate } from '../../../emulator/estate.js';
import { DB_01, DB_02, type Harness, start, stop } from './helpers.js';

let h: Harness;
afterEach(async () => {
  if (h) await stop(h);
});

function rawPost(
  url: string,
  path: string,
  body: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization:
            'AWS4-HMAC-SHA256 Credential=AKIDTEST/20250602/us-east-1/drs/aws4_request, SignedHeaders=host, Signature=x',
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const ids = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ sourceServerID: `s-${(from + i).toString(16).padStart(17, '0')}` }));

describe('DRS errors arrive as the SDK exception classes with their members', () => {
  it('ValidationException 400 with fieldValidationFailed and a fieldList for a bad id pattern', async () => {
    h = await start();
    const e = await h.drs
      .send(new StartRecoveryCommand({ sourceServers: [{ sourceServerID: 's-short' }] }))
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ValidationException);
    const v = e as ValidationException;
    expect(v.$metadata.httpStatusCode).toBe(400);
    expect(v.reason).toBe('fieldValidationFailed');
    expect(v.fieldList?.map((f) => f.name)).toEqual([
      'sourceServers.1.member.sourceServerID',
      'sourceServers.1.member.sourceServerID',
    ]);
    expect(v.fieldList?.[1]?.message).toContain('regular expression pattern');
  });

  it('rejects what the SDK would send but the model forbids: empty list, bad enum, maxResults 0', async () => {
    h = await start();
    for (const [path, body, field] of [
      ['/StartRecovery', '{"sourceServers":[]}', 'sourceServers'],
      ['/StartRecovery', '{}', 'sourceServers'],
      [
        '/UpdateLaunchConfiguration',
        `{"sourceServerID":"${DB_01}","launchDisposition":"PAUSED"}`,
        'launchDisposition',
      ],
      ['/DescribeJobs', '{"maxResults":0}', 'maxResults'],
      [
        '/DescribeSourceServers',
        `{"filters":{"sourceServerIDs":${JSON.stringify(Array(201).fill(DB_01))}}}`,
        'filters.sourceServerIDs',
      ],
      ['/UpdateLaunchConfiguration', `{"sourceServerID":"${DB_01}","copyTags":"yes"}`, 'copyTags'],
    ] as const) {
      const res = await rawPost(h.emulator.url, path, body);
      expect(res.status, `${path} ${body}`).toBe(400);
      expect(res.headers['x-amzn-errortype']).toBe('ValidationException');
      const parsed = JSON.parse(res.body) as { reason: string; fieldList: { name: string }[] };
      expect(parsed.reason).toBe('fieldValidationFailed');
      expect(parsed.fieldList.map((f) => f.name)).toContain(field);
    }
  });

  it('answers malformed JSON with reason cannotParse and ignores unknown members', async () => {
    h = await start();
    const bad = await rawPost(h.emulator.url, '/DescribeJobs', '{not json');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).reason).toBe('cannotParse');
    const extra = await rawPost(h.emulator.url, '/DescribeJobs', '{"somethingNew":1}');
    expect(extra.status).toBe(200);
  });

  it('ResourceNotFoundException 404 with resourceId for an unknown source server or ARN', async () => {
    h = await start();
    const e = (await h.drs
      .send(new GetLaunchConfigurationCommand({ sourceServerID: 's-0000000000000dead' }))
      .catch((x: unknown) => x)) as ResourceNotFoundException;
    expect(e).toBeInstanceOf(ResourceNotFoundException);
    expect(e.$metadata.httpStatusCode).toBe(404);
    expect(e.resourceId).toBe('s-0000000000000dead');
    const t = await h.drs
      .send(
        new ListTagsForResourceCommand({
          resourceArn: 'arn:aws:drs:us-east-1:111122223333:job/drsjob-00000000000000000',
        }),
      )
      .catch((x: unknown) => x);
    expect(t).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('quotas', () => {
  it('one active job per server: ConflictException 409 with DRS message and the server id', async () => {
    h = await start();
    await h.drs.send(new StartRecoveryCommand({ isDrill: true, sourceServers: [{ sourceServerID: DB_01 }] }));
    const e = (await h.drs
      .send(
        new StartRecoveryCommand({
          isDrill: true,
          sourceServers: [{ sourceServerID: DB_02 }, { sourceServerID: DB_01 }],
        }),
      )
      .catch((x: unknown) => x)) as ConflictException;
    expect(e).toBeInstanceOf(ConflictException);
    expect(e.$metadata.httpStatusCode).toBe(409);
    expect(e.message).toBe(
      'One or more of the Source Servers included in API call are currently being processed by a Job',
    );
    expect(e.resourceId).toBe(DB_01);
  });

  it('a scenario server busy in a pre-existing job is refused the same way', async () => {
    const scenario = generateEstate(3);
    scenario.jobs.push({
      jobID: 'drsjob-00000000000000001',
      sourceServerIDs: [scenario.servers[0]!.sourceServerID],
      isDrill: true,
      startOffsetMinutes: 0,
    });
    h = await start(scenario);
    const e = await h.drs
      .send(
        new StartRecoveryCommand({
          sourceServers: [{ sourceServerID: scenario.servers[0]!.sourceServerID }],
        }),
      )
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConflictException);
  });

  it('more than 100 servers in one StartRecovery: ServiceQuotaExceededException 402 L-B827C881', async () => {
    h = await start(generateEstate(150));
    const e = (await h.drs
      .send(new StartRecoveryCommand({ sourceServers: ids(101) }))
      .catch((x: unknown) => x)) as ServiceQuotaExceededException;
    expect(e).toBeInstanceOf(ServiceQuotaExceededException);
    expect(e.$metadata.httpStatusCode).toBe(402);
    expect(e.quotaCode).toBe('L-B827C881');
    expect(e.serviceCode).toBe('drs');
  });

  it('a 21st active job: ServiceQuotaExceededException L-D88FAC3A', async () => {
    h = await start(generateEstate(25));
    for (let i = 0; i < 20; i++) await h.drs.send(new StartRecoveryCommand({ sourceServers: ids(1, i) }));
    const e = (await h.drs
      .send(new StartRecoveryCommand({ sourceServers: ids(1, 20) }))
      .catch((x: unknown) => x)) as ServiceQuotaExceededException;
    expect(e).toBeInstanceOf(ServiceQuotaExceededException);
    expect(e.quotaCode).toBe('L-D88FAC3A');
  });

  it('more than 500 servers across active jobs: ServiceQuotaExceededException L-05AFA8C6', async () => {
    h = await start(generateEstate(520));
    for (let i = 0; i < 5; i++)
      await h.drs.send(new StartRecoveryCommand({ sourceServers: ids(100, i * 100) }));
    const e = (await h.drs
      .send(new StartRecoveryCommand({ sourceServers: ids(1, 500) }))
      .catch((x: unknown) => x)) as ServiceQuotaExceededException;
    expect(e).toBeInstanceOf(ServiceQuotaExceededException);
    expect(e.quotaCode).toBe('L-05AFA8C6');
  });
});
