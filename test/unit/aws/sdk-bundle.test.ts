import { readFileSync } from 'node:fs';
import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { outputProblems } from '../../../scripts/build-bundle.js';
import { bundleProblems, SDK_ENTRY, valueExports } from '../../../scripts/sdk-bundle.js';

type Output = Metafile['outputs'][string];

function output(exports: string[], imports: Output['imports'] = []): Output {
  return { bytes: 1, inputs: {}, imports, exports, entryPoint: SDK_ENTRY };
}

describe('the SDK pre-bundle check (scripts/sdk-bundle.ts)', () => {
  it('reads exactly the values src/aws/sdk.ts exports at run time', async () => {
    const sdk = await import('../../../src/aws/sdk.js');
    expect(valueExports(readFileSync(SDK_ENTRY, 'utf8'))).toEqual(Object.keys(sdk).sort());
  });

  it('leaves out type-only exports', () => {
    const text = "export { A, type B } from 'x';\nexport type { C } from 'y';\nexport { D as E } from 'z';";
    expect(valueExports(text)).toEqual(['A', 'E']);
  });

  it('refuses an export it cannot list', () => {
    expect(() => valueExports("export * from '@aws-sdk/client-drs';")).toThrow(/named re-exports only/);
  });

  it('names every value the pre-bundle lacks', () => {
    expect(bundleProblems(['DrsClient', 'EC2Client'], output(['DrsClient']))).toEqual([
      'build/aws-sdk.mjs does not export EC2Client, which src/aws/sdk.ts exports',
    ]);
  });

  it('accepts Node built-ins and refuses any package left outside the pre-bundle', () => {
    const imports: Output['imports'] = [
      { path: 'fs', kind: 'import-statement', external: true },
      { path: 'node:crypto', kind: 'import-statement', external: true },
      { path: '@aws-sdk/credential-provider-sso', kind: 'dynamic-import', external: true },
    ];
    expect(bundleProblems(['DrsClient'], output(['DrsClient'], imports))).toEqual([
      'build/aws-sdk.mjs still imports "@aws-sdk/credential-provider-sso" (dynamic-import): the SDK must be bundled whole',
    ]);
  });
});

describe('the bundle check (scripts/build-bundle.ts)', () => {
  it("flags ncc's stub for an import it could not resolve and the untrimmed EC2 client", () => {
    const chunks: Array<[string, string]> = [
      ['index.js', 'import("./@@notfound.js?./x")'],
      ['216.index.js', 'class AcceptAddressTransferCommand {}'],
      ['11.index.js', 'class DescribeInstancesCommand {}'],
    ];
    expect(outputProblems(chunks)).toEqual([
      'index.js contains "@@notfound.js"',
      '216.index.js contains "AcceptAddressTransferCommand"',
    ]);
  });
});
