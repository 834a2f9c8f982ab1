import { describe, expect, it } from 'vitest';
import { inputsIgnoredBy, MAX_TIMEOUT_MINUTES, parseAge, readInputs } from '../../src/action-inputs.js';
import { UserError } from '../../src/errors.js';

/** Inputs from a name → value map, as the runner would provide them; absent names read as ''. */
function reader(values: Record<string, string>) {
  return (name: string) => values[name] ?? '';
}

describe('readInputs', () => {
  it('applies the action.yml defaults', () => {
    const inputs = readInputs(reader({ plan: 'drs-plans/payments.yaml' }), '42');
    expect(inputs).toMatchObject({
      mode: 'validate',
      plan: 'drs-plans/payments.yaml',
      roleSessionName: 'drs-drill-42',
      cleanup: 'always',
      timeoutMinutes: 330,
      pollIntervalSeconds: 15,
      reportDir: 'drs-report',
      failOn: 'readiness',
      dryRun: false,
    });
    expect(inputs.region).toBeUndefined();
    expect(inputs.olderThanSeconds).toBeUndefined();
  });

  it('reads every input by its hyphenated name', () => {
    const inputs = readInputs(
      reader({
        mode: 'cleanup',
        plan: 'p.yaml',
        region: 'eu-west-1',
        'role-to-assume': 'arn:aws:iam::123456789012:role/drs-drill',
        'role-session-name': 'my.session@x',
        confirm: 'payments',
        cleanup: 'on-success',
        'timeout-minutes': '60',
        'poll-interval-seconds': '0.25',
        'github-token': 'ghs_x',
        'report-dir': 'out',
        'fail-on': 'errors',
        'older-than': '1h30m',
        'dry-run': 'TRUE',
      }),
      '1',
    );
    expect(inputs).toEqual({
      mode: 'cleanup',
      plan: 'p.yaml',
      region: 'eu-west-1',
      roleToAssume: 'arn:aws:iam::123456789012:role/drs-drill',
      roleSessionName: 'my.session@x',
      confirm: 'payments',
      cleanup: 'on-success',
      timeoutMinutes: 60,
      pollIntervalSeconds: 0.25,
      githubToken: 'ghs_x',
      reportDir: 'out',
      failOn: 'errors',
      olderThanSeconds: 5400,
      dryRun: true,
    });
  });

  it.each([
    [{ mode: 'drll' }, /input mode: "drll" is not one of validate, drill, recovery, cleanup/],
    [{ plan: '' }, /input plan is required/],
    [{ region: 'US East' }, /input region/],
    [{ 'role-to-assume': 'drs-role' }, /not an IAM role ARN/],
    [{ 'role-session-name': 'x' }, /2-64 characters/],
    [{ 'role-session-name': 'has space' }, /2-64 characters/],
    [{ cleanup: 'sometimes' }, /input cleanup/],
    [{ 'timeout-minutes': 'soon' }, /not a positive number/],
    [{ 'timeout-minutes': '-5' }, /not a positive number/],
    [{ 'timeout-minutes': String(MAX_TIMEOUT_MINUTES + 1) }, /above the maximum/],
    [{ 'poll-interval-seconds': '0' }, /not a positive number/],
    [{ 'fail-on': 'warnings' }, /input fail-on/],
    [{ 'older-than': '3 days' }, /not a duration/],
    [{ 'dry-run': 'yes' }, /not true or false/],
    [{ 'report-dir': '../evidence' }, /input report-dir: "..\/evidence" leads outside the workspace/],
    [{ 'report-dir': 'drs/../../evidence' }, /input report-dir: .* leads outside the workspace/],
  ])('rejects %j with a clear message', (override, message) => {
    const values = { plan: 'p.yaml', ...override };
    expect(() => readInputs(reader(values), '1')).toThrow(UserError);
    expect(() => readInputs(reader(values), '1')).toThrow(message);
  });
});

describe('parseAge', () => {
  it.each([
    ['90', 90],
    ['90s', 90],
    ['15m', 900],
    ['1h30m', 5400],
    ['2d', 172800],
    ['1d2h3m4s', 93784],
  ])('%s → %d s', (text, seconds) => {
    expect(parseAge('older-than', text)).toBe(seconds);
  });

  it('rejects text that is not a duration', () => {
    expect(() => parseAge('older-than', 'm')).toThrow(/not a duration/);
    expect(() => parseAge('older-than', '')).toThrow(/not a duration/);
  });
});

describe('inputsIgnoredBy', () => {
  it('names inputs set away from their default that the mode does not use', () => {
    const get = reader({
      plan: 'p.yaml',
      'older-than': '12h',
      confirm: 'payments',
      cleanup: 'never',
      'fail-on': 'errors',
    });
    expect(inputsIgnoredBy('drill', get)).toEqual([
      'input confirm applies to mode recovery only; ignored in mode drill.',
      'input older-than applies to mode cleanup only; ignored in mode drill.',
      'input fail-on applies to mode validate only; ignored in mode drill.',
    ]);
    expect(inputsIgnoredBy('recovery', get)).toContain(
      'input cleanup applies to mode drill only; ignored in mode recovery.',
    );
  });

  it('stays quiet for defaults and for inputs the mode uses', () => {
    const defaults = reader({
      plan: 'p.yaml',
      cleanup: 'always',
      'dry-run': 'false',
      'fail-on': 'readiness',
    });
    expect(inputsIgnoredBy('validate', defaults)).toEqual([]);
    expect(inputsIgnoredBy('cleanup', reader({ 'older-than': '1d', 'dry-run': 'true' }))).toEqual([]);
  });
});
