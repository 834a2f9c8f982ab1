export const id = 318;
export const ids = [318];
export const modules = {

/***/ 40201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gv: () => (/* binding */ createAwsClients),
/* harmony export */   QI: () => (/* binding */ destroyAwsClients),
/* harmony export */   _O: () => (/* binding */ USER_AGENT)
/* harmony export */ });
/* unused harmony exports ACTION_VERSION, validateRegion, clientConfig */
/* harmony import */ var _aws_sdk_client_drs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(54722);
/* harmony import */ var _aws_sdk_client_drs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(_aws_sdk_client_drs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(35193);
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(71695);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/**
 * The one place AWS SDK clients are built. client-drs is pinned at 3.523 (smithy v2) while EC2 and
 * STS are current (smithy v4); both generations accept the same plain config object, so one shape
 * serves all four clients.
 */




/** Keep in step with package.json `version`; read by people in CloudTrail's userAgent field. */
const ACTION_VERSION = '0.1.0';
const USER_AGENT = `drs-drill-action/${ACTION_VERSION}`;
const REGION_PATTERN = /^[a-z0-9-]+$/;
function validateRegion(region) {
    const trimmed = region.trim();
    if (trimmed === '' || !REGION_PATTERN.test(trimmed)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`region "${region}" is not a valid AWS region name (lowercase letters, digits and hyphens, e.g. us-east-1)`);
    }
    return trimmed;
}
function validateMaxAttempts(maxAttempts) {
    if (maxAttempts === undefined)
        return 3;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`maxAttempts must be a whole number of at least 1, got ${maxAttempts}`);
    }
    return maxAttempts;
}
/** The config every client shares; exported for tests that inspect it. */
function clientConfig(opts) {
    const config = {
        region: validateRegion(opts.region),
        maxAttempts: validateMaxAttempts(opts.maxAttempts),
        retryMode: 'standard',
        customUserAgent: opts.userAgent ?? USER_AGENT,
        ...(opts.credentials ? { credentials: opts.credentials } : {}),
        ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    };
    return config;
}
function createAwsClients(opts) {
    const config = clientConfig(opts);
    return {
        drs: new _aws_sdk_client_drs__WEBPACK_IMPORTED_MODULE_1__.DrsClient(config),
        drsNoRetry: new _aws_sdk_client_drs__WEBPACK_IMPORTED_MODULE_1__.DrsClient({ ...config, maxAttempts: 1 }),
        ec2: new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_2__/* .EC2Client */ .gu5(config),
        sts: new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_3__/* .STSClient */ .iM(config),
    };
}
/** Closes the clients' sockets so a finished run does not hold the event loop open. */
function destroyAwsClients(clients) {
    clients.drs.destroy();
    clients.drsNoRetry.destroy();
    clients.ec2.destroy();
    clients.sts.destroy();
}


/***/ }),

/***/ 96963:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bs: () => (/* binding */ maskCredentials),
/* harmony export */   To: () => (/* binding */ OIDC_AUDIENCE),
/* harmony export */   Yj: () => (/* binding */ oidcCredentialProvider),
/* harmony export */   g4: () => (/* binding */ checkAccount)
/* harmony export */ });
/* unused harmony exports DEFAULT_SESSION_SECONDS, DEFAULT_REFRESH_WINDOW_MS, validateRoleSessionName, defaultRoleSessionName, validateRoleArn, assertIdTokenAvailable, memoizeCredentials */
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(71695);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _clients_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(40201);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(22495);
/**
 * GitHub OIDC → AWS credentials that outlive one role session. A recovery can run longer than the
 * role's session, so instead of exporting one set of keys (as configure-aws-credentials does) we
 * hand the SDK clients a provider that fetches a fresh ID token and re-assumes the role when the
 * current session nears its end.
 *
 * Both SDK generations in the tree (client-drs 3.523 on smithy v2, EC2/STS current) wrap a
 * `credentials` function in `memoizeIdentityProvider` and call it again once the identity has less
 * than 5 minutes left (`isIdentityExpired`, measured with Date.now()). Each client holds its own
 * memo, so we memoize here too: three clients share one session instead of assuming the role thrice,
 * and our window (10 minutes) is wider than the SDK's so a client that asks always gets fresh keys.
 */




const OIDC_AUDIENCE = 'sts.amazonaws.com';
const DEFAULT_SESSION_SECONDS = 3600;
/** Refresh this long before expiry; must exceed the SDK's own 5-minute window. */
const DEFAULT_REFRESH_WINDOW_MS = 10 * 60_000;
const SESSION_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/;
const ROLE_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
/** After a failed refresh, keep serving still-valid keys this long before trying STS again. */
const FAILED_REFRESH_COOLDOWN_MS = 30_000;
/** Keys with less than this left are not served after a failed refresh. */
const MIN_USABLE_MS = 60_000;
function validateRoleSessionName(name) {
    if (!SESSION_NAME_PATTERN.test(name)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`role-session-name "${name}" is invalid: it must be 2 to 64 characters of letters, digits and _+=,.@-`);
    }
    return name;
}
/** `drs-drill-<run id>`, with characters STS refuses replaced and cut to 64. */
function defaultRoleSessionName(runId) {
    const id = String(runId ?? '').trim();
    const name = (id === '' ? 'drs-drill' : `drs-drill-${id}`).replace(/[^\w+=,.@-]/g, '-');
    return name.slice(0, 64);
}
function validateRoleArn(roleArn) {
    const trimmed = roleArn.trim();
    if (!ROLE_ARN_PATTERN.test(trimmed)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`role-to-assume "${roleArn}" is not an IAM role ARN (expected arn:aws:iam::<12-digit account>:role/<name>)`);
    }
    return trimmed;
}
/** Without `permissions: id-token: write` the runner does not offer the token endpoint at all. */
function assertIdTokenAvailable(env) {
    const missing = ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'].filter((k) => !env[k]);
    if (missing.length > 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`role-to-assume is set but this job cannot request a GitHub OIDC token (${missing.join(' and ')} not set): ` +
            'add `permissions: id-token: write` to the workflow or job');
    }
}
/** Every credential value goes to setSecret before anything could log it. */
function maskCredentials(credentials, setSecret) {
    setSecret(credentials.accessKeyId);
    setSecret(credentials.secretAccessKey);
    if (credentials.sessionToken)
        setSecret(credentials.sessionToken);
}
/**
 * Caches credentials from `fetch` until they are within `refreshWindowMs` of expiry; concurrent
 * callers share one fetch. If a refresh fails while the cached keys still work, those keys are
 * served (and STS left alone for a short cooldown) rather than failing calls that would succeed.
 */
function memoizeCredentials(fetch, opts) {
    let cached;
    let inflight;
    let failedAt;
    const remaining = (c) => c.expiration.getTime() - opts.now();
    return async () => {
        if (cached && remaining(cached) > opts.refreshWindowMs)
            return cached;
        const usable = cached && remaining(cached) > MIN_USABLE_MS ? cached : undefined;
        if (usable && failedAt !== undefined && opts.now() - failedAt < FAILED_REFRESH_COOLDOWN_MS)
            return usable;
        inflight ??= fetch()
            .then((fresh) => {
            cached = fresh;
            failedAt = undefined;
            return fresh;
        })
            .finally(() => {
            inflight = undefined;
        });
        try {
            return await inflight;
        }
        catch (error) {
            failedAt = opts.now();
            if (usable && remaining(usable) > MIN_USABLE_MS)
                return usable;
            throw error;
        }
    };
}
/** Marks failures of the ID token request, which are retried like transient STS errors. */
class IdTokenError extends Error {
    name = 'IdTokenError';
}
function isRetryableAssumeError(error) {
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo)
        return false;
    if (error instanceof IdTokenError)
        return true;
    const name = error?.name;
    // The token endpoint or IdP hiccuped, or our token aged out during a slow retry: a new token helps.
    if (name === 'IDPCommunicationErrorException' || name === 'ExpiredTokenException')
        return true;
    return (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .isTransient */ .dg)(error);
}
function hintFor(error) {
    const name = error?.name;
    if (name === 'AccessDenied' || name === 'AccessDeniedException' || name === 'IDPRejectedClaimException') {
        return ' (check the role trust policy: Federated principal token.actions.githubusercontent.com, aud sts.amazonaws.com, and a sub condition matching this repository, branch or environment)';
    }
    if (name === 'InvalidIdentityTokenException') {
        return ' (is the OIDC identity provider token.actions.githubusercontent.com registered in IAM of the role account, with audience sts.amazonaws.com?)';
    }
    return '';
}
function toSessionCredentials(roleArn, out) {
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !(c.Expiration instanceof Date)) {
        throw new Error(`STS answered AssumeRoleWithWebIdentity for ${roleArn} without complete credentials`);
    }
    return {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration,
    };
}
/**
 * A credential provider for SDK clients: each refresh fetches a new GitHub ID token and calls
 * AssumeRoleWithWebIdentity. Throws a UserError at once when the job has no id-token permission.
 */
function oidcCredentialProvider(opts) {
    const roleArn = validateRoleArn(opts.roleArn);
    const sessionName = validateRoleSessionName(opts.sessionName);
    const durationSeconds = opts.durationSeconds ?? DEFAULT_SESSION_SECONDS;
    if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 43200) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`role session duration must be 900 to 43200 seconds, got ${durationSeconds}`);
    }
    assertIdTokenAvailable(opts.env ?? process.env);
    const audience = opts.audience ?? OIDC_AUDIENCE;
    const sts = opts.sts ??
        new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_3__/* .STSClient */ .iM({
            region: opts.region,
            customUserAgent: _clients_js__WEBPACK_IMPORTED_MODULE_1__/* .USER_AGENT */ ._O,
            ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
        });
    const assumeOnce = async () => {
        let token;
        try {
            token = await opts.getIdToken(audience);
        }
        catch (error) {
            if (/ACTIONS_ID_TOKEN_REQUEST_(URL|TOKEN)/.test((0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error))) {
                assertIdTokenAvailable({});
            }
            throw new IdTokenError(`could not get a GitHub ID token: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}`, { cause: error });
        }
        const out = await sts.send(new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_3__/* .AssumeRoleWithWebIdentityCommand */ .WH({
            RoleArn: roleArn,
            RoleSessionName: sessionName,
            WebIdentityToken: token,
            DurationSeconds: durationSeconds,
        }));
        const credentials = toSessionCredentials(roleArn, out);
        opts.onCredentials?.(credentials);
        return credentials;
    };
    const fetch = async () => {
        try {
            return await (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .withRetry */ .bD)(assumeOnce, {
                isRetryable: isRetryableAssumeError,
                maxAttempts: opts.maxAttempts ?? 5,
                baseMs: 200,
                maxMs: 5_000,
                sleep: opts.sleep ?? _retry_js__WEBPACK_IMPORTED_MODULE_2__/* .sleep */ .yy,
                ...(opts.random ? { random: opts.random } : {}),
                ...(opts.onRetry ? { onRetry: opts.onRetry } : {}),
            });
        }
        catch (error) {
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo)
                throw error;
            const message = `Could not assume role ${roleArn} with GitHub OIDC: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}${hintFor(error)}`;
            // Configuration faults are the user's to fix; what survived the retries is an outage.
            if (isRetryableAssumeError(error))
                throw new Error(message, { cause: error });
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(message, undefined, { cause: error });
        }
    };
    return memoizeCredentials(fetch, {
        refreshWindowMs: opts.refreshWindowMs ?? DEFAULT_REFRESH_WINDOW_MS,
        now: opts.now ?? (() => Date.now()),
    });
}
/** Who the credentials are, checked against the plan's `accountId` guard when there is one. */
async function checkAccount(sts, expected) {
    let identity;
    try {
        identity = await sts.send(new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_3__/* .GetCallerIdentityCommand */ .zI({}));
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo)
            throw error;
        throw new Error(`Could not identify the AWS credentials (sts:GetCallerIdentity): ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error)}`, {
            cause: error,
        });
    }
    const accountId = identity.Account ?? '';
    const arn = identity.Arn ?? '';
    if (!/^\d{12}$/.test(accountId)) {
        throw new Error(`sts:GetCallerIdentity returned no valid account id (got "${accountId}")`);
    }
    if (expected !== undefined && expected !== accountId) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`plan accountId ${expected} does not match the credentials' account ${accountId}: refusing to run`);
    }
    return { accountId, arn };
}


/***/ }),

/***/ 22495:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E2: () => (/* binding */ isThrottling),
/* harmony export */   Q4: () => (/* binding */ backoffDelayMs),
/* harmony export */   T0: () => (/* binding */ isServerBusy),
/* harmony export */   Vs: () => (/* binding */ retryAfterMs),
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   dg: () => (/* binding */ isTransient),
/* harmony export */   dh: () => (/* binding */ isConflict),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
/**
 * Our own retry on top of the SDK's: the SDK gives up after `maxAttempts` and ignores a numeric
 * `Retry-After` (middleware-retry reads it as an epoch date, drs-facts §1.5), so callers that must
 * survive throttling and 5xx (the poller, the credential provider) wrap calls in `withRetry`.
 */
const DEFAULT_MAX_RETRY_AFTER_MS = 300_000;
/** Codes of throttling errors across DRS, EC2 (query protocol) and STS. */
const THROTTLING_NAMES = new Set([
    'ThrottlingException',
    'Throttling',
    'ThrottledException',
    'TooManyRequestsException',
    'RequestLimitExceeded',
    'RequestThrottled',
    'RequestThrottledException',
    'SlowDown',
    'EC2ThrottledException',
    'BandwidthLimitExceeded',
    'PriorRequestNotComplete',
]);
/** Server-side or network failures that a later attempt may not meet. */
const TRANSIENT_NAMES = new Set([
    'InternalServerException',
    'InternalServerError',
    'InternalError',
    'InternalFailure',
    'ServiceUnavailable',
    'ServiceUnavailableException',
    'Unavailable',
    'RequestTimeout',
    'RequestTimeoutException',
    'TimeoutError',
]);
/** Node socket error codes that mean the connection, not the request, failed. */
const NETWORK_CODES = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'EPIPE',
    'ETIMEDOUT',
    'EAI_AGAIN',
    'ENOTFOUND',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
]);
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);
function fields(error) {
    return typeof error === 'object' && error !== null ? error : {};
}
function httpStatus(error) {
    const status = fields(error).$metadata?.httpStatusCode;
    return typeof status === 'number' ? status : undefined;
}
function nameOf(error) {
    const name = fields(error).name;
    return typeof name === 'string' ? name : undefined;
}
function isThrottling(error) {
    const name = nameOf(error);
    if (name !== undefined && THROTTLING_NAMES.has(name))
        return true;
    if (fields(error).$retryable?.throttling === true)
        return true;
    return httpStatus(error) === 429;
}
function isNetworkFailure(error, depth = 0) {
    const { code, cause } = fields(error);
    if (typeof code === 'string' && NETWORK_CODES.has(code))
        return true;
    // fetch/undici and the SDK wrap socket errors; look one or two causes deep.
    return depth < 2 && cause !== undefined && isNetworkFailure(cause, depth + 1);
}
/** Throttling, 5xx, timeouts and dropped connections: worth retrying with backoff. */
function isTransient(error) {
    if (isThrottling(error))
        return true;
    const name = nameOf(error);
    if (name !== undefined && TRANSIENT_NAMES.has(name))
        return true;
    const status = httpStatus(error);
    if (status !== undefined && TRANSIENT_STATUS.has(status))
        return true;
    return isNetworkFailure(error);
}
/** DRS answers ConflictException (409) when a source server is already in an active job. */
function isConflict(error) {
    return nameOf(error) === 'ConflictException' || httpStatus(error) === 409;
}
/**
 * The one ConflictException worth waiting for: a source server still in another job, which DRS words
 * as "currently being processed by a Job". Any other conflict will not pass by waiting.
 */
function isServerBusy(error) {
    const message = error?.message;
    return (isConflict(error) && typeof message === 'string' && /currently being processed by a job/i.test(message));
}
function secondsToMs(value) {
    // Number('') is 0: an empty header is no hint, not "retry now".
    if (typeof value === 'string' && value.trim() === '')
        return undefined;
    const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
    return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : undefined;
}
function headerValue(headers, name) {
    if (!headers)
        return undefined;
    for (const [key, value] of Object.entries(headers)) {
        if (key.toLowerCase() === name && typeof value === 'string')
            return value;
    }
    return undefined;
}
/**
 * How long the server asked us to wait, in ms: DRS's `retryAfterSeconds` (a string on
 * ThrottlingException, a number on InternalServerException), else a raw `Retry-After` header
 * (seconds or an HTTP date). Undefined when the error carries no hint.
 */
function retryAfterMs(error, now = () => Date.now()) {
    const { retryAfterSeconds, $response } = fields(error);
    const fromMember = secondsToMs(retryAfterSeconds);
    if (fromMember !== undefined)
        return fromMember;
    const header = headerValue($response?.headers, 'retry-after');
    if (header === undefined)
        return undefined;
    const fromSeconds = secondsToMs(header);
    if (fromSeconds !== undefined)
        return fromSeconds;
    const date = Date.parse(header);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}
/** Full jitter: uniform in [0, min(maxMs, baseMs * 2^(attempt-1))). */
function backoffDelayMs(attempt, opts) {
    const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
    return Math.floor((opts.random ?? Math.random)() * ceiling);
}
/** Runs `fn` until it succeeds, fails with a non-retryable error, or `maxAttempts` is spent. */
async function withRetry(fn, opts) {
    const maxAttempts = Math.max(1, Math.floor(opts.maxAttempts));
    for (let attempt = 1;; attempt++) {
        try {
            return await fn();
        }
        catch (error) {
            if (attempt >= maxAttempts || !opts.isRetryable(error))
                throw error;
            const hint = retryAfterMs(error);
            const jitter = backoffDelayMs(attempt, opts);
            const delayMs = hint === undefined
                ? jitter
                : Math.max(jitter, Math.min(hint, opts.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS));
            opts.onRetry?.(error, attempt, delayMs);
            await opts.sleep(delayMs);
        }
    }
}
/** Real sleep, for production callers. */
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}


/***/ }),

/***/ 32355:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ retryingEc2),
/* harmony export */   o: () => (/* binding */ retryingDrs)
/* harmony export */ });
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22495);

/** Calls that may be repeated without harm: reads, UpdateLaunchConfiguration, token-guarded template writes, tags. */
const DRS_IDEMPOTENT = [
    'describeAllSourceServers',
    'describeJobs',
    'describeJobsSince',
    'describeJobLogItems',
    'describeRecoveryInstances',
    'describeRecoverySnapshots',
    'getLaunchConfiguration',
    'updateLaunchConfiguration',
];
const EC2_IDEMPOTENT = [
    'describeInstances',
    'describeInstanceStatus',
    'createTags',
    'describeDefaultLaunchTemplateVersion',
    'updateLaunchTemplate',
    'describeSubnets',
    'describeSecurityGroups',
];
function wrap(gateway, names, opts) {
    const retried = new Map();
    for (const name of names) {
        const original = gateway[name];
        if (typeof original !== 'function')
            continue;
        retried.set(name, (...args) => (0,_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .withRetry */ .bD)(() => original.apply(gateway, args), {
            isRetryable: (e) => (0,_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .isTransient */ .dg)(e) || (0,_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .isThrottling */ .E2)(e),
            maxAttempts: opts.maxAttempts ?? 8,
            baseMs: 1000,
            maxMs: 20_000,
            sleep: opts.sleep,
            ...(opts.random ? { random: opts.random } : {}),
            onRetry: (e, attempt) => opts.onRetry?.(name, e, attempt),
        }));
    }
    // Everything else (serverTime, the non-idempotent writes) reaches the gateway itself, bound to it.
    return new Proxy(gateway, {
        get(target, prop, receiver) {
            const own = retried.get(prop);
            if (own)
                return own;
            const value = Reflect.get(target, prop, receiver);
            return typeof value === 'function' ? value.bind(target) : value;
        },
    });
}
function retryingDrs(drs, opts) {
    return wrap(drs, DRS_IDEMPOTENT, opts);
}
function retryingEc2(ec2, opts) {
    return wrap(ec2, EC2_IDEMPOTENT, opts);
}


