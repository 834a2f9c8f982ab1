/**
 * Workspace confinement: a pull request controls the files of the workspace, symbolic links
 * included. A plan path (literal or glob) must stay inside the workspace, a link must not lead out of
 * it or into .git, and nothing of a refused file reaches a diagnostic.
 */
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandPlanPaths, loadPlanFile, loadPlanText } from '../../../src/plan/load.js';
import { MAX_MESSAGE_CHARS, MAX_QUOTED_CHARS } from '../../../src/plan/quote.js';
import { yaml } from './helpers.js';

/** What actions/checkout leaves in .git/config: the token of the run, base64-encoded. */
const CHECKOUT_SECRET = 'eC1hY2Nlc3MtdG9rZW46Z2hzX2xlYWtlZGxlYWtlZGxlYWtlZA==';
const GIT_CONFIG = `[core]\n\trepositoryformatversion = 0\n[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${CHECKOUT_SECRET}\n`;
const OUTSIDE_SECRET = 'outside-secret-9f8e7d6c';

const PLAN = yaml(
  'version: 1',
  'name: shared',
  'waves:',
  '  - name: a',
  '    servers:',
  '      - id: s-1111111111111111a',
);

let ws = '';
let outside = '';

beforeAll(async () => {
  ws = await mkdtemp(join(tmpdir(), 'confine-ws-'));
  outside = await mkdtemp(join(tmpdir(), 'confine-out-'));
  await mkdir(join(ws, '.git'));
  await mkdir(join(ws, 'drs-plans'));
  await mkdir(join(ws, 'shared'));
  await writeFile(join(ws, '.git', 'config'), GIT_CONFIG);
  await writeFile(join(outside, 'secret.yaml'), `token: ${OUTSIDE_SECRET}\n`);
  await writeFile(join(ws, 'shared', 'plan.yaml'), PLAN);
  await symlink('../.git/config', join(ws, 'drs-plans', 'leak.yaml'));
  await symlink(join(outside, 'secret.yaml'), join(ws, 'drs-plans', 'out.yaml'));
  await symlink('../shared/plan.yaml', join(ws, 'drs-plans', 'linked.yaml'));
  await symlink(outside, join(ws, 'drs-plans', 'outdir'));
});

describe('loadPlanFile confines plan files to the workspace', () => {
  it('refuses a link into .git without reading it', async () => {
    const result = await loadPlanFile('drs-plans/leak.yaml', { cwd: ws });
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ file: 'drs-plans/leak.yaml', line: 1, col: 1, severity: 'error' }),
    ]);
    expect(result.diagnostics[0]?.message).toMatch(/\.git directory; it was not read/);
    expect(JSON.stringify(result)).not.toContain('basic');
  });

  it('refuses a link to a file outside the workspace or through a linked directory, follows one inside', async () => {
    for (const path of ['drs-plans/out.yaml', 'drs-plans/outdir/secret.yaml']) {
      const result = await loadPlanFile(path, { cwd: ws });
      expect(result.diagnostics).toHaveLength(1);
      expect(result.diagnostics[0]?.message).toMatch(/symbolic link that leads outside the workspace/);
      expect(JSON.stringify(result)).not.toContain(OUTSIDE_SECRET);
    }
    const inside = await loadPlanFile('drs-plans/linked.yaml', { cwd: ws });
    expect(inside.diagnostics).toEqual([]);
    expect(inside.plan?.name).toBe('shared');
  });

  it('refuses paths outside the workspace as written, absolute or relative', async () => {
    for (const path of [join(outside, 'secret.yaml'), '../x.yaml', '.git/config']) {
      const result = await loadPlanFile(path, { cwd: ws });
      expect(result.diagnostics).toHaveLength(1);
      expect(result.diagnostics[0]?.message).toMatch(/outside the workspace|\.git directory/);
      expect(JSON.stringify(result)).not.toContain(OUTSIDE_SECRET);
      expect(JSON.stringify(result)).not.toContain('basic');
    }
  });
});

describe('expandPlanPaths refuses paths and globs that search outside the workspace', () => {
  it.each([
    ['/etc/host*'],
    ['/*.yaml'],
    ['../*.yaml'],
    ['drs-plans/../../**/*.yaml'],
    ['.git/*'],
    ['/etc/hosts'],
  ])('%s', async (pattern) => {
    await expect(expandPlanPaths(pattern, ws)).rejects.toThrow(/outside the workspace|\.git directory/);
  });
});

describe('diagnostics quote at most a short token of the file', () => {
  // Under YAML's 1024-character limit for keys, so it is read as a key.
  const SECRET = `ghp_${'A1b2C3d4'.repeat(60)}`;
  const tail = SECRET.slice(MAX_QUOTED_CHARS);

  it.each([
    ['an unknown key', yaml('version: 1', 'name: x', `${SECRET}: 1`, 'waves: []')],
    ['a stray token', yaml('version: 1', 'name: x', `] ${SECRET}`)],
    [
      'a wave name',
      yaml(
        'version: 1',
        'name: x',
        'waves:',
        `  - name: ${SECRET}`,
        `    dependsOn: [${SECRET}]`,
        '    servers: [{ id: s-1111111111111111a }]',
      ),
    ],
    ['a duplicate key', yaml('version: 1', 'name: x', `${SECRET}: 1`, `${SECRET}: 2`)],
    ['a block scalar header', yaml('version: 1', `description: |${SECRET}`, '  text')],
    [
      'a repeated tag selector',
      yaml(
        'version: 1',
        'name: x',
        'waves:',
        '  - name: a',
        `    servers: [{ tags: { ${SECRET}: x } }, { tags: { ${SECRET}: x } }]`,
      ),
    ],
    ['a tag', yaml('version: 1', `name: !${SECRET} x`)],
  ])('in %s', (_what, text) => {
    const result = loadPlanText(text, 'hostile.yaml');
    expect(result.diagnostics.length).toBeGreaterThan(0);
    for (const d of result.diagnostics) {
      expect(d.message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
      expect(d.message).not.toContain(tail);
      expect(d.path).not.toContain(tail);
    }
  });
});
