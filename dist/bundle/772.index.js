export const id = 772;
export const ids = [772];
export const modules = {

/***/ 79772:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runStatusMode: () => (/* binding */ runStatusMode)
/* harmony export */ });
/* harmony import */ var _core_durations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(10119);
/* harmony import */ var _engine_resolve_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(93370);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _history_drill_history_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9019);
/* harmony import */ var _history_history_md_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(48460);
/* harmony import */ var _history_record_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5799);
/* harmony import */ var _history_store_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3523);
/* harmony import */ var _history_trend_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(39919);
/* harmony import */ var _io_js__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(55027);
/* harmony import */ var _plan_load_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(70218);
/* harmony import */ var _report_annotations_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(856);
/* harmony import */ var _review_readiness_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(52140);
/**
 * `mode: status`: is every plan still proven? Read-only. For each plan the `plan` input matches: its
 * last run and last successful drill from the history, whether the plan file changed since (sha256),
 * whether the estate did (the servers its selectors resolve to now, when AWS credentials are given),
 * and whether the last success is older than max-age. Writes nothing to DRS or to the repository.
 */












/**
 * With credentials: one DRS session per region (the plan's, or the region input), each plan's
 * selectors matched against every source server there. A plan whose accountId is not the session's
 * is not compared.
 */
async function awsResolver(io, inputs, deps) {
    if (!(0,_review_readiness_js__WEBPACK_IMPORTED_MODULE_9__/* .liveCheckCredentials */ .bf)(inputs, deps.env))
        return undefined;
    const { openAwsSession } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 99516));
    const sessions = new Map();
    return async (plan) => {
        const region = inputs.region ?? plan.region ?? deps.env.AWS_REGION ?? deps.env.AWS_DEFAULT_REGION;
        if (!region)
            return 'no region (plan, input region or AWS_REGION)';
        let session = sessions.get(region);
        if (!session) {
            session = openAwsSession(io, inputs, region, undefined, deps).then(async (s) => ({
                accountId: s.accountId,
                servers: await s.drs.describeAllSourceServers(),
            }));
            sessions.set(region, session);
        }
        try {
            const { accountId, servers } = await session;
            if (plan.accountId && plan.accountId !== accountId) {
                return `the credentials are for account ${accountId}, the plan for ${plan.accountId}`;
            }
            const ids = new Set();
            for (const wave of plan.waves) {
                for (const spec of wave.servers)
                    for (const s of (0,_engine_resolve_js__WEBPACK_IMPORTED_MODULE_1__/* .matchSelector */ .xZ)(spec.selector, servers))
                        if (s.sourceServerID)
                            ids.add(s.sourceServerID);
            }
            return [...ids].sort();
        }
        catch (e) {
            return (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(e);
        }
    };
}
function reasonText(row, maxAgeSeconds) {
    const parts = row.reasons.map((r) => r === 'overdue'
        ? `overdue: last successful drill ${(0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(row.ageSeconds)} ago (max-age ${(0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatTargetDuration */ .HU)(maxAgeSeconds)})`
        : _history_trend_js__WEBPACK_IMPORTED_MODULE_7__/* .STALE_REASON_TEXT */ .D[r]);
    return parts.join('; ');
}
/** Every record in the history; a history that cannot be read fails the mode. */
async function readStatusRecords(io, where, inputs, deps) {
    try {
        const octokit = await (0,_history_drill_history_js__WEBPACK_IMPORTED_MODULE_3__/* .makeOctokit */ .a_)(deps, inputs.githubToken);
        const read = await (0,_history_store_js__WEBPACK_IMPORTED_MODULE_6__/* .readHistory */ .Lu)(octokit, where);
        (0,_history_drill_history_js__WEBPACK_IMPORTED_MODULE_3__/* .warnProblems */ .hw)(io, where.branch, read.problems);
        const records = read.records.map((r) => r.record);
        io.info(read.exists
            ? `Read ${records.length} records from the drill history (branch ${where.branch}).`
            : `Branch ${where.branch} does not exist yet: no plan has been drilled with history.`);
        return records;
    }
    catch (e) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`Could not read the drill history from branch ${where.branch} of ${where.owner}/${where.repo}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(e)}. The job needs \`permissions: contents: read\`.`);
    }
}
/** One plan file's row: invalid, or assessed against its records (and the estate, when resolvable). */
async function statusRow(io, path, run, ctx) {
    const loaded = await (0,_plan_load_js__WEBPACK_IMPORTED_MODULE_8__/* .loadPlanFile */ .w$)(path, { cwd: run.workspace });
    (0,_report_annotations_js__WEBPACK_IMPORTED_MODULE_10__/* .annotateDiagnostics */ .b)(io, loaded.diagnostics);
    const plan = loaded.plan;
    if (!plan) {
        const first = loaded.diagnostics.find((d) => d.severity === 'error');
        return {
            path: loaded.file,
            invalid: first ? `${first.line}:${first.col} ${first.message}` : 'cannot be read',
            reasons: [],
        };
    }
    let live;
    if (ctx.resolve) {
        const ids = await ctx.resolve(plan);
        if (typeof ids === 'string')
            io.warning(`${loaded.file}: its servers were not compared with the estate: ${ids}`);
        else
            live = (0,_history_record_js__WEBPACK_IMPORTED_MODULE_5__/* .serverSetDigest */ .yv)(ids);
    }
    const own = ctx.records.filter((r) => r.plan.name === plan.name);
    return {
        path: loaded.file,
        name: plan.name,
        ...(0,_history_trend_js__WEBPACK_IMPORTED_MODULE_7__/* .assessPlan */ .u8)(plan, own, ctx.now, ctx.maxAgeSeconds, live),
    };
}
/** One annotation per plan not proven, within GitHub's limit; the rest counted in one more. */
function warnStale(io, stale, maxAgeSeconds) {
    stale.slice(0, _io_js__WEBPACK_IMPORTED_MODULE_11__/* .MAX_ANNOTATIONS_PER_KIND */ .L - 1).forEach((row) => {
        const why = row.invalid ? `invalid plan: ${row.invalid}` : reasonText(row, maxAgeSeconds);
        io.warning(`Plan ${row.name ?? row.path} is not proven: ${why}.`, {
            file: row.path,
            line: 1,
            col: 1,
            title: 'Drill plan not proven',
        });
    });
    if (stale.length > _io_js__WEBPACK_IMPORTED_MODULE_11__/* .MAX_ANNOTATIONS_PER_KIND */ .L - 1) {
        io.warning(`${stale.length - (_io_js__WEBPACK_IMPORTED_MODULE_11__/* .MAX_ANNOTATIONS_PER_KIND */ .L - 1)} more plans are not proven; see the job summary.`);
    }
}
async function runStatusMode(io, inputs, run, deps) {
    const paths = await (0,_plan_load_js__WEBPACK_IMPORTED_MODULE_8__/* .expandPlanPaths */ .CN)(inputs.plan, run.workspace);
    if (paths.length === 0)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`input plan: "${inputs.plan}" matches no plan file`);
    const where = (0,_history_drill_history_js__WEBPACK_IMPORTED_MODULE_3__/* .historyLocation */ .Eh)(inputs, run);
    if (typeof where === 'string') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`mode status reads the drill history, and there is none to read: ${where}. Set history-branch (default drs-drill-history) and github-token.`);
    }
    const records = await readStatusRecords(io, where, inputs, deps);
    const resolve = deps.resolveServers ?? (await awsResolver(io, inputs, deps));
    const now = deps.clock.now();
    const rows = [];
    for (const path of paths) {
        rows.push(await statusRow(io, path, run, { records, now, maxAgeSeconds: inputs.maxAgeSeconds, resolve }));
    }
    const stale = rows.filter((r) => r.invalid || r.reasons.length > 0);
    warnStale(io, stale, inputs.maxAgeSeconds);
    const stalePlans = stale.map((r) => r.path);
    io.setOutput('stale-plans', JSON.stringify(stalePlans));
    await io.writeSummary((0,_history_history_md_js__WEBPACK_IMPORTED_MODULE_4__/* .renderStatusSummary */ .NY)(rows, {
        branch: where.branch,
        maxAgeSeconds: inputs.maxAgeSeconds,
        estateChecked: resolve !== undefined,
    }));
    const failure = inputs.failOn.includes('stale') && stale.length > 0
        ? `${stale.length} of ${rows.length} plan${rows.length === 1 ? ' is' : 's are'} not proven (fail-on stale): ${stalePlans.join(', ')}.`
        : undefined;
    io.setOutput('status', failure ? 'failed' : 'succeeded');
    return { rows, stalePlans, ...(failure ? { failure } : {}) };
}


