#!/usr/bin/env node
// The drs-drill command: a shim over the action's bundle (dist/bundle/index.js).
import { runCli } from '../dist/bundle/index.js';

await runCli();
