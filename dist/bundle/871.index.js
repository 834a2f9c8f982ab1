export const id = 871;
export const ids = [871];
export const modules = {

/***/ 74694:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   XL: () => (/* binding */ pollTick),
/* harmony export */   aI: () => (/* binding */ launchedInstance),
/* harmony export */   e1: () => (/* binding */ awsNow),
/* harmony export */   i2: () => (/* binding */ nextPollIntervalMs),
/* harmony export */   rt: () => (/* binding */ newPollState),
/* harmony export */   x1: () => (/* binding */ isLaunched)
/* harmony export */ });
/* unused harmony exports jobSignature, launchActionsRunning, rememberRecoveryInstances, READ_FAILURES_BEFORE_WARNING, BASE_INTERVAL_MS */
/* harmony import */ var _aws_retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22495);
/* harmony import */ var _core_backoff_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(93915);
/* harmony import */ var _core_durations_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(10119);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _instances_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(86122);





function newPollState() {
    return {
        jobs: new Map(),
        recoveryInstances: new Map(),
        instances: new Map(),
        statuses: new Map(),
        tagged: new Set(),
        readFailures: new Map(),
    };
}
/**
 * AWS's clock: the later of the two gateways' latest `Date` headers, else the injected clock. The later
 * one, because once every job is COMPLETED only EC2 is still polled (health checks): DRS's last answer
 * then lies in the past, and a health check stamped with it would shorten the measured RTO.
 */
function awsNow(deps) {
    const times = [deps.drs.serverTime(), deps.ec2.serverTime()].filter((t) => t !== undefined);
    if (times.length === 0)
        return new Date(deps.clock.now()).toISOString();
    return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}