/***/ }),

/***/ 52140:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ll: () => (/* binding */ checkReadiness),
/* harmony export */   bf: () => (/* binding */ liveCheckCredentials),
/* harmony export */   cF: () => (/* binding */ SKIPPED_REASON)
/* harmony export */ });
/* harmony import */ var _aws_clients_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(40201);
/* harmony import */ var _aws_session_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(99516);
/* harmony import */ var _engine_preflight_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(29118);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/* harmony import */ var _modes_drill_setup_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(23941);
/**
 * The live half of a plan review: the drill engine's preflight in `validate` mode (reads only), run
 * when the job has AWS credentials. Without them the review says the check was skipped and how to
 * turn it on; with them, anything that stops the check is itself a readiness problem.
 */





/**
 * Where credentials for the live check would come from, or undefined when there are none: the
 * `role-to-assume` input, credentials a previous step exported, or an explicit emulator endpoint.
 */
function liveCheckCredentials(inputs, env) {
    if (inputs.roleToAssume)
        return 'role-to-assume';
    if (env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE)
        return 'environment';
    if (env.AWS_ENDPOINT_URL)
        return 'emulator';
    return undefined;
}
const SKIPPED_REASON = 'No AWS credentials in this job, so only the offline checks ran. To see whether the servers are ' +
    'ready (replication, lag vs RPO, launch settings, active jobs, quotas), give the job a read-only ' +
    'role: the `role-to-assume` input with `permissions: id-token: write` (see examples/workflows/plan-review.yml).';
/** Number of things that make the plan not ready (the step fails on them unless `fail-on: errors`). */
/** Preflight of one plan against the live account; never throws. */
async function checkReadiness(io, plan, inputs, deps) {
    let region;
    try {
        region = (0,_modes_drill_setup_js__WEBPACK_IMPORTED_MODULE_4__/* .resolveRegion */ .Zv)(inputs, plan, deps.env);
        const session = await (0,_aws_session_js__WEBPACK_IMPORTED_MODULE_1__.openAwsSession)(io, inputs, region, plan.accountId, deps);
        try {
            const preflight = await (0,_engine_preflight_js__WEBPACK_IMPORTED_MODULE_2__/* .runPreflight */ .hg)({ drs: session.drs, ec2: session.ec2, clock: deps.clock }, plan, {
                mode: 'validate',
            });
            return { status: 'checked', region, accountId: session.accountId, preflight };
        }
        finally {
            (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_0__/* .destroyAwsClients */ .QI)(session.clients);
        }
    }
    catch (e) {
        return { status: 'failed', ...(region ? { region } : {}), error: (0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e) };
    }
}


/***/ })

};
