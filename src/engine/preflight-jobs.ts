/**
 * What preflight makes of DRS's recent jobs: the ones still active (a server busy in another job, the
 * quota of active jobs) and this execution's own (an earlier attempt's, not counted against it).
 */
import type { Job } from '../aws/gateways.js';
import { TAG } from '../core/tags.js';
import { errorMessage } from '../errors.js';
import type { PreflightProblem } from './resolve.js';

export function activeJobsOf(jobs: Job[]): { active: Job[]; jobOfServer: Map<string, Job>; servers: number } {
  const active = jobs.filter((j) => j.status !== 'COMPLETED');
  const jobOfServer = new Map<string, Job>();
  let servers = 0;
  for (const job of active) {
    for (const p of job.participatingServers ?? []) {
      servers += 1;
      if (p.sourceServerID) jobOfServer.set(p.sourceServerID, job);
    }
  }
  return { active, jobOfServer, servers };
}

/** The existing recovery instances could not be read: a drill then cannot rule out a live failover. */
export function existingUnreadable(error: unknown): PreflightProblem {
  return {
    message: `Could not read the servers' existing recovery instances: ${errorMessage(error)}`,
    fix: 'Grant drs:DescribeRecoveryInstances (with ec2:DescribeInstances): without it a drill cannot rule out deleting a live failover',
  };
}

/** The recent jobs seen from this run: its own (an earlier attempt's), and the others that are active. */
export function jobsOfRun(recentJobs: Job[], executionId: string | undefined) {
  const isOwn = (j: Job) => executionId !== undefined && j.tags?.[TAG.executionId] === executionId;
  const ownActiveJobIds = recentJobs
    .filter((j) => j.status !== 'COMPLETED' && isOwn(j))
    .map((j) => j.jobID ?? '');
  return { isOwn, ownActiveJobIds, others: activeJobsOf(recentJobs.filter((j) => !isOwn(j))) };
}
