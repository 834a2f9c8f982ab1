/**
 * Recovery instances a plan's servers already have, judged before anything is written. Pure.
 *
 * Whether a new launch replaces a server's earlier recovery instance is not settled (drs-facts §8):
 * the DRS user guide says each new drill or recovery first deletes the previously launched drill or
 * recovery instance; an orchestrator run against real DRS says new drills add instances. Under the
 * first reading a drill over a live failover would destroy it, so such a drill is refused for the
 * whole plan; under either reading another run's drill instance may be replaced, which is worth a
 * warning; a recovery over any existing recovery instance needs an explicit yes.
 */
import type { RecoveryInstance } from '../aws/gateways.js';
import type { PreflightFinding } from './resolve.js';

/** EC2 states of a recovery instance that no longer runs anything worth protecting. */
const GONE = new Set(['TERMINATED', 'NOT_FOUND', 'SHUTTING-DOWN']);

export function isLive(ri: RecoveryInstance): boolean {
  return !GONE.has(ri.ec2InstanceState ?? '');
}

function describe(ri: RecoveryInstance): string {
  const ec2 =
    ri.ec2InstanceID && ri.ec2InstanceID !== ri.recoveryInstanceID ? `, EC2 ${ri.ec2InstanceID}` : '';
  const state = ri.ec2InstanceState ? `, ${ri.ec2InstanceState}` : '';
  const job = ri.jobID ? `, launched by DRS job ${ri.jobID}` : '';
  return `recovery instance ${ri.recoveryInstanceID ?? '?'}${ec2}${state}${job}`;
}

export interface ExistingInstanceOptions {
  mode: 'drill' | 'recovery' | 'validate';
  /** Jobs of this execution (an earlier attempt of the same run): their instances are this run's own. */
  ownJobIds: ReadonlySet<string>;
  /** The input replace-recovery-instances: a recovery may replace existing recovery instances. */
  replaceRecoveryInstances?: boolean;
}

/** Findings for one source server from the recovery instances DRS lists for it. */
export function existingInstanceFindings(
  instances: readonly RecoveryInstance[],
  opts: ExistingInstanceOptions,
): PreflightFinding[] {
  const out: PreflightFinding[] = [];
  for (const ri of instances) {
    if (!isLive(ri) || (ri.jobID && opts.ownJobIds.has(ri.jobID))) continue;
    if (opts.mode === 'recovery') {
      if (opts.replaceRecoveryInstances) {
        out.push({
          level: 'warning',
          message: `has ${ri.isDrill ? 'drill' : 'live'} ${describe(ri)}; replace-recovery-instances is true, so the recovery may replace it`,
        });
      } else {
        out.push({
          level: 'error',
          message: `already has ${ri.isDrill ? 'drill' : 'a live (non-drill)'} ${describe(ri)}: a new recovery may delete it (the DRS user guide says each new recovery first deletes the previously launched instance)`,
          fix: 'Terminate it on purpose first, or set the input replace-recovery-instances: true if replacing it is intended',
        });
      }
      continue;
    }
    if (ri.isDrill !== true) {
      out.push({
        level: opts.mode === 'validate' ? 'warning' : 'error',
        message: `has a live (non-drill) ${describe(ri)}: a real failover is running on it, and a drill may delete it (the DRS user guide says each new drill first deletes any previously launched drill or recovery instance). ${opts.mode === 'validate' ? 'A drill of this plan would be refused' : 'The drill is refused for the whole plan; nothing was written'}`,
        fix: 'Finish that recovery first (fail back, or terminate the instance on purpose), or leave this server out of the drill with the input exclude',
      });
    } else {
      out.push({
        level: 'warning',
        message: `has drill ${describe(ri)} from another run: DRS may replace it when this drill launches (or keep it running beside the new one)`,
        fix: 'Run mode: cleanup for old drill instances if they are not needed',
      });
    }
  }
  return out;
}
