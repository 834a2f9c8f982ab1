export const id = 19;
export const ids = [19];
export const modules = {

/***/ 9019:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Eh: () => (/* binding */ historyLocation),
  a_: () => (/* binding */ makeOctokit),
  qY: () => (/* binding */ prepareDrillEvidence),
  hw: () => (/* binding */ warnProblems)
});

// UNUSED EXPORTS: applyFailOn

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(38522);
// EXTERNAL MODULE: ./src/core/durations.ts + 1 modules
var durations = __webpack_require__(10119);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/history/history-md.ts
var history_md = __webpack_require__(48460);
// EXTERNAL MODULE: ./src/history/record.ts
var history_record = __webpack_require__(5799);
;// CONCATENATED MODULE: ./src/history/predicate.ts

/** predicate-type of the attestation; `gh attestation verify --predicate-type` names it. */
const DRILL_PREDICATE_TYPE = 'https://github.com/drs-drill-action/drs-drill-action/drill-evidence/v1';
const DRILL_PREDICATE_FILE = 'drill-predicate.json';
/** Drops undefined members, so the JSON has no nulls and reads the same every time. */
function defined(value) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
function buildDrillPredicate(report) {
    const { measured, objectives } = report;
    const definition = measured.rpoDefinition;
    return defined({
        predicateType: DRILL_PREDICATE_TYPE,
        plan: defined({ ...report.plan }),
        executionId: report.executionId,
        mode: report.mode,
        isDrill: report.isDrill,
        status: report.status,
        recovered: (0,history_record/* recoveredAll */.B8)(report),
        region: report.region,
        accountId: report.accountId,
        repository: report.repository,
        runUrl: report.runUrl,
        initiatedBy: report.initiatedBy,
        startedAt: report.startedAt,
        endedAt: report.endedAt,
        firstStartRecoveryAt: measured.firstStartRecoveryAt,
        rto: defined({ seconds: measured.rtoSeconds, target: objectives.rtoSeconds, met: measured.rtoMet }),
        rpo: defined({
            seconds: measured.rpoSeconds,
            target: objectives.rpoSeconds,
            met: measured.rpoMet,
            definition: typeof definition === 'string' && definition !== '' ? definition : history_record/* LEGACY_RPO_DEFINITION */.qL,
        }),
        jobIds: [...new Set(report.waves.flatMap((w) => w.jobs.map((j) => j.jobId)))],
        instances: report.waves.flatMap((w) => w.servers.map((s) => defined({
            wave: w.name,
            sourceServerId: s.sourceServerId,
            recoveryInstanceId: s.recoveryInstanceId,
            ec2InstanceId: s.ec2InstanceId,
            launchedAt: s.launchedAt,
            healthyAt: s.healthyAt,
        }))),
    });
}

// EXTERNAL MODULE: ./src/history/store.ts + 1 modules
var store = __webpack_require__(3523);
// EXTERNAL MODULE: ./src/history/trend.ts
var trend = __webpack_require__(39919);
;// CONCATENATED MODULE: ./src/history/drill-history.ts
/**
 * What a drill or recovery adds to its evidence once its report is final: the drill history (read,
 * compared, appended), the `fail-on` rules `objectives` and `regression`, the "History" section of the
 * summary and drill-predicate.json. One entry point, prepareDrillEvidence(); nothing here can lose the
 * report: a history that cannot be read or written is a warning.
 */










