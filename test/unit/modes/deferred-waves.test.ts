import { describe, expect, it } from 'vitest';
import { runPreflight } from '../../../src/engine/preflight.js';
import {
  type DeferredWaves,
  pipelinesPreflight,
  startDeferredWaves,
} from '../../../src/modes/deferred-waves.js';
import {
  fixedClock,
  healthyEstate,
  makeReport,
  plan,
  sourceServer,
  spec,
  wave,
} from '../../support/builders.js';
import { FakeAwsError, writesOf } from '../../support/fake-aws.js';
import { recordingIO } from '../history/helpers.js';

const A = 's-a0000000000000001';
const B = 's-b0000000000000002';
const C = 's-c0000000000000003';

/** Three chained waves; the plan wants m6i.xlarge for B and C (their templates say m6i.large). */
async function pipelined() {
  const { drs, ec2 } = healthyEstate([sourceServer(A), sourceServer(B), sourceServer(C)]);
  const bigger = { template: { instanceType: 'm6i.xlarge' } };
  const p = plan([
    wave('data', [spec({ kind: 'id', sourceServerId: A })]),
    wave('app', [spec({ kind: 'id', sourceServerId: B }, bigger)], { dependsOn: ['data'] }),
    wave('web', [spec({ kind: 'id', sourceServerId: C }, bigger)], { dependsOn: ['app'] }),
  ]);
  const engine = { drs, ec2, clock: fixedClock };
  const preflight = await runPreflight(engine, p, { mode: 'drill', deferLaunchReads: true });
  if (!preflight.executionPlan) throw new Error('no execution plan');
  const report = makeReport(preflight.executionPlan);
  report.launchConfigChanges = [];
  const io = recordingIO();
  const opts = {
    mode: 'drill' as const,
    pointInTime: undefined,
    executionId: 'exec-1',
    deadline: Number.MAX_SAFE_INTEGER,
  };
  return { drs, ec2, engine, preflight, report, io, opts };
}

async function settledState(gate: DeferredWaves, wave: string) {
  const state = gate.state(wave);
  if (state?.kind === 'pending') await state.settled;
  return gate.state(wave);
}

describe('DeferredWaves (the later waves of a pipelined run)', () => {
  it('repairs each later wave in order and then lets it start', async () => {
    const t = await pipelined();
    expect(t.preflight.drift).toEqual([]);
    const order: string[] = [];
    const read = t.drs.getLaunchConfiguration.bind(t.drs);
    t.drs.getLaunchConfiguration = (id) => {
      order.push(`read ${id}`);
      return read(id);
    };
    const write = t.ec2.updateLaunchTemplate.bind(t.ec2);
    t.ec2.updateLaunchTemplate = (...args: Parameters<typeof write>) => {
      const server = [B, C].find((id) => JSON.stringify(args).includes(`lt-${id}`));
      order.push(`write ${server}`);
      return write(...args);
    };
    const gate = startDeferredWaves(t.io, t.report, t.engine, t.preflight, t.opts);
    if (!gate) throw new Error('nothing deferred');
    expect(gate.state('data')).toBeUndefined();
    expect(gate.state('app')?.kind).toBe('pending');
    const app = await settledState(gate, 'app');
    expect(app).toMatchObject({ kind: 'ready', servers: [{ sourceServerId: B }] });
    const web = await settledState(gate, 'web');
    expect(web?.kind).toBe('ready');
    await gate.close();
    expect(t.report.launchConfigChanges.map((c) => [c.sourceServerId, c.field, c.to, c.applied])).toEqual([
      [B, 'instanceType', 'm6i.xlarge', true],
      [C, 'instanceType', 'm6i.xlarge', true],
    ]);
    // One wave after another: B's template was written before C was read.
    expect(order.indexOf(`write ${B}`)).toBeGreaterThan(-1);
    expect(order.indexOf(`write ${B}`)).toBeLessThan(order.indexOf(`read ${C}`));
  });

  it('fails a wave whose repair cannot be written, with the error the run reports', async () => {
    const t = await pipelined();
    t.ec2.updateLaunchTemplate = async () => {
      throw new FakeAwsError(
        'UnauthorizedOperation',
        403,
        'You are not authorized to perform this operation.',
      );
    };
    const gate = startDeferredWaves(t.io, t.report, t.engine, t.preflight, t.opts);
    if (!gate) throw new Error('nothing deferred');
    const app = await settledState(gate, 'app');
    expect(app?.kind).toBe('failed');
    const errors = app?.kind === 'failed' ? app.errors : [];
    expect(errors[0]).toContain(`Launch configuration of ${B} could not be written`);
    expect(errors[0]).toContain('not authorized');
    expect(errors.at(-1)).toBe(
      'Wave "app" was not started: repair the launch configurations above and run again.',
    );
    // web depends on app, so it can never start: it is neither read nor repaired.
    expect(await settledState(gate, 'web')).toEqual({
      kind: 'failed',
      errors: ['Wave "web" was not checked: it depends on wave "app", which failed its preflight.'],
    });
    expect(
      t.drs.calls.filter((c) => c.method === 'getLaunchConfiguration').map((c) => c.args[0]),
    ).not.toContain(C);
    await gate.close();
  });

  it('writes nothing more once closed (the run ended before the later waves were due)', async () => {
    const t = await pipelined();
    const gate = startDeferredWaves(t.io, t.report, t.engine, t.preflight, t.opts);
    if (!gate) throw new Error('nothing deferred');
    await gate.close();
    expect(writesOf(t.drs, t.ec2)).toEqual([]);
    expect(gate.state('web')?.kind).toBe('failed');
  });

  it('is not used for a dry run, repair: check, or a step of a multi-step execution', () => {
    expect(pipelinesPreflight({ dryRun: false, repair: 'apply', waves: [] })).toBe(true);
    expect(pipelinesPreflight({ dryRun: false, waves: [] })).toBe(true);
    expect(pipelinesPreflight({ dryRun: true, repair: 'apply', waves: [] })).toBe(false);
    expect(pipelinesPreflight({ dryRun: false, repair: 'check', waves: [] })).toBe(false);
    expect(pipelinesPreflight({ dryRun: false, repair: 'apply', waves: ['data'] })).toBe(false);
  });
});
