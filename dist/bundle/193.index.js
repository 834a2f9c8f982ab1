export const id = 193;
export const ids = [193];
export const modules = {

/***/ 90193:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  reviewPullRequest: () => (/* binding */ reviewPullRequest)
});

// UNUSED EXPORTS: planPatterns

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/plan/diff.ts
var plan_diff = __webpack_require__(88256);
// EXTERNAL MODULE: ./src/plan/glob.ts
var glob = __webpack_require__(6145);
// EXTERNAL MODULE: ./src/plan/load.ts + 7 modules
var load = __webpack_require__(62757);
// EXTERNAL MODULE: ./src/review/base.ts
var review_base = __webpack_require__(67131);
// EXTERNAL MODULE: ./src/aws/clients.ts
var clients = __webpack_require__(40201);
// EXTERNAL MODULE: ./src/engine/preflight.ts + 2 modules
var engine_preflight = __webpack_require__(77940);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/modes/drill.ts + 10 modules
var drill = __webpack_require__(96318);
// EXTERNAL MODULE: ./src/review/readiness-md.ts
var readiness_md = __webpack_require__(17320);
;// CONCATENATED MODULE: ./src/review/readiness.ts
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
        region = (0,drill/* resolveRegion */.Zv)(inputs, plan, deps.env);
        const session = await (0,drill/* openAwsSession */.ah)(io, inputs, region, plan.accountId, deps);
        try {
            const preflight = await (0,engine_preflight/* runPreflight */.hg)({ drs: session.drs, ec2: session.ec2, clock: deps.clock }, plan, {
                mode: 'validate',
            });
            return { status: 'checked', region, accountId: session.accountId, preflight };
        }
        finally {
            (0,clients/* destroyAwsClients */.QI)(session.clients);
        }
    }
    catch (e) {
        return { status: 'failed', ...(region ? { region } : {}), error: (0,errors/* errorMessage */.gJ)(e) };
    }
}

;// CONCATENATED MODULE: ./src/review/run.ts
/**
 * Review orchestration for a pull request: for each plan the PR's head holds (and each one it
 * deletes), the base version, the semantic diff and the live readiness.
 */






/** The `plan` input split as the loader splits it: newlines or commas outside `{…}`. */
function planPatterns(input) {
    return (0,glob/* splitList */.ry)(input).map((p) => p.replace(/^\.\//, ''));
}
/** Workspace-relative, forward slashes: how both git and the loader name a plan. */
function normalPath(path, workspace) {
    const rel = (0,external_node_path_.relative)(workspace, (0,external_node_path_.resolve)(workspace, path));
    return rel === '' || rel.startsWith('..') || (0,external_node_path_.isAbsolute)(rel) ? path : rel.split(external_node_path_.sep).join('/');
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
        return { diff: (0,plan_diff/* diffPlans */.U2)(undefined, head) };
    const loaded = (0,load/* loadPlanText */.x0)(base.text, file);
    if (!loaded.plan) {
        const errors = loaded.diagnostics.filter((d) => d.severity === 'error').length;
        if (!head)
            return { diffNote: 'Plan deleted (its base version did not validate either).' };
        return {
            diffNote: `The base version does not validate (${errors} error${errors === 1 ? '' : 's'}), so there is nothing to compare with; the plan is reviewed as new.`,
            diff: (0,plan_diff/* diffPlans */.U2)(undefined, head),
        };
    }
    return { diff: (0,plan_diff/* diffPlans */.U2)(loaded.plan, head) };
}
async function reviewPullRequest(io, inputs, pr, checks, deps) {
    const [owner, repo] = (deps.repository ?? '').split('/');
    const baseDeps = { workspace: deps.workspace, git: deps.git, octokit: deps.octokit, owner, repo };
    const credentials = liveCheckCredentials(inputs, deps.env);
    const reviews = [];
    for (const check of checks) {
        const base = await (0,review_base/* readBasePlan */.ri)(normalPath(check.file, deps.workspace), pr.baseSha, baseDeps);
        const headValid = !!check.plan && !check.diagnostics.some((d) => d.severity === 'error');
        const review = { ...check, base, ...compare(check.file, base, check.plan, headValid) };
        if (check.plan && headValid) {
            review.readiness = credentials
                ? await io.group(`Readiness of ${check.file}`, () => checkReadiness(io, check.plan, inputs, deps))
                : { status: 'skipped', reason: SKIPPED_REASON };
        }
        reviews.push(review);
    }
    reviews.push(...(await deletedPlans(inputs.plan, checks, pr, deps, baseDeps)));
    return reviews;
}
/** Plans a glob matched at the base but not at the head: the PR deletes them. */
async function deletedPlans(input, checks, pr, deps, baseDeps) {
    const globs = planPatterns(input)
        .filter(glob/* isGlob */.fg)
        .map((g) => (0,glob/* globToRegExp */.tL)(g));
    if (globs.length === 0)
        return [];
    const files = await (0,review_base/* listBaseFiles */.XO)(pr.baseSha, (p) => globs.some((re) => re.test(p)), {
        workspace: deps.workspace,
        git: deps.git,
    });
    const present = new Set(checks.map((c) => normalPath(c.file, deps.workspace)));
    const out = [];
    for (const file of files ?? []) {
        if (present.has(file))
            continue;
        const base = await (0,review_base/* readBasePlan */.ri)(file, pr.baseSha, baseDeps);
        const { diff, diffNote } = compare(file, base, undefined, true);
        out.push({
            file,
            diagnostics: [],
            base,
            diff: diff ?? { ...(0,plan_diff/* diffPlans */.U2)(undefined, undefined), status: 'deleted' },
            ...(diffNote ? { diffNote } : {}),
        });
    }
    return out;
}


/***/ })

};
