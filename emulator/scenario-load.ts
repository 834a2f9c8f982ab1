/**
 * Reads a scenario YAML file into a checked `Scenario`. Every mistake is reported as
 * `file:line:col: message`; unknown keys are errors so that a typo never silently does nothing.
 */
import { readFileSync } from 'node:fs';
import { isMap, LineCounter, parseDocument } from 'yaml';
import { ESTATE_SG, ESTATE_SUBNET, ESTATE_VPC, estateParts } from './estate.js';
import { readFaults } from './faults-load.js';
import { hash32, uuidFrom } from './random.js';
import { type Path, RE, Reader } from './reader.js';
import {
  DEFAULT_DRS_BEHAVIOUR,
  type DrsBehaviour,
  type PhaseTimings,
  type Scenario,
  ScenarioError,
  type ScenarioLaunchAction,
  type ScenarioServer,
  type ScenarioTemplate,
  TIMING_PROFILES,
} from './scenario.js';
import { readSsm } from './ssm-scenario.js';

const REPLICATION_STATES = [
  'STOPPED',
  'INITIATING',
  'INITIAL_SYNC',
  'BACKLOG',
  'CREATING_SNAPSHOT',
  'CONTINUOUS',
  'PAUSED',
  'RESCAN',
  'STALLED',
  'DISCONNECTED',
] as const;

export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ScenarioError(`${path}: cannot read the scenario file`);
  }
  return parseScenario(text, path);
}

export function parseScenario(text: string, file = '<scenario>'): Scenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const pos = lines.linePos(first.pos[0]);
    throw new ScenarioError(`${file}:${pos.line}:${pos.col}: invalid YAML: ${first.message.split('\n')[0]}`);
  }
  const where = (path: Path, atKey: boolean): string => {
    // Report the deepest node that exists along the path.
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      const parent = n > 0 ? doc.getIn(path.slice(0, n - 1), true) : undefined;
      // For a bad key, point at the key itself rather than its value.
      if (atKey && n === path.length && isMap(parent)) {
        const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === path[n - 1]);
        const keyRange = (pair?.key as { range?: [number, number, number] } | null)?.range;
        if (keyRange) {
          const pos = lines.linePos(keyRange[0]);
          return `${file}:${pos.line}:${pos.col}`;
        }
      }
      if (node?.range) {
        const pos = lines.linePos(node.range[0]);
        return `${file}:${pos.line}:${pos.col}`;
      }
    }
    return `${file}:1:1`;
  };
  const r = new Reader(file, where);
  return readScenario(r, doc.toJS() as unknown);
}

