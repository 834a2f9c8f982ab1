export const id = 739;
export const ids = [739];
export const modules = {

/***/ 80234:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BW: () => (/* binding */ cleanupScope),
/* harmony export */   BX: () => (/* reexport safe */ _terminate_js__WEBPACK_IMPORTED_MODULE_2__.BX),
/* harmony export */   J9: () => (/* binding */ selectDrillInstancesForCleanup),
/* harmony export */   Th: () => (/* reexport safe */ _terminate_js__WEBPACK_IMPORTED_MODULE_2__.Th),
/* harmony export */   Wo: () => (/* binding */ cleanupDrillInstances)
/* harmony export */ });
/* unused harmony exports cleanupSkipReason, scopeOfReport, LAUNCH_WAIT_MS, sortRunInstances */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _deadline_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7964);
/* harmony import */ var _terminate_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(60469);




function skipped(policy, reason) {
    return { policy, status: 'skipped', reason, terminateJobIds: [], instances: [] };
}
/** Why cleanup does not run for this report, or undefined when it should. */
function cleanupSkipReason(report, policy) {
    if (!report.isDrill || report.mode === 'recovery')
        return 'a recovery never cleans up its instances';
    if (policy === 'never')
        return 'cleanup is "never": the drill instances are left running';
    if (policy === 'on-success' && report.status !== 'succeeded') {
        return `cleanup is "on-success" and the run ${report.status}: the drill instances are left for inspection`;
    }
    return undefined;
}
/** The scope of a run's own report: its jobs, their servers, and the instances it saw. */
function scopeOfReport(report) {
    const servers = report.waves.flatMap((w) => w.servers);
    return {
        jobIds: [...new Set(report.waves.flatMap((w) => w.jobs.map((j) => j.jobId)))],
        sourceServerIds: [
            ...new Set([
                ...report.waves.flatMap((w) => w.jobs.flatMap((j) => j.sourceServerIds)),
                ...servers.filter((s) => s.jobId).map((s) => s.sourceServerId),
            ]),
        ],
        seen: servers.flatMap((s) => s.recoveryInstanceId || s.ec2InstanceId
            ? [
                {
                    sourceServerId: s.sourceServerId,
                    ...(s.recoveryInstanceId ? { recoveryInstanceId: s.recoveryInstanceId } : {}),
                    ...(s.ec2InstanceId ? { ec2InstanceId: s.ec2InstanceId } : {}),
                },
            ]
            : []),
    };
}
const GONE_EC2_STATES = new Set(['terminated', 'shutting-down']);
/**
 * Instances the run saw launched that DRS no longer lists: gone when EC2 says so (or does not know
 * the id), otherwise still running and left behind, which the report must say.
 */
