import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatorSources } from '../../scripts/gen-validators.js';
import { inlineRefs, schemaOrigin } from '../../src/plan/schema-inline.js';

const root = join(import.meta.dirname, '..', '..');

describe('generated validators (npm run gen)', () => {
  it('are fresh: regenerating from schemas/ gives the committed files', () => {
    const sources = validatorSources();
    expect(Object.keys(sources).length).toBeGreaterThan(0);
    for (const [path, text] of Object.entries(sources)) {
      const committed = readFileSync(join(root, path), 'utf8');
      // Not toBe(text): a stale file would print two 80 KB strings.
      expect(committed === text, `${path} is stale: run \`npm run gen\` and commit it`).toBe(true);
    }
  });
});

describe('inlining $refs for absolute schema paths', () => {
  const schema = {
    type: 'object',
    properties: {
      name: { type: 'string', pattern: '^a', description: 'dropped' },
      waves: { type: 'array', items: { $ref: '#/$defs/wave' } },
    },
    $defs: {
      wave: {
        type: 'object',
        properties: { name: { type: 'string', pattern: '^w' }, at: { $ref: '#/$defs/at' } },
      },
      at: { description: 'a time', type: 'string' },
    },
  };

  it('copies what each $ref names, keeps sibling keywords, drops $defs and annotations', () => {
    const { schema: out, sites } = inlineRefs(schema);
    expect(out).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string', pattern: '^a' },
        waves: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string', pattern: '^w' }, at: { type: 'string' } },
          },
        },
      },
    });
    expect([...sites]).toEqual([
      ['/properties/waves/items', '/$defs/wave'],
      ['/properties/waves/items/properties/at', '/$defs/at'],
    ]);
  });

  it('maps an error’s schema path back to the node of the schema as written', () => {
    const { sites } = inlineRefs(schema);
    expect(schemaOrigin(sites, '#/properties/waves/items/properties/name/pattern')).toBe(
      '/$defs/wave/properties/name',
    );
    expect(schemaOrigin(sites, '#/properties/name/pattern')).toBe('/properties/name');
    expect(schemaOrigin(sites, '#/properties/waves/items/properties/at/type')).toBe('/$defs/at');
    expect(schemaOrigin(sites, '#/required')).toBe('');
  });

  it('refuses a $ref cycle and a remote $ref', () => {
    expect(() => inlineRefs({ $defs: { a: { items: { $ref: '#/$defs/a' } } }, $ref: '#/$defs/a' })).toThrow(
      /\$ref cycle/,
    );
    expect(() => inlineRefs({ items: { $ref: 'https://example.com/s.json' } })).toThrow(/only local/);
    expect(() => inlineRefs({ items: { $ref: '#/$defs/none' } })).toThrow(/names nothing/);
  });
});
