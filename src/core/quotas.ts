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

/**
 * Most pages one paginated DRS read may take; past it the gateway stops the read as a service fault
 * (src/paginate.ts). Each is the most items the read can return, in pages of 100 (what DRS answers
 * when no maxResults is asked), with about 5× headroom for a raised quota or pages the service cuts
 * short.
 */
export const DRS_MAX_PAGES = {
  /** L-E28BE5E0: 4,000 source servers per account (adjustable; 3,000 in older accounts). */
  describeSourceServers: 200,
  /** At most one recovery instance per source server. */
  describeRecoveryInstances: 200,
  /**
   * Jobs since a date (the preflight's 7-day look-back is the longest read): 20 jobs at a time
   * (L-D88FAC3A) that last 10 minutes or more make at most about 20,000.
   */
  describeJobs: 200,
  /** One job's log: 100 servers (L-B827C881) × about 10 events, asked for in pages of 1,000. */
  describeJobLogItems: 50,
  /** One server's recovery snapshots: point-in-time retention keeps a few hundred at most. */
  describeRecoverySnapshots: 20,
  /** One server's post-launch actions: at most 200 per resource (drs-facts.md §5.4). */
  listLaunchActions: 10,
} as const;
