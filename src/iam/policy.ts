/**
 * Least-privilege IAM permission policies for each mode, as pure functions of the mode and of what
 * the plan says about where it runs. docs/iam/*.json are generated from these (a test fails on drift)
 * and `drs-drill iam-policy` prints them for one plan.
 */
import { TAG_PREFIX } from '../core/tags.js';
import type { Mode } from '../modes.js';
import type { Plan } from '../plan/types.js';
import { MODE_OPERATIONS, requiredActionsFor } from './actions.js';

export type ConditionBlock = Record<string, Record<string, string | string[]>>;

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
  Condition?: ConditionBlock;
}

export interface PolicyDocument<S = PolicyStatement> {
  Version: '2012-10-17';
  Statement: S[];
}

/** Where the role is used. Absent fields become `*` in ARNs (any region / account). */
export interface PolicyScope {
  region?: string;
  accountId?: string;
  /** Instance profiles the plan puts in launch templates (name, path/name or ARN): PassRole targets. */
  instanceProfiles?: string[];
  /** SSM documents the plan's wave checks run besides the AWS shells (names or ARNs). */
  checkDocuments?: string[];
}

/** The Run Command documents wave checks use by default (AWS-owned: no account in their ARN). */
export const CHECK_SHELL_DOCUMENTS = ['AWS-RunShellScript', 'AWS-RunPowerShellScript'] as const;

/** The tag DRS puts on the launch templates and instances it manages. */
export const DRS_MANAGED_TAG = 'AWSElasticDisasterRecoveryManaged';

/**
 * Roles DRS itself launches with: the conversion server's and the default recovery instance roles
 * (created by InitializeService under the service-role/ path). The caller passes them through FAS.
 */
export const DRS_DEFAULT_ROLES = [
  'service-role/AWSElasticDisasterRecoveryConversionServerRole',
  'service-role/AWSElasticDisasterRecoveryRecoveryInstanceRole',
  'service-role/AWSElasticDisasterRecoveryRecoveryInstanceWithLaunchActionsRole',
] as const;

