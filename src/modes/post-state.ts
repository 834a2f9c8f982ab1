/**
 * The contract between the main step and the post step: one typed record, saved with core.saveState
 * whenever it changes (each started job is saved at once) and read by the post step.
 */
import type { CleanupPolicy, RunStatus } from '../modes.js';

export interface PostState {
  /**
   * True when the main step reached its end and nothing it started is left for the post step: its
   * own cleanup ran (or the policy keeps the instances), or it started no job. False keeps the post
   * step's cleanup armed: cancellation, a crash, or a cleanup that could not finish.
   */
  finished: boolean;
  mode: 'drill' | 'recovery';
  executionId: string;
  region: string;
  cleanup: CleanupPolicy;
  planName: string;
  /** Every DRS job this execution started (or resumed), saved as soon as it starts. */
  jobIds: string[];
  /** How the main step ended, once it did (the post step's `on-success` rule reads it). */
  status?: RunStatus;
  /**
   * Waves left to a later step of the execution (input `waves`): this step succeeded and kept its drill
   * instances for that step, so the post step must not terminate them.
   */
  wavesRemaining?: string[];
  /**
   * Servers whose drill settings (the plan's `drill:`) were written and are not yet known restored,
   * saved before the first write: the post step restores them whatever `finished` and the cleanup
   * policy say. Kept small (the runner hands state to the post step in an environment variable).
   */
  restore?: PendingRestore[];
}

/** What the post step needs to put one server's recovery settings back. */
export interface PendingRestore {
  sourceServerId: string;
  launchTemplateId: string;
  /** The default version that held the recovery settings. */
  recoveryVersion: number;
  /** The DRS launch settings the drill changed, at their recovery values. */
  launch: { copyPrivateIp?: boolean; rightSizing?: 'NONE' | 'BASIC' | 'IN_AWS' };
}

const RIGHT_SIZING: readonly string[] = ['NONE', 'BASIC', 'IN_AWS'];

/** The saved list, each entry checked; anything malformed is dropped. */
function pendingRestores(value: unknown): PendingRestore[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((x): PendingRestore[] => {
    const r = x as Record<string, unknown> | null;
    if (!r || typeof r.sourceServerId !== 'string' || typeof r.launchTemplateId !== 'string') return [];
    if (typeof r.recoveryVersion !== 'number' || !Number.isInteger(r.recoveryVersion)) return [];
    const launch = (r.launch ?? {}) as Record<string, unknown>;
    return [
      {
        sourceServerId: r.sourceServerId,
        launchTemplateId: r.launchTemplateId,
        recoveryVersion: r.recoveryVersion,
        launch: {
          ...(typeof launch.copyPrivateIp === 'boolean' ? { copyPrivateIp: launch.copyPrivateIp } : {}),
          ...(RIGHT_SIZING.includes(String(launch.rightSizing))
            ? { rightSizing: launch.rightSizing as PendingRestore['launch']['rightSizing'] }
            : {}),
        },
      },
    ];
  });
}

/** The one state key the record lives under. */
export const POST_STATE_KEY = 'drs-run';

export function writePostState(save: (name: string, value: string) => void, state: PostState): void {
  save(POST_STATE_KEY, JSON.stringify(state));
}

const POLICIES: readonly string[] = ['always', 'on-success', 'never'];
const STATUSES: readonly string[] = ['succeeded', 'failed', 'cancelled', 'timed-out'];

/** The record the main step saved, or undefined when it saved none (or something unreadable). */
export function readPostState(get: (name: string) => string): PostState | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(get(POST_STATE_KEY) || 'null');
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const s = parsed as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  if (s.mode !== 'drill' && s.mode !== 'recovery') return undefined;
  return {
    finished: s.finished === true,
    mode: s.mode,
    executionId: text(s.executionId),
    region: text(s.region),
    cleanup: POLICIES.includes(text(s.cleanup)) ? (s.cleanup as CleanupPolicy) : 'always',
    planName: text(s.planName),
    jobIds: Array.isArray(s.jobIds)
      ? s.jobIds.filter((x): x is string => typeof x === 'string' && x !== '')
      : [],
    ...(STATUSES.includes(text(s.status)) ? { status: s.status as RunStatus } : {}),
    ...(Array.isArray(s.wavesRemaining) && s.wavesRemaining.length > 0
      ? { wavesRemaining: s.wavesRemaining.filter((x): x is string => typeof x === 'string') }
      : {}),
    ...(Array.isArray(s.restore) ? { restore: pendingRestores(s.restore) } : {}),
  };
}