async function checkUnlisted(deps, unlisted, opts) {
    const ec2Ids = unlisted.flatMap((u) => (u.ec2InstanceId ? [u.ec2InstanceId] : []));
    let states;
    if (deps.ec2 && ec2Ids.length > 0) {
        try {
            const found = await (0,_terminate_js__WEBPACK_IMPORTED_MODULE_2__/* .read */ .LF)(deps, opts, () => deps.ec2.describeInstances(ec2Ids));
            states = new Map(found.map((i) => [i.InstanceId ?? '', i.State?.Name ?? 'unknown']));
        }
        catch (e) {
            deps.log.warning(`Could not check the EC2 state of instances DRS no longer lists: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e)}`);
        }
    }
    return unlisted.map((u) => {
        const state = u.ec2InstanceId ? states?.get(u.ec2InstanceId) : undefined;
        const base = {
            recoveryInstanceId: u.recoveryInstanceId ?? u.ec2InstanceId ?? '',
            ...(u.ec2InstanceId ? { ec2InstanceId: u.ec2InstanceId } : {}),
            sourceServerId: u.sourceServerId,
        };
        if (!states || !u.ec2InstanceId)
            return {
                ...base,
                result: 'not found in DRS any more (already terminated, or replaced by a later launch?)',
            };
        if (state === undefined || GONE_EC2_STATES.has(state))
            return { ...base, result: `already gone: DRS no longer lists it and EC2 says ${state ?? 'not found'}` };
        return {
            ...base,
            result: `LEFT RUNNING: DRS no longer tracks it but EC2 instance ${u.ec2InstanceId} is ${state}; terminate it by hand`,
        };
    });
}
/** How long cleanup waits for the run's launch jobs still running (the issue's cleanup budget). */
const LAUNCH_WAIT_MS = 15 * 60_000;
/** Launch jobs of the scope still running: their instances appear later, so cleanup waits (bounded). */
async function settleLaunchJobs(deps, jobIds, opts) {
    if (jobIds.length === 0)
        return [];
    let first;
    try {
        first = await (0,_terminate_js__WEBPACK_IMPORTED_MODULE_2__/* .read */ .LF)(deps, opts, () => deps.drs.describeJobs([...jobIds]));
    }
    catch (e) {
        deps.log.warning(`Could not read the run's DRS jobs before cleaning up: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e)}`);
        return [];
    }
    const initial = new Map(first.flatMap((j) => (j.jobID ? [[j.jobID, j]] : [])));
    const active = jobIds.filter((id) => initial.has(id) && initial.get(id)?.status !== 'COMPLETED');
    if (active.length === 0)
        return [];
    deps.log.info(`Cleanup: waiting for ${active.length} DRS job(s) still launching: ${active.join(', ')}`);
    const seen = await (0,_terminate_js__WEBPACK_IMPORTED_MODULE_2__/* .waitForJobs */ .pf)(deps, active, opts, initial);
    return active.filter((id) => seen.get(id)?.status !== 'COMPLETED');
}
/**
 * Terminates every drill instance a run's jobs launched: waits (within the deadline) for launch jobs
 * still running, finds the instances by source server and job id (DRS may never name them in the job),
 * terminates only those DRS marks `isDrill` and that one of the run's jobs created, and checks the ones
 * the run saw that DRS no longer lists. Never throws for an AWS failure.
 */
async function cleanupScope(deps, scope, opts) {
    const result = {
        policy: opts.policy,
        status: 'succeeded',
        terminateJobIds: [],
        instances: [],
    };
    if (scope.jobIds.length === 0)
        return { ...result, reason: 'this run started no DRS job' };
    // No read may keep cleanup past its deadline: a hung one fails, and the post step takes over.
    deps = {
        ...deps,
        drs: (0,_deadline_js__WEBPACK_IMPORTED_MODULE_1__/* .untilDeadline */ .Hm)(deps.drs, deps.clock, opts.deadline, 'the cleanup'),
        ...(deps.ec2 ? { ec2: (0,_deadline_js__WEBPACK_IMPORTED_MODULE_1__/* .untilDeadline */ .Hm)(deps.ec2, deps.clock, opts.deadline, 'the cleanup') } : {}),
    };
    // Launch jobs get at most LAUNCH_WAIT_MS, and never the time the terminations need.
    const now = deps.clock.now();
    const settleBy = Math.min(now + LAUNCH_WAIT_MS, opts.deadline - Math.min(5 * 60_000, (opts.deadline - now) / 2));
    const stillLaunching = opts.dryRun
        ? []
        : await settleLaunchJobs(deps, scope.jobIds, { ...opts, deadline: settleBy });
    let found;
    try {
        found = await (0,_terminate_js__WEBPACK_IMPORTED_MODULE_2__/* .readRecoveryInstances */ .yN)(deps, scope.sourceServerIds, opts);
    }
    catch (e) {
        return {
            ...result,
            status: 'failed',
            reason: `could not read the recovery instances: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(e)}`,
        };
    }
    const { chosen, leftAlone, unlisted } = sortRunInstances(found, scope);
    result.instances.push(...leftAlone);
    const checked = await checkUnlisted(deps, unlisted, opts);
    const terminated = await (0,_terminate_js__WEBPACK_IMPORTED_MODULE_2__/* .terminateDrillInstances */ .BX)(deps, chosen, opts);
    result.terminateJobIds = terminated.terminateJobIds;
    result.instances.push(...terminated.instances, ...checked);
    if (opts.dryRun)
        return { ...result, status: 'dry-run' };
    const problems = cleanupProblems(terminated.allGone, checked, stillLaunching);
    if (problems.length > 0)
        return { ...result, status: 'failed', reason: problems.join('; ') };
    if (chosen.length === 0 && result.instances.length === 0)
        return { ...result, reason: 'no drill instance of this run was found in DRS' };
    return result;
}
/**
 * The recovery instances the run's jobs created, by what cleanup does with them: terminate (drill
 * instances), leave (DRS does not call them drill instances, or they are gone); and the instances the
 * run saw that DRS no longer lists. Pure.
 */