/***/ }),

/***/ 80234:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BW: () => (/* binding */ cleanupScope),
/* harmony export */   BX: () => (/* binding */ terminateDrillInstances),
/* harmony export */   J9: () => (/* binding */ selectDrillInstancesForCleanup),
/* harmony export */   Th: () => (/* binding */ cleanupEntry),
/* harmony export */   Wo: () => (/* binding */ cleanupDrillInstances)
/* harmony export */ });
/* unused harmony exports cleanupSkipReason, scopeOfReport, LAUNCH_WAIT_MS */
/* harmony import */ var _aws_retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22495);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _quotas_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(47401);



function skipped(policy, reason) {
    return { policy, status: 'skipped', reason, terminateJobIds: [], instances: [] };
}
/** Why cleanup does not run for this report, or undefined when it should. */
function cleanupSkipReason(report, policy) {
    if (!report.isDrill || report.mode === 'recovery')
        return 'a recovery never cleans up its instances';
    if (policy === 'never')
        return 'cleanup is "never": the drill instances are left running';
    if (policy === 'on-success' && report.status !== 'succeeded') {
        return `cleanup is "on-success" and the run ${report.status}: the drill instances are left for inspection`;
    }
    return undefined;
}
/** The scope of a run's own report: its jobs, their servers, and the instances it saw. */
function scopeOfReport(report) {
    const servers = report.waves.flatMap((w) => w.servers);
    return {
        jobIds: [...new Set(report.waves.flatMap((w) => w.jobs.map((j) => j.jobId)))],
        sourceServerIds: [
            ...new Set([
                ...report.waves.flatMap((w) => w.jobs.flatMap((j) => j.sourceServerIds)),
                ...servers.filter((s) => s.jobId).map((s) => s.sourceServerId),
            ]),
        ],
        seen: servers.flatMap((s) => s.recoveryInstanceId || s.ec2InstanceId
            ? [
                {
                    sourceServerId: s.sourceServerId,
                    ...(s.recoveryInstanceId ? { recoveryInstanceId: s.recoveryInstanceId } : {}),
                    ...(s.ec2InstanceId ? { ec2InstanceId: s.ec2InstanceId } : {}),
                },
            ]
            : []),
    };
}
function batches(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}
/** Reads, retried through throttling and 5xx within the cleanup's deadline. */
function read(deps, opts, fn) {
    return (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .withRetry */ .bD)(fn, {
        isRetryable: (e) => ((0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .isTransient */ .dg)(e) || (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .isThrottling */ .E2)(e)) && deps.clock.now() < opts.deadline,
        maxAttempts: 6,
        baseMs: 1000,
        maxMs: 15_000,
        sleep: (ms) => deps.clock.sleep(ms),
    });
}
function readRecoveryInstances(deps, sourceServerIds, opts) {
    return read(deps, opts, () => deps.drs.describeRecoveryInstances(sourceServerIds ? { sourceServerIds: [...sourceServerIds] } : {}));
}
/** Polls `jobIds` until every one is COMPLETED or the deadline comes; returns what was last seen. */
async function waitForJobs(deps, jobIds, opts, initial = new Map()) {
    const seen = new Map(initial);
    while (jobIds.some((id) => seen.get(id)?.status !== 'COMPLETED')) {
        if (deps.clock.now() >= opts.deadline)
            break;
        await deps.clock.sleep(Math.min(opts.pollIntervalMs ?? 5000, Math.max(0, opts.deadline - deps.clock.now())));
        try {
            for (const job of await deps.drs.describeJobs([...jobIds]))
                if (job.jobID)
                    seen.set(job.jobID, job);
        }
        catch (e) {
            deps.log.warning(`Reading the DRS jobs failed, trying again: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e)}`);
        }
    }
    return seen;
}
/** One line of the cleanup's instance list. */
function cleanupEntry(ri, result) {
    return {
        recoveryInstanceId: ri.recoveryInstanceID ?? '',
        ...(ri.ec2InstanceID ? { ec2InstanceId: ri.ec2InstanceID } : {}),
        ...(ri.sourceServerID ? { sourceServerId: ri.sourceServerID } : {}),
        result,
    };
}
const GONE_EC2_STATES = new Set(['terminated', 'shutting-down']);
/**
 * Instances the run saw launched that DRS no longer lists: gone when EC2 says so (or does not know
 * the id), otherwise still running and left behind, which the report must say.
 */
async function checkUnlisted(deps, unlisted, opts) {
    const ec2Ids = unlisted.flatMap((u) => (u.ec2InstanceId ? [u.ec2InstanceId] : []));
    let states;
    if (deps.ec2 && ec2Ids.length > 0) {
        try {
            const found = await read(deps, opts, () => deps.ec2.describeInstances(ec2Ids));
            states = new Map(found.map((i) => [i.InstanceId ?? '', i.State?.Name ?? 'unknown']));
        }
        catch (e) {
            deps.log.warning(`Could not check the EC2 state of instances DRS no longer lists: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e)}`);
        }
    }
    return unlisted.map((u) => {
        const state = u.ec2InstanceId ? states?.get(u.ec2InstanceId) : undefined;
        const base = {
            recoveryInstanceId: u.recoveryInstanceId ?? u.ec2InstanceId ?? '',
            ...(u.ec2InstanceId ? { ec2InstanceId: u.ec2InstanceId } : {}),
            sourceServerId: u.sourceServerId,
        };
        if (!states || !u.ec2InstanceId)
            return {
                ...base,
                result: 'not found in DRS any more (already terminated, or replaced by a later launch?)',
            };
        if (state === undefined || GONE_EC2_STATES.has(state))
            return { ...base, result: `already gone: DRS no longer lists it and EC2 says ${state ?? 'not found'}` };
        return {
            ...base,
            result: `LEFT RUNNING: DRS no longer tracks it but EC2 instance ${u.ec2InstanceId} is ${state}; terminate it by hand`,
        };
    });
}
/**
 * Terminates drill recovery instances already chosen by the caller, waits for the TERMINATE jobs
 * within the deadline, and verifies the result from DRS's recovery instances (a COMPLETED TERMINATE
 * job may list no servers at all). Never throws for an AWS failure.
 */
async function terminateDrillInstances(deps, chosen, opts) {
    const entries = chosen.map((ri) => cleanupEntry(ri, ''));
    if (opts.dryRun) {
        for (const entry of entries)
            entry.result = 'would terminate';
        return { terminateJobIds: [], instances: entries, allGone: true };
    }
    const terminateJobIds = [];
    const requested = [];
    for (const batch of batches(entries, _quotas_js__WEBPACK_IMPORTED_MODULE_2__/* .DRS_BATCH */ .TA.terminateRecoveryInstancesIds)) {
        try {
            const job = await (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .withRetry */ .bD)(() => deps.drs.terminateRecoveryInstances(batch.map((e) => e.recoveryInstanceId)), {
                isRetryable: (e) => (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .isTransient */ .dg)(e) || (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .isThrottling */ .E2)(e) || (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .isServerBusy */ .T0)(e),
                maxAttempts: 4,
                baseMs: 2000,
                maxMs: 20_000,
                sleep: (ms) => deps.clock.sleep(ms),
            });
            if (job.jobID)
                terminateJobIds.push(job.jobID);
            requested.push(...batch);
            deps.log.info(`Cleanup: terminating ${batch.length} drill instance(s) in DRS job ${job.jobID ?? '?'}`);
        }
        catch (e) {
            for (const entry of batch)
                entry.result = `terminate request failed: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e)}`;
        }
    }
    const jobs = await waitForJobs(deps, terminateJobIds, opts);
    const running = terminateJobIds.filter((id) => jobs.get(id)?.status !== 'COMPLETED');
    let after;
    try {
        const servers = [...new Set(requested.flatMap((e) => (e.sourceServerId ? [e.sourceServerId] : [])))];
        const listed = requested.length === 0 ? [] : await readRecoveryInstances(deps, servers, opts);
        after = new Map(listed.map((ri) => [ri.recoveryInstanceID ?? '', ri]));
    }
    catch (e) {
        deps.log.warning(`Could not read the recovery instances back after terminating: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e)}`);
    }
    for (const entry of requested) {
        const ri = after?.get(entry.recoveryInstanceId);
        if (after && (!ri || ri.ec2InstanceState === 'TERMINATED'))
            entry.result = 'terminated';
        else if (running.length > 0)
            entry.result = `terminating (job ${running.join(', ')} still running)`;
        else if (!after)
            entry.result = 'terminate requested; the result could not be read back';
        else
            entry.result = `failed to terminate (EC2 state ${ri?.ec2InstanceState ?? 'unknown'})`;
    }
    return { terminateJobIds, instances: entries, allGone: entries.every((e) => e.result === 'terminated') };
}
/** How long cleanup waits for the run's launch jobs still running (the issue's cleanup budget). */
const LAUNCH_WAIT_MS = 15 * 60_000;
/** Launch jobs of the scope still running: their instances appear later, so cleanup waits (bounded). */
async function settleLaunchJobs(deps, jobIds, opts) {
    if (jobIds.length === 0)
        return [];
    let first;
    try {
        first = await read(deps, opts, () => deps.drs.describeJobs([...jobIds]));
    }
    catch (e) {
        deps.log.warning(`Could not read the run's DRS jobs before cleaning up: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e)}`);
        return [];
    }
    const initial = new Map(first.flatMap((j) => (j.jobID ? [[j.jobID, j]] : [])));
    const active = jobIds.filter((id) => initial.has(id) && initial.get(id)?.status !== 'COMPLETED');
    if (active.length === 0)
        return [];
    deps.log.info(`Cleanup: waiting for ${active.length} DRS job(s) still launching: ${active.join(', ')}`);
    const seen = await waitForJobs(deps, active, opts, initial);
    return active.filter((id) => seen.get(id)?.status !== 'COMPLETED');
}
/**
 * Terminates every drill instance a run's jobs launched: waits (within the deadline) for launch jobs
 * still running, finds the instances by source server and job id (DRS may never name them in the job),
 * terminates only those DRS marks `isDrill` and that one of the run's jobs created, and checks the ones
 * the run saw that DRS no longer lists. Never throws for an AWS failure.
 */
async function cleanupScope(deps, scope, opts) {
    const result = {
        policy: opts.policy,
        status: 'succeeded',
        terminateJobIds: [],
        instances: [],
    };
    if (scope.jobIds.length === 0)
        return { ...result, reason: 'this run started no DRS job' };
    // Launch jobs get at most LAUNCH_WAIT_MS, and never the time the terminations need.
    const now = deps.clock.now();
    const settleBy = Math.min(now + LAUNCH_WAIT_MS, opts.deadline - Math.min(5 * 60_000, (opts.deadline - now) / 2));
    const stillLaunching = opts.dryRun
        ? []
        : await settleLaunchJobs(deps, scope.jobIds, { ...opts, deadline: settleBy });
    const runJobIds = new Set(scope.jobIds);
    let found;
    try {
        found = await readRecoveryInstances(deps, scope.sourceServerIds, opts);
    }
    catch (e) {
        return {
            ...result,
            status: 'failed',
            reason: `could not read the recovery instances: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e)}`,
        };
    }
    const ofRun = found.filter((ri) => ri.jobID !== undefined && runJobIds.has(ri.jobID));
    const chosen = [];
    for (const ri of ofRun) {
        if (ri.isDrill !== true)
            result.instances.push(cleanupEntry(ri, 'left alone: DRS does not mark it as a drill instance'));
        else if (ri.ec2InstanceState === 'TERMINATED')
            result.instances.push(cleanupEntry(ri, 'already terminated'));
        else
            chosen.push(ri);
    }
    const listed = new Set(ofRun.flatMap((ri) => [ri.recoveryInstanceID, ri.ec2InstanceID]));
    const unlisted = (scope.seen ?? []).filter((s) => !listed.has(s.recoveryInstanceId) && !listed.has(s.ec2InstanceId));
    const checked = await checkUnlisted(deps, unlisted, opts);
    const terminated = await terminateDrillInstances(deps, chosen, opts);
    result.terminateJobIds = terminated.terminateJobIds;
    result.instances.push(...terminated.instances, ...checked);
    if (opts.dryRun)
        return { ...result, status: 'dry-run' };
    const leftRunning = checked.filter((c) => c.result.startsWith('LEFT RUNNING'));
    const problems = [
        ...(terminated.allGone
            ? []
            : ['some drill instances were not confirmed terminated; see the instance list']),
        ...(leftRunning.length > 0
            ? [`${leftRunning.length} instance(s) DRS no longer tracks are still running`]
            : []),
        ...(stillLaunching.length > 0
            ? [
                `DRS job(s) ${stillLaunching.join(', ')} were still launching when cleanup ran out of time: ` +
                    'instances they launch later are left to the post step and to mode: cleanup',
            ]
            : []),
    ];
    if (problems.length > 0)
        return { ...result, status: 'failed', reason: problems.join('; ') };
    if (chosen.length === 0 && result.instances.length === 0)
        return { ...result, reason: 'no drill instance of this run was found in DRS' };
    return result;
}
/** Terminate this run's drill instances per the cleanup policy. Never throws for an AWS failure. */
async function cleanupDrillInstances(deps, report, opts) {
    const reason = cleanupSkipReason(report, opts.policy);
    if (reason)
        return skipped(opts.policy, reason);
    return cleanupScope(deps, scopeOfReport(report), opts);
}
/**
 * For the cleanup mode: the drill instances of the given source servers, optionally only those older
 * than `olderThanSeconds`. Age is taken from `launchTimes` (EC2 LaunchTime by ec2InstanceId) when
 * given; without a launch time an age filter keeps the instance out (never terminate on a guess).
 */
function selectDrillInstancesForCleanup(instances, opts) {
    const now = Date.parse(opts.now);
    return instances.filter((ri) => {
        if (ri.isDrill !== true)
            return false;
        if (!ri.sourceServerID || !opts.sourceServerIds.has(ri.sourceServerID))
            return false;
        if (opts.olderThanSeconds === undefined)
            return true;
        const launchedAt = ri.ec2InstanceID ? opts.launchTimes?.get(ri.ec2InstanceID) : undefined;
        if (launchedAt === undefined)
            return false;
        return now - Date.parse(launchedAt) >= opts.olderThanSeconds * 1000;
    });
}


/***/ }),

/***/ 86122:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OW: () => (/* binding */ indexRecoveryInstances),
/* harmony export */   Ys: () => (/* binding */ resolveLaunchedInstance),
/* harmony export */   lV: () => (/* binding */ recoveryInstanceOfJob),
/* harmony export */   lx: () => (/* binding */ appearsLaunched),
/* harmony export */   mU: () => (/* binding */ launchEnds)
/* harmony export */ });
/* harmony import */ var _report_durations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39523);

/**
 * Per source server, the instance id its latest `LAUNCH_END` names (DRS sends the EC2 id there), or
 * undefined for a `LAUNCH_END` without one. A server absent from the map has no `LAUNCH_END`. Read once
 * per job-log read, so resolution does not rescan the log for every server on every tick.
 */
function launchEnds(logs) {
    const ends = new Map();
    for (const item of logs) {
        const sourceServerId = item.eventData?.sourceServerID;
        // Not in the model's JobLogEvent enum: the SDK passes it through as a plain string.
        if (item.event !== 'LAUNCH_END' || !sourceServerId)
            continue;
        const id = item.eventData?.targetInstanceID || undefined;
        const at = (0,_report_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .parseInstant */ .nV)(item.logDateTime) ?? Number.NEGATIVE_INFINITY;
        const before = ends.get(sourceServerId);
        // A duplicated or re-ordered page must not swap the id: the latest event with an id wins.
        if (!before || (id !== undefined && (before.id === undefined || at > before.at)))
            ends.set(sourceServerId, { ...(id ? { id } : {}), at });
    }
    return new Map([...ends].map(([sourceServerId, end]) => [sourceServerId, end.id]));
}
/**
 * Whether DRS says the server was launched: `launchStatus: LAUNCHED`, or a `LAUNCH_END` event for it
 * (the job view may still say PENDING, or may have dropped the server, when the log already has it).
 */
function appearsLaunched(participant, ends, sourceServerId) {
    return participant?.launchStatus === 'LAUNCHED' || ends.has(sourceServerId);
}
function indexRecoveryInstances(instances) {
    const index = new Map();
    for (const ri of instances) {
        if (!ri.sourceServerID)
            continue;
        const list = index.get(ri.sourceServerID) ?? [];
        const at = list.findIndex((x) => x.recoveryInstanceID === ri.recoveryInstanceID);
        if (at >= 0)
            list[at] = ri;
        else
            list.push(ri);
        index.set(ri.sourceServerID, list);
    }
    return index;
}
/**
 * The recovery instance `jobId` created for `sourceServerId`. Another run's instance of the same server
 * (another jobID) never matches. When DRS named the instance (job view or LAUNCH_END), that one is
 * preferred among the job's instances.
 */
function recoveryInstanceOfJob(index, jobId, sourceServerId, named = []) {
    const ofJob = (index.get(sourceServerId) ?? []).filter((ri) => ri.jobID === jobId);
    const ids = named.filter((x) => !!x);
    return (ofJob.find((ri) => ids.some((id) => id === ri.recoveryInstanceID || id === ri.ec2InstanceID)) ??
        // Without a name, one instance per job and server is what DRS makes; with several, none is a guess
        // worth putting in the evidence.
        (ofJob.length === 1 ? ofJob[0] : undefined));
}
/** Every source combined: the recovery instance wins over the log, the log over nothing. */
function resolveLaunchedInstance(input) {
    const fromJob = input.participant?.recoveryInstanceID || undefined;
    const fromLog = input.ends.get(input.sourceServerId);
    const ri = recoveryInstanceOfJob(input.recoveryInstances, input.jobId, input.sourceServerId, [
        fromJob,
        fromLog,
    ]);
    const recoveryInstanceId = ri?.recoveryInstanceID ?? fromJob;
    const ec2InstanceId = ri?.ec2InstanceID ?? fromLog;
    return {
        ...(recoveryInstanceId ? { recoveryInstanceId } : {}),
        ...(ec2InstanceId ? { ec2InstanceId } : {}),
        ...(ri ? { recoveryInstance: ri } : {}),
    };
}


/***/ }),

/***/ 16778:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GQ: () => (/* binding */ repairLaunchConfigurations),
/* harmony export */   Jh: () => (/* binding */ templateSubnetId),
/* harmony export */   KC: () => (/* binding */ instanceLevelGroupsBlockSubnet),
/* harmony export */   eP: () => (/* binding */ templateSecurityGroupIds),
/* harmony export */   fD: () => (/* binding */ LaunchConfigRepairError),
/* harmony export */   lu: () => (/* binding */ diffAll)
/* harmony export */ });
/* unused harmony exports primaryInterface, instanceProfileName, diffLaunchConfiguration, diffLaunchTemplate, templatePrivateIp, diffPrivateIp, launchConfigurationUpdate, launchTemplateChange, templateClientToken */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var p_limit__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(70370);
/* harmony import */ var _aws_retrying_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(32355);
/**
 * Launch-configuration drift: what the plan wants (`launch`, `template`) against what DRS and the EC2
 * launch template hold, and the repair that writes only the difference.
 */



