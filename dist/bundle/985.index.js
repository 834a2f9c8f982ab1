export const id = 985;
export const ids = [985,128];
export const modules = {

/***/ 39366:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCleanupMode: () => (/* binding */ runCleanupMode)
});

// UNUSED EXPORTS: cleanupPolicyText, instancesToKeep, leftAloneReason

// EXTERNAL MODULE: ./src/aws/session.ts + 3 modules
var aws_session = __webpack_require__(99516);
// EXTERNAL MODULE: ./src/core/durations.ts + 1 modules
var durations = __webpack_require__(10119);
// EXTERNAL MODULE: ./src/core/tags.ts
var tags = __webpack_require__(52766);
// EXTERNAL MODULE: ./src/engine/cleanup.ts
var cleanup = __webpack_require__(80234);
// EXTERNAL MODULE: ./src/engine/log.ts
var log = __webpack_require__(54760);
// EXTERNAL MODULE: ./src/engine/poller.ts
var poller = __webpack_require__(74694);
// EXTERNAL MODULE: ./src/engine/resolve.ts
var resolve = __webpack_require__(93370);
// EXTERNAL MODULE: ./src/engine/resume.ts
var resume = __webpack_require__(90099);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/github/client.ts
var client = __webpack_require__(96584);
;// CONCATENATED MODULE: ./src/github/runs.ts
/** `<owner>/<repo>/<run id>` → its parts, or undefined for anything else. */
function parseExecutionId(executionId) {
    const m = /^([^/\s]+)\/([^/\s]+)\/(\d+)$/.exec(executionId);
    if (!m)
        return undefined;
    return { owner: m[1] ?? '', repo: m[2] ?? '', runId: Number(m[3]) };
}
/** True/false from the API; undefined when it cannot say (no token, no access, not a GitHub run id). */
async function workflowRunInProgress(octokit, executionId) {
    const id = parseExecutionId(executionId);
    if (!octokit || !id)
        return undefined;
    try {
        const { data } = await octokit.rest.actions.getWorkflowRun({
            owner: id.owner,
            repo: id.repo,
            run_id: id.runId,
        });
        return data.status !== 'completed';
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/report/build.ts
var build = __webpack_require__(95066);
// EXTERNAL MODULE: ./src/run-env.ts
var run_env = __webpack_require__(2612);
// EXTERNAL MODULE: ./src/modes/drill-setup.ts
var drill_setup = __webpack_require__(23941);
// EXTERNAL MODULE: ./src/modes/plan-input.ts
var plan_input = __webpack_require__(61368);
// EXTERNAL MODULE: ./src/modes/publish.ts + 2 modules
var publish = __webpack_require__(63152);
;// CONCATENATED MODULE: ./src/modes/cleanup.ts
/**
 * `mode: cleanup`: terminate the drill instances of the plan's servers that earlier runs left behind
 * (a runner killed with SIGKILL, `cleanup: never`, a post step that could not finish). The safety net a
 * scheduled workflow runs. Only instances DRS marks `isDrill: true` are ever terminated; a real
 * recovery's instances are listed as left alone. Terminating goes through the same guarded engine code
 * as a drill's own cleanup, which checks isDrill again right before the call.
 */
















/** The policy line of the report: what this cleanup selected. */
function cleanupPolicyText(olderThanSeconds) {
    return olderThanSeconds === undefined
        ? 'mode cleanup: every drill instance of the plan'
        : `mode cleanup: drill instances older than ${(0,durations/* formatTargetDuration */.HU)(olderThanSeconds)}`;
}
/** Why an instance of the plan's servers is not selected, for the report. Pure. */
function leftAloneReason(ri, olderThanSeconds, launchTimes, now) {
    if (ri.isDrill !== true)
        return 'left alone: not a drill instance (a real recovery)';
    if (olderThanSeconds === undefined)
        return 'left alone';
    const launchedAt = ri.ec2InstanceID ? launchTimes.get(ri.ec2InstanceID) : undefined;
    if (!launchedAt)
        return 'left alone: its EC2 launch time is unknown, so its age cannot be checked';
    const ageSeconds = Math.round((Date.parse(now) - Date.parse(launchedAt)) / 1000);
    return `left alone: launched ${(0,durations/* formatDuration */.a3)(ageSeconds)} ago, younger than older-than (${(0,durations/* formatTargetDuration */.HU)(olderThanSeconds)})`;
}
async function launchTimesOf(ec2, instances) {
    const ids = instances.flatMap((ri) => (ri.isDrill === true && ri.ec2InstanceID ? [ri.ec2InstanceID] : []));
    const times = new Map();
    if (ids.length === 0)
        return times;
    for (const instance of await ec2.describeInstances(ids)) {
        if (instance.InstanceId && instance.LaunchTime)
            times.set(instance.InstanceId, new Date(instance.LaunchTime).toISOString());
    }
    return times;
}
/**
 * Why cleanup mode keeps drill instances it would otherwise terminate: their job is still launching;
 * they belong to another execution than the input execution-id; or their execution is still running
 * (a DRS job of it is active, or its workflow run is in progress) and is not this run's own, unless
 * older-than says the instance is old enough anyway. Keyed by recovery instance id. Pure.
 */
function instancesToKeep(instances, ctx) {
    const keep = new Map();
    for (const ri of instances) {
        if (ri.isDrill !== true || !ri.recoveryInstanceID)
            continue;
        const job = ri.jobID ? ctx.jobs.get(ri.jobID) : undefined;
        const execution = job?.tags?.[tags/* TAG */.Dk.executionId];
        if (ctx.scopeExecutionId !== undefined && execution !== ctx.scopeExecutionId) {
            keep.set(ri.recoveryInstanceID, `left alone: it belongs to ${execution ? `execution ${execution}` : 'no known execution'}, not to execution-id ${ctx.scopeExecutionId}`);
        }
        else if (job && job.status !== 'COMPLETED') {
            keep.set(ri.recoveryInstanceID, `left alone: its DRS job ${ri.jobID} is still running`);
        }
        else if (execution && execution !== ctx.ownExecutionId && ctx.activeExecutions.has(execution)) {
            if (!ctx.oldEnough?.(ri))
                keep.set(ri.recoveryInstanceID, `left alone: execution ${execution} is still running (${ctx.activeExecutions.get(execution)})`);
        }
    }
    return keep;
}
/** Executions with an active DRS job, then those whose workflow run GitHub says is in progress. */
async function activeExecutions(drs, clock, executions, octokit) {
    const active = new Map();
    if (executions.length === 0)
        return active;
    for (const job of await (0,resume/* recentJobs */.c)({ drs, clock })) {
        const execution = job.tags?.[tags/* TAG */.Dk.executionId];
        if (execution && job.status !== 'COMPLETED' && job.type !== 'TERMINATE')
            active.set(execution, `its DRS job ${job.jobID} is active`);
    }
    for (const execution of executions) {
        if (active.has(execution))
            continue;
        if (await workflowRunInProgress(octokit, execution))
            active.set(execution, 'its workflow run is in progress');
    }
    return active;
}
/** The GitHub client for the workflow-run check (the toolkit's, unless the deps bring one). */
async function makeOctokit(deps, token) {
    const make = deps.octokit ?? (await (0,client/* loadGetOctokit */.a)());
    return make(token);
}
/** `mode: cleanup`. Returns the report it published. */
async function runCleanupMode(io, inputs, run, deps) {
    const startMs = deps.clock.now();
    const plan = await (0,plan_input/* loadSinglePlan */.E)(io, inputs.plan, run.workspace);
    const region = (0,drill_setup/* resolveRegion */.Zv)(inputs, plan, deps.env);
    const session = await (0,aws_session.openAwsSession)(io, inputs, region, plan.accountId, deps);
    let report = (0,publish/* newRunReport */.IR)('cleanup', plan, run, {
        region,
        accountId: session.accountId,
        isDrill: true,
        startMs,
    });
    const engine = { drs: session.drs, ec2: session.ec2, clock: deps.clock, log: (0,log/* engineLog */.N)(io) };
    try {
        const { sourceServerIds, instances } = await planInstances(io, session, plan, report);
        const { chosen, leftAlone } = await chooseInstances(session, instances, sourceServerIds, inputs, run, deps);
        io.info(`Cleanup: ${instances.length} recovery instance(s) of ${sourceServerIds.size} source server(s); ` +
            `${chosen.length} drill instance(s) selected${inputs.dryRun ? ' (dry run: nothing is terminated)' : ''}`);
        const cleanup = await terminateChosen(io, engine, chosen, inputs, startMs);
        cleanup.instances.push(...leftAlone);
        for (const entry of cleanup.instances) {
            io.info(`${entry.recoveryInstanceId} (EC2 ${entry.ec2InstanceId ?? '—'}, ${entry.sourceServerId ?? '—'}): ${entry.result}`);
        }
        report.cleanup = cleanup;
        if (cleanup.status === 'failed')
            report.errors.push(`Cleanup failed: ${cleanup.reason ?? 'see the instance list'}`);
        report = (0,build/* finalizeReport */.Fw)(report, (0,poller/* awsNow */.e1)(engine), cleanup.status === 'failed' ? 'failed' : 'succeeded');
    }
    catch (e) {
        report.errors.push(`The cleanup stopped on an error: ${(0,errors/* errorMessage */.gJ)(e)}`);
        report = (0,build/* finalizeReport */.Fw)(report, new Date(deps.clock.now()).toISOString(), 'failed');
        await (0,publish/* publishReport */.S3)(io, report, inputs, run, deps.env);
        throw e;
    }
    await (0,publish/* publishReport */.S3)(io, report, inputs, run, deps.env);
    return report;
}
/** The plan's servers and their recovery instances; a stale selector only warns. */
async function planInstances(io, session, plan, report) {
    const { executionPlan, problems } = (0,resolve/* resolvePlan */.yY)(plan, await session.drs.describeAllSourceServers());
    // A selector gone stale must not keep the safety net from cleaning up what the others select.
    for (const p of problems) {
        const text = (0,drill_setup/* describeProblem */.BJ)(p);
        report.warnings.push(text);
        io.warning(text, p.position);
    }
    const sourceServerIds = new Set(executionPlan.waves.flatMap((w) => w.servers.map((s) => s.sourceServerId)));
    const instances = sourceServerIds.size === 0
        ? []
        : await session.drs.describeRecoveryInstances({ sourceServerIds: [...sourceServerIds] });
    return { sourceServerIds, instances };
}
/** The drill instances to terminate, and why each other one is left alone. */
async function chooseInstances(session, instances, sourceServerIds, inputs, run, deps) {
    const launchTimes = inputs.olderThanSeconds === undefined
        ? new Map()
        : await launchTimesOf(session.ec2, instances);
    const now = (0,poller/* awsNow */.e1)({ ...session, clock: deps.clock });
    const drillJobIds = [...new Set(instances.flatMap((ri) => (ri.isDrill && ri.jobID ? [ri.jobID] : [])))];
    const jobs = new Map((drillJobIds.length === 0 ? [] : await session.drs.describeJobs(drillJobIds)).map((j) => [
        j.jobID ?? '',
        j,
    ]));
    const ownExecutionId = (0,run_env/* executionIdOf */.t)(run);
    const others = [
        ...new Set([...jobs.values()].flatMap((j) => {
            const e = j.tags?.[tags/* TAG */.Dk.executionId];
            return e && e !== ownExecutionId ? [e] : [];
        })),
    ];
    const octokit = inputs.githubToken ? await makeOctokit(deps, inputs.githubToken) : undefined;
    const olderThan = inputs.olderThanSeconds !== undefined ? { olderThanSeconds: inputs.olderThanSeconds } : {};
    const byAge = (0,cleanup/* selectDrillInstancesForCleanup */.J9)(instances, {
        sourceServerIds,
        ...olderThan,
        now,
        launchTimes,
    });
    const old = new Set(byAge.map((ri) => ri.recoveryInstanceID));
    const keep = instancesToKeep(instances, {
        jobs,
        activeExecutions: await activeExecutions(session.drs, deps.clock, others, octokit),
        ownExecutionId,
        ...(inputs.executionId ? { scopeExecutionId: inputs.executionId } : {}),
        ...(inputs.olderThanSeconds !== undefined
            ? { oldEnough: (ri) => old.has(ri.recoveryInstanceID) }
            : {}),
    });
    const chosen = byAge.filter((ri) => !keep.has(ri.recoveryInstanceID ?? ''));
    const chosenIds = new Set(chosen.map((ri) => ri.recoveryInstanceID));
    const leftAlone = instances
        .filter((ri) => !chosenIds.has(ri.recoveryInstanceID))
        .map((ri) => (0,cleanup/* cleanupEntry */.Th)(ri, keep.get(ri.recoveryInstanceID ?? '') ??
        leftAloneReason(ri, inputs.olderThanSeconds, launchTimes, now)));
    return { chosen, leftAlone };
}
async function terminateChosen(io, engine, chosen, inputs, startMs) {
    const policy = cleanupPolicyText(inputs.olderThanSeconds);
    const status = inputs.dryRun ? 'dry-run' : 'succeeded';
    if (chosen.length === 0)
        return { policy, status, reason: 'no drill instance to terminate', terminateJobIds: [], instances: [] };
    const done = await io.group('Cleanup', () => (0,cleanup/* terminateDrillInstances */.BX)(engine, chosen, {
        dryRun: inputs.dryRun,
        deadline: startMs + inputs.timeoutMinutes * 60_000,
    }));
    return {
        policy,
        status: done.allGone ? status : 'failed',
        ...(done.allGone
            ? {}
            : { reason: 'some drill instances were not confirmed terminated; see the instance list' }),
        terminateJobIds: done.terminateJobIds,
        instances: done.instances,
    };
}


/***/ })

};
