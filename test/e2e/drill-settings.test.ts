/**
 * Launch settings through the bundle: `repair: check` (drift reported at its plan line, nothing written,
 * nothing started; no drift, the drill runs) and `drill:` overrides (the drill launches with them, and
 * every server's DRS launch configuration and default template data come back exactly as before, also
 * after a cancellation).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../emulator/scenario-load.js';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import {
  callsOf,
  expectSaneReport,
  explain,
  outputsOf,
  PLAN_PATH,
  runDrill,
  SPEED,
  writesOf,
} from './helpers-drill.js';

const DB = 's-3000000000000000a';
const APP = 's-3000000000000000b';
const WEB = 's-3000000000000000c';
const RECOVERY_SUBNET = 'subnet-0a1b2c3d4e5f60031';
const RECOVERY_SG = 'sg-0a1b2c3d4e5f60031';

/** A plan whose recovery settings are exactly what the estate holds: no drift. */
const PLAN = `version: 1
name: isolated
region: us-east-1
defaults:
  template: { subnetId: ${RECOVERY_SUBNET}, securityGroupIds: [${RECOVERY_SG}] }
waves:
  - name: data
    servers:
      - id: ${DB}
        launch: { copyPrivateIp: true }
  - name: app
    servers:
      - id: ${APP}
      - id: ${WEB}
        template: { instanceType: t3.large }
`;

let emulator: Emulator;
beforeAll(async () => {
  const scenario = loadScenarioFile(join(import.meta.dirname, 'scenarios', 'isolated.yaml'));
  emulator = await startEmulator({ scenario, port: 0, speed: SPEED, seed: 5 });
});
afterAll(async () => emulator?.close());
beforeEach(async () => {
  await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' });
});

describe('repair: check', () => {
  it('drift: every difference is a preflight error at its plan line with the current value; nothing written or started', async () => {
    // The web server's instance type (line 16 once a line is added above) differs from its template's (t3.large).
    const plan = PLAN.replace('instanceType: t3.large', 'instanceType: t3.xlarge').replace(
      `      - id: ${APP}\n`,
      `      - id: ${APP}\n        launch: { rightSizing: NONE }\n`,
    );
    const run = await runDrill({ emulator, plan, inputs: { repair: 'check' } });
    expect(run.code, explain(run)).toBe(1);
    expect(outputsOf(run).status).toBe('failed');
    expect(writesOf(run.calls)).toEqual([]);
    expect(callsOf(run.calls, 'StartRecovery')).toEqual([]);
    const errors = run.stdout.split('\n').filter((l) => l.startsWith('::error'));
    const web = errors.find((l) => l.includes(WEB));
    expect(web).toContain(`file=${PLAN_PATH},line=16`);
    expect(web).toContain('template.instanceType is "t3.large", the plan wants "t3.xlarge"');
    const app = errors.find((l) => l.includes(APP));
    expect(app).toContain(`file=${PLAN_PATH},line=14`);
    expect(app).toContain('launch.rightSizing is "BASIC", the plan wants "NONE"');
    const report = run.report!;
    expect(report.launchConfigChanges).toEqual([]);
    expect(report.errors.filter((e) => e.startsWith('Preflight:'))).toHaveLength(2);
    expect(report.errors.at(-1)).toContain('Nothing was started');
    expectSaneReport(report);
  });

  it('no drift: the drill runs, and the check wrote no launch setting', async () => {
    const run = await runDrill({ emulator, plan: PLAN, inputs: { repair: 'check' } });
    expect(run.code, explain(run)).toBe(0);
    expect(outputsOf(run).status).toBe('succeeded');
    expect(callsOf(run.calls, 'StartRecovery')).toHaveLength(2);
    expect(callsOf(run.calls, 'UpdateLaunchConfiguration')).toEqual([]);
    expect(callsOf(run.calls, 'CreateLaunchTemplateVersion', 'ec2')).toEqual([]);
    expect(run.report?.launchConfigChanges).toEqual([]);
  });
});
