import { describe, expect, it } from 'vitest';
import { StartRecoveryWithoutJobError } from '../../../src/aws/gateways.js';
import { TAG } from '../../../src/core/tags.js';
import {
  attemptStart,
  buildStartRequest,
  buildStartTags,
  type ChunkSpec,
  type ChunkStartState,
} from '../../../src/engine/start.js';
import { context, resolvedServer } from '../../support/builders.js';
import { FakeAwsError, FakeClock, FakeDrs } from '../../support/fake-aws.js';

const chunk: ChunkSpec = {
  planName: 'payments',
  waveName: 'data',
  waveIndex: 0,
  chunkIndex: 1,
  chunkCount: 3,
  servers: [resolvedServer(1), resolvedServer(2)],
};
const fresh = (): ChunkStartState => ({ attempts: 0, nextAttemptAtMs: 0 });

describe('buildStartTags / buildStartRequest', () => {
  it('tags every job with the run, wave and chunk, cutting values to 256 characters', () => {
    const tags = buildStartTags(
      { ...context, runUrl: `https://x/${'a'.repeat(400)}` },
      chunk,
      '2024-05-01T00:00:00Z',
    );
    expect(tags).toMatchObject({
      [TAG.executionId]: 'octo/repo/12345',
      [TAG.mode]: 'drill',
      [TAG.plan]: 'payments',
      [TAG.wave]: 'data',
      [TAG.waveIndex]: '0',
      [TAG.chunk]: '2/3',
      [TAG.initiatedBy]: 'octocat',
      [TAG.repository]: 'octo/repo',
      [TAG.commit]: 'abc123',
      [TAG.startedAt]: '2024-05-01T00:00:00Z',
    });
    expect(tags[TAG.runUrl]).toHaveLength(256);
  });

  it('passes isDrill and a pinned snapshot', () => {
    const pinned = resolvedServer(3);
    pinned.spec.snapshot = 'pit-0123456789abcdef0';
    const request = buildStartRequest(context, { ...chunk, servers: [pinned, resolvedServer(4)] }, 't');
    expect(request.isDrill).toBe(true);
    expect(request.sourceServers).toEqual([
      { sourceServerID: pinned.sourceServerId, recoverySnapshotID: 'pit-0123456789abcdef0' },
      { sourceServerID: resolvedServer(4).sourceServerId },
    ]);
  });
});

describe('attemptStart', () => {
  const request = buildStartRequest(context, chunk, '2024-05-01T00:00:00Z');

  it('starts the job', async () => {
    const drs = new FakeDrs(new FakeClock());
    const result = await attemptStart({ drs, clock: drs.clock }, request, fresh());
    expect(result).toMatchObject({ kind: 'started', adopted: false });
  });

  it('waits on ConflictException, quota and throttling (at least the Retry-After)', async () => {
    const clock = new FakeClock();
    const conflict = await attemptStart(
      { drs: new FakeDrs(clock, { conflictOnFirstStarts: 1 }), clock, random: () => 0 },
      request,
      fresh(),
    );
    expect(conflict).toMatchObject({ kind: 'wait' });
    expect(conflict.kind === 'wait' && conflict.reason).toContain('ConflictException');
    const throttled = await attemptStart(
      { drs: new FakeDrs(clock, { throttleFirstStarts: 1 }), clock, random: () => 0 },
      request,
      fresh(),
    );
    expect(throttled.kind === 'wait' && throttled.delayMs).toBeGreaterThanOrEqual(3000);
    const busy = new FakeDrs(clock);
    busy.startRecovery = () =>
      Promise.reject(new FakeAwsError('ServiceQuotaExceededException', 402, 'quota'));
    const quota = await attemptStart({ drs: busy, clock, random: () => 0 }, request, fresh());
    expect(quota.kind === 'wait' && quota.reason).toContain('quotas are full');
  });

  it('after a lost answer looks the job up by its tags and adopts it instead of starting again', async () => {
    const clock = new FakeClock();
    const drs = new FakeDrs(clock, { loseFirstStartAnswers: 1 });
    const state = fresh();
    const first = await attemptStart({ drs, clock }, request, state);
    expect(first.kind).toBe('wait');
    expect(state.ambiguousSince).toBeDefined();
    // A job of another chunk of the same wave must not be mistaken for ours.
    drs.addJob([resolvedServer(9).sourceServerId], { tags: { ...request.tags, [TAG.chunk]: '1/3' } });
    const second = await attemptStart({ drs, clock }, request, state);
    expect(second).toMatchObject({ kind: 'started', adopted: true });
    expect(second.kind === 'started' && second.job.tags?.[TAG.chunk]).toBe('2/3');
    expect(drs.count('startRecovery')).toBe(1);
  });

  it('treats an answer without a job like a lost one: looks the job up by its tags and adopts it', async () => {
    const clock = new FakeClock();
    const drs = new FakeDrs(clock);
    const start = drs.startRecovery.bind(drs);
    drs.startRecovery = async (r) => {
      await start(r);
      throw new StartRecoveryWithoutJobError();
    };
    const state = fresh();
    const first = await attemptStart({ drs, clock }, request, state);
    expect(first.kind).toBe('wait');
    expect(first.kind === 'wait' && first.reason).toContain('named no job; looking for the job by its tags');
    expect(state.ambiguousSince).toBeDefined();
    const second = await attemptStart({ drs, clock }, request, state);
    expect(second).toMatchObject({ kind: 'started', adopted: true });
    expect(drs.count('startRecovery')).toBe(1);
  });

  it('starts again when the lookup finds nothing, and never starts while the lookup fails', async () => {
    const clock = new FakeClock();
    const drs = new FakeDrs(clock);
    const state: ChunkStartState = { ...fresh(), ambiguousSince: clock.iso(-300) };
    drs.describeJobsSince = () => Promise.reject(new FakeAwsError('AccessDeniedException', 403, 'no'));
    expect((await attemptStart({ drs, clock }, request, state)).kind).toBe('wait');
    expect(drs.count('startRecovery')).toBe(0);
    const drs2 = new FakeDrs(clock);
    expect(await attemptStart({ drs: drs2, clock }, request, { ...state })).toMatchObject({
      kind: 'started',
      adopted: false,
    });
  });

  it('fails at once on an error no wait can fix', async () => {
    const clock = new FakeClock();
    const drs = new FakeDrs(clock);
    drs.startRecovery = () =>
      Promise.reject(
        new FakeAwsError('AccessDeniedException', 403, 'not authorized to perform drs:StartRecovery'),
      );
    expect(await attemptStart({ drs, clock }, request, fresh())).toEqual({
      kind: 'failed',
      message: 'StartRecovery failed: not authorized to perform drs:StartRecovery',
    });
  });
});
