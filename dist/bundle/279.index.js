export const id = 279;
export const ids = [279];
export const modules = {

/***/ 17279:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runDrillMode: () => (/* binding */ runDrillMode)
});

// EXTERNAL MODULE: ./src/aws/retry.ts
var retry = __webpack_require__(22495);
// EXTERNAL MODULE: ./src/core/clock.ts
var clock = __webpack_require__(32257);
// EXTERNAL MODULE: ./src/engine/log.ts
var log = __webpack_require__(54760);
// EXTERNAL MODULE: ./src/engine/preflight.ts + 10 modules
var engine_preflight = __webpack_require__(29118);
// EXTERNAL MODULE: ./src/engine/resume.ts
var resume = __webpack_require__(90099);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/report/build.ts
var build = __webpack_require__(95066);
// EXTERNAL MODULE: ./src/run-env.ts
var run_env = __webpack_require__(2612);
// EXTERNAL MODULE: ./src/engine/deadline.ts
var deadline = __webpack_require__(7964);
// EXTERNAL MODULE: ./src/report/markdown.ts + 5 modules
var markdown = __webpack_require__(55441);
// EXTERNAL MODULE: ./src/modes/publish.ts + 2 modules
var publish = __webpack_require__(63152);
;// CONCATENATED MODULE: ./src/modes/cancel.ts
/**
 * Cancellation of a drill or recovery: the runner sends SIGINT, SIGTERM 7.5 s later and kills at 10 s.
 * Whatever stage is in flight gets a short grace, then the partial evidence is published.
 */




/**
 * After a cancellation signal, how long a stage in flight (an AWS call can hang) may still take before
 * the run publishes what it knows: the runner sends SIGTERM 7.5 s after SIGINT and kills at 10 s, and
 * the partial report and summary must be out within 5 s.
 */
const CANCEL_GRACE_MS = 3000;
/**
 * `work`, or 'abandoned' when `signal` aborts and `work` has not settled `graceMs` (real time) later.
 * A rejection of `work` after the abort also counts as abandoned: the run is over either way.
 */
function untilAbandoned(work, signal, graceMs) {
    if (!signal)
        return work;
    return new Promise((resolve, reject) => {
        let timer;
        const onAbort = () => {
            timer = setTimeout(() => resolve('abandoned'), graceMs);
        };
        if (signal.aborted)
            onAbort();
        else
            signal.addEventListener('abort', onAbort, { once: true });
        work.then((value) => {
            clearTimeout(timer);
            signal.removeEventListener('abort', onAbort);
            resolve(value);
        }, (e) => {
            clearTimeout(timer);
            signal.removeEventListener('abort', onAbort);
            if (signal.aborted)
                resolve('abandoned');
            else
                reject(e);
        });
    });
}
/**
 * The report as it stands when the run is cancelled with a stage still in flight: waves running are
 * cancelled, pending ones skipped, and every job not known to be COMPLETED is listed by id, because
 * it keeps running in DRS. Mutates and returns `report`.
 */
function abandonReport(report) {
    for (const wave of report.waves) {
        if (wave.status === 'running') {
            wave.status = 'cancelled';
            wave.error = `Wave "${wave.name}": the run was cancelled`;
        }
        else if (wave.status === 'pending') {
            wave.status = 'skipped';
            wave.error = 'not started: the run was cancelled';
            for (const s of wave.servers)
                s.health = 'skipped';
        }
        for (const job of wave.jobs) {
            if (job.status === 'COMPLETED')
                continue;
            report.errors.push(`DRS job ${job.jobId} (wave "${wave.name}", ${job.sourceServerIds.length} server(s)) was still ` +
                `${job.status} when the run was cancelled; it keeps running in DRS.`);
        }
    }
    report.errors.push('The run was cancelled (the runner signalled the action); this report shows what was known then.');
    report.status = 'cancelled';
    return report;
}
/**
 * Evidence of a cancelled run. The summary goes first, before the artifact upload that could take
 * longer than the runner waits; report.json and report.md follow. The post step sees no
 * state marked finished and cleans up the drill instances (cleanup policy permitting).
 */
async function publishCancelled(io, report, inputs, run, deps) {
    const ended = (0,build/* finalizeReport */.Fw)(report, new Date(deps.clock.now()).toISOString(), 'cancelled');
    try {
        await io.writeSummary((0,markdown/* renderReportMarkdown */.Ay)(ended));
    }
    catch (e) {
        io.warning(`Could not write the job summary: ${e instanceof Error ? e.message : String(e)}`);
    }
    const withoutSummary = Object.assign(Object.create(io), {
        writeSummary: async () => { },
    });
    await (0,publish/* publishReport */.S3)(withoutSummary, ended, inputs, run, deps.env);
    return ended;
}
/**
 * A stage that may be given up: after a short grace once the run is cancelled, and at once when the
 * deadline (epoch ms on `clock`) comes, so preflight and repair never outlive timeout-minutes.
 */
async function untilStageEnds(work, signal, deadlineMs, clock) {
    const stop = new AbortController();
    const deadline = new AbortController();
    void clock.sleep(Math.max(0, deadlineMs - clock.now()), stop.signal).then(() => {
        if (!stop.signal.aborted)
            deadline.abort();
    });
    try {
        return await untilAbandoned(untilAbandoned(work, signal, CANCEL_GRACE_MS), deadline.signal, 0);
    }
    finally {
        stop.abort();
    }
}
/** A stage given up: the run was cancelled, or its deadline came, while it was still in flight. */
const ABANDONED = Symbol('abandoned');
/**
 * A pipeline stage bounded like `untilStageEnds`; a phase that noticed the deadline itself
 * (DeadlineError) ends the same way as one given up, and a stage given up at the deadline says so in
 * the run's errors.
 */
async function boundedStage(name, work, run) {
    const bounded = work.catch((e) => {
        if ((0,deadline/* isDeadlineError */.Tz)(e))
            return 'abandoned';
        throw e;
    });
    const result = await untilStageEnds(bounded, run.signal, run.deadline, run.clock);
    if (result !== 'abandoned')
        return result;
    if (!run.signal?.aborted)
        run.errors.push(`The run reached its time limit (timeout-minutes) during ${name}.`);
    return ABANDONED;
}

// EXTERNAL MODULE: ./src/engine/repair.ts
var repair = __webpack_require__(11045);
// EXTERNAL MODULE: ./src/modes/drill-setup.ts
var drill_setup = __webpack_require__(23941);
// EXTERNAL MODULE: ./src/aws/session.ts + 3 modules
var aws_session = __webpack_require__(99516);
// EXTERNAL MODULE: ./src/engine/cleanup.ts
var cleanup = __webpack_require__(80234);
;// CONCATENATED MODULE: ./src/engine/drift-check.ts
/** The plan key a change is about; `privateIp` follows from `launch.copyPrivateIp: false`. */
function planKey(change) {
    return change.field === 'privateIp' ? 'launch.copyPrivateIp' : `${change.target}.${change.field}`;
}
function shown(value) {
    return value === null || value === undefined ? 'unset' : JSON.stringify(value);
}
/** What the drift is, in plan terms: the current value, what the plan wants and where it says so. */
function describeChange(change, position) {
    const where = position ? ` (${position.file}:${position.line})` : '';
    if (change.field === 'privateIp')
        return `the launch template pins private IP ${shown(change.from)}, but the plan sets launch.copyPrivateIp: false${where}`;
    return `${planKey(change)} is ${shown(change.from)}, the plan wants ${shown(change.to)}${where}`;
}
/** Every drifted field of every server, one problem each, at the plan line that set the field. */
function driftProblems(drift, plan) {
    const byServer = new Map();
    for (const w of plan.waves)
        for (const rs of w.servers)
            byServer.set(rs.sourceServerId, { rs, wave: w.wave.name });
    return drift.flatMap((d) => {
        const found = byServer.get(d.sourceServerId);
        return d.changes.map((change) => {
            const position = found?.rs.spec.fieldPositions?.[planKey(change)] ?? found?.rs.spec.position;
            return {
                sourceServerId: d.sourceServerId,
                ...(d.hostname ? { hostname: d.hostname } : {}),
                ...(found ? { wave: found.wave } : {}),
                ...(position ? { position } : {}),
                message: `Source server ${d.sourceServerId}${d.hostname ? ` (${d.hostname})` : ''}: ${describeChange(change, position)}`,
                fix: 'repair is "check", so nothing is written: change the launch settings where they are managed (e.g. Terraform or CloudFormation), or change the plan, or run with repair: apply',
            };
        });
    });
}

// EXTERNAL MODULE: ./src/engine/resolve.ts
var resolve = __webpack_require__(93370);
;// CONCATENATED MODULE: ./src/modes/drill-steps.ts
/**
 * Steps of the drill pipeline that need no pipeline state: what preflight found, into the report and
 * the log; the launch-configuration repair.
 */










/** The AWS session; a failure (STS, the account guard) is evidence too, not an unexplained crash. */
async function openDrillSession(io, inputs, at, deps, report) {
    try {
        const session = await (0,aws_session.openAwsSession)(io, inputs, at.region, at.plan.accountId, deps);
        report.accountId = session.accountId;
        return session;
    }
    catch (e) {
        // The step fails with this as its first error (one annotation, from main.ts).
        report.errors.push(`Could not open the AWS session: ${(0,errors/* errorMessage */.gJ)(e)}`, 'Nothing was started.');
        return undefined;
    }
}
/**
 * Preflight's exclusions and warnings into the report and the log. A non-critical server left out for
 * its preflight failures has its own warning (with its plan line) among the preflight's.
 */
function notePreflight(io, report, preflight) {
    if (preflight.excluded.length > 0)
        report.excluded = preflight.excluded;
    const byInput = preflight.excluded.filter((x) => x.reason === resolve/* EXCLUDE_INPUT_REASON */.fu);
    if (byInput.length > 0) {
        const text = `Excluded from this run (input exclude): ${byInput
            .map((x) => `${x.sourceServerId}${x.hostname ? ` (${x.hostname})` : ''} in wave ${x.wave}`)
            .join(', ')}`;
        report.warnings.push(text);
        io.warning(text);
    }
    for (const w of preflight.warnings) {
        const text = (0,drill_setup/* describeProblem */.BJ)(w);
        report.warnings.push(text);
        io.warning(text, w.position);
    }
}
/** Writes the drift; returns the errors of a half-repaired estate (nothing starts on one). */
async function repairStep(io, report, engine, preflight, opts) {
    const { changes, failures } = await io.group('Launch configuration', async () => {
        const outcome = await (0,repair/* repairLaunchConfigurations */.GQ)(engine, preflight.drift, opts).then((written) => ({ changes: written, failures: [] }), (e) => {
            if (e instanceof repair/* LaunchConfigRepairError */.fD)
                return { changes: e.changes, failures: e.failures };
            throw e;
        });
        for (const c of outcome.changes) {
            io.info(`${c.applied ? 'Changed' : 'Would change'} ${c.sourceServerId} ${c.target}.${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`);
        }
        // The failures print inside the group too, beside the changes that did get written.
        for (const f of outcome.failures)
            io.error(failureText(f));
        return outcome;
    });
    report.launchConfigChanges = changes;
    if (failures.length === 0)
        return [];
    return [
        ...failures.map(failureText),
        'Nothing was started: the launch configurations above must be repaired first.',
    ];
}
function failureText(f) {
    return `Launch configuration of ${f.sourceServerId} could not be written: ${(0,errors/* errorMessage */.gJ)(f.error)}`;
}
/** Who and what the run is, for the StartRecovery tags and the evidence. */
function runContext(at, executionId, accountId, runEnv) {
    return {
        mode: at.mode,
        isDrill: at.mode === 'drill',
        executionId,
        region: at.region,
        ...(accountId ? { accountId } : {}),
        initiatedBy: runEnv.actor,
        repository: runEnv.repository,
        runUrl: (0,run_env/* runUrlOf */.Qm)(runEnv),
        commit: runEnv.sha,
    };
}
/**
 * Whether nothing a run started is left for the post step: no job, a recovery (never cleaned), or a
 * cleanup that ran to its end (or that the policy skipped on purpose).
 */
function nothingLeftBehind(io, report, jobIds) {
    if (!report.isDrill || jobIds.length === 0)
        return true;
    if (report.cleanup !== undefined && report.cleanup.status !== 'failed')
        return true;
    const text = 'Drill instances of this run may still exist: the post step terminates them (cleanup policy permitting), and mode: cleanup catches any left after it.';
    report.warnings.push(text);
    io.warning(text);
    return false;
}
/**
 * Preflight's problems as the run's errors (each annotated at its plan line), or undefined. With
 * `repair: check` every drift is one of them (and nothing is left for the repair to write).
 */
function preflightErrors(io, preflight, repair = 'apply') {
    if (repair === 'check' && preflight.executionPlan && preflight.drift.length > 0) {
        preflight.problems.push(...driftProblems(preflight.drift, preflight.executionPlan));
        preflight.drift = [];
    }
    if (preflight.problems.length === 0 && preflight.executionPlan)
        return undefined;
    return [
        ...preflight.problems.map((p) => {
            io.error((0,drill_setup/* describeProblem */.BJ)(p), p.position);
            return `Preflight: ${(0,drill_setup/* describeProblem */.BJ)(p)}`;
        }),
        'Nothing was started: fix the preflight problems above and run again.',
    ];
}
/** Says that the run attaches to the jobs an earlier attempt of its execution started. */
function noteResume(io, report, own) {
    const note = (0,resume/* resumeNote */.Mc)(own);
    if (!note)
        return;
    report.warnings.push(note);
    io.notice(note);
}
/**
 * The drill's cleanup. Terminate jobs take minutes: a cancellation gives it up after a short grace and
 * leaves it to the post step (the run is then not finished).
 */
async function cleanupStage(io, engine, report, policy, signal) {
    if (signal?.aborted)
        return 'abandoned';
    const work = io.group('Cleanup', () => (0,cleanup/* cleanupDrillInstances */.Wo)(engine, report, policy));
    return untilAbandoned(work, signal, CANCEL_GRACE_MS);
}

;// CONCATENATED MODULE: ./src/modes/deferred-waves.ts
/**
 * A pipelined drill or recovery (issue 18): the waves that start first were fully preflighted before
 * the first write; each later wave gets its per-server launch reads and its launch-configuration
 * repair here, in the background, one wave after another in plan order, while the waves before it run.
 * The run loop asks `state(wave)` before starting a wave (engine/wave-gate.ts): a wave whose reads or
 * repair failed stops the run before it starts, with the same errors a preflight failure gives, and
 * the waves already launched are cleaned by the drill's cleanup policy as after any failed wave.
 */






/**
 * Whether the run pipelines its preflight. Not in a dry run (it reports the whole preflight), not with
 * `repair: check` (drift anywhere refuses the plan before anything starts), and not over several steps
 * (input `waves`: each step's preflight covers the whole plan, as before).
 */
