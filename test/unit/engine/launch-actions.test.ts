/**
 * Post-launch actions from the plan: preflight lists what has to change, the repair writes only that,
 * turns postLaunchEnabled on, removes ours the plan dropped and never touches an action added by hand.
 */
import { describe, expect, it } from 'vitest';
import type { LaunchAction } from '../../../src/aws/gateways.js';
import {
  desiredLaunchActions,
  diffLaunchActions,
  isManaged,
  MANAGED_MARKER,
  managedActionId,
} from '../../../src/engine/launch-actions.js';
import { runPreflight } from '../../../src/engine/preflight.js';
import { repairLaunchConfigurations } from '../../../src/engine/repair.js';
import type { PostLaunchAction } from '../../../src/plan/types.js';
import { fixedClock, healthyEstate, plan, sourceServer, spec, wave } from '../../support/builders.js';
import { writesOf } from '../../support/fake-aws.js';

const S = 's-1111111111111111a';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const verifyDb: PostLaunchAction = {
  name: 'verify-db',
  action: 'AWSMigration-VerifyProcessIsRunning',
  parameters: { processName: 'postgres' },
  optional: false,
  category: 'VALIDATION',
  order: 1000,
  description: 'postgres runs',
};

/** An action someone added in the DRS console: no marker. */
const byHand: LaunchAction = {
  actionId: '11111111-2222-4333-8444-555555555555',
  actionCode: 'AWS-RunShellScript',
  name: 'verify-db',
  order: 2,
  optional: true,
  active: true,
  category: 'OTHER',
  description: 'added by the DBA',
  parameters: {},
};

function estate(actions: PostLaunchAction[]) {
  const { drs, ec2 } = healthyEstate([sourceServer(S, { hostname: 'db-01' })]);
  const p = plan([wave('data', [spec({ kind: 'id', sourceServerId: S }, { postLaunch: actions })])]);
  return { drs, ec2, p };
}

async function sync(env: ReturnType<typeof estate>, dryRun = false) {
  const result = await runPreflight({ drs: env.drs, ec2: env.ec2, clock: fixedClock }, env.p, {
    mode: 'drill',
  });
  expect(result.problems).toEqual([]);
  const changes = await repairLaunchConfigurations({ drs: env.drs, ec2: env.ec2 }, result.drift, {
    dryRun,
    executionId: 'o/r/1',
  });
  return { result, changes };
}

describe('managed post-launch actions', () => {
  it('ids are UUIDs fixed by server and name; the marker tells ours apart', () => {
    expect(managedActionId(S, 'verify-db')).toMatch(UUID);
    expect(managedActionId(S, 'verify-db')).toBe(managedActionId(S, 'verify-db'));
    expect(managedActionId(S, 'verify-db')).not.toBe(managedActionId('s-2222222222222222b', 'verify-db'));
    const [ours] = desiredLaunchActions(S, [verifyDb]);
    expect(ours?.description).toBe(`${MANAGED_MARKER} postgres runs`);
    expect(isManaged(byHand)).toBe(false);
    expect(diffLaunchActions([], [byHand])).toEqual([]);
  });

  it('puts the plan actions, enables postLaunchEnabled, keeps the hand-made action; a second run writes nothing', async () => {
    const env = estate([verifyDb]);
    env.drs.launchActions.set(S, [byHand]);
    env.drs.launchConfigs.get(S)!.postLaunchEnabled = true;
    const { changes } = await sync(env);
    expect(changes).toEqual([
      expect.objectContaining({ target: 'postLaunch', field: 'verify-db', from: null, applied: true }),
    ]);
    expect(changes[0]?.to).toBe(
      'AWSMigration-VerifyProcessIsRunning (processName=postgres) [required, order 1000, VALIDATION]',
    );
    const listed = env.drs.launchActions.get(S)!;
    expect(listed.map((a) => a.actionId)).toEqual([byHand.actionId, managedActionId(S, 'verify-db')]);
    expect(listed[1]?.parameters).toEqual({ processName: { value: 'postgres', type: 'DYNAMIC' } });

    env.drs.calls.length = 0;
    const again = await sync(env);
    expect(again.result.drift).toEqual([]);
    expect(writesOf(env.drs, env.ec2)).toEqual([]);
  });

  it('turns postLaunchEnabled on when it is off, and writes a changed parameter over the same action id', async () => {
    const env = estate([verifyDb]);
    await sync(env);
    expect(env.drs.launchConfigs.get(S)?.postLaunchEnabled).toBe(true);
    const id = managedActionId(S, 'verify-db');
    env.p.waves[0]!.servers[0]!.postLaunch = [{ ...verifyDb, parameters: { processName: 'mysqld' } }];
    const { changes } = await sync(env);
    expect(
      changes.map((c) => [c.field, String(c.from).includes('postgres'), String(c.to).includes('mysqld')]),
    ).toEqual([['verify-db', true, true]]);
    expect(env.drs.launchActions.get(S)?.map((a) => a.actionId)).toEqual([id]);
  });

  it('removes ours when the plan drops them, never the hand-made one; a dry run lists and writes nothing', async () => {
    const env = estate([verifyDb]);
    env.drs.launchActions.set(S, [byHand]);
    await sync(env);
    env.p.waves[0]!.servers[0]!.postLaunch = [];
    env.drs.calls.length = 0;
    const dry = await sync(env, true);
    expect(dry.changes).toEqual([
      expect.objectContaining({ target: 'postLaunch', field: 'verify-db', to: null, applied: false }),
    ]);
    expect(writesOf(env.drs, env.ec2)).toEqual([]);
    await sync(env);
    expect(env.drs.launchActions.get(S)).toEqual([byHand]);
  });

  it('a plan without post-launch actions does not list them on a server where DRS runs none', async () => {
    const env = estate([]);
    await sync(env);
    expect(env.drs.calls.filter((c) => c.method === 'listLaunchActions')).toEqual([]);
  });

  it('cannot list the actions: an error when the plan has some, nothing written', async () => {
    const env = estate([verifyDb]);
    env.drs.listLaunchActions = async () => {
      throw Object.assign(new Error('User is not authorized to perform: drs:ListLaunchActions'), {
        name: 'AccessDeniedException',
      });
    };
    const result = await runPreflight({ drs: env.drs, ec2: env.ec2, clock: fixedClock }, env.p, {
      mode: 'drill',
    });
    expect(result.problems.map((p) => p.message)).toEqual([
      expect.stringContaining('could not list its post-launch actions: User is not authorized'),
    ]);
  });
});