/** The primary network interface of a template version: DeviceIndex 0 on card 0, else the first. */
function primaryInterface(version) {
    const interfaces = version.LaunchTemplateData?.NetworkInterfaces ?? [];
    return (interfaces.find((ni) => (ni.DeviceIndex ?? 0) === 0 && (ni.NetworkCardIndex ?? 0) === 0) ?? interfaces[0]);
}
/**
 * A version made from `source` inherits its instance-level security groups, and the SDK sends no empty
 * list that could clear them; EC2 refuses those next to a network interface. So a subnet (which only a
 * network interface can carry) cannot be added to such a template by a new version.
 */
function instanceLevelGroupsBlockSubnet(source) {
    const data = source.LaunchTemplateData ?? {};
    const groups = (data.SecurityGroupIds ?? []).length + (data.SecurityGroups ?? []).length;
    return groups > 0 && (data.NetworkInterfaces ?? []).length === 0;
}
/** The subnet a template version launches into (primary interface). */
function templateSubnetId(version) {
    return primaryInterface(version)?.SubnetId;
}
/** The security groups of a template version: on the primary interface, else at instance level. */
function templateSecurityGroupIds(version) {
    return primaryInterface(version)?.Groups ?? version.LaunchTemplateData?.SecurityGroupIds;
}
/** `arn:aws:iam::123456789012:instance-profile/path/name` → `name`; a plain name stays as it is. */
function instanceProfileName(nameOrArn) {
    if (!nameOrArn.startsWith('arn:'))
        return nameOrArn;
    const resource = nameOrArn.split(':').slice(5).join(':');
    return resource.split('/').pop() ?? resource;
}
function sameSet(a, b) {
    const left = new Set(a ?? []);
    const right = new Set(b);
    return left.size === right.size && [...left].every((x) => right.has(x));
}
/** Drifted DRS launch-configuration fields; only the fields the plan sets are compared. */
function diffLaunchConfiguration(desired, actual) {
    const pairs = [
        ['copyPrivateIp', desired.copyPrivateIp, actual.copyPrivateIp],
        ['copyTags', desired.copyTags, actual.copyTags],
        ['launchDisposition', desired.launchDisposition, actual.launchDisposition],
        ['rightSizing', desired.rightSizing, actual.targetInstanceTypeRightSizingMethod],
        ['osByol', desired.osByol, actual.licensing?.osByol],
    ];
    return pairs
        .filter(([, to, from]) => to !== undefined && to !== from)
        .map(([field, to, from]) => ({ target: 'launch', field, from: from ?? null, to }));
}
/** Drifted template fields; security groups compare as sets, the instance profile by name or ARN. */
function diffLaunchTemplate(desired, actual) {
    const changes = [];
    const data = actual.LaunchTemplateData ?? {};
    const subnetId = templateSubnetId(actual);
    if (desired.subnetId !== undefined && desired.subnetId !== subnetId) {
        changes.push({ target: 'template', field: 'subnetId', from: subnetId ?? null, to: desired.subnetId });
    }
    const groups = templateSecurityGroupIds(actual);
    if (desired.securityGroupIds !== undefined && !sameSet(groups, desired.securityGroupIds)) {
        changes.push({
            target: 'template',
            field: 'securityGroupIds',
            from: groups ?? null,
            to: desired.securityGroupIds,
        });
    }
    if (desired.instanceType !== undefined && desired.instanceType !== data.InstanceType) {
        changes.push({
            target: 'template',
            field: 'instanceType',
            from: data.InstanceType ?? null,
            to: desired.instanceType,
        });
    }
    if (desired.instanceProfile !== undefined) {
        const profile = data.IamInstanceProfile;
        const current = profile?.Arn ?? profile?.Name;
        const same = desired.instanceProfile.startsWith('arn:')
            ? profile?.Arn !== undefined
                ? profile.Arn === desired.instanceProfile
                : profile?.Name === instanceProfileName(desired.instanceProfile)
            : (profile?.Name ?? (profile?.Arn ? instanceProfileName(profile.Arn) : undefined)) ===
                desired.instanceProfile;
        if (!same)
            changes.push({
                target: 'template',
                field: 'instanceProfile',
                from: current ?? null,
                to: desired.instanceProfile,
            });
    }
    return changes;
}
/** The private address(es) a template version's primary interface pins, if any. */
function templatePrivateIp(version) {
    const ni = primaryInterface(version);
    const listed = (ni?.PrivateIpAddresses ?? []).flatMap((a) => a.PrivateIpAddress ? [a.PrivateIpAddress] : []);
    return ni?.PrivateIpAddress ?? (listed.length > 0 ? listed.join(', ') : undefined);
}
/**
 * A plan that turns DRS's "copy private IP" off must not launch with the address the template still
 * pins (DRS writes the copied address into the template, and may not take it out again): the address
 * of the source server could clash with the source network. Only when the plan says copyPrivateIp:
 * false; a template address the plan does not speak about is left alone.
 */
function diffPrivateIp(desired, actual) {
    if (desired.copyPrivateIp !== false)
        return [];
    const ip = templatePrivateIp(actual);
    return ip === undefined ? [] : [{ target: 'template', field: 'privateIp', from: ip, to: null }];
}
/** Every difference between the plan and what DRS and the template hold now. */
function diffAll(desired, launchConfig, template) {
    return [
        ...diffLaunchConfiguration(desired.launch, launchConfig),
        ...(template
            ? [...diffLaunchTemplate(desired.template, template), ...diffPrivateIp(desired.launch, template)]
            : []),
    ];
}
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
    return `drs-drill-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(canonical).digest('hex')}`;
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
    let written = false;
    if (launch.length > 0 || planned.length > 0) {
        const source = launch.length > 0 || drift.templateVersion === undefined
            ? await deps.ec2.describeDefaultLaunchTemplateVersion(launchTemplateId)
            : undefined;
        const sourceVersion = source?.VersionNumber ?? drift.templateVersion;
        const template = source
            ? [
                ...diffLaunchTemplate(drift.desired.template, source),
                ...diffPrivateIp(drift.desired.launch, source),
            ]
            : planned;
        if (template.length > 0) {
            if (sourceVersion === undefined)
                throw new Error(`launch template ${launchTemplateId} has no default version number`);
            const change = launchTemplateChange(template);
            const token = templateClientToken(opts.executionId, drift.sourceServerId, launchTemplateId, sourceVersion, change);
            const version = await deps.ec2.updateLaunchTemplate(launchTemplateId, sourceVersion, change, token);
            out.push(...record(drift, template, true, version));
            written = true;
        }
    }
    const launchConfig = await deps.drs.getLaunchConfiguration(drift.sourceServerId);
    const template = templateMatters(drift.desired, written)
        ? await deps.ec2.describeDefaultLaunchTemplateVersion(launchConfig.ec2LaunchTemplateID ?? launchTemplateId)
        : undefined;
    const left = diffAll(drift.desired, launchConfig, template);
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
    // Every call here is a read or an idempotent write (the template's client token): retried through
    // throttling and 5xx on the run's clock.
    const clock = gateways.clock;
    const deps = clock
        ? {
            drs: (0,_aws_retrying_js__WEBPACK_IMPORTED_MODULE_1__/* .retryingDrs */ .o)(gateways.drs, { sleep: (ms) => clock.sleep(ms) }),
            ec2: (0,_aws_retrying_js__WEBPACK_IMPORTED_MODULE_1__/* .retryingEc2 */ .N)(gateways.ec2, { sleep: (ms) => clock.sleep(ms) }),
        }
        : gateways;
    const limit = (0,p_limit__WEBPACK_IMPORTED_MODULE_2__/* ["default"] */ .A)(opts.concurrency ?? 10);
    const changes = drift.map(() => []);
    const failures = [];
    await Promise.all(drift.map((d, i) => limit(async () => {
        try {
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


/***/ }),

/***/ 74694:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   XL: () => (/* binding */ pollTick),
/* harmony export */   aI: () => (/* binding */ launchedInstance),
/* harmony export */   e1: () => (/* binding */ awsNow),
/* harmony export */   i2: () => (/* binding */ nextPollIntervalMs),
/* harmony export */   rt: () => (/* binding */ newPollState),
/* harmony export */   x1: () => (/* binding */ isLaunched)
/* harmony export */ });
/* unused harmony exports jobSignature, launchActionsRunning, rememberRecoveryInstances, BASE_INTERVAL_MS */
/* harmony import */ var _aws_retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22495);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _report_durations_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(39523);
/* harmony import */ var _instances_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(86122);




function newPollState() {
    return {
        jobs: new Map(),
        recoveryInstances: new Map(),
        instances: new Map(),
        statuses: new Map(),
        tagged: new Set(),
    };
}
/**
 * AWS's clock: the later of the two gateways' latest `Date` headers, else the injected clock. The later
 * one, because once every job is COMPLETED only EC2 is still polled (health checks): DRS's last answer
 * then lies in the past, and a health check stamped with it would shorten the measured RTO.
 */
function awsNow(deps) {
    const times = [deps.drs.serverTime(), deps.ec2.serverTime()].filter((t) => t !== undefined);
    if (times.length === 0)
        return new Date(deps.clock.now()).toISOString();
    return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}
function jobSignature(job) {
    const servers = (job.participatingServers ?? [])
        .map((s) => {
        const actions = (s.launchActionsStatus?.runs ?? []).map((r) => `${r.runId ?? ''}=${r.status ?? ''}`);
        return `${s.sourceServerID}:${s.launchStatus ?? ''}:${s.recoveryInstanceID ?? ''}:${actions.join('+')}`;
    })
        .sort();
    return `${job.status ?? ''}|${servers.join(',')}`;
}
/** Post-launch actions DRS is still running on the job's servers: their results come later. */
function launchActionsRunning(job) {
    return (job.participatingServers ?? []).some((p) => (p.launchActionsStatus?.runs ?? []).some((r) => r.status === 'IN_PROGRESS'));
}
/** Remember recovery instances read from DRS, replacing earlier reads of the same instance. */
function rememberRecoveryInstances(state, found) {
    const fresh = (0,_instances_js__WEBPACK_IMPORTED_MODULE_3__/* .indexRecoveryInstances */ .OW)(found);
    for (const [sourceServerId, list] of fresh) {
        const merged = (0,_instances_js__WEBPACK_IMPORTED_MODULE_3__/* .indexRecoveryInstances */ .OW)([...(state.recoveryInstances.get(sourceServerId) ?? []), ...list]);
        state.recoveryInstances.set(sourceServerId, merged.get(sourceServerId) ?? list);
    }
}
/** The instance a tracked job launched for one of its servers, from every source seen so far. */
function launchedInstance(state, jobId, sourceServerId) {
    const tracked = state.jobs.get(jobId);
    const participant = tracked?.job?.participatingServers?.find((p) => p.sourceServerID === sourceServerId);
    return (0,_instances_js__WEBPACK_IMPORTED_MODULE_3__/* .resolveLaunchedInstance */ .Ys)({
        jobId,
        sourceServerId,
        ...(participant ? { participant } : {}),
        ends: tracked?.launchEnds ?? new Map(),
        recoveryInstances: state.recoveryInstances,
    });
}
/** Whether DRS says the tracked job launched this server (job view or LAUNCH_END). */
function isLaunched(state, jobId, sourceServerId) {
    const tracked = state.jobs.get(jobId);
    const participant = tracked?.job?.participatingServers?.find((p) => p.sourceServerID === sourceServerId);
    return (0,_instances_js__WEBPACK_IMPORTED_MODULE_3__/* .appearsLaunched */ .lx)(participant, tracked?.launchEnds ?? new Map(), sourceServerId);
}
/** EC2 ids of every instance the tracked jobs launched, as far as known. */
function launchedEc2Ids(state) {
    const ids = [];
    for (const tracked of state.jobs.values()) {
        for (const sourceServerId of tracked.sourceServerIds) {
            const id = launchedInstance(state, tracked.jobId, sourceServerId).ec2InstanceId;
            if (id)
                ids.push(id);
        }
    }
    return ids;
}
class TickContext {
    moved = false;
    retryAfterMs;
    warnings = [];
    async read(what, fn) {
        try {
            return await fn();
        }
        catch (e) {
            if ((0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .isThrottling */ .E2)(e)) {
                const hint = (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .retryAfterMs */ .Vs)(e);
                if (hint !== undefined)
                    this.retryAfterMs = Math.max(this.retryAfterMs ?? 0, hint);
            }
            this.warnings.push(`${what} failed, trying again on the next poll: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(e)}`);
            return undefined;
        }
    }
}
async function pollJobs(deps, state, ctx) {
    const active = [...state.jobs.values()].filter((j) => !j.final);
    if (active.length === 0)
        return;
    const jobs = await ctx.read('DescribeJobs', () => deps.drs.describeJobs(active.map((j) => j.jobId)));
    for (const job of jobs ?? []) {
        const tracked = job.jobID === undefined ? undefined : state.jobs.get(job.jobID);
        if (!tracked)
            continue;
        const before = tracked.job ? jobSignature(tracked.job) : undefined;
        tracked.job = job;
        if (job.status === 'COMPLETED' && tracked.completedAt === undefined)
            tracked.completedAt = (0,_report_durations_js__WEBPACK_IMPORTED_MODULE_2__/* .toUtcIso */ .dT)(job.endDateTime) ?? deps.drs.serverTime() ?? awsNow(deps);
        const signature = jobSignature(job);
        if (signature !== before)
            ctx.moved = true;
        if (tracked.logSignature !== signature) {
            const logs = await ctx.read(`DescribeJobLogItems ${tracked.jobId}`, () => deps.drs.describeJobLogItems(tracked.jobId));
            if (logs) {
                tracked.logs = logs;
                tracked.launchEnds = (0,_instances_js__WEBPACK_IMPORTED_MODULE_3__/* .launchEnds */ .mU)(logs);
                tracked.logSignature = signature;
            }
        }
        tracked.final =
            job.status === 'COMPLETED' && tracked.logSignature === signature && !launchActionsRunning(job);
    }
}
/**
 * Recovery instances of servers DRS says were launched but whose instance of this job is not known yet:
 * looked up by source server (DRS may never put recoveryInstanceID in the job) and matched by jobID.
 */
async function pollRecoveryInstances(deps, state, ctx) {
    const wanted = new Set();
    for (const tracked of state.jobs.values()) {
        for (const sourceServerId of tracked.sourceServerIds) {
            if (!isLaunched(state, tracked.jobId, sourceServerId))
                continue;
            const ref = launchedInstance(state, tracked.jobId, sourceServerId);
            if (!ref.recoveryInstance?.ec2InstanceID)
                wanted.add(sourceServerId);
        }
    }
    if (wanted.size === 0)
        return;
    const found = await ctx.read('DescribeRecoveryInstances', () => deps.drs.describeRecoveryInstances({ sourceServerIds: [...wanted] }));
    if (!found)
        return;
    const before = new Set(launchedEc2Ids(state));
    rememberRecoveryInstances(state, found);
    if (launchedEc2Ids(state).some((id) => !before.has(id)))
        ctx.moved = true;
}
async function tagNewInstances(deps, state, ctx, tags) {
    const fresh = [...new Set(launchedEc2Ids(state))].filter((id) => !state.tagged.has(id));
    if (fresh.length === 0)
        return;
    // Tried once: a missing ec2:CreateTags must cost one warning, not one per poll.
    for (const id of fresh)
        state.tagged.add(id);
    await ctx.read('Tagging the recovery instances (ec2:CreateTags)', () => deps.ec2.createTags(fresh, tags));
}
function instanceSignature(i, s) {
    return `${i?.State?.Name ?? ''}|${s?.InstanceState?.Name ?? ''}|${s?.InstanceStatus?.Status ?? ''}|${s?.SystemStatus?.Status ?? ''}`;
}
async function pollInstances(deps, state, ctx, opts) {
    const unseen = [...new Set(launchedEc2Ids(state))].filter((id) => !state.instances.has(id));
    // DescribeInstanceStatus (IncludeAllInstances) also gives the instance state, so an instance waiting
    // for its status checks needs DescribeInstances only once, for its launch time.
    const byStatus = new Set(opts.awaitingStatusChecks);
    const describeIds = [
        ...new Set([
            ...unseen,
            ...opts.awaitingHealth.filter((id) => !byStatus.has(id) || !state.instances.has(id)),
        ]),
    ];
    if (describeIds.length > 0) {
        const instances = await ctx.read('DescribeInstances', () => deps.ec2.describeInstances(describeIds));
        for (const instance of instances ?? []) {
            if (!instance.InstanceId)
                continue;
            const id = instance.InstanceId;
            if (instanceSignature(state.instances.get(id)) !== instanceSignature(instance))
                ctx.moved = true;
            state.instances.set(id, instance);
        }
    }
    if (opts.awaitingStatusChecks.length > 0) {
        const ids = [...opts.awaitingStatusChecks];
        const statuses = await ctx.read('DescribeInstanceStatus', () => deps.ec2.describeInstanceStatus(ids));
        for (const status of statuses ?? []) {
            if (!status.InstanceId)
                continue;
            const id = status.InstanceId;
            if (instanceSignature(undefined, state.statuses.get(id)) !== instanceSignature(undefined, status)) {
                ctx.moved = true;
            }
            state.statuses.set(id, status);
            const instance = state.instances.get(id);
            if (instance && status.InstanceState && instance.State?.Name !== status.InstanceState.Name) {
                state.instances.set(id, { ...instance, State: status.InstanceState });
            }
        }
    }
}
/** One tick. Never throws for an AWS read failure: it comes back as a warning. */
async function pollTick(deps, state, opts) {
    const ctx = new TickContext();
    await pollJobs(deps, state, ctx);
    await pollRecoveryInstances(deps, state, ctx);
    await tagNewInstances(deps, state, ctx, opts.instanceTags);
    await pollInstances(deps, state, ctx, opts);
    const result = { moved: ctx.moved, warnings: ctx.warnings };
    if (ctx.retryAfterMs !== undefined)
        result.retryAfterMs = ctx.retryAfterMs;
    return result;
}
/** The shortest interval the poller uses: 2 s, or the bound if that is smaller. */
const BASE_INTERVAL_MS = 2000;
/**
 * Short after something moved, held short while a transition is expected, ×1.5 when nothing moved;
 * never above the bound, except that a throttling Retry-After is always honoured.
 */
function nextPollIntervalMs(input) {
    const base = Math.min(BASE_INTERVAL_MS, input.boundMs);
    let next;
    if (input.previousMs === undefined || input.moved)
        next = base;
    else if (input.nearTransition)
        next = Math.min(input.previousMs * 1.5, 2 * base);
    else
        next = input.previousMs * 1.5;
    next = Math.min(Math.max(next, base), input.boundMs);
    return Math.max(next, input.retryAfterMs ?? 0);
}


/***/ }),

/***/ 77940:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  hg: () => (/* binding */ runPreflight)
});

// UNUSED EXPORTS: launchFindings, parseIsoDuration, replicationFindings

