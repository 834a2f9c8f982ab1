export const id = 637;
export const ids = [637];
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
];
const EC2_IDEMPOTENT = [
    'describeInstances',
    'describeInstanceStatus',
    'createTags',
    'describeDefaultLaunchTemplateVersion',
    'updateLaunchTemplate',
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
    return [
        ...diffLaunchConfiguration(desired.launch, launchConfig),
        ...(template
            ? [...diffLaunchTemplate(desired.template, template), ...diffPrivateIp(desired.launch, template)]
            : []),
    ];
}


/***/ }),

/***/ 7637:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  hg: () => (/* binding */ runPreflight)
});

// UNUSED EXPORTS: parseIsoDuration, replicationFindings

// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(70370);
// EXTERNAL MODULE: ./src/aws/retrying.ts
var retrying = __webpack_require__(32355);
// EXTERNAL MODULE: ./src/core/quotas.ts
var quotas = __webpack_require__(7254);
// EXTERNAL MODULE: ./src/core/tags.ts
var tags = __webpack_require__(52766);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/engine/deadline.ts
var deadline = __webpack_require__(7964);
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

// EXTERNAL MODULE: ./src/engine/instances.ts
var instances = __webpack_require__(86122);
// EXTERNAL MODULE: ./src/engine/launch-config.ts
var launch_config = __webpack_require__(16778);
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

// EXTERNAL MODULE: ./src/engine/poller.ts
var poller = __webpack_require__(74694);
// EXTERNAL MODULE: ./src/aws/launch-template.ts
var launch_template = __webpack_require__(22369);
;// CONCATENATED MODULE: ./src/engine/preflight-server.ts



