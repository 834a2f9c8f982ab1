import { describe, expect, it } from 'vitest';
import { hostnameMatches, resolvePlan } from '../../../src/engine/resolve.js';
import { plan, sourceServer, spec, wave } from '../../support/builders.js';

const estate = [
  sourceServer('s-10000000000000001', {
    hostname: 'db-01',
    fqdn: 'db-01.corp.example',
    tags: { App: 'pay', Tier: 'db' },
  }),
  sourceServer('s-10000000000000002', { fqdn: 'DB-02.corp.example', tags: { App: 'pay', Tier: 'db' } }),
  sourceServer('s-10000000000000003', { hostname: 'app-01', tags: { App: 'pay', Tier: 'app' } }),
  sourceServer('s-10000000000000004', {
    hostname: 'app-01',
    tags: { App: 'pay', Tier: 'app' },
    replicationDirection: 'FAILBACK',
  }),
];

const ids = (r: ReturnType<typeof resolvePlan>, i = 0) =>
  r.executionPlan.waves[i]?.servers.map((s) => s.sourceServerId);

describe('hostnameMatches', () => {
  it('matches hostname or fqdn case-insensitively, and a bare name against the first label', () => {
    const [db1, db2] = estate;
    expect(hostnameMatches('DB-01.CORP.EXAMPLE', db1!)).toBe(true);
    expect(hostnameMatches('db-02', db2!)).toBe(true);
    expect(hostnameMatches('db-02.corp.example', db2!)).toBe(true);
    expect(hostnameMatches('db-0', db1!)).toBe(false);
    expect(hostnameMatches('db-01.other.example', db1!)).toBe(false);
  });
});

describe('resolvePlan', () => {
  it('resolves id, hostname and tag selectors and keeps the hostname for reports', () => {
    const p = plan([
      wave('data', [
        spec({ kind: 'id', sourceServerId: 's-10000000000000001' }),
        spec({ kind: 'hostname', hostname: 'db-02.corp.example' }),
      ]),
      wave('app', [spec({ kind: 'tags', tags: { App: 'pay', Tier: 'app' } })]),
    ]);
    const r = resolvePlan(p, estate);
    expect(r.problems).toEqual([]);
    expect(ids(r, 0)).toEqual(['s-10000000000000001', 's-10000000000000002']);
    expect(r.executionPlan.waves[0]?.servers.map((s) => s.hostname)).toEqual(['db-01', 'DB-02.corp.example']);
    // The failback server shares tags and hostname but is not selected by them.
    expect(ids(r, 1)).toEqual(['s-10000000000000003']);
  });

  it('needs every tag to match', () => {
    const r = resolvePlan(
      plan([wave('w', [spec({ kind: 'tags', tags: { App: 'pay', Tier: 'db' } })])]),
      estate,
    );
    expect(ids(r)).toEqual(['s-10000000000000001', 's-10000000000000002']);
    const none = resolvePlan(
      plan([wave('w', [spec({ kind: 'tags', tags: { App: 'pay', Tier: 'web' } })])]),
      estate,
    );
    expect(ids(none)).toEqual([]);
    expect(none.problems).toHaveLength(1);
  });

  it('reports a selector that matches nothing at its position', () => {
    const s = spec({ kind: 'hostname', hostname: 'nope' });
    const r = resolvePlan(plan([wave('w', [s])]), estate);
    expect(r.problems).toEqual([
      expect.objectContaining({
        wave: 'w',
        position: s.position,
        message: expect.stringContaining('hostname nope'),
      }),
    ]);
  });

  it('reports a server selected in two waves, naming both entries', () => {
    const first = spec({ kind: 'id', sourceServerId: 's-10000000000000001' });
    const second = spec({ kind: 'tags', tags: { Tier: 'db' } });
    const r = resolvePlan(plan([wave('data', [first]), wave('more', [second])]), estate);
    expect(r.problems).toHaveLength(1);
    const [problem] = r.problems;
    expect(problem).toMatchObject({
      sourceServerId: 's-10000000000000001',
      hostname: 'db-01',
      position: second.position,
    });
    expect(problem?.message).toContain('wave "data"');
    expect(problem?.message).toContain(`plan.yaml:${first.position.line}:${first.position.col}`);
    // The server stays in its first wave only.
    expect(ids(r, 1)).toEqual(['s-10000000000000002']);
  });

  it('reports a server selected twice in one wave', () => {
    const r = resolvePlan(
      plan([
        wave('w', [
          spec({ kind: 'hostname', hostname: 'db-01' }),
          spec({ kind: 'id', sourceServerId: 's-10000000000000001' }),
        ]),
      ]),
      estate,
    );
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.message).toContain('the same wave');
  });

  it('reports a hostname that names several servers', () => {
    const twins = [
      sourceServer('s-20000000000000001', { hostname: 'web' }),
      sourceServer('s-20000000000000002', { hostname: 'web' }),
    ];
    const r = resolvePlan(plan([wave('w', [spec({ kind: 'hostname', hostname: 'web' })])]), twins);
    expect(r.problems[0]?.message).toMatch(
      /matches 2 source servers \(s-20000000000000001, s-20000000000000002\)/,
    );
  });

  it('reports a wave above 500 resolved servers, and accepts exactly 500', () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        sourceServer(`s-3${String(i).padStart(16, '0')}`, { tags: { Big: 'yes' } }),
      );
    const big = plan([wave('big', [spec({ kind: 'tags', tags: { Big: 'yes' } })])]);
    expect(resolvePlan(big, many(500)).problems).toEqual([]);
    const over = resolvePlan(big, many(501));
    expect(over.problems).toEqual([
      expect.objectContaining({ wave: 'big', message: expect.stringContaining('501 source servers') }),
    ]);
  });
});
