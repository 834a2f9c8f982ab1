/**
 * The Systems Manager gateway: the only module that sends SSM Commands (wave checks through Run
 * Command). Pages and batches like the DRS gateway; the SDK's exceptions pass through untouched.
 */

import { chunk } from './drs-gateway.js';
import type { CommandInvocation, SendCommandRequest, SsmGateway } from './gateways.js';
import {
  DescribeInstanceInformationCommand,
  ListCommandInvocationsCommand,
  ListCommandsCommand,
  SendCommandCommand,
  type SSMClient,
} from './sdk.js';

/** DescribeInstanceInformation takes at most 50 instance ids in one filter. */
const INSTANCE_IDS_PER_CALL = 50;
/** A bound on pages of one listing: a check never has more than a few hundred instances. */
const MAX_PAGES = 50;

export function createSsmGateway(clients: { ssm: SSMClient; ssmNoRetry: SSMClient }): SsmGateway {
  const { ssm, ssmNoRetry } = clients;
  return {
    async onlineInstances(instanceIds: string[]): Promise<string[]> {
      const online: string[] = [];
      for (const ids of chunk([...new Set(instanceIds)], INSTANCE_IDS_PER_CALL)) {
        let token: string | undefined;
        for (let page = 0; page < MAX_PAGES; page++) {
          const out = await ssm.send(
            new DescribeInstanceInformationCommand({
              Filters: [{ Key: 'InstanceIds', Values: ids }],
              MaxResults: INSTANCE_IDS_PER_CALL,
              ...(token ? { NextToken: token } : {}),
            }),
          );
          for (const i of out.InstanceInformationList ?? [])
            if (i.InstanceId && i.PingStatus === 'Online') online.push(i.InstanceId);
          token = out.NextToken;
          if (!token) break;
        }
      }
      return online;
    },

    async sendCommand(r: SendCommandRequest): Promise<string> {
      const out = await ssmNoRetry.send(
        new SendCommandCommand({
          InstanceIds: r.instanceIds,
          DocumentName: r.documentName,
          Parameters: r.parameters,
          Comment: r.comment,
          TimeoutSeconds: Math.max(30, r.timeoutSeconds),
        }),
      );
      const id = out.Command?.CommandId;
      if (!id) throw new Error('SSM accepted SendCommand but returned no command id');
      return id;
    },

    async findCommand(instanceId: string, comment: string, since: string): Promise<string | undefined> {
      let token: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const out = await ssm.send(
          new ListCommandsCommand({
            InstanceId: instanceId,
            Filters: [{ key: 'InvokedAfter', value: since }],
            ...(token ? { NextToken: token } : {}),
          }),
        );
        const hit = (out.Commands ?? []).find((c) => c.Comment === comment);
        if (hit?.CommandId) return hit.CommandId;
        token = out.NextToken;
        if (!token) return undefined;
      }
      return undefined;
    },

    async listCommandInvocations(commandId: string): Promise<CommandInvocation[]> {
      const result: CommandInvocation[] = [];
      let token: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const out = await ssm.send(
          new ListCommandInvocationsCommand({
            CommandId: commandId,
            Details: true,
            ...(token ? { NextToken: token } : {}),
          }),
        );
        for (const inv of out.CommandInvocations ?? []) {
          const plugin = inv.CommandPlugins?.[0];
          const finished = plugin?.ResponseFinishDateTime;
          result.push({
            instanceId: inv.InstanceId ?? '',
            status: inv.Status ?? 'Pending',
            ...(plugin?.ResponseCode !== undefined ? { responseCode: plugin.ResponseCode } : {}),
            ...(plugin?.Output !== undefined ? { output: plugin.Output } : {}),
            ...(finished ? { finishedAt: new Date(finished).toISOString() } : {}),
          });
        }
        token = out.NextToken;
        if (!token) break;
      }
      return result;
    },
  };
}