/** Where the history lives, or why there is none for this run. */
function historyLocation(inputs, run) {
    if (!inputs.historyBranch)
        return 'history-branch is empty';
    const [owner, repo] = (run.repository ?? '').split('/');
    if (!owner || !repo)
        return 'no GITHUB_REPOSITORY to keep it in';
    if (!inputs.githubToken)
        return 'no github-token to read it with';
    return { owner, repo, branch: inputs.historyBranch };
}
async function makeOctokit(deps, token) {
    return deps.octokit ? deps.octokit(token) : (await __webpack_require__.e(/* import() */ 351).then(__webpack_require__.bind(__webpack_require__, 61351))).getOctokit(token);
}
/** Warnings for files the reader skipped; GitHub shows about ten, so the rest are counted in one. */
function warnProblems(io, branch, problems) {
    for (const p of problems.slice(0, 5))
        io.warning(`Drill history (branch ${branch}): ${p}`);
    if (problems.length > 5)
        io.warning(`Drill history (branch ${branch}): ${problems.length - 5} more files skipped.`);
}
function objectivesMissed(report) {
    const { measured, objectives } = report;
    const missed = [];
    if (measured.rtoMet === false) {
        missed.push(`RTO ${measured.rtoSeconds === undefined ? 'not measured' : (0,durations/* formatDuration */.a3)(measured.rtoSeconds)} against ${(0,durations/* formatTargetDuration */.HU)(objectives.rtoSeconds)}`);
    }
    if (measured.rpoMet === false) {
        missed.push(`RPO ${(0,durations/* formatDuration */.a3)(measured.rpoSeconds)} against ${(0,durations/* formatTargetDuration */.HU)(objectives.rpoSeconds)}`);
    }
    return missed.length > 0 ? missed.join(', ') : undefined;
}
/**
 * Applies `fail-on` to a finished drill: `objectives` fails it when an RTO/RPO objective was missed,
 * `regression` when the RTO regressed. Only a run that succeeded is turned into a failure, with the
 * reason first among its errors. Returns the rules that failed it.
 */
function applyFailOn(report, rules, regression) {
    const failedOn = [];
    const reasons = [];
    const missed = rules.includes('objectives') ? objectivesMissed(report) : undefined;
    if (missed) {
        failedOn.push('objectives');
        reasons.push(`fail-on objectives: objective missed (${missed}).`);
    }
    if (rules.includes('regression') && regression) {
        failedOn.push('regression');
        reasons.push(`fail-on regression: ${(0,history_md/* regressionText */.Fr)(regression)}`);
    }
    if (failedOn.length > 0 && report.status === 'succeeded') {
        report.status = 'failed';
        report.errors.unshift(...reasons);
    }
    return failedOn;
}
function insertAfterHeadline(markdown, note) {
    const end = markdown.indexOf('\n');
    return end < 0 ? `${markdown}\n\n${note}\n` : `${markdown.slice(0, end)}\n\n${note}${markdown.slice(end)}`;
}
/** What the history holds before this run; octokit is kept even when the read fails, for the write. */
async function readPrevious(io, where, planName, inputs, run, deps) {
    let octokit;
    try {
        octokit = await makeOctokit(deps, inputs.githubToken);
        const read = await (0,store/* readHistory */.Lu)(octokit, where, { planName });
        warnProblems(io, where.branch, read.problems);
        // A re-published attempt of this very run is not its own baseline.
        const previous = read.records
            .map((r) => r.record)
            .filter((r) => !(r.runId === run.runId && r.runAttempt === run.runAttempt));
        return { octokit, previous, skipped: read.problems.length };
    }
    catch (e) {
        io.warning(`Could not read the drill history from branch ${where.branch}: ${(0,errors/* errorMessage */.gJ)(e)}. This run is judged without it.`);
        return { ...(octokit ? { octokit } : {}), skipped: 0 };
    }
}
/** Why a run that is not recorded is not, as the History section says it. */
function notRecordedReason(cancelled, dryRun, where) {
    return cancelled
        ? 'the run was cancelled'
        : dryRun
            ? 'a dry run is not a drill'
            : typeof where === 'string'
                ? where
                : 'the history could not be read';
}
/**
 * Reads the plan's history, judges this run against it and applies `fail-on` to the report it is
 * given, in place: the caller returns that same report to main.ts, whose exit code follows its
 * status. Undefined for modes other than drill and recovery.
 */
