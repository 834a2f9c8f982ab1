/* Evidence that never says something false: what a summary claims after runs that did not get far. */
import { describe, expect, it } from 'vitest';
import { finalizeReport } from '../../../src/report/build.js';
import { renderReportMarkdown } from '../../../src/report/markdown.js';
import { renderValidationSummary } from '../../../src/report/validation-md.js';
import { at, baseReport } from './fixtures.js';

/** What the drill mode publishes when the preflight stops the run: no wave, no job, errors. */
function preflightFailure() {
  const report = baseReport();
  report.errors.push(
    'Preflight: wave data: Source server s-1111111111111111a (db-01): replication state is STALLED, not CONTINUOUS',
    'Nothing was started: fix the preflight problems above and run again.',
  );
  return finalizeReport(report, at(20), 'failed');
}

describe('after a preflight failure', () => {
  const report = preflightFailure();
  const md = renderReportMarkdown(report);

  it('says nothing was launched instead of 0/0 servers or a critical server that never got healthy', () => {
    expect(md).toContain(
      '**Nothing was launched**: no recovery was started, so RTO and RPO were not measured',
    );
    expect(md).not.toContain('0/0');
    expect(md).not.toContain('not every critical server became healthy');
    expect(md).not.toContain('RPO** worst');
  });

  it('does not judge an RTO that was never measured', () => {
    expect(report.measured.rtoMet).toBeUndefined();
    expect(report.measured.rtoSeconds).toBeUndefined();
  });

  it('says the launch-configuration repair did not run, not that every setting matched', () => {
    expect(md).not.toContain('already matched');
    expect(md).toContain(
      'Not run: the preflight failed, so the repair did not run and no launch setting was written.',
    );
    expect(md).toContain('Nothing to clean up: no recovery was started.');
  });

  it('leads with what failed', () => {
    expect(md.split('\n')[0]).toBe('## ❌ Drill failed — demo');
    expect(md.indexOf('### What failed')).toBeLessThan(md.indexOf('### Launch-configuration changes'));
  });
});

describe('a run that stopped before the repair for another reason', () => {
  it('claims no match it did not check', () => {
    const report = baseReport();
    report.errors.push('Another execution of plan demo is running: acme/dr/99 has active DRS jobs.');
    const md = renderReportMarkdown(finalizeReport(report, at(5), 'failed'));
    expect(md).toContain('None written: the run stopped before the repair finished');
    expect(md).not.toContain('already matched');
  });
});

describe('a dry run', () => {
  it('is headed as a dry run, and its summary says nothing was written or launched', () => {
    const report = { ...finalizeReport(baseReport(), at(20), 'succeeded'), dryRun: true };
    const md = renderReportMarkdown(report);
    expect(md.split('\n')[0]).toBe('## ✅ Drill dry run passed — demo');
    expect(md).toContain(
      '**Dry run**: preflight only; no launch setting was written and nothing was launched',
    );
    expect(md).toContain(
      'None: every launch setting already matches the plan (dry run: nothing would be written).',
    );
  });

  it('of a cleanup is headed as one too', () => {
    const report = { ...baseReport(), mode: 'cleanup' as const, dryRun: true };
    report.cleanup = { policy: 'p', status: 'dry-run', terminateJobIds: [], instances: [] };
    expect(renderReportMarkdown(finalizeReport(report, at(5), 'succeeded')).split('\n')[0]).toBe(
      '## ✅ Cleanup dry run succeeded — demo',
    );
  });
});

describe('the validation summary under a review', () => {
  it('leaves its own headline out, so the pull-request summary has one', () => {
    const results = [{ file: 'drs-plans/demo.yaml', diagnostics: [] }];
    expect(renderValidationSummary(results)).toMatch(/^## /);
    expect(renderValidationSummary(results, { headline: false })).not.toMatch(/^## /m);
  });
});
