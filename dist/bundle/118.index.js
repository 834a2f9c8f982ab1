export const id = 118;
export const ids = [118];
export const modules = {

/***/ 32355:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ retryingEc2),
/* harmony export */   o: () => (/* binding */ retryingDrs)
/* harmony export */ });
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22495);

/** Calls that may be repeated without harm: reads, UpdateLaunchConfiguration, token-guarded template writes, tags. */
const DRS_IDEMPOTENT = [
    'describeAllSourceServers',
    'describeJobs',
    'describeJobsSince',
    'describeJobLogItems',
    'describeRecoveryInstances',
    'describeRecoverySnapshots',
    'getLaunchConfiguration',
    'updateLaunchConfiguration',
    'tagResource',
    'listLaunchActions',
    'putLaunchAction',
    'deleteLaunchAction',
];
const EC2_IDEMPOTENT = [
    'describeInstances',
    'describeInstanceStatus',
    'createTags',
    'describeDefaultLaunchTemplateVersion',
    'describeDefaultVersionsOf',
    'updateLaunchTemplate',
    'describeLaunchTemplateVersion',
    'restoreLaunchTemplateVersion',
    'describeSubnets',
    'describeSecurityGroups',
];
function wrap(gateway, names, opts) {
    const retried = new Map();
    for (const name of names) {
        const original = gateway[name];
        if (typeof original !== 'function')
            continue;
        retried.set(name, (...args) => (0,_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .unlessAborted */ .Wh)((0,_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .withRetry */ .bD)(() => {
            opts.checkpoint?.();
            return original.apply(gateway, args);
        }, {
            isRetryable: (e) => (0,_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .isTransient */ .dg)(e) || (0,_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .isThrottling */ .E2)(e),
            maxAttempts: opts.maxAttempts ?? 8,
            baseMs: 1000,
            maxMs: 20_000,
            sleep: opts.sleep,
            ...(opts.random ? { random: opts.random } : {}),
            onRetry: (e, attempt) => opts.onRetry?.(name, e, attempt),
        }), opts.stop, () => {
            opts.checkpoint?.();
            throw opts.stop?.reason;
        }));
    }
    // Everything else (serverTime, the non-idempotent writes) reaches the gateway itself, bound to it.
    return new Proxy(gateway, {
        get(target, prop, receiver) {
            const own = retried.get(prop);
            if (own)
                return own;
            const value = Reflect.get(target, prop, receiver);
            return typeof value === 'function' ? value.bind(target) : value;
        },
    });
}
function retryingDrs(drs, opts) {
    return wrap(drs, DRS_IDEMPOTENT, opts);
}
function retryingEc2(ec2, opts) {
    return wrap(ec2, EC2_IDEMPOTENT, opts);
}


/***/ }),

/***/ 84033:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kN: () => (/* binding */ diffLaunchActions),
/* harmony export */   rP: () => (/* binding */ desiredLaunchActions)
/* harmony export */ });
/* unused harmony exports MANAGED_MARKER, isManaged, managedActionId, describeAction, foreignActions */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/**
 * DRS post-launch actions the plan wants, against what a server holds. Pure. Ours carry a marker at
 * the start of their description (and an actionId derived from the server and the action's name), so
 * an action someone added by hand — in the console or another tool — is never changed or removed.
 */

/** Starts the description of every action this tool puts on a server. */
const MANAGED_MARKER = 'Managed by drs-drill-action:';
/** Written by us: our marker starts its description. */
function isManaged(action) {
    return (action.description ?? '').startsWith(MANAGED_MARKER);
}
/** A UUID (the form DRS requires) fixed by the server and the action's name: a re-sync replaces, never adds. */
function managedActionId(sourceServerId, name) {
    const h = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(`drs-drill-action\0${sourceServerId}\0${name}`).digest('hex');
    // Version 5-style layout: version nibble 5, variant bits 10.
    const variant = ((Number.parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
function desiredLaunchActions(sourceServerId, actions) {
    return actions.map((a) => ({
        actionId: managedActionId(sourceServerId, a.name),
        actionCode: a.action,
        name: a.name,
        order: a.order,
        optional: a.optional,
        category: a.category,
        description: a.description ? `${MANAGED_MARKER} ${a.description}` : MANAGED_MARKER,
        parameters: { ...a.parameters },
    }));
}
/** What the report shows of an action: its document, parameters and how it counts. */
function describeAction(a) {
    const params = Object.entries(a.parameters ?? {}).map(([k, v]) => {
        const value = typeof v === 'string' ? v : (v?.value ?? '');
        return `${k}=${value}`;
    });
    const how = [a.optional ? 'optional' : 'required', `order ${a.order ?? '?'}`, a.category ?? 'OTHER'];
    return `${a.actionCode ?? '?'}${params.length ? ` (${params.join(', ')})` : ''} [${how.join(', ')}]`;
}
function sameAction(want, have) {
    const params = Object.fromEntries(Object.entries(have.parameters ?? {}).map(([k, p]) => [k, p.value ?? '']));
    const wantKeys = Object.keys(want.parameters).sort();
    return (have.actionCode === want.actionCode &&
        have.name === want.name &&
        have.order === want.order &&
        (have.optional ?? false) === want.optional &&
        have.category === want.category &&
        have.description === want.description &&
        have.active !== false &&
        JSON.stringify(wantKeys) === JSON.stringify(Object.keys(params).sort()) &&
        wantKeys.every((k) => params[k] === want.parameters[k]));
}
/** The writes that bring `actual` to the plan: changed or missing actions put, ours the plan dropped deleted. */
function diffLaunchActions(desired, actual) {
    const byId = new Map(actual.flatMap((a) => (a.actionId ? [[a.actionId, a]] : [])));
    const changes = [];
    for (const want of desired) {
        const have = byId.get(want.actionId);
        if (have && sameAction(want, have))
            continue;
        changes.push({
            kind: 'put',
            name: want.name,
            actionId: want.actionId,
            action: want,
            from: have ? describeAction(have) : null,
            to: describeAction(want),
        });
    }
    const wanted = new Set(desired.map((d) => d.actionId));
    for (const have of actual) {
        if (!isManaged(have) || !have.actionId || wanted.has(have.actionId))
            continue;
        changes.push({
            kind: 'delete',
            name: have.name ?? have.actionId,
            actionId: have.actionId,
            from: describeAction(have),
            to: null,
        });
    }
    return changes;
}
/** Actions someone else put on the server that run beside ours (worth a line in the report). */
function foreignActions(actual) {
    return actual.filter((a) => !isManaged(a));
}


/***/ }),

/***/ 16778:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $o: () => (/* binding */ diffLaunchTemplate),
/* harmony export */   Jh: () => (/* binding */ templateSubnetId),
/* harmony export */   Qz: () => (/* binding */ diffPrivateIp),
/* harmony export */   eP: () => (/* binding */ templateSecurityGroupIds),
/* harmony export */   lu: () => (/* binding */ diffAll)
/* harmony export */ });
/* unused harmony exports primaryInterface, instanceProfileName, diffLaunchConfiguration, templatePrivateIp */
/** The primary network interface of a template version: DeviceIndex 0 on card 0, else the first. */
function primaryInterface(version) {
    const interfaces = version.LaunchTemplateData?.NetworkInterfaces ?? [];
    return (interfaces.find((ni) => (ni.DeviceIndex ?? 0) === 0 && (ni.NetworkCardIndex ?? 0) === 0) ?? interfaces[0]);
}

