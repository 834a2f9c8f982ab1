import { describe, expect, it } from 'vitest';
import { finalizeReport } from '../../../src/report/build.js';
import { renderGantt } from '../../../src/report/gantt.js';
import { renderReportMarkdown } from '../../../src/report/markdown.js';
import { at, baseReport, healthyServer, jobId, sourceServerId, successReport, wave } from './fixtures.js';

describe('renderGantt', () => {
  it('up to 20 servers: a bar per server from its job to healthy, then its phases', () => {
    const chart = renderGantt(successReport());
    expect(chart).toContain(
      [
        '  section data',
        '  db-01.demo.internal :2024-05-01 10:00:00, 2024-05-01 10:07:00',
        '  · snapshot :2024-05-01 10:00:05, 2024-05-01 10:01:00',
        '  · conversion :2024-05-01 10:01:00, 2024-05-01 10:04:00',
        '  · launch :2024-05-01 10:04:00, 2024-05-01 10:05:00',
        '  · boot :2024-05-01 10:05:00, 2024-05-01 10:07:00',
        '  db-02.demo.internal :2024-05-01 10:00:00, 2024-05-01 10:07:00',
      ].join('\n'),
    );
    // Each server is named once: its phases are listed under it.
    expect(chart.split('db-01.demo.internal').length).toBe(2);
  });

  it('beyond 20 servers: one bar per wave', () => {
    const report = baseReport();
    const servers = Array.from({ length: 21 }, (_, i) => healthyServer(i + 1, i < 11 ? 0 : 500));
    report.waves = [
      wave(0, 'data', 0, servers.slice(0, 11)),
      wave(1, 'app', 500, servers.slice(11), ['data']),
    ];
    const chart = renderGantt(finalizeReport(report, at(1500), 'succeeded'));
    const bars = chart.split('\n').filter((l) => l.includes(' :2024'));
    expect(bars).toEqual([
      '  data (11 servers) :2024-05-01 10:00:00, 2024-05-01 10:07:00',
      '  app (10 servers) :2024-05-01 10:08:20, 2024-05-01 10:15:20',
    ]);
    expect(chart).not.toContain('host-1.demo.internal');
  });

  it('draws a phase without an end up to the end of the run, and marks failures crit', () => {
    const report = successReport();
    const server = report.waves[0]!.servers[0]!;
    server.phases = [
      { name: 'snapshot', startedAt: at(5), endedAt: at(60) },
      { name: 'conversion', startedAt: at(60), failed: true },
    ];
    delete server.healthyAt;
    const chart = renderGantt(report);
    expect(chart).toContain('  db-01.demo.internal :crit, 2024-05-01 10:00:00, 2024-05-01 10:25:00');
    expect(chart).toContain('  · conversion :crit, 2024-05-01 10:01:00, 2024-05-01 10:25:00');
  });

  it('gives an instant phase one second so it stays visible', () => {
    const report = successReport();
    report.waves[0]!.servers[0]!.phases = [{ name: 'launch', startedAt: at(10), endedAt: at(10) }];
    expect(renderGantt(report)).toContain('  · launch :2024-05-01 10:00:10, 2024-05-01 10:00:11');
  });

  it('never draws reversed or unreadable phases', () => {
    const report = successReport();
    report.waves[0]!.servers[0]!.phases = [
      { name: 'snapshot', startedAt: at(60), endedAt: at(5) },
      { name: 'conversion', startedAt: 'soon' },
    ];
    const chart = renderGantt(report);
    const db01 = chart.slice(chart.indexOf('db-01.demo.internal'), chart.indexOf('db-02.demo.internal'));
    expect(db01.split('\n').filter((l) => l.includes('·'))).toEqual([]);
  });

  it('caps the number of bars and says how many were left out', () => {
    const chart = renderGantt(successReport(), 5);
    expect(chart.split('\n').filter((l) => l.includes(' :2024')).length).toBe(5);
    expect(chart).toContain('*20 more bars not drawn; every time is in report.json.*');
  });

  it('prefixes task names that mermaid would read as a keyword', () => {
    const report = successReport();
    report.waves[0]!.servers[0]!.hostname = 'section-a';
    expect(renderGantt(report)).toContain('  - section-a :');
  });

  it('is empty when there is no timestamp to draw', () => {
    expect(renderGantt(baseReport())).toBe('');
  });
});

describe('renderReportMarkdown: other endings', () => {
  it('a cleanup-mode report leads with the cleanup result', () => {
    const report = baseReport();
    report.mode = 'cleanup';
    report.cleanup = {
      policy: 'older-than 7d',
      status: 'failed',
      reason: 'one instance could not be terminated',
      terminateJobIds: [jobId(1)],
      instances: [
        {
          recoveryInstanceId: 'i-0000000000000000a',
          sourceServerId: sourceServerId(1),
          result: 'AccessDenied <ec2:TerminateInstances>',
        },
      ],
    };
    const md = renderReportMarkdown(finalizeReport(report, at(60), 'failed'));
    expect(md.split('\n')[0]).toBe('## ❌ Cleanup failed — demo');
    expect(md).not.toContain('**RTO**');
    // Cleanup never touches launch settings: no section about them, not even "none changed".
    expect(md).not.toContain('Launch-configuration');
    expect(md).not.toContain('launch setting');
    expect(md).toContain(
      '❌ **failed** (policy <code>older-than 7d</code>): one instance could not be terminated',
    );
    expect(md).toContain(
      '| <code>i-0000000000000000a</code> | — | <code>s-00000000000000001</code> | AccessDenied &lt;ec2:TerminateInstances&gt; |',
    );
  });

  it('says repeated warnings once with their count', () => {
    const report = successReport();
    report.warnings = ['lag above RPO on s-1', 'lag above RPO on s-1', 'BACKLOG on s-2'];
    const md = renderReportMarkdown(report);
    expect(md).toContain('- lag above RPO on s-1 (×2)\n- BACKLOG on s-2');
  });

  it('a dry-run launch change is marked as not written', () => {
    const report = successReport();
    report.launchConfigChanges = [
      {
        sourceServerId: sourceServerId(1),
        target: 'launch',
        field: 'copyPrivateIp',
        from: false,
        to: true,
        applied: false,
      },
      {
        sourceServerId: sourceServerId(1),
        target: 'template',
        field: 'instanceProfile',
        from: null,
        to: 'drs',
        applied: false,
      },
    ];
    const md = renderReportMarkdown(report);
    expect(md).toContain(
      '| <code>s-00000000000000001</code> db-01.demo.internal | DRS launch configuration <code>copyPrivateIp</code>: <code>false</code> → <code>true</code><br>EC2 launch template <code>instanceProfile</code>: <i>not set</i> → <code>drs</code> | — | not applied (dry run) |',
    );
  });

  it('a wave still running shows its launched count and no end', () => {
    const report = baseReport();
    const w = wave(0, 'data', 0, [healthyServer(1, 0)]);
    w.status = 'running';
    w.endedAt = undefined;
    report.waves = [w];
    const md = renderReportMarkdown(report);
    expect(md).toContain('| data | ⏳ running | 1/1 | 2024-05-01 10:00:00Z | — | — |');
  });
});