function jobSignature(job) {
    const servers = (job.participatingServers ?? [])
        .map((s) => {
        const actions = (s.launchActionsStatus?.runs ?? []).map((r) => `${r.runId ?? ''}=${r.status ?? ''}`);
        return `${s.sourceServerID}:${s.launchStatus ?? ''}:${s.recoveryInstanceID ?? ''}:${actions.join('+')}`;
    })
        .sort();
    return `${job.status ?? ''}|${servers.join(',')}`;
}
/** Post-launch actions DRS is still running on the job's servers: their results come later. */
function launchActionsRunning(job) {
    return (job.participatingServers ?? []).some((p) => (p.launchActionsStatus?.runs ?? []).some((r) => r.status === 'IN_PROGRESS'));
}
/** Remember recovery instances read from DRS, replacing earlier reads of the same instance. */
function rememberRecoveryInstances(state, found) {
    const fresh = (0,_instances_js__WEBPACK_IMPORTED_MODULE_3__/* .indexRecoveryInstances */ .OW)(found);
    for (const [sourceServerId, list] of fresh) {
        const merged = (0,_instances_js__WEBPACK_IMPORTED_MODULE_3__/* .indexRecoveryInstances */ .OW)([...(state.recoveryInstances.get(sourceServerId) ?? []), ...list]);
        state.recoveryInstances.set(sourceServerId, merged.get(sourceServerId) ?? list);
    }
}
/** The instance a tracked job launched for one of its servers, from every source seen so far. */
function launchedInstance(state, jobId, sourceServerId) {
    const tracked = state.jobs.get(jobId);
    const participant = tracked?.job?.participatingServers?.find((p) => p.sourceServerID === sourceServerId);
    return (0,_instances_js__WEBPACK_IMPORTED_MODULE_3__/* .resolveLaunchedInstance */ .Ys)({
        jobId,
        sourceServerId,
        ...(participant ? { participant } : {}),
        ends: tracked?.launchEnds ?? new Map(),
        recoveryInstances: state.recoveryInstances,
    });
}
/** Whether DRS says the tracked job launched this server (job view or LAUNCH_END). */
function isLaunched(state, jobId, sourceServerId) {
    const tracked = state.jobs.get(jobId);
    const participant = tracked?.job?.participatingServers?.find((p) => p.sourceServerID === sourceServerId);
    return (0,_instances_js__WEBPACK_IMPORTED_MODULE_3__/* .appearsLaunched */ .lx)(participant, tracked?.launchEnds ?? new Map(), sourceServerId);
}
/** EC2 ids of every instance the tracked jobs launched, as far as known. */
function launchedEc2Ids(state) {
    const ids = [];
    for (const tracked of state.jobs.values()) {
        for (const sourceServerId of tracked.sourceServerIds) {
            const id = launchedInstance(state, tracked.jobId, sourceServerId).ec2InstanceId;
            if (id)
                ids.push(id);
        }
    }
    return ids;
}
/** Failures in a row of one read before a warning: one the next poll gets past is a debug line. */
const READ_FAILURES_BEFORE_WARNING = 3;
class TickContext {
    failures;
    moved = false;
    retryAfterMs;
    warnings = [];
    debug = [];
    constructor(failures) {
        this.failures = failures;
    }
    /** `once`: a read that is not tried again, so its failure is a warning at once. */
    async read(what, fn, once = false) {
        try {
            const result = await fn();
            this.failures.delete(what);
            return result;
        }
        catch (e) {
            if ((0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .isThrottling */ .E2)(e)) {
                const hint = (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .retryAfterMs */ .Vs)(e);
                if (hint !== undefined)
                    this.retryAfterMs = Math.max(this.retryAfterMs ?? 0, hint);
            }
            const count = (this.failures.get(what) ?? 0) + 1;
            this.failures.set(what, count);
            const text = `${what} failed, trying again on the next poll: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(e)}`;
            if (once)
                this.warnings.push(`${what} failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(e)}`);
            else if (count === READ_FAILURES_BEFORE_WARNING)
                this.warnings.push(`${what} failed ${count} polls in a row, still trying: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(e)}`);
            else
                this.debug.push(text);
            return undefined;
        }
    }
}
async function pollJobs(deps, state, ctx) {
    const active = [...state.jobs.values()].filter((j) => !j.final);
    if (active.length === 0)
        return;
    const jobs = await ctx.read('DescribeJobs', () => deps.drs.describeJobs(active.map((j) => j.jobId)));
    for (const job of jobs ?? []) {
        const tracked = job.jobID === undefined ? undefined : state.jobs.get(job.jobID);
        if (!tracked)
            continue;
        const before = tracked.job ? jobSignature(tracked.job) : undefined;
        tracked.job = job;
        if (job.status === 'COMPLETED' && tracked.completedAt === undefined)
            tracked.completedAt = (0,_core_durations_js__WEBPACK_IMPORTED_MODULE_1__/* .toUtcIso */ .dT)(job.endDateTime) ?? deps.drs.serverTime() ?? awsNow(deps);
        const signature = jobSignature(job);
        if (signature !== before)
            ctx.moved = true;
        if (tracked.logSignature !== signature) {
            const logs = await ctx.read(`DescribeJobLogItems ${tracked.jobId}`, () => deps.drs.describeJobLogItems(tracked.jobId));
            if (logs) {
                tracked.logs = logs;
                tracked.launchEnds = (0,_instances_js__WEBPACK_IMPORTED_MODULE_3__/* .launchEnds */ .mU)(logs);
                tracked.logSignature = signature;
            }
        }
        tracked.final =
            job.status === 'COMPLETED' && tracked.logSignature === signature && !launchActionsRunning(job);
    }
}
/**
 * Recovery instances of servers DRS says were launched but whose instance of this job is not known yet:
 * looked up by source server (DRS may never put recoveryInstanceID in the job) and matched by jobID.
 */
