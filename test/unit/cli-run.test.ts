import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/action-inputs.js';
import { UsageError } from '../../src/cli-io.js';
import { flagsToInputs, terminalRunEnvironment } from '../../src/cli-run.js';
import { checkRecoveryGuard } from '../../src/modes/drill-setup.js';
import type { Plan } from '../../src/plan/types.js';

const read = (values: Record<string, string>) => readInputs((n) => values[n] ?? '', '1');

describe('break-glass flags', () => {
  it('map to the action inputs of the same names, read by the same readInputs', () => {
    const values = flagsToInputs('recovery', [
      'drs-plans/payments.yaml',
      '--region',
      'eu-west-1',
      '--confirm=payments',
      '--exclude',
      's-1111111111111111a',
      '--exclude=db-01',
      '--point-in-time',
      '2026-03-01T04:00:00Z',
      '--replace-recovery-instances',
      '--role-to-assume',
      'arn:aws:iam::123456789012:role/drs-break-glass',
      '--verbose',
    ]);
    expect(read(values)).toMatchObject({
      mode: 'recovery',
      plan: 'drs-plans/payments.yaml',
      region: 'eu-west-1',
      confirm: 'payments',
      exclude: ['s-1111111111111111a', 'db-01'],
      pointInTime: '2026-03-01T04:00:00.000Z',
      replaceRecoveryInstances: true,
      roleToAssume: 'arn:aws:iam::123456789012:role/drs-break-glass',
      reportDir: 'drs-report',
      cleanup: 'always',
      timeoutMinutes: 330,
    });
    // No history from a terminal: it is written through GitHub, which is what is down.
    expect(read(values).historyBranch).toBeUndefined();
    expect(read(flagsToInputs('drill', ['p.yaml', '--dry-run', '--cleanup', 'never']))).toMatchObject({
      mode: 'drill',
      dryRun: true,
      cleanup: 'never',
    });
  });

  it('refuses unknown flags, a flag without its value, and anything but one plan', () => {
    expect(() => flagsToInputs('drill', ['p.yaml', '--regoin', 'x'])).toThrow(
      new UsageError('unknown option --regoin'),
    );
    expect(() => flagsToInputs('drill', ['p.yaml', '--region'])).toThrow('--region needs a value');
    expect(() => flagsToInputs('drill', [])).toThrow('drill takes exactly one plan file');
    expect(() => flagsToInputs('cleanup', ['a.yaml', 'b.yaml'])).toThrow(
      'cleanup takes exactly one plan file',
    );
  });

  it('bad values fail as the action’s inputs do', () => {
    expect(() => read(flagsToInputs('drill', ['p.yaml', '--cleanup', 'sometimes']))).toThrow(/input cleanup/);
    expect(() => read(flagsToInputs('drill', ['p.yaml', '--point-in-time', 'yesterday']))).toThrow(
      /input point-in-time/,
    );
  });
});

describe('the recovery guard from a terminal', () => {
  const plan = { name: 'payments' } as Plan;
  it('needs --confirm with the plan name; the terminal counts as a manual trigger', () => {
    const runEnv = terminalRunEnvironment('/tmp', 1_000);
    expect(runEnv).toMatchObject({
      eventName: 'terminal',
      runId: '1000',
      workspace: '/tmp',
      onGitHub: false,
    });
    expect(() => checkRecoveryGuard({ confirm: 'payments' }, plan, runEnv.eventName)).not.toThrow();
    expect(() => checkRecoveryGuard({}, plan, runEnv.eventName)).toThrow(
      /confirm to the plan's name "payments"/,
    );
  });
});