function readScenario(r: Reader, raw: unknown): Scenario {
  const top = r.obj(
    raw,
    [],
    [
      'accountId',
      'region',
      'startTime',
      'defaultVpc',
      'subnets',
      'securityGroups',
      'launchTemplates',
      'sourceServers',
      'recoveryInstances',
      'jobs',
      'timings',
      'drs',
      'faults',
      'sts',
      'ssm',
      'description',
      'generate',
    ],
  );
  const startTime = r.str(top.startTime, ['startTime'], undefined, '2025-06-02T09:00:00Z');
  if (Number.isNaN(Date.parse(startTime))) r.fail(['startTime'], `'${startTime}' is not an ISO-8601 time`);
  const subnets = r.list(top.subnets, ['subnets']).map((v, i) => {
    const p = ['subnets', i];
    const o = r.obj(v, p, ['id', 'vpcId', 'cidr', 'availabilityZone']);
    return {
      subnetId: r.str(o.id, [...p, 'id'], RE.subnet),
      vpcId: r.str(o.vpcId, [...p, 'vpcId'], RE.vpc),
      cidr: r.str(o.cidr, [...p, 'cidr'], RE.cidr),
      availabilityZone: r.str(o.availabilityZone, [...p, 'availabilityZone'], undefined, ''),
    };
  });
  const securityGroups = r.list(top.securityGroups, ['securityGroups']).map((v, i) => {
    const p = ['securityGroups', i];
    const o = r.obj(v, p, ['id', 'vpcId', 'name']);
    const groupId = r.str(o.id, [...p, 'id'], RE.sg);
    return {
      groupId,
      vpcId: r.str(o.vpcId, [...p, 'vpcId'], RE.vpc),
      name: r.str(o.name, [...p, 'name'], undefined, groupId),
    };
  });
  const launchTemplates: ScenarioTemplate[] = r.list(top.launchTemplates, ['launchTemplates']).map((v, i) => {
    const p = ['launchTemplates', i];
    const o = r.obj(v, p, ['id', 'name', 'defaultVersion', 'versions']);
    const versions = r.list(o.versions, [...p, 'versions']).map((x, j) => {
      const q = [...p, 'versions', j];
      const vo = r.obj(x, q, [
        'subnetId',
        'securityGroupIds',
        'networkInterfaceGroupIds',
        'instanceType',
        'instanceProfile',
        'privateIpAddress',
      ]);
      return {
        subnetId: vo.subnetId === undefined ? undefined : r.str(vo.subnetId, [...q, 'subnetId'], RE.subnet),
        securityGroupIds:
          vo.securityGroupIds === undefined
            ? undefined
            : r
                .list(vo.securityGroupIds, [...q, 'securityGroupIds'])
                .map((g, k) => r.str(g, [...q, 'securityGroupIds', k], RE.sg)),
        networkInterfaceGroupIds:
          vo.networkInterfaceGroupIds === undefined
            ? undefined
            : r
                .list(vo.networkInterfaceGroupIds, [...q, 'networkInterfaceGroupIds'])
                .map((g, k) => r.str(g, [...q, 'networkInterfaceGroupIds', k], RE.sg)),
        instanceType:
          vo.instanceType === undefined ? undefined : r.str(vo.instanceType, [...q, 'instanceType']),
        instanceProfile:
          vo.instanceProfile === undefined ? undefined : r.str(vo.instanceProfile, [...q, 'instanceProfile']),
        privateIpAddress:
          vo.privateIpAddress === undefined
            ? undefined
            : r.str(vo.privateIpAddress, [...q, 'privateIpAddress'], RE.ip),
      };
    });
    if (versions.length === 0) r.fail([...p, 'versions'], 'needs at least one version');
    const launchTemplateId = r.str(o.id, [...p, 'id'], RE.lt);
    return {
      launchTemplateId,
      name: r.str(o.name, [...p, 'name'], undefined, launchTemplateId),
      versions,
      defaultVersion: r.num(o.defaultVersion, [...p, 'defaultVersion'], 1, 1, versions.length),
    };
  });
  const startMs = Date.parse(startTime);
  const servers = r
    .list(top.sourceServers, ['sourceServers'])
    .map((v, i) => readServer(r, v, ['sourceServers', i], startMs, launchTemplates));
  const generated = r.num(top.generate, ['generate'], 0, 0, 4000);
  if (generated > 0) {
    // `generate: n` adds n launchable servers in five tiers (see estate.ts) to whatever is declared.
    const parts = estateParts(generated, startTime);
    servers.push(...parts.servers);
    launchTemplates.push(...parts.templates);
    subnets.push({ subnetId: ESTATE_SUBNET, vpcId: ESTATE_VPC, cidr: '10.16.0.0/16', availabilityZone: '' });
    securityGroups.push({ groupId: ESTATE_SG, vpcId: ESTATE_VPC, name: 'big-recovery' });
  }
  const seen = new Set<string>();
  servers.forEach((s, i) => {
    if (seen.has(s.sourceServerID))
      r.fail(['sourceServers', i, 'id'], `duplicate source server ${s.sourceServerID}`);
    seen.add(s.sourceServerID);
  });
  const recoveryInstances = r.list(top.recoveryInstances, ['recoveryInstances']).map((v, i) => {
    const p = ['recoveryInstances', i];
    const o = r.obj(v, p, [
      'id',
      'ec2InstanceId',
      'sourceServerId',
      'isDrill',
      'jobId',
      'state',
      'launchedAt',
    ]);
    const sourceServerID = r.str(o.sourceServerId, [...p, 'sourceServerId'], RE.server);
    if (!seen.has(sourceServerID))
      r.fail([...p, 'sourceServerId'], `unknown source server ${sourceServerID}`);
    return {
      recoveryInstanceID: r.str(o.id, [...p, 'id'], RE.instance),
      ec2InstanceID: r.str(o.ec2InstanceId, [...p, 'ec2InstanceId'], RE.instance),
      sourceServerID,
      isDrill: r.bool(o.isDrill, [...p, 'isDrill'], true),
      jobID: o.jobId === undefined ? undefined : r.str(o.jobId, [...p, 'jobId'], RE.job),
      state: r.oneOf(o.state, [...p, 'state'], ['running', 'stopped'] as const, 'running'),
      launchedAt: o.launchedAt === undefined ? undefined : r.str(o.launchedAt, [...p, 'launchedAt']),
    };
  });
  const jobs = r.list(top.jobs, ['jobs']).map((v, i) => {
    const p = ['jobs', i];
    const o = r.obj(v, p, ['id', 'sourceServerIds', 'isDrill', 'startOffsetMinutes']);
    const ids = r.list(o.sourceServerIds, [...p, 'sourceServerIds']).map((x, k) => {
      const id = r.str(x, [...p, 'sourceServerIds', k], RE.server);
      if (!seen.has(id)) r.fail([...p, 'sourceServerIds', k], `unknown source server ${id}`);
      return id;
    });
    if (ids.length === 0) r.fail([...p, 'sourceServerIds'], 'needs at least one source server');
    return {
      jobID: r.str(o.id, [...p, 'id'], RE.job),
      sourceServerIDs: ids,
      isDrill: r.bool(o.isDrill, [...p, 'isDrill'], true),
      startOffsetMinutes: r.num(o.startOffsetMinutes, [...p, 'startOffsetMinutes'], 0, -1e6, 1e6),
    };
  });
  return {
    accountId: r.str(top.accountId, ['accountId'], RE.account, '111122223333'),
    region: r.str(top.region, ['region'], /^[a-z0-9-]+$/, 'us-east-1'),
    startTime,
    defaultVpc: r.bool(top.defaultVpc, ['defaultVpc'], false),
    servers,
    launchTemplates,
    subnets,
    securityGroups,
    recoveryInstances,
    jobs,
    timings: readTimings(r, top.timings),
    drs: readDrs(r, top.drs),
    faults: readFaults(r, top.faults, seen),
    ssm: readSsm(r, top.ssm),
    sts: r.obj(
      top.sts,
      ['sts'],
      ['sessionSeconds', 'maxSessionSeconds', 'roleArn', 'expiredKeys', 'failures'],
    ),
  };
}

