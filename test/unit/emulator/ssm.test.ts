/**
 * The emulator's Systems Manager (AWS JSON 1.1) and DRS launch-action operations, through the real
 * SDK clients: model validation, registration after the instance runs, scripted command results, and
 * launch actions put through the API running in launchActionsStatus with the scenario's result.
 */
import {
  DeleteLaunchActionCommand,
  ListLaunchActionsCommand,
  PutLaunchActionCommand,
  ResourceNotFoundException,
  UpdateLaunchConfigurationCommand,
} from '@aws-sdk/client-drs';
import {
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  InvalidDocument,
  InvalidInstanceId,
  ListCommandInvocationsCommand,
  ListCommandsCommand,
  SendCommandCommand,
  SSMClient,
  SSMServiceException,
} from '@aws-sdk/client-ssm';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DB_01,
  DB_02,
  describeJob,
  type Harness,
  MINUTE,
  repairedDemo,
  start,
  startDrill,
  stop,
} from './helpers.js';

let h: Harness;
let ssm: SSMClient;
afterEach(async () => {
  ssm?.destroy();
  if (h) await stop(h);
});

const SSM_BLOCK = `
ssm:
  documents: [Acme-CheckDatabase]
  registerSeconds: 45
  servers:
    ${DB_02}: { register: never }
  commands:
    - { contains: pg_isready, status: Failed, exitCode: 2, output: "\\u001b[31mno response\\u001b[0m <b>db</b>\\n::error::x", seconds: 20 }
    - { contains: big, outputBytes: 1048576, output: "start" }
    - { contains: sleep, hang: true }
  launchActions:
    - { name: verify-db, result: FAILED, failureReason: "Port 5432 closed", seconds: 90 }
`;

