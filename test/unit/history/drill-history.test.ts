import { createHash } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/report.js';
import { DRILL_PREDICATE_TYPE } from '../../../src/history/predicate.js';
import { recordFileName } from '../../../src/history/record.js';
import { appendRecord, readHistory } from '../../../src/history/store.js';
import { publishReport } from '../../../src/modes/publish.js';
import { readRunEnvironment } from '../../../src/run-env.js';
import { successReport } from '../report/fixtures.js';
import { LOC, REPOSITORY, record, recordingIO, type StubServer, startStub } from './helpers.js';

let stub: StubServer;
let n = 0;
let branch = LOC.branch;
beforeAll(async () => {
  stub = await startStub();
});
afterAll(async () => stub.close());
beforeEach(() => {
  branch = `drill-history-${++n}`;
  stub.github.state.git.forbidWrites = false;
});

/** Two earlier drills of `demo` at 1000 s each: the fixture's 1420 s RTO is 42 % slower. */
async function seedTwoRuns() {
  for (const day of [1, 2]) {
    const r = record(day, 1000);
    await appendRecord(
      stub.octokit,
      { ...LOC, branch },
      { file: recordFileName('demo', r.startedAt, r.runId, 1), record: r },
      { sleep: async () => {} },
    );
  }
}

async function publish(report: Report, inputs: Record<string, unknown> = {}) {
  const workspace = await mkdtemp(join(tmpdir(), 'drill-history-'));
  const io = recordingIO();
  const run = readRunEnvironment(
    {
      GITHUB_WORKSPACE: workspace,
      GITHUB_REPOSITORY: REPOSITORY,
      GITHUB_RUN_ID: '7001',
      GITHUB_RUN_ATTEMPT: '1',
    },
    workspace,
  );
  const { jsonPath } = await publishReport(
    io,
    report,
    {
      reportDir: 'out',
      mode: report.mode,
      githubToken: 'ghs_x',
      historyBranch: branch,
      failOn: [],
      regressionThresholdPercent: 25,
      ...inputs,
    },
    run,
    {},
    { octokit: () => stub.octokit, write: { sleep: async () => {} } },
  );
  return { io, jsonPath, dir: join(workspace, 'out') };
}

describe('a drill publishes into its history', () => {
  it('records the run with the digest of report.json and the report itself, and shows the History section', async () => {
    const { io, jsonPath, dir } = await publish(successReport());
    const bytes = await readFile(jsonPath);
    const read = await readHistory(stub.octokit, { ...LOC, branch }, { planName: 'demo' });
    expect(read.records).toHaveLength(1);
    const [stored] = read.records;
    expect(stored?.record).toMatchObject({
      plan: { name: 'demo', sha256: 'a'.repeat(64) },
      runId: '7001',
      status: 'succeeded',
      recovered: true,
      rto: { seconds: 1420, target: 2700, met: true },
      rpo: { seconds: 120, target: 900, met: true, definition: 'request-minus-recovery-point' },
      servers: { count: 5 },
      launched: 5,
      cleanup: { status: 'succeeded', terminated: 5, failed: 0 },
      report: { sha256: createHash('sha256').update(bytes).digest('hex') },
    });
    const files = stub.github.state.git.filesOf(REPOSITORY, branch);
    expect(gunzipSync(files.get(stored?.record.report.file ?? '') as Buffer)).toEqual(bytes);
    expect(io.summaries[0]).toMatch(/### History\n\nLast 1 of 1 recorded run of this plan/);
    // The predicate the workflows attest, beside report.json.
    const predicate = JSON.parse(await readFile(join(dir, 'drill-predicate.json'), 'utf8'));
    expect(predicate).toMatchObject({
      predicateType: DRILL_PREDICATE_TYPE,
      plan: { sha256: 'a'.repeat(64) },
      executionId: 'acme/dr/123456',
      status: 'succeeded',
      rto: { seconds: 1420 },
    });
    expect(predicate.jobIds.length).toBeGreaterThan(0);
    expect(predicate.instances[0]).toMatchObject({
      sourceServerId: expect.any(String),
      ec2InstanceId: expect.any(String),
    });
  });

  it('flags a regression in the headline and the annotations, and fails only with fail-on regression', async () => {
    await seedTwoRuns();
    const warnOnly = await publish(successReport());
    expect(warnOnly.io.warnings).toContainEqual({
      message:
        'RTO regression: 23m 40s is 42 % above the median 16m 40s of the previous 2 runs (threshold 25 %).',
      title: 'RTO regression: demo',
    });
    expect(warnOnly.io.summaries[0]?.split('\n').slice(0, 3).join('\n')).toMatch(
      /^## ✅ Drill passed — demo\n\n> 📈 \*\*RTO regression/,
    );
    expect(JSON.parse(await readFile(warnOnly.jsonPath, 'utf8')).status).toBe('succeeded');

    const failing = await publish(successReport(), { failOn: ['regression'] });
    const report = JSON.parse(await readFile(failing.jsonPath, 'utf8')) as Report;
    expect(report.status).toBe('failed');
    expect(report.errors[0]).toMatch(/^fail-on regression: RTO regression: 23m 40s is 42 %/);
    expect(failing.io.outputs.status).toBe('failed');
    // The same run attempt published twice keeps one record: the later one.
    const ours = (await readHistory(stub.octokit, { ...LOC, branch })).records.filter(
      (r) => r.record.runId === '7001',
    );
    expect(ours).toHaveLength(1);
    const last = ours[0]?.record;
    // The servers came up: the plan is proven, the run failed on its trend.
    expect(last).toMatchObject({
      status: 'failed',
      recovered: true,
      failedOn: ['regression'],
      regression: { percent: 42 },
    });
  });

  it('fails on a missed objective only with fail-on objectives', async () => {
    const slow = successReport();
    slow.objectives.rtoSeconds = 600;
    slow.measured.rtoMet = false;
    const { jsonPath } = await publish(slow, { failOn: ['objectives'] });
    const report = JSON.parse(await readFile(jsonPath, 'utf8')) as Report;
    expect(report.status).toBe('failed');
    expect(report.errors[0]).toBe('fail-on objectives: objective missed (RTO 23m 40s against 10m).');
  });

  it('keeps the verdict and the report when the token may not write the history (403)', async () => {
    stub.github.state.git.forbidWrites = true;
    const { io, jsonPath } = await publish(successReport());
    expect(JSON.parse(await readFile(jsonPath, 'utf8')).status).toBe('succeeded');
    expect(io.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /^This run was not added to the drill history \(branch drill-history-\d+\): the token may not write branch .*contents: write/,
      ),
    );
    expect(io.summaries[0]).toMatch(/> ⚠️ This run is not in the history: the token may not write/);
  });

  it('keeps no history when history-branch is empty, and still writes the predicate', async () => {
    const before = stub.github.state.requests.length;
    const { dir, io } = await publish(successReport(), { historyBranch: undefined, failOn: ['regression'] });
    expect(stub.github.state.requests.length).toBe(before);
    await readFile(join(dir, 'drill-predicate.json'));
    expect(io.warnings.map((w) => w.message)).toContainEqual(
      'fail-on regression needs the drill history, which is not available (history-branch is empty): no regression can be judged.',
    );
  });
});