function readServer(
  r: Reader,
  v: unknown,
  p: Path,
  startMs: number,
  templates: ScenarioTemplate[],
): ScenarioServer {
  const o = r.obj(v, p, [
    'id',
    'hostname',
    'fqdn',
    'tags',
    'replicationState',
    'lagSeconds',
    'snapshots',
    'sourceIp',
    'recommendedInstanceType',
    'launchTemplateId',
    'launch',
    'launchActions',
  ]);
  const sourceServerID = r.str(o.id, [...p, 'id'], RE.server);
  const hostname = r.str(o.hostname, [...p, 'hostname']);
  const launch = r.obj(
    o.launch,
    [...p, 'launch'],
    ['launchDisposition', 'rightSizing', 'copyPrivateIp', 'copyTags', 'osByol'],
  );
  let launchTemplateId: string;
  if (o.launchTemplateId === undefined) {
    // DRS creates one template per source server; scenarios may leave it implicit.
    launchTemplateId = `lt-${hash32(sourceServerID).toString(16).padStart(8, '0')}${hash32(`${sourceServerID}:lt`).toString(16).padStart(8, '0').slice(0, 9)}`;
    templates.push({
      launchTemplateId,
      name: `drs-${hostname}`,
      versions: [{ instanceType: 't3.medium' }],
      defaultVersion: 1,
    });
  } else {
    launchTemplateId = r.str(o.launchTemplateId, [...p, 'launchTemplateId'], RE.lt);
    if (!templates.some((t) => t.launchTemplateId === launchTemplateId))
      r.fail(
        [...p, 'launchTemplateId'],
        `unknown launch template ${launchTemplateId} (declare it under launchTemplates)`,
      );
  }
  const snapshots =
    o.snapshots === undefined
      ? defaultSnapshots(sourceServerID, startMs)
      : r.list(o.snapshots, [...p, 'snapshots']).map((x, k) => {
          const so = r.obj(x, [...p, 'snapshots', k], ['id', 'time']);
          const timestamp = r.str(so.time, [...p, 'snapshots', k, 'time']);
          if (Number.isNaN(Date.parse(timestamp)))
            r.fail([...p, 'snapshots', k, 'time'], `'${timestamp}' is not an ISO-8601 time`);
          return {
            snapshotID: r.str(so.id, [...p, 'snapshots', k, 'id'], RE.pit),
            timestamp: new Date(timestamp).toISOString(),
          };
        });
  return {
    sourceServerID,
    hostname,
    fqdn: o.fqdn === undefined ? undefined : r.str(o.fqdn, [...p, 'fqdn']),
    tags: r.strMap(o.tags, [...p, 'tags']),
    replicationState: r.oneOf(
      o.replicationState,
      [...p, 'replicationState'],
      REPLICATION_STATES,
      'CONTINUOUS',
    ),
    lagSeconds: r.num(o.lagSeconds, [...p, 'lagSeconds'], 5),
    snapshots,
    sourceIp: o.sourceIp === undefined ? undefined : r.str(o.sourceIp, [...p, 'sourceIp'], RE.ip),
    recommendedInstanceType:
      o.recommendedInstanceType === undefined
        ? undefined
        : r.str(o.recommendedInstanceType, [...p, 'recommendedInstanceType']),
    launchTemplateId,
    launchDisposition: r.oneOf(
      launch.launchDisposition,
      [...p, 'launch', 'launchDisposition'],
      ['STARTED', 'STOPPED'] as const,
      'STARTED',
    ),
    rightSizing: r.oneOf(
      launch.rightSizing,
      [...p, 'launch', 'rightSizing'],
      ['NONE', 'BASIC', 'IN_AWS'] as const,
      'BASIC',
    ),
    copyPrivateIp: r.bool(launch.copyPrivateIp, [...p, 'launch', 'copyPrivateIp'], false),
    copyTags: r.bool(launch.copyTags, [...p, 'launch', 'copyTags'], false),
    osByol: r.bool(launch.osByol, [...p, 'launch', 'osByol'], false),
    launchActions: r
      .list(o.launchActions, [...p, 'launchActions'])
      .map((x, k) => readLaunchAction(r, x, [...p, 'launchActions', k], sourceServerID)),
  };
}

