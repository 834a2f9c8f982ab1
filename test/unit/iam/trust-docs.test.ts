import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OIDC_AUDIENCE } from '../../../src/aws/credentials.js';
import { iamDocFiles } from '../../../src/iam/docs.js';
import {
  defaultTrustSubject,
  defaultTrustSubjects,
  subjectClaim,
  trustPolicy,
} from '../../../src/iam/trust.js';
import { policyShapeProblems } from './shape.js';

const docsDir = new URL('../../../docs/iam/', import.meta.url);

describe('trustPolicy', () => {
  it('trusts the GitHub OIDC provider for the audience the action asks for and one subject', () => {
    const doc = trustPolicy(
      { kind: 'environment', environment: 'dr' },
      { repository: 'acme/payments', accountId: '111122223333' },
    );
    expect(policyShapeProblems(doc, 'trust')).toEqual([]);
    expect(doc.Statement).toEqual([
      {
        Sid: 'GitHubActionsOidc',
        Effect: 'Allow',
        Principal: {
          Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': OIDC_AUDIENCE,
            'token.actions.githubusercontent.com:sub': 'repo:acme/payments:environment:dr',
          },
        },
      },
    ]);
    expect(OIDC_AUDIENCE).toBe('sts.amazonaws.com');
  });

  it('a drill gated by an environment trusts the branch and the environment, any one of them', () => {
    const subjects = defaultTrustSubjects('drill', { environment: 'drill-approval' });
    expect(subjects).toEqual([
      { kind: 'branch', branch: 'main' },
      { kind: 'environment', environment: 'drill-approval' },
    ]);
    const doc = trustPolicy(subjects, { repository: 'acme/dr' });
    expect(policyShapeProblems(doc, 'trust')).toEqual([]);
    expect(doc.Statement[0]?.Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:acme/dr:ref:refs/heads/main',
      'repo:acme/dr:environment:drill-approval',
    ]);
    // Without an environment nothing changes: one subject, written as a string.
    expect(defaultTrustSubjects('drill')).toEqual([{ kind: 'branch', branch: 'main' }]);
    expect(defaultTrustSubjects('recovery', { environment: 'dr' })).toEqual([
      { kind: 'environment', environment: 'dr' },
    ]);
  });

  it('builds the sub claim GitHub issues for a branch, a pull request and an environment', () => {
    expect(subjectClaim('a/b', { kind: 'branch', branch: 'main' })).toBe('repo:a/b:ref:refs/heads/main');
    expect(subjectClaim('a/b', { kind: 'pull-request' })).toBe('repo:a/b:pull_request');
    expect(subjectClaim('a/b', { kind: 'environment', environment: 'prod' })).toBe(
      'repo:a/b:environment:prod',
    );
  });

  it('recovery trusts an environment, PR review pull requests, drills and cleanup a branch', () => {
    expect(defaultTrustSubject('recovery')).toEqual({
      kind: 'environment',
      environment: 'disaster-recovery',
    });
    expect(defaultTrustSubject('recovery', { environment: 'prod-dr' })).toEqual({
      kind: 'environment',
      environment: 'prod-dr',
    });
    expect(defaultTrustSubject('validate')).toEqual({ kind: 'pull-request' });
    expect(defaultTrustSubject('validate', { branch: 'main' })).toEqual({ kind: 'branch', branch: 'main' });
    expect(defaultTrustSubject('drill')).toEqual({ kind: 'branch', branch: 'main' });
    expect(defaultTrustSubject('cleanup', { branch: 'release' })).toEqual({
      kind: 'branch',
      branch: 'release',
    });
  });

  it('uses the partition of the region in the provider ARN', () => {
    const doc = trustPolicy({ kind: 'pull-request' }, { region: 'us-gov-west-1', accountId: '111122223333' });
    expect(doc.Statement[0]?.Principal.Federated).toMatch(
      /^arn:aws-us-gov:iam::111122223333:oidc-provider\//,
    );
  });
});

describe('docs/iam', () => {
  const expected = iamDocFiles();

  // Compared as JSON: the files are laid out by the repository formatter (biome), not by JSON.stringify.
  it('holds exactly the generated policies (run `npx tsx src/iam/write-docs.ts` after changing src/iam)', () => {
    const onDisk = readdirSync(docsDir).filter((f) => f.endsWith('.json'));
    expect(onDisk.sort()).toEqual(Object.keys(expected).sort());
    for (const [name, content] of Object.entries(expected)) {
      const actual = JSON.parse(readFileSync(new URL(name, docsDir), 'utf8'));
      expect(actual, `docs/iam/${name} is stale`).toEqual(JSON.parse(content));
    }
  });

  it('every file is a well-formed policy document', () => {
    for (const [name, content] of Object.entries(expected)) {
      const kind = name.startsWith('trust-') ? 'trust' : 'permissions';
      expect(policyShapeProblems(JSON.parse(content), kind), name).toEqual([]);
    }
  });

  it('the README links every policy file', () => {
    const readme = readFileSync(new URL('README.md', docsDir), 'utf8');
    for (const name of Object.keys(expected)) expect(readme).toContain(`(${name})`);
  });
});