async function pollRecoveryInstances(deps, state, ctx) {
    const wanted = new Set();
    for (const tracked of state.jobs.values()) {
        for (const sourceServerId of tracked.sourceServerIds) {
            if (!isLaunched(state, tracked.jobId, sourceServerId))
                continue;
            const ref = launchedInstance(state, tracked.jobId, sourceServerId);
            if (!ref.recoveryInstance?.ec2InstanceID)
                wanted.add(sourceServerId);
        }
    }
    if (wanted.size === 0)
        return;
    const found = await ctx.read('DescribeRecoveryInstances', () => deps.drs.describeRecoveryInstances({ sourceServerIds: [...wanted] }));
    if (!found)
        return;
    const before = new Set(launchedEc2Ids(state));
    rememberRecoveryInstances(state, found);
    if (launchedEc2Ids(state).some((id) => !before.has(id)))
        ctx.moved = true;
}
async function tagNewInstances(deps, state, ctx, tags) {
    const fresh = [...new Set(launchedEc2Ids(state))].filter((id) => !state.tagged.has(id));
    if (fresh.length === 0)
        return;
    // Tried once: a missing ec2:CreateTags must cost one warning, not one per poll.
    for (const id of fresh)
        state.tagged.add(id);
    const what = 'Tagging the recovery instances (ec2:CreateTags)';
    await ctx.read(what, () => deps.ec2.createTags(fresh, tags), true);
}
function instanceSignature(i, s) {
    return `${i?.State?.Name ?? ''}|${s?.InstanceState?.Name ?? ''}|${s?.InstanceStatus?.Status ?? ''}|${s?.SystemStatus?.Status ?? ''}`;
}
async function pollInstances(deps, state, ctx, opts) {
    const unseen = [...new Set(launchedEc2Ids(state))].filter((id) => !state.instances.has(id));
    // DescribeInstanceStatus (IncludeAllInstances) also gives the instance state, so an instance waiting
    // for its status checks needs DescribeInstances only once, for its launch time.
    const byStatus = new Set(opts.awaitingStatusChecks);
    const describeIds = [
        ...new Set([
            ...unseen,
            ...opts.awaitingHealth.filter((id) => !byStatus.has(id) || !state.instances.has(id)),
        ]),
    ];
    if (describeIds.length > 0) {
        const instances = await ctx.read('DescribeInstances', () => deps.ec2.describeInstances(describeIds));
        for (const instance of instances ?? []) {
            if (!instance.InstanceId)
                continue;
            const id = instance.InstanceId;
            if (instanceSignature(state.instances.get(id)) !== instanceSignature(instance))
                ctx.moved = true;
            state.instances.set(id, instance);
        }
    }
    if (opts.awaitingStatusChecks.length > 0) {
        const ids = [...opts.awaitingStatusChecks];
        const statuses = await ctx.read('DescribeInstanceStatus', () => deps.ec2.describeInstanceStatus(ids));
        for (const status of statuses ?? []) {
            if (!status.InstanceId)
                continue;
            const id = status.InstanceId;
            if (instanceSignature(undefined, state.statuses.get(id)) !== instanceSignature(undefined, status)) {
                ctx.moved = true;
            }
            state.statuses.set(id, status);
            const instance = state.instances.get(id);
            if (instance && status.InstanceState && instance.State?.Name !== status.InstanceState.Name) {
                state.instances.set(id, { ...instance, State: status.InstanceState });
            }
        }
    }
}
/** One tick. Never throws for an AWS read failure: it comes back as a warning. */
async function pollTick(deps, state, opts) {
    const ctx = new TickContext(state.readFailures);
    await pollJobs(deps, state, ctx);
    await pollRecoveryInstances(deps, state, ctx);
    await tagNewInstances(deps, state, ctx, opts.instanceTags);
    await pollInstances(deps, state, ctx, opts);
    const result = { moved: ctx.moved, warnings: ctx.warnings, debug: ctx.debug };
    if (ctx.retryAfterMs !== undefined)
        result.retryAfterMs = ctx.retryAfterMs;
    return result;
}
/** The shortest interval the poller uses: 2 s, or the bound if that is smaller. */
const BASE_INTERVAL_MS = 2000;
/**
 * Short after something moved, held short while a transition is expected, ×1.5 when nothing moved;
 * never above the bound, except that a throttling Retry-After is always honoured.
 */
function nextPollIntervalMs(input) {
    const base = Math.min(BASE_INTERVAL_MS, input.boundMs);
    let next;
    if (input.previousMs === undefined || input.moved)
        next = base;
    else if (input.nearTransition)
        next = Math.min(input.previousMs * 1.5, 2 * base);
    else
        next = input.previousMs * 1.5;
    next = Math.min(Math.max(next, base), input.boundMs);
    return (0,_core_backoff_js__WEBPACK_IMPORTED_MODULE_4__/* .honourRetryAfter */ .m0)(next, input.retryAfterMs);
}