function pipelinesPreflight(inputs) {
    return !inputs.dryRun && (inputs.repair ?? 'apply') === 'apply' && inputs.waves.length === 0;
}
/** Starts the later waves' preflights of a pipelined run; undefined when nothing was deferred. */
function startDeferredWaves(io, report, engine, preflight, opts) {
    const names = new Set(preflight.deferredWaves ?? []);
    const waves = preflight.executionPlan?.waves.filter((w) => names.has(w.wave.name)) ?? [];
    if (waves.length === 0)
        return undefined;
    const gate = new DeferredWaves(io, report, engine, waves, opts);
    gate.start();
    return gate;
}
class DeferredWaves {
    io;
    report;
    engine;
    waves;
    opts;
    states = new Map();
    /** Stops the background reads and writes once the run loop is over (or gave up). */
    stop = new AbortController();
    work = Promise.resolve();
    constructor(io, report, engine, waves, opts) {
        this.io = io;
        this.report = report;
        this.engine = engine;
        this.waves = waves;
        this.opts = opts;
    }
    state(wave) {
        return this.states.get(wave);
    }
    /** Every later wave is pending from now; their preflights run one after another. Never rejects. */
    start() {
        const settle = new Map();
        for (const w of this.waves) {
            const settled = new Promise((resolve) => settle.set(w.wave.name, resolve));
            this.states.set(w.wave.name, { kind: 'pending', settled });
        }
        this.work = (async () => {
            // A wave that depends on one whose preflight failed never starts: it is neither read nor repaired.
            const failed = new Set();
            for (const w of this.waves) {
                const name = w.wave.name;
                const after = w.wave.dependsOn.find((d) => failed.has(d));
                const state = this.stop.signal.aborted || after !== undefined
                    ? this.notChecked(name, after)
                    : await this.check(w).catch((e) => this.broken(name, e));
                if (state.kind === 'failed')
                    failed.add(name);
                this.states.set(name, state);
                settle.get(name)?.();
            }
        })();
    }
    /** Ends the background work (after the run loop, before the cleanup): nothing more is written. */
    async close() {
        this.stop.abort(new Error('the run ended'));
        await this.work;
    }
    limits() {
        return {
            deadline: this.opts.deadline,
            signal: (0,retry/* firstAbort */.V8)([...(this.opts.signal ? [this.opts.signal] : []), this.stop.signal]),
        };
    }
    async check(wave) {
        const name = wave.wave.name;
        const found = await (0,engine_preflight/* checkDeferredWave */.TX)(this.engine, wave, {
            mode: this.opts.mode,
            pointInTime: this.opts.pointInTime,
            ...this.limits(),
        });
        for (const w of found.warnings) {
            const text = (0,drill_setup/* describeProblem */.BJ)(w);
            this.report.warnings.push(text);
            this.io.warning(text, w.position);
        }
        if (found.leftOut.length > 0)
            this.report.excluded = [...(this.report.excluded ?? []), ...found.leftOut];
        if (found.problems.length > 0) {
            const errors = found.problems.map((p) => {
                this.io.error((0,drill_setup/* describeProblem */.BJ)(p), p.position);
                return `Preflight: ${(0,drill_setup/* describeProblem */.BJ)(p)}`;
            });
            return { kind: 'failed', errors: [...errors, this.stopLine(name, 'fix the preflight problems above')] };
        }
        const repaired = await this.repair(name, found.drift);
        if (repaired)
            return repaired;
        this.io.info(`Wave "${name}": preflight passed (${found.servers.length} server(s) to start)`);
        return { kind: 'ready', servers: found.servers };
    }
    /** Writes the wave's drift; a failed state when any write failed (the wave does not start). */
    async repair(name, drift) {
        if (drift.length === 0)
            return undefined;
        const opts = { dryRun: false, executionId: this.opts.executionId, ...this.limits() };
        const outcome = await (0,repair/* repairLaunchConfigurations */.GQ)(this.engine, drift, opts).then((changes) => ({ changes, failures: [] }), (e) => {
            if (e instanceof repair/* LaunchConfigRepairError */.fD)
                return { changes: e.changes, failures: e.failures };
            throw e;
        });
        this.report.launchConfigChanges = [...this.report.launchConfigChanges, ...outcome.changes];
        for (const c of outcome.changes) {
            this.io.info(`Wave "${name}": changed ${c.sourceServerId} ${c.target}.${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`);
        }
        if (outcome.failures.length === 0)
            return undefined;
        const errors = outcome.failures.map((f) => {
            this.io.error(failureText(f));
            return failureText(f);
        });
        return {
            kind: 'failed',
            errors: [...errors, this.stopLine(name, 'repair the launch configurations above')],
        };
    }
    stopLine(name, fix) {
        return `Wave "${name}" was not started: ${fix} and run again.`;
    }
    /** A read that failed for good (throttled past its retries, the deadline): the wave does not start. */
    broken(name, e) {
        const error = `Preflight: wave ${name}: could not finish its checks: ${(0,errors/* errorMessage */.gJ)(e)}`;
        if (!this.stop.signal.aborted)
            this.io.error(error);
        return { kind: 'failed', errors: [error, this.stopLine(name, 'fix the cause above')] };
    }
    notChecked(name, after) {
        const why = after ? `it depends on wave "${after}", which failed its preflight` : 'the run ended first';
        return { kind: 'failed', errors: [`Wave "${name}" was not checked: ${why}.`] };
    }
}

// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(70370);
// EXTERNAL MODULE: ./src/aws/retrying.ts
var retrying = __webpack_require__(32355);
// EXTERNAL MODULE: ./src/engine/drill-settings.ts
var drill_settings = __webpack_require__(57381);
// EXTERNAL MODULE: ./src/engine/poller.ts
var poller = __webpack_require__(74694);
// EXTERNAL MODULE: ./src/plan/drill.ts
var drill = __webpack_require__(29266);
;// CONCATENATED MODULE: ./src/modes/drill-overrides.ts
/**
 * The plan's `drill:` overrides in the drill pipeline: written just before the waves (after the
 * repair), restored per server as soon as it is safe (it launched, or its job ended, or it will never
 * start), again after the cleanup, and by the post step for whatever is left (cancellation, a crash).
 * Each write is saved for the post step before it is made; the report records both sides.
 */







/** DRS refuses launch-setting writes while the server is in a job: wait for the job, then try again. */
function isBusy(e) {
    return e?.name === 'ConflictException';
}
function pendingOf(w) {
    return {
        sourceServerId: w.sourceServerId,
        launchTemplateId: w.launchTemplateId,
        recoveryVersion: w.recoveryVersion,
        launch: w.launch,
    };
}
/** Whether restoring now cannot change what the server launches with: it launched, or it never will. */
function safeToRestore(server, wave) {
    if (!server || !wave)
        return true;
    if (server.ec2InstanceId || server.launchStatus === 'LAUNCHED')
        return true;
    const job = wave.jobs.find((j) => j.jobId === server.jobId);
    if (job)
        return job.status === 'COMPLETED';
    return wave.status !== 'running' && wave.status !== 'pending';
}
class DrillOverrides {
    state;
    save;
    executionId;
    /** Written and not yet known restored, by source server. */
    pending = new Map();
    constructor(state, save, executionId) {
        this.state = state;
        this.save = save;
        this.executionId = executionId;
    }
    /** Records a write (before it is made) in the post step's state and the report. */
    track(report, write) {
        this.pending.set(write.sourceServerId, write);
        this.state.restore = [...this.pending.values()].map(pendingOf);
        this.save();
        const entry = {
            sourceServerId: write.sourceServerId,
            ...(write.hostname ? { hostname: write.hostname } : {}),
            launchTemplateId: write.launchTemplateId,
            recoveryVersion: write.recoveryVersion,
            ...(write.drillVersion !== undefined ? { drillVersion: write.drillVersion } : {}),
            // Drill settings are launch settings and template data; post-launch actions are never drill-only.
            changes: write.changes.flatMap((c) => c.target === 'postLaunch' ? [] : [{ target: c.target, field: c.field, from: c.from, to: c.to }]),
            restore: { status: 'pending' },
        };
        const list = report.drillSettings ?? [];
        report.drillSettings = [...list.filter((d) => d.sourceServerId !== write.sourceServerId), entry];
    }
    /**
     * Writes the drill settings of every server that has overrides. Returns the run's errors when any
     * could not be written; then everything written is restored at once and nothing starts.
     */
    async apply(deps, mode, preflight, report, limits) {
        // A recovery always launches with the recovery settings.
        if (mode !== 'drill' || !preflight.executionPlan)
            return [];
        const targets = preflight.executionPlan.waves.flatMap((w) => w.servers.flatMap((rs) => (0,drill/* hasDrillOverrides */.J)(rs.spec.drill)
            ? [
                {
                    sourceServerId: rs.sourceServerId,
                    ...(rs.hostname ? { hostname: rs.hostname } : {}),
                    drill: rs.spec.drill,
                },
            ]
            : []));
        if (targets.length === 0)
            return [];
        const gateways = withRetries(deps, limits);
        const limit = (0,p_limit/* default */.A)(10);
        const shared = await sharedTemplates(gateways, targets, limit);
        if (shared.length > 0)
            return [...shared, 'Nothing was started: no drill setting was written.'];
        const failures = [];
        await Promise.all(targets.map((t) => limit(async () => {
            try {
                const write = await (0,drill_settings/* applyDrillSettings */.nL)(gateways, t, {
                    executionId: this.executionId,
                    record: (w) => this.track(report, w),
                });
                for (const c of write?.changes ?? [])
                    deps.log.info(`Drill setting ${t.sourceServerId} ${c.target}.${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`);
            }
            catch (e) {
                failures.push(`Drill settings of ${t.sourceServerId} could not be written: ${(0,errors/* errorMessage */.gJ)(e)}`);
            }
        })));
        if (failures.length === 0)
            return [];
        for (const f of failures)
            deps.log.error(f);
        await this.restore(deps, report, () => true);
        return [...failures, 'Nothing was started: the drill settings above could not be written.'];
    }
    /**
     * Restores every pending server `ready` allows. A server DRS still holds in a job stays pending (the
     * next pass, or the post step, takes it); another failure is recorded and left for the post step.
     */
    async restore(deps, report, ready) {
        const due = [...this.pending.values()].filter((w) => ready(w.sourceServerId));
        if (due.length === 0)
            return;
        const limit = (0,p_limit/* default */.A)(10);
        await Promise.all(due.map((w) => limit(() => this.restoreOne(deps, report, w))));
        this.state.restore = [...this.pending.values()].map(pendingOf);
        this.save();
    }
    async restoreOne(deps, report, write) {
        const entry = report.drillSettings?.find((d) => d.sourceServerId === write.sourceServerId);
        try {
            const done = await (0,drill_settings/* restoreRecoverySettings */.pr)(deps, write, { executionId: this.executionId });
            this.pending.delete(write.sourceServerId);
            if (entry)
                entry.restore = { status: 'restored', at: (0,poller/* awsNow */.e1)(deps), ...done };
            deps.log.info(`Recovery settings of ${write.sourceServerId} restored after its drill.`);
        }
        catch (e) {
            if (isBusy(e))
                return;
            if (entry)
                entry.restore = { status: 'failed', error: (0,errors/* errorMessage */.gJ)(e) };
            deps.log.warning(`Could not restore the recovery settings of ${write.sourceServerId}: ${(0,errors/* errorMessage */.gJ)(e)}`);
        }
    }
    /** Restores the servers for which it is safe now, as the report shows them (the run loop calls this). */
    restoreSafe(deps, report) {
        if (this.pending.size === 0)
            return Promise.resolve();
        const where = new Map();
        for (const wave of report.waves)
            for (const server of wave.servers)
                where.set(server.sourceServerId, { server, wave });
        return this.restore(deps, report, (id) => safeToRestore(where.get(id)?.server, where.get(id)?.wave));
    }
    /** Servers still waiting: a line for the report, so nobody is surprised by drill settings left. */
    leftNote(report) {
        if (this.pending.size === 0)
            return;
        report.warnings.push(`Drill settings of ${[...this.pending.keys()].join(', ')} are not restored yet: the post step restores them.`);
    }
}
/**
 * Servers with drill settings that share one launch template. DRS gives every server its own; a shared
 * one would make one server's drill version another's "recovery settings", and a restore after one
 * server's launch would change what another still launches with. Refused before anything is written.
 */
async function sharedTemplates(deps, targets, limit) {
    const byTemplate = new Map();
    await Promise.all(targets.map((t) => limit(async () => {
        // A read that fails here fails again, with its reason, when the settings are written.
        const config = await deps.drs.getLaunchConfiguration(t.sourceServerId).catch(() => undefined);
        const id = config?.ec2LaunchTemplateID;
        if (id)
            byTemplate.set(id, [...(byTemplate.get(id) ?? []), t.sourceServerId]);
    })));
    return [...byTemplate]
        .filter(([, servers]) => servers.length > 1)
        .map(([template, servers]) => `Drill settings: source servers ${servers.sort().join(', ')} share launch template ${template}, so the drill settings of one would become the recovery settings of another: give each server its own template (DRS does), or leave drill: out for them`);
}
/** Reads and writes retried through throttling and 5xx on the run's clock, stopping at its deadline. */
function withRetries(deps, limits) {
    const checkpoint = (0,deadline/* phaseCheckpoint */.ef)(deps.clock, limits, 'writing the drill settings');
    const opts = { sleep: (ms) => deps.clock.sleep(ms, limits.signal), checkpoint };
    return { ...deps, drs: (0,retrying/* retryingDrs */.o)(deps.drs, opts), ec2: (0,retrying/* retryingEc2 */.N)(deps.ec2, opts) };
}

// EXTERNAL MODULE: ./src/core/durations.ts + 1 modules
var durations = __webpack_require__(10119);
// EXTERNAL MODULE: ./src/core/tags.ts
var core_tags = __webpack_require__(52766);
// EXTERNAL MODULE: ./src/engine/instances.ts
var instances = __webpack_require__(86122);
;// CONCATENATED MODULE: ./src/engine/log-events.ts

/** Events that mean something went wrong for the server (or, without a server id, for the whole job). */
const ERROR_EVENTS = {
    SNAPSHOT_FAIL: 'DRS could not take the snapshot (a replication problem: check the source server’s replication state and lag)',
    USING_PREVIOUS_SNAPSHOT_FAILED: 'DRS could not use the requested point-in-time snapshot',
    CONVERSION_FAIL: 'DRS could not convert the server',
    LAUNCH_FAILED: 'DRS could not launch the recovery instance',
    CLEANUP_FAIL: 'DRS could not clean up after the job',
    SERVER_SKIPPED: 'DRS left the server out of the job',
    JOB_CANCEL: 'the job was cancelled',
    DEPLOY_NETWORK_CONFIGURATION_FAILED: 'DRS could not deploy the network configuration',
    UPDATE_NETWORK_CONFIGURATION_FAILED: 'DRS could not update the network configuration',
    UPDATE_LAUNCH_TEMPLATE_FAILED: 'DRS could not update the launch template',
    NETWORK_RECOVERY_FAIL: 'network recovery failed',
};
/**
 * Log items about one server, in time order (by instant, not by text: DRS writes offsets and
 * microseconds), without exact duplicates; job-wide items (no server id) are included.
 */