// EXTERNAL MODULE: ./node_modules/p-limit/index.js + 1 modules
var p_limit = __webpack_require__(70370);
// EXTERNAL MODULE: ./src/aws/retrying.ts
var retrying = __webpack_require__(32355);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/engine/existing-instances.ts
/** EC2 states of a recovery instance that no longer runs anything worth protecting. */
const GONE = new Set(['TERMINATED', 'NOT_FOUND', 'SHUTTING-DOWN']);
function isLive(ri) {
    return !GONE.has(ri.ec2InstanceState ?? '');
}
function describe(ri) {
    const ec2 = ri.ec2InstanceID && ri.ec2InstanceID !== ri.recoveryInstanceID ? `, EC2 ${ri.ec2InstanceID}` : '';
    const state = ri.ec2InstanceState ? `, ${ri.ec2InstanceState}` : '';
    const job = ri.jobID ? `, launched by DRS job ${ri.jobID}` : '';
    return `recovery instance ${ri.recoveryInstanceID ?? '?'}${ec2}${state}${job}`;
}
/** Findings for one source server from the recovery instances DRS lists for it. */
function existingInstanceFindings(instances, opts) {
    const out = [];
    for (const ri of instances) {
        if (!isLive(ri) || (ri.jobID && opts.ownJobIds.has(ri.jobID)))
            continue;
        if (opts.mode === 'recovery') {
            if (opts.replaceRecoveryInstances) {
                out.push({
                    level: 'warning',
                    message: `has ${ri.isDrill ? 'drill' : 'live'} ${describe(ri)}; replace-recovery-instances is true, so the recovery may replace it`,
                });
            }
            else {
                out.push({
                    level: 'error',
                    message: `already has ${ri.isDrill ? 'drill' : 'a live (non-drill)'} ${describe(ri)}: a new recovery may delete it (the DRS user guide says each new recovery first deletes the previously launched instance)`,
                    fix: 'Terminate it on purpose first, or set the input replace-recovery-instances: true if replacing it is intended',
                });
            }
            continue;
        }
        if (ri.isDrill !== true) {
            out.push({
                level: opts.mode === 'validate' ? 'warning' : 'error',
                message: `has a live (non-drill) ${describe(ri)}: a real failover is running on it, and a drill may delete it (the DRS user guide says each new drill first deletes any previously launched drill or recovery instance). ${opts.mode === 'validate' ? 'A drill of this plan would be refused' : 'The drill is refused for the whole plan; nothing was written'}`,
                fix: 'Finish that recovery first (fail back, or terminate the instance on purpose), or leave this server out of the drill with the input exclude',
            });
        }
        else {
            out.push({
                level: 'warning',
                message: `has drill ${describe(ri)} from another run: DRS may replace it when this drill launches (or keep it running beside the new one)`,
                fix: 'Run mode: cleanup for old drill instances if they are not needed',
            });
        }
    }
    return out;
}

// EXTERNAL MODULE: ./src/engine/instances.ts
var instances = __webpack_require__(86122);
// EXTERNAL MODULE: ./src/engine/launch-config.ts
var launch_config = __webpack_require__(16778);
;// CONCATENATED MODULE: ./src/engine/network.ts
/** Network checks of preflight: subnet and security-group lookups, and IPv4 CIDR arithmetic for `copyPrivateIp`. */


/** The address as an unsigned 32-bit number, or undefined when it is not a dotted-quad IPv4 address. */
function parseIpv4(address) {
    const parts = address.trim().split('.');
    if (parts.length !== 4)
        return undefined;
    let value = 0;
    for (const part of parts) {
        if (!/^\d{1,3}$/.test(part))
            return undefined;
        const octet = Number(part);
        if (octet > 255)
            return undefined;
        value = value * 256 + octet;
    }
    return value;
}
/** `10.0.1.0/24` → network and prefix; undefined when malformed. Host bits set in the input are cleared. */
function parseIpv4Cidr(cidr) {
    const [address, prefix, extra] = cidr.trim().split('/');
    if (address === undefined || prefix === undefined || extra !== undefined || !/^\d{1,2}$/.test(prefix)) {
        return undefined;
    }
    const prefixLength = Number(prefix);
    const ip = parseIpv4(address);
    if (ip === undefined || prefixLength > 32)
        return undefined;
    return { network: ip - (ip % blockSize(prefixLength)), prefixLength };
}
/** Number of addresses in a block of this prefix length (2^(32-prefix)); plain arithmetic avoids signed 32-bit shifts. */
function blockSize(prefixLength) {
    return 2 ** (32 - prefixLength);
}
/** Whether `address` lies inside `cidr`. False for malformed input of either kind. */
function ipv4InCidr(address, cidr) {
    const ip = parseIpv4(address);
    const block = parseIpv4Cidr(cidr);
    if (ip === undefined || block === undefined)
        return false;
    return ip >= block.network && ip < block.network + blockSize(block.prefixLength);
}
function isIpv4(address) {
    return parseIpv4(address) !== undefined;
}
/** The source server's primary IPv4 address (sourceProperties.networkInterfaces[isPrimary].ips). */
function primarySourceIp(server) {
    const nics = server.sourceProperties?.networkInterfaces ?? [];
    const nic = nics.find((n) => n.isPrimary) ?? nics[0];
    return nic?.ips?.find(isIpv4);
}
/**
 * Looks ids up in one call; when EC2 refuses the batch (one unknown id fails the whole call), asks per id
 * (at most `concurrency` at once) so that each unusable id is named with EC2's reason.
 */
async function lookupIds(ids, fetch, idOf, concurrency = 10) {
    const found = new Map();
    const missing = new Map();
    if (ids.length === 0)
        return { found, missing };
    const take = (items) => {
        for (const item of items) {
            const id = idOf(item);
            if (id)
                found.set(id, item);
        }
    };
    try {
        take(await fetch(ids));
    }
    catch {
        const limit = (0,p_limit/* default */.A)(concurrency);
        await Promise.all(ids.map((id) => limit(() => fetch([id]).then(take, (e) => void missing.set(id, (0,errors/* errorMessage */.gJ)(e))))));
    }
    for (const id of ids)
        if (!found.has(id) && !missing.has(id))
            missing.set(id, 'not found');
    return { found, missing };
}
/**
 * Will a launch into `subnetId` with these groups work: the subnet exists, every group exists and is in
 * the subnet's VPC, and with copyPrivateIp the source's primary IP lies inside the subnet's CIDR.
 */
function networkFindings(target, net) {
    const { subnetId } = target;
    const subnet = net.subnets.found.get(subnetId);
    if (!subnet) {
        return [
            {
                level: 'error',
                message: `subnet ${subnetId} cannot be used: ${net.subnets.missing.get(subnetId) ?? 'not found'}`,
                fix: 'Use a subnet that exists in this region and account',
            },
        ];
    }
    const out = [];
    for (const groupId of target.groupIds) {
        const group = net.groups.found.get(groupId);
        if (!group) {
            out.push({
                level: 'error',
                message: `security group ${groupId} cannot be used: ${net.groups.missing.get(groupId) ?? 'not found'}`,
                fix: 'Use security groups that exist in this region and account',
            });
        }
        else if (group.VpcId !== subnet.VpcId) {
            out.push({
                level: 'error',
                message: `security group ${groupId} is in ${group.VpcId ?? 'no VPC'}, but subnet ${subnetId} is in ${subnet.VpcId}`,
                fix: `Use security groups of ${subnet.VpcId}`,
            });
        }
    }
    if (target.copyPrivateIp) {
        const ip = primarySourceIp(target.server);
        if (!ip) {
            out.push({
                level: 'warning',
                message: 'copyPrivateIp is on but DRS reports no IPv4 address for the source',
            });
        }
        else if (!subnet.CidrBlock || !ipv4InCidr(ip, subnet.CidrBlock)) {
            out.push({
                level: 'error',
                message: `copyPrivateIp is on but the source IP ${ip} is outside subnet ${subnetId} (${subnet.CidrBlock ?? 'no IPv4 CIDR'})`,
                fix: `Use a subnet whose CIDR contains ${ip}, or set launch.copyPrivateIp: false`,
            });
        }
    }
    return out;
}

// EXTERNAL MODULE: ./src/engine/poller.ts
var poller = __webpack_require__(74694);
// EXTERNAL MODULE: ./src/engine/quotas.ts
var quotas = __webpack_require__(47401);
// EXTERNAL MODULE: ./src/engine/resolve.ts
var resolve = __webpack_require__(93370);
// EXTERNAL MODULE: ./src/engine/tags.ts
var tags = __webpack_require__(82225);
;// CONCATENATED MODULE: ./src/engine/preflight.ts
/**
 * Preflight: everything that can be known to break a run before anything is started. Reads only;
 * collects every failure (never stops at the first) so one run shows the whole list to fix.
 */












/** How far back to look for jobs that may still be active. */
const ACTIVE_JOB_LOOKBACK_MS = 7 * 24 * 3600 * 1000;
const CONCURRENCY = 10;
function who(rs) {
    return `Source server ${rs.sourceServerId}${rs.hostname ? ` (${rs.hostname})` : ''}`;
}
function about(rs, wave, message, fix) {
    return {
        sourceServerId: rs.sourceServerId,
        ...(rs.hostname ? { hostname: rs.hostname } : {}),
        wave,
        position: rs.spec.position,
        message: `${who(rs)}: ${message}`,
        ...(fix ? { fix } : {}),
    };
}
async function readServer(deps, rs, wave) {
    const facts = { rs, wave };
    const snapshot = rs.spec.snapshot
        ? deps.drs.describeRecoverySnapshots(rs.sourceServerId).then((s) => {
            facts.snapshotIds = s.map((x) => x.snapshotID ?? '');
        }, (e) => {
            facts.snapshotError = e;
        })
        : Promise.resolve();
    try {
        facts.launchConfig = await deps.drs.getLaunchConfiguration(rs.sourceServerId);
        const templateId = facts.launchConfig.ec2LaunchTemplateID;
        if (templateId)
            facts.template = await deps.ec2.describeDefaultLaunchTemplateVersion(templateId);
    }
    catch (e) {
        if (facts.launchConfig)
            facts.templateError = e;
        else
            facts.launchConfigError = e;
    }
    await snapshot;
    return facts;
}
function effectiveSubnet(f) {
    return f.rs.spec.template.subnetId ?? (f.template ? (0,launch_config/* templateSubnetId */.Jh)(f.template) : undefined);
}
function effectiveGroups(f) {
    return (f.rs.spec.template.securityGroupIds ??
        (f.template ? (0,launch_config/* templateSecurityGroupIds */.eP)(f.template) : undefined) ??
        []);
}
/** Launch configuration and network findings for one server, from the facts read before. */
function launchFindings(f, net) {
    const out = [];
    const { spec } = f.rs;
    if (spec.snapshot) {
        if (f.snapshotError !== undefined) {
            out.push({
                level: 'error',
                message: `could not list recovery snapshots: ${(0,errors/* errorMessage */.gJ)(f.snapshotError)}`,
            });
        }
        else if (!f.snapshotIds?.includes(spec.snapshot)) {
            out.push({
                level: 'error',
                message: `pinned snapshot ${spec.snapshot} does not exist`,
                fix: `Pick an existing point in time${f.snapshotIds?.[0] ? ` (latest: ${f.snapshotIds[0]})` : ''} or remove the pin`,
            });
        }
    }
    if (!f.launchConfig) {
        const notFound = f.launchConfigError?.name === 'ResourceNotFoundException';
        out.push({
            level: 'error',
            message: `could not read its launch configuration: ${(0,errors/* errorMessage */.gJ)(f.launchConfigError)}`,
            fix: notFound ? 'The source server may have been deleted from DRS; check the selector' : undefined,
        });
        return out;
    }
    const templateId = f.launchConfig.ec2LaunchTemplateID;
    if (!templateId) {
        out.push({
            level: 'error',
            message: 'its launch configuration has no EC2 launch template',
            fix: 'Open the server in the DRS console and save its launch settings so DRS creates the template',
        });
        return out;
    }
    if (!f.template) {
        out.push({
            level: 'error',
            message: `could not read the default version of launch template ${templateId}: ${(0,errors/* errorMessage */.gJ)(f.templateError)}`,
        });
        return out;
    }
    const rightSizing = spec.launch.rightSizing ?? f.launchConfig.targetInstanceTypeRightSizingMethod;
    if (spec.template.instanceType !== undefined && rightSizing !== undefined && rightSizing !== 'NONE') {
        out.push({
            level: 'warning',
            message: `the plan sets instanceType ${spec.template.instanceType} but right-sizing is ${rightSizing}, so DRS overwrites the template's instance type`,
            fix: 'Set launch.rightSizing: NONE to keep the planned instance type',
        });
    }
    if (!hasDrsManagedTag(f.template)) {
        out.push({
            level: 'warning',
            message: `launch template ${templateId} does not tag instances ${DRS_MANAGED_TAG}=drs.amazonaws.com`,
            fix: 'Keep the DRS tags in the template: IAM policies conditioned on them (e.g. the DRS managed policies) deny the launch without them',
        });
    }
    const subnetId = effectiveSubnet(f);
    if (!subnetId) {
        out.push({
            level: 'error',
            message: `launch template ${templateId} has no subnet (and the plan sets none)`,
            fix: 'Set template.subnetId in the plan, or a subnet on the template’s primary network interface',
        });
        return out;
    }
    if (subnetId !== (0,launch_config/* templateSubnetId */.Jh)(f.template) && (0,launch_config/* instanceLevelGroupsBlockSubnet */.KC)(f.template)) {
        out.push({
            level: 'error',
            message: `launch template ${templateId} sets security groups at instance level, so the planned subnet ${subnetId} cannot be added by a new version`,
            fix: 'Move the groups onto the primary network interface (with the subnet) in the EC2 console',
        });
    }
    const copyPrivateIp = spec.launch.copyPrivateIp ?? f.launchConfig.copyPrivateIp ?? false;
    out.push(...networkFindings({ subnetId, groupIds: effectiveGroups(f), copyPrivateIp, server: f.rs.sourceServer }, net));
    return out;
}
const DRS_MANAGED_TAG = 'AWSElasticDisasterRecoveryManaged';
/** Whether the template's instance tag specification carries the tag DRS-managed policies require. */
function hasDrsManagedTag(version) {
    return (version.LaunchTemplateData?.TagSpecifications ?? []).some((spec) => spec.ResourceType === 'instance' && (spec.Tags ?? []).some((t) => t.Key === DRS_MANAGED_TAG));
}
function activeJobsOf(jobs) {
    const active = jobs.filter((j) => j.status !== 'COMPLETED');
    const jobOfServer = new Map();
    let servers = 0;
    for (const job of active) {
        for (const p of job.participatingServers ?? []) {
            servers += 1;
            if (p.sourceServerID)
                jobOfServer.set(p.sourceServerID, job);
        }
    }
    return { active, jobOfServer, servers };
}
/** Preflight's reads retry through throttling and 5xx (Retry-After honoured), on the injected clock. */
function withReadRetries(deps) {
    const opts = { sleep: (ms) => deps.clock.sleep(ms) };
    return { ...deps, drs: (0,retrying/* retryingDrs */.o)(deps.drs, opts), ec2: (0,retrying/* retryingEc2 */.N)(deps.ec2, opts) };
}
/** The recovery instances DRS lists for the plan's servers, by server; one paginated read. */
async function readExistingInstances(deps, sourceServerIds) {
    if (sourceServerIds.length === 0)
        return { byServer: new Map() };
    try {
        return {
            byServer: (0,instances/* indexRecoveryInstances */.OW)(await deps.drs.describeRecoveryInstances({ sourceServerIds: [...new Set(sourceServerIds)] })),
        };
    }
    catch (error) {
        return { error };
    }
}
/** Runs every preflight check; writes nothing. */
async function runPreflight(deps, plan, opts) {
    deps = withReadRetries(deps);
    const sourceServers = await deps.drs.describeAllSourceServers();
    // The look-back is measured on AWS's clock (the first answer's Date header): the runner's may be off.
    const awsNowMs = Date.parse((0,poller/* awsNow */.e1)(deps));
    const recentJobs = await deps.drs.describeJobsSince(new Date(awsNowMs - ACTIVE_JOB_LOOKBACK_MS).toISOString());
    const resolved = (0,resolve/* resolvePlan */.yY)(plan, sourceServers);
    const { executionPlan, excluded, problems: excludeProblems, } = (0,resolve/* excludeServers */.r2)(resolved.executionPlan, opts.exclude ?? []);
    const problems = [...resolved.problems, ...excludeProblems];
    const warnings = [];
    const drift = [];
    // An active job now does not make a plan wrong: in a PR check it is only worth a warning.
    const busy = opts.mode === 'validate' ? warnings : problems;
    const limit = (0,p_limit/* default */.A)(CONCURRENCY);
    const facts = await Promise.all(executionPlan.waves.flatMap((w) => w.servers.map((rs) => limit(() => readServer(deps, rs, w.wave.name)))));
    const net = {
        subnets: await lookupIds([...new Set(facts.map(effectiveSubnet).filter((s) => !!s))], (ids) => deps.ec2.describeSubnets(ids), (s) => s.SubnetId),
        groups: await lookupIds([...new Set(facts.filter((f) => effectiveSubnet(f)).flatMap(effectiveGroups))], (ids) => deps.ec2.describeSecurityGroups(ids), (g) => g.GroupId),
    };
    const isOwn = (j) => opts.executionId !== undefined && j.tags?.[tags/* TAG */.Dk.executionId] === opts.executionId;
    const ownActiveJobIds = recentJobs
        .filter((j) => j.status !== 'COMPLETED' && isOwn(j))
        .map((j) => j.jobID ?? '');
    const { active, jobOfServer, servers: activeServers } = activeJobsOf(recentJobs.filter((j) => !isOwn(j)));
    const existing = await readExistingInstances(deps, facts.map((f) => f.rs.sourceServerId));
    if ('error' in existing) {
        (opts.mode === 'validate' ? warnings : problems).push({
            message: `Could not read the servers' existing recovery instances: ${(0,errors/* errorMessage */.gJ)(existing.error)}`,
            fix: 'Grant drs:DescribeRecoveryInstances (with ec2:DescribeInstances): without it a drill cannot rule out deleting a live failover',
        });
    }
    const instanceOptions = {
        mode: opts.mode,
        ownJobIds: new Set(recentJobs.filter(isOwn).flatMap((j) => (j.jobID ? [j.jobID] : []))),
        ...(opts.replaceRecoveryInstances ? { replaceRecoveryInstances: true } : {}),
    };
    for (const f of facts) {
        const findings = [
            ...(0,resolve/* replicationFindings */.RH)(f.rs.sourceServer, plan.objectives.rpoSeconds),
            ...launchFindings(f, net),
            ...('byServer' in existing
                ? existingInstanceFindings(existing.byServer.get(f.rs.sourceServerId) ?? [], instanceOptions)
                : []),
        ];
        for (const x of findings)
            (x.level === 'error' ? problems : warnings).push(about(f.rs, f.wave, x.message, x.fix));
        const job = jobOfServer.get(f.rs.sourceServerId);
        if (job) {
            busy.push(about(f.rs, f.wave, `is already in active DRS job ${job.jobID} (${job.type ?? 'job'}, ${job.status ?? 'status unknown'})`, 'Wait for that job to complete; DRS runs one job per source server'));
        }
        if (f.launchConfig && f.template !== undefined) {
            const desired = { launch: f.rs.spec.launch, template: f.rs.spec.template };
            const changes = (0,launch_config/* diffAll */.lu)(desired, f.launchConfig, f.template);
            if (changes.length > 0) {
                drift.push({
                    sourceServerId: f.rs.sourceServerId,
                    ...(f.rs.hostname ? { hostname: f.rs.hostname } : {}),
                    changes,
                    desired,
                    ...(f.launchConfig.ec2LaunchTemplateID
                        ? { launchTemplateId: f.launchConfig.ec2LaunchTemplateID }
                        : {}),
                    ...(f.template.VersionNumber !== undefined ? { templateVersion: f.template.VersionNumber } : {}),
                });
            }
        }
    }
    if (active.length >= quotas/* DRS_QUOTAS */.sT.maxActiveJobs) {
        busy.push({
            message: `${active.length} DRS jobs are already active; DRS runs at most ${quotas/* DRS_QUOTAS */.sT.maxActiveJobs} at a time`,
            fix: 'Wait for running jobs to complete',
        });
    }
    const sizeOf = new Map(executionPlan.waves.map((w) => [w.wave.name, w.servers.length]));
    for (const w of executionPlan.waves) {
        const size = w.servers.length;
        if (size <= quotas/* DRS_QUOTAS */.sT.maxServersInActiveJobs &&
            size + activeServers > quotas/* DRS_QUOTAS */.sT.maxServersInActiveJobs) {
            busy.push({
                wave: w.wave.name,
                position: w.wave.position,
                message: `Wave "${w.wave.name}" has ${size} servers but ${activeServers} are already in active DRS jobs; DRS holds at most ${quotas/* DRS_QUOTAS */.sT.maxServersInActiveJobs}`,
                fix: 'Wait for running jobs to complete',
            });
        }
    }
    for (const group of (0,resolve/* concurrentWaveGroups */.D7)(plan)) {
        const total = group.reduce((n, name) => n + (sizeOf.get(name) ?? 0), 0);
        if (group.length > 1 && total + activeServers > quotas/* DRS_QUOTAS */.sT.maxServersInActiveJobs) {
            warnings.push({
                message: `Waves ${group.map((n) => `"${n}"`).join(', ')} may run at the same time with ${total} servers (plus ${activeServers} already active); DRS holds ${quotas/* DRS_QUOTAS */.sT.maxServersInActiveJobs}, so some will wait`,
            });
        }
    }
    return {
        executionPlan,
        problems,
        warnings,
        drift,
        activeJobs: { jobs: active.length, servers: activeServers },
        ownActiveJobIds,
        excluded,
    };
}


