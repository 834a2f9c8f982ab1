/**
 * The drill history end to end: the bundle (build it first) drills the demo plan three times against
 * the emulator, each run leaving its record on the history branch through the GitHub stub; the third,
 * slowed down, is flagged as a regression and fails with fail-on: regression.
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../emulator/server.js';
import type { HistoryRecord } from '../../src/history/record.js';
import { demoPlanText, demoScenario, explain, runDrill } from './harness.js';

const REPOSITORY = 'acme/dr-plans';
const BRANCH = 'drs-drill-history';
let emulator: Emulator;

beforeAll(async () => {
  const scenario = demoScenario();
  // Fixed phase times: every drill takes the same time until the test slows one down.
  scenario.timings = {
    pending: [5, 5],
    stagger: [0, 0],
    snapshot: [60, 60],
    conversionDelay: [10, 10],
    conversion: [120, 120],
    launchDelay: [5, 5],
    launch: [60, 60],
    jobEnd: [5, 5],
    boot: [90, 90],
    terminate: [30, 30],
  };
  emulator = await startEmulator({ scenario, port: 0, speed: 600, seed: 5 });
});
afterAll(async () => emulator?.close());

const historyInputs = { 'history-branch': BRANCH, 'github-token': 'ghs_drill' };

function records(): { file: string; record: HistoryRecord }[] {
  const files = emulator.github.git.filesOf(REPOSITORY, BRANCH);
  return [...files]
    .filter(([path]) => /^runs\/demo\/[^/]+\.json$/.test(path))
    .map(([file, bytes]) => ({ file, record: JSON.parse(bytes.toString()) as HistoryRecord }))
    .sort((a, b) => a.record.startedAt.localeCompare(b.record.startedAt));
}

describe('drill history through the bundle', () => {
  it('three drills leave three records; the third, slowed, shows the trend, is flagged and fails on regression', async () => {
    const plan = await demoPlanText();
    const drill = (inputs: Record<string, string> = {}) =>
      runDrill({
        emulator,
        plan,
        inputs: { ...historyInputs, ...inputs },
        env: { GITHUB_API_URL: `${emulator.url}/_github/api` },
        timeoutMs: 80_000,
      });
    const first = await drill();
    expect(first.code, explain(first)).toBe(0);
    expect(first.summary).toMatch(/### History\n\nLast 1 of 1 recorded run of this plan/);
    const second = await drill({ 'fail-on': 'regression' });
    expect(second.code, explain(second)).toBe(0);

    // The third drill's conversions take five times as long.
    emulator.state.scenario.timings.conversion = [600, 600];
    const third = await drill({ 'fail-on': 'regression,objectives' });
    expect(third.code, explain(third)).toBe(1);
    expect(third.outputs.status).toBe('failed');
    // Workflow commands escape `%` as %25 and `:` in properties as %3A.
    expect(third.stdout).toMatch(
      /::warning title=RTO regression%3A demo::RTO regression: .* %25 above the median .* of the previous 2 runs \(threshold 25 %25\)\./,
    );
    expect(third.stdout).toMatch(/::error::Drill failed: fail-on regression: RTO regression/);
    expect(third.report?.status).toBe('failed');
    expect(third.report?.errors[0]).toMatch(/^fail-on regression: /);

    const kept = records();
    expect(kept).toHaveLength(3);
    expect(kept.map((r) => [r.record.status, r.record.recovered, r.record.failedOn])).toEqual([
      ['succeeded', true, undefined],
      ['succeeded', true, undefined],
      ['failed', true, ['regression']],
    ]);
    const [a, b, c] = kept.map((r) => r.record.rto.seconds ?? 0);
    // Equal phases give nearly equal RTOs (health checks are seen when the poller looks).
    expect(Math.abs((a ?? 0) - (b ?? 0))).toBeLessThan((a ?? 0) * 0.1);
    expect(c).toBeGreaterThan(Math.max(a ?? 0, b ?? 0) * 1.25);
    // The record holds the digest of report.json as published, and the report itself.
    const files = emulator.github.git.filesOf(REPOSITORY, BRANCH);
    const last = kept[2]?.record;
    const gz = files.get(last?.report.file ?? '') as Buffer;
    const reportBytes = gunzipSync(gz);
    expect(createHash('sha256').update(reportBytes).digest('hex')).toBe(last?.report.sha256);
    expect(JSON.parse(reportBytes.toString()).executionId).toBe(third.report?.executionId);

    // The third summary: the regression under the headline, the table of three runs, two charts.
    const lines = third.summary.split('\n');
    expect(lines[0]).toMatch(/^## ❌ Drill failed — demo/);
    expect(lines[2]).toMatch(/^> 📈 \*\*RTO regression/);
    expect(third.summary).toMatch(
      /### History\n\nLast 3 of 3 recorded runs of this plan \(branch <code>drs-drill-history<\/code>\)\./,
    );
    const rows = lines.filter((l) => /^\| \d{4}-\d{2}-\d{2} /.test(l));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/❌ failed <sub>📈 regression · fail-on regression<\/sub>/);
    expect(third.summary.match(/```mermaid\nxychart-beta/g)).toHaveLength(2);
    // The predicate to attest sits beside report.json.
    expect(third.stdout).not.toMatch(/Could not write drill-predicate/);
  }, 240_000);
});
