import { isAbsolute, normalize, sep } from 'node:path';
import { clockFromEnv, isLoopbackEndpoint } from './core/clock.js';
import { parseDuration } from './core/durations.js';
import { isValidName } from './core/names.js';
import { parsePointInTime } from './core/point-in-time.js';
import { systemClock } from './engine/types.js';
import { UserError } from './errors.js';
import { checkBranchName } from './history/store.js';
import type { ActionInputs } from './inputs.js';
import {
  type CleanupPolicy,
  FAIL_ON_BY_MODE,
  FAIL_ON_RULES,
  type FailOnRule,
  MODES,
  type Mode,
  REPAIR_MODES,
  type RepairMode,
} from './modes.js';

/** Reads one input by its action.yml name; '' when absent (as @actions/core's getInput). */
export type InputReader = (name: string) => string;

/** GitHub-hosted jobs stop at 6 h; keep room to write the report and clean up. */
export const MAX_TIMEOUT_MINUTES = 345;

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UserError(`input ${name}: "${value}" is not one of ${allowed.join(', ')}`);
}

/**
 * Shortest poll-interval-seconds, in seconds of the run's clock. Against AWS: 5 s (DescribeJobs
 * answers change in seconds; faster only spends API quota). The emulator's scaled clock
 * (DRS_DRILL_CLOCK_SCALE, loopback only) keeps the same 5 simulated seconds, fewer real ones. Only
 * an emulator on the real clock, whose own time runs faster (the bench's reference setting, where
 * 15 simulated seconds are 0.25 real ones), may go lower.
 */
export const MIN_POLL_INTERVAL_SECONDS = 5;
export const MIN_POLL_INTERVAL_SECONDS_UNSCALED_EMULATOR = 0.01;

export function minPollIntervalSeconds(env: NodeJS.ProcessEnv): number {
  const unscaledEmulator = isLoopbackEndpoint(env.AWS_ENDPOINT_URL) && clockFromEnv(env) === systemClock;
  return unscaledEmulator ? MIN_POLL_INTERVAL_SECONDS_UNSCALED_EMULATOR : MIN_POLL_INTERVAL_SECONDS;
}

/** Plain decimals only: `15`, `2.5`. No sign, hex, exponent, Infinity or digit separators. */
const DECIMAL = /^\d+(?:\.\d+)?$/;

function numberInput(name: string, value: string, range: { min?: number; max: number }): number {
  const text = value.trim();
  const n = Number(text);
  if (!DECIMAL.test(text) || n <= 0) {
    throw new UserError(
      `input ${name}: "${value}" is not a positive number like 15 or 2.5 (decimal digits and a point only)`,
    );
  }
  if (range.min !== undefined && n < range.min) {
    throw new UserError(`input ${name}: ${text} is below the minimum of ${range.min}`);
  }
  if (n > range.max) throw new UserError(`input ${name}: ${text} is above the maximum of ${range.max}`);
  return n;
}

/**
 * A relative report-dir stays inside the workspace; an absolute one (e.g. `${{ runner.temp }}/drs`) is
 * the workflow author's choice and is used as given.
 */
function reportDirInput(value: string): string {
  const dir = value.trim() || 'drs-report';
  const normal = normalize(dir);
  if (!isAbsolute(dir) && (normal === '..' || normal.startsWith(`..${sep}`))) {
    throw new UserError(
      `input report-dir: "${dir}" leads outside the workspace; use a path inside it, or an absolute path such as \${{ runner.temp }}/drs-report`,
    );
  }
  return dir;
}

function booleanInput(name: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  throw new UserError(`input ${name}: "${value}" is not true or false`);
}

/** A plan duration (`90s`, `15m`, `1h30m`, seconds), optionally led by whole days (`2d`, `1d12h`). */
export function parseAge(name: string, value: string): number {
  const seconds = value.trim() === '' ? undefined : parseDuration(value, { days: true });
  if (seconds === undefined) {
    throw new UserError(`input ${name}: "${value}" is not a duration like 90s, 15m, 1h30m or 2d`);
  }
  return seconds;
}