function sortRunInstances(found, scope) {
    const runJobIds = new Set(scope.jobIds);
    const ofRun = found.filter((ri) => ri.jobID !== undefined && runJobIds.has(ri.jobID));
    const chosen = [];
    const leftAlone = [];
    for (const ri of ofRun) {
        if (ri.isDrill !== true)
            leftAlone.push((0,_terminate_js__WEBPACK_IMPORTED_MODULE_2__/* .cleanupEntry */ .Th)(ri, 'left alone: DRS does not mark it as a drill instance'));
        else if (ri.ec2InstanceState === 'TERMINATED')
            leftAlone.push((0,_terminate_js__WEBPACK_IMPORTED_MODULE_2__/* .cleanupEntry */ .Th)(ri, 'already terminated'));
        else
            chosen.push(ri);
    }
    const listed = new Set(ofRun.flatMap((ri) => [ri.recoveryInstanceID, ri.ec2InstanceID]));
    const unlisted = (scope.seen ?? []).filter((s) => !listed.has(s.recoveryInstanceId) && !listed.has(s.ec2InstanceId));
    return { chosen, leftAlone, unlisted };
}
/** Why a cleanup that ran did not leave the run clean, if it did not. Pure. */
function cleanupProblems(allGone, checked, stillLaunching) {
    const leftRunning = checked.filter((c) => c.result.startsWith('LEFT RUNNING'));
    return [
        ...(allGone ? [] : ['some drill instances were not confirmed terminated; see the instance list']),
        ...(leftRunning.length > 0
            ? [`${leftRunning.length} instance(s) DRS no longer tracks are still running`]
            : []),
        ...(stillLaunching.length > 0
            ? [
                `DRS job(s) ${stillLaunching.join(', ')} were still launching when cleanup ran out of time: ` +
                    'instances they launch later are left to the post step and to mode: cleanup',
            ]
            : []),
    ];
}
/** Terminate this run's drill instances per the cleanup policy. Never throws for an AWS failure. */
async function cleanupDrillInstances(deps, report, opts) {
    const reason = cleanupSkipReason(report, opts.policy);
    if (reason)
        return skipped(opts.policy, reason);
    return cleanupScope(deps, scopeOfReport(report), opts);
}
/**
 * For the cleanup mode: the drill instances of the given source servers, optionally only those older
 * than `olderThanSeconds`. Age is taken from `launchTimes` (EC2 LaunchTime by ec2InstanceId) when
 * given; without a launch time an age filter keeps the instance out (never terminate on a guess).
 */
function selectDrillInstancesForCleanup(instances, opts) {
    const now = Date.parse(opts.now);
    return instances.filter((ri) => {
        if (ri.isDrill !== true)
            return false;
        if (!ri.sourceServerID || !opts.sourceServerIds.has(ri.sourceServerID))
            return false;
        if (opts.olderThanSeconds === undefined)
            return true;
        const launchedAt = ri.ec2InstanceID ? opts.launchTimes?.get(ri.ec2InstanceID) : undefined;
        if (launchedAt === undefined)
            return false;
        return now - Date.parse(launchedAt) >= opts.olderThanSeconds * 1000;
    });
}


/***/ }),

/***/ 54760:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ engineLog)
/* harmony export */ });
/** The engine's log on a run's IO (the toolkit in the action, the terminal in the CLI). */
function engineLog(io) {
    return {
        info: (m) => io.info(m),
        warning: (m) => io.warning(m),
        error: (m) => io.error(m),
        debug: (m) => io.debug(m),
        group: (name, fn) => io.group(name, fn),
    };
}


/***/ }),

