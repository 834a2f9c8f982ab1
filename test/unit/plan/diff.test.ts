import { describe, expect, it } from 'vitest';
import { diffPlans, isEmpty, renderPlanDiff, selectorKey } from '../../../src/plan/diff.js';
import { loadPlanText } from '../../../src/plan/load.js';
import type { Plan } from '../../../src/plan/types.js';

const BASE = `version: 1
name: payments
region: us-east-1
objectives: { rto: 45m, rpo: 15m }
defaults:
  launch: { copyTags: true }
  template: { instanceType: m6i.large }
waves:
  - name: data
    servers:
      - id: s-1111111111111111a
      - hostname: db-02.corp.example
    waitAfter: 1m
  - name: app
    servers:
      - id: s-2222222222222222b
      - tags: { Tier: app, App: payments }
  - name: web
    servers:
      - hostname: web-01
`;

function plan(text: string): Plan {
  const result = loadPlanText(text, 'drs-plans/payments.yaml');
  if (!result.plan) throw new Error(JSON.stringify(result.diagnostics));
  return result.plan;
}

const base = plan(BASE);
const edit = (from: string, to: string) => plan(BASE.replace(from, to));

describe('diffPlans', () => {
  it('finds no change when only formatting and comments differ', () => {
    const head = plan(
      `# reformatted\n${BASE.replace('{ rto: 45m, rpo: 15m }', '\n    rpo: 900\n    rto: 2700')}`,
    );
    const diff = diffPlans(base, head);
    expect(diff.status).toBe('unchanged');
    expect(isEmpty(diff)).toBe(true);
    expect(renderPlanDiff(diff)).toMatch(/^No change to what the plan does/);
  });

  it('reports a server moved from one wave to another', () => {
    const moved = plan(
      BASE.replace('      - id: s-2222222222222222b\n', '').replace(
        '      - hostname: db-02.corp.example\n',
        '      - hostname: db-02.corp.example\n      - id: s-2222222222222222b\n',
      ),
    );
    const diff = diffPlans(base, moved);
    expect(diff.serversMoved).toEqual([
      { key: 'id:s-2222222222222222b', label: 's-2222222222222222b', wave: 'data', fromWave: 'app' },
    ]);
    expect(diff.serversAdded).toEqual([]);
    expect(diff.serversRemoved).toEqual([]);
    expect(renderPlanDiff(diff)).toContain(
      '<code>s-2222222222222222b</code> moved from wave **app** to wave **data**',
    );
  });

  it('tells servers added and removed apart, and identifies tag selectors regardless of key order', () => {
    const head = edit('      - hostname: web-01\n', '      - hostname: web-02\n');
    const diff = diffPlans(base, edit('{ Tier: app, App: payments }', '{ App: payments, Tier: app }'));
    expect(diff.status).toBe('unchanged');
    const d2 = diffPlans(base, head);
    expect(d2.serversAdded.map((r) => [r.label, r.wave])).toEqual([['web-02', 'web']]);
    expect(d2.serversRemoved.map((r) => [r.label, r.wave])).toEqual([['web-01', 'web']]);
    const text = renderPlanDiff(d2);
    expect(text).toContain('➕ <code>web-02</code> added to wave **web**');
    expect(text).toContain('➖ <code>web-01</code> removed from wave **web**');
  });

  it('matches hostnames case-insensitively', () => {
    expect(selectorKey({ kind: 'hostname', hostname: 'WEB-01 ' })).toBe(
      selectorKey({ kind: 'hostname', hostname: 'web-01' }),
    );
    expect(diffPlans(base, edit('hostname: web-01', 'hostname: WEB-01')).serversAdded).toEqual([]);
  });

  it('reports waves added, removed and reordered, and the dependsOn that follows', () => {
    const reordered = plan(
      BASE.replace(/ {2}- name: app\n[\s\S]*?(?= {2}- name: web)/, '').replace(
        '  - name: data\n',
        '  - name: app\n    dependsOn: []\n    servers:\n      - id: s-2222222222222222b\n      - tags: { Tier: app, App: payments }\n  - name: data\n',
      ),
    );
    const diff = diffPlans(base, reordered);
    expect(diff.waveOrder).toEqual({ from: ['data', 'app', 'web'], to: ['app', 'data', 'web'] });
    expect(diff.waveChanges).toEqual([
      { wave: 'app', fields: [{ field: 'dependsOn', from: ['data'], to: [] }] },
      { wave: 'data', fields: [{ field: 'dependsOn', from: [], to: ['app'] }] },
      { wave: 'web', fields: [{ field: 'dependsOn', from: ['app'], to: ['data'] }] },
    ]);
    expect(renderPlanDiff(diff)).toContain(
      '🔀 Waves reordered: **app** → **data** → **web** (was **data** → **app** → **web**)',
    );

    const added = diffPlans(
      base,
      plan(`${BASE}  - name: batch\n    dependsOn: []\n    servers:\n      - id: s-3333333333333333c\n`),
    );
    expect(added.wavesAdded).toEqual(['batch']);
    expect(added.serversAdded.map((r) => r.label)).toEqual(['s-3333333333333333c']);
    expect(renderPlanDiff(added)).toContain('➕ Wave **batch** added with <code>s-3333333333333333c</code>');
    expect(renderPlanDiff(added)).not.toContain('added to wave');

    const removed = diffPlans(base, plan(BASE.replace(/ {2}- name: web\n[\s\S]*$/, '')));
    expect(removed.wavesRemoved).toEqual(['web']);
    expect(renderPlanDiff(removed)).toContain('➖ Wave **web** removed (had <code>web-01</code>)');
  });

  it('reports objectives, onFailure, timeouts and waitAfter', () => {
    const head = plan(
      BASE.replace('rto: 45m', 'rto: 30m')
        .replace('waitAfter: 1m', 'waitAfter: 5m\n    timeout: 20m')
        .replace('waves:\n', 'onFailure: continue\nwaves:\n'),
    );
    const diff = diffPlans(base, head);
    expect(diff.planFields).toEqual([
      { field: 'objectives.rto', from: 2700, to: 1800 },
      { field: 'onFailure', from: 'stop', to: 'continue' },
    ]);
    expect(diff.waveChanges).toEqual([
      {
        wave: 'data',
        fields: [
          { field: 'timeout', from: 3600, to: 1200 },
          { field: 'waitAfter', from: 60, to: 300 },
        ],
      },
    ]);
    const text = renderPlanDiff(diff);
    expect(text).toContain('Plan <code>objectives.rto</code> <code>45m</code> → <code>30m</code>');
    expect(text).toContain('Wave **data**: <code>timeout</code> <code>1h</code> → <code>20m</code>');
  });

  it('reports critical and snapshot changes per server', () => {
    const head = edit(
      '      - hostname: db-02.corp.example\n',
      '      - hostname: db-02.corp.example\n        critical: false\n        snapshot: pit-0123456789abcdef0\n',
    );
    const diff = diffPlans(base, head);
    expect(diff.serverChanges).toEqual([
      {
        key: 'hostname:db-02.corp.example',
        label: 'db-02.corp.example',
        wave: 'data',
        fields: [
          { field: 'critical', from: true, to: false },
          { field: 'snapshot', from: undefined, to: 'pit-0123456789abcdef0' },
        ],
      },
    ]);
    const text = renderPlanDiff(diff);
    expect(text).toContain('<code>db-02.corp.example</code>: now **non-critical**');
    expect(text).toContain('<code>snapshot</code> *unset* → <code>pit-0123456789abcdef0</code>');
  });

  it('compares effective launch/template settings and groups one defaults edit into one line', () => {
    const head = edit('instanceType: m6i.large', 'instanceType: m6i.xlarge');
    const diff = diffPlans(base, head);
    expect(diff.serverChanges).toHaveLength(5);
    const text = renderPlanDiff(diff);
    expect(text.split('\n')).toHaveLength(1);
    expect(text).toContain(
      '<code>template.instanceType</code> <code>m6i.large</code> → <code>m6i.xlarge</code>',
    );
    // A wave override that restates the default changes nothing.
    const same = edit('    waitAfter: 1m\n', '    waitAfter: 1m\n    launch: { copyTags: true }\n');
    expect(diffPlans(base, same).status).toBe('unchanged');
    const wave = diffPlans(
      base,
      edit('    waitAfter: 1m\n', '    waitAfter: 1m\n    launch: { copyPrivateIp: true }\n'),
    );
    expect(wave.serverChanges.map((c) => c.label)).toEqual(['s-1111111111111111a', 'db-02.corp.example']);
  });

  it('describes a plan added or deleted', () => {
    const added = diffPlans(undefined, base);
    expect(added.status).toBe('added');
    expect(added.wavesAdded).toEqual(['data', 'app', 'web']);
    expect(renderPlanDiff(added)).toMatch(/^🆕 \*\*New plan\*\*/);
    const deleted = diffPlans(base, undefined);
    expect(deleted.status).toBe('deleted');
    expect(deleted.serversRemoved).toHaveLength(5);
    expect(renderPlanDiff(deleted)).toMatch(/^🗑️ \*\*Plan deleted\*\*/);
  });

  it('escapes plan-sourced text', () => {
    const diff = diffPlans(base, edit('hostname: web-01', 'hostname: "web-01<img src=x>"'));
    const text = renderPlanDiff(diff);
    expect(text).not.toContain('<img');
    expect(text).toContain('&lt;img');
  });
});
