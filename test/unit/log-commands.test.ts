/**
 * No workflow-command injection: strings from AWS, GitHub or a plan (a hostname, a DRS rawError, a
 * file name) go through every logging path of the action and of the CLI, and the runner could find
 * no command in stdout but the ones the action means to issue.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main as cliMain } from '../../src/cli.js';
import { engineLog } from '../../src/engine/log.js';
import { coreIO } from '../../src/main.js';

const HOSTILE = [
  'db-01.corp\n::error title=pwned::injected',
  'snapshot failed\r::add-mask::ghs_refreshed_token',
  'conversion failed\r\n::stop-commands::pause-all-commands',
  'tab\n\t  ::warning::indented',
  'legacy ##[stop-commands]pause in the middle',
  '::error::at the very start',
  'no line break, %0A::error::encoded',
];

/** The lines of `out` the runner would run as commands: `::name` after leading whitespace, or `##[name]` anywhere. */
function commandsIn(out: string): string[] {
  return out.split(/\r\n|\r|\n/).flatMap((line) => {
    const v2 = /^\s*::([\w-]+)/.exec(line);
    if (v2) return [v2[1]!];
    const v1 = /##\[([\w-]+)/.exec(line);
    return v1 ? [`##[${v1[1]}]`] : [];
  });
}

describe('the action log (coreIO)', () => {
  let out = '';
  beforeEach(() => {
    out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('prints hostile text through info, annotations, debug and groups without a command of its own', async () => {
    const io = coreIO();
    const log = engineLog(io);
    for (const text of HOSTILE) {
      io.info(text);
      log.info(`Wave data: ${text}`);
      io.warning(text, { file: text, line: 1, col: 1, title: text });
      log.warning(text);
      io.error(text, { title: text });
      io.notice(text);
      io.debug(text);
      await io.group(text, async () => log.error(text));
    }
    const perString = ['warning', 'warning', 'error', 'notice', 'debug', 'group', 'error', 'endgroup'];
    expect(commandsIn(out)).toEqual(HOSTILE.flatMap(() => perString));
    // Nothing is lost: each hostile line still reads in the log.
    expect(out).toContain(': :stop-commands::pause-all-commands');
    expect(out).toContain('legacy ## [stop-commands]pause');
  });
});

describe('the CLI', () => {
  it('prints hostile file names and arguments without a command of their own', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'cli-commands-'));
    await mkdir(join(cwd, 'drs-plans'));
    await writeFile(join(cwd, 'drs-plans', 'a\n::add-mask::x ##[stop-commands]y.yaml'), 'version: 2\n');
    let out = '';
    let err = '';
    const io = {
      stdout: { write: (t: string) => (out += t) },
      stderr: { write: (t: string) => (err += t) },
      cwd,
    };
    expect(await cliMain(['validate', 'drs-plans/*.yaml'], io)).toBe(1);
    expect(await cliMain(['validate', 'none\n::error::x/*.yaml'], io)).toBe(1);
    expect(out).toContain('a\n: :add-mask::x ## [stop-commands]y.yaml:1:1');
    expect(commandsIn(out)).toEqual([]);
    expect(err).toContain('no plan file matches');
    expect(commandsIn(err)).toEqual([]);
  });
});
