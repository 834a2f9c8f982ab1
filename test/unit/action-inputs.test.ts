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
      failOn: ['readiness'],
      regressionThresholdPercent: 25,
      maxAgeSeconds: 35 * 86400,
      dryRun: false,
      exclude: [],
      replaceRecoveryInstances: false,
      waves: [],
      repair: 'apply',
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
        'poll-interval-seconds': '7.5',
        'github-token': 'ghs_x',
        'report-dir': 'out',
        'fail-on': 'errors',
        'older-than': '1h30m',
        'dry-run': 'TRUE',
        exclude: 's-1111111111111111a\n db-01.corp.example , \n',
        waves: 'app, web\n app\n',
        'replace-recovery-instances': 'true',
        'execution-id': 'acme/dr-plans/42',
        'point-in-time': '2026-03-01T05:00:00+01:00',
        repair: 'check',
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
      pollIntervalSeconds: 7.5,
      githubToken: 'ghs_x',
      reportDir: 'out',
      failOn: [],
      regressionThresholdPercent: 25,
      maxAgeSeconds: 35 * 86400,
      olderThanSeconds: 5400,
      dryRun: true,
      exclude: ['s-1111111111111111a', 'db-01.corp.example'],
      waves: ['app', 'web'],
      replaceRecoveryInstances: true,
      repair: 'check',
      executionId: 'acme/dr-plans/42',
      pointInTime: '2026-03-01T04:00:00.000Z',
    });
  });

  it.each([
    [{ mode: 'drll' }, /input mode: "drll" is not one of validate, drill, recovery, cleanup/],
    [{ plan: '' }, /input plan is required/],
    [{ repair: 'fix' }, /input repair: "fix" is not one of apply, check/],
    [{ region: 'US East' }, /input region/],
    [{ 'role-to-assume': 'drs-role' }, /not an IAM role ARN/],
    [{ 'role-session-name': 'x' }, /2-64 characters/],
    [{ 'role-session-name': 'has space' }, /2-64 characters/],
    [{ cleanup: 'sometimes' }, /input cleanup/],
    [{ 'timeout-minutes': 'soon' }, /not a positive number/],
    [{ 'timeout-minutes': '-5' }, /not a positive number/],
    [{ 'timeout-minutes': String(MAX_TIMEOUT_MINUTES + 1) }, /above the maximum/],
    [{ 'poll-interval-seconds': '0' }, /not a positive number/],
    [
      { 'poll-interval-seconds': '0x10' },
      /input poll-interval-seconds: "0x10" is not a positive number like 15 or 2.5/,
    ],
    [
      { 'poll-interval-seconds': '1e3' },
      /input poll-interval-seconds: "1e3" is not a positive number like 15 or 2.5/,
    ],
    [
      { 'poll-interval-seconds': 'Infinity' },
      /input poll-interval-seconds: "Infinity" is not a positive number like 15 or 2.5/,
    ],
    [{ 'poll-interval-seconds': '+20' }, /is not a positive number like 15 or 2.5/],
    [{ 'poll-interval-seconds': '.5' }, /is not a positive number like 15 or 2.5/],
    [{ 'poll-interval-seconds': '1_000' }, /is not a positive number like 15 or 2.5/],
    [
      { 'poll-interval-seconds': '0.000001' },
      /input poll-interval-seconds: 0.000001 is below the minimum of 5/,
    ],
    [{ 'poll-interval-seconds': '4.9' }, /input poll-interval-seconds: 4.9 is below the minimum of 5/],
    [{ 'timeout-minutes': '0x1F' }, /input timeout-minutes: "0x1F" is not a positive number like 15 or 2.5/],
    [{ 'timeout-minutes': '3e1' }, /input timeout-minutes: "3e1" is not a positive number like 15 or 2.5/],
    [{ 'fail-on': 'warnings' }, /input fail-on/],
    [{ 'older-than': '3 days' }, /not a duration/],
    [{ 'dry-run': 'yes' }, /not true or false/],
    [{ 'report-dir': '../evidence' }, /input report-dir: "..\/evidence" leads outside the workspace/],
    [{ 'report-dir': 'drs/../../evidence' }, /input report-dir: .* leads outside the workspace/],
  ])('rejects %j with a clear message', (override, message) => {
    const values = { plan: 'p.yaml', ...override };
    expect(() => readInputs(reader(values), '1', {})).toThrow(UserError);
    expect(() => readInputs(reader(values), '1', {})).toThrow(message);
  });
});