/** The subnet a template version launches into (primary interface). */
function templateSubnetId(version) {
    return primaryInterface(version)?.SubnetId;
}
/** The security groups of a template version: on the primary interface, else at instance level. */
function templateSecurityGroupIds(version) {
    return primaryInterface(version)?.Groups ?? version.LaunchTemplateData?.SecurityGroupIds;
}
/** `arn:aws:iam::123456789012:instance-profile/path/name` → `name`; a plain name stays as it is. */
function instanceProfileName(nameOrArn) {
    if (!nameOrArn.startsWith('arn:'))
        return nameOrArn;
    const resource = nameOrArn.split(':').slice(5).join(':');
    return resource.split('/').pop() ?? resource;
}
function sameSet(a, b) {
    const left = new Set(a ?? []);
    const right = new Set(b);
    return left.size === right.size && [...left].every((x) => right.has(x));
}
/** Drifted DRS launch-configuration fields; only the fields the plan sets are compared. */
function diffLaunchConfiguration(desired, actual) {
    const pairs = [
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
function diffLaunchTemplate(desired, actual) {
    const changes = [];
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
function templatePrivateIp(version) {
    const ni = primaryInterface(version);
    const listed = (ni?.PrivateIpAddresses ?? []).flatMap((a) => a.PrivateIpAddress ? [a.PrivateIpAddress] : []);
    return ni?.PrivateIpAddress ?? (listed.length > 0 ? listed.join(', ') : undefined);
}
/**
 * A plan that turns DRS's "copy private IP" off must not launch with the address the template still
 * pins (DRS writes the copied address into the template, and may not take it out again): the address
 * of the source server could clash with the source network. Only when the plan says copyPrivateIp:
 * false; a template address the plan does not speak about is left alone.
 */
function diffPrivateIp(desired, actual) {
    if (desired.copyPrivateIp !== false)
        return [];
    const ip = templatePrivateIp(actual);
    return ip === undefined ? [] : [{ target: 'template', field: 'privateIp', from: ip, to: null }];
}
/** Every difference between the plan and what DRS and the template hold now. */
function diffAll(desired, launchConfig, template) {
    const postLaunch = desired.postLaunchEnabled && launchConfig.postLaunchEnabled !== true
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


/***/ }),

/***/ 29118:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  TX: () => (/* binding */ checkDeferredWave),
  hg: () => (/* binding */ runPreflight)
});

// UNUSED EXPORTS: replicationFindings

// EXTERNAL MODULE: ./src/aws/retrying.ts
var retrying = __webpack_require__(32355);
// EXTERNAL MODULE: ./src/engine/deadline.ts
var deadline = __webpack_require__(7964);
// EXTERNAL MODULE: ./src/engine/instances.ts
var instances = __webpack_require__(86122);
;// CONCATENATED MODULE: ./src/engine/leave-out.ts
/** The server, named once, for the start of a message. */
function serverWho(rs) {
    return `Source server ${rs.sourceServerId}${rs.hostname ? ` (${rs.hostname})` : ''}`;
}
/** A finding about one server, attributed to it, its wave and its plan line. */
function attribute(rs, wave, x) {
    return {
        sourceServerId: rs.sourceServerId,
        ...(rs.hostname ? { hostname: rs.hostname } : {}),
        wave,
        position: rs.spec.position,
        message: `${serverWho(rs)}: ${x.message}`,
        ...(x.fix ? { fix: x.fix } : {}),
    };
}
/**
 * A non-critical server's preflight errors as one warning (the server named once) and its exclusion
 * record. In validate mode the warning says what a drill would do.
 */
function leaveOut(rs, wave, errors, mode) {
    const reasons = errors.map((e) => e.message).join('; ');
    const fixes = [...new Set(errors.flatMap((e) => (e.fix ? [e.fix] : [])))].join('; ');
    const what = mode === 'validate' ? 'a drill would leave it out (non-critical)' : 'left out of this run (non-critical)';
    return {
        warning: attribute(rs, wave, { message: `${what}: ${reasons}`, ...(fixes ? { fix: fixes } : {}) }),
        excluded: {
            sourceServerId: rs.sourceServerId,
            ...(rs.hostname ? { hostname: rs.hostname } : {}),
            wave,
            reason: `non-critical, failed preflight: ${reasons}`,
        },
    };
}
/** The execution plan without the given servers (their waves stay, possibly empty). */
function withoutServers(executionPlan, ids) {
    if (ids.size === 0)
        return executionPlan;
    return {
        ...executionPlan,
        waves: executionPlan.waves.map((w) => ({
            wave: w.wave,
            servers: w.servers.filter((rs) => !ids.has(rs.sourceServerId)),
        })),
    };
}
/** Nothing left to run is not a drill: a run whose every server was left out is refused. */
function nothingToRun(executionPlan, excluded) {
    if (executionPlan.waves.some((w) => w.servers.length > 0))
        return undefined;
    if (excluded === 0)
        return undefined;
    return {
        message: `Every server of the plan was left out of this run (${excluded}): there is nothing to recover`,
        fix: 'Fix the servers named in the warnings above, or shorten the input exclude',
    };
}

// EXTERNAL MODULE: ./src/core/durations.ts + 1 modules
var durations = __webpack_require__(10119);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/engine/point-in-time.ts


/** When the snapshot's data is from: its timestamp, else the time it was scheduled for. */
function snapshotTime(s) {
    return (0,durations/* parseInstant */.nV)(s.timestamp ?? s.expectedTimestamp);
}
/** The newest snapshot taken at or before `atMs` (whatever order DRS listed them in). */
function latestAtOrBefore(snapshots, atMs) {
    let best;
    for (const s of snapshots) {
        const t = snapshotTime(s);
        if (t === undefined || t > atMs || !s.snapshotID)
            continue;
        if (!best || t > best.t)
            best = { s, t };
    }
    return best?.s;
}
function chosen(s) {
    return { id: s.snapshotID ?? '', at: (0,durations/* toUtcIso */.dT)(s.timestamp ?? s.expectedTimestamp) ?? '' };
}
/** The snapshot a server launches from under point-in-time, or why it cannot. */
function choosePointInTimeSnapshot(input) {
    const { pointInTime, pinned } = input;
    if (input.error !== undefined)
        return {
            finding: { level: 'error', message: `could not list recovery snapshots: ${(0,errors/* errorMessage */.gJ)(input.error)}` },
        };
    const all = input.snapshots ?? [];
    const atMs = Date.parse(pointInTime);
    if (pinned) {
        const pin = all.find((s) => s.snapshotID === pinned);
        // A missing pin is reported by the pin's own check.
        if (!pin)
            return undefined;
        if ((snapshotTime(pin) ?? Number.POSITIVE_INFINITY) <= atMs)
            return { snapshot: chosen(pin) };
        return {
            finding: {
                level: 'error',
                message: `pinned snapshot ${pinned} (taken ${chosen(pin).at || 'at an unknown time'}) is after the point in time ${pointInTime}`,
                fix: 'Remove the snapshot pin to launch from the latest snapshot before the point in time, or pin an earlier one',
            },
        };
    }
    const best = latestAtOrBefore(all, atMs);
    if (best)
        return { snapshot: chosen(best) };
    const times = all.map(snapshotTime).filter((t) => t !== undefined);
    const oldest = times.length > 0 ? new Date(Math.min(...times)).toISOString() : undefined;
    return {
        finding: {
            level: 'error',
            message: `has no recovery snapshot taken at or before the point in time ${pointInTime}${oldest ? ` (its oldest is from ${oldest})` : ' (DRS lists none)'}`,
            fix: 'Pick a later point-in-time: DRS keeps point-in-time snapshots only for its retention period',
        },
    };
}
/** A point in time after AWS's now asks for data that does not exist yet. */
function futurePointInTime(pointInTime, awsNowMs) {
    if (!pointInTime || Date.parse(pointInTime) <= awsNowMs)
        return undefined;
    return {
        message: `input point-in-time ${pointInTime} is in the future (AWS's clock reads ${new Date(awsNowMs).toISOString()})`,
        fix: 'Give the last moment whose data you want back, in the past',
    };
}
/** The execution plan with the point-in-time snapshot each server launches from. */
function withSnapshots(executionPlan, chosen) {
    if (chosen.size === 0)
        return executionPlan;
    const waves = executionPlan.waves.map((w) => ({
        wave: w.wave,
        servers: w.servers.map((rs) => {
            const snapshot = chosen.get(rs.sourceServerId);
            return snapshot ? { ...rs, recoverySnapshot: snapshot } : rs;
        }),
    }));
    return { ...executionPlan, waves };
}

