export const id = 716;
export const ids = [716];
export const modules = {

/***/ 61368:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ loadSinglePlan)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _plan_load_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(62757);
/* harmony import */ var _report_annotations_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(856);



/** The one plan a drill, recovery or cleanup runs; any error in it stops the run before AWS is touched. */
async function loadSinglePlan(io, pattern, workspace) {
    const paths = await (0,_plan_load_js__WEBPACK_IMPORTED_MODULE_1__/* .expandPlanPaths */ .CN)(pattern, workspace);
    if (paths.length !== 1) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`input plan must name exactly one plan file for this mode; "${pattern}" matches ${paths.length}: ${paths.slice(0, 5).join(', ')}`);
    }
    const result = await (0,_plan_load_js__WEBPACK_IMPORTED_MODULE_1__/* .loadPlanFile */ .w$)(paths[0], { cwd: workspace });
    (0,_report_annotations_js__WEBPACK_IMPORTED_MODULE_2__/* .annotateDiagnostics */ .b)(io, result.diagnostics);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0 || !result.plan) {
        const first = errors[0];
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`The recovery plan ${result.file} has ${errors.length} error${errors.length === 1 ? '' : 's'}${first ? `; first: ${first.file}:${first.line}:${first.col}: ${first.message}` : ''}. Nothing was started.`);
    }
    return result.plan;
}


/***/ }),

/***/ 15979:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  IR: () => (/* binding */ newRunReport),
  S3: () => (/* binding */ publishReport)
});

// UNUSED EXPORTS: instanceIds

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./src/history/drill-history.ts + 1 modules
var drill_history = __webpack_require__(9019);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/report/artifact.ts