/**
 * Every input, read once and checked, so a typo in a workflow fails before anything touches AWS.
 * `runId` gives the default role session name; `env` tells AWS from the emulator (poll interval).
 */
export function readInputs(
  get: InputReader,
  runId: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): ActionInputs {
  const mode = oneOf<Mode>('mode', get('mode').trim() || 'validate', MODES);
  const plan = get('plan').trim();
  if (!plan) throw new UserError('input plan is required: the path of the recovery plan file');

  const { region, roleToAssume, roleSessionName } = awsIdentityInputs(get, runId);
  const olderThan = get('older-than').trim();
  return {
    mode,
    plan,
    region,
    roleToAssume,
    roleSessionName,
    confirm: get('confirm').trim() || undefined,
    cleanup: oneOf<CleanupPolicy>('cleanup', get('cleanup').trim() || 'always', [
      'always',
      'on-success',
      'never',
    ]),
    timeoutMinutes: numberInput('timeout-minutes', get('timeout-minutes').trim() || '330', {
      max: MAX_TIMEOUT_MINUTES,
    }),
    pollIntervalSeconds: numberInput('poll-interval-seconds', get('poll-interval-seconds').trim() || '15', {
      min: minPollIntervalSeconds(env),
      max: 300,
    }),
    githubToken: get('github-token').trim() || undefined,
    reportDir: reportDirInput(get('report-dir')),
    failOn: failOnInput(mode, get('fail-on')),
    ...historyBranchInput(get('history-branch')),
    regressionThresholdPercent: numberInput(
      'regression-threshold',
      get('regression-threshold').trim() || String(DEFAULT_REGRESSION_THRESHOLD),
      { max: 10_000 },
    ),
    maxAgeSeconds: parseAge('max-age', get('max-age').trim() || DEFAULT_MAX_AGE),
    ...retentionDaysInput(get('retention-days')),
    olderThanSeconds: olderThan ? parseAge('older-than', olderThan) : undefined,
    dryRun: booleanInput('dry-run', get('dry-run')),
    exclude: listInput(get('exclude')),
    waves: [...new Set(listInput(get('waves')))],
    pointInTime: parsePointInTime(get('point-in-time')),
    replaceRecoveryInstances: booleanInput('replace-recovery-instances', get('replace-recovery-instances')),
    repair: oneOf<RepairMode>('repair', get('repair').trim() || 'apply', REPAIR_MODES),
    executionId: executionIdInput(get('execution-id')),
  };
}

/** Where and as whom the action acts in AWS: region, role and session name, each checked. */
function awsIdentityInputs(get: InputReader, runId: string | undefined) {
  const region = get('region').trim() || undefined;
  if (region && !isValidName('region', region))
    throw new UserError(`input region: "${region}" is not an AWS region name`);
  const roleToAssume = get('role-to-assume').trim() || undefined;
  if (roleToAssume && !isValidName('roleArn', roleToAssume)) {
    throw new UserError(
      `input role-to-assume: "${roleToAssume}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`,
    );
  }
  const roleSessionName = get('role-session-name').trim() || `drs-drill-${runId ?? 'local'}`.slice(0, 64);
  if (!isValidName('roleSessionName', roleSessionName)) {
    throw new UserError(
      `input role-session-name: "${roleSessionName}" must be 2-64 characters of letters, digits and _+=,.@-`,
    );
  }
  return { region, roleToAssume, roleSessionName };
}

/** `<owner>/<repo>/<run id>`, as the drill's execution-id output gives it. */
function executionIdInput(value: string): string | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  if (!/^[\w.-]+\/[\w.-]+\/\d+$/.test(text))
    throw new UserError(`input execution-id: "${text.slice(0, 80)}" is not <owner>/<repository>/<run id>`);
  return text;
}

export const DEFAULT_REGRESSION_THRESHOLD = 25;
export const DEFAULT_MAX_AGE = '35d';
/** GitHub keeps artifacts at most 90 days in public repositories and 400 in private ones. */
export const MAX_RETENTION_DAYS = 400;

/**
 * `fail-on` as a comma list of the rules in FAIL_ON_RULES. Values another mode uses are dropped here
 * (inputsIgnoredBy warns about them); an empty input gives the mode's default.
 */
