import { DescribeJobsCommand } from '@aws-sdk/client-drs';
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EmulatorResponse, ServiceHandler } from '../../../emulator/http-types.js';
import { createSts } from '../../../emulator/sts.js';
import { clientConfig, createAwsClients, destroyAwsClients, USER_AGENT } from '../../../src/aws/clients.js';
import { UserError } from '../../../src/errors.js';
import { type LocalServer, serveHandlers } from '../github/local-server.js';

const credentials = async () => ({ accessKeyId: 'AKIAEXAMPLE000000000', secretAccessKey: 'secret' });
let drsAnswer: EmulatorResponse;
let server: LocalServer;

const standIn: ServiceHandler = (request) => {
  if (request.service === 'drs') return drsAnswer;
  if (request.service === 'ec2') {
    return {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: '<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><reservationSet/></DescribeInstancesResponse>',
    };
  }
  return undefined;
};

beforeAll(async () => {
  server = await serveHandlers([createSts({ accountId: '123456789012' }).handler, standIn]);
});
afterAll(async () => server.close());
beforeEach(() => {
  server.requests.length = 0;
  drsAnswer = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"items":[]}' };
});

describe('createAwsClients', () => {
  it('refuses a malformed region with a UserError', () => {
    for (const region of ['', 'US-EAST-1', 'us east 1', 'us_east_1']) {
      expect(() => createAwsClients({ region })).toThrow(UserError);
    }
    expect(() => createAwsClients({ region: 'eu-west-1', maxAttempts: 0 })).toThrow(/maxAttempts/);
  });

  it('builds a standard-retry config with the action user agent', () => {
    expect(clientConfig({ region: ' eu-west-1 ' })).toEqual({
      region: 'eu-west-1',
      maxAttempts: 3,
      retryMode: 'standard',
      customUserAgent: USER_AGENT,
    });
    expect(USER_AGENT).toMatch(/^drs-drill-action\/\d+\.\d+\.\d+$/);
  });

  it('sends DRS, EC2 and STS requests to the endpoint with the user-agent suffix', async () => {
    const clients = createAwsClients({ region: 'us-east-1', endpoint: server.url, credentials });
    await clients.drs.send(new DescribeJobsCommand({}));
    await clients.ec2.send(new DescribeInstancesCommand({}));
    const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
    destroyAwsClients(clients);
    expect(identity.Account).toBe('123456789012');
    expect(server.requests.map((r) => r.service)).toEqual(['drs', 'ec2', 'sts']);
    for (const request of server.requests) {
      const agent = `${request.headers['user-agent'] ?? ''} ${request.headers['x-amz-user-agent'] ?? ''}`;
      expect(agent).toContain(USER_AGENT);
      expect(request.accessKeyId).toBe('AKIAEXAMPLE000000000');
    }
  });

  it('retries a 5xx on drs but sends StartRecovery-bound drsNoRetry only once', async () => {
    drsAnswer = {
      status: 503,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'InternalServerException' },
      body: '{"message":"try later"}',
    };
    const clients = createAwsClients({ region: 'us-east-1', endpoint: server.url, credentials });
    await expect(clients.drsNoRetry.send(new DescribeJobsCommand({}))).rejects.toThrow('try later');
    expect(server.requests).toHaveLength(1);
    await expect(clients.drs.send(new DescribeJobsCommand({}))).rejects.toThrow('try later');
    expect(server.requests).toHaveLength(4);
    destroyAwsClients(clients);
  });

  it('honours AWS_ENDPOINT_URL when no endpoint is given', async () => {
    const previous = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = server.url;
    try {
      const clients = createAwsClients({ region: 'us-east-1', credentials });
      await clients.drs.send(new DescribeJobsCommand({}));
      await clients.ec2.send(new DescribeInstancesCommand({}));
      destroyAwsClients(clients);
    } finally {
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL;
      else process.env.AWS_ENDPOINT_URL = previous;
    }
    expect(server.requests.map((r) => r.service)).toEqual(['drs', 'ec2']);
  });
});