// Characters the artifact service rejects in names (NTFS limits), plus whitespace for readability.
const FORBIDDEN_IN_NAME = /[":<>|*?\r\n\\/\s]+/g;
/** `drs-<mode>-<plan>-<run id>-<attempt>`, with anything the artifact service refuses replaced. */
function artifactName(mode, planName, runId, attempt) {
    return `drs-${mode}-${planName}-${runId}-${attempt}`.replace(FORBIDDEN_IN_NAME, '-').replace(/-{2,}/g, '-');
}
/** The artifact's page in the run, when GitHub's environment says where the run is. */
function artifactUrl(env, id) {
    const server = env.GITHUB_SERVER_URL;
    const repository = env.GITHUB_REPOSITORY;
    const runId = env.GITHUB_RUN_ID;
    if (!server || !repository || !runId)
        return undefined;
    return `${server.replace(/\/+$/, '')}/${repository}/actions/runs/${runId}/artifacts/${id}`;
}
/**
 * Uploads report.json and report.md as one artifact. Best effort: outside GitHub Actions it is
 * skipped with a notice, and a failed upload is a warning; either way the files stay in rootDir.
 */
async function uploadReportArtifact(files, rootDir, name, deps) {
    // The runner gives these to JavaScript actions only; without them the client can only fail.
    if (!deps.env.ACTIONS_RUNTIME_TOKEN || !deps.env.ACTIONS_RESULTS_URL) {
        deps.log.notice(`Not running inside GitHub Actions (no ACTIONS_RUNTIME_TOKEN/ACTIONS_RESULTS_URL): artifact "${name}" not uploaded. The report is in ${rootDir}.`);
        return { uploaded: false };
    }
    try {
        // Loaded only here: the artifact client (with Azure's storage SDK) is a large part of the bundle's
        // start-up time and memory, and most runs need it once, at the very end.
        const client = deps.client ?? new (await Promise.all(/* import() */[__webpack_require__.e(351), __webpack_require__.e(645)]).then(__webpack_require__.bind(__webpack_require__, 9645))).DefaultArtifactClient();
        const response = deps.retentionDays
            ? await client.uploadArtifact(name, files, rootDir, { retentionDays: deps.retentionDays })
            : await client.uploadArtifact(name, files, rootDir);
        const result = { uploaded: true };
        if (response.id !== undefined) {
            result.id = response.id;
            const url = artifactUrl(deps.env, response.id);
            if (url)
                result.url = url;
        }
        return result;
    }
    catch (e) {
        deps.log.warning(`Could not upload artifact "${name}": ${(0,errors/* errorMessage */.gJ)(e)}. The report is still in ${rootDir}.`);
        return { uploaded: false };
    }
}

// EXTERNAL MODULE: ./src/report/build.ts
var build = __webpack_require__(95066);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./node_modules/ajv/dist/2020.js
var _2020 = __webpack_require__(52210);
;// CONCATENATED MODULE: ./schemas/report.schema.json
const report_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://raw.githubusercontent.com/drs-drill-action/drs-drill-action/v1/schemas/report.schema.json","title":"DRS drill action report","description":"Evidence of one run of the DRS drill action (report.json). Times are ISO-8601 UTC from DRS or EC2; durations are in seconds.","type":"object","additionalProperties":false,"required":["schemaVersion","mode","executionId","plan","region","isDrill","startedAt","status","objectives","measured","waves","launchConfigChanges","errors","warnings"],"properties":{"schemaVersion":{"const":1},"mode":{"enum":["validate","drill","recovery","cleanup"]},"executionId":{"type":"string","minLength":1,"description":"<repository>/<run id>"},"plan":{"type":"object","additionalProperties":false,"required":["name","path","sha256"],"properties":{"name":{"type":"string","minLength":1},"path":{"type":"string","minLength":1},"sha256":{"type":"string","pattern":"^[0-9a-f]{64}$"},"commit":{"type":"string","minLength":1}}},"initiatedBy":{"type":"string"},"repository":{"type":"string"},"runUrl":{"type":"string"},"region":{"type":"string","minLength":1},"accountId":{"type":"string","pattern":"^[0-9]{12}$"},"isDrill":{"type":"boolean"},"dryRun":{"type":"boolean","description":"Input dry-run: what would be done was listed; nothing was written, started or terminated"},"startedAt":{"$ref":"#/$defs/dateTime"},"endedAt":{"$ref":"#/$defs/dateTime"},"status":{"enum":["running","succeeded","failed","cancelled","timed-out"]},"objectives":{"type":"object","additionalProperties":false,"properties":{"rtoSeconds":{"$ref":"#/$defs/seconds"},"rpoSeconds":{"$ref":"#/$defs/seconds"}}},"measured":{"type":"object","additionalProperties":false,"properties":{"rtoSeconds":{"$ref":"#/$defs/seconds"},"rpoSeconds":{"$ref":"#/$defs/seconds","description":"RPO, the data a recovery would lose: the worst recovery request time (the server\'s StartRecovery job creation) minus recovery point time, over servers launched from their latest data"},"rpoDefinition":{"const":"request-minus-recovery-point","description":"How rpoSeconds is measured. Reports without it measured launch time minus recovery point time (now dataAgeAtLaunchSeconds)"},"dataAgeAtLaunchSeconds":{"$ref":"#/$defs/seconds","description":"Worst launch time minus recovery point time over launched servers"},"pinnedSnapshotAgeSeconds":{"$ref":"#/$defs/seconds","description":"Worst recovery request time minus snapshot time over servers pinned to a snapshot in the plan"},"rtoMet":{"type":"boolean"},"rpoMet":{"type":"boolean"},"firstStartRecoveryAt":{"$ref":"#/$defs/dateTime"}}},"waves":{"type":"array","items":{"$ref":"#/$defs/wave"}},"launchConfigChanges":{"type":"array","items":{"$ref":"#/$defs/launchConfigChange"}},"excluded":{"type":"array","description":"Servers the input exclude left out of this run","items":{"type":"object","additionalProperties":false,"required":["sourceServerId","wave"],"properties":{"sourceServerId":{"$ref":"#/$defs/sourceServerId"},"hostname":{"type":"string"},"wave":{"type":"string"}}}},"cleanup":{"$ref":"#/$defs/cleanup"},"errors":{"type":"array","items":{"type":"string"}},"warnings":{"type":"array","items":{"type":"string"}}},"$defs":{"dateTime":{"type":"string","description":"ISO-8601 UTC instant, as DRS writes them (fraction optional)","pattern":"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\\\.[0-9]+)?Z$"},"seconds":{"type":"number","minimum":0},"sourceServerId":{"type":"string","pattern":"^s-[0-9a-zA-Z]{17}$"},"recoverySnapshotId":{"type":"string","pattern":"^pit-[0-9a-zA-Z]{17}$"},"wave":{"type":"object","additionalProperties":false,"required":["name","index","dependsOn","status","jobs","servers"],"properties":{"name":{"type":"string","minLength":1},"index":{"type":"integer","minimum":0},"dependsOn":{"type":"array","items":{"type":"string"}},"status":{"enum":["pending","running","succeeded","failed","timed-out","skipped","cancelled"]},"startedAt":{"$ref":"#/$defs/dateTime"},"endedAt":{"$ref":"#/$defs/dateTime"},"jobs":{"type":"array","items":{"$ref":"#/$defs/job"}},"servers":{"type":"array","items":{"$ref":"#/$defs/server"}},"error":{"type":"string"}}},"job":{"type":"object","additionalProperties":false,"required":["jobId","status","sourceServerIds"],"properties":{"jobId":{"type":"string","pattern":"^drsjob-[0-9a-zA-Z]{17}$"},"status":{"enum":["PENDING","STARTED","COMPLETED"]},"createdAt":{"$ref":"#/$defs/dateTime"},"endedAt":{"$ref":"#/$defs/dateTime"},"sourceServerIds":{"type":"array","items":{"$ref":"#/$defs/sourceServerId"}}}},"server":{"type":"object","additionalProperties":false,"required":["sourceServerId","critical","health","phases","errors"],"properties":{"sourceServerId":{"$ref":"#/$defs/sourceServerId"},"hostname":{"type":"string"},"critical":{"type":"boolean"},"jobId":{"type":"string","pattern":"^drsjob-[0-9a-zA-Z]{17}$"},"launchStatus":{"type":"string","minLength":1,"description":"DRS LaunchStatus as DRS sent it (PENDING, IN_PROGRESS, LAUNCHED, FAILED, TERMINATED; a value DRS adds later is kept as is)"},"recoveryInstanceId":{"type":"string","pattern":"^i-[0-9a-fA-F]{8,}$"},"ec2InstanceId":{"type":"string","pattern":"^i-[0-9a-fA-F]{8,}$"},"ec2State":{"type":"string"},"launchedAt":{"$ref":"#/$defs/dateTime"},"healthyAt":{"$ref":"#/$defs/dateTime"},"recoveryPointAt":{"$ref":"#/$defs/dateTime"},"pinnedSnapshotId":{"$ref":"#/$defs/recoverySnapshotId","description":"The point-in-time snapshot the plan pinned (snapshot:)"},"recoverySnapshotId":{"$ref":"#/$defs/recoverySnapshotId","description":"The recovery snapshot the instance was launched from"},"launched":{"type":"object","additionalProperties":false,"description":"What was launched, as EC2 describes the instance","properties":{"instanceType":{"type":"string","minLength":1},"subnetId":{"type":"string","minLength":1},"privateIp":{"type":"string","minLength":1}}},"replicationAtPreflight":{"type":"object","additionalProperties":false,"required":["state"],"description":"Replication as the preflight saw it (DRS dataReplicationInfo)","properties":{"state":{"type":"string","minLength":1},"lagDuration":{"type":"string","description":"ISO-8601 duration as DRS sent it"},"lagSeconds":{"$ref":"#/$defs/seconds"}}},"health":{"enum":["pending","passed","failed","skipped"]},"phases":{"type":"array","items":{"$ref":"#/$defs/phase"}},"errors":{"type":"array","items":{"$ref":"#/$defs/serverError"}},"launchActions":{"type":"array","description":"DRS post-launch action runs on the launched instance (participatingServers[].launchActionsStatus.runs), as last seen","items":{"$ref":"#/$defs/launchAction"}}}},"launchAction":{"type":"object","additionalProperties":false,"required":["optional","status"],"properties":{"actionId":{"type":"string"},"name":{"type":"string"},"runId":{"type":"string"},"optional":{"type":"boolean","description":"An optional action\'s failure is a warning; any other failure fails the server"},"status":{"type":"string","minLength":1,"description":"IN_PROGRESS, SUCCEEDED or FAILED"},"failureReason":{"type":"string"}}},"phase":{"type":"object","additionalProperties":false,"required":["name","startedAt"],"properties":{"name":{"enum":["snapshot","conversion","launch","boot"]},"startedAt":{"$ref":"#/$defs/dateTime"},"endedAt":{"$ref":"#/$defs/dateTime"},"failed":{"type":"boolean"}}},"serverError":{"type":"object","additionalProperties":false,"required":["event","message"],"properties":{"event":{"type":"string","minLength":1},"message":{"type":"string"},"rawError":{"type":"string"},"at":{"$ref":"#/$defs/dateTime"}}},"launchConfigChange":{"type":"object","additionalProperties":false,"required":["sourceServerId","target","field","applied"],"properties":{"sourceServerId":{"$ref":"#/$defs/sourceServerId"},"target":{"enum":["launch","template"]},"field":{"type":"string","minLength":1},"from":{"description":"The value before the change (any JSON value; null or absent = was not set)"},"to":{"description":"The value written (any JSON value)"},"templateVersion":{"type":"integer","minimum":1},"applied":{"type":"boolean"}}},"cleanup":{"type":"object","additionalProperties":false,"required":["policy","status","terminateJobIds","instances"],"properties":{"policy":{"type":"string"},"status":{"enum":["skipped","succeeded","failed","dry-run"]},"reason":{"type":"string"},"terminateJobIds":{"type":"array","items":{"type":"string","pattern":"^drsjob-[0-9a-zA-Z]{17}$"}},"instances":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["recoveryInstanceId","result"],"properties":{"recoveryInstanceId":{"type":"string","pattern":"^i-[0-9a-fA-F]{8,}$"},"ec2InstanceId":{"type":"string","pattern":"^i-[0-9a-fA-F]{8,}$"},"sourceServerId":{"$ref":"#/$defs/sourceServerId"},"result":{"type":"string"}}}}}}}}');
;// CONCATENATED MODULE: ./src/report/json.ts





const REPORT_JSON_FILE = 'report.json';
const REPORT_MD_FILE = 'report.md';
let compiled;
/** Compiled on first use: most runs validate once, and compiling at import would slow every start. */
function validator() {
    if (compiled)
        return compiled;
    const ajv = new _2020.Ajv2020({ allErrors: true, strict: true });
    compiled = ajv.compile(report_schema_namespaceObject);
    return compiled;
}
/** Problems with a report as `<json pointer>: <message>`; empty when it matches report.schema.json. */
function validateReport(report) {
    const validate = validator();
    if (validate(report))
        return [];
    return (validate.errors ?? []).map(describeError);
}
function describeError(e) {
    const where = e.instancePath === '' ? '(report)' : e.instancePath;
    const params = e.params;
    const detail = e.keyword === 'additionalProperties'
        ? ` "${String(params.additionalProperty)}"`
        : e.keyword === 'enum'
            ? ` (${JSON.stringify(params.allowedValues)})`
            : '';
    return `${where}: ${e.message ?? e.keyword}${detail}`;
}
/**
 * Writes report.json and report.md into `dir` (created if missing). Each file is written to a
 * temporary name and renamed over the target, so a run cancelled mid-write leaves either the old
 * file or the new one, never half of one.
 */
async function writeReportFiles(report, dir, markdown) {
    await (0,promises_.mkdir)(dir, { recursive: true });
    const jsonPath = (0,external_node_path_.join)(dir, REPORT_JSON_FILE);
    const mdPath = (0,external_node_path_.join)(dir, REPORT_MD_FILE);
    await writeAtomically(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
    await writeAtomically(mdPath, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
    return { jsonPath, mdPath };
}
async function writeAtomically(path, content) {
    const temp = `${path}.${(0,external_node_crypto_.randomUUID)()}.tmp`;
    try {
        await (0,promises_.writeFile)(temp, content, 'utf8');
        await (0,promises_.rename)(temp, path);
    }
    catch (e) {
        await (0,promises_.rm)(temp, { force: true });
        throw e;
    }
}

// EXTERNAL MODULE: ./src/report/markdown.ts + 3 modules
var report_markdown = __webpack_require__(57130);
// EXTERNAL MODULE: ./src/run-env.ts
var run_env = __webpack_require__(2612);
;// CONCATENATED MODULE: ./src/modes/publish.ts







/** The report of a run that is starting: who, what plan, where. Objectives only where they are measured. */
function newRunReport(mode, plan, run, at) {
    return (0,build/* createReport */.LU)({
        mode,
        executionId: (0,run_env/* executionIdOf */.t)(run),
        plan: { name: plan.name, path: plan.file, sha256: plan.sha256, commit: run.sha },
        initiatedBy: run.actor,
        repository: run.repository,
        runUrl: (0,run_env/* runUrlOf */.Qm)(run),
        region: at.region,
        ...(at.accountId ? { accountId: at.accountId } : {}),
        isDrill: at.isDrill,
        startedAt: new Date(at.startMs).toISOString(),
        ...(mode === 'cleanup' ? {} : { objectives: plan.objectives }),
    });
}
/** source server id → EC2 instance id, for every server that got an instance. */
function instanceIds(report) {
    const ids = {};
    for (const wave of report.waves) {
        for (const server of wave.servers) {
            if (server.ec2InstanceId)
                ids[server.sourceServerId] = server.ec2InstanceId;
        }
    }
    return ids;
}
/**
 * The evidence of any ending: report.json + report.md in report-dir, the artifact, the job summary
 * and the outputs. Each step is best effort after the files are written: evidence is never lost
 * because an upload or a summary write failed.
 */
async function publishReport(io, finished, inputs, run, env, historyDeps = {}) {
    // A dry run says so in report.json and in the summary's first line.
    const stamped = inputs.dryRun ? { ...finished, dryRun: true } : finished;
    // Drills and recoveries: the history, fail-on and drill-predicate.json (src/history/drill-history.ts).
    const evidence = await (0,drill_history/* prepareDrillEvidence */.qY)(io, stamped, inputs, run, { env, ...historyDeps });
    const report = evidence?.report ?? stamped;
    const render = (artifactUrl) => {
        const maxBytes = report_markdown/* DEFAULT_SUMMARY_MAX_BYTES */._u - (evidence?.reserveBytes ?? 0);
        const markdown = (0,report_markdown/* renderReportMarkdown */.Ay)(report, { maxBytes, ...(artifactUrl ? { artifactUrl } : {}) });
        return evidence ? evidence.decorate(markdown) : markdown;
    };
    const problems = validateReport(report);
    if (problems.length > 0)
        io.warning(`report.json does not match its schema: ${problems.slice(0, 5).join('; ')}`);
    // Relative to the workspace; an absolute report-dir (e.g. under RUNNER_TEMP) is used as given.
    const dir = (0,external_node_path_.resolve)(run.workspace, inputs.reportDir);
    const name = artifactName(inputs.mode, report.plan.name, run.runId ?? 'local', run.runAttempt);
    let markdown = render();
    const { jsonPath, mdPath } = await writeReportFiles(report, dir, markdown);
    io.info(`Evidence written to ${jsonPath} and ${mdPath}`);
    const extraFiles = evidence ? await evidence.finish(dir, jsonPath) : [];
    io.setOutput('execution-id', report.executionId);
    io.setOutput('status', report.status === 'running' ? 'failed' : report.status);
    io.setOutput('instance-ids', JSON.stringify(instanceIds(report)));
    io.setOutput('rto-seconds', report.measured.rtoSeconds === undefined ? '' : String(report.measured.rtoSeconds));
    io.setOutput('report-path', jsonPath);
    const upload = await uploadReportArtifact([(0,external_node_path_.join)(dir, REPORT_JSON_FILE), (0,external_node_path_.join)(dir, REPORT_MD_FILE), ...extraFiles], dir, name, {
        env,
        log: { notice: (m) => io.notice(m), warning: (m) => io.warning(m) },
        ...(inputs.retentionDays ? { retentionDays: inputs.retentionDays } : {}),
    });
    // Rendered again: the artifact link, and whether the history write went through.
    markdown = render(upload.url);
    try {
        await io.writeSummary(markdown);
    }
    catch (e) {
        io.warning(`Could not write the job summary: ${e instanceof Error ? e.message : String(e)}`);
    }
    return { jsonPath };
}


/***/ }),

/***/ 95066:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fw: () => (/* binding */ finalizeReport),
/* harmony export */   LU: () => (/* binding */ createReport),
/* harmony export */   he: () => (/* binding */ objectiveWarnings)
/* harmony export */ });
/* harmony import */ var _core_durations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(80778);

