export const id = 998;
export const ids = [998];
export const modules = {

/***/ 22998:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  openAwsSession: () => (/* reexport */ aws_session/* openAwsSession */.a),
  runDrillMode: () => (/* binding */ runDrillMode)
});

// EXTERNAL MODULE: ./src/aws/retry.ts
var retry = __webpack_require__(22495);
// EXTERNAL MODULE: ./src/aws/session.ts + 1 modules
var aws_session = __webpack_require__(3654);
// EXTERNAL MODULE: ./src/core/clock.ts
var clock = __webpack_require__(32257);
// EXTERNAL MODULE: ./src/engine/cleanup.ts + 1 modules
var cleanup = __webpack_require__(28097);
// EXTERNAL MODULE: ./src/engine/deadline.ts
var deadline = __webpack_require__(7964);
// EXTERNAL MODULE: ./src/engine/log.ts
var log = __webpack_require__(54760);
// EXTERNAL MODULE: ./src/engine/preflight.ts + 3 modules
var preflight = __webpack_require__(7637);
// EXTERNAL MODULE: ./src/engine/resume.ts
var resume = __webpack_require__(90099);
// EXTERNAL MODULE: ./src/core/durations.ts
var durations = __webpack_require__(80778);
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

// EXTERNAL MODULE: ./src/engine/poller.ts
var poller = __webpack_require__(74694);
// EXTERNAL MODULE: ./src/core/tags.ts
var tags = __webpack_require__(52766);
// EXTERNAL MODULE: ./src/engine/resolve.ts
var resolve = __webpack_require__(93370);
// EXTERNAL MODULE: ./src/core/quotas.ts
var quotas = __webpack_require__(7254);
;// CONCATENATED MODULE: ./src/engine/scheduler.ts
/**
 * Which waves may start and which chunks DRS can hold right now. Pure: the run loop owns the
 * state and the clock and asks these functions what to do next.
 */

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
        const badDependency = wave.dependsOn.find((d) => BAD_END.has(states.get(d)?.status ?? 'pending'));
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
            if (dep?.status !== 'succeeded' || dep.decidedAtMs === undefined) {
                allSucceeded = false;
                break;
            }
            readyAt = Math.max(readyAt, dep.decidedAtMs + (depWave?.waitAfterSeconds ?? 0) * 1000);
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
function initWaves(plan, report) {
    report.waves = plan.waves.map((rw) => ({
        name: rw.wave.name,
        index: rw.wave.index,
        dependsOn: [...rw.wave.dependsOn],
        status: 'pending',
        jobs: [],
        servers: rw.servers.map((s) => ({
            sourceServerId: s.sourceServerId,
            ...(s.hostname ? { hostname: s.hostname } : {}),
            ...(s.spec.snapshot ? { pinnedSnapshotId: s.spec.snapshot, recoverySnapshotId: s.spec.snapshot } : {}),
            ...replicationAtPreflight(s.sourceServer),
            critical: s.spec.critical,
            health: 'pending',
            phases: [],
            errors: [],
        })),
    }));
    return plan.waves.map((resolved, i) => ({
        resolved,
        report: report.waves[i],
        state: { status: 'pending' },
        chunks: [],
        tracking: { outcomes: new Map(), logged: new Map() },
    }));
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
    return { [tags/* TAG */.Dk.executionId]: context.executionId, [tags/* TAG */.Dk.plan]: planName, [tags/* TAG */.Dk.mode]: context.mode };
}
/** How a run whose waves are all decided ended. */
function finalStatusOf(waves) {
    const statuses = waves.map((w) => w.state.status);
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
    const lagSeconds = info.lagDuration ? (0,resolve/* parseIsoDuration */.pU)(info.lagDuration) : undefined;
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
    constructor(deps, input) {
        this.deps = deps;
        this.input = input;
        this.waves = initWaves(input.executionPlan, input.report);
    }
    now() {
        return (0,poller/* awsNow */.e1)(this.deps);
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
                for (const s of wave.report.servers) {
                    const ec2 = s.ec2InstanceId ? ` ${s.ec2InstanceId}` : '';
                    this.deps.log.info(`${serverLabel(s)}: ${s.launchStatus ?? 'not started'}${ec2}, health ${s.health}`);
                }
            });
        }
    }
    schedule() {
        const { executionPlan } = this.input;
        const states = new Map(this.waves.map((w) => [w.report.name, w.state]));
        const decision = planNextWaves(this.waves.map((w) => w.resolved.wave), states, { nowMs: this.deps.clock.now(), onFailure: executionPlan.plan.onFailure });
        for (const skip of decision.skip) {
            const wave = this.waves.find((w) => w.report.name === skip.wave);
            if (wave)
                this.decide(wave, 'skipped', skip.reason);
        }
        for (const name of decision.start) {
            const wave = this.waves.find((w) => w.report.name === name);
            if (!wave)
                continue;
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
        return decision.wakeAtMs;
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
    /**
     * A tick, no longer waited for once the run's deadline passes: its reads only (nothing is started
     * here), so one whose AWS calls hang cannot hold the run past timeout-minutes. The loop then stops.
     */
    async tickUntil(deadline) {
        const { clock } = this.deps;
        return (0,retry/* unlessAborted */.Wh)(this.tick(), clock.signalAfter?.(deadline - clock.now()), () => true);
    }
    /**
     * Update server entries from what was polled, then decide waves that settled or timed out.
     * Returns the next wave timeout and whether any wave was decided (its dependants may start now).
     */
    evaluate() {
        let nextTimeout;
        let decided = false;
        for (const wave of this.waves) {
            if (wave.state.status !== 'running')
                continue;
            refreshServers(wave, this.poll, this.now(), (line) => this.deps.log.info(line));
            const timeoutAt = (wave.startedAtMs ?? 0) + wave.resolved.wave.timeoutSeconds * 1000;
            const evaluation = this.deps.clock.now() >= timeoutAt ? waveTimeoutOutcome(wave) : evaluateRunningWave(wave, this.poll);
            if (evaluation.state === 'running') {
                nextTimeout = Math.min(nextTimeout ?? timeoutAt, timeoutAt);
                continue;
            }
            for (const w of evaluation.warnings) {
                this.input.report.warnings.push(w);
                this.deps.log.warning(w);
            }
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
            // Right after a wave was decided this pass only starts its dependants: the poll just happened, and
            // one DescribeJobs per tick is the budget.
            const polled = startOnly ? true : await this.tickUntil(deadline);
            startOnly = false;
            if (signal?.aborted)
                continue;
            const { nextTimeout, decided } = this.evaluate();
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
            await clock.sleep(Math.max(0, wakeAt - now), signal);
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

// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/report/build.ts
var build = __webpack_require__(95066);
// EXTERNAL MODULE: ./src/run-env.ts
var run_env = __webpack_require__(2612);
// EXTERNAL MODULE: ./src/report/markdown.ts + 3 modules
var markdown = __webpack_require__(57130);
// EXTERNAL MODULE: ./src/modes/publish.ts + 3 modules
var publish = __webpack_require__(15979);
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

// EXTERNAL MODULE: ./src/modes/drill-setup.ts
var drill_setup = __webpack_require__(23941);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(70370);
// EXTERNAL MODULE: ./src/aws/retrying.ts
var aws_retrying = __webpack_require__(32355);
// EXTERNAL MODULE: ./src/engine/launch-config.ts
var launch_config = __webpack_require__(16778);
// EXTERNAL MODULE: ./src/engine/types.ts
var types = __webpack_require__(3171);
;// CONCATENATED MODULE: ./src/engine/repair.ts
/**
 * Launch-configuration repair: writes only the drift, in the order DRS writes (its settings first, then
 * the template from the default as DRS left it), and reads both back (verify-after-write).
 */






/** The UpdateLaunchConfiguration request carrying just the drifted fields. */
function launchConfigurationUpdate(sourceServerId, changes) {
    const update = { sourceServerID: sourceServerId };
    for (const c of changes) {
        if (c.target !== 'launch')
            continue;
        if (c.field === 'copyPrivateIp')
            update.copyPrivateIp = c.to;
        else if (c.field === 'copyTags')
            update.copyTags = c.to;
        else if (c.field === 'launchDisposition')
            update.launchDisposition = c.to;
        else if (c.field === 'rightSizing')
            update.targetInstanceTypeRightSizingMethod = c.to;
        else if (c.field === 'osByol')
            update.licensing = { osByol: c.to };
    }
    return update;
}
/** The launch-template change carrying just the drifted fields. */
function launchTemplateChange(changes) {
    const change = {};
    for (const c of changes) {
        if (c.target !== 'template')
            continue;
        if (c.field === 'subnetId')
            change.subnetId = c.to;
        else if (c.field === 'securityGroupIds')
            change.securityGroupIds = c.to;
        else if (c.field === 'instanceType')
            change.instanceType = c.to;
        else if (c.field === 'instanceProfile')
            change.instanceProfile = c.to;
        else if (c.field === 'privateIp')
            change.clearPrivateIp = true;
    }
    return change;
}
/**
 * The same execution, server, template version and change always give the same token, so a re-run of a
 * run that lost CreateLaunchTemplateVersion's answer gets the version already made, not a second one.
 * The source version is part of it: EC2 rejects a reused token whose parameters differ.
 */
function templateClientToken(executionId, sourceServerId, launchTemplateId, sourceVersion, change) {
    const canonical = JSON.stringify([
        executionId,
        sourceServerId,
        launchTemplateId,
        sourceVersion,
        change.subnetId ?? null,
        change.securityGroupIds ? [...change.securityGroupIds].sort() : null,
        change.instanceType ?? null,
        change.instanceProfile ?? null,
        change.clearPrivateIp ?? null,
    ]);
    return `drs-drill-${(0,external_node_crypto_.createHash)('sha256').update(canonical).digest('hex')}`;
}
/** Some writes failed; `changes` still lists every change made or attempted before the failure. */
class LaunchConfigRepairError extends Error {
    changes;
    failures;
    name = 'LaunchConfigRepairError';
    constructor(message, changes, failures) {
        super(message);
        this.changes = changes;
        this.failures = failures;
    }
}
function record(drift, changes, applied, version) {
    return changes.map((c) => ({
        sourceServerId: drift.sourceServerId,
        target: c.target,
        field: c.field,
        from: c.from,
        to: c.to,
        applied,
        ...(version !== undefined ? { templateVersion: version } : {}),
    }));
}
/** Whether anything of the template is worth reading back: the plan speaks about it, or it was written. */
function templateMatters(desired, written) {
    return written || Object.keys(desired.template).length > 0 || desired.launch.copyPrivateIp === false;
}
function describeLeft(changes) {
    return changes
        .map((c) => `${c.target}.${c.field} is ${JSON.stringify(c.from)}, the plan wants ${JSON.stringify(c.to)}`)
        .join('; ');
}
/**
 * The template's part of a repair: from the default version as DRS left it (read again when DRS's
 * settings were just written), our version with what still differs. Returns whether it wrote.
 */
async function repairTemplate(deps, drift, launchTemplateId, afterDrsWrite, opts, out) {
    const source = afterDrsWrite || drift.templateVersion === undefined
        ? await deps.ec2.describeDefaultLaunchTemplateVersion(launchTemplateId)
        : undefined;
    const sourceVersion = source?.VersionNumber ?? drift.templateVersion;
    const template = source
        ? [...(0,launch_config/* diffLaunchTemplate */.$o)(drift.desired.template, source), ...(0,launch_config/* diffPrivateIp */.Qz)(drift.desired.launch, source)]
        : drift.changes.filter((c) => c.target === 'template');
    if (template.length === 0)
        return false;
    if (sourceVersion === undefined)
        throw new Error(`launch template ${launchTemplateId} has no default version number`);
    const change = launchTemplateChange(template);
    const token = templateClientToken(opts.executionId, drift.sourceServerId, launchTemplateId, sourceVersion, change);
    const version = await deps.ec2.updateLaunchTemplate(launchTemplateId, sourceVersion, change, token);
    out.push(...record(drift, template, true, version));
    return true;
}
/**
 * Repairs one server in the order DRS writes: the DRS launch settings first (UpdateLaunchConfiguration
 * may itself write a template version: right-sizing and copy-private-IP live in the template), then the
 * template's default version read again and our version made from it, then both read back and
 * compared with the plan (verify-after-write). A difference left is a failed repair.
 */
async function repairOne(deps, drift, opts, out) {
    const launch = drift.changes.filter((c) => c.target === 'launch');
    if (opts.dryRun) {
        out.push(...record(drift, drift.changes, false));
        return;
    }
    if (launch.length > 0) {
        await deps.drs.updateLaunchConfiguration(launchConfigurationUpdate(drift.sourceServerId, launch));
        out.push(...record(drift, launch, true));
    }
    const { launchTemplateId } = drift;
    const planned = drift.changes.filter((c) => c.target === 'template');
    if (launchTemplateId === undefined) {
        if (planned.length > 0)
            throw new Error(`no launch template known for source server ${drift.sourceServerId}`);
        return;
    }
    const written = (launch.length > 0 || planned.length > 0) &&
        (await repairTemplate(deps, drift, launchTemplateId, launch.length > 0, opts, out));
    const launchConfig = await deps.drs.getLaunchConfiguration(drift.sourceServerId);
    const template = templateMatters(drift.desired, written)
        ? await deps.ec2.describeDefaultLaunchTemplateVersion(launchConfig.ec2LaunchTemplateID ?? launchTemplateId)
        : undefined;
    const left = (0,launch_config/* diffAll */.lu)(drift.desired, launchConfig, template);
    if (left.length > 0) {
        throw new Error(`after writing, the launch settings still differ from the plan: ${describeLeft(left)} ` +
            '(DRS may rewrite the launch template when its own settings change, e.g. right-sizing sets the instance type)');
    }
}
/**
 * Writes the drift (nothing when there is none; nothing at all in a dry run) and lists every change for
 * the report. All servers are attempted; if any write failed, throws LaunchConfigRepairError after.
 */
async function repairLaunchConfigurations(gateways, drift, opts) {
    // Past the run's deadline, or once it is cancelled, nothing more is written: every call passes this
    // checkpoint first, and a server not started fails with the reason.
    const clock = gateways.clock;
    const checkpoint = (0,deadline/* phaseCheckpoint */.ef)(clock ?? types/* systemClock */.m, opts, 'the launch configuration repair');
    // Every call here is a read or an idempotent write (the template's client token): retried through
    // throttling and 5xx on the run's clock.
    const retrying = clock && { sleep: (ms) => clock.sleep(ms, opts.signal), checkpoint };
    const deps = retrying
        ? { drs: (0,aws_retrying/* retryingDrs */.o)(gateways.drs, retrying), ec2: (0,aws_retrying/* retryingEc2 */.N)(gateways.ec2, retrying) }
        : gateways;
    const limit = (0,p_limit/* default */.A)(opts.concurrency ?? 10);
    const changes = drift.map(() => []);
    const failures = [];
    await Promise.all(drift.map((d, i) => limit(async () => {
        try {
            checkpoint();
            await repairOne(deps, d, opts, changes[i]);
        }
        catch (error) {
            failures.push({ sourceServerId: d.sourceServerId, error });
        }
    })));
    const all = changes.flat();
    if (failures.length > 0) {
        const detail = failures
            .map((f) => `${f.sourceServerId}: ${f.error instanceof Error ? f.error.message : String(f.error)}`)
            .join('; ');
        throw new LaunchConfigRepairError(`Could not repair the launch configuration of ${detail}`, all, failures);
    }
    return all;
}

;// CONCATENATED MODULE: ./src/modes/drill-steps.ts
/**
 * Steps of the drill pipeline that need no pipeline state: what preflight found, into the report and
 * the log; the launch-configuration repair.
 */





/** Preflight's exclusions and warnings into the report and the log. */
function notePreflight(io, report, preflight) {
    if (preflight.excluded.length > 0) {
        report.excluded = preflight.excluded;
        const text = `Excluded from this run (input exclude): ${preflight.excluded
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
        const outcome = await repairLaunchConfigurations(engine, preflight.drift, opts).then((written) => ({ changes: written, failures: [] }), (e) => {
            if (e instanceof LaunchConfigRepairError)
                return { changes: e.changes, failures: e.failures };
            throw e;
        });
        for (const c of outcome.changes) {
            io.info(`${c.applied ? 'Changed' : 'Would change'} ${c.sourceServerId} ${c.target}.${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`);
        }
        return outcome;
    });
    report.launchConfigChanges = changes;
    if (failures.length === 0)
        return [];
    const errors = failures.map((f) => {
        const text = `Launch configuration of ${f.sourceServerId} could not be written: ${(0,src_errors/* errorMessage */.gJ)(f.error)}`;
        io.error(text);
        return text;
    });
    return [...errors, 'Nothing was started: the launch configurations above must be repaired first.'];
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
function nothingLeftBehind(report, jobIds) {
    if (!report.isDrill || jobIds.length === 0)
        return true;
    return report.cleanup !== undefined && report.cleanup.status !== 'failed';
}
/** Preflight's problems as the run's errors (each annotated at its plan line), or undefined. */
function preflightErrors(io, preflight) {
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



















/** A stage given up: the run was cancelled, or its deadline came, while it was still in flight. */
const ABANDONED = Symbol('abandoned');
/** Time kept after the cleanup to publish the evidence within timeout-minutes. */
const PUBLISH_RESERVE_MS = 30_000;
/** `mode: drill` and `mode: recovery`: preflight, launch-config repair, waves, evidence, cleanup. */
async function runDrillMode(io, inputs, run, deps) {
    const mode = inputs.mode === 'recovery' ? 'recovery' : 'drill';
    const startMs = deps.clock.now();
    const plan = await (0,plan_input/* loadSinglePlan */.E)(io, inputs.plan, run.workspace);
    if (mode === 'recovery')
        (0,drill_setup/* checkRecoveryGuard */.lK)(inputs, plan, run.eventName);
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
    timeoutMs;
    /** When the waves must stop: timeout-minutes less the reserve for evidence and cleanup. */
    deadline;
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
        this.report = (0,publish/* newRunReport */.IR)(at.mode, at.plan, runEnv, {
            region: at.region,
            isDrill: at.mode === 'drill',
            startMs: at.startMs,
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
        const session = await this.openSession();
        if (!session)
            return this.finish('failed');
        const engine = { drs: session.drs, ec2: session.ec2, clock: this.deps.clock, log: this.log };
        const preflight = await this.stage('preflight', this.io.group('Preflight', () => this.preflight(engine)));
        if (preflight === ABANDONED)
            return this.abandoned('preflight');
        // DRS, not the runner, remembers what an earlier attempt of this run started. Read after the
        // preflight (its answers set AWS's clock) and before anything is written.
        const prior = await this.stage('the resume check', (0,resume/* findExecutionJobs */.oh)(engine, this.state.executionId, this.at.plan.name));
        if (prior === ABANDONED)
            return this.abandoned('the resume check');
        this.adoptPrior(prior);
        const refusal = await (0,resume/* executionRefusal */.V9)(engine, this.at.plan.name, prior);
        if (refusal)
            return this.refuse([refusal]);
        noteResume(this.io, this.report, prior.own);
        notePreflight(this.io, this.report, preflight);
        const problems = preflightErrors(this.io, preflight);
        if (problems)
            return this.refuse(problems);
        if (this.pastDeadline('writing launch configurations'))
            return this.finish('timed-out');
        const repair = await this.stage('the launch-configuration repair', repairStep(this.io, this.report, engine, preflight, {
            dryRun: this.inputs.dryRun,
            executionId: this.state.executionId,
            deadline: this.deadline,
            ...(this.deps.signal ? { signal: this.deps.signal } : {}),
        }));
        if (repair === ABANDONED)
            return this.abandoned('the launch-configuration repair');
        if (repair.length > 0)
            return this.refuse(repair);
        if (this.inputs.dryRun) {
            this.report.warnings.push('Dry run: preflight only, no launch configuration written and no recovery started.');
            return this.finish('succeeded');
        }
        if (this.pastDeadline('starting the waves'))
            return this.finish('timed-out');
        const executed = await this.execute(engine, preflight, prior);
        if (executed === ABANDONED)
            return this.cancelled(abandonReport(this.report));
        this.report = executed;
        if (this.report.status === 'cancelled')
            return this.cancelled(this.report);
        if (this.report.isDrill) {
            const cleanup = await this.cleanup(engine);
            if (cleanup === ABANDONED) {
                this.report.errors.push('The run was cancelled before its cleanup finished: the post step terminates the drill instances (cleanup policy permitting).');
                return this.cancelled(this.report);
            }
            this.report.cleanup = cleanup;
        }
        return this.finish();
    }
    /** The AWS session; a failure (STS, the account guard) is evidence too, not an unexplained crash. */
    async openSession() {
        try {
            const session = await (0,aws_session/* openAwsSession */.a)(this.io, this.inputs, this.at.region, this.at.plan.accountId, this.deps);
            this.report.accountId = session.accountId;
            return session;
        }
        catch (e) {
            // The step fails with this as its first error (one annotation, from main.ts).
            this.report.errors.push(`Could not open the AWS session: ${(0,src_errors/* errorMessage */.gJ)(e)}`, 'Nothing was started.');
            return undefined;
        }
    }
    preflight(engine) {
        return (0,preflight/* runPreflight */.hg)(engine, this.at.plan, {
            mode: this.at.mode,
            executionId: this.state.executionId,
            exclude: this.inputs.exclude,
            replaceRecoveryInstances: this.inputs.replaceRecoveryInstances,
            deadline: this.deadline,
            ...(this.deps.signal ? { signal: this.deps.signal } : {}),
        });
    }
    /** An earlier attempt's jobs are this run's own at once: even a refused run hands them to the post step. */
    adoptPrior(prior) {
        for (const job of prior.own)
            if (job.jobID)
                this.addJob(job.jobID);
    }
    /** The waves. The engine returns promptly on abort; an AWS call that hangs must not eat the grace. */
    execute(engine, preflight, prior) {
        if (!preflight.executionPlan)
            throw new Error('no execution plan after a clean preflight');
        // The tests' injected crash (loopback only) stops the engine and fails like a bug in our code.
        const crash = (0,clock/* injectedCrash */.Ck)(this.deps.env) ? new AbortController() : undefined;
        // Not AbortSignal.any: on Node 20 a combined signal can stop firing after garbage collection.
        const signal = (0,retry/* firstAbort */.V8)([
            ...(this.deps.signal ? [this.deps.signal] : []),
            ...(crash ? [crash.signal] : []),
        ]);
        const work = runExecution(engine, {
            executionPlan: preflight.executionPlan,
            context: runContext(this.at, this.state.executionId, this.report.accountId, this.runEnv),
            report: this.report,
            pollIntervalSeconds: this.inputs.pollIntervalSeconds,
            deadline: this.deadline,
            activeJobs: preflight.activeJobs,
            signal,
            priorJobs: (0,resume/* priorJobsByChunk */.Lq)(prior.own),
            onJobStarted: (info) => {
                this.addJob(info.jobId);
                crash?.abort();
            },
        }).then((report) => {
            if (crash?.signal.aborted)
                throw new Error('injected crash after the first job started (test)');
            return report;
        });
        return untilAbandoned(work, this.deps.signal, CANCEL_GRACE_MS).then((r) => r === 'abandoned' ? ABANDONED : r);
    }
    /** Terminate jobs take minutes; a cancellation leaves them to the post step (not finished). */
    async cleanup(engine) {
        if (this.deps.signal?.aborted)
            return ABANDONED;
        // Cleanup ends 30 s before timeout-minutes: the evidence is published after it.
        const deadline = this.at.startMs + this.timeoutMs - PUBLISH_RESERVE_MS;
        const policy = { policy: this.inputs.cleanup, dryRun: false, deadline };
        const work = this.io.group('Cleanup', () => (0,cleanup/* cleanupDrillInstances */.Wo)(engine, this.report, policy));
        const done = await untilAbandoned(work, this.deps.signal, CANCEL_GRACE_MS);
        return done === 'abandoned' ? ABANDONED : done;
    }
    /**
     * A stage that may be given up: on cancellation after a short grace, and at the run's deadline
     * (preflight and repair must not outlive timeout-minutes).
     */
    async stage(name, work) {
        // A phase that noticed the deadline itself (DeadlineError) ends the same way as one given up.
        const bounded = work.catch((e) => {
            if ((0,deadline/* isDeadlineError */.Tz)(e))
                return 'abandoned';
            throw e;
        });
        const result = await untilStageEnds(bounded, this.deps.signal, this.deadline, this.deps.clock);
        if (result !== 'abandoned')
            return result;
        if (!this.deps.signal?.aborted) {
            this.report.errors.push(`The run reached its time limit (timeout-minutes) during ${name}.`);
        }
        return ABANDONED;
    }
    /** A stage given up: by cancellation, or by the deadline (timed out, nothing more is written). */
    abandoned(stage) {
        if (this.deps.signal?.aborted)
            return this.cancelled(abandonReport(this.report));
        this.report.errors.push(`Nothing more was started after ${stage}.`);
        return this.finish('timed-out');
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
            (0,post_state/* writePostState */.z8)((n, v) => this.io.saveState(n, v), this.state);
        }
        catch (e) {
            this.log.warning(`Could not save the run's state for the post step: ${(0,src_errors/* errorMessage */.gJ)(e)}`);
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
        const finished = nothingLeftBehind(this.report, this.state.jobIds);
        if (!finished) {
            const text = 'Drill instances of this run may still exist: the post step terminates them (cleanup policy permitting), and mode: cleanup catches any left after it.';
            this.report.warnings.push(text);
            this.io.warning(text);
        }
        this.report = (0,build/* finalizeReport */.Fw)(this.report, new Date(this.deps.clock.now()).toISOString(), status);
        if (status === undefined)
            for (const missed of (0,build/* objectiveWarnings */.he)(this.report))
                this.io.warning(missed);
        await (0,publish/* publishReport */.S3)(this.io, this.report, this.inputs, this.runEnv, this.deps.env);
        this.state.finished = finished;
        if (this.report.status !== 'running')
            this.state.status = this.report.status;
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
        this.report.errors.push(`The run stopped on an error: ${(0,src_errors/* errorMessage */.gJ)(e)}`);
        try {
            this.report = (0,build/* finalizeReport */.Fw)(this.report, new Date(this.deps.clock.now()).toISOString(), 'failed');
            await (0,publish/* publishReport */.S3)(this.io, this.report, this.inputs, this.runEnv, this.deps.env);
        }
        catch (publishError) {
            this.io.warning(`Could not publish the report: ${(0,src_errors/* errorMessage */.gJ)(publishError)}`);
        }
        throw e;
    }
}


/***/ }),

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


/***/ })

};
