/**
 * A signal that comes before the drill's code has even loaded cancels the run with evidence instead of
 * killing it: the handlers are the first thing the main step installs. The signal is emitted the
 * moment run() has started, while it still waits for the drill mode's module.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { loadScenarioFile } from '../../emulator/scenario-load.js';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import type { Report } from '../../src/core/report.js';
import { run } from '../../src/main.js';

const ROOT = join(import.meta.dirname, '..', '..');
let emulator: Emulator | undefined;

afterEach(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await emulator?.close();
  emulator = undefined;
});

it('SIGTERM right after the main step starts: a cancelled report and status, not a killed step', async () => {
  emulator = await startEmulator({
    scenario: loadScenarioFile(join(ROOT, 'emulator', 'scenarios', 'demo.yaml')),
    speed: 600,
  });
  const workspace = await mkdtemp(join(tmpdir(), 'drs-main-cancel-'));
  await mkdir(join(workspace, 'drs-plans'));
  await writeFile(
    join(workspace, 'drs-plans', 'demo.yaml'),
    await readFile(join(ROOT, 'examples', 'plans', 'demo.yaml'), 'utf8'),
  );
  const files = {
    output: join(workspace, 'output'),
    summary: join(workspace, 'summary'),
    state: join(workspace, 'state'),
  };
  for (const file of Object.values(files)) await writeFile(file, '');
  const env: Record<string, string> = {
    INPUT_MODE: 'drill',
    INPUT_PLAN: 'drs-plans/demo.yaml',
    'INPUT_REPORT-DIR': 'drs-report',
    'INPUT_POLL-INTERVAL-SECONDS': '15',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'acme/dr-plans',
    GITHUB_RUN_ID: '4242',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    AWS_ENDPOINT_URL: emulator.url,
    AWS_ACCESS_KEY_ID: 'AKIDEMULATOR',
    AWS_SECRET_ACCESS_KEY: 'emulator-secret',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    DRS_DRILL_CLOCK_SCALE: '600',
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  // The step leaves shortly after a cancelled run; the test process must not.
  vi.spyOn(process, 'exit').mockImplementation(() => undefined as never);

  const main = run();
  process.emit('SIGTERM', 'SIGTERM');
  await main;

  expect(await readFile(files.output, 'utf8')).toMatch(/^status<<.*\ncancelled\n/m);
  const report = JSON.parse(await readFile(join(workspace, 'drs-report', 'report.json'), 'utf8')) as Report;
  expect(report.status).toBe('cancelled');
  expect(emulator.calls.filter((c) => c.operation === 'StartRecovery')).toEqual([]);
}, 30_000);
