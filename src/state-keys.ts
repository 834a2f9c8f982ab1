/** Keys of what the main step keeps for the post step (core.saveState / core.getState). */
export const STATE = {
  /** Set when the main step reached its end (any status); the post step then does nothing. */
  finished: 'drs-finished',
  executionId: 'drs-execution-id',
  mode: 'drs-mode',
  region: 'drs-region',
  cleanup: 'drs-cleanup',
  planName: 'drs-plan-name',
  /** JSON array of job ids, saved as soon as each job starts. */
  jobIds: 'drs-job-ids',
} as const;
