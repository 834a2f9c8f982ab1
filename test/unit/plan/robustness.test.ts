import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlanFile, loadPlanText, MAX_PLAN_BYTES } from '../../../src/plan/load.js';
import { findDiagnostic, yaml } from './helpers.js';

const VALID = yaml(
  'version: 1',
  'name: test',
  'waves:',
  '  - name: a',
  '    servers:',
  '      - hostname: h1',
  '  - name: b',
  '    servers:',
  '      - hostname: h2',
);

describe('hostile and unusual input', () => {
  it('stops a billion-laughs alias bomb quickly with a bounded error', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(',')}]`);
    }
    const result = loadPlanText(yaml(...levels), 'bomb.yaml');
    expect(result.plan).toBeUndefined();
    const d = findDiagnostic(result, 'too many alias expansions');
    expect(d.line).toBeGreaterThan(1);
    expect(result.diagnostics).toHaveLength(1);
  });

  it('rejects a self-referencing alias instead of looping', () => {
    const result = loadPlanText(yaml('version: 1', 'name: test', 'waves: &w [*w]'), 'loop.yaml');
    const d = findDiagnostic(result, 'refers to a node that contains it');
    expect({ line: d.line, col: d.col }).toEqual({ line: 3, col: 12 });
  });

  it('expands ordinary aliases', () => {
    const text = yaml(
      'version: 1',
      'name: test',
      'waves:',
      '  - name: a',
      '    template: &tpl { instanceType: m6i.large }',
      '    servers: [{ hostname: h1 }]',
      '  - name: b',
      '    template: *tpl',
      '    servers: [{ hostname: h2 }]',
    );
    const result = loadPlanText(text, 'alias.yaml');
    expect(result.diagnostics).toEqual([]);
    expect(result.plan?.waves[1]?.servers[0]?.template).toEqual({ instanceType: 'm6i.large' });
  });

  it('refuses text over 1 MiB before parsing it', () => {
    const text = `${VALID}# ${'x'.repeat(5 * 1024 * 1024)}\n`;
    const result = loadPlanText(text, 'huge.yaml');
    expect(result.diagnostics).toHaveLength(1);
    const d = findDiagnostic(result, 'plans are limited to 1 MiB');
    expect({ line: d.line, col: d.col }).toEqual({ line: 1, col: 1 });
  });

  it('refuses a 5 MB file on disk by its size', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plan-'));
    await writeFile(join(dir, 'huge.yaml'), `${VALID}# ${'x'.repeat(5 * 1000 * 1000)}\n`);
    const result = await loadPlanFile('huge.yaml', { cwd: dir });
    expect(result.file).toBe('huge.yaml');
    findDiagnostic(result, 'the plan file is 4.8 MiB; plans are limited to 1 MiB');
    expect(MAX_PLAN_BYTES).toBe(1024 * 1024);
  });

  it('does not pollute Object.prototype through __proto__, constructor or prototype keys', () => {
    const text = yaml(
      'version: 1',
      'name: test',
      '__proto__: { polluted: true }',
      'waves:',
      '  - name: a',
      '    constructor: { prototype: { polluted: true } }',
      '    servers: [{ hostname: h1, __proto__: { polluted: true } }]',
    );
    const result = loadPlanText(text, 'proto.yaml');
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics.map((d) => `${d.line}:${d.col}`)).toEqual(['3:1', '6:5', '7:31']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('loads a plan with a byte order mark, counting columns without it', () => {
    const result = loadPlanText(`\ufeff${VALID}`, 'bom.yaml');
    expect(result.diagnostics).toEqual([]);
    expect(result.plan?.waves[0]?.position).toEqual({ file: 'bom.yaml', line: 4, col: 5 });
    const bad = loadPlanText(`\ufeff${VALID.replace('version: 1', 'version: 9')}`, 'bom.yaml');
    expect(findDiagnostic(bad, 'unsupported plan version 9')).toMatchObject({ line: 1, col: 10 });
  });

  it('loads a CRLF plan with the same line numbers as LF', () => {
    const crlf = VALID.replace(/\n/g, '\r\n');
    const result = loadPlanText(crlf, 'crlf.yaml');
    expect(result.diagnostics).toEqual([]);
    expect(result.plan?.waves[1]?.position).toMatchObject({ line: 7, col: 5 });
    expect(result.plan?.waves[1]?.servers[0]?.position).toMatchObject({ line: 9, col: 9 });
    const bad = loadPlanText(crlf.replace('hostname: h2', 'hostnam: h2'), 'crlf.yaml');
    expect(findDiagnostic(bad, 'unknown key "hostnam"')).toMatchObject({ line: 9, col: 9 });
  });

  it('reports a tab used for indentation at the tab', () => {
    const result = loadPlanText(VALID.replace('      - hostname: h2', '\t- hostname: h2'), 'tabs.yaml');
    expect(findDiagnostic(result, 'Tabs are not allowed as indentation')).toMatchObject({ line: 9, col: 1 });
  });

  it('hashes the exact bytes', async () => {
    const { createHash } = await import('node:crypto');
    const result = loadPlanText(VALID, 'hash.yaml');
    expect(result.plan?.sha256).toBe(createHash('sha256').update(VALID).digest('hex'));
  });
});

describe('loadPlanFile', () => {
  it('reports a missing file as a diagnostic, not an exception', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plan-'));
    const result = await loadPlanFile('drs-plans/nope.yaml', { cwd: dir });
    expect(result.diagnostics).toEqual([
      {
        file: 'drs-plans/nope.yaml',
        line: 1,
        col: 1,
        severity: 'error',
        path: '',
        message: 'file not found',
      },
    ]);
  });

  // Tests run as root, where chmod 000 does not stop reads; a directory is the unreadable path here.
  it('reports a directory given as a plan', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plan-'));
    const result = await loadPlanFile('.', { cwd: dir });
    findDiagnostic(result, 'is a directory, not a plan file');
  });

  it('reports bytes that are not UTF-8', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plan-'));
    await writeFile(join(dir, 'latin1.yaml'), Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]));
    const result = await loadPlanFile('latin1.yaml', { cwd: dir });
    findDiagnostic(result, 'not valid UTF-8');
  });

  it('loads a file with its path relative to cwd and the sha256 of its bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plan-'));
    await writeFile(join(dir, 'p.yaml'), `\ufeff${VALID}`);
    const result = await loadPlanFile(join(dir, 'p.yaml'), { cwd: dir });
    expect(result.file).toBe('p.yaml');
    expect(result.plan?.file).toBe('p.yaml');
    const { createHash } = await import('node:crypto');
    expect(result.plan?.sha256).toBe(createHash('sha256').update(`\ufeff${VALID}`).digest('hex'));
  });
});

describe('nesting', () => {
  it('refuses absurdly deep nesting with a diagnostic instead of exhausting the stack', () => {
    const text = `version: 1\ndescription: ${'['.repeat(100)}${']'.repeat(100)}\n`;
    const result = loadPlanText(text, 'deep.yaml');
    const d = findDiagnostic(result, 'nesting is too deep (more than 64 levels)');
    expect(d.line).toBe(2);
  });

  it('never throws, even when the YAML parser runs out of stack', () => {
    const text = `a: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
    const result = loadPlanText(text, 'deeper.yaml');
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics[0]?.severity).toBe('error');
  });
});
