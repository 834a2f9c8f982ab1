/**
 * The plan's `drill:` overrides in the drill pipeline: written just before the waves (after the
 * repair), restored per server as soon as it is safe (it launched, or its job ended, or it will never
 * start), again after the cleanup, and by the post step for whatever is left (cancellation, a crash).
 * Each write is saved for the post step before it is made; the report records both sides.
 */
import pLimit from 'p-limit';
import type { DrsGateway, Ec2Gateway } from '../aws/gateways.js';
import { retryingDrs, retryingEc2 } from '../aws/retrying.js';
import type { DrillSettingsReport, Report, ServerReport, WaveReport } from '../core/report.js';
import { type PhaseLimits, phaseCheckpoint } from '../engine/deadline.js';
import { applyDrillSettings, type DrillWrite, restoreRecoverySettings } from '../engine/drill-settings.js';
import { awsNow } from '../engine/poller.js';
import type { Clock, EngineLog, ExecutionPlan } from '../engine/types.js';
import { errorMessage } from '../errors.js';
import { hasDrillOverrides } from '../plan/drill.js';
import type { PendingRestore, PostState } from './post-state.js';

export interface OverrideDeps {
  drs: DrsGateway;
  ec2: Ec2Gateway;
  clock: Clock;
  log: EngineLog;
}

/** DRS refuses launch-setting writes while the server is in a job: wait for the job, then try again. */
function isBusy(e: unknown): boolean {
  return (e as { name?: string } | undefined)?.name === 'ConflictException';
}

function pendingOf(w: DrillWrite): PendingRestore {
  return {
    sourceServerId: w.sourceServerId,
    launchTemplateId: w.launchTemplateId,
    recoveryVersion: w.recoveryVersion,
    launch: w.launch,
  };
}

/** Whether restoring now cannot change what the server launches with: it launched, or it never will. */
export function safeToRestore(server: ServerReport | undefined, wave: WaveReport | undefined): boolean {
  if (!server || !wave) return true;
  if (server.ec2InstanceId || server.launchStatus === 'LAUNCHED') return true;
  const job = wave.jobs.find((j) => j.jobId === server.jobId);
  if (job) return job.status === 'COMPLETED';
  return wave.status !== 'running' && wave.status !== 'pending';
}

export class DrillOverrides {
  /** Written and not yet known restored, by source server. */
  private readonly pending = new Map<string, DrillWrite>();

  constructor(
    private readonly state: PostState,
    private readonly save: () => void,
    private readonly executionId: string,
  ) {}

  /** Records a write (before it is made) in the post step's state and the report. */
  private track(report: Report, write: DrillWrite): void {
    this.pending.set(write.sourceServerId, write);
    this.state.restore = [...this.pending.values()].map(pendingOf);
    this.save();
    const entry: DrillSettingsReport = {
      sourceServerId: write.sourceServerId,
      ...(write.hostname ? { hostname: write.hostname } : {}),
      launchTemplateId: write.launchTemplateId,
      recoveryVersion: write.recoveryVersion,
      ...(write.drillVersion !== undefined ? { drillVersion: write.drillVersion } : {}),
      // Drill settings are launch settings and template data; post-launch actions are never drill-only.
      changes: write.changes.flatMap((c) =>
        c.target === 'postLaunch' ? [] : [{ target: c.target, field: c.field, from: c.from, to: c.to }],
      ),
      restore: { status: 'pending' },
    };
    const list = report.drillSettings ?? [];
    report.drillSettings = [...list.filter((d) => d.sourceServerId !== write.sourceServerId), entry];
  }

  /**
   * Writes the drill settings of every server that has overrides. Returns the run's errors when any
   * could not be written; then everything written is restored at once and nothing starts.
   */
  async apply(
    deps: OverrideDeps,
    mode: 'drill' | 'recovery',
    preflight: { executionPlan?: ExecutionPlan },
    report: Report,
    limits: PhaseLimits,
  ): Promise<string[]> {
    // A recovery always launches with the recovery settings.
    if (mode !== 'drill' || !preflight.executionPlan) return [];
    const targets = preflight.executionPlan.waves.flatMap((w) =>
      w.servers.flatMap((rs) =>
        hasDrillOverrides(rs.spec.drill)
          ? [
              {
                sourceServerId: rs.sourceServerId,
                ...(rs.hostname ? { hostname: rs.hostname } : {}),
                drill: rs.spec.drill,
              },
            ]
          : [],
      ),
    );
    if (targets.length === 0) return [];
    const gateways = withRetries(deps, limits);
    const limit = pLimit(10);
    const shared = await sharedTemplates(gateways, targets, limit);
    if (shared.length > 0) return [...shared, 'Nothing was started: no drill setting was written.'];
    const failures: string[] = [];
    await Promise.all(
      targets.map((t) =>
        limit(async () => {
          try {
            const write = await applyDrillSettings(gateways, t, {
              executionId: this.executionId,
              record: (w) => this.track(report, w),
            });
            for (const c of write?.changes ?? [])
              deps.log.info(
                `Drill setting ${t.sourceServerId} ${c.target}.${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`,
              );
          } catch (e) {
            failures.push(`Drill settings of ${t.sourceServerId} could not be written: ${errorMessage(e)}`);
          }
        }),
      ),
    );
    if (failures.length === 0) return [];
    for (const f of failures) deps.log.error(f);
    await this.restore(deps, report, () => true);
    return [...failures, 'Nothing was started: the drill settings above could not be written.'];
  }

