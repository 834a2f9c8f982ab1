export const id = 92;
export const ids = [92];
export const modules = {

/***/ 92:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runCleanupMode: () => (/* binding */ runCleanupMode)
/* harmony export */ });
/* unused harmony exports cleanupPolicyText, leftAloneReason */
/* harmony import */ var _engine_cleanup_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(80234);
/* harmony import */ var _engine_poller_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(74694);
/* harmony import */ var _engine_resolve_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(93370);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(83916);
/* harmony import */ var _report_build_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(95066);
/* harmony import */ var _drill_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(96318);
/* harmony import */ var _plan_input_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(61368);
/* harmony import */ var _publish_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(15979);








/** The policy line of the report: what this cleanup selected. */
function cleanupPolicyText(olderThanSeconds) {
    return olderThanSeconds === undefined
        ? 'mode cleanup: every drill instance of the plan'
        : `mode cleanup: drill instances older than ${olderThanSeconds}s`;
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
    return `left alone: launched ${ageSeconds}s ago, younger than older-than (${olderThanSeconds}s)`;
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
async function activeJobIds(deps, instances) {
    const jobIds = [...new Set(instances.flatMap((ri) => (ri.isDrill === true && ri.jobID ? [ri.jobID] : [])))];
    if (jobIds.length === 0)
        return new Set();
    const jobs = await deps.drs.describeJobs(jobIds);
    return new Set(jobs.filter((j) => j.status !== 'COMPLETED').flatMap((j) => (j.jobID ? [j.jobID] : [])));
}
/** `mode: cleanup`. Returns the report it published. */
async function runCleanupMode(io, inputs, run, deps) {
    const startMs = deps.clock.now();
    const plan = await (0,_plan_input_js__WEBPACK_IMPORTED_MODULE_6__/* .loadSinglePlan */ .E)(io, inputs.plan, run.workspace);
    const region = (0,_drill_js__WEBPACK_IMPORTED_MODULE_5__/* .resolveRegion */ .Zv)(inputs, plan, deps.env);
    const session = await (0,_drill_js__WEBPACK_IMPORTED_MODULE_5__/* .openAwsSession */ .ah)(io, inputs, region, plan.accountId, deps);
    let report = (0,_publish_js__WEBPACK_IMPORTED_MODULE_7__/* .newRunReport */ .IR)('cleanup', plan, run, {
        region,
        accountId: session.accountId,
        isDrill: true,
        startMs,
    });
    const policy = cleanupPolicyText(inputs.olderThanSeconds);
    const engine = { drs: session.drs, ec2: session.ec2, clock: deps.clock, log: (0,_drill_js__WEBPACK_IMPORTED_MODULE_5__/* .engineLog */ .NN)(io) };
    try {
        const { executionPlan, problems } = (0,_engine_resolve_js__WEBPACK_IMPORTED_MODULE_2__/* .resolvePlan */ .yY)(plan, await session.drs.describeAllSourceServers());
        // A selector gone stale must not keep the safety net from cleaning up what the others select.
        for (const p of problems) {
            const text = (0,_drill_js__WEBPACK_IMPORTED_MODULE_5__/* .describeProblem */ .BJ)(p);
            report.warnings.push(text);
            io.warning(text, p.position);
        }
        const sourceServerIds = new Set(executionPlan.waves.flatMap((w) => w.servers.map((s) => s.sourceServerId)));
        const instances = sourceServerIds.size === 0
            ? []
            : await session.drs.describeRecoveryInstances({ sourceServerIds: [...sourceServerIds] });
        const launchTimes = inputs.olderThanSeconds === undefined
            ? new Map()
            : await launchTimesOf(session.ec2, instances);
        const now = (0,_engine_poller_js__WEBPACK_IMPORTED_MODULE_1__/* .awsNow */ .e1)(engine);
        // A drill still launching owns its instances: leave those of jobs that have not completed.
        const busy = await activeJobIds(engine, instances);
        const chosen = (0,_engine_cleanup_js__WEBPACK_IMPORTED_MODULE_0__/* .selectDrillInstancesForCleanup */ .J9)(instances, {
            sourceServerIds,
            ...(inputs.olderThanSeconds !== undefined ? { olderThanSeconds: inputs.olderThanSeconds } : {}),
            now,
            launchTimes,
        }).filter((ri) => !busy.has(ri.jobID ?? ''));
        const chosenIds = new Set(chosen.map((ri) => ri.recoveryInstanceID));
        const leftAlone = instances
            .filter((ri) => !chosenIds.has(ri.recoveryInstanceID))
            .map((ri) => (0,_engine_cleanup_js__WEBPACK_IMPORTED_MODULE_0__/* .cleanupEntry */ .Th)(ri, ri.isDrill === true && busy.has(ri.jobID ?? '')
            ? `left alone: its DRS job ${ri.jobID} is still running`
            : leftAloneReason(ri, inputs.olderThanSeconds, launchTimes, now)));
        io.info(`Cleanup: ${instances.length} recovery instance(s) of ${sourceServerIds.size} source server(s); ` +
            `${chosen.length} drill instance(s) selected${inputs.dryRun ? ' (dry run: nothing is terminated)' : ''}`);
        let cleanup;
        if (chosen.length === 0) {
            cleanup = {
                policy,
                status: inputs.dryRun ? 'dry-run' : 'succeeded',
                reason: 'no drill instance to terminate',
                terminateJobIds: [],
                instances: [],
            };
        }
        else {
            const done = await io.group('Cleanup', () => (0,_engine_cleanup_js__WEBPACK_IMPORTED_MODULE_0__/* .terminateDrillInstances */ .BX)(engine, chosen, {
                dryRun: inputs.dryRun,
                deadline: startMs + inputs.timeoutMinutes * 60_000,
            }));
            cleanup = {
                policy,
                status: inputs.dryRun ? 'dry-run' : done.allGone ? 'succeeded' : 'failed',
                ...(done.allGone
                    ? {}
                    : { reason: 'some drill instances were not confirmed terminated; see the instance list' }),
                terminateJobIds: done.terminateJobIds,
                instances: done.instances,
            };
        }
        cleanup.instances.push(...leftAlone);
        for (const entry of cleanup.instances) {
            io.info(`${entry.recoveryInstanceId} (EC2 ${entry.ec2InstanceId ?? '—'}, ${entry.sourceServerId ?? '—'}): ${entry.result}`);
        }
        report.cleanup = cleanup;
        if (cleanup.status === 'failed')
            report.errors.push(`Cleanup failed: ${cleanup.reason ?? 'see the instance list'}`);
        report = (0,_report_build_js__WEBPACK_IMPORTED_MODULE_4__/* .finalizeReport */ .Fw)(report, (0,_engine_poller_js__WEBPACK_IMPORTED_MODULE_1__/* .awsNow */ .e1)(engine), cleanup.status === 'failed' ? 'failed' : 'succeeded');
    }
    catch (e) {
        report.errors.push(`The cleanup stopped on an error: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorMessage */ .gJ)(e)}`);
        report = (0,_report_build_js__WEBPACK_IMPORTED_MODULE_4__/* .finalizeReport */ .Fw)(report, new Date(deps.clock.now()).toISOString(), 'failed');
        await (0,_publish_js__WEBPACK_IMPORTED_MODULE_7__/* .publishReport */ .S3)(io, report, inputs, run, deps.env);
        throw e;
    }
    await (0,_publish_js__WEBPACK_IMPORTED_MODULE_7__/* .publishReport */ .S3)(io, report, inputs, run, deps.env);
    return report;
}


/***/ })

};
