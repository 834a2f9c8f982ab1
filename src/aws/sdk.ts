/**
 * The one door of src/ to the AWS SDK clients: every value and type src uses from
 * @aws-sdk/client-{drs,ec2,ssm,sts}, and nothing else (dependency-cruiser rule `aws-sdk-through-sdk-ts`).
 *
 * Why one file: the build (scripts/build.mjs) bundles this module with esbuild from the clients'
 * ES-module builds, which drops every operation we do not name here (client-ec2's one CommonJS module
 * carries the serializers of the whole EC2 API, 3 MB), and points ncc at that tree-shaken file
 * instead of the packages. Under vitest and tsx this file re-exports the real packages, so the classes
 * are the same objects tests patch with aws-sdk-client-mock. Adding a value here is all it takes to
 * use it in the bundle; the build fails if the pre-bundle does not export what this file does.
 */
export {
  DeleteLaunchActionCommand,
  DrsClient,
  GetLaunchConfigurationCommand,
  type Job,
  type JobLog,
  type LaunchAction,
  type LaunchActionRun,
  type LaunchConfiguration,
  type ParticipatingServer,
  PutLaunchActionCommand,
  paginateDescribeJobLogItems,
  paginateDescribeJobs,
  paginateDescribeRecoveryInstances,
  paginateDescribeRecoverySnapshots,
  paginateDescribeSourceServers,
  paginateListLaunchActions,
  type RecoveryInstance,
  type RecoverySnapshot,
  ResourceNotFoundException,
  type SourceServer,
  StartRecoveryCommand,
  TagResourceCommand,
  TerminateRecoveryInstancesCommand,
  UpdateLaunchConfigurationCommand,
} from '@aws-sdk/client-drs';
export {
  CreateLaunchTemplateVersionCommand,
  CreateTagsCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
  type Instance,
  type InstanceStatus,
  type LaunchTemplateInstanceNetworkInterfaceSpecification,
  type LaunchTemplateInstanceNetworkInterfaceSpecificationRequest,
  type LaunchTemplateTagSpecification,
  type LaunchTemplateTagSpecificationRequest,
  type LaunchTemplateVersion,
  ModifyLaunchTemplateCommand,
  paginateDescribeInstanceStatus,
  paginateDescribeInstances,
  paginateDescribeLaunchTemplateVersions,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  type RequestLaunchTemplateData,
  type ResponseLaunchTemplateData,
  type SecurityGroup,
  type Subnet,
} from '@aws-sdk/client-ec2';
export {
  DescribeInstanceInformationCommand,
  ListCommandInvocationsCommand,
  ListCommandsCommand,
  SendCommandCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
export {
  AssumeRoleCommand,
  type AssumeRoleCommandOutput,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
