/**
 * Preflight, one server at a time: its launch configuration, template and pinned snapshot as read,
 * and what they mean for the run (template, network, tags).
 */
import type {
  LaunchAction,
  LaunchConfiguration,
  LaunchTemplateVersion,
  RecoverySnapshot,
} from '../aws/gateways.js';
import { errorMessage } from '../errors.js';
import {
  instanceLevelGroupsBlockSubnet,
  templateSecurityGroupIds,
  templateSubnetId,
} from './launch-config.js';
import { type NetworkLookups, networkFindings } from './network.js';
import type { PreflightDeps } from './preflight-deps.js';
import type { PreflightFinding } from './resolve.js';
import type { ResolvedServer } from './types.js';

/** What per-server reads returned (or how they failed). */
export interface ServerFacts {
  rs: ResolvedServer;
  wave: string;
  launchConfig?: LaunchConfiguration;
  launchConfigError?: unknown;
  template?: LaunchTemplateVersion;
  templateError?: unknown;
  /** The server's recovery snapshots (newest first), read when the plan pins one or point-in-time is set. */
  snapshots?: RecoverySnapshot[];
  snapshotError?: unknown;
  /** Read when the plan puts post-launch actions on it, or DRS already runs some. */
  launchActions?: LaunchAction[];
  launchActionsError?: unknown;
}

/**
 * One server's reads. `templateLater`: its template is left for `readTemplates`, which reads many
 * servers' templates at once.
 */
export async function readServer(
  deps: Pick<PreflightDeps, 'drs' | 'ec2'>,
  rs: ResolvedServer,
  wave: string,
  pointInTime?: string,
  templateLater = false,
): Promise<ServerFacts> {
  const facts: ServerFacts = { rs, wave };
  const snapshot =
    rs.spec.snapshot || pointInTime
      ? deps.drs.describeRecoverySnapshots(rs.sourceServerId).then(
          (s) => {
            facts.snapshots = s;
          },
          (e: unknown) => {
            facts.snapshotError = e;
          },
        )
      : Promise.resolve();
  try {
    facts.launchConfig = await deps.drs.getLaunchConfiguration(rs.sourceServerId);
    const templateId = facts.launchConfig.ec2LaunchTemplateID;
    if (templateId && !templateLater)
      facts.template = await deps.ec2.describeDefaultLaunchTemplateVersion(templateId);
  } catch (e) {
    if (facts.launchConfig) facts.templateError = e;
    else facts.launchConfigError = e;
  }
  // Only then: a plan without post-launch actions needs no drs:ListLaunchActions, unless DRS already
  // runs actions on the server (some may be ours, left by an earlier version of the plan).
  if (rs.spec.postLaunch.length > 0 || facts.launchConfig?.postLaunchEnabled === true) {
    try {
      facts.launchActions = await deps.drs.listLaunchActions(rs.sourceServerId);
    } catch (e) {
      facts.launchActionsError = e;
    }
  }
  await snapshot;
  return facts;
}

/**
 * The default template versions of servers read with `templateLater`: one account-wide listing of
 * every template's default (bounded to a page per 20 templates wanted, so a crowded account costs no
 * more than reading one by one would), then one by one for those it did not reach or could not read,
 * which also gives a missing template its own error.
 */
export async function readTemplates(
  deps: Pick<PreflightDeps, 'ec2'>,
  facts: readonly ServerFacts[],
  limit: <T>(fn: () => Promise<T>) => Promise<T>,
): Promise<void> {
  const waiting = facts.filter((f) => f.launchConfig?.ec2LaunchTemplateID && !f.template);
  const ids = [...new Set(waiting.map((f) => f.launchConfig?.ec2LaunchTemplateID ?? ''))];
  if (ids.length === 0) return;
  const listed = await deps.ec2
    .describeDefaultVersionsOf(ids, Math.ceil(ids.length / 20))
    .catch(() => new Map<string, LaunchTemplateVersion>());
  await Promise.all(
    waiting.map((f) =>
      limit(async () => {
        const id = f.launchConfig?.ec2LaunchTemplateID ?? '';
        try {
          f.template = listed.get(id) ?? (await deps.ec2.describeDefaultLaunchTemplateVersion(id));
        } catch (e) {
          f.templateError = e;
        }
      }),
    ),
  );
}

export function effectiveSubnet(f: ServerFacts): string | undefined {
  return f.rs.spec.template.subnetId ?? (f.template ? templateSubnetId(f.template) : undefined);
}

export function effectiveGroups(f: ServerFacts): string[] {
  return (
    f.rs.spec.template.securityGroupIds ??
    (f.template ? templateSecurityGroupIds(f.template) : undefined) ??
    []
  );
}

