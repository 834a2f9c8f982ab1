export const id = 366;
export const ids = [366];
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

/***/ 31384:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  POST_JOB_WAIT_MS: () => (/* binding */ POST_JOB_WAIT_MS),
  postSkipReason: () => (/* binding */ postSkipReason),
  postSummary: () => (/* binding */ postSummary),
  restoreSummary: () => (/* binding */ restoreSummary),
  runPost: () => (/* binding */ runPost),
  runPostCleanup: () => (/* binding */ runPostCleanup),
  runPostRestore: () => (/* binding */ runPostRestore)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 12 modules
var core = __webpack_require__(3894);
// EXTERNAL MODULE: ./src/action-inputs.ts + 1 modules
var action_inputs = __webpack_require__(93150);
// EXTERNAL MODULE: ./src/aws/session.ts + 3 modules
var aws_session = __webpack_require__(99516);
// EXTERNAL MODULE: ./src/core/clock.ts
var clock = __webpack_require__(32257);
// EXTERNAL MODULE: ./src/core/escape.ts
var core_escape = __webpack_require__(94536);
// EXTERNAL MODULE: ./src/engine/cleanup.ts
var engine_cleanup = __webpack_require__(80234);
// EXTERNAL MODULE: ./src/engine/log.ts
var log = __webpack_require__(54760);
// EXTERNAL MODULE: ./src/engine/resume.ts
var resume = __webpack_require__(90099);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/main.ts + 5 modules
var main = __webpack_require__(8023);
// EXTERNAL MODULE: ./src/engine/drill-settings.ts
var drill_settings = __webpack_require__(57381);
// EXTERNAL MODULE: ./src/engine/terminate.ts
var terminate = __webpack_require__(60469);
;// CONCATENATED MODULE: ./src/modes/post-restore.ts



/** How long the post step waits for the execution's launch jobs before restoring anyway. */
const RESTORE_JOB_WAIT_MS = 15 * 60_000;
/** Between attempts while DRS holds a server in a job (ConflictException). */
const BUSY_RETRY_MS = 15_000;
function isBusy(e) {
    return e?.name === 'ConflictException';
}
/** Restores every pending server of `state`; one entry per server for the summary. Never throws. */
async function restorePending(deps, state, jobIds) {
    const pending = state.restore ?? [];
    if (pending.length === 0)
        return [];
    const deadline = deps.clock.now() + RESTORE_JOB_WAIT_MS;
    const seen = await (0,terminate/* waitForJobs */.pf)(deps, jobIds, { deadline });
    const running = jobIds.filter((id) => seen.get(id)?.status !== 'COMPLETED');
    if (running.length > 0)
        deps.log.warning(`DRS job(s) ${running.join(', ')} still running: restoring the recovery settings anyway.`);
    const out = [];
    for (const p of pending) {
        const entry = {
            sourceServerId: p.sourceServerId,
            launchTemplateId: p.launchTemplateId,
            recoveryVersion: p.recoveryVersion,
            changes: [],
            restore: { status: 'failed' },
        };
        for (;;) {
            try {
                const done = await (0,drill_settings/* restoreRecoverySettings */.pr)(deps, { ...p }, { executionId: state.executionId });
                entry.restore = { status: 'restored', at: new Date(deps.clock.now()).toISOString(), ...done };
                break;
            }
            catch (e) {
                if (isBusy(e) && deps.clock.now() + BUSY_RETRY_MS < deadline + RESTORE_JOB_WAIT_MS) {
                    await deps.clock.sleep(BUSY_RETRY_MS);
                    continue;
                }
                entry.restore = { status: 'failed', error: (0,errors/* errorMessage */.gJ)(e) };
                break;
            }
        }
        deps.log[entry.restore.status === 'restored' ? 'info' : 'error'](`Recovery settings of ${p.sourceServerId}: ${entry.restore.status}${entry.restore.error ? ` (${entry.restore.error})` : ''}`);
        out.push(entry);
    }
    return out;
}

