import { describe, expect, it } from 'vitest';
import type { WaveReport } from '../../../src/core/report.js';
import { TAG } from '../../../src/core/tags.js';
import { recordStep } from '../../../src/engine/step-record.js';
import { wavesOnRecord } from '../../../src/engine/steps.js';
import { makePlan, makeReport } from '../../support/builders.js';
import { FakeClock, FakeDrs, FakeEc2 } from '../../support/fake-aws.js';

describe('recordStep', () => {
  it('writes a wave’s check verdicts on its jobs, and a later step reads them back from DRS', async () => {
    const clock = new FakeClock();
    const drs = new FakeDrs(clock, {});
    const ec2 = new FakeEc2(drs);
    const job = await drs.startRecovery({
      sourceServers: [{ sourceServerID: 's-1000000000000000a' }],
      isDrill: true,
      tags: { [TAG.executionId]: 'o/r/1', [TAG.wave]: 'app', [TAG.step]: 'first' },
    });
    const wave: WaveReport = {
      name: 'app',
      index: 0,
      dependsOn: [],
      status: 'failed',
      step: 'first',
      endedAt: '2026-03-01T12:30:00.000Z',
      jobs: [{ jobId: job.jobID ?? '', status: 'COMPLETED', sourceServerIds: ['s-1000000000000000a'] }],
      servers: [],
      checks: [
        { name: 'app answers', document: 'AWS-RunShellScript', on: 'every', status: 'passed', instances: [] },
        { name: 'port open', document: 'AWS-RunShellScript', on: 'any', status: 'failed', instances: [] },
      ],
    };
    const report = makeReport(makePlan([]));
    report.waves = [wave];

    expect(await recordStep({ drs, ec2, clock }, report, 'first')).toEqual([]);

    const [again] = await drs.describeJobs([job.jobID ?? '']);
    const record = wavesOnRecord(again ? [again] : []).get('app');
    expect(record?.status).toBe('failed');
    expect(record?.checks).toEqual([
      { name: 'app answers', status: 'passed' },
      { name: 'port open', status: 'failed' },
    ]);
  });
});
