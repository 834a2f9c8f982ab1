/**
 * Launch-configuration drift: what the plan wants (`launch`, `template`) against what DRS and the EC2
 * launch template hold, and the repair that writes only the difference.
 */
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type {
  DrsGateway,
  Ec2Gateway,
  LaunchConfiguration,
  LaunchConfigurationUpdate,
  LaunchTemplateChange,
  LaunchTemplateVersion,
} from '../aws/gateways.js';
import { retryingDrs, retryingEc2 } from '../aws/retrying.js';
import type { LaunchSettings, TemplateSettings } from '../plan/types.js';
import type { LaunchConfigChange } from '../report/types.js';
import { type PhaseLimits, phaseCheckpoint } from './deadline.js';
import { type Clock, systemClock } from './types.js';

/**
 * One field whose actual value differs from the plan's. Field names are the plan's, plus `privateIp`
 * (a private address left in the template's primary interface); `from` is null when unset.
 */
export interface FieldChange {
  target: 'launch' | 'template';
  field: keyof LaunchSettings | keyof TemplateSettings | 'privateIp';
  from: unknown;
  to: unknown;
}

/** What has to change for one source server. */
export interface LaunchConfigDrift {
  sourceServerId: string;
  hostname?: string;
  changes: FieldChange[];
  /** What the plan wants: the repair re-reads the template after DRS's own write and diffs again. */
  desired: { launch: LaunchSettings; template: TemplateSettings };
  /** Needed when `changes` holds template fields. */
  launchTemplateId?: string;
  /** The default version the template changes start from. */
  templateVersion?: number;
}

/** The primary network interface of a template version: DeviceIndex 0 on card 0, else the first. */
export function primaryInterface(version: LaunchTemplateVersion) {
  const interfaces = version.LaunchTemplateData?.NetworkInterfaces ?? [];
  return (
    interfaces.find((ni) => (ni.DeviceIndex ?? 0) === 0 && (ni.NetworkCardIndex ?? 0) === 0) ?? interfaces[0]
  );
}

/**
 * A version made from `source` inherits its instance-level security groups, and the SDK sends no empty
 * list that could clear them; EC2 refuses those next to a network interface. So a subnet (which only a
 * network interface can carry) cannot be added to such a template by a new version.
 */
export function instanceLevelGroupsBlockSubnet(source: LaunchTemplateVersion): boolean {
  const data = source.LaunchTemplateData ?? {};
  const groups = (data.SecurityGroupIds ?? []).length + (data.SecurityGroups ?? []).length;
  return groups > 0 && (data.NetworkInterfaces ?? []).length === 0;
}

/** The subnet a template version launches into (primary interface). */
export function templateSubnetId(version: LaunchTemplateVersion): string | undefined {
  return primaryInterface(version)?.SubnetId;
}

/** The security groups of a template version: on the primary interface, else at instance level. */
export function templateSecurityGroupIds(version: LaunchTemplateVersion): string[] | undefined {
  return primaryInterface(version)?.Groups ?? version.LaunchTemplateData?.SecurityGroupIds;
}

/** `arn:aws:iam::123456789012:instance-profile/path/name` → `name`; a plain name stays as it is. */
export function instanceProfileName(nameOrArn: string): string {
  if (!nameOrArn.startsWith('arn:')) return nameOrArn;
  const resource = nameOrArn.split(':').slice(5).join(':');
  return resource.split('/').pop() ?? resource;
}

function sameSet(a: readonly string[] | undefined, b: readonly string[]): boolean {
  const left = new Set(a ?? []);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}

/** Drifted DRS launch-configuration fields; only the fields the plan sets are compared. */
export function diffLaunchConfiguration(desired: LaunchSettings, actual: LaunchConfiguration): FieldChange[] {
  const pairs: [keyof LaunchSettings, unknown, unknown][] = [
    ['copyPrivateIp', desired.copyPrivateIp, actual.copyPrivateIp],
    ['copyTags', desired.copyTags, actual.copyTags],
    ['launchDisposition', desired.launchDisposition, actual.launchDisposition],
    ['rightSizing', desired.rightSizing, actual.targetInstanceTypeRightSizingMethod],
    ['osByol', desired.osByol, actual.licensing?.osByol],
  ];
  return pairs
    .filter(([, to, from]) => to !== undefined && to !== from)
    .map(([field, to, from]) => ({ target: 'launch', field, from: from ?? null, to }));
}

