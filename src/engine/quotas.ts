/**
 * DRS service quotas the scheduler and preflight respect. None of them is adjustable
 * (Service Quotas codes in comments); see shared/reference/drs-facts.md §2.
 */
export const DRS_QUOTAS = {
  /** L-B827C881: the user guide's limit per launch operation, below the model's 200. */
  maxServersPerJob: 100,
  /** L-D88FAC3A */
  maxActiveJobs: 20,
  /** L-05AFA8C6 */
  maxServersInActiveJobs: 500,
  /** L-DD6D028C */
  maxJobsPerServer: 1,
} as const;

/** API batch limits from the DRS model. */
export const DRS_BATCH = {
  describeJobsIds: 1000,
  describeSourceServersIds: 200,
  describeRecoveryInstancesIds: 200,
  terminateRecoveryInstancesIds: 200,
  /**
   * Page size asked of DescribeJobLogItems (the model sets no maximum): a 100-server job logs about
   * 8 items per server, so its whole log is one call, not one per 100 items (the default page).
   */
  jobLogItemsPage: 1000,
} as const;
