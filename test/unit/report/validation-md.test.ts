import { describe, expect, it } from 'vitest';
import type { Diagnostic, Plan, ServerSpec } from '../../../src/plan/types.js';
import { renderValidationSummary } from '../../../src/report/markdown.js';

const position = { file: 'drs-plans/demo.yaml', line: 1, col: 1 };

function spec(selector: ServerSpec['selector'], extra: Partial<ServerSpec> = {}): ServerSpec {
  return {
    selector,
    critical: true,
    launch: {},
    template: {},
    healthCheck: 'ec2-status',
    postLaunch: [],
    position,
    ...extra,
  };
}

const plan: Plan = {
  version: 1,
  name: 'demo',
  description: 'Three-tier <demo>',
  region: 'us-east-1',
  objectives: { rtoSeconds: 2700, rpoSeconds: 900 },
  onFailure: 'stop',
  file: 'drs-plans/demo.yaml',
  sha256: 'c'.repeat(64),
  waves: [
    {
      name: 'data',
      index: 0,
      dependsOn: [],
      timeoutSeconds: 1800,
      waitAfterSeconds: 60,
      checks: [],
      position,
      servers: [
        spec({ kind: 'id', sourceServerId: 's-1000000000000000a' }),
        spec(
          { kind: 'hostname', hostname: 'db-02.demo.internal' },
          { critical: false, snapshot: 'pit-0123456789abcdef0' },
        ),
      ],
    },
    {
      name: 'app',
      index: 1,
      dependsOn: ['data'],
      timeoutSeconds: 3600,
      waitAfterSeconds: 0,
      checks: [],
      position,
      servers: [spec({ kind: 'tags', tags: { App: 'demo', Tier: 'app' } })],
    },
  ],
};

function diagnostic(
  line: number,
  severity: Diagnostic['severity'],
  message: string,
  file = 'drs-plans/bad.yaml',
): Diagnostic {
  return { file, line, col: 3, severity, path: '', message };
}

describe('renderValidationSummary', () => {
  it('a valid plan: verdict and overview with waves, dependencies, timeouts and selectors', () => {
    const md = renderValidationSummary([{ file: 'drs-plans/demo.yaml', plan, diagnostics: [] }]);
    expect(md.split('\n')[0]).toBe('## ✅ Plan valid — <code>drs-plans/demo.yaml</code>');
    expect(md).not.toContain('### Diagnostics');
    expect(md).toContain('RTO 45m · RPO 15m · on failure: stop');
    expect(md).toContain('Three-tier &lt;demo&gt;');
    expect(md).toMatch(
      /\| data \| — \(starts at once\) \| 30m \| 1m \| id <code>s-1000000000000000a<\/code> \(critical\)<br>hostname <code>db-02.demo.internal<\/code> \(non-critical, snapshot <code>pit-0123456789abcdef0<\/code>\) \|/,
    );
    expect(md).toContain(
      '| app | data | 1h | — | tags <code>App=demo</code>, <code>Tier=app</code> (critical) |',
    );
  });

  it('lists every diagnostic, far beyond the ten annotations, sorted by place', () => {
    const diagnostics = Array.from({ length: 25 }, (_, i) =>
      diagnostic(25 - i, 'error', `problem ${25 - i}`),
    );
    diagnostics.push(diagnostic(4, 'warning', 'waves[0].waitAfter: unusually long'));
    const md = renderValidationSummary([
      { file: 'drs-plans/bad.yaml', diagnostics },
      { file: 'drs-plans/demo.yaml', plan, diagnostics: [] },
    ]);
    expect(md.split('\n')[0]).toBe('## ❌ Plan validation failed — 2 plans');
    expect(md).toContain('25 errors, 1 warning.');
    for (let line = 1; line <= 25; line++) expect(md).toContain(`<code>drs-plans/bad.yaml:${line}:3</code>`);
    expect(md.indexOf('bad.yaml:2:3')).toBeLessThan(md.indexOf('bad.yaml:10:3'));
    expect(md).toContain(
      '| <code>drs-plans/bad.yaml:4:3</code> | ⚠️ warning | waves&#91;0&#93;.waitAfter: unusually long |',
    );
    // The valid plan next to the broken one still gets its overview.
    expect(md).toContain('### Plan demo');
  });

  it('escapes messages quoting the user’s YAML', () => {
    const md = renderValidationSummary([
      {
        file: 'p|.yaml',
        diagnostics: [diagnostic(2, 'error', 'unknown key "<script>" | did you mean `name`?')],
      },
    ]);
    expect(md).not.toContain('<script>');
    expect(md).toContain('unknown key &quot;&lt;script&gt;&quot; &#124; did you mean &#96;name&#96;?');
  });

  it('a plan with warnings only is valid, and says so', () => {
    const md = renderValidationSummary([
      {
        file: 'drs-plans/demo.yaml',
        plan,
        diagnostics: [diagnostic(3, 'warning', 'w', 'drs-plans/demo.yaml')],
      },
    ]);
    expect(md.split('\n')[0]).toBe('## ✅ Plan valid — <code>drs-plans/demo.yaml</code> with 1 warning');
    expect(md).toContain('### Plan demo');
  });

  it('stays within its byte budget: overviews go first, then diagnostic rows, each with a note', () => {
    const diagnostics = Array.from({ length: 1500 }, (_, i) =>
      diagnostic(i + 1, 'error', `problem number ${i + 1} `.repeat(5)),
    );
    const results = [
      { file: 'drs-plans/bad.yaml', diagnostics },
      { file: 'drs-plans/demo.yaml', plan, diagnostics: [] },
    ];
    expect(renderValidationSummary(results)).toContain('### Plan demo');
    const md = renderValidationSummary(results, { maxBytes: 40_000 });
    expect(Buffer.byteLength(md, 'utf8')).toBeLessThanOrEqual(40_000);
    expect(md).not.toContain('### Plan demo');
    expect(md).toContain('1 more plan overview left out');
    const hidden = Number(/… (\d+) more diagnostics not shown/.exec(md)?.[1]);
    const rows = md.split('\n').filter((l) => l.startsWith('| <code>drs-plans/bad.yaml:')).length;
    expect(rows).toBeGreaterThan(0);
    expect(rows + hidden).toBe(1500);
  });
});
