/**
 * Launch settings through the bundle: `repair: check` (drift reported at its plan line, nothing written,
 * nothing started; no drift, the drill runs) and `drill:` overrides (the drill launches with them, and
 * every server's DRS launch configuration and default template data come back exactly as before, also
 * after a cancellation).
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../emulator/scenario-load.js';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import {
  type ActionRun,
  callsOf,
  expectSaneReport,
  explain,
  outputsOf,
  PLAN_PATH,
  POST_BUNDLE,
  runBundle,
  runDrill,
  SPEED,
  stateEnv,
  waitUntil,
  writesOf,
} from './harness.js';

const DB = 's-3000000000000000a';
const APP = 's-3000000000000000b';
const WEB = 's-3000000000000000c';
const RECOVERY_SUBNET = 'subnet-0a1b2c3d4e5f60031';
const RECOVERY_SG = 'sg-0a1b2c3d4e5f60031';
const DRILL_SUBNET = 'subnet-0d1b2c3d4e5f60031';
const DRILL_SG = 'sg-0d1b2c3d4e5f60031';
const TEMPLATES = ['lt-0d3e0000000000031', 'lt-0d3e0000000000032', 'lt-0d3e0000000000033'];

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

/** The same plan with drill overrides: an isolated VPC, no private IP, a smaller type for the app wave, a tag. */
const DRILL_PLAN = PLAN.replace(
  'waves:',
  `drill:
  subnetId: ${DRILL_SUBNET}
  securityGroupIds: [${DRILL_SG}]
  copyPrivateIp: false
  tags: { Environment: dr-drill }
waves:`,
).replace('  - name: app\n', '  - name: app\n    drill: { instanceType: t3.small }\n');

/** Every template's default version data and every server's DRS launch settings, as the emulator holds them. */
function launchSettings(): string {
  const templates = TEMPLATES.map((id) => {
    const t = emulator.state.templates.get(id);
    return t?.versions.find((v) => v.number === t.defaultVersion)?.data;
  });
  const servers = [DB, APP, WEB].map((id) => emulator.state.servers.get(id)?.launch);
  return JSON.stringify({ templates, servers });
}

/** The EC2 instance the run launched for a source server (the emulator's truth). */
function instanceOf(sourceServerId: string) {
  const found = [...emulator.state.instances.values()].filter(
    (i) => i.tags.AWSElasticDisasterRecoverySourceServerID === sourceServerId,
  );
  expect(found).toHaveLength(1);
  return found[0]!;
}

async function postStep(main: ActionRun, workspace: string): Promise<ActionRun> {
  return runBundle({
    workspace,
    emulatorUrl: emulator.url,
    script: POST_BUNDLE,
    inputs: { mode: 'drill', plan: PLAN_PATH },
    env: {
      DRS_DRILL_CLOCK_SCALE: String(SPEED),
      DRS_DRILL_CLOCK_ANCHOR: emulator.state.clock.anchor(),
      ...stateEnv(main.state),
    },
  });
}

describe('drill: overrides', () => {
  it('a drill launches with the drill settings and leaves every launch setting exactly as before', async () => {
    const before = launchSettings();
    const run = await runDrill({ emulator, plan: DRILL_PLAN, inputs: { cleanup: 'never' } });
    expect(run.code, explain(run)).toBe(0);
    expect(outputsOf(run).status).toBe('succeeded');
    for (const id of [DB, APP, WEB]) {
      const i = instanceOf(id);
      expect(i.subnetId).toBe(DRILL_SUBNET);
      expect(i.securityGroupIds).toEqual([DRILL_SG]);
      expect(i.privateIp?.startsWith('10.9.1.')).toBe(true);
      expect(i.tags.Environment).toBe('dr-drill');
    }
    expect(instanceOf(DB).instanceType).toBe('r6i.large');
    // The app wave's type, although app is right-sized BASIC in its recovery settings.
    expect(instanceOf(APP).instanceType).toBe('t3.small');
    expect(instanceOf(WEB).instanceType).toBe('t3.small');
    // The recovery settings are back: same content, whatever the version numbers.
    expect(launchSettings()).toBe(before);
    const report = run.report!;
    expect(report.drillSettings?.map((d) => [d.sourceServerId, d.restore.status])).toEqual(
      expect.arrayContaining([
        [DB, 'restored'],
        [APP, 'restored'],
        [WEB, 'restored'],
      ]),
    );
    const db = report.drillSettings?.find((d) => d.sourceServerId === DB);
    // DRS's own copyPrivateIp write already took the pinned address out of the template.
    expect(db?.changes.map((c) => `${c.target}.${c.field}`)).toEqual([
      'launch.copyPrivateIp',
      'template.subnetId',
      'template.securityGroupIds',
      'template.tags',
    ]);
    expect(
      report.drillSettings?.find((d) => d.sourceServerId === APP)?.changes.map((c) => c.field),
    ).toContain('rightSizing');
    // Restored as soon as its launch was over, not at the end: before the next wave even started.
    const app = report.waves.find((w) => w.name === 'app');
    expect(Date.parse(db?.restore.at ?? '')).toBeLessThanOrEqual(Date.parse(app?.startedAt ?? ''));
    expect(run.summary).toContain('Drill settings');
    expect(JSON.parse(run.state['drs-run'] ?? '{}').restore).toEqual([]);
    expectSaneReport(report);
  });

  it('a cancelled drill: the post step restores every launch setting, the drill instances launched isolated', async () => {
    const before = launchSettings();
    let child: ChildProcess | undefined;
    const main = runDrill({
      emulator,
      plan: DRILL_PLAN,
      inputs: { cleanup: 'always' },
      onSpawn: (p) => {
        child = p;
      },
    });
    await waitUntil(() => emulator.calls.some((x) => x.operation === 'StartRecovery' && x.outcome === 'ok'));
    child?.kill('SIGINT');
    const ended = await main;
    expect(ended.outputs.status, ended.stdout.slice(-3000)).toBe('cancelled');
    // The drill settings were still in place when the main step stopped.
    expect(launchSettings()).not.toBe(before);
    const saved = JSON.parse(ended.state['drs-run'] ?? '{}') as { restore?: unknown[] };
    expect(saved.restore?.length).toBeGreaterThan(0);
    const post = await postStep(ended, ended.workspace);
    expect(post.code, post.stdout.slice(-3000)).toBe(0);
    expect(post.summary).toContain('recovery settings restored');
    expect(launchSettings()).toBe(before);
    // The data wave's server launched into the drill subnet before the restore.
    expect(instanceOf(DB).subnetId).toBe(DRILL_SUBNET);
  }, 90_000);

  it('a recovery never uses the drill settings', async () => {
    const before = launchSettings();
    const run = await runDrill({
      emulator,
      plan: DRILL_PLAN,
      inputs: { mode: 'recovery', confirm: 'isolated' },
    });
    expect(run.code, explain(run)).toBe(0);
    expect(
      writesOf(run.calls).filter((c) => c.operation !== 'StartRecovery' && c.operation !== 'CreateTags'),
    ).toEqual([]);
    expect(instanceOf(DB).subnetId).toBe(RECOVERY_SUBNET);
    expect(instanceOf(DB).privateIp).toBe('10.0.1.21');
    expect(run.report?.drillSettings).toBeUndefined();
    expect(launchSettings()).toBe(before);
  });
});