function itemsForServer(items, sourceServerId) {
    const seen = new Set();
    const own = [];
    items.forEach((item, order) => {
        const id = item.eventData?.sourceServerID;
        if (id !== undefined && id !== sourceServerId)
            return;
        const key = JSON.stringify([item.event, item.logDateTime, item.eventData ?? {}]);
        if (seen.has(key))
            return;
        seen.add(key);
        own.push({ item, at: (0,durations/* parseInstant */.nV)(item.logDateTime) ?? Number.POSITIVE_INFINITY, order });
    });
    return own.sort((a, b) => a.at - b.at || a.order - b.order).map((x) => x.item);
}
/** The first time of `event` among time-ordered items, as a UTC ISO string. */
function firstTime(items, event) {
    for (const item of items) {
        if (item.event !== event)
            continue;
        const at = (0,durations/* toUtcIso */.dT)(item.logDateTime);
        if (at !== undefined)
            return at;
    }
    return undefined;
}
function phase(name, startedAt, endedAt, failedAt) {
    if (startedAt === undefined)
        return undefined;
    const result = { name, startedAt };
    if (failedAt !== undefined) {
        result.endedAt = failedAt;
        result.failed = true;
    }
    else if (endedAt !== undefined) {
        result.endedAt = endedAt;
    }
    return result;
}
/**
 * Phases of one server from the log. The launch phase ends at `LAUNCH_END` (real DRS logs it, though
 * the model's enum lacks it), else at `launchedAt` (EC2 LaunchTime).
 */
function phasesFromLog(items, sourceServerId, launchedAt) {
    const own = itemsForServer(items, sourceServerId);
    const phases = [];
    const previous = firstTime(own, 'USING_PREVIOUS_SNAPSHOT');
    const snapshot = phase('snapshot', firstTime(own, 'SNAPSHOT_START'), firstTime(own, 'SNAPSHOT_END'), firstTime(own, 'SNAPSHOT_FAIL')) ??
        // A pinned point-in-time snapshot is used as is: the phase is an instant.
        phase('snapshot', previous, previous, firstTime(own, 'USING_PREVIOUS_SNAPSHOT_FAILED'));
    const conversion = phase('conversion', firstTime(own, 'CONVERSION_START'), firstTime(own, 'CONVERSION_END'), firstTime(own, 'CONVERSION_FAIL'));
    const launch = phase('launch', firstTime(own, 'LAUNCH_START'), firstTime(own, 'LAUNCH_END') ?? (0,durations/* toUtcIso */.dT)(launchedAt), firstTime(own, 'LAUNCH_FAILED'));
    for (const p of [snapshot, conversion, launch])
        if (p)
            phases.push(p);
    return phases;
}
/** Errors of one server from the log, with DRS's rawError verbatim. */
function errorsFromLog(items, sourceServerId) {
    const errors = [];
    for (const item of itemsForServer(items, sourceServerId)) {
        const event = item.event;
        if (event === undefined)
            continue;
        const meaning = ERROR_EVENTS[event];
        if (meaning === undefined)
            continue;
        const error = { event, message: `${event}: ${meaning}` };
        const rawError = item.eventData?.rawError;
        if (rawError !== undefined && rawError !== '')
            error.rawError = rawError;
        const at = (0,durations/* toUtcIso */.dT)(item.logDateTime);
        if (at !== undefined)
            error.at = at;
        errors.push(error);
    }
    return errors;
}

;// CONCATENATED MODULE: ./src/engine/outcome.ts



/**
 * How long after its job completed a server DRS reported launched may stay without a known instance
 * (no LAUNCH_END id, no recovery instance of the job) before it counts as failed.
 */
const INSTANCE_GRACE_MS = 10 * 60_000;
/** rawError texts that mean the caller's role was refused something DRS did on its behalf. */
const AUTHORIZATION_ERROR = /not authorized|UnauthorizedOperation|AccessDenied|is not permitted/i;
const PERMISSIONS_HINT = 'DRS does the EC2 work of a job with the permissions of the role that called StartRecovery: grant the ' +
    'drill policy (`drs-drill iam-policy --mode drill <plan>`, docs/iam/drill-policy.json)';
function logReason(errors) {
    const last = errors[errors.length - 1];
    if (!last)
        return undefined;
    if (!last.rawError)
        return last.message;
    const hint = AUTHORIZATION_ERROR.test(last.rawError) ? `. ${PERMISSIONS_HINT}` : '';
    return `${last.message} (rawError: ${last.rawError})${hint}`;
}
/** A server DRS calls launched but whose instance cannot be found: the old tool's silent case. */
const NO_INSTANCE_REASON = 'DRS reported the server launched, but no instance of this job can be found (no LAUNCH_END instance ' +
    `id, no recovery instance with this job's id) ${INSTANCE_GRACE_MS / 60_000} minutes after the job ` +
    'completed. Likely causes: the role cannot read recovery instances (drs:DescribeRecoveryInstances ' +
    'needs ec2:DescribeInstances), or the instance was terminated or replaced by a later launch of the ' +
    'same server';
function actionLabel(a) {
    return `post-launch action ${a.name ?? a.actionId ?? a.runId ?? '(unnamed)'}`;
}
/** Runs as the report keeps them. */
function launchActionReports(runs) {
    return (runs ?? []).map((r) => ({
        ...(r.action?.actionId ? { actionId: r.action.actionId } : {}),
        ...(r.action?.name ? { name: r.action.name } : {}),
        ...(r.runId ? { runId: r.runId } : {}),
        optional: r.action?.optional === true,
        status: r.status ?? 'UNKNOWN',
        ...(r.failureReason ? { failureReason: r.failureReason } : {}),
    }));
}
function judgeLaunchActions(actions) {
    const warnings = [];
    let failure;
    let running = false;
    for (const a of actions) {
        const why = a.failureReason ? `: ${a.failureReason}` : '';
        if (a.status === 'SUCCEEDED')
            continue;
        if (a.status === 'IN_PROGRESS')
            running = true;
        else if (a.status === 'FAILED') {
            if (a.optional)
                warnings.push(`optional ${actionLabel(a)} failed${why}`);
            else
                failure ??= `${actionLabel(a)} failed${why}`;
        }
        else
            warnings.push(`${actionLabel(a)} reported status ${a.status}; not counted`);
    }
    return { ...(failure ? { failure } : {}), running, warnings };
}
function serverOutcome(input) {
    const { launchStatus } = input;
    if (launchStatus === 'FAILED' || launchStatus === 'TERMINATED') {
        const reason = logReason(input.logErrors) ?? `DRS reported launch status ${launchStatus}`;
        return { result: 'failed', health: 'skipped', reason };
    }
    const launched = input.launched ?? launchStatus === 'LAUNCHED';
    if (!launched) {
        if (input.jobStatus === 'COMPLETED') {
            const reason = logReason(input.logErrors) ??
                `the job completed but the server was not launched (launch status ${launchStatus ?? 'unknown'})`;
            return { result: 'failed', health: 'skipped', reason };
        }
        return { result: 'pending', health: 'pending' };
    }
    if (input.ec2InstanceId === undefined) {
        if (input.instanceOverdue)
            return { result: 'failed', health: 'skipped', reason: NO_INSTANCE_REASON };
        return { result: 'pending', health: 'pending' };
    }
    const actions = judgeLaunchActions(input.launchActions ?? []);
    const warnings = actions.warnings.length > 0 ? { warnings: actions.warnings } : {};
    if (actions.failure) {
        const health = input.health.state === 'pending' ? 'skipped' : input.health.state;
        return { result: 'failed', health, reason: actions.failure, ...warnings };
    }
    if (input.health.state === 'failed') {
        return {
            result: 'failed',
            health: 'failed',
            reason: `health check failed: ${input.health.reason}`,
            ...warnings,
        };
    }
    if (input.health.state === 'passed' && !actions.running)
        return { result: 'succeeded', health: 'passed', ...warnings };
    return { result: 'pending', health: input.health.state === 'passed' ? 'passed' : 'pending' };
}
/**
 * DRS does the EC2 work of a job with the caller's own permissions (forward access sessions). Without
 * them a job ends COMPLETED with no server launched. Said only when no failure event in the log
 * explains it (a SNAPSHOT_FAIL, CONVERSION_FAIL or LAUNCH_FAILED names its own cause).
 */
function looksLikeMissingEc2Permissions(job, logs, sourceServerIds = (job.participatingServers ?? []).flatMap((p) => p.sourceServerID ? [p.sourceServerID] : [])) {
    if (job.status !== 'COMPLETED' || sourceServerIds.length === 0)
        return false;
    const ends = (0,instances/* launchEnds */.mU)(logs);
    const participants = new Map((job.participatingServers ?? []).map((p) => [p.sourceServerID, p]));
    if (sourceServerIds.some((id) => (0,instances/* appearsLaunched */.lx)(participants.get(id), ends, id)))
        return false;
    return sourceServerIds.every((id) => errorsFromLog(logs, id).length === 0);
}
function missingEc2PermissionsMessage(jobId) {
    return (`DRS job ${jobId} completed with 0 of its servers launched and no failure logged. ` +
        'The likely cause: the IAM role that called StartRecovery lacks the EC2 permissions DRS uses on its ' +
        'behalf (forward access sessions), such as ec2:RunInstances, ec2:CreateVolume, ec2:AttachVolume, ' +
        'ec2:CreateSnapshot, ec2:CreateLaunchTemplateVersion, ec2:CreateTags, ec2:TerminateInstances, and ' +
        'iam:PassRole for the launch template instance profile. Fix: grant the drill policy that ' +
        '`drs-drill iam-policy --mode drill <plan>` prints (docs/iam/drill-policy.json): the EC2 dependent ' +
        'actions of StartRecovery with the condition aws:ViaAWSService = true, and iam:PassRole on the instance ' +
        "profile's role with iam:PassedToService = ec2.amazonaws.com. The AWS managed policy " +
        'AWSElasticDisasterRecoveryConsoleFullAccess_v2 also covers them.');
}
function serverLabel(s) {
    return s.hostname ? `${s.sourceServerId} (${s.hostname})` : s.sourceServerId;
}
function nonCriticalWarnings(waveName, servers) {
    const own = servers.flatMap((s) => (s.outcome.warnings ?? []).map((w) => `Wave "${waveName}": ${serverLabel(s)}: ${w}`));
    const nonCritical = servers
        .filter((s) => !s.critical && s.outcome.result !== 'succeeded')
        .map((s) => `Wave "${waveName}": non-critical server ${serverLabel(s)} did not succeed: ${s.outcome.reason ?? 'not healthy when the wave ended'}`);
    return [...own, ...nonCritical];
}
/**
 * Decide a wave once everything it started has settled: all chunks started, every job COMPLETED,
 * every server decided. Until then it is running.
 */
function evaluateWave(input) {
    const settled = input.allChunksStarted &&
        input.jobs.every((j) => j.status === 'COMPLETED') &&
        input.servers.every((s) => s.outcome.result !== 'pending');
    if (!settled)
        return { state: 'running', warnings: [] };
    const warnings = nonCriticalWarnings(input.waveName, input.servers);
    const criticalFailures = input.servers.filter((s) => s.critical && s.outcome.result === 'failed');
    if (criticalFailures.length === 0)
        return { state: 'succeeded', warnings };
    const lines = criticalFailures.map((s) => `${serverLabel(s)}: ${s.outcome.reason ?? 'failed'}`);
    const error = [...input.permissionProblems, `Critical server(s) failed: ${lines.join('; ')}`].join(' ');
    return { state: 'failed', error, warnings };
}
/**
 * A wave's timeout came: it still succeeds if every critical server already did (non-critical
 * stragglers only warn); otherwise it timed out, naming what each critical server was waiting for.
 */
function evaluateWaveAtTimeout(input) {
    const warnings = nonCriticalWarnings(input.waveName, input.servers);
    const notDone = input.servers.filter((s) => s.critical && s.outcome.result !== 'succeeded');
    if (notDone.length === 0)
        return { state: 'succeeded', warnings };
    const lines = notDone.map((s) => s.outcome.result === 'failed'
        ? `${serverLabel(s)}: ${s.outcome.reason ?? 'failed'}`
        : `${serverLabel(s)}: still waiting for ${s.waitingFor}`);
    return {
        state: 'timed-out',
        error: `Wave "${input.waveName}" timed out after ${(0,durations/* formatTargetDuration */.HU)(input.timeoutSeconds)}: ${lines.join('; ')}`,
        warnings,
    };
}

// EXTERNAL MODULE: ./src/core/quotas.ts
var quotas = __webpack_require__(7254);
;// CONCATENATED MODULE: ./src/engine/scheduler.ts
/**
 * Which waves may start and which chunks DRS can hold right now. Pure: the run loop owns the
 * state and the clock and asks these functions what to do next.
 */

/** Whether a wave's dependants may run after it: it succeeded, or had no server left to run. */
function satisfied(state) {
    return state?.status === 'succeeded' || (state?.status === 'skipped' && state.empty === true);
}
const BAD_END = new Set(['failed', 'timed-out', 'skipped', 'cancelled']);
function failureWord(status) {
    return status === 'timed-out' ? 'timed out' : status === 'skipped' ? 'was skipped' : status;
}
/**
 * Decide, for every pending wave, start / skip / wait.
 * `stop` + a failed or timed-out wave: no new wave starts, the pending ones are skipped.
 * `continue`: waves whose dependencies succeeded still start; dependants of a failure are skipped.
 */
function planNextWaves(waves, states, opts) {
    const decision = { start: [], skip: [] };
    const failed = waves.find((w) => {
        const s = states.get(w.name)?.status;
        return s === 'failed' || s === 'timed-out';
    });
    for (const wave of waves) {
        if (states.get(wave.name)?.status !== 'pending')
            continue;
        if (opts.onFailure === 'stop' && failed) {
            const status = states.get(failed.name)?.status ?? 'failed';
            decision.skip.push({
                wave: wave.name,
                reason: `not started: wave "${failed.name}" ${failureWord(status)} and onFailure is stop`,
            });
            continue;
        }
        const badDependency = wave.dependsOn.find((d) => BAD_END.has(states.get(d)?.status ?? 'pending') && !satisfied(states.get(d)));
        if (badDependency !== undefined) {
            const status = states.get(badDependency)?.status ?? 'failed';
            decision.skip.push({
                wave: wave.name,
                reason: `not started: it depends on wave "${badDependency}", which ${failureWord(status)}`,
            });
            continue;
        }
        let readyAt = opts.nowMs;
        let allSucceeded = true;
        for (const name of wave.dependsOn) {
            const dep = states.get(name);
            const depWave = waves.find((w) => w.name === name);
            if (!satisfied(dep) || dep?.decidedAtMs === undefined) {
                allSucceeded = false;
                break;
            }
            const soak = dep.empty ? 0 : (depWave?.waitAfterSeconds ?? 0);
            readyAt = Math.max(readyAt, dep.decidedAtMs + soak * 1000);
        }
        if (!allSucceeded)
            continue;
        if (readyAt <= opts.nowMs)
            decision.start.push(wave.name);
        else
            decision.wakeAtMs = Math.min(decision.wakeAtMs ?? readyAt, readyAt);
    }
    return decision;
}
/** Split a wave's servers into StartRecovery-sized chunks (≤100, the documented per-launch limit). */
function chunkServers(items, size = quotas/* DRS_QUOTAS */.sT.maxServersPerJob) {
    const chunks = [];
    for (let i = 0; i < items.length; i += size)
        chunks.push(items.slice(i, i + size));
    return chunks;
}
/**
 * Whether one more job of `chunkSize` servers fits in DRS's account-wide quotas, counting this run's
 * active and reserved jobs (`ours`) and the jobs that were already active before the run (`others`).
 * When this run holds nothing, it tries anyway: the other jobs may have ended since preflight counted
 * them, and DRS itself answers ServiceQuotaExceeded (which waits) if they have not.
 */
