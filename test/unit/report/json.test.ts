import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createReport, finalizeReport } from '../../../src/report/build.js';
import { validateReport, writeReportFiles } from '../../../src/report/json.js';
import { at, baseReport, successReport } from './fixtures.js';

describe('createReport / finalizeReport', () => {
  it('starts running with empty lists and no undefined fields', () => {
    const report = createReport({
      mode: 'drill',
      executionId: 'acme/dr/1',
      plan: { name: 'demo', path: 'p.yaml', sha256: 'b'.repeat(64) },
      region: 'eu-west-1',
      isDrill: true,
      startedAt: at(0),
    });
    expect(report.status).toBe('running');
    expect(report.waves).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(Object.values(report).includes(undefined)).toBe(false);
    expect(validateReport(report)).toEqual([]);
  });

  it('finalizes without touching the input and computes the measurements', () => {
    const running = baseReport();
    const ended = finalizeReport(running, at(100), 'failed');
    expect(running.endedAt).toBeUndefined();
    expect(running.status).toBe('running');
    expect(ended.endedAt).toBe(at(100));
    expect(ended.status).toBe('failed');
    expect(ended.measured.rpoDefinition).toBe('request-minus-recovery-point');
  });

  it('produces reports that validate against schemas/report.schema.json', () => {
    expect(validateReport(successReport())).toEqual([]);
    expect(validateReport(successReport('recovery'))).toEqual([]);
    expect(validateReport(finalizeReport(baseReport(), at(5), 'cancelled'))).toEqual([]);
  });

  it('accepts a launch-config change from or to a value that was not set', () => {
    const report = successReport();
    report.launchConfigChanges.push(
      { ...report.launchConfigChanges[0]!, field: 'instanceProfile', from: null, to: 'drs-recovery' },
      { ...report.launchConfigChanges[0]!, field: 'instanceProfile', from: undefined, to: 'drs-recovery' },
    );
    expect(validateReport(report)).toEqual([]);
  });
});

describe('validateReport', () => {
  it('rejects unknown fields, bad enums, local times and wrong ids, saying where', () => {
    const report = successReport() as unknown as Record<string, unknown> & ReturnType<typeof successReport>;
    const bad = structuredClone(report) as unknown as Record<string, unknown>;
    bad.extra = 1;
    bad.status = 'done';
    bad.startedAt = '2024-05-01 10:00:00';
    const waves = bad.waves as { servers: { ec2InstanceId: string }[] }[];
    waves[0]!.servers[0]!.ec2InstanceId = 'r-123';
    const problems = validateReport(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"extra"'),
        expect.stringMatching(/^\/status: must be equal to one of the allowed values/),
        expect.stringMatching(/^\/startedAt: must match pattern/),
        expect.stringMatching(/^\/waves\/0\/servers\/0\/ec2InstanceId: must match pattern/),
      ]),
    );
  });

  it('rejects a report missing a required field', () => {
    const { executionId: _, ...rest } = successReport();
    expect(validateReport(rest)).toEqual([
      expect.stringContaining("must have required property 'executionId'"),
    ]);
    expect(validateReport(null).length).toBeGreaterThan(0);
  });
});

describe('writeReportFiles', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates the directory and writes both files, leaving no temporary files', async () => {
    dir = await mkdtemp(join(tmpdir(), 'drs-report-'));
    const target = join(dir, 'nested', 'drs-report');
    const report = successReport();
    const paths = await writeReportFiles(report, target, '## ✅ Drill passed — demo');
    expect(paths).toEqual({ jsonPath: join(target, 'report.json'), mdPath: join(target, 'report.md') });
    expect(JSON.parse(await readFile(paths.jsonPath, 'utf8'))).toEqual(report);
    expect(await readFile(paths.mdPath, 'utf8')).toBe('## ✅ Drill passed — demo\n');
    expect((await readdir(target)).sort()).toEqual(['report.json', 'report.md']);
  });

  it('replaces earlier files whole', async () => {
    dir = await mkdtemp(join(tmpdir(), 'drs-report-'));
    await writeReportFiles(successReport(), dir, 'x'.repeat(10_000));
    const { mdPath } = await writeReportFiles(baseReport(), dir, 'short\n');
    expect(await readFile(mdPath, 'utf8')).toBe('short\n');
    expect(JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')).status).toBe('running');
  });

  it('fails loudly when the directory cannot be created', async () => {
    dir = await mkdtemp(join(tmpdir(), 'drs-report-'));
    await writeReportFiles(baseReport(), dir, 'x');
    // A file where a directory should be.
    await expect(writeReportFiles(baseReport(), join(dir, 'report.json', 'sub'), 'x')).rejects.toThrow();
  });
});
