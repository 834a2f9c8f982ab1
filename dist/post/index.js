// Post step of the action (runs: post-if always()): a shim over the bundle.
// Written into dist/post/ by the build from scripts/shims/: edit it there.
import { cacheCompiledCode } from '../compile-cache.js';
import { keepHeapSmall } from '../heap.js';

cacheCompiledCode();
const { runPost } = await import('../bundle/index.js');
keepHeapSmall();
await runPost();
