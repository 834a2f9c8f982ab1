/** What a run of the action does. */
export type Mode = 'validate' | 'drill' | 'recovery' | 'cleanup';
export const MODES: readonly Mode[] = ['validate', 'drill', 'recovery', 'cleanup'];

/** How a run ended (the `status` output). */
export type RunStatus = 'succeeded' | 'failed' | 'cancelled' | 'timed-out';

export type CleanupPolicy = 'always' | 'on-success' | 'never';
export type FailOn = 'errors' | 'readiness';
