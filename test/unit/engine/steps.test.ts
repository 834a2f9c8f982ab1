import { describe, expect, it } from 'vitest';
import type { Job } from '../../../src/aws/gateways.js';
import { TAG } from '../../../src/core/tags.js';
import { type PlanWave, selectStepWaves, wavesOnRecord } from '../../../src/engine/steps.js';

const PLAN: PlanWave[] = [
  { name: 'data', dependsOn: [] },
  { name: 'app', dependsOn: ['data'] },
  { name: 'web', dependsOn: ['app'] },
];

function job(id: string, wave: string, extra: Record<string, string> = {}, createdSecond = 0): Job {
  return {
    jobID: id,
    type: 'LAUNCH',
    status: 'COMPLETED',
    creationDateTime: `2024-05-01T00:00:${String(createdSecond).padStart(2, '0')}Z`,
    tags: { [TAG.executionId]: 'o/r/1', [TAG.wave]: wave, ...extra },
  };
}

const done = (status = 'succeeded', step = 'data-job') => ({
  [TAG.waveStatus]: status,
  [TAG.waveEndedAt]: '2024-05-01T00:10:00.000Z',
  [TAG.step]: step,
});

describe('wavesOnRecord', () => {
  it('reads each wave’s verdict, end and step from the tags on its jobs', () => {
    const records = wavesOnRecord([job('drsjob-2', 'data', done(), 2), job('drsjob-1', 'data', done(), 1)]);
    const data = records.get('data');
    expect(data?.status).toBe('succeeded');
    expect(data?.endedAt).toBe('2024-05-01T00:10:00.000Z');
    expect(data?.step).toBe('data-job');
    expect(data?.jobs.map((j) => j.jobID)).toEqual(['drsjob-1', 'drsjob-2']);
  });

  it('reads the wave’s check verdicts and when they passed, dropping entries it cannot read', () => {
    const checks = {
      ...done(),
      [TAG.waveChecks]: 'app answers=passed/db.port-open=failed/odd=great/=passed',
      [TAG.checksPassedAt]: '2024-05-01T00:09:30.000Z',
    };
    const data = wavesOnRecord([job('drsjob-1', 'data', checks)]).get('data');
    expect(data?.checks).toEqual([
      { name: 'app answers', status: 'passed' },
      { name: 'db.port-open', status: 'failed' },
    ]);
    expect(data?.checksPassedAt).toBe('2024-05-01T00:09:30.000Z');
    expect(wavesOnRecord([job('drsjob-1', 'data', done())]).get('data')?.checks).toBeUndefined();
  });

  it('a wave with one job lacking the verdict is unfinished, not succeeded', () => {
    const records = wavesOnRecord([job('drsjob-1', 'data', done()), job('drsjob-2', 'data')]);
    expect(records.get('data')?.status).toBeUndefined();
  });

  it('ignores TERMINATE jobs and an unknown status value', () => {
    const terminate: Job = { ...job('drsjob-9', 'data', done()), type: 'TERMINATE' };
    const odd = job('drsjob-3', 'app', { [TAG.waveStatus]: 'great' });
    const records = wavesOnRecord([terminate, odd]);
    expect(records.has('data')).toBe(false);
    expect(records.get('app')?.status).toBeUndefined();
  });
});

describe('selectStepWaves', () => {
  it('no input and nothing on record: one step runs every wave', () => {
    const s = selectStepWaves(PLAN, [], new Map());
    expect(s).toMatchObject({ run: ['data', 'app', 'web'], earlier: [], remaining: [], refusals: [] });
    expect(s.multiStep).toBe(false);
  });

  it('a first step runs the named waves and leaves the rest', () => {
    const s = selectStepWaves(PLAN, ['data'], new Map());
    expect(s).toMatchObject({ run: ['data'], earlier: [], remaining: ['app', 'web'], refusals: [] });
    expect(s.multiStep).toBe(true);
  });

  it('a later step takes the waves an earlier step finished from the record', () => {
    const records = wavesOnRecord([job('drsjob-1', 'data', done())]);
    const s = selectStepWaves(PLAN, ['app', 'web'], records);
    expect(s).toMatchObject({ run: ['app', 'web'], earlier: ['data'], remaining: [], refusals: [] });
  });

  it('with no input, a later step runs every wave no earlier step decided', () => {
    const records = wavesOnRecord([job('drsjob-1', 'data', done())]);
    const s = selectStepWaves(PLAN, [], records);
    expect(s).toMatchObject({ run: ['app', 'web'], earlier: ['data'], refusals: [] });
    expect(s.multiStep).toBe(true);
  });

  it('refuses an unknown wave, naming the plan’s waves', () => {
    const s = selectStepWaves(PLAN, ['dta'], new Map());
    expect(s.refusals).toEqual([
      'input waves: unknown wave "dta"; the plan\'s waves are "data", "app", "web". Nothing was started.',
    ]);
  });

  it('refuses a wave whose dependency is neither in this step nor succeeded earlier, naming it', () => {
    const s = selectStepWaves(PLAN, ['app'], new Map());
    expect(s.refusals).toHaveLength(1);
    expect(s.refusals[0]).toMatch(
      /wave "app" depends on wave "data", which is neither in this step's waves nor succeeded/,
    );
    expect(s.refusals[0]).toContain('add "data" to waves');
  });

  it('a dependency in the same step is fine', () => {
    expect(selectStepWaves(PLAN, ['data', 'app'], new Map()).refusals).toEqual([]);
  });

  it('refuses the dependants of a wave an earlier step failed or that was cancelled', () => {
    const failed = selectStepWaves(PLAN, ['app'], wavesOnRecord([job('drsjob-1', 'data', done('failed'))]));
    expect(failed.refusals[0]).toMatch(/depends on wave "data", which failed in step "data-job"/);
    const cancelled = selectStepWaves(
      PLAN,
      ['app'],
      wavesOnRecord([job('drsjob-1', 'data', { [TAG.step]: 'data-job' })]),
    );
    expect(cancelled.refusals[0]).toMatch(
      /DRS job\(s\) drsjob-1, started by step "data-job", never finished \(the step was cancelled or failed/,
    );
  });

  it('a named wave an earlier step already ran is not started again (or refused when it failed)', () => {
    const ok = selectStepWaves(PLAN, ['data', 'app'], wavesOnRecord([job('drsjob-1', 'data', done())]));
    expect(ok.run).toEqual(['app']);
    expect(ok.notes[0]).toMatch(/Wave "data" already succeeded in step "data-job".*not started again/);
    const bad = selectStepWaves(PLAN, ['data'], wavesOnRecord([job('drsjob-1', 'data', done('failed'))]));
    expect(bad.refusals[0]).toMatch(
      /wave "data" already ran in step "data-job" of this execution and failed/,
    );
  });

  it('a wave with jobs but no record (an earlier attempt of this step) is run again: the loop attaches', () => {
    const s = selectStepWaves(PLAN, ['data'], wavesOnRecord([job('drsjob-1', 'data')]));
    expect(s.run).toEqual(['data']);
    expect(s.refusals).toEqual([]);
  });
});
