/**
 * The one bundle ncc builds (dist/bundle/). It exports the three entry points without running any:
 * dist/index.js (main step), dist/post/index.js (post step) and bin/drs-drill.js (CLI) are two-line
 * shims that import it and call theirs. One bundle instead of three keeps the build fast and dist/
 * small; the post step and the CLI are loaded on demand (separate chunks), so the main step's start-up
 * pays only for what it runs.
 */
export { run } from './main.js';

export async function runPost(): Promise<void> {
  await (await import('./post.js')).runPost();
}

export async function runCli(): Promise<void> {
  await (await import('./cli.js')).runCli();
}
