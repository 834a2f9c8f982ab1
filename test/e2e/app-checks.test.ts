/**
 * Checking the application, through the bundle against the emulator: DRS post-launch actions synced
 * from the plan (a failing required one fails its server; one added by hand stays), and wave checks
 * through SSM Run Command (a failing check stops the dependants and the report shows its output; an
 * instance whose agent never registers times out with that reason).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Scenario } from '../../emulator/scenario.js';
import { loadScenarioFile } from '../../emulator/scenario-load.js';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import { DEFAULT_SSM, type ScenarioSsm } from '../../emulator/ssm-scenario.js';
import { MANAGED_MARKER } from '../../src/engine/launch-actions.js';
import { callsOf, expectSaneReport, explain, outputsOf, runDrill, SPEED } from './harness.js';

const DB = 's-2000000000000000a';
const APP1 = 's-2000000000000000b';

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function emulatorWith(ssm: Partial<ScenarioSsm>, edit?: (s: Scenario) => void): Promise<Emulator> {
  const scenario = loadScenarioFile(join(import.meta.dirname, 'scenarios', 'small.yaml'));
  scenario.ssm = { ...DEFAULT_SSM, ...ssm };
  edit?.(scenario);
  emulator = await startEmulator({ scenario, port: 0, speed: SPEED, seed: 5 });
  return emulator;
}

function plan(dataExtra: string): string {
  return `version: 1
name: small
region: us-east-1
accountId: "111122223333"
waves:
  - name: data
    servers:
      - id: ${DB}
${dataExtra}
  - name: app
    servers:
      - id: ${APP1}
`;
}

const HOSTILE_OUTPUT =
  '\u001b[31mpg_isready: no response\u001b[0m\n<img src=x onerror=alert(1)>\n::error::injected\n';

describe('post-launch actions', () => {
  it('a failing required action fails its server; the action added by hand on the same server is kept', async () => {
    const em = await emulatorWith(
      {
        launchActions: [
          { name: 'verify-db', result: 'FAILED', failureReason: 'Process postgres not running', seconds: 60 },
        ],
      },
      (s) => {
        s.servers.find((x) => x.sourceServerID === DB)!.launchActions = [
          {
            actionId: '11111111-2222-4333-8444-555555555555',
            name: 'dba-own',
            actionCode: 'AWS-RunShellScript',
            type: 'SSM_COMMAND',
            order: 2,
            optional: true,
            category: 'OTHER',
            description: 'added by the DBA',
            result: 'SUCCEEDED',
            seconds: 30,
          },
        ];
      },
    );
    const run = await runDrill({
      emulator: em,
      plan: plan(
        '        postLaunch:\n          - { name: verify-db, action: AWSMigration-VerifyProcessIsRunning, parameters: { processName: postgres } }',
      ),
    });
    expect(run.code, explain(run)).toBe(1);
    const report = run.report!;
    expect(report.launchConfigChanges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ target: 'postLaunch', field: 'verify-db', from: null, applied: true }),
      ]),
    );
    const db = report.waves[0]!.servers[0]!;
    expect(db.launchActions?.map((a) => [a.name, a.status])).toEqual(
      expect.arrayContaining([
        ['dba-own', 'SUCCEEDED'],
        ['verify-db', 'FAILED'],
      ]),
    );
    expect(report.waves.map((w) => w.status)).toEqual(['failed', 'skipped']);
    expect(report.waves[0]!.error).toContain('Process postgres not running');
    // The hand-made action is still there, untouched; ours sits beside it.
    const left = em.state.servers.get(DB)!.launchActions;
    expect(left.map((a) => a.name).sort()).toEqual(['dba-own', 'verify-db']);
    expect(left.find((a) => a.name === 'dba-own')?.description).toBe('added by the DBA');
    expect(left.find((a) => a.name === 'verify-db')?.description.startsWith(MANAGED_MARKER)).toBe(true);
    expect(callsOf(run.calls, 'DeleteLaunchAction')).toEqual([]);
    expect(run.summary).toContain('post-launch verify-db');
    expect(run.summary).toContain('Process postgres not running');
    expectSaneReport(report);
  });
});

describe('wave checks', () => {
  it('a failing check fails its wave, the dependants never start, and the report shows the output', async () => {
    const em = await emulatorWith({
      commands: [
        {
          contains: 'pg_isready',
          status: 'Failed',
          hang: false,
          exitCode: 2,
          output: HOSTILE_OUTPUT,
          seconds: 10,
        },
      ],
    });
    const run = await runDrill({
      emulator: em,
      plan: plan(
        '    checks:\n      - { name: db answers, commands: ["pg_isready -h localhost"], timeout: 5m }',
      ),
    });
    expect(run.code, explain(run)).toBe(1);
    expect(outputsOf(run).status).toBe('failed');
    const report = run.report!;
    expect(report.waves.map((w) => w.status)).toEqual(['failed', 'skipped']);
    const check = report.waves[0]!.checks![0]!;
    expect(check).toMatchObject({ name: 'db answers', status: 'failed', document: 'AWS-RunShellScript' });
    expect(check.instances[0]).toMatchObject({ sourceServerId: DB, status: 'Failed', responseCode: 2 });
    // Colour codes gone, the rest kept as text.
    expect(check.instances[0]!.output).toBe(
      'pg_isready: no response\n<img src=x onerror=alert(1)>\n::error::injected\n',
    );
    expect(report.waves[0]!.error).toContain('exit code 2');
    expect(callsOf(run.calls, 'StartRecovery')).toHaveLength(1);
    expect(callsOf(run.calls, 'SendCommand', 'ssm')).toHaveLength(1);
    // Shown, escaped, in the summary; never obeyed as a workflow command in the log.
    expect(run.summary).toContain('pg_isready: no response');
    expect(run.summary).not.toContain('<img');
    expect(run.stdout.split('\n').some((l) => l.startsWith('::error::injected'))).toBe(false);
    expect(report.measured.rtoSeconds).toBeUndefined();
    expectSaneReport(report);
  });

  it('an instance whose SSM agent never registers times out with that reason', async () => {
    const em = await emulatorWith({ servers: { [DB]: { register: 'never' } } });
    const run = await runDrill({
      emulator: em,
      plan: plan('    checks:\n      - { name: db answers, commands: ["true"], timeout: 3m }'),
    });
    expect(run.code, explain(run)).toBe(1);
    const report = run.report!;
    const check = report.waves[0]!.checks![0]!;
    expect(check.status).toBe('timed-out');
    expect(check.instances[0]?.status).toBe('NotRegistered');
    expect(check.error).toContain('SSM agent not registered within 3m');
    expect(report.waves[0]!.error).toContain('SSM agent not registered');
    expect(callsOf(run.calls, 'SendCommand', 'ssm')).toEqual([]);
    expect(report.waves[1]!.status).toBe('skipped');
    expectSaneReport(report);
  });

  it("an unknown SSM document fails its check with SSM's reason; a 1 MB output is kept to 2 KB", async () => {
    const em = await emulatorWith({
      commands: [
        {
          contains: 'big',
          status: 'Success',
          hang: false,
          exitCode: 0,
          output: 'start',
          outputBytes: 1024 * 1024,
          seconds: 5,
        },
      ],
    });
    const run = await runDrill({
      emulator: em,
      plan: plan(
        '    checks:\n      - { name: big output, commands: ["print big"] }\n      - { name: custom, document: Acme-Missing, parameters: { level: deep } }',
      ),
    });
    expect(run.code, explain(run)).toBe(1);
    const [big, custom] = run.report!.waves[0]!.checks!;
    expect(big?.status).toBe('passed');
    expect(Buffer.byteLength(big?.instances[0]?.output ?? '')).toBeLessThanOrEqual(2048);
    expect(big?.instances[0]?.output?.startsWith('start')).toBe(true);
    expect(custom?.status).toBe('failed');
    expect(custom?.error).toContain('InvalidDocument');
    expect(run.report!.waves[1]!.status).toBe('skipped');
    expect(Buffer.byteLength(run.summary)).toBeLessThan(200_000);
    expectSaneReport(run.report!);
  });

  it('a command that hangs past the check timeout is reported as timed out', async () => {
    const em = await emulatorWith({
      commands: [{ contains: 'sleep', status: 'Success', hang: true, exitCode: 0, output: '', seconds: 5 }],
    });
    const run = await runDrill({
      emulator: em,
      plan: plan('    checks:\n      - { name: stuck, commands: ["sleep 99999"], timeout: 2m }'),
    });
    expect(run.code, explain(run)).toBe(1);
    const check = run.report!.waves[0]!.checks![0]!;
    expect(check.status).toBe('timed-out');
    expect(check.error).toContain('still InProgress after 2m (timed out)');
    expect(callsOf(run.calls, 'SendCommand', 'ssm')).toHaveLength(1);
    expectSaneReport(run.report!);
  });

  it('passing checks end the RTO; the instances-only figure is kept beside it', async () => {
    const em = await emulatorWith({
      commands: [
        { contains: 'curl', status: 'Success', hang: false, exitCode: 0, output: 'HTTP 200\n', seconds: 120 },
      ],
    });
    // One wave: the check is the last thing to finish.
    const oneWave = plan(
      '    checks:\n      - { name: app answers, commands: ["curl -fsS localhost:8080/health"] }',
    );
    const run = await runDrill({ emulator: em, plan: oneWave.slice(0, oneWave.indexOf('  - name: app')) });
    expect(run.code, explain(run)).toBe(0);
    const report = run.report!;
    expect(report.waves[0]!.checks![0]!.status).toBe('passed');
    expect(report.waves[0]!.checksPassedAt).toBeDefined();
    const { rtoSeconds, rtoHealthySeconds, rtoDefinition } = report.measured;
    expect(rtoDefinition).toBe('healthy-and-checks-passed');
    expect(rtoSeconds).toBeGreaterThan(rtoHealthySeconds ?? Number.POSITIVE_INFINITY);
    expect(run.summary).toContain('1/1 wave checks passed');
    // For the steps after this one: the wave's instance and its private IP.
    const db = report.waves[0]!.servers[0]!;
    expect(JSON.parse(run.outputs['wave-instances'] ?? '{}')).toEqual({
      data: { [DB]: { ec2InstanceId: db.ec2InstanceId, privateIp: db.launched?.privateIp } },
    });
    expect(db.launched?.privateIp).toMatch(/^10\.0\.1\./);
    expectSaneReport(report);
  });
});