/***/ 90099:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lq: () => (/* binding */ priorJobsByChunk),
/* harmony export */   Mc: () => (/* binding */ resumeNote),
/* harmony export */   V9: () => (/* binding */ executionRefusal),
/* harmony export */   c: () => (/* binding */ recentJobs),
/* harmony export */   oh: () => (/* binding */ findExecutionJobs),
/* harmony export */   vj: () => (/* binding */ chunkKey)
/* harmony export */ });
/* unused harmony exports RESUME_LOOKBACK_MS, classifyJobs, concurrentExecutionMessage, launchedServers, finishedExecutionMessage, checkFinishedExecution */
/* harmony import */ var _core_durations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(10119);
/* harmony import */ var _core_tags_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(52766);
/* harmony import */ var _instances_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(86122);
/* harmony import */ var _start_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(35798);




/**
 * How far back to look for this execution's jobs and for other executions' active ones. GitHub allows
 * re-runs long after a run started, but a job still active after a week is not one this action left.
 */
const RESUME_LOOKBACK_MS = 7 * 24 * 3600 * 1000;
function isRecoveryJob(job) {
    return job.type !== 'TERMINATE' && job.jobID !== undefined;
}
/** Sorts the jobs DRS returned into this execution's own and the same plan's other active ones. Pure. */
function classifyJobs(jobs, executionId, planName) {
    const own = [];
    const otherExecutions = [];
    for (const job of jobs) {
        if (!isRecoveryJob(job))
            continue;
        const tags = job.tags ?? {};
        if (tags[_core_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.executionId] === executionId)
            own.push(job);
        else if (tags[_core_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.plan] === planName && job.status !== 'COMPLETED')
            otherExecutions.push(job);
    }
    own.sort((a, b) => ((0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .parseInstant */ .nV)(a.creationDateTime) ?? 0) - ((0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .parseInstant */ .nV)(b.creationDateTime) ?? 0));
    return { own, otherExecutions };
}
/** One DescribeJobs pass (all pages) over the lookback window, classified. */
async function findExecutionJobs(deps, executionId, planName) {
    return classifyJobs(await recentJobs(deps), executionId, planName);
}
/** Every job of the lookback window (all pages, retried): what executions DRS still knows of. */
function recentJobs(deps) {
    // AWS's clock when a DRS answer has shown it: the runner's may be off, the emulator's is elsewhere.
    const now = Date.parse(deps.drs.serverTime() ?? new Date(deps.clock.now()).toISOString());
    return (0,_start_js__WEBPACK_IMPORTED_MODULE_3__/* .readJobsSince */ .x0)(deps, new Date(now - RESUME_LOOKBACK_MS).toISOString());
}
/** Why this run must not start: another execution of the same plan still has active jobs. */
function concurrentExecutionMessage(planName, others) {
    if (others.length === 0)
        return undefined;
    const executions = [...new Set(others.map((j) => j.tags?.[_core_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.executionId] ?? 'unknown'))];
    const runUrls = [...new Set(others.flatMap((j) => (j.tags?.[_core_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.runUrl] ? [j.tags[_core_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.runUrl]] : [])))];
    return (`Another execution of plan "${planName}" is running (${executions.join(', ')}): DRS job(s) ` +
        `${others.map((j) => j.jobID).join(', ')} are still active. Nothing was started; wait for it to end` +
        `${runUrls.length > 0 ? ` (${runUrls.join(', ')})` : ''} or cancel it, then run again.`);
}
/** Key of one chunk of one wave, as the tags on its job name it. */
function chunkKey(waveName, chunkTag) {
    return `${waveName}\u0000${chunkTag}`;
}
/**
 * This execution's earlier jobs by wave and chunk. When one chunk somehow has two jobs (a lost answer
 * adopted late), the oldest wins: it is the one whose servers DRS launched first.
 */
