/**
 * DRS over rest-json: routes from the official model, input validated against it, answers and
 * errors shaped the way @aws-sdk/client-drs parses them (x-amzn-errortype + JSON body).
 */

import { isDeepStrictEqual } from 'node:util';
import { launchActionOperations } from './drs-launch-actions.js';
import {
  jobView,
  launchConfigurationView,
  recommendedInstanceType,
  recoveryInstanceView,
  snapshotView,
  sourceServerView,
} from './drs-views.js';
import type { EmulatorRequest, EmulatorResponse } from './http-types.js';
import { startLaunchJob, startTerminateJob } from './lifecycle.js';
import { type DrsModel, type FieldError, matchOperation, validateShape, validationMessage } from './model.js';
import { compactTemplateData, type EmulatorState, type ServerRecord } from './state.js';

/** Limits DRS enforces beyond the model (drs-facts.md §2); mirrors src/core/quotas.ts. */
export const EMULATED_QUOTAS = {
  maxServersPerJob: { value: 100, code: 'L-B827C881' },
  maxActiveJobs: { value: 20, code: 'L-D88FAC3A' },
  maxServersInActiveJobs: { value: 500, code: 'L-05AFA8C6' },
} as const;

export const BUSY_SERVER_MESSAGE =
  'One or more of the Source Servers included in API call are currently being processed by a Job';

export class DrsError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly members: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function drsErrorResponse(e: DrsError): EmulatorResponse {
  return {
    status: e.status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': e.type, ...e.headers },
    body: JSON.stringify({ message: e.message, ...e.members }),
  };
}

function validationError(fieldList: FieldError[], reason = 'fieldValidationFailed'): DrsError {
  return new DrsError(400, 'ValidationException', validationMessage(fieldList), {
    code: 'ValidationException',
    reason,
    fieldList,
  });
}

function notFound(resourceType: string, resourceId: string): DrsError {
  return new DrsError(404, 'ResourceNotFoundException', `${resourceType} ${resourceId} not found`, {
    code: 'ResourceNotFoundException',
    resourceId,
    resourceType,
  });
}

function quotaExceeded(quota: keyof typeof EMULATED_QUOTAS, message: string): DrsError {
  return new DrsError(402, 'ServiceQuotaExceededException', message, {
    code: 'ServiceQuotaExceededException',
    serviceCode: 'drs',
    quotaCode: EMULATED_QUOTAS[quota].code,
    resourceType: 'JOB',
  });
}

/** The DRS operation a request names, or undefined when the path is no DRS route. */
export function drsOperation(model: DrsModel, req: EmulatorRequest): string | undefined {
  return matchOperation(model, req.method, req.path)?.name;
}

type Input = Record<string, unknown>;

export function handleDrs(state: EmulatorState, model: DrsModel, req: EmulatorRequest): EmulatorResponse {
  try {
    const op = matchOperation(model, req.method, req.path);
    if (!op)
      throw new DrsError(404, 'UnknownOperationException', `No DRS operation at ${req.method} ${req.path}`);
    let input: Input = {};
    if (req.body.trim() !== '') {
      try {
        input = JSON.parse(req.body) as Input;
      } catch {
        throw validationError([{ name: 'body', message: 'Request body is not valid JSON' }], 'cannotParse');
      }
      if (typeof input !== 'object' || input === null || Array.isArray(input))
        throw validationError(
          [{ name: 'body', message: 'Request body must be a JSON object' }],
          'cannotParse',
        );
    }
    Object.assign(input, op.labels);
    if (op.name === 'UntagResource') input.tagKeys = req.query.getAll('tagKeys');
    if (op.input) {
      const errors = validateShape(model, op.input, input);
      if (errors.length > 0) throw validationError(errors);
    }
    const implementation = OPERATIONS[op.name];
    if (!implementation)
      throw validationError(
        [{ name: op.name, message: `The emulator does not implement ${op.name}` }],
        'unknownOperation',
      );
    const output = implementation(state, input);
    return {
      status: op.code,
      headers: { 'content-type': 'application/json' },
      body: output === undefined ? '' : JSON.stringify(output),
    };
  } catch (e) {
    if (e instanceof DrsError) return drsErrorResponse(e);
    throw e;
  }
}

