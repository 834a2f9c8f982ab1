/**
 * Writes src/core/report-types.generated.ts from schemas/report.schema.json (`npm run gen:types`), so the
 * Report model and the schema report.json is validated against cannot drift apart:
 * test/unit/report/report-types.test.ts regenerates in memory and fails when the committed file differs.
 * Edit the schema, then run this; never edit the generated file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile, type JSONSchema } from 'json-schema-to-typescript';

const ROOT = resolve(import.meta.dirname, '..');
export const SCHEMA_PATH = join(ROOT, 'schemas/report.schema.json');
export const GENERATED_PATH = join(ROOT, 'src/core/report-types.generated.ts');

const BANNER = `/*
 * GENERATED from schemas/report.schema.json by scripts/gen-report-types.ts (npm run gen:types).
 * Do not edit: change the schema and regenerate. src/core/report.ts gives these types their names.
 */`;

/** Keywords that say what a value may be; a property schema with none of them accepts any JSON value. */
const SHAPE_KEYWORDS = ['type', 'enum', 'const', '$ref', 'oneOf', 'anyOf', 'allOf', 'properties', 'items'];

/**
 * The schema as the generator should read it: the root named `Report` rather than after its title or $id, and
 * "any JSON value" properties typed `unknown` (the generator would make them open objects). Only the
 * in-memory copy changes; the published schema stays plain JSON Schema for Ajv's strict mode.
 */
function forGenerator(node: unknown, isRoot = true): unknown {
  if (Array.isArray(node)) return node.map((n) => forGenerator(n, false));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (isRoot && (key === 'title' || key === '$id')) continue;
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, prop]) => {
          const anyValue = !SHAPE_KEYWORDS.some((k) => k in (prop as object));
          return [name, anyValue ? { ...(prop as object), tsType: 'unknown' } : forGenerator(prop, false)];
        }),
      );
    } else out[key] = forGenerator(value, false);
  }
  return out;
}

export async function generateReportTypes(schemaText = readFileSync(SCHEMA_PATH, 'utf8')): Promise<string> {
  const schema = forGenerator(JSON.parse(schemaText)) as JSONSchema;
  return compile(schema, 'Report', {
    bannerComment: BANNER,
    additionalProperties: false,
    style: { singleQuote: true, semi: true, printWidth: 110, trailingComma: 'all' },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(GENERATED_PATH, await generateReportTypes());
  console.log(`wrote ${GENERATED_PATH}`);
}
