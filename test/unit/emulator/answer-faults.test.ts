/**
 * The faults that shape answers: hangs, trickled (slow-loris) bodies, HTML error pages, a nextToken
 * that leads back to the first page, StartRecovery without its job, and hostile strings.
 */
import {
  DescribeJobLogItemsCommand,
  DescribeJobsCommand,
  DescribeSourceServersCommand,
  StartRecoveryCommand,
} from '@aws-sdk/client-drs';
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFaults } from '../../../emulator/faults-load.js';
import { HOSTILE_PAYLOAD } from '../../../emulator/scenario.js';
import { APP_01, DB_01, DB_02, type Harness, MINUTE, repairedDemo, start, stop } from './helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  if (h) await stop(h);
  h = undefined;
});

function harness(): Harness {
  if (!h) throw new Error('no emulator');
  return h;
}

/** An unsigned DRS call (the router takes unsigned JSON to DRS), so a test can watch the raw answer. */
const describeJobs = (signal?: AbortSignal) =>
  fetch(`${harness().emulator.url}/DescribeJobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
    ...(signal ? { signal } : {}),
  });

const outcomes = (operation: string) =>
  harness()
    .emulator.calls.filter((c) => c.operation === operation)
    .map((c) => c.outcome);

describe('answer faults', () => {
  it('hang: the picked calls get no answer at all, the others are answered', async () => {
    h = await start(repairedDemo('faults: { hang: [{ operation: DescribeJobs, skip: 1, count: 1 }] }'));
    expect((await describeJobs()).status).toBe(200);
    await expect(describeJobs(AbortSignal.timeout(300))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect((await describeJobs()).status).toBe(200);
    expect(outcomes('DescribeJobs')).toEqual(['ok', 'hung', 'ok']);
  });

  it('hang after the effect: StartRecovery creates the job and then never answers', async () => {
    h = await start(repairedDemo('faults: { hang: [{ operation: StartRecovery, count: 1, when: after }] }'));
    const launch = fetch(`${harness().emulator.url}/StartRecovery`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ isDrill: true, sourceServers: [{ sourceServerID: DB_01 }] }),
      signal: AbortSignal.timeout(300),
    });
    await expect(launch).rejects.toMatchObject({ name: 'TimeoutError' });
    expect((await harness().drs.send(new DescribeJobsCommand({}))).items).toHaveLength(1);
    expect(outcomes('StartRecovery')).toEqual(['hung']);
  });

  it('slowLoris: headers at once, then the body one byte at a time, complete in the end', async () => {
    h = await start(repairedDemo('faults: { slowLoris: [{ operation: DescribeJobs, byteSeconds: 0.005 }] }'));
    const res = await describeJobs();
    expect(res.status).toBe(200);
    const chunks: Uint8Array[] = [];
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    expect(JSON.parse(text)).toEqual({ items: [] });
    expect(chunks.length).toBeGreaterThan(text.length / 2);
    expect(outcomes('DescribeJobs')).toEqual(['trickled']);
  });

  it('htmlErrors: a 503 with an HTML page and no effect, DRS and EC2 alike', async () => {
    h = await start(
      repairedDemo(
        'faults: { htmlErrors: { rate: 0, operations: { DescribeJobs: 1, DescribeSubnets: 1 } } }',
      ),
    );
    const { drs, ec2 } = h;
    const res = await describeJobs();
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(await res.text()).toContain('<h1>503 Service Temporarily Unavailable</h1>');
    // client-ec2 3.523 fails to read a non-XML error body (a TypeError, not a service error): the
    // status is on the raw answer it keeps. The action's clients turn that into a readable 503
    // (src/aws/http.ts, test/unit/aws).
    const failure = (await ec2.send(new DescribeSubnetsCommand({})).catch((e: unknown) => e)) as {
      $response?: { statusCode?: number };
    };
    expect(failure.$response?.statusCode).toBe(503);
    await expect(drs.send(new DescribeSourceServersCommand({}))).resolves.toBeDefined();
    expect(outcomes('DescribeJobs')).toEqual(['html-error']);
  });

  it('repeatNextToken: every page names the first page as the next one', async () => {
    h = await start(repairedDemo('faults: { repeatNextToken: [DescribeSourceServers] }'));
    const first = await harness().drs.send(new DescribeSourceServersCommand({ filters: {} }));
    expect(first.nextToken).toBeDefined();
    const again = await harness().drs.send(
      new DescribeSourceServersCommand({ filters: {}, nextToken: first.nextToken }),
    );
    expect(again.nextToken).toBe(first.nextToken);
    expect(again.items?.map((s) => s.sourceServerID)).toEqual(first.items?.map((s) => s.sourceServerID));
  });

  it('startRecoveryNoJob: the first StartRecovery answers without a job, yet the job is created', async () => {
    h = await start(repairedDemo('faults: { startRecoveryNoJob: 1 }'));
    const launch = (id: string) =>
      harness().drs.send(
        new StartRecoveryCommand({ isDrill: true, sourceServers: [{ sourceServerID: id }] }),
      );
    expect((await launch(DB_01)).job).toBeUndefined();
    expect((await launch(APP_01)).job?.jobID).toBeDefined();
    expect((await harness().drs.send(new DescribeJobsCommand({}))).items).toHaveLength(2);
    expect(outcomes('StartRecovery')).toEqual(['no-job', 'ok']);
  });

  it('hostileStrings: hostnames, rawError and tags carry line breaks and workflow commands', async () => {
    h = await start(
      repairedDemo(
        `faults: { hostileStrings: true, servers: { ${DB_02}: { phase: conversion, rawError: "Conversion crashed" } } }`,
      ),
    );
    const servers = (await harness().drs.send(new DescribeSourceServersCommand({}))).items ?? [];
    const db01 = servers.find((s) => s.sourceServerID === DB_01);
    expect(db01?.sourceProperties?.identificationHints?.hostname).toBe(
      `db-01.demo.internal${HOSTILE_PAYLOAD}`,
    );
    expect(db01?.tags).toEqual({ Tier: 'db', Note: `hostile${HOSTILE_PAYLOAD}` });
    const { job } = await harness().drs.send(
      new StartRecoveryCommand({
        isDrill: true,
        sourceServers: [{ sourceServerID: DB_02 }],
        tags: { k: 'v' },
      }),
    );
    expect(job?.tags?.Note).toBe(`hostile${HOSTILE_PAYLOAD}`);
    harness().emulator.state.advance(30 * MINUTE);
    const log = (await harness().drs.send(new DescribeJobLogItemsCommand({ jobID: job?.jobID }))).items ?? [];
    expect(log.find((l) => l.event === 'CONVERSION_FAIL')?.eventData?.rawError).toBe(
      `Conversion crashed${HOSTILE_PAYLOAD}`,
    );
    expect(HOSTILE_PAYLOAD).toMatch(/\r\n::error::.*\n::stop-commands::.*\r::add-mask::.*\n##\[add-mask\]/);
  });

  it('reads the new faults strictly: unknown fields and bad values are errors', () => {
    expect(() => parseFaults({ hang: [{ operation: 'DescribeJobs', wait: 1 }] }, [])).toThrow(
      /faults\.hang\.0\.wait is not a known field/,
    );
    expect(() => parseFaults({ slowLoris: [{ operation: 'DescribeJobs', byteSeconds: 0 }] }, [])).toThrow(
      /byteSeconds must be between/,
    );
    expect(parseFaults({ hostileStrings: 'X' }, []).hostileStrings).toBe('X');
    expect(parseFaults({}, []).hostileStrings).toBe(false);
  });
});