/***/ }),

/***/ 93370:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D7: () => (/* binding */ concurrentWaveGroups),
/* harmony export */   RH: () => (/* binding */ replicationFindings),
/* harmony export */   fu: () => (/* binding */ EXCLUDE_INPUT_REASON),
/* harmony export */   r2: () => (/* binding */ excludeServers),
/* harmony export */   xZ: () => (/* binding */ matchSelector),
/* harmony export */   yY: () => (/* binding */ resolvePlan)
/* harmony export */ });
/* unused harmony exports sourceServerHostname, hostnameMatches, tagsMatch, describeSelector */
/* harmony import */ var _core_durations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(10119);
/* harmony import */ var _core_quotas_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7254);


/** The name people know a source server by: its hostname, else its FQDN. */
function sourceServerHostname(server) {
    const hints = server.sourceProperties?.identificationHints;
    return hints?.hostname || hints?.fqdn || undefined;
}
function firstLabel(name) {
    return name.split('.')[0] ?? name;
}
/**
 * Case-insensitive match on identificationHints.hostname or .fqdn. A bare name (no dot) also matches the
 * first label of either, since agents report `db-01` in one field and `db-01.corp.example` in the other.
 */
function hostnameMatches(selector, server) {
    const wanted = selector.trim().toLowerCase();
    const hints = server.sourceProperties?.identificationHints;
    const names = [hints?.hostname, hints?.fqdn].filter((n) => !!n).map((n) => n.toLowerCase());
    if (names.includes(wanted))
        return true;
    return !wanted.includes('.') && names.some((n) => firstLabel(n) === wanted);
}
function tagsMatch(tags, server) {
    const actual = server.tags ?? {};
    return Object.entries(tags).every(([key, value]) => actual[key] === value);
}
/**
 * Failback source servers stand for recovery instances replicating back; they share hostname and tags
 * with the originals, so only an explicit id selects one.
 */
function selectable(server) {
    return server.replicationDirection !== 'FAILBACK';
}
function matchSelector(selector, servers) {
    switch (selector.kind) {
        case 'id':
            return servers.filter((s) => s.sourceServerID === selector.sourceServerId);
        case 'hostname':
            return servers.filter((s) => selectable(s) && hostnameMatches(selector.hostname, s));
        case 'tags':
            return servers.filter((s) => selectable(s) && tagsMatch(selector.tags, s));
    }
}
function describeSelector(selector) {
    switch (selector.kind) {
        case 'id':
            return `id ${selector.sourceServerId}`;
        case 'hostname':
            return `hostname ${selector.hostname}`;
        case 'tags':
            return `tags ${Object.entries(selector.tags)
                .map(([k, v]) => `${k}=${v}`)
                .join(', ')}`;
    }
}
function where(position) {
    return `${position.file}:${position.line}:${position.col}`;
}
/**
 * Resolves every selector. Problems: a selector matching nothing, a hostname naming several servers,
 * a server selected twice (same wave or two waves), a wave above what DRS holds in flight.
 */
