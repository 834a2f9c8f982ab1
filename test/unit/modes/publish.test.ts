import { access, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ActionIO } from '../../../src/io.js';
import { newRunReport, publishReport } from '../../../src/modes/publish.js';
import { loadPlanFile } from '../../../src/plan/load.js';
import { readRunEnvironment } from '../../../src/run-env.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const quietIO: ActionIO = {
  info: () => {},
  notice: () => {},
  warning: () => {},
  error: () => {},
  debug: () => {},
  group: (_name, fn) => fn(),
  setOutput: () => {},
  setSecret: () => {},
  saveState: () => {},
  getState: () => '',
  writeSummary: async () => {},
};

describe('publishReport', () => {
  it('writes to an absolute report-dir as given, not below the workspace', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'publish-ws-'));
    const reportDir = join(await mkdtemp(join(tmpdir(), 'runner-temp-')), 'drs');
    const { plan } = await loadPlanFile('examples/plans/demo.yaml', { cwd: REPO_ROOT });
    if (!plan) throw new Error('the demo plan does not load');
    const run = readRunEnvironment({ GITHUB_WORKSPACE: workspace }, workspace);
    const report = newRunReport('drill', plan, run, {
      region: 'us-east-1',
      accountId: '111122223333',
      isDrill: true,
      startMs: Date.parse('2026-01-01T00:00:00Z'),
    });
    const { jsonPath } = await publishReport(quietIO, report, { reportDir, mode: 'drill' }, run, {});
    expect(jsonPath).toBe(join(reportDir, 'report.json'));
    await access(jsonPath);
  });
});
