// Writes dist/bundle/licenses.txt: the license of every production dependency (the bundle is made
// of them), from package-lock.json and node_modules. ncc's own --license output depends on the order
// in which webpack meets duplicated packages, so it changed from build to build and made the
// "dist/ is fresh" check flaky; this list depends only on the lock file.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2] ?? 'dist/bundle/licenses.txt';
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const seen = new Map();
for (const [path, entry] of Object.entries(lock.packages)) {
  if (!path.startsWith('node_modules/') || entry.dev || entry.optional) continue;
  const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const key = `${name}@${entry.version}`;
  if (seen.has(key) || !existsSync(path)) continue;
  const licenseFile = readdirSync(path)
    .filter((f) => /^(licen[cs]e|copying|notice)(\.|$)/i.test(f))
    .sort()[0];
  const text = licenseFile ? readFileSync(join(path, licenseFile), 'utf8').trim() : '';
  seen.set(key, `${key}\n${entry.license ?? 'UNKNOWN'}\n${text}`);
}
const body = [...seen.keys()]
  .sort()
  .map((k) => seen.get(k))
  .join('\n\n');
writeFileSync(out, `${body}\n`);
console.log(`${out}: ${seen.size} packages`);