/** One wave's selectors → source servers; what cannot be resolved goes to `problems`. */
function resolveWave(wave, sourceServers, placed, problems) {
    const resolved = [];
    for (const spec of wave.servers) {
        const matches = matchSelector(spec.selector, sourceServers);
        const label = describeSelector(spec.selector);
        if (matches.length === 0) {
            problems.push({
                wave: wave.name,
                position: spec.position,
                message: `Wave "${wave.name}": the selector ${label} matches no DRS source server in this region`,
                fix: 'Check the selector against the DRS console (Source servers) and the region the plan runs in',
            });
            continue;
        }
        if (spec.selector.kind === 'hostname' && matches.length > 1) {
            problems.push({
                wave: wave.name,
                position: spec.position,
                message: `Wave "${wave.name}": the selector ${label} matches ${matches.length} source servers (${matches
                    .map((s) => s.sourceServerID)
                    .join(', ')})`,
                fix: 'Select the intended server by id, or remove the stale source server from DRS',
            });
            continue;
        }
        for (const server of matches) {
            const sourceServerId = server.sourceServerID;
            if (!sourceServerId)
                continue;
            const hostname = sourceServerHostname(server);
            const earlier = placed.get(sourceServerId);
            if (earlier) {
                const sameWave = earlier.wave === wave.name;
                problems.push({
                    sourceServerId,
                    hostname,
                    wave: wave.name,
                    position: spec.position,
                    message: `Source server ${sourceServerId}${hostname ? ` (${hostname})` : ''} is selected by ${label} in wave "${wave.name}" and already by ${describeSelector(earlier.spec.selector)} in ${sameWave ? 'the same wave' : `wave "${earlier.wave}"`} at ${where(earlier.spec.position)}`,
                    fix: 'A server may be recovered once per run: keep one of the two entries',
                });
                continue;
            }
            placed.set(sourceServerId, { wave: wave.name, spec });
            resolved.push({ sourceServerId, ...(hostname ? { hostname } : {}), spec, sourceServer: server });
        }
    }
    return resolved;
}
function resolvePlan(plan, sourceServers) {
    const problems = [];
    const placed = new Map();
    const waves = [];
    for (const wave of plan.waves) {
        const resolved = resolveWave(wave, sourceServers, placed, problems);
        if (resolved.length > _core_quotas_js__WEBPACK_IMPORTED_MODULE_1__/* .DRS_QUOTAS */ .sT.maxServersInActiveJobs) {
            problems.push({
                wave: wave.name,
                position: wave.position,
                message: `Wave "${wave.name}" resolves to ${resolved.length} source servers; DRS holds at most ${_core_quotas_js__WEBPACK_IMPORTED_MODULE_1__/* .DRS_QUOTAS */ .sT.maxServersInActiveJobs} in active jobs`,
                fix: `Split the wave into waves of at most ${_core_quotas_js__WEBPACK_IMPORTED_MODULE_1__/* .DRS_QUOTAS */ .sT.maxServersInActiveJobs} servers`,
            });
        }
        waves.push({ wave, servers: resolved });
    }
    return { executionPlan: { plan, waves }, problems };
}
const EXCLUDE_INPUT_REASON = 'input exclude';
/**
 * Leaves the servers named in `exclude` (source server ids or hostnames, case-insensitive for
 * hostnames) out of the execution plan. A name that matches no server of the plan is a problem: a
 * typo must not let a server the user meant to protect run anyway. Pure.
 */
function excludeServers(executionPlan, exclude) {
    if (exclude.length === 0)
        return { executionPlan, excluded: [], problems: [] };
    const wanted = exclude.map((e) => e.trim()).filter((e) => e !== '');
    const matches = (rs, name) => rs.sourceServerId === name ||
        (rs.hostname !== undefined && rs.hostname.toLowerCase() === name.toLowerCase());
    const used = new Set();
    const excluded = [];
    const waves = executionPlan.waves.map((rw) => ({
        wave: rw.wave,
        servers: rw.servers.filter((rs) => {
            const hit = wanted.filter((name) => matches(rs, name));
            if (hit.length === 0)
                return true;
            for (const name of hit)
                used.add(name);
            excluded.push({
                sourceServerId: rs.sourceServerId,
                ...(rs.hostname ? { hostname: rs.hostname } : {}),
                wave: rw.wave.name,
                reason: EXCLUDE_INPUT_REASON,
            });
            return false;
        }),
    }));
    const problems = wanted
        .filter((name) => !used.has(name))
        .map((name) => ({
        message: `input exclude: "${name.slice(0, 80)}" is not a source server id or hostname of any server this plan selects`,
        fix: 'Use a source server id (s-…) or a hostname from the plan’s resolved servers',
    }));
    return { executionPlan: { ...executionPlan, waves }, excluded, problems };
}
/**
 * Waves grouped by depth in the dependency graph (longest path from a wave with no dependencies): the
 * waves that would run side by side if every wave took as long as every other.
 */