function priorJobsByChunk(own) {
    const byChunk = new Map();
    for (const job of own) {
        const wave = job.tags?.[_core_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.wave];
        const chunk = job.tags?.[_core_tags_js__WEBPACK_IMPORTED_MODULE_1__/* .TAG */ .Dk.chunk];
        if (!wave || !chunk)
            continue;
        const key = chunkKey(wave, chunk);
        if (!byChunk.has(key))
            byChunk.set(key, job);
    }
    return byChunk;
}
/** One line for people about what a re-run attached to. */
function resumeNote(own) {
    if (own.length === 0)
        return undefined;
    const active = own.filter((j) => j.status !== 'COMPLETED').length;
    return (`Resumed: an earlier attempt of this execution started ${own.length} DRS job(s) ` +
        `(${own.map((j) => j.jobID).join(', ')}; ${active} still active). This attempt attached to them ` +
        'instead of starting them again; health times of their servers are when this attempt observed them.');
}
/** (job, source server) pairs the jobs say they launched. */
function launchedServers(jobs) {
    return jobs.flatMap((j) => (j.participatingServers ?? []).flatMap((p) => p.launchStatus === 'LAUNCHED' && p.sourceServerID && j.jobID
        ? [{ jobId: j.jobID, sourceServerId: p.sourceServerID }]
        : []));
}
/**
 * An earlier attempt that ran to its end and cleaned up leaves COMPLETED jobs whose instances are gone.
 * Attaching to them would wait for instances that will never appear: say so instead. `instances` are
 * the recovery instances DRS lists now for those jobs' servers; each launch is matched by its job id
 * (DRS may never have named the instance in the job). Pure.
 */
function finishedExecutionMessage(own, instances) {
    if (own.length === 0 || own.some((j) => j.status !== 'COMPLETED'))
        return undefined;
    const index = (0,_instances_js__WEBPACK_IMPORTED_MODULE_2__/* .indexRecoveryInstances */ .OW)(instances);
    const gone = launchedServers(own).filter((l) => (0,_instances_js__WEBPACK_IMPORTED_MODULE_2__/* .recoveryInstanceOfJob */ .lV)(index, l.jobId, l.sourceServerId) === undefined);
    if (gone.length === 0)
        return undefined;
    return (`An earlier attempt of this workflow run already ran this plan to its end: its ${own.length} DRS ` +
        `job(s) (${own.map((j) => j.jobID).join(', ')}) are complete and ${gone.length} of their recovery ` +
        'instances were terminated since. A re-run resumes that execution rather than starting a new one, ' +
        'so nothing was started: start a new workflow run to run the plan again.');
}
/** Reads which of the instances the jobs launched still exist, and returns the refusal if any are gone. */
async function checkFinishedExecution(deps, own) {
    if (own.length === 0 || own.some((j) => j.status !== 'COMPLETED'))
        return undefined;
    const servers = [...new Set(launchedServers(own).map((l) => l.sourceServerId))];
    if (servers.length === 0)
        return undefined;
    return finishedExecutionMessage(own, await deps.drs.describeRecoveryInstances({ sourceServerIds: servers }));
}
/** Why this run must not start: another execution of the plan runs, or this one already ended. */
async function executionRefusal(deps, planName, prior) {
    return (concurrentExecutionMessage(planName, prior.otherExecutions) ??
        (await checkFinishedExecution(deps, prior.own)));
}


/***/ }),

/***/ 35798:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bf: () => (/* binding */ chunkTagValue),
/* harmony export */   K9: () => (/* binding */ buildStartRequest),
/* harmony export */   qN: () => (/* binding */ attemptStart),
/* harmony export */   x0: () => (/* binding */ readJobsSince)
/* harmony export */ });
/* unused harmony exports buildStartTags, findJobByTags */
/* harmony import */ var _aws_gateways_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(66298);
/* harmony import */ var _aws_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22495);
/* harmony import */ var _core_backoff_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(93915);
/* harmony import */ var _core_tags_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(52766);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/**
 * One StartRecovery attempt for one chunk of a wave, and what to do when it does not go through.
 * The run loop calls `attemptStart` whenever the chunk's next attempt is due, so waits never block
 * polling of the jobs already running.
 *
 * StartRecovery has no client token: after a 5xx, a timeout, a dropped connection or an answer that
 * names no job, the job may exist even though we never learnt its id. Before starting again we look
 * for it by its tags and adopt it.
 */





