/**
 * `npm run demo`: the main job on the embedded default. Starts the local AWS emulator with the demo
 * estate, runs the bundled action (dist/index.js) in drill mode on examples/plans/demo.yaml exactly as
 * the runner would, then prints the job summary, the outputs and where the evidence is.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmulator } from '../emulator/server.js';
import { parseCommandFile } from '../test/e2e/harness.js';

const root = resolve(import.meta.dirname, '..');
const speed = Number(process.env.DEMO_SPEED ?? 120);

async function main(): Promise<number> {
  const bundle = join(root, 'dist', 'index.js');
  if (!existsSync(bundle)) {
    console.error('dist/index.js is missing: run `npm run build` first.');
    return 1;
  }
  const emulator = await startEmulator({
    scenario: join(root, 'emulator/scenarios/demo.yaml'),
    port: 0,
    speed,
    seed: 7,
  });
  console.log(`AWS emulator on ${emulator.url} (simulated clock ${speed}x real time)`);
  const dir = await mkdtemp(join(tmpdir(), 'drs-demo-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary.md');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  await writeFile(join(dir, 'state'), '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    INPUT_MODE: 'drill',
    INPUT_PLAN: 'examples/plans/demo.yaml',
    INPUT_CLEANUP: 'always',
    'INPUT_REPORT-DIR': 'drs-report',
    // The action's own waits (15 s poll bound, waitAfter, timeouts) run on the emulator's clock.
    DRS_DRILL_CLOCK_SCALE: String(speed),
    DRS_DRILL_CLOCK_ANCHOR: emulator.state.clock.anchor(),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_WORKSPACE: root,
    GITHUB_REPOSITORY: 'local/demo',
    GITHUB_RUN_ID: String(Date.now()),
    GITHUB_ACTOR: process.env.USER ?? 'you',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    AWS_ENDPOINT_URL: emulator.url,
    AWS_ACCESS_KEY_ID: 'AKIDEMULATOR',
    AWS_SECRET_ACCESS_KEY: 'emulator-secret',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const code = await new Promise<number>((done) => {
    const child = spawn(process.execPath, [bundle], {
      cwd: root,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('close', (c) => done(c ?? 1));
  });
  await emulator.close();
  console.log('\n================ job summary ================\n');
  console.log(await readFile(summaryFile, 'utf8'));
  console.log('================ outputs ================');
  for (const [name, value] of Object.entries(parseCommandFile(await readFile(outputFile, 'utf8')))) {
    console.log(`${name}: ${value}`);
  }
  console.log(`\nEvidence: ${join(root, 'drs-report', 'report.json')} and report.md`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