const ACTION_CATEGORIES = ['MONITORING', 'VALIDATION', 'CONFIGURATION', 'SECURITY', 'OTHER'] as const;

function readLaunchAction(r: Reader, v: unknown, p: Path, sourceServerID: string): ScenarioLaunchAction {
  const o = r.obj(v, p, [
    'actionId',
    'name',
    'actionCode',
    'type',
    'order',
    'optional',
    'category',
    'description',
    'result',
    'failureReason',
    'seconds',
  ]);
  const name = r.str(o.name, [...p, 'name'], RE.actionName);
  if (name.length > 256) r.fail([...p, 'name'], 'must be at most 256 characters');
  const index = Number(p.at(-1));
  const result = r.oneOf(o.result, [...p, 'result'], ['SUCCEEDED', 'FAILED'] as const, 'SUCCEEDED');
  if (o.failureReason !== undefined && result !== 'FAILED')
    r.fail([...p, 'failureReason'], 'is only allowed with result: FAILED');
  const failureReason =
    result === 'FAILED'
      ? r.str(o.failureReason, [...p, 'failureReason'], RE.failureReason, `${name} failed`)
      : undefined;
  if (failureReason !== undefined && failureReason.length > 256)
    r.fail([...p, 'failureReason'], 'must be at most 256 characters');
  return {
    actionId: r.str(o.actionId, [...p, 'actionId'], RE.uuid, uuidFrom(`${sourceServerID}:action:${index}`)),
    name,
    actionCode: r.str(
      o.actionCode,
      [...p, 'actionCode'],
      RE.ssmDocument,
      'AWSMigration-VerifyProcessIsRunning',
    ),
    type: r.oneOf(o.type, [...p, 'type'], ['SSM_COMMAND', 'SSM_AUTOMATION'] as const, 'SSM_COMMAND'),
    order: r.num(o.order, [...p, 'order'], 2 + index, 2, 10_000),
    optional: r.bool(o.optional, [...p, 'optional'], false),
    category: r.oneOf(o.category, [...p, 'category'], ACTION_CATEGORIES, 'OTHER'),
    description: r.str(o.description, [...p, 'description'], undefined, ''),
    result,
    failureReason,
    seconds: r.num(o.seconds, [...p, 'seconds'], 60, 0, 86_400),
  };
}

