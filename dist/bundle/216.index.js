export const id = 216;
export const ids = [216];
export const modules = {

/***/ 40201:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gv: () => (/* binding */ createAwsClients),
/* harmony export */   L5: () => (/* binding */ requestTimeoutsFromEnv),
/* harmony export */   QI: () => (/* binding */ destroyAwsClients),
/* harmony export */   _O: () => (/* binding */ USER_AGENT),
/* harmony export */   n0: () => (/* binding */ handlerTimeouts),
/* harmony export */   yO: () => (/* binding */ clientConfig)
/* harmony export */ });
/* unused harmony export validateRegion */
/* harmony import */ var _aws_sdk_client_drs__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(54722);
/* harmony import */ var _aws_sdk_client_drs__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(_aws_sdk_client_drs__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(35193);
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_6___default = /*#__PURE__*/__webpack_require__.n(_aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_6__);
/* harmony import */ var _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(34736);
/* harmony import */ var _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_8___default = /*#__PURE__*/__webpack_require__.n(_aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_8__);
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(71695);
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_7___default = /*#__PURE__*/__webpack_require__.n(_aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_7__);
/* harmony import */ var _core_clock_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(32257);
/* harmony import */ var _core_names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(22483);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(83916);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(311);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5421);
/**
 * The one place AWS SDK clients are built. Every client is pinned at 3.523 (smithy v2), client-drs's
 * last release that works here, so one SDK generation loads (bench/README.md: "One SDK generation").
 * `handlerTimeouts` still knows smithy v4's option names for a later move of all clients together.
 */










const USER_AGENT = `drs-drill-action/${_version_js__WEBPACK_IMPORTED_MODULE_4__/* .ACTION_VERSION */ .F}`;
function validateRegion(region) {
    const trimmed = region.trim();
    if (!(0,_core_names_js__WEBPACK_IMPORTED_MODULE_1__/* .isValidName */ .uV)('region', trimmed)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`region "${region}" is not a valid AWS region name (lowercase letters, digits and hyphens, e.g. us-east-1)`);
    }
    return trimmed;
}
function validateMaxAttempts(maxAttempts) {
    if (maxAttempts === undefined)
        return 3;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`maxAttempts must be a whole number of at least 1, got ${maxAttempts}`);
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
/**
 * The limits of every AWS request, in real ms: AWS_REQUEST_TIMEOUTS, on the emulator's faster clock
 * when DRS_DRILL_CLOCK_SCALE is honoured (a loopback endpoint), so tests of hangs take seconds.
 */
function requestTimeoutsFromEnv(env) {
    return (0,_http_js__WEBPACK_IMPORTED_MODULE_3__/* .scaleTimeouts */ .Hj)(_http_js__WEBPACK_IMPORTED_MODULE_3__/* .AWS_REQUEST_TIMEOUTS */ .R6, (0,_core_clock_js__WEBPACK_IMPORTED_MODULE_0__/* .clockScaleFromEnv */ .EZ)(env));
}
/**
 * The request handler options for connection and idle limits. Smithy v2 (client-drs) calls socket
 * inactivity `requestTimeout`; smithy v4 calls it `socketTimeout` and uses `requestTimeout` for the
 * wait for headers. The total limit is boundRequests' own.
 */
