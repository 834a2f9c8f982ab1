/**
 * `npm run rehearse -- <plan> [--scenario <file>] [--fail <server>]... [--throttle <rate>] [--speed <n>]`
 *
 * From a clone, the same rehearsal as `drs-drill rehearse` (src/rehearse.ts, one implementation): the
 * emulator runs from source through tsx, the action from dist/ (or DRS_TEST_DIST, a build under test).
 */
import { join, resolve } from 'node:path';
import { errorMessage } from '../src/errors.js';
import { rehearse } from '../src/rehearse.js';

const root = resolve(import.meta.dirname, '..');
const dist = process.env.DRS_TEST_DIST ? resolve(process.env.DRS_TEST_DIST) : join(root, 'dist');
// npm run starts scripts in the package root; INIT_CWD is where the user typed the command.
const cwd = process.env.INIT_CWD ?? process.cwd();

rehearse(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr, cwd },
  {
    action: join(dist, 'index.js'),
  },
).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`rehearse: ${errorMessage(e)}`);
    console.error('usage: npm run rehearse -- <plan> [--scenario f] [--fail server]... [--throttle 0.2]');
    process.exit(2);
  },
);
