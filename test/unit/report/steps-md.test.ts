import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/report.js';
import { renderReportMarkdown } from '../../../src/report/markdown.js';
import { renderSteps } from '../../../src/report/steps-md.js';
import { successReport } from './fixtures.js';

function withSteps(): Report {
  const report = successReport();
  report.waves[0]!.step = 'data';
  for (const w of report.waves.slice(1)) w.step = 'gated';
  report.steps = [
    {
      name: 'data',
      waves: ['data'],
      earlier: true,
      startedAt: '2024-05-01T10:00:00.000Z',
      activeSeconds: 420,
    },
    {
      name: 'gated',
      waves: ['app', 'cache', 'web'],
      startedAt: '2024-05-01T11:00:00.000Z',
      activeSeconds: 920,
    },
  ];
  report.measured = { ...report.measured, rtoSeconds: 1340, rtoWallClockSeconds: 4920 };
  return report;
}

describe('the steps section', () => {
  it('is absent for a run of the whole plan in one step', () => {
    expect(renderSteps(successReport())).toBe('');
  });

  it('names the job of each step, its waves and active time, and the wait left out of the RTO', () => {
    const md = renderSteps(withSteps());
    expect(md).toContain('### Steps');
    expect(md).toContain('| data (earlier job, read from DRS) | data | 2024-05-01T10:00:00.000Z | 7m 00s |');
    expect(md).toContain('| gated | app, cache, web | 2024-05-01T11:00:00.000Z | 15m 20s |');
    expect(md).toContain('Wall-clock span 1h 22m; the 59m 40s between steps (approvals, hooks) is left out.');
    expect(renderReportMarkdown(withSteps())).toContain('### Steps');
  });

  it('says which waves are left and that their instances are kept, or why not', () => {
    const report = withSteps();
    report.wavesRemaining = ['web'];
    report.cleanup = {
      policy: 'always',
      status: 'skipped',
      reason: 'Waves left: web. The drill instances are kept running for the next step of this workflow run',
      terminateJobIds: [],
      instances: [],
    };
    expect(renderSteps(report)).toContain('**Waves left: web** — instances kept running for the next step.');
    report.cleanup = { ...report.cleanup, status: 'succeeded', reason: undefined } as Report['cleanup'];
    expect(renderSteps(report)).toContain("its cleanup covered every job's instances of the execution");
  });
});
