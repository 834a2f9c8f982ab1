/** The drs-drill command as users run it: bin/drs-drill.js's lines over the bundle under test. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliShim } from './harness.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
let shim: string;

beforeAll(async () => {
  shim = await cliShim();
});

async function drsDrill(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [shim, ...args], { cwd: repo });
  return stdout;
}

describe('bin/drs-drill.js', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')) as { version: string };
    expect(await drsDrill('--version')).toBe(`${pkg.version}\n`);
  });

  it('--help lists the commands it has', async () => {
    const help = await drsDrill('--help');
    expect(help).toMatch(/^Usage: drs-drill <command>/);
    expect(help).toMatch(/\n {2}validate {4}/);
    expect(help).toMatch(/\n {2}iam-policy {2}/);
  });
});
