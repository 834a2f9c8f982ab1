/** Preflight's quota check: DRS's job and server limits against what is active and what may run together. */
import { DRS_QUOTAS } from '../core/quotas.js';
import type { Plan } from '../plan/types.js';
import { concurrentWaveGroups, type PreflightProblem } from './resolve.js';
import type { ExecutionPlan } from './types.js';

export /** DRS's job and server quotas against the jobs already active and the waves that may run together. */
function quotaFindings(
  plan: Plan,
  executionPlan: ExecutionPlan,
  activeJobs: number,
  activeServers: number,
): { busy: PreflightProblem[]; warnings: PreflightProblem[] } {
  const busy: PreflightProblem[] = [];
  const warnings: PreflightProblem[] = [];
  if (activeJobs >= DRS_QUOTAS.maxActiveJobs) {
    busy.push({
      message: `${activeJobs} DRS jobs are already active; DRS runs at most ${DRS_QUOTAS.maxActiveJobs} at a time`,
      fix: 'Wait for running jobs to complete',
    });
  }
  const sizeOf = new Map(executionPlan.waves.map((w) => [w.wave.name, w.servers.length]));
  for (const w of executionPlan.waves) {
    const size = w.servers.length;
    if (
      size <= DRS_QUOTAS.maxServersInActiveJobs &&
      size + activeServers > DRS_QUOTAS.maxServersInActiveJobs
    ) {
      busy.push({
        wave: w.wave.name,
        position: w.wave.position,
        message: `Wave "${w.wave.name}" has ${size} servers but ${activeServers} are already in active DRS jobs; DRS holds at most ${DRS_QUOTAS.maxServersInActiveJobs}`,
        fix: 'Wait for running jobs to complete',
      });
    }
  }
  for (const group of concurrentWaveGroups(plan)) {
    const total = group.reduce((n, name) => n + (sizeOf.get(name) ?? 0), 0);
    if (group.length > 1 && total + activeServers > DRS_QUOTAS.maxServersInActiveJobs) {
      warnings.push({
        message: `Waves ${group.map((n) => `"${n}"`).join(', ')} may run at the same time with ${total} servers (plus ${activeServers} already active); DRS holds ${DRS_QUOTAS.maxServersInActiveJobs}, so some will wait`,
      });
    }
  }
  return { busy, warnings };
}
