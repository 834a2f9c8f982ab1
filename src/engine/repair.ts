/**
 * Launch-configuration repair: writes only the drift, in the order DRS writes (its settings first, then
 * the template from the default as DRS left it), and reads both back (verify-after-write).
 */
import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import type {
  DrsGateway,
  Ec2Gateway,
  LaunchConfigurationUpdate,
  LaunchTemplateChange,
} from '../aws/gateways.js';
import { retryingDrs, retryingEc2 } from '../aws/retrying.js';
import type { LaunchConfigChange } from '../core/report.js';
import { type PhaseLimits, phaseCheckpoint } from './deadline.js';
import { diffLaunchActions } from './launch-actions.js';
import {
  diffAll,
  diffLaunchTemplate,
  diffPrivateIp,
  type FieldChange,
  type LaunchConfigDrift,
} from './launch-config.js';
import { type Clock, systemClock } from './types.js';

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
    else if (c.field === 'postLaunchEnabled') update.postLaunchEnabled = c.to as boolean;
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
    else if (c.field === 'tags') change.instanceTags = c.to as Record<string, string>;
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
    // Only when set, so the tokens of earlier releases (no tags) stay the same.
    ...(change.instanceTags ? [Object.entries(change.instanceTags).sort()] : []),
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
 * The template's part of a repair: from the default version as DRS left it (read again when DRS's
 * settings were just written), our version with what still differs. Returns whether it wrote.
 */
async function repairTemplate(
  deps: { drs: DrsGateway; ec2: Ec2Gateway },
  drift: LaunchConfigDrift,
  launchTemplateId: string,
  afterDrsWrite: boolean,
  opts: { executionId: string },
  out: LaunchConfigChange[],
): Promise<boolean> {
  const source =
    afterDrsWrite || drift.templateVersion === undefined
      ? await deps.ec2.describeDefaultLaunchTemplateVersion(launchTemplateId)
      : undefined;
  const sourceVersion = source?.VersionNumber ?? drift.templateVersion;
  const template = source
    ? [...diffLaunchTemplate(drift.desired.template, source), ...diffPrivateIp(drift.desired.launch, source)]
    : drift.changes.filter((c) => c.target === 'template');
  if (template.length === 0) return false;
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
  return true;
}

/**
 * Puts the plan's post-launch actions that differ, deletes ours the plan dropped (never anyone else's:
 * launch-actions.ts), then lists again: what still differs is a failed repair.
 */
async function syncLaunchActions(
  drs: DrsGateway,
  drift: LaunchConfigDrift,
  out: LaunchConfigChange[],
): Promise<void> {
  const changes = drift.launchActions ?? [];
  if (changes.length === 0) return;
  const id = drift.sourceServerId;
  for (const c of changes) {
    if (c.kind === 'put' && c.action) await drs.putLaunchAction(id, c.action);
    else await drs.deleteLaunchAction(id, c.actionId);
    out.push({
      sourceServerId: id,
      target: 'postLaunch',
      field: c.name,
      from: c.from,
      to: c.to,
      applied: true,
    });
  }
  const wanted = changes.flatMap((c) => (c.action ? [c.action] : []));
  const after = await drs.listLaunchActions(id);
  const left = diffLaunchActions(wanted, after).filter(
    (c) => c.kind === 'put' || changes.some((x) => x.kind === 'delete' && x.actionId === c.actionId),
  );
  if (left.length > 0)
    throw new Error(
      `after writing, post-launch action(s) ${left.map((c) => c.name).join(', ')} still differ from the plan`,
    );
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
  const written =
    (launch.length > 0 || planned.length > 0) &&
    (await repairTemplate(deps, drift, launchTemplateId, launch.length > 0, opts, out));
  await syncLaunchActions(deps.drs, drift, out);
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
