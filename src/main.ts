import * as core from '@actions/core';
import { readInputs } from './action-inputs.js';
import { errorMessage, isUserError } from './errors.js';
import type { ActionIO } from './io.js';
import { runValidate } from './modes/validate.js';
import { readRunEnvironment } from './run-env.js';

/** The GitHub toolkit behind the ActionIO the modes use. The only toolkit-heavy file. */
export function coreIO(): ActionIO {
  const props = (p?: { file?: string; line?: number; col?: number; title?: string }) =>
    p ? { file: p.file, startLine: p.line, startColumn: p.col, title: p.title } : undefined;
  return {
    info: (m) => core.info(m),
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

/** Entry of the main step: reads every input at the top, then hands plain values to the mode. */
export async function run(): Promise<void> {
  const io = coreIO();
  try {
    const runEnv = readRunEnvironment(process.env, process.cwd());
    const inputs = readInputs((name) => core.getInput(name), runEnv.runId);
    switch (inputs.mode) {
      case 'validate': {
        const outcome = await runValidate(io, inputs, runEnv);
        core.setOutput('status', outcome.errors > 0 ? 'failed' : 'succeeded');
        if (outcome.errors > 0) {
          core.setFailed(`The recovery plan has ${outcome.errors} error${outcome.errors === 1 ? '' : 's'}.`);
        }
        return;
      }
      default:
        throw new Error(`mode ${inputs.mode} is not implemented yet`);
    }
  } catch (e) {
    if (isUserError(e)) {
      if (e.position) io.error(e.message, e.position);
      core.setFailed(e.message);
    } else {
      core.debug(e instanceof Error && e.stack ? e.stack : String(e));
      core.setFailed(`Unexpected error: ${errorMessage(e)}`);
    }
  }
}
