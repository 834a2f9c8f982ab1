/**
 * How the action's costs grow with the estate: the `large` plan shape (five chained waves selected by
 * tag, bench/plans.ts) at several sizes on the emulator's generated estate, the action alone (no
 * anchors' scheme beside it). Per size: overhead ratio, API calls per server, DescribeJobs per tick,
 * spawn → first StartRecovery and peak RSS, one run each.
 */
import { largePlan } from './plans.js';
import { runScenario, type ScenarioSettings } from './scenario.js';
import { ratio } from './stats.js';

export interface ScaleRow {
  servers: number;
  overheadRatio: number;
  callsPerServer: number;
  describeJobsPerTick: number;
  toFirstStartRecoveryMs: number;
  peakRssMb: number;
  wallMs: number;
  calls: Record<string, number>;
}

export const FULL_SCALE = [10, 100, 500, 1000, 2000];
export const QUICK_SCALE = [10];

export async function runScale(
  sizes: readonly number[],
  settings: Omit<ScenarioSettings, 'anchors'>,
  progress: (line: string) => void,
): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  for (const servers of sizes) {
    const t0 = Date.now();
    const run = await runScenario(largePlan(servers), { ...settings, anchors: false });
    const o = run.ours;
    rows.push({
      servers,
      overheadRatio: o.overheadRatio,
      callsPerServer: ratio(o.totalCalls, servers),
      describeJobsPerTick: o.describeJobsPerTickMax,
      toFirstStartRecoveryMs: o.toFirstStartRecoveryMs,
      peakRssMb: o.peakRssMb ?? Number.NaN,
      wallMs: o.wallMs,
      calls: o.calls,
    });
    progress(
      `scale ${servers}: ratio ${o.overheadRatio.toFixed(3)}, first StartRecovery ${o.toFirstStartRecoveryMs} ms, ` +
        `peak RSS ${(o.peakRssMb ?? Number.NaN).toFixed(0)} MB (${((Date.now() - t0) / 1000).toFixed(0)} s)`,
    );
  }
  return rows;
}

/**
 * Peak RSS growth per server in KB: the least-squares slope of peak RSS over server count, from the
 * sizes of at least 100 servers (below that the fixed cost of loading dominates and noise with it).
 */
export function rssPerServerKb(rows: readonly ScaleRow[]): number {
  const pts = rows.filter((r) => r.servers >= 100 && Number.isFinite(r.peakRssMb));
  if (pts.length < 2) return Number.NaN;
  const mx = pts.reduce((a, r) => a + r.servers, 0) / pts.length;
  const my = pts.reduce((a, r) => a + r.peakRssMb, 0) / pts.length;
  const num = pts.reduce((a, r) => a + (r.servers - mx) * (r.peakRssMb - my), 0);
  const den = pts.reduce((a, r) => a + (r.servers - mx) ** 2, 0);
  return den > 0 ? (num / den) * 1024 : Number.NaN;
}
