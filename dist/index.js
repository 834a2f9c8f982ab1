// Main step of the action: a shim over the bundle built from src/ by `npm run build`.
// Written into dist/ by the build from scripts/shims/: edit it there.
import { cacheCompiledCode } from './compile-cache.js';
import { keepHeapSmall } from './heap.js';

cacheCompiledCode();
// Imported after the cache is on, so that the bundle's own code is cached too.
const { run } = await import('./bundle/index.js');
keepHeapSmall();
await run();
