import { describe, expect, it } from 'vitest';
import type { Report, ServerReport } from '../../../src/core/report.js';
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

function firstLine(md: string): string {
  return md.split('\n')[0] ?? '';
}

/** Index of a heading or text, to check what comes first. */
function position(md: string, text: string): number {
  const i = md.indexOf(text);
  expect(i, `"${text}" missing`).toBeGreaterThanOrEqual(0);
  return i;
}

function failedServer(n: number, start: number, hostname: string): ServerReport {
  const server = healthyServer(n, start, hostname);
  return {
    ...server,
    launchStatus: 'FAILED',
    ec2InstanceId: undefined,
    recoveryInstanceId: undefined,
    ec2State: undefined,
    launchedAt: undefined,
    healthyAt: undefined,
    health: 'skipped',
    phases: [
      { name: 'snapshot', startedAt: at(start + 5), endedAt: at(start + 60) },
      { name: 'conversion', startedAt: at(start + 60), endedAt: at(start + 300), failed: true },
    ],
    errors: [
      {
        event: 'CONVERSION_FAIL',
        message: 'Conversion failed',
        rawError:
          'Failed to convert volume vol-0abc: The requested configuration is currently not supported.',
        at: at(start + 300),
      },
    ],
  };
}

/** data fails (db-01 conversion), everything after it is skipped. */
function totalFailureReport(): Report {
  const report = baseReport();
  const data = wave(0, 'data', 0, [
    failedServer(1, 0, 'db-01.demo.internal'),
    healthyServer(2, 0, 'db-02.demo.internal'),
  ]);
  data.status = 'failed';
  data.error = 'critical server db-01.demo.internal (s-00000000000000001) failed in conversion';
  const app = {
    ...wave(1, 'app', 0, [], ['data']),
    status: 'skipped' as const,
    jobs: [],
    error: 'wave data failed',
  };
  app.startedAt = undefined;
  app.endedAt = undefined;
  report.waves = [data, app];
  report.measured.firstStartRecoveryAt = at(0);
  report.errors = ['Wave data failed: 1 critical server did not launch.'];
  return finalizeReport(report, at(900), 'failed');
}

describe('renderReportMarkdown: success', () => {
  const md = renderReportMarkdown(successReport(), {
    artifactUrl: 'https://github.com/acme/dr/actions/runs/123456/artifacts/42',
  });

  it('opens with the verdict and the measurements against targets', () => {
    expect(firstLine(md)).toBe('## ✅ Drill passed — demo');
    expect(md).toContain('**RTO** 23m 40s (target 45m) ✅');
    expect(md).toContain('**RPO** worst 2m 00s (target 15m) ✅ · data age at launch 7m 00s');
    expect(md).toContain('**5/5** servers launched');
    expect(md).toContain('<code>acme/dr/123456</code>');
    expect(md).toContain('by <code>octocat</code>');
  });

  it('shows every EC2 instance id and the waves', () => {
    for (let n = 1; n <= 5; n++) expect(md).toContain(`<code>${ec2InstanceId(n)}</code>`);
    expect(md).toMatch(/\| data \| ✅ succeeded \| 2\/2 \| 2024-05-01 10:00:00Z \| 7m 00s \| — \|/);
    expect(md).toMatch(/\| web \| ✅ succeeded \| 1\/1 \| .* \| app, cache \|/);
    expect(md).not.toContain('What failed');
  });

  it('draws the timeline as a mermaid gantt with one section per wave', () => {
    expect(md).toContain('```mermaid\ngantt');
    expect(md).toContain('dateFormat YYYY-MM-DD HH:mm:ss');
    for (const name of ['data', 'app', 'cache', 'web']) expect(md).toContain(`  section ${name}\n`);
    expect(md).toContain('  db-01.demo.internal :2024-05-01 10:00:00, 2024-05-01 10:07:00');
    expect(md).toContain('  · conversion :2024-05-01 10:01:00, 2024-05-01 10:04:00');
  });

  it('lists launch-configuration changes, cleanup and links', () => {
    expect(md).toContain(
      '| <code>s-00000000000000001</code> db-01.demo.internal | EC2 launch template <code>instanceType</code>: <code>m5.large</code> → <code>r6i.large</code> | 4 | applied |',
    );
    expect(md).toContain('✅ **succeeded** (policy <code>always</code>)');
    expect(md).toContain(`<code>${jobId(9999)}</code>`);
    expect(md).toContain('<a href="https://github.com/acme/dr/actions/runs/123456">Workflow run</a>');
    expect(md).toContain('<a href="https://github.com/acme/dr/actions/runs/123456/artifacts/42">');
  });
});