async function readServer(deps, rs, wave) {
    const facts = { rs, wave };
    const snapshot = rs.spec.snapshot
        ? deps.drs.describeRecoverySnapshots(rs.sourceServerId).then((s) => {
            facts.snapshotIds = s.map((x) => x.snapshotID ?? '');
        }, (e) => {
            facts.snapshotError = e;
        })
        : Promise.resolve();
    try {
        facts.launchConfig = await deps.drs.getLaunchConfiguration(rs.sourceServerId);
        const templateId = facts.launchConfig.ec2LaunchTemplateID;
        if (templateId)
            facts.template = await deps.ec2.describeDefaultLaunchTemplateVersion(templateId);
    }
    catch (e) {
        if (facts.launchConfig)
            facts.templateError = e;
        else
            facts.launchConfigError = e;
    }
    await snapshot;
    return facts;
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
    if (f.snapshotIds?.includes(snapshot))
        return [];
    return [
        {
            level: 'error',
            message: `pinned snapshot ${snapshot} does not exist`,
            fix: `Pick an existing point in time${f.snapshotIds?.[0] ? ` (latest: ${f.snapshotIds[0]})` : ''} or remove the pin`,
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
function launchFindings(f, net) {
    const out = [];
    const { spec } = f.rs;
    out.push(...snapshotFindings(f));
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

// EXTERNAL MODULE: ./src/engine/resolve.ts
var resolve = __webpack_require__(93370);
;// CONCATENATED MODULE: ./src/engine/preflight.ts
/**
 * Preflight: everything that can be known to break a run before anything is started. Reads only;
 * collects every failure (never stops at the first) so one run shows the whole list to fix.
 */














/** How far back to look for jobs that may still be active. */
const ACTIVE_JOB_LOOKBACK_MS = 7 * 24 * 3600 * 1000;
const CONCURRENCY = 10;
function who(rs) {
    return `Source server ${rs.sourceServerId}${rs.hostname ? ` (${rs.hostname})` : ''}`;
}
function about(rs, wave, message, fix) {
    return {
        sourceServerId: rs.sourceServerId,
        ...(rs.hostname ? { hostname: rs.hostname } : {}),
        wave,
        position: rs.spec.position,
        message: `${who(rs)}: ${message}`,
        ...(fix ? { fix } : {}),
    };
}
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
/** The subnets and security groups the servers will launch into, looked up once for all. */
async function readNetwork(deps, facts) {
    return {
        subnets: await lookupIds([...new Set(facts.map(effectiveSubnet).filter((s) => !!s))], (ids) => deps.ec2.describeSubnets(ids), (s) => s.SubnetId),
        groups: await lookupIds([...new Set(facts.filter((f) => effectiveSubnet(f)).flatMap(effectiveGroups))], (ids) => deps.ec2.describeSecurityGroups(ids), (g) => g.GroupId),
    };
}
function busyServer(job) {
    return [
        `is already in active DRS job ${job.jobID} (${job.type ?? 'job'}, ${job.status ?? 'status unknown'})`,
        'Wait for that job to complete; DRS runs one job per source server',
    ];
}
/** What the repair must write for one server, or undefined when its settings match the plan. */
function driftOf(f) {
    if (!f.launchConfig || f.template === undefined)
        return undefined;
    const desired = { launch: f.rs.spec.launch, template: f.rs.spec.template };
    const changes = (0,launch_config/* diffAll */.lu)(desired, f.launchConfig, f.template);
    if (changes.length === 0)
        return undefined;
    return {
        sourceServerId: f.rs.sourceServerId,
        ...(f.rs.hostname ? { hostname: f.rs.hostname } : {}),
        changes,
        desired,
        ...(f.launchConfig.ec2LaunchTemplateID ? { launchTemplateId: f.launchConfig.ec2LaunchTemplateID } : {}),
        ...(f.template.VersionNumber !== undefined ? { templateVersion: f.template.VersionNumber } : {}),
    };
}
/** DRS's job and server quotas against the jobs already active and the waves that may run together. */
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
/** Every finding about one server, sorted by what it stops; its drift. Pure. */
function judgeServer(f, ctx) {
    const problems = [];
    const warnings = [];
    const busy = [];
    const findings = [
        ...(0,resolve/* replicationFindings */.RH)(f.rs.sourceServer, ctx.rpoSeconds),
        ...launchFindings(f, ctx.net),
        ...('byServer' in ctx.existing
            ? existingInstanceFindings(ctx.existing.byServer.get(f.rs.sourceServerId) ?? [], ctx.instanceOptions)
            : []),
    ];
    for (const x of findings)
        (x.level === 'error' ? problems : warnings).push(about(f.rs, f.wave, x.message, x.fix));
    const job = ctx.jobOfServer.get(f.rs.sourceServerId);
    if (job)
        busy.push(about(f.rs, f.wave, ...busyServer(job)));
    const drift = driftOf(f);
    return { problems, warnings, busy, ...(drift ? { drift } : {}) };
}
/** The source servers and recent jobs, and the plan resolved against them (exclusions applied). */
async function readEstate(deps, plan, opts) {
    const sourceServers = await deps.drs.describeAllSourceServers();
    // The look-back is measured on AWS's clock (the first answer's Date header): the runner's may be off.
    const awsNowMs = Date.parse((0,poller/* awsNow */.e1)(deps));
    const recentJobs = await deps.drs.describeJobsSince(new Date(awsNowMs - ACTIVE_JOB_LOOKBACK_MS).toISOString());
    const resolved = (0,resolve/* resolvePlan */.yY)(plan, sourceServers);
    const { executionPlan, excluded, problems } = (0,resolve/* excludeServers */.r2)(resolved.executionPlan, opts.exclude ?? []);
    return { recentJobs, executionPlan, excluded, problems: [...resolved.problems, ...problems] };
}
/** Runs every preflight check; writes nothing. */
async function runPreflight(deps, plan, opts) {
    // Past the deadline (or once cancelled) no read is sent and preflight throws rather than report
    // half-read servers as problems.
    const checkpoint = (0,deadline/* phaseCheckpoint */.ef)(deps.clock, opts, 'preflight');
    deps = withReadRetries(deps, checkpoint, (0,deadline/* phaseSignal */.Ej)(deps.clock, opts));
    const { recentJobs, executionPlan, excluded, problems } = await readEstate(deps, plan, opts);
    const warnings = [];
    const drift = [];
    // An active job now does not make a plan wrong: in a PR check it is only worth a warning.
    const busy = opts.mode === 'validate' ? warnings : problems;
    const limit = (0,p_limit/* default */.A)(CONCURRENCY);
    const facts = await Promise.all(executionPlan.waves.flatMap((w) => w.servers.map((rs) => limit(() => readServer(deps, rs, w.wave.name)))));
    checkpoint();
    const net = await readNetwork(deps, facts);
    const isOwn = (j) => opts.executionId !== undefined && j.tags?.[tags/* TAG */.Dk.executionId] === opts.executionId;
    const ownActiveJobIds = recentJobs
        .filter((j) => j.status !== 'COMPLETED' && isOwn(j))
        .map((j) => j.jobID ?? '');
    const { active, jobOfServer, servers: activeServers } = activeJobsOf(recentJobs.filter((j) => !isOwn(j)));
    const existing = await readExistingInstances(deps, facts.map((f) => f.rs.sourceServerId));
    checkpoint();
    if ('error' in existing) {
        busy.push({
            message: `Could not read the servers' existing recovery instances: ${(0,errors/* errorMessage */.gJ)(existing.error)}`,
            fix: 'Grant drs:DescribeRecoveryInstances (with ec2:DescribeInstances): without it a drill cannot rule out deleting a live failover',
        });
    }
    const instanceOptions = {
        mode: opts.mode,
        ownJobIds: new Set(recentJobs.filter(isOwn).flatMap((j) => (j.jobID ? [j.jobID] : []))),
        ...(opts.replaceRecoveryInstances ? { replaceRecoveryInstances: true } : {}),
    };
    for (const f of facts) {
        const judged = judgeServer(f, {
            net,
            existing,
            instanceOptions,
            jobOfServer,
            rpoSeconds: plan.objectives.rpoSeconds,
        });
        problems.push(...judged.problems);
        warnings.push(...judged.warnings);
        busy.push(...judged.busy);
        if (judged.drift)
            drift.push(judged.drift);
    }
    const quota = quotaFindings(plan, executionPlan, active.length, activeServers);
    busy.push(...quota.busy);
    warnings.push(...quota.warnings);
    return {
        executionPlan,
        problems,
        warnings,
        drift,
        activeJobs: { jobs: active.length, servers: activeServers },
        ownActiveJobIds,
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