function concurrentWaveGroups(plan) {
    const depth = new Map();
    const byName = new Map(plan.waves.map((w) => [w.name, w]));
    const visit = (name, path) => {
        const known = depth.get(name);
        if (known !== undefined)
            return known;
        if (path.has(name))
            return 0; // cycles are reported by plan validation; do not loop here
        path.add(name);
        const parents = (byName.get(name)?.dependsOn ?? []).filter((p) => byName.has(p));
        const d = parents.length === 0 ? 0 : 1 + Math.max(...parents.map((p) => visit(p, path)));
        depth.set(name, d);
        return d;
    };
    const groups = [];
    for (const w of plan.waves) {
        const d = visit(w.name, new Set());
        groups[d] = [...(groups[d] ?? []), w.name];
    }
    return groups.filter((g) => g.length > 0);
}
const REPLICATION_WARN = new Set(['BACKLOG', 'CREATING_SNAPSHOT', 'RESCAN']);
/** Replication state, replication errors and lag against the plan's RPO. */
function replicationFindings(server, rpoSeconds) {
    const out = [];
    if (server.replicationDirection === 'FAILBACK') {
        out.push({
            level: 'error',
            message: 'is a failback source server (it replicates a recovery instance back), not a server to recover',
            fix: 'Select the original source server instead',
        });
    }
    const info = server.dataReplicationInfo;
    const state = info?.dataReplicationState;
    if (state !== 'CONTINUOUS') {
        const warn = state !== undefined && REPLICATION_WARN.has(state);
        out.push({
            level: warn ? 'warning' : 'error',
            message: `replication state is ${state ?? 'unknown'}, not CONTINUOUS`,
            fix: warn
                ? 'Recovery works but may use older data; drill when replication is CONTINUOUS'
                : 'Fix replication in the DRS console (agent, network, replication server) until it is CONTINUOUS',
        });
    }
    const replicationError = info?.dataReplicationError;
    if (replicationError?.error) {
        out.push({
            level: 'error',
            message: `replication error ${replicationError.error}${replicationError.rawError ? `: ${replicationError.rawError}` : ''}`,
            fix: 'Resolve the replication error shown in the DRS console',
        });
    }
    const lag = info?.lagDuration;
    if (lag !== undefined && rpoSeconds !== undefined) {
        const lagSeconds = (0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .parseIsoDuration */ .pU)(lag);
        if (lagSeconds === undefined) {
            out.push({
                level: 'warning',
                message: `replication lag "${lag}" is not an ISO-8601 duration; RPO not checked`,
            });
        }
        else if (lagSeconds > rpoSeconds) {
            out.push({
                level: 'error',
                message: `replication lag ${(0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatTargetDuration */ .HU)(lagSeconds)} exceeds the plan's RPO of ${(0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatTargetDuration */ .HU)(rpoSeconds)}`,
                fix: 'Wait for replication to catch up, or check the replication bandwidth',
            });
        }
    }
    return out;
}


/***/ }),

/***/ 54277:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vj: () => (/* binding */ wavesLeftMessage),
/* harmony export */   ZS: () => (/* binding */ unknownWaves),
/* harmony export */   dR: () => (/* binding */ selectStepWaves),
/* harmony export */   hK: () => (/* binding */ wavesOnRecord),
/* harmony export */   mX: () => (/* binding */ jobsOfWaves)
/* harmony export */ });
/* unused harmony export parseCheckRecord */
/* harmony import */ var _core_durations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(10119);
/* harmony import */ var _core_tags_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(52766);