/** How far before a lost call to look for its job: covers clock skew between runner and AWS. */
const LOOKBACK_MS = 5 * 60_000;
function chunkTagValue(chunkIndex, chunkCount) {
    return `${chunkIndex + 1}/${chunkCount}`;
}
/** The tags of a StartRecovery (product spec "Tags"); values cut to DRS's 256 characters. */
function buildStartTags(ctx, chunk, startedAt) {
    const tags = {
        [_core_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .Dk.executionId]: ctx.executionId,
        [_core_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .Dk.mode]: ctx.mode,
        [_core_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .Dk.plan]: chunk.planName,
        [_core_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .Dk.wave]: chunk.waveName,
        [_core_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .Dk.waveIndex]: String(chunk.waveIndex),
        [_core_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .Dk.chunk]: chunkTagValue(chunk.chunkIndex, chunk.chunkCount),
        [_core_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .Dk.initiatedBy]: ctx.initiatedBy,
        [_core_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .Dk.repository]: ctx.repository,
        [_core_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .Dk.runUrl]: ctx.runUrl,
        [_core_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .Dk.commit]: ctx.commit,
        [_core_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .Dk.startedAt]: startedAt,
        [_core_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .Dk.step]: ctx.step,
    };
    const result = {};
    for (const [key, value] of Object.entries(tags)) {
        if (value !== undefined && value !== '')
            result[key] = (0,_core_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .cutTagValue */ .sS)(value);
    }
    return result;
}
function buildStartRequest(ctx, chunk, startedAt) {
    return {
        sourceServers: chunk.servers.map((s) => {
            const snapshot = s.spec.snapshot ?? s.recoverySnapshot?.id;
            return snapshot
                ? { sourceServerID: s.sourceServerId, recoverySnapshotID: snapshot }
                : { sourceServerID: s.sourceServerId };
        }),
        isDrill: ctx.isDrill,
        tags: buildStartTags(ctx, chunk, startedAt),
    };
}
/** The job this chunk started, found by the tags that identify it (execution, wave, chunk). */
function findJobByTags(jobs, tags) {
    const keys = [_core_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .Dk.executionId, _core_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .Dk.wave, _core_tags_js__WEBPACK_IMPORTED_MODULE_2__/* .TAG */ .Dk.chunk];
    return jobs.find((job) => job.type !== 'TERMINATE' && keys.every((k) => tags[k] !== undefined && job.tags?.[k] === tags[k]));
}
function nowIso(deps) {
    return deps.drs.serverTime() ?? new Date(deps.clock.now()).toISOString();
}
function isQuotaExceeded(e) {
    return (typeof e === 'object' && e !== null && e.name === 'ServiceQuotaExceededException');
}
/** The wait after a failed attempt: half fixed, half jittered (never zero, still spread out), and never
 * shorter than a throttling answer's Retry-After. */
function backoff(deps, e, attempt, baseMs, maxMs) {
    return (0,_core_backoff_js__WEBPACK_IMPORTED_MODULE_4__/* .retryDelayMs */ .qO)(attempt, { baseMs, maxMs, floorMs: Math.ceil(baseMs / 2) }, { retryAfterMs: (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .retryAfterMs */ .Vs)(e), random: deps.random });
}
/** Jobs created since `since`, retrying transient read failures: the look-up resume and lost answers share. */
function readJobsSince(deps, since) {
    return (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .withRetry */ .bD)(() => deps.drs.describeJobsSince(since), {
        isRetryable: _aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .isTransient */ .dg,
        maxAttempts: 3,
        baseMs: 1000,
        maxMs: 10_000,
        sleep: (ms) => deps.clock.sleep(ms),
        ...(deps.random ? { random: deps.random } : {}),
    });
}
async function lookForLostJob(deps, since, tags) {
    return findJobByTags(await readJobsSince(deps, since), tags);
}
/**
 * One attempt. Mutates `state` (attempt count, ambiguity) and returns what happened; the caller
 * schedules the next attempt from `delayMs` and bounds the whole by the wave's timeout.
 */