// EXTERNAL MODULE: ./src/engine/poller.ts
var poller = __webpack_require__(74694);
// EXTERNAL MODULE: ./src/core/tags.ts
var tags = __webpack_require__(52766);
;// CONCATENATED MODULE: ./src/engine/preflight-jobs.ts


function activeJobsOf(jobs) {
    const active = jobs.filter((j) => j.status !== 'COMPLETED');
    const jobOfServer = new Map();
    let servers = 0;
    for (const job of active) {
        for (const p of job.participatingServers ?? []) {
            servers += 1;
            if (p.sourceServerID)
                jobOfServer.set(p.sourceServerID, job);
        }
    }
    return { active, jobOfServer, servers };
}
/** The existing recovery instances could not be read: a drill then cannot rule out a live failover. */
function existingUnreadable(error) {
    return {
        message: `Could not read the servers' existing recovery instances: ${(0,errors/* errorMessage */.gJ)(error)}`,
        fix: 'Grant drs:DescribeRecoveryInstances (with ec2:DescribeInstances): without it a drill cannot rule out deleting a live failover',
    };
}
/** The recent jobs seen from this run: its own (an earlier attempt's), and the others that are active. */
function jobsOfRun(recentJobs, executionId) {
    const isOwn = (j) => executionId !== undefined && j.tags?.[tags/* TAG */.Dk.executionId] === executionId;
    const ownActiveJobIds = recentJobs
        .filter((j) => j.status !== 'COMPLETED' && isOwn(j))
        .map((j) => j.jobID ?? '');
    return { isOwn, ownActiveJobIds, others: activeJobsOf(recentJobs.filter((j) => !isOwn(j))) };
}

// EXTERNAL MODULE: ./src/engine/launch-config.ts
var launch_config = __webpack_require__(16778);
// EXTERNAL MODULE: ./src/aws/launch-template.ts
var launch_template = __webpack_require__(22369);
// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(70370);
;// CONCATENATED MODULE: ./src/engine/network.ts
/** Network checks of preflight: subnet and security-group lookups, and IPv4 CIDR arithmetic for `copyPrivateIp`. */


/** The address as an unsigned 32-bit number, or undefined when it is not a dotted-quad IPv4 address. */
function parseIpv4(address) {
    const parts = address.trim().split('.');
    if (parts.length !== 4)
        return undefined;
    let value = 0;
    for (const part of parts) {
        if (!/^\d{1,3}$/.test(part))
            return undefined;
        const octet = Number(part);
        if (octet > 255)
            return undefined;
        value = value * 256 + octet;
    }
    return value;
}
/** `10.0.1.0/24` → network and prefix; undefined when malformed. Host bits set in the input are cleared. */
function parseIpv4Cidr(cidr) {
    const [address, prefix, extra] = cidr.trim().split('/');
    if (address === undefined || prefix === undefined || extra !== undefined || !/^\d{1,2}$/.test(prefix)) {
        return undefined;
    }
    const prefixLength = Number(prefix);
    const ip = parseIpv4(address);
    if (ip === undefined || prefixLength > 32)
        return undefined;
    return { network: ip - (ip % blockSize(prefixLength)), prefixLength };
}
/** Number of addresses in a block of this prefix length (2^(32-prefix)); plain arithmetic avoids signed 32-bit shifts. */
function blockSize(prefixLength) {
    return 2 ** (32 - prefixLength);
}
/** Whether `address` lies inside `cidr`. False for malformed input of either kind. */
function ipv4InCidr(address, cidr) {
    const ip = parseIpv4(address);
    const block = parseIpv4Cidr(cidr);
    if (ip === undefined || block === undefined)
        return false;
    return ip >= block.network && ip < block.network + blockSize(block.prefixLength);
}
function isIpv4(address) {
    return parseIpv4(address) !== undefined;
}
/** The source server's primary IPv4 address (sourceProperties.networkInterfaces[isPrimary].ips). */
function primarySourceIp(server) {
    const nics = server.sourceProperties?.networkInterfaces ?? [];
    const nic = nics.find((n) => n.isPrimary) ?? nics[0];
    return nic?.ips?.find(isIpv4);
}
/**
 * Looks ids up in one call; when EC2 refuses the batch (one unknown id fails the whole call), asks per id
 * (at most `concurrency` at once) so that each unusable id is named with EC2's reason.
 */
async function lookupIds(ids, fetch, idOf, concurrency = 10) {
    const found = new Map();
    const missing = new Map();
    if (ids.length === 0)
        return { found, missing };
    const take = (items) => {
        for (const item of items) {
            const id = idOf(item);
            if (id)
                found.set(id, item);
        }
    };
    try {
        take(await fetch(ids));
    }
    catch {
        const limit = (0,p_limit/* default */.A)(concurrency);
        await Promise.all(ids.map((id) => limit(() => fetch([id]).then(take, (e) => void missing.set(id, (0,errors/* errorMessage */.gJ)(e))))));
    }
    for (const id of ids)
        if (!found.has(id) && !missing.has(id))
            missing.set(id, 'not found');
    return { found, missing };
}
/**
 * Will a launch into `subnetId` with these groups work: the subnet exists, every group exists and is in
 * the subnet's VPC, and with copyPrivateIp the source's primary IP lies inside the subnet's CIDR.
 */