const CHECK_STATUSES = ['running', 'passed', 'failed', 'timed-out', 'skipped'];
/** `<check>=<status>` entries joined by `/` (step-record.ts), each read back; anything else is dropped. */
function parseCheckRecord(value) {
    if (!value)
        return undefined;
    return value.split('/').flatMap((entry) => {
        const at = entry.lastIndexOf('=');
        const name = entry.slice(0, at);
        const status = entry.slice(at + 1);
        return at > 0 && CHECK_STATUSES.includes(status) ? [{ name, status: status }] : [];
    });
}
const STATUSES = ['succeeded', 'failed', 'timed-out', 'skipped', 'cancelled'];
/** One verdict shared by every job of the wave, else undefined (a job without it: not finished). */
function commonTag(jobs, key) {
    const values = new Set(jobs.map((j) => j.tags?.[key]));
    if (values.size !== 1)
        return undefined;
    return [...values][0];
}
/** This execution's recovery jobs by wave (oldest first), with what their tags record. */
function wavesOnRecord(own) {
    const byWave = new Map();
    for (const job of own) {
        const wave = job.tags?.[_core_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.wave];
        if (!wave || job.type === 'TERMINATE')
            continue;
        byWave.set(wave, [...(byWave.get(wave) ?? []), job]);
    }
    const out = new Map();
    for (const [name, jobs] of byWave) {
        jobs.sort((a, b) => ((0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .parseInstant */ .nV)(a.creationDateTime) ?? 0) - ((0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .parseInstant */ .nV)(b.creationDateTime) ?? 0));
        const status = commonTag(jobs, _core_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.waveStatus);
        const endedAt = commonTag(jobs, _core_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.waveEndedAt);
        const step = commonTag(jobs, _core_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.step);
        const checks = parseCheckRecord(commonTag(jobs, _core_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.waveChecks));
        const checksPassedAt = commonTag(jobs, _core_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.checksPassedAt);
        out.set(name, {
            name,
            jobs,
            ...(status && STATUSES.includes(status) ? { status: status } : {}),
            ...(endedAt ? { endedAt } : {}),
            ...(step ? { step } : {}),
            ...(checks ? { checks } : {}),
            ...(checksPassedAt ? { checksPassedAt } : {}),
        });
    }
    return out;
}
function quoteList(names) {
    return names.map((n) => `"${n}"`).join(', ');
}
function stepOf(record) {
    return record.step ? `step "${record.step}"` : 'an earlier step';
}
/** Why the dependency `dep` of wave `wave` stops this step, or undefined when it is satisfied. */
function dependencyRefusal(wave, dep, run, records) {
    if (run.has(dep))
        return undefined;
    const record = records.get(dep);
    if (record?.status === 'succeeded')
        return undefined;
    const head = `Wave "${wave}" depends on wave "${dep}"`;
    if (record?.status !== undefined) {
        return `${head}, which ${record.status} in ${stepOf(record)} of this execution: wave "${wave}" cannot run. Nothing was started.`;
    }
    if (record) {
        const ids = record.jobs.map((j) => j.jobID).join(', ');
        return (`${head}, whose DRS job(s) ${ids}, started by ${stepOf(record)}, never finished (the step was ` +
            'cancelled or failed before it recorded the wave\'s outcome): wave "' +
            `${wave}" cannot run. Nothing was started.`);
    }
    return (`input waves: wave "${wave}" depends on wave "${dep}", which is neither in this step's waves nor ` +
        `succeeded in an earlier step of this execution: add "${dep}" to waves, or run it in an earlier job ` +
        'of this workflow run. Nothing was started.');
}
/** Why the input `waves` names a wave the plan does not have, or undefined when it names none. */
function unknownWaves(names, requested) {
    const unknown = [...new Set(requested.filter((r) => !names.includes(r)))];
    if (unknown.length === 0)
        return undefined;
    return `input waves: ${unknown.length === 1 ? 'unknown wave' : 'unknown waves'} ${quoteList(unknown)}; the plan's waves are ${quoteList(names)}. Nothing was started.`;
}
/**
 * Which waves this step runs. `requested` is the input (empty: every wave no earlier step decided).
 * Unknown names and waves whose dependencies neither run here nor succeeded earlier are refused.
 */
