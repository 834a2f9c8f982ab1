/*
 * The engine fills the Report; this module turns it into report.json and the summary. These tests
 * run the real engine against its in-memory DRS/EC2 fake (test/unit/engine/fakes.ts) and check that
 * what it produces validates against schemas/report.schema.json and reads well.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/report.js';
import { runExecution } from '../../../src/engine/run.js';
import type { ExecutionPlan } from '../../../src/engine/types.js';
import { finalizeReport } from '../../../src/report/build.js';
import { validateReport } from '../../../src/report/json.js';
import { renderReportMarkdown } from '../../../src/report/markdown.js';
import { context, makeLog, makePlan, makeReport, resolvedServer, serverId } from '../../support/builders.js';
import { FakeClock, FakeDrs, FakeEc2, type Faults } from '../../support/fake-aws.js';

async function engineReport(
  faults: Faults,
  configure: (drs: FakeDrs) => void,
  ep: ExecutionPlan,
): Promise<Report> {
  const clock = new FakeClock();
  const drs = new FakeDrs(clock, faults);
  configure(drs);
  const ec2 = new FakeEc2(drs);
  const report = makeReport(ep);
  report.objectives = { rtoSeconds: 3600, rpoSeconds: 900 };
  await runExecution(
    { drs, ec2, clock, log: makeLog(), random: () => 0.5 },
    { executionPlan: ep, context, report, pollIntervalSeconds: 15, deadline: clock.now() + 5 * 3600_000 },
  );
  const status = report.status === 'running' ? 'failed' : report.status;
  return finalizeReport(report, new Date(clock.now()).toISOString(), status);
}

const threeWaves = () =>
  makePlan([
    { name: 'data', servers: [resolvedServer(1, { hostname: 'db-01' }), resolvedServer(2)] },
    { name: 'app', servers: [resolvedServer(3)], dependsOn: ['data'] },
    { name: 'cache', servers: [resolvedServer(4, { critical: false })], dependsOn: ['data'] },
  ]);

describe('reports produced by the engine', () => {
  it('a successful run validates, measures RTO/RPO and shows every instance id', async () => {
    const report = await engineReport({}, () => {}, threeWaves());
    expect(validateReport(report)).toEqual([]);
    expect(report.status).toBe('succeeded');
    expect(report.measured.rtoSeconds).toBeGreaterThan(0);
    const md = renderReportMarkdown(report);
    expect(md.split('\n')[0]).toBe('## ✅ Drill passed — payments');
    for (const s of report.waves.flatMap((w) => w.servers)) {
      expect(s.ec2InstanceId).toBeDefined();
      expect(md).toContain(`<code>${s.ec2InstanceId}</code>`);
    }
    expect(md).toContain('```mermaid');
  });

  it('a server pinned to a snapshot is recorded as pinned, so its age is not taken for the RPO', async () => {
    const plan = threeWaves();
    const pinned = plan.waves[0]!.servers[1]!;
    pinned.spec = { ...pinned.spec, snapshot: 'pit-0123456789abcdef0' };
    const report = await engineReport({}, () => {}, plan);
    expect(validateReport(report)).toEqual([]);
    const servers = report.waves.flatMap((w) => w.servers);
    expect(servers.find((s) => s.sourceServerId === pinned.sourceServerId)?.pinnedSnapshotId).toBe(
      'pit-0123456789abcdef0',
    );
    expect(servers.filter((s) => s.pinnedSnapshotId !== undefined)).toHaveLength(1);
  });

  it('a conversion failure validates and names server, phase and DRS error', async () => {
    const report = await engineReport(
      {},
      (drs) =>
        drs.scripts.set(serverId(1), { failAt: 'conversion', rawError: 'Unsupported boot volume <xfs>' }),
      threeWaves(),
    );
    expect(validateReport(report)).toEqual([]);
    const md = renderReportMarkdown(report);
    expect(md.split('\n')[0]).toBe('## ❌ Drill failed — payments');
    expect(md).toMatch(
      /\| ❌ \| db-01 \| <code>s-0+1<\/code> \| data \| conversion \|.*Unsupported boot volume &lt;xfs&gt;/,
    );
    expect(md).toContain('RTO** — not measured');
    expect(md).not.toContain('CONVERSION&#95;FAIL: CONVERSION&#95;FAIL');
  });

  it('a job completed with nothing launched (missing EC2 permissions) validates and is explained', async () => {
    const report = await engineReport({ missingEc2Permissions: true }, () => {}, threeWaves());
    expect(validateReport(report)).toEqual([]);
    const md = renderReportMarkdown(report);
    expect(md).toContain('**0/4** servers launched');
    const failures = md.slice(md.indexOf('### What failed'), md.indexOf('### Waves'));
    expect(failures).toContain('ec2:RunInstances');
    // Said once, on the wave's line, although the engine also lists it as a run-level error.
    expect(failures.split('ec2:RunInstances').length).toBe(2);
    expect(failures).toMatch(
      /\| ❌ \| db-01 \| <code>s-0+1<\/code> \| data \| after snapshot \| launch status FAILED \|/,
    );
  });
});
