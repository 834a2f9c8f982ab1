/** The `faults:` block of a scenario (and the body of `POST /_emulator/faults`), read and checked. */
import { type Obj, type Path, RE, Reader } from './reader.js';
import {
  type CallRule,
  type DropRule,
  type HangRule,
  HOSTILE_PAYLOAD,
  type Phase,
  type ScenarioFaults,
  type SlowLorisRule,
} from './scenario.js';

const PHASES: readonly Phase[] = ['snapshot', 'conversion', 'launch'];

/** Faults in scenario syntax (the `faults:` block as JSON), for the control API. */
export function parseFaults(value: unknown, sourceServerIds: string[]): ScenarioFaults {
  const r = new Reader('<faults>', () => '<faults>');
  return readFaults(r, value, new Set(sourceServerIds));
}

function readRates(r: Reader, v: unknown, p: Path): Record<string, number> {
  const o = r.obj(v, p, Object.keys((v ?? {}) as Obj));
  const out: Record<string, number> = {};
  for (const [k, x] of Object.entries(o)) out[k] = r.num(x, [...p, k], 0, 0, 1);
  return out;
}

export function readFaults(r: Reader, v: unknown, servers: Set<string>): ScenarioFaults {
  const o = r.obj(
    v,
    ['faults'],
    [
      'servers',
      'missingEc2Permissions',
      'throttle',
      'serverErrors',
      'latencyMs',
      'drop',
      'startRecoveryLost',
      'neverHealthy',
      'hang',
      'slowLoris',
      'repeatNextToken',
      'startRecoveryNoJob',
      'htmlErrors',
      'hostileStrings',
    ],
  );
  const perServer: ScenarioFaults['servers'] = {};
  for (const [id, x] of Object.entries(r.obj(o.servers, ['faults', 'servers'], [...servers]))) {
    const q = ['faults', 'servers', id];
    const f = r.obj(x, q, ['phase', 'rawError']);
    perServer[id] = {
      phase: r.oneOf(f.phase, [...q, 'phase'], PHASES, 'conversion'),
      rawError: r.str(
        f.rawError,
        [...q, 'rawError'],
        undefined,
        `Simulated ${String(f.phase ?? 'conversion')} failure`,
      ),
    };
  }
  let missing: ScenarioFaults['missingEc2Permissions'] = false;
  if (o.missingEc2Permissions === true) missing = { action: 'ec2:RunInstances', logFailure: false };
  else if (o.missingEc2Permissions !== undefined && o.missingEc2Permissions !== false) {
    const m = r.obj(o.missingEc2Permissions, ['faults', 'missingEc2Permissions'], ['action', 'logFailure']);
    missing = {
      action: r.str(m.action, ['faults', 'missingEc2Permissions', 'action'], /^ec2:\w+$/, 'ec2:RunInstances'),
      logFailure: r.bool(m.logFailure, ['faults', 'missingEc2Permissions', 'logFailure'], false),
    };
  }
  const t = r.obj(o.throttle, ['faults', 'throttle'], ['rate', 'operations', 'retryAfterSeconds']);
  const e = r.obj(o.serverErrors, ['faults', 'serverErrors'], ['rate', 'operations']);
  let latencyMs = { min: 0, max: 0 };
  if (typeof o.latencyMs === 'number') latencyMs = { min: o.latencyMs, max: o.latencyMs };
  else if (o.latencyMs !== undefined) {
    const l = r.obj(o.latencyMs, ['faults', 'latencyMs'], ['min', 'max']);
    latencyMs = {
      min: r.num(l.min, ['faults', 'latencyMs', 'min'], 0),
      max: r.num(l.max, ['faults', 'latencyMs', 'max'], 0),
    };
  }
  const drop: DropRule[] = r.list(o.drop, ['faults', 'drop']).map((x, i) => {
    const q = ['faults', 'drop', i];
    const d = r.obj(x, q, ['operation', 'when', 'count', 'reply']);
    return {
      operation: r.str(d.operation, [...q, 'operation'], /^\w+$/),
      when: r.oneOf(d.when, [...q, 'when'], ['before', 'after'] as const, 'after'),
      count: r.num(d.count, [...q, 'count'], 1, 1),
      reply: r.oneOf(d.reply, [...q, 'reply'], ['dropped', 'server-error'] as const, 'dropped'),
    };
  });
  const lost = r.num(o.startRecoveryLost, ['faults', 'startRecoveryLost'], 0, 0);
  if (lost > 0) drop.push({ operation: 'StartRecovery', when: 'after', count: lost });
  const neverHealthy = r.list(o.neverHealthy, ['faults', 'neverHealthy']).map((x, i) => {
    const id = r.str(x, ['faults', 'neverHealthy', i], RE.server);
    if (!servers.has(id)) r.fail(['faults', 'neverHealthy', i], `unknown source server ${id}`);
    return id;
  });
  const h = r.obj(o.htmlErrors, ['faults', 'htmlErrors'], ['rate', 'operations']);
  let hostile: ScenarioFaults['hostileStrings'] = false;
  if (o.hostileStrings === true) hostile = HOSTILE_PAYLOAD;
  else if (o.hostileStrings !== undefined && o.hostileStrings !== false)
    hostile = r.str(o.hostileStrings, ['faults', 'hostileStrings']);
  return {
    servers: perServer,
    missingEc2Permissions: missing,
    throttle: {
      rate: r.num(t.rate, ['faults', 'throttle', 'rate'], 0, 0, 1),
      operations: readRates(r, t.operations, ['faults', 'throttle', 'operations']),
      retryAfterSeconds: r.num(t.retryAfterSeconds, ['faults', 'throttle', 'retryAfterSeconds'], 1, 0),
    },
    serverErrors: {
      rate: r.num(e.rate, ['faults', 'serverErrors', 'rate'], 0, 0, 1),
      operations: readRates(r, e.operations, ['faults', 'serverErrors', 'operations']),
    },
    latencyMs,
    drop,
    neverHealthy,
    hang: r.list(o.hang, ['faults', 'hang']).map((x, i) => {
      const q = ['faults', 'hang', i];
      const rule: HangRule = {
        ...readCallRule(r, x, q, ['when']),
        when: r.oneOf((x as Obj).when, [...q, 'when'], ['before', 'after'] as const, 'before'),
      };
      return rule;
    }),
    slowLoris: r.list(o.slowLoris, ['faults', 'slowLoris']).map((x, i) => {
      const q = ['faults', 'slowLoris', i];
      const rule: SlowLorisRule = {
        ...readCallRule(r, x, q, ['byteSeconds']),
        byteSeconds: r.num((x as Obj).byteSeconds, [...q, 'byteSeconds'], 2, 0.001),
      };
      return rule;
    }),
    repeatNextToken: r
      .list(o.repeatNextToken, ['faults', 'repeatNextToken'])
      .map((x, i) => r.str(x, ['faults', 'repeatNextToken', i], /^\w+$/)),
    startRecoveryNoJob: r.num(o.startRecoveryNoJob, ['faults', 'startRecoveryNoJob'], 0, 0),
    htmlErrors: {
      rate: r.num(h.rate, ['faults', 'htmlErrors', 'rate'], 0, 0, 1),
      operations: readRates(r, h.operations, ['faults', 'htmlErrors', 'operations']),
    },
    hostileStrings: hostile,
  };
}

/** `{ operation, skip, count }` (plus the rule's own `extra` keys, read by the caller). */
function readCallRule(r: Reader, v: unknown, q: Path, extra: string[]): CallRule {
  const o = r.obj(v, q, ['operation', 'skip', 'count', ...extra]);
  return {
    operation: r.str(o.operation, [...q, 'operation'], /^\w+$/),
    skip: r.num(o.skip, [...q, 'skip'], 0, 0),
    ...(o.count === undefined ? {} : { count: r.num(o.count, [...q, 'count'], 1, 1) }),
  };
}

/** No faults at all: what a scenario without a `faults:` block gets. */
export function noFaults(): ScenarioFaults {
  return parseFaults(undefined, []);
}
