// The tree-shaken AWS SDK of the bundle (bench/README.md, issue 18 "Tree-shaken AWS SDK").
//
// src/ reaches the SDK clients only through src/aws/sdk.ts. This bundles that module with esbuild
// from the clients' ES-module builds (`module` field), so only the commands, paginators and
// exceptions it names stay in (client-ec2 falls from 3 MB to ≈ 160 KB), into build/aws-sdk.mjs.
// tsconfig.bundle.json maps the four client packages to that file, so when ncc compiles sdk.ts its
// re-exports come from the pre-bundle and the packages' CommonJS builds never enter the bundle.
//
// The SDK's own lazy `import("…")`s (the default credential chain's providers: SSO, ini profiles,
// process, web identity, IMDS/ECS, and the STS/SSO clients they load) all name a package literally;
// esbuild inlines each of them. The checks below fail the build if any import other than a Node
// built-in is left, or if the file lacks a value sdk.ts exports.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import type { Metafile } from 'esbuild';
import ts from 'typescript';

export const SDK_ENTRY = 'src/aws/sdk.ts';
export const SDK_BUNDLE = 'build/aws-sdk.mjs';

/** The names a module exports as values (type-only exports left out), read from its TypeScript text. */
export function valueExports(sourceText: string): string[] {
  const file = ts.createSourceFile('sdk.ts', sourceText, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const names: string[] = [];
  for (const statement of file.statements) {
    if (!ts.isExportDeclaration(statement) || statement.isTypeOnly) continue;
    const clause = statement.exportClause;
    if (!clause || !ts.isNamedExports(clause)) {
      throw new Error(
        `${SDK_ENTRY}: use named re-exports only (export { … } from '…'), so the build can check them`,
      );
    }
    for (const spec of clause.elements) if (!spec.isTypeOnly) names.push(spec.name.text);
  }
  return names.sort();
}

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** What is wrong with a pre-bundle, from esbuild's metafile output entry; empty when nothing is. */
export function bundleProblems(wanted: string[], output: Metafile['outputs'][string]): string[] {
  const have = new Set(output.exports);
  const problems = wanted
    .filter((name) => !have.has(name))
    .map((name) => `${SDK_BUNDLE} does not export ${name}, which ${SDK_ENTRY} exports`);
  for (const imp of output.imports) {
    if (!builtins.has(imp.path)) {
      problems.push(`${SDK_BUNDLE} still imports "${imp.path}" (${imp.kind}): the SDK must be bundled whole`);
    }
  }
  return problems;
}

/** Builds build/aws-sdk.mjs; throws with every problem found. */
export async function buildSdkBundle(): Promise<Metafile['outputs'][string]> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [SDK_ENTRY],
    outfile: SDK_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: ['module', 'main'],
    metafile: true,
    logLevel: 'error',
    // ncc minifies no chunk loaded on demand, so this is the only minifier the SDK's code meets: half
    // the bytes to parse (≈ 1.0 → 0.5 MB), ≈ 3 % of the start-up CPU ratio. keepNames: class and
    // function names (the SDK's error names among them) stay as written, for `name` and stack traces.
    minify: true,
    keepNames: true,
  });
  const output = result.metafile.outputs[SDK_BUNDLE];
  if (!output) throw new Error(`esbuild wrote no ${SDK_BUNDLE}`);
  const problems = bundleProblems(valueExports(readFileSync(SDK_ENTRY, 'utf8')), output);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return output;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const output = await buildSdkBundle();
  console.log(`${SDK_BUNDLE}: ${(output.bytes / 1024).toFixed(0)} KB, ${output.exports.length} exports`);
}
