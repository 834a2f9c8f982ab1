/**
 * Drill settings (the plan's `drill:` overrides). DRS keeps one launch configuration and one launch
 * template per source server, shared by drills and recoveries: a drill that rewrote them for good would
 * hand its isolated subnet to the next recovery, even one started from the console. So the drill
 * settings are written over the recovery settings (what the plan and the repair want) just before the
 * drill, in DRS's order (its launch settings first, then a template version made from the default DRS
 * left), and the recovery settings are restored afterwards. "Restored" means the same content (the DRS
 * settings and the default version's LaunchTemplateData), not the same version number: DRS writes and
 * deletes template versions itself.
 */
import { createHash } from 'node:crypto';
import {
  DRILL_VERSION_DESCRIPTION,
  type DrsGateway,
  type Ec2Gateway,
  type LaunchConfiguration,
  type LaunchTemplateVersion,
} from '../aws/gateways.js';
import type { DrillSettings } from '../plan/types.js';
import { diffLaunchTemplate, diffPrivateIp, type FieldChange } from './launch-config.js';
import { launchConfigurationUpdate, launchTemplateChange, templateClientToken } from './repair.js';

export type TemplateData = NonNullable<LaunchTemplateVersion['LaunchTemplateData']>;

/** The DRS launch settings a drill may change, at the values the restore writes back. */
export interface RecoveryLaunchValues {
  copyPrivateIp?: boolean;
  rightSizing?: 'NONE' | 'BASIC' | 'IN_AWS';
}

/** What a drill writes for one server, and what undoes it. Recorded for the post step before any write. */
export interface DrillWrite {
  sourceServerId: string;
  hostname?: string;
  launchTemplateId: string;
  /** The default version that held the recovery settings before the drill. */
  recoveryVersion: number;
  /** DRS launch settings the drill changes, at their recovery values. */
  launch: RecoveryLaunchValues;
  /** The recovery version's data, kept in memory so a restore works even if DRS deleted that version. */
  recoveryData?: TemplateData;
  /** The drill settings written, field by field (for the report). */
  changes: FieldChange[];
  /** The template version with the drill settings, once written. */
  drillVersion?: number;
}

type Gateways = { drs: DrsGateway; ec2: Ec2Gateway };

/** DRS launch settings the drill needs: private IP off; right-sizing off so its instance type holds. Pure. */
export function drillLaunchChanges(drill: DrillSettings, lc: LaunchConfiguration): FieldChange[] {
  const out: FieldChange[] = [];
  if (drill.copyPrivateIp === false && lc.copyPrivateIp !== false)
    out.push({ target: 'launch', field: 'copyPrivateIp', from: lc.copyPrivateIp ?? null, to: false });
  const rightSizing = lc.targetInstanceTypeRightSizingMethod;
  // DRS right-sizing would put its recommended type over the drill's (at its write, and at launch).
  if (drill.instanceType !== undefined && rightSizing !== undefined && rightSizing !== 'NONE')
    out.push({ target: 'launch', field: 'rightSizing', from: rightSizing, to: 'NONE' });
  return out;
}