describe('renderReportMarkdown: RPO', () => {
  it('shows the data loss as RPO, the launch-time figure as data age, and a pinned snapshot apart', () => {
    const report = successReport();
    const pinned = report.waves[0]!.servers[1]!;
    pinned.pinnedSnapshotId = 'pit-0123456789abcdef0';
    pinned.recoveryPointAt = at(-2 * 86_400);
    const md = renderReportMarkdown(finalizeReport(report, at(1500), 'succeeded'));
    expect(md).toContain(
      '**RPO** worst 2m 00s (target 15m) ✅ · data age at launch 2d 0h · pinned snapshots up to 2d 0h old',
    );
    const rows = md.split('\n').filter((l) => l.startsWith('| data |') && l.includes('<code>s-'));
    expect(rows[0]).toContain('| 2m 00s |');
    expect(rows[1]).toContain('| pinned, 2d 0h old |');
  });
});

describe('renderReportMarkdown: failures', () => {
  it('partial failure of a non-critical server keeps the pass and warns', () => {
    const report = successReport();
    const cache = report.waves[2]!;
    cache.servers[0] = { ...failedServer(4, 500, 'cache-01.demo.internal'), critical: false };
    const md = renderReportMarkdown(finalizeReport(report, at(1500), 'succeeded'));
    expect(firstLine(md)).toBe('## ✅ Drill passed — demo');
    expect(md).toContain('### ⚠️ Non-critical failures');
    expect(md).toMatch(
      /\| ⚠️ non-critical \| cache-01.demo.internal \| <code>s-00000000000000004<\/code> \| cache \| conversion \|/,
    );
    expect(md).toContain('**4/5** servers launched');
    expect(position(md, 'Non-critical failures')).toBeLessThan(position(md, '### Waves'));
  });

  it('total failure says up front which server failed, in which phase, with DRS error text', () => {
    const md = renderReportMarkdown(totalFailureReport());
    expect(firstLine(md)).toBe('## ❌ Drill failed — demo');
    expect(md).toContain('**RTO** — not measured: not every critical server became healthy (target 45m) ❌');
    expect(md).toContain('**1/2** servers launched');
    const failedAt = position(md, '### What failed');
    expect(failedAt).toBeLessThan(position(md, '### Waves'));
    const failures = md.slice(failedAt, position(md, '### Waves'));
    expect(failures).toContain('Wave data failed: 1 critical server did not launch.');
    expect(failures).toContain('Wave **data** failed: critical server db-01.demo.internal');
    expect(failures).toContain('Wave **app** skipped: wave data failed');
    expect(failures).toMatch(
      /\| ❌ \| db-01.demo.internal \| <code>s-00000000000000001<\/code> \| data \| conversion \| CONVERSION&#95;FAIL: Conversion failed<br><code>Failed to convert volume vol-0abc: The requested configuration is currently not supported.<\/code> \|/,
    );
    expect(md).toContain('| app | ⏭️ skipped | 0/0 | — | — | data |');
    expect(md).toContain('crit, 2024-05-01 10:01:00, 2024-05-01 10:05:00');
  });

  it('explains a job that completed with no server launched (missing EC2 permissions)', () => {
    const report = baseReport();
    const data = wave(0, 'data', 0, [healthyServer(1, 0), healthyServer(2, 0)]);
    for (const s of data.servers) {
      Object.assign(s, {
        launchStatus: 'PENDING',
        ec2InstanceId: undefined,
        launchedAt: undefined,
        healthyAt: undefined,
      });
      s.health = 'pending';
      s.phases = s.phases.slice(0, 1);
    }
    data.status = 'failed';
    const why =
      'DRS reported job drsjob-00000000000000000 COMPLETED with 0 of 2 servers launched. This is what DRS does when the caller lacks the EC2 permissions DRS uses on its behalf (ec2:RunInstances, ec2:CreateVolume, …).';
    data.error = why;
    report.waves = [data];
    report.errors = [why];
    const md = renderReportMarkdown(finalizeReport(report, at(600), 'failed'));
    expect(md).toContain('**0/2** servers launched');
    expect(md).toContain(
      'COMPLETED with 0 of 2 servers launched. This is what DRS does when the caller lacks the EC2 permissions',
    );
    expect(md).toContain('ec2:RunInstances');
  });

  it('timed out and cancelled runs say so first', () => {
    const timedOut = totalFailureReport();
    timedOut.status = 'timed-out';
    timedOut.waves[0]!.status = 'timed-out';
    expect(firstLine(renderReportMarkdown(timedOut))).toBe('## ⏱️ Drill timed out — demo');
    expect(renderReportMarkdown(timedOut)).toContain('| data | ⏱️ timed-out |');
    const cancelled = finalizeReport(baseReport(), at(10), 'cancelled');
    cancelled.errors.push(
      'Cancelled (SIGINT) while wave data was running; job drsjob-00000000000000001 left running.',
    );
    const md = renderReportMarkdown(cancelled);
    expect(firstLine(md)).toBe('## 🛑 Drill cancelled — demo');
    expect(md).toContain('### What failed');
    expect(md).toContain('job drsjob-00000000000000001 left running');
    expect(md).not.toContain('```mermaid');
  });

  it('a real recovery says RECOVERY on its first line', () => {
    expect(firstLine(renderReportMarkdown(successReport('recovery')))).toBe(
      '## ✅ RECOVERY succeeded — demo',
    );
    const failed = totalFailureReport();
    failed.mode = 'recovery';
    failed.isDrill = false;
    const md = renderReportMarkdown(failed);
    expect(firstLine(md)).toBe('## ❌ RECOVERY failed — demo');
    expect(md).toContain('real recovery, not a drill');
  });
});