export function failOnInput(mode: Mode, value: string): FailOnRule[] {
  const given = listInput(value.toLowerCase());
  for (const v of given) {
    if (!(FAIL_ON_RULES as readonly string[]).includes(v)) {
      throw new UserError(
        `input fail-on: "${v}" is not one of ${FAIL_ON_RULES.join(', ')} (mode ${mode} uses ${FAIL_ON_BY_MODE[mode].values.join(', ') || 'none'})`,
      );
    }
  }
  if (given.length === 0) return [...FAIL_ON_BY_MODE[mode].default];
  const rules = new Set(given as FailOnRule[]);
  return FAIL_ON_BY_MODE[mode].values.filter((v) => rules.has(v));
}

/** `fail-on` values this mode does not use, as warnings. */
function failOnIgnored(mode: Mode, value: string): string[] {
  const unused = listInput(value.toLowerCase()).filter(
    (v) => !(FAIL_ON_BY_MODE[mode].values as readonly string[]).includes(v),
  );
  if (unused.length === 0) return [];
  const modesOf = (v: string) =>
    MODES.filter((m) => (FAIL_ON_BY_MODE[m].values as readonly string[]).includes(v)).join(' or ');
  return unused.map(
    (v) => `input fail-on: "${v}" applies to mode ${modesOf(v)} only; ignored in mode ${mode}.`,
  );
}

function historyBranchInput(value: string): { historyBranch?: string } {
  const branch = value.trim();
  if (branch === '') return {};
  const problem = checkBranchName(branch);
  if (problem) throw new UserError(`input history-branch: ${problem}; or leave it empty to keep no history`);
  return { historyBranch: branch };
}

function retentionDaysInput(value: string): { retentionDays?: number } {
  const text = value.trim();
  if (text === '') return {};
  const days = Number(text);
  if (!/^\d+$/.test(text) || days < 1 || days > MAX_RETENTION_DAYS) {
    throw new UserError(
      `input retention-days: "${value}" is not a whole number of days from 1 to ${MAX_RETENTION_DAYS} (leave it empty for the repository's default)`,
    );
  }
  return { retentionDays: days };
}

/** A newline- or comma-separated list, blanks dropped. */
function listInput(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/** The modes each mode-specific input applies to; the others apply to every mode. */
const INPUT_MODES: Record<string, { modes: readonly Mode[]; default: string }> = {
  confirm: { modes: ['recovery'], default: '' },
  cleanup: { modes: ['drill'], default: 'always' },
  'older-than': { modes: ['cleanup'], default: '' },
  'dry-run': { modes: ['drill', 'cleanup'], default: 'false' },
  exclude: { modes: ['drill', 'recovery'], default: '' },
  waves: { modes: ['drill', 'recovery'], default: '' },
  'point-in-time': { modes: ['drill', 'recovery'], default: '' },
  'replace-recovery-instances': { modes: ['recovery'], default: 'false' },
  repair: { modes: ['drill', 'recovery'], default: 'apply' },
  'execution-id': { modes: ['cleanup'], default: '' },
  'history-branch': { modes: ['drill', 'recovery', 'status'], default: 'drs-drill-history' },
  'regression-threshold': { modes: ['drill', 'recovery'], default: String(DEFAULT_REGRESSION_THRESHOLD) },
  'max-age': { modes: ['status'], default: DEFAULT_MAX_AGE },
  'retention-days': { modes: ['drill', 'recovery', 'cleanup'], default: '' },
};

/**
 * Inputs set to something other than their default that this mode does not use. They are reported as
 * warnings rather than silently ignored: `older-than` on a drill is almost certainly a mistake.
 */
export function inputsIgnoredBy(mode: Mode, get: InputReader): string[] {
  const ignored = Object.entries(INPUT_MODES)
    .filter(([name, rule]) => {
      const value = get(name).trim();
      return value !== '' && value.toLowerCase() !== rule.default && !rule.modes.includes(mode);
    })
    .map(
      ([name, rule]) =>
        `input ${name} applies to mode ${rule.modes.join(' or ')} only; ignored in mode ${mode}.`,
    );
  return [...ignored, ...failOnIgnored(mode, get('fail-on'))];
}
