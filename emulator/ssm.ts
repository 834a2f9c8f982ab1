/**
 * Systems Manager over AWS JSON 1.1 (`X-Amz-Target: AmazonSSM.<Operation>`): SendCommand,
 * ListCommands, ListCommandInvocations, GetCommandInvocation, DescribeInstanceInformation. Inputs are
 * validated against the official model (emulator/model/ssm-2014-11-06.json); which instances register
 * and how commands end come from the scenario's `ssm:` block (ssm-scenario.ts).
 */
import type { EmulatorRequest, EmulatorResponse } from './http-types.js';
import {
  type DrsModel,
  defaultSsmModelPath,
  loadJsonModel,
  validateShape,
  validationMessage,
} from './model.js';
import { uuidFrom } from './random.js';
import { DEFAULT_SSM, type ScenarioSsm, type SsmCommandRule } from './ssm-scenario.js';
import type { Ec2Instance, EmulatorState, SsmCommandRecord } from './state.js';

const NS = 'com.amazonaws.ssm#';
const TARGET_PREFIX = 'AmazonSSM.';
/** What GetCommandInvocation's StandardOutputContent and a plugin's Output keep (SSM's documented cut). */
const STDOUT_LIMIT = 24_000;
const PLUGIN_OUTPUT_LIMIT = 2_500;

/** AWS-owned documents every account can run (the Run Command shells and DRS/MGN validations). */
export const AWS_DOCUMENTS = [
  'AWS-RunShellScript',
  'AWS-RunPowerShellScript',
  'AWSMigration-ValidateHttpResponse',
  'AWSMigration-VerifyProcessIsRunning',
  'AWSMigration-ValidateNetworkConnectivity',
  'AWSMigration-VerifyMountedVolumes',
  'AWSMigration-ValidateDiskSpace',
];

class SsmError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export function ssmModel(): DrsModel {
  return loadJsonModel(defaultSsmModelPath(), NS);
}

/** The SSM operation a request names, from its X-Amz-Target header. */
export function ssmOperation(req: EmulatorRequest): string | undefined {
  const target = String(req.headers['x-amz-target'] ?? '');
  return target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
}

type Input = Record<string, unknown>;
const seconds = (ms: number): number => ms / 1000;
const ssmOf = (state: EmulatorState): ScenarioSsm => state.scenario.ssm ?? DEFAULT_SSM;

function sourceServerOf(instance: Ec2Instance): string | undefined {
  return instance.tags.AWSElasticDisasterRecoverySourceServerID;
}

/** Simulated ms at which the instance's agent registers, or undefined when it never does. */
export function registeredAt(state: EmulatorState, instance: Ec2Instance): number | undefined {
  if (instance.runningAt === undefined) return undefined;
  const ssm = ssmOf(state);
  const own = ssm.servers[sourceServerOf(instance) ?? '']?.register;
  if (own === 'never') return undefined;
  return instance.runningAt + (own ?? ssm.registerSeconds) * 1000;
}

function isOnline(state: EmulatorState, instance: Ec2Instance | undefined): instance is Ec2Instance {
  if (instance?.state !== 'running') return false;
  const at = registeredAt(state, instance);
  return at !== undefined && at <= state.clock.now();
}

function matches(
  rule: SsmCommandRule,
  command: SsmCommandRecord,
  instance: Ec2Instance | undefined,
): boolean {
  if (rule.server !== undefined && (!instance || sourceServerOf(instance) !== rule.server)) return false;
  if (rule.document !== undefined && rule.document !== command.documentName) return false;
  if (rule.contains === undefined) return true;
  const text = Object.values(command.parameters).flat().join('\n');
  return text.includes(rule.contains);
}

function scriptedInvocation(state: EmulatorState, command: SsmCommandRecord, instanceId: string) {
  const instance = state.instances.get(instanceId);
  const rule = ssmOf(state).commands.find((r) => matches(r, command, instance));
  const executionTimeout = Number(command.parameters.executionTimeout?.[0] ?? 3600);
  if (!rule)
    return {
      instanceId,
      status: 'Success' as const,
      exitCode: 0,
      output: 'ok\n',
      endAt: command.requestedAt + 5000,
    };
  const padded = rule.outputBytes
    ? rule.output.padEnd(rule.outputBytes, `${rule.output || 'x'}\n`)
    : rule.output;
  // A hung script ends only when SSM's execution timeout stops it.
  if (rule.hang)
    return {
      instanceId,
      status: 'TimedOut' as const,
      exitCode: -1,
      output: padded,
      endAt: command.requestedAt + executionTimeout * 1000,
    };
  return {
    instanceId,
    status: rule.status,
    exitCode: rule.exitCode,
    output: padded,
    endAt: command.requestedAt + rule.seconds * 1000,
  };
}