function canAdmit(ours, others, chunkSize) {
    if (ours.jobs === 0)
        return true;
    const jobs = ours.jobs + others.jobs + 1;
    const servers = ours.servers + others.servers + chunkSize;
    return jobs <= quotas/* DRS_QUOTAS */.sT.maxActiveJobs && servers <= quotas/* DRS_QUOTAS */.sT.maxServersInActiveJobs;
}

;// CONCATENATED MODULE: ./src/engine/run-state.ts
/**
 * The run loop's state per wave and chunk, and the pure helpers over it: the report's wave entries,
 * the capacity this run holds in DRS, the jobs left running.
 */




const HOW = {
    started: 'started job',
    adopted: 'adopted job whose StartRecovery answer was lost',
    resumed: 'attached to job an earlier attempt started',
};
const DONE = new Set(['succeeded', 'failed', 'timed-out', 'skipped', 'cancelled']);
/** Whether instant `a` comes before `b` (or `b` is unset): compared as instants, never as text. */
function isEarlier(a, b) {
    const left = (0,durations/* parseInstant */.nV)(a);
    const right = (0,durations/* parseInstant */.nV)(b);
    return b === undefined || right === undefined || (left !== undefined && left < right);
}
/**
 * The report's wave entries and the loop's state for them. A `settled` wave (decided by an earlier
 * step of the execution) keeps its rebuilt entry and outcome, decided long ago: it is never started.
 */
function initWaves(plan, report, settled) {
    report.waves = plan.waves.map((rw) => ({
        name: rw.wave.name,
        index: rw.wave.index,
        dependsOn: [...rw.wave.dependsOn],
        status: 'pending',
        jobs: [],
        servers: rw.servers.map((s) => ({
            sourceServerId: s.sourceServerId,
            ...(s.hostname ? { hostname: s.hostname } : {}),
            ...(s.spec.snapshot ? { pinnedSnapshotId: s.spec.snapshot } : {}),
            ...(s.spec.snapshot || s.recoverySnapshot
                ? { recoverySnapshotId: s.spec.snapshot ?? s.recoverySnapshot?.id }
                : {}),
            ...replicationAtPreflight(s.sourceServer),
            critical: s.spec.critical,
            health: 'pending',
            phases: [],
            errors: [],
        })),
    }));
    for (const [i, rw] of plan.waves.entries()) {
        const earlier = settled?.get(rw.wave.name);
        if (earlier)
            report.waves[i] = earlier;
    }
    return plan.waves.map((resolved, i) => {
        const earlier = settled?.get(resolved.wave.name);
        return {
            resolved,
            report: report.waves[i],
            state: earlier ? { status: earlier.status, decidedAtMs: 0 } : { status: 'pending' },
            chunks: [],
            tracking: { outcomes: new Map(), logged: new Map() },
        };
    });
}
function ourCapacity(waves, poll) {
    const used = { jobs: 0, servers: 0 };
    for (const wave of waves) {
        for (const chunk of wave.chunks) {
            if (!chunk.admitted || chunk.failure)
                continue;
            const active = chunk.jobId
                ? poll.jobs.get(chunk.jobId)?.job?.status !== 'COMPLETED'
                : wave.state.status === 'running';
            if (active) {
                used.jobs += 1;
                used.servers += chunk.spec.servers.length;
            }
        }
    }
    return used;
}
function activeJobLines(poll) {
    return [...poll.jobs.values()]
        .filter((t) => t.job?.status !== 'COMPLETED')
        .map((t) => `DRS job ${t.jobId} (wave "${t.waveName}", ${t.sourceServerIds.length} server(s)) was still ` +
        `${t.job?.status ?? 'PENDING'} when the run stopped; it keeps running in DRS.`);
}
/** A wave's chunks (≤ the servers DRS takes per job), none admitted or attempted yet. */
function chunkRunsOf(planName, resolved) {
    const parts = chunkServers(resolved.servers);
    return parts.map((servers, chunkIndex) => ({
        spec: {
            planName,
            waveName: resolved.wave.name,
            waveIndex: resolved.wave.index,
            chunkIndex,
            chunkCount: parts.length,
            servers,
        },
        start: { attempts: 0, nextAttemptAtMs: 0 },
        admitted: false,
    }));
}
/** Tags put once on every EC2 instance the run launched. */
function instanceTagsOf(context, planName) {
    return { [core_tags/* TAG */.Dk.executionId]: context.executionId, [core_tags/* TAG */.Dk.plan]: planName, [core_tags/* TAG */.Dk.mode]: context.mode };
}
/** A wave whose every server was left out: skipped, and no reason to stop the run. Returns the warning. */
function skipEmptyWave(wave, nowMs, nowIso) {
    wave.state = { status: 'skipped', decidedAtMs: nowMs, empty: true };
    wave.report.status = 'skipped';
    wave.report.endedAt = nowIso;
    wave.report.error = 'no server left to run: every server of the wave was left out of this run';
    return `Wave "${wave.report.name}": skipped, ${wave.report.error}; waves that depend on it still run`;
}
/** One line per server of a decided wave, for its console group. */
function waveServerLines(wave) {
    return wave.servers.map((s) => {
        const ec2 = s.ec2InstanceId ? ` ${s.ec2InstanceId}` : '';
        return `${serverLabel(s)}: ${s.launchStatus ?? 'not started'}${ec2}, health ${s.health}`;
    });
}
/** How a run whose waves are all decided ended. */
function finalStatusOf(waves) {
    // A wave with no server left to run was skipped on purpose: it fails nothing.
    const statuses = waves.filter((w) => !w.state.empty).map((w) => w.state.status);
    if (statuses.includes('failed'))
        return 'failed';
    if (statuses.includes('timed-out'))
        return 'timed-out';
    if (statuses.includes('skipped') || statuses.includes('cancelled'))
        return 'failed';
    return 'succeeded';
}
/** Replication as preflight read it (DescribeSourceServers), for the evidence. */
function replicationAtPreflight(server) {
    const info = server.dataReplicationInfo;
    if (!info?.dataReplicationState)
        return {};
    const lagSeconds = info.lagDuration ? (0,durations/* parseIsoDuration */.pU)(info.lagDuration) : undefined;
    return {
        replicationAtPreflight: {
            state: info.dataReplicationState,
            ...(info.lagDuration ? { lagDuration: info.lagDuration } : {}),
            ...(lagSeconds !== undefined ? { lagSeconds } : {}),
        },
    };
}

// EXTERNAL MODULE: ./src/engine/start.ts
var start = __webpack_require__(35798);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./src/core/escape.ts
var core_escape = __webpack_require__(94536);
;// CONCATENATED MODULE: ./src/engine/checks.ts
/**
 * Wave checks: SSM Run Command on a wave's recovered instances once they are healthy. Driven by the
 * run loop one step at a time (advance), like the poller, so other waves keep moving meanwhile. The
 * results are per wave (WaveReport.checks), so a run that splits waves across steps can reuse them.
 *
 * SendCommand is not idempotent: an answer lost on the way back is looked up by the command's unique
 * comment (ListCommands) before anything is sent again.
 */





const NOT_REGISTERED = 'NotRegistered';
const TERMINAL = new Set([
    'Success',
    'Failed',
    'TimedOut',
    'Cancelled',
    'DeliveryTimedOut',
    'ExecutionTimedOut',
    'Undeliverable',
    'Terminated',
    'InvalidPlatform',
    'AccessDenied',
]);
/** Unique per execution, wave, check and instance; SSM comments hold at most 100 characters. */
function checkComment(executionId, waveName, index, instanceId) {
    const run = (0,external_node_crypto_.createHash)('sha256').update(`${executionId}\0${waveName}`).digest('hex').slice(0, 16);
    return `drs-drill ${run} check ${index} ${instanceId}`;
}
function who(t) {
    return t.hostname ? `${t.ec2InstanceId} (${t.hostname})` : t.ec2InstanceId;
}
/** A client error SSM will give again for the same request (bad document, parameters, role…). */
function refusal(error) {
    const e = error;
    if (e?.$fault !== 'client' || (0,retry/* isThrottling */.E2)(error) || e.name === 'InvalidInstanceId')
        return undefined;
    return `${e.name ?? 'Error'}: ${(0,errors/* errorMessage */.gJ)(error)}`;
}
class WaveChecks {
    ctx;
    runs;
    constructor(checks, targets, ctx) {
        this.ctx = ctx;
        this.runs = checks.map((check, index) => ({
            check,
            index,
            deadlineMs: ctx.startedMs + check.timeoutSeconds * 1000,
            instances: targets.map((target) => ({
                target,
                comment: checkComment(ctx.executionId, ctx.waveName, index, target.ec2InstanceId),
                maybeSent: false,
                report: {
                    sourceServerId: target.sourceServerId,
                    ...(target.hostname ? { hostname: target.hostname } : {}),
                    ec2InstanceId: target.ec2InstanceId,
                    status: NOT_REGISTERED,
                },
            })),
            report: {
                name: check.name,
                document: check.document,
                on: check.on,
                status: 'running',
                startedAt: ctx.startedAt,
                instances: [],
            },
        }));
        for (const r of this.runs)
            r.report.instances = r.instances.map((i) => i.report);
    }
    get reports() {
        return this.runs.map((r) => r.report);
    }
    get done() {
        return this.runs.every((r) => r.report.status !== 'running');
    }
    /** The earliest deadline of a check still running (the loop wakes for it). */
    nextDeadlineMs() {
        const open = this.runs.filter((r) => r.report.status === 'running').map((r) => r.deadlineMs);
        return open.length > 0 ? Math.min(...open) : undefined;
    }
    /** One step: registrations, sends, results, decisions. Errors of a step are retried at the next one. */
    async advance(ssm, nowMs, awsNow, log) {
        const open = this.runs.filter((r) => r.report.status === 'running');
        const waiting = open.flatMap((r) => r.instances.filter((i) => !i.report.commandId && !i.refused));
        let online = new Set();
        if (waiting.length > 0) {
            try {
                online = new Set(await ssm.onlineInstances([...new Set(waiting.map((i) => i.target.ec2InstanceId))]));
            }
            catch (e) {
                log.warning(`Wave "${this.ctx.waveName}": could not read SSM registrations: ${(0,errors/* errorMessage */.gJ)(e)}`);
            }
        }
        for (const run of open) {
            for (const inst of run.instances) {
                if (!inst.report.commandId && !inst.refused && online.has(inst.target.ec2InstanceId))
                    await this.send(ssm, run, inst, log);
            }
            await this.readResults(ssm, run, log);
            this.decide(run, nowMs, awsNow, log);
        }
    }
    async send(ssm, run, inst, log) {
        const instanceId = inst.target.ec2InstanceId;
        try {
            if (inst.maybeSent) {
                const found = await ssm.findCommand(instanceId, inst.comment, this.ctx.startedAt);
                if (found) {
                    inst.report.commandId = found;
                    inst.report.status = 'Pending';
                    log.info(`Wave "${this.ctx.waveName}": check "${run.check.name}" on ${who(inst.target)}: found command ${found} sent before`);
                    return;
                }
            }
            const commandId = await ssm.sendCommand({
                instanceIds: [instanceId],
                documentName: run.check.document,
                parameters: run.check.parameters,
                comment: inst.comment,
                timeoutSeconds: Math.max(30, run.check.timeoutSeconds),
            });
            inst.report.commandId = commandId;
            inst.report.status = 'Pending';
            log.info(`Wave "${this.ctx.waveName}": check "${run.check.name}" sent to ${who(inst.target)} (${commandId})`);
        }
        catch (e) {
            const refused = refusal(e);
            if (refused) {
                inst.refused = refused;
                inst.report.status = 'Failed';
                return;
            }
            // Throttled or not yet online: nothing ran. Anything else may have run: look it up first next time.
            if (!(0,retry/* isThrottling */.E2)(e) && e?.name !== 'InvalidInstanceId')
                inst.maybeSent = true;
            log.warning(`Wave "${this.ctx.waveName}": SendCommand for check "${run.check.name}" on ${who(inst.target)}: ${(0,errors/* errorMessage */.gJ)(e)}; trying again`);
        }
    }
    async readResults(ssm, run, log) {
        for (const inst of run.instances) {
            const { commandId } = inst.report;
            if (!commandId || TERMINAL.has(inst.report.status))
                continue;
            try {
                const found = (await ssm.listCommandInvocations(commandId)).find((x) => x.instanceId === inst.target.ec2InstanceId);
                if (!found)
                    continue;
                inst.report.status = found.status;
                if (found.responseCode !== undefined)
                    inst.report.responseCode = found.responseCode;
                if (found.output)
                    inst.report.output = (0,core_escape/* commandOutputExcerpt */.ye)(found.output);
                if (found.finishedAt)
                    inst.report.finishedAt = found.finishedAt;
            }
            catch (e) {
                log.warning(`Wave "${this.ctx.waveName}": could not read check "${run.check.name}" on ${who(inst.target)}: ${(0,errors/* errorMessage */.gJ)(e)}`);
            }
        }
    }
    decide(run, nowMs, awsNow, log) {
        const passed = run.instances.filter((i) => i.report.status === 'Success');
        const failed = run.instances.filter((i) => i.refused || (TERMINAL.has(i.report.status) && i.report.status !== 'Success'));
        const all = run.instances.length;
        let verdict;
        if (all === 0)
            verdict = 'failed';
        else if (run.check.on === 'any')
            verdict = passed.length > 0 ? 'passed' : failed.length === all ? 'failed' : undefined;
        else
            verdict = failed.length > 0 ? 'failed' : passed.length === all ? 'passed' : undefined;
        if (!verdict && nowMs >= run.deadlineMs)
            verdict = 'timed-out';
        if (!verdict)
            return;
        run.report.status = verdict;
        run.report.endedAt = verdict === 'passed' ? latestFinish(passed, awsNow) : awsNow;
        if (verdict !== 'passed')
            run.report.error = this.explain(run, verdict);
        const line = `Wave "${this.ctx.waveName}": check "${run.check.name}" ${verdict}${run.report.error ? `: ${run.report.error}` : ''}`;
        if (verdict === 'passed')
            log.info(line);
        else
            log.error(line);
    }
    explain(run, verdict) {
        if (run.instances.length === 0)
            return 'no recovered instance to run it on';
        const limit = (0,durations/* formatTargetDuration */.HU)(run.check.timeoutSeconds);
        const lines = run.instances
            .filter((i) => i.report.status !== 'Success')
            .map((i) => {
            if (i.refused)
                return `${who(i.target)}: SSM refused the command (${i.refused})`;
            if (i.report.status === NOT_REGISTERED)
                return `${who(i.target)}: SSM agent not registered${verdict === 'timed-out' ? ` within ${limit}` : ''}`;
            if (!TERMINAL.has(i.report.status))
                return verdict === 'timed-out'
                    ? `${who(i.target)}: still ${i.report.status} after ${limit} (timed out)`
                    : `${who(i.target)}: ${i.report.status} (not waited for)`;
            const code = i.report.responseCode !== undefined ? `, exit code ${i.report.responseCode}` : '';
            const first = (i.report.output ?? '').split(/\r?\n/).find((l) => l.trim() !== '');
            return `${who(i.target)}: ${i.report.status}${code}${first ? `: ${first.slice(0, 200)}` : ''}`;
        });
        return `${run.check.on === 'any' ? 'on no instance' : 'on'} ${lines.join('; ')}`;
    }
}
function latestFinish(passed, fallback) {
    const times = passed.flatMap((i) => (i.report.finishedAt ? [i.report.finishedAt] : []));
    return times.length === passed.length ? ((0,durations/* latestInstant */.$G)(times) ?? fallback) : fallback;
}
/** The wave's verdict once every check is decided: the first failure's text, or when they all passed. */
function checksOutcome(reports) {
    const failed = reports.filter((r) => r.status !== 'passed');
    if (failed.length === 0) {
        const passedAt = (0,durations/* latestInstant */.$G)(reports.map((r) => r.endedAt));
        return { passed: true, ...(passedAt ? { passedAt } : {}) };
    }
    return {
        passed: false,
        error: failed.map((r) => `check "${r.name}" ${r.status}: ${r.error ?? ''}`).join('; '),
    };
}

