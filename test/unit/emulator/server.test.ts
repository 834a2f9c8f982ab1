import { spawn } from 'node:child_process';
import {
  DescribeJobsCommand,
  DescribeSourceServersCommand,
  DrsServiceException,
  StartRecoveryCommand,
} from '@aws-sdk/client-drs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseScenario } from '../../../emulator/scenario-load.js';
import { DB_01, DEMO, type Harness, MINUTE, start, stop } from './helpers.js';

let h: Harness | undefined;
afterEach(async () => {
  if (h) await stop(h);
  h = undefined;
});

describe('server and control API', () => {
  it('listens on 127.0.0.1 only', async () => {
    h = await start();
    expect(h.emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('records every call with service, operation, real and simulated time, and parsed request', async () => {
    h = await start();
    await h.drs.send(new DescribeSourceServersCommand({ maxResults: 3 }));
    h.emulator.state.advance(5 * MINUTE);
    await h.drs.send(new DescribeJobsCommand({}));
    const calls = (await (await fetch(`${h.emulator.url}/_emulator/calls`)).json()) as {
      service: string;
      operation: string;
      simTime: string;
      time: string;
      request: unknown;
    }[];
    expect(calls.map((c) => `${c.service}:${c.operation}`)).toEqual([
      'drs:DescribeSourceServers',
      'drs:DescribeJobs',
    ]);
    expect(calls[0]?.request).toEqual({ maxResults: 3 });
    expect(calls[0]?.simTime).toBe('2025-06-02T09:00:00Z');
    expect(calls[1]?.simTime).toBe('2025-06-02T09:05:00Z');
    expect(Number.isNaN(Date.parse(calls[0]?.time ?? ''))).toBe(false);
  });

  it('successes carry the simulated clock in Date; errors carry none (the SDK would call it skew)', async () => {
    h = await start();
    const ok = await h.drs.send(new DescribeJobsCommand({}));
    expect(ok.$metadata.httpStatusCode).toBe(200);
    const res = await fetch(`${h.emulator.url}/DescribeJobs`, {
      method: 'POST',
      body: '{}',
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20250602/us-east-1/drs/aws4_request' },
    });
    expect(res.headers.get('date')).toBe('Mon, 02 Jun 2025 09:00:00 GMT');
    const bad = await fetch(`${h.emulator.url}/DescribeJobs`, {
      method: 'POST',
      body: '{x',
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20250602/us-east-1/drs/aws4_request' },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('date')).toBeNull();
  });

  it('advance and reset through the control API restore the scenario', async () => {
    h = await start();
    await h.drs.send(new StartRecoveryCommand({ isDrill: true, sourceServers: [{ sourceServerID: DB_01 }] }));
    const adv = await fetch(`${h.emulator.url}/_emulator/advance`, {
      method: 'POST',
      body: JSON.stringify({ minutes: 2 }),
    });
    expect(((await adv.json()) as { simTime: string }).simTime).toBe('2025-06-02T09:02:00Z');
    const state = (await (await fetch(`${h.emulator.url}/_emulator/state`)).json()) as {
      jobs: { status: string }[];
    };
    expect(state.jobs.map((j) => j.status)).toEqual(['STARTED']);
    expect((await fetch(`${h.emulator.url}/_emulator/reset`, { method: 'POST' })).status).toBe(200);
    expect((await h.drs.send(new DescribeJobsCommand({}))).items).toEqual([]);
    const calls = (await (await fetch(`${h.emulator.url}/_emulator/calls`)).json()) as unknown[];
    expect(calls).toHaveLength(1);
  });

  it('an expired STS session key is refused with ExpiredTokenException; static keys are accepted', async () => {
    h = await start();
    const { DrsClient } = await import('@aws-sdk/client-drs');
    // Static test keys are unknown to STS and count as valid (the harness uses AKIDTEST).
    await expect(h.drs.send(new DescribeJobsCommand({}))).resolves.toBeDefined();
    const { STSClient, AssumeRoleWithWebIdentityCommand } = await import('@aws-sdk/client-sts');
    const sts = new STSClient({
      endpoint: h.emulator.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' },
    });
    const tokenRes = await fetch(`${h.emulator.url}/_github/oidc/token?audience=sts.amazonaws.com`, {
      headers: { authorization: `Bearer ${h.emulator.github.requestToken}` },
    });
    const token = ((await tokenRes.json()) as { value: string }).value;
    const out = await sts.send(
      new AssumeRoleWithWebIdentityCommand({
        RoleArn: 'arn:aws:iam::111122223333:role/drs-drill',
        RoleSessionName: 'drs-drill-1',
        WebIdentityToken: token,
        DurationSeconds: 900,
      }),
    );
    const creds = out.Credentials!;
    const drs = new DrsClient({
      endpoint: h.emulator.url,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: {
        accessKeyId: creds.AccessKeyId!,
        secretAccessKey: creds.SecretAccessKey!,
        sessionToken: creds.SessionToken!,
      },
    });
    await expect(drs.send(new DescribeJobsCommand({}))).resolves.toBeDefined();
    const { vi } = await import('vitest');
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 3_600_000 });
    try {
      const e = (await drs.send(new DescribeJobsCommand({})).catch((x: unknown) => x)) as DrsServiceException;
      expect(e).toBeInstanceOf(DrsServiceException);
      expect(e.name).toBe('ExpiredTokenException');
    } finally {
      vi.useRealTimers();
    }
    const calls = h.emulator.calls.map((c) => `${c.service}:${c.operation}`);
    expect(calls).toContain('sts:AssumeRoleWithWebIdentity');
    expect(calls.some((c) => c.startsWith('github:'))).toBe(true);
    expect(JSON.stringify(h.emulator.calls)).not.toContain(token);
    sts.destroy();
    drs.destroy();
  });

  it('the CLI prints the listening line first and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'emulator/cli.ts', '--scenario', DEMO, '--port', '0', '--speed', '60'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const first = await new Promise<string>((resolve, reject) => {
      child.stdout.once('data', (d: Buffer) => resolve(d.toString().split('\n')[0] ?? ''));
      child.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    expect(first).toMatch(/^AWS emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});

describe('scenario loader', () => {
  it('points at file:line:col for a bad value and for an unknown key', () => {
    expect(() =>
      parseScenario(
        'accountId: "111122223333"\nsourceServers:\n  - id: s-bad\n    hostname: x\n',
        'bad.yaml',
      ),
    ).toThrow(/^bad\.yaml:3:9: sourceServers\.0\.id 's-bad' does not match/);
    expect(() => parseScenario('region: us-east-1\nfaults:\n  throtle: { rate: 1 }\n', 'typo.yaml')).toThrow(
      /^typo\.yaml:3:3: faults\.throtle is not a known field/,
    );
    expect(() => parseScenario('a: [1,\n', 'broken.yaml')).toThrow(/^broken\.yaml:\d+:\d+: invalid YAML/);
  });

  it('loads every shipped scenario', async () => {
    const { loadScenarioFile } = await import('../../../emulator/scenario-load.js');
    const demo = loadScenarioFile(DEMO);
    expect(demo.servers.map((s) => s.sourceServerID)).toEqual([
      's-1000000000000000a',
      's-1000000000000000b',
      's-1000000000000000c',
      's-1000000000000000d',
      's-1000000000000000e',
      's-1000000000000000f',
      's-10000000000000010',
    ]);
    const large = loadScenarioFile(
      new URL('../../../emulator/scenarios/large.yaml', import.meta.url).pathname,
    );
    expect(large.servers).toHaveLength(500);
    expect(new Set(large.servers.map((s) => s.tags.Tier))).toEqual(new Set(['t1', 't2', 't3', 't4', 't5']));
    const faults = loadScenarioFile(
      new URL('../../../emulator/scenarios/faults.yaml', import.meta.url).pathname,
    );
    expect(Object.values(faults.faults.servers).map((f) => f.phase)).toContain('conversion');
    expect(faults.faults.throttle.operations.DescribeJobs).toBe(0.25);
  });

  it('timings: a named profile, overrides on top of one, and refuses an unknown profile', () => {
    const s = parseScenario('timings: { profile: captured, boot: [60, 90] }');
    expect(s.timings.launch).toEqual([275, 312]);
    expect(s.timings.boot).toEqual([60, 90]);
    expect(parseScenario('timings: { launch: [1, 2] }').timings.conversion).toEqual([180, 480]);
    expect(() => parseScenario('timings: fast', 't.yaml')).toThrow(
      /^t\.yaml:1:10: timings must be one of default, captured$/,
    );
  });

  it('drs: switches default to the captured behaviour and report bad values at file:line:col', () => {
    expect(parseScenario('region: us-east-1').drs).toEqual({
      recoveryInstanceIdInJob: 'until-completed',
      previousRecoveryInstance: 'keep',
      launchConfigurationWritesTemplate: true,
    });
    expect(() => parseScenario('drs:\n  recoveryInstanceIdInJob: sometimes\n', 'd.yaml')).toThrow(
      /^d\.yaml:2:28: drs\.recoveryInstanceIdInJob must be one of until-completed, never, always$/,
    );
    expect(() => parseScenario('drs:\n  previousInstance: keep\n', 'd.yaml')).toThrow(
      /^d\.yaml:2:3: drs\.previousInstance is not a known field \(expected one of: recoveryInstanceIdInJob, previousRecoveryInstance, launchConfigurationWritesTemplate\)$/,
    );
    expect(() => parseScenario('drs: { previousRecoveryInstance: delete }', 'd.yaml')).toThrow(
      /drs\.previousRecoveryInstance must be one of keep, replace$/,
    );
    expect(() => parseScenario('drs: { launchConfigurationWritesTemplate: "yes" }', 'd.yaml')).toThrow(
      /drs\.launchConfigurationWritesTemplate must be true or false$/,
    );
  });

  it('the scenario loader checks launch actions against the model', () => {
    const bad = (action: string) => () =>
      parseScenario(
        `sourceServers:\n  - id: ${DB_01}\n    hostname: x\n    launchActions:\n      - ${action}\n`,
        'a.yaml',
      );
    expect(bad('{ name: ok, result: MAYBE }')).toThrow(
      /^a\.yaml:5:\d+: sourceServers\.0\.launchActions\.0\.result must be one of SUCCEEDED, FAILED$/,
    );
    expect(bad('{ name: ok, failureReason: nope }')).toThrow(
      /failureReason is only allowed with result: FAILED$/,
    );
    expect(bad('{ name: "-bad name" }')).toThrow(/launchActions\.0\.name '-bad name' does not match/);
    expect(bad('{ name: ok, order: 1 }')).toThrow(/launchActions\.0\.order must be between 2 and 10000$/);
    expect(bad('{ name: ok, actionId: not-a-uuid }')).toThrow(
      /launchActions\.0\.actionId 'not-a-uuid' does not match/,
    );
    expect(bad('{ name: ok, runs: 2 }')).toThrow(/launchActions\.0\.runs is not a known field/);
  });
});
