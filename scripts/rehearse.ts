/**
 * `npm run rehearse -- <plan> [--scenario <file>] [--fail <server>]... [--throttle <rate>] [--speed <n>]`
 *
 * Rehearses a plan offline, before it touches AWS: starts the local emulator with an estate that
 * matches the plan's selectors (emulator/from-plan.ts; or the given scenario), runs the bundled action
 * (dist/index.js) in drill mode against it as a runner would, on the emulator's simulated clock, and
 * prints the job summary. `--fail <id or hostname>` makes that server's launch fail; `--throttle 0.2`
 * throttles that fraction of AWS requests. Runs from a clone (the emulator is not in the bundle).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { scenarioFromPlan } from '../emulator/from-plan.js';
import type { Scenario } from '../emulator/scenario.js';
import { loadScenarioFile } from '../emulator/scenario-load.js';
import { startEmulator } from '../emulator/server.js';
import { loadPlanFile } from '../src/plan/load.js';
import { formatDiagnostic } from '../src/plan/overview.js';
import { parseCommandFile } from '../test/e2e/harness.js';

const root = resolve(import.meta.dirname, '..');

interface Options {
  plan: string;
  scenario?: string;
  fail: string[];
  throttle?: number;
  speed: number;
}

function parseArgs(args: string[]): Options {
  const out: Options = { plan: '', fail: [], speed: 600 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--scenario') out.scenario = value();
    else if (arg === '--fail') out.fail.push(value());
    else if (arg === '--throttle') out.throttle = Number(value());
    else if (arg === '--speed') out.speed = Number(value());
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else if (out.plan) throw new Error('rehearse takes one plan');
    else out.plan = arg;
  }
  if (!out.plan)
    throw new Error('usage: npm run rehearse -- <plan> [--scenario f] [--fail server] [--throttle 0.2]');
  if (out.throttle !== undefined && !(out.throttle >= 0 && out.throttle <= 1))
    throw new Error('--throttle is a fraction of requests, 0 to 1');
  if (!(out.speed > 0)) throw new Error('--speed is a positive number');
  return out;
}

/** The faults asked for: each --fail names a server of the estate by id or hostname. */
function addFaults(scenario: Scenario, opts: Options): void {
  for (const name of opts.fail) {
    const wanted = name.toLowerCase();
    const server = scenario.servers.find(
      (s) =>
        s.sourceServerID === name ||
        s.hostname.toLowerCase() === wanted ||
        s.hostname.toLowerCase().split('.')[0] === wanted,
    );
    if (!server) throw new Error(`--fail ${name}: no server of the rehearsal estate has that id or hostname`);
    scenario.faults.servers[server.sourceServerID] = {
      phase: 'launch',
      rawError: `Rehearsal: launch failure injected with --fail ${name}`,
    };
  }
  if (opts.throttle !== undefined)
    scenario.faults.throttle = { rate: opts.throttle, operations: {}, retryAfterSeconds: 1 };
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const dist = process.env.DRS_TEST_DIST ? resolve(process.env.DRS_TEST_DIST) : join(root, 'dist');
  const bundle = join(dist, 'index.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first.`);
  // npm run starts scripts in the package root; INIT_CWD is where the user typed the command. A plan
  // outside it (e.g. in the user's own repository) makes its own directory the workspace.
  const from = process.env.INIT_CWD ?? process.cwd();
  const planPath = resolve(from, opts.plan);
  const cwd = planPath.startsWith(`${from}${sep}`) ? from : dirname(planPath);
  const loaded = await loadPlanFile(planPath, { cwd });
  if (!loaded.plan) {
    for (const d of loaded.diagnostics) console.error(formatDiagnostic(d));
    return 1;
  }
  const scenario = opts.scenario
    ? loadScenarioFile(resolve(from, opts.scenario))
    : scenarioFromPlan(loaded.plan);
  addFaults(scenario, opts);
  const emulator = await startEmulator({ scenario, port: 0, speed: opts.speed, seed: 7 });
  console.log(
    `Rehearsing ${opts.plan} against the local AWS emulator (${scenario.servers.length} source servers, simulated clock ${opts.speed}x)`,
  );
  const dir = await mkdtemp(join(tmpdir(), 'drs-rehearse-'));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary.md'), state: join(dir, 'state') };
  for (const f of Object.values(files)) await writeFile(f, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    INPUT_MODE: 'drill',
    INPUT_PLAN: relative(cwd, planPath),
    INPUT_CLEANUP: 'always',
    'INPUT_REPORT-DIR': join(dir, 'drs-report'),
    'INPUT_HISTORY-BRANCH': '',
    // The action's own waits run on the emulator's clock, anchored to its simulated start.
    DRS_DRILL_CLOCK_SCALE: String(opts.speed),
    DRS_DRILL_CLOCK_ANCHOR: emulator.state.clock.anchor(),
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_WORKSPACE: cwd,
    GITHUB_RUN_ID: String(Date.now()),
    GITHUB_ACTOR: process.env.USER ?? 'you',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    AWS_ENDPOINT_URL: emulator.url,
    AWS_ACCESS_KEY_ID: 'AKIDEMULATOR',
    AWS_SECRET_ACCESS_KEY: 'emulator-secret',
    AWS_REGION: scenario.region,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const code = await new Promise<number>((done) => {
    const child = spawn(process.execPath, [bundle], { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('close', (c) => done(c ?? 1));
  });
  await emulator.close();
  console.log('\n================ job summary ================\n');
  console.log(await readFile(files.summary, 'utf8'));
  console.log('================ outputs ================');
  for (const [name, value] of Object.entries(parseCommandFile(await readFile(files.output, 'utf8'))))
    console.log(`${name}: ${value}`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`rehearse: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