async function boot(): Promise<{ db01: string; db02: string }> {
  h = await start(repairedDemo(SSM_BLOCK));
  ssm = new SSMClient({
    endpoint: h.emulator.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  const job = await startDrill(h, [DB_01, DB_02]);
  h.emulator.state.advance(30 * MINUTE);
  const timeline = h.emulator.state.jobs.get(job.jobID!)!;
  const ec2Of = (id: string) =>
    [...h.emulator.state.recoveryInstances.values()].find(
      (r) => r.sourceServerID === id && r.jobID === timeline.jobID,
    )!.ec2InstanceID;
  return { db01: ec2Of(DB_01), db02: ec2Of(DB_02) };
}

const send = (instanceId: string, commands: string[], documentName = 'AWS-RunShellScript') =>
  ssm.send(
    new SendCommandCommand({
      InstanceIds: [instanceId],
      DocumentName: documentName,
      Parameters: { commands },
      Comment: 'drs-drill check',
    }),
  );

describe('SSM', () => {
  it('lists only instances whose agent registered; SendCommand to another is InvalidInstanceId', async () => {
    const { db01, db02 } = await boot();
    const info = await ssm.send(
      new DescribeInstanceInformationCommand({ Filters: [{ Key: 'InstanceIds', Values: [db01, db02] }] }),
    );
    expect(info.InstanceInformationList?.map((i) => [i.InstanceId, i.PingStatus])).toEqual([
      [db01, 'Online'],
    ]);
    await expect(send(db02, ['true'])).rejects.toBeInstanceOf(InvalidInstanceId);
  });

  it('refuses an unknown document (InvalidDocument) and a request the model refuses (ValidationException)', async () => {
    const { db01 } = await boot();
    await expect(send(db01, ['true'], 'No-Such-Document')).rejects.toBeInstanceOf(InvalidDocument);
    const bad = ssm.send(
      new SendCommandCommand({ InstanceIds: [db01], DocumentName: 'AWS-RunShellScript', TimeoutSeconds: 5 }),
    );
    await expect(bad).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof SSMServiceException &&
        e.name === 'ValidationException' &&
        /TimeoutSeconds/.test(e.message),
    );
    await expect(send(db01, ['true'], 'Acme-CheckDatabase')).resolves.toBeDefined();
  });

  it('runs InProgress, then ends as scripted; output is kept as sent and cut where SSM cuts it', async () => {
    const { db01 } = await boot();
    const failed = (await send(db01, ['pg_isready -h localhost'])).Command!;
    expect(failed.Status).toBe('InProgress');
    const get = (id: string) =>
      ssm.send(new GetCommandInvocationCommand({ CommandId: id, InstanceId: db01 }));
    expect((await get(failed.CommandId!)).Status).toBe('InProgress');
    h.emulator.state.advance(20_000);
    const done = await get(failed.CommandId!);
    expect(done).toMatchObject({ Status: 'Failed', ResponseCode: 2 });
    expect(done.StandardOutputContent).toContain('::error::x');
    const big = (await send(db01, ['big output'])).Command!;
    h.emulator.state.advance(10_000);
    expect((await get(big.CommandId!)).StandardOutputContent).toHaveLength(24_000);
    const listed = await ssm.send(
      new ListCommandInvocationsCommand({ CommandId: big.CommandId!, Details: true }),
    );
    expect(listed.CommandInvocations?.[0]?.CommandPlugins?.[0]?.Output).toHaveLength(2_500);
    const commands = await ssm.send(
      new ListCommandsCommand({ Filters: [{ key: 'DocumentName', value: 'AWS-RunShellScript' }] }),
    );
    expect(commands.Commands?.map((c) => [c.Comment, c.Status])).toEqual([
      ['drs-drill check', 'Failed'],
      ['drs-drill check', 'Success'],
    ]);
  });

  it('a hung script stays InProgress until its execution timeout', async () => {
    const { db01 } = await boot();
    const hung = (await send(db01, ['sleep 9999'])).Command!;
    h.emulator.state.advance(59 * MINUTE);
    const get = () =>
      ssm.send(new GetCommandInvocationCommand({ CommandId: hung.CommandId!, InstanceId: db01 }));
    expect((await get()).Status).toBe('InProgress');
    h.emulator.state.advance(2 * MINUTE);
    expect((await get()).Status).toBe('TimedOut');
  });
});

describe('DRS launch actions through the API', () => {
  const action = (over: Partial<ConstructorParameters<typeof PutLaunchActionCommand>[0]> = {}) =>
    new PutLaunchActionCommand({
      resourceId: DB_01,
      actionId: '6f1c2a3b-0000-4000-8000-000000000001',
      actionCode: 'AWSMigration-ValidateNetworkConnectivity',
      name: 'verify-db',
      order: 10,
      optional: false,
      active: true,
      actionVersion: '$DEFAULT',
      category: 'VALIDATION',
      description: 'drs-drill: managed',
      parameters: { port: { value: '5432', type: 'DYNAMIC' } },
      ...over,
    });

  it('puts, lists, replaces and deletes; unknown ids and bad names are refused', async () => {
    h = await start(repairedDemo());
    await h.drs.send(action());
    await h.drs.send(action({ order: 11 }));
    const listed = await h.drs.send(new ListLaunchActionsCommand({ resourceId: DB_01 }));
    expect(listed.items?.map((a) => [a.name, a.order, a.parameters?.port?.value])).toEqual([
      ['verify-db', 11, '5432'],
    ]);
    await expect(h.drs.send(action({ name: '-bad' }))).rejects.toMatchObject({ name: 'ValidationException' });
    await h.drs.send(
      new DeleteLaunchActionCommand({ resourceId: DB_01, actionId: '6f1c2a3b-0000-4000-8000-000000000001' }),
    );
    expect((await h.drs.send(new ListLaunchActionsCommand({ resourceId: DB_01 }))).items).toEqual([]);
    await expect(
      h.drs.send(
        new DeleteLaunchActionCommand({
          resourceId: DB_01,
          actionId: '6f1c2a3b-0000-4000-8000-000000000001',
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('an action put before the drill runs in launchActionsStatus with the scenario result', async () => {
    h = await start(repairedDemo(SSM_BLOCK));
    await h.drs.send(action());
    await h.drs.send(
      new UpdateLaunchConfigurationCommand({ sourceServerID: DB_01, postLaunchEnabled: true }),
    );
    const job = await startDrill(h, [DB_01]);
    h.emulator.state.advance(60 * MINUTE);
    const run = (await describeJob(h, job.jobID!)).participatingServers?.[0]?.launchActionsStatus?.runs?.[0];
    expect(run).toMatchObject({
      status: 'FAILED',
      failureReason: 'Port 5432 closed',
      action: { name: 'verify-db' },
    });
  });
});