function handlerTimeouts(smithy, t) {
    return smithy === 'v2'
        ? { connectionTimeout: t.connectMs, requestTimeout: t.idleMs }
        : { connectionTimeout: t.connectMs, socketTimeout: t.idleMs };
}
function createAwsClients(opts) {
    const config = clientConfig(opts);
    const t = opts.timeouts ?? requestTimeoutsFromEnv(process.env);
    const v2 = { ...config, requestHandler: handlerTimeouts('v2', t) };
    const clients = {
        drs: new _aws_sdk_client_drs__WEBPACK_IMPORTED_MODULE_5__.DrsClient(v2),
        drsNoRetry: new _aws_sdk_client_drs__WEBPACK_IMPORTED_MODULE_5__.DrsClient({ ...v2, maxAttempts: 1 }),
        ec2: new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_6__.EC2Client(v2),
        sts: new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_7__.STSClient(v2),
        ssm: new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_8__.SSMClient(v2),
        ssmNoRetry: new _aws_sdk_client_ssm__WEBPACK_IMPORTED_MODULE_8__.SSMClient({ ...v2, maxAttempts: 1 }),
    };
    (0,_http_js__WEBPACK_IMPORTED_MODULE_3__/* .boundRequests */ .XT)(clients.drs, clients.drs.middlewareStack, 'DRS', t.totalMs);
    (0,_http_js__WEBPACK_IMPORTED_MODULE_3__/* .boundRequests */ .XT)(clients.drsNoRetry, clients.drsNoRetry.middlewareStack, 'DRS', t.totalMs);
    (0,_http_js__WEBPACK_IMPORTED_MODULE_3__/* .boundRequests */ .XT)(clients.ec2, clients.ec2.middlewareStack, 'EC2', t.totalMs);
    (0,_http_js__WEBPACK_IMPORTED_MODULE_3__/* .boundRequests */ .XT)(clients.sts, clients.sts.middlewareStack, 'STS', t.totalMs);
    (0,_http_js__WEBPACK_IMPORTED_MODULE_3__/* .boundRequests */ .XT)(clients.ssm, clients.ssm.middlewareStack, 'SSM', t.totalMs);
    (0,_http_js__WEBPACK_IMPORTED_MODULE_3__/* .boundRequests */ .XT)(clients.ssmNoRetry, clients.ssmNoRetry.middlewareStack, 'SSM', t.totalMs);
    return clients;
}
/** Closes the clients' sockets so a finished run does not hold the event loop open. */
function destroyAwsClients(clients) {
    clients.drs.destroy();
    clients.drsNoRetry.destroy();
    clients.ec2.destroy();
    clients.sts.destroy();
    clients.ssm.destroy();
    clients.ssmNoRetry.destroy();
}


/***/ }),

/***/ 96963:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bs: () => (/* binding */ maskCredentials),
/* harmony export */   Rv: () => (/* binding */ DEFAULT_SESSION_SECONDS),
/* harmony export */   To: () => (/* binding */ OIDC_AUDIENCE),
/* harmony export */   Yj: () => (/* binding */ oidcCredentialProvider),
/* harmony export */   _E: () => (/* binding */ DEFAULT_REFRESH_WINDOW_MS),
/* harmony export */   _l: () => (/* binding */ validateRoleArn),
/* harmony export */   g4: () => (/* binding */ checkAccount),
/* harmony export */   h7: () => (/* binding */ memoizeCredentials),
/* harmony export */   mx: () => (/* binding */ validateRoleSessionName)
/* harmony export */ });
/* unused harmony exports defaultRoleSessionName, assertIdTokenAvailable */
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(71695);
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_5___default = /*#__PURE__*/__webpack_require__.n(_aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_5__);
/* harmony import */ var _core_names_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22483);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(83916);
/* harmony import */ var _clients_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(40201);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5421);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(22495);
/**
 * GitHub OIDC → AWS credentials that outlive one role session. A recovery can run longer than the
 * role's session, so instead of exporting one set of keys (as configure-aws-credentials does) we
 * hand the SDK clients a provider that fetches a fresh ID token and re-assumes the role when the
 * current session nears its end.
 *
 * The SDK clients (3.523, smithy v2; later generations do the same) wrap a
 * `credentials` function in `memoizeIdentityProvider` and call it again once the identity has less
 * than 5 minutes left (`isIdentityExpired`, measured with Date.now()). Each client holds its own
 * memo, so we memoize here too: three clients share one session instead of assuming the role thrice,
 * and our window (10 minutes) is wider than the SDK's so a client that asks always gets fresh keys.
 */