/***/ }),

/***/ 93370:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D7: () => (/* binding */ concurrentWaveGroups),
/* harmony export */   RH: () => (/* binding */ replicationFindings),
/* harmony export */   r2: () => (/* binding */ excludeServers),
/* harmony export */   yY: () => (/* binding */ resolvePlan)
/* harmony export */ });
/* unused harmony exports sourceServerHostname, hostnameMatches, tagsMatch, matchSelector, describeSelector */
/* harmony import */ var _report_durations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39523);
/* harmony import */ var _quotas_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(47401);


/** The name people know a source server by: its hostname, else its FQDN. */
function sourceServerHostname(server) {
    const hints = server.sourceProperties?.identificationHints;
    return hints?.hostname || hints?.fqdn || undefined;
}
function firstLabel(name) {
    return name.split('.')[0] ?? name;
}
/**
 * Case-insensitive match on identificationHints.hostname or .fqdn. A bare name (no dot) also matches the
 * first label of either, since agents report `db-01` in one field and `db-01.corp.example` in the other.
 */
function hostnameMatches(selector, server) {
    const wanted = selector.trim().toLowerCase();
    const hints = server.sourceProperties?.identificationHints;
    const names = [hints?.hostname, hints?.fqdn].filter((n) => !!n).map((n) => n.toLowerCase());
    if (names.includes(wanted))
        return true;
    return !wanted.includes('.') && names.some((n) => firstLabel(n) === wanted);
}
function tagsMatch(tags, server) {
    const actual = server.tags ?? {};
    return Object.entries(tags).every(([key, value]) => actual[key] === value);
}
/**
 * Failback source servers stand for recovery instances replicating back; they share hostname and tags
 * with the originals, so only an explicit id selects one.
 */
function selectable(server) {
    return server.replicationDirection !== 'FAILBACK';
}
function matchSelector(selector, servers) {
    switch (selector.kind) {
        case 'id':
            return servers.filter((s) => s.sourceServerID === selector.sourceServerId);
        case 'hostname':
            return servers.filter((s) => selectable(s) && hostnameMatches(selector.hostname, s));
        case 'tags':
            return servers.filter((s) => selectable(s) && tagsMatch(selector.tags, s));
    }
}
function describeSelector(selector) {
    switch (selector.kind) {
        case 'id':
            return `id ${selector.sourceServerId}`;
        case 'hostname':
            return `hostname ${selector.hostname}`;
        case 'tags':
            return `tags ${Object.entries(selector.tags)
                .map(([k, v]) => `${k}=${v}`)
                .join(', ')}`;
    }
}
function where(position) {
    return `${position.file}:${position.line}:${position.col}`;
}
/**
 * Resolves every selector. Problems: a selector matching nothing, a hostname naming several servers,
 * a server selected twice (same wave or two waves), a wave above what DRS holds in flight.
 */
function resolvePlan(plan, sourceServers) {
    const problems = [];
    const placed = new Map();
    const waves = [];
    for (const wave of plan.waves) {
        const resolved = [];
        for (const spec of wave.servers) {
            const matches = matchSelector(spec.selector, sourceServers);
            const label = describeSelector(spec.selector);
            if (matches.length === 0) {
                problems.push({
                    wave: wave.name,
                    position: spec.position,
                    message: `Wave "${wave.name}": the selector ${label} matches no DRS source server in this region`,
                    fix: 'Check the selector against the DRS console (Source servers) and the region the plan runs in',
                });
                continue;
            }
            if (spec.selector.kind === 'hostname' && matches.length > 1) {
                problems.push({
                    wave: wave.name,
                    position: spec.position,
                    message: `Wave "${wave.name}": the selector ${label} matches ${matches.length} source servers (${matches
                        .map((s) => s.sourceServerID)
                        .join(', ')})`,
                    fix: 'Select the intended server by id, or remove the stale source server from DRS',
                });
                continue;
            }
            for (const server of matches) {
                const sourceServerId = server.sourceServerID;
                if (!sourceServerId)
                    continue;
                const hostname = sourceServerHostname(server);
                const earlier = placed.get(sourceServerId);
                if (earlier) {
                    const sameWave = earlier.wave === wave.name;
                    problems.push({
                        sourceServerId,
                        hostname,
                        wave: wave.name,
                        position: spec.position,
                        message: `Source server ${sourceServerId}${hostname ? ` (${hostname})` : ''} is selected by ${label} in wave "${wave.name}" and already by ${describeSelector(earlier.spec.selector)} in ${sameWave ? 'the same wave' : `wave "${earlier.wave}"`} at ${where(earlier.spec.position)}`,
                        fix: 'A server may be recovered once per run: keep one of the two entries',
                    });
                    continue;
                }
                placed.set(sourceServerId, { wave: wave.name, spec });
                resolved.push({ sourceServerId, ...(hostname ? { hostname } : {}), spec, sourceServer: server });
            }
        }
        if (resolved.length > _quotas_js__WEBPACK_IMPORTED_MODULE_1__/* .DRS_QUOTAS */ .sT.maxServersInActiveJobs) {
            problems.push({
                wave: wave.name,
                position: wave.position,
                message: `Wave "${wave.name}" resolves to ${resolved.length} source servers; DRS holds at most ${_quotas_js__WEBPACK_IMPORTED_MODULE_1__/* .DRS_QUOTAS */ .sT.maxServersInActiveJobs} in active jobs`,
                fix: `Split the wave into waves of at most ${_quotas_js__WEBPACK_IMPORTED_MODULE_1__/* .DRS_QUOTAS */ .sT.maxServersInActiveJobs} servers`,
            });
        }
        waves.push({ wave, servers: resolved });
    }
    return { executionPlan: { plan, waves }, problems };
}
/**
 * Leaves the servers named in `exclude` (source server ids or hostnames, case-insensitive for
 * hostnames) out of the execution plan. A name that matches no server of the plan is a problem: a
 * typo must not let a server the user meant to protect run anyway. Pure.
 */
function excludeServers(executionPlan, exclude) {
    if (exclude.length === 0)
        return { executionPlan, excluded: [], problems: [] };
    const wanted = exclude.map((e) => e.trim()).filter((e) => e !== '');
    const matches = (rs, name) => rs.sourceServerId === name ||
        (rs.hostname !== undefined && rs.hostname.toLowerCase() === name.toLowerCase());
    const used = new Set();
    const excluded = [];
    const waves = executionPlan.waves.map((rw) => ({
        wave: rw.wave,
        servers: rw.servers.filter((rs) => {
            const hit = wanted.filter((name) => matches(rs, name));
            if (hit.length === 0)
                return true;
            for (const name of hit)
                used.add(name);
            excluded.push({
                sourceServerId: rs.sourceServerId,
                ...(rs.hostname ? { hostname: rs.hostname } : {}),
                wave: rw.wave.name,
            });
            return false;
        }),
    }));
    const problems = wanted
        .filter((name) => !used.has(name))
        .map((name) => ({
        message: `input exclude: "${name.slice(0, 80)}" is not a source server id or hostname of any server this plan selects`,
        fix: 'Use a source server id (s-…) or a hostname from the plan’s resolved servers',
    }));
    return { executionPlan: { ...executionPlan, waves }, excluded, problems };
}
/**
 * Waves grouped by depth in the dependency graph (longest path from a wave with no dependencies): the
 * waves that would run side by side if every wave took as long as every other.
 */
function concurrentWaveGroups(plan) {
    const depth = new Map();
    const byName = new Map(plan.waves.map((w) => [w.name, w]));
    const visit = (name, path) => {
        const known = depth.get(name);
        if (known !== undefined)
            return known;
        if (path.has(name))
            return 0; // cycles are reported by plan validation; do not loop here
        path.add(name);
        const parents = (byName.get(name)?.dependsOn ?? []).filter((p) => byName.has(p));
        const d = parents.length === 0 ? 0 : 1 + Math.max(...parents.map((p) => visit(p, path)));
        depth.set(name, d);
        return d;
    };
    const groups = [];
    for (const w of plan.waves) {
        const d = visit(w.name, new Set());
        groups[d] = [...(groups[d] ?? []), w.name];
    }
    return groups.filter((g) => g.length > 0);
}
// DRS's lagDuration is an ISO-8601 duration; one parser serves the whole project.

const REPLICATION_WARN = new Set(['BACKLOG', 'CREATING_SNAPSHOT', 'RESCAN']);
/** Replication state, replication errors and lag against the plan's RPO. */
function replicationFindings(server, rpoSeconds) {
    const out = [];
    if (server.replicationDirection === 'FAILBACK') {
        out.push({
            level: 'error',
            message: 'is a failback source server (it replicates a recovery instance back), not a server to recover',
            fix: 'Select the original source server instead',
        });
    }
    const info = server.dataReplicationInfo;
    const state = info?.dataReplicationState;
    if (state !== 'CONTINUOUS') {
        const warn = state !== undefined && REPLICATION_WARN.has(state);
        out.push({
            level: warn ? 'warning' : 'error',
            message: `replication state is ${state ?? 'unknown'}, not CONTINUOUS`,
            fix: warn
                ? 'Recovery works but may use older data; drill when replication is CONTINUOUS'
                : 'Fix replication in the DRS console (agent, network, replication server) until it is CONTINUOUS',
        });
    }
    const replicationError = info?.dataReplicationError;
    if (replicationError?.error) {
        out.push({
            level: 'error',
            message: `replication error ${replicationError.error}${replicationError.rawError ? `: ${replicationError.rawError}` : ''}`,
            fix: 'Resolve the replication error shown in the DRS console',
        });
    }
    const lag = info?.lagDuration;
    if (lag !== undefined && rpoSeconds !== undefined) {
        const lagSeconds = (0,_report_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .parseIsoDuration */ .pU)(lag);
        if (lagSeconds === undefined) {
            out.push({
                level: 'warning',
                message: `replication lag "${lag}" is not an ISO-8601 duration; RPO not checked`,
            });
        }
        else if (lagSeconds > rpoSeconds) {
            out.push({
                level: 'error',
                message: `replication lag ${lag} (${lagSeconds}s) exceeds the plan's RPO of ${rpoSeconds}s`,
                fix: 'Wait for replication to catch up, or check the replication bandwidth',
            });
        }
    }
    return out;
}


/***/ }),

/***/ 82225:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C_: () => (/* binding */ TAG_PREFIX),
/* harmony export */   Dk: () => (/* binding */ TAG),
/* harmony export */   sS: () => (/* binding */ cutTagValue)
/* harmony export */ });
/* unused harmony export MAX_TAG_VALUE_LENGTH */
/** Tag keys the action writes on DRS jobs (StartRecovery) and on launched EC2 instances. */
const TAG_PREFIX = 'drs-drill:';
const TAG = {
    executionId: `${TAG_PREFIX}execution-id`,
    mode: `${TAG_PREFIX}mode`,
    plan: `${TAG_PREFIX}plan`,
    wave: `${TAG_PREFIX}wave`,
    waveIndex: `${TAG_PREFIX}wave-index`,
    initiatedBy: `${TAG_PREFIX}initiated-by`,
    repository: `${TAG_PREFIX}repository`,
    runUrl: `${TAG_PREFIX}run-url`,
    commit: `${TAG_PREFIX}commit`,
    startedAt: `${TAG_PREFIX}started-at`,
    /** Which ≤100-server part of the wave a job holds: finds a job whose StartRecovery answer was lost. */
    chunk: `${TAG_PREFIX}chunk`,
};
/** DRS and EC2 cap tag values at 256 characters. */
const MAX_TAG_VALUE_LENGTH = 256;
function cutTagValue(value) {
    return value.length <= MAX_TAG_VALUE_LENGTH ? value : value.slice(0, MAX_TAG_VALUE_LENGTH);
}


/***/ }),

/***/ 96318:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  BJ: () => (/* binding */ describeProblem),
  NN: () => (/* binding */ engineLog),
  ah: () => (/* binding */ openAwsSession),
  Zv: () => (/* binding */ resolveRegion),
  runDrillMode: () => (/* binding */ runDrillMode)
});

// UNUSED EXPORTS: checkRecoveryGuard, reserveMs

// EXTERNAL MODULE: ./src/aws/clients.ts
var aws_clients = __webpack_require__(40201);
// EXTERNAL MODULE: ./src/aws/credentials.ts
var aws_credentials = __webpack_require__(96963);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-drs/dist-cjs/index.js
var dist_cjs = __webpack_require__(54722);
// EXTERNAL MODULE: ./src/engine/quotas.ts
var quotas = __webpack_require__(47401);
// EXTERNAL MODULE: ./src/paginate.ts
var paginate = __webpack_require__(84042);
;// CONCATENATED MODULE: ./src/aws/drs-gateway.ts
/**
 * The DRS gateway: the only module that sends DRS Commands. It pages and batches so that callers
 * never see a nextToken or a batch limit, and lets the SDK's exception classes through untouched
 * (the engine decides what is retryable).
 */



/** Splits `items` into consecutive chunks of at most `size`. */
function chunk(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}
function nextTokenOf(page) {
    return 'nextToken' in page ? page.nextToken : 'NextToken' in page ? page.NextToken : undefined;
}
/**
 * Collects every page's items of an SDK paginator, DRS's and EC2's alike: the one way the gateways
 * page, so every read ends (a repeated token or more than `maxPages` pages is a PaginationError).
 */
async function collect(pages, items, bound) {
    const out = [];
    for await (const page of (0,paginate/* boundedPages */.c)(pages, { ...bound, nextToken: (p) => nextTokenOf(p) })) {
        out.push(...(items(page) ?? []));
    }
    return out;
}
/** The page bound of a DRS read, named for its error message (`DRS DescribeJobs`). */
function pageBound(operation) {
    const name = `${operation.charAt(0).toUpperCase()}${operation.slice(1)}`;
    return { operation: `DRS ${name}`, maxPages: quotas/* DRS_MAX_PAGES */.Oh[operation] };
}
/** A monotonic record of the latest `Date` header AWS sent, shared by the clients of one gateway. */
class ServerClock {
    latestMs;
    observe(dateHeader) {
        if (!dateHeader)
            return;
        const ms = Date.parse(dateHeader);
        if (Number.isNaN(ms))
            return;
        // Concurrent responses can arrive out of order; the clock must not run backwards.
        if (this.latestMs === undefined || ms > this.latestMs)
            this.latestMs = ms;
    }
    serverTime() {
        return this.latestMs === undefined ? undefined : new Date(this.latestMs).toISOString();
    }
}
function dateHeaderOf(response) {
    if (typeof response !== 'object' || response === null || !('headers' in response))
        return undefined;
    const headers = response.headers;
    if (typeof headers !== 'object' || headers === null)
        return undefined;
    for (const [name, value] of Object.entries(headers)) {
        if (name.toLowerCase() === 'date' && typeof value === 'string')
            return value;
    }
    return undefined;
}
const clocksByStack = new WeakMap();
/**
 * Reads the `Date` header of every HTTP response (errors included) a client receives and hands it to
 * `clock`. The middleware sits innermost in the deserialize step, so it sees the raw response before
 * the deserializer turns an error status into an exception. One middleware per client, however many
 * gateways share the client.
 */