async function attemptStart(deps, request, state) {
    state.attempts += 1;
    const attempt = state.attempts;
    if (state.ambiguousSince !== undefined) {
        try {
            const job = await lookForLostJob(deps, state.ambiguousSince, request.tags);
            if (job)
                return { kind: 'started', job, adopted: true };
        }
        catch (e) {
            // Cannot tell whether the job exists: starting now could duplicate it, so wait and look again.
            return {
                kind: 'wait',
                delayMs: backoff(deps, e, attempt, 2000, 30_000),
                reason: `could not check whether the previous StartRecovery created a job: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}`,
            };
        }
    }
    const callAt = new Date(Date.parse(nowIso(deps)) - LOOKBACK_MS).toISOString();
    try {
        const job = await deps.drs.startRecovery(request);
        return { kind: 'started', job, adopted: false };
    }
    catch (e) {
        return afterFailedStart(deps, e, attempt, state, callAt);
    }
}
/** What a StartRecovery that failed with `e` means: wait (and maybe look for its job first), or fail. */
function afterFailedStart(deps, e, attempt, state, callAt) {
    if ((0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .isThrottling */ .E2)(e)) {
        return {
            kind: 'wait',
            delayMs: backoff(deps, e, attempt, 1000, 30_000),
            reason: `StartRecovery was throttled (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)})`,
        };
    }
    if ((0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .isServerBusy */ .T0)(e)) {
        return {
            kind: 'wait',
            delayMs: backoff(deps, e, attempt, 10_000, 60_000),
            reason: `a server is still in another DRS job (ConflictException: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)})`,
        };
    }
    if ((0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .isConflict */ .dh)(e)) {
        // Any other conflict (e.g. a server in failback, an ARN in use) will not pass by waiting.
        return { kind: 'failed', message: `StartRecovery was refused (ConflictException): ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}` };
    }
    if (isQuotaExceeded(e)) {
        return {
            kind: 'wait',
            delayMs: backoff(deps, e, attempt, 15_000, 60_000),
            reason: `DRS quotas are full; waiting for active jobs to finish (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)})`,
        };
    }
    if ((0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .isTransient */ .dg)(e) || e instanceof _aws_gateways_js__WEBPACK_IMPORTED_MODULE_0__/* .StartRecoveryWithoutJobError */ .T) {
        if (state.ambiguousSince === undefined)
            state.ambiguousSince = callAt;
        const what = e instanceof _aws_gateways_js__WEBPACK_IMPORTED_MODULE_0__/* .StartRecoveryWithoutJobError */ .T
            ? (0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)
            : `StartRecovery's answer was lost (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)})`;
        return {
            kind: 'wait',
            delayMs: backoff(deps, e, attempt, 2000, 30_000),
            reason: `${what}; looking for the job by its tags before trying again`,
        };
    }
    return { kind: 'failed', message: `StartRecovery failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}` };
}


/***/ }),

/***/ 60469:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BX: () => (/* binding */ terminateDrillInstances),
/* harmony export */   LF: () => (/* binding */ read),
/* harmony export */   Th: () => (/* binding */ cleanupEntry),
/* harmony export */   pf: () => (/* binding */ waitForJobs),
/* harmony export */   yN: () => (/* binding */ readRecoveryInstances)
/* harmony export */ });
/* harmony import */ var _aws_drs_gateway_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(61361);
/* harmony import */ var _aws_retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22495);
/* harmony import */ var _core_quotas_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7254);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/**
 * Terminating drill recovery instances already chosen, and the guarded reads cleanup shares. The
 * result is read back from DRS's recovery instances, never from the TERMINATE job (a completed one may
 * list no servers at all).
 */




