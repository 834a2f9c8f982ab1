/**
 * `mode: cleanup` next to a drill that is still running: another execution's instances are kept while
 * that execution runs (a DRS job active, or its workflow run in progress as the GitHub API says, e.g.
 * between two waves), unless older-than says they are old enough; the input execution-id scopes
 * cleanup to one execution; a cleanup in the drill's own workflow run cleans its own execution.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import type { Report } from '../../src/core/report.js';
import {
  type ActionRun,
  demoPlanText,
  demoScenario,
  explain,
  PLAN_PATH,
  readReport,
  runBundle,
  runDrill,
  SPEED,
} from './harness.js';

let emulator: Emulator;
let drill: { executionId: string; workspace: string; runId: string; ec2: string[] };

beforeAll(async () => {
  emulator = await startEmulator({ scenario: demoScenario(), port: 0, speed: SPEED, seed: 3 });
  const runId = '4242';
  const run = await runDrill({ emulator, plan: await demoPlanText(), inputs: { cleanup: 'never' }, runId });
  expect(run.code, explain(run)).toBe(0);
  const ec2 = (run.report?.waves ?? []).flatMap((w) =>
    w.servers.flatMap((s) => (s.ec2InstanceId ? [s.ec2InstanceId] : [])),
  );
  drill = { executionId: run.report?.executionId ?? '', workspace: run.workspace, runId, ec2 };
}, 90_000);
afterAll(async () => emulator?.close());

function cleanup(inputs: Record<string, string>, runId = '5151'): Promise<ActionRun> {
  return runBundle({
    workspace: drill.workspace,
    emulatorUrl: emulator.url,
    runId,
    inputs: { mode: 'cleanup', plan: PLAN_PATH, 'github-token': 'ghs_emulator', ...inputs },
    env: {
      DRS_DRILL_CLOCK_SCALE: String(SPEED),
      DRS_DRILL_CLOCK_ANCHOR: emulator.state.clock.anchor(),
      GITHUB_API_URL: `${emulator.url}/_github/api`,
    },
  });
}

const running = () => drill.ec2.filter((id) => emulator.state.instances.get(id)?.state === 'running');
const resultsOf = (report: Report) => (report.cleanup?.instances ?? []).map((i) => i.result);

describe('cleanup mode and an execution still running', () => {
  it('keeps the instances of a drill whose workflow run is in progress, saying why (dry run)', async () => {
    emulator.github.workflowRuns.set(drill.executionId, 'in_progress');
    const run = await cleanup({ 'dry-run': 'true' });
    expect(run.code, run.stdout.slice(-2000)).toBe(0);
    const report = await readReport(run);
    expect(resultsOf(report).filter((r) => r.includes('its workflow run is in progress'))).toHaveLength(7);
    expect(running()).toHaveLength(7);
  });

  it('terminates them anyway when older-than says they are old enough', async () => {
    const run = await cleanup({ 'dry-run': 'true', 'older-than': '1m' });
    const report = await readReport(run);
    expect(resultsOf(report).filter((r) => r === 'would terminate')).toHaveLength(7);
  });

  it('execution-id scopes cleanup to one execution; the drill’s own run cleans its own execution', async () => {
    const other = await cleanup({ 'dry-run': 'true', 'execution-id': 'acme/dr-plans/999' });
    expect(resultsOf(await readReport(other)).every((r) => r.includes('not to execution-id'))).toBe(true);
    // The same workflow run as the drill: its own execution, still in progress, is cleaned.
    const own = await cleanup({ 'execution-id': drill.executionId }, drill.runId);
    expect(own.code, own.stdout.slice(-2000)).toBe(0);
    const report = await readReport(own);
    expect(report.cleanup?.status).toBe('succeeded');
    expect(running()).toEqual([]);
  });
});
