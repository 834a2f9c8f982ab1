/**
 * The scenario's `ssm:` block: which instances register with Systems Manager and when, what Run
 * Command answers, and how post-launch actions put through PutLaunchAction end. Read with the same
 * checked Reader as the rest of the scenario (file:line:col on every mistake).
 */
import { type Path, RE, type Reader } from './reader.js';

/** A scripted Run Command result; the first rule that matches a (document, instance, commands) wins. */
export interface SsmCommandRule {
  /** Source server whose recovered instance this applies to; absent = any. */
  server?: string;
  document?: string;
  /** A substring of the joined `commands` parameter (or of any parameter value). */
  contains?: string;
  status: 'Success' | 'Failed' | 'TimedOut';
  /** Never finishes: stays InProgress past any timeout (a hung script). */
  hang: boolean;
  exitCode: number;
  output: string;
  /** Repeats the output, one a line, to this many bytes (big outputs without a big scenario file). */
  outputBytes?: number;
  seconds: number;
}

/** How a launch action put through the API ends; the first matching rule wins. */
export interface SsmLaunchActionRule {
  server?: string;
  name?: string;
  actionCode?: string;
  result: 'SUCCEEDED' | 'FAILED';
  failureReason?: string;
  seconds: number;
}

export interface ScenarioSsm {
  /** Documents the account owns besides the AWS-owned ones (ssm.ts: AWS_DOCUMENTS). */
  documents: string[];
  /** Seconds after an instance is running until its SSM agent registers. */
  registerSeconds: number;
  /** Per source server: `never` registers, or its own delay in seconds. */
  servers: Record<string, { register: number | 'never' }>;
  commands: SsmCommandRule[];
  launchActions: SsmLaunchActionRule[];
}

export const DEFAULT_SSM: ScenarioSsm = {
  documents: [],
  registerSeconds: 30,
  servers: {},
  commands: [],
  launchActions: [],
};

const DOCUMENT = /^[a-zA-Z0-9_\-.:/]{3,128}$/;

function readCommandRule(r: Reader, v: unknown, p: Path): SsmCommandRule {
  const o = r.obj(v, p, [
    'server',
    'document',
    'contains',
    'status',
    'hang',
    'exitCode',
    'output',
    'outputBytes',
    'seconds',
  ]);
  const status = r.oneOf(o.status, [...p, 'status'], ['Success', 'Failed', 'TimedOut'] as const, 'Success');
  return {
    ...(o.server === undefined ? {} : { server: r.str(o.server, [...p, 'server'], RE.server) }),
    ...(o.document === undefined ? {} : { document: r.str(o.document, [...p, 'document'], DOCUMENT) }),
    ...(o.contains === undefined ? {} : { contains: r.str(o.contains, [...p, 'contains']) }),
    status,
    hang: r.bool(o.hang, [...p, 'hang'], false),
    exitCode: r.num(o.exitCode, [...p, 'exitCode'], status === 'Success' ? 0 : 1, -1, 255),
    output: r.str(o.output, [...p, 'output'], undefined, status === 'Success' ? 'ok\n' : ''),
    ...(o.outputBytes === undefined
      ? {}
      : { outputBytes: r.num(o.outputBytes, [...p, 'outputBytes'], 0, 0, 8 * 1024 * 1024) }),
    seconds: r.num(o.seconds, [...p, 'seconds'], 5, 0, 86_400),
  };
}

function readLaunchActionRule(r: Reader, v: unknown, p: Path): SsmLaunchActionRule {
  const o = r.obj(v, p, ['server', 'name', 'actionCode', 'result', 'failureReason', 'seconds']);
  const result = r.oneOf(o.result, [...p, 'result'], ['SUCCEEDED', 'FAILED'] as const, 'SUCCEEDED');
  if (o.failureReason !== undefined && result !== 'FAILED')
    r.fail([...p, 'failureReason'], 'is only allowed with result: FAILED');
  return {
    ...(o.server === undefined ? {} : { server: r.str(o.server, [...p, 'server'], RE.server) }),
    ...(o.name === undefined ? {} : { name: r.str(o.name, [...p, 'name'], RE.actionName) }),
    ...(o.actionCode === undefined
      ? {}
      : { actionCode: r.str(o.actionCode, [...p, 'actionCode'], RE.ssmDocument) }),
    result,
    ...(result === 'FAILED'
      ? { failureReason: r.str(o.failureReason, [...p, 'failureReason'], RE.failureReason, 'failed') }
      : {}),
    seconds: r.num(o.seconds, [...p, 'seconds'], 60, 0, 86_400),
  };
}

export function readSsm(r: Reader, v: unknown): ScenarioSsm {
  const p: Path = ['ssm'];
  const o = r.obj(v, p, ['documents', 'registerSeconds', 'servers', 'commands', 'launchActions']);
  const servers: ScenarioSsm['servers'] = {};
  const so = r.obj(o.servers, [...p, 'servers'], Object.keys((o.servers as object | undefined) ?? {}));
  for (const [id, x] of Object.entries(so)) {
    r.str(id, [...p, 'servers', id], RE.server);
    const e = r.obj(x, [...p, 'servers', id], ['register']);
    servers[id] = {
      register:
        e.register === 'never'
          ? 'never'
          : r.num(e.register, [...p, 'servers', id, 'register'], 30, 0, 86_400),
    };
  }
  return {
    documents: r
      .list(o.documents, [...p, 'documents'])
      .map((d, i) => r.str(d, [...p, 'documents', i], DOCUMENT)),
    registerSeconds: r.num(
      o.registerSeconds,
      [...p, 'registerSeconds'],
      DEFAULT_SSM.registerSeconds,
      0,
      86_400,
    ),
    servers,
    commands: r
      .list(o.commands, [...p, 'commands'])
      .map((x, i) => readCommandRule(r, x, [...p, 'commands', i])),
    launchActions: r
      .list(o.launchActions, [...p, 'launchActions'])
      .map((x, i) => readLaunchActionRule(r, x, [...p, 'launchActions', i])),
  };
}