/** Reads, retried through throttling and 5xx within the cleanup's deadline. */
function read(deps, opts, fn) {
    return (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .withRetry */ .bD)(fn, {
        isRetryable: (e) => ((0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .isTransient */ .dg)(e) || (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .isThrottling */ .E2)(e)) && deps.clock.now() < opts.deadline,
        maxAttempts: 6,
        baseMs: 1000,
        maxMs: 15_000,
        sleep: (ms) => deps.clock.sleep(ms),
    });
}
function readRecoveryInstances(deps, sourceServerIds, opts) {
    return read(deps, opts, () => deps.drs.describeRecoveryInstances(sourceServerIds ? { sourceServerIds: [...sourceServerIds] } : {}));
}
/** Polls `jobIds` until every one is COMPLETED or the deadline comes; returns what was last seen. */
async function waitForJobs(deps, jobIds, opts, initial = new Map()) {
    const seen = new Map(initial);
    while (jobIds.some((id) => seen.get(id)?.status !== 'COMPLETED')) {
        if (deps.clock.now() >= opts.deadline)
            break;
        await deps.clock.sleep(Math.min(opts.pollIntervalMs ?? 5000, Math.max(0, opts.deadline - deps.clock.now())));
        try {
            for (const job of await deps.drs.describeJobs([...jobIds]))
                if (job.jobID)
                    seen.set(job.jobID, job);
        }
        catch (e) {
            // The loop tries again until the deadline, which reports what is still unknown.
            deps.log.debug(`Reading the DRS jobs failed, trying again: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}`);
        }
    }
    return seen;
}
/** One line of the cleanup's instance list. */
function cleanupEntry(ri, result) {
    return {
        recoveryInstanceId: ri.recoveryInstanceID ?? '',
        ...(ri.ec2InstanceID ? { ec2InstanceId: ri.ec2InstanceID } : {}),
        ...(ri.sourceServerID ? { sourceServerId: ri.sourceServerID } : {}),
        result,
    };
}
/**
 * Terminates drill recovery instances already chosen by the caller, waits for the TERMINATE jobs
 * within the deadline, and verifies the result from DRS's recovery instances (a COMPLETED TERMINATE
 * job may list no servers at all). Never throws for an AWS failure.
 */
async function terminateDrillInstances(deps, chosen, opts) {
    const entries = chosen.map((ri) => cleanupEntry(ri, ''));
    if (opts.dryRun) {
        for (const entry of entries)
            entry.result = 'would terminate';
        return { terminateJobIds: [], instances: entries, allGone: true };
    }
    const terminateJobIds = [];
    const requested = [];
    for (const batch of (0,_aws_drs_gateway_js__WEBPACK_IMPORTED_MODULE_0__/* .chunk */ .iv)(entries, _core_quotas_js__WEBPACK_IMPORTED_MODULE_2__/* .DRS_BATCH */ .TA.terminateRecoveryInstancesIds)) {
        try {
            const job = await (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .withRetry */ .bD)(() => deps.drs.terminateRecoveryInstances(batch.map((e) => e.recoveryInstanceId)), {
                isRetryable: (e) => (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .isTransient */ .dg)(e) || (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .isThrottling */ .E2)(e) || (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .isServerBusy */ .T0)(e),
                maxAttempts: 4,
                baseMs: 2000,
                maxMs: 20_000,
                sleep: (ms) => deps.clock.sleep(ms),
            });
            if (job.jobID)
                terminateJobIds.push(job.jobID);
            requested.push(...batch);
            deps.log.info(`Cleanup: terminating ${batch.length} drill instance(s) in DRS job ${job.jobID ?? '?'}`);
        }
        catch (e) {
            for (const entry of batch)
                entry.result = `terminate request failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}`;
        }
    }
    const jobs = await waitForJobs(deps, terminateJobIds, opts);
    const running = terminateJobIds.filter((id) => jobs.get(id)?.status !== 'COMPLETED');
    let after;
    try {
        const servers = [...new Set(requested.flatMap((e) => (e.sourceServerId ? [e.sourceServerId] : [])))];
        const listed = requested.length === 0 ? [] : await readRecoveryInstances(deps, servers, opts);
        after = new Map(listed.map((ri) => [ri.recoveryInstanceID ?? '', ri]));
    }
    catch (e) {
        deps.log.warning(`Could not read the recovery instances back after terminating: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}`);
    }
    for (const entry of requested) {
        const ri = after?.get(entry.recoveryInstanceId);
        if (after && (!ri || ri.ec2InstanceState === 'TERMINATED'))
            entry.result = 'terminated';
        else if (running.length > 0)
            entry.result = `terminating (job ${running.join(', ')} still running)`;
        else if (!after)
            entry.result = 'terminate requested; the result could not be read back';
        else
            entry.result = `failed to terminate (EC2 state ${ri?.ec2InstanceState ?? 'unknown'})`;
    }
    return { terminateJobIds, instances: entries, allGone: entries.every((e) => e.result === 'terminated') };
}


/***/ })

};
