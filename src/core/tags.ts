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
} as const;

/** DRS and EC2 cap tag values at 256 characters. */
export const MAX_TAG_VALUE_LENGTH = 256;

export function cutTagValue(value: string): string {
  return value.length <= MAX_TAG_VALUE_LENGTH ? value : value.slice(0, MAX_TAG_VALUE_LENGTH);
}
