/**
 * The post step's part of the drill settings: whatever the main step wrote and could not restore
 * (cancelled, crashed, or a launch job still running when it ended) is restored here, whatever the
 * cleanup policy: a drill's subnet must never be left for the next recovery. Launch jobs still running
 * are waited for first (bounded), so a drill never launches with the recovery settings by our doing.
 */
import type { DrillSettingsReport } from '../core/report.js';
import { restoreRecoverySettings } from '../engine/drill-settings.js';
import { waitForJobs } from '../engine/terminate.js';
import { errorMessage } from '../errors.js';
import type { OverrideDeps } from './drill-overrides.js';
import type { PostState } from './post-state.js';

/** How long the post step waits for the execution's launch jobs before restoring anyway. */
export const RESTORE_JOB_WAIT_MS = 15 * 60_000;
/** Between attempts while DRS holds a server in a job (ConflictException). */
const BUSY_RETRY_MS = 15_000;

function isBusy(e: unknown): boolean {
  return (e as { name?: string } | undefined)?.name === 'ConflictException';
}

/** Restores every pending server of `state`; one entry per server for the summary. Never throws. */
export async function restorePending(
  deps: OverrideDeps,
  state: PostState,
  jobIds: readonly string[],
): Promise<DrillSettingsReport[]> {
  const pending = state.restore ?? [];
  if (pending.length === 0) return [];
  const deadline = deps.clock.now() + RESTORE_JOB_WAIT_MS;
  const seen = await waitForJobs(deps, jobIds, { deadline });
  const running = jobIds.filter((id) => seen.get(id)?.status !== 'COMPLETED');
  if (running.length > 0)
    deps.log.warning(
      `DRS job(s) ${running.join(', ')} still running: restoring the recovery settings anyway.`,
    );
  const out: DrillSettingsReport[] = [];
  for (const p of pending) {
    const entry: DrillSettingsReport = {
      sourceServerId: p.sourceServerId,
      launchTemplateId: p.launchTemplateId,
      recoveryVersion: p.recoveryVersion,
      changes: [],
      restore: { status: 'failed' },
    };
    for (;;) {
      try {
        const done = await restoreRecoverySettings(deps, { ...p }, { executionId: state.executionId });
        entry.restore = { status: 'restored', at: new Date(deps.clock.now()).toISOString(), ...done };
        break;
      } catch (e) {
        if (isBusy(e) && deps.clock.now() + BUSY_RETRY_MS < deadline + RESTORE_JOB_WAIT_MS) {
          await deps.clock.sleep(BUSY_RETRY_MS);
          continue;
        }
        entry.restore = { status: 'failed', error: errorMessage(e) };
        break;
      }
    }
    deps.log[entry.restore.status === 'restored' ? 'info' : 'error'](
      `Recovery settings of ${p.sourceServerId}: ${entry.restore.status}${entry.restore.error ? ` (${entry.restore.error})` : ''}`,
    );
    out.push(entry);
  }
  return out;
}
