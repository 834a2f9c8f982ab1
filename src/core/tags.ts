/** Tag keys the action writes on DRS jobs (StartRecovery) and on launched EC2 instances. */
export const TAG_PREFIX = 'drs-drill:';

export const TAG = {
  executionId: `${TAG_PREFIX}execution-id`,
  mode: `${TAG_PREFIX}mode`,
  plan: `${TAG_PREFIX}plan`,
  wave: `${TAG_PREFIX}wave`,
  waveIndex: `${TAG_PREFIX}wave-index`,
  initiatedBy: `${TAG_PREFIX}initiated-by`,
  repository: `${TAG_PREFIX}repository`,
  runUrl: `${TAG_PREFIX}run-url`,
  commit: `${TAG_PREFIX}commit`,
  startedAt: `${TAG_PREFIX}started-at`,
  /** Which ≤100-server part of the wave a job holds: finds a job whose StartRecovery answer was lost. */
  chunk: `${TAG_PREFIX}chunk`,
  /** The step (GitHub job) of an execution run over several steps (input `waves`) that started the job. */
  step: `${TAG_PREFIX}step`,
  /**
   * Written on a job when its step ends, so a later step (another runner, another workspace) reads the
   * wave's verdict and end from DRS rather than from a file: absent means the step never finished it.
   */
  waveStatus: `${TAG_PREFIX}wave-status`,
  waveEndedAt: `${TAG_PREFIX}wave-ended-at`,
  /** Written with the wave's verdict when it has checks: `<check>=<status>` entries joined by `/`. */
  waveChecks: `${TAG_PREFIX}wave-checks`,
  /** Written with the wave's verdict: when the last of its checks passed (the RTO's end for that wave). */
  checksPassedAt: `${TAG_PREFIX}checks-passed-at`,
  /** Written on an EC2 recovery instance when its step ends: when its health check was seen passing. */
  healthyAt: `${TAG_PREFIX}healthy-at`,
} as const;

/** DRS and EC2 cap tag values at 256 characters. */
export const MAX_TAG_VALUE_LENGTH = 256;

export function cutTagValue(value: string): string {
  return value.length <= MAX_TAG_VALUE_LENGTH ? value : value.slice(0, MAX_TAG_VALUE_LENGTH);
}
