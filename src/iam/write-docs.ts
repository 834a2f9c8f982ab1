/** Rewrites docs/iam/*.json from src/iam (run with `npx tsx src/iam/write-docs.ts`), in the repository's JSON layout. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { iamDocFiles } from './docs.js';

const dir = fileURLToPath(new URL('../../docs/iam/', import.meta.url));
for (const [name, content] of Object.entries(iamDocFiles())) {
  writeFileSync(`${dir}${name}`, content);
  process.stdout.write(`wrote docs/iam/${name}\n`);
}
execFileSync('npx', ['biome', 'format', '--write', dir], { stdio: 'inherit' });