describe('poll-interval-seconds floor', () => {
  const read = (value: string, env: NodeJS.ProcessEnv) =>
    readInputs(reader({ plan: 'p.yaml', 'poll-interval-seconds': value }), '1', env).pollIntervalSeconds;
  const emulator = { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' };

  it('is 5 s against AWS, even when a clock scale is set (it applies to the emulator only)', () => {
    expect(read('5', {})).toBe(5);
    expect(() => read('1', {})).toThrow(/below the minimum of 5/);
    const real = { AWS_ENDPOINT_URL: 'https://drs.us-east-1.amazonaws.com', DRS_DRILL_CLOCK_SCALE: '60' };
    expect(() => read('0.25', real)).toThrow(/below the minimum of 5/);
  });

  it("is 5 simulated seconds on the emulator's scaled clock, as the e2e tests run", () => {
    const scaled = { ...emulator, DRS_DRILL_CLOCK_SCALE: '60' };
    expect(read('15', scaled)).toBe(15);
    expect(() => read('0.25', scaled)).toThrow(/below the minimum of 5/);
  });

  it("goes down to 10 ms on the emulator without a scaled clock (the bench's 15 simulated s at speed 60 and 600)", () => {
    expect(read('0.25', emulator)).toBe(0.25);
    expect(read('0.025', emulator)).toBe(0.025);
    expect(() => read('0.000001', emulator)).toThrow(/below the minimum of 0.01/);
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
      'input fail-on: "errors" applies to mode validate only; ignored in mode drill.',
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

describe('fail-on, history and evidence inputs', () => {
  it('takes fail-on as a comma list per mode, with each mode its default', () => {
    const read = (mode: string, failOn = '') =>
      readInputs(reader({ plan: 'p.yaml', mode, 'fail-on': failOn }), '1').failOn;
    expect(read('validate')).toEqual(['readiness']);
    expect(read('validate', 'errors')).toEqual(['errors']);
    expect(read('drill')).toEqual([]);
    expect(read('drill', 'objectives, Regression')).toEqual(['objectives', 'regression']);
    expect(read('recovery', 'regression\nobjectives')).toEqual(['objectives', 'regression']);
    expect(read('status')).toEqual(['stale']);
    // A value another mode uses is dropped here and warned about by inputsIgnoredBy.
    expect(read('drill', 'regression,readiness')).toEqual(['regression']);
    expect(inputsIgnoredBy('drill', reader({ 'fail-on': 'regression,readiness' }))).toEqual([
      'input fail-on: "readiness" applies to mode validate only; ignored in mode drill.',
    ]);
    expect(inputsIgnoredBy('status', reader({ 'fail-on': 'objectives' }))).toEqual([
      'input fail-on: "objectives" applies to mode drill or recovery only; ignored in mode status.',
    ]);
  });

  it('refuses a fail-on value no mode knows, naming what this mode uses', () => {
    expect(() => readInputs(reader({ plan: 'p.yaml', mode: 'drill', 'fail-on': 'regresion' }), '1')).toThrow(
      /input fail-on: "regresion" is not one of errors, readiness, objectives, regression, stale \(mode drill uses objectives, regression\)/,
    );
  });

  it('reads history-branch (empty: no history), regression-threshold, max-age and retention-days', () => {
    const inputs = readInputs(
      reader({
        plan: 'p.yaml',
        mode: 'status',
        'history-branch': 'audit/drs-history',
        'regression-threshold': '40',
        'max-age': '2d12h',
        'retention-days': '400',
      }),
      '1',
    );
    expect(inputs).toMatchObject({
      historyBranch: 'audit/drs-history',
      regressionThresholdPercent: 40,
      maxAgeSeconds: 2.5 * 86400,
      retentionDays: 400,
    });
    const defaults = readInputs(reader({ plan: 'p.yaml' }), '1');
    expect(defaults.historyBranch).toBeUndefined();
    expect(defaults.retentionDays).toBeUndefined();
  });

  it.each([
    [{ 'history-branch': 'main..x' }, /input history-branch: "main\.\.x" is not a valid branch name/],
    [{ 'history-branch': 'a b' }, /input history-branch: "a b" is not a valid branch name/],
    [{ 'history-branch': '.hidden' }, /not a valid branch name/],
    [{ 'history-branch': 'x.lock' }, /not a valid branch name/],
    [{ 'regression-threshold': '-5' }, /input regression-threshold: "-5" is not a positive number/],
    [{ 'regression-threshold': 'lots' }, /input regression-threshold/],
    [{ 'max-age': 'a month' }, /input max-age: "a month" is not a duration like 90s, 15m, 1h30m or 2d/],
    [{ 'retention-days': '0' }, /input retention-days: "0" is not a whole number of days from 1 to 400/],
    [{ 'retention-days': '7.5' }, /input retention-days/],
    [{ 'retention-days': '401' }, /input retention-days/],
  ])('refuses %o with a clear message', (values, message) => {
    expect(() => readInputs(reader({ plan: 'p.yaml', ...values }), '1')).toThrow(message);
  });
});