async function prepareDrillEvidence(io, finished, inputs, run, deps) {
    if (finished.mode !== 'drill' && finished.mode !== 'recovery')
        return undefined;
    const report = finished;
    // A cancelled run has seconds before the runner kills it: its evidence goes out without history.
    const cancelled = report.status === 'cancelled';
    // One record per execution: a step that leaves waves to a later step is not a whole drill.
    const where = report.wavesRemaining?.length
        ? 'waves are left to a later step, whose report (the whole execution) is the one recorded'
        : historyLocation(inputs, run);
    const rules = inputs.failOn ?? [];
    const { octokit, previous, skipped } = typeof where !== 'string' && !cancelled
        ? await readPrevious(io, where, report.plan.name, inputs, run, deps)
        : { skipped: 0 };
    if (rules.includes('regression') && previous === undefined && !cancelled) {
        io.warning(`fail-on regression needs the drill history, which is not available (${typeof where === 'string' ? where : 'it could not be read'}): no regression can be judged.`);
    }
    const threshold = inputs.regressionThresholdPercent ?? 25;
    const regression = previous ? (0,trend/* detectRegression */.lr)(report.measured.rtoSeconds, previous, threshold) : undefined;
    if (regression) {
        const text = (0,history_md/* regressionText */.Fr)(regression);
        report.warnings.push(text);
        io.warning(text, { title: `RTO regression: ${report.plan.name}` });
    }
    const failedOn = applyFailOn(report, rules, regression);
    const runId = run.runId ?? 'local';
    const recordFile = (0,history_record/* recordFileName */.Tb)(report.plan.name, report.startedAt, runId, run.runAttempt);
    const recordable = typeof where !== 'string' && !cancelled && !inputs.dryRun && octokit !== undefined;
    let notRecorded = recordable
        ? undefined
        : notRecordedReason(cancelled, inputs.dryRun, where);
    // The provisional record draws this run in the table and charts; its digest is filled in by finish().
    const draft = (0,history_record/* buildRecord */.kA)(report, {
        runId,
        runAttempt: run.runAttempt,
        reportSha256: '0'.repeat(64),
        failedOn,
        ...(regression ? { regression } : {}),
    });
    const section = () => {
        if (!previous || typeof where === 'string')
            return '';
        const records = notRecorded ? previous : [...previous, draft];
        return (0,history_md/* renderHistorySection */.Wr)(records, {
            branch: where.branch,
            total: records.length,
            ...(notRecorded ? { notRecorded } : {}),
            ...(skipped ? { skipped } : {}),
        });
    };
    const note = regression ? (0,history_md/* regressionNote */.o5)(regression) : '';
    return {
        report,
        // Twelve table rows and two charts of twelve points stay well under this.
        reserveBytes: 16 * 1024,
        decorate(markdown) {
            const withNote = note ? insertAfterHeadline(markdown, note) : markdown;
            const history = section();
            return history ? `${withNote.trimEnd()}\n\n${history}\n` : withNote;
        },
        async finish(dir, jsonPath) {
            const extra = [];
            try {
                const predicatePath = (0,external_node_path_.join)(dir, DRILL_PREDICATE_FILE);
                await (0,promises_.writeFile)(predicatePath, `${JSON.stringify(buildDrillPredicate(report), null, 2)}\n`, 'utf8');
                extra.push(predicatePath);
            }
            catch (e) {
                io.warning(`Could not write ${DRILL_PREDICATE_FILE}: ${(0,errors/* errorMessage */.gJ)(e)}`);
            }
            if (!recordable || typeof where === 'string' || !octokit)
                return extra;
            try {
                const bytes = await (0,promises_.readFile)(jsonPath);
                const reportFile = (0,history_record/* reportFileName */.cq)(recordFile);
                const record = (0,history_record/* buildRecord */.kA)(report, {
                    runId,
                    runAttempt: run.runAttempt,
                    reportSha256: (0,history_record/* sha256Hex */.fg)(bytes),
                    reportFile,
                    failedOn,
                    ...(regression ? { regression } : {}),
                });
                const written = await (0,store/* appendRecord */.EB)(octokit, where, { file: recordFile, record, report: { file: reportFile, gzip: (0,external_node_zlib_.gzipSync)(bytes) } }, { log: (m) => io.info(m), ...deps.write });
                io.info(`Recorded in the drill history: branch ${where.branch}, ${recordFile} (commit ${written.commit.slice(0, 12)}, ${written.records} records).`);
            }
            catch (e) {
                notRecorded =
                    e instanceof store/* HistoryPermissionError */.wI ? (0,errors/* errorMessage */.gJ)(e) : `writing it failed: ${(0,errors/* errorMessage */.gJ)(e)}`;
                io.warning(`This run was not added to the drill history (branch ${where.branch}): ${notRecorded}. The evidence is in ${dir} and the artifact.`);
            }
            return extra;
        },
    };
}