function selectStepWaves(waves, requested, records) {
    const names = waves.map((w) => w.name);
    const refusals = [];
    const notes = [];
    const unknown = unknownWaves(names, requested);
    if (unknown)
        refusals.push(unknown);
    const decided = new Set(names.filter((n) => records.get(n)?.status !== undefined));
    const asked = requested.length > 0 ? new Set(requested) : new Set(names.filter((n) => !decided.has(n)));
    for (const name of names) {
        const record = records.get(name);
        if (!asked.has(name) || record?.status === undefined || requested.length === 0)
            continue;
        if (record.status === 'succeeded')
            notes.push(`Wave "${name}" already succeeded in ${stepOf(record)} of this execution: not started again.`);
        else
            refusals.push(`input waves: wave "${name}" already ran in ${stepOf(record)} of this execution and ${record.status}; a workflow run runs each wave once. Start a new workflow run to run it again. Nothing was started.`);
    }
    const run = names.filter((n) => asked.has(n) && !decided.has(n));
    const runSet = new Set(run);
    for (const wave of waves) {
        if (!runSet.has(wave.name))
            continue;
        for (const dep of wave.dependsOn) {
            const why = dependencyRefusal(wave.name, dep, runSet, records);
            if (why)
                refusals.push(why);
        }
    }
    return {
        run,
        earlier: names.filter((n) => decided.has(n)),
        remaining: names.filter((n) => !runSet.has(n) && !decided.has(n)),
        refusals,
        notes,
        multiStep: requested.length > 0 || decided.size > 0,
    };
}
/** Earlier jobs of the waves this step runs: an earlier attempt of this step started them (resume). */
function jobsOfWaves(own, waves) {
    const set = new Set(waves);
    return own.filter((j) => set.has(j.tags?.[_core_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.wave] ?? ''));
}
/** The summary's line for a step that succeeded with waves still to run. */
function wavesLeftMessage(remaining, isDrill) {
    return `Waves left: ${remaining.join(', ')}. ${isDrill ? 'The drill instances are kept running for the next step' : 'The recovered instances stay up for the next step'} of this workflow run, which runs them (same execution id).`;
}


/***/ }),

/***/ 23941:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BJ: () => (/* binding */ describeProblem),
/* harmony export */   EO: () => (/* binding */ checkWaveNames),
/* harmony export */   VV: () => (/* binding */ reserveMs),
/* harmony export */   Zv: () => (/* binding */ resolveRegion),
/* harmony export */   lK: () => (/* binding */ checkRecoveryGuard)
/* harmony export */ });
/* unused harmony export CLI_EVENT */
/* harmony import */ var _engine_steps_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(54277);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/**
 * What a drill or recovery settles before it touches AWS: the outside world it is given, its region,
 * the recovery guard, and how problems read. Shared by drill, recovery, cleanup and the PR readiness.
 */


/**
 * The event name the break-glass CLI runs under: a person at a terminal, as manual as a
 * workflow_dispatch. Only the CLI sets it (GitHub does not let a workflow change GITHUB_EVENT_NAME).
 */
const CLI_EVENT = 'terminal';
/** Part of timeout-minutes kept back to capture evidence and clean up after the waves. */
function reserveMs(timeoutMs) {
    return Math.min(5 * 60_000, Math.round(timeoutMs * 0.1));
}
function resolveRegion(inputs, plan, env) {
    const region = inputs.region ?? plan.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (!region) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo('No AWS region: set the plan\'s "region", the action input region, or AWS_REGION.');
    }
    return region;
}
/** A recovery is irreversible: it runs only when asked for by name, from a manual trigger. */
function checkRecoveryGuard(inputs, plan, eventName) {
    if (inputs.confirm !== plan.name) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`mode recovery starts a real, irreversible recovery: set the input confirm to the plan's name "${plan.name}" to proceed${inputs.confirm ? ` (got "${inputs.confirm}")` : ''}.`);
    }
    if (eventName !== 'workflow_dispatch' && eventName !== 'repository_dispatch' && eventName !== CLI_EVENT) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`mode recovery runs only from a workflow_dispatch or repository_dispatch event (or the drs-drill command), not from "${eventName ?? 'unknown'}".`);
    }
}
/** Input `waves` names only waves of the plan: a typo must stop the step before anything is read or started. */
/** A wave name the plan does not have is an input error: refused before anything is read. */
function checkWaveNames(plan, waves) {
    const unknown = (0,_engine_steps_js__WEBPACK_IMPORTED_MODULE_0__/* .unknownWaves */ .ZS)(plan.waves.map((w) => w.name), waves);
    if (unknown)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(unknown);
}
function describeProblem(p) {
    const who = p.sourceServerId && !p.message.includes(p.sourceServerId)
        ? `${p.sourceServerId}${p.hostname ? ` (${p.hostname})` : ''}: `
        : '';
    const where = p.wave ? `wave ${p.wave}: ` : '';
    return `${where}${who}${p.message}${p.fix ? ` — ${p.fix}` : ''}`;
}


/***/ })

};