/** Launch configuration and network findings for one server, from the facts read before. */
/** A pinned point-in-time snapshot must exist. */
function snapshotFindings(f: ServerFacts): PreflightFinding[] {
  const { snapshot } = f.rs.spec;
  if (!snapshot) return [];
  if (f.snapshotError !== undefined)
    return [
      { level: 'error', message: `could not list recovery snapshots: ${errorMessage(f.snapshotError)}` },
    ];
  const ids = (f.snapshots ?? []).map((s) => s.snapshotID);
  if (ids.includes(snapshot)) return [];
  return [
    {
      level: 'error',
      message: `pinned snapshot ${snapshot} does not exist`,
      fix: `Pick an existing point in time${ids[0] ? ` (latest: ${ids[0]})` : ''} or remove the pin`,
    },
  ];
}

/** What the template would silently undo or deny: right-sizing over a planned type, missing DRS tags. */
function templateWarnings(
  f: ServerFacts,
  launchConfig: LaunchConfiguration,
  template: LaunchTemplateVersion,
  templateId: string,
): PreflightFinding[] {
  const out: PreflightFinding[] = [];
  const { spec } = f.rs;
  const rightSizing = spec.launch.rightSizing ?? launchConfig.targetInstanceTypeRightSizingMethod;
  if (spec.template.instanceType !== undefined && rightSizing !== undefined && rightSizing !== 'NONE') {
    out.push({
      level: 'warning',
      message: `the plan sets instanceType ${spec.template.instanceType} but right-sizing is ${rightSizing}, so DRS overwrites the template's instance type`,
      fix: 'Set launch.rightSizing: NONE to keep the planned instance type',
    });
  }
  if (!hasDrsManagedTag(template)) {
    out.push({
      level: 'warning',
      message: `launch template ${templateId} does not tag instances ${DRS_MANAGED_TAG}=drs.amazonaws.com`,
      fix: 'Keep the DRS tags in the template: IAM policies conditioned on them (e.g. the DRS managed policies) deny the launch without them',
    });
  }
  return out;
}

/** Post-launch actions that could not be listed: an error when the plan has some for the server. */
function launchActionFindings(f: ServerFacts): PreflightFinding[] {
  if (f.launchActionsError === undefined) return [];
  const message = `could not list its post-launch actions: ${errorMessage(f.launchActionsError)}`;
  return f.rs.spec.postLaunch.length > 0
    ? [
        {
          level: 'error',
          message,
          fix: 'Grant drs:ListLaunchActions and drs:PutLaunchAction (the drill policy)',
        },
      ]
    : [{ level: 'warning', message: `${message}; actions an earlier plan put there are left as they are` }];
}

export function launchFindings(f: ServerFacts, net: NetworkLookups): PreflightFinding[] {
  const out: PreflightFinding[] = [];
  const { spec } = f.rs;
  out.push(...snapshotFindings(f), ...launchActionFindings(f));
  if (!f.launchConfig) {
    const notFound =
      (f.launchConfigError as { name?: string } | undefined)?.name === 'ResourceNotFoundException';
    out.push({
      level: 'error',
      message: `could not read its launch configuration: ${errorMessage(f.launchConfigError)}`,
      fix: notFound ? 'The source server may have been deleted from DRS; check the selector' : undefined,
    });
    return out;
  }
  const templateId = f.launchConfig.ec2LaunchTemplateID;
  if (!templateId) {
    out.push({
      level: 'error',
      message: 'its launch configuration has no EC2 launch template',
      fix: 'Open the server in the DRS console and save its launch settings so DRS creates the template',
    });
    return out;
  }
  if (!f.template) {
    out.push({
      level: 'error',
      message: `could not read the default version of launch template ${templateId}: ${errorMessage(f.templateError)}`,
    });
    return out;
  }
  out.push(...templateWarnings(f, f.launchConfig, f.template, templateId));
  const subnetId = effectiveSubnet(f);
  if (!subnetId) {
    out.push({
      level: 'error',
      message: `launch template ${templateId} has no subnet (and the plan sets none)`,
      fix: 'Set template.subnetId in the plan, or a subnet on the template’s primary network interface',
    });
    return out;
  }
  if (subnetId !== templateSubnetId(f.template) && instanceLevelGroupsBlockSubnet(f.template)) {
    out.push({
      level: 'error',
      message: `launch template ${templateId} sets security groups at instance level, so the planned subnet ${subnetId} cannot be added by a new version`,
      fix: 'Move the groups onto the primary network interface (with the subnet) in the EC2 console',
    });
  }
  const copyPrivateIp = spec.launch.copyPrivateIp ?? f.launchConfig.copyPrivateIp ?? false;
  out.push(
    ...networkFindings(
      { subnetId, groupIds: effectiveGroups(f), copyPrivateIp, server: f.rs.sourceServer },
      net,
    ),
  );
  return out;
}

const DRS_MANAGED_TAG = 'AWSElasticDisasterRecoveryManaged';

/** Whether the template's instance tag specification carries the tag DRS-managed policies require. */
function hasDrsManagedTag(version: LaunchTemplateVersion): boolean {
  return (version.LaunchTemplateData?.TagSpecifications ?? []).some(
    (spec) => spec.ResourceType === 'instance' && (spec.Tags ?? []).some((t) => t.Key === DRS_MANAGED_TAG),
  );
}