/***/ }),

/***/ 48460:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fr: () => (/* binding */ regressionText),
/* harmony export */   NY: () => (/* binding */ renderStatusSummary),
/* harmony export */   Wr: () => (/* binding */ renderHistorySection),
/* harmony export */   o5: () => (/* binding */ regressionNote)
/* harmony export */ });
/* unused harmony exports HISTORY_ROWS, renderTrendChart */
/* harmony import */ var _core_durations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(10119);
/* harmony import */ var _core_escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(94536);
/* harmony import */ var _report_sections_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(43844);
/* harmony import */ var _trend_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(39919);
/**
 * The drill history for people: the "History" section of a drill's summary (the last runs of the plan
 * as a table, RTO and RPO against their objectives as mermaid xychart-beta charts), the regression
 * note for the headline, and the fleet table of `mode: status`. Strings only.
 */




/** Rows of the history table, and points of each chart. */
const HISTORY_ROWS = 12;
const VERDICT = {
    succeeded: '✅ passed',
    failed: '❌ failed',
    'timed-out': '⏱️ timed out',
    cancelled: '🛑 cancelled',
};
function verdictCell(record) {
    const base = VERDICT[record.status] ?? (0,_core_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeCell */ .kq)(record.status);
    const notes = [];
    if (record.mode === 'recovery')
        notes.push('RECOVERY');
    if (record.regression)
        notes.push('📈 regression');
    if (record.failedOn?.length)
        notes.push(`fail-on ${record.failedOn.join(', ')}`);
    else if (record.status !== 'succeeded' && record.recovered)
        notes.push('servers recovered');
    return notes.length > 0 ? `${base} <sub>${(0,_core_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeCell */ .kq)(notes.join(' · '))}</sub>` : base;
}
function measureCell(m) {
    if (m.seconds === undefined)
        return '—';
    const icon = m.met === undefined ? '' : m.met ? ' ✅' : ' ❌';
    const target = m.target === undefined ? '' : ` / ${(0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatTargetDuration */ .HU)(m.target)}`;
    return `${(0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(m.seconds)}${target}${icon}`;
}
function runLink(record) {
    const url = (0,_report_sections_js__WEBPACK_IMPORTED_MODULE_2__/* .safeUrl */ .Pl)(record.runUrl);
    const label = `run ${(0,_core_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeCell */ .kq)(record.runId)}${record.runAttempt > 1 ? ` #${record.runAttempt}` : ''}`;
    return url ? `<a href="${url}">${label}</a>` : label;
}
/** `📈 RTO regression: …`, for the headline and the annotation. */
function regressionText(r) {
    return `RTO regression: ${(0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(r.rtoSeconds)} is ${r.percent} % above the median ${(0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(r.baselineSeconds)} of the previous ${r.runs} run${r.runs === 1 ? '' : 's'} (threshold ${r.thresholdPercent} %).`;
}
function regressionNote(r) {
    return `> 📈 **${(0,_core_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeCell */ .kq)(regressionText(r))}**`;
}
const minutes = (seconds) => Math.round((seconds / 60) * 10) / 10;
/** x-axis labels: the run's date, made unique with a counter when one day has several runs. */
function axisLabels(records) {
    const seen = new Map();
    return records.map((r) => {
        const day = r.startedAt.slice(5, 10);
        const n = (seen.get(day) ?? 0) + 1;
        seen.set(day, n);
        return n === 1 ? day : `${day} (${n})`;
    });
}
/**
 * One xychart-beta: the measured value per run as bars and the objective as a line (constant, the
 * latest run's target), in minutes. Only runs that measured the value are drawn; empty string when
 * fewer than two did.
 */
