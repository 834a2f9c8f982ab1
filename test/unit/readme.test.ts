import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillReadme, readActionYaml, renderInputsTable } from '../../scripts/readme-tables.js';

const root = resolve(import.meta.dirname, '..', '..');

describe('README', () => {
  it('has the inputs and outputs tables of action.yml (run `npm run docs` after changing action.yml)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(fillReadme(readme, readActionYaml(root))).toBe(readme);
  });

  it('lists every input with its default', () => {
    const table = renderInputsTable({
      inputs: {
        mode: { description: 'What | to do', default: 'validate' },
        plan: { description: 'p', required: true },
      },
      outputs: {},
    });
    expect(table).toContain('| `mode` | `validate` | What \\| to do |');
    expect(table).toContain('| `plan` | (required) | p |');
  });

  it('starts with the two quick-start commands', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const quickStart = readme.slice(readme.indexOf('## Quick start'));
    expect(quickStart).toMatch(/npm ci && npm run demo/);
    expect(quickStart).toMatch(/npm ci && npm test/);
  });
});

describe('README: history, status and evidence', () => {
  it('documents the drill history, the status mode and how to verify the evidence, with the real predicate type', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const heading of [
      '## Drill history',
      '## Is every plan still proven?',
      '## Verifying the evidence',
    ]) {
      expect(readme).toContain(`\n${heading}\n`);
    }
    const { DRILL_PREDICATE_TYPE } = await import('../../src/history/predicate.js');
    expect(readme).toContain(`--predicate-type ${DRILL_PREDICATE_TYPE}`);
    expect(readme).toContain('gh attestation verify report.json');
  });
});
