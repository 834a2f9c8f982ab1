export const id = 661;
export const ids = [661];
export const modules = {

/***/ 74932:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   cj: () => (/* binding */ readPostState),
/* harmony export */   z8: () => (/* binding */ writePostState)
/* harmony export */ });
/* unused harmony export POST_STATE_KEY */
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
    };
}


/***/ }),

/***/ 86661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   POST_JOB_WAIT_MS: () => (/* binding */ POST_JOB_WAIT_MS),
/* harmony export */   postSkipReason: () => (/* binding */ postSkipReason),
/* harmony export */   postSummary: () => (/* binding */ postSummary),
/* harmony export */   runPost: () => (/* binding */ runPost),
/* harmony export */   runPostCleanup: () => (/* binding */ runPostCleanup)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3894);
/* harmony import */ var _action_inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48683);
/* harmony import */ var _aws_session_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3654);
/* harmony import */ var _core_clock_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(32257);
/* harmony import */ var _engine_cleanup_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(28097);
/* harmony import */ var _engine_log_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(54760);
/* harmony import */ var _engine_resume_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(90099);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(83916);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8023);
/* harmony import */ var _modes_post_state_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(74932);
/* harmony import */ var _report_sections_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(43844);
/* harmony import */ var _run_env_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(2612);
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
        log.warning(`Could not read the main step's DRS jobs (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(e)}): every recovery instance is read instead.`);
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
    const session = await (0,_aws_session_js__WEBPACK_IMPORTED_MODULE_2__/* .openAwsSession */ .a)(io, deps.inputs, region, undefined, deps);
    // A runner killed between a StartRecovery answer and saving its job id leaves a job only DRS knows:
    // the execution's jobs are also found by their tags.
    const tagged = await (0,_engine_resume_js__WEBPACK_IMPORTED_MODULE_5__/* .findExecutionJobs */ .oh)({ drs: session.drs, clock: deps.clock }, state.executionId, state.planName).then((found) => found.own.flatMap((j) => (j.jobID ? [j.jobID] : [])), (e) => {
        io.warning(`Could not look up the execution's jobs by their tags: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(e)}`);
        return [];
    });
    const jobIds = [...new Set([...state.jobIds, ...tagged])];
    if (jobIds.length === 0) {
        io.info('Post step: nothing to do (the main step started no DRS job).');
        return undefined;
    }
    io.warning(`The drill did not finish: terminating the drill instances of its ${jobIds.length} DRS job(s) (${jobIds.join(', ')}).`);
    const sourceServerIds = await serversOfJobs(session.drs, jobIds, io);
    const cleanup = await (0,_engine_cleanup_js__WEBPACK_IMPORTED_MODULE_4__/* .cleanupScope */ .BW)({ drs: session.drs, ec2: session.ec2, clock: deps.clock, log: (0,_engine_log_js__WEBPACK_IMPORTED_MODULE_9__/* .engineLog */ .N)(io) }, { jobIds, ...(sourceServerIds ? { sourceServerIds } : {}) }, { policy: 'always', dryRun: false, deadline: deps.clock.now() + POST_JOB_WAIT_MS + 10 * 60_000 });
    for (const i of cleanup.instances)
        io.info(`${i.recoveryInstanceId} (EC2 ${i.ec2InstanceId ?? '—'}, ${i.sourceServerId ?? '—'}): ${i.result}`);
    return cleanup;
}
/** Markdown for the job summary of the post step. */
function postSummary(state, cleanup) {
    const section = (0,_report_sections_js__WEBPACK_IMPORTED_MODULE_8__/* .renderCleanup */ .BP)({ isDrill: true, cleanup }, { rows: 200, rawErrorChars: 300 });
    return `## Post step: drill instances of an unfinished drill${state?.planName ? ` — ${state.planName}` : ''}\n\n${section}\n`;
}
async function runPost() {
    const io = (0,_main_js__WEBPACK_IMPORTED_MODULE_7__/* .coreIO */ .IK)();
    try {
        const state = (0,_modes_post_state_js__WEBPACK_IMPORTED_MODULE_10__/* .readPostState */ .cj)((name) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(name));
        const runEnv = (0,_run_env_js__WEBPACK_IMPORTED_MODULE_11__/* .readRunEnvironment */ .P6)(process.env, process.cwd());
        const inputs = (0,_action_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .readInputs */ .Ko)((name) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name), runEnv.runId);
        const cleanup = await runPostCleanup(io, state, {
            clock: (0,_core_clock_js__WEBPACK_IMPORTED_MODULE_3__/* .clockFromEnv */ .iQ)(process.env),
            env: process.env,
            getIdToken: (audience) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getIDToken */ .V9(audience),
            inputs,
        });
        if (!cleanup)
            return;
        await io.writeSummary(postSummary(state, cleanup));
        if (cleanup.status === 'failed')
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(`Post-step cleanup failed: ${cleanup.reason ?? ''}`);
    }
    catch (e) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(`Post-step cleanup failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .gJ)(e)}`);
    }
}


/***/ })

};