function paginate<T>(items: T[], input: Input): { items: T[]; nextToken?: string } {
  let start = 0;
  const token = input.nextToken as string | undefined;
  if (token) {
    const decoded = Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isInteger(decoded) || decoded < 0)
      throw validationError([{ name: 'nextToken', message: 'Invalid pagination token' }], 'other');
    start = decoded;
  }
  const max = (input.maxResults as number | undefined) ?? 100;
  const page = items.slice(start, start + max);
  const next = start + max;
  return next < items.length
    ? { items: page, nextToken: Buffer.from(String(next)).toString('base64url') }
    : { items: page };
}

type Operation = (state: EmulatorState, input: Input) => unknown;

const OPERATIONS: Record<string, Operation> = {
  StartRecovery(state, input) {
    const sourceServers = input.sourceServers as { sourceServerID: string; recoverySnapshotID?: string }[];
    const ids = sourceServers.map((s) => s.sourceServerID);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate)
      throw validationError([
        { name: 'sourceServers', message: `Source server ${duplicate} is listed twice` },
      ]);
    const unknown = ids.find((id) => !state.servers.has(id));
    if (unknown) throw notFound('SOURCE_SERVER', unknown);
    const q = EMULATED_QUOTAS;
    if (ids.length > q.maxServersPerJob.value)
      throw quotaExceeded(
        'maxServersPerJob',
        `Cannot launch more than ${q.maxServersPerJob.value} source servers in a single job (${ids.length} requested)`,
      );
    const busy = state.busyServers();
    const clash = ids.find((id) => busy.has(id));
    if (clash)
      throw new DrsError(409, 'ConflictException', BUSY_SERVER_MESSAGE, {
        code: 'ConflictException',
        resourceId: clash,
        resourceType: 'SOURCE_SERVER',
      });
    const active = state.activeJobs();
    if (active.length >= q.maxActiveJobs.value)
      throw quotaExceeded(
        'maxActiveJobs',
        `Cannot have more than ${q.maxActiveJobs.value} concurrent jobs in progress`,
      );
    if (busy.size + ids.length > q.maxServersInActiveJobs.value)
      throw quotaExceeded(
        'maxServersInActiveJobs',
        `Cannot have more than ${q.maxServersInActiveJobs.value} source servers in all active jobs (${busy.size} in jobs, ${ids.length} requested)`,
      );
    const job = startLaunchJob(state, {
      sourceServers,
      isDrill: input.isDrill === true,
      tags: (input.tags as Record<string, string> | undefined) ?? {},
    });
    return { job: jobView(state, job) };
  },

  DescribeJobs(state, input) {
    const filters = (input.filters ?? {}) as { jobIDs?: string[]; fromDate?: string; toDate?: string };
    const wanted = filters.jobIDs?.length ? new Set(filters.jobIDs) : undefined;
    const from = filters.fromDate ? Date.parse(filters.fromDate) : -Infinity;
    const to = filters.toDate ? Date.parse(filters.toDate) : Infinity;
    const jobs = [...state.jobs.values()]
      .filter((j) => (!wanted || wanted.has(j.jobID)) && j.createdAt >= from && j.createdAt <= to)
      .reverse()
      .sort((a, b) => b.createdAt - a.createdAt);
    const page = paginate(jobs, input);
    return { items: page.items.map((j) => jobView(state, j)), nextToken: page.nextToken };
  },

  DescribeJobLogItems(state, input) {
    const job = state.jobs.get(input.jobID as string);
    const page = paginate(job?.log ?? [], input);
    return { items: page.items, nextToken: page.nextToken };
  },

  DescribeSourceServers(state, input) {
    const filters = (input.filters ?? {}) as { sourceServerIDs?: string[] };
    const wanted = filters.sourceServerIDs?.length ? new Set(filters.sourceServerIDs) : undefined;
    const servers = [...state.servers.values()].filter(
      (s) => !wanted || wanted.has(s.scenario.sourceServerID),
    );
    const page = paginate(servers, input);
    return { items: page.items.map((s) => sourceServerView(state, s)), nextToken: page.nextToken };
  },

  DescribeRecoveryInstances(state, input) {
    const filters = (input.filters ?? {}) as { recoveryInstanceIDs?: string[]; sourceServerIDs?: string[] };
    const ids = filters.recoveryInstanceIDs?.length ? new Set(filters.recoveryInstanceIDs) : undefined;
    const servers = filters.sourceServerIDs?.length ? new Set(filters.sourceServerIDs) : undefined;
    const list = [...state.recoveryInstances.values()].filter(
      (r) => (!ids || ids.has(r.recoveryInstanceID)) && (!servers || servers.has(r.sourceServerID)),
    );
    const page = paginate(list, input);
    return { items: page.items.map((r) => recoveryInstanceView(state, r)), nextToken: page.nextToken };
  },

  TerminateRecoveryInstances(state, input) {
    const ids = input.recoveryInstanceIDs as string[];
    const unknown = ids.find((id) => !state.recoveryInstances.has(id));
    if (unknown) throw notFound('RECOVERY_INSTANCE', unknown);
    const busy = state.busyServers();
    const terminating = new Set(
      state
        .activeJobs()
        .flatMap((j) => (j.type === 'TERMINATE' ? j.servers.map((s) => s.recoveryInstanceID) : [])),
    );
    const clash = ids.find(
      (id) => terminating.has(id) || busy.has(state.recoveryInstances.get(id)?.sourceServerID ?? ''),
    );
    if (clash)
      throw new DrsError(
        409,
        'ConflictException',
        `Recovery instance ${clash} is currently being processed by a Job`,
        { code: 'ConflictException', resourceId: clash, resourceType: 'RECOVERY_INSTANCE' },
      );
    if (state.activeJobs().length >= EMULATED_QUOTAS.maxActiveJobs.value)
      throw quotaExceeded(
        'maxActiveJobs',
        `Cannot have more than ${EMULATED_QUOTAS.maxActiveJobs.value} concurrent jobs in progress`,
      );
    return { job: jobView(state, startTerminateJob(state, ids)) };
  },

  GetLaunchConfiguration(state, input) {
    const server = state.servers.get(input.sourceServerID as string);
    if (!server) throw notFound('SOURCE_SERVER', input.sourceServerID as string);
    return launchConfigurationView(server);
  },

  UpdateLaunchConfiguration(state, input) {
    const id = input.sourceServerID as string;
    const server = state.servers.get(id);
    if (!server) throw notFound('SOURCE_SERVER', id);
    if (state.busyServers().has(id))
      throw new DrsError(409, 'ConflictException', BUSY_SERVER_MESSAGE, {
        code: 'ConflictException',
        resourceId: id,
        resourceType: 'SOURCE_SERVER',
      });
    const l = server.launch;
    if (typeof input.name === 'string') l.name = input.name;
    if (input.launchDisposition !== undefined)
      l.launchDisposition = input.launchDisposition as 'STARTED' | 'STOPPED';
    if (input.targetInstanceTypeRightSizingMethod !== undefined)
      l.rightSizing = input.targetInstanceTypeRightSizingMethod as 'NONE' | 'BASIC' | 'IN_AWS';
    if (typeof input.copyPrivateIp === 'boolean') l.copyPrivateIp = input.copyPrivateIp;
    if (typeof input.copyTags === 'boolean') l.copyTags = input.copyTags;
    if (typeof input.postLaunchEnabled === 'boolean') l.postLaunchEnabled = input.postLaunchEnabled;
    const licensing = input.licensing as { osByol?: boolean } | undefined;
    if (typeof licensing?.osByol === 'boolean') l.osByol = licensing.osByol;
    if (state.scenario.drs.launchConfigurationWritesTemplate) writeLaunchTemplate(state, server, input);
    return launchConfigurationView(server);
  },

  DescribeRecoverySnapshots(state, input) {
    const id = input.sourceServerID as string;
    const server = state.servers.get(id);
    const filters = (input.filters ?? {}) as { fromDateTime?: string; toDateTime?: string };
    const from = filters.fromDateTime ? Date.parse(filters.fromDateTime) : -Infinity;
    const to = filters.toDateTime ? Date.parse(filters.toDateTime) : Infinity;
    const list = (server?.snapshots ?? [])
      .filter((s) => s.timestamp >= from && s.timestamp <= to)
      .sort((a, b) => a.timestamp - b.timestamp);
    if (input.order === 'DESC') list.reverse();
    const page = paginate(list, input);
    return { items: page.items.map((s) => snapshotView(id, s)), nextToken: page.nextToken };
  },

  ListTagsForResource(state, input) {
    return { tags: { ...tagsOf(state, input.resourceArn as string) } };
  },

  TagResource(state, input) {
    Object.assign(tagsOf(state, input.resourceArn as string), input.tags as Record<string, string>);
    return undefined;
  },

  UntagResource(state, input) {
    const tags = tagsOf(state, input.resourceArn as string);
    for (const k of input.tagKeys as string[]) delete tags[k];
    return undefined;
  },

  ...launchActionOperations({
    notFound,
    quota: (message) =>
      new DrsError(402, 'ServiceQuotaExceededException', message, {
        code: 'ServiceQuotaExceededException',
        serviceCode: 'drs',
        resourceType: 'LAUNCH_ACTION',
      }),
  }),
};

