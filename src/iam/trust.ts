/**
 * Trust policies that let GitHub Actions assume a role with its OIDC token and nothing else: the
 * audience must be STS and the token's `sub` must name this repository and the branch, pull-request
 * or environment the role is for. Recovery roles trust an environment, so GitHub's required
 * reviewers stand between a workflow and an irreversible recovery.
 */
import { OIDC_AUDIENCE } from '../aws/credentials.js';
import { isValidName } from '../core/names.js';
import type { Mode } from '../modes.js';
import type { PolicyDocument } from './policy.js';
import { partitionOf } from './policy.js';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/** Which workflow runs may assume the role. */
export type TrustSubject =
  | { kind: 'branch'; branch: string }
  | { kind: 'environment'; environment: string }
  | { kind: 'pull-request' };

export interface TrustOptions {
  /** `owner/name`; placeholder when absent. */
  repository?: string;
  /** The account holding the OIDC provider; placeholder when absent. */
  accountId?: string;
  /** Picks the partition of the provider ARN. */
  region?: string;
}

export interface TrustStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: { Federated: string };
  Action: 'sts:AssumeRoleWithWebIdentity';
  Condition: { StringEquals: Record<string, string | string[]> };
}

export const REPOSITORY_PLACEHOLDER = '<OWNER>/<REPO>';
export const ACCOUNT_PLACEHOLDER = '<ACCOUNT_ID>';

/** The `sub` claim GitHub puts in the token for that kind of run (default subject format). */
export function subjectClaim(repository: string, subject: TrustSubject): string {
  switch (subject.kind) {
    case 'branch':
      return `repo:${repository}:ref:refs/heads/${subject.branch}`;
    case 'environment':
      return `repo:${repository}:environment:${subject.environment}`;
    case 'pull-request':
      return `repo:${repository}:pull_request`;
  }
}

/** Whether a repository argument looks like `owner/name`. */
export function isRepository(value: string): boolean {
  return isValidName('repository', value);
}

/**
 * The trust policy of a role assumed through GitHub OIDC for one kind of run, or several: a drill
 * whose later waves wait in a job behind an environment (input `waves`) is assumed by the branch's jobs
 * and by the gated job, whose token's subject names the environment instead of the branch.
 */
export function trustPolicy(
  subjects: TrustSubject | readonly TrustSubject[],
  opts: TrustOptions = {},
): PolicyDocument<TrustStatement> {
  const partition = partitionOf(opts.region);
  const claims = [subjects]
    .flat()
    .map((subject) => subjectClaim(opts.repository ?? REPOSITORY_PLACEHOLDER, subject));
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'GitHubActionsOidc',
        Effect: 'Allow',
        Principal: {
          Federated: `arn:${partition}:iam::${opts.accountId ?? ACCOUNT_PLACEHOLDER}:oidc-provider/${GITHUB_OIDC_HOST}`,
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            // The audience the action asks GitHub for when it assumes `role-to-assume`.
            [`${GITHUB_OIDC_HOST}:aud`]: OIDC_AUDIENCE,
            // Several values: any one of them (IAM's StringEquals over a list).
            [`${GITHUB_OIDC_HOST}:sub`]: claims.length === 1 ? (claims[0] as string) : claims,
          },
        },
      },
    ],
  };
}

/** The subject a mode's role trusts by default: recovery an environment, review pull requests, else a branch. */
export function defaultTrustSubject(
  mode: Mode,
  names: { branch?: string; environment?: string } = {},
): TrustSubject {
  if (mode === 'recovery')
    return { kind: 'environment', environment: names.environment ?? 'disaster-recovery' };
  if (mode === 'validate' && !names.branch) return { kind: 'pull-request' };
  return { kind: 'branch', branch: names.branch ?? 'main' };
}

/**
 * The subjects a mode's role trusts: as defaultTrustSubject, and a drill given an environment trusts
 * both the branch (its ungated jobs, the cleanup) and the environment (the job gated by approval).
 */
export function defaultTrustSubjects(
  mode: Mode,
  names: { branch?: string; environment?: string } = {},
): TrustSubject[] {
  if (mode === 'drill' && names.environment)
    return [
      { kind: 'branch', branch: names.branch ?? 'main' },
      { kind: 'environment', environment: names.environment },
    ];
  return [defaultTrustSubject(mode, names)];
}
