export const id = 932;
export const ids = [932];
export const modules = {

/***/ 74932:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readPostState: () => (/* binding */ readPostState),
/* harmony export */   z: () => (/* binding */ writePostState)
/* harmony export */ });
/* unused harmony export POST_STATE_KEY */
const RIGHT_SIZING = ['NONE', 'BASIC', 'IN_AWS'];
/** The saved list, each entry checked; anything malformed is dropped. */
function pendingRestores(value) {
    if (!Array.isArray(value))
        return [];
    return value.flatMap((x) => {
        const r = x;
        if (!r || typeof r.sourceServerId !== 'string' || typeof r.launchTemplateId !== 'string')
            return [];
        if (typeof r.recoveryVersion !== 'number' || !Number.isInteger(r.recoveryVersion))
            return [];
        const launch = (r.launch ?? {});
        return [
            {
                sourceServerId: r.sourceServerId,
                launchTemplateId: r.launchTemplateId,
                recoveryVersion: r.recoveryVersion,
                launch: {
                    ...(typeof launch.copyPrivateIp === 'boolean' ? { copyPrivateIp: launch.copyPrivateIp } : {}),
                    ...(RIGHT_SIZING.includes(String(launch.rightSizing))
                        ? { rightSizing: launch.rightSizing }
                        : {}),
                },
            },
        ];
    });
}
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
        ...(Array.isArray(s.wavesRemaining) && s.wavesRemaining.length > 0
            ? { wavesRemaining: s.wavesRemaining.filter((x) => typeof x === 'string') }
            : {}),
        ...(Array.isArray(s.restore) ? { restore: pendingRestores(s.restore) } : {}),
    };
}


/***/ })

};
