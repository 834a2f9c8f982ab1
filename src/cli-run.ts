/**
 * Break-glass: `drs-drill drill|recovery|cleanup <plan>` runs the action's own pipeline from a
 * terminal when GitHub is down. Flags become the action's inputs (the same names, read by the same
 * readInputs, so every check and default is the action's); credentials come from the standard AWS
 * chain (`--role-to-assume` is assumed with sts:AssumeRole, not OIDC); the evidence is written to
 * report-dir and the summary printed. Ctrl-C cancels like the runner's SIGINT: the run stops
 * starting work, cleans up what the drill launched and writes the partial evidence.
 */
import { userInfo } from 'node:os';
import { readInputs } from './action-inputs.js';
import { type CliIo, EXIT, UsageError } from './cli-io.js';
import { clockFromEnv } from './core/clock.js';
import type { Report } from './core/report.js';
import type { Mode } from './modes.js';
import type { RunEnvironment } from './run-env.js';

/** Flags that take a value: each is the action input of the same name. */
const VALUE_FLAGS = [
  'region',
  'role-to-assume',
  'role-session-name',
  'confirm',
  'cleanup',
  'timeout-minutes',
  'poll-interval-seconds',
  'report-dir',
  'fail-on',
  'older-than',
  'exclude',
  'point-in-time',
  'execution-id',
] as const;
/** Flags that are switches: `--dry-run` is the input dry-run set to true. */
const SWITCH_FLAGS = ['dry-run', 'replace-recovery-instances'] as const;

export type BreakGlassMode = Extract<Mode, 'drill' | 'recovery' | 'cleanup'>;

/**
 * The action inputs, by name, that the command line gives. Every flag may also be written
 * `--flag=value`; `--exclude` may repeat. Pure.
 */
export function flagsToInputs(mode: BreakGlassMode, args: readonly string[]): Record<string, string> {
  const values: Record<string, string> = { mode, 'report-dir': 'drs-report' };
  const plans: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) {
      plans.push(arg);
      continue;
    }
    const [flag = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    if ((SWITCH_FLAGS as readonly string[]).includes(flag)) values[flag] = inline ?? 'true';
    else if ((VALUE_FLAGS as readonly string[]).includes(flag)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`--${flag} needs a value`);
      values[flag] = flag === 'exclude' && values.exclude ? `${values.exclude}\n${value}` : value;
    } else if (flag !== 'verbose') throw new UsageError(`unknown option ${arg.split('=')[0]}`);
  }
  if (plans.length !== 1) throw new UsageError(`${mode} takes exactly one plan file`);
  values.plan = plans[0] ?? '';
  return values;
}

/** Who and where a terminal run is: no repository or workflow run, a fresh run id, the shell's user. */
export function terminalRunEnvironment(cwd: string, nowMs: number): RunEnvironment {
  let actor: string | undefined;
  try {
    actor = userInfo().username;
  } catch {
    actor = undefined;
  }
  return {
    runId: String(nowMs),
    runAttempt: 1,
    serverUrl: 'https://github.com',
    ...(actor ? { actor } : {}),
    eventName: 'terminal',
    workspace: cwd,
    onGitHub: false,
  };
}

/** Ctrl-C (or SIGTERM) aborts the run; a second Ctrl-C leaves at once. */
function watchSignals(io: CliIo): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    io.stderr.write(`\nReceived ${name}: cancelling (cleanup runs); press Ctrl-C again to leave now.\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** Runs one mode from the terminal; the exit code says whether it succeeded. */
export async function runBreakGlass(mode: BreakGlassMode, args: string[], cli: CliIo): Promise<number> {
  const values = flagsToInputs(mode, args);
  const clock = clockFromEnv(process.env);
  const runEnv = terminalRunEnvironment(cli.cwd, clock.now());
  const inputs = readInputs((name) => values[name] ?? '', runEnv.runId);
  const { terminalIO } = await import('./modes/terminal-io.js');
  const io = terminalIO(cli, { verbose: args.includes('--verbose') });
  const signals = watchSignals(cli);
  const deps = {
    clock,
    env: process.env,
    getIdToken: () => Promise.reject(new Error('no GitHub OIDC outside GitHub Actions')),
    roleFromChain: true,
    signal: signals.signal,
  };
  let report: Report;
  try {
    if (mode === 'cleanup') {
      const { runCleanupMode } = await import('./modes/cleanup.js');
      report = await runCleanupMode(io, inputs, runEnv, deps);
    } else {
      const { runDrillMode } = await import('./modes/drill.js');
      report = await runDrillMode(io, inputs, runEnv, deps);
      // No runner runs a post step here: what the action's post step does after a cancellation, now.
      const { postSkipReason, runPostCleanup } = await import('./post.js');
      const { readPostState } = await import('./modes/post-state.js');
      const state = readPostState((n) => io.getState(n));
      if (!postSkipReason(state)) await runPostCleanup(io, state, { ...deps, inputs });
    }
  } finally {
    signals.dispose();
  }
  for (const [name, value] of Object.entries(io.outputs)) cli.stdout.write(`${name}: ${value}\n`);
  const first = report.errors[0];
  cli.stdout.write(`\n${mode} ${report.status}${first ? `: ${first}` : ''}\n`);
  return report.status === 'succeeded' ? EXIT.ok : EXIT.failed;
}

export const BREAK_GLASS_HELP: Record<BreakGlassMode, string> = {
  drill: help('drill', 'a drill of the plan (isDrill: launched, checked, measured, then terminated)'),
  recovery: help(
    'recovery',
    'a REAL recovery of the plan (irreversible; never cleaned up); needs --confirm <plan name>',
  ),
  cleanup: help('cleanup', "terminates drill instances of the plan's servers (--older-than, --dry-run)"),
};

function help(mode: BreakGlassMode, what: string): string {
  return `Usage: drs-drill ${mode} <plan> [options]

Break-glass: ${what}, from this terminal,
with the same engine, guards and evidence as the action (for when GitHub itself is down).
Credentials: the standard AWS chain (environment, profile, SSO, instance role); AWS_REGION or --region.
The evidence (report.json, report.md) goes to --report-dir (default drs-report, under this directory);
the summary is printed. Ctrl-C cancels like the runner's SIGINT: cleanup runs, evidence is written.
  --region <region>            AWS region (overrides the plan's)
  --role-to-assume <arn>       assume this role with the chain's credentials (sts:AssumeRole)
  --confirm <plan name>        recovery: required, must equal the plan's name
  --cleanup always|on-success|never   drill: when to terminate the drill instances (default always)
  --dry-run                    drill: preflight only; cleanup: list, terminate nothing
  --exclude <id|hostname>      leave a server out (repeatable, or comma-separated)
  --point-in-time <iso time>   launch each server from its latest snapshot at or before it
  --replace-recovery-instances recovery: allow replacing existing recovery instances
  --older-than <duration>      cleanup: only drill instances older than this (e.g. 12h)
  --report-dir <dir>           where report.json and report.md are written
  --timeout-minutes <n>, --poll-interval-seconds <n>, --fail-on <rules>, --role-session-name <name>
  --verbose                    print debug lines (retries) too
Exit code: 0 succeeded, 1 failed (or refused), 2 usage error.`;
}
