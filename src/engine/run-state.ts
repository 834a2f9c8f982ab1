/**
 * The run loop's state per wave and chunk, and the pure helpers over it: the report's wave entries,
 * the capacity this run holds in DRS, the jobs left running.
 */

import type { SourceServer, StartRecoveryRequest } from '../aws/gateways.js';
import { parseInstant, parseIsoDuration } from '../core/durations.js';
import type { Report, ServerReport, WaveReport } from '../core/report.js';
import { TAG } from '../core/tags.js';
import type { WaveChecks } from './checks.js';
import { serverLabel } from './outcome.js';
import type { PollState } from './poller.js';
import { type Capacity, chunkServers, type WaveRunState } from './scheduler.js';
import type { ChunkSpec, ChunkStartState } from './start.js';
import type { ExecutionPlan, ResolvedWave, RunContext } from './types.js';
import type { ServerTracking } from './wave-progress.js';

export interface ChunkRun {
  spec: ChunkSpec;
  request?: StartRecoveryRequest;
  start: ChunkStartState;
  admitted: boolean;
  jobId?: string;
  failure?: string;
  lastWait?: string;
}

export interface WaveRun {
  resolved: ResolvedWave;
  report: WaveReport;
  state: WaveRunState;
  chunks: ChunkRun[];
  startedAtMs?: number;
  tracking: ServerTracking;
  /** The wave's SSM checks, from the moment its servers succeeded (wave-checks-step.ts). */
  checks?: WaveChecks;
  /** Warnings of the server verdict, kept until the checks decide the wave. */
  heldWarnings?: string[];
  /** A pipelined run: the wave's own preflight result was applied (wave-gate.ts). */
  gateApplied?: boolean;
}

export const HOW = {
  started: 'started job',
  adopted: 'adopted job whose StartRecovery answer was lost',
  resumed: 'attached to job an earlier attempt started',
} as const;

export const DONE = new Set(['succeeded', 'failed', 'timed-out', 'skipped', 'cancelled']);

/** Whether instant `a` comes before `b` (or `b` is unset): compared as instants, never as text. */
export function isEarlier(a: string, b: string | undefined): boolean {
  const left = parseInstant(a);
  const right = parseInstant(b);
  return b === undefined || right === undefined || (left !== undefined && left < right);
}

/**
 * The report's wave entries and the loop's state for them. A `settled` wave (decided by an earlier
 * step of the execution) keeps its rebuilt entry and outcome, decided long ago: it is never started.
 */
export function initWaves(
  plan: ExecutionPlan,
  report: Report,
  settled?: ReadonlyMap<string, WaveReport>,
): WaveRun[] {
  report.waves = plan.waves.map((rw) => ({
    name: rw.wave.name,
    index: rw.wave.index,
    dependsOn: [...rw.wave.dependsOn],
    status: 'pending',
    jobs: [],
    servers: rw.servers.map((s) => ({
      sourceServerId: s.sourceServerId,
      ...(s.hostname ? { hostname: s.hostname } : {}),
      ...(s.spec.snapshot ? { pinnedSnapshotId: s.spec.snapshot } : {}),
      ...(s.spec.snapshot || s.recoverySnapshot
        ? { recoverySnapshotId: s.spec.snapshot ?? s.recoverySnapshot?.id }
        : {}),
      ...replicationAtPreflight(s.sourceServer),
      critical: s.spec.critical,
      health: 'pending',
      phases: [],
      errors: [],
    })),
  }));
  for (const [i, rw] of plan.waves.entries()) {
    const earlier = settled?.get(rw.wave.name);
    if (earlier) report.waves[i] = earlier;
  }
  return plan.waves.map((resolved, i) => {
    const earlier = settled?.get(resolved.wave.name);
    return {
      resolved,
      report: report.waves[i]!,
      state: earlier ? { status: earlier.status, decidedAtMs: 0 } : { status: 'pending' },
      chunks: [],
      tracking: { outcomes: new Map(), logged: new Map() },
    };
  });
}