/** Drifted template fields; security groups compare as sets, the instance profile by name or ARN. */
export function diffLaunchTemplate(desired: TemplateSettings, actual: LaunchTemplateVersion): FieldChange[] {
  const changes: FieldChange[] = [];
  const data = actual.LaunchTemplateData ?? {};
  const subnetId = templateSubnetId(actual);
  if (desired.subnetId !== undefined && desired.subnetId !== subnetId) {
    changes.push({ target: 'template', field: 'subnetId', from: subnetId ?? null, to: desired.subnetId });
  }
  const groups = templateSecurityGroupIds(actual);
  if (desired.securityGroupIds !== undefined && !sameSet(groups, desired.securityGroupIds)) {
    changes.push({
      target: 'template',
      field: 'securityGroupIds',
      from: groups ?? null,
      to: desired.securityGroupIds,
    });
  }
  if (desired.instanceType !== undefined && desired.instanceType !== data.InstanceType) {
    changes.push({
      target: 'template',
      field: 'instanceType',
      from: data.InstanceType ?? null,
      to: desired.instanceType,
    });
  }
  if (desired.instanceProfile !== undefined) {
    const profile = data.IamInstanceProfile;
    const current = profile?.Arn ?? profile?.Name;
    const same = desired.instanceProfile.startsWith('arn:')
      ? profile?.Arn !== undefined
        ? profile.Arn === desired.instanceProfile
        : profile?.Name === instanceProfileName(desired.instanceProfile)
      : (profile?.Name ?? (profile?.Arn ? instanceProfileName(profile.Arn) : undefined)) ===
        desired.instanceProfile;
    if (!same)
      changes.push({
        target: 'template',
        field: 'instanceProfile',
        from: current ?? null,
        to: desired.instanceProfile,
      });
  }
  return changes;
}

/** The private address(es) a template version's primary interface pins, if any. */
export function templatePrivateIp(version: LaunchTemplateVersion): string | undefined {
  const ni = primaryInterface(version);
  const listed = (ni?.PrivateIpAddresses ?? []).flatMap((a) =>
    a.PrivateIpAddress ? [a.PrivateIpAddress] : [],
  );
  return ni?.PrivateIpAddress ?? (listed.length > 0 ? listed.join(', ') : undefined);
}

/**
 * A plan that turns DRS's "copy private IP" off must not launch with the address the template still
 * pins (DRS writes the copied address into the template, and may not take it out again): the address
 * of the source server could clash with the source network. Only when the plan says copyPrivateIp:
 * false; a template address the plan does not speak about is left alone.
 */
export function diffPrivateIp(desired: LaunchSettings, actual: LaunchTemplateVersion): FieldChange[] {
  if (desired.copyPrivateIp !== false) return [];
  const ip = templatePrivateIp(actual);
  return ip === undefined ? [] : [{ target: 'template', field: 'privateIp', from: ip, to: null }];
}

/** Every difference between the plan and what DRS and the template hold now. */
export function diffAll(
  desired: LaunchConfigDrift['desired'],
  launchConfig: LaunchConfiguration,
  template: LaunchTemplateVersion | undefined,
): FieldChange[] {
  return [
    ...diffLaunchConfiguration(desired.launch, launchConfig),
    ...(template
      ? [...diffLaunchTemplate(desired.template, template), ...diffPrivateIp(desired.launch, template)]
      : []),
  ];
}

