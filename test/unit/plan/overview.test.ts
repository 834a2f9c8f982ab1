import { describe, expect, it } from 'vitest';
import { loadPlanText } from '../../../src/plan/load.js';
import { formatDiagnostic, renderPlanOverview } from '../../../src/plan/overview.js';
import { yaml } from './helpers.js';

describe('renderPlanOverview', () => {
  const plan = loadPlanText(
    yaml(
      'version: 1',
      'name: shop',
      'description: "Shop <b>prod</b> | all"',
      'region: us-east-1',
      'objectives: { rto: 1h30m }',
      'waves:',
      '  - name: data',
      '    waitAfter: 2m',
      '    servers:',
      '      - id: s-1111111111111111a',
      '        snapshot: pit-0123456789abcdef0',
      '      - hostname: "<script>x</script>"',
      '        critical: false',
      '  - name: app',
      '    timeout: 1h30m15s',
      '    servers: [{ tags: { App: "a|b", Tier: web } }]',
    ),
    'shop.yaml',
  ).plan!;
  const md = renderPlanOverview(plan);

  it('lists every wave with its dependencies and timings', () => {
    expect(md).toContain('### Plan <code>shop</code>: 2 waves, 3 server selectors');
    expect(md).toContain('| data | (starts at once) | 1h | 2m | ');
    expect(md).toContain('| app | data | 1h30m15s | 0s | ');
    expect(md).toContain('RTO target 1h30m');
  });

  it('shows each selector with critical and snapshot', () => {
    expect(md).toContain(
      'id <code>s-1111111111111111a</code> (critical, snapshot <code>pit-0123456789abcdef0</code>)',
    );
    expect(md).toContain('(non-critical)');
    expect(md).toContain('tags <code>App=a&#124;b, Tier=web</code> (critical)');
  });

  it('escapes user text', () => {
    expect(md).not.toContain('<script>');
    expect(md).not.toContain('<b>');
    expect(md).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(md).toContain('Shop &lt;b&gt;prod&lt;/b&gt; &#124; all');
  });
});

describe('formatDiagnostic', () => {
  it('formats errors and warnings compiler-style', () => {
    const base = { file: 'p.yaml', line: 3, col: 7, path: 'name', message: 'name: bad' };
    expect(formatDiagnostic({ ...base, severity: 'error' })).toBe('p.yaml:3:7: name: bad');
    expect(formatDiagnostic({ ...base, severity: 'warning' })).toBe('p.yaml:3:7: warning: name: bad');
  });
});