/**
 * `drs.launchConfigurationWritesTemplate`: setting right-sizing BASIC or copyPrivateIp makes DRS
 * write the EC2 launch template itself: a new version from the current default with the instance
 * type or the first network interface's private IP changed, made the default. Nothing is written
 * when the default version already says so. (README: the user guide says DRS updates the template;
 * how exactly is unverified.)
 */
function writeLaunchTemplate(state: EmulatorState, server: ServerRecord, input: Input): void {
  const template = state.templates.get(server.scenario.launchTemplateId);
  const current = template?.versions.find((v) => v.number === template.defaultVersion);
  if (!template || !current) return;
  const data = structuredClone(current.data);
  if (input.targetInstanceTypeRightSizingMethod === 'BASIC')
    data.instanceType = recommendedInstanceType(server);
  if (input.copyPrivateIp === true && server.scenario.sourceIp)
    data.privateIpAddress = server.scenario.sourceIp;
  if (input.copyPrivateIp === false) data.privateIpAddress = undefined;
  const next = compactTemplateData(data);
  if (isDeepStrictEqual(next, compactTemplateData(current.data))) return;
  template.defaultVersion = state.addTemplateVersion(template, next).number;
}

/** The live tag map of a DRS resource, found by its ARN. */
function tagsOf(state: EmulatorState, arn: string): Record<string, string> {
  const m = /^arn:aws:drs:[^:]*:[^:]*:(job|source-server|recovery-instance)\/(.+)$/.exec(arn);
  const kind = m?.[1];
  const id = m?.[2] ?? arn;
  if (kind === 'job') {
    const job = state.jobs.get(id);
    if (job) return job.tags;
  } else if (kind === 'source-server') {
    const server = state.servers.get(id);
    if (server) return server.tags;
  } else if (kind === 'recovery-instance' && state.recoveryInstances.has(id)) {
    let tags = state.arnTags.get(arn);
    if (!tags) {
      tags = {};
      state.arnTags.set(arn, tags);
    }
    return tags;
  }
  throw notFound(kind ? kind.toUpperCase().replace('-', '_') : 'RESOURCE', arn);
}
