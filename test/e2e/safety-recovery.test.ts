import { describe, expect, it } from 'vitest';
import { demoEmulatorPerFile, ofOperation, readReport, runOnDemo, writesOf } from './harness.js';

const emulator = demoEmulatorPerFile(3);

describe('recovery guard', () => {
  const refusals: [string, Record<string, string>, string, RegExp][] = [
    ['without confirm', {}, 'workflow_dispatch', /set the input confirm to the plan's name "demo"/],
    ['with a wrong confirm', { confirm: 'payments' }, 'workflow_dispatch', /\(got "payments"\)/],
    ['on a schedule', { confirm: 'demo' }, 'schedule', /not from "schedule"/],
    ['on a pull request', { confirm: 'demo' }, 'pull_request', /not from "pull_request"/],
  ];
  it.each(refusals)('is refused %s, before any AWS call', async (_name, inputs, eventName, message) => {
    const result = await runOnDemo(emulator(), { mode: 'recovery', ...inputs }, { eventName });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(message);
    expect(result.stdout).toContain('::error::');
    expect(result.stdout).not.toMatch(/\n\s+at /); // no stack trace
    expect(emulator().calls).toEqual([]);
    expect(writesOf(emulator().calls)).toEqual([]);
  });

  it('runs when confirmed from workflow_dispatch: isDrill false, RECOVERY in the first line, no cleanup', async () => {
    const result = await runOnDemo(emulator(), { mode: 'recovery', confirm: 'demo', cleanup: 'always' });
    expect(result.code, result.stdout).toBe(0);
    expect(result.outputs.status).toBe('succeeded');
    expect(result.summary.split('\n')[0]).toMatch(/^## ✅ RECOVERY succeeded — demo/);

    const starts = ofOperation(emulator().calls, 'StartRecovery');
    expect(starts.length).toBe(4); // one job per wave
    for (const call of starts) {
      const request = call.request as { isDrill: boolean; tags: Record<string, string> };
      expect(request.isDrill).toBe(false);
      expect(request.tags['drs-drill:mode']).toBe('recovery');
    }
    expect(emulator().calls.filter((c) => c.operation === 'TerminateRecoveryInstances')).toEqual([]);
    const report = await readReport(result);
    expect(report.mode).toBe('recovery');
    expect(report.isDrill).toBe(false);
    expect(report.cleanup).toBeUndefined();
    // Nothing saved for the post step to clean up after a finished recovery.
    expect(JSON.parse(result.state['drs-run'] ?? '{}')).toMatchObject({ mode: 'recovery', finished: true });
  });
});