/** The AWS partition a region belongs to (ARNs and service principals differ in China and GovCloud). */
export function partitionOf(region: string | undefined): string {
  if (region?.startsWith('cn-')) return 'aws-cn';
  if (region?.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function arn(service: string, scope: PolicyScope, resource: string): string {
  const region = service === 'iam' ? '' : (scope.region ?? '*');
  return `arn:${partitionOf(scope.region)}:${service}:${region}:${scope.accountId ?? '*'}:${resource}`;
}

/**
 * The IAM role an instance profile most likely carries. IAM cannot name it from the profile, but the
 * console and most IaC give both the same path and name; the CLI says so when it prints this.
 */
export function roleArnForInstanceProfile(profile: string, scope: PolicyScope): string {
  let pathAndName = profile;
  let accountId = scope.accountId;
  const fromArn = /^arn:[\w-]+:iam::(\d{12}):instance-profile\/(.+)$/.exec(profile);
  if (fromArn) {
    accountId = fromArn[1];
    pathAndName = fromArn[2] ?? profile;
  }
  return arn('iam', { ...scope, accountId }, `role/${pathAndName}`);
}

/** Resource `*` only supports a region guard: DRS and EC2 list/describe calls take no resource ARN. */
function anyResourceCondition(scope: PolicyScope): ConditionBlock | undefined {
  return scope.region ? { StringEquals: { 'aws:RequestedRegion': scope.region } } : undefined;
}

function statement(
  Sid: string,
  actions: readonly string[],
  Resource: string | string[],
  Condition?: ConditionBlock,
): PolicyStatement {
  const s: PolicyStatement = { Sid, Effect: 'Allow', Action: [...new Set(actions)].sort(), Resource };
  if (Condition && Object.keys(Condition).length > 0) s.Condition = Condition;
  return s;
}

/** DRS operations whose IAM check is on a resource ARN, by resource type (from the model's resources). */
const DRS_RESOURCE_OF: Readonly<Record<string, string>> = {
  GetLaunchConfiguration: 'source-server',
  DescribeRecoverySnapshots: 'source-server',
  UpdateLaunchConfiguration: 'source-server',
  ListLaunchActions: 'source-server',
  PutLaunchAction: 'source-server',
  DeleteLaunchAction: 'source-server',
  StartRecovery: 'source-server',
  DescribeJobLogItems: 'job',
  TerminateRecoveryInstances: 'recovery-instance',
};

function drsStatements(mode: Mode, scope: PolicyScope): PolicyStatement[] {
  const ops = MODE_OPERATIONS[mode].drs;
  const fasDrs = requiredActionsFor(mode).filter((a) => a.startsWith('drs:'));
  // TagResource gets its own statement below: job ARNs, the action's tag keys only.
  const anyResource = [
    ...ops.filter((op) => !DRS_RESOURCE_OF[op] && op !== 'TagResource').map((op) => `drs:${op}`),
  ];
  // DescribeSourceServers is also a dependent action of DescribeRecoveryInstances and TerminateRecoveryInstances.
  if (fasDrs.includes('drs:DescribeSourceServers')) anyResource.push('drs:DescribeSourceServers');
  const out = [statement('DrsList', anyResource, '*', anyResourceCondition(scope))];

  const byType = new Map<string, string[]>();
  for (const op of ops) {
    const type = DRS_RESOURCE_OF[op];
    if (type) byType.set(type, [...(byType.get(type) ?? []), `drs:${op}`]);
  }
  if (fasDrs.includes('drs:CreateRecoveryInstanceForDrs')) {
    // DRS creates the recovery instance record as the caller (FAS), per source server.
    byType.set('source-server', [...(byType.get('source-server') ?? []), 'drs:CreateRecoveryInstanceForDrs']);
  }
  const sids: Record<string, string> = {
    'source-server': 'DrsSourceServers',
    job: 'DrsJobs',
    'recovery-instance': 'DrsTerminateRecoveryInstances',
  };
  for (const [type, actions] of byType) {
    out.push(statement(sids[type] ?? `Drs${type}`, actions, arn('drs', scope, `${type}/*`)));
  }

  if (fasDrs.includes('drs:ListTagsForResource')) {
    out.push(
      statement(
        'DrsListTags',
        ['drs:ListTagsForResource'],
        [
          arn('drs', scope, 'source-server/*'),
          arn('drs', scope, 'job/*'),
          arn('drs', scope, 'recovery-instance/*'),
        ],
      ),
    );
  }
  if (ops.includes('StartRecovery')) {
    // StartRecovery's job tags are applied with drs:TagResource, and a step of an execution over several
    // jobs (input waves) records each wave's outcome on its jobs with it: only the action's own tag keys.
    out.push(
      statement(
        'DrsTagJobsOnStart',
        ['drs:TagResource'],
        [arn('drs', scope, 'job/*'), arn('drs', scope, 'source-server/*')],
        { 'ForAllValues:StringLike': { 'aws:TagKeys': `${TAG_PREFIX}*` } },
      ),
    );
  }
  return out;
}

function ec2Statements(mode: Mode, scope: PolicyScope): PolicyStatement[] {
  const ops = MODE_OPERATIONS[mode].ec2;
  const describe = ops.filter((op) => op.startsWith('Describe')).map((op) => `ec2:${op}`);
  // Status mode reads DRS only: no EC2 statement at all rather than one with no action.
  const out =
    describe.length > 0 ? [statement('Ec2Describe', describe, '*', anyResourceCondition(scope))] : [];
  if (ops.includes('CreateTags')) {
    out.push(
      statement('Ec2TagRecoveryInstances', ['ec2:CreateTags'], arn('ec2', scope, 'instance/*'), {
        'ForAllValues:StringLike': { 'aws:TagKeys': `${TAG_PREFIX}*` },
      }),
    );
  }
  const templateOps = ops.filter(
    (op) => op === 'CreateLaunchTemplateVersion' || op === 'ModifyLaunchTemplate',
  );
  if (templateOps.length > 0) {
    // Launch-config repair edits only the templates DRS created for its source servers.
    out.push(
      statement(
        'Ec2RepairDrsLaunchTemplates',
        templateOps.map((op) => `ec2:${op}`),
        arn('ec2', scope, 'launch-template/*'),
        // Present, whatever its value, as AWS's own managed policy requires.
        { Null: { [`aws:ResourceTag/${DRS_MANAGED_TAG}`]: 'false' } },
      ),
    );
  }
  const fasEc2 = requiredActionsFor(mode).filter((a) => a.startsWith('ec2:'));
  if (fasEc2.length > 0) {
    out.push(
      statement('Ec2ActionsDrsPerformsAsCaller', fasEc2, '*', {
        Bool: { 'aws:ViaAWSService': 'true' },
        ...anyResourceCondition(scope),
      }),
    );
  }
  return out;
}

/**
 * Wave checks: Run Command only with the shell documents (and the plan's own), only on instances DRS
 * launched (its tag on the instance), and the reads Run Command has no resource-level control for.
 */
function ssmStatements(mode: Mode, scope: PolicyScope): PolicyStatement[] {
  const ops = MODE_OPERATIONS[mode].ssm;
  if (ops.length === 0) return [];
  const reads = ops.filter((op) => op !== 'SendCommand').map((op) => `ssm:${op}`);
  const out = [statement('SsmReadCommandsAndInstances', reads, '*', anyResourceCondition(scope))];
  if (!ops.includes('SendCommand')) return out;
  const documents = CHECK_SHELL_DOCUMENTS.map((d) =>
    arn('ssm', { ...scope, accountId: '' }, `document/${d}`),
  );
  for (const d of scope.checkDocuments ?? []) {
    if (d.startsWith('arn:')) documents.push(d);
    else if (!(CHECK_SHELL_DOCUMENTS as readonly string[]).includes(d))
      documents.push(arn('ssm', scope, `document/${d}`));
  }
  out.push(statement('SsmSendCheckDocuments', ['ssm:SendCommand'], [...new Set(documents)]));
  out.push(
    statement('SsmSendToDrsInstances', ['ssm:SendCommand'], arn('ec2', scope, 'instance/*'), {
      Null: { [`ssm:resourceTag/${DRS_MANAGED_TAG}`]: 'false' },
    }),
  );
  return out;
}

function passRoleStatement(mode: Mode, scope: PolicyScope): PolicyStatement[] {
  if (!requiredActionsFor(mode).includes('iam:PassRole')) return [];
  const roles = DRS_DEFAULT_ROLES.map((r) => arn('iam', scope, `role/${r}`));
  for (const profile of scope.instanceProfiles ?? []) roles.push(roleArnForInstanceProfile(profile, scope));
  return [
    statement('PassRecoveryInstanceRoles', ['iam:PassRole'], [...new Set(roles)], {
      StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' },
    }),
  ];
}

/** The permission policy of a role that runs `mode`. */
export function permissionsPolicy(mode: Mode, scope: PolicyScope = {}): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      ...drsStatements(mode, scope),
      ...ec2Statements(mode, scope),
      ...ssmStatements(mode, scope),
      ...passRoleStatement(mode, scope),
    ],
  };
}

/** The scope a plan states: its region and account guard, and every instance profile its templates set. */
export function scopeFromPlan(
  plan: Plan,
  overrides: { region?: string; accountId?: string } = {},
): PolicyScope {
  const profiles = new Set<string>();
  for (const wave of plan.waves) {
    for (const server of wave.servers)
      if (server.template.instanceProfile) profiles.add(server.template.instanceProfile);
  }
  const scope: PolicyScope = { instanceProfiles: [...profiles].sort() };
  const documents = new Set(plan.waves.flatMap((w) => w.checks.map((c) => c.document)));
  for (const d of CHECK_SHELL_DOCUMENTS) documents.delete(d);
  if (documents.size > 0) scope.checkDocuments = [...documents].sort();
  const region = overrides.region ?? plan.region;
  const accountId = overrides.accountId ?? plan.accountId;
  if (region) scope.region = region;
  if (accountId) scope.accountId = accountId;
  return scope;
}

/** Policy JSON as people paste it: two-space indent, trailing newline. */
export function renderPolicy(doc: PolicyDocument<unknown>): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
