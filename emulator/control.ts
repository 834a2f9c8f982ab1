/** The `/_emulator/…` control API that tests, the demo and the benchmark drive. */
import { jobView, recoveryInstanceView } from './drs-views.js';
import { parseFaults } from './faults-load.js';
import type { EmulatorRequest, EmulatorResponse } from './http-types.js';
import type { Scenario } from './scenario.js';
import { ScenarioError } from './scenario.js';
import type { Ec2Instance, EmulatorState } from './state.js';

export interface RecordedCall {
  seq: number;
  /** drs, ec2, sts or github. */
  service: string;
  operation: string;
  /** Real wall-clock time of arrival (ISO). */
  time: string;
  /** Simulated time of arrival (ISO). */
  simTime: string;
  /** Parsed request body: JSON for DRS and GitHub, form fields for EC2 and STS. */
  request: unknown;
  /** Access key id of the SigV4 signature (not a secret: the secret key never reaches the log). */
  accessKeyId?: string;
  status?: number;
  outcome?:
    | 'ok'
    | 'error'
    | 'throttled'
    | 'server-error'
    | 'expired'
    | 'dropped'
    | 'hung'
    | 'trickled'
    | 'html-error'
    | 'no-job';
}

interface ControlContext {
  state(): EmulatorState;
  calls: RecordedCall[];
  reset(): void;
  scenario: Scenario;
}

function json(status: number, value: unknown): EmulatorResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

function bodyOf(req: EmulatorRequest): Record<string, unknown> {
  if (!req.body.trim()) return {};
  return JSON.parse(req.body) as Record<string, unknown>;
}

export function controlApi(req: EmulatorRequest, ctx: ControlContext): EmulatorResponse {
  const route = `${req.method} ${req.path.slice('/_emulator'.length)}`;
  try {
    switch (route) {
      case 'GET /calls': {
        const service = req.query.get('service');
        const operation = req.query.get('operation');
        return json(
          200,
          ctx.calls.filter(
            (c) => (!service || c.service === service) && (!operation || c.operation === operation),
          ),
        );
      }
      case 'DELETE /calls':
        ctx.calls.length = 0;
        return json(200, { cleared: true });
      case 'POST /reset':
        ctx.reset();
        return json(200, { reset: true, simTime: ctx.state().clock.iso() });
      case 'GET /state':
        return json(200, summary(ctx.state()));
      case 'POST /advance': {
        const b = bodyOf(req);
        const ms = (Number(b.seconds ?? 0) + Number(b.minutes ?? 0) * 60) * 1000;
        if (!Number.isFinite(ms) || ms < 0)
          return json(400, { message: 'advance needs non-negative seconds or minutes' });
        ctx.state().advance(ms);
        return json(200, { simTime: ctx.state().clock.iso() });
      }
      case 'POST /faults': {
        const state = ctx.state();
        state.faults = parseFaults(bodyOf(req), [...state.servers.keys()]);
        return json(200, state.faults);
      }
      case 'GET /timeline':
        return json(200, timelineOf(ctx.state()));
      case 'GET /health':
        return json(200, { ok: true });
      default:
        return json(404, { message: `unknown control route ${route}` });
    }
  } catch (e) {
    if (e instanceof ScenarioError || e instanceof SyntaxError) return json(400, { message: e.message });
    throw e;
  }
}

export interface TimelineServer {
  sourceServerID: string;
  launchStatus: string;
  /** Simulated epoch ms at which the server reached LAUNCHED or FAILED. */
  endedAt?: number;
  /**
   * The recovery instance the job launched (LAUNCH) or terminates (TERMINATE), whatever
   * DescribeJobs shows under `drs.recoveryInstanceIdInJob`.
   */
  recoveryInstanceID?: string;
  ec2InstanceID?: string;
  /** Simulated epoch ms at which the instance's status checks settled (ok or impaired). */
  statusChecksAt?: number;
  statusChecks?: string;
  /** Recovery instances of the server that this job terminated first (`previousRecoveryInstance: replace`). */
  replaced?: { recoveryInstanceID: string; ec2InstanceID: string }[];
  /** Post-launch action runs: status and the simulated epoch ms each reached its result. */
  launchActions?: { name: string; status: string; endedAt?: number }[];
}

