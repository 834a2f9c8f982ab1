// Bundles the action into <out> (default dist/bundle): the tree-shaken SDK first (scripts/sdk-bundle.ts),
// then ncc over src/bundle.ts with tsconfig.bundle.json, whose `paths` send the SDK client packages to
// that pre-bundle. Used by `npm run build` and scripts/build-to.sh.
//
// TS_NODE_PROJECT must be absolute: ncc's paths plugin resolves it against "tsconfig.json" as if that
// were a directory, so a relative value names a file that does not exist and the paths go unused, silently.
//
// ncc does not fail on an import it cannot resolve: it bundles a stub that throws when loaded
// (`@@notfound.js`). So the output is checked here: no such stub, and none of the SDK's CommonJS
// builds (the redirect must have taken every import of the clients).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSdkBundle } from './sdk-bundle.js';

/** Text no chunk may hold. */
const FULL_SDK_MARKERS = [
  // an EC2 operation the action does not use: present only if client-ec2's whole CommonJS build was bundled
  'AcceptAddressTransferCommand',
  // ncc's stand-in for an import it could not resolve (it throws when loaded)
  '@@notfound.js',
];

export function outputProblems(chunks: Array<[string, string]>): string[] {
  const problems: string[] = [];
  for (const [name, text] of chunks) {
    for (const marker of FULL_SDK_MARKERS) {
      if (text.includes(marker)) problems.push(`${name} contains "${marker}"`);
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const out = process.argv[2] ?? 'dist/bundle';
  await buildSdkBundle();
  const ncc = spawnSync('npx', ['ncc', 'build', 'src/bundle.ts', '-o', out], {
    stdio: 'inherit',
    env: { ...process.env, TS_NODE_PROJECT: resolve('tsconfig.bundle.json') },
  });
  if (ncc.status !== 0) process.exit(ncc.status ?? 1);
  const chunks = readdirSync(out)
    .filter((f) => f.endsWith('.js'))
    .map((f): [string, string] => [f, readFileSync(join(out, f), 'utf8')]);
  const problems = outputProblems(chunks);
  if (problems.length > 0) {
    console.error(`build-bundle: the AWS SDK redirect failed:\n${problems.join('\n')}`);
    process.exit(1);
  }
}