const OIDC_AUDIENCE = 'sts.amazonaws.com';
const DEFAULT_SESSION_SECONDS = 3600;
/** Refresh this long before expiry; must exceed the SDK's own 5-minute window. */
const DEFAULT_REFRESH_WINDOW_MS = 10 * 60_000;
/** After a failed refresh, keep serving still-valid keys this long before trying STS again. */
const FAILED_REFRESH_COOLDOWN_MS = 30_000;
/** Keys with less than this left are not served after a failed refresh. */
const MIN_USABLE_MS = 60_000;
function validateRoleSessionName(name) {
    if (!(0,_core_names_js__WEBPACK_IMPORTED_MODULE_0__/* .isValidName */ .uV)('roleSessionName', name)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`role-session-name "${name}" is invalid: it must be 2 to 64 characters of letters, digits and _+=,.@-`);
    }
    return name;
}
/** `drs-drill-<run id>`, with characters STS refuses replaced and cut to 64. */
function defaultRoleSessionName(runId) {
    const id = String(runId ?? '').trim();
    const name = (id === '' ? 'drs-drill' : `drs-drill-${id}`).replace(SESSION_NAME_REFUSED, '-');
    return name.slice(0, 64);
}
function validateRoleArn(roleArn) {
    const trimmed = roleArn.trim();
    if (!(0,_core_names_js__WEBPACK_IMPORTED_MODULE_0__/* .isValidName */ .uV)('roleArn', trimmed)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`role-to-assume "${roleArn}" is not an IAM role ARN (expected arn:aws:iam::<12-digit account>:role/<name>)`);
    }
    return trimmed;
}
/** Without `permissions: id-token: write` the runner does not offer the token endpoint at all. */
function assertIdTokenAvailable(env) {
    const missing = ['ACTIONS_ID_TOKEN_REQUEST_URL', 'ACTIONS_ID_TOKEN_REQUEST_TOKEN'].filter((k) => !env[k]);
    if (missing.length > 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`role-to-assume is set but this job cannot request a GitHub OIDC token (${missing.join(' and ')} not set): ` +
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
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo)
        return false;
    if (error instanceof IdTokenError)
        return true;
    const name = error?.name;
    // The token endpoint or IdP hiccuped, or our token aged out during a slow retry: a new token helps.
    if (name === 'IDPCommunicationErrorException' || name === 'ExpiredTokenException')
        return true;
    return (0,_retry_js__WEBPACK_IMPORTED_MODULE_4__/* .isTransient */ .dg)(error);
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
/** The STS client for AssumeRoleWithWebIdentity, its requests bounded like every other AWS request. */
function boundedSts(opts, timeouts) {
    const sts = new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_5__.STSClient({
        region: opts.region,
        customUserAgent: _clients_js__WEBPACK_IMPORTED_MODULE_2__/* .USER_AGENT */ ._O,
        requestHandler: (0,_clients_js__WEBPACK_IMPORTED_MODULE_2__/* .handlerTimeouts */ .n0)('v2', timeouts),
        ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    });
    (0,_http_js__WEBPACK_IMPORTED_MODULE_3__/* .boundRequests */ .XT)(sts, sts.middlewareStack, 'STS', timeouts.totalMs);
    return sts;
}
/**
 * `work`, or a rejection once `ms` have passed. The toolkit's ID token request has no time limit of
 * its own; a request left behind keeps its socket until the server lets go.
 */
function withinTime(work, ms) {
    let timer;
    const limit = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
        timer.unref();
    });
    return Promise.race([work, limit]).finally(() => clearTimeout(timer));
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`role session duration must be 900 to 43200 seconds, got ${durationSeconds}`);
    }
    assertIdTokenAvailable(opts.env ?? process.env);
    const audience = opts.audience ?? OIDC_AUDIENCE;
    const timeouts = opts.timeouts ?? (0,_clients_js__WEBPACK_IMPORTED_MODULE_2__/* .requestTimeoutsFromEnv */ .L5)(opts.env ?? process.env);
    const sts = opts.sts ?? boundedSts(opts, timeouts);
    const assumeOnce = async () => {
        let token;
        try {
            token = await withinTime(opts.getIdToken(audience), timeouts.totalMs);
        }
        catch (error) {
            if (/ACTIONS_ID_TOKEN_REQUEST_(URL|TOKEN)/.test((0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error))) {
                assertIdTokenAvailable({});
            }
            throw new IdTokenError(`could not get a GitHub ID token: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}`, { cause: error });
        }
        const out = await sts.send(new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_5__.AssumeRoleWithWebIdentityCommand({
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
            return await (0,_retry_js__WEBPACK_IMPORTED_MODULE_4__/* .withRetry */ .bD)(assumeOnce, {
                isRetryable: isRetryableAssumeError,
                maxAttempts: opts.maxAttempts ?? 5,
                baseMs: 200,
                maxMs: 5_000,
                sleep: opts.sleep ?? _retry_js__WEBPACK_IMPORTED_MODULE_4__/* .sleep */ .yy,
                ...(opts.random ? { random: opts.random } : {}),
                ...(opts.onRetry ? { onRetry: opts.onRetry } : {}),
            });
        }
        catch (error) {
            if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo)
                throw error;
            const message = `Could not assume role ${roleArn} with GitHub OIDC: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}${hintFor(error)}`;
            // Configuration faults are the user's to fix; what survived the retries is an outage.
            if (isRetryableAssumeError(error))
                throw new Error(message, { cause: error });
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(message, undefined, { cause: error });
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
        identity = await sts.send(new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_5__.GetCallerIdentityCommand({}));
    }
    catch (error) {
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo)
            throw error;
        throw new Error(`Could not identify the AWS credentials (sts:GetCallerIdentity): ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error)}`, {
            cause: error,
        });
    }
    const accountId = identity.Account ?? '';
    const arn = identity.Arn ?? '';
    if (!(0,_core_names_js__WEBPACK_IMPORTED_MODULE_0__/* .isValidName */ .uV)('accountId', accountId)) {
        throw new Error(`sts:GetCallerIdentity returned no valid account id (got "${accountId}")`);
    }
    if (expected !== undefined && expected !== accountId) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`plan accountId ${expected} does not match the credentials' account ${accountId}: refusing to run`);
    }
    return { accountId, arn };
}


