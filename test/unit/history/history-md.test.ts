import { describe, expect, it } from 'vitest';
import { renderHistorySection, renderStatusSummary } from '../../../src/history/history-md.js';
import { record } from './helpers.js';

describe('History section', () => {
  it('shows the last twelve runs newest first, whatever the history size, within its byte budget', () => {
    const records = Array.from({ length: 500 }, (_, i) => record(i, 900 + i));
    const section = renderHistorySection(records, { branch: 'drs-drill-history', total: 500 });
    expect(section).toMatch(/Last 12 of 500 recorded runs of this plan/);
    const rows = section.split('\n').filter((l) => /^\| \d{4}-/.test(l));
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatch(/^\| 2027-05-15 00:00:00Z \| ✅ passed \| 23m 19s \/ 45m ✅ \|/);
    expect(Buffer.byteLength(section)).toBeLessThan(16 * 1024);
  });

  it('escapes what it did not write itself, and links only http(s) run URLs', () => {
    const r = record(1, 900);
    r.runUrl = 'javascript:alert(1)';
    r.runId = '<b>1</b>';
    r.rpo.definition = 'x | <script>';
    const section = renderHistorySection([r], { branch: 'a<b', total: 1 });
    expect(section).not.toMatch(/<script>|<b>1|javascript:|href/);
    expect(section).toContain('run &lt;b&gt;1&lt;&#47;b&gt;'.replace('&#47;', '/'));
  });

  it('says when this run is not in the history, and that nothing is recorded yet', () => {
    expect(
      renderHistorySection([], { branch: 'h', total: 0, notRecorded: 'the token may not write' }),
    ).toMatch(
      /No drill of this plan is recorded on branch <code>h<\/code> yet\.[\s\S]*> ⚠️ This run is not in the history: the token may not write/,
    );
  });
});

describe('status summary', () => {
  it('lists stale plans first with their reasons, then proven ones', () => {
    const text = renderStatusSummary(
      [
        {
          path: 'drs-plans/fresh.yaml',
          name: 'fresh',
          last: record(30, 900),
          lastProven: record(30, 900),
          ageSeconds: 86400,
          reasons: [],
        },
        { path: 'drs-plans/new.yaml', name: 'new', reasons: ['never'] },
        { path: 'drs-plans/bad.yaml', invalid: 'waves[0]: unknown key', reasons: [] },
      ],
      { branch: 'drs-drill-history', maxAgeSeconds: 35 * 86400, estateChecked: false },
    );
    expect(text).toMatch(/^## ⚠️ 2 of 3 plans not proven/);
    const rows = text.split('\n').filter((l) => l.startsWith('| <code>'));
    expect(rows.map((r) => /<code>(.*?)<\/code>/.exec(r)?.[1])).toEqual([
      'drs-plans/new.yaml',
      'drs-plans/bad.yaml',
      'drs-plans/fresh.yaml',
    ]);
    expect(rows[0]).toMatch(/⚠️ never drilled \|$/);
    expect(rows[2]).toMatch(/✅ proven \|$/);
    expect(text).toMatch(/at most 35d old \(max-age\).*The estate was not compared/);
  });
});