/** A report for a run that has just begun: status `running`, nothing measured, empty lists. */
function createReport(init) {
    const report = {
        schemaVersion: 1,
        mode: init.mode,
        executionId: init.executionId,
        plan: { name: init.plan.name, path: init.plan.path, sha256: init.plan.sha256 },
        region: init.region,
        isDrill: init.isDrill,
        startedAt: init.startedAt,
        status: 'running',
        objectives: {},
        measured: {},
        waves: [],
        launchConfigChanges: [],
        errors: [],
        warnings: [],
    };
    // Optional fields are left out rather than set to undefined, so report.json has no nulls.
    if (init.plan.commit !== undefined)
        report.plan.commit = init.plan.commit;
    if (init.initiatedBy !== undefined)
        report.initiatedBy = init.initiatedBy;
    if (init.repository !== undefined)
        report.repository = init.repository;
    if (init.runUrl !== undefined)
        report.runUrl = init.runUrl;
    if (init.accountId !== undefined)
        report.accountId = init.accountId;
    if (init.objectives?.rtoSeconds !== undefined)
        report.objectives.rtoSeconds = init.objectives.rtoSeconds;
    if (init.objectives?.rpoSeconds !== undefined)
        report.objectives.rpoSeconds = init.objectives.rpoSeconds;
    return report;
}
/**
 * The report as it is written at the end of a run (any ending): endedAt set, measurements computed
 * from the timestamps, and the status if one is given. Returns a new object; the input is untouched.
 */
function finalizeReport(report, endedAtIso, status) {
    const ended = structuredClone(report);
    ended.endedAt = endedAtIso;
    if (status !== undefined)
        ended.status = status;
    ended.measured = (0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .computeMeasurements */ .Po)(ended);
    ended.warnings.push(...objectiveWarnings(ended).filter((w) => !ended.warnings.includes(w)));
    return ended;
}
/**
 * Objectives a run that brought its servers up still missed. They do not fail the run (everything came
 * up), but an auditor must see them, so they are warnings in the report and annotations in the run.
 */
function objectiveWarnings(report) {
    const { measured, objectives } = report;
    const out = [];
    if (measured.rtoMet === false && measured.rtoSeconds !== undefined) {
        out.push(`RTO objective missed: measured ${(0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(measured.rtoSeconds)}, objective ${(0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatTargetDuration */ .HU)(objectives.rtoSeconds)}.`);
    }
    if (measured.rpoMet === false && measured.rpoSeconds !== undefined) {
        out.push(`RPO objective missed: worst data loss ${(0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(measured.rpoSeconds)} (recovery request − recovery point), objective ${(0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatTargetDuration */ .HU)(objectives.rpoSeconds)}.`);
    }
    return out;
}


/***/ })

};