/***/ }),

/***/ 5421:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hj: () => (/* binding */ scaleTimeouts),
/* harmony export */   R6: () => (/* binding */ AWS_REQUEST_TIMEOUTS),
/* harmony export */   XT: () => (/* binding */ boundRequests)
/* harmony export */ });
/* unused harmony exports RequestTimeoutError, UnexpectedAnswerError, answerExcerpt */
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(57075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Time limits on every HTTP request to AWS, and readable errors for answers that are not AWS's.
 *
 * No SDK generation bounds a whole exchange: the clients here (3.523, smithy v2) read
 * `requestTimeout` as socket inactivity, and smithy v4 clients time only the wait for the
 * response headers (and only warn unless told to throw); neither times the body. An answer that
 * trickles one byte every few seconds would hold a call open for hours. So each client's request
 * handler is wrapped: a timer from sending to the answer's last byte aborts the request, or destroys
 * its body, with a TimeoutError, which the SDK and `isTransient` retry like a 5xx.
 *
 * An error page instead of an AWS answer (a 503 from a proxy or load balancer, in HTML) would surface
 * as "Unexpected token '<' … is not valid JSON" (DRS) or "Unknown" (EC2, STS). The wrapper keeps a
 * short excerpt of any body that is neither JSON nor XML, and a middleware turns the SDK's error into
 * one that names the HTTP status and shows that excerpt.
 */

/** Against AWS: DRS and EC2 answer in well under a second, a large page in a few seconds. */
const AWS_REQUEST_TIMEOUTS = { connectMs: 10_000, idleMs: 30_000, totalMs: 60_000 };
/** Real-time floors when the limits follow a faster clock: even a loopback emulator needs a moment. */
const SCALED_FLOORS = { connectMs: 250, idleMs: 500, totalMs: 1000 };
/** The limits on a clock running `scale` times faster than real time (the emulator's), in real ms. */
function scaleTimeouts(limits, scale) {
    if (scale === 1)
        return limits;
    const scaled = (key) => Math.max(SCALED_FLOORS[key], Math.round(limits[key] / scale));
    return { connectMs: scaled('connectMs'), idleMs: scaled('idleMs'), totalMs: scaled('totalMs') };
}
/** A request that did not complete within its time limit. Retried like a 5xx. */
class RequestTimeoutError extends Error {
    /** The name both SDK generations and `isTransient` treat as a transient failure. */
    name = 'TimeoutError';
    code = 'ETIMEDOUT';
    /** Present so that the SDK's deserializer does not append its "Deserialization error" hint. */
    $metadata = {};
}
/** An answer whose body is not an AWS answer (an HTML error page, say), with its status and an excerpt. */
class UnexpectedAnswerError extends Error {
    name = 'UnexpectedAnswerError';
    $metadata;
    $fault;
    constructor(message, status, response) {
        super(message);
        this.$metadata = { httpStatusCode: status };
        this.$fault = status >= 500 ? 'server' : 'client';
        Object.defineProperty(this, '$response', { value: response });
    }
}
const EXCERPT_CHARS = 200;
const CAPTURE_BYTES = 64 * 1024;
/** Access key ids, and long runs of token characters (session tokens, signatures) an echo could carry. */
const SECRET_LIKE = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b|[A-Za-z0-9+/=_-]{32,}/g;
/**
 * What a person needs from a body that is not an AWS answer: its visible text (tags dropped),
 * whitespace collapsed, anything that looks like a credential or token redacted, at most 200
 * characters, JSON-quoted so that no control character or line break survives.
 */
function answerExcerpt(text) {
    const visible = text
        .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
        .replace(/<[^>]*>/g, ' ')
        .replace(/&nbsp;/gi, ' ');
    const words = visible.replace(/\s+/g, ' ').trim() || text.replace(/\s+/g, ' ').trim();
    const redacted = words.replace(SECRET_LIKE, '[redacted]');
    const chars = Array.from(redacted);
    return JSON.stringify(chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS - 1).join('')}…` : redacted);
}
/** Excerpts of the bodies that were not AWS answers, by the response object the SDK hands on as `$response`. */
const excerpts = new WeakMap();
function contentTypeOf(response) {
    for (const [name, value] of Object.entries(response.headers ?? {})) {
        if (name.toLowerCase() === 'content-type' && typeof value === 'string')
            return value;
    }
    return '';
}
async function readCapped(body) {
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
        chunks.push(buffer);
        size += buffer.length;
        if (size >= CAPTURE_BYTES) {
            body.destroy();
            break;
        }
    }
    return Buffer.concat(chunks);
}
function seconds(ms) {
    return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
/** One exchange under a total time limit, the caller's abort signal still honoured. */
async function handleBounded(inner, request, options, totalMs) {
    const controller = new AbortController();
    let timedOut;
    let body;
    const timer = setTimeout(() => {
        timedOut = new RequestTimeoutError(`no complete answer within ${seconds(totalMs)}`);
        // The body first, so that its reader gets this error rather than the socket's "aborted".
        body?.destroy(timedOut);
        controller.abort(timedOut);
    }, totalMs);
    // Only a request in flight (its socket) may keep the process alive, never this timer.
    timer.unref();
    const outer = options.abortSignal;
    const onOuterAbort = () => {
        body?.destroy(outer?.reason instanceof Error ? outer.reason : new Error('Request aborted'));
        controller.abort(outer?.reason);
    };
    if (outer?.aborted)
        onOuterAbort();
    else
        outer?.addEventListener?.('abort', onOuterAbort, { once: true });
    const settle = () => {
        clearTimeout(timer);
        outer?.removeEventListener?.('abort', onOuterAbort);
    };
    try {
        const out = await inner.handle(request, { ...options, abortSignal: controller.signal });
        const { response } = out;
        if (!(response.body instanceof node_stream__WEBPACK_IMPORTED_MODULE_0__.Readable)) {
            settle();
            return out;
        }
        body = response.body;
        if (timedOut)
            throw timedOut;
        if (/json|xml/i.test(contentTypeOf(response))) {
            body.once('end', settle);
            body.once('close', settle);
            return out;
        }
        // Not an AWS answer (or an empty one): small, so read it now and keep an excerpt for the error.
        const bytes = await readCapped(body);
        settle();
        excerpts.set(response, answerExcerpt(bytes.toString('utf8')));
        response.body = node_stream__WEBPACK_IMPORTED_MODULE_0__.Readable.from([bytes]);
        return out;
    }
    catch (e) {
        settle();
        throw timedOut ?? e;
    }
}
/** The SDK's error, or a clearer one when the answer was not an AWS answer or did not come in time. */
function explainError(e, what) {
    if (e instanceof Error && e.name === 'TimeoutError') {
        // Ours, or the SDK's connection or inactivity limit: say which call it was.
        if (!e.message.startsWith(`${what}:`))
            e.message = `${what}: ${e.message}`;
        return e;
    }
    const response = typeof e === 'object' && e !== null ? e.$response : undefined;
    if (typeof response !== 'object' || response === null || !('statusCode' in response))
        return e;
    const excerpt = excerpts.get(response);
    if (excerpt === undefined && !(e instanceof SyntaxError))
        return e;
    const { statusCode } = response;
    const type = contentTypeOf(response) || 'no content type';
    const shown = excerpt === undefined ? '' : excerpt === '""' ? ': an empty body' : `: ${excerpt}`;
    return new UnexpectedAnswerError(`${what}: AWS answered HTTP ${statusCode} with a body that is not a valid answer (${type})${shown}`, statusCode, response);
}
/**
 * Bounds every request the client sends by `totalMs` (its connection and idle limits are the request
 * handler's own options, set when the client is built) and makes answers that are not AWS's readable.
 * `client` is the SDK client (its resolved config is read on every send), `stack` its middleware stack;
 * `service` names it in messages (`DRS DescribeJobs: …`).
 */
function boundRequests(client, stack, service, totalMs) {
    const config = client.config;
    const inner = config.requestHandler;
    config.requestHandler = new Proxy(inner, {
        get(target, prop) {
            if (prop === 'handle') {
                return (request, options = {}) => handleBounded(target, request, options, totalMs);
            }
            const value = Reflect.get(target, prop, target);
            return typeof value === 'function' ? value.bind(target) : value;
        },
    });
    const middleware = (next, context) => async (args) => {
        try {
            return await next(args);
        }
        catch (e) {
            const command = String(context.commandName ?? '').replace(/Command$/, '');
            throw explainError(e, command ? `${service} ${command}` : service);
        }
    };
    // High priority: outside the SDK's deserializer, so its parse errors pass through here.
    stack.add(middleware, { step: 'deserialize', priority: 'high', name: 'drsDrillAnswers' });
}


/***/ }),

/***/ 52766:
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
    /** The step (GitHub job) of an execution run over several steps (input `waves`) that started the job. */
    step: `${TAG_PREFIX}step`,
    /**
     * Written on a job when its step ends, so a later step (another runner, another workspace) reads the
     * wave's verdict and end from DRS rather than from a file: absent means the step never finished it.
     */
    waveStatus: `${TAG_PREFIX}wave-status`,
    waveEndedAt: `${TAG_PREFIX}wave-ended-at`,
    /** Written with the wave's verdict when it has checks: `<check>=<status>` entries joined by `/`. */
    waveChecks: `${TAG_PREFIX}wave-checks`,
    /** Written with the wave's verdict: when the last of its checks passed (the RTO's end for that wave). */
    checksPassedAt: `${TAG_PREFIX}checks-passed-at`,
    /** Written on an EC2 recovery instance when its step ends: when its health check was seen passing. */
    healthyAt: `${TAG_PREFIX}healthy-at`,
};
/** DRS and EC2 cap tag values at 256 characters. */
const MAX_TAG_VALUE_LENGTH = 256;
function cutTagValue(value) {
    return value.length <= MAX_TAG_VALUE_LENGTH ? value : value.slice(0, MAX_TAG_VALUE_LENGTH);
}


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ ACTION_VERSION)
/* harmony export */ });
/* unused harmony export ACTION_REPOSITORY */
/**
 * The action's version, in step with package.json `version` (a test checks): `drs-drill --version`
 * prints it and the AWS user agent carries it, so CloudTrail shows which release made a call.
 */
const ACTION_VERSION = '0.1.0';
/**
 * The repository the action is released from: workflows `uses:` it, the schemas are published from it
 * (schemaUrl in scripts/release-notes.ts) and the user agent carries its name.
 */
const ACTION_REPOSITORY = 'drs-drill-action/drs-drill-action';


/***/ })

};
