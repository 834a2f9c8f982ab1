/**
 * The one bundle ncc builds (dist/bundle/index.js). It exports the three entry points without running
 * any: dist/index.js (main step), dist/post/index.js (post step) and bin/drs-drill.js (CLI) are
 * two-line shims that import it and call theirs. One bundle instead of three keeps the build fast and
 * the committed dist/ a third of the size.
 */
export { runCli } from './cli.js';
export { run } from './main.js';
export { runPost } from './post.js';
