/** The drs-drill command as users run it: bin/drs-drill.js's lines over the bundle under test. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIST } from './harness.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
let shim: string;

beforeAll(async () => {
  // bin/drs-drill.js imports ../dist/bundle/index.js and ../dist/compile-cache.js; the same lines
  // over the build being tested.
  const bin = await readFile(join(repo, 'bin', 'drs-drill.js'), 'utf8');
  const bundle = pathToFileURL(join(DIST, 'bundle', 'index.js')).href;
  const cache = pathToFileURL(join(DIST, 'compile-cache.js')).href;
  shim = join(await mkdtemp(join(tmpdir(), 'drs-drill-bin-')), 'drs-drill.mjs');
  await writeFile(
    shim,
    bin.replace('../dist/bundle/index.js', bundle).replace('../dist/compile-cache.js', cache),
  );
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
