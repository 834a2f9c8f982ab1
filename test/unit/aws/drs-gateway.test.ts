import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DescribeJobLogItemsCommand,
  DescribeJobsCommand,
  DescribeRecoveryInstancesCommand,
  DescribeRecoverySnapshotsCommand,
  DescribeSourceServersCommand,
  DrsClient,
  GetLaunchConfigurationCommand,
  StartRecoveryCommand,
  TerminateRecoveryInstancesCommand,
  UpdateLaunchConfigurationCommand,
} from '@aws-sdk/client-drs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chunk, createDrsGateway } from '../../../src/aws/drs-gateway.js';
import { StartRecoveryWithoutJobError } from '../../../src/aws/gateways.js';
import { DRS_MAX_PAGES } from '../../../src/core/quotas.js';

type Gw = ReturnType<typeof createDrsGateway>;

const drsMock = mockClient(DrsClient);

function ids(prefix: string, n: number, width = 17): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(width, '0')}`);
}

function gateway() {
  const drs = new DrsClient({ region: 'us-east-1' });
  const drsNoRetry = new DrsClient({ region: 'us-east-1', maxAttempts: 1 });
  return { gw: createDrsGateway({ drs, drsNoRetry }), drs, drsNoRetry };
}

beforeEach(() => drsMock.reset());

describe('chunk', () => {
  it('splits at the boundary and keeps order', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
  });
});

describe('createDrsGateway', () => {
  it('follows every page of DescribeSourceServers', async () => {
    // The 3.523 paginators reuse one input object across pages: copy each request as it is sent.
    const sent: { nextToken?: string }[] = [];
    const pages = [
      { items: [{ sourceServerID: 's-1' }], nextToken: 't1' },
      { items: [{ sourceServerID: 's-2' }], nextToken: 't2' },
      { items: [{ sourceServerID: 's-3' }] },
    ];
    drsMock.on(DescribeSourceServersCommand).callsFake((input: { nextToken?: string }) => {
      sent.push({ ...input });
      return pages[sent.length - 1];
    });
    const servers = await gateway().gw.describeAllSourceServers();
    expect(servers.map((s) => s.sourceServerID)).toEqual(['s-1', 's-2', 's-3']);
    expect(sent.map((i) => i.nextToken)).toEqual([undefined, 't1', 't2']);
  });

  it('describes up to 1000 jobs in one call and 1001 in two', async () => {
    drsMock.on(DescribeJobsCommand).callsFake((input: { filters?: { jobIDs?: string[] } }) => ({
      items: (input.filters?.jobIDs ?? []).map((jobID) => ({ jobID })),
    }));
    const { gw } = gateway();
    const thousand = ids('drsjob-', 1000);
    expect(await gw.describeJobs(thousand)).toHaveLength(1000);
    expect(drsMock.commandCalls(DescribeJobsCommand)).toHaveLength(1);
    // The whole batch is asked for as one page.
    expect(drsMock.commandCalls(DescribeJobsCommand)[0]?.args[0].input.maxResults).toBe(1000);

    drsMock.resetHistory();
    const more = ids('drsjob-', 1001);
    const jobs = await gw.describeJobs(more);
    expect(jobs.map((j) => j.jobID)).toEqual(more);
    const sizes = drsMock
      .commandCalls(DescribeJobsCommand)
      .map((c) => c.args[0].input.filters?.jobIDs?.length);
    expect(sizes).toEqual([1000, 1]);
  });

  it('never sends an empty jobIDs filter (DRS would return every job)', async () => {
    drsMock.on(DescribeJobsCommand).resolves({ items: [{ jobID: 'drsjob-x' }] });
    expect(await gateway().gw.describeJobs([])).toEqual([]);
    expect(drsMock.commandCalls(DescribeJobsCommand)).toHaveLength(0);
  });

  it('describes jobs since a date with filters.fromDate, all pages', async () => {
    const sent: Record<string, unknown>[] = [];
    const pages = [{ items: [{ jobID: 'a' }], nextToken: 'n' }, { items: [{ jobID: 'b' }] }];
    drsMock.on(DescribeJobsCommand).callsFake((input: Record<string, unknown>) => {
      sent.push(JSON.parse(JSON.stringify(input)));
      return pages[sent.length - 1];
    });
    const jobs = await gateway().gw.describeJobsSince('2026-01-01T00:00:00.000Z');
    expect(jobs.map((j) => j.jobID)).toEqual(['a', 'b']);
    expect(sent).toEqual([
      { filters: { fromDate: '2026-01-01T00:00:00.000Z' } },
      { filters: { fromDate: '2026-01-01T00:00:00.000Z' }, nextToken: 'n' },
    ]);
  });

  it('batches recovery instances at 200 ids', async () => {
    drsMock.on(DescribeRecoveryInstancesCommand).resolves({ items: [] });
    const { gw } = gateway();
    await gw.describeRecoveryInstances({ recoveryInstanceIds: ids('i-', 401, 8) });
    const sizes = drsMock
      .commandCalls(DescribeRecoveryInstancesCommand)
      .map((c) => c.args[0].input.filters?.recoveryInstanceIDs?.length);
    expect(sizes).toEqual([200, 200, 1]);
  });

  it('reads recovery instances by source server, and nothing for an empty list', async () => {
    drsMock.on(DescribeRecoveryInstancesCommand).resolves({ items: [{ recoveryInstanceID: 'i-1' }] });
    const { gw } = gateway();
    expect(await gw.describeRecoveryInstances({ sourceServerIds: [] })).toEqual([]);
    expect(drsMock.commandCalls(DescribeRecoveryInstancesCommand)).toHaveLength(0);
    const found = await gw.describeRecoveryInstances({ sourceServerIds: ['s-1', 's-1', 's-2'] });
    expect(found).toHaveLength(1);
    expect(drsMock.commandCalls(DescribeRecoveryInstancesCommand)[0]?.args[0].input.filters).toEqual({
      sourceServerIDs: ['s-1', 's-2'],
    });
  });

  it('pages job log items and recovery snapshots', async () => {
    drsMock
      .on(DescribeJobLogItemsCommand)
      .resolvesOnce({ items: [{ event: 'JOB_START' }], nextToken: 'x' })
      .resolvesOnce({ items: [{ event: 'JOB_END' }] });
    drsMock.on(DescribeRecoverySnapshotsCommand).resolves({ items: [] });
    const { gw } = gateway();
    expect((await gw.describeJobLogItems('drsjob-1')).map((l) => l.event)).toEqual(['JOB_START', 'JOB_END']);
    // Large pages: a 100-server job's whole log in one call (the service's default page is smaller).
    expect(drsMock.commandCalls(DescribeJobLogItemsCommand)[0]?.args[0].input.maxResults).toBe(1000);
    expect(drsMock.commandCalls(DescribeJobLogItemsCommand)[1]?.args[0].input).toEqual({
      jobID: 'drsjob-1',
      maxResults: 1000,
      nextToken: 'x',
    });
    await gw.describeRecoverySnapshots('s-1');
    expect(drsMock.commandCalls(DescribeRecoverySnapshotsCommand)[0]?.args[0].input.sourceServerID).toBe(
      's-1',
    );
  });

  it('sends StartRecovery on the no-retry client only, with the tags', async () => {
    const { gw, drs, drsNoRetry } = gateway();
    const noRetryMock = mockClient(drsNoRetry);
    const retryMock = mockClient(drs);
    noRetryMock.on(StartRecoveryCommand).resolves({ job: { jobID: 'drsjob-1', status: 'PENDING' } });
    retryMock.on(StartRecoveryCommand).rejects(new Error('must not be used'));
    const job = await gw.startRecovery({
      sourceServers: [{ sourceServerID: 's-1', recoverySnapshotID: 'pit-1' }],
      isDrill: true,
      tags: { 'drs-drill:plan': 'demo' },
    });
    expect(job.jobID).toBe('drsjob-1');
    expect(noRetryMock.commandCalls(StartRecoveryCommand)[0]?.args[0].input).toEqual({
      sourceServers: [{ sourceServerID: 's-1', recoverySnapshotID: 'pit-1' }],
      isDrill: true,
      tags: { 'drs-drill:plan': 'demo' },
    });
    expect(retryMock.commandCalls(StartRecoveryCommand)).toHaveLength(0);
    noRetryMock.restore();
    retryMock.restore();
  });

  it('reports a StartRecovery answer without a job as StartRecoveryWithoutJobError (the job may exist)', async () => {
    drsMock.on(StartRecoveryCommand).resolves({});
    const rejection = gateway().gw.startRecovery({
      sourceServers: [{ sourceServerID: 's-1' }],
      isDrill: true,
      tags: {},
    });
    await expect(rejection).rejects.toBeInstanceOf(StartRecoveryWithoutJobError);
  });

  it('passes SDK exceptions through unchanged', async () => {
    const err = Object.assign(new Error('busy'), { name: 'ConflictException' });
    drsMock.on(StartRecoveryCommand).rejects(err);
    const rejection = gateway().gw.startRecovery({
      sourceServers: [{ sourceServerID: 's-1' }],
      isDrill: true,
      tags: {},
    });
    await expect(rejection).rejects.toMatchObject({ name: 'ConflictException', message: 'busy' });
  });

  it('gets and updates launch configurations without the response metadata', async () => {
    drsMock
      .on(GetLaunchConfigurationCommand)
      .resolves({ sourceServerID: 's-1', ec2LaunchTemplateID: 'lt-1' });
    drsMock.on(UpdateLaunchConfigurationCommand).resolves({ sourceServerID: 's-1', copyTags: true });
    const { gw } = gateway();
    expect(await gw.getLaunchConfiguration('s-1')).toEqual({
      sourceServerID: 's-1',
      ec2LaunchTemplateID: 'lt-1',
    });
    await gw.updateLaunchConfiguration({ sourceServerID: 's-1', copyTags: true });
    expect(drsMock.commandCalls(UpdateLaunchConfigurationCommand)[0]?.args[0].input).toEqual({
      sourceServerID: 's-1',
      copyTags: true,
    });
  });

  it('terminates at most 200 recovery instances per call', async () => {
    drsMock.on(TerminateRecoveryInstancesCommand).resolves({ job: { jobID: 'drsjob-t', type: 'TERMINATE' } });
    const { gw } = gateway();
    expect((await gw.terminateRecoveryInstances(ids('i-', 200, 8))).jobID).toBe('drsjob-t');
    await expect(gw.terminateRecoveryInstances(ids('i-', 201, 8))).rejects.toThrow(/1-200/);
    expect(drsMock.commandCalls(TerminateRecoveryInstancesCommand)).toHaveLength(1);
  });
});

describe('serverTime (real SDK over loopback HTTP)', () => {
  let server: Server;
  afterEach(() => new Promise<void>((done) => server.close(() => done())));

  it('is undefined before a response, then the latest Date header, also from error responses', async () => {
    drsMock.restore();
    const dates = ['Tue, 03 Feb 2026 10:00:00 GMT', 'Tue, 03 Feb 2026 10:05:00 GMT'];
    let call = 0;
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const date = dates[Math.min(call, dates.length - 1)] ?? '';
        call += 1;
        if (call === 1) {
          res.writeHead(200, { 'content-type': 'application/json', date });
          res.end(JSON.stringify({ items: [] }));
        } else {
          res.writeHead(400, {
            'content-type': 'application/json',
            date,
            'x-amzn-errortype': 'ValidationException',
          });
          res.end(JSON.stringify({ message: 'bad' }));
        }
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    const { port } = server.address() as AddressInfo;
    const config = {
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
      maxAttempts: 1,
    };
    const gw = createDrsGateway({ drs: new DrsClient(config), drsNoRetry: new DrsClient(config) });
    expect(gw.serverTime()).toBeUndefined();
    await gw.describeAllSourceServers();
    expect(gw.serverTime()).toBe('2026-02-03T10:00:00.000Z');
    await expect(gw.describeJobs(['drsjob-00000000000000001'])).rejects.toMatchObject({
      name: 'ValidationException',
    });
    expect(gw.serverTime()).toBe('2026-02-03T10:05:00.000Z');
  });
});

describe('pagination always ends', () => {
  /** Stops a runaway paginator (the old behaviour) so the test fails instead of hanging. */
  const RUNAWAY = 5000;

  /** Each call answers one item and the token `token(n)` for call n (1-based). */
  function answer(token: (n: number) => string | undefined) {
    let n = 0;
    return () => {
      n++;
      if (n > RUNAWAY) throw new Error('runaway pagination');
      return {
        items: [{ sourceServerID: `s-${n}`, jobID: `drsjob-${n}`, recoveryInstanceID: `i-${n}` }],
        nextToken: token(n),
      };
    };
  }

  const reads = [
    ['DescribeSourceServers', (gw: Gw) => gw.describeAllSourceServers()],
    ['DescribeJobs', (gw: Gw) => gw.describeJobsSince('2026-01-01T00:00:00Z')],
    ['DescribeJobs', (gw: Gw) => gw.describeJobs(['drsjob-1'])],
    ['DescribeJobLogItems', (gw: Gw) => gw.describeJobLogItems('drsjob-1')],
    ['DescribeRecoveryInstances', (gw: Gw) => gw.describeRecoveryInstances({})],
    ['DescribeRecoveryInstances', (gw: Gw) => gw.describeRecoveryInstances({ recoveryInstanceIds: ['i-1'] })],
    ['DescribeRecoveryInstances', (gw: Gw) => gw.describeRecoveryInstances({ sourceServerIds: ['s-1'] })],
    ['DescribeRecoverySnapshots', (gw: Gw) => gw.describeRecoverySnapshots('s-1')],
  ] as const;

  it.each(reads)('%s (read %#) stops at a repeated nextToken, naming the operation', async (name, read) => {
    drsMock.onAnyCommand().callsFake(answer(() => 'same-token'));
    await expect(read(gateway().gw)).rejects.toThrow(
      new RegExp(`^DRS ${name}: page 2 returned a next token that an earlier page already returned`),
    );
    expect(drsMock.calls()).toHaveLength(2);
  });

  it('stops a token cycle (A, B, A) before asking again', async () => {
    drsMock.on(DescribeSourceServersCommand).callsFake(answer((n) => (n % 2 === 1 ? 'A' : 'B')));
    await expect(gateway().gw.describeAllSourceServers()).rejects.toMatchObject({
      name: 'PaginationError',
      message: expect.stringMatching(/^DRS DescribeSourceServers: page 3 returned a next token/),
    });
    expect(drsMock.commandCalls(DescribeSourceServersCommand)).toHaveLength(3);
  });

  it.each(reads)('%s (read %#) stops after its page limit when every token is new', async (name, read) => {
    drsMock.onAnyCommand().callsFake(answer((n) => `token-${n}`));
    const limit =
      DRS_MAX_PAGES[`${name.charAt(0).toLowerCase()}${name.slice(1)}` as keyof typeof DRS_MAX_PAGES];
    await expect(read(gateway().gw)).rejects.toThrow(
      new RegExp(`^DRS ${name}: still more pages after ${limit}, more than the service's quotas allow`),
    );
    expect(drsMock.calls()).toHaveLength(limit);
  });
});
