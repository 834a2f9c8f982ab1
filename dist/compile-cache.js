// Written into dist/ by `npm run build` from scripts/shims/: edit it there.
import module from 'node:module';
import { join } from 'node:path';

/**
 * Turns on V8's compile cache (Node 22.1+; Node 20 has none and this does nothing), so a second
 * process loading the same bundle skips parsing and compiling most of it. On a runner the cache goes
 * to RUNNER_TEMP, which the runner empties after every job: the main step fills it and the post step
 * of the same job (which loads the same chunks) reads it; nothing outlives the job or is shared with
 * another job. Elsewhere (the CLI) Node's default directory under the OS temp dir is used. A
 * NODE_COMPILE_CACHE set by the user wins (Node has then already turned it on there), and
 * NODE_DISABLE_COMPILE_CACHE turns it off.
 */
export function cacheCompiledCode() {
  if (typeof module.enableCompileCache !== 'function') return;
  if (process.env.NODE_COMPILE_CACHE || process.env.NODE_DISABLE_COMPILE_CACHE) return;
  const runnerTemp = process.env.RUNNER_TEMP;
  try {
    module.enableCompileCache(runnerTemp ? join(runnerTemp, 'drs-drill-compile-cache') : undefined);
  } catch {
    // A cache that cannot be written only costs speed.
  }
}