/** The UpdateLaunchConfiguration request carrying just the drifted fields. */
export function launchConfigurationUpdate(
  sourceServerId: string,
  changes: FieldChange[],
): LaunchConfigurationUpdate {
  const update: LaunchConfigurationUpdate = { sourceServerID: sourceServerId };
  for (const c of changes) {
    if (c.target !== 'launch') continue;
    if (c.field === 'copyPrivateIp') update.copyPrivateIp = c.to as boolean;
    else if (c.field === 'copyTags') update.copyTags = c.to as boolean;
    else if (c.field === 'launchDisposition') update.launchDisposition = c.to as 'STARTED' | 'STOPPED';
    else if (c.field === 'rightSizing')
      update.targetInstanceTypeRightSizingMethod = c.to as 'NONE' | 'BASIC' | 'IN_AWS';
    else if (c.field === 'osByol') update.licensing = { osByol: c.to as boolean };
  }
  return update;
}

/** The launch-template change carrying just the drifted fields. */
export function launchTemplateChange(changes: FieldChange[]): LaunchTemplateChange {
  const change: LaunchTemplateChange = {};
  for (const c of changes) {
    if (c.target !== 'template') continue;
    if (c.field === 'subnetId') change.subnetId = c.to as string;
    else if (c.field === 'securityGroupIds') change.securityGroupIds = c.to as string[];
    else if (c.field === 'instanceType') change.instanceType = c.to as string;
    else if (c.field === 'instanceProfile') change.instanceProfile = c.to as string;
    else if (c.field === 'privateIp') change.clearPrivateIp = true;
  }
  return change;
}

/**
 * The same execution, server, template version and change always give the same token, so a re-run of a
 * run that lost CreateLaunchTemplateVersion's answer gets the version already made, not a second one.
 * The source version is part of it: EC2 rejects a reused token whose parameters differ.
 */
export function templateClientToken(
  executionId: string,
  sourceServerId: string,
  launchTemplateId: string,
  sourceVersion: number,
  change: LaunchTemplateChange,
): string {
  const canonical = JSON.stringify([
    executionId,
    sourceServerId,
    launchTemplateId,
    sourceVersion,
    change.subnetId ?? null,
    change.securityGroupIds ? [...change.securityGroupIds].sort() : null,
    change.instanceType ?? null,
    change.instanceProfile ?? null,
    change.clearPrivateIp ?? null,
  ]);
  return `drs-drill-${createHash('sha256').update(canonical).digest('hex')}`;
}

/** Some writes failed; `changes` still lists every change made or attempted before the failure. */
export class LaunchConfigRepairError extends Error {
  override readonly name = 'LaunchConfigRepairError';
  constructor(
    message: string,
    readonly changes: LaunchConfigChange[],
    readonly failures: { sourceServerId: string; error: unknown }[],
  ) {
    super(message);
  }
}

function record(drift: LaunchConfigDrift, changes: FieldChange[], applied: boolean, version?: number) {
  return changes.map(
    (c): LaunchConfigChange => ({
      sourceServerId: drift.sourceServerId,
      target: c.target,
      field: c.field,
      from: c.from,
      to: c.to,
      applied,
      ...(version !== undefined ? { templateVersion: version } : {}),
    }),
  );
}

/** Whether anything of the template is worth reading back: the plan speaks about it, or it was written. */
function templateMatters(desired: LaunchConfigDrift['desired'], written: boolean): boolean {
  return written || Object.keys(desired.template).length > 0 || desired.launch.copyPrivateIp === false;
}

function describeLeft(changes: readonly FieldChange[]): string {
  return changes
    .map((c) => `${c.target}.${c.field} is ${JSON.stringify(c.from)}, the plan wants ${JSON.stringify(c.to)}`)
    .join('; ');
}

/**
 * Repairs one server in the order DRS writes: the DRS launch settings first (UpdateLaunchConfiguration
 * may itself write a template version: right-sizing and copy-private-IP live in the template), then the
 * template's default version read again and our version made from it, then both read back and
 * compared with the plan (verify-after-write). A difference left is a failed repair.
 */