function trackServerTime(stack, clock) {
    const existing = clocksByStack.get(stack);
    if (existing) {
        existing.add(clock);
        return;
    }
    const clocks = new Set([clock]);
    clocksByStack.set(stack, clocks);
    const middleware = (next) => async (args) => {
        try {
            const result = await next(args);
            for (const c of clocks)
                c.observe(dateHeaderOf(result.response));
            return result;
        }
        catch (e) {
            const response = typeof e === 'object' && e !== null ? e.$response : undefined;
            for (const c of clocks)
                c.observe(dateHeaderOf(response));
            throw e;
        }
    };
    stack.add(middleware, { step: 'deserialize', priority: 'low', name: 'drsDrillServerClock' });
}
function createDrsGateway(clients) {
    const { drs, drsNoRetry } = clients;
    const clock = new ServerClock();
    trackServerTime(drs.middlewareStack, clock);
    if (drsNoRetry !== drs)
        trackServerTime(drsNoRetry.middlewareStack, clock);
    async function describeJobs(jobIds) {
        const out = [];
        // An empty jobIDs filter means "every job": never send one. maxResults = the batch size so that the
        // answer fits one page: the poller counts on one call per tick (the service's default page is smaller).
        for (const ids of chunk([...new Set(jobIds)], quotas/* DRS_BATCH */.TA.describeJobsIds)) {
            out.push(...(await collect((0,dist_cjs.paginateDescribeJobs)({ client: drs }, { filters: { jobIDs: ids }, maxResults: ids.length }), (p) => p.items, pageBound('describeJobs'))));
        }
        return out;
    }
    async function describeRecoveryInstances(filter) {
        const { recoveryInstanceIds, sourceServerIds } = filter;
        if (recoveryInstanceIds === undefined && sourceServerIds === undefined) {
            return collect((0,dist_cjs.paginateDescribeRecoveryInstances)({ client: drs }, {}), (p) => p.items, pageBound('describeRecoveryInstances'));
        }
        // A list given but empty selects nothing (DRS would read it as "no filter").
        if (recoveryInstanceIds?.length === 0 || sourceServerIds?.length === 0)
            return [];
        const out = [];
        if (recoveryInstanceIds !== undefined) {
            for (const ids of chunk([...new Set(recoveryInstanceIds)], quotas/* DRS_BATCH */.TA.describeRecoveryInstancesIds)) {
                const filters = {
                    recoveryInstanceIDs: ids,
                    ...(sourceServerIds ? { sourceServerIDs: sourceServerIds } : {}),
                };
                out.push(...(await collect((0,dist_cjs.paginateDescribeRecoveryInstances)({ client: drs }, { filters, maxResults: ids.length }), (p) => p.items, pageBound('describeRecoveryInstances'))));
            }
            return out;
        }
        // The model sets no maximum for sourceServerIDs; batch anyway to keep requests small, and ask for a
        // page as large as the batch so that one server's instance usually costs no second page.
        for (const ids of chunk([...new Set(sourceServerIds)], quotas/* DRS_BATCH */.TA.describeSourceServersIds)) {
            out.push(...(await collect((0,dist_cjs.paginateDescribeRecoveryInstances)({ client: drs }, { filters: { sourceServerIDs: ids }, maxResults: quotas/* DRS_BATCH */.TA.describeRecoveryInstancesIds }), (p) => p.items, pageBound('describeRecoveryInstances'))));
        }
        return out;
    }
    return {
        serverTime: () => clock.serverTime(),
        describeAllSourceServers: () => collect((0,dist_cjs.paginateDescribeSourceServers)({ client: drs }, { filters: {} }), (p) => p.items, pageBound('describeSourceServers')),
        describeJobs,
        describeJobsSince: (fromDate) => collect((0,dist_cjs.paginateDescribeJobs)({ client: drs }, { filters: { fromDate } }), (p) => p.items, pageBound('describeJobs')),
        // The poller reads a changed job's whole log again: a page per 100 items would make that cost grow
        // with the job's servers, so ask for large pages.
        describeJobLogItems: (jobId) => collect((0,dist_cjs.paginateDescribeJobLogItems)({ client: drs }, { jobID: jobId, maxResults: quotas/* DRS_BATCH */.TA.jobLogItemsPage }), (p) => p.items, pageBound('describeJobLogItems')),
        describeRecoveryInstances,
        describeRecoverySnapshots: (sourceServerId) => collect((0,dist_cjs.paginateDescribeRecoverySnapshots)({ client: drs }, { sourceServerID: sourceServerId, order: 'DESC' }), (p) => p.items, pageBound('describeRecoverySnapshots')),
        async getLaunchConfiguration(sourceServerId) {
            const { $metadata: _, ...config } = await drs.send(new dist_cjs.GetLaunchConfigurationCommand({ sourceServerID: sourceServerId }));
            return config;
        },
        async updateLaunchConfiguration(update) {
            const { $metadata: _, ...config } = await drs.send(new dist_cjs.UpdateLaunchConfigurationCommand(update));
            return config;
        },
        async startRecovery(request) {
            if (request.sourceServers.length === 0)
                throw new RangeError('StartRecovery needs at least one source server');
            const output = await drsNoRetry.send(new dist_cjs.StartRecoveryCommand({
                sourceServers: request.sourceServers,
                isDrill: request.isDrill,
                tags: request.tags,
            }));
            if (!output.job?.jobID)
                throw new Error('DRS accepted StartRecovery but returned no job');
            return output.job;
        },
        async terminateRecoveryInstances(recoveryInstanceIds) {
            const count = recoveryInstanceIds.length;
            if (count === 0 || count > quotas/* DRS_BATCH */.TA.terminateRecoveryInstancesIds) {
                throw new RangeError(`TerminateRecoveryInstances takes 1-${quotas/* DRS_BATCH */.TA.terminateRecoveryInstancesIds} ids, got ${count}`);
            }
            const output = await drs.send(new dist_cjs.TerminateRecoveryInstancesCommand({ recoveryInstanceIDs: recoveryInstanceIds }));
            if (!output.job?.jobID)
                throw new Error('DRS accepted TerminateRecoveryInstances but returned no job');
            return output.job;
        },
    };
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var client_ec2_dist_cjs = __webpack_require__(35193);
// EXTERNAL MODULE: ./src/engine/launch-config.ts
var launch_config = __webpack_require__(16778);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
;// CONCATENATED MODULE: ./src/aws/ec2-gateway.ts
/**
 * The EC2 gateway: the only module that sends EC2 Commands. Batches ids to EC2's request limits and
 * follows every page.
 */




/** EC2 request limits: DescribeInstances takes 1,000 ids, DescribeInstanceStatus 100; CreateTags 1,000 resources. */
const EC2_BATCH = {
    describeInstancesIds: 1000,
    describeInstanceStatusIds: 100,
    createTagsResources: 1000,
    describeSubnetsIds: 200,
    describeSecurityGroupsIds: 200,
};
/**
 * Most pages one EC2 read may take: every read names at most 1,000 ids (EC2_BATCH), so its answer
 * holds at most 1,000 items, 10 pages even when EC2 answers 100 at a time.
 */
const EC2_MAX_PAGES = 100;
function ec2(operation) {
    return { operation: `EC2 ${operation}`, maxPages: EC2_MAX_PAGES };
}
/** EC2 accepts client tokens of at most this many characters. */
const MAX_CLIENT_TOKEN_LENGTH = 255;
/** Turns a described network interface back into the request shape (a few members differ in type name only). */
function toNetworkInterfaceRequest(ni) {
    const { Ipv6Addresses, Ipv4Prefixes, Ipv6Prefixes, ...rest } = ni;
    return {
        ...rest,
        ...(Ipv6Addresses ? { Ipv6Addresses: Ipv6Addresses.map((a) => ({ Ipv6Address: a.Ipv6Address })) } : {}),
        ...(Ipv4Prefixes ? { Ipv4Prefixes: Ipv4Prefixes.map((p) => ({ Ipv4Prefix: p.Ipv4Prefix })) } : {}),
        ...(Ipv6Prefixes ? { Ipv6Prefixes: Ipv6Prefixes.map((p) => ({ Ipv6Prefix: p.Ipv6Prefix })) } : {}),
    };
}
/** The instance profile member: an ARN goes in `Arn`, anything else is a name. */
function instanceProfileSpec(profile) {
    return profile.startsWith('arn:') ? { Arn: profile } : { Name: profile };
}
/**
 * The LaunchTemplateData of a new version made from `source` with `change` applied: only the changed
 * members. DRS keeps subnet and security groups on the primary network interface (DeviceIndex 0), so
 * they are merged into it; since a given NetworkInterfaces list replaces the source's whole list, the
 * other interfaces are carried over as they are.
 */
function launchTemplateData(source, change) {
    const data = {};
    const sourceData = source.LaunchTemplateData ?? {};
    // The SDK's instance-type enum lags EC2's list; EC2 itself validates the name.
    if (change.instanceType !== undefined)
        data.InstanceType = change.instanceType;
    if (change.instanceProfile !== undefined)
        data.IamInstanceProfile = instanceProfileSpec(change.instanceProfile);
    if (change.subnetId === undefined && change.securityGroupIds === undefined && !change.clearPrivateIp)
        return data;
    const interfaces = (sourceData.NetworkInterfaces ?? []).map(toNetworkInterfaceRequest);
    if (interfaces.length === 0 && change.subnetId === undefined) {
        // Groups only, on a template without interfaces: they stay at instance level.
        data.SecurityGroupIds = change.securityGroupIds;
        return data;
    }
    if ((0,launch_config/* instanceLevelGroupsBlockSubnet */.KC)(source)) {
        throw new errors/* UserError */.yo(`Launch template ${source.LaunchTemplateId ?? ''} version ${source.VersionNumber ?? '?'} sets security groups at instance level, so no subnet can be added to it: move the groups onto its primary network interface (with a subnet) in the EC2 console`);
    }
    let primaryAt = interfaces.findIndex((ni) => (ni.DeviceIndex ?? 0) === 0 && (ni.NetworkCardIndex ?? 0) === 0);
    if (primaryAt < 0) {
        interfaces.unshift({ DeviceIndex: 0 });
        primaryAt = 0;
    }
    const primary = { ...interfaces[primaryAt], DeviceIndex: 0 };
    if (change.subnetId !== undefined)
        primary.SubnetId = change.subnetId;
    if (change.securityGroupIds !== undefined)
        primary.Groups = change.securityGroupIds;
    if (change.clearPrivateIp) {
        // The given interface list replaces the source's: leaving the members out removes the address.
        delete primary.PrivateIpAddress;
        delete primary.PrivateIpAddresses;
    }
    interfaces[primaryAt] = primary;
    data.NetworkInterfaces = interfaces;
    return data;
}
function unique(ids) {
    return [...new Set(ids)];
}
function createEc2Gateway(client) {
    const clock = new ServerClock();
    trackServerTime(client.middlewareStack, clock);
    async function describeVersion(launchTemplateId, version) {
        const output = await client.send(new client_ec2_dist_cjs/* DescribeLaunchTemplateVersionsCommand */.Ptd({ LaunchTemplateId: launchTemplateId, Versions: [version] }));
        const found = output.LaunchTemplateVersions?.[0];
        if (!found)
            throw new Error(`EC2 returned no version ${version} of launch template ${launchTemplateId}`);
        return found;
    }
    return {
        serverTime: () => clock.serverTime(),
        async describeInstances(instanceIds) {
            const out = [];
            // No MaxResults: EC2 refuses it together with InstanceIds.
            for (const ids of chunk(unique(instanceIds), EC2_BATCH.describeInstancesIds)) {
                const reservations = await collect((0,client_ec2_dist_cjs/* paginateDescribeInstances */.H0T)({ client }, { InstanceIds: ids }), (p) => p.Reservations, ec2('DescribeInstances'));
                for (const r of reservations)
                    out.push(...(r.Instances ?? []));
            }
            return out;
        },
        async describeInstanceStatus(instanceIds) {
            const out = [];
            for (const ids of chunk(unique(instanceIds), EC2_BATCH.describeInstanceStatusIds)) {
                out.push(...(await collect((0,client_ec2_dist_cjs/* paginateDescribeInstanceStatus */.OkX)({ client }, { InstanceIds: ids, IncludeAllInstances: true }), (p) => p.InstanceStatuses, ec2('DescribeInstanceStatus'))));
            }
            return out;
        },
        async createTags(resourceIds, tags) {
            const Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
            if (Tags.length === 0)
                return;
            for (const ids of chunk(unique(resourceIds), EC2_BATCH.createTagsResources)) {
                await client.send(new client_ec2_dist_cjs/* CreateTagsCommand */.RmG({ Resources: ids, Tags }));
            }
        },
        describeDefaultLaunchTemplateVersion: (launchTemplateId) => describeVersion(launchTemplateId, '$Default'),
        async updateLaunchTemplate(launchTemplateId, sourceVersion, change, clientToken) {
            if (clientToken.length === 0 || clientToken.length > MAX_CLIENT_TOKEN_LENGTH) {
                throw new RangeError(`client token must be 1-${MAX_CLIENT_TOKEN_LENGTH} characters`);
            }
            const source = await describeVersion(launchTemplateId, String(sourceVersion));
            const created = await client.send(new client_ec2_dist_cjs/* CreateLaunchTemplateVersionCommand */.B_$({
                LaunchTemplateId: launchTemplateId,
                SourceVersion: String(sourceVersion),
                LaunchTemplateData: launchTemplateData(source, change),
                ClientToken: clientToken,
                VersionDescription: 'drs-drill: launch settings from the recovery plan',
            }));
            const version = created.LaunchTemplateVersion?.VersionNumber;
            if (version === undefined) {
                throw new Error(`EC2 created a version of launch template ${launchTemplateId} but did not say which`);
            }
            await client.send(new client_ec2_dist_cjs/* ModifyLaunchTemplateCommand */.ddr({
                LaunchTemplateId: launchTemplateId,
                DefaultVersion: String(version),
            }));
            return version;
        },
        async describeSubnets(subnetIds) {
            const out = [];
            for (const ids of chunk(unique(subnetIds), EC2_BATCH.describeSubnetsIds)) {
                out.push(...(await collect((0,client_ec2_dist_cjs/* paginateDescribeSubnets */.vvt)({ client }, { SubnetIds: ids }), (p) => p.Subnets, ec2('DescribeSubnets'))));
            }
            return out;
        },
        async describeSecurityGroups(groupIds) {
            const out = [];
            for (const ids of chunk(unique(groupIds), EC2_BATCH.describeSecurityGroupsIds)) {
                out.push(...(await collect((0,client_ec2_dist_cjs/* paginateDescribeSecurityGroups */.nYn)({ client }, { GroupIds: ids }), (p) => p.SecurityGroups, ec2('DescribeSecurityGroups'))));
            }
            return out;
        },
    };
}

// EXTERNAL MODULE: ./src/engine/cleanup.ts
var engine_cleanup = __webpack_require__(80234);
// EXTERNAL MODULE: ./src/engine/preflight.ts + 2 modules
var engine_preflight = __webpack_require__(77940);
// EXTERNAL MODULE: ./src/report/durations.ts
var durations = __webpack_require__(39523);
// EXTERNAL MODULE: ./src/engine/instances.ts
var engine_instances = __webpack_require__(86122);
// EXTERNAL MODULE: ./src/aws/retry.ts
var retry = __webpack_require__(22495);
// EXTERNAL MODULE: ./src/engine/tags.ts
var engine_tags = __webpack_require__(82225);
;// CONCATENATED MODULE: ./src/engine/start.ts



/** How far before a lost call to look for its job: covers clock skew between runner and AWS. */
const LOOKBACK_MS = 5 * 60_000;
function chunkTagValue(chunkIndex, chunkCount) {
    return `${chunkIndex + 1}/${chunkCount}`;
}
/** The tags of a StartRecovery (product spec "Tags"); values cut to DRS's 256 characters. */
function buildStartTags(ctx, chunk, startedAt) {
    const tags = {
        [engine_tags/* TAG */.Dk.executionId]: ctx.executionId,
        [engine_tags/* TAG */.Dk.mode]: ctx.mode,
        [engine_tags/* TAG */.Dk.plan]: chunk.planName,
        [engine_tags/* TAG */.Dk.wave]: chunk.waveName,
        [engine_tags/* TAG */.Dk.waveIndex]: String(chunk.waveIndex),
        [engine_tags/* TAG */.Dk.chunk]: chunkTagValue(chunk.chunkIndex, chunk.chunkCount),
        [engine_tags/* TAG */.Dk.initiatedBy]: ctx.initiatedBy,
        [engine_tags/* TAG */.Dk.repository]: ctx.repository,
        [engine_tags/* TAG */.Dk.runUrl]: ctx.runUrl,
        [engine_tags/* TAG */.Dk.commit]: ctx.commit,
        [engine_tags/* TAG */.Dk.startedAt]: startedAt,
    };
    const result = {};
    for (const [key, value] of Object.entries(tags)) {
        if (value !== undefined && value !== '')
            result[key] = (0,engine_tags/* cutTagValue */.sS)(value);
    }
    return result;
}
function buildStartRequest(ctx, chunk, startedAt) {
    return {
        sourceServers: chunk.servers.map((s) => s.spec.snapshot
            ? { sourceServerID: s.sourceServerId, recoverySnapshotID: s.spec.snapshot }
            : { sourceServerID: s.sourceServerId }),
        isDrill: ctx.isDrill,
        tags: buildStartTags(ctx, chunk, startedAt),
    };
}
/** The job this chunk started, found by the tags that identify it (execution, wave, chunk). */
function findJobByTags(jobs, tags) {
    const keys = [engine_tags/* TAG */.Dk.executionId, engine_tags/* TAG */.Dk.wave, engine_tags/* TAG */.Dk.chunk];
    return jobs.find((job) => job.type !== 'TERMINATE' && keys.every((k) => tags[k] !== undefined && job.tags?.[k] === tags[k]));
}
function nowIso(deps) {
    return deps.drs.serverTime() ?? new Date(deps.clock.now()).toISOString();
}
function isQuotaExceeded(e) {
    return (typeof e === 'object' && e !== null && e.name === 'ServiceQuotaExceededException');
}
function backoff(deps, attempt, baseMs, maxMs) {
    // Half fixed, half jittered: never a zero wait, still spread out.
    const random = deps.random ?? Math.random;
    return Math.ceil(baseMs / 2) + (0,retry/* backoffDelayMs */.Q4)(attempt, { baseMs, maxMs, random });
}
/** Jobs created since `since`, retrying transient read failures: the look-up resume and lost answers share. */
function readJobsSince(deps, since) {
    return (0,retry/* withRetry */.bD)(() => deps.drs.describeJobsSince(since), {
        isRetryable: retry/* isTransient */.dg,
        maxAttempts: 3,
        baseMs: 1000,
        maxMs: 10_000,
        sleep: (ms) => deps.clock.sleep(ms),
        ...(deps.random ? { random: deps.random } : {}),
    });
}
async function lookForLostJob(deps, since, tags) {
    return findJobByTags(await readJobsSince(deps, since), tags);
}
/**
 * One attempt. Mutates `state` (attempt count, ambiguity) and returns what happened; the caller
 * schedules the next attempt from `delayMs` and bounds the whole by the wave's timeout.
 */
async function attemptStart(deps, request, state) {
    state.attempts += 1;
    const attempt = state.attempts;
    if (state.ambiguousSince !== undefined) {
        try {
            const job = await lookForLostJob(deps, state.ambiguousSince, request.tags);
            if (job)
                return { kind: 'started', job, adopted: true };
        }
        catch (e) {
            // Cannot tell whether the job exists: starting now could duplicate it, so wait and look again.
            return {
                kind: 'wait',
                delayMs: Math.max((0,retry/* retryAfterMs */.Vs)(e) ?? 0, backoff(deps, attempt, 2000, 30_000)),
                reason: `could not check whether the previous StartRecovery created a job: ${(0,errors/* errorMessage */.gJ)(e)}`,
            };
        }
    }
    const callAt = new Date(Date.parse(nowIso(deps)) - LOOKBACK_MS).toISOString();
    try {
        const job = await deps.drs.startRecovery(request);
        return { kind: 'started', job, adopted: false };
    }
    catch (e) {
        if ((0,retry/* isThrottling */.E2)(e)) {
            return {
                kind: 'wait',
                delayMs: Math.max((0,retry/* retryAfterMs */.Vs)(e) ?? 0, backoff(deps, attempt, 1000, 30_000)),
                reason: `StartRecovery was throttled (${(0,errors/* errorMessage */.gJ)(e)})`,
            };
        }
        if ((0,retry/* isServerBusy */.T0)(e)) {
            return {
                kind: 'wait',
                delayMs: backoff(deps, attempt, 10_000, 60_000),
                reason: `a server is still in another DRS job (ConflictException: ${(0,errors/* errorMessage */.gJ)(e)})`,
            };
        }
        if ((0,retry/* isConflict */.dh)(e)) {
            // Any other conflict (e.g. a server in failback, an ARN in use) will not pass by waiting.
            return { kind: 'failed', message: `StartRecovery was refused (ConflictException): ${(0,errors/* errorMessage */.gJ)(e)}` };
        }
        if (isQuotaExceeded(e)) {
            return {
                kind: 'wait',
                delayMs: backoff(deps, attempt, 15_000, 60_000),
                reason: `DRS quotas are full; waiting for active jobs to finish (${(0,errors/* errorMessage */.gJ)(e)})`,
            };
        }
        if ((0,retry/* isTransient */.dg)(e)) {
            if (state.ambiguousSince === undefined)
                state.ambiguousSince = callAt;
            return {
                kind: 'wait',
                delayMs: Math.max((0,retry/* retryAfterMs */.Vs)(e) ?? 0, backoff(deps, attempt, 2000, 30_000)),
                reason: `StartRecovery's answer was lost (${(0,errors/* errorMessage */.gJ)(e)}); looking for the job before trying again`,
            };
        }
        return { kind: 'failed', message: `StartRecovery failed: ${(0,errors/* errorMessage */.gJ)(e)}` };
    }
}

;// CONCATENATED MODULE: ./src/engine/resume.ts




/**
 * How far back to look for this execution's jobs and for other executions' active ones. GitHub allows
 * re-runs long after a run started, but a job still active after a week is not one this action left.
 */
const RESUME_LOOKBACK_MS = 7 * 24 * 3600 * 1000;
function isRecoveryJob(job) {
    return job.type !== 'TERMINATE' && job.jobID !== undefined;
}
/** Sorts the jobs DRS returned into this execution's own and the same plan's other active ones. Pure. */
function classifyJobs(jobs, executionId, planName) {
    const own = [];
    const otherExecutions = [];
    for (const job of jobs) {
        if (!isRecoveryJob(job))
            continue;
        const tags = job.tags ?? {};
        if (tags[engine_tags/* TAG */.Dk.executionId] === executionId)
            own.push(job);
        else if (tags[engine_tags/* TAG */.Dk.plan] === planName && job.status !== 'COMPLETED')
            otherExecutions.push(job);
    }
    own.sort((a, b) => ((0,durations/* parseInstant */.nV)(a.creationDateTime) ?? 0) - ((0,durations/* parseInstant */.nV)(b.creationDateTime) ?? 0));
    return { own, otherExecutions };
}
/** One DescribeJobs pass (all pages) over the lookback window, classified. */
async function findExecutionJobs(deps, executionId, planName) {
    // AWS's clock when a DRS answer has shown it: the runner's may be off, the emulator's is elsewhere.
    const now = Date.parse(deps.drs.serverTime() ?? new Date(deps.clock.now()).toISOString());
    const since = new Date(now - RESUME_LOOKBACK_MS).toISOString();
    return classifyJobs(await readJobsSince(deps, since), executionId, planName);
}
/** Why this run must not start: another execution of the same plan still has active jobs. */
function concurrentExecutionMessage(planName, others) {
    if (others.length === 0)
        return undefined;
    const executions = [...new Set(others.map((j) => j.tags?.[engine_tags/* TAG */.Dk.executionId] ?? 'unknown'))];
    const runUrls = [...new Set(others.flatMap((j) => (j.tags?.[engine_tags/* TAG */.Dk.runUrl] ? [j.tags[engine_tags/* TAG */.Dk.runUrl]] : [])))];
    return (`Another execution of plan "${planName}" is running (${executions.join(', ')}): DRS job(s) ` +
        `${others.map((j) => j.jobID).join(', ')} are still active. Nothing was started; wait for it to end` +
        `${runUrls.length > 0 ? ` (${runUrls.join(', ')})` : ''} or cancel it, then run again.`);
}
/** Key of one chunk of one wave, as the tags on its job name it. */
function chunkKey(waveName, chunkTag) {
    return `${waveName}\u0000${chunkTag}`;
}
/**
 * This execution's earlier jobs by wave and chunk. When one chunk somehow has two jobs (a lost answer
 * adopted late), the oldest wins: it is the one whose servers DRS launched first.
 */
function priorJobsByChunk(own) {
    const byChunk = new Map();
    for (const job of own) {
        const wave = job.tags?.[engine_tags/* TAG */.Dk.wave];
        const chunk = job.tags?.[engine_tags/* TAG */.Dk.chunk];
        if (!wave || !chunk)
            continue;
        const key = chunkKey(wave, chunk);
        if (!byChunk.has(key))
            byChunk.set(key, job);
    }
    return byChunk;
}
/** One line for people about what a re-run attached to. */
function resumeNote(own) {
    if (own.length === 0)
        return undefined;
    const active = own.filter((j) => j.status !== 'COMPLETED').length;
    return (`Resumed: an earlier attempt of this execution started ${own.length} DRS job(s) ` +
        `(${own.map((j) => j.jobID).join(', ')}; ${active} still active). This attempt attached to them ` +
        'instead of starting them again; health times of their servers are when this attempt observed them.');
}
/** (job, source server) pairs the jobs say they launched. */
function launchedServers(jobs) {
    return jobs.flatMap((j) => (j.participatingServers ?? []).flatMap((p) => p.launchStatus === 'LAUNCHED' && p.sourceServerID && j.jobID
        ? [{ jobId: j.jobID, sourceServerId: p.sourceServerID }]
        : []));
}
/**
 * An earlier attempt that ran to its end and cleaned up leaves COMPLETED jobs whose instances are gone.
 * Attaching to them would wait for instances that will never appear: say so instead. `instances` are
 * the recovery instances DRS lists now for those jobs' servers; each launch is matched by its job id
 * (DRS may never have named the instance in the job). Pure.
 */
function finishedExecutionMessage(own, instances) {
    if (own.length === 0 || own.some((j) => j.status !== 'COMPLETED'))
        return undefined;
    const index = (0,engine_instances/* indexRecoveryInstances */.OW)(instances);
    const gone = launchedServers(own).filter((l) => (0,engine_instances/* recoveryInstanceOfJob */.lV)(index, l.jobId, l.sourceServerId) === undefined);
    if (gone.length === 0)
        return undefined;
    return (`An earlier attempt of this workflow run already ran this plan to its end: its ${own.length} DRS ` +
        `job(s) (${own.map((j) => j.jobID).join(', ')}) are complete and ${gone.length} of their recovery ` +
        'instances were terminated since. A re-run resumes that execution rather than starting a new one, ' +
        'so nothing was started: start a new workflow run to run the plan again.');
}
/** Reads which of the instances the jobs launched still exist, and returns the refusal if any are gone. */
async function checkFinishedExecution(deps, own) {
    if (own.length === 0 || own.some((j) => j.status !== 'COMPLETED'))
        return undefined;
    const servers = [...new Set(launchedServers(own).map((l) => l.sourceServerId))];
    if (servers.length === 0)
        return undefined;
    return finishedExecutionMessage(own, await deps.drs.describeRecoveryInstances({ sourceServerIds: servers }));
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

// EXTERNAL MODULE: ./src/engine/poller.ts
var poller = __webpack_require__(74694);
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
    const ends = (0,engine_instances/* launchEnds */.mU)(logs);
    const participants = new Map((job.participatingServers ?? []).map((p) => [p.sourceServerID, p]));
    if (sourceServerIds.some((id) => (0,engine_instances/* appearsLaunched */.lx)(participants.get(id), ends, id)))
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
        error: `Wave "${input.waveName}" timed out after ${input.timeoutSeconds}s: ${lines.join('; ')}`,
        warnings,
    };
}
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
/**
 * Bring a running wave's server entries up to date from the poll state, and log each server's
 * state once per change. `now` is AWS's clock, used only for health first seen passing.
 */