function invocationStatus(state: EmulatorState, inv: SsmCommandRecord['invocations'][number]): string {
  if (inv.endAt !== undefined && inv.endAt <= state.clock.now()) return inv.status;
  return 'InProgress';
}

function commandView(state: EmulatorState, c: SsmCommandRecord) {
  const statuses = c.invocations.map((i) => invocationStatus(state, i));
  const done = statuses.filter((s) => s !== 'InProgress');
  const status =
    done.length < statuses.length
      ? 'InProgress'
      : statuses.every((s) => s === 'Success')
        ? 'Success'
        : 'Failed';
  return {
    CommandId: c.commandId,
    DocumentName: c.documentName,
    DocumentVersion: '$DEFAULT',
    Comment: c.comment,
    Parameters: c.parameters,
    InstanceIds: c.instanceIds,
    Targets: [],
    RequestedDateTime: seconds(c.requestedAt),
    Status: status,
    StatusDetails: status,
    TimeoutSeconds: c.timeoutSeconds,
    TargetCount: c.instanceIds.length,
    CompletedCount: done.length,
    ErrorCount: statuses.filter((s) => s === 'Failed' || s === 'TimedOut').length,
    DeliveryTimedOutCount: 0,
  };
}

function invocationView(
  state: EmulatorState,
  c: SsmCommandRecord,
  inv: SsmCommandRecord['invocations'][number],
  details: boolean,
) {
  const status = invocationStatus(state, inv);
  const finished = status !== 'InProgress';
  return {
    CommandId: c.commandId,
    InstanceId: inv.instanceId,
    Comment: c.comment,
    DocumentName: c.documentName,
    DocumentVersion: '$DEFAULT',
    RequestedDateTime: seconds(c.requestedAt),
    Status: status,
    StatusDetails: status,
    ...(details
      ? {
          CommandPlugins: [
            {
              Name: c.documentName.endsWith('PowerShellScript')
                ? 'aws:runPowerShellScript'
                : 'aws:runShellScript',
              Status: status,
              StatusDetails: status,
              ResponseCode: finished ? inv.exitCode : -1,
              Output: finished ? inv.output.slice(0, PLUGIN_OUTPUT_LIMIT) : '',
              ...(finished && inv.endAt !== undefined ? { ResponseFinishDateTime: seconds(inv.endAt) } : {}),
            },
          ],
        }
      : {}),
  };
}

function commandOf(state: EmulatorState, id: unknown): SsmCommandRecord {
  const c = state.ssmCommands.find((x) => x.commandId === id);
  if (!c) throw new SsmError('InvalidCommandId', '');
  return c;
}

