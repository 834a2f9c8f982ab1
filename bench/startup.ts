/** Start-up figures: bundle size and whole `validate` runs (offline: no AWS, not a pull request). */
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction, tail } from './action.js';
import { planYaml, validationPlan } from './plans.js';

export async function bundleBytes(dist: string): Promise<number> {
  // The bundle is a main chunk plus chunks loaded on demand (drill modes, review, artifact, CLI).
  const dir = join(dist, 'bundle');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.js'));
  const sizes = await Promise.all(files.map(async (f) => (await stat(join(dir, f))).size));
  return sizes.reduce((a, b) => a + b, 0);
}

/** Wall ms of one `mode: validate` run of `plan` (relative to `workspace`); throws unless it passed. */
export async function timeValidate(dist: string, workspace: string, plan: string): Promise<number> {
  const measured = await runAction({
    dist,
    workspace,
    inputs: { mode: 'validate', plan, 'fail-on': 'errors' },
    timeoutMs: 60_000,
  });
  if (measured.run.code !== 0 || measured.run.outputs.status !== 'succeeded')
    throw new Error(`validate ${plan} did not pass (exit ${measured.run.code}):\n${tail(measured.run)}`);
  return measured.exitedAt - measured.spawnedAt;
}

export async function validateExample(dist: string, repoRoot: string, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await timeValidate(dist, repoRoot, 'examples/plans/demo.yaml'));
  return out;
}

export async function validateLarge(dist: string, servers: number, runs: number): Promise<number[]> {
  const workspace = await mkdtemp(join(tmpdir(), 'drs-bench-validate-'));
  try {
    await writeFile(join(workspace, 'plan.yaml'), planYaml(validationPlan(servers)));
    const out: number[] = [];
    for (let i = 0; i < runs; i++) out.push(await timeValidate(dist, workspace, 'plan.yaml'));
    return out;
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
}