;// CONCATENATED MODULE: ./src/engine/health.ts
/** EC2 states from which an instance will never come up again. */
const GONE = new Set(['shutting-down', 'terminated']);
function evaluateHealth(input) {
    if (input.check === 'none')
        return { state: 'passed' };
    const state = input.instance?.State?.Name ?? input.status?.InstanceState?.Name;
    if (state === undefined)
        return { state: 'pending' };
    if (GONE.has(state))
        return { state: 'failed', reason: `the EC2 instance is ${state}` };
    if (input.launchDisposition === 'STOPPED') {
        return state === 'stopped' ? { state: 'passed' } : { state: 'pending' };
    }
    if (state !== 'running')
        return { state: 'pending' };
    if (input.check === 'running')
        return { state: 'passed' };
    // ec2-status: both the instance and the system reachability checks must read ok.
    const instanceCheck = input.status?.InstanceStatus?.Status;
    const systemCheck = input.status?.SystemStatus?.Status;
    return instanceCheck === 'ok' && systemCheck === 'ok' ? { state: 'passed' } : { state: 'pending' };
}
/** A short description of what the check waits for, for timeout messages. */
function describeHealthCheck(check, launchDisposition) {
    if (check === 'none')
        return 'no health check';
    if (launchDisposition === 'STOPPED')
        return 'the instance to reach the stopped state';
    if (check === 'running')
        return 'the EC2 instance to be running';
    return 'EC2 instance and system status checks to pass';
}

;// CONCATENATED MODULE: ./src/engine/wave-progress.ts
/**
 * A running wave as the run loop tracks it: each server's entry brought up to date from the poll state
 * (job, log, recovery instance, EC2), its verdict from outcome.ts, and the wave decided when it settles
 * or times out.
 */





/** Copy what was observed onto the report entry, keeping earlier values where nothing new came. */
function applyObservation(server, seen) {
    if (seen.jobId !== undefined)
        server.jobId = seen.jobId;
    if (seen.launchStatus !== undefined)
        server.launchStatus = seen.launchStatus;
    if (seen.recoveryInstanceId !== undefined)
        server.recoveryInstanceId = seen.recoveryInstanceId;
    if (seen.ec2InstanceId !== undefined)
        server.ec2InstanceId = seen.ec2InstanceId;
    if (seen.ec2State !== undefined)
        server.ec2State = seen.ec2State;
    if (seen.launchedAt !== undefined)
        server.launchedAt = seen.launchedAt;
    if (seen.recoveryPointAt !== undefined)
        server.recoveryPointAt = seen.recoveryPointAt;
    // DRS may drop a completed job's per-server details: what was seen last is kept.
    if (seen.launchActions !== undefined && seen.launchActions.length > 0)
        server.launchActions = seen.launchActions;
    if (seen.launched !== undefined)
        server.launched = seen.launched;
}
/** The launched instance's type, subnet and private IP, as EC2 describes it. */
function launchedOf(instance) {
    if (!instance)
        return undefined;
    const launched = {
        ...(instance.InstanceType ? { instanceType: String(instance.InstanceType) } : {}),
        ...(instance.SubnetId ? { subnetId: instance.SubnetId } : {}),
        ...(instance.PrivateIpAddress ? { privateIp: instance.PrivateIpAddress } : {}),
    };
    return Object.keys(launched).length > 0 ? launched : undefined;
}
/** Errors we add ourselves (kept across refreshes; the log-derived ones are rebuilt each time). */
const OWN_EVENTS = new Set(['START_RECOVERY', 'HEALTH_CHECK']);
function addOwnError(server, error) {
    if (!server.errors.some((e) => e.event === error.event))
        server.errors.push(error);
}
function jobOf(wave, sourceServerId) {
    return wave.chunks.find((c) => c.spec.servers.some((s) => s.sourceServerId === sourceServerId));
}
function observeServer(poll, jobId, sourceServerId) {
    const tracked = poll.jobs.get(jobId);
    const participant = tracked?.job?.participatingServers?.find((p) => p.sourceServerID === sourceServerId);
    const ref = (0,poller/* launchedInstance */.aI)(poll, jobId, sourceServerId);
    const { recoveryInstanceId, ec2InstanceId, recoveryInstance: ri } = ref;
    const instance = ec2InstanceId ? poll.instances.get(ec2InstanceId) : undefined;
    const status = ec2InstanceId ? poll.statuses.get(ec2InstanceId) : undefined;
    const recoveryPointAt = (0,durations/* toUtcIso */.dT)(ri?.pointInTimeSnapshotDateTime);
    const launchActions = launchActionReports(participant?.launchActionsStatus?.runs);
    const seen = {
        jobId,
        ...(tracked?.job?.status ? { jobStatus: tracked.job.status } : {}),
        ...(participant?.launchStatus ? { launchStatus: participant.launchStatus } : {}),
        ...(recoveryInstanceId ? { recoveryInstanceId } : {}),
        ...(ec2InstanceId ? { ec2InstanceId } : {}),
        ...(instance?.State?.Name ? { ec2State: instance.State.Name } : {}),
        ...(instance?.LaunchTime ? { launchedAt: new Date(instance.LaunchTime).toISOString() } : {}),
        ...(recoveryPointAt ? { recoveryPointAt } : {}),
        ...(launchActions.length > 0 ? { launchActions } : {}),
    };
    const described = launchedOf(instance);
    if (described)
        seen.launched = described;
    const launched = (0,poller/* isLaunched */.x1)(poll, jobId, sourceServerId);
    return { seen, launched, completedAt: tracked?.completedAt, logs: tracked?.logs ?? [], instance, status };
}
/** Whether the grace for finding a launched server's instance is over, on AWS's clock. */
function instanceOverdue(completedAt, now) {
    const done = (0,durations/* parseInstant */.nV)(completedAt);
    const at = (0,durations/* parseInstant */.nV)(now);
    return done !== undefined && at !== undefined && at - done >= INSTANCE_GRACE_MS;
}
function stateLine(server, outcome) {
    const parts = [server.launchStatus ?? 'PENDING'];
    if (server.ec2InstanceId)
        parts.push(`EC2 ${server.ec2InstanceId}${server.ec2State ? ` ${server.ec2State}` : ''}`);
    parts.push(`health ${outcome.health}`);
    if (outcome.result === 'failed')
        parts.push(`FAILED: ${outcome.reason ?? ''}`);
    return parts.join(', ');
}
/** The health verdict of a launched server, once passed it stays passed. */
function healthOf(server, resolved, launched, seen) {
    if (server.healthyAt)
        return { state: 'passed' };
    if (!launched)
        return { state: 'pending' };
    const disposition = resolved.spec.launch.launchDisposition;
    return evaluateHealth({
        check: resolved.spec.healthCheck,
        ...(disposition ? { launchDisposition: disposition } : {}),
        instance: seen.instance,
        status: seen.status,
    });
}
/** One server of a chunk that has a job: observation, verdict, errors, phases, what it waits for. */
function refreshStartedServer(server, resolved, seen, now, awaiting) {
    const id = resolved.sourceServerId;
    applyObservation(server, seen.seen);
    const logErrors = errorsFromLog(seen.logs, id);
    const { healthCheck: check } = resolved.spec;
    const ec2InstanceId = seen.seen.ec2InstanceId;
    const health = healthOf(server, resolved, seen.launched && ec2InstanceId !== undefined, seen);
    const overdue = seen.launched && !ec2InstanceId && instanceOverdue(seen.completedAt, now);
    const outcome = serverOutcome({
        ...seen.seen,
        launched: seen.launched,
        instanceOverdue: overdue,
        ...(server.launchActions ? { launchActions: server.launchActions } : {}),
        health,
        logErrors,
    });
    if (seen.launched && !ec2InstanceId && !overdue)
        awaiting.instance.push(id);
    if (outcome.health === 'passed' && !server.healthyAt) {
        server.healthyAt = check === 'none' ? (server.launchedAt ?? now) : now;
    }
    if (health.state === 'failed')
        addOwnError(server, { event: 'HEALTH_CHECK', message: health.reason, at: now });
    server.errors = [...logErrors, ...server.errors.filter((e) => OWN_EVENTS.has(e.event))];
    server.phases = phasesFromLog(seen.logs, id, server.launchedAt);
    if (server.launchedAt) {
        server.phases.push({
            name: 'boot',
            startedAt: server.launchedAt,
            ...(server.healthyAt ? { endedAt: server.healthyAt } : {}),
        });
    }
    if (outcome.result === 'pending' && seen.launched && ec2InstanceId) {
        awaiting.health.push(ec2InstanceId);
        if (check === 'ec2-status' && resolved.spec.launch.launchDisposition !== 'STOPPED')
            awaiting.statusChecks.push(ec2InstanceId);
    }
    return outcome;
}
/**
 * Bring a running wave's server entries up to date from the poll state, and log each server's
 * state once per change. `now` is AWS's clock, used only for health first seen passing.
 */
function refreshServers(wave, poll, now, log) {
    const awaiting = { health: [], statusChecks: [], instance: [] };
    for (const job of wave.report.jobs) {
        const seen = poll.jobs.get(job.jobId)?.job;
        if (seen?.status)
            job.status = seen.status;
        const endedAt = (0,durations/* toUtcIso */.dT)(seen?.endDateTime);
        if (endedAt)
            job.endedAt = endedAt;
    }
    wave.resolved.servers.forEach((resolved, i) => {
        const server = wave.report.servers[i];
        if (!server)
            return;
        const id = resolved.sourceServerId;
        const chunk = jobOf(wave, id);
        let outcome = { result: 'pending', health: 'pending' };
        if (chunk?.failure) {
            outcome = { result: 'failed', health: 'skipped', reason: chunk.failure };
            addOwnError(server, { event: 'START_RECOVERY', message: chunk.failure, at: now });
        }
        else if (chunk?.jobId) {
            outcome = refreshStartedServer(server, resolved, observeServer(poll, chunk.jobId, id), now, awaiting);
        }
        server.health = outcome.health;
        wave.tracking.outcomes.set(id, outcome);
        const line = stateLine(server, outcome);
        if (wave.tracking.logged.get(id) !== line && (chunk?.jobId || chunk?.failure)) {
            wave.tracking.logged.set(id, line);
            log(`[${wave.report.name}] ${serverLabel(server)}: ${line}`);
        }
    });
    wave.tracking.awaitingHealth = awaiting.health;
    wave.tracking.awaitingStatusChecks = awaiting.statusChecks;
    wave.tracking.awaitingInstance = awaiting.instance;
}
function views(wave) {
    return wave.report.servers.map((s) => ({
        sourceServerId: s.sourceServerId,
        ...(s.hostname ? { hostname: s.hostname } : {}),
        critical: s.critical,
        outcome: wave.tracking.outcomes.get(s.sourceServerId) ?? { result: 'pending', health: 'pending' },
    }));
}
function evaluateRunningWave(wave, poll) {
    const tracked = wave.chunks.flatMap((c) => (c.jobId ? [poll.jobs.get(c.jobId)] : []));
    const jobs = tracked.flatMap((t) => (t?.job ? [t.job] : []));
    const permissionProblems = tracked.flatMap((t) => t?.job && looksLikeMissingEc2Permissions(t.job, t.logs, t.sourceServerIds)
        ? [missingEc2PermissionsMessage(t.jobId)]
        : []);
    return evaluateWave({
        waveName: wave.report.name,
        allChunksStarted: wave.chunks.every((c) => c.jobId !== undefined || c.failure !== undefined),
        jobs: jobs.length === tracked.length ? jobs : [...jobs, { jobID: undefined, status: 'PENDING' }],
        servers: views(wave),
        permissionProblems,
    });
}
function waitingFor(wave, resolved, server) {
    const chunk = jobOf(wave, resolved.sourceServerId);
    if (!chunk?.jobId)
        return `StartRecovery${chunk?.lastWait ? ` (${chunk.lastWait})` : ''}`;
    if (!server.ec2InstanceId) {
        return server.launchStatus === 'LAUNCHED'
            ? 'DRS to report the EC2 instance'
            : `DRS to launch it (launch status ${server.launchStatus ?? 'PENDING'}${lastPhase(server)})`;
    }
    if (server.launchActions?.some((a) => a.status === 'IN_PROGRESS') && server.health === 'passed')
        return 'its post-launch actions to finish';
    const disposition = resolved.spec.launch.launchDisposition;
    return `${describeHealthCheck(resolved.spec.healthCheck, disposition)} (EC2 state ${server.ec2State ?? 'unknown'})`;
}
/** The phase a server was last seen in, from the job log (launchStatus stays PENDING meanwhile). */
function lastPhase(server) {
    const last = server.phases[server.phases.length - 1];
    if (!last)
        return '';
    return `, ${last.name} ${last.endedAt ? 'done' : 'in progress'}`;
}
function waveTimeoutOutcome(wave) {
    const servers = views(wave).map((v, i) => {
        const resolved = wave.resolved.servers[i];
        const report = wave.report.servers[i];
        return { ...v, waitingFor: resolved && report ? waitingFor(wave, resolved, report) : 'unknown' };
    });
    return evaluateWaveAtTimeout({
        waveName: wave.report.name,
        timeoutSeconds: wave.resolved.wave.timeoutSeconds,
        servers,
    });
}

