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

describe('waveInstances', () => {
  it('maps wave → source server → EC2 instance and private IP, leaving out servers with no instance', async () => {
    const { waveInstances } = await import('../../../src/modes/publish.js');
    const server = (id: string, extra: object) => ({
      sourceServerId: id,
      critical: true,
      health: 'passed',
      phases: [],
      errors: [],
      ...extra,
    });
    const report = {
      waves: [
        {
          name: 'data',
          servers: [
            server('s-1', { ec2InstanceId: 'i-1', launched: { privateIp: '10.0.1.5' } }),
            server('s-2', { ec2InstanceId: 'i-2' }),
            server('s-3', {}),
          ],
        },
        { name: 'web', servers: [server('s-4', {})] },
      ],
    } as unknown as Parameters<typeof waveInstances>[0];
    expect(waveInstances(report)).toEqual({
      data: { 's-1': { ec2InstanceId: 'i-1', privateIp: '10.0.1.5' }, 's-2': { ec2InstanceId: 'i-2' } },
    });
  });
});
