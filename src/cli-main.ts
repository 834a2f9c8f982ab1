import { runCli } from './cli.js';

await runCli();