  /**
   * Restores every pending server `ready` allows. A server DRS still holds in a job stays pending (the
   * next pass, or the post step, takes it); another failure is recorded and left for the post step.
   */
  async restore(
    deps: OverrideDeps,
    report: Report,
    ready: (sourceServerId: string) => boolean,
  ): Promise<void> {
    const due = [...this.pending.values()].filter((w) => ready(w.sourceServerId));
    if (due.length === 0) return;
    const limit = pLimit(10);
    await Promise.all(due.map((w) => limit(() => this.restoreOne(deps, report, w))));
    this.state.restore = [...this.pending.values()].map(pendingOf);
    this.save();
  }

  private async restoreOne(deps: OverrideDeps, report: Report, write: DrillWrite): Promise<void> {
    const entry = report.drillSettings?.find((d) => d.sourceServerId === write.sourceServerId);
    try {
      const done = await restoreRecoverySettings(deps, write, { executionId: this.executionId });
      this.pending.delete(write.sourceServerId);
      if (entry) entry.restore = { status: 'restored', at: awsNow(deps), ...done };
      deps.log.info(`Recovery settings of ${write.sourceServerId} restored after its drill.`);
    } catch (e) {
      if (isBusy(e)) return;
      if (entry) entry.restore = { status: 'failed', error: errorMessage(e) };
      deps.log.warning(
        `Could not restore the recovery settings of ${write.sourceServerId}: ${errorMessage(e)}`,
      );
    }
  }

  /** Restores the servers for which it is safe now, as the report shows them (the run loop calls this). */
  restoreSafe(deps: OverrideDeps, report: Report): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    const where = new Map<string, { server: ServerReport; wave: WaveReport }>();
    for (const wave of report.waves)
      for (const server of wave.servers) where.set(server.sourceServerId, { server, wave });
    return this.restore(deps, report, (id) => safeToRestore(where.get(id)?.server, where.get(id)?.wave));
  }

  /** Servers still waiting: a line for the report, so nobody is surprised by drill settings left. */
  leftNote(report: Report): void {
    if (this.pending.size === 0) return;
    report.warnings.push(
      `Drill settings of ${[...this.pending.keys()].join(', ')} are not restored yet: the post step restores them.`,
    );
  }
}

/**
 * Servers with drill settings that share one launch template. DRS gives every server its own; a shared
 * one would make one server's drill version another's "recovery settings", and a restore after one
 * server's launch would change what another still launches with. Refused before anything is written.
 */
async function sharedTemplates(
  deps: OverrideDeps,
  targets: readonly { sourceServerId: string }[],
  limit: ReturnType<typeof pLimit>,
): Promise<string[]> {
  const byTemplate = new Map<string, string[]>();
  await Promise.all(
    targets.map((t) =>
      limit(async () => {
        // A read that fails here fails again, with its reason, when the settings are written.
        const config = await deps.drs.getLaunchConfiguration(t.sourceServerId).catch(() => undefined);
        const id = config?.ec2LaunchTemplateID;
        if (id) byTemplate.set(id, [...(byTemplate.get(id) ?? []), t.sourceServerId]);
      }),
    ),
  );
  return [...byTemplate]
    .filter(([, servers]) => servers.length > 1)
    .map(
      ([template, servers]) =>
        `Drill settings: source servers ${servers.sort().join(', ')} share launch template ${template}, so the drill settings of one would become the recovery settings of another: give each server its own template (DRS does), or leave drill: out for them`,
    );
}

/** Reads and writes retried through throttling and 5xx on the run's clock, stopping at its deadline. */
function withRetries(deps: OverrideDeps, limits: PhaseLimits): OverrideDeps {
  const checkpoint = phaseCheckpoint(deps.clock, limits, 'writing the drill settings');
  const opts = { sleep: (ms: number) => deps.clock.sleep(ms, limits.signal), checkpoint };
  return { ...deps, drs: retryingDrs(deps.drs, opts), ec2: retryingEc2(deps.ec2, opts) };
}
