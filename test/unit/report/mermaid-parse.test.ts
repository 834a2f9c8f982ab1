// @vitest-environment jsdom
/**
 * The charts of the summaries parse with the real mermaid library (under jsdom: no browser). GitHub
 * renders a chart mermaid cannot parse as an error box, so this is the check that matters.
 */
import mermaid from 'mermaid';
import { beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_ROWS, renderHistorySection, renderTrendChart } from '../../../src/history/history-md.js';
import { renderGantt } from '../../../src/report/gantt.js';
import { record } from '../history/helpers.js';
import { successReport } from './fixtures.js';

/** The body of every ```mermaid block in a markdown text. */
function charts(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? '');
}

async function diagramType(chart: string): Promise<string> {
  const result = await mermaid.parse(chart);
  if (!result) throw new Error('mermaid did not parse the chart');
  return result.diagramType;
}

beforeAll(() => {
  mermaid.initialize({ startOnLoad: false });
});

describe('mermaid charts', () => {
  it('the parser refuses a broken chart (so a pass below means something)', async () => {
    await expect(mermaid.parse('xychart-beta\n  bar [1, 2,')).rejects.toThrow();
  });

  it('the History section: RTO and RPO per run against their objectives parse as xychart', async () => {
    const records = Array.from({ length: 20 }, (_, i) => record(i, 900 + 37 * i));
    // Two runs on one day and one without a measured RTO (failed) among them.
    records.push(record(19, undefined, { recovered: false }), record(19, 1900));
    const section = renderHistorySection(records, { branch: 'drs-drill-history', total: records.length });
    const found = charts(section);
    expect(found).toHaveLength(2);
    for (const chart of found) expect(await diagramType(chart)).toBe('xychart');
    expect(found[0]).toMatch(/^xychart-beta\n {2}title "RTO per run/);
    // The last twelve runs, less the one that measured no RTO, are drawn; labels stay unique.
    const labels = /x-axis \[(.*)\]/.exec(found[0] ?? '')?.[1]?.split(', ') ?? [];
    expect(labels).toHaveLength(HISTORY_ROWS - 1);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('a chart without objectives, and with hostile plan names elsewhere, still parses', async () => {
    const records = [record(1, 60), record(2, 7200)].map((r) => ({ ...r, rto: { seconds: r.rto.seconds } }));
    const chart = renderTrendChart(records, 'rto');
    expect(chart).not.toMatch(/line \[/);
    expect(await diagramType(charts(chart)[0] ?? '')).toBe('xychart');
  });

  it('the drill timeline parses as a gantt chart', async () => {
    const [gantt] = charts(renderGantt(successReport()));
    expect(await diagramType(gantt ?? '')).toBe('gantt');
  });
});