;// CONCATENATED MODULE: ./src/engine/wave-checks-step.ts


/** The wave's recovered instances that passed their health check: what the checks run on. */
function checkTargets(wave) {
    return wave.report.servers.flatMap((s) => s.health === 'passed' && s.ec2InstanceId
        ? [
            {
                sourceServerId: s.sourceServerId,
                ...(s.hostname ? { hostname: s.hostname } : {}),
                ec2InstanceId: s.ec2InstanceId,
            },
        ]
        : []);
}
/**
 * Called with a running wave's server verdict. Returns the verdict to apply now, or undefined while its
 * checks run (they start here when the servers just succeeded).
 */
function gateOnChecks(wave, evaluation, ctx) {
    if (wave.checks) {
        if (!wave.checks.done)
            return undefined;
        const out = checksOutcome(wave.checks.reports);
        const warnings = wave.heldWarnings ?? [];
        if (out.passed) {
            if (out.passedAt)
                wave.report.checksPassedAt = out.passedAt;
            return { state: 'succeeded', warnings };
        }
        return { state: 'failed', error: `Wave checks failed: ${out.error ?? ''}`, warnings };
    }
    const checks = wave.resolved.wave.checks;
    if (evaluation.state !== 'succeeded' || checks.length === 0)
        return evaluation;
    wave.checks = new WaveChecks(checks, checkTargets(wave), {
        executionId: ctx.executionId,
        waveName: wave.report.name,
        startedMs: ctx.nowMs,
        startedAt: ctx.awsNow,
    });
    wave.report.checks = wave.checks.reports;
    wave.heldWarnings = evaluation.warnings;
    return undefined;
}
/** One step of every wave's running checks; true when any wave has checks still running. */
async function advanceChecks(waves, deps, nowMs, awsNow) {
    let running = false;
    for (const wave of waves) {
        if (!wave.checks || wave.checks.done || wave.state.status !== 'running')
            continue;
        if (!deps.ssm)
            throw new Error('wave checks need an SSM client');
        await wave.checks.advance(deps.ssm, nowMs, awsNow, deps.log);
        running ||= !wave.checks.done;
    }
    return running;
}
/**
 * A running wave's verdict this pass (undefined while it waits), the time to wake for it, and whether
 * its checks just started. The wave's timeout covers its servers; each check has its own.
 */
function judgeRunningWave(wave, poll, ctx) {
    const hadChecks = wave.checks !== undefined;
    const timeoutAt = (wave.startedAtMs ?? 0) + wave.resolved.wave.timeoutSeconds * 1000;
    const servers = !hadChecks && ctx.nowMs >= timeoutAt ? waveTimeoutOutcome(wave) : evaluateRunningWave(wave, poll);
    const evaluation = gateOnChecks(wave, servers, ctx);
    return {
        ...(evaluation ? { evaluation } : {}),
        wakeAtMs: wave.checks?.nextDeadlineMs() ?? timeoutAt,
        checksStarted: !hadChecks && wave.checks !== undefined,
    };
}

;// CONCATENATED MODULE: ./src/engine/wave-gate.ts
/**
 * The run loop's side of a pipelined run (run-input.ts WaveGate): a later wave's own preflight decides
 * whether it may start. Ready: the wave runs the servers its preflight kept. Failed: the wave fails
 * without starting (the waves already running end as usual; onFailure decides the rest, and the run
 * fails). Pending: the loop waits for it.
 */

/** A ready gate's servers into the wave and its report entry (the left-out ones leave both). */
function applyReadyGate(wave, gate) {
    const state = gate?.state(wave.report.name);
    if (state?.kind !== 'ready' || wave.gateApplied)
        return;
    wave.gateApplied = true;
    wave.resolved = { wave: wave.resolved.wave, servers: state.servers };
    const kept = new Map(state.servers.map((rs) => [rs.sourceServerId, rs]));
    wave.report.servers = wave.report.servers.flatMap((s) => {
        const rs = kept.get(s.sourceServerId);
        if (!rs)
            return [];
        // Point in time: the snapshot the wave's own preflight chose for the server.
        const snapshot = rs.spec.snapshot ?? rs.recoverySnapshot?.id;
        return [snapshot ? { ...s, recoverySnapshotId: snapshot } : s];
    });
}
/**
 * Every pending wave's gate, each pass of the loop: one that passed gives the wave its servers; one
 * that failed fails the wave before it starts, with its preflight problems as the run's errors. The
 * scheduler then treats it as any failed wave: its dependants never start, and with `onFailure: stop`
 * (the default) no other wave starts either, so a doomed drill launches no more billed instances.
 */
function applyGates(waves, gate, report, decide) {
    if (!gate)
        return;
    for (const wave of waves) {
        if (wave.state.status !== 'pending')
            continue;
        applyReadyGate(wave, gate);
        const state = gate.state(wave.report.name);
        if (state?.kind !== 'failed')
            continue;
        report.errors.push(...state.errors);
        for (const s of wave.report.servers)
            s.health = 'skipped';
        decide(wave, 'failed', 'not started: the preflight of its servers failed');
    }
}
/** Whether the wave must wait for its gate; its settling is then added to `waits`. */
function gatePending(wave, gate, waits) {
    const state = gate?.state(wave.report.name);
    if (state?.kind !== 'pending')
        return false;
    waits.push(state.settled);
    return true;
}
/** A signal that aborts with `signal` or as soon as one of the awaited gates settles. */
function wakeOnGates(signal, waits) {
    if (waits.length === 0)
        return signal;
    const settled = new AbortController();
    void Promise.race(waits).then(() => settled.abort(), () => settled.abort());
    return (0,retry/* firstAbort */.V8)([...(signal ? [signal] : []), settled.signal]);
}

;// CONCATENATED MODULE: ./src/engine/run.ts










class Runner {
    deps;
    input;
    poll = (0,poller/* newPollState */.rt)();
    waves;
    intervalMs;
    /** Waves decided since the last flush: each gets one console group with its servers. */
    decided = [];
    /** Cancelled or out of time: stopAll already listed the jobs left running. */
    stopped = false;
    /** Gates of waves due to start whose own preflight is still running (pipelined runs). */
    gateWaits = [];
    constructor(deps, input) {
        this.deps = deps;
        this.input = input;
        this.waves = initWaves(input.executionPlan, input.report, input.settled);
    }
    now() {
        return (0,poller/* awsNow */.e1)(this.deps);
    }
    warn(line) {
        this.input.report.warnings.push(line);
        this.deps.log.warning(line);
    }
    decide(wave, status, error) {
        wave.state = { status, decidedAtMs: this.deps.clock.now() };
        wave.report.status = status;
        wave.report.endedAt = this.now();
        if (error) {
            wave.report.error = error;
            this.input.report.errors.push(status === 'failed' ? `Wave "${wave.report.name}" failed: ${error}` : error);
        }
        if (status === 'skipped')
            for (const s of wave.report.servers)
                s.health = 'skipped';
        this.decided.push(wave);
        const line = `Wave "${wave.report.name}": ${status}${error ? ` (${error})` : ''}`;
        if (status === 'succeeded')
            this.deps.log.info(line);
        else if (status === 'skipped')
            this.deps.log.warning(line);
        else
            this.deps.log.error(line);
    }
    async flushGroups() {
        const waves = this.decided;
        this.decided = [];
        for (const wave of waves) {
            await this.deps.log.group(`Wave "${wave.report.name}": ${wave.report.status}`, async () => {
                for (const line of waveServerLines(wave.report))
                    this.deps.log.info(line);
            });
        }
    }
    schedule() {
        const { executionPlan } = this.input;
        applyGates(this.waves, this.input.gate, this.input.report, (w, status, why) => this.decide(w, status, why));
        this.gateWaits = [];
        const states = new Map(this.waves.map((w) => [w.report.name, w.state]));
        const decision = planNextWaves(this.waves.map((w) => w.resolved.wave), states, { nowMs: this.deps.clock.now(), onFailure: executionPlan.plan.onFailure });
        for (const skip of decision.skip) {
            const wave = this.waves.find((w) => w.report.name === skip.wave);
            if (wave)
                this.decide(wave, 'skipped', skip.reason);
        }
        let emptied = false;
        for (const name of decision.start) {
            const wave = this.waves.find((w) => w.report.name === name);
            if (!wave || gatePending(wave, this.input.gate, this.gateWaits))
                continue;
            if (wave.resolved.servers.length === 0) {
                this.warn(skipEmptyWave(wave, this.deps.clock.now(), this.now()));
                emptied = true;
                continue;
            }
            wave.state = { status: 'running' };
            wave.report.status = 'running';
            wave.startedAtMs = this.deps.clock.now();
            wave.chunks = chunkRunsOf(executionPlan.plan.name, wave.resolved);
            this.deps.log.info(`Wave "${name}": starting ${wave.resolved.servers.length} server(s) in ${wave.chunks.length} job(s)`);
            for (const chunk of wave.chunks) {
                const key = (0,resume/* chunkKey */.vj)(name, (0,start/* chunkTagValue */.Bf)(chunk.spec.chunkIndex, chunk.spec.chunkCount));
                const prior = this.input.priorJobs?.get(key);
                if (!prior)
                    continue;
                chunk.admitted = true;
                this.registerJob(wave, chunk, prior, 'resumed');
            }
        }
        // An empty wave releases its dependants at once.
        return emptied ? this.schedule() : decision.wakeAtMs;
    }
    registerJob(wave, chunk, job, how) {
        const jobId = job.jobID ?? '';
        const sourceServerIds = chunk.spec.servers.map((s) => s.sourceServerId);
        chunk.jobId = jobId;
        this.poll.jobs.set(jobId, {
            jobId,
            waveName: wave.report.name,
            sourceServerIds,
            job,
            logs: [],
            final: false,
        });
        const createdAt = (0,durations/* toUtcIso */.dT)(job.creationDateTime) ?? this.now();
        wave.report.jobs.push({ jobId, status: job.status ?? 'PENDING', createdAt, sourceServerIds });
        for (const s of wave.report.servers)
            if (sourceServerIds.includes(s.sourceServerId))
                s.jobId = jobId;
        if (isEarlier(createdAt, wave.report.startedAt))
            wave.report.startedAt = createdAt;
        const measured = this.input.report.measured;
        if (isEarlier(createdAt, measured.firstStartRecoveryAt))
            measured.firstStartRecoveryAt = createdAt;
        this.deps.log.info(`Wave "${wave.report.name}": ${HOW[how]} ` + `${jobId} for ${sourceServerIds.length} server(s)`);
        try {
            this.input.onJobStarted?.({ jobId, wave: wave.report.name, sourceServerIds });
        }
        catch (e) {
            this.deps.log.warning(`Could not record job ${jobId} for the post step: ${String(e)}`);
        }
    }
    /** Admit chunks within the quotas and make every attempt that is due. Returns the next due time. */
    async startChunks() {
        let nextDue;
        const others = this.input.activeJobs ?? { jobs: 0, servers: 0 };
        for (const wave of this.waves) {
            if (wave.state.status !== 'running')
                continue;
            for (const chunk of wave.chunks) {
                if (chunk.jobId || chunk.failure)
                    continue;
                if (this.input.signal?.aborted)
                    return nextDue;
                if (!chunk.admitted) {
                    if (!canAdmit(ourCapacity(this.waves, this.poll), others, chunk.spec.servers.length))
                        continue;
                    chunk.admitted = true;
                }
                if (chunk.start.nextAttemptAtMs > this.deps.clock.now()) {
                    nextDue = Math.min(nextDue ?? chunk.start.nextAttemptAtMs, chunk.start.nextAttemptAtMs);
                    continue;
                }
                chunk.request ??= (0,start/* buildStartRequest */.K9)(this.input.context, chunk.spec, this.now());
                const result = await (0,start/* attemptStart */.qN)(this.deps, chunk.request, chunk.start);
                if (result.kind === 'started')
                    this.registerJob(wave, chunk, result.job, result.adopted ? 'adopted' : 'started');
                else if (result.kind === 'failed') {
                    chunk.failure = result.message;
                    this.deps.log.error(`Wave "${wave.report.name}": ${result.message}`);
                }
                else {
                    chunk.start.nextAttemptAtMs = this.deps.clock.now() + result.delayMs;
                    nextDue = Math.min(nextDue ?? chunk.start.nextAttemptAtMs, chunk.start.nextAttemptAtMs);
                    if (chunk.lastWait !== result.reason)
                        this.deps.log.info(`Wave "${wave.report.name}": ${result.reason}`);
                    chunk.lastWait = result.reason;
                }
            }
        }
        return nextDue;
    }
    async tick() {
        const running = this.waves.filter((w) => w.state.status === 'running');
        const awaitingHealth = running.flatMap((w) => w.tracking.awaitingHealth ?? []);
        const awaitingStatusChecks = running.flatMap((w) => w.tracking.awaitingStatusChecks ?? []);
        const awaitingInstance = running.some((w) => (w.tracking.awaitingInstance ?? []).length > 0);
        const hasActive = [...this.poll.jobs.values()].some((j) => !j.final);
        if (!hasActive && awaitingHealth.length === 0 && !awaitingInstance)
            return false;
        const result = await (0,poller/* pollTick */.XL)(this.deps, this.poll, {
            awaitingHealth,
            awaitingStatusChecks,
            instanceTags: instanceTagsOf(this.input.context, this.input.executionPlan.plan.name),
        });
        for (const w of result.warnings)
            this.deps.log.warning(w);
        for (const d of result.debug)
            this.deps.log.debug(d);
        const nearTransition = awaitingHealth.length > 0 ||
            awaitingInstance ||
            [...this.poll.jobs.values()].some((j) => j.job?.status === 'PENDING');
        this.intervalMs = (0,poller/* nextPollIntervalMs */.i2)({
            ...(this.intervalMs !== undefined ? { previousMs: this.intervalMs } : {}),
            boundMs: this.input.pollIntervalSeconds * 1000,
            moved: result.moved,
            nearTransition,
            ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {}),
        });
        return true;
    }
    /** A tick (reads only) not waited for past the deadline: hung AWS calls can't hold the run past timeout-minutes. */
    async tickUntil(deadline) {
        const { clock } = this.deps;
        return (0,retry/* unlessAborted */.Wh)(this.tick(), clock.signalAfter?.(deadline - clock.now()), () => true);
    }
    /** Servers updated from the poll; waves that settled or timed out decided (dependants may start). */
    evaluate() {
        let nextTimeout;
        let decided = false;
        for (const wave of this.waves) {
            if (wave.state.status !== 'running')
                continue;
            refreshServers(wave, this.poll, this.now(), (line) => this.deps.log.info(line));
            const now = { nowMs: this.deps.clock.now(), awsNow: this.now() };
            const judged = judgeRunningWave(wave, this.poll, {
                executionId: this.input.context.executionId,
                ...now,
            });
            decided ||= judged.checksStarted; // their first step at once
            const evaluation = judged.evaluation;
            if (!evaluation || evaluation.state === 'running') {
                nextTimeout = Math.min(nextTimeout ?? judged.wakeAtMs, judged.wakeAtMs);
                continue;
            }
            for (const w of evaluation.warnings)
                this.warn(w);
            this.decide(wave, evaluation.state, evaluation.error);
            decided = true;
        }
        return { nextTimeout, decided };
    }
    stopAll(status, why) {
        this.stopped = true;
        for (const wave of this.waves) {
            if (wave.state.status === 'running')
                this.decide(wave, status, `Wave "${wave.report.name}": ${why}`);
            else if (wave.state.status === 'pending')
                this.decide(wave, 'skipped', `not started: ${why}`);
        }
        const lines = activeJobLines(this.poll);
        this.input.report.errors.push(...lines);
        for (const line of lines)
            this.deps.log.warning(line);
    }
    async loop() {
        const { clock } = this.deps;
        const { signal, deadline } = this.input;
        let startOnly = false;
        for (;;) {
            if (signal?.aborted) {
                this.stopAll('cancelled', 'the run was cancelled');
                await this.flushGroups();
                return 'cancelled';
            }
            if (clock.now() >= deadline) {
                this.stopAll('timed-out', 'the run reached its time limit (timeout-minutes)');
                await this.flushGroups();
                return 'timed-out';
            }
            const soakUntil = this.schedule();
            const nextAttempt = await this.startChunks();
            if (signal?.aborted)
                continue;
            // Right after a decision only dependants start: the poll just happened (one DescribeJobs per tick).
            const polled = startOnly ? true : await this.tickUntil(deadline);
            startOnly = false;
            await (0,retry/* unlessAborted */.Wh)(advanceChecks(this.waves, this.deps, clock.now(), this.now()), clock.signalAfter?.(deadline - clock.now()), () => false);
            if (signal?.aborted)
                continue;
            const { nextTimeout, decided } = this.evaluate();
            await this.input.afterPoll?.(this.input.report);
            await this.flushGroups();
            if (this.waves.every((w) => DONE.has(w.state.status)))
                return finalStatusOf(this.waves);
            // A decided wave may release its dependants: start them now rather than one poll interval later.
            if (decided) {
                startOnly = true;
                continue;
            }
            const now = clock.now();
            const pollAt = polled ? now + (this.intervalMs ?? 0) : now + this.input.pollIntervalSeconds * 1000;
            const wakeAt = Math.min(pollAt, nextAttempt ?? pollAt, soakUntil ?? pollAt, nextTimeout ?? pollAt, deadline);
            // A wave waiting for its own preflight starts as soon as that ends, not at the next poll.
            await clock.sleep(Math.max(0, wakeAt - now), wakeOnGates(signal, this.gateWaits));
        }
    }
}
/** Runs the execution plan to its end (or the deadline, or cancellation) and returns the filled report. */
async function runExecution(deps, input) {
    const runner = new Runner(deps, input);
    input.report.status = 'running';
    const status = await runner.loop();
    if (!runner.stopped) {
        // A wave that timed out leaves its jobs running in DRS: say so rather than drop them silently.
        input.report.warnings.push(...activeJobLines(runner.poll));
    }
    input.report.status = status;
    input.report.endedAt = runner.now();
    return input.report;
}

