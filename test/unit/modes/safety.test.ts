import { describe, expect, it } from 'vitest';
import type { RecoveryInstance } from '../../../src/aws/gateways.js';
import type { Report } from '../../../src/core/report.js';
import { abandonReport, untilAbandoned } from '../../../src/modes/cancel.js';
import { cleanupPolicyText, leftAloneReason } from '../../../src/modes/cleanup.js';
import { checkRecoveryGuard, reserveMs } from '../../../src/modes/drill-setup.js';
import { type PostState, readPostState, writePostState } from '../../../src/modes/post-state.js';
import type { Plan } from '../../../src/plan/types.js';
import { postSkipReason } from '../../../src/post.js';

const plan = { name: 'payments' } as Plan;

describe('checkRecoveryGuard', () => {
  it('accepts only the plan name from a manual event', () => {
    expect(() => checkRecoveryGuard({ confirm: 'payments' }, plan, 'workflow_dispatch')).not.toThrow();
    expect(() => checkRecoveryGuard({ confirm: 'payments' }, plan, 'repository_dispatch')).not.toThrow();
    expect(() => checkRecoveryGuard({}, plan, 'workflow_dispatch')).toThrow(
      /confirm to the plan's name "payments"/,
    );
    expect(() => checkRecoveryGuard({ confirm: 'Payments' }, plan, 'workflow_dispatch')).toThrow(
      /got "Payments"/,
    );
    for (const event of ['schedule', 'pull_request', 'push', undefined]) {
      expect(() => checkRecoveryGuard({ confirm: 'payments' }, plan, event)).toThrow(
        /only from a workflow_dispatch/,
      );
    }
  });

  it('keeps time back to report: 10 % of the run, at most 5 minutes', () => {
    expect(reserveMs(345 * 60_000)).toBe(5 * 60_000);
    expect(reserveMs(10 * 60_000)).toBe(60_000);
  });
});

describe('untilAbandoned', () => {
  it('passes the result through when nothing aborts', async () => {
    await expect(untilAbandoned(Promise.resolve(7), new AbortController().signal, 10)).resolves.toBe(7);
    await expect(untilAbandoned(Promise.reject(new Error('boom')), undefined, 10)).rejects.toThrow('boom');
  });

  it('gives up on work that hangs after an abort', async () => {
    const controller = new AbortController();
    const hanging = new Promise<number>(() => {});
    const raced = untilAbandoned(hanging, controller.signal, 5);
    controller.abort();
    await expect(raced).resolves.toBe('abandoned');
  });

  it('keeps a result that arrives within the grace, and counts a failure after the abort as abandoned', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(untilAbandoned(Promise.resolve('done'), controller.signal, 1000)).resolves.toBe('done');
    await expect(untilAbandoned(Promise.reject(new Error('aborted')), controller.signal, 1000)).resolves.toBe(
      'abandoned',
    );
  });
});

function report(): Report {
  return {
    schemaVersion: 1,
    mode: 'drill',
    executionId: 'o/r/1',
    plan: { name: 'payments', path: 'p.yaml', sha256: 'x' },
    region: 'us-east-1',
    isDrill: true,
    startedAt: '2024-05-01T00:00:00Z',
    status: 'running',
    objectives: {},
    measured: {},
    launchConfigChanges: [],
    errors: [],
    warnings: [],
    waves: [
      {
        name: 'data',
        index: 0,
        dependsOn: [],
        status: 'running',
        jobs: [
          { jobId: 'drsjob-1', status: 'STARTED', sourceServerIds: ['s-1'] },
          { jobId: 'drsjob-2', status: 'COMPLETED', sourceServerIds: ['s-2'] },
        ],
        servers: [],
      },
      {
        name: 'app',
        index: 1,
        dependsOn: ['data'],
        status: 'pending',
        jobs: [],
        servers: [{ sourceServerId: 's-3', critical: true, health: 'pending', phases: [], errors: [] }],
      },
    ],
  };
}

