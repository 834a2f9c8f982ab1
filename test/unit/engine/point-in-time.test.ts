import { describe, expect, it } from 'vitest';
import { parsePointInTime } from '../../../src/core/point-in-time.js';
import { choosePointInTimeSnapshot, latestAtOrBefore } from '../../../src/engine/point-in-time.js';
import { runPreflight } from '../../../src/engine/preflight.js';
import { buildStartRequest } from '../../../src/engine/start.js';
import { UserError } from '../../../src/errors.js';
import { fixedClock, healthyEstate, plan, sourceServer, spec, wave } from '../../support/builders.js';
import { writesOf } from '../../support/fake-aws.js';

const snap = (id: string, at: string) => ({
  snapshotID: id,
  sourceServerID: 's-1',
  expectedTimestamp: at,
  timestamp: at,
});
const P1 = 'pit-00000000000000001';
const P2 = 'pit-00000000000000002';
const P3 = 'pit-00000000000000003';
// DRS's own format (offset, microseconds), newest first as asked with order DESC.
const SNAPSHOTS = [
  snap(P3, '2026-03-01T11:50:00.000000+00:00'),
  snap(P2, '2026-03-01T11:40:00.000000+00:00'),
  snap(P1, '2026-03-01T11:30:00.000000+00:00'),
];

describe('parsePointInTime', () => {
  it('takes an ISO 8601 time with an offset and gives it back in UTC', () => {
    expect(parsePointInTime('2026-03-01T12:30:00+01:00')).toBe('2026-03-01T11:30:00.000Z');
    expect(parsePointInTime(' 2026-03-01T11:30Z ')).toBe('2026-03-01T11:30:00.000Z');
    expect(parsePointInTime('2026-03-01T11:30:00.5+0100')).toBe('2026-03-01T10:30:00.500Z');
    expect(parsePointInTime('')).toBeUndefined();
  });

  it.each([
    '2026-03-01',
    '2026-03-01T11:30:00',
    '2026-02-30T11:30:00Z',
    '2026-13-01T11:30:00Z',
    '2026-03-01T25:30:00Z',
    'yesterday',
    '1740873600',
  ])('refuses %j with a message naming the input', (text) => {
    expect(() => parsePointInTime(text)).toThrow(UserError);
    expect(() => parsePointInTime(text)).toThrow(
      /input point-in-time: .* is not an ISO 8601 time with an offset/,
    );
  });
});

describe('choosing the snapshot', () => {
  it('picks the newest snapshot at or before the time, in any listing order', () => {
    expect(latestAtOrBefore(SNAPSHOTS, Date.parse('2026-03-01T11:45:00Z'))?.snapshotID).toBe(P2);
    expect(latestAtOrBefore([...SNAPSHOTS].reverse(), Date.parse('2026-03-01T11:40:00Z'))?.snapshotID).toBe(
      P2,
    );
    expect(latestAtOrBefore(SNAPSHOTS, Date.parse('2026-03-01T11:29:59Z'))).toBeUndefined();
  });

  it('a pin at or before the time wins; a pin after it is an error', () => {
    const pointInTime = '2026-03-01T11:45:00.000Z';
    expect(choosePointInTimeSnapshot({ pointInTime, pinned: P1, snapshots: SNAPSHOTS })).toEqual({
      snapshot: { id: P1, at: '2026-03-01T11:30:00.000Z' },
    });
    const late = choosePointInTimeSnapshot({ pointInTime, pinned: P3, snapshots: SNAPSHOTS });
    expect(late && 'finding' in late && late.finding.message).toBe(
      `pinned snapshot ${P3} (taken 2026-03-01T11:50:00.000Z) is after the point in time ${pointInTime}`,
    );
  });

  it('no snapshot early enough names the oldest one', () => {
    const none = choosePointInTimeSnapshot({ pointInTime: '2026-03-01T10:00:00.000Z', snapshots: SNAPSHOTS });
    expect(none && 'finding' in none && none.finding).toMatchObject({
      level: 'error',
      message:
        'has no recovery snapshot taken at or before the point in time 2026-03-01T10:00:00.000Z (its oldest is from 2026-03-01T11:30:00.000Z)',
    });
  });
});

describe('runPreflight with a point in time', () => {
  const A = 's-a0000000000000001';
  const B = 's-b0000000000000002';
  const setup = () => {
    const estate = healthyEstate([sourceServer(A, { hostname: 'db-01' }), sourceServer(B)]);
    estate.drs.snapshots.set(
      A,
      SNAPSHOTS.map((s) => ({ ...s, sourceServerID: A })),
    );
    estate.drs.snapshots.set(B, [snap(P1, '2026-03-01T11:55:00Z')]);
    const p = plan([
      wave('data', [spec({ kind: 'id', sourceServerId: A }), spec({ kind: 'id', sourceServerId: B })]),
    ]);
    return { ...estate, p };
  };

  it('chooses each server’s snapshot; one with none stops the run, naming server and time', async () => {
    const { drs, ec2, p } = setup();
    const pointInTime = '2026-03-01T11:45:00.000Z';
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, p, { mode: 'drill', pointInTime });
    expect(result.problems.map((x) => x.message)).toEqual([
      `Source server ${B}: has no recovery snapshot taken at or before the point in time ${pointInTime} (its oldest is from 2026-03-01T11:55:00.000Z)`,
    ]);
    const [a] = result.executionPlan?.waves[0]?.servers ?? [];
    expect(a?.recoverySnapshot).toEqual({ id: P2, at: '2026-03-01T11:40:00.000Z' });
    expect(writesOf(drs, ec2)).toEqual([]);
  });

  it('launches from the chosen snapshot: StartRecovery names it', async () => {
    const { drs, ec2, p } = setup();
    drs.snapshots.set(B, [snap(P1, '2026-03-01T11:00:00Z')]);
    const result = await runPreflight({ drs, ec2, clock: fixedClock }, p, {
      mode: 'drill',
      pointInTime: '2026-03-01T11:45:00.000Z',
    });
    expect(result.problems).toEqual([]);
    const servers = result.executionPlan?.waves[0]?.servers ?? [];
    const request = buildStartRequest(
      { mode: 'drill', isDrill: true, executionId: 'o/r/1', region: 'us-east-1' },
      { planName: 'test', waveName: 'data', waveIndex: 0, chunkIndex: 0, chunkCount: 1, servers },
      '2026-03-01T12:00:00Z',
    );
    expect(request.sourceServers).toEqual([
      { sourceServerID: A, recoverySnapshotID: P2 },
      { sourceServerID: B, recoverySnapshotID: P1 },
    ]);
  });

  it('refuses a point in time after AWS’s now, and ignores replication lag against the RPO', async () => {
    const { drs, ec2, p } = setup();
    drs.sourceServers = [
      sourceServer(A, { dataReplicationInfo: { dataReplicationState: 'CONTINUOUS', lagDuration: 'PT2H' } }),
      sourceServer(B),
    ];
    const withRpo = { ...p, objectives: { rpoSeconds: 900 } };
    const future = await runPreflight({ drs, ec2, clock: fixedClock }, withRpo, {
      mode: 'drill',
      pointInTime: '2026-03-01T12:00:01.000Z',
    });
    expect(future.problems.map((x) => x.message)).toEqual([
      "input point-in-time 2026-03-01T12:00:01.000Z is in the future (AWS's clock reads 2026-03-01T12:00:00.000Z)",
    ]);
  });
});