function networkFindings(target, net) {
    const { subnetId } = target;
    const subnet = net.subnets.found.get(subnetId);
    if (!subnet) {
        return [
            {
                level: 'error',
                message: `subnet ${subnetId} cannot be used: ${net.subnets.missing.get(subnetId) ?? 'not found'}`,
                fix: 'Use a subnet that exists in this region and account',
            },
        ];
    }
    const out = [];
    for (const groupId of target.groupIds) {
        const group = net.groups.found.get(groupId);
        if (!group) {
            out.push({
                level: 'error',
                message: `security group ${groupId} cannot be used: ${net.groups.missing.get(groupId) ?? 'not found'}`,
                fix: 'Use security groups that exist in this region and account',
            });
        }
        else if (group.VpcId !== subnet.VpcId) {
            out.push({
                level: 'error',
                message: `security group ${groupId} is in ${group.VpcId ?? 'no VPC'}, but subnet ${subnetId} is in ${subnet.VpcId}`,
                fix: `Use security groups of ${subnet.VpcId}`,
            });
        }
    }
    if (target.copyPrivateIp) {
        const ip = primarySourceIp(target.server);
        if (!ip) {
            out.push({
                level: 'warning',
                message: 'copyPrivateIp is on but DRS reports no IPv4 address for the source',
            });
        }
        else if (!subnet.CidrBlock || !ipv4InCidr(ip, subnet.CidrBlock)) {
            out.push({
                level: 'error',
                message: `copyPrivateIp is on but the source IP ${ip} is outside subnet ${subnetId} (${subnet.CidrBlock ?? 'no IPv4 CIDR'})`,
                fix: `Use a subnet whose CIDR contains ${ip}, or set launch.copyPrivateIp: false`,
            });
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/engine/preflight-server.ts



/**
 * One server's reads. `templateLater`: its template is left for `readTemplates`, which reads many
 * servers' templates at once.
 */
async function readServer(deps, rs, wave, pointInTime, templateLater = false) {
    const facts = { rs, wave };
    const snapshot = rs.spec.snapshot || pointInTime
        ? deps.drs.describeRecoverySnapshots(rs.sourceServerId).then((s) => {
            facts.snapshots = s;
        }, (e) => {
            facts.snapshotError = e;
        })
        : Promise.resolve();
    try {
        facts.launchConfig = await deps.drs.getLaunchConfiguration(rs.sourceServerId);
        const templateId = facts.launchConfig.ec2LaunchTemplateID;
        if (templateId && !templateLater)
            facts.template = await deps.ec2.describeDefaultLaunchTemplateVersion(templateId);
    }
    catch (e) {
        if (facts.launchConfig)
            facts.templateError = e;
        else
            facts.launchConfigError = e;
    }
    // Only then: a plan without post-launch actions needs no drs:ListLaunchActions, unless DRS already
    // runs actions on the server (some may be ours, left by an earlier version of the plan).
    if (rs.spec.postLaunch.length > 0 || facts.launchConfig?.postLaunchEnabled === true) {
        try {
            facts.launchActions = await deps.drs.listLaunchActions(rs.sourceServerId);
        }
        catch (e) {
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
async function readTemplates(deps, facts, limit) {
    const waiting = facts.filter((f) => f.launchConfig?.ec2LaunchTemplateID && !f.template);
    const ids = [...new Set(waiting.map((f) => f.launchConfig?.ec2LaunchTemplateID ?? ''))];
    if (ids.length === 0)
        return;
    const listed = await deps.ec2
        .describeDefaultVersionsOf(ids, Math.ceil(ids.length / 20))
        .catch(() => new Map());
    await Promise.all(waiting.map((f) => limit(async () => {
        const id = f.launchConfig?.ec2LaunchTemplateID ?? '';
        try {
            f.template = listed.get(id) ?? (await deps.ec2.describeDefaultLaunchTemplateVersion(id));
        }
        catch (e) {
            f.templateError = e;
        }
    })));
}
function effectiveSubnet(f) {
    return f.rs.spec.template.subnetId ?? (f.template ? (0,launch_config/* templateSubnetId */.Jh)(f.template) : undefined);
}
function effectiveGroups(f) {
    return (f.rs.spec.template.securityGroupIds ??
        (f.template ? (0,launch_config/* templateSecurityGroupIds */.eP)(f.template) : undefined) ??
        []);
}
/** Launch configuration and network findings for one server, from the facts read before. */
/** A pinned point-in-time snapshot must exist. */
function snapshotFindings(f) {
    const { snapshot } = f.rs.spec;
    if (!snapshot)
        return [];
    if (f.snapshotError !== undefined)
        return [
            { level: 'error', message: `could not list recovery snapshots: ${(0,errors/* errorMessage */.gJ)(f.snapshotError)}` },
        ];
    const ids = (f.snapshots ?? []).map((s) => s.snapshotID);
    if (ids.includes(snapshot))
        return [];
    return [
        {
            level: 'error',
            message: `pinned snapshot ${snapshot} does not exist`,
            fix: `Pick an existing point in time${ids[0] ? ` (latest: ${ids[0]})` : ''} or remove the pin`,
        },
    ];
}
/** What the template would silently undo or deny: right-sizing over a planned type, missing DRS tags. */
function templateWarnings(f, launchConfig, template, templateId) {
    const out = [];
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
function launchActionFindings(f) {
    if (f.launchActionsError === undefined)
        return [];
    const message = `could not list its post-launch actions: ${(0,errors/* errorMessage */.gJ)(f.launchActionsError)}`;
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
function launchFindings(f, net) {
    const out = [];
    const { spec } = f.rs;
    out.push(...snapshotFindings(f), ...launchActionFindings(f));
    if (!f.launchConfig) {
        const notFound = f.launchConfigError?.name === 'ResourceNotFoundException';
        out.push({
            level: 'error',
            message: `could not read its launch configuration: ${(0,errors/* errorMessage */.gJ)(f.launchConfigError)}`,
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
            message: `could not read the default version of launch template ${templateId}: ${(0,errors/* errorMessage */.gJ)(f.templateError)}`,
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
    if (subnetId !== (0,launch_config/* templateSubnetId */.Jh)(f.template) && (0,launch_template/* instanceLevelGroupsBlockSubnet */.K)(f.template)) {
        out.push({
            level: 'error',
            message: `launch template ${templateId} sets security groups at instance level, so the planned subnet ${subnetId} cannot be added by a new version`,
            fix: 'Move the groups onto the primary network interface (with the subnet) in the EC2 console',
        });
    }
    const copyPrivateIp = spec.launch.copyPrivateIp ?? f.launchConfig.copyPrivateIp ?? false;
    out.push(...networkFindings({ subnetId, groupIds: effectiveGroups(f), copyPrivateIp, server: f.rs.sourceServer }, net));
    return out;
}
const DRS_MANAGED_TAG = 'AWSElasticDisasterRecoveryManaged';
/** Whether the template's instance tag specification carries the tag DRS-managed policies require. */
function hasDrsManagedTag(version) {
    return (version.LaunchTemplateData?.TagSpecifications ?? []).some((spec) => spec.ResourceType === 'instance' && (spec.Tags ?? []).some((t) => t.Key === DRS_MANAGED_TAG));
}

;// CONCATENATED MODULE: ./src/engine/drill-preflight.ts

/** The server as its drill launches: the drill overrides over the recovery settings. Pure. */
function drillView(f) {
    const drill = f.rs.spec.drill ?? {};
    if (Object.keys(drill).length === 0)
        return f;
    const { template, launch } = f.rs.spec;
    const spec = {
        ...f.rs.spec,
        template: {
            ...template,
            ...(drill.subnetId !== undefined ? { subnetId: drill.subnetId } : {}),
            ...(drill.securityGroupIds !== undefined ? { securityGroupIds: drill.securityGroupIds } : {}),
            ...(drill.instanceType !== undefined ? { instanceType: drill.instanceType } : {}),
        },
        launch: {
            ...launch,
            ...(drill.copyPrivateIp === false ? { copyPrivateIp: false } : {}),
            // The drill turns right-sizing off so that its instance type holds.
            ...(drill.instanceType !== undefined ? { rightSizing: 'NONE' } : {}),
        },
    };
    return { ...f, rs: { ...f.rs, spec } };
}
/**
 * A drill that launches with the source server's private IP into the subnet the recovery settings use
 * may clash with the source network (the source server is still running there, or routed to it),
 * unless a `drill:` override isolates it (another subnet, or copyPrivateIp: false).
 */
function drillIsolationFindings(f) {
    const drill = f.rs.spec.drill ?? {};
    const copyPrivateIp = f.rs.spec.launch.copyPrivateIp ?? f.launchConfig?.copyPrivateIp ?? false;
    if (!copyPrivateIp || drill.copyPrivateIp === false)
        return [];
    const recoverySubnet = effectiveSubnet(f);
    if (drill.subnetId !== undefined && drill.subnetId !== recoverySubnet)
        return [];
    return [
        {
            level: 'warning',
            message: `the drill launches with the source server's private IP (copyPrivateIp) into the recovery subnet ${recoverySubnet ?? '(none)'}, where the address may clash with the source network`,
            fix: 'Isolate the drill with a drill: override (subnetId of a drill VPC, or copyPrivateIp: false)',
        },
    ];
}

;// CONCATENATED MODULE: ./src/engine/existing-instances.ts
/** EC2 states of a recovery instance that no longer runs anything worth protecting. */
const GONE = new Set(['TERMINATED', 'NOT_FOUND', 'SHUTTING-DOWN']);
function isLive(ri) {
    return !GONE.has(ri.ec2InstanceState ?? '');
}
function describe(ri) {
    const ec2 = ri.ec2InstanceID && ri.ec2InstanceID !== ri.recoveryInstanceID ? `, EC2 ${ri.ec2InstanceID}` : '';
    const state = ri.ec2InstanceState ? `, ${ri.ec2InstanceState}` : '';
    const job = ri.jobID ? `, launched by DRS job ${ri.jobID}` : '';
    return `recovery instance ${ri.recoveryInstanceID ?? '?'}${ec2}${state}${job}`;
}
/** Findings for one source server from the recovery instances DRS lists for it. */
function existingInstanceFindings(instances, opts) {
    const out = [];
    for (const ri of instances) {
        if (!isLive(ri) || (ri.jobID && opts.ownJobIds.has(ri.jobID)))
            continue;
        if (opts.mode === 'recovery') {
            if (opts.replaceRecoveryInstances) {
                out.push({
                    level: 'warning',
                    message: `has ${ri.isDrill ? 'drill' : 'live'} ${describe(ri)}; replace-recovery-instances is true, so the recovery may replace it`,
                });
            }
            else {
                out.push({
                    level: 'error',
                    message: `already has ${ri.isDrill ? 'drill' : 'a live (non-drill)'} ${describe(ri)}: a new recovery may delete it (the DRS user guide says each new recovery first deletes the previously launched instance)`,
                    fix: 'Terminate it on purpose first, or set the input replace-recovery-instances: true if replacing it is intended',
                });
            }
            continue;
        }
        if (ri.isDrill !== true) {
            out.push({
                level: opts.mode === 'validate' ? 'warning' : 'error',
                message: `has a live (non-drill) ${describe(ri)}: a real failover is running on it, and a drill may delete it (the DRS user guide says each new drill first deletes any previously launched drill or recovery instance). ${opts.mode === 'validate' ? 'A drill of this plan would be refused' : 'The drill is refused for the whole plan; nothing was written'}`,
                fix: 'Finish that recovery first (fail back, or terminate the instance on purpose), or leave this server out of the drill with the input exclude',
            });
        }
        else {
            out.push({
                level: 'warning',
                message: `has drill ${describe(ri)} from another run: DRS may replace it when this drill launches (or keep it running beside the new one)`,
                fix: 'Run mode: cleanup for old drill instances if they are not needed',
            });
        }
    }
    return out;
}

// EXTERNAL MODULE: ./src/engine/launch-actions.ts
var launch_actions = __webpack_require__(84033);
// EXTERNAL MODULE: ./src/engine/resolve.ts
var resolve = __webpack_require__(93370);
;// CONCATENATED MODULE: ./src/engine/preflight-judge.ts








function busyServer(job) {
    return {
        level: 'error',
        message: `is already in active DRS job ${job.jobID} (${job.type ?? 'job'}, ${job.status ?? 'status unknown'})`,
        fix: 'Wait for that job to complete; DRS runs one job per source server',
    };
}
/** The estate part of a server's verdict. */
function estateJudgement(rs, ctx) {
    // Recovering to a point in time, today's replication lag says nothing about the data launched.
    const rpo = ctx.pointInTime ? undefined : ctx.rpoSeconds;
    const own = (0,resolve/* replicationFindings */.RH)(rs.sourceServer, rpo);
    const instances = 'byServer' in ctx.existing
        ? existingInstanceFindings(ctx.existing.byServer.get(rs.sourceServerId) ?? [], ctx.instanceOptions)
        : [];
    const job = ctx.jobOfServer.get(rs.sourceServerId);
    return {
        errors: own.filter((x) => x.level === 'error'),
        blocking: instances.filter((x) => x.level === 'error'),
        warnings: [...own, ...instances].filter((x) => x.level !== 'error'),
        ...(job ? { busy: busyServer(job) } : {}),
    };
}
/** What the repair must write for one server, or undefined when its settings match the plan. */
function driftOf(f) {
    if (!f.launchConfig || f.template === undefined)
        return undefined;
    const { spec, sourceServerId } = f.rs;
    const desired = {
        launch: spec.launch,
        template: spec.template,
        ...(spec.postLaunch.length > 0 ? { postLaunchEnabled: true } : {}),
    };
    const actions = f.launchActions
        ? (0,launch_actions/* diffLaunchActions */.kN)((0,launch_actions/* desiredLaunchActions */.rP)(sourceServerId, spec.postLaunch), f.launchActions)
        : [];
    const changes = [
        ...(0,launch_config/* diffAll */.lu)(desired, f.launchConfig, f.template),
        ...actions.map((a) => ({ target: 'postLaunch', field: a.name, from: a.from, to: a.to })),
    ];
    if (changes.length === 0)
        return undefined;
    return {
        sourceServerId,
        ...(f.rs.hostname ? { hostname: f.rs.hostname } : {}),
        changes,
        desired,
        ...(actions.length > 0 ? { launchActions: actions } : {}),
        ...(f.launchConfig.ec2LaunchTemplateID ? { launchTemplateId: f.launchConfig.ec2LaunchTemplateID } : {}),
        ...(f.template.VersionNumber !== undefined ? { templateVersion: f.template.VersionNumber } : {}),
    };
}
/** The launch part of a server's verdict, from its per-server reads. */
function launchJudgement(f, ctx) {
    const drill = ctx.mode === 'drill';
    const own = [
        // A drill launches with the plan's drill: overrides: those are the settings to check.
        ...launchFindings(drill ? drillView(f) : f, ctx.net),
        ...(drill ? drillIsolationFindings(f) : []),
    ];
    const pit = ctx.pointInTime
        ? choosePointInTimeSnapshot({
            pointInTime: ctx.pointInTime,
            pinned: f.rs.spec.snapshot,
            snapshots: f.snapshots,
            // A pinned server's listing error is reported by the pin's own check.
            error: f.rs.spec.snapshot ? undefined : f.snapshotError,
        })
        : undefined;
    if (pit && 'finding' in pit)
        own.push(pit.finding);
    const drift = driftOf(f);
    return {
        errors: own.filter((x) => x.level === 'error'),
        blocking: [],
        warnings: own.filter((x) => x.level !== 'error'),
        ...(drift ? { drift } : {}),
        ...(pit && 'snapshot' in pit ? { snapshot: pit.snapshot } : {}),
    };
}
function emptyCollection(problems = []) {
    return { problems, warnings: [], busy: [], drift: [], leftOut: [], snapshots: new Map() };
}
/** One server's verdict into the collection: a failing non-critical server is left out, not a stop. */
function collect(acc, server, judged, mode) {
    const { rs, wave } = server;
    acc.problems.push(...judged.blocking.map((x) => attribute(rs, wave, x)));
    acc.warnings.push(...judged.warnings.map((x) => attribute(rs, wave, x)));
    const errors = [...judged.errors, ...(judged.busy && mode !== 'validate' ? [judged.busy] : [])];
    if (!rs.spec.critical && errors.length > 0) {
        const { warning, excluded } = leaveOut(rs, wave, errors, mode);
        acc.warnings.push(warning);
        acc.leftOut.push(excluded);
        return;
    }
    acc.problems.push(...judged.errors.map((x) => attribute(rs, wave, x)));
    if (judged.busy)
        acc.busy.push(attribute(rs, wave, judged.busy));
    if (judged.drift)
        acc.drift.push(judged.drift);
    if (judged.snapshot)
        acc.snapshots.set(rs.sourceServerId, judged.snapshot);
}

// EXTERNAL MODULE: ./src/plan/drill.ts
var drill = __webpack_require__(29266);
;// CONCATENATED MODULE: ./src/engine/preflight-waves.ts
/**
 * Preflight's per-server reads (launch configuration, template, snapshots, launch actions, then the
 * network they name) and their launch verdicts, for any set of servers: all of them before the first
 * write, or, in a pipelined run (issue 18), the first waves' servers then each later wave's while the
 * waves before it run. The account-wide checks that can refuse a plan (replication, active jobs,
 * existing recovery instances, quotas) are never deferred: preflight.ts makes them for every wave.
 */






/**
 * Per-server reads in flight at once. Each server costs two or three sequential reads (DRS, then EC2),
 * so 16 keeps DRS and EC2 each well inside their request-rate buckets (EC2's describe calls refill at
 * about 20 a second); throttling is retried with its Retry-After (retrying.ts).
 */
const READ_CONCURRENCY = 16;
/**
 * From this many servers, their templates' default versions are read with one account-wide listing
 * (preflight-server.ts readTemplates) instead of a DescribeLaunchTemplateVersions call each.
 */
const TEMPLATE_BATCH_FROM = 20;
/** The subnets and security groups the servers will launch into, looked up once for all. */
async function readNetwork(deps, facts) {
    return {
        subnets: await lookupIds([...new Set(facts.map(effectiveSubnet).filter((s) => !!s))], (ids) => deps.ec2.describeSubnets(ids), (s) => s.SubnetId),
        groups: await lookupIds([...new Set(facts.filter((f) => effectiveSubnet(f)).flatMap(effectiveGroups))], (ids) => deps.ec2.describeSecurityGroups(ids), (g) => g.GroupId),
    };
}
/** Reads the servers and judges their launch settings into `acc` (left-out, drift, snapshots…). */
async function judgeLaunches(deps, servers, opts, acc) {
    const limit = (0,p_limit/* default */.A)(READ_CONCURRENCY);
    // Many servers: their templates in one account-wide read rather than one call each.
    const batch = servers.length >= TEMPLATE_BATCH_FROM;
    const facts = await Promise.all(servers.map((s) => limit(() => readServer(deps, s.rs, s.wave, opts.pointInTime, batch))));
    opts.checkpoint();
    if (batch)
        await readTemplates(deps, facts, limit);
    opts.checkpoint();
    // A drill launches with the plan's drill: overrides: its network is the one to check.
    const net = await readNetwork(deps, opts.mode === 'drill' ? facts.map(drillView) : facts);
    opts.checkpoint();
    const ctx = { mode: opts.mode, net, pointInTime: opts.pointInTime };
    for (const f of facts)
        collect(acc, f, launchJudgement(f, ctx), opts.mode);
}
/**
 * The waves whose per-server reads can wait until the waves before them run: every wave that depends
 * on another. A wave with `drill:` overrides is read first: its drill settings are written before the
 * first wave starts, on top of settings the repair must have written already.
 */
function deferrableWaves(executionPlan) {
    return new Set(executionPlan.waves
        .filter((w) => w.wave.dependsOn.length > 0 && !w.servers.some((rs) => (0,drill/* hasDrillOverrides */.J)(rs.spec.drill)))
        .map((w) => w.wave.name));
}
/** The servers with the left-out ones removed and each chosen snapshot set. Pure. */
function startableServers(servers, leftOut, snapshots) {
    const out = new Set(leftOut.map((x) => x.sourceServerId));
    return servers
        .filter((rs) => !out.has(rs.sourceServerId))
        .map((rs) => {
        const chosen = snapshots.get(rs.sourceServerId);
        return chosen ? { ...rs, recoverySnapshot: chosen } : rs;
    });
}
/** Reads and judges one deferred wave (its account-wide checks passed with the rest of the plan). */
async function preflightWave(deps, wave, opts) {
    const acc = emptyCollection();
    const name = wave.wave.name;
    await judgeLaunches(deps, wave.servers.map((rs) => ({ rs, wave: name })), opts, acc);
    return {
        servers: startableServers(wave.servers, acc.leftOut, acc.snapshots),
        problems: acc.problems,
        warnings: acc.warnings,
        drift: acc.drift,
        leftOut: acc.leftOut,
    };
}

// EXTERNAL MODULE: ./src/core/quotas.ts
var quotas = __webpack_require__(7254);
;// CONCATENATED MODULE: ./src/engine/quota-findings.ts
/** Preflight's quota check: DRS's job and server limits against what is active and what may run together. */


function quotaFindings(plan, executionPlan, activeJobs, activeServers) {
    const busy = [];
    const warnings = [];
    if (activeJobs >= quotas/* DRS_QUOTAS */.sT.maxActiveJobs) {
        busy.push({
            message: `${activeJobs} DRS jobs are already active; DRS runs at most ${quotas/* DRS_QUOTAS */.sT.maxActiveJobs} at a time`,
            fix: 'Wait for running jobs to complete',
        });
    }
    const sizeOf = new Map(executionPlan.waves.map((w) => [w.wave.name, w.servers.length]));
    for (const w of executionPlan.waves) {
        const size = w.servers.length;
        if (size <= quotas/* DRS_QUOTAS */.sT.maxServersInActiveJobs &&
            size + activeServers > quotas/* DRS_QUOTAS */.sT.maxServersInActiveJobs) {
            busy.push({
                wave: w.wave.name,
                position: w.wave.position,
                message: `Wave "${w.wave.name}" has ${size} servers but ${activeServers} are already in active DRS jobs; DRS holds at most ${quotas/* DRS_QUOTAS */.sT.maxServersInActiveJobs}`,
                fix: 'Wait for running jobs to complete',
            });
        }
    }
    for (const group of (0,resolve/* concurrentWaveGroups */.D7)(plan)) {
        const total = group.reduce((n, name) => n + (sizeOf.get(name) ?? 0), 0);
        if (group.length > 1 && total + activeServers > quotas/* DRS_QUOTAS */.sT.maxServersInActiveJobs) {
            warnings.push({
                message: `Waves ${group.map((n) => `"${n}"`).join(', ')} may run at the same time with ${total} servers (plus ${activeServers} already active); DRS holds ${quotas/* DRS_QUOTAS */.sT.maxServersInActiveJobs}, so some will wait`,
            });
        }
    }
    return { busy, warnings };
}

;// CONCATENATED MODULE: ./src/engine/preflight.ts
/**
 * Preflight: everything that can be known to break a run before anything is started. Reads only;
 * collects every failure (never stops at the first) so one run shows the whole list to fix.
 * A pipelined run (`deferLaunchReads`) makes the account-wide checks for every wave here and the
 * per-server launch reads only for the waves that start first; each later wave's are made by
 * `checkDeferredWave` while the waves before it run (preflight-waves.ts).
 */












/** How far back to look for jobs that may still be active. */
const ACTIVE_JOB_LOOKBACK_MS = 7 * 24 * 3600 * 1000;
/**
 * Preflight's reads retry through throttling and 5xx (Retry-After honoured), on the injected clock,
 * and stop at the run's deadline or cancellation (`checkpoint`).
 */
function withReadRetries(deps, checkpoint, stop) {
    const opts = { sleep: (ms) => deps.clock.sleep(ms, stop), checkpoint, ...(stop ? { stop } : {}) };
    return { ...deps, drs: (0,retrying/* retryingDrs */.o)(deps.drs, opts), ec2: (0,retrying/* retryingEc2 */.N)(deps.ec2, opts) };
}
/** The recovery instances DRS lists for the plan's servers, by server; one paginated read. */
async function readExistingInstances(deps, sourceServerIds) {
    if (sourceServerIds.length === 0)
        return { byServer: new Map() };
    try {
        return {
            byServer: (0,instances/* indexRecoveryInstances */.OW)(await deps.drs.describeRecoveryInstances({ sourceServerIds: [...new Set(sourceServerIds)] })),
        };
    }
    catch (error) {
        return { error };
    }
}
/** The source servers and recent jobs, and the plan resolved against them (exclusions applied). */
async function readEstate(deps, plan, opts) {
    const sourceServers = await deps.drs.describeAllSourceServers();
    // The look-back is measured on AWS's clock (the first answer's Date header): the runner's may be off.
    const awsNowMs = Date.parse((0,poller/* awsNow */.e1)(deps));
    const recentJobs = await deps.drs.describeJobsSince(new Date(awsNowMs - ACTIVE_JOB_LOOKBACK_MS).toISOString());
    const resolved = (0,resolve/* resolvePlan */.yY)(plan, sourceServers);
    const { executionPlan, excluded, problems } = (0,resolve/* excludeServers */.r2)(resolved.executionPlan, opts.exclude ?? []);
    const future = futurePointInTime(opts.pointInTime, awsNowMs);
    return {
        recentJobs,
        executionPlan,
        excluded,
        problems: [...(future ? [future] : []), ...resolved.problems, ...problems],
    };
}
/** Runs every preflight check (a pipelined run: all but the later waves' launch reads); writes nothing. */
async function runPreflight(deps, plan, opts) {
    // Past the deadline (or once cancelled) no read is sent: it throws rather than report half-read servers.
    const checkpoint = (0,deadline/* phaseCheckpoint */.ef)(deps.clock, opts, 'preflight');
    deps = withReadRetries(deps, checkpoint, (0,deadline/* phaseSignal */.Ej)(deps.clock, opts));
    const estate = await readEstate(deps, plan, opts);
    const deferred = opts.deferLaunchReads ? deferrableWaves(estate.executionPlan) : new Set();
    const servers = estate.executionPlan.waves.flatMap((w) => w.servers.map((rs) => ({ rs, wave: w.wave.name, deferred: deferred.has(w.wave.name) })));
    const { isOwn, ownActiveJobIds, others } = jobsOfRun(estate.recentJobs, opts.executionId);
    const existing = await readExistingInstances(deps, servers.map((s) => s.rs.sourceServerId));
    checkpoint();
    const acc = emptyCollection(estate.problems);
    if ('error' in existing)
        acc.busy.push(existingUnreadable(existing.error));
    const ctx = {
        mode: opts.mode,
        existing,
        jobOfServer: others.jobOfServer,
        rpoSeconds: plan.objectives.rpoSeconds,
        pointInTime: opts.pointInTime,
        instanceOptions: {
            mode: opts.mode,
            ownJobIds: new Set(estate.recentJobs.filter(isOwn).flatMap((j) => (j.jobID ? [j.jobID] : []))),
            ...(opts.replaceRecoveryInstances ? { replaceRecoveryInstances: true } : {}),
        },
    };
    // The estate verdicts first: a server left out for them is not read further.
    const estateAcc = emptyCollection();
    for (const s of servers)
        collect(estateAcc, s, estateJudgement(s.rs, ctx), opts.mode);
    mergeInto(acc, estateAcc);
    const leftOut = new Set(estateAcc.leftOut.map((x) => x.sourceServerId));
    const later = servers.filter((s) => !leftOut.has(s.rs.sourceServerId));
    const readOpts = launchReadOptions(opts, checkpoint);
    await judgeLaunches(deps, later.filter((s) => !s.deferred), readOpts, acc);
    const jobs = { ...others, ownActiveJobIds };
    const result = conclude(plan, opts, estate, copyOf(acc), jobs);
    const deferredLater = later.filter((s) => s.deferred);
    if (deferredLater.length === 0)
        return result;
    // A plan refused anyway gets its whole list of problems, the later waves' included, as unpipelined.
    if (result.problems.length > 0) {
        await judgeLaunches(deps, deferredLater, readOpts, acc);
        return conclude(plan, opts, estate, acc, jobs);
    }
    const deferredWaves = result.executionPlan?.waves.filter((w) => deferred.has(w.wave.name)) ?? [];
    return { ...result, deferredWaves: deferredWaves.map((w) => w.wave.name) };
}
function launchReadOptions(opts, checkpoint) {
    return { mode: opts.mode, pointInTime: opts.pointInTime, checkpoint };
}
function copyOf(acc) {
    const { problems, warnings, busy, drift, leftOut, snapshots } = acc;
    return {
        ...{ problems: [...problems], warnings: [...warnings], busy: [...busy], drift: [...drift] },
        ...{ leftOut: [...leftOut], snapshots: new Map(snapshots) },
    };
}
function mergeInto(acc, more) {
    acc.problems.push(...more.problems);
    acc.warnings.push(...more.warnings);
    acc.busy.push(...more.busy);
    acc.drift.push(...more.drift);
    acc.leftOut.push(...more.leftOut);
    for (const [id, s] of more.snapshots)
        acc.snapshots.set(id, s);
}
/**
 * A deferred wave's per-server launch reads and verdicts (pipelined runs), made while the waves before
 * it run; it stops at the run's deadline or cancellation like the preflight itself.
 */
function checkDeferredWave(deps, wave, opts) {
    const checkpoint = (0,deadline/* phaseCheckpoint */.ef)(deps.clock, opts, `the preflight of wave "${wave.wave.name}"`);
    const retrying = withReadRetries(deps, checkpoint, (0,deadline/* phaseSignal */.Ej)(deps.clock, opts));
    return preflightWave(retrying, wave, launchReadOptions(opts, checkpoint));
}
/** Leaves the failed non-critical servers out, checks the quotas on what is left, and sums up. */
function conclude(plan, opts, estate, acc, jobs) {
    const executionPlan = withSnapshots(withoutServers(estate.executionPlan, new Set(acc.leftOut.map((x) => x.sourceServerId))), acc.snapshots);
    const excluded = [...estate.excluded, ...acc.leftOut];
    const quota = quotaFindings(plan, executionPlan, jobs.active.length, jobs.servers);
    acc.busy.push(...quota.busy);
    acc.warnings.push(...quota.warnings);
    // An active job now does not make a plan wrong: in a PR check it is only worth a warning.
    (opts.mode === 'validate' ? acc.warnings : acc.problems).push(...acc.busy);
    const empty = opts.mode === 'validate' ? undefined : nothingToRun(executionPlan, excluded.length);
    if (empty)
        acc.problems.push(empty);
    return {
        executionPlan,
        problems: acc.problems,
        warnings: acc.warnings,
        drift: acc.drift,
        activeJobs: { jobs: jobs.active.length, servers: jobs.servers },
        ownActiveJobIds: jobs.ownActiveJobIds,
        excluded,
    };
}


/***/ }),

/***/ 70370:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  A: () => (/* binding */ pLimit)
});

// UNUSED EXPORTS: limitFunction

;// CONCATENATED MODULE: ./node_modules/yocto-queue/index.js
/*
How it works:
`this.#head` is an instance of `Node` which keeps track of its current value and nests another instance of `Node` that keeps the value that comes after it. When a value is provided to `.enqueue()`, the code needs to iterate through `this.#head`, going deeper and deeper to find the last value. However, iterating through every single item is slow. This problem is solved by saving a reference to the last value as `this.#tail` so that it can reference it to add a new value.
*/

class Node {
	value;
	next;

	constructor(value) {
		this.value = value;
	}
}

class Queue {
	#head;
	#tail;
	#size;

	constructor() {
		this.clear();
	}

	enqueue(value) {
		const node = new Node(value);

		if (this.#head) {
			this.#tail.next = node;
			this.#tail = node;
		} else {
			this.#head = node;
			this.#tail = node;
		}

		this.#size++;
	}

	dequeue() {
		const current = this.#head;
		if (!current) {
			return;
		}

		this.#head = this.#head.next;
		this.#size--;

		// Clean up tail reference when queue becomes empty
		if (!this.#head) {
			this.#tail = undefined;
		}

		return current.value;
	}

	peek() {
		if (!this.#head) {
			return;
		}

		return this.#head.value;

		// TODO: Node.js 18.
		// return this.#head?.value;
	}

	clear() {
		this.#head = undefined;
		this.#tail = undefined;
		this.#size = 0;
	}

	get size() {
		return this.#size;
	}

	* [Symbol.iterator]() {
		let current = this.#head;

		while (current) {
			yield current.value;
			current = current.next;
		}
	}

	* drain() {
		while (this.#head) {
			yield this.dequeue();
		}
	}
}

;// CONCATENATED MODULE: ./node_modules/p-limit/index.js


function pLimit(concurrency) {
	let rejectOnClear = false;

	if (typeof concurrency === 'object') {
		({concurrency, rejectOnClear = false} = concurrency);
	}

	validateConcurrency(concurrency);

	if (typeof rejectOnClear !== 'boolean') {
		throw new TypeError('Expected `rejectOnClear` to be a boolean');
	}

	const queue = new Queue();
	let activeCount = 0;

	const resumeNext = () => {
		// Process the next queued function if we're under the concurrency limit
		if (activeCount < concurrency && queue.size > 0) {
			activeCount++;
			queue.dequeue().run();
		}
	};

	const next = () => {
		activeCount--;
		resumeNext();
	};

	const run = async (function_, resolve, arguments_) => {
		// Execute the function and capture the result promise
		const result = (async () => function_(...arguments_))();

		// Resolve immediately with the promise (don't wait for completion)
		resolve(result);

		// Wait for the function to complete (success or failure)
		// We catch errors here to prevent unhandled rejections,
		// but the original promise rejection is preserved for the caller
		try {
			await result;
		} catch {}

		// Decrement active count and process next queued function
		next();
	};

	const enqueue = (function_, resolve, reject, arguments_) => {
		const queueItem = {reject};

		// Queue the internal resolve function instead of the run function
		// to preserve the asynchronous execution context.
		new Promise(internalResolve => { // eslint-disable-line promise/param-names
			queueItem.run = internalResolve;
			queue.enqueue(queueItem);
		}).then(run.bind(undefined, function_, resolve, arguments_)); // eslint-disable-line promise/prefer-await-to-then

		// Start processing immediately if we haven't reached the concurrency limit
		if (activeCount < concurrency) {
			resumeNext();
		}
	};

	const generator = (function_, ...arguments_) => new Promise((resolve, reject) => {
		enqueue(function_, resolve, reject, arguments_);
	});

	Object.defineProperties(generator, {
		activeCount: {
			get: () => activeCount,
		},
		pendingCount: {
			get: () => queue.size,
		},
		clearQueue: {
			value() {
				if (!rejectOnClear) {
					queue.clear();
					return;
				}

				const abortError = AbortSignal.abort().reason;

				while (queue.size > 0) {
					queue.dequeue().reject(abortError);
				}
			},
		},
		concurrency: {
			get: () => concurrency,

			set(newConcurrency) {
				validateConcurrency(newConcurrency);
				concurrency = newConcurrency;

				queueMicrotask(() => {
					// eslint-disable-next-line no-unmodified-loop-condition
					while (activeCount < concurrency && queue.size > 0) {
						resumeNext();
					}
				});
			},
		},
		map: {
			async value(iterable, function_) {
				const promises = [];

				try {
					Array.from(iterable, (value, index) => {
						const promise = generator(function_, value, index);
						promises.push(promise);
						return promise;
					});
				} catch (error) {
					// The iterable threw, so `Promise.all` never observes the already scheduled promises. Observe them here to avoid unhandled rejections.
					for (const promise of promises) {
						promise.catch(() => {}); // eslint-disable-line promise/prefer-await-to-then
					}

					throw error;
				}

				return Promise.all(promises);
			},
		},
	});

	return generator;
}

function limitFunction(function_, options) {
	const limit = pLimit(options);

	const limitedFunction = (...arguments_) => limit(() => function_(...arguments_));
	Object.defineProperty(limitedFunction, 'clearQueue', {
		value: limit.clearQueue,
	});

	return limitedFunction;
}

function validateConcurrency(concurrency) {
	if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0)) {
		throw new TypeError('Expected `concurrency` to be a number from 1 and up');
	}
}


/***/ })

};
