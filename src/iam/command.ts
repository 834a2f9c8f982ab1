/**
 * `drs-drill iam-policy`: prints the permission policy (or the OIDC trust policy) of the role for one
 * mode, scoped to what the plan says. Registered in src/cli.ts; `runIamPolicy` is a function
 * declaration so the entry there can name it whatever order the two modules load in.
 */
import { type CliIo, EXIT, UsageError } from '../cli-io.js';
import { NAME_PATTERNS } from '../core/names.js';
import { UserError } from '../errors.js';
import { MODES, type Mode } from '../modes.js';
import { loadPlanFile } from '../plan/load.js';
import { formatDiagnostic } from '../plan/overview.js';
import {
  type PolicyScope,
  permissionsPolicy,
  renderPolicy,
  roleArnForInstanceProfile,
  scopeFromPlan,
} from './policy.js';
import { defaultTrustSubjects, isRepository, trustPolicy } from './trust.js';

export interface IamPolicyArgs {
  mode: Mode;
  plan?: string;
  region?: string;
  accountId?: string;
  trust: boolean;
  repository?: string;
  branch?: string;
  environment?: string;
}

const VALUE_OPTIONS = ['--mode', '--region', '--account', '--repo', '--branch', '--environment'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

// Git ref names: no spaces, no `..`, no control characters; enough to keep the sub claim well-formed.
const NAME_PATTERN = /^[A-Za-z0-9._/-]{1,255}$/;

function checked(option: string, value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new UsageError(`${option} ${JSON.stringify(value)} is not ${what}`);
  return value;
}

/** Parses the command line; every mistake is a UsageError naming the option. */
export function parseIamPolicyArgs(args: readonly string[]): IamPolicyArgs {
  const values: Partial<Record<ValueOption, string>> = {};
  const positional: string[] = [];
  let trust = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--trust') {
      trust = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq > 0 ? arg.slice(0, eq) : arg) as ValueOption;
    if (VALUE_OPTIONS.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
      values[name] = value;
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  const mode = values['--mode'];
  if (mode === undefined) throw new UsageError(`--mode is required (${MODES.join(', ')})`);
  if (!(MODES as readonly string[]).includes(mode)) {
    throw new UsageError(`--mode takes ${MODES.join(', ')}, not ${JSON.stringify(mode)}`);
  }
  if (positional.length > 1) throw new UsageError(`one plan file at most, got ${positional.length}`);
  const out: IamPolicyArgs = { mode: mode as Mode, trust };
  if (positional[0] !== undefined) out.plan = positional[0];
  const region = values['--region'];
  if (region !== undefined) out.region = checked('--region', region, NAME_PATTERNS.region, 'an AWS region');
  const account = values['--account'];
  if (account !== undefined)
    out.accountId = checked('--account', account, NAME_PATTERNS.accountId, 'a 12-digit account id');
  const repo = values['--repo'];
  if (repo !== undefined) {
    if (!isRepository(repo)) throw new UsageError(`--repo ${JSON.stringify(repo)} is not owner/name`);
    out.repository = repo;
  }
  const branch = values['--branch'];
  if (branch !== undefined) out.branch = checked('--branch', branch, NAME_PATTERN, 'a branch name');
  const environment = values['--environment'];
  if (environment !== undefined) {
    out.environment = checked('--environment', environment, NAME_PATTERN, 'an environment name');
  }
  if (!trust && (out.repository || out.branch || out.environment)) {
    throw new UsageError('--repo, --branch and --environment only apply with --trust');
  }
  return out;
}

async function planScope(args: IamPolicyArgs, cwd: string): Promise<PolicyScope> {
  const overrides: { region?: string; accountId?: string } = {};
  if (args.region) overrides.region = args.region;
  if (args.accountId) overrides.accountId = args.accountId;
  if (args.plan === undefined) return overrides;
  const result = await loadPlanFile(args.plan, { cwd });
  const first = result.diagnostics.find((d) => d.severity === 'error');
  if (first || !result.plan) {
    throw new UserError(
      `the plan has errors, fix them first (drs-drill validate ${args.plan}): ${first ? formatDiagnostic(first) : 'unreadable'}`,
    );
  }
  return scopeFromPlan(result.plan, overrides);
}

/** What the person should know about the printed policy: written to stderr so stdout stays valid JSON. */
export function scopeNotes(mode: Mode, scope: PolicyScope): string[] {
  const notes: string[] = [];
  if (!scope.region) notes.push('no region in the plan or --region: the ARNs allow any region (*)');
  if (!scope.accountId) notes.push('no accountId in the plan or --account: the ARNs allow any account (*)');
  if (mode === 'drill' || mode === 'recovery') {
    for (const profile of scope.instanceProfiles ?? []) {
      notes.push(
        `iam:PassRole names ${roleArnForInstanceProfile(profile, scope)}, assuming instance profile "${profile}" holds a role of the same name; change it if not`,
      );
    }
    notes.push(
      'a launch template with another instance profile needs its role added to PassRecoveryInstanceRoles; volumes encrypted with a customer-managed KMS key need KMS permissions on that key (see docs/iam/README.md)',
    );
  }
  return notes;
}

/** The command: 0 with the policy on stdout, 1 for a plan with errors, 2 for a usage mistake. */
export async function runIamPolicy(args: string[], io: CliIo): Promise<number> {
  const parsed = parseIamPolicyArgs(args);
  const scope = await planScope(parsed, io.cwd);
  if (parsed.trust) {
    const names: { branch?: string; environment?: string } = {};
    if (parsed.branch) names.branch = parsed.branch;
    if (parsed.environment) names.environment = parsed.environment;
    const opts: { repository?: string; accountId?: string; region?: string } = {};
    if (parsed.repository) opts.repository = parsed.repository;
    if (scope.accountId) opts.accountId = scope.accountId;
    if (scope.region) opts.region = scope.region;
    io.stdout.write(renderPolicy(trustPolicy(defaultTrustSubjects(parsed.mode, names), opts)));
    if (!parsed.repository)
      io.stderr.write('note: --repo not given: replace <OWNER>/<REPO> in the sub condition\n');
    if (!scope.accountId) io.stderr.write('note: no account: replace <ACCOUNT_ID> in the provider ARN\n');
    return EXIT.ok;
  }
  io.stdout.write(renderPolicy(permissionsPolicy(parsed.mode, scope)));
  for (const note of scopeNotes(parsed.mode, scope)) io.stderr.write(`note: ${note}\n`);
  return EXIT.ok;
}