// EXTERNAL MODULE: ./src/modes/post-state.ts
var post_state = __webpack_require__(74932);
// EXTERNAL MODULE: ./src/report/sections.ts
var sections = __webpack_require__(43844);
// EXTERNAL MODULE: ./src/run-env.ts
var run_env = __webpack_require__(2612);
;// CONCATENATED MODULE: ./src/post.ts
/**
 * Post step (action.yml `post`, `post-if: always()`). When the main step of a drill did not reach its
 * end (cancelled, crashed, out of time before its own cleanup), this terminates the drill instances
 * that step launched, so a cancelled drill leaves nothing billed behind. It does nothing when the main
 * step finished (its own cleanup ran per the policy), for a recovery (never cleaned up), and for the
 * other modes. Policy: `never` keeps the instances; `on-success` keeps them too, since a run that did
 * not finish did not succeed (the same rule the main step applies); `always` terminates them.
 */














/** Why the post step does nothing, or undefined when it must terminate the drill instances. Pure. */
function postSkipReason(state) {
    if (!state)
        return 'the main step started no drill';
    if (state.mode === 'recovery')
        return 'a recovery never cleans up its instances';
    if (state.finished && state.wavesRemaining?.length)
        return `the main step succeeded with waves left (${state.wavesRemaining.join(', ')}): their drill instances are kept for the next step of this workflow run, which cleans up the whole execution`;
    if (state.finished)
        return 'the main step finished and nothing it started is left to clean up';
    if (state.cleanup === 'never')
        return 'cleanup is "never": the drill instances are left running';
    if (state.cleanup === 'on-success' && state.status !== 'succeeded')
        return 'cleanup is "on-success" and the drill did not succeed: the drill instances are left for inspection';
    return undefined;
}
/** Jobs still launching when the main step stopped keep launching: cleanup waits for them (bounded). */
const POST_JOB_WAIT_MS = 15 * 60_000;
/** Source servers of the main step's jobs: from the job views, else their logs (DRS may empty the views). */
async function serversOfJobs(drs, jobIds, log) {
    try {
        const ids = new Set();
        for (const job of await drs.describeJobs(jobIds)) {
            for (const p of job.participatingServers ?? [])
                if (p.sourceServerID)
                    ids.add(p.sourceServerID);
            if ((job.participatingServers ?? []).length === 0 && job.jobID) {
                for (const item of await drs.describeJobLogItems(job.jobID))
                    if (item.eventData?.sourceServerID)
                        ids.add(item.eventData.sourceServerID);
            }
        }
        return ids.size > 0 ? [...ids] : undefined;
    }
    catch (e) {
        log.warning(`Could not read the main step's DRS jobs (${(0,errors/* errorMessage */.gJ)(e)}): every recovery instance is read instead.`);
        return undefined;
    }
}
/** The post step's whole job, on injected IO and clock: returns the cleanup done (undefined: nothing). */
async function runPostCleanup(io, state, deps) {
    const skip = postSkipReason(state);
    if (skip || !state) {
        io.info(`Post step: nothing to do (${skip}).`);
        return undefined;
    }
    const region = state.region || deps.env.AWS_REGION || 'us-east-1';
    const session = await (0,aws_session.openAwsSession)(io, deps.inputs, region, undefined, deps);
    // A runner killed between a StartRecovery answer and saving its job id leaves a job only DRS knows:
    // the execution's jobs are also found by their tags.
    const tagged = await (0,resume/* findExecutionJobs */.oh)({ drs: session.drs, clock: deps.clock }, state.executionId, state.planName).then((found) => found.own.flatMap((j) => (j.jobID ? [j.jobID] : [])), (e) => {
        io.warning(`Could not look up the execution's jobs by their tags: ${(0,errors/* errorMessage */.gJ)(e)}`);
        return [];
    });
    const jobIds = [...new Set([...state.jobIds, ...tagged])];
    if (jobIds.length === 0) {
        io.info('Post step: nothing to do (the main step started no DRS job).');
        return undefined;
    }
    io.warning(`The drill did not finish: terminating the drill instances of its ${jobIds.length} DRS job(s) (${jobIds.join(', ')}).`);
    const sourceServerIds = await serversOfJobs(session.drs, jobIds, io);
    const cleanup = await (0,engine_cleanup/* cleanupScope */.BW)({ drs: session.drs, ec2: session.ec2, clock: deps.clock, log: (0,log/* engineLog */.N)(io) }, { jobIds, ...(sourceServerIds ? { sourceServerIds } : {}) }, { policy: 'always', dryRun: false, deadline: deps.clock.now() + POST_JOB_WAIT_MS + 10 * 60_000 });
    for (const i of cleanup.instances)
        io.info(`${i.recoveryInstanceId} (EC2 ${i.ec2InstanceId ?? '—'}, ${i.sourceServerId ?? '—'}): ${i.result}`);
    return cleanup;
}
/**
 * Restores the drill settings the main step left (whatever `finished` and the cleanup policy say):
 * after the cleanup, whose TERMINATE jobs would otherwise hold the servers.
 */
