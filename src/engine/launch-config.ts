import type { LaunchConfiguration, LaunchTemplateVersion } from '../aws/gateways.js';
import type { LaunchSettings, TemplateSettings } from '../plan/types.js';
import type { LaunchActionChange } from './launch-actions.js';

/**
 * One field whose actual value differs from the plan's. Field names are the plan's, plus `privateIp`
 * (a private address left in the template's primary interface) and `tags` (a drill's instance tags);
 * `from` is null when unset.
 */
export interface FieldChange {
  /** `postLaunch`: one DRS post-launch action, `field` its name (launch-actions.ts). */
  target: 'launch' | 'template' | 'postLaunch';
  field:
    | keyof LaunchSettings
    | keyof TemplateSettings
    | 'privateIp'
    | 'tags'
    | 'postLaunchEnabled'
    | (string & {});
  from: unknown;
  to: unknown;
}

/** What has to change for one source server. */
export interface LaunchConfigDrift {
  sourceServerId: string;
  hostname?: string;
  changes: FieldChange[];
  /**
   * What the plan wants: the repair re-reads the template after DRS's own write and diffs again.
   * `postLaunchEnabled` is true when the plan puts post-launch actions on the server (DRS runs none without it).
   */
  desired: { launch: LaunchSettings; template: TemplateSettings; postLaunchEnabled?: true };
  /** Post-launch actions to put or delete (their report lines are in `changes`, target postLaunch). */
  launchActions?: LaunchActionChange[];
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

export { instanceLevelGroupsBlockSubnet } from '../aws/launch-template.js';

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
  const postLaunch: FieldChange[] =
    desired.postLaunchEnabled && launchConfig.postLaunchEnabled !== true
      ? [
          {
            target: 'launch',
            field: 'postLaunchEnabled',
            from: launchConfig.postLaunchEnabled ?? null,
            to: true,
          },
        ]
      : [];
  return [
    ...diffLaunchConfiguration(desired.launch, launchConfig),
    ...postLaunch,
    ...(template
      ? [...diffLaunchTemplate(desired.template, template), ...diffPrivateIp(desired.launch, template)]
      : []),
  ];
}
