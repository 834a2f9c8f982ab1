/** The one table `npm run bench` prints (and bench/README.md keeps), as Markdown. Pure. */
import type { BenchResults } from './results.js';
import type { Spread } from './stats.js';

export interface Row {
  metric: string;
  median: string;
  min: string;
  max: string;
  target: string;
  note?: string;
}

function fmt(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

export function spreadRow(metric: string, s: Spread, digits: number, target = '', note = ''): Row {
  return {
    metric,
    median: fmt(s.median, digits),
    min: fmt(s.min, digits),
    max: fmt(s.max, digits),
    target,
    ...(note ? { note } : {}),
  };
}

export function valueRow(metric: string, value: string, target = '', note = ''): Row {
  return { metric, median: value, min: '', max: '', target, ...(note ? { note } : {}) };
}

const seconds = (s: Spread): Spread => ({
  ...s,
  median: s.median / 1000,
  min: s.min / 1000,
  max: s.max / 1000,
});

/** The operations with the most calls, e.g. "DescribeJobs 121, DescribeInstances 55". */
export function topCalls(calls: Record<string, number>, n = 4): string {
  return Object.entries(calls)
    .sort(([, a], [, b]) => b - a)
    .slice(0, n)
    .map(([op, count]) => `${op} ${Math.round(count)}`)
    .join(', ');
}

export function resultRows(r: BenchResults): Row[] {
  const rows: Row[] = [];
  const labels: Record<string, string> = {
    serial: '(a) 3-wave serial',
    parallel: '(b) 6-wave DAG',
    large: '',
  };
  for (const [key, p] of Object.entries(r.plans)) {
    const label = labels[key] || `(c) ${p.plan}`;
    const target = key === 'large' ? '' : '≤ 1.05';
    rows.push(
      spreadRow(
        `Overhead ratio ${label}`,
        p.ours.overheadRatio,
        3,
        target,
        `wall ${fmt(p.ours.wallMs.median / 1000, 1)} s ÷ DRS critical path ${fmt(p.ours.criticalPathMs.median / 1000, 1)} s`,
      ),
    );
  }
  rows.push(
    spreadRow(
      'Detection latency, median (ms)',
      r.detection.observe.median,
      0,
      '',
      'state change → first call that sees it',
    ),
  );
  rows.push(spreadRow('Detection latency, p95 (ms)', r.detection.observe.p95, 0));
  rows.push(
    spreadRow(
      'Dependant start latency, median (ms)',
      r.detection.act.median,
      0,
      '',
      'wave done → next StartRecovery',
    ),
  );
  rows.push(spreadRow('Dependant start latency, p95 (ms)', r.detection.act.p95, 0));
  for (const [key, p] of Object.entries(r.plans)) {
    rows.push(spreadRow(`API calls per run ${key}`, p.ours.totalCalls, 0, '', topCalls(p.ours.calls)));
    rows.push(
      spreadRow(
        `API calls per poll tick ${key} (mean)`,
        p.ours.callsPerTickMean,
        2,
        '',
        `max ${p.ours.callsPerTickMax}; DescribeJobs max ${p.ours.describeJobsPerTickMax}`,
      ),
    );
  }
  rows.push(valueRow('DescribeJobs per tick (max, all plans)', String(r.describeJobsPerTick), '1'));
  for (const [key, p] of Object.entries(r.plans)) {
    if (!p.vsAnchors || !p.theirs) continue;
    const expect = key === 'parallel' ? `≈ ${fmt(r.parallelDepthShare, 2)}` : '';
    rows.push(
      spreadRow(
        `Ours ÷ anchors' scheme, wall ${key}`,
        p.vsAnchors.wall,
        3,
        expect,
        `theirs ${fmt(p.theirs.wallMs.median / 1000, 1)} s`,
      ),
    );
    rows.push(
      spreadRow(
        `Ours ÷ anchors' scheme, API calls ${key}`,
        p.vsAnchors.calls,
        2,
        '',
        `theirs ${Math.round(p.theirs.totalCalls.median)}: ${topCalls(p.theirs.calls, 3)}`,
      ),
    );
  }
  rows.push(valueRow('Bundle size, all chunks (MB)', fmt(r.startup.bundleBytes / 2 ** 20, 2)));
  rows.push(spreadRow('Start → first AWS request (ms)', r.startup.toFirstRequestMs, 0, '≤ 300'));
  const ratio = r.startup.ratio;
  if (ratio) {
    rows.push(
      valueRow(
        'Start-up CPU ÷ floor (drill, to first request)',
        fmt(ratio.cpu, 2),
        '≤ 1.5',
        `${ratio.node}${ratio.compileCache ? ', warm compile cache' : ''}, ${ratio.pairs} pairs: ${fmt(ratio.action.cpuMs.median, 0)} ÷ ${fmt(ratio.floor.cpuMs.median, 0)} ms CPU`,
      ),
    );
    rows.push(
      valueRow(
        'Start-up wall ÷ floor (drill, to first request)',
        fmt(ratio.wall, 2),
        '',
        `${fmt(ratio.action.wallMs.median, 0)} ÷ ${fmt(ratio.floor.wallMs.median, 0)} ms`,
      ),
    );
  }
  for (const [key, p] of Object.entries(r.plans))
    rows.push(
      spreadRow(
        `Start → first StartRecovery ${key} (ms)`,
        p.ours.toFirstStartRecoveryMs,
        0,
        '',
        'start-up + preflight',
      ),
    );
  rows.push(spreadRow('validate, example plan (ms)', r.startup.validateExampleMs, 0, '', 'whole process'));
  rows.push(
    spreadRow('validate, 4,000-server plan (ms)', r.startup.validate4000Ms, 0, '≤ 1000', 'whole process'),
  );
  const large = r.plans.large;
  if (large) rows.push(spreadRow(`Peak RSS, ${large.plan} (MB)`, large.ours.peakRssMb, 0, '≤ 150'));
  for (const [key, p] of Object.entries(r.plans))
    rows.push(spreadRow(`Wall time ${key} (s)`, seconds(p.ours.wallMs), 1, '', `runs: ${p.runs}`));
  return rows;
}

export function renderTable(rows: readonly Row[]): string {
  const header = ['Metric', 'Median', 'Min', 'Max', 'Target', 'Note'];
  const cells = rows.map((r) => [r.metric, r.median, r.min, r.max, r.target, r.note ?? '']);
  return markdown(header, cells);
}

/** The scale drills, one row per size (bench/scale.ts). */
export function scaleTable(r: BenchResults): string {
  if (r.scale.length === 0) return '';
  const header = [
    'Servers',
    'Overhead ratio',
    'Calls per server',
    'DescribeJobs per tick',
    'To first StartRecovery (ms)',
    'Peak RSS (MB)',
  ];
  const cells = r.scale.map((s) => [
    String(s.servers),
    fmt(s.overheadRatio, 3),
    fmt(s.callsPerServer, 2),
    String(s.describeJobsPerTick),
    fmt(s.toFirstStartRecoveryMs, 0),
    fmt(s.peakRssMb, 0),
  ]);
  const note = `Peak RSS growth per server (slope over ≥ 100 servers): ${fmt(r.rssPerServerKb, 1)} KB`;
  return `${markdown(header, cells)}\n\n${note}`;
}

function markdown(header: readonly string[], cells: readonly string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) => `| ${c.map((x, i) => x.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