const OPERATIONS: Record<string, (state: EmulatorState, input: Input) => unknown> = {
  SendCommand(state, input) {
    const documentName = input.DocumentName as string;
    const name = documentName.split('/').pop() ?? documentName;
    if (!AWS_DOCUMENTS.includes(name) && !ssmOf(state).documents.includes(name))
      throw new SsmError('InvalidDocument', `Document ${documentName} does not exist in your account`);
    const instanceIds = (input.InstanceIds as string[] | undefined) ?? [];
    if (instanceIds.length === 0)
      throw new SsmError('InvalidParameters', 'This emulator supports InstanceIds only (no Targets)');
    if (new Set(instanceIds).size !== instanceIds.length) throw new SsmError('DuplicateInstanceId', '');
    const offline = instanceIds.filter((id) => !isOnline(state, state.instances.get(id)));
    if (offline.length > 0)
      throw new SsmError(
        'InvalidInstanceId',
        `Instances [[${offline.join(', ')}]] not in a valid state for account ${state.scenario.accountId}`,
      );
    const command: SsmCommandRecord = {
      commandId: uuidFrom(`${state.seed}:ssm-command:${state.ssmCommands.length}`),
      documentName,
      comment: (input.Comment as string | undefined) ?? '',
      parameters: (input.Parameters as Record<string, string[]> | undefined) ?? {},
      instanceIds,
      requestedAt: state.clock.now(),
      timeoutSeconds: (input.TimeoutSeconds as number | undefined) ?? 3600,
      invocations: [],
    };
    command.invocations = instanceIds.map((id) => scriptedInvocation(state, command, id));
    state.ssmCommands.push(command);
    return { Command: commandView(state, command) };
  },

  ListCommands(state, input) {
    const filters = (input.Filters as { key: string; value: string }[] | undefined) ?? [];
    const after = filters.find((f) => f.key === 'InvokedAfter')?.value;
    const doc = filters.find((f) => f.key === 'DocumentName')?.value;
    const items = state.ssmCommands.filter(
      (c) =>
        (input.CommandId === undefined || c.commandId === input.CommandId) &&
        (input.InstanceId === undefined || c.instanceIds.includes(input.InstanceId as string)) &&
        (doc === undefined || c.documentName === doc) &&
        (after === undefined || c.requestedAt >= Date.parse(after)),
    );
    return { Commands: items.map((c) => commandView(state, c)) };
  },

  ListCommandInvocations(state, input) {
    const commands = input.CommandId === undefined ? state.ssmCommands : [commandOf(state, input.CommandId)];
    const items = commands.flatMap((c) =>
      c.invocations
        .filter((i) => input.InstanceId === undefined || i.instanceId === input.InstanceId)
        .map((i) => invocationView(state, c, i, input.Details === true)),
    );
    return { CommandInvocations: items };
  },

  GetCommandInvocation(state, input) {
    const c = commandOf(state, input.CommandId);
    const inv = c.invocations.find((i) => i.instanceId === input.InstanceId);
    if (!inv) throw new SsmError('InvocationDoesNotExist', '');
    const view = invocationView(state, c, inv, false);
    const finished = view.Status !== 'InProgress';
    return {
      ...view,
      ResponseCode: finished ? inv.exitCode : -1,
      StandardOutputContent: finished ? inv.output.slice(0, STDOUT_LIMIT) : '',
      StandardErrorContent: '',
      ExecutionStartDateTime: new Date(c.requestedAt).toISOString(),
      ...(finished && inv.endAt !== undefined
        ? { ExecutionEndDateTime: new Date(inv.endAt).toISOString() }
        : {}),
    };
  },

  DescribeInstanceInformation(state, input) {
    const filters = (input.Filters as { Key: string; Values: string[] }[] | undefined) ?? [];
    const legacy =
      (input.InstanceInformationFilterList as { key: string; valueSet: string[] }[] | undefined) ?? [];
    const wanted = [
      ...filters.filter((f) => f.Key === 'InstanceIds').flatMap((f) => f.Values),
      ...legacy.filter((f) => f.key === 'InstanceIds').flatMap((f) => f.valueSet),
    ];
    const online = [...state.instances.values()].filter(
      (i) => (wanted.length === 0 || wanted.includes(i.instanceId)) && isOnline(state, i),
    );
    return {
      InstanceInformationList: online.map((i) => ({
        InstanceId: i.instanceId,
        PingStatus: 'Online',
        LastPingDateTime: seconds(state.clock.now()),
        AgentVersion: '3.3.0.0',
        IsLatestVersion: true,
        PlatformType: 'Linux',
        ResourceType: 'EC2Instance',
        IPAddress: i.privateIp,
        ComputerName: i.tags.Name ?? i.instanceId,
        RegistrationDate: seconds(registeredAt(state, i) ?? state.clock.now()),
      })),
    };
  },
};

function errorResponse(type: string, message: string): EmulatorResponse {
  return {
    status: 400,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type },
    body: JSON.stringify({ __type: type, message }),
  };
}

export function handleSsm(state: EmulatorState, req: EmulatorRequest): EmulatorResponse {
  const model = ssmModel();
  const name = ssmOperation(req);
  const op = model.operations.find((o) => o.name === name);
  if (!name || !op)
    return errorResponse('UnknownOperationException', `Unknown operation ${name ?? '(no X-Amz-Target)'}`);
  let input: Input;
  try {
    input = req.body.trim() === '' ? {} : (JSON.parse(req.body) as Input);
  } catch {
    return errorResponse('SerializationException', 'Request body is not valid JSON');
  }
  const errors = op.input ? validateShape(model, op.input, input) : [];
  if (errors.length > 0) return errorResponse('ValidationException', validationMessage(errors));
  const implementation = OPERATIONS[name];
  if (!implementation)
    return errorResponse('UnknownOperationException', `The emulator does not implement ${name}`);
  try {
    const output = implementation(state, input);
    return {
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: JSON.stringify(output),
    };
  } catch (e) {
    if (e instanceof SsmError) return errorResponse(e.type, e.message);
    throw e;
  }
}