;// CONCATENATED MODULE: ./src/engine/step-record.ts






const UNDECIDED = new Set(['pending', 'running']);
/**
 * Writes this step's outcome where the next step finds it: every decided wave's status and end on its
 * DRS jobs, every healthy server's health time on its EC2 instance. Returns warnings, never throws: a
 * wave whose record could not be written reads as unfinished, and its dependants are refused.
 */
async function recordStep(deps, report, step) {
    const waves = report.waves.filter((w) => w.step === step && !UNDECIDED.has(w.status));
    const warnings = [];
    const jobIds = waves.flatMap((w) => w.jobs.map((j) => j.jobId));
    if (jobIds.length === 0)
        return warnings;
    try {
        const arns = new Map((await deps.drs.describeJobs(jobIds)).map((j) => [j.jobID, j.arn]));
        for (const wave of waves) {
            const tags = {
                [core_tags/* TAG */.Dk.waveStatus]: wave.status,
                ...(wave.endedAt ? { [core_tags/* TAG */.Dk.waveEndedAt]: wave.endedAt } : {}),
                ...checkTags(wave),
            };
            for (const job of wave.jobs) {
                const arn = arns.get(job.jobId);
                if (!arn)
                    throw new Error(`DRS did not give the ARN of job ${job.jobId}`);
                await deps.drs.tagResource(arn, tags);
            }
        }
    }
    catch (e) {
        warnings.push(`Could not record this step's wave outcomes on its DRS jobs (drs:TagResource): ${(0,errors/* errorMessage */.gJ)(e)}. A later step will refuse the waves that depend on them.`);
    }
    const byTime = new Map();
    for (const s of waves.flatMap((w) => w.servers)) {
        if (s.healthyAt && s.ec2InstanceId)
            byTime.set(s.healthyAt, [...(byTime.get(s.healthyAt) ?? []), s.ec2InstanceId]);
    }
    try {
        for (const [at, ids] of byTime)
            await deps.ec2.createTags(ids, { [core_tags/* TAG */.Dk.healthyAt]: at });
    }
    catch (e) {
        warnings.push(`Could not record health times on the recovery instances (ec2:CreateTags): ${(0,errors/* errorMessage */.gJ)(e)}. A later step reports those servers without them.`);
    }
    return warnings;
}
/** The wave's check verdicts as tags (names are letters, digits, spaces, `.`, `_`, `-`: never `=` or `/`). */
function checkTags(wave) {
    const checks = wave.checks ?? [];
    if (checks.length === 0)
        return {};
    return {
        [core_tags/* TAG */.Dk.waveChecks]: (0,core_tags/* cutTagValue */.sS)(checks.map((c) => `${c.name}=${c.status}`).join('/')),
        ...(wave.checksPassedAt ? { [core_tags/* TAG */.Dk.checksPassedAt]: wave.checksPassedAt } : {}),
    };
}
/** An earlier step's check verdicts onto the rebuilt wave: per-instance output stays in that step's report. */
function applyRecordedChecks(wave, planned, record) {
    if (!record.checks)
        return;
    wave.checks = record.checks.map((c) => {
        const check = planned.find((p) => p.name === c.name);
        return {
            name: c.name,
            document: check?.document ?? 'unknown',
            on: check?.on ?? 'every',
            status: c.status,
            instances: [],
        };
    });
    if (record.checksPassedAt)
        wave.checksPassedAt = record.checksPassedAt;
}
function tagOf(instance, key) {
    return instance?.Tags?.find((t) => t.Key === key)?.Value;
}
/** The health an earlier step recorded: its time when it passed; else not healthy when it was decided. */
function applyRecordedHealth(server, instance, record) {
    const at = tagOf(instance, core_tags/* TAG */.Dk.healthyAt);
    const boot = server.phases.find((p) => p.name === 'boot');
    if (at) {
        server.healthyAt = at;
        server.health = 'passed';
        if (boot)
            boot.endedAt = at;
        return;
    }
    // What this step sees now is not what the earlier step decided on: no time is made up.
    delete server.healthyAt;
    if (boot)
        delete boot.endedAt;
    if (server.health === 'passed' || server.health === 'pending') {
        server.health = server.launchStatus === 'LAUNCHED' ? 'failed' : 'skipped';
        if (server.launchStatus === 'LAUNCHED')
            server.errors.push({
                event: 'HEALTH_CHECK',
                message: `not recorded healthy when ${record.step ? `step "${record.step}"` : 'its step'} decided the wave`,
            });
    }
}
/**
 * The report entries of waves an earlier step decided, rebuilt from DRS and EC2: one poll over their
 * jobs (job views, logs, recovery instances, EC2 instances), the verdicts and times their step recorded.
 */
async function rebuildEarlierWaves(deps, executionPlan, records, context) {
    const names = new Set(records.map((r) => r.name));
    const plan = { ...executionPlan, waves: executionPlan.waves.filter((w) => names.has(w.wave.name)) };
    const scratch = { waves: [] };
    const runs = initWaves(plan, scratch);
    const poll = (0,poller/* newPollState */.rt)();
    await trackEarlierJobs(deps, runs, records, poll);
    const tick = await (0,poller/* pollTick */.XL)(deps, poll, {
        awaitingHealth: [],
        awaitingStatusChecks: [],
        instanceTags: instanceTagsOf(context, executionPlan.plan.name),
    });
    const now = deps.drs.serverTime() ?? new Date(deps.clock.now()).toISOString();
    const waves = new Map();
    for (const run of runs) {
        const record = records.find((r) => r.name === run.report.name);
        if (!record?.status)
            continue;
        refreshServers(run, poll, now, () => { });
        for (const server of run.report.servers) {
            const instance = server.ec2InstanceId ? poll.instances.get(server.ec2InstanceId) : undefined;
            applyRecordedHealth(server, instance, record);
        }
        run.report.status = record.status;
        const startedAt = (0,durations/* earliestInstant */.vN)(run.report.jobs.map((j) => j.createdAt));
        if (startedAt)
            run.report.startedAt = startedAt;
        if (record.endedAt)
            run.report.endedAt = record.endedAt;
        if (record.step)
            run.report.step = record.step;
        applyRecordedChecks(run.report, run.resolved.wave.checks, record);
        waves.set(run.report.name, run.report);
    }
    return { waves, warnings: tick.warnings };
}
/** The source servers of a job: its view's, else its log's (DRS may empty a completed job's view). */
async function serversOfJob(deps, job) {
    const ids = (job.participatingServers ?? []).flatMap((p) => (p.sourceServerID ? [p.sourceServerID] : []));
    if (ids.length > 0 || !job.jobID)
        return ids;
    const items = await deps.drs.describeJobLogItems(job.jobID);
    return [
        ...new Set(items.flatMap((i) => (i.eventData?.sourceServerID ? [i.eventData.sourceServerID] : []))),
    ];
}
/** Each earlier job as the run loop tracks one: a chunk of its wave, a job entry, a job to poll. */
async function trackEarlierJobs(deps, runs, records, poll) {
    for (const run of runs) {
        const record = records.find((r) => r.name === run.report.name);
        for (const job of record?.jobs ?? []) {
            const ids = await serversOfJob(deps, job);
            const jobId = job.jobID ?? '';
            poll.jobs.set(jobId, {
                jobId,
                waveName: run.report.name,
                sourceServerIds: ids,
                logs: [],
                final: false,
            });
            run.chunks.push({
                spec: { ...chunkSpecOf(run, ids), chunkIndex: run.chunks.length },
                start: { attempts: 0, nextAttemptAtMs: 0 },
                admitted: true,
                jobId,
            });
            run.report.jobs.push({
                jobId,
                status: job.status ?? 'PENDING',
                ...((0,durations/* toUtcIso */.dT)(job.creationDateTime) ? { createdAt: (0,durations/* toUtcIso */.dT)(job.creationDateTime) } : {}),
                sourceServerIds: ids,
            });
        }
    }
}
function chunkSpecOf(run, ids) {
    return {
        planName: '',
        waveName: run.report.name,
        waveIndex: run.resolved.wave.index,
        chunkIndex: 0,
        chunkCount: 1,
        servers: run.resolved.servers.filter((s) => ids.includes(s.sourceServerId)),
    };
}

// EXTERNAL MODULE: ./src/engine/steps.ts
var steps = __webpack_require__(54277);
;// CONCATENATED MODULE: ./src/modes/execution-steps.ts
/**
 * The drill pipeline's part of an execution over several steps (input `waves`; src/engine/steps.ts):
 * which waves this step runs, the run loop's input for them (earlier steps' waves rebuilt from DRS,
 * later ones left out), the report entries of every wave, whether this step cleans up, and the record
 * it leaves in AWS for the next step.
 */




/** Which waves this step runs, from the input and what DRS holds for the execution. Pure. */
function planExecutionStep(plan, requested, own, runEnv) {
    const records = (0,steps/* wavesOnRecord */.hK)(own);
    const selection = (0,steps/* selectStepWaves */.dR)(plan.waves, requested, records);
    return { name: runEnv.job ?? `waves ${selection.run.join(', ')}`, selection, records };
}
/** The jobs an earlier attempt of this very step started: the run loop attaches to them. */
function resumableJobs(step, own) {
    return step.selection.multiStep ? (0,steps/* jobsOfWaves */.mX)(own, step.selection.run) : [...own];
}
/** The run loop's plan (earlier steps' waves, settled, and this step's) with the earlier ones rebuilt. */
async function prepareStepRun(deps, full, step, context) {
    const { earlier, run } = step.selection;
    const keep = new Set([...earlier, ...run]);
    const executionPlan = { ...full, waves: full.waves.filter((w) => keep.has(w.wave.name)) };
    if (earlier.length === 0)
        return { executionPlan, settled: new Map(), warnings: [] };
    const records = earlier.flatMap((name) => {
        const record = step.records.get(name);
        return record ? [record] : [];
    });
    const rebuilt = await rebuildEarlierWaves(deps, full, records, context);
    return { executionPlan, settled: rebuilt.waves, warnings: rebuilt.warnings };
}
/**
 * After the run loop: this step's waves carry its name, the waves left to later steps are listed
 * (pending), and the report says which step ran which waves.
 */
function completeStepReport(report, full, step) {
    if (!step.selection.multiStep)
        return;
    const ran = new Set(step.selection.run);
    for (const wave of report.waves)
        if (ran.has(wave.name))
            wave.step = step.name;
    const { remaining } = step.selection;
    const listed = new Set(report.waves.map((w) => w.name));
    const missing = full.waves.filter((w) => !listed.has(w.wave.name));
    if (missing.length > 0) {
        const scratch = { waves: [] };
        initWaves({ ...full, waves: missing }, scratch);
        report.waves = [...report.waves, ...scratch.waves].sort((a, b) => a.index - b.index);
    }
    if (remaining.length > 0)
        report.wavesRemaining = [...remaining];
    report.steps = stepsOf(report, step.name);
    // The execution's RTO clock starts at its first StartRecovery, which may be an earlier step's.
    const first = (0,durations/* earliestInstant */.vN)([
        report.measured.firstStartRecoveryAt,
        ...report.waves.flatMap((w) => w.jobs.map((j) => j.createdAt)),
    ]);
    if (first)
        report.measured.firstStartRecoveryAt = first;
}
function stepsOf(report, current) {
    const byStep = new Map();
    for (const wave of report.waves) {
        if (!wave.step)
            continue;
        byStep.set(wave.step, [...(byStep.get(wave.step) ?? []), wave.name]);
    }
    return [...byStep].map(([name, waves]) => ({
        name,
        waves,
        ...(name !== current ? { earlier: true } : {}),
    }));
}
/**
 * A drill step that succeeded with waves still to run keeps its instances for the next step: the
 * cleanup is skipped, and says why. Undefined: clean up as usual (the plan's end, or any failure,
 * which cleans the whole execution's instances, every step's).
 */
