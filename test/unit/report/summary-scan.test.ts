import { describe, expect, it } from 'vitest';
import type { LaunchConfigChange, Report, ServerReport } from '../../../src/core/report.js';
import { fitSections, summaryBudget } from '../../../src/report/budget.js';
import { finalizeReport } from '../../../src/report/build.js';
import { renderReportMarkdown } from '../../../src/report/markdown.js';
import {
  at,
  baseReport,
  ec2InstanceId,
  healthyServer,
  jobId,
  sourceServerId,
  successReport,
  wave,
} from './fixtures.js';

function section(md: string, heading: string): string {
  const start = md.indexOf(heading);
  expect(start, `${heading} missing`).toBeGreaterThanOrEqual(0);
  const next = md.indexOf('\n### ', start + heading.length);
  return md.slice(start, next < 0 ? undefined : next);
}

function changesFor(n: number, count: number): LaunchConfigChange[] {
  const fields = [
    'instanceType',
    'subnetId',
    'securityGroupIds',
    'instanceProfile',
    'copyPrivateIp',
    'copyTags',
  ];
  return fields.slice(0, count).map((field, i) => ({
    sourceServerId: sourceServerId(n),
    target: i < 4 ? 'template' : 'launch',
    field,
    from: `old-${field}`,
    to: `new-${field}`,
    ...(i < 4 ? { templateVersion: 7 } : {}),
    applied: true,
  }));
}

