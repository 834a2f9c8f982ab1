#!/usr/bin/env node
// The drs-drill command: a shim over the action's bundle (dist/bundle/index.js).
import { cacheCompiledCode } from '../dist/compile-cache.js';
import { keepHeapSmall } from '../dist/heap.js';

cacheCompiledCode();
const { runCli } = await import('../dist/bundle/index.js');
keepHeapSmall();
await runCli();