function refreshServers(wave, poll, now, log) {
    const awaitingHealth = [];
    const awaitingStatusChecks = [];
    const awaitingInstance = [];
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
            const { seen, launched: drsLaunched, completedAt, logs, instance, status, } = observeServer(poll, chunk.jobId, id);
            applyObservation(server, seen);
            const logErrors = errorsFromLog(logs, id);
            const disposition = resolved.spec.launch.launchDisposition;
            const check = resolved.spec.healthCheck;
            const launched = drsLaunched && seen.ec2InstanceId !== undefined;
            const health = server.healthyAt
                ? { state: 'passed' }
                : launched
                    ? evaluateHealth({
                        check,
                        ...(disposition ? { launchDisposition: disposition } : {}),
                        instance,
                        status,
                    })
                    : { state: 'pending' };
            const overdue = drsLaunched && !seen.ec2InstanceId && instanceOverdue(completedAt, now);
            outcome = serverOutcome({
                ...seen,
                launched: drsLaunched,
                instanceOverdue: overdue,
                ...(server.launchActions ? { launchActions: server.launchActions } : {}),
                health,
                logErrors,
            });
            if (drsLaunched && !seen.ec2InstanceId && !overdue)
                awaitingInstance.push(id);
            if (outcome.health === 'passed' && !server.healthyAt) {
                server.healthyAt = check === 'none' ? (server.launchedAt ?? now) : now;
            }
            if (health.state === 'failed')
                addOwnError(server, { event: 'HEALTH_CHECK', message: health.reason, at: now });
            server.errors = [...logErrors, ...server.errors.filter((e) => OWN_EVENTS.has(e.event))];
            server.phases = phasesFromLog(logs, id, server.launchedAt);
            if (server.launchedAt) {
                server.phases.push({
                    name: 'boot',
                    startedAt: server.launchedAt,
                    ...(server.healthyAt ? { endedAt: server.healthyAt } : {}),
                });
            }
            if (outcome.result === 'pending' && launched && seen.ec2InstanceId) {
                awaitingHealth.push(seen.ec2InstanceId);
                if (check === 'ec2-status' && disposition !== 'STOPPED')
                    awaitingStatusChecks.push(seen.ec2InstanceId);
            }
        }
        server.health = outcome.health;
        wave.tracking.outcomes.set(id, outcome);
        const line = stateLine(server, outcome);
        if (wave.tracking.logged.get(id) !== line && (chunk?.jobId || chunk?.failure)) {
            wave.tracking.logged.set(id, line);
            log(`[${wave.report.name}] ${serverLabel(server)}: ${line}`);
        }
    });
    wave.tracking.awaitingHealth = awaitingHealth;
    wave.tracking.awaitingStatusChecks = awaitingStatusChecks;
    wave.tracking.awaitingInstance = awaitingInstance;
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

;// CONCATENATED MODULE: ./src/engine/scheduler.ts

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

;// CONCATENATED MODULE: ./src/engine/run.ts







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
            const parts = chunkServers(wave.resolved.servers);
            wave.chunks = parts.map((servers, chunkIndex) => ({
                spec: {
                    planName: executionPlan.plan.name,
                    waveName: name,
                    waveIndex: wave.resolved.wave.index,
                    chunkIndex,
                    chunkCount: parts.length,
                    servers,
                },
                start: { attempts: 0, nextAttemptAtMs: 0 },
                admitted: false,
            }));
            this.deps.log.info(`Wave "${name}": starting ${wave.resolved.servers.length} server(s) in ${parts.length} job(s)`);
            for (const chunk of wave.chunks) {
                const key = chunkKey(name, chunkTagValue(chunk.spec.chunkIndex, chunk.spec.chunkCount));
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
                chunk.request ??= buildStartRequest(this.input.context, chunk.spec, this.now());
                const result = await attemptStart(this.deps, chunk.request, chunk.start);
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
    instanceTags() {
        const { context, executionPlan } = this.input;
        return {
            [engine_tags/* TAG */.Dk.executionId]: context.executionId,
            [engine_tags/* TAG */.Dk.plan]: executionPlan.plan.name,
            [engine_tags/* TAG */.Dk.mode]: context.mode,
        };
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
            instanceTags: this.instanceTags(),
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
            const polled = startOnly ? true : await this.tick();
            startOnly = false;
            if (signal?.aborted)
                continue;
            const { nextTimeout, decided } = this.evaluate();
            await this.flushGroups();
            if (this.waves.every((w) => DONE.has(w.state.status)))
                return this.finalStatus();
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
    finalStatus() {
        const statuses = this.waves.map((w) => w.state.status);
        if (statuses.includes('failed'))
            return 'failed';
        if (statuses.includes('timed-out'))
            return 'timed-out';
        if (statuses.includes('skipped') || statuses.includes('cancelled'))
            return 'failed';
        return 'succeeded';
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

// EXTERNAL MODULE: ./src/report/build.ts
var build = __webpack_require__(95066);
// EXTERNAL MODULE: ./src/run-env.ts
var run_env = __webpack_require__(2612);
// EXTERNAL MODULE: ./src/state-keys.ts
var state_keys = __webpack_require__(10507);
// EXTERNAL MODULE: ./src/report/markdown.ts + 2 modules
var markdown = __webpack_require__(47305);
// EXTERNAL MODULE: ./src/modes/publish.ts + 3 modules
var publish = __webpack_require__(15979);
;// CONCATENATED MODULE: ./src/modes/cancel.ts



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
 * `drs-finished` state and cleans up the drill instances (cleanup policy permitting).
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

// EXTERNAL MODULE: ./src/modes/plan-input.ts
var plan_input = __webpack_require__(61368);
;// CONCATENATED MODULE: ./src/modes/drill.ts
















/** Part of timeout-minutes kept back to capture evidence and clean up after the waves. */
function reserveMs(timeoutMs) {
    return Math.min(5 * 60_000, Math.round(timeoutMs * 0.1));
}
function resolveRegion(inputs, plan, env) {
    const region = inputs.region ?? plan.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (!region) {
        throw new errors/* UserError */.yo('No AWS region: set the plan\'s "region", the action input region, or AWS_REGION.');
    }
    return region;
}
/** A recovery is irreversible: it runs only when asked for by name, from a manual trigger. */
function checkRecoveryGuard(inputs, plan, eventName) {
    if (inputs.confirm !== plan.name) {
        throw new errors/* UserError */.yo(`mode recovery starts a real, irreversible recovery: set the input confirm to the plan's name "${plan.name}" to proceed${inputs.confirm ? ` (got "${inputs.confirm}")` : ''}.`);
    }
    if (eventName !== 'workflow_dispatch' && eventName !== 'repository_dispatch') {
        throw new errors/* UserError */.yo(`mode recovery runs only from a workflow_dispatch or repository_dispatch event, not from "${eventName ?? 'unknown'}".`);
    }
}
function engineLog(io) {
    return {
        info: (m) => io.info(m),
        warning: (m) => io.warning(m),
        error: (m) => io.error(m),
        group: (name, fn) => io.group(name, fn),
    };
}
function describeProblem(p) {
    const who = p.sourceServerId ? `${p.sourceServerId}${p.hostname ? ` (${p.hostname})` : ''}: ` : '';
    const where = p.wave ? `wave ${p.wave}: ` : '';
    return `${where}${who}${p.message}${p.fix ? ` — ${p.fix}` : ''}`;
}
/** Credentials (OIDC role or the default chain), clients, gateways, and the account guard. */
async function openAwsSession(io, inputs, region, expectedAccountId, deps) {
    const credentials = inputs.roleToAssume
        ? (0,aws_credentials/* oidcCredentialProvider */.Yj)({
            roleArn: inputs.roleToAssume,
            sessionName: inputs.roleSessionName,
            region,
            getIdToken: deps.getIdToken,
            env: deps.env,
            onCredentials: (c) => (0,aws_credentials/* maskCredentials */.Bs)(c, (v) => io.setSecret(v)),
            onRetry: (e, attempt) => io.info(`Assuming the role again (attempt ${attempt + 1}): ${String(e)}`),
        })
        : undefined;
    const clients = (0,aws_clients/* createAwsClients */.Gv)({ region, credentials });
    const identity = await (0,aws_credentials/* checkAccount */.g4)(clients.sts, expectedAccountId);
    io.info(`AWS account ${identity.accountId}, acting as ${identity.arn}, region ${region}`);
    return {
        clients,
        drs: createDrsGateway({ drs: clients.drs, drsNoRetry: clients.drsNoRetry }),
        ec2: createEc2Gateway(clients.ec2),
        accountId: identity.accountId,
    };
}
/** `mode: drill` and `mode: recovery`: preflight, launch-config repair, waves, evidence, cleanup. */
async function runDrillMode(io, inputs, run, deps) {
    const mode = inputs.mode === 'recovery' ? 'recovery' : 'drill';
    const startMs = deps.clock.now();
    const plan = await (0,plan_input/* loadSinglePlan */.E)(io, inputs.plan, run.workspace);
    if (mode === 'recovery')
        checkRecoveryGuard(inputs, plan, run.eventName);
    const region = resolveRegion(inputs, plan, deps.env);
    const executionId = (0,run_env/* executionIdOf */.t)(run);
    io.saveState(state_keys/* STATE */.c.executionId, executionId);
    io.saveState(state_keys/* STATE */.c.mode, mode);
    io.saveState(state_keys/* STATE */.c.region, region);
    io.saveState(state_keys/* STATE */.c.cleanup, inputs.cleanup);
    io.saveState(state_keys/* STATE */.c.planName, plan.name);
    const session = await openAwsSession(io, inputs, region, plan.accountId, deps);
    const context = {
        mode,
        isDrill: mode === 'drill',
        executionId,
        region,
        accountId: session.accountId,
        initiatedBy: run.actor,
        repository: run.repository,
        runUrl: (0,run_env/* runUrlOf */.Qm)(run),
        commit: run.sha,
    };
    let report = (0,publish/* newRunReport */.IR)(mode, plan, run, {
        region,
        accountId: session.accountId,
        isDrill: context.isDrill,
        startMs,
    });
    const engine = { drs: session.drs, ec2: session.ec2, clock: deps.clock, log: engineLog(io) };
    const jobIds = new Set();
    const saveJobIds = () => io.saveState(state_keys/* STATE */.c.jobIds, JSON.stringify([...jobIds]));
    try {
        const preflightRun = await untilAbandoned(io.group('Preflight', () => (0,engine_preflight/* runPreflight */.hg)(engine, plan, {
            mode,
            executionId,
            exclude: inputs.exclude,
            replaceRecoveryInstances: inputs.replaceRecoveryInstances,
        })), deps.signal, CANCEL_GRACE_MS);
        if (preflightRun === 'abandoned')
            return await publishCancelled(io, abandonReport(report), inputs, run, deps);
        const preflight = preflightRun;
        // DRS, not the runner, remembers what an earlier attempt of this run started. Read after the
        // preflight so the window is on AWS's clock (its answers set serverTime), and before anything is
        // written, so a concurrent execution is refused with its own message rather than as busy servers.
        const prior = await untilAbandoned(findExecutionJobs(engine, executionId, plan.name), deps.signal, CANCEL_GRACE_MS);
        if (prior === 'abandoned')
            return await publishCancelled(io, abandonReport(report), inputs, run, deps);
        const refusal = concurrentExecutionMessage(plan.name, prior.otherExecutions) ??
            (await checkFinishedExecution(engine, prior.own));
        if (refusal) {
            report.errors.push(refusal);
            io.error(refusal);
            report = (0,build/* finalizeReport */.Fw)(report, new Date(deps.clock.now()).toISOString(), 'failed');
            await (0,publish/* publishReport */.S3)(io, report, inputs, run, deps.env);
            io.saveState(state_keys/* STATE */.c.finished, 'true');
            return report;
        }
        const note = resumeNote(prior.own);
        if (note) {
            report.warnings.push(note);
            io.notice(note);
            for (const job of prior.own)
                if (job.jobID)
                    jobIds.add(job.jobID);
            saveJobIds();
        }
        if (preflight.excluded.length > 0) {
            report.excluded = preflight.excluded;
            const text = `Excluded from this run (input exclude): ${preflight.excluded
                .map((x) => `${x.sourceServerId}${x.hostname ? ` (${x.hostname})` : ''} in wave ${x.wave}`)
                .join(', ')}`;
            report.warnings.push(text);
            io.warning(text);
        }
        for (const w of preflight.warnings) {
            const text = describeProblem(w);
            report.warnings.push(text);
            io.warning(text, w.position);
        }
        if (preflight.problems.length > 0 || !preflight.executionPlan) {
            for (const p of preflight.problems) {
                const text = describeProblem(p);
                report.errors.push(`Preflight: ${text}`);
                io.error(text, p.position);
            }
            report.errors.push('Nothing was started: fix the preflight problems above and run again.');
            report = (0,build/* finalizeReport */.Fw)(report, new Date(deps.clock.now()).toISOString(), 'failed');
            await (0,publish/* publishReport */.S3)(io, report, inputs, run, deps.env);
            io.saveState(state_keys/* STATE */.c.finished, 'true');
            return report;
        }
        const repair = await io.group('Launch configuration', () => (0,launch_config/* repairLaunchConfigurations */.GQ)(engine, preflight.drift, { dryRun: inputs.dryRun, executionId }).then((changes) => ({ changes, failures: [] }), (e) => {
            // Some servers were repaired, some not: record both, and start nothing on a half-repaired estate.
            if (e instanceof launch_config/* LaunchConfigRepairError */.fD)
                return { changes: e.changes, failures: e.failures };
            throw e;
        }));
        report.launchConfigChanges = repair.changes;
        for (const c of repair.changes) {
            io.info(`${c.applied ? 'Changed' : 'Would change'} ${c.sourceServerId} ${c.target}.${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`);
        }
        if (repair.failures.length > 0) {
            for (const f of repair.failures) {
                const text = `Launch configuration of ${f.sourceServerId} could not be written: ${(0,errors/* errorMessage */.gJ)(f.error)}`;
                report.errors.push(text);
                io.error(text);
            }
            report.errors.push('Nothing was started: the launch configurations above must be repaired first.');
            report = (0,build/* finalizeReport */.Fw)(report, new Date(deps.clock.now()).toISOString(), 'failed');
            await (0,publish/* publishReport */.S3)(io, report, inputs, run, deps.env);
            io.saveState(state_keys/* STATE */.c.finished, 'true');
            return report;
        }
        if (inputs.dryRun) {
            report.warnings.push('Dry run: preflight only, no launch configuration written and no recovery started.');
            report = (0,build/* finalizeReport */.Fw)(report, new Date(deps.clock.now()).toISOString(), 'succeeded');
            await (0,publish/* publishReport */.S3)(io, report, inputs, run, deps.env);
            io.saveState(state_keys/* STATE */.c.finished, 'true');
            return report;
        }
        const timeoutMs = inputs.timeoutMinutes * 60_000;
        const execution = await untilAbandoned(runExecution(engine, {
            executionPlan: preflight.executionPlan,
            context,
            report,
            pollIntervalSeconds: inputs.pollIntervalSeconds,
            deadline: startMs + timeoutMs - reserveMs(timeoutMs),
            activeJobs: preflight.activeJobs,
            signal: deps.signal,
            priorJobs: priorJobsByChunk(prior.own),
            onJobStarted: (info) => {
                jobIds.add(info.jobId);
                saveJobIds();
            },
        }), deps.signal, CANCEL_GRACE_MS);
        // The engine returns promptly on abort; an AWS call that hangs must not eat the 5 s the runner gives.
        if (execution === 'abandoned')
            return await publishCancelled(io, abandonReport(report), inputs, run, deps);
        report = execution;
        if (report.status === 'cancelled')
            return await publishCancelled(io, report, inputs, run, deps);
        if (context.isDrill) {
            // Terminate jobs take minutes; a cancellation leaves them to the post step (no drs-finished).
            const interrupted = 'The run was cancelled before its cleanup finished: the post step terminates the drill instances (cleanup policy permitting).';
            const cleanup = deps.signal?.aborted
                ? 'abandoned'
                : await untilAbandoned(io.group('Cleanup', () => (0,engine_cleanup/* cleanupDrillInstances */.Wo)(engine, report, {
                    policy: inputs.cleanup,
                    dryRun: false,
                    deadline: startMs + timeoutMs,
                })), deps.signal, CANCEL_GRACE_MS);
            if (cleanup === 'abandoned') {
                report.errors.push(interrupted);
                return await publishCancelled(io, report, inputs, run, deps);
            }
            report.cleanup = cleanup;
        }
    }
    catch (e) {
        // Whatever broke, the evidence of what had been started is written before the error surfaces.
        report.errors.push(`The run stopped on an error: ${e instanceof Error ? e.message : String(e)}`);
        report = (0,build/* finalizeReport */.Fw)(report, new Date(deps.clock.now()).toISOString(), 'failed');
        await (0,publish/* publishReport */.S3)(io, report, inputs, run, deps.env);
        throw e;
    }
    report = (0,build/* finalizeReport */.Fw)(report, new Date(deps.clock.now()).toISOString());
    for (const missed of (0,build/* objectiveWarnings */.he)(report))
        io.warning(missed);
    await (0,publish/* publishReport */.S3)(io, report, inputs, run, deps.env);
    io.saveState(state_keys/* STATE */.c.finished, 'true');
    return report;
}


/***/ }),

/***/ 61368:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ loadSinglePlan)
/* harmony export */ });
/* harmony import */ var _annotations_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(95642);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(83916);
/* harmony import */ var _plan_load_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(62757);



