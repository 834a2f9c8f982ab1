import * as core from '@actions/core';
import { inputsIgnoredBy, readInputs } from './action-inputs.js';
import { clockFromEnv } from './core/clock.js';
import { neutraliseLog } from './core/escape.js';
import { errorMessage, isUserError, UserError } from './errors.js';
import type { ActionIO } from './io.js';
import { runValidate } from './modes/validate.js';
import { readRunEnvironment } from './run-env.js';

/**
 * The GitHub toolkit behind the ActionIO the modes use. The only toolkit-heavy file, and the one place
 * where log lines leave the action, so no message (AWS, GitHub or plan text in it) can be taken for a
 * workflow command: core.info prints its text raw, so it goes through neutraliseLog; annotations,
 * debug lines and group names are workflow commands themselves, whose message and properties the
 * toolkit escapes (%, CR, LF; `:` and `,` in properties), so they are not escaped twice.
 */
export function coreIO(): ActionIO {
  const props = (p?: { file?: string; line?: number; col?: number; title?: string }) =>
    p ? { file: p.file, startLine: p.line, startColumn: p.col, title: p.title } : undefined;
  return {
    info: (m) => core.info(neutraliseLog(m)),
    notice: (m) => core.notice(m),
    warning: (m, p) => core.warning(m, props(p)),
    error: (m, p) => core.error(m, props(p)),
    debug: (m) => core.debug(m),
    group: (name, fn) => core.group(name, fn),
    setOutput: (n, v) => core.setOutput(n, v),
    setSecret: (v) => core.setSecret(v),
    saveState: (n, v) => core.saveState(n, v),
    getState: (n) => core.getState(n),
    writeSummary: async (markdown) => {
      await core.summary.addRaw(markdown, true).write();
    },
  };
}

/** What every mode gets from the runner: its clock, environment and OIDC tokens. */
function modeDeps() {
  return {
    clock: clockFromEnv(process.env),
    env: process.env,
    getIdToken: (audience: string) => core.getIDToken(audience),
  };
}

/** Entry of the main step: reads every input at the top, then hands plain values to the mode. */
export async function run(): Promise<void> {
  const io = coreIO();
  // First of all, before the inputs and the mode's code are loaded: a signal that comes while they
  // load must cancel the run (evidence published), not kill it.
  const cancellation = watchCancellation(io);
  try {
    const runEnv = readRunEnvironment(process.env, process.cwd());
    const inputs = readInputs((name) => core.getInput(name), runEnv.runId);
    // The runner masks github.token itself; a personal token passed in may not be registered as a secret.
    if (inputs.githubToken) io.setSecret(inputs.githubToken);
    for (const ignored of inputsIgnoredBy(inputs.mode, (name) => core.getInput(name))) io.warning(ignored);
    switch (inputs.mode) {
      case 'validate': {
        cancellation.release();
        const outcome = await runValidate(io, inputs, runEnv, modeDeps());
        core.setOutput('status', outcome.failure ? 'failed' : 'succeeded');
        if (outcome.failure) core.setFailed(outcome.failure);
        return;
      }
      case 'drill':
      case 'recovery': {
        // AWS clients and the engine load only for the modes that use them: validation starts faster.
        const { runDrillMode } = await import('./modes/drill.js');
        const report = await runDrillMode(io, inputs, runEnv, { ...modeDeps(), signal: cancellation.signal });
        if (report.status !== 'succeeded') {
          core.setFailed(
            `${inputs.mode === 'recovery' ? 'Recovery' : 'Drill'} ${report.status}: ${report.errors[0] ?? 'see the job summary'}`,
          );
        }
        return;
      }
      case 'status': {
        // Its own chunk: read-only, loads the AWS clients only when credentials are given.
        cancellation.release();
        const { runStatusMode } = await import('./modes/status.js');
        const outcome = await runStatusMode(io, inputs, runEnv, modeDeps());
        if (outcome.failure) core.setFailed(outcome.failure);
        return;
      }
      case 'cleanup': {
        cancellation.release();
        const { runCleanupMode } = await import('./modes/cleanup.js');
        const report = await runCleanupMode(io, inputs, runEnv, modeDeps());
        if (report.status !== 'succeeded')
          core.setFailed(`Cleanup ${report.status}: ${report.errors[0] ?? 'see the job summary'}`);
        return;
      }
      default:
        throw new UserError(`mode ${inputs.mode} is not implemented yet`);
    }
  } catch (e) {
    if (isUserError(e)) {
      if (e.position) io.error(e.message, e.position);
      core.setFailed(e.message);
    } else {
      core.debug(e instanceof Error && e.stack ? e.stack : String(e));
      core.setFailed(`Unexpected error: ${errorMessage(e)}`);
    }
  } finally {
    cancellation.dispose();
  }
}

/**
 * The runner cancels with SIGINT, then SIGTERM 7.5 s later, then kills 2.5 s after that. Either signal
 * aborts `signal`, so that a drill or recovery writes its partial report and summary while there is
 * time. Modes that cannot be cancelled `release()` the signals: they get the default (the process
 * ends), at once if a signal already came.
 */
export function watchCancellation(io: Pick<ActionIO, 'warning'>): {
  signal: AbortSignal;
  release(): void;
  dispose(): void;
} {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (name: NodeJS.Signals) => {
    if (!controller.signal.aborted)
      io.warning(`Received ${name}: cancelling, writing what has been done so far.`);
    received ??= name;
    controller.abort();
  };
  const off = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    release: () => {
      off();
      if (received) process.kill(process.pid, received);
    },
    dispose: () => {
      off();
      // An AWS call abandoned on cancellation may hold a socket open; the evidence is out, so leave
      // rather than let it keep the step alive until the runner kills it.
      if (controller.signal.aborted) setTimeout(() => process.exit(), 300).unref();
    },
  };
}