async function repairOne(
  deps: { drs: DrsGateway; ec2: Ec2Gateway },
  drift: LaunchConfigDrift,
  opts: { dryRun: boolean; executionId: string },
  out: LaunchConfigChange[],
): Promise<void> {
  const launch = drift.changes.filter((c) => c.target === 'launch');
  if (opts.dryRun) {
    out.push(...record(drift, drift.changes, false));
    return;
  }
  if (launch.length > 0) {
    await deps.drs.updateLaunchConfiguration(launchConfigurationUpdate(drift.sourceServerId, launch));
    out.push(...record(drift, launch, true));
  }
  const { launchTemplateId } = drift;
  const planned = drift.changes.filter((c) => c.target === 'template');
  if (launchTemplateId === undefined) {
    if (planned.length > 0)
      throw new Error(`no launch template known for source server ${drift.sourceServerId}`);
    return;
  }
  let written = false;
  if (launch.length > 0 || planned.length > 0) {
    const source =
      launch.length > 0 || drift.templateVersion === undefined
        ? await deps.ec2.describeDefaultLaunchTemplateVersion(launchTemplateId)
        : undefined;
    const sourceVersion = source?.VersionNumber ?? drift.templateVersion;
    const template = source
      ? [
          ...diffLaunchTemplate(drift.desired.template, source),
          ...diffPrivateIp(drift.desired.launch, source),
        ]
      : planned;
    if (template.length > 0) {
      if (sourceVersion === undefined)
        throw new Error(`launch template ${launchTemplateId} has no default version number`);
      const change = launchTemplateChange(template);
      const token = templateClientToken(
        opts.executionId,
        drift.sourceServerId,
        launchTemplateId,
        sourceVersion,
        change,
      );
      const version = await deps.ec2.updateLaunchTemplate(launchTemplateId, sourceVersion, change, token);
      out.push(...record(drift, template, true, version));
      written = true;
    }
  }
  const launchConfig = await deps.drs.getLaunchConfiguration(drift.sourceServerId);
  const template = templateMatters(drift.desired, written)
    ? await deps.ec2.describeDefaultLaunchTemplateVersion(
        launchConfig.ec2LaunchTemplateID ?? launchTemplateId,
      )
    : undefined;
  const left = diffAll(drift.desired, launchConfig, template);
  if (left.length > 0) {
    throw new Error(
      `after writing, the launch settings still differ from the plan: ${describeLeft(left)} ` +
        '(DRS may rewrite the launch template when its own settings change, e.g. right-sizing sets the instance type)',
    );
  }
}

/**
 * Writes the drift (nothing when there is none; nothing at all in a dry run) and lists every change for
 * the report. All servers are attempted; if any write failed, throws LaunchConfigRepairError after.
 */
export async function repairLaunchConfigurations(
  gateways: { drs: DrsGateway; ec2: Ec2Gateway; clock?: Clock },
  drift: LaunchConfigDrift[],
  opts: { dryRun: boolean; executionId: string; concurrency?: number } & PhaseLimits,
): Promise<LaunchConfigChange[]> {
  // Past the run's deadline, or once it is cancelled, nothing more is written: every call passes this
  // checkpoint first, and a server not started fails with the reason.
  const clock = gateways.clock;
  const checkpoint = phaseCheckpoint(clock ?? systemClock, opts, 'the launch configuration repair');
  // Every call here is a read or an idempotent write (the template's client token): retried through
  // throttling and 5xx on the run's clock.
  const retrying = clock && { sleep: (ms: number) => clock.sleep(ms, opts.signal), checkpoint };
  const deps = retrying
    ? { drs: retryingDrs(gateways.drs, retrying), ec2: retryingEc2(gateways.ec2, retrying) }
    : gateways;
  const limit = pLimit(opts.concurrency ?? 10);
  const changes: LaunchConfigChange[][] = drift.map(() => []);
  const failures: { sourceServerId: string; error: unknown }[] = [];
  await Promise.all(
    drift.map((d, i) =>
      limit(async () => {
        try {
          checkpoint();
          await repairOne(deps, d, opts, changes[i]!);
        } catch (error) {
          failures.push({ sourceServerId: d.sourceServerId, error });
        }
      }),
    ),
  );
  const all = changes.flat();
  if (failures.length > 0) {
    const detail = failures
      .map((f) => `${f.sourceServerId}: ${f.error instanceof Error ? f.error.message : String(f.error)}`)
      .join('; ');
    throw new LaunchConfigRepairError(
      `Could not repair the launch configuration of ${detail}`,
      all,
      failures,
    );
  }
  return all;
}