export function ourCapacity(waves: readonly WaveRun[], poll: PollState): Capacity {
  const used: Capacity = { jobs: 0, servers: 0 };
  for (const wave of waves) {
    for (const chunk of wave.chunks) {
      if (!chunk.admitted || chunk.failure) continue;
      const active = chunk.jobId
        ? poll.jobs.get(chunk.jobId)?.job?.status !== 'COMPLETED'
        : wave.state.status === 'running';
      if (active) {
        used.jobs += 1;
        used.servers += chunk.spec.servers.length;
      }
    }
  }
  return used;
}

export function activeJobLines(poll: PollState): string[] {
  return [...poll.jobs.values()]
    .filter((t) => t.job?.status !== 'COMPLETED')
    .map(
      (t) =>
        `DRS job ${t.jobId} (wave "${t.waveName}", ${t.sourceServerIds.length} server(s)) was still ` +
        `${t.job?.status ?? 'PENDING'} when the run stopped; it keeps running in DRS.`,
    );
}

/** A wave's chunks (≤ the servers DRS takes per job), none admitted or attempted yet. */
export function chunkRunsOf(planName: string, resolved: ResolvedWave): ChunkRun[] {
  const parts = chunkServers(resolved.servers);
  return parts.map((servers, chunkIndex) => ({
    spec: {
      planName,
      waveName: resolved.wave.name,
      waveIndex: resolved.wave.index,
      chunkIndex,
      chunkCount: parts.length,
      servers,
    },
    start: { attempts: 0, nextAttemptAtMs: 0 },
    admitted: false,
  }));
}

/** Tags put once on every EC2 instance the run launched. */
export function instanceTagsOf(context: RunContext, planName: string): Record<string, string> {
  return { [TAG.executionId]: context.executionId, [TAG.plan]: planName, [TAG.mode]: context.mode };
}

/** A wave whose every server was left out: skipped, and no reason to stop the run. Returns the warning. */
export function skipEmptyWave(wave: WaveRun, nowMs: number, nowIso: string): string {
  wave.state = { status: 'skipped', decidedAtMs: nowMs, empty: true };
  wave.report.status = 'skipped';
  wave.report.endedAt = nowIso;
  wave.report.error = 'no server left to run: every server of the wave was left out of this run';
  return `Wave "${wave.report.name}": skipped, ${wave.report.error}; waves that depend on it still run`;
}

/** One line per server of a decided wave, for its console group. */
export function waveServerLines(wave: WaveReport): string[] {
  return wave.servers.map((s) => {
    const ec2 = s.ec2InstanceId ? ` ${s.ec2InstanceId}` : '';
    return `${serverLabel(s)}: ${s.launchStatus ?? 'not started'}${ec2}, health ${s.health}`;
  });
}

/** How a run whose waves are all decided ended. */
export function finalStatusOf(waves: readonly WaveRun[]): Report['status'] {
  // A wave with no server left to run was skipped on purpose: it fails nothing.
  const statuses = waves.filter((w) => !w.state.empty).map((w) => w.state.status);
  if (statuses.includes('failed')) return 'failed';
  if (statuses.includes('timed-out')) return 'timed-out';
  if (statuses.includes('skipped') || statuses.includes('cancelled')) return 'failed';
  return 'succeeded';
}

/** Replication as preflight read it (DescribeSourceServers), for the evidence. */
function replicationAtPreflight(server: SourceServer): Pick<ServerReport, 'replicationAtPreflight'> {
  const info = server.dataReplicationInfo;
  if (!info?.dataReplicationState) return {};
  const lagSeconds = info.lagDuration ? parseIsoDuration(info.lagDuration) : undefined;
  return {
    replicationAtPreflight: {
      state: info.dataReplicationState,
      ...(info.lagDuration ? { lagDuration: info.lagDuration } : {}),
      ...(lagSeconds !== undefined ? { lagSeconds } : {}),
    },
  };
}
