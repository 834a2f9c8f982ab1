#!/usr/bin/env node
// The drs-drill command: a shim over the action's bundle (dist/bundle/index.js).
import { cacheCompiledCode } from '../dist/compile-cache.js';

cacheCompiledCode();
const { runCli } = await import('../dist/bundle/index.js');
await runCli();