export interface TimelineJob {
  jobID: string;
  type: string;
  isDrill: boolean;
  status: string;
  /** The tags given to StartRecovery (e.g. `drs-drill:wave`); not DRS's own `resourceArn`. */
  tags: Record<string, string>;
  /** Simulated epoch ms: creation (the StartRecovery), PENDING → STARTED, COMPLETED. */
  createdAt: number;
  startedAt?: number;
  endedAt?: number;
  servers: TimelineServer[];
}

/**
 * Every job's transitions in simulated epoch ms, with the instance ids DescribeJobs may hide (the
 * job log has no status-check times). `simNow`/`realNow` are read together so a client can map simulated times
 * to its own wall clock: real = realNow - (simNow - sim) / speed.
 */
export interface Timeline {
  speed: number;
  simNow: number;
  realNow: number;
  jobs: TimelineJob[];
}

export function timelineOf(state: EmulatorState): Timeline {
  state.tick();
  const simNow = state.clock.now();
  const realNow = Date.now();
  // DRS tags the instances it launches with the job and the source server: the join key survives
  // the recovery instance record being removed by a later terminate.
  const byJobAndServer = new Map<string, Ec2Instance>();
  for (const i of state.instances.values()) {
    const job = i.tags['drs.amazonaws.com-job'];
    const server = i.tags.AWSElasticDisasterRecoverySourceServerID;
    if (job && server) byJobAndServer.set(`${job}/${server}`, i);
  }
  const jobs = [...state.jobs.values()].map((j): TimelineJob => {
    const servers = j.servers.map((p): TimelineServer => {
      const instance = j.type === 'LAUNCH' ? byJobAndServer.get(`${j.jobID}/${p.sourceServerID}`) : undefined;
      return {
        sourceServerID: p.sourceServerID,
        launchStatus: p.launchStatus,
        ...(p.endedAt !== undefined ? { endedAt: p.endedAt } : {}),
        ...(p.recoveryInstanceID !== undefined ? { recoveryInstanceID: p.recoveryInstanceID } : {}),
        ...(instance ? { ec2InstanceID: instance.instanceId, statusChecks: instance.statusChecks } : {}),
        ...(instance?.statusChecksAt !== undefined ? { statusChecksAt: instance.statusChecksAt } : {}),
        ...(p.replaced ? { replaced: p.replaced.map((r) => ({ ...r })) } : {}),
        ...(p.launchActions
          ? {
              launchActions: p.launchActions.runs.map((r) => ({
                name: r.action.name,
                status: r.status,
                ...(r.endedAt !== undefined ? { endedAt: r.endedAt } : {}),
              })),
            }
          : {}),
      };
    });
    return {
      jobID: j.jobID,
      type: j.type,
      isDrill: j.isDrill,
      status: j.status,
      tags: { ...j.tags },
      createdAt: j.createdAt,
      ...(j.startedAt !== undefined ? { startedAt: j.startedAt } : {}),
      ...(j.endAt !== undefined ? { endedAt: j.endAt } : {}),
      servers,
    };
  });
  return { speed: state.clock.speed, simNow, realNow, jobs };
}

function summary(state: EmulatorState): unknown {
  state.tick();
  return {
    simTime: state.clock.iso(),
    speed: state.clock.speed,
    pendingEvents: state.pendingEvents(),
    // The emulator's truth: every recovery instance id, the servers of completed TERMINATE jobs.
    jobs: [...state.jobs.values()].map((j) => jobView(state, j, { truth: true })),
    recoveryInstances: [...state.recoveryInstances.values()].map((r) => recoveryInstanceView(state, r)),
    instances: [...state.instances.values()].map((i) => ({
      ...i,
      launchTime: state.clock.iso(i.launchTime),
    })),
    launchTemplates: [...state.templates.values()].map((t) => ({
      launchTemplateId: t.launchTemplateId,
      defaultVersion: t.defaultVersion,
      versions: t.versions.map((v) => ({ number: v.number, ...v.data })),
    })),
  };
}
