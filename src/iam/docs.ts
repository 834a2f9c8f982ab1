/**
 * The generic policy files in docs/iam: any region and account, the DRS default instance roles only.
 * `npx tsx src/iam/write-docs.ts` rewrites them; test/unit/iam/docs.test.ts fails when they drift.
 */
import { MODES } from '../modes.js';
import { permissionsPolicy, renderPolicy } from './policy.js';
import { trustPolicy } from './trust.js';

/** File name (relative to docs/iam) → content. */
export function iamDocFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const mode of MODES) files[`${mode}-policy.json`] = renderPolicy(permissionsPolicy(mode));
  files['trust-branch.json'] = renderPolicy(trustPolicy({ kind: 'branch', branch: 'main' }));
  files['trust-pull-request.json'] = renderPolicy(trustPolicy({ kind: 'pull-request' }));
  files['trust-environment.json'] = renderPolicy(
    trustPolicy({ kind: 'environment', environment: 'disaster-recovery' }),
  );
  // A drill whose later waves wait for an approval (input waves, examples/workflows/gated-drill.yml).
  files['trust-gated-drill.json'] = renderPolicy(
    trustPolicy([
      { kind: 'branch', branch: 'main' },
      { kind: 'environment', environment: 'drill-approval' },
    ]),
  );
  return files;
}