describe('renderReportMarkdown: hostile values', () => {
  const report = totalFailureReport();
  report.plan.name = '<img src=x onerror=alert(1)>';
  const server = report.waves[0]!.servers[0]!;
  server.hostname = '<script>alert("x")</script>|evil';
  server.errors[0]!.rawError =
    "line1 | `rm -rf` </code></pre><b>bold</b>\nline2 [link](javascript:alert(1)) it's";
  report.warnings = ['tag value <svg onload=alert(1)> & more\n# not a heading'];
  report.runUrl = 'javascript:alert(1)';
  report.waves[0]!.name = 'da|ta';
  const md = renderReportMarkdown(report);

  it('escapes HTML from AWS and from users everywhere', () => {
    expect(md).not.toMatch(/<script|<img|<svg|<b>bold/);
    expect(md).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#124;evil');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(md).toContain('&lt;svg onload=alert(1)&gt; &amp; more<br>&#35; not a heading');
    expect(md).toContain('line1 &#124; &#96;rm -rf&#96; &lt;/code&gt;&lt;/pre&gt;');
    expect(md).toContain('&#91;link&#93;(javascript:alert(1)) it&#39;s');
    expect(md).not.toContain('href="javascript');
  });

  it('keeps every table row to its columns', () => {
    const tableLines = md.split('\n').filter((l) => l.startsWith('| '));
    const columns = (line: string) => line.split('|').length;
    // Group consecutive lines by their header's column count: a stray pipe would add a column.
    let expected = 0;
    let previousWasTable = false;
    for (const line of md.split('\n')) {
      const isTable = line.startsWith('|');
      if (isTable && !previousWasTable) expected = columns(line);
      if (isTable) expect(columns(line), line).toBe(expected);
      previousWasTable = isTable;
    }
    expect(tableLines.length).toBeGreaterThan(5);
  });

  it('keeps mermaid labels free of syntax', () => {
    const chart = md.slice(md.indexOf('```mermaid'), md.indexOf('```', md.indexOf('```mermaid') + 3));
    const tasks = chart.split('\n').filter((l) => / :/.test(l));
    expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks) {
      const [label] = task.split(' :');
      expect(label).not.toMatch(/[:;#<>"'`|]/);
    }
    expect(chart).toContain('section da ta');
  });
});

describe('renderReportMarkdown: size budget', () => {
  function bigReport(servers: number, rawErrorBytes = 0): Report {
    const report = baseReport();
    const perWave = 100;
    report.waves = [];
    for (let w = 0; w * perWave < servers; w++) {
      const list: ServerReport[] = [];
      for (let i = w * perWave; i < Math.min(servers, (w + 1) * perWave); i++) {
        const s = healthyServer(i + 1, w * 600, `app-${i}.very-long-subdomain.payments.corp.example.com`);
        if (rawErrorBytes > 0 && i % 2 === 0) {
          s.errors.push({
            event: 'LAUNCH_FAILED',
            message: 'Launch failed',
            rawError: 'E'.repeat(rawErrorBytes),
          });
          s.launchStatus = 'FAILED';
        }
        list.push(s);
      }
      report.waves.push(wave(w, `wave-${w}`, w * 600, list, w > 0 ? [`wave-${w - 1}`] : []));
    }
    report.measured.firstStartRecoveryAt = at(0);
    return finalizeReport(report, at(4000), rawErrorBytes > 0 ? 'failed' : 'succeeded');
  }

  it('a 500-server report fits well within 1 MiB without cutting anything', () => {
    const report = bigReport(500);
    const md = renderReportMarkdown(report);
    const bytes = Buffer.byteLength(md, 'utf8');
    expect(bytes).toBeLessThan(512 * 1024);
    expect(md).not.toContain('more servers in report.json');
    expect(md).toContain(`<code>${ec2InstanceId(500)}</code>`);
    // Above 20 servers the chart has one bar per wave, not per server.
    expect(md).toContain('  wave-0 (100 servers) :');
    expect(md).not.toContain('conversion :');
  });

  it('cuts tables with a note when the budget is small', () => {
    const maxBytes = 60_000;
    const md = renderReportMarkdown(bigReport(500), { maxBytes });
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(maxBytes);
    expect(md).toMatch(/\*… \d+ more servers in report\.json\*/);
    expect(firstLine(md)).toBe('## ✅ Drill passed — demo');
    const hidden = Number(/… (\d+) more servers/.exec(md)?.[1]);
    const shownRows = md.split('\n').filter((l) => l.startsWith('| wave-') && l.includes('<code>s-')).length;
    expect(shownRows + hidden).toBe(500);
  });

  it('stays within the default budget even with 64 KiB DRS errors on 250 servers', () => {
    const md = renderReportMarkdown(bigReport(500, 65_536));
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(1024 * 1024 - 64 * 1024);
    expect(firstLine(md)).toBe('## ❌ Drill failed — demo');
    expect(md).toContain('(cut; full text in report.json)');
  });

  it('cuts a long warnings list too, not only the server table', () => {
    const report = successReport();
    report.warnings = Array.from(
      { length: 5000 },
      (_, i) => `server s-${i} replication lag 20m exceeds the 15m RPO`,
    );
    const md = renderReportMarkdown(report, { maxBytes: 50_000 });
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(50_000);
    expect(md).toMatch(/\*… \d+ more warnings in report\.json\*/);
    expect(md).toContain('- server s-0 replication lag');
    // The budget is used for the long list, not cut to the size of the (small) server table.
    expect(md.split('\n').filter((l) => l.startsWith('- server s-')).length).toBeGreaterThan(100);
  });

  it('falls back to the verdict alone when nothing else fits', () => {
    const md = renderReportMarkdown(bigReport(10), { maxBytes: 600 });
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(600);
    expect(firstLine(md)).toBe('## ✅ Drill passed — demo');
  });
});

describe('renderReportMarkdown: no timestamps', () => {
  it('skips the chart and shows dashes instead of durations', () => {
    const report = baseReport();
    const server: ServerReport = {
      sourceServerId: sourceServerId(7),
      critical: true,
      health: 'pending',
      phases: [],
      errors: [],
    };
    report.waves = [
      { name: 'data', index: 0, dependsOn: [], status: 'pending', jobs: [], servers: [server] },
    ];
    const md = renderReportMarkdown(report);
    expect(firstLine(md)).toBe('## ⏳ Drill in progress — demo');
    expect(md).not.toContain('mermaid');
    expect(md).toContain(`| data | — | <code>${sourceServerId(7)}</code> | — | — | — | — | — | pending |  |`);
    expect(md).not.toMatch(/\d+h \d+m/);
  });
});
