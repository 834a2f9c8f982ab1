import { describe, expect, it } from 'vitest';
import planSchema from '../../../schemas/plan.schema.json' with { type: 'json' };
import { DURATION_PATTERN, parseDuration } from '../../../src/core/durations.js';
import { didYouMean, levenshtein, suggest } from '../../../src/plan/suggest.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90],
    ['15m', 900],
    ['1h', 3600],
    ['1h30m', 5400],
    ['1h30m15s', 5415],
    ['2m30s', 150],
    ['0s', 0],
    ['600', 600],
    [600, 600],
    [0, 0],
  ])('%s -> %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', 'h', '30x', '1.5m', '-5', '30m1h', '1 h', '1d', 'm5'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects the number %d', (n) => {
    expect(parseDuration(n)).toBeUndefined();
  });

  it('admits leading whole days only where asked (inputs like max-age), never in plans', () => {
    expect(parseDuration('2d', { days: true })).toBe(172_800);
    expect(parseDuration('1d12h', { days: true })).toBe(129_600);
    expect(parseDuration('1d90s', { days: true })).toBe(86_490);
    expect(parseDuration('90s', { days: true })).toBe(90);
    for (const t of ['d', '1d1d', '1.5d', 'x1d', '1dx'])
      expect(parseDuration(t, { days: true })).toBeUndefined();
    expect(parseDuration('2d')).toBeUndefined();
  });

  it('uses the same grammar as the schema', () => {
    expect(planSchema.$defs.duration.pattern).toBe(DURATION_PATTERN);
    const re = new RegExp(DURATION_PATTERN);
    for (const t of ['90s', '1h30m', '600']) expect(re.test(t)).toBe(true);
    for (const t of ['', '30x', '30m1h']) expect(re.test(t)).toBe(false);
  });
});

describe('did-you-mean', () => {
  it('computes edit distances', () => {
    expect(levenshtein('dta', 'data')).toBe(1);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
  });

  it('suggests close names, ignoring case, and nothing for far ones', () => {
    expect(suggest('hostnme', ['id', 'hostname', 'tags'])).toBe('hostname');
    expect(suggest('DependsOn', ['dependsOn', 'servers'])).toBe('dependsOn');
    expect(suggest('zzzzzz', ['dependsOn', 'servers'])).toBeUndefined();
    expect(didYouMean('dta', ['data', 'app'])).toBe(' (did you mean "data"?)');
    expect(didYouMean('web', ['data', 'app'])).toBe('');
  });
});
