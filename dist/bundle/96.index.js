export const id = 96;
export const ids = [96,932];
export const modules = {

/***/ 57381:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   nL: () => (/* binding */ applyDrillSettings),
/* harmony export */   pr: () => (/* binding */ restoreRecoverySettings)
/* harmony export */ });
/* unused harmony exports drillLaunchChanges, instanceTagsOf, drillTemplateChanges, launchRestoreChanges, sameTemplateData */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _aws_gateways_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(66298);
/* harmony import */ var _launch_config_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(16778);
/* harmony import */ var _repair_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(11045);
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




/** DRS launch settings the drill needs: private IP off; right-sizing off so its instance type holds. Pure. */
function drillLaunchChanges(drill, lc) {
    const out = [];
    if (drill.copyPrivateIp === false && lc.copyPrivateIp !== false)
        out.push({ target: 'launch', field: 'copyPrivateIp', from: lc.copyPrivateIp ?? null, to: false });
    const rightSizing = lc.targetInstanceTypeRightSizingMethod;
    // DRS right-sizing would put its recommended type over the drill's (at its write, and at launch).
    if (drill.instanceType !== undefined && rightSizing !== undefined && rightSizing !== 'NONE')
        out.push({ target: 'launch', field: 'rightSizing', from: rightSizing, to: 'NONE' });
    return out;
}
/** The instance tags of a template version (its `instance` tag specification). */
function instanceTagsOf(version) {
    const spec = (version.LaunchTemplateData?.TagSpecifications ?? []).find((s) => s.ResourceType === 'instance');
    return Object.fromEntries((spec?.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}
/** Template fields the drill needs that `version` does not hold. Pure. */
function drillTemplateChanges(drill, version) {
    const desired = {
        ...(drill.subnetId !== undefined ? { subnetId: drill.subnetId } : {}),
        ...(drill.securityGroupIds !== undefined ? { securityGroupIds: drill.securityGroupIds } : {}),
        ...(drill.instanceType !== undefined ? { instanceType: drill.instanceType } : {}),
    };
    const out = [...(0,_launch_config_js__WEBPACK_IMPORTED_MODULE_3__/* .diffLaunchTemplate */ .$o)(desired, version)];
    if (drill.copyPrivateIp === false)
        out.push(...(0,_launch_config_js__WEBPACK_IMPORTED_MODULE_3__/* .diffPrivateIp */ .Qz)({ copyPrivateIp: false }, version));
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
function recoveryValuesOf(changes) {
    const out = {};
    for (const c of changes) {
        if (c.field === 'copyPrivateIp' && typeof c.from === 'boolean')
            out.copyPrivateIp = c.from;
        if (c.field === 'rightSizing' && typeof c.from === 'string')
            out.rightSizing = c.from;
    }
    return out;
}
/** DRS settings that differ from their recovery values, as changes back to them. Pure. */
function launchRestoreChanges(values, lc) {
    const out = [];
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
function canonical(value) {
    return JSON.stringify(value, (_key, v) => v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v);
}
/** Whether two versions' data are the same content. Pure. */
function sameTemplateData(a, b) {
    return canonical(a ?? {}) === canonical(b ?? {});
}
function describeLeft(changes) {
    return changes.map((c) => `${c.target}.${c.field} is ${JSON.stringify(c.from)}`).join('; ');
}
/**
 * Writes one server's drill settings: DRS's launch settings first (they may write a template version
 * themselves), then a version made from the default DRS left, made the default; then reads both back.
 * `record` is called before the first write and again after each, so the post step always knows what
 * to restore. Returns undefined when the recovery settings already are the drill settings.
 */
async function applyDrillSettings(deps, server, opts) {
    const { sourceServerId, drill } = server;
    const lc = await deps.drs.getLaunchConfiguration(sourceServerId);
    const launchTemplateId = lc.ec2LaunchTemplateID;
    if (!launchTemplateId)
        throw new Error('its launch configuration has no EC2 launch template');
    const recovery = await deps.ec2.describeDefaultLaunchTemplateVersion(launchTemplateId);
    if (recovery.VersionDescription === _aws_gateways_js__WEBPACK_IMPORTED_MODULE_1__/* .DRILL_VERSION_DESCRIPTION */ .c)
        throw new Error(`the default version ${recovery.VersionNumber ?? '?'} of launch template ${launchTemplateId} holds an earlier drill's settings (its restore never ran): make the version with the recovery settings the default again, then drill`);
    const launch = drillLaunchChanges(drill, lc);
    if (launch.length === 0 && drillTemplateChanges(drill, recovery).length === 0)
        return undefined;
    if (recovery.VersionNumber === undefined)
        throw new Error(`launch template ${launchTemplateId} has no default version number`);
    const write = {
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
        await deps.drs.updateLaunchConfiguration((0,_repair_js__WEBPACK_IMPORTED_MODULE_2__/* .launchConfigurationUpdate */ .jD)(sourceServerId, launch));
        write.changes.push(...launch);
    }
    const source = launch.length > 0 ? await deps.ec2.describeDefaultLaunchTemplateVersion(launchTemplateId) : recovery;
    const template = drillTemplateChanges(drill, source);
    if (template.length > 0) {
        const change = { ...(0,_repair_js__WEBPACK_IMPORTED_MODULE_2__/* .launchTemplateChange */ .O0)(template), drill: true };
        const sourceVersion = source.VersionNumber ?? write.recoveryVersion;
        const token = (0,_repair_js__WEBPACK_IMPORTED_MODULE_2__/* .templateClientToken */ .BG)(`${opts.executionId}#drill`, sourceServerId, launchTemplateId, sourceVersion, change);
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
async function restoreRecoverySettings(deps, write, opts) {
    const { sourceServerId, launchTemplateId, recoveryVersion } = write;
    if (Object.keys(write.launch).length > 0) {
        const back = launchRestoreChanges(write.launch, await deps.drs.getLaunchConfiguration(sourceServerId));
        if (back.length > 0)
            await deps.drs.updateLaunchConfiguration((0,_repair_js__WEBPACK_IMPORTED_MODULE_2__/* .launchConfigurationUpdate */ .jD)(sourceServerId, back));
    }
    const current = await deps.ec2.describeDefaultLaunchTemplateVersion(launchTemplateId);
    const kept = await deps.ec2.describeLaunchTemplateVersion(launchTemplateId, recoveryVersion);
    const recovery = kept?.LaunchTemplateData ?? write.recoveryData;
    if (!recovery)
        throw new Error(`version ${recoveryVersion} of launch template ${launchTemplateId}, which held the recovery settings, no longer exists`);
    let templateVersion;
    if (!sameTemplateData(current.LaunchTemplateData, recovery)) {
        const token = `drs-drill-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
            .update(JSON.stringify([
            opts.executionId,
            'restore',
            sourceServerId,
            launchTemplateId,
            recoveryVersion,
            current.VersionNumber ?? null,
        ]))
            .digest('hex')}`;
        templateVersion = await deps.ec2.restoreLaunchTemplateVersion(launchTemplateId, recovery, {
            ...(kept ? { sourceVersion: recoveryVersion } : {}),
            clientToken: token,
        });
    }
    const launchLeft = launchRestoreChanges(write.launch, await deps.drs.getLaunchConfiguration(sourceServerId));
    const after = await deps.ec2.describeDefaultLaunchTemplateVersion(launchTemplateId);
    if (launchLeft.length > 0 || !sameTemplateData(after.LaunchTemplateData, recovery)) {
        const what = launchLeft.length > 0
            ? describeLeft(launchLeft)
            : `the default version ${after.VersionNumber ?? '?'} differs from version ${recoveryVersion}`;
        throw new Error(`after restoring, the recovery settings do not hold: ${what}`);
    }
    return templateVersion !== undefined ? { templateVersion } : {};
}


/***/ }),

/***/ 11045:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BG: () => (/* binding */ templateClientToken),
/* harmony export */   GQ: () => (/* binding */ repairLaunchConfigurations),
/* harmony export */   O0: () => (/* binding */ launchTemplateChange),
/* harmony export */   fD: () => (/* binding */ LaunchConfigRepairError),
/* harmony export */   jD: () => (/* binding */ launchConfigurationUpdate)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var p_limit__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(70370);
/* harmony import */ var _aws_retrying_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(32355);
/* harmony import */ var _deadline_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7964);
/* harmony import */ var _launch_actions_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(84033);
/* harmony import */ var _launch_config_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(16778);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3171);
/**
 * Launch-configuration repair: writes only the drift, in the order DRS writes (its settings first, then
 * the template from the default as DRS left it), and reads both back (verify-after-write).
 */







/** The UpdateLaunchConfiguration request carrying just the drifted fields. */
function launchConfigurationUpdate(sourceServerId, changes) {
    const update = { sourceServerID: sourceServerId };
    for (const c of changes) {
        if (c.target !== 'launch')
            continue;
        if (c.field === 'copyPrivateIp')
            update.copyPrivateIp = c.to;
        else if (c.field === 'copyTags')
            update.copyTags = c.to;
        else if (c.field === 'launchDisposition')
            update.launchDisposition = c.to;
        else if (c.field === 'rightSizing')
            update.targetInstanceTypeRightSizingMethod = c.to;
        else if (c.field === 'osByol')
            update.licensing = { osByol: c.to };
        else if (c.field === 'postLaunchEnabled')
            update.postLaunchEnabled = c.to;
    }
    return update;
}
/** The launch-template change carrying just the drifted fields. */
function launchTemplateChange(changes) {
    const change = {};
    for (const c of changes) {
        if (c.target !== 'template')
            continue;
        if (c.field === 'subnetId')
            change.subnetId = c.to;
        else if (c.field === 'securityGroupIds')
            change.securityGroupIds = c.to;
        else if (c.field === 'instanceType')
            change.instanceType = c.to;
        else if (c.field === 'instanceProfile')
            change.instanceProfile = c.to;
        else if (c.field === 'privateIp')
            change.clearPrivateIp = true;
        else if (c.field === 'tags')
            change.instanceTags = c.to;
    }
    return change;
}
/**
 * The same execution, server, template version and change always give the same token, so a re-run of a
 * run that lost CreateLaunchTemplateVersion's answer gets the version already made, not a second one.
 * The source version is part of it: EC2 rejects a reused token whose parameters differ.
 */
function templateClientToken(executionId, sourceServerId, launchTemplateId, sourceVersion, change) {
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
    return `drs-drill-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(canonical).digest('hex')}`;
}
/** Some writes failed; `changes` still lists every change made or attempted before the failure. */
class LaunchConfigRepairError extends Error {
    changes;
    failures;
    name = 'LaunchConfigRepairError';
    constructor(message, changes, failures) {
        super(message);
        this.changes = changes;
        this.failures = failures;
    }
}
function record(drift, changes, applied, version) {
    return changes.map((c) => ({
        sourceServerId: drift.sourceServerId,
        target: c.target,
        field: c.field,
        from: c.from,
        to: c.to,
        applied,
        ...(version !== undefined ? { templateVersion: version } : {}),
    }));
}
/** Whether anything of the template is worth reading back: the plan speaks about it, or it was written. */
function templateMatters(desired, written) {
    return written || Object.keys(desired.template).length > 0 || desired.launch.copyPrivateIp === false;
}
function describeLeft(changes) {
    return changes
        .map((c) => `${c.target}.${c.field} is ${JSON.stringify(c.from)}, the plan wants ${JSON.stringify(c.to)}`)
        .join('; ');
}
/**
 * The template's part of a repair: from the default version as DRS left it (read again when DRS's
 * settings were just written), our version with what still differs. Returns whether it wrote.
 */
async function repairTemplate(deps, drift, launchTemplateId, afterDrsWrite, opts, out) {
    const source = afterDrsWrite || drift.templateVersion === undefined
        ? await deps.ec2.describeDefaultLaunchTemplateVersion(launchTemplateId)
        : undefined;
    const sourceVersion = source?.VersionNumber ?? drift.templateVersion;
    const template = source
        ? [...(0,_launch_config_js__WEBPACK_IMPORTED_MODULE_5__/* .diffLaunchTemplate */ .$o)(drift.desired.template, source), ...(0,_launch_config_js__WEBPACK_IMPORTED_MODULE_5__/* .diffPrivateIp */ .Qz)(drift.desired.launch, source)]
        : drift.changes.filter((c) => c.target === 'template');
    if (template.length === 0)
        return false;
    if (sourceVersion === undefined)
        throw new Error(`launch template ${launchTemplateId} has no default version number`);
    const change = launchTemplateChange(template);
    const token = templateClientToken(opts.executionId, drift.sourceServerId, launchTemplateId, sourceVersion, change);
    const version = await deps.ec2.updateLaunchTemplate(launchTemplateId, sourceVersion, change, token);
    out.push(...record(drift, template, true, version));
    return true;
}
/**
 * Puts the plan's post-launch actions that differ, deletes ours the plan dropped (never anyone else's:
 * launch-actions.ts), then lists again: what still differs is a failed repair.
 */
async function syncLaunchActions(drs, drift, out) {
    const changes = drift.launchActions ?? [];
    if (changes.length === 0)
        return;
    const id = drift.sourceServerId;
    for (const c of changes) {
        if (c.kind === 'put' && c.action)
            await drs.putLaunchAction(id, c.action);
        else
            await drs.deleteLaunchAction(id, c.actionId);
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
    const left = (0,_launch_actions_js__WEBPACK_IMPORTED_MODULE_3__/* .diffLaunchActions */ .kN)(wanted, after).filter((c) => c.kind === 'put' || changes.some((x) => x.kind === 'delete' && x.actionId === c.actionId));
    if (left.length > 0)
        throw new Error(`after writing, post-launch action(s) ${left.map((c) => c.name).join(', ')} still differ from the plan`);
}
/**
 * Repairs one server in the order DRS writes: the DRS launch settings first (UpdateLaunchConfiguration
 * may itself write a template version: right-sizing and copy-private-IP live in the template), then the
 * template's default version read again and our version made from it, then both read back and
 * compared with the plan (verify-after-write). A difference left is a failed repair.
 */
async function repairOne(deps, drift, opts, out) {
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
    const written = (launch.length > 0 || planned.length > 0) &&
        (await repairTemplate(deps, drift, launchTemplateId, launch.length > 0, opts, out));
    await syncLaunchActions(deps.drs, drift, out);
    const launchConfig = await deps.drs.getLaunchConfiguration(drift.sourceServerId);
    const template = templateMatters(drift.desired, written)
        ? await deps.ec2.describeDefaultLaunchTemplateVersion(launchConfig.ec2LaunchTemplateID ?? launchTemplateId)
        : undefined;
    const left = (0,_launch_config_js__WEBPACK_IMPORTED_MODULE_5__/* .diffAll */ .lu)(drift.desired, launchConfig, template);
    if (left.length > 0) {
        throw new Error(`after writing, the launch settings still differ from the plan: ${describeLeft(left)} ` +
            '(DRS may rewrite the launch template when its own settings change, e.g. right-sizing sets the instance type)');
    }
}
/**
 * Writes the drift (nothing when there is none; nothing at all in a dry run) and lists every change for
 * the report. All servers are attempted; if any write failed, throws LaunchConfigRepairError after.
 */
async function repairLaunchConfigurations(gateways, drift, opts) {
    // Past the run's deadline, or once it is cancelled, nothing more is written: every call passes this
    // checkpoint first, and a server not started fails with the reason.
    const clock = gateways.clock;
    const checkpoint = (0,_deadline_js__WEBPACK_IMPORTED_MODULE_2__/* .phaseCheckpoint */ .ef)(clock ?? _types_js__WEBPACK_IMPORTED_MODULE_4__/* .systemClock */ .m, opts, 'the launch configuration repair');
    // Every call here is a read or an idempotent write (the template's client token): retried through
    // throttling and 5xx on the run's clock.
    const retrying = clock && { sleep: (ms) => clock.sleep(ms, opts.signal), checkpoint };
    const deps = retrying
        ? { drs: (0,_aws_retrying_js__WEBPACK_IMPORTED_MODULE_1__/* .retryingDrs */ .o)(gateways.drs, retrying), ec2: (0,_aws_retrying_js__WEBPACK_IMPORTED_MODULE_1__/* .retryingEc2 */ .N)(gateways.ec2, retrying) }
        : gateways;
    const limit = (0,p_limit__WEBPACK_IMPORTED_MODULE_6__/* ["default"] */ .A)(opts.concurrency ?? 10);
    const changes = drift.map(() => []);
    const failures = [];
    await Promise.all(drift.map((d, i) => limit(async () => {
        try {
            checkpoint();
            await repairOne(deps, d, opts, changes[i]);
        }
        catch (error) {
            failures.push({ sourceServerId: d.sourceServerId, error });
        }
    })));
    const all = changes.flat();
    if (failures.length > 0) {
        const detail = failures
            .map((f) => `${f.sourceServerId}: ${f.error instanceof Error ? f.error.message : String(f.error)}`)
            .join('; ');
        throw new LaunchConfigRepairError(`Could not repair the launch configuration of ${detail}`, all, failures);
    }
    return all;
}


/***/ }),

/***/ 74932:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readPostState: () => (/* binding */ readPostState),
/* harmony export */   z: () => (/* binding */ writePostState)
/* harmony export */ });
/* unused harmony export POST_STATE_KEY */
const RIGHT_SIZING = ['NONE', 'BASIC', 'IN_AWS'];
/** The saved list, each entry checked; anything malformed is dropped. */
function pendingRestores(value) {
    if (!Array.isArray(value))
        return [];
    return value.flatMap((x) => {
        const r = x;
        if (!r || typeof r.sourceServerId !== 'string' || typeof r.launchTemplateId !== 'string')
            return [];
        if (typeof r.recoveryVersion !== 'number' || !Number.isInteger(r.recoveryVersion))
            return [];
        const launch = (r.launch ?? {});
        return [
            {
                sourceServerId: r.sourceServerId,
                launchTemplateId: r.launchTemplateId,
                recoveryVersion: r.recoveryVersion,
                launch: {
                    ...(typeof launch.copyPrivateIp === 'boolean' ? { copyPrivateIp: launch.copyPrivateIp } : {}),
                    ...(RIGHT_SIZING.includes(String(launch.rightSizing))
                        ? { rightSizing: launch.rightSizing }
                        : {}),
                },
            },
        ];
    });
}
/** The one state key the record lives under. */
const POST_STATE_KEY = 'drs-run';
function writePostState(save, state) {
    save(POST_STATE_KEY, JSON.stringify(state));
}
const POLICIES = ['always', 'on-success', 'never'];
const STATUSES = ['succeeded', 'failed', 'cancelled', 'timed-out'];
/** The record the main step saved, or undefined when it saved none (or something unreadable). */
function readPostState(get) {
    let parsed;
    try {
        parsed = JSON.parse(get(POST_STATE_KEY) || 'null');
    }
    catch {
        return undefined;
    }
    if (typeof parsed !== 'object' || parsed === null)
        return undefined;
    const s = parsed;
    const text = (v) => (typeof v === 'string' ? v : '');
    if (s.mode !== 'drill' && s.mode !== 'recovery')
        return undefined;
    return {
        finished: s.finished === true,
        mode: s.mode,
        executionId: text(s.executionId),
        region: text(s.region),
        cleanup: POLICIES.includes(text(s.cleanup)) ? s.cleanup : 'always',
        planName: text(s.planName),
        jobIds: Array.isArray(s.jobIds)
            ? s.jobIds.filter((x) => typeof x === 'string' && x !== '')
            : [],
        ...(STATUSES.includes(text(s.status)) ? { status: s.status } : {}),
        ...(Array.isArray(s.wavesRemaining) && s.wavesRemaining.length > 0
            ? { wavesRemaining: s.wavesRemaining.filter((x) => typeof x === 'string') }
            : {}),
        ...(Array.isArray(s.restore) ? { restore: pendingRestores(s.restore) } : {}),
    };
}


/***/ })

};