/** The one plan a drill, recovery or cleanup runs; any error in it stops the run before AWS is touched. */
async function loadSinglePlan(io, pattern, workspace) {
    const paths = await (0,_plan_load_js__WEBPACK_IMPORTED_MODULE_1__/* .expandPlanPaths */ .CN)(pattern, workspace);
    if (paths.length !== 1) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`input plan must name exactly one plan file for this mode; "${pattern}" matches ${paths.length}: ${paths.slice(0, 5).join(', ')}`);
    }
    const result = await (0,_plan_load_js__WEBPACK_IMPORTED_MODULE_1__/* .loadPlanFile */ .w$)(paths[0], { cwd: workspace });
    (0,_annotations_js__WEBPACK_IMPORTED_MODULE_2__/* .annotateDiagnostics */ .b)(io, result.diagnostics);
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
        const response = await client.uploadArtifact(name, files, rootDir);
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
const report_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"DRS drill action report","description":"Evidence of one run of the DRS drill action (report.json). Times are ISO-8601 UTC from DRS or EC2; durations are in seconds.","type":"object","additionalProperties":false,"required":["schemaVersion","mode","executionId","plan","region","isDrill","startedAt","status","objectives","measured","waves","launchConfigChanges","errors","warnings"],"properties":{"schemaVersion":{"const":1},"mode":{"enum":["validate","drill","recovery","cleanup"]},"executionId":{"type":"string","minLength":1,"description":"<repository>/<run id>"},"plan":{"type":"object","additionalProperties":false,"required":["name","path","sha256"],"properties":{"name":{"type":"string","minLength":1},"path":{"type":"string","minLength":1},"sha256":{"type":"string","pattern":"^[0-9a-f]{64}$"},"commit":{"type":"string","minLength":1}}},"initiatedBy":{"type":"string"},"repository":{"type":"string"},"runUrl":{"type":"string"},"region":{"type":"string","minLength":1},"accountId":{"type":"string","pattern":"^[0-9]{12}$"},"isDrill":{"type":"boolean"},"startedAt":{"$ref":"#/$defs/dateTime"},"endedAt":{"$ref":"#/$defs/dateTime"},"status":{"enum":["running","succeeded","failed","cancelled","timed-out"]},"objectives":{"type":"object","additionalProperties":false,"properties":{"rtoSeconds":{"$ref":"#/$defs/seconds"},"rpoSeconds":{"$ref":"#/$defs/seconds"}}},"measured":{"type":"object","additionalProperties":false,"properties":{"rtoSeconds":{"$ref":"#/$defs/seconds"},"rpoSeconds":{"$ref":"#/$defs/seconds"},"rtoMet":{"type":"boolean"},"rpoMet":{"type":"boolean"},"firstStartRecoveryAt":{"$ref":"#/$defs/dateTime"}}},"waves":{"type":"array","items":{"$ref":"#/$defs/wave"}},"launchConfigChanges":{"type":"array","items":{"$ref":"#/$defs/launchConfigChange"}},"excluded":{"type":"array","description":"Servers the input exclude left out of this run","items":{"type":"object","additionalProperties":false,"required":["sourceServerId","wave"],"properties":{"sourceServerId":{"$ref":"#/$defs/sourceServerId"},"hostname":{"type":"string"},"wave":{"type":"string"}}}},"cleanup":{"$ref":"#/$defs/cleanup"},"errors":{"type":"array","items":{"type":"string"}},"warnings":{"type":"array","items":{"type":"string"}}},"$defs":{"dateTime":{"type":"string","description":"ISO-8601 UTC instant, as DRS writes them (fraction optional)","pattern":"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\\\.[0-9]+)?Z$"},"seconds":{"type":"number","minimum":0},"sourceServerId":{"type":"string","pattern":"^s-[0-9a-zA-Z]{17}$"},"wave":{"type":"object","additionalProperties":false,"required":["name","index","dependsOn","status","jobs","servers"],"properties":{"name":{"type":"string","minLength":1},"index":{"type":"integer","minimum":0},"dependsOn":{"type":"array","items":{"type":"string"}},"status":{"enum":["pending","running","succeeded","failed","timed-out","skipped","cancelled"]},"startedAt":{"$ref":"#/$defs/dateTime"},"endedAt":{"$ref":"#/$defs/dateTime"},"jobs":{"type":"array","items":{"$ref":"#/$defs/job"}},"servers":{"type":"array","items":{"$ref":"#/$defs/server"}},"error":{"type":"string"}}},"job":{"type":"object","additionalProperties":false,"required":["jobId","status","sourceServerIds"],"properties":{"jobId":{"type":"string","pattern":"^drsjob-[0-9a-zA-Z]{17}$"},"status":{"enum":["PENDING","STARTED","COMPLETED"]},"createdAt":{"$ref":"#/$defs/dateTime"},"endedAt":{"$ref":"#/$defs/dateTime"},"sourceServerIds":{"type":"array","items":{"$ref":"#/$defs/sourceServerId"}}}},"server":{"type":"object","additionalProperties":false,"required":["sourceServerId","critical","health","phases","errors"],"properties":{"sourceServerId":{"$ref":"#/$defs/sourceServerId"},"hostname":{"type":"string"},"critical":{"type":"boolean"},"jobId":{"type":"string","pattern":"^drsjob-[0-9a-zA-Z]{17}$"},"launchStatus":{"type":"string","minLength":1,"description":"DRS LaunchStatus as DRS sent it (PENDING, IN_PROGRESS, LAUNCHED, FAILED, TERMINATED; a value DRS adds later is kept as is)"},"recoveryInstanceId":{"type":"string","pattern":"^i-[0-9a-fA-F]{8,}$"},"ec2InstanceId":{"type":"string","pattern":"^i-[0-9a-fA-F]{8,}$"},"ec2State":{"type":"string"},"launchedAt":{"$ref":"#/$defs/dateTime"},"healthyAt":{"$ref":"#/$defs/dateTime"},"recoveryPointAt":{"$ref":"#/$defs/dateTime"},"health":{"enum":["pending","passed","failed","skipped"]},"phases":{"type":"array","items":{"$ref":"#/$defs/phase"}},"errors":{"type":"array","items":{"$ref":"#/$defs/serverError"}},"launchActions":{"type":"array","description":"DRS post-launch action runs on the launched instance (participatingServers[].launchActionsStatus.runs), as last seen","items":{"$ref":"#/$defs/launchAction"}}}},"launchAction":{"type":"object","additionalProperties":false,"required":["optional","status"],"properties":{"actionId":{"type":"string"},"name":{"type":"string"},"runId":{"type":"string"},"optional":{"type":"boolean","description":"An optional action\'s failure is a warning; any other failure fails the server"},"status":{"type":"string","minLength":1,"description":"IN_PROGRESS, SUCCEEDED or FAILED"},"failureReason":{"type":"string"}}},"phase":{"type":"object","additionalProperties":false,"required":["name","startedAt"],"properties":{"name":{"enum":["snapshot","conversion","launch","boot"]},"startedAt":{"$ref":"#/$defs/dateTime"},"endedAt":{"$ref":"#/$defs/dateTime"},"failed":{"type":"boolean"}}},"serverError":{"type":"object","additionalProperties":false,"required":["event","message"],"properties":{"event":{"type":"string","minLength":1},"message":{"type":"string"},"rawError":{"type":"string"},"at":{"$ref":"#/$defs/dateTime"}}},"launchConfigChange":{"type":"object","additionalProperties":false,"required":["sourceServerId","target","field","applied"],"properties":{"sourceServerId":{"$ref":"#/$defs/sourceServerId"},"target":{"enum":["launch","template"]},"field":{"type":"string","minLength":1},"from":{"description":"The value before the change (any JSON value; null or absent = was not set)"},"to":{"description":"The value written (any JSON value)"},"templateVersion":{"type":"integer","minimum":1},"applied":{"type":"boolean"}}},"cleanup":{"type":"object","additionalProperties":false,"required":["policy","status","terminateJobIds","instances"],"properties":{"policy":{"type":"string"},"status":{"enum":["skipped","succeeded","failed","dry-run"]},"reason":{"type":"string"},"terminateJobIds":{"type":"array","items":{"type":"string","pattern":"^drsjob-[0-9a-zA-Z]{17}$"}},"instances":{"type":"array","items":{"type":"object","additionalProperties":false,"required":["recoveryInstanceId","result"],"properties":{"recoveryInstanceId":{"type":"string","pattern":"^i-[0-9a-fA-F]{8,}$"},"ec2InstanceId":{"type":"string","pattern":"^i-[0-9a-fA-F]{8,}$"},"sourceServerId":{"$ref":"#/$defs/sourceServerId"},"result":{"type":"string"}}}}}}}}');
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

// EXTERNAL MODULE: ./src/report/markdown.ts + 2 modules
var report_markdown = __webpack_require__(47305);
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
        accountId: at.accountId,
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
async function publishReport(io, report, inputs, run, env) {
    const problems = validateReport(report);
    if (problems.length > 0)
        io.warning(`report.json does not match its schema: ${problems.slice(0, 5).join('; ')}`);
    // Relative to the workspace; an absolute report-dir (e.g. under RUNNER_TEMP) is used as given.
    const dir = (0,external_node_path_.resolve)(run.workspace, inputs.reportDir);
    const name = artifactName(inputs.mode, report.plan.name, run.runId ?? 'local', run.runAttempt);
    let markdown = (0,report_markdown/* renderReportMarkdown */.Ay)(report);
    const { jsonPath, mdPath } = await writeReportFiles(report, dir, markdown);
    io.info(`Evidence written to ${jsonPath} and ${mdPath}`);
    io.setOutput('execution-id', report.executionId);
    io.setOutput('status', report.status === 'running' ? 'failed' : report.status);
    io.setOutput('instance-ids', JSON.stringify(instanceIds(report)));
    io.setOutput('rto-seconds', report.measured.rtoSeconds === undefined ? '' : String(report.measured.rtoSeconds));
    io.setOutput('report-path', jsonPath);
    const upload = await uploadReportArtifact([(0,external_node_path_.join)(dir, REPORT_JSON_FILE), (0,external_node_path_.join)(dir, REPORT_MD_FILE)], dir, name, {
        env,
        log: { notice: (m) => io.notice(m), warning: (m) => io.warning(m) },
    });
    if (upload.url)
        markdown = (0,report_markdown/* renderReportMarkdown */.Ay)(report, { artifactUrl: upload.url });
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
/* harmony import */ var _durations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(39523);

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
    ended.measured = (0,_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .computeMeasurements */ .Po)(ended);
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
        out.push(`RTO objective missed: measured ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(measured.rtoSeconds)}, objective ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatTargetDuration */ .HU)(objectives.rtoSeconds)}.`);
    }
    if (measured.rpoMet === false && measured.rpoSeconds !== undefined) {
        out.push(`RPO objective missed: worst data age ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(measured.rpoSeconds)}, objective ${(0,_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .formatTargetDuration */ .HU)(objectives.rpoSeconds)}.`);
    }
    return out;
}


/***/ }),

/***/ 10507:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ STATE)
/* harmony export */ });
/** Keys of what the main step keeps for the post step (core.saveState / core.getState). */
const STATE = {
    /** Set when the main step reached its end (any status); the post step then does nothing. */
    finished: 'drs-finished',
    executionId: 'drs-execution-id',
    mode: 'drs-mode',
    region: 'drs-region',
    cleanup: 'drs-cleanup',
    planName: 'drs-plan-name',
    /** JSON array of job ids, saved as soon as each job starts. */
    jobIds: 'drs-job-ids',
};


/***/ }),

/***/ 70370:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  A: () => (/* binding */ pLimit)
});

// UNUSED EXPORTS: limitFunction

;// CONCATENATED MODULE: ./node_modules/yocto-queue/index.js
/*
How it works:
`this.#head` is an instance of `Node` which keeps track of its current value and nests another instance of `Node` that keeps the value that comes after it. When a value is provided to `.enqueue()`, the code needs to iterate through `this.#head`, going deeper and deeper to find the last value. However, iterating through every single item is slow. This problem is solved by saving a reference to the last value as `this.#tail` so that it can reference it to add a new value.
*/

class Node {
	value;
	next;

	constructor(value) {
		this.value = value;
	}
}

class Queue {
	#head;
	#tail;
	#size;

	constructor() {
		this.clear();
	}

	enqueue(value) {
		const node = new Node(value);

		if (this.#head) {
			this.#tail.next = node;
			this.#tail = node;
		} else {
			this.#head = node;
			this.#tail = node;
		}

		this.#size++;
	}

	dequeue() {
		const current = this.#head;
		if (!current) {
			return;
		}

		this.#head = this.#head.next;
		this.#size--;

		// Clean up tail reference when queue becomes empty
		if (!this.#head) {
			this.#tail = undefined;
		}

		return current.value;
	}

	peek() {
		if (!this.#head) {
			return;
		}

		return this.#head.value;

		// TODO: Node.js 18.
		// return this.#head?.value;
	}

	clear() {
		this.#head = undefined;
		this.#tail = undefined;
		this.#size = 0;
	}

	get size() {
		return this.#size;
	}

	* [Symbol.iterator]() {
		let current = this.#head;

		while (current) {
			yield current.value;
			current = current.next;
		}
	}

	* drain() {
		while (this.#head) {
			yield this.dequeue();
		}
	}
}

;// CONCATENATED MODULE: ./node_modules/p-limit/index.js


function pLimit(concurrency) {
	let rejectOnClear = false;

	if (typeof concurrency === 'object') {
		({concurrency, rejectOnClear = false} = concurrency);
	}

	validateConcurrency(concurrency);

	if (typeof rejectOnClear !== 'boolean') {
		throw new TypeError('Expected `rejectOnClear` to be a boolean');
	}

	const queue = new Queue();
	let activeCount = 0;

	const resumeNext = () => {
		// Process the next queued function if we're under the concurrency limit
		if (activeCount < concurrency && queue.size > 0) {
			activeCount++;
			queue.dequeue().run();
		}
	};

	const next = () => {
		activeCount--;
		resumeNext();
	};

	const run = async (function_, resolve, arguments_) => {
		// Execute the function and capture the result promise
		const result = (async () => function_(...arguments_))();

		// Resolve immediately with the promise (don't wait for completion)
		resolve(result);

		// Wait for the function to complete (success or failure)
		// We catch errors here to prevent unhandled rejections,
		// but the original promise rejection is preserved for the caller
		try {
			await result;
		} catch {}

		// Decrement active count and process next queued function
		next();
	};

	const enqueue = (function_, resolve, reject, arguments_) => {
		const queueItem = {reject};

		// Queue the internal resolve function instead of the run function
		// to preserve the asynchronous execution context.
		new Promise(internalResolve => { // eslint-disable-line promise/param-names
			queueItem.run = internalResolve;
			queue.enqueue(queueItem);
		}).then(run.bind(undefined, function_, resolve, arguments_)); // eslint-disable-line promise/prefer-await-to-then

		// Start processing immediately if we haven't reached the concurrency limit
		if (activeCount < concurrency) {
			resumeNext();
		}
	};

	const generator = (function_, ...arguments_) => new Promise((resolve, reject) => {
		enqueue(function_, resolve, reject, arguments_);
	});

	Object.defineProperties(generator, {
		activeCount: {
			get: () => activeCount,
		},
		pendingCount: {
			get: () => queue.size,
		},
		clearQueue: {
			value() {
				if (!rejectOnClear) {
					queue.clear();
					return;
				}

				const abortError = AbortSignal.abort().reason;

				while (queue.size > 0) {
					queue.dequeue().reject(abortError);
				}
			},
		},
		concurrency: {
			get: () => concurrency,

			set(newConcurrency) {
				validateConcurrency(newConcurrency);
				concurrency = newConcurrency;

				queueMicrotask(() => {
					// eslint-disable-next-line no-unmodified-loop-condition
					while (activeCount < concurrency && queue.size > 0) {
						resumeNext();
					}
				});
			},
		},
		map: {
			async value(iterable, function_) {
				const promises = [];

				try {
					Array.from(iterable, (value, index) => {
						const promise = generator(function_, value, index);
						promises.push(promise);
						return promise;
					});
				} catch (error) {
					// The iterable threw, so `Promise.all` never observes the already scheduled promises. Observe them here to avoid unhandled rejections.
					for (const promise of promises) {
						promise.catch(() => {}); // eslint-disable-line promise/prefer-await-to-then
					}

					throw error;
				}

				return Promise.all(promises);
			},
		},
	});

	return generator;
}

function limitFunction(function_, options) {
	const limit = pLimit(options);

	const limitedFunction = (...arguments_) => limit(() => function_(...arguments_));
	Object.defineProperty(limitedFunction, 'clearQueue', {
		value: limit.clearQueue,
	});

	return limitedFunction;
}

function validateConcurrency(concurrency) {
	if (!((Number.isInteger(concurrency) || concurrency === Number.POSITIVE_INFINITY) && concurrency > 0)) {
		throw new TypeError('Expected `concurrency` to be a number from 1 and up');
	}
}


/***/ })

};
