export const id = 457;
export const ids = [457];
export const modules = {

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


/***/ }),

/***/ 18457:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   reviewPullRequest: () => (/* binding */ reviewPullRequest)
/* harmony export */ });
/* unused harmony export planPatterns */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(76760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _plan_diff_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(88256);
/* harmony import */ var _plan_glob_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(16350);
/* harmony import */ var _plan_load_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(70218);
/* harmony import */ var _base_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(67131);
/* harmony import */ var _readiness_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(52140);
/**
 * Review orchestration for a pull request: for each plan the PR's head holds (and each one it
 * deletes), the base version, the semantic diff and the live readiness.
 */






/** The `plan` input split as the loader splits it: newlines or commas outside `{…}`. */
function planPatterns(input) {
    return (0,_plan_glob_js__WEBPACK_IMPORTED_MODULE_2__/* .splitList */ .ry)(input).map((p) => p.replace(/^\.\//, ''));
}
/** Workspace-relative, forward slashes: how both git and the loader name a plan. */
function normalPath(path, workspace) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.relative)(workspace, (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(workspace, path));
    return rel === '' || rel.startsWith('..') || (0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(rel) ? path : rel.split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join('/');
}
function baseNote(base) {
    return `Base version not available: ${base.reason}.`;
}
/** Loads the base text and compares it with the head; the head may be undefined (deleted plan). */
function compare(file, base, head, headValid) {
    if (base.source === 'unavailable')
        return { diffNote: baseNote(base) };
    if (!headValid)
        return { diffNote: 'Fix the errors above to see what changes for a recovery.' };
    if (base.text === undefined)
        return { diff: (0,_plan_diff_js__WEBPACK_IMPORTED_MODULE_1__/* .diffPlans */ .U2)(undefined, head) };
    const loaded = (0,_plan_load_js__WEBPACK_IMPORTED_MODULE_3__/* .loadPlanText */ .x0)(base.text, file);
    if (!loaded.plan) {
        const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
        if (!head)
            return { diffNote: 'Plan deleted (its base version did not validate either).' };
        return {
            diffNote: `The base version does not validate (${errors} error${errors === 1 ? '' : 's'}), so there is nothing to compare with; the plan is reviewed as new.`,
            diff: (0,_plan_diff_js__WEBPACK_IMPORTED_MODULE_1__/* .diffPlans */ .U2)(undefined, head),
        };
    }
    return { diff: (0,_plan_diff_js__WEBPACK_IMPORTED_MODULE_1__/* .diffPlans */ .U2)(loaded.plan, head) };
}
async function reviewPullRequest(io, inputs, pr, checks, deps) {
    const [owner, repo] = (deps.repository ?? '').split('/');
    const baseDeps = { workspace: deps.workspace, git: deps.git, octokit: deps.octokit, owner, repo };
    const credentials = (0,_readiness_js__WEBPACK_IMPORTED_MODULE_5__/* .liveCheckCredentials */ .bf)(inputs, deps.env);
    const reviews = [];
    for (const check of checks) {
        const base = await (0,_base_js__WEBPACK_IMPORTED_MODULE_4__/* .readBasePlan */ .ri)(normalPath(check.file, deps.workspace), pr.baseSha, baseDeps);
        const headValid = !!check.plan && !check.diagnostics.some((d) => d.severity === 'error');
        const review = { ...check, base, ...compare(check.file, base, check.plan, headValid) };
        if (check.plan && headValid) {
            review.readiness = credentials
                ? await io.group(`Readiness of ${check.file}`, () => (0,_readiness_js__WEBPACK_IMPORTED_MODULE_5__/* .checkReadiness */ .Ll)(io, check.plan, inputs, deps))
                : { status: 'skipped', reason: _readiness_js__WEBPACK_IMPORTED_MODULE_5__/* .SKIPPED_REASON */ .cF };
        }
        reviews.push(review);
    }
    reviews.push(...(await deletedPlans(inputs.plan, checks, pr, deps, baseDeps)));
    return reviews;
}
/** Plans a glob matched at the base but not at the head: the PR deletes them. */
async function deletedPlans(input, checks, pr, deps, baseDeps) {
    const globs = planPatterns(input)
        .filter(_plan_glob_js__WEBPACK_IMPORTED_MODULE_2__/* .isGlob */ .fg)
        .map((g) => (0,_plan_glob_js__WEBPACK_IMPORTED_MODULE_2__/* .globMatcher */ .fU)(g));
    if (globs.length === 0)
        return [];
    const files = await (0,_base_js__WEBPACK_IMPORTED_MODULE_4__/* .listBaseFiles */ .XO)(pr.baseSha, (p) => globs.some((matches) => matches(p)), {
        workspace: deps.workspace,
        git: deps.git,
    });
    const present = new Set(checks.map((c) => normalPath(c.file, deps.workspace)));
    const out = [];
    for (const file of files ?? []) {
        if (present.has(file))
            continue;
        const base = await (0,_base_js__WEBPACK_IMPORTED_MODULE_4__/* .readBasePlan */ .ri)(file, pr.baseSha, baseDeps);
        const { diff, diffNote } = compare(file, base, undefined, true);
        out.push({
            file,
            diagnostics: [],
            base,
            diff: diff ?? { ...(0,_plan_diff_js__WEBPACK_IMPORTED_MODULE_1__/* .diffPlans */ .U2)(undefined, undefined), status: 'deleted' },
            ...(diffNote ? { diffNote } : {}),
        });
    }
    return out;
}


/***/ })

};
