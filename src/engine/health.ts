/**
 * Whether a launched recovery instance is healthy, per the plan's `healthCheck`. Pure.
 * A drill that only proves DRS said LAUNCHED proves little: the instance has to boot.
 */
import type { Instance, InstanceStatus } from '../aws/gateways.js';
import type { HealthCheck, LaunchDisposition } from '../plan/types.js';

export type HealthVerdict = { state: 'pending' } | { state: 'passed' } | { state: 'failed'; reason: string };

export interface HealthInput {
  check: HealthCheck;
  /** STOPPED means DRS launches the instance and stops it: "healthy" is then "reached stopped". */
  launchDisposition?: LaunchDisposition;
  instance?: Instance;
  status?: InstanceStatus;
}

/** EC2 states from which an instance will never come up again. */
const GONE = new Set(['shutting-down', 'terminated']);

export function evaluateHealth(input: HealthInput): HealthVerdict {
  if (input.check === 'none') return { state: 'passed' };
  const state = input.instance?.State?.Name ?? input.status?.InstanceState?.Name;
  if (state === undefined) return { state: 'pending' };
  if (GONE.has(state)) return { state: 'failed', reason: `the EC2 instance is ${state}` };

  if (input.launchDisposition === 'STOPPED') {
    return state === 'stopped' ? { state: 'passed' } : { state: 'pending' };
  }
  if (state !== 'running') return { state: 'pending' };
  if (input.check === 'running') return { state: 'passed' };

  // ec2-status: both the instance and the system reachability checks must read ok.
  const instanceCheck = input.status?.InstanceStatus?.Status;
  const systemCheck = input.status?.SystemStatus?.Status;
  return instanceCheck === 'ok' && systemCheck === 'ok' ? { state: 'passed' } : { state: 'pending' };
}

/** A short description of what the check waits for, for timeout messages. */
export function describeHealthCheck(check: HealthCheck, launchDisposition?: LaunchDisposition): string {
  if (check === 'none') return 'no health check';
  if (launchDisposition === 'STOPPED') return 'the instance to reach the stopped state';
  if (check === 'running') return 'the EC2 instance to be running';
  return 'EC2 instance and system status checks to pass';
}