function renderTrendChart(records, what, maxPoints = HISTORY_ROWS) {
    const points = records.filter((r) => r[what].seconds !== undefined).slice(-maxPoints);
    if (points.length < 2)
        return '';
    const values = points.map((r) => minutes(r[what].seconds));
    const target = points.at(-1)?.[what].target;
    const top = Math.max(...values, target === undefined ? 0 : minutes(target));
    const label = what === 'rto' ? 'RTO' : 'RPO';
    const lines = [
        '```mermaid',
        'xychart-beta',
        `  title "${label} per run (bars) and objective (line), minutes"`,
        `  x-axis [${axisLabels(points)
            .map((l) => `"${l}"`)
            .join(', ')}]`,
        `  y-axis "minutes" 0 --> ${Math.max(1, Math.ceil(top * 1.1))}`,
        `  bar [${values.join(', ')}]`,
    ];
    if (target !== undefined)
        lines.push(`  line [${points.map(() => minutes(target)).join(', ')}]`);
    lines.push('```');
    return lines.join('\n');
}
/** The "History" section: the last runs as a table (newest first) and the two trend charts. */
function renderHistorySection(records, opts) {
    const shown = records.slice(-HISTORY_ROWS);
    const parts = ['### History'];
    if (shown.length === 0) {
        parts.push(`No drill of this plan is recorded on branch <code>${(0,_core_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeCell */ .kq)(opts.branch)}</code> yet.`);
    }
    else {
        parts.push(`Last ${shown.length} of ${opts.total} recorded run${opts.total === 1 ? '' : 's'} of this plan (branch <code>${(0,_core_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeCell */ .kq)(opts.branch)}</code>).`);
        const rows = [...shown]
            .reverse()
            .map((r) => [
            (0,_report_sections_js__WEBPACK_IMPORTED_MODULE_2__/* .formatInstant */ .r4)(r.startedAt),
            verdictCell(r),
            measureCell(r.rto),
            measureCell(r.rpo),
            `${r.launched}/${r.servers.count}`,
            runLink(r),
        ]);
        parts.push((0,_report_sections_js__WEBPACK_IMPORTED_MODULE_2__/* .table */ .tp)(['Date', 'Verdict', 'RTO / objective', 'RPO / objective', 'Servers', 'Run'], rows));
        const charts = [renderTrendChart(shown, 'rto'), renderTrendChart(shown, 'rpo')].filter((c) => c !== '');
        parts.push(...charts);
        const definition = shown.at(-1)?.rpo.definition;
        if (definition)
            parts.push(`<sub>RPO: ${(0,_core_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeCell */ .kq)(definition)}.</sub>`);
    }
    if (opts.skipped) {
        parts.push(`<sub>${opts.skipped} history file${opts.skipped === 1 ? '' : 's'} skipped (see the warnings).</sub>`);
    }
    if (opts.notRecorded)
        parts.push(`> ⚠️ This run is not in the history: ${(0,_core_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeCell */ .kq)(opts.notRecorded)}`);
    return parts.join('\n\n');
}
function stateCell(row) {
    if (row.invalid)
        return `❌ invalid plan: ${(0,_core_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeCell */ .kq)(row.invalid)}`;
    if (row.reasons.length === 0)
        return '✅ proven';
    return `⚠️ ${row.reasons.map((r) => (0,_core_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeCell */ .kq)(_trend_js__WEBPACK_IMPORTED_MODULE_3__/* .STALE_REASON_TEXT */ .D[r])).join('; ')}`;
}
/** `mode: status`: one row per plan, stale plans first. */
function renderStatusSummary(rows, opts) {
    const stale = rows.filter((r) => r.invalid || r.reasons.length > 0);
    const head = stale.length === 0
        ? `## ✅ Every plan is proven — ${rows.length} plan${rows.length === 1 ? '' : 's'}`
        : `## ⚠️ ${stale.length} of ${rows.length} plan${rows.length === 1 ? '' : 's'} not proven`;
    const ordered = [...stale, ...rows.filter((r) => !stale.includes(r))];
    const body = ordered.map((r) => [
        `<code>${(0,_core_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeCell */ .kq)(r.path)}</code>`,
        (0,_core_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeCell */ .kq)(r.name ?? '—'),
        r.last ? `${(0,_report_sections_js__WEBPACK_IMPORTED_MODULE_2__/* .formatInstant */ .r4)(r.last.startedAt)} ${verdictCell(r.last)}` : '—',
        r.lastProven ? (0,_report_sections_js__WEBPACK_IMPORTED_MODULE_2__/* .formatInstant */ .r4)(r.lastProven.startedAt) : '—',
        r.last ? measureCell(r.last.rto) : '—',
        r.last ? measureCell(r.last.rpo) : '—',
        (0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(r.ageSeconds),
        stateCell(r),
    ]);
    const notes = [
        `<sub>Proven: the last successful drill is at most ${(0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatTargetDuration */ .HU)(opts.maxAgeSeconds)} old (max-age), of this version of the plan file${opts.estateChecked ? ', over the same source servers' : ''}. History from branch <code>${(0,_core_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeCell */ .kq)(opts.branch)}</code>.${opts.estateChecked ? '' : ' The estate was not compared (no AWS credentials).'}</sub>`,
    ];
    return `${[
        head,
        (0,_report_sections_js__WEBPACK_IMPORTED_MODULE_2__/* .table */ .tp)(['Plan file', 'Name', 'Last run', 'Last success', 'RTO / objective', 'RPO / objective', 'Age', 'State'], body),
        ...notes,
    ].join('\n\n')}\n`;
}


/***/ }),

