import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_PATH, generateReportTypes, SCHEMA_PATH } from '../../../scripts/gen-report-types.js';

describe('report types generated from schemas/report.schema.json', () => {
  it('src/core/report-types.generated.ts is exactly what the schema generates (npm run gen:types)', async () => {
    expect(readFileSync(GENERATED_PATH, 'utf8')).toBe(await generateReportTypes());
  });

  it('a field added to the schema shows in the types, so a stale file fails the check above', async () => {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
    schema.$defs.server.properties.bootSeconds = { type: 'number', description: 'Seconds to boot' };
    const generated = await generateReportTypes(JSON.stringify(schema));
    expect(generated).toMatch(/Seconds to boot\s*\*\/\s*bootSeconds\?: number;/);
    expect(generated).not.toBe(readFileSync(GENERATED_PATH, 'utf8'));
  });

  it('types "any JSON value" members as unknown and names the root Report', async () => {
    const generated = await generateReportTypes();
    expect(generated).toContain('export interface Report {');
    expect(generated).toMatch(/from\?: unknown;/);
  });
});
