/**
 * Runs the BUNDLED action (dist/index.js) the way the runner does: inputs as INPUT_* variables with
 * hyphens kept, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_EVENT_PATH files, AWS through the
 * emulator's loopback endpoint.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
/**
 * The dist/ to run: the committed one by default; DRS_TEST_DIST points at a private build
 * (`scripts/build-to.sh <dir>`) so that parallel work does not race on rebuilding dist/.
 */
export const DIST = process.env.DRS_TEST_DIST ? resolve(process.env.DRS_TEST_DIST) : join(REPO_ROOT, 'dist');
export const BUNDLE = join(DIST, 'index.js');
export const POST_BUNDLE = join(DIST, 'post', 'index.js');

export interface ActionRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
  dir: string;
}

export interface RunOptions {
  inputs: Record<string, string>;
  emulatorUrl?: string;
  env?: Record<string, string>;
  eventName?: string;
  event?: unknown;
  /** Workspace (cwd); default: the repository root so example plans resolve. */
  workspace?: string;
  runId?: string;
  runAttempt?: number;
  /** Reuse a temp dir (e.g. a re-run that must see the first attempt's files). */
  dir?: string;
  script?: string;
  /** The node binary to run it with; default the one running this process. */
  node?: string;
  /** Called with the child once spawned (to send signals). */
  onSpawn?: (child: import('node:child_process').ChildProcess) => void;
  timeoutMs?: number;
}

/** Parses the GITHUB_OUTPUT / GITHUB_STATE file format (`name<<delimiter` heredocs or `name=value`). */
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

export async function runBundle(opts: RunOptions): Promise<ActionRun> {
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'drs-action-')));
  const files = {
    output: join(dir, `output-${Date.now()}`),
    summary: join(dir, `summary-${Date.now()}`),
    state: join(dir, 'state'),
    event: join(dir, 'event.json'),
  };
  await writeFile(files.output, '');
  await writeFile(files.summary, '');
  if (!opts.dir) await writeFile(files.state, '');
  await writeFile(files.event, JSON.stringify(opts.event ?? {}));

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dir,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_EVENT_NAME: opts.eventName ?? 'workflow_dispatch',
    GITHUB_WORKSPACE: opts.workspace ?? REPO_ROOT,
    GITHUB_REPOSITORY: 'acme/dr-plans',
    GITHUB_RUN_ID: opts.runId ?? String(Math.floor(Math.random() * 1e9)),
    GITHUB_RUN_ATTEMPT: String(opts.runAttempt ?? 1),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_ACTOR: 'octocat',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    RUNNER_TEMP: dir,
    // Never reach for instance metadata (a non-loopback address) in tests.
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  if (opts.emulatorUrl) {
    Object.assign(env, {
      AWS_ENDPOINT_URL: opts.emulatorUrl,
      AWS_ACCESS_KEY_ID: 'AKIDEMULATOR',
      AWS_SECRET_ACCESS_KEY: 'emulator-secret',
      AWS_REGION: 'us-east-1',
    });
  }
  for (const [name, value] of Object.entries(opts.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  Object.assign(env, opts.env);

  const child = spawn(opts.node ?? process.execPath, [opts.script ?? BUNDLE], {
    cwd: opts.workspace ?? REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  opts.onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 50_000);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((res) =>
    child.on('close', (c, s) => res([c, s])),
  );
  clearTimeout(timer);
  return {
    code,
    signal,
    stdout,
    stderr,
    outputs: parseCommandFile(await readFile(files.output, 'utf8')),
    summary: await readFile(files.summary, 'utf8'),
    state: parseCommandFile(await readFile(files.state, 'utf8').catch(() => '')),
    dir,
  };
}

/** Runs git in `cwd` with a test identity; returns its trimmed stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();
}