/** The instance tags of a template version (its `instance` tag specification). */
export function instanceTagsOf(version: LaunchTemplateVersion): Record<string, string> {
  const spec = (version.LaunchTemplateData?.TagSpecifications ?? []).find(
    (s) => s.ResourceType === 'instance',
  );
  return Object.fromEntries((spec?.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

/** Template fields the drill needs that `version` does not hold. Pure. */
export function drillTemplateChanges(drill: DrillSettings, version: LaunchTemplateVersion): FieldChange[] {
  const desired = {
    ...(drill.subnetId !== undefined ? { subnetId: drill.subnetId } : {}),
    ...(drill.securityGroupIds !== undefined ? { securityGroupIds: drill.securityGroupIds } : {}),
    ...(drill.instanceType !== undefined ? { instanceType: drill.instanceType } : {}),
  };
  const out = [...diffLaunchTemplate(desired, version)];
  if (drill.copyPrivateIp === false) out.push(...diffPrivateIp({ copyPrivateIp: false }, version));
  if (drill.tags) {
    const current = instanceTagsOf(version);
    const keys = Object.keys(drill.tags);
    if (keys.some((k) => current[k] !== drill.tags?.[k])) {
      const from = Object.fromEntries(keys.filter((k) => k in current).map((k) => [k, current[k]]));
      out.push({ target: 'template', field: 'tags', from, to: drill.tags });
    }
  }
  return out;
}

/** The recovery values of the DRS settings the drill changes (their `from`). Pure. */
function recoveryValuesOf(changes: readonly FieldChange[]): RecoveryLaunchValues {
  const out: RecoveryLaunchValues = {};
  for (const c of changes) {
    if (c.field === 'copyPrivateIp' && typeof c.from === 'boolean') out.copyPrivateIp = c.from;
    if (c.field === 'rightSizing' && typeof c.from === 'string')
      out.rightSizing = c.from as RecoveryLaunchValues['rightSizing'];
  }
  return out;
}

/** DRS settings that differ from their recovery values, as changes back to them. Pure. */
export function launchRestoreChanges(values: RecoveryLaunchValues, lc: LaunchConfiguration): FieldChange[] {
  const out: FieldChange[] = [];
  if (values.copyPrivateIp !== undefined && lc.copyPrivateIp !== values.copyPrivateIp)
    out.push({
      target: 'launch',
      field: 'copyPrivateIp',
      from: lc.copyPrivateIp ?? null,
      to: values.copyPrivateIp,
    });
  const rightSizing = lc.targetInstanceTypeRightSizingMethod;
  if (values.rightSizing !== undefined && rightSizing !== values.rightSizing)
    out.push({ target: 'launch', field: 'rightSizing', from: rightSizing ?? null, to: values.rightSizing });
  return out;
}

/** JSON with sorted keys: two descriptions of the same data compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** Whether two versions' data are the same content. Pure. */
export function sameTemplateData(a: TemplateData | undefined, b: TemplateData | undefined): boolean {
  return canonical(a ?? {}) === canonical(b ?? {});
}

function describeLeft(changes: readonly FieldChange[]): string {
  return changes.map((c) => `${c.target}.${c.field} is ${JSON.stringify(c.from)}`).join('; ');
}

/**
 * Writes one server's drill settings: DRS's launch settings first (they may write a template version
 * themselves), then a version made from the default DRS left, made the default; then reads both back.
 * `record` is called before the first write and again after each, so the post step always knows what
 * to restore. Returns undefined when the recovery settings already are the drill settings.
 */
export async function applyDrillSettings(
  deps: Gateways,
  server: { sourceServerId: string; hostname?: string; drill: DrillSettings },
  opts: { executionId: string; record(write: DrillWrite): void },
): Promise<DrillWrite | undefined> {
  const { sourceServerId, drill } = server;
  const lc = await deps.drs.getLaunchConfiguration(sourceServerId);
  const launchTemplateId = lc.ec2LaunchTemplateID;
  if (!launchTemplateId) throw new Error('its launch configuration has no EC2 launch template');
  const recovery = await deps.ec2.describeDefaultLaunchTemplateVersion(launchTemplateId);
  if (recovery.VersionDescription === DRILL_VERSION_DESCRIPTION)
    throw new Error(
      `the default version ${recovery.VersionNumber ?? '?'} of launch template ${launchTemplateId} holds an earlier drill's settings (its restore never ran): make the version with the recovery settings the default again, then drill`,
    );
  const launch = drillLaunchChanges(drill, lc);
  if (launch.length === 0 && drillTemplateChanges(drill, recovery).length === 0) return undefined;
  if (recovery.VersionNumber === undefined)
    throw new Error(`launch template ${launchTemplateId} has no default version number`);
  const write: DrillWrite = {
    sourceServerId,
    ...(server.hostname ? { hostname: server.hostname } : {}),
    launchTemplateId,
    recoveryVersion: recovery.VersionNumber,
    launch: recoveryValuesOf(launch),
    recoveryData: recovery.LaunchTemplateData ?? {},
    changes: [],
  };
  opts.record(write);
  if (launch.length > 0) {
    await deps.drs.updateLaunchConfiguration(launchConfigurationUpdate(sourceServerId, launch));
    write.changes.push(...launch);
  }
  const source =
    launch.length > 0 ? await deps.ec2.describeDefaultLaunchTemplateVersion(launchTemplateId) : recovery;
  const template = drillTemplateChanges(drill, source);
  if (template.length > 0) {
    const change = { ...launchTemplateChange(template), drill: true as const };
    const sourceVersion = source.VersionNumber ?? write.recoveryVersion;
    const token = templateClientToken(
      `${opts.executionId}#drill`,
      sourceServerId,
      launchTemplateId,
      sourceVersion,
      change,
    );
    write.drillVersion = await deps.ec2.updateLaunchTemplate(launchTemplateId, sourceVersion, change, token);
    write.changes.push(...template);
  }
  opts.record(write);
  const left = [
    ...drillLaunchChanges(drill, await deps.drs.getLaunchConfiguration(sourceServerId)),
    ...drillTemplateChanges(drill, await deps.ec2.describeDefaultLaunchTemplateVersion(launchTemplateId)),
  ];
  if (left.length > 0)
    throw new Error(`after writing, the drill settings do not hold: ${describeLeft(left)}`);
  return write;
}

/**
 * Puts one server's recovery settings back: the DRS settings the drill changed first (DRS may write the
 * template when they change), then, when the default version's content differs from the recovery
 * version's, a new version with exactly that content, made the default; then reads both back. Returns
 * the version written, if one was. A DRS ConflictException (the server is in a job) is thrown as is:
 * the caller tries again later.
 */
export async function restoreRecoverySettings(
  deps: Gateways,
  write: Omit<DrillWrite, 'changes'>,
  opts: { executionId: string },
): Promise<{ templateVersion?: number }> {
  const { sourceServerId, launchTemplateId, recoveryVersion } = write;
  if (Object.keys(write.launch).length > 0) {
    const back = launchRestoreChanges(write.launch, await deps.drs.getLaunchConfiguration(sourceServerId));
    if (back.length > 0)
      await deps.drs.updateLaunchConfiguration(launchConfigurationUpdate(sourceServerId, back));
  }
  const current = await deps.ec2.describeDefaultLaunchTemplateVersion(launchTemplateId);
  const kept = await deps.ec2.describeLaunchTemplateVersion(launchTemplateId, recoveryVersion);
  const recovery = kept?.LaunchTemplateData ?? write.recoveryData;
  if (!recovery)
    throw new Error(
      `version ${recoveryVersion} of launch template ${launchTemplateId}, which held the recovery settings, no longer exists`,
    );
  let templateVersion: number | undefined;
  if (!sameTemplateData(current.LaunchTemplateData, recovery)) {
    const token = `drs-drill-${createHash('sha256')
      .update(
        JSON.stringify([
          opts.executionId,
          'restore',
          sourceServerId,
          launchTemplateId,
          recoveryVersion,
          current.VersionNumber ?? null,
        ]),
      )
      .digest('hex')}`;
    templateVersion = await deps.ec2.restoreLaunchTemplateVersion(launchTemplateId, recovery, {
      ...(kept ? { sourceVersion: recoveryVersion } : {}),
      clientToken: token,
    });
  }
  const launchLeft = launchRestoreChanges(
    write.launch,
    await deps.drs.getLaunchConfiguration(sourceServerId),
  );
  const after = await deps.ec2.describeDefaultLaunchTemplateVersion(launchTemplateId);
  if (launchLeft.length > 0 || !sameTemplateData(after.LaunchTemplateData, recovery)) {
    const what =
      launchLeft.length > 0
        ? describeLeft(launchLeft)
        : `the default version ${after.VersionNumber ?? '?'} differs from version ${recoveryVersion}`;
    throw new Error(`after restoring, the recovery settings do not hold: ${what}`);
  }
  return templateVersion !== undefined ? { templateVersion } : {};
}