/** Six recovery points, ten minutes apart, ending at the scenario start. */
function defaultSnapshots(
  sourceServerID: string,
  startMs: number,
): { snapshotID: string; timestamp: string }[] {
  return [6, 5, 4, 3, 2, 1].map((k) => {
    const h = `${hash32(`${sourceServerID}:${k}`).toString(36)}${hash32(`${k}:${sourceServerID}`).toString(36)}00000000000000000`;
    return {
      snapshotID: `pit-${h.slice(0, 17)}`,
      timestamp: new Date(startMs - (k - 1) * 600_000 - 60_000).toISOString(),
    };
  });
}

/** `timings: captured`, or a mapping of phases on top of `profile:` (default `default`). */
function readTimings(r: Reader, v: unknown): PhaseTimings {
  const profiles = Object.keys(TIMING_PROFILES) as (keyof typeof TIMING_PROFILES)[];
  if (typeof v === 'string') return { ...TIMING_PROFILES[r.oneOf(v, ['timings'], profiles, 'default')] };
  const keys = Object.keys(TIMING_PROFILES.default) as (keyof PhaseTimings)[];
  const o = r.obj(v, ['timings'], ['profile', ...keys]);
  const out = { ...TIMING_PROFILES[r.oneOf(o.profile, ['timings', 'profile'], profiles, 'default')] };
  for (const k of keys) {
    if (o[k] === undefined) continue;
    const pair = r.list(o[k], ['timings', k]);
    const lo = r.num(pair[0], ['timings', k, 0], Number.NaN);
    const hi = r.num(pair[1], ['timings', k, 1], Number.NaN);
    if (pair.length !== 2 || Number.isNaN(lo) || Number.isNaN(hi) || lo > hi)
      r.fail(['timings', k], 'must be [min, max] seconds with min <= max');
    out[k] = [lo, hi];
  }
  return out;
}

function readDrs(r: Reader, v: unknown): DrsBehaviour {
  const d = DEFAULT_DRS_BEHAVIOUR;
  const o = r.obj(v, ['drs'], Object.keys(d));
  return {
    recoveryInstanceIdInJob: r.oneOf(
      o.recoveryInstanceIdInJob,
      ['drs', 'recoveryInstanceIdInJob'],
      ['until-completed', 'never', 'always'] as const,
      d.recoveryInstanceIdInJob,
    ),
    previousRecoveryInstance: r.oneOf(
      o.previousRecoveryInstance,
      ['drs', 'previousRecoveryInstance'],
      ['keep', 'replace'] as const,
      d.previousRecoveryInstance,
    ),
    launchConfigurationWritesTemplate: r.bool(
      o.launchConfigurationWritesTemplate,
      ['drs', 'launchConfigurationWritesTemplate'],
      d.launchConfigurationWritesTemplate,
    ),
  };
}