function keptForNextStep(report, step, policy) {
    const remaining = step?.selection.remaining ?? [];
    if (!report.isDrill || remaining.length === 0 || report.status !== 'succeeded')
        return undefined;
    return {
        policy,
        status: 'skipped',
        reason: (0,steps/* wavesLeftMessage */.Vj)(remaining, true),
        terminateJobIds: [],
        instances: [],
    };
}
/** Leaves this step's outcome in AWS for the next step (multi-step executions only). */
async function recordExecutionStep(deps, report, step) {
    if (!step?.selection.multiStep || step.selection.run.length === 0)
        return [];
    return recordStep(deps, report, step.name);
}
/**
 * The end of a step's waves: its record for the next step, then whether its drill instances are kept
 * for that step (the cleanup to report instead of running one) or cleaned as usual (undefined).
 */
async function closeStep(deps, report, step, policy, warn) {
    for (const w of await recordExecutionStep(deps, report, step))
        warn(w);
    return keptForNextStep(report, step, policy);
}

;// CONCATENATED MODULE: ./src/modes/drill-waves.ts
/**
 * The waves of one drill or recovery step: the run loop over this step's waves, with the waves of
 * earlier steps of the execution rebuilt from DRS (never started again) and the jobs an earlier
 * attempt of this step started attached to, then the report completed with the waves left to later steps.
 */



async function runStepWaves(deps, input) {
    const { full, step, own, ...rest } = input;
    const context = { ...rest.context, ...(step.selection.multiStep ? { step: step.name } : {}) };
    const prepared = await prepareStepRun(deps, full, step, context);
    for (const w of prepared.warnings)
        deps.log.warning(w);
    const report = await runExecution(deps, {
        ...rest,
        context,
        executionPlan: prepared.executionPlan,
        settled: prepared.settled,
        priorJobs: (0,resume/* priorJobsByChunk */.Lq)(resumableJobs(step, own)),
    });
    completeStepReport(report, full, step);
    return report;
}

// EXTERNAL MODULE: ./src/modes/plan-input.ts
var plan_input = __webpack_require__(61368);
// EXTERNAL MODULE: ./src/modes/post-state.ts
var post_state = __webpack_require__(74932);
;// CONCATENATED MODULE: ./src/modes/drill.ts
/**
 * `mode: drill` and `mode: recovery` as one pipeline: session → preflight → resume check → repair →
 * waves → cleanup, with one exit. Every ending (success, failure, refusal, timeout, cancellation, a
 * crash in our code) goes through `finish`, `cancelled` or `crash`, which publish the evidence exactly
 * once and record for the post step whether anything this run started is left to clean up.
 */


















/** Time kept after the cleanup to publish the evidence within timeout-minutes. */
const PUBLISH_RESERVE_MS = 30_000;
/** `mode: drill` and `mode: recovery`: preflight, launch-config repair, waves, evidence, cleanup. */
async function runDrillMode(io, inputs, run, deps) {
    const mode = inputs.mode === 'recovery' ? 'recovery' : 'drill';
    const startMs = deps.clock.now();
    const plan = await (0,plan_input/* loadSinglePlan */.E)(io, inputs.plan, run.workspace);
    if (mode === 'recovery')
        (0,drill_setup/* checkRecoveryGuard */.lK)(inputs, plan, run.eventName);
    (0,drill_setup/* checkWaveNames */.EO)(plan, inputs.waves);
    const region = (0,drill_setup/* resolveRegion */.Zv)(inputs, plan, deps.env);
    return new DrillPipeline(io, inputs, run, deps, { mode, plan, region, startMs }).run();
}
class DrillPipeline {
    io;
    inputs;
    runEnv;
    deps;
    at;
    report;
    state;
    log;
    overrides;
    timeoutMs;
    /** When the waves must stop: timeout-minutes less the reserve for evidence and cleanup. */
    deadline;
    /** Which waves this step of the execution runs (input `waves`), once DRS was read. */
    step;
    constructor(io, inputs, runEnv, deps, at) {
        this.io = io;
        this.inputs = inputs;
        this.runEnv = runEnv;
        this.deps = deps;
        this.at = at;
        this.log = (0,log/* engineLog */.N)(io);
        this.timeoutMs = inputs.timeoutMinutes * 60_000;
        this.deadline = at.startMs + this.timeoutMs - (0,drill_setup/* reserveMs */.VV)(this.timeoutMs);
        this.state = {
            finished: false,
            mode: at.mode,
            executionId: (0,run_env/* executionIdOf */.t)(runEnv),
            region: at.region,
            cleanup: inputs.cleanup,
            planName: at.plan.name,
            jobIds: [],
        };
        this.saveState();
        this.overrides = new DrillOverrides(this.state, () => this.saveState(), this.state.executionId);
        this.report = (0,publish/* newRunReport */.IR)(at.mode, at.plan, runEnv, {
            region: at.region,
            isDrill: at.mode === 'drill',
            startMs: at.startMs,
            pointInTime: inputs.pointInTime,
        });
    }
    async run() {
        try {
            return await this.stages();
        }
        catch (e) {
            return this.crash(e);
        }
    }
    async stages() {
        const session = await openDrillSession(this.io, this.inputs, this.at, this.deps, this.report);
        if (!session)
            return this.finish('failed');
        // The gateways (drs, ec2, ssm) and the run's clock and log.
        const engine = { ...session, clock: this.deps.clock, log: this.log };
        // Every line of the checks, refusals included, prints inside the one "Preflight" group.
        const checked = await this.io.group('Preflight', () => this.checks(engine));
        if ('abandoned' in checked)
            return this.abandoned(checked.abandoned);
        if ('refused' in checked)
            return this.refuse(checked.refused);
        const { preflight, prior } = checked;
        if (this.pastDeadline('writing launch configurations'))
            return this.finish('timed-out');
        const limits = { deadline: this.deadline, ...(this.deps.signal ? { signal: this.deps.signal } : {}) };
        const repair = await this.stage('the launch-configuration repair', repairStep(this.io, this.report, engine, preflight, {
            dryRun: this.inputs.dryRun,
            executionId: this.state.executionId,
            ...limits,
        }));
        if (repair === ABANDONED)
            return this.abandoned('the launch-configuration repair');
        if (repair.length > 0)
            return this.refuse(repair);
        if (this.inputs.dryRun)
            return this.dryRunEnd();
        if (this.pastDeadline('starting the waves'))
            return this.finish('timed-out');
        const settings = () => this.overrides.apply(engine, this.at.mode, preflight, this.report, limits);
        const drill = await this.stage('writing the drill settings', this.io.group('Drill settings', settings));
        if (drill === ABANDONED)
            return this.abandoned('writing the drill settings');
        if (drill.length > 0)
            return this.refuse(drill);
        const executed = await this.execute(engine, preflight, prior);
        if (executed === ABANDONED)
            return this.cancelled(abandonReport(this.report));
        this.report = executed;
        if (this.report.status === 'cancelled')
            return this.cancelled(this.report);
        return this.cleanUp(engine);
    }
    /** The record for a later step, then the cleanup: every ending of the waves that was not a cancellation. */
    async cleanUp(engine) {
        // A step that leaves waves to a later one keeps the instances; any failure cleans the execution.
        const kept = await closeStep(engine, this.report, this.step, this.inputs.cleanup, (w) => this.io.warning(w));
        if (!this.report.isDrill)
            return this.finish();
        // Drill settings are restored before (a TERMINATE job holds its servers) and after (launches waited for).
        await this.overrides.restoreSafe(engine, this.report);
        // Cleanup ends 30 s before timeout-minutes: the evidence is published after it.
        const deadline = this.at.startMs + this.timeoutMs - PUBLISH_RESERVE_MS;
        const policy = { policy: this.inputs.cleanup, dryRun: false, deadline };
        const cleanup = kept ?? (await cleanupStage(this.io, engine, this.report, policy, this.deps.signal));
        if (cleanup === 'abandoned') {
            this.report.errors.push('The run was cancelled before its cleanup finished: the post step terminates the drill instances (cleanup policy permitting).');
            return this.cancelled(this.report);
        }
        this.report.cleanup = cleanup;
        await this.overrides.restoreSafe(engine, this.report);
        this.overrides.leftNote(this.report);
        return this.finish();
    }
    /** Preflight and the resume check, and what they found, into the report and the log. */
    async checks(engine) {
        const preflight = await this.stage('preflight', (0,engine_preflight/* runPreflight */.hg)(engine, this.at.plan, {
            mode: this.at.mode,
            executionId: this.state.executionId,
            exclude: this.inputs.exclude,
            pointInTime: this.inputs.pointInTime,
            replaceRecoveryInstances: this.inputs.replaceRecoveryInstances,
            deferLaunchReads: pipelinesPreflight(this.inputs),
            deadline: this.deadline,
            ...(this.deps.signal ? { signal: this.deps.signal } : {}),
        }));
        if (preflight === ABANDONED)
            return { abandoned: 'preflight' };
        // DRS remembers what an earlier attempt started: read after preflight (AWS's clock), before writing.
        const prior = await this.stage('the resume check', (0,resume/* findExecutionJobs */.oh)(engine, this.state.executionId, this.at.plan.name));
        if (prior === ABANDONED)
            return { abandoned: 'the resume check' };
        // An earlier attempt's jobs are this run's own at once: even a refused run hands them to the post step.
        for (const job of prior.own)
            if (job.jobID)
                this.addJob(job.jobID);
        const refusal = await (0,resume/* executionRefusal */.V9)(engine, this.at.plan.name, prior);
        if (refusal) {
            this.io.error(refusal);
            return { refused: [refusal] };
        }
        this.step = planExecutionStep(this.at.plan, this.inputs.waves, prior.own, this.runEnv);
        if (this.step.selection.refusals.length > 0)
            return { refused: this.step.selection.refusals };
        this.report.warnings.push(...this.step.selection.notes);
        noteResume(this.io, this.report, resumableJobs(this.step, prior.own));
        notePreflight(this.io, this.report, preflight);
        const problems = preflightErrors(this.io, preflight, this.inputs.repair);
        return problems ? { refused: problems } : { preflight, prior };
    }
    /** The waves. The engine returns promptly on abort; an AWS call that hangs must not eat the grace. */
    execute(engine, preflight, prior) {
        const full = preflight.executionPlan;
        const step = this.step;
        if (!full || !step)
            throw new Error('no execution plan after a clean preflight');
        // The tests' injected crash (loopback only) stops the engine and fails like a bug in our code.
        const crash = (0,clock/* injectedCrash */.Ck)(this.deps.env) ? new AbortController() : undefined;
        // Pipelined: the later waves' own preflight runs beside the first waves (deferred-waves.ts).
        const gate = startDeferredWaves(this.io, this.report, engine, preflight, {
            mode: this.at.mode,
            pointInTime: this.inputs.pointInTime,
            executionId: this.state.executionId,
            deadline: this.deadline,
            ...(this.deps.signal ? { signal: this.deps.signal } : {}),
        });
        const work = runStepWaves(engine, {
            ...(gate ? { gate } : {}),
            full,
            step,
            context: runContext(this.at, this.state.executionId, this.report.accountId, this.runEnv),
            report: this.report,
            pollIntervalSeconds: this.inputs.pollIntervalSeconds,
            deadline: this.deadline,
            activeJobs: preflight.activeJobs,
            // Not AbortSignal.any: on Node 20 a combined signal can stop firing after garbage collection.
            signal: (0,retry/* firstAbort */.V8)([...(this.deps.signal ? [this.deps.signal] : []), ...(crash ? [crash.signal] : [])]),
            own: prior.own,
            afterPoll: (report) => this.overrides.restoreSafe(engine, report),
            onJobStarted: (info) => {
                this.addJob(info.jobId);
                crash?.abort();
            },
        })
            .finally(() => gate?.close())
            .then((report) => {
            if (crash?.signal.aborted)
                throw new Error('injected crash after the first job started (test)');
            return report;
        });
        return untilAbandoned(work, this.deps.signal, CANCEL_GRACE_MS).then((r) => r === 'abandoned' ? ABANDONED : r);
    }
    /** A stage that may be given up: on cancellation after a short grace, and at the run's deadline. */
    stage(name, work) {
        const { signal, clock } = this.deps;
        return boundedStage(name, work, { signal, deadline: this.deadline, clock, errors: this.report.errors });
    }
    /** A stage given up: by cancellation, or by the deadline (timed out, nothing more is written). */
    abandoned(stage) {
        if (this.deps.signal?.aborted)
            return this.cancelled(abandonReport(this.report));
        this.report.errors.push(`Nothing more was started after ${stage}.`);
        return this.finish('timed-out');
    }
    dryRunEnd() {
        this.report.warnings.push('Dry run: preflight only, no launch configuration written and no recovery started.');
        return this.finish('succeeded');
    }
    pastDeadline(what) {
        if (this.deps.clock.now() < this.deadline)
            return false;
        this.report.errors.push(`The run reached its time limit (timeout-minutes) before ${what}: nothing was written.`);
        return true;
    }
    addJob(jobId) {
        if (this.state.jobIds.includes(jobId))
            return;
        this.state.jobIds.push(jobId);
        this.saveState();
    }
    saveState() {
        try {
            (0,post_state/* writePostState */.z)((n, v) => this.io.saveState(n, v), this.state);
        }
        catch (e) {
            this.log.warning(`Could not save the run's state for the post step: ${(0,errors/* errorMessage */.gJ)(e)}`);
        }
    }
    /** Refused before anything was started: the reasons are the run's errors. */
    refuse(errors) {
        for (const e of errors)
            this.report.errors.push(e);
        return this.finish('failed');
    }
    /** The one ordinary exit: finalise, publish, record for the post step. */
    async finish(status) {
        const finished = nothingLeftBehind(this.io, this.report, this.state.jobIds);
        this.report = (0,build/* finalizeReport */.Fw)(this.report, new Date(this.deps.clock.now()).toISOString(), status);
        if (status === undefined)
            for (const missed of (0,build/* objectiveWarnings */.he)(this.report))
                this.io.warning(missed);
        await (0,publish/* publishReport */.S3)(this.io, this.report, this.inputs, this.runEnv, this.deps.env);
        this.state.finished = finished;
        if (this.report.status !== 'running')
            this.state.status = this.report.status;
        if (this.report.cleanup?.status === 'skipped' && this.report.wavesRemaining)
            this.state.wavesRemaining = this.report.wavesRemaining;
        this.saveState();
        return this.report;
    }
    /** Cancelled: the partial evidence, fast; never finished, so the post step cleans up. */
    async cancelled(report) {
        this.report = await publishCancelled(this.io, report, this.inputs, this.runEnv, this.deps);
        return this.report;
    }
    /** A crash in our code: the evidence of what had been started is written before the error surfaces. */
    async crash(e) {
        this.report = await (0,publish/* publishCrash */.hx)(this.io, this.report, e, this.inputs, this.runEnv, this.deps);
        throw e;
    }
}


/***/ })

};
