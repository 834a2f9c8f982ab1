/**
 * `drs-drill rehearse <plan>` (and `npm run rehearse -- <plan>`, which calls the same function):
 * rehearses a plan offline, before it touches AWS. Starts the local emulator in this process on
 * 127.0.0.1 with an estate that matches the plan's selectors (emulator/from-plan.ts; or the given
 * scenario), runs the bundled action (dist/index.js) in drill mode against it as a runner would, on
 * the emulator's simulated clock, and prints the job summary.
 *
 * This is the only src/ file that imports emulator/ (.dependency-cruiser.cjs): bundle.ts loads the CLI
 * on demand and the CLI loads this on demand, so the emulator is a chunk of its own that the action's
 * start-up never reads. In the bundle, the emulator finds its DRS model in dist/bundle/model/ (copied
 * there by the build), next to the chunk that reads it.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scenarioFromPlan } from '../emulator/from-plan.js';
import type { Scenario } from '../emulator/scenario.js';
import { loadScenarioFile } from '../emulator/scenario-load.js';
import { startEmulator } from '../emulator/server.js';
import { type CliIo, EXIT, UsageError } from './cli-io.js';
import { errorMessage, UserError } from './errors.js';
import { loadPlanFile } from './plan/load.js';
import { formatDiagnostic } from './plan/overview.js';

export interface RehearseOptions {
  plan: string;
  scenario?: string;
  fail: string[];
  throttle?: number;
  /** Simulated seconds per real second. */
  speed: number;
}

/** Where the caller runs from: the bundled action to run and the directory paths are relative to. */
export interface RehearseWhere {
  /** dist/index.js, the main step's shim; by default the one next to this bundle (dist/bundle/..). */
  action?: string;
}

export function parseRehearseArgs(args: string[]): RehearseOptions {
  const out: RehearseOptions = { plan: '', fail: [], speed: 600 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--scenario') out.scenario = value();
    else if (arg === '--fail') out.fail.push(value());
    else if (arg === '--throttle') out.throttle = Number(value());
    else if (arg === '--speed') out.speed = Number(value());
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (out.plan) throw new UsageError('rehearse takes one plan');
    else out.plan = arg;
  }
  if (!out.plan) throw new UsageError('rehearse needs a plan file');
  if (out.throttle !== undefined && !(out.throttle >= 0 && out.throttle <= 1))
    throw new UsageError('--throttle is a fraction of requests, 0 to 1');
  if (!(out.speed > 0)) throw new UsageError('--speed is a positive number');
  return out;
}

/** The faults asked for: each --fail names a server of the estate by id or hostname. */
function addFaults(scenario: Scenario, opts: RehearseOptions): void {
  for (const name of opts.fail) {
    const wanted = name.toLowerCase();
    const server = scenario.servers.find(
      (s) =>
        s.sourceServerID === name ||
        s.hostname.toLowerCase() === wanted ||
        s.hostname.toLowerCase().split('.')[0] === wanted,
    );
    if (!server)
      throw new UsageError(`--fail ${name}: no server of the rehearsal estate has that id or hostname`);
    scenario.faults.servers[server.sourceServerID] = {
      phase: 'launch',
      rawError: `Rehearsal: launch failure injected with --fail ${name}`,
    };
  }
  if (opts.throttle !== undefined)
    scenario.faults.throttle = { rate: opts.throttle, operations: {}, retryAfterSeconds: 1 };
}

/** Parses the GITHUB_OUTPUT file format (`name<<delimiter` heredocs or `name=value`). */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
      out[name] = value.join('\n');
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      out[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return out;
}

interface Files {
  dir: string;
  output: string;
  summary: string;
  state: string;
}

