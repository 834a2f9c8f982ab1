/** What a run of the action does. */
export type Mode = 'validate' | 'drill' | 'recovery' | 'cleanup' | 'status';
export const MODES: readonly Mode[] = ['validate', 'drill', 'recovery', 'cleanup', 'status'];

/** How a run ended (the `status` output). */
export type RunStatus = 'succeeded' | 'failed' | 'cancelled' | 'timed-out';

export type CleanupPolicy = 'always' | 'on-success' | 'never';
/** Input `repair`: write launch settings that drift from the plan, or only report them. */
export type RepairMode = 'apply' | 'check';
export const REPAIR_MODES: readonly RepairMode[] = ['apply', 'check'];
/** What fails validate mode: plan errors only, or live readiness problems too. */
export type FailOn = 'errors' | 'readiness';

/** One value of the `fail-on` list; which ones mean something depends on the mode (FAIL_ON_BY_MODE). */
export type FailOnRule = 'errors' | 'readiness' | 'objectives' | 'regression' | 'stale';
export const FAIL_ON_RULES: readonly FailOnRule[] = [
  'errors',
  'readiness',
  'objectives',
  'regression',
  'stale',
];

/** The `fail-on` values each mode understands, and what it uses when the input is empty. */
export const FAIL_ON_BY_MODE: Record<
  Mode,
  { values: readonly FailOnRule[]; default: readonly FailOnRule[] }
> = {
  validate: { values: ['errors', 'readiness'], default: ['readiness'] },
  drill: { values: ['objectives', 'regression'], default: [] },
  recovery: { values: ['objectives', 'regression'], default: [] },
  status: { values: ['stale'], default: ['stale'] },
  cleanup: { values: [], default: [] },
};
