import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliIo, main } from '../../src/cli.js';
import { parseIamPolicyArgs } from '../../src/iam/command.js';
import { permissionsPolicy, renderPolicy } from '../../src/iam/policy.js';
import { allows, policyShapeProblems } from './iam/shape.js';

let dir = '';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (out += t) },
    stderr: { write: (t: string) => (err += t) },
    cwd: dir,
  };
  const code = await main(argv, io);
  return { code, out, err };
}

const PLAN = `version: 1
name: payments
region: eu-west-1
accountId: "111122223333"
defaults:
  template: { instanceProfile: payments-recovery }
waves:
  - name: data
    servers: [{ id: s-1111111111111111a }]
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'drs-iam-cli-'));
  writeFileSync(join(dir, 'plan.yaml'), PLAN);
  writeFileSync(
    join(dir, 'bare.yaml'),
    'version: 1\nname: bare\nwaves:\n  - name: a\n    servers: [{ id: s-1111111111111111a }]\n',
  );
  writeFileSync(
    join(dir, 'broken.yaml'),
    'version: 1\nname: broken\nwaves:\n  - name: a\n    servers: [{ idd: x }]\n',
  );
});

describe('drs-drill iam-policy', () => {
  it('prints the drill policy scoped to the plan region, account and instance profile', async () => {
    const r = await run('iam-policy', '--mode', 'drill', 'plan.yaml');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(policyShapeProblems(doc, 'permissions')).toEqual([]);
    expect(allows(doc, 'drs:StartRecovery', 'arn:aws:drs:eu-west-1:111122223333:source-server/s-1')).toBe(
      true,
    );
    expect(allows(doc, 'drs:StartRecovery', 'arn:aws:drs:us-east-1:111122223333:source-server/s-1')).toBe(
      false,
    );
    expect(
      allows(doc, 'iam:PassRole', 'arn:aws:iam::111122223333:role/payments-recovery', {
        'iam:PassedToService': 'ec2.amazonaws.com',
      }),
    ).toBe(true);
    expect(r.err).toContain('instance profile "payments-recovery" holds a role of the same name');
    expect(r.err).not.toContain('any region');
  });

  it('without a plan prints the generic policy of docs/iam and says the ARNs are unscoped', async () => {
    const r = await run('iam-policy', '--mode=validate');
    expect(r).toMatchObject({ code: 0, out: renderPolicy(permissionsPolicy('validate')) });
    expect(r.err).toContain('any region (*)');
    expect(r.err).toContain('any account (*)');
  });

  it('--region and --account override what the plan says', async () => {
    const r = await run(
      'iam-policy',
      '--mode',
      'cleanup',
      '--region',
      'us-east-2',
      '--account',
      '444455556666',
      'bare.yaml',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(
      allows(
        doc,
        'drs:TerminateRecoveryInstances',
        'arn:aws:drs:us-east-2:444455556666:recovery-instance/i-1',
      ),
    ).toBe(true);
    expect(r.err).toBe('');
  });

  it('--trust for a drill with --environment trusts the branch and the gated job’s environment', async () => {
    const r = await run(
      'iam-policy',
      '--mode',
      'drill',
      '--trust',
      '--repo',
      'acme/dr',
      '--environment',
      'drill-approval',
      'plan.yaml',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(policyShapeProblems(doc, 'trust')).toEqual([]);
    expect(doc.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:acme/dr:ref:refs/heads/main',
      'repo:acme/dr:environment:drill-approval',
    ]);
  });

  it('--trust prints the OIDC trust policy for the mode', async () => {
    const r = await run(
      'iam-policy',
      '--mode',
      'recovery',
      '--trust',
      '--repo',
      'acme/dr',
      '--environment',
      'prod-dr',
      'plan.yaml',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(policyShapeProblems(doc, 'trust')).toEqual([]);
    expect(doc.Statement[0].Principal.Federated).toBe(
      'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
    );
    expect(doc.Statement[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toBe(
      'repo:acme/dr:environment:prod-dr',
    );
    expect(r.err).toBe('');
    const placeholders = await run('iam-policy', '--mode', 'validate', '--trust');
    expect(placeholders.out).toContain('repo:<OWNER>/<REPO>:pull_request');
    expect(placeholders.err).toContain('replace <OWNER>/<REPO>');
    expect(placeholders.err).toContain('replace <ACCOUNT_ID>');
  });

  it('a plan with errors exits 1 with file:line:col and prints no policy', async () => {
    const r = await run('iam-policy', '--mode', 'drill', 'broken.yaml');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^drs-drill iam-policy: the plan has errors.*broken\.yaml:5:\d+: /);
  });

  it('a missing plan file exits 1 with a clear message', async () => {
    const r = await run('iam-policy', '--mode', 'drill', 'nope.yaml');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain('nope.yaml');
    expect(r.err).not.toContain('    at ');
  });

  it.each([
    [[], '--mode is required'],
    [['--mode', 'chaos'], '--mode takes validate, drill, recovery, cleanup, status, not "chaos"'],
    [['--mode', 'drill', '--region', 'Europe'], '--region "Europe" is not an AWS region'],
    [['--mode', 'drill', '--account', '12345'], '--account "12345" is not a 12-digit account id'],
    [['--mode', 'drill', '--repo', 'acme/dr'], 'only apply with --trust'],
    [['--mode', 'drill', '--trust', '--repo', 'not a repo'], '--repo "not a repo" is not owner/name'],
    [['--mode', 'drill', '--bogus'], 'unknown option --bogus'],
    [['--mode', 'drill', 'a.yaml', 'b.yaml'], 'one plan file at most'],
    [['--mode'], '--mode needs a value'],
  ])('usage error %j exits 2: %s', async (args, message) => {
    const r = await run('iam-policy', ...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(message);
    expect(r.err).toContain('Usage: drs-drill iam-policy');
  });

  it('is listed in the general help and has its own', async () => {
    expect((await run('--help')).out).toMatch(/iam-policy\s+print the least-privilege IAM policy/);
    expect((await run('iam-policy', '--help')).out).toContain('--trust');
  });

  it('parses every option', () => {
    expect(
      parseIamPolicyArgs([
        '--mode',
        'drill',
        '--trust',
        '--repo=a/b',
        '--branch',
        'release/1',
        '--region=eu-west-1',
        'p.yaml',
      ]),
    ).toEqual({
      mode: 'drill',
      trust: true,
      repository: 'a/b',
      branch: 'release/1',
      region: 'eu-west-1',
      plan: 'p.yaml',
    });
  });
});