/** The runner's environment for the main step, pointed at the emulator; nothing of this shell's AWS set-up leaks in. */
function runnerEnv(
  files: Files,
  workspace: string,
  planPath: string,
  emulator: { url: string; anchor: string; region: string; speed: number },
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? files.dir,
    INPUT_MODE: 'drill',
    INPUT_PLAN: relative(workspace, planPath),
    INPUT_CLEANUP: 'always',
    'INPUT_REPORT-DIR': join(files.dir, 'drs-report'),
    'INPUT_HISTORY-BRANCH': '',
    // The action's own waits run on the emulator's clock, anchored to its simulated start.
    DRS_DRILL_CLOCK_SCALE: String(emulator.speed),
    DRS_DRILL_CLOCK_ANCHOR: emulator.anchor,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_WORKSPACE: workspace,
    GITHUB_RUN_ID: String(Date.now()),
    GITHUB_ACTOR: process.env.USER ?? 'you',
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    AWS_ENDPOINT_URL: emulator.url,
    AWS_ACCESS_KEY_ID: 'AKIDEMULATOR',
    AWS_SECRET_ACCESS_KEY: 'emulator-secret',
    AWS_REGION: emulator.region,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

/** Runs the main step as the runner would; its log goes to the CLI's stdout/stderr as it comes. */
function runAction(action: string, cwd: string, env: Record<string, string>, io: CliIo): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [action], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => io.stdout.write(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => io.stderr.write(chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done(code ?? EXIT.failed));
  });
}

/** A scenario the user wrote: its mistakes are theirs to fix, said as such (not as a crash). */
function readScenario(path: string): Scenario {
  try {
    return loadScenarioFile(path);
  } catch (e) {
    throw new UserError(`--scenario ${path}: ${errorMessage(e)}`, undefined, { cause: e });
  }
}

async function tempFiles(): Promise<Files> {
  const dir = await mkdtemp(join(tmpdir(), 'drs-rehearse-'));
  const files = {
    dir,
    output: join(dir, 'output'),
    summary: join(dir, 'summary.md'),
    state: join(dir, 'state'),
  };
  for (const f of [files.output, files.summary, files.state]) await writeFile(f, '');
  return files;
}

/** The rehearsal: exit code 0 when the drill passed, 1 when it failed or the plan has errors. */
export async function rehearse(args: string[], io: CliIo, where: RehearseWhere = {}): Promise<number> {
  const opts = parseRehearseArgs(args);
  // In the bundle, dist/bundle/../index.js; webpackIgnore keeps ncc from making the URL an asset.
  const action =
    where.action ?? fileURLToPath(new URL(/* webpackIgnore: true */ '../index.js', import.meta.url));
  if (!existsSync(action)) throw new UserError(`${action} is missing: the action's bundle is not built`);
  const planPath = resolve(io.cwd, opts.plan);
  // A plan outside the current directory (e.g. in the user's own repository) makes its own
  // directory the workspace, so the action reads it as it would in that repository.
  const workspace = planPath.startsWith(`${io.cwd}${sep}`) ? io.cwd : dirname(planPath);
  const loaded = await loadPlanFile(planPath, { cwd: workspace });
  if (!loaded.plan) {
    for (const d of loaded.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
    return EXIT.failed;
  }
  const scenario = opts.scenario
    ? readScenario(resolve(io.cwd, opts.scenario))
    : scenarioFromPlan(loaded.plan);
  addFaults(scenario, opts);
  const emulator = await startEmulator({ scenario, port: 0, speed: opts.speed, seed: 7 });
  const files = await tempFiles();
  try {
    io.stdout.write(
      `Rehearsing ${opts.plan} against the local AWS emulator on ${emulator.url} (${scenario.servers.length} source servers, simulated clock ${opts.speed}x)\n`,
    );
    const env = runnerEnv(files, workspace, planPath, {
      url: emulator.url,
      anchor: emulator.state.clock.anchor(),
      region: scenario.region,
      speed: opts.speed,
    });
    const code = await runAction(action, workspace, env, io);
    io.stdout.write('\n================ job summary ================\n\n');
    io.stdout.write(`${await readFile(files.summary, 'utf8')}\n`);
    io.stdout.write('================ outputs ================\n');
    for (const [name, value] of Object.entries(parseCommandFile(await readFile(files.output, 'utf8'))))
      io.stdout.write(`${name}: ${value}\n`);
    return code === 0 ? EXIT.ok : EXIT.failed;
  } finally {
    await emulator.close();
    await rm(files.dir, { recursive: true, force: true });
  }
}
