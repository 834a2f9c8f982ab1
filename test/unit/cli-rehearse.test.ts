import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { UsageError } from '../../src/cli-io.js';
import { parseCommandFile, parseRehearseArgs } from '../../src/rehearse.js';

function collect(): { io: Parameters<typeof main>[1]; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: (t: string) => (err += t) },
      cwd: '/',
    },
    out: () => out,
    err: () => err,
  };
}

describe('drs-drill rehearse arguments', () => {
  it('reads the plan, repeated --fail, --throttle, --scenario and --speed', () => {
    const opts = parseRehearseArgs([
      'p.yaml',
      '--fail',
      'db-01',
      '--fail',
      's-1',
      '--throttle',
      '0.2',
      '--scenario',
      's.yaml',
      '--speed',
      '60',
    ]);
    expect(opts).toEqual({
      plan: 'p.yaml',
      fail: ['db-01', 's-1'],
      throttle: 0.2,
      scenario: 's.yaml',
      speed: 60,
    });
    expect(parseRehearseArgs(['p.yaml'])).toEqual({ plan: 'p.yaml', fail: [], speed: 600 });
  });

  it.each([
    [[], 'rehearse needs a plan file'],
    [['a.yaml', 'b.yaml'], 'rehearse takes one plan'],
    [['a.yaml', '--throttle', '1.5'], '--throttle is a fraction of requests, 0 to 1'],
    [['a.yaml', '--throttle', 'x'], '--throttle is a fraction of requests, 0 to 1'],
    [['a.yaml', '--speed', '0'], '--speed is a positive number'],
    [['a.yaml', '--fail'], '--fail needs a value'],
    [['a.yaml', '--region', 'eu-west-1'], 'unknown option --region'],
  ])('%j is a usage error: %s', (args, message) => {
    expect(() => parseRehearseArgs(args)).toThrow(new UsageError(message));
  });

  it('a usage error through the CLI exits 2 with the command help, starting nothing', async () => {
    const c = collect();
    expect(await main(['rehearse', 'a.yaml', '--throttle', '2'], c.io)).toBe(2);
    expect(c.err()).toContain('drs-drill rehearse: --throttle is a fraction');
    expect(c.err()).toContain('Usage: drs-drill rehearse <plan>');
    expect(c.out()).toBe('');
  });

  it('--help lists rehearse and rehearse --help shows its options', async () => {
    const c = collect();
    expect(await main(['--help'], c.io)).toBe(0);
    expect(c.out()).toMatch(/\n {2}rehearse {2,}rehearse a drill of the plan offline/);
    expect(await main(['rehearse', '--help'], c.io)).toBe(0);
    expect(c.out()).toContain('--fail <server>');
  });

  it('reads the outputs the action wrote, heredocs included', () => {
    expect(parseCommandFile('status=failed\nsummary<<EOF\na\nb\nEOF\n')).toEqual({
      status: 'failed',
      summary: 'a\nb',
    });
  });
});