describe('launch-configuration changes', () => {
  it('name each server once, with all of its changes in one row', () => {
    const report = successReport();
    report.launchConfigChanges = [...changesFor(1, 3), ...changesFor(2, 2)];
    const changes = section(renderReportMarkdown(report), '### Launch-configuration changes');
    const rows = changes.split('\n').filter((l) => l.startsWith('| <code>s-'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain(
      'EC2 launch template <code>instanceType</code>: <code>old-instanceType</code> → <code>new-instanceType</code><br>EC2 launch template <code>subnetId</code>',
    );
    expect(changes.split(sourceServerId(1)).length).toBe(2);
    expect(changes).not.toContain('<details>');
  });

  it('fold into <details> beyond ten rows, saying how many changes on how many servers', () => {
    const report = successReport();
    report.launchConfigChanges = Array.from({ length: 12 }, (_, i) => changesFor(i + 1, 6)).flat();
    const changes = section(renderReportMarkdown(report), '### Launch-configuration changes');
    expect(changes).toContain('<details><summary>72 changes on 12 servers</summary>');
    expect(changes.split('\n').filter((l) => l.startsWith('| <code>s-'))).toHaveLength(12);
    expect(changes).toContain('</details>');
  });
});

describe('launch details per server', () => {
  it('record the snapshot, instance type, subnet and private IP launched, and the replication seen at preflight', () => {
    const report = successReport();
    const db = report.waves[0]!.servers[0]!;
    db.recoverySnapshotId = 'pit-0000000000000abcd';
    db.launched = { instanceType: 'r6i.large', subnetId: 'subnet-0123456789abcdef0', privateIp: '10.0.1.23' };
    db.replicationAtPreflight = { state: 'CONTINUOUS', lagDuration: 'PT12S', lagSeconds: 12 };
    const pinned = report.waves[0]!.servers[1]!;
    pinned.pinnedSnapshotId = 'pit-00000000000000001';
    pinned.replicationAtPreflight = { state: 'BACKLOG', lagDuration: 'P1DT2H' };
    const details = section(
      renderReportMarkdown(finalizeReport(report, at(1500), 'succeeded')),
      '### Launch details',
    );
    expect(details).toContain(
      '| <code>s-00000000000000001</code> db-01.demo.internal | <code>pit-0000000000000abcd</code> | <code>r6i.large</code> | <code>subnet-0123456789abcdef0</code> | <code>10.0.1.23</code> | CONTINUOUS, lag 12s | 7m 00s |',
    );
    expect(details).toContain(
      '| <code>s-00000000000000002</code> db-02.demo.internal | <code>pit-00000000000000001</code> (pinned) | — | — | — | BACKLOG, lag <code>P1DT2H</code> | 7m 00s |',
    );
  });

  it('are left out when no server has any', () => {
    const report = successReport();
    for (const s of report.waves.flatMap((w) => w.servers)) delete s.recoveryPointAt;
    expect(renderReportMarkdown(report)).not.toContain('### Launch details');
  });
});

/** 2,000 servers in 20 waves, every one with launch details, six changes, a cleanup entry and a warning. */
function hugeReport(failEvery = 0): Report {
  const report = baseReport();
  const perWave = 100;
  for (let w = 0; w < 20; w++) {
    const servers: ServerReport[] = [];
    for (let i = w * perWave; i < (w + 1) * perWave; i++) {
      const s = healthyServer(i + 1, w * 600, `app-${i}.payments.corp.example.com`);
      s.recoverySnapshotId = `pit-${(i + 1).toString(16).padStart(17, '0')}`;
      s.launched = {
        instanceType: 'm6i.large',
        subnetId: 'subnet-0123456789abcdef0',
        privateIp: `10.0.${w}.${i % 250}`,
      };
      s.replicationAtPreflight = { state: 'CONTINUOUS', lagDuration: 'PT5S', lagSeconds: 5 };
      if (failEvery > 0 && i % failEvery === 0) {
        s.launchStatus = 'FAILED';
        s.health = 'failed';
        s.errors.push({ event: 'LAUNCH_FAILED', message: 'Launch failed', rawError: 'E'.repeat(4000) });
      }
      servers.push(s);
    }
    report.waves.push(wave(w, `wave-${w}`, w * 600, servers, w > 0 ? [`wave-${w - 1}`] : []));
  }
  report.measured.firstStartRecoveryAt = at(0);
  report.launchConfigChanges = Array.from({ length: 2000 }, (_, i) => changesFor(i + 1, 6)).flat();
  report.cleanup = {
    policy: 'always',
    status: 'succeeded',
    terminateJobIds: [jobId(1)],
    instances: Array.from({ length: 2000 }, (_, i) => ({
      recoveryInstanceId: ec2InstanceId(i + 1),
      ec2InstanceId: ec2InstanceId(i + 1),
      sourceServerId: sourceServerId(i + 1),
      result: 'terminated',
    })),
  };
  report.warnings = Array.from({ length: 2000 }, (_, i) => `${sourceServerId(i + 1)}: replication BACKLOG`);
  return finalizeReport(report, at(20 * 600 + 600), failEvery > 0 ? 'failed' : 'succeeded');
}

describe('one size budget for the summary', () => {
  it('2,000 servers fit GitHub’s 1 MiB; sections shrink in the defined order and say what they cut', () => {
    const md = renderReportMarkdown(hugeReport());
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(1024 * 1024 - 64 * 1024);
    expect(md.split('\n')[0]).toBe('## ✅ Drill passed — demo');
    expect(md).toContain('**2000/2000** servers launched');
    // Beyond 20 servers the chart has a bar per wave: it is small and stays.
    expect(md).toContain('  wave-19 (100 servers) :');
    // The launch details go first, then the changes, each saying what it cut; the rest is whole.
    expect(section(md, '### Launch details')).toContain('*… 2000 more servers in report.json*');
    expect(section(md, '### Launch-configuration changes')).toMatch(
      /\*… \d+ more servers with changes in report\.json\*/,
    );
    expect(md).not.toContain('more instances in report.json');
    expect(md).not.toContain('more warnings in report.json');
    expect(
      section(md, '### Servers')
        .split('\n')
        .filter((l) => l.startsWith('| wave-')),
    ).toHaveLength(2000);
  });

  it('under a small budget every shrinkable section gives way before what failed', () => {
    const maxBytes = 200_000;
    const md = renderReportMarkdown(hugeReport(10), { maxBytes });
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(maxBytes);
    // The room left once what failed fits goes to the next most needed: waves, then servers.
    expect(md).toContain('### Waves');
    expect(section(md, '### Servers')).toMatch(/\*… \d+ more servers in report\.json\*/);
    expect(md.split('\n')[0]).toBe('## ❌ Drill failed — demo');
    expect(section(md, '### Timeline')).toContain('Left out to keep the summary within its size limit');
    expect(section(md, '### Launch details')).toContain('*… 2000 more servers in report.json*');
    expect(section(md, '### Launch-configuration changes')).toContain(
      '*… 2000 more servers with changes in report.json*',
    );
    expect(section(md, '### Cleanup')).toContain('*… 2000 more instances in report.json*');
    expect(section(md, '### Warnings')).toMatch(/\*… 200\d more warnings in report\.json\*/);
    // The failed servers are the last to be cut: all 200 are there, each with DRS's error text.
    const failed = section(md, '### What failed')
      .split('\n')
      .filter((l) => l.startsWith('| ❌ |'));
    expect(failed).toHaveLength(200);
    expect(failed[0]).toContain('(cut; full text in report.json)');
  });
});

describe('fitSections', () => {
  const budget = summaryBudget(60);
  const rows = (name: string, n: number) => ({
    render: (limit: number) => {
      const shown = Math.min(limit, n);
      return [
        name,
        ...Array.from({ length: shown }, (_, i) => `${name}${i}`),
        shown < n ? `+${n - shown}` : '',
      ]
        .filter(Boolean)
        .join(' ');
    },
    items: n,
  });

  it('shrinks the first section of the order to the most it can keep before touching the next', () => {
    const text = fitSections([rows('a', 10), rows('b', 10)], [1, 0], budget);
    expect(text).toBeDefined();
    expect(Buffer.byteLength(text ?? '')).toBeLessThanOrEqual(60);
    expect(text).toContain('a a0 a1 a2 a3 a4 a5 a6 a7 a8 a9');
    expect(text).toMatch(/b b0 .*\+\d+/);
  });

  it('moves on to the next section once one is at its smallest, and gives up when nothing fits', () => {
    const text = fitSections([rows('a', 30), rows('b', 30)], [1, 0], budget);
    expect(text).toMatch(/^a a0 .* \+\d+\n\nb \+30\n$/);
    expect(fitSections([{ render: () => 'x'.repeat(100), items: 0 }], [0], budget)).toBeUndefined();
  });
});