async function runPostRestore(io, state, deps) {
    if (state?.mode !== 'drill' || (state.restore ?? []).length === 0)
        return undefined;
    io.warning(`The drill settings of ${state.restore?.length} server(s) are not restored yet: restoring their recovery settings.`);
    const region = state.region || deps.env.AWS_REGION || 'us-east-1';
    const session = await (0,aws_session.openAwsSession)(io, deps.inputs, region, undefined, deps);
    const engine = { drs: session.drs, ec2: session.ec2, clock: deps.clock, log: (0,log/* engineLog */.N)(io) };
    return restorePending(engine, state, state.jobIds);
}
/** Markdown for the post step's restores of drill settings. */
function restoreSummary(restored) {
    const rows = restored.map((r) => `| ${(0,core_escape/* escapeCell */.kq)(r.sourceServerId)} | ${(0,core_escape/* escapeCell */.kq)(r.launchTemplateId)} | ${r.restore.status}${r.restore.error ? `: ${(0,core_escape/* escapeCell */.kq)(r.restore.error)}` : ''} |`);
    return `## Post step: recovery settings restored after a drill\n\n| Source server | Launch template | Result |\n|---|---|---|\n${rows.join('\n')}\n`;
}
/** Markdown for the job summary of the post step. */
function postSummary(state, cleanup) {
    const section = (0,sections/* renderCleanup */.BP)({ isDrill: true, cleanup }, { rows: 200, rawErrorChars: 300 });
    return `## Post step: drill instances of an unfinished drill${state?.planName ? ` — ${state.planName}` : ''}\n\n${section}\n`;
}
async function runPost() {
    const io = (0,main/* coreIO */.IK)();
    try {
        const state = (0,post_state.readPostState)((name) => core/* getState */.Gu(name));
        const runEnv = (0,run_env/* readRunEnvironment */.P6)(process.env, process.cwd());
        const inputs = (0,action_inputs/* readInputs */.Ko)((name) => core/* getInput */.V4(name), runEnv.runId);
        const cleanup = await runPostCleanup(io, state, {
            clock: (0,clock/* clockFromEnv */.iQ)(process.env),
            env: process.env,
            getIdToken: (audience) => core/* getIDToken */.V9(audience),
            inputs,
        });
        if (cleanup)
            await io.writeSummary(postSummary(state, cleanup));
        const restored = await runPostRestore(io, state, {
            clock: (0,clock/* clockFromEnv */.iQ)(process.env),
            env: process.env,
            getIdToken: (audience) => core/* getIDToken */.V9(audience),
            inputs,
        });
        if (restored)
            await io.writeSummary(restoreSummary(restored));
        if (cleanup?.status === 'failed')
            core/* setFailed */.C1(`Post-step cleanup failed: ${cleanup.reason ?? ''}`);
        const failed = (restored ?? []).filter((r) => r.restore.status !== 'restored');
        if (failed.length > 0)
            core/* setFailed */.C1(`Post step: the recovery settings of ${failed.map((r) => r.sourceServerId).join(', ')} could not be restored`);
    }
    catch (e) {
        core/* setFailed */.C1(`Post-step cleanup failed: ${(0,errors/* errorMessage */.gJ)(e)}`);
    }
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
