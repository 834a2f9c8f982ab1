/**
 * The README's inputs and outputs tables are generated from action.yml so they cannot drift:
 * `npm run docs` rewrites them; test/unit/readme.test.ts fails when they differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

interface ActionYaml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const cell = (text: string) =>
  text
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();

export function renderInputsTable(action: ActionYaml): string {
  const rows = Object.entries(action.inputs).map(([name, input]) => {
    const def = input.default === undefined ? (input.required ? '(required)' : '—') : `\`${input.default}\``;
    return `| \`${name}\` | ${cell(def)} | ${cell(input.description)} |`;
  });
  return ['| input | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

export function renderOutputsTable(action: ActionYaml): string {
  const rows = Object.entries(action.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`);
  return ['| output | meaning |', '|---|---|', ...rows].join('\n');
}

export function fillReadme(readme: string, action: ActionYaml): string {
  const fill = (text: string, key: string, table: string) =>
    text.replace(
      new RegExp(`(<!-- ${key}:start -->)[\\s\\S]*?(<!-- ${key}:end -->)`),
      (_m, start: string, end: string) => `${start}\n${table}\n${end}`,
    );
  return fill(
    fill(readme, 'inputs-table', renderInputsTable(action)),
    'outputs-table',
    renderOutputsTable(action),
  );
}

export function readActionYaml(root: string): ActionYaml {
  return parse(readFileSync(join(root, 'action.yml'), 'utf8')) as ActionYaml;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const root = resolve(import.meta.dirname, '..');
  const path = join(root, 'README.md');
  writeFileSync(path, fillReadme(readFileSync(path, 'utf8'), readActionYaml(root)));
  console.log('README.md inputs and outputs tables regenerated from action.yml');
}