/***/ 39919:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ STALE_REASON_TEXT),
/* harmony export */   lr: () => (/* binding */ detectRegression),
/* harmony export */   u8: () => (/* binding */ assessPlan)
/* harmony export */ });
/* unused harmony exports REGRESSION_WINDOW, REGRESSION_MIN_RUNS, median */
/** The RTO is compared with the median of at most this many earlier runs that measured one… */
const REGRESSION_WINDOW = 5;
/** …and only once there are at least this many: one earlier run is not a trend. */
const REGRESSION_MIN_RUNS = 2;
function median(values) {
    if (values.length === 0)
        return undefined;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1
        ? sorted[mid]
        : (sorted[mid - 1] + sorted[mid]) / 2;
}
/**
 * A regression: this run's RTO is more than `thresholdPercent` above the median RTO of the previous
 * runs of the plan (oldest first, this run not included). Undefined when there is no trend to break.
 */
function detectRegression(rtoSeconds, previous, thresholdPercent) {
    if (rtoSeconds === undefined)
        return undefined;
    const window = previous
        .map((r) => r.rto.seconds)
        .filter((s) => s !== undefined)
        .slice(-REGRESSION_WINDOW);
    const baseline = median(window);
    if (baseline === undefined || window.length < REGRESSION_MIN_RUNS || baseline <= 0)
        return undefined;
    const percent = Math.round(((rtoSeconds - baseline) / baseline) * 1000) / 10;
    if (percent <= thresholdPercent)
        return undefined;
    return { rtoSeconds, baselineSeconds: baseline, percent, thresholdPercent, runs: window.length };
}
function endMs(record) {
    return Date.parse(record.endedAt ?? record.startedAt);
}
/**
 * Whether a plan is still proven: drilled successfully at all, not changed since (file digest, and the
 * estate when the live server set is known), and not longer ago than `maxAgeSeconds`.
 */
function assessPlan(plan, records, nowMs, maxAgeSeconds, liveServerSet) {
    const last = records.at(-1);
    if (!last)
        return { reasons: ['never'] };
    const lastProven = records.filter((r) => r.recovered).at(-1);
    if (!lastProven)
        return { last, reasons: ['unproven'] };
    const ageSeconds = Math.max(0, Math.round((nowMs - endMs(lastProven)) / 1000));
    const reasons = [];
    if (lastProven.plan.sha256 !== plan.sha256)
        reasons.push('changed');
    if (liveServerSet !== undefined && liveServerSet !== lastProven.servers.sha256)
        reasons.push('estate');
    if (ageSeconds > maxAgeSeconds)
        reasons.push('overdue');
    return { last, lastProven, ageSeconds, reasons };
}
const STALE_REASON_TEXT = {
    never: 'never drilled',
    unproven: 'never drilled successfully',
    changed: 'plan changed since its last successful drill',
    estate: 'the servers it resolves to changed since its last successful drill',
    overdue: 'overdue',
};


/***/ })

};
