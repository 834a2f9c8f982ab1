import { describe, expect, it } from 'vitest';
import planSchema from '../../../schemas/plan.schema.json' with { type: 'json' };
import { isValidName, NAME_PATTERNS } from '../../../src/core/names.js';

describe('one pattern per kind of name', () => {
  it('is the plan schema’s pattern for region and account id', () => {
    expect(planSchema.properties.region.pattern).toBe(NAME_PATTERNS.region.source);
    expect(planSchema.properties.accountId.pattern).toBe(NAME_PATTERNS.accountId.source);
  });

  it.each([
    [
      'region',
      ['us-east-1', 'eu-central-2', 'us-gov-west-1', 'us-isob-east-1', 'cn-north-1', 'ap-southeast-5'],
    ],
    ['accountId', ['111122223333', '000000000000']],
    [
      'roleArn',
      ['arn:aws:iam::111122223333:role/drs-drill', 'arn:aws-us-gov:iam::111122223333:role/path/to/r+=,.@-_'],
    ],
    ['roleSessionName', ['ab', 'drs-drill-12345', `x${'y'.repeat(63)}`]],
    ['repository', ['octo/repo', 'my.org/repo-name_2']],
  ] as const)('accepts good %s values', (kind, values) => {
    for (const v of values) expect(isValidName(kind, v)).toBe(true);
  });

  it.each([
    ['region', ['', 'US-EAST-1', 'us east 1', 'us_east_1', 'local', 'us-east-1a', 'us-east-100']],
    ['accountId', ['11112222333', '1111222233334', '1111-2222-3333']],
    [
      'roleArn',
      [
        'arn:aws:iam::111122223333:user/bob',
        'arn:aws:iam::11112222333:role/x',
        'arn:aws:iam::111122223333:role/',
        'arn:aws:iam::111122223333:role/has space',
      ],
    ],
    ['roleSessionName', ['a', 'x'.repeat(65), 'has space', 'slash/no']],
    ['repository', ['octo', 'octo/repo/extra', 'octo/re po']],
  ] as const)('refuses bad %s values', (kind, values) => {
    for (const v of values) expect(isValidName(kind, v)).toBe(false);
  });
});
