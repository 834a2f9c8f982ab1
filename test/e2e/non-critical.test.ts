/**
 * `critical: false` means the run does not depend on the server, through the bundle against the
 * emulator: a non-critical server whose replication is DISCONNECTED is left out with a warning (its
 * wave, left empty, is skipped and the waves after it still run); the same server marked critical
 * stops the drill in preflight, with the preflight's lines inside the log's "Preflight" group.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import {
  callsOf,
  demoPlanText,
  demoScenario,
  expectSaneReport,
  explain,
  outputsOf,
  runDrill,
  SPEED,
  startBody,
  writesOf,
} from './harness.js';

const CACHE = 's-1000000000000000e';

let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function withDisconnectedCache(): Promise<Emulator> {
  const scenario = demoScenario();
  const cache = scenario.servers.find((s) => s.sourceServerID === CACHE);
  if (!cache) throw new Error('the demo scenario has no cache-01');
  cache.replicationState = 'DISCONNECTED';
  emulator = await startEmulator({ scenario, port: 0, speed: SPEED, seed: 5 });
  return emulator;
}

/** The lines printed between `::group::<name>` and the next `::endgroup::`. */
function groupLines(stdout: string, name: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.indexOf(`::group::${name}`);
  if (start < 0) return [];
  const end = lines.indexOf('::endgroup::', start);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe('a non-critical server that fails preflight', () => {
  it('is left out with a warning; its empty wave is skipped and the drill succeeds', async () => {
    const em = await withDisconnectedCache();
    const run = await runDrill({ emulator: em, plan: await demoPlanText(), inputs: { cleanup: 'always' } });
    expect(run.code, explain(run)).toBe(0);
    expect(outputsOf(run).status).toBe('succeeded');
    const report = run.report;
    if (!report) throw new Error('no report');
    expectSaneReport(report);
    expect(report.excluded).toEqual([
      {
        sourceServerId: CACHE,
        hostname: 'cache-01.demo.internal',
        wave: 'cache',
        reason: 'non-critical, failed preflight: replication state is DISCONNECTED, not CONTINUOUS',
      },
    ]);
    // The warning is an annotation at the server's plan line, naming it once.
    const annotation = run.stdout
      .split('\n')
      .find((l) => l.startsWith('::warning') && l.includes('left out of this run (non-critical)'));
    expect(annotation).toMatch(/^::warning file=drs-plans\/plan\.yaml,line=\d+,col=\d+::/);
    expect(annotation?.split(CACHE)).toHaveLength(2);
    // Inside the Preflight group, where the other preflight lines are.
    expect(groupLines(run.stdout, 'Preflight')).toContain(annotation);
    const cacheWave = report.waves.find((w) => w.name === 'cache');
    expect(cacheWave?.status).toBe('skipped');
    expect(cacheWave?.servers).toEqual([]);
    expect(report.waves.find((w) => w.name === 'web')?.status).toBe('succeeded');
    const started = callsOf(run.calls, 'StartRecovery').flatMap((c) =>
      startBody(c).sourceServers.map((s) => s.sourceServerID),
    );
    expect(started).toHaveLength(6);
    expect(started).not.toContain(CACHE);
    // Neither repaired nor launched: nothing at all was written for it.
    const touched = callsOf(run.calls, 'UpdateLaunchConfiguration').map(
      (c) => (c.request as { sourceServerID: string }).sourceServerID,
    );
    expect(touched).not.toContain(CACHE);
    expect(run.summary).toContain('left out of this run (non-critical)');
  }, 60_000);

  it('stops the drill in preflight when the server is critical; the Preflight group holds the lines', async () => {
    const em = await withDisconnectedCache();
    const plan = (await demoPlanText()).replace(/\n\s+critical: false/, '');
    expect(plan).not.toContain('critical: false');
    const run = await runDrill({ emulator: em, plan });
    expect(run.code).not.toBe(0);
    expect(outputsOf(run).status).toBe('failed');
    expect(writesOf(run.calls)).toEqual([]);
    expect(run.report?.errors.join('\n')).toContain(
      `Source server ${CACHE} (cache-01.demo.internal): replication state is DISCONNECTED`,
    );
    const preflight = groupLines(run.stdout, 'Preflight');
    const error = preflight.find((l) => l.startsWith('::error') && l.includes('DISCONNECTED'));
    expect(error, run.stdout.slice(0, 3000)).toMatch(
      /^::error file=drs-plans\/plan\.yaml,line=\d+,col=\d+::/,
    );
    expect(error?.split(CACHE)).toHaveLength(2);
  }, 60_000);
});
