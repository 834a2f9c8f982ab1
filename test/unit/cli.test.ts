import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CliIo, COMMANDS, main } from '../../src/cli.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    cwd: repo,
  };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('drs-drill validate', () => {
  it('exits 0 and says so for a valid plan', async () => {
    const r = await run('validate', 'test/fixtures/plans/cli/valid.yaml');
    expect(r).toEqual({ code: 0, out: '1 plan file valid\n', err: '' });
  });

  it('prints file:line:col: message for each error and exits 1', async () => {
    const r = await run('validate', 'test/fixtures/plans/cli/invalid.yaml');
    expect(r.code).toBe(1);
    expect(r.out.split('\n')).toEqual([
      'test/fixtures/plans/cli/invalid.yaml:7:9: waves[0].servers[0]: unknown key "hostnme" (did you mean "hostname"?)',
      'test/fixtures/plans/cli/invalid.yaml:9:17: waves[1].dependsOn[0]: unknown wave "dta" (did you mean "data"?)',
      '2 errors in 1 file (1 plan file checked)',
      '',
    ]);
    expect(r.err).toBe('');
  });

  it('exits 0 with warnings, printing them', async () => {
    const r = await run('validate', 'test/fixtures/plans/cli/warning.yaml');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      'test/fixtures/plans/cli/warning.yaml:9:23: warning: waves[1].dependsOn[1]: wave "data" is listed twice\n1 plan file valid (1 warning)\n',
    );
  });

  it('expands globs and totals across files', async () => {
    const r = await run('validate', 'test/fixtures/plans/cli/*.yaml', 'examples/plans/demo.yaml');
    expect(r.code).toBe(1);
    expect(r.out.trim().split('\n').at(-1)).toBe('2 errors, 1 warning in 1 file (4 plan files checked)');
  });

  it('writes GitHub annotations with --format github', async () => {
    const r = await run('validate', '--format', 'github', 'test/fixtures/plans/cli/invalid.yaml');
    expect(r.out.split('\n')[0]).toBe(
      '::error file=test/fixtures/plans/cli/invalid.yaml,line=7,col=9,title=drs plan::waves[0].servers[0]: unknown key "hostnme" (did you mean "hostname"?)',
    );
  });

  it('reports a missing file as an error of that file', async () => {
    const r = await run('validate', 'drs-plans/missing.yaml');
    expect(r.code).toBe(1);
    expect(r.out).toContain('drs-plans/missing.yaml:1:1: file not found\n');
  });

  it('exits 1 with a clear message when a glob matches nothing', async () => {
    const r = await run('validate', 'nowhere/**/*.yaml');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^drs-drill validate: no plan file matches "nowhere\/\*\*\/\*\.yaml" \(searched from .+\)\n$/,
    );
  });
});

describe('usage', () => {
  it('exits 2 without a command, listing the commands on stderr', async () => {
    const r = await run();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/validate\s+check plan files offline/);
  });

  it('exits 2 on an unknown command', async () => {
    const r = await run('drll');
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command "drll"');
  });

  it('exits 2 when validate gets no files or an unknown option', async () => {
    expect((await run('validate')).code).toBe(2);
    const r = await run('validate', '--strict', 'x.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown option --strict');
    expect((await run('validate', '--format', 'xml', 'x.yaml')).code).toBe(2);
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-v'])
      expect(await run(flag)).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
  });

  it('--help lists exactly the commands that exist and promises nothing else', async () => {
    const { out } = await run('--help');
    const listed = out
      .slice(out.indexOf('Commands:'), out.indexOf('Options:'))
      .split('\n')
      .slice(1)
      .filter((l) => l.trim() !== '')
      .map((l) => l.trim().split(/\s+/)[0]);
    expect(listed).toEqual(COMMANDS.map((c) => c.name));
    // Drills run through the action; the help must not say the terminal runs them unless a command does.
    if (!COMMANDS.some((c) => c.name === 'drill'))
      expect(out).not.toMatch(/runs? .*drills? .*from a terminal/i);
    expect(out).toContain('--version');
  });

  it('prints help with exit 0', async () => {
    const general = await run('--help');
    expect(general.code).toBe(0);
    expect(general.out).toContain('Usage: drs-drill <command>');
    const validate = await run('validate', '--help');
    expect(validate.code).toBe(0);
    expect(validate.out).toContain('Usage: drs-drill validate');
  });
});