describe('abandonReport', () => {
  it('cancels running waves, skips pending ones and names every job still active', () => {
    const r = abandonReport(report());
    expect(r.status).toBe('cancelled');
    expect(r.waves.map((w) => w.status)).toEqual(['cancelled', 'skipped']);
    expect(r.waves[1]?.servers[0]?.health).toBe('skipped');
    const text = r.errors.join('\n');
    expect(text).toContain('drsjob-1');
    expect(text).not.toContain('drsjob-2');
  });
});

describe('post step decisions', () => {
  const base: PostState = {
    finished: false,
    mode: 'drill',
    executionId: 'o/r/1',
    region: 'us-east-1',
    cleanup: 'always',
    planName: 'p',
    jobIds: ['drsjob-1'],
  };
  it('cleans up only an unfinished drill that started jobs, under cleanup always', () => {
    expect(postSkipReason(base)).toBeUndefined();
    expect(postSkipReason({ ...base, finished: true })).toMatch(/main step finished/);
    expect(postSkipReason({ ...base, mode: 'recovery' })).toMatch(/recovery never cleans up/);
    // No saved job id is no proof: a runner killed right after StartRecovery saved none (DRS is asked).
    expect(postSkipReason({ ...base, jobIds: [] })).toBeUndefined();
    expect(postSkipReason({ ...base, cleanup: 'never' })).toMatch(/"never"/);
    expect(postSkipReason({ ...base, cleanup: 'on-success' })).toMatch(/left for inspection/);
    // A drill that succeeded but whose own cleanup could not finish is cleaned under on-success too.
    expect(postSkipReason({ ...base, cleanup: 'on-success', status: 'succeeded' })).toBeUndefined();
    expect(postSkipReason(undefined)).toMatch(/started no drill/);
  });

  it('reads the one saved record, tolerating damage', () => {
    const saved: Record<string, string> = {};
    writePostState(
      (n, v) => {
        saved[n] = v;
      },
      { ...base, cleanup: 'on-success', status: 'timed-out' },
    );
    expect(readPostState((n) => saved[n] ?? '')).toEqual({
      ...base,
      cleanup: 'on-success',
      status: 'timed-out',
    });
    const damaged = JSON.stringify({
      ...base,
      jobIds: ['drsjob-1', 3, ''],
      cleanup: 'sometimes',
      status: 'x',
    });
    expect(readPostState(() => damaged)).toEqual({ ...base, jobIds: ['drsjob-1'] });
    expect(readPostState(() => '{not json')).toBeUndefined();
    expect(readPostState(() => '')).toBeUndefined();
    expect(readPostState(() => JSON.stringify({ ...base, mode: 'cleanup' }))).toBeUndefined();
  });
});

describe('cleanup mode reasons', () => {
  const now = '2025-06-02T12:00:00.000Z';
  const times = new Map([['i-e1', '2025-06-02T11:00:00.000Z']]);
  it('says why an instance is left alone', () => {
    const real: RecoveryInstance = { recoveryInstanceID: 'i-r1', ec2InstanceID: 'i-e0', isDrill: false };
    const young: RecoveryInstance = { recoveryInstanceID: 'i-r2', ec2InstanceID: 'i-e1', isDrill: true };
    const unknown: RecoveryInstance = { recoveryInstanceID: 'i-r3', ec2InstanceID: 'i-e9', isDrill: true };
    expect(leftAloneReason(real, 60, times, now)).toMatch(/not a drill instance/);
    expect(leftAloneReason(young, 7200, times, now)).toBe(
      'left alone: launched 1h 00m ago, younger than older-than (2h)',
    );
    expect(leftAloneReason(unknown, 60, times, now)).toMatch(/launch time is unknown/);
    expect(cleanupPolicyText(undefined)).toMatch(/every drill instance/);
    expect(cleanupPolicyText(3600)).toMatch(/older than 1h$/);
  });
});
