/**
 * The IAM actions behind each mode, in one place. Two kinds:
 * - the calls the action makes itself (through src/aws/drs-gateway.ts and ec2-gateway.ts);
 * - the calls DRS makes on the caller's behalf with a forward access session (FAS): they run with
 *   the caller's identity and permissions, with `aws:ViaAWSService = true`. The official DRS model
 *   lists them as `aws.iam#requiredActions`; a test keeps these lists equal to the model's.
 * Missing any FAS action is the commonest DRS failure: the job reports COMPLETED and launched nothing.
 */
import type { Mode } from '../modes.js';

/** `aws.iam#requiredActions` of StartRecovery in the official model (emulator/model/drs-2020-02-26.json). */
export const START_RECOVERY_REQUIRED_ACTIONS = [
  'drs:CreateRecoveryInstanceForDrs',
  'drs:ListTagsForResource',
  'iam:PassRole',
  'ec2:AttachVolume',
  'ec2:AuthorizeSecurityGroupEgress',
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:CreateLaunchTemplate',
  'ec2:CreateLaunchTemplateVersion',
  'ec2:CreateSnapshot',
  'ec2:CreateTags',
  'ec2:CreateVolume',
  'ec2:DeleteLaunchTemplateVersions',
  'ec2:DeleteSnapshot',
  'ec2:DeleteVolume',
  'ec2:DescribeAccountAttributes',
  'ec2:DescribeAvailabilityZones',
  'ec2:DescribeImages',
  'ec2:DescribeInstanceAttribute',
  'ec2:DescribeInstanceStatus',
  'ec2:DescribeInstanceTypes',
  'ec2:DescribeInstances',
  'ec2:DescribeLaunchTemplateVersions',
  'ec2:DescribeLaunchTemplates',
  'ec2:DescribeSecurityGroups',
  'ec2:DescribeSnapshots',
  'ec2:DescribeSubnets',
  'ec2:DescribeVolumes',
  'ec2:DetachVolume',
  'ec2:ModifyInstanceAttribute',
  'ec2:ModifyLaunchTemplate',
  'ec2:RevokeSecurityGroupEgress',
  'ec2:RunInstances',
  'ec2:StartInstances',
  'ec2:StopInstances',
  'ec2:TerminateInstances',
] as const;

/** `aws.iam#requiredActions` of TerminateRecoveryInstances. */
export const TERMINATE_RECOVERY_INSTANCES_REQUIRED_ACTIONS = [
  'ec2:DescribeVolumes',
  'ec2:DescribeInstances',
  'ec2:TerminateInstances',
  'ec2:DeleteVolume',
  'drs:DescribeSourceServers',
] as const;

/** `aws.iam#requiredActions` of DescribeRecoveryInstances. */
export const DESCRIBE_RECOVERY_INSTANCES_REQUIRED_ACTIONS = [
  'ec2:DescribeInstances',
  'drs:DescribeSourceServers',
] as const;

/** The required actions per DRS operation, as the model states them (only the operations we call). */
export const REQUIRED_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  StartRecovery: START_RECOVERY_REQUIRED_ACTIONS,
  TerminateRecoveryInstances: TERMINATE_RECOVERY_INSTANCES_REQUIRED_ACTIONS,
  DescribeRecoveryInstances: DESCRIBE_RECOVERY_INSTANCES_REQUIRED_ACTIONS,
};

/** What one mode calls itself, by API operation name (DRS, EC2 and Systems Manager). */
export interface ModeOperations {
  drs: readonly string[];
  ec2: readonly string[];
  /** Wave checks (SSM Run Command); only plans with `checks:` make these calls. */
  ssm: readonly string[];
}

const VALIDATE_OPERATIONS: ModeOperations = {
  // Preflight: resolve selectors, active jobs, pinned snapshots, launch settings and their network.
  // ListLaunchActions: only for plans with postLaunch, or servers where DRS already runs actions.
  drs: [
    'DescribeSourceServers',
    'DescribeJobs',
    'DescribeRecoverySnapshots',
    'GetLaunchConfiguration',
    'ListLaunchActions',
  ],
  ec2: ['DescribeLaunchTemplateVersions', 'DescribeSubnets', 'DescribeSecurityGroups'],
  ssm: [],
};

const LAUNCH_OPERATIONS: ModeOperations = {
  drs: [
    ...VALIDATE_OPERATIONS.drs,
    'UpdateLaunchConfiguration',
    // The plan's postLaunch actions, synced onto its servers.
    'PutLaunchAction',
    'DeleteLaunchAction',
    'StartRecovery',
    'DescribeJobLogItems',
    'DescribeRecoveryInstances',
    // Input waves: each wave's outcome recorded on its jobs for the next step of the execution.
    'TagResource',
  ],
  ec2: [
    ...VALIDATE_OPERATIONS.ec2,
    'CreateLaunchTemplateVersion',
    'ModifyLaunchTemplate',
    'DescribeInstances',
    'DescribeInstanceStatus',
    'CreateTags',
  ],
  ssm: ['DescribeInstanceInformation', 'SendCommand', 'ListCommands', 'ListCommandInvocations'],
};

/** The operations each mode sends. A drill also terminates its own drill instances afterwards. */
export const MODE_OPERATIONS: Readonly<Record<Mode, ModeOperations>> = {
  validate: VALIDATE_OPERATIONS,
  drill: { ...LAUNCH_OPERATIONS, drs: [...LAUNCH_OPERATIONS.drs, 'TerminateRecoveryInstances'] },
  // A recovery never terminates anything: the role gets no TerminateRecoveryInstances at all.
  recovery: LAUNCH_OPERATIONS,
  cleanup: {
    drs: ['DescribeSourceServers', 'DescribeJobs', 'DescribeRecoveryInstances', 'TerminateRecoveryInstances'],
    ec2: ['DescribeInstances'],
    ssm: [],
  },
  // Status reads the history from GitHub; with credentials it also resolves each plan's servers.
  status: { drs: ['DescribeSourceServers'], ec2: [], ssm: [] },
};

/** The FAS actions (service-prefixed) a mode needs for the DRS operations it calls, de-duplicated and sorted. */
export function requiredActionsFor(mode: Mode): string[] {
  const out = new Set<string>();
  for (const op of MODE_OPERATIONS[mode].drs) for (const a of REQUIRED_ACTIONS[op] ?? []) out.add(a);
  return [...out].sort();
}
