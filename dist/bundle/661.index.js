export const id = 661;
export const ids = [661];
export const modules = {

/***/ 86661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   POST_JOB_WAIT_MS: () => (/* binding */ POST_JOB_WAIT_MS),
/* harmony export */   postSkipReason: () => (/* binding */ postSkipReason),
/* harmony export */   postSummary: () => (/* binding */ postSummary),
/* harmony export */   readMainState: () => (/* binding */ readMainState),
/* harmony export */   runPost: () => (/* binding */ runPost),
/* harmony export */   runPostCleanup: () => (/* binding */ runPostCleanup)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3894);
/* harmony import */ var _action_inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(48683);
/* harmony import */ var _engine_cleanup_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(80234);
/* harmony import */ var _engine_clock_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(43124);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(83916);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(14494);
/* harmony import */ var _modes_drill_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(96318);
/* harmony import */ var _report_sections_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(43844);
/* harmony import */ var _run_env_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(2612);
/* harmony import */ var _state_keys_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(10507);
/**
 * Post step (action.yml `post`, `post-if: always()`). When the main step of a drill did not reach its
 * end (cancelled, crashed, out of time before its own cleanup), this terminates the drill instances
 * that step launched, so a cancelled drill leaves nothing billed behind. It does nothing when the main
 * step finished (its own cleanup ran per the policy), for a recovery (never cleaned up), and for the
 * other modes. Policy: `never` keeps the instances; `on-success` keeps them too, since a run that did
 * not finish did not succeed (the same rule the main step applies); `always` terminates them.
 */










function readMainState(get) {
    let jobIds = [];
    try {
        const parsed = JSON.parse(get(_state_keys_js__WEBPACK_IMPORTED_MODULE_8__/* .STATE */ .c.jobIds) || '[]');
        if (Array.isArray(parsed))
            jobIds = parsed.filter((x) => typeof x === 'string' && x !== '');
    }
    catch {
        jobIds = [];
    }
    const cleanup = get(_state_keys_js__WEBPACK_IMPORTED_MODULE_8__/* .STATE */ .c.cleanup);
    return {
        finished: get(_state_keys_js__WEBPACK_IMPORTED_MODULE_8__/* .STATE */ .c.finished) === 'true',
        ...(get(_state_keys_js__WEBPACK_IMPORTED_MODULE_8__/* .STATE */ .c.executionId) ? { executionId: get(_state_keys_js__WEBPACK_IMPORTED_MODULE_8__/* .STATE */ .c.executionId) } : {}),
        ...(get(_state_keys_js__WEBPACK_IMPORTED_MODULE_8__/* .STATE */ .c.mode) ? { mode: get(_state_keys_js__WEBPACK_IMPORTED_MODULE_8__/* .STATE */ .c.mode) } : {}),
        ...(get(_state_keys_js__WEBPACK_IMPORTED_MODULE_8__/* .STATE */ .c.region) ? { region: get(_state_keys_js__WEBPACK_IMPORTED_MODULE_8__/* .STATE */ .c.region) } : {}),
        ...(cleanup === 'always' || cleanup === 'on-success' || cleanup === 'never' ? { cleanup } : {}),
        ...(get(_state_keys_js__WEBPACK_IMPORTED_MODULE_8__/* .STATE */ .c.planName) ? { planName: get(_state_keys_js__WEBPACK_IMPORTED_MODULE_8__/* .STATE */ .c.planName) } : {}),
        jobIds,
    };
}
/** Why the post step does nothing, or undefined when it must terminate the drill instances. Pure. */
function postSkipReason(state) {
    if (!state.mode)
        return 'the main step started no drill';
    if (state.mode === 'recovery')
        return 'a recovery never cleans up its instances';
    if (state.mode !== 'drill')
        return `mode ${state.mode} launches nothing`;
    if (state.finished)
        return 'the main step finished and applied its own cleanup policy';
    if (state.jobIds.length === 0)
        return 'the main step started no DRS job';
    if (state.cleanup === 'never')
        return 'cleanup is "never": the drill instances are left running';
    if (state.cleanup === 'on-success')
        return 'cleanup is "on-success" and the drill did not finish: the drill instances are left for inspection';
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
        log.warning(`Could not read the main step's DRS jobs (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(e)}): every recovery instance is read instead.`);
        return undefined;
    }
}
/** The post step's whole job, on injected IO and clock: returns the cleanup done (undefined: nothing). */
async function runPostCleanup(io, state, deps) {
    const skip = postSkipReason(state);
    if (skip) {
        io.info(`Post step: nothing to do (${skip}).`);
        return undefined;
    }
    const region = state.region ?? deps.env.AWS_REGION ?? 'us-east-1';
    io.warning(`The drill did not finish: terminating the drill instances of its ${state.jobIds.length} DRS job(s) (${state.jobIds.join(', ')}).`);
    const session = await (0,_modes_drill_js__WEBPACK_IMPORTED_MODULE_6__/* .openAwsSession */ .ah)(io, deps.inputs, region, undefined, deps);
    const sourceServerIds = await serversOfJobs(session.drs, state.jobIds, io);
    const cleanup = await (0,_engine_cleanup_js__WEBPACK_IMPORTED_MODULE_2__/* .cleanupScope */ .BW)({ drs: session.drs, ec2: session.ec2, clock: deps.clock, log: (0,_modes_drill_js__WEBPACK_IMPORTED_MODULE_6__/* .engineLog */ .NN)(io) }, { jobIds: state.jobIds, ...(sourceServerIds ? { sourceServerIds } : {}) }, { policy: 'always', dryRun: false, deadline: deps.clock.now() + POST_JOB_WAIT_MS + 10 * 60_000 });
    for (const i of cleanup.instances)
        io.info(`${i.recoveryInstanceId} (EC2 ${i.ec2InstanceId ?? '—'}, ${i.sourceServerId ?? '—'}): ${i.result}`);
    return cleanup;
}
/** Markdown for the job summary of the post step. */
function postSummary(state, cleanup) {
    const section = (0,_report_sections_js__WEBPACK_IMPORTED_MODULE_7__/* .renderCleanup */ .BP)({ isDrill: true, cleanup }, { rows: 200, rawErrorChars: 300 });
    return `## Post step: drill instances of an unfinished drill${state.planName ? ` — ${state.planName}` : ''}\n\n${section}\n`;
}
async function runPost() {
    const io = (0,_main_js__WEBPACK_IMPORTED_MODULE_5__/* .coreIO */ .I)();
    try {
        const state = readMainState((name) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(name));
        const runEnv = (0,_run_env_js__WEBPACK_IMPORTED_MODULE_9__/* .readRunEnvironment */ .P6)(process.env, process.cwd());
        const inputs = (0,_action_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .readInputs */ .Ko)((name) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name), runEnv.runId);
        const cleanup = await runPostCleanup(io, state, {
            clock: (0,_engine_clock_js__WEBPACK_IMPORTED_MODULE_3__/* .clockFromEnv */ .iQ)(process.env),
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
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(`Post-step cleanup failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .gJ)(e)}`);
    }
}


/***/ })

};
