export const id = 187;
export const ids = [187];
export const modules = {

/***/ 61187:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  parseCommandFile: () => (/* binding */ parseCommandFile),
  parseRehearseArgs: () => (/* binding */ parseRehearseArgs),
  rehearse: () => (/* binding */ rehearse)
});

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(31421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(73136);
;// CONCATENATED MODULE: ./emulator/scenario.ts
const DEFAULT_DRS_BEHAVIOUR = {
    recoveryInstanceIdInJob: 'until-completed',
    previousRecoveryInstance: 'keep',
    launchConfigurationWritesTemplate: true,
};
/** What `hostileStrings: true` injects: line breaks, workflow commands and the legacy `##[` form. */
const HOSTILE_PAYLOAD = ' \r\n::error::emulator-injected\n::stop-commands::emulator-pause\r::add-mask::emulator-mask\n##[add-mask]emulator-legacy';
const DEFAULT_TIMINGS = {
    pending: [5, 20],
    stagger: [0, 10],
    snapshot: [60, 180],
    conversionDelay: [10, 10],
    conversion: [180, 480],
    launchDelay: [5, 5],
    launch: [60, 120],
    jobEnd: [5, 15],
    boot: [120, 240],
    terminate: [60, 120],
};
/**
 * `timings: captured`: the phases of the two-server Linux drill jobs in
 * captures/drs-plan-automation-sample_result.json (us-west-2, 2022-12-07). Boot and terminate
 * were not captured and keep the defaults.
 */
const CAPTURED_TIMINGS = {
    pending: [0.3, 0.4], // JOB_START 0.30 s and 0.36 s after creationDateTime
    stagger: [0.35, 0.45], // SNAPSHOT_START 0.40–0.43 s after JOB_START
    snapshot: [0.15, 0.25], // SNAPSHOT_END 0.18–0.19 s later
    conversionDelay: [51, 52.5], // CONVERSION_START 51.2–52.0 s after SNAPSHOT_END (≈ 52 s after JOB_START)
    conversion: [170, 200], // CONVERSION_END 174.7–197.5 s later
    launchDelay: [0.45, 0.75], // LAUNCH_START 0.48–0.70 s after CONVERSION_END
    launch: [275, 312], // LAUNCH_END 277.9–309.9 s after LAUNCH_START
    jobEnd: [2, 3], // JOB_END 2.13–2.81 s after the last LAUNCH_END
    boot: DEFAULT_TIMINGS.boot,
    terminate: DEFAULT_TIMINGS.terminate,
};
const TIMING_PROFILES = { default: DEFAULT_TIMINGS, captured: CAPTURED_TIMINGS };
class ScenarioError extends Error {
    name = 'ScenarioError';
}

;// CONCATENATED MODULE: ./emulator/reader.ts
/**
 * Checked reading of scenario values (YAML turned into plain values): every mistake names its place,
 * `file:line:col` in a scenario file, and unknown keys are errors.
 */

class Reader {
    file;
    where;
    constructor(file, where) {
        this.file = file;
        this.where = where;
    }
    fail(path, message, atKey = false) {
        const field = path.length ? ` ${path.join('.')}` : '';
        throw new ScenarioError(`${this.where(path, atKey)}:${field} ${message}`);
    }
    obj(v, path, allowed) {
        if (v === undefined || v === null)
            return {};
        if (typeof v !== 'object' || Array.isArray(v))
            this.fail(path, 'must be a mapping');
        for (const k of Object.keys(v)) {
            if (!allowed.includes(k))
                this.fail([...path, k], `is not a known field (expected one of: ${allowed.join(', ')})`, true);
        }
        return v;
    }
    list(v, path) {
        if (v === undefined || v === null)
            return [];
        if (!Array.isArray(v))
            this.fail(path, 'must be a list');
        return v;
    }
    str(v, path, pattern, fallback) {
        if (v === undefined || v === null) {
            if (fallback !== undefined)
                return fallback;
            this.fail(path, 'is required');
        }
        if (v instanceof Date)
            return v.toISOString();
        if (typeof v !== 'string' && typeof v !== 'number')
            this.fail(path, 'must be a string');
        const s = String(v);
        if (pattern && !pattern.test(s))
            this.fail(path, `'${s}' does not match ${pattern.source}`);
        return s;
    }
    num(v, path, fallback, min = 0, max = Number.MAX_SAFE_INTEGER) {
        if (v === undefined || v === null)
            return fallback;
        if (typeof v !== 'number' || Number.isNaN(v))
            this.fail(path, 'must be a number');
        if (v < min || v > max)
            this.fail(path, `must be between ${min} and ${max}`);
        return v;
    }
    bool(v, path, fallback) {
        if (v === undefined || v === null)
            return fallback;
        if (typeof v !== 'boolean')
            this.fail(path, 'must be true or false');
        return v;
    }
    oneOf(v, path, values, fallback) {
        if (v === undefined || v === null)
            return fallback;
        if (!values.includes(v))
            this.fail(path, `must be one of ${values.join(', ')}`);
        return v;
    }
    strMap(v, path) {
        if (v === undefined || v === null)
            return {};
        if (typeof v !== 'object' || Array.isArray(v))
            this.fail(path, 'must be a mapping of strings');
        const out = {};
        for (const [k, x] of Object.entries(v))
            out[k] = this.str(x, [...path, k]);
        return out;
    }
    get fileName() {
        return this.file;
    }
}
const RE = {
    server: /^s-[0-9a-zA-Z]{17}$/,
    job: /^drsjob-[0-9a-zA-Z]{17}$/,
    instance: /^i-[0-9a-f]{8,17}$/,
    lt: /^lt-[0-9a-f]{8,17}$/,
    subnet: /^subnet-[0-9a-f]{8,17}$/,
    sg: /^sg-[0-9a-f]{8,17}$/,
    vpc: /^vpc-[0-9a-f]{8,17}$/,
    pit: /^pit-[0-9a-zA-Z]{17}$/,
    uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
    // The DRS model's patterns for LaunchActionName, SsmDocumentName and FailureReason.
    actionName: /^[A-Za-z0-9][A-Za-z0-9 /_-]*$/,
    ssmDocument: /^([A-Za-z0-9-/:])+$/,
    failureReason: /^[0-9a-zA-Z ():/.,'-_#*;]*$/,
    account: /^[0-9]{12}$/,
    cidr: /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/,
    ip: /^\d{1,3}(\.\d{1,3}){3}$/,
};

;// CONCATENATED MODULE: ./emulator/faults-load.ts
/** The `faults:` block of a scenario (and the body of `POST /_emulator/faults`), read and checked. */


const PHASES = ['snapshot', 'conversion', 'launch'];
/** Faults in scenario syntax (the `faults:` block as JSON), for the control API. */
function parseFaults(value, sourceServerIds) {
    const r = new Reader('<faults>', () => '<faults>');
    return readFaults(r, value, new Set(sourceServerIds));
}
function readRates(r, v, p) {
    const o = r.obj(v, p, Object.keys((v ?? {})));
    const out = {};
    for (const [k, x] of Object.entries(o))
        out[k] = r.num(x, [...p, k], 0, 0, 1);
    return out;
}
function readFaults(r, v, servers) {
    const o = r.obj(v, ['faults'], [
        'servers',
        'missingEc2Permissions',
        'throttle',
        'serverErrors',
        'latencyMs',
        'drop',
        'startRecoveryLost',
        'neverHealthy',
        'hang',
        'slowLoris',
        'repeatNextToken',
        'startRecoveryNoJob',
        'htmlErrors',
        'hostileStrings',
    ]);
    const perServer = {};
    for (const [id, x] of Object.entries(r.obj(o.servers, ['faults', 'servers'], [...servers]))) {
        const q = ['faults', 'servers', id];
        const f = r.obj(x, q, ['phase', 'rawError']);
        perServer[id] = {
            phase: r.oneOf(f.phase, [...q, 'phase'], PHASES, 'conversion'),
            rawError: r.str(f.rawError, [...q, 'rawError'], undefined, `Simulated ${String(f.phase ?? 'conversion')} failure`),
        };
    }
    let missing = false;
    if (o.missingEc2Permissions === true)
        missing = { action: 'ec2:RunInstances', logFailure: false };
    else if (o.missingEc2Permissions !== undefined && o.missingEc2Permissions !== false) {
        const m = r.obj(o.missingEc2Permissions, ['faults', 'missingEc2Permissions'], ['action', 'logFailure']);
        missing = {
            action: r.str(m.action, ['faults', 'missingEc2Permissions', 'action'], /^ec2:\w+$/, 'ec2:RunInstances'),
            logFailure: r.bool(m.logFailure, ['faults', 'missingEc2Permissions', 'logFailure'], false),
        };
    }
    const t = r.obj(o.throttle, ['faults', 'throttle'], ['rate', 'operations', 'retryAfterSeconds']);
    const e = r.obj(o.serverErrors, ['faults', 'serverErrors'], ['rate', 'operations']);
    let latencyMs = { min: 0, max: 0 };
    if (typeof o.latencyMs === 'number')
        latencyMs = { min: o.latencyMs, max: o.latencyMs };
    else if (o.latencyMs !== undefined) {
        const l = r.obj(o.latencyMs, ['faults', 'latencyMs'], ['min', 'max']);
        latencyMs = {
            min: r.num(l.min, ['faults', 'latencyMs', 'min'], 0),
            max: r.num(l.max, ['faults', 'latencyMs', 'max'], 0),
        };
    }
    const drop = r.list(o.drop, ['faults', 'drop']).map((x, i) => {
        const q = ['faults', 'drop', i];
        const d = r.obj(x, q, ['operation', 'when', 'count', 'reply']);
        return {
            operation: r.str(d.operation, [...q, 'operation'], /^\w+$/),
            when: r.oneOf(d.when, [...q, 'when'], ['before', 'after'], 'after'),
            count: r.num(d.count, [...q, 'count'], 1, 1),
            reply: r.oneOf(d.reply, [...q, 'reply'], ['dropped', 'server-error'], 'dropped'),
        };
    });
    const lost = r.num(o.startRecoveryLost, ['faults', 'startRecoveryLost'], 0, 0);
    if (lost > 0)
        drop.push({ operation: 'StartRecovery', when: 'after', count: lost });
    const neverHealthy = r.list(o.neverHealthy, ['faults', 'neverHealthy']).map((x, i) => {
        const id = r.str(x, ['faults', 'neverHealthy', i], RE.server);
        if (!servers.has(id))
            r.fail(['faults', 'neverHealthy', i], `unknown source server ${id}`);
        return id;
    });
    const h = r.obj(o.htmlErrors, ['faults', 'htmlErrors'], ['rate', 'operations']);
    let hostile = false;
    if (o.hostileStrings === true)
        hostile = HOSTILE_PAYLOAD;
    else if (o.hostileStrings !== undefined && o.hostileStrings !== false)
        hostile = r.str(o.hostileStrings, ['faults', 'hostileStrings']);
    return {
        servers: perServer,
        missingEc2Permissions: missing,
        throttle: {
            rate: r.num(t.rate, ['faults', 'throttle', 'rate'], 0, 0, 1),
            operations: readRates(r, t.operations, ['faults', 'throttle', 'operations']),
            retryAfterSeconds: r.num(t.retryAfterSeconds, ['faults', 'throttle', 'retryAfterSeconds'], 1, 0),
        },
        serverErrors: {
            rate: r.num(e.rate, ['faults', 'serverErrors', 'rate'], 0, 0, 1),
            operations: readRates(r, e.operations, ['faults', 'serverErrors', 'operations']),
        },
        latencyMs,
        drop,
        neverHealthy,
        hang: r.list(o.hang, ['faults', 'hang']).map((x, i) => {
            const q = ['faults', 'hang', i];
            const rule = {
                ...readCallRule(r, x, q, ['when']),
                when: r.oneOf(x.when, [...q, 'when'], ['before', 'after'], 'before'),
            };
            return rule;
        }),
        slowLoris: r.list(o.slowLoris, ['faults', 'slowLoris']).map((x, i) => {
            const q = ['faults', 'slowLoris', i];
            const rule = {
                ...readCallRule(r, x, q, ['byteSeconds']),
                byteSeconds: r.num(x.byteSeconds, [...q, 'byteSeconds'], 2, 0.001),
            };
            return rule;
        }),
        repeatNextToken: r
            .list(o.repeatNextToken, ['faults', 'repeatNextToken'])
            .map((x, i) => r.str(x, ['faults', 'repeatNextToken', i], /^\w+$/)),
        startRecoveryNoJob: r.num(o.startRecoveryNoJob, ['faults', 'startRecoveryNoJob'], 0, 0),
        htmlErrors: {
            rate: r.num(h.rate, ['faults', 'htmlErrors', 'rate'], 0, 0, 1),
            operations: readRates(r, h.operations, ['faults', 'htmlErrors', 'operations']),
        },
        hostileStrings: hostile,
    };
}
/** `{ operation, skip, count }` (plus the rule's own `extra` keys, read by the caller). */
function readCallRule(r, v, q, extra) {
    const o = r.obj(v, q, ['operation', 'skip', 'count', ...extra]);
    return {
        operation: r.str(o.operation, [...q, 'operation'], /^\w+$/),
        skip: r.num(o.skip, [...q, 'skip'], 0, 0),
        ...(o.count === undefined ? {} : { count: r.num(o.count, [...q, 'count'], 1, 1) }),
    };
}
/** No faults at all: what a scenario without a `faults:` block gets. */
function noFaults() {
    return parseFaults(undefined, []);
}

;// CONCATENATED MODULE: ./emulator/estate.ts
/**
 * Large estates without a large file: `generateEstate(n)` builds n source servers in five tiers
 * (`App=big`, `Tier=t1`…`t5`, contiguous blocks), each with a launch template that is already
 * launchable (subnet and security group set). Used by tests, the benchmark and `generate:` in YAML.
 */


const ESTATE_SUBNET = 'subnet-0b1000000000000a1';
const ESTATE_VPC = 'vpc-0b1000000000000a1';
const ESTATE_SG = 'sg-0b1000000000000a1';
/** `s-` + 17 hex digits of the index: s-00000000000000000, s-00000000000000001, … */
function estateServerId(index) {
    return `s-${index.toString(16).padStart(17, '0')}`;
}
function estateParts(n, startTime) {
    const perTier = Math.max(1, Math.ceil(n / 5));
    const servers = [];
    const templates = [];
    const t0 = Date.parse(startTime);
    for (let i = 0; i < n; i++) {
        const sourceServerID = estateServerId(i);
        const launchTemplateId = `lt-${(0xe0000 + i).toString(16).padStart(17, '0')}`;
        const tier = `t${Math.min(5, Math.floor(i / perTier) + 1)}`;
        const hostname = `big-${tier}-${String(i).padStart(4, '0')}.big.internal`;
        templates.push({
            launchTemplateId,
            name: `drs-${hostname}`,
            defaultVersion: 1,
            versions: [
                { subnetId: ESTATE_SUBNET, networkInterfaceGroupIds: [ESTATE_SG], instanceType: 'm6i.large' },
            ],
        });
        servers.push({
            sourceServerID,
            hostname,
            fqdn: hostname,
            tags: { App: 'big', Tier: tier },
            replicationState: 'CONTINUOUS',
            lagSeconds: 5 + (i % 20),
            snapshots: [
                {
                    snapshotID: `pit-${i.toString(36).padStart(17, '0')}`,
                    timestamp: new Date(t0 - 600_000).toISOString(),
                },
            ],
            launchTemplateId,
            launchDisposition: 'STARTED',
            rightSizing: 'NONE',
            copyPrivateIp: false,
            copyTags: false,
            osByol: false,
            launchActions: [],
        });
    }
    return { servers, templates };
}
function generateEstate(n, startTime = '2025-06-02T09:00:00Z') {
    const { servers, templates } = estateParts(n, startTime);
    return {
        accountId: '111122223333',
        region: 'us-east-1',
        startTime,
        defaultVpc: false,
        servers,
        launchTemplates: templates,
        subnets: [
            { subnetId: ESTATE_SUBNET, vpcId: ESTATE_VPC, cidr: '10.16.0.0/16', availabilityZone: 'us-east-1a' },
        ],
        securityGroups: [{ groupId: ESTATE_SG, vpcId: ESTATE_VPC, name: 'big-recovery' }],
        recoveryInstances: [],
        jobs: [],
        timings: { ...DEFAULT_TIMINGS },
        drs: { ...DEFAULT_DRS_BEHAVIOUR },
        faults: noFaults(),
        sts: {},
    };
}

;// CONCATENATED MODULE: ./emulator/from-plan.ts

const VPC = 'vpc-0ae0000000000000a';
const DEFAULT_SUBNET = 'subnet-0ae0000000000000a';
const DEFAULT_SG = 'sg-0ae0000000000000a';
/** Servers a tag selector stands for: more than one, as tags usually select a tier. */
const PER_TAG_SELECTOR = 2;
const hex = (n, width) => n.toString(16).padStart(width, '0');
/** A generated server's hostname: what a hostname selector names, else one derived from the tags or id. */
function hostnameOf(selector, n) {
    if (selector.kind === 'hostname')
        return selector.hostname.includes('.') ? selector.hostname : `${selector.hostname}.rehearse.internal`;
    if (selector.kind === 'id')
        return `${selector.sourceServerId}.rehearse.internal`;
    const label = Object.values(selector.tags)
        .join('-')
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, '') || 'server';
    return `${label}-${String(n).padStart(2, '0')}.rehearse.internal`;
}
/** The subnets the plan names (each a /24 of one VPC) and its security groups, plus a default pair. */
function network(plan) {
    const specs = plan.waves.flatMap((w) => w.servers);
    const subnetIds = [
        DEFAULT_SUBNET,
        ...new Set(specs.flatMap((s) => (s.template.subnetId ? [s.template.subnetId] : []))),
    ];
    const groupIds = [DEFAULT_SG, ...new Set(specs.flatMap((s) => s.template.securityGroupIds ?? []))];
    return {
        subnets: [...new Set(subnetIds)].map((subnetId, k) => ({
            subnetId,
            vpcId: VPC,
            cidr: `10.42.${k}.0/24`,
            availabilityZone: `${plan.region ?? 'us-east-1'}a`,
        })),
        securityGroups: [...new Set(groupIds)].map((groupId) => ({ groupId, vpcId: VPC, name: 'rehearse' })),
    };
}
/** The estate of a plan, on top of the emulator's defaults (timings, DRS behaviour, no faults). */
function scenarioFromPlan(plan, startTime = '2025-06-02T09:00:00Z') {
    const base = generateEstate(0, startTime);
    const net = network(plan);
    const cidrOf = new Map(net.subnets.map((s, k) => [s.subnetId, k]));
    const servers = [];
    const templates = [];
    const seen = new Set();
    for (const wave of plan.waves) {
        for (const spec of wave.servers) {
            const count = spec.selector.kind === 'tags' ? PER_TAG_SELECTOR : 1;
            for (let c = 0; c < count; c++) {
                const n = servers.length;
                const id = spec.selector.kind === 'id' ? spec.selector.sourceServerId : `s-0ae${hex(n, 14)}`;
                if (seen.has(id))
                    continue;
                seen.add(id);
                const subnetId = spec.template.subnetId ?? DEFAULT_SUBNET;
                const launchTemplateId = `lt-0ae${hex(n, 14)}`;
                templates.push({
                    launchTemplateId,
                    name: `drs-${id}`,
                    defaultVersion: 1,
                    versions: [
                        { subnetId: DEFAULT_SUBNET, networkInterfaceGroupIds: [DEFAULT_SG], instanceType: 'm6i.large' },
                    ],
                });
                const hostname = hostnameOf(spec.selector, n);
                servers.push({
                    sourceServerID: id,
                    hostname,
                    fqdn: hostname,
                    tags: spec.selector.kind === 'tags' ? { ...spec.selector.tags } : {},
                    replicationState: 'CONTINUOUS',
                    lagSeconds: 3 + (n % 8),
                    snapshots: [
                        ...(spec.snapshot
                            ? [
                                {
                                    snapshotID: spec.snapshot,
                                    timestamp: new Date(Date.parse(startTime) - 3_600_000).toISOString(),
                                },
                            ]
                            : []),
                        ...[50, 40, 30, 20, 10].map((m, k) => ({
                            snapshotID: `pit-0ae${hex(n, 10)}${hex(k, 4)}`,
                            timestamp: new Date(Date.parse(startTime) - m * 60_000).toISOString(),
                        })),
                    ],
                    sourceIp: `10.42.${cidrOf.get(subnetId) ?? 0}.${10 + (n % 240)}`,
                    launchTemplateId,
                    launchDisposition: 'STARTED',
                    rightSizing: 'NONE',
                    copyPrivateIp: false,
                    copyTags: false,
                    osByol: false,
                    launchActions: [],
                });
            }
        }
    }
    return {
        ...base,
        ...(plan.accountId ? { accountId: plan.accountId } : {}),
        ...(plan.region ? { region: plan.region } : {}),
        servers,
        launchTemplates: templates,
        ...net,
    };
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./emulator/random.ts
/**
 * Deterministic randomness. Jitter is derived from (seed, key) rather than drawn from one stream, so
 * a job's phase durations do not depend on how many other requests happened to arrive first.
 */
/** 32-bit FNV-1a: a stable hash of a string. */
function hash32(text) {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
}
/** A UUID-shaped id (8-4-4-4-12 hex) fixed by a text: launch action and run ids. */
function uuidFrom(text) {
    const h = [0, 1, 2, 3].map((i) => hash32(`${i}:${text}`).toString(16).padStart(8, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
/** mulberry32: a small seeded generator of floats in [0, 1). */
function createRandom(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
/** A value in [min, max] fixed by (seed, key). */
function jitter(seed, key, min, max) {
    const r = createRandom(hash32(`${seed}:${key}`))();
    return min + r * (max - min);
}
/** Generates ids of a given shape from a seeded stream, never repeating one. */
class IdFactory {
    random;
    used = new Set();
    constructor(seed) {
        this.random = createRandom(seed ^ 0x5bd1e995);
    }
    chars(alphabet, n) {
        let out = '';
        for (let i = 0; i < n; i++)
            out += alphabet[Math.floor(this.random() * alphabet.length)];
        return out;
    }
    next(prefix, alphabet, n) {
        for (;;) {
            const id = prefix + this.chars(alphabet, n);
            if (!this.used.has(id)) {
                this.used.add(id);
                return id;
            }
        }
    }
    /** Marks scenario ids as taken so generated ones never collide with them. */
    reserve(id) {
        this.used.add(id);
    }
    jobId() {
        return this.next('drsjob-', ALNUM, 17);
    }
    instanceId() {
        return this.next('i-', HEX, 17);
    }
    snapshotId() {
        return this.next('pit-', ALNUM, 17);
    }
    requestId() {
        const h = this.chars(HEX, 32);
        return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
}
const HEX = '0123456789abcdef';
const ALNUM = '0123456789abcdefghijklmnopqrstuvwxyz';

;// CONCATENATED MODULE: ./emulator/ssm-scenario.ts
/**
 * The scenario's `ssm:` block: which instances register with Systems Manager and when, what Run
 * Command answers, and how post-launch actions put through PutLaunchAction end. Read with the same
 * checked Reader as the rest of the scenario (file:line:col on every mistake).
 */

const DEFAULT_SSM = {
    documents: [],
    registerSeconds: 30,
    servers: {},
    commands: [],
    launchActions: [],
};
const DOCUMENT = /^[a-zA-Z0-9_\-.:/]{3,128}$/;
function readCommandRule(r, v, p) {
    const o = r.obj(v, p, [
        'server',
        'document',
        'contains',
        'status',
        'hang',
        'exitCode',
        'output',
        'outputBytes',
        'seconds',
    ]);
    const status = r.oneOf(o.status, [...p, 'status'], ['Success', 'Failed', 'TimedOut'], 'Success');
    return {
        ...(o.server === undefined ? {} : { server: r.str(o.server, [...p, 'server'], RE.server) }),
        ...(o.document === undefined ? {} : { document: r.str(o.document, [...p, 'document'], DOCUMENT) }),
        ...(o.contains === undefined ? {} : { contains: r.str(o.contains, [...p, 'contains']) }),
        status,
        hang: r.bool(o.hang, [...p, 'hang'], false),
        exitCode: r.num(o.exitCode, [...p, 'exitCode'], status === 'Success' ? 0 : 1, -1, 255),
        output: r.str(o.output, [...p, 'output'], undefined, status === 'Success' ? 'ok\n' : ''),
        ...(o.outputBytes === undefined
            ? {}
            : { outputBytes: r.num(o.outputBytes, [...p, 'outputBytes'], 0, 0, 8 * 1024 * 1024) }),
        seconds: r.num(o.seconds, [...p, 'seconds'], 5, 0, 86_400),
    };
}
function readLaunchActionRule(r, v, p) {
    const o = r.obj(v, p, ['server', 'name', 'actionCode', 'result', 'failureReason', 'seconds']);
    const result = r.oneOf(o.result, [...p, 'result'], ['SUCCEEDED', 'FAILED'], 'SUCCEEDED');
    if (o.failureReason !== undefined && result !== 'FAILED')
        r.fail([...p, 'failureReason'], 'is only allowed with result: FAILED');
    return {
        ...(o.server === undefined ? {} : { server: r.str(o.server, [...p, 'server'], RE.server) }),
        ...(o.name === undefined ? {} : { name: r.str(o.name, [...p, 'name'], RE.actionName) }),
        ...(o.actionCode === undefined
            ? {}
            : { actionCode: r.str(o.actionCode, [...p, 'actionCode'], RE.ssmDocument) }),
        result,
        ...(result === 'FAILED'
            ? { failureReason: r.str(o.failureReason, [...p, 'failureReason'], RE.failureReason, 'failed') }
            : {}),
        seconds: r.num(o.seconds, [...p, 'seconds'], 60, 0, 86_400),
    };
}
function readSsm(r, v) {
    const p = ['ssm'];
    const o = r.obj(v, p, ['documents', 'registerSeconds', 'servers', 'commands', 'launchActions']);
    const servers = {};
    const so = r.obj(o.servers, [...p, 'servers'], Object.keys(o.servers ?? {}));
    for (const [id, x] of Object.entries(so)) {
        r.str(id, [...p, 'servers', id], RE.server);
        const e = r.obj(x, [...p, 'servers', id], ['register']);
        servers[id] = {
            register: e.register === 'never'
                ? 'never'
                : r.num(e.register, [...p, 'servers', id, 'register'], 30, 0, 86_400),
        };
    }
    return {
        documents: r
            .list(o.documents, [...p, 'documents'])
            .map((d, i) => r.str(d, [...p, 'documents', i], DOCUMENT)),
        registerSeconds: r.num(o.registerSeconds, [...p, 'registerSeconds'], DEFAULT_SSM.registerSeconds, 0, 86_400),
        servers,
        commands: r
            .list(o.commands, [...p, 'commands'])
            .map((x, i) => readCommandRule(r, x, [...p, 'commands', i])),
        launchActions: r
            .list(o.launchActions, [...p, 'launchActions'])
            .map((x, i) => readLaunchActionRule(r, x, [...p, 'launchActions', i])),
    };
}

;// CONCATENATED MODULE: ./emulator/scenario-load.ts
/**
 * Reads a scenario YAML file into a checked `Scenario`. Every mistake is reported as
 * `file:line:col: message`; unknown keys are errors so that a typo never silently does nothing.
 */








const REPLICATION_STATES = [
    'STOPPED',
    'INITIATING',
    'INITIAL_SYNC',
    'BACKLOG',
    'CREATING_SNAPSHOT',
    'CONTINUOUS',
    'PAUSED',
    'RESCAN',
    'STALLED',
    'DISCONNECTED',
];
function loadScenarioFile(path) {
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch {
        throw new ScenarioError(`${path}: cannot read the scenario file`);
    }
    return parseScenario(text, path);
}
function parseScenario(text, file = '<scenario>') {
    const lines = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: lines, prettyErrors: false });
    const first = doc.errors[0];
    if (first) {
        const pos = lines.linePos(first.pos[0]);
        throw new ScenarioError(`${file}:${pos.line}:${pos.col}: invalid YAML: ${first.message.split('\n')[0]}`);
    }
    const where = (path, atKey) => {
        // Report the deepest node that exists along the path.
        for (let n = path.length; n >= 0; n--) {
            const node = doc.getIn(path.slice(0, n), true);
            const parent = n > 0 ? doc.getIn(path.slice(0, n - 1), true) : undefined;
            // For a bad key, point at the key itself rather than its value.
            if (atKey && n === path.length && (0,dist/* isMap */.jh)(parent)) {
                const pair = parent.items.find((p) => p.key?.value === path[n - 1]);
                const keyRange = pair?.key?.range;
                if (keyRange) {
                    const pos = lines.linePos(keyRange[0]);
                    return `${file}:${pos.line}:${pos.col}`;
                }
            }
            if (node?.range) {
                const pos = lines.linePos(node.range[0]);
                return `${file}:${pos.line}:${pos.col}`;
            }
        }
        return `${file}:1:1`;
    };
    const r = new Reader(file, where);
    return readScenario(r, doc.toJS());
}
function readScenario(r, raw) {
    const top = r.obj(raw, [], [
        'accountId',
        'region',
        'startTime',
        'defaultVpc',
        'subnets',
        'securityGroups',
        'launchTemplates',
        'sourceServers',
        'recoveryInstances',
        'jobs',
        'timings',
        'drs',
        'faults',
        'sts',
        'ssm',
        'description',
        'generate',
    ]);
    const startTime = r.str(top.startTime, ['startTime'], undefined, '2025-06-02T09:00:00Z');
    if (Number.isNaN(Date.parse(startTime)))
        r.fail(['startTime'], `'${startTime}' is not an ISO-8601 time`);
    const subnets = r.list(top.subnets, ['subnets']).map((v, i) => {
        const p = ['subnets', i];
        const o = r.obj(v, p, ['id', 'vpcId', 'cidr', 'availabilityZone']);
        return {
            subnetId: r.str(o.id, [...p, 'id'], RE.subnet),
            vpcId: r.str(o.vpcId, [...p, 'vpcId'], RE.vpc),
            cidr: r.str(o.cidr, [...p, 'cidr'], RE.cidr),
            availabilityZone: r.str(o.availabilityZone, [...p, 'availabilityZone'], undefined, ''),
        };
    });
    const securityGroups = r.list(top.securityGroups, ['securityGroups']).map((v, i) => {
        const p = ['securityGroups', i];
        const o = r.obj(v, p, ['id', 'vpcId', 'name']);
        const groupId = r.str(o.id, [...p, 'id'], RE.sg);
        return {
            groupId,
            vpcId: r.str(o.vpcId, [...p, 'vpcId'], RE.vpc),
            name: r.str(o.name, [...p, 'name'], undefined, groupId),
        };
    });
    const launchTemplates = r.list(top.launchTemplates, ['launchTemplates']).map((v, i) => {
        const p = ['launchTemplates', i];
        const o = r.obj(v, p, ['id', 'name', 'defaultVersion', 'versions']);
        const versions = r.list(o.versions, [...p, 'versions']).map((x, j) => {
            const q = [...p, 'versions', j];
            const vo = r.obj(x, q, [
                'subnetId',
                'securityGroupIds',
                'networkInterfaceGroupIds',
                'instanceType',
                'instanceProfile',
                'privateIpAddress',
            ]);
            return {
                subnetId: vo.subnetId === undefined ? undefined : r.str(vo.subnetId, [...q, 'subnetId'], RE.subnet),
                securityGroupIds: vo.securityGroupIds === undefined
                    ? undefined
                    : r
                        .list(vo.securityGroupIds, [...q, 'securityGroupIds'])
                        .map((g, k) => r.str(g, [...q, 'securityGroupIds', k], RE.sg)),
                networkInterfaceGroupIds: vo.networkInterfaceGroupIds === undefined
                    ? undefined
                    : r
                        .list(vo.networkInterfaceGroupIds, [...q, 'networkInterfaceGroupIds'])
                        .map((g, k) => r.str(g, [...q, 'networkInterfaceGroupIds', k], RE.sg)),
                instanceType: vo.instanceType === undefined ? undefined : r.str(vo.instanceType, [...q, 'instanceType']),
                instanceProfile: vo.instanceProfile === undefined ? undefined : r.str(vo.instanceProfile, [...q, 'instanceProfile']),
                privateIpAddress: vo.privateIpAddress === undefined
                    ? undefined
                    : r.str(vo.privateIpAddress, [...q, 'privateIpAddress'], RE.ip),
            };
        });
        if (versions.length === 0)
            r.fail([...p, 'versions'], 'needs at least one version');
        const launchTemplateId = r.str(o.id, [...p, 'id'], RE.lt);
        return {
            launchTemplateId,
            name: r.str(o.name, [...p, 'name'], undefined, launchTemplateId),
            versions,
            defaultVersion: r.num(o.defaultVersion, [...p, 'defaultVersion'], 1, 1, versions.length),
        };
    });
    const startMs = Date.parse(startTime);
    const servers = r
        .list(top.sourceServers, ['sourceServers'])
        .map((v, i) => readServer(r, v, ['sourceServers', i], startMs, launchTemplates));
    const generated = r.num(top.generate, ['generate'], 0, 0, 4000);
    if (generated > 0) {
        // `generate: n` adds n launchable servers in five tiers (see estate.ts) to whatever is declared.
        const parts = estateParts(generated, startTime);
        servers.push(...parts.servers);
        launchTemplates.push(...parts.templates);
        subnets.push({ subnetId: ESTATE_SUBNET, vpcId: ESTATE_VPC, cidr: '10.16.0.0/16', availabilityZone: '' });
        securityGroups.push({ groupId: ESTATE_SG, vpcId: ESTATE_VPC, name: 'big-recovery' });
    }
    const seen = new Set();
    servers.forEach((s, i) => {
        if (seen.has(s.sourceServerID))
            r.fail(['sourceServers', i, 'id'], `duplicate source server ${s.sourceServerID}`);
        seen.add(s.sourceServerID);
    });
    const recoveryInstances = r.list(top.recoveryInstances, ['recoveryInstances']).map((v, i) => {
        const p = ['recoveryInstances', i];
        const o = r.obj(v, p, [
            'id',
            'ec2InstanceId',
            'sourceServerId',
            'isDrill',
            'jobId',
            'state',
            'launchedAt',
        ]);
        const sourceServerID = r.str(o.sourceServerId, [...p, 'sourceServerId'], RE.server);
        if (!seen.has(sourceServerID))
            r.fail([...p, 'sourceServerId'], `unknown source server ${sourceServerID}`);
        return {
            recoveryInstanceID: r.str(o.id, [...p, 'id'], RE.instance),
            ec2InstanceID: r.str(o.ec2InstanceId, [...p, 'ec2InstanceId'], RE.instance),
            sourceServerID,
            isDrill: r.bool(o.isDrill, [...p, 'isDrill'], true),
            jobID: o.jobId === undefined ? undefined : r.str(o.jobId, [...p, 'jobId'], RE.job),
            state: r.oneOf(o.state, [...p, 'state'], ['running', 'stopped'], 'running'),
            launchedAt: o.launchedAt === undefined ? undefined : r.str(o.launchedAt, [...p, 'launchedAt']),
        };
    });
    const jobs = r.list(top.jobs, ['jobs']).map((v, i) => {
        const p = ['jobs', i];
        const o = r.obj(v, p, ['id', 'sourceServerIds', 'isDrill', 'startOffsetMinutes']);
        const ids = r.list(o.sourceServerIds, [...p, 'sourceServerIds']).map((x, k) => {
            const id = r.str(x, [...p, 'sourceServerIds', k], RE.server);
            if (!seen.has(id))
                r.fail([...p, 'sourceServerIds', k], `unknown source server ${id}`);
            return id;
        });
        if (ids.length === 0)
            r.fail([...p, 'sourceServerIds'], 'needs at least one source server');
        return {
            jobID: r.str(o.id, [...p, 'id'], RE.job),
            sourceServerIDs: ids,
            isDrill: r.bool(o.isDrill, [...p, 'isDrill'], true),
            startOffsetMinutes: r.num(o.startOffsetMinutes, [...p, 'startOffsetMinutes'], 0, -1e6, 1e6),
        };
    });
    return {
        accountId: r.str(top.accountId, ['accountId'], RE.account, '111122223333'),
        region: r.str(top.region, ['region'], /^[a-z0-9-]+$/, 'us-east-1'),
        startTime,
        defaultVpc: r.bool(top.defaultVpc, ['defaultVpc'], false),
        servers,
        launchTemplates,
        subnets,
        securityGroups,
        recoveryInstances,
        jobs,
        timings: readTimings(r, top.timings),
        drs: readDrs(r, top.drs),
        faults: readFaults(r, top.faults, seen),
        ssm: readSsm(r, top.ssm),
        sts: r.obj(top.sts, ['sts'], ['sessionSeconds', 'maxSessionSeconds', 'roleArn', 'expiredKeys', 'failures']),
    };
}
function readServer(r, v, p, startMs, templates) {
    const o = r.obj(v, p, [
        'id',
        'hostname',
        'fqdn',
        'tags',
        'replicationState',
        'lagSeconds',
        'snapshots',
        'sourceIp',
        'recommendedInstanceType',
        'launchTemplateId',
        'launch',
        'launchActions',
    ]);
    const sourceServerID = r.str(o.id, [...p, 'id'], RE.server);
    const hostname = r.str(o.hostname, [...p, 'hostname']);
    const launch = r.obj(o.launch, [...p, 'launch'], ['launchDisposition', 'rightSizing', 'copyPrivateIp', 'copyTags', 'osByol']);
    let launchTemplateId;
    if (o.launchTemplateId === undefined) {
        // DRS creates one template per source server; scenarios may leave it implicit.
        launchTemplateId = `lt-${hash32(sourceServerID).toString(16).padStart(8, '0')}${hash32(`${sourceServerID}:lt`).toString(16).padStart(8, '0').slice(0, 9)}`;
        templates.push({
            launchTemplateId,
            name: `drs-${hostname}`,
            versions: [{ instanceType: 't3.medium' }],
            defaultVersion: 1,
        });
    }
    else {
        launchTemplateId = r.str(o.launchTemplateId, [...p, 'launchTemplateId'], RE.lt);
        if (!templates.some((t) => t.launchTemplateId === launchTemplateId))
            r.fail([...p, 'launchTemplateId'], `unknown launch template ${launchTemplateId} (declare it under launchTemplates)`);
    }
    const snapshots = o.snapshots === undefined
        ? defaultSnapshots(sourceServerID, startMs)
        : r.list(o.snapshots, [...p, 'snapshots']).map((x, k) => {
            const so = r.obj(x, [...p, 'snapshots', k], ['id', 'time']);
            const timestamp = r.str(so.time, [...p, 'snapshots', k, 'time']);
            if (Number.isNaN(Date.parse(timestamp)))
                r.fail([...p, 'snapshots', k, 'time'], `'${timestamp}' is not an ISO-8601 time`);
            return {
                snapshotID: r.str(so.id, [...p, 'snapshots', k, 'id'], RE.pit),
                timestamp: new Date(timestamp).toISOString(),
            };
        });
    return {
        sourceServerID,
        hostname,
        fqdn: o.fqdn === undefined ? undefined : r.str(o.fqdn, [...p, 'fqdn']),
        tags: r.strMap(o.tags, [...p, 'tags']),
        replicationState: r.oneOf(o.replicationState, [...p, 'replicationState'], REPLICATION_STATES, 'CONTINUOUS'),
        lagSeconds: r.num(o.lagSeconds, [...p, 'lagSeconds'], 5),
        snapshots,
        sourceIp: o.sourceIp === undefined ? undefined : r.str(o.sourceIp, [...p, 'sourceIp'], RE.ip),
        recommendedInstanceType: o.recommendedInstanceType === undefined
            ? undefined
            : r.str(o.recommendedInstanceType, [...p, 'recommendedInstanceType']),
        launchTemplateId,
        launchDisposition: r.oneOf(launch.launchDisposition, [...p, 'launch', 'launchDisposition'], ['STARTED', 'STOPPED'], 'STARTED'),
        rightSizing: r.oneOf(launch.rightSizing, [...p, 'launch', 'rightSizing'], ['NONE', 'BASIC', 'IN_AWS'], 'BASIC'),
        copyPrivateIp: r.bool(launch.copyPrivateIp, [...p, 'launch', 'copyPrivateIp'], false),
        copyTags: r.bool(launch.copyTags, [...p, 'launch', 'copyTags'], false),
        osByol: r.bool(launch.osByol, [...p, 'launch', 'osByol'], false),
        launchActions: r
            .list(o.launchActions, [...p, 'launchActions'])
            .map((x, k) => readLaunchAction(r, x, [...p, 'launchActions', k], sourceServerID)),
    };
}
const ACTION_CATEGORIES = ['MONITORING', 'VALIDATION', 'CONFIGURATION', 'SECURITY', 'OTHER'];
function readLaunchAction(r, v, p, sourceServerID) {
    const o = r.obj(v, p, [
        'actionId',
        'name',
        'actionCode',
        'type',
        'order',
        'optional',
        'category',
        'description',
        'result',
        'failureReason',
        'seconds',
    ]);
    const name = r.str(o.name, [...p, 'name'], RE.actionName);
    if (name.length > 256)
        r.fail([...p, 'name'], 'must be at most 256 characters');
    const index = Number(p.at(-1));
    const result = r.oneOf(o.result, [...p, 'result'], ['SUCCEEDED', 'FAILED'], 'SUCCEEDED');
    if (o.failureReason !== undefined && result !== 'FAILED')
        r.fail([...p, 'failureReason'], 'is only allowed with result: FAILED');
    const failureReason = result === 'FAILED'
        ? r.str(o.failureReason, [...p, 'failureReason'], RE.failureReason, `${name} failed`)
        : undefined;
    if (failureReason !== undefined && failureReason.length > 256)
        r.fail([...p, 'failureReason'], 'must be at most 256 characters');
    return {
        actionId: r.str(o.actionId, [...p, 'actionId'], RE.uuid, uuidFrom(`${sourceServerID}:action:${index}`)),
        name,
        actionCode: r.str(o.actionCode, [...p, 'actionCode'], RE.ssmDocument, 'AWSMigration-VerifyProcessIsRunning'),
        type: r.oneOf(o.type, [...p, 'type'], ['SSM_COMMAND', 'SSM_AUTOMATION'], 'SSM_COMMAND'),
        order: r.num(o.order, [...p, 'order'], 2 + index, 2, 10_000),
        optional: r.bool(o.optional, [...p, 'optional'], false),
        category: r.oneOf(o.category, [...p, 'category'], ACTION_CATEGORIES, 'OTHER'),
        description: r.str(o.description, [...p, 'description'], undefined, ''),
        result,
        failureReason,
        seconds: r.num(o.seconds, [...p, 'seconds'], 60, 0, 86_400),
    };
}
/** Six recovery points, ten minutes apart, ending at the scenario start. */
function defaultSnapshots(sourceServerID, startMs) {
    return [6, 5, 4, 3, 2, 1].map((k) => {
        const h = `${hash32(`${sourceServerID}:${k}`).toString(36)}${hash32(`${k}:${sourceServerID}`).toString(36)}00000000000000000`;
        return {
            snapshotID: `pit-${h.slice(0, 17)}`,
            timestamp: new Date(startMs - (k - 1) * 600_000 - 60_000).toISOString(),
        };
    });
}
/** `timings: captured`, or a mapping of phases on top of `profile:` (default `default`). */
function readTimings(r, v) {
    const profiles = Object.keys(TIMING_PROFILES);
    if (typeof v === 'string')
        return { ...TIMING_PROFILES[r.oneOf(v, ['timings'], profiles, 'default')] };
    const keys = Object.keys(TIMING_PROFILES.default);
    const o = r.obj(v, ['timings'], ['profile', ...keys]);
    const out = { ...TIMING_PROFILES[r.oneOf(o.profile, ['timings', 'profile'], profiles, 'default')] };
    for (const k of keys) {
        if (o[k] === undefined)
            continue;
        const pair = r.list(o[k], ['timings', k]);
        const lo = r.num(pair[0], ['timings', k, 0], Number.NaN);
        const hi = r.num(pair[1], ['timings', k, 1], Number.NaN);
        if (pair.length !== 2 || Number.isNaN(lo) || Number.isNaN(hi) || lo > hi)
            r.fail(['timings', k], 'must be [min, max] seconds with min <= max');
        out[k] = [lo, hi];
    }
    return out;
}
function readDrs(r, v) {
    const d = DEFAULT_DRS_BEHAVIOUR;
    const o = r.obj(v, ['drs'], Object.keys(d));
    return {
        recoveryInstanceIdInJob: r.oneOf(o.recoveryInstanceIdInJob, ['drs', 'recoveryInstanceIdInJob'], ['until-completed', 'never', 'always'], d.recoveryInstanceIdInJob),
        previousRecoveryInstance: r.oneOf(o.previousRecoveryInstance, ['drs', 'previousRecoveryInstance'], ['keep', 'replace'], d.previousRecoveryInstance),
        launchConfigurationWritesTemplate: r.bool(o.launchConfigurationWritesTemplate, ['drs', 'launchConfigurationWritesTemplate'], d.launchConfigurationWritesTemplate),
    };
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(37067);
;// CONCATENATED MODULE: ./emulator/clock.ts
/**
 * The emulator's simulated clock: simulated time = scenario start + real elapsed × speed + manual
 * advances. Speed 0 freezes it, so tests can move time only with `advance` and stay deterministic.
 */

function createClock(startIso, speed, realNow = Date.now) {
    const start = Date.parse(startIso);
    if (Number.isNaN(start))
        throw new Error(`invalid start time '${startIso}'`);
    const realStart = realNow();
    let offset = 0;
    const now = () => Math.floor(start + (realNow() - realStart) * speed + offset);
    return {
        now,
        iso: (at) => toIso(at ?? now()),
        advance(ms) {
            if (ms < 0)
                throw new Error('the simulated clock only moves forward');
            offset += ms;
        },
        speed,
        anchor: () => `${start + offset}@${realStart}`,
    };
}
/** The emulator's own times (control API, call log): `...T12:00:00Z`, whole seconds. */
function toIso(ms) {
    return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
/**
 * A time as real DRS renders it in its answers: six fraction digits and a `+00:00` offset
 * (`2022-12-07T19:24:29.155509+00:00`, captures/drs-plan-automation-sample_result.json), though the
 * model's pattern only admits `Z`. The clock counts milliseconds; the last three digits are fixed by
 * the instant, so one instant always reads the same and `Date.parse` gives the millisecond back.
 */
function drsTime(ms) {
    const micros = String(hash32(`us:${ms}`) % 1000).padStart(3, '0');
    return `${new Date(ms).toISOString().slice(0, 23)}${micros}+00:00`;
}

;// CONCATENATED MODULE: ./emulator/drs-views.ts

const EC2_TO_DRS_STATE = {
    pending: 'PENDING',
    running: 'RUNNING',
    stopping: 'STOPPING',
    stopped: 'STOPPED',
    'shutting-down': 'SHUTTING-DOWN',
    terminated: 'TERMINATED',
};
/**
 * A job as DescribeJobs answers it. `truth` is the emulator's own view for the control API: every
 * recovery instance id, and the servers of a completed TERMINATE job, whatever DRS would show.
 */
function jobView(state, job, opts = {}) {
    const arn = state.arn('job', job.jobID);
    // A COMPLETED TERMINATE job lists no servers (drs-facts.md §8); its log keeps them.
    const servers = job.type === 'TERMINATE' && job.status === 'COMPLETED' && !opts.truth ? [] : job.servers;
    const view = {
        jobID: job.jobID,
        arn,
        type: job.type,
        initiatedBy: job.initiatedBy,
        creationDateTime: drsTime(job.createdAt),
        status: job.status,
        // DRS adds its own resourceArn key; a caller's tag of that name is kept (README: unverified).
        tags: { resourceArn: arn, ...job.tags },
        participatingServers: servers.map((p) => participatingView(state, job, p, opts.truth === true)),
    };
    if (job.endAt !== undefined)
        view.endDateTime = drsTime(job.endAt);
    return view;
}
function participatingView(state, job, p, truth) {
    const view = { sourceServerID: p.sourceServerID, launchStatus: p.launchStatus };
    if (p.recoveryInstanceID !== undefined && (truth || showsRecoveryInstanceId(state, job, p)))
        view.recoveryInstanceID = p.recoveryInstanceID;
    if (p.launchActions)
        view.launchActionsStatus = launchActionsView(p.launchActions);
    return view;
}
/** The `drs.recoveryInstanceIdInJob` switch. */
function showsRecoveryInstanceId(state, job, p) {
    const mode = state.scenario.drs.recoveryInstanceIdInJob;
    if (mode === 'always')
        return true;
    if (mode === 'never')
        return false;
    // until-completed: the AWS CLI example of a TERMINATE job shows none while it runs.
    return job.type === 'LAUNCH' && p.launchStatus === 'LAUNCHED' && job.status !== 'COMPLETED';
}
function launchActionsView(status) {
    return {
        ssmAgentDiscoveryDatetime: drsTime(status.ssmAgentDiscoveredAt),
        runs: status.runs.map((r) => ({
            action: launchActionView(r.action),
            runId: r.runId,
            status: r.status,
            ...(r.failureReason !== undefined ? { failureReason: r.failureReason } : {}),
        })),
    };
}
function launchActionView(a) {
    return {
        actionId: a.actionId,
        actionCode: a.actionCode,
        type: a.type,
        name: a.name,
        active: true,
        order: a.order,
        optional: a.optional,
        category: a.category,
        description: a.description,
        actionVersion: '$DEFAULT',
        parameters: (a.parameters ?? {}),
    };
}
function sourceServerView(state, server) {
    const s = server.scenario;
    const now = state.clock.now();
    const view = {
        sourceServerID: s.sourceServerID,
        arn: state.arn('source-server', s.sourceServerID),
        tags: { ...server.tags },
        lastLaunchResult: server.lastLaunchResult,
        replicationDirection: 'FAILOVER',
        dataReplicationInfo: {
            dataReplicationState: s.replicationState,
            lagDuration: `PT${s.lagSeconds}S`,
            replicatedDisks: [
                {
                    deviceName: '/dev/xvda',
                    totalStorageBytes: 32 * 2 ** 30,
                    replicatedStorageBytes: 32 * 2 ** 30,
                    backloggedStorageBytes: 0,
                    rescannedStorageBytes: 0,
                },
            ],
            stagingAvailabilityZone: `${state.scenario.region}a`,
        },
        lifeCycle: {
            addedToServiceDateTime: drsTime(Date.parse(state.scenario.startTime) - 30 * 86_400_000),
            firstByteDateTime: drsTime(Date.parse(state.scenario.startTime) - 30 * 86_400_000 + 600_000),
            lastSeenByServiceDateTime: drsTime(now - 30_000),
            elapsedReplicationDuration: 'P30D',
        },
        sourceProperties: {
            lastUpdatedDateTime: drsTime(now - 3_600_000),
            recommendedInstanceType: recommendedInstanceType(server),
            identificationHints: { hostname: s.hostname, ...(s.fqdn ? { fqdn: s.fqdn } : {}) },
            networkInterfaces: s.sourceIp
                ? [{ ips: [s.sourceIp], isPrimary: true, macAddress: '02:00:00:00:00:01' }]
                : [],
            disks: [{ deviceName: '/dev/sda', bytes: 32 * 2 ** 30 }],
            cpus: [{ cores: 2, modelName: 'Intel(R) Xeon(R)' }],
            ramBytes: 8 * 2 ** 30,
            os: { fullString: 'Linux' },
        },
        stagingArea: { status: 'NOT_EXTENDED' },
        agentVersion: '4.7.0',
    };
    if (server.recoveryInstanceId)
        view.recoveryInstanceId = server.recoveryInstanceId;
    if (server.lastLaunch && view.lifeCycle) {
        view.lifeCycle.lastLaunch = {
            initiated: {
                jobID: server.lastLaunch.jobID,
                type: server.lastLaunch.type,
                apiCallDateTime: drsTime(server.lastLaunch.at),
            },
            status: server.lastLaunch.status,
        };
    }
    return view;
}
/** What DescribeSourceServers reports as the server's recommended instance type. */
function recommendedInstanceType(server) {
    return server.scenario.recommendedInstanceType ?? 't3.medium';
}
function recoveryInstanceView(state, r) {
    const instance = state.instances.get(r.ec2InstanceID);
    const view = {
        recoveryInstanceID: r.recoveryInstanceID,
        arn: state.arn('recovery-instance', r.recoveryInstanceID),
        ec2InstanceID: r.ec2InstanceID,
        ec2InstanceState: instance ? EC2_TO_DRS_STATE[instance.state] : 'NOT_FOUND',
        sourceServerID: r.sourceServerID,
        isDrill: r.isDrill,
        tags: { ...(state.arnTags.get(state.arn('recovery-instance', r.recoveryInstanceID)) ?? {}) },
        originEnvironment: 'ON_PREMISES',
        recoveryInstanceProperties: { lastUpdatedDateTime: drsTime(r.createdAt) },
    };
    if (r.jobID)
        view.jobID = r.jobID;
    if (r.pointInTime !== undefined)
        view.pointInTimeSnapshotDateTime = drsTime(r.pointInTime);
    return view;
}
function launchConfigurationView(server) {
    return {
        sourceServerID: server.scenario.sourceServerID,
        name: server.launch.name,
        ec2LaunchTemplateID: server.scenario.launchTemplateId,
        launchDisposition: server.launch.launchDisposition,
        targetInstanceTypeRightSizingMethod: server.launch.rightSizing,
        copyPrivateIp: server.launch.copyPrivateIp,
        copyTags: server.launch.copyTags,
        licensing: { osByol: server.launch.osByol },
        postLaunchEnabled: server.launch.postLaunchEnabled,
    };
}
function snapshotView(sourceServerID, s) {
    return {
        snapshotID: s.snapshotID,
        sourceServerID,
        expectedTimestamp: drsTime(s.timestamp),
        timestamp: drsTime(s.timestamp),
        ebsSnapshots: [],
    };
}

;// CONCATENATED MODULE: ./emulator/control.ts
/** The `/_emulator/…` control API that tests, the demo and the benchmark drive. */



function json(status, value) {
    return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}
function bodyOf(req) {
    if (!req.body.trim())
        return {};
    return JSON.parse(req.body);
}
function controlApi(req, ctx) {
    const route = `${req.method} ${req.path.slice('/_emulator'.length)}`;
    try {
        switch (route) {
            case 'GET /calls': {
                const service = req.query.get('service');
                const operation = req.query.get('operation');
                return json(200, ctx.calls.filter((c) => (!service || c.service === service) && (!operation || c.operation === operation)));
            }
            case 'DELETE /calls':
                ctx.calls.length = 0;
                return json(200, { cleared: true });
            case 'POST /reset':
                ctx.reset();
                return json(200, { reset: true, simTime: ctx.state().clock.iso() });
            case 'GET /state':
                return json(200, summary(ctx.state()));
            case 'POST /advance': {
                const b = bodyOf(req);
                const ms = (Number(b.seconds ?? 0) + Number(b.minutes ?? 0) * 60) * 1000;
                if (!Number.isFinite(ms) || ms < 0)
                    return json(400, { message: 'advance needs non-negative seconds or minutes' });
                ctx.state().advance(ms);
                return json(200, { simTime: ctx.state().clock.iso() });
            }
            case 'POST /faults': {
                const state = ctx.state();
                state.faults = parseFaults(bodyOf(req), [...state.servers.keys()]);
                return json(200, state.faults);
            }
            case 'GET /timeline':
                return json(200, timelineOf(ctx.state()));
            case 'GET /health':
                return json(200, { ok: true });
            default:
                return json(404, { message: `unknown control route ${route}` });
        }
    }
    catch (e) {
        if (e instanceof ScenarioError || e instanceof SyntaxError)
            return json(400, { message: e.message });
        throw e;
    }
}
function timelineOf(state) {
    state.tick();
    const simNow = state.clock.now();
    const realNow = Date.now();
    // DRS tags the instances it launches with the job and the source server: the join key survives
    // the recovery instance record being removed by a later terminate.
    const byJobAndServer = new Map();
    for (const i of state.instances.values()) {
        const job = i.tags['drs.amazonaws.com-job'];
        const server = i.tags.AWSElasticDisasterRecoverySourceServerID;
        if (job && server)
            byJobAndServer.set(`${job}/${server}`, i);
    }
    const jobs = [...state.jobs.values()].map((j) => {
        const servers = j.servers.map((p) => {
            const instance = j.type === 'LAUNCH' ? byJobAndServer.get(`${j.jobID}/${p.sourceServerID}`) : undefined;
            return {
                sourceServerID: p.sourceServerID,
                launchStatus: p.launchStatus,
                ...(p.endedAt !== undefined ? { endedAt: p.endedAt } : {}),
                ...(p.recoveryInstanceID !== undefined ? { recoveryInstanceID: p.recoveryInstanceID } : {}),
                ...(instance ? { ec2InstanceID: instance.instanceId, statusChecks: instance.statusChecks } : {}),
                ...(instance?.statusChecksAt !== undefined ? { statusChecksAt: instance.statusChecksAt } : {}),
                ...(p.replaced ? { replaced: p.replaced.map((r) => ({ ...r })) } : {}),
                ...(p.launchActions
                    ? {
                        launchActions: p.launchActions.runs.map((r) => ({
                            name: r.action.name,
                            status: r.status,
                            ...(r.endedAt !== undefined ? { endedAt: r.endedAt } : {}),
                        })),
                    }
                    : {}),
            };
        });
        return {
            jobID: j.jobID,
            type: j.type,
            isDrill: j.isDrill,
            status: j.status,
            tags: { ...j.tags },
            createdAt: j.createdAt,
            ...(j.startedAt !== undefined ? { startedAt: j.startedAt } : {}),
            ...(j.endAt !== undefined ? { endedAt: j.endAt } : {}),
            servers,
        };
    });
    return { speed: state.clock.speed, simNow, realNow, jobs };
}
function summary(state) {
    state.tick();
    return {
        simTime: state.clock.iso(),
        speed: state.clock.speed,
        pendingEvents: state.pendingEvents(),
        // The emulator's truth: every recovery instance id, the servers of completed TERMINATE jobs.
        jobs: [...state.jobs.values()].map((j) => jobView(state, j, { truth: true })),
        recoveryInstances: [...state.recoveryInstances.values()].map((r) => recoveryInstanceView(state, r)),
        instances: [...state.instances.values()].map((i) => ({
            ...i,
            launchTime: state.clock.iso(i.launchTime),
        })),
        launchTemplates: [...state.templates.values()].map((t) => ({
            launchTemplateId: t.launchTemplateId,
            defaultVersion: t.defaultVersion,
            versions: t.versions.map((v) => ({ number: v.number, ...v.data })),
        })),
    };
}

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(57975);
;// CONCATENATED MODULE: ./emulator/drs-launch-actions.ts
/**
 * DRS post-launch actions on a source server: PutLaunchAction (insert or replace by actionId),
 * ListLaunchActions, DeleteLaunchAction. Input shapes are validated against the model before these
 * run (drs.ts); how a run of an API-put action ends comes from the scenario's `ssm.launchActions`.
 */

/** DRS's documented limit of post-launch actions per resource (drs-facts.md §5.4). */
const MAX_ACTIONS_PER_RESOURCE = 200;
function serverOf(state, input, errors) {
    const id = input.resourceId;
    const server = state.servers.get(id);
    // Launch configuration templates (lct-…) are not emulated: only source servers hold actions here.
    if (!server)
        throw errors.notFound(id.startsWith('lct-') ? 'LAUNCH_CONFIGURATION_TEMPLATE' : 'SOURCE_SERVER', id);
    return server;
}
/** The scripted end of a run of this action: the first matching `ssm.launchActions` rule, else success. */
function scriptedResult(state, sourceServerID, name, actionCode) {
    const rule = (state.scenario.ssm?.launchActions ?? []).find((r) => (r.server === undefined || r.server === sourceServerID) &&
        (r.name === undefined || r.name === name) &&
        (r.actionCode === undefined || r.actionCode === actionCode));
    if (!rule)
        return { result: 'SUCCEEDED', seconds: 60 };
    return {
        result: rule.result,
        ...(rule.failureReason !== undefined ? { failureReason: rule.failureReason } : {}),
        seconds: rule.seconds,
    };
}
function actionFromInput(state, server, input) {
    const name = input.name;
    const actionCode = input.actionCode;
    // Documents named AWS-…RunAutomation style are not told apart here: DRS derives the type from the
    // document; the emulator treats AWS-owned Automation runbooks by their `AWSEC2-`/`AWS-` prefix as commands.
    return {
        actionId: input.actionId,
        name,
        actionCode,
        type: 'SSM_COMMAND',
        order: input.order,
        optional: input.optional,
        category: input.category,
        description: input.description,
        parameters: input.parameters ?? {},
        ...scriptedResult(state, server.scenario.sourceServerID, name, actionCode),
    };
}
function launchActionOperations(errors) {
    return {
        PutLaunchAction(state, input) {
            const server = serverOf(state, input, errors);
            const action = actionFromInput(state, server, input);
            const index = server.launchActions.findIndex((a) => a.actionId === action.actionId);
            if (index >= 0)
                server.launchActions[index] = action;
            else if (server.launchActions.length >= MAX_ACTIONS_PER_RESOURCE)
                throw errors.quota(`Cannot have more than ${MAX_ACTIONS_PER_RESOURCE} launch actions per resource`);
            else
                server.launchActions.push(action);
            return { resourceId: server.scenario.sourceServerID, ...launchActionView(action) };
        },
        ListLaunchActions(state, input) {
            const server = serverOf(state, input, errors);
            const wanted = input.filters?.actionIds;
            const items = server.launchActions
                .filter((a) => !wanted?.length || wanted.includes(a.actionId))
                .map(launchActionView);
            return { items };
        },
        DeleteLaunchAction(state, input) {
            const server = serverOf(state, input, errors);
            const index = server.launchActions.findIndex((a) => a.actionId === input.actionId);
            if (index < 0)
                throw errors.notFound('LAUNCH_ACTION', input.actionId);
            server.launchActions.splice(index, 1);
            return undefined;
        },
    };
}

;// CONCATENATED MODULE: ./emulator/state.ts


class EmulatorState {
    scenario;
    seed;
    clock;
    ids;
    servers = new Map();
    jobs = new Map();
    recoveryInstances = new Map();
    instances = new Map();
    templates = new Map();
    /** Tags on DRS resources other than jobs and source servers, by ARN. */
    arnTags = new Map();
    /** SSM Run Command history, newest last. */
    ssmCommands = [];
    faults;
    queue = [];
    seq = 0;
    constructor(scenario, seed, speed) {
        this.scenario = scenario;
        this.seed = seed;
        this.clock = createClock(scenario.startTime, speed);
        this.ids = new IdFactory(seed);
        this.faults = structuredClone(scenario.faults);
        const t0 = Date.parse(scenario.startTime);
        for (const t of scenario.launchTemplates) {
            this.templates.set(t.launchTemplateId, {
                launchTemplateId: t.launchTemplateId,
                name: t.name,
                createdAt: t0 - 86_400_000,
                defaultVersion: t.defaultVersion,
                versions: t.versions.map((data, i) => ({
                    number: i + 1,
                    data: structuredClone(data),
                    createdAt: t0 - 86_400_000,
                })),
            });
        }
        for (const s of scenario.servers) {
            this.ids.reserve(s.sourceServerID);
            this.servers.set(s.sourceServerID, {
                scenario: s,
                launch: {
                    name: s.hostname,
                    launchDisposition: s.launchDisposition,
                    rightSizing: s.rightSizing,
                    copyPrivateIp: s.copyPrivateIp,
                    copyTags: s.copyTags,
                    osByol: s.osByol,
                    postLaunchEnabled: s.launchActions.length > 0,
                },
                tags: { ...s.tags },
                snapshots: s.snapshots.map((p) => ({ snapshotID: p.snapshotID, timestamp: Date.parse(p.timestamp) })),
                lastLaunchResult: 'NOT_STARTED',
                launchActions: s.launchActions.map((a) => ({ ...a })),
            });
        }
        for (const r of scenario.recoveryInstances) {
            const server = this.servers.get(r.sourceServerID);
            const launchedAt = r.launchedAt ? Date.parse(r.launchedAt) : t0 - 3_600_000;
            this.ids.reserve(r.recoveryInstanceID);
            this.ids.reserve(r.ec2InstanceID);
            this.instances.set(r.ec2InstanceID, {
                instanceId: r.ec2InstanceID,
                state: r.state,
                instanceType: 't3.medium',
                securityGroupIds: [],
                privateIp: server?.scenario.sourceIp ?? '10.0.0.10',
                launchTime: launchedAt,
                availabilityZone: `${scenario.region}a`,
                tags: recoveryTags(r.sourceServerID, r.jobID),
                statusChecks: r.state === 'running' ? 'ok' : 'initializing',
            });
            this.recoveryInstances.set(r.recoveryInstanceID, {
                recoveryInstanceID: r.recoveryInstanceID,
                ec2InstanceID: r.ec2InstanceID,
                sourceServerID: r.sourceServerID,
                jobID: r.jobID,
                isDrill: r.isDrill,
                pointInTime: launchedAt - 300_000,
                createdAt: launchedAt,
            });
        }
        for (const [id, server] of this.servers)
            server.recoveryInstanceId = this.recoveryInstancesOf(id).at(-1)?.recoveryInstanceID;
    }
    /** Runs `apply` once simulated time reaches `at`. Events at the same time keep their order. */
    schedule(at, apply) {
        const event = { at, seq: this.seq++, apply };
        let lo = 0;
        let hi = this.queue.length;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            const m = this.queue[mid];
            if (m.at < at || (m.at === at && m.seq < event.seq))
                lo = mid + 1;
            else
                hi = mid;
        }
        this.queue.splice(lo, 0, event);
    }
    /** Applies every event that is due; called before each request is answered. */
    tick(now = this.clock.now()) {
        for (;;) {
            const next = this.queue[0];
            if (!next || next.at > now)
                return;
            this.queue.shift();
            next.apply();
        }
    }
    /** Moves simulated time forward and applies what became due. */
    advance(ms) {
        this.clock.advance(ms);
        this.tick();
    }
    pendingEvents() {
        return this.queue.length;
    }
    activeJobs() {
        return [...this.jobs.values()].filter((j) => j.status !== 'COMPLETED');
    }
    /** Source servers held by a job that has not completed: the one-job-per-server quota. */
    busyServers() {
        const busy = new Set();
        for (const j of this.activeJobs())
            for (const s of j.servers)
                busy.add(s.sourceServerID);
        return busy;
    }
    arn(kind, id) {
        return `arn:aws:drs:${this.scenario.region}:${this.scenario.accountId}:${kind}/${id}`;
    }
    /** Adds a version to a launch template (numbers are 1-based and dense) and returns it. */
    addTemplateVersion(t, data, extra = {}) {
        const version = { number: t.versions.length + 1, data, createdAt: this.clock.now(), ...extra };
        t.versions.push(version);
        return version;
    }
    /** A source server's recovery instances, oldest first. */
    recoveryInstancesOf(sourceServerID) {
        return [...this.recoveryInstances.values()]
            .filter((r) => r.sourceServerID === sourceServerID)
            .sort((a, b) => a.createdAt - b.createdAt);
    }
    /** Removes a recovery instance; its server then points at its newest remaining one, if any. */
    deleteRecoveryInstance(recoveryInstanceID) {
        const record = this.recoveryInstances.get(recoveryInstanceID);
        if (!record)
            return;
        this.recoveryInstances.delete(recoveryInstanceID);
        const server = this.servers.get(record.sourceServerID);
        if (server?.recoveryInstanceId === recoveryInstanceID)
            server.recoveryInstanceId = this.recoveryInstancesOf(record.sourceServerID).at(-1)?.recoveryInstanceID;
    }
}
/** Template version data without its unset fields (so equal data compares equal). */
function compactTemplateData(data) {
    return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
}
/** The tags DRS puts on the EC2 instances it launches. */
function recoveryTags(sourceServerID, jobID) {
    const tags = {
        AWSElasticDisasterRecoveryManaged: 'drs.amazonaws.com',
        AWSElasticDisasterRecoverySourceServerID: sourceServerID,
    };
    if (jobID)
        tags['drs.amazonaws.com-job'] = jobID;
    return tags;
}

;// CONCATENATED MODULE: ./emulator/lifecycle.ts




const SEC = 1000;
const NOT_REPLICATING = new Set([
    'STOPPED',
    'INITIATING',
    'INITIAL_SYNC',
    'PAUSED',
    'STALLED',
    'DISCONNECTED',
]);
/** A phase's duration in ms, jittered by (seed, key, label). */
function span(state, key, phase, label = phase) {
    const [min, max] = state.scenario.timings[phase] ?? DEFAULT_TIMINGS[phase];
    return Math.round(jitter(state.seed, `${key}:${label}`, min, max) * SEC);
}
function addLog(job, at, event, data) {
    const item = { logDateTime: drsTime(at), event: event };
    if (Object.keys(data).length > 0)
        item.eventData = data;
    job.log.push(item);
}
function startLaunchJob(state, req) {
    const t0 = req.at ?? state.clock.now();
    const job = {
        jobID: req.jobID ?? state.ids.jobId(),
        type: 'LAUNCH',
        initiatedBy: req.isDrill ? 'START_DRILL' : 'START_RECOVERY',
        isDrill: req.isDrill,
        createdAt: t0,
        status: 'PENDING',
        tags: { ...req.tags },
        servers: req.sourceServers.map((s) => ({
            sourceServerID: s.sourceServerID,
            recoverySnapshotID: s.recoverySnapshotID,
            launchStatus: 'PENDING',
        })),
        log: [],
    };
    state.jobs.set(job.jobID, job);
    for (const p of job.servers) {
        const server = state.servers.get(p.sourceServerID);
        if (!server)
            continue;
        server.lastLaunch = {
            jobID: job.jobID,
            type: req.isDrill ? 'DRILL' : 'RECOVERY',
            at: t0,
            status: 'PENDING',
        };
        server.lastLaunchResult = 'PENDING';
    }
    const tStart = t0 + span(state, job.jobID, 'pending');
    state.schedule(tStart, () => {
        // Servers stay PENDING until LAUNCHED or FAILED (captures/jc-2025-11-29-describe-jobs-started-tags.json).
        job.status = 'STARTED';
        job.startedAt = tStart;
        addLog(job, tStart, 'JOB_START', {});
    });
    let lastEnd = tStart;
    for (const p of job.servers) {
        const server = state.servers.get(p.sourceServerID);
        if (!server)
            continue;
        lastEnd = Math.max(lastEnd, scheduleServer(state, job, p, server, tStart));
    }
    const tEnd = lastEnd + span(state, job.jobID, 'jobEnd', 'end');
    state.schedule(tEnd, () => {
        addLog(job, tEnd, 'JOB_END', {});
        job.status = 'COMPLETED';
        job.endAt = tEnd;
    });
    return job;
}
/**
 * `previousRecoveryInstance: replace`: the server's existing recovery instances are terminated
 * first, inside the new job. Returns when the cleanup ends (tStart when there is none).
 */
function scheduleReplace(state, job, p, tStart) {
    if (state.scenario.drs.previousRecoveryInstance !== 'replace')
        return tStart;
    const previous = state.recoveryInstancesOf(p.sourceServerID).map((r) => r.recoveryInstanceID);
    if (previous.length === 0)
        return tStart;
    const tDone = tStart + span(state, `${job.jobID}:${p.sourceServerID}`, 'terminate', 'replace');
    state.schedule(tStart, () => {
        p.replaced = previous.flatMap((rid) => beginCleanup(state, job, p.sourceServerID, rid, tStart) ?? []);
    });
    state.schedule(tDone, () => {
        for (const rid of previous)
            endCleanup(state, job, p.sourceServerID, rid, tDone);
    });
    return tDone;
}
/** CLEANUP_START for a recovery instance; its EC2 instance starts shutting down. */
function beginCleanup(state, job, sourceServerID, rid, at) {
    const record = state.recoveryInstances.get(rid);
    if (!record)
        return undefined;
    addLog(job, at, 'CLEANUP_START', { sourceServerID, targetInstanceID: record.ec2InstanceID });
    const instance = state.instances.get(record.ec2InstanceID);
    if (instance && instance.state !== 'terminated')
        instance.state = 'shutting-down';
    return { recoveryInstanceID: rid, ec2InstanceID: record.ec2InstanceID };
}
/** CLEANUP_END: the EC2 instance is terminated and the recovery instance removed from DRS. */
function endCleanup(state, job, sourceServerID, rid, at) {
    const record = state.recoveryInstances.get(rid);
    if (!record)
        return;
    const instance = state.instances.get(record.ec2InstanceID);
    if (instance)
        instance.state = 'terminated';
    state.deleteRecoveryInstance(rid);
    addLog(job, at, 'CLEANUP_END', { sourceServerID, targetInstanceID: record.ec2InstanceID });
}
/** Queues one server's phases; returns the simulated time its launch ends (or fails). */
function scheduleServer(state, job, p, server, tStart) {
    const id = p.sourceServerID;
    const key = `${job.jobID}:${id}`;
    const fault = state.faults.servers[id];
    const fail = (at, event, rawError) => {
        state.schedule(at, () => {
            if (rawError !== undefined)
                addLog(job, at, event, { sourceServerID: id, rawError });
            p.launchStatus = 'FAILED';
            p.endedAt = at;
            server.lastLaunchResult = 'FAILED';
            if (server.lastLaunch?.jobID === job.jobID)
                server.lastLaunch.status = 'FAILED';
        });
        return at;
    };
    const tBegin = scheduleReplace(state, job, p, tStart);
    // Snapshot phase: a pinned point in time is reused; otherwise an on-demand snapshot is taken.
    const tSnap = tBegin + span(state, key, 'stagger');
    let tSnapEnd;
    let pointInTime;
    if (p.recoverySnapshotID) {
        const pinned = server.snapshots.find((s) => s.snapshotID === p.recoverySnapshotID);
        if (!pinned)
            return fail(tSnap, 'USING_PREVIOUS_SNAPSHOT_FAILED', `Recovery snapshot ${p.recoverySnapshotID} was not found for source server ${id}`);
        tSnapEnd = tSnap + 5 * SEC;
        pointInTime = pinned.timestamp;
        state.schedule(tSnap, () => addLog(job, tSnap, 'USING_PREVIOUS_SNAPSHOT', { sourceServerID: id }));
    }
    else {
        tSnapEnd = tSnap + span(state, key, 'snapshot');
        pointInTime = tSnap - server.scenario.lagSeconds * SEC;
        state.schedule(tSnap, () => addLog(job, tSnap, 'SNAPSHOT_START', { sourceServerID: id }));
        if (NOT_REPLICATING.has(server.scenario.replicationState))
            return fail(tSnapEnd, 'SNAPSHOT_FAIL', `Failed to take snapshot: source server ${id} is not replicating (replication state ${server.scenario.replicationState})`);
        if (fault?.phase === 'snapshot')
            return fail(tSnapEnd, 'SNAPSHOT_FAIL', fault.rawError);
        state.schedule(tSnapEnd, () => {
            addLog(job, tSnapEnd, 'SNAPSHOT_END', { sourceServerID: id });
            server.snapshots.push({ snapshotID: state.ids.snapshotId(), timestamp: pointInTime });
        });
    }
    const missing = state.faults.missingEc2Permissions;
    if (missing) {
        // Real DRS: the log stops after the snapshot and the job still ends COMPLETED with 0 launched.
        const rawError = `User: arn:aws:sts::${state.scenario.accountId}:assumed-role/drs-drill/drs-drill-session is not authorized to perform: ${missing.action} because no identity-based policy allows the ${missing.action} action`;
        return fail(tSnapEnd + 200 * SEC, 'LAUNCH_FAILED', missing.logFailure ? rawError : undefined);
    }
    // The capture's event data: conversionServerID on CONVERSION_END, only sourceServerID on
    // LAUNCH_START, the launched EC2 instance as targetInstanceID on LAUNCH_END.
    const tConv = tSnapEnd + span(state, key, 'conversionDelay');
    const tConvEnd = tConv + span(state, key, 'conversion');
    const conversionServerID = state.ids.instanceId();
    state.schedule(tConv, () => addLog(job, tConv, 'CONVERSION_START', { sourceServerID: id }));
    if (fault?.phase === 'conversion')
        return fail(tConvEnd, 'CONVERSION_FAIL', fault.rawError);
    state.schedule(tConvEnd, () => addLog(job, tConvEnd, 'CONVERSION_END', { sourceServerID: id, conversionServerID }));
    const tLaunch = tConvEnd + span(state, key, 'launchDelay');
    const tLaunched = tLaunch + span(state, key, 'launch');
    const recoveryInstanceID = state.ids.instanceId();
    const ec2InstanceID = state.ids.instanceId();
    state.schedule(tLaunch, () => addLog(job, tLaunch, 'LAUNCH_START', { sourceServerID: id }));
    const problem = fault?.phase === 'launch' ? fault.rawError : launchProblem(state, server);
    if (problem)
        return fail(tLaunched, 'LAUNCH_FAILED', problem);
    state.schedule(tLaunch, () => createInstances(state, job, server, recoveryInstanceID, ec2InstanceID, tLaunch, pointInTime));
    state.schedule(tLaunched, () => {
        p.launchStatus = 'LAUNCHED';
        p.endedAt = tLaunched;
        p.recoveryInstanceID = recoveryInstanceID;
        addLog(job, tLaunched, 'LAUNCH_END', { sourceServerID: id, targetInstanceID: ec2InstanceID });
        server.lastLaunchResult = 'SUCCEEDED';
        if (server.lastLaunch?.jobID === job.jobID)
            server.lastLaunch.status = 'LAUNCHED';
        const instance = state.instances.get(ec2InstanceID);
        if (instance && instance.state === 'pending') {
            instance.state = server.launch.launchDisposition === 'STOPPED' ? 'stopped' : 'running';
            if (instance.state === 'running')
                instance.runningAt = tLaunched;
        }
    });
    scheduleLaunchActions(state, job, p, server, tLaunched);
    const tHealthy = tLaunched + span(state, key, 'boot');
    state.schedule(tHealthy, () => {
        const instance = state.instances.get(ec2InstanceID);
        if (instance?.state !== 'running')
            return;
        instance.statusChecks = state.faults.neverHealthy.includes(id) ? 'impaired' : 'ok';
        instance.statusChecksAt = tHealthy;
    });
    return tLaunched;
}
/**
 * Post-launch actions: every run is IN_PROGRESS from LAUNCHED and reaches its scripted result after
 * its `seconds`. The job's own COMPLETED time does not wait for them (README: unverified).
 */
function scheduleLaunchActions(state, job, p, server, tLaunched) {
    const actions = server.launchActions;
    if (!server.launch.postLaunchEnabled || actions.length === 0)
        return;
    const runs = [...actions]
        .sort((a, b) => a.order - b.order)
        .map((action) => ({
        action,
        runId: uuidFrom(`${state.seed}:${job.jobID}:${p.sourceServerID}:${action.actionId}`),
        status: 'IN_PROGRESS',
        at: tLaunched + Math.round(action.seconds * SEC),
    }));
    state.schedule(tLaunched, () => {
        p.launchActions = {
            ssmAgentDiscoveredAt: tLaunched,
            runs: runs.map(({ action, runId, status }) => ({ action, runId, status })),
        };
    });
    runs.forEach(({ action, at }, i) => {
        state.schedule(at, () => {
            const run = p.launchActions?.runs[i];
            if (!run)
                return;
            run.status = action.result;
            run.endedAt = at;
            if (action.failureReason !== undefined)
                run.failureReason = action.failureReason;
        });
    });
}
/** The private IP a launch asks for: the template's, else the source's under copyPrivateIp. */
function requestedIp(server, data) {
    return data.privateIpAddress ?? (server.launch.copyPrivateIp ? server.scenario.sourceIp : undefined);
}
/** What RunInstances would refuse in the template's default version, as EC2's error text. */
function launchProblem(state, server) {
    const template = state.templates.get(server.scenario.launchTemplateId);
    const version = template?.versions.find((v) => v.number === template.defaultVersion);
    if (!template || !version)
        return `InvalidLaunchTemplateId.NotFound: The specified launch template, with template ID ${server.scenario.launchTemplateId}, does not exist.`;
    const data = version.data;
    if (!data.subnetId) {
        if (state.scenario.defaultVpc)
            return undefined;
        return 'VPCIdNotSpecified: No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.';
    }
    const subnet = state.scenario.subnets.find((s) => s.subnetId === data.subnetId);
    if (!subnet)
        return `InvalidSubnetID.NotFound: The subnet ID '${data.subnetId}' does not exist`;
    if (data.securityGroupIds?.length && data.networkInterfaceGroupIds !== undefined)
        return 'InvalidParameterCombination: Network interfaces and an instance-level security groups may not be specified on the same request';
    for (const g of [...(data.securityGroupIds ?? []), ...(data.networkInterfaceGroupIds ?? [])]) {
        const group = state.scenario.securityGroups.find((x) => x.groupId === g);
        if (!group)
            return `InvalidGroup.NotFound: The security group '${g}' does not exist`;
        if (group.vpcId !== subnet.vpcId)
            return `InvalidParameter: Security group ${g} and subnet ${subnet.subnetId} belong to different networks.`;
    }
    const ip = requestedIp(server, data);
    if (ip && !inCidr(ip, subnet.cidr))
        return `InvalidParameterValue: Address ${ip} does not fall within the subnet's address range`;
    return undefined;
}
function createInstances(state, job, server, recoveryInstanceID, ec2InstanceID, at, pointInTime) {
    const template = state.templates.get(server.scenario.launchTemplateId);
    const data = template?.versions.find((v) => v.number === template.defaultVersion)?.data ?? {};
    const subnet = state.scenario.subnets.find((s) => s.subnetId === data.subnetId);
    const rightSized = server.launch.rightSizing !== 'NONE' ? server.scenario.recommendedInstanceType : undefined;
    const tags = {
        ...(server.launch.copyTags ? server.tags : {}),
        ...data.instanceTags,
        Name: server.scenario.hostname,
        ...recoveryTags(server.scenario.sourceServerID, job.jobID),
    };
    state.instances.set(ec2InstanceID, {
        instanceId: ec2InstanceID,
        state: 'pending',
        instanceType: rightSized ?? data.instanceType ?? 't3.medium',
        subnetId: subnet?.subnetId,
        vpcId: subnet?.vpcId,
        securityGroupIds: [...(data.networkInterfaceGroupIds ?? data.securityGroupIds ?? [])],
        privateIp: requestedIp(server, data) ?? addressIn(subnet?.cidr, ec2InstanceID),
        launchTime: at,
        availabilityZone: subnet?.availabilityZone || `${state.scenario.region}a`,
        iamInstanceProfile: data.instanceProfile,
        tags,
        statusChecks: 'initializing',
    });
    state.recoveryInstances.set(recoveryInstanceID, {
        recoveryInstanceID,
        ec2InstanceID,
        sourceServerID: server.scenario.sourceServerID,
        jobID: job.jobID,
        isDrill: job.isDrill,
        pointInTime,
        createdAt: at,
    });
    server.recoveryInstanceId = recoveryInstanceID;
}
function startTerminateJob(state, recoveryInstanceIDs) {
    const t0 = state.clock.now();
    const job = {
        jobID: state.ids.jobId(),
        type: 'TERMINATE',
        initiatedBy: 'TERMINATE_RECOVERY_INSTANCES',
        isDrill: true,
        createdAt: t0,
        status: 'PENDING',
        tags: {},
        servers: recoveryInstanceIDs.map((rid) => ({
            sourceServerID: state.recoveryInstances.get(rid)?.sourceServerID ?? '',
            recoveryInstanceID: rid,
            launchStatus: 'PENDING',
        })),
        log: [],
    };
    state.jobs.set(job.jobID, job);
    const tStart = t0 + span(state, job.jobID, 'pending');
    let lastEnd = tStart;
    state.schedule(tStart, () => {
        job.status = 'STARTED';
        addLog(job, tStart, 'JOB_START', {});
    });
    for (const p of job.servers) {
        const rid = p.recoveryInstanceID;
        const tDone = tStart + span(state, `${job.jobID}:${rid}`, 'terminate');
        lastEnd = Math.max(lastEnd, tDone);
        state.schedule(tStart, () => {
            p.launchStatus = 'IN_PROGRESS';
            beginCleanup(state, job, p.sourceServerID, rid, tStart);
        });
        state.schedule(tDone, () => {
            p.launchStatus = 'TERMINATED';
            endCleanup(state, job, p.sourceServerID, rid, tDone);
        });
    }
    const tEnd = lastEnd + 5 * SEC;
    state.schedule(tEnd, () => {
        addLog(job, tEnd, 'JOB_END', {});
        job.status = 'COMPLETED';
        job.endAt = tEnd;
    });
    return job;
}
function ipToInt(ip) {
    return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}
function inCidr(ip, cidr) {
    const [base = '', bitsText = '32'] = cidr.split('/');
    const bits = Number(bitsText);
    const size = 2 ** (32 - bits);
    const start = Math.floor(ipToInt(base) / size) * size;
    const n = ipToInt(ip);
    return n >= start && n < start + size;
}
/** A stable address inside the subnet for a launched instance. */
function addressIn(cidr, seedText) {
    const [base = '172.31.0.0', bitsText = '20'] = (cidr ?? '172.31.0.0/20').split('/');
    const size = 2 ** (32 - Number(bitsText));
    const offset = 4 + (Number.parseInt(seedText.slice(-6), 16) % Math.max(1, size - 5));
    const n = Math.floor(ipToInt(base) / size) * size + offset;
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

;// CONCATENATED MODULE: ./emulator/model.ts
/**
 * The official DRS Smithy model, read at start-up: routes (http trait) and input validation come
 * from it, so the emulator rejects exactly what the model's constraints reject.
 */



const NS = 'com.amazonaws.drs#';
const MODEL_FILE = 'drs-2020-02-26.json';
/** The official model ships with the emulator (emulator/model/README.md); DRS_MODEL_PATH overrides it. */
function defaultModelPath() {
    const fromEnv = process.env.DRS_MODEL_PATH;
    if (fromEnv)
        return fromEnv;
    // The directory of this module, or of the bundle chunk it is built into (dist/bundle/, where the
    // build copies model/). Written so that ncc leaves it alone: its asset relocation rewrites
    // `resolve(dirname(fileURLToPath(import.meta.url)), 'model', '<file>')` into a broken path, and
    // webpackIgnore keeps webpack from turning the URL into an asset of its own.
    const here = (0,external_node_url_.fileURLToPath)(new URL(/* webpackIgnore: true */ '.', __webpack_require__.b));
    return (0,external_node_path_.join)(here, 'model', MODEL_FILE);
}
const cached = new Map();
/** The Systems Manager model, copied in beside the DRS one (emulator/model/README.md). */
function defaultSsmModelPath() {
    // Found like the DRS model (see defaultModelPath): ncc must leave this path alone too.
    const here = (0,external_node_url_.fileURLToPath)(new URL(/* webpackIgnore: true */ '.', __webpack_require__.b));
    return (0,external_node_path_.join)(here, 'model', SSM_MODEL_FILE);
}
const SSM_MODEL_FILE = 'ssm-2014-11-06.json';
/**
 * A model whose operations are routed by name (AWS JSON 1.1, `X-Amz-Target: <prefix>.<Operation>`):
 * the same shapes and checks, operations listed by name with their input shape.
 */
function loadJsonModel(path, namespace) {
    const hit = cached.get(path);
    if (hit)
        return hit;
    const shapes = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8')).shapes;
    const operations = [];
    for (const [id, shape] of Object.entries(shapes)) {
        if (shape.type !== 'operation' || !id.startsWith(namespace))
            continue;
        operations.push({
            name: id.slice(namespace.length),
            method: 'POST',
            uri: '/',
            code: 200,
            input: shape.input?.target,
        });
    }
    const model = { shapes, operations };
    cached.set(path, model);
    return model;
}
function loadModel(path = defaultModelPath()) {
    const hit = cached.get(path);
    if (hit)
        return hit;
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch {
        throw new Error(`DRS model not found at ${path}; set DRS_MODEL_PATH to a copy of the DRS Smithy model`);
    }
    const shapes = JSON.parse(text).shapes;
    const operations = [];
    for (const [id, shape] of Object.entries(shapes)) {
        if (shape.type !== 'operation')
            continue;
        const http = shape.traits?.['smithy.api#http'];
        if (!http)
            continue;
        operations.push({
            name: id.slice(NS.length),
            method: http.method,
            uri: http.uri,
            code: http.code ?? 200,
            input: shape.input?.target,
        });
    }
    const model = { shapes, operations };
    cached.set(path, model);
    return model;
}
/** Finds the operation for a request and the values of its path labels. */
function matchOperation(model, method, path) {
    for (const op of model.operations) {
        if (op.method !== method)
            continue;
        const uriPath = op.uri.split('?')[0] ?? op.uri;
        const names = [];
        const pattern = uriPath.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\+?\}/g, (_m, n) => {
            names.push(n);
            return '([^/]+)';
        });
        const m = new RegExp(`^${pattern}$`).exec(path);
        if (!m)
            continue;
        const labels = {};
        names.forEach((n, i) => {
            labels[n] = decodeURIComponent(m[i + 1] ?? '');
        });
        return { name: op.name, code: op.code, input: op.input, labels };
    }
    return undefined;
}
/** Checks a value against a shape the way the service's validation layer does. */
function validateShape(model, shapeId, value) {
    const errors = [];
    checkValue(model, { target: shapeId }, value, '', errors);
    return errors;
}
function traitsOf(model, ref) {
    return { ...(model.shapes[ref.target]?.traits ?? {}), ...(ref.traits ?? {}) };
}
function describe(value) {
    const s = typeof value === 'string' ? value : JSON.stringify(value);
    return s.length > 64 ? `${s.slice(0, 61)}...` : s;
}
function checkValue(model, ref, value, path, errors) {
    if (value === undefined || value === null)
        return;
    const shape = model.shapes[ref.target];
    const type = shape?.type ?? ref.target.replace('smithy.api#', '').toLowerCase();
    const traits = traitsOf(model, ref);
    const fail = (constraint) => {
        errors.push({
            name: path,
            message: `Value '${describe(value)}' at '${path}' failed to satisfy constraint: ${constraint}`,
        });
    };
    const length = traits['smithy.api#length'];
    const checkLength = (n) => {
        if (!length)
            return;
        if (length.min !== undefined && n < length.min)
            fail(`Member must have length greater than or equal to ${length.min}`);
        else if (length.max !== undefined && n > length.max)
            fail(`Member must have length less than or equal to ${length.max}`);
    };
    switch (type) {
        case 'string': {
            if (typeof value !== 'string') {
                fail('Member must be a string');
                return;
            }
            checkLength([...value].length);
            const pattern = traits['smithy.api#pattern'];
            if (pattern && !new RegExp(pattern, 'u').test(value))
                fail(`Member must satisfy regular expression pattern: ${pattern}`);
            const enumTrait = traits['smithy.api#enum'];
            if (enumTrait && !enumTrait.some((e) => e.value === value))
                fail(`Member must satisfy enum value set: [${enumTrait.map((e) => e.value).join(', ')}]`);
            return;
        }
        case 'enum': {
            // Smithy 2.0 enum shapes (SSM's): the values are the members' enumValue traits.
            const values = Object.values(shape?.members ?? {}).map((m) => m.traits?.['smithy.api#enumValue'] ?? '');
            if (typeof value !== 'string' || !values.includes(value))
                fail(`Member must satisfy enum value set: [${values.join(', ')}]`);
            return;
        }
        case 'boolean':
            if (typeof value !== 'boolean')
                fail('Member must be a boolean');
            return;
        case 'integer':
        case 'long': {
            if (typeof value !== 'number' || !Number.isInteger(value)) {
                fail('Member must be an integer');
                return;
            }
            const range = traits['smithy.api#range'];
            if (range?.min !== undefined && value < range.min)
                fail(`Member must have value greater than or equal to ${range.min}`);
            else if (range?.max !== undefined && value > range.max)
                fail(`Member must have value less than or equal to ${range.max}`);
            return;
        }
        case 'list': {
            if (!Array.isArray(value)) {
                fail('Member must be a list');
                return;
            }
            checkLength(value.length);
            if (!shape?.member)
                return;
            value.forEach((item, i) => {
                checkValue(model, shape.member, item, `${path}.${i + 1}.member`, errors);
            });
            return;
        }
        case 'map': {
            if (typeof value !== 'object' || Array.isArray(value)) {
                fail('Member must be a map');
                return;
            }
            const entries = Object.entries(value);
            checkLength(entries.length);
            for (const [k, v] of entries) {
                if (shape?.key)
                    checkValue(model, shape.key, k, `${path}.key`, errors);
                if (shape?.value)
                    checkValue(model, shape.value, v, `${path}.${k}`, errors);
            }
            return;
        }
        case 'structure':
        case 'union': {
            if (typeof value !== 'object' || Array.isArray(value)) {
                fail('Member must be a structure');
                return;
            }
            const record = value;
            // Unknown members are ignored, as AWS services do.
            for (const [name, member] of Object.entries(shape?.members ?? {})) {
                const childPath = path ? `${path}.${name}` : name;
                const v = record[name];
                if ((v === undefined || v === null) && member.traits?.['smithy.api#required'] !== undefined) {
                    errors.push({
                        name: childPath,
                        message: `Value null at '${childPath}' failed to satisfy constraint: Member must not be null`,
                    });
                    continue;
                }
                checkValue(model, member, v, childPath, errors);
            }
            return;
        }
        default:
            return;
    }
}
/** The standard summary line that heads a ValidationException message. */
function validationMessage(errors) {
    const n = errors.length;
    return `${n} validation error${n === 1 ? '' : 's'} detected: ${errors.map((e) => e.message).join('; ')}`;
}

;// CONCATENATED MODULE: ./emulator/drs.ts
/**
 * DRS over rest-json: routes from the official model, input validated against it, answers and
 * errors shaped the way @aws-sdk/client-drs parses them (x-amzn-errortype + JSON body).
 */






/** Limits DRS enforces beyond the model (drs-facts.md §2); mirrors src/core/quotas.ts. */
const EMULATED_QUOTAS = {
    maxServersPerJob: { value: 100, code: 'L-B827C881' },
    maxActiveJobs: { value: 20, code: 'L-D88FAC3A' },
    maxServersInActiveJobs: { value: 500, code: 'L-05AFA8C6' },
};
const BUSY_SERVER_MESSAGE = 'One or more of the Source Servers included in API call are currently being processed by a Job';
class DrsError extends Error {
    status;
    type;
    members;
    headers;
    constructor(status, type, message, members = {}, headers = {}) {
        super(message);
        this.status = status;
        this.type = type;
        this.members = members;
        this.headers = headers;
    }
}
function drsErrorResponse(e) {
    return {
        status: e.status,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': e.type, ...e.headers },
        body: JSON.stringify({ message: e.message, ...e.members }),
    };
}
function validationError(fieldList, reason = 'fieldValidationFailed') {
    return new DrsError(400, 'ValidationException', validationMessage(fieldList), {
        code: 'ValidationException',
        reason,
        fieldList,
    });
}
function notFound(resourceType, resourceId) {
    return new DrsError(404, 'ResourceNotFoundException', `${resourceType} ${resourceId} not found`, {
        code: 'ResourceNotFoundException',
        resourceId,
        resourceType,
    });
}
function quotaExceeded(quota, message) {
    return new DrsError(402, 'ServiceQuotaExceededException', message, {
        code: 'ServiceQuotaExceededException',
        serviceCode: 'drs',
        quotaCode: EMULATED_QUOTAS[quota].code,
        resourceType: 'JOB',
    });
}
/** The DRS operation a request names, or undefined when the path is no DRS route. */
function drsOperation(model, req) {
    return matchOperation(model, req.method, req.path)?.name;
}
function handleDrs(state, model, req) {
    try {
        const op = matchOperation(model, req.method, req.path);
        if (!op)
            throw new DrsError(404, 'UnknownOperationException', `No DRS operation at ${req.method} ${req.path}`);
        let input = {};
        if (req.body.trim() !== '') {
            try {
                input = JSON.parse(req.body);
            }
            catch {
                throw validationError([{ name: 'body', message: 'Request body is not valid JSON' }], 'cannotParse');
            }
            if (typeof input !== 'object' || input === null || Array.isArray(input))
                throw validationError([{ name: 'body', message: 'Request body must be a JSON object' }], 'cannotParse');
        }
        Object.assign(input, op.labels);
        if (op.name === 'UntagResource')
            input.tagKeys = req.query.getAll('tagKeys');
        if (op.input) {
            const errors = validateShape(model, op.input, input);
            if (errors.length > 0)
                throw validationError(errors);
        }
        const implementation = OPERATIONS[op.name];
        if (!implementation)
            throw validationError([{ name: op.name, message: `The emulator does not implement ${op.name}` }], 'unknownOperation');
        const output = implementation(state, input);
        return {
            status: op.code,
            headers: { 'content-type': 'application/json' },
            body: output === undefined ? '' : JSON.stringify(output),
        };
    }
    catch (e) {
        if (e instanceof DrsError)
            return drsErrorResponse(e);
        throw e;
    }
}
function paginate(items, input) {
    let start = 0;
    const token = input.nextToken;
    if (token) {
        const decoded = Number(Buffer.from(token, 'base64url').toString('utf8'));
        if (!Number.isInteger(decoded) || decoded < 0)
            throw validationError([{ name: 'nextToken', message: 'Invalid pagination token' }], 'other');
        start = decoded;
    }
    const max = input.maxResults ?? 100;
    const page = items.slice(start, start + max);
    const next = start + max;
    return next < items.length
        ? { items: page, nextToken: Buffer.from(String(next)).toString('base64url') }
        : { items: page };
}
const OPERATIONS = {
    StartRecovery(state, input) {
        const sourceServers = input.sourceServers;
        const ids = sourceServers.map((s) => s.sourceServerID);
        const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
        if (duplicate)
            throw validationError([
                { name: 'sourceServers', message: `Source server ${duplicate} is listed twice` },
            ]);
        const unknown = ids.find((id) => !state.servers.has(id));
        if (unknown)
            throw notFound('SOURCE_SERVER', unknown);
        const q = EMULATED_QUOTAS;
        if (ids.length > q.maxServersPerJob.value)
            throw quotaExceeded('maxServersPerJob', `Cannot launch more than ${q.maxServersPerJob.value} source servers in a single job (${ids.length} requested)`);
        const busy = state.busyServers();
        const clash = ids.find((id) => busy.has(id));
        if (clash)
            throw new DrsError(409, 'ConflictException', BUSY_SERVER_MESSAGE, {
                code: 'ConflictException',
                resourceId: clash,
                resourceType: 'SOURCE_SERVER',
            });
        const active = state.activeJobs();
        if (active.length >= q.maxActiveJobs.value)
            throw quotaExceeded('maxActiveJobs', `Cannot have more than ${q.maxActiveJobs.value} concurrent jobs in progress`);
        if (busy.size + ids.length > q.maxServersInActiveJobs.value)
            throw quotaExceeded('maxServersInActiveJobs', `Cannot have more than ${q.maxServersInActiveJobs.value} source servers in all active jobs (${busy.size} in jobs, ${ids.length} requested)`);
        const job = startLaunchJob(state, {
            sourceServers,
            isDrill: input.isDrill === true,
            tags: input.tags ?? {},
        });
        return { job: jobView(state, job) };
    },
    DescribeJobs(state, input) {
        const filters = (input.filters ?? {});
        const wanted = filters.jobIDs?.length ? new Set(filters.jobIDs) : undefined;
        const from = filters.fromDate ? Date.parse(filters.fromDate) : -Infinity;
        const to = filters.toDate ? Date.parse(filters.toDate) : Infinity;
        const jobs = [...state.jobs.values()]
            .filter((j) => (!wanted || wanted.has(j.jobID)) && j.createdAt >= from && j.createdAt <= to)
            .reverse()
            .sort((a, b) => b.createdAt - a.createdAt);
        const page = paginate(jobs, input);
        return { items: page.items.map((j) => jobView(state, j)), nextToken: page.nextToken };
    },
    DescribeJobLogItems(state, input) {
        const job = state.jobs.get(input.jobID);
        const page = paginate(job?.log ?? [], input);
        return { items: page.items, nextToken: page.nextToken };
    },
    DescribeSourceServers(state, input) {
        const filters = (input.filters ?? {});
        const wanted = filters.sourceServerIDs?.length ? new Set(filters.sourceServerIDs) : undefined;
        const servers = [...state.servers.values()].filter((s) => !wanted || wanted.has(s.scenario.sourceServerID));
        const page = paginate(servers, input);
        return { items: page.items.map((s) => sourceServerView(state, s)), nextToken: page.nextToken };
    },
    DescribeRecoveryInstances(state, input) {
        const filters = (input.filters ?? {});
        const ids = filters.recoveryInstanceIDs?.length ? new Set(filters.recoveryInstanceIDs) : undefined;
        const servers = filters.sourceServerIDs?.length ? new Set(filters.sourceServerIDs) : undefined;
        const list = [...state.recoveryInstances.values()].filter((r) => (!ids || ids.has(r.recoveryInstanceID)) && (!servers || servers.has(r.sourceServerID)));
        const page = paginate(list, input);
        return { items: page.items.map((r) => recoveryInstanceView(state, r)), nextToken: page.nextToken };
    },
    TerminateRecoveryInstances(state, input) {
        const ids = input.recoveryInstanceIDs;
        const unknown = ids.find((id) => !state.recoveryInstances.has(id));
        if (unknown)
            throw notFound('RECOVERY_INSTANCE', unknown);
        const busy = state.busyServers();
        const terminating = new Set(state
            .activeJobs()
            .flatMap((j) => (j.type === 'TERMINATE' ? j.servers.map((s) => s.recoveryInstanceID) : [])));
        const clash = ids.find((id) => terminating.has(id) || busy.has(state.recoveryInstances.get(id)?.sourceServerID ?? ''));
        if (clash)
            throw new DrsError(409, 'ConflictException', `Recovery instance ${clash} is currently being processed by a Job`, { code: 'ConflictException', resourceId: clash, resourceType: 'RECOVERY_INSTANCE' });
        if (state.activeJobs().length >= EMULATED_QUOTAS.maxActiveJobs.value)
            throw quotaExceeded('maxActiveJobs', `Cannot have more than ${EMULATED_QUOTAS.maxActiveJobs.value} concurrent jobs in progress`);
        return { job: jobView(state, startTerminateJob(state, ids)) };
    },
    GetLaunchConfiguration(state, input) {
        const server = state.servers.get(input.sourceServerID);
        if (!server)
            throw notFound('SOURCE_SERVER', input.sourceServerID);
        return launchConfigurationView(server);
    },
    UpdateLaunchConfiguration(state, input) {
        const id = input.sourceServerID;
        const server = state.servers.get(id);
        if (!server)
            throw notFound('SOURCE_SERVER', id);
        if (state.busyServers().has(id))
            throw new DrsError(409, 'ConflictException', BUSY_SERVER_MESSAGE, {
                code: 'ConflictException',
                resourceId: id,
                resourceType: 'SOURCE_SERVER',
            });
        const l = server.launch;
        if (typeof input.name === 'string')
            l.name = input.name;
        if (input.launchDisposition !== undefined)
            l.launchDisposition = input.launchDisposition;
        if (input.targetInstanceTypeRightSizingMethod !== undefined)
            l.rightSizing = input.targetInstanceTypeRightSizingMethod;
        if (typeof input.copyPrivateIp === 'boolean')
            l.copyPrivateIp = input.copyPrivateIp;
        if (typeof input.copyTags === 'boolean')
            l.copyTags = input.copyTags;
        if (typeof input.postLaunchEnabled === 'boolean')
            l.postLaunchEnabled = input.postLaunchEnabled;
        const licensing = input.licensing;
        if (typeof licensing?.osByol === 'boolean')
            l.osByol = licensing.osByol;
        if (state.scenario.drs.launchConfigurationWritesTemplate)
            writeLaunchTemplate(state, server, input);
        return launchConfigurationView(server);
    },
    DescribeRecoverySnapshots(state, input) {
        const id = input.sourceServerID;
        const server = state.servers.get(id);
        const filters = (input.filters ?? {});
        const from = filters.fromDateTime ? Date.parse(filters.fromDateTime) : -Infinity;
        const to = filters.toDateTime ? Date.parse(filters.toDateTime) : Infinity;
        const list = (server?.snapshots ?? [])
            .filter((s) => s.timestamp >= from && s.timestamp <= to)
            .sort((a, b) => a.timestamp - b.timestamp);
        if (input.order === 'DESC')
            list.reverse();
        const page = paginate(list, input);
        return { items: page.items.map((s) => snapshotView(id, s)), nextToken: page.nextToken };
    },
    ListTagsForResource(state, input) {
        return { tags: { ...tagsOf(state, input.resourceArn) } };
    },
    TagResource(state, input) {
        Object.assign(tagsOf(state, input.resourceArn), input.tags);
        return undefined;
    },
    UntagResource(state, input) {
        const tags = tagsOf(state, input.resourceArn);
        for (const k of input.tagKeys)
            delete tags[k];
        return undefined;
    },
    ...launchActionOperations({
        notFound,
        quota: (message) => new DrsError(402, 'ServiceQuotaExceededException', message, {
            code: 'ServiceQuotaExceededException',
            serviceCode: 'drs',
            resourceType: 'LAUNCH_ACTION',
        }),
    }),
};
/**
 * `drs.launchConfigurationWritesTemplate`: setting right-sizing BASIC or copyPrivateIp makes DRS
 * write the EC2 launch template itself: a new version from the current default with the instance
 * type or the first network interface's private IP changed, made the default. Nothing is written
 * when the default version already says so. (README: the user guide says DRS updates the template;
 * how exactly is unverified.)
 */
function writeLaunchTemplate(state, server, input) {
    const template = state.templates.get(server.scenario.launchTemplateId);
    const current = template?.versions.find((v) => v.number === template.defaultVersion);
    if (!template || !current)
        return;
    const data = structuredClone(current.data);
    if (input.targetInstanceTypeRightSizingMethod === 'BASIC')
        data.instanceType = recommendedInstanceType(server);
    if (input.copyPrivateIp === true && server.scenario.sourceIp)
        data.privateIpAddress = server.scenario.sourceIp;
    if (input.copyPrivateIp === false)
        data.privateIpAddress = undefined;
    const next = compactTemplateData(data);
    if ((0,external_node_util_.isDeepStrictEqual)(next, compactTemplateData(current.data)))
        return;
    template.defaultVersion = state.addTemplateVersion(template, next).number;
}
/** The live tag map of a DRS resource, found by its ARN. */
function tagsOf(state, arn) {
    const m = /^arn:aws:drs:[^:]*:[^:]*:(job|source-server|recovery-instance)\/(.+)$/.exec(arn);
    const kind = m?.[1];
    const id = m?.[2] ?? arn;
    if (kind === 'job') {
        const job = state.jobs.get(id);
        if (job)
            return job.tags;
    }
    else if (kind === 'source-server') {
        const server = state.servers.get(id);
        if (server)
            return server.tags;
    }
    else if (kind === 'recovery-instance' && state.recoveryInstances.has(id)) {
        let tags = state.arnTags.get(arn);
        if (!tags) {
            tags = {};
            state.arnTags.set(arn, tags);
        }
        return tags;
    }
    throw notFound(kind ? kind.toUpperCase().replace('-', '_') : 'RESOURCE', arn);
}

;// CONCATENATED MODULE: ./emulator/query.ts
/** EC2 query protocol helpers: form parameters into a tree, and a tiny XML writer. */
/** `Filter.1.Value.2=x` → { Filter: { '1': { Value: { '2': 'x' } } } } */
function parseQuery(body) {
    const tree = {};
    for (const [key, value] of new URLSearchParams(body)) {
        const parts = key.split('.');
        let node = tree;
        parts.forEach((part, i) => {
            if (i === parts.length - 1) {
                node[part] = value;
                return;
            }
            const next = node[part];
            if (typeof next === 'object')
                node = next;
            else {
                const created = {};
                node[part] = created;
                node = created;
            }
        });
    }
    return tree;
}
/** Numbered members (`X.1`, `X.2`, ...) in index order. */
function listOf(node) {
    if (node === undefined || typeof node === 'string')
        return [];
    return Object.keys(node)
        .filter((k) => /^\d+$/.test(k))
        .sort((a, b) => Number(a) - Number(b))
        .map((k) => node[k]);
}
function strings(node) {
    return listOf(node).filter((v) => typeof v === 'string');
}
function str(node) {
    return typeof node === 'string' ? node : undefined;
}
function sub(node, key) {
    return typeof node === 'object' ? node[key] : undefined;
}
function escapeXml(text) {
    return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);
}
/** Pre-rendered XML, for lists whose members are not named `item`. */
class RawXml {
    xml;
    constructor(xml) {
        this.xml = xml;
    }
}
/** `<tag>v1</tag><tag>v2</tag>` */
function repeated(tag, values) {
    return new RawXml(values.map((v) => `<${tag}>${escapeXml(v)}</${tag}>`).join(''));
}
/** Objects become child elements, arrays become `<item>` lists, undefined is left out. */
function toXml(value) {
    if (value === undefined)
        return '';
    if (value instanceof RawXml)
        return value.xml;
    if (Array.isArray(value))
        return value.map((v) => `<item>${toXml(v)}</item>`).join('');
    if (typeof value === 'object') {
        return Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .map(([tag, v]) => `<${tag}>${toXml(v)}</${tag}>`)
            .join('');
    }
    return escapeXml(String(value));
}

;// CONCATENATED MODULE: ./emulator/ec2.ts


const ec2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const STATE_CODES = {
    pending: 0,
    running: 16,
    'shutting-down': 32,
    terminated: 48,
    stopping: 64,
    stopped: 80,
};
class Ec2Error extends Error {
    code;
    status;
    constructor(code, message, status = 400) {
        super(message);
        this.code = code;
        this.status = status;
    }
}
function ec2ErrorResponse(e, requestId) {
    return {
        status: e.status,
        headers: { 'content-type': 'text/xml;charset=UTF-8' },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${e.code}</Code><Message>${toXml(e.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
    };
}
function ec2Operation(req) {
    return new URLSearchParams(req.body).get('Action') ?? req.query.get('Action') ?? undefined;
}
function handleEc2(state, req, requestId) {
    const params = parseQuery(req.body || req.query.toString());
    const action = str(params.Action) ?? '';
    try {
        const op = ec2_OPERATIONS[action];
        if (!op)
            throw new Ec2Error('InvalidAction', `The action ${action || '(none)'} is not valid for this web service.`);
        const result = op(state, params);
        return {
            status: 200,
            headers: { 'content-type': 'text/xml;charset=UTF-8' },
            body: `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${ec2_NS}"><requestId>${requestId}</requestId>${toXml(result)}</${action}Response>`,
        };
    }
    catch (e) {
        if (e instanceof Ec2Error)
            return ec2ErrorResponse(e, requestId);
        throw e;
    }
}
function filtersOf(params) {
    return listOf(params.Filter).map((f) => ({
        name: str(sub(f, 'Name')) ?? '',
        values: strings(sub(f, 'Value')),
    }));
}
function tagsXml(tags) {
    return Object.entries(tags).map(([key, value]) => ({ key, value }));
}
function instanceMatches(i, filters) {
    return filters.every((f) => {
        if (f.name === 'instance-id')
            return f.values.includes(i.instanceId);
        if (f.name === 'instance-state-name')
            return f.values.includes(i.state);
        if (f.name === 'tag-key')
            return f.values.some((k) => k in i.tags);
        if (f.name.startsWith('tag:')) {
            const v = i.tags[f.name.slice(4)];
            return v !== undefined && f.values.includes(v);
        }
        throw new Ec2Error('InvalidParameterValue', `The filter '${f.name}' is invalid`);
    });
}
function instancesById(state, ids) {
    const missing = ids.filter((id) => !state.instances.has(id));
    if (missing.length)
        throw new Ec2Error('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
    return ids.map((id) => state.instances.get(id));
}
function ec2_paginate(items, params) {
    const start = Number(str(params.NextToken) ?? '0') || 0;
    const max = Number(str(params.MaxResults) ?? '1000') || 1000;
    const next = start + max;
    return { page: items.slice(start, next), nextToken: next < items.length ? String(next) : undefined };
}
function instanceXml(state, i) {
    const groups = i.securityGroupIds.map((g) => ({
        groupId: g,
        groupName: state.scenario.securityGroups.find((x) => x.groupId === g)?.name ?? g,
    }));
    const profile = i.iamInstanceProfile;
    return {
        instanceId: i.instanceId,
        imageId: 'ami-0d1e5c0a1b2c3d4e5',
        instanceState: { code: STATE_CODES[i.state], name: i.state },
        privateDnsName: `ip-${i.privateIp.replace(/\./g, '-')}.ec2.internal`,
        instanceType: i.instanceType,
        launchTime: new Date(i.launchTime).toISOString(),
        placement: { availabilityZone: i.availabilityZone, tenancy: 'default' },
        subnetId: i.subnetId,
        vpcId: i.vpcId,
        privateIpAddress: i.privateIp,
        groupSet: groups,
        tagSet: tagsXml(i.tags),
        iamInstanceProfile: profile
            ? {
                arn: profile.startsWith('arn:')
                    ? profile
                    : `arn:aws:iam::${state.scenario.accountId}:instance-profile/${profile}`,
                id: 'AIPAEMULATOR0000000001',
            }
            : undefined,
    };
}
function checkStatus(i) {
    if (i.state !== 'running')
        return { status: 'not-applicable', details: [{ name: 'reachability', status: 'not-applicable' }] };
    const detail = { ok: 'passed', impaired: 'failed', initializing: 'initializing' }[i.statusChecks];
    return { status: i.statusChecks, details: [{ name: 'reachability', status: detail }] };
}
/**
 * DescribeLaunchTemplateVersions with no template named: EC2 documents that only `$Latest` and
 * `$Default` are then valid (no numbers), and answers those versions of every template in the
 * account, MaxResults 1-200 a page.
 */
function accountVersions(state, params) {
    const wanted = strings(params.LaunchTemplateVersion);
    if (wanted.length === 0 || wanted.some((w) => w !== '$Default' && w !== '$Latest'))
        throw new Ec2Error('InvalidParameterValue', 'Without a launch template, the versions must be $Latest or $Default', 400);
    const max = Number(str(params.MaxResults) ?? '200');
    if (!Number.isInteger(max) || max < 1 || max > 200)
        throw new Ec2Error('InvalidParameterValue', `MaxResults must be between 1 and 200, got ${max}`, 400);
    const all = [...state.templates.values()].flatMap((t) => t.versions
        .filter((v) => (wanted.includes('$Default') && v.number === t.defaultVersion) ||
        (wanted.includes('$Latest') && v.number === t.versions.length))
        .map((v) => ({ t, v })));
    const { page, nextToken } = ec2_paginate(all, params);
    return { launchTemplateVersionSet: page.map(({ t, v }) => versionXml(state, t, v)), nextToken };
}
function templateById(state, params) {
    const id = str(params.LaunchTemplateId);
    const name = str(params.LaunchTemplateName);
    const template = id ? state.templates.get(id) : [...state.templates.values()].find((t) => t.name === name);
    if (!template) {
        if (!id && !name)
            throw new Ec2Error('MissingParameter', 'The request must contain the parameter LaunchTemplateId or LaunchTemplateName');
        throw new Ec2Error(id ? 'InvalidLaunchTemplateId.NotFound' : 'InvalidLaunchTemplateName.NotFoundException', id
            ? `The specified launch template, with template ID ${id}, does not exist.`
            : `The specified launch template, with template name ${name}, does not exist.`);
    }
    return template;
}
function versionXml(state, t, v) {
    const d = v.data;
    const hasInterface = d.subnetId !== undefined || d.networkInterfaceGroupIds !== undefined || d.privateIpAddress !== undefined;
    const profile = d.instanceProfile;
    return {
        launchTemplateId: t.launchTemplateId,
        launchTemplateName: t.name,
        versionNumber: v.number,
        versionDescription: v.description,
        createTime: new Date(v.createdAt).toISOString(),
        createdBy: `arn:aws:iam::${state.scenario.accountId}:root`,
        defaultVersion: v.number === t.defaultVersion,
        launchTemplateData: {
            instanceType: d.instanceType,
            iamInstanceProfile: profile
                ? profile.startsWith('arn:')
                    ? { arn: profile }
                    : { name: profile }
                : undefined,
            networkInterfaceSet: hasInterface
                ? [
                    {
                        deviceIndex: 0,
                        subnetId: d.subnetId,
                        privateIpAddress: d.privateIpAddress,
                        groupSet: d.networkInterfaceGroupIds
                            ? repeated('groupId', d.networkInterfaceGroupIds)
                            : undefined,
                    },
                ]
                : undefined,
            securityGroupIdSet: d.securityGroupIds,
            tagSpecificationSet: [
                {
                    resourceType: 'instance',
                    tagSet: Object.entries({
                        AWSElasticDisasterRecoveryManaged: 'drs.amazonaws.com',
                        ...d.instanceTags,
                    }).map(([key, value]) => ({ key, value })),
                },
            ],
        },
    };
}
function templateXml(state, t) {
    return {
        launchTemplateId: t.launchTemplateId,
        launchTemplateName: t.name,
        createTime: new Date(t.createdAt).toISOString(),
        createdBy: `arn:aws:iam::${state.scenario.accountId}:root`,
        defaultVersionNumber: t.defaultVersion,
        latestVersionNumber: t.versions.length,
    };
}
/** LaunchTemplateData.* parameters into the emulator's template fields. */
function templateData(node) {
    const out = {};
    const instanceType = str(sub(node, 'InstanceType'));
    if (instanceType)
        out.instanceType = instanceType;
    const groups = strings(sub(node, 'SecurityGroupId'));
    if (groups.length)
        out.securityGroupIds = groups;
    const profile = sub(node, 'IamInstanceProfile');
    const profileRef = str(sub(profile, 'Arn')) ?? str(sub(profile, 'Name'));
    if (profileRef)
        out.instanceProfile = profileRef;
    const instanceSpec = listOf(sub(node, 'TagSpecification')).find((s) => str(sub(s, 'ResourceType')) === 'instance');
    if (instanceSpec !== undefined) {
        // DRS's own tag is always described (versionXml); the others are the version's.
        const tags = listOf(sub(instanceSpec, 'Tag'))
            .map((x) => [str(sub(x, 'Key')) ?? '', str(sub(x, 'Value')) ?? ''])
            .filter(([k]) => k !== '' && k !== 'AWSElasticDisasterRecoveryManaged');
        // A list naming only DRS's tag replaces the source's extra tags with none.
        out.instanceTags = tags.length > 0 ? Object.fromEntries(tags) : undefined;
    }
    const nic = listOf(sub(node, 'NetworkInterface'))[0];
    if (nic !== undefined) {
        const subnetId = str(sub(nic, 'SubnetId'));
        if (subnetId)
            out.subnetId = subnetId;
        const nicGroups = strings(sub(nic, 'SecurityGroupId'));
        if (nicGroups.length)
            out.networkInterfaceGroupIds = nicGroups;
        const privateIp = str(sub(nic, 'PrivateIpAddress'));
        if (privateIp)
            out.privateIpAddress = privateIp;
    }
    return out;
}
const ec2_OPERATIONS = {
    DescribeInstances(state, params) {
        const ids = strings(params.InstanceId);
        const filters = filtersOf(params);
        const list = (ids.length ? instancesById(state, ids) : [...state.instances.values()]).filter((i) => instanceMatches(i, filters));
        const { page, nextToken } = ec2_paginate(list, params);
        return {
            reservationSet: page.map((i) => ({
                reservationId: `r-${i.instanceId.slice(2)}`,
                ownerId: state.scenario.accountId,
                groupSet: [],
                instancesSet: [instanceXml(state, i)],
            })),
            nextToken,
        };
    },
    DescribeInstanceStatus(state, params) {
        const ids = strings(params.InstanceId);
        const all = str(params.IncludeAllInstances) === 'true';
        const list = (ids.length ? instancesById(state, ids) : [...state.instances.values()]).filter((i) => all || i.state === 'running');
        const { page, nextToken } = ec2_paginate(list, params);
        return {
            instanceStatusSet: page.map((i) => ({
                instanceId: i.instanceId,
                availabilityZone: i.availabilityZone,
                instanceState: { code: STATE_CODES[i.state], name: i.state },
                systemStatus: checkStatus(i),
                instanceStatus: checkStatus(i),
            })),
            nextToken,
        };
    },
    CreateTags(state, params) {
        const ids = strings(params.ResourceId);
        if (!ids.length)
            throw new Ec2Error('MissingParameter', 'The request must contain the parameter ResourceId');
        const tags = listOf(params.Tag).map((t) => [str(sub(t, 'Key')) ?? '', str(sub(t, 'Value')) ?? '']);
        const instances = instancesById(state, ids.filter((id) => id.startsWith('i-')));
        for (const i of instances)
            for (const [k, v] of tags)
                i.tags[k] = v;
        return { return: true };
    },
    DescribeLaunchTemplateVersions(state, params) {
        // Without a template: the default (or latest) version of every template in the account, paged.
        if (str(params.LaunchTemplateId) === undefined && str(params.LaunchTemplateName) === undefined)
            return accountVersions(state, params);
        const t = templateById(state, params);
        const wanted = strings(params.LaunchTemplateVersion);
        const versions = wanted.length
            ? wanted.map((w) => {
                const n = w === '$Default' ? t.defaultVersion : w === '$Latest' ? t.versions.length : Number(w);
                const v = t.versions.find((x) => x.number === n);
                if (!v)
                    throw new Ec2Error('InvalidLaunchTemplateId.VersionNotFound', `Could not find launch template version ${w} of ${t.launchTemplateId}`);
                return v;
            })
            : t.versions;
        return { launchTemplateVersionSet: versions.map((v) => versionXml(state, t, v)) };
    },
    CreateLaunchTemplateVersion(state, params) {
        const t = templateById(state, params);
        const token = str(params.ClientToken);
        const earlier = token ? t.versions.find((v) => v.clientToken === token) : undefined;
        if (earlier)
            return { launchTemplateVersion: versionXml(state, t, earlier) };
        const sourceText = str(params.SourceVersion);
        let base = {};
        if (sourceText !== undefined) {
            const n = sourceText === '$Default'
                ? t.defaultVersion
                : sourceText === '$Latest'
                    ? t.versions.length
                    : Number(sourceText);
            const source = t.versions.find((v) => v.number === n);
            if (!source)
                throw new Ec2Error('InvalidLaunchTemplateId.VersionNotFound', `Could not find launch template version ${sourceText} of ${t.launchTemplateId}`);
            base = structuredClone(source.data);
        }
        const change = templateData(params.LaunchTemplateData);
        // EC2 replaces the network interface list as a whole when the new data names one.
        if (listOf(sub(params.LaunchTemplateData, 'NetworkInterface')).length > 0) {
            base.subnetId = undefined;
            base.networkInterfaceGroupIds = undefined;
            base.privateIpAddress = undefined;
        }
        const data = compactTemplateData({ ...base, ...change });
        const version = state.addTemplateVersion(t, data, {
            description: str(params.VersionDescription),
            clientToken: token,
        });
        return { launchTemplateVersion: versionXml(state, t, version) };
    },
    ModifyLaunchTemplate(state, params) {
        const t = templateById(state, params);
        const wanted = str(params.SetDefaultVersion);
        if (wanted !== undefined) {
            const n = wanted === '$Latest' ? t.versions.length : Number(wanted);
            if (!t.versions.some((v) => v.number === n))
                throw new Ec2Error('InvalidLaunchTemplateId.VersionNotFound', `Could not find launch template version ${wanted} of ${t.launchTemplateId}`);
            t.defaultVersion = n;
        }
        return { launchTemplate: templateXml(state, t) };
    },
    DescribeSubnets(state, params) {
        const ids = strings(params.SubnetId);
        const filters = filtersOf(params);
        const missing = ids.filter((id) => !state.scenario.subnets.some((s) => s.subnetId === id));
        if (missing.length)
            throw new Ec2Error('InvalidSubnetID.NotFound', `The subnet ID '${missing.join(', ')}' does not exist`);
        const list = state.scenario.subnets.filter((s) => (!ids.length || ids.includes(s.subnetId)) &&
            filters.every((f) => f.name === 'vpc-id'
                ? f.values.includes(s.vpcId)
                : f.name === 'subnet-id'
                    ? f.values.includes(s.subnetId)
                    : true));
        return {
            subnetSet: list.map((s) => ({
                subnetId: s.subnetId,
                subnetArn: `arn:aws:ec2:${state.scenario.region}:${state.scenario.accountId}:subnet/${s.subnetId}`,
                vpcId: s.vpcId,
                cidrBlock: s.cidr,
                availabilityZone: s.availabilityZone || `${state.scenario.region}a`,
                state: 'available',
                availableIpAddressCount: 250,
                ownerId: state.scenario.accountId,
                defaultForAz: false,
                mapPublicIpOnLaunch: false,
            })),
        };
    },
    DescribeSecurityGroups(state, params) {
        const ids = strings(params.GroupId);
        const filters = filtersOf(params);
        const missing = ids.filter((id) => !state.scenario.securityGroups.some((g) => g.groupId === id));
        if (missing.length)
            throw new Ec2Error('InvalidGroup.NotFound', `The security group '${missing.join(', ')}' does not exist`);
        const list = state.scenario.securityGroups.filter((g) => (!ids.length || ids.includes(g.groupId)) &&
            filters.every((f) => f.name === 'vpc-id'
                ? f.values.includes(g.vpcId)
                : f.name === 'group-id'
                    ? f.values.includes(g.groupId)
                    : true));
        return {
            securityGroupInfo: list.map((g) => ({
                ownerId: state.scenario.accountId,
                groupId: g.groupId,
                groupName: g.name,
                groupDescription: g.name,
                vpcId: g.vpcId,
                ipPermissions: [],
                ipPermissionsEgress: [],
            })),
        };
    },
};

;// CONCATENATED MODULE: ./emulator/faults.ts


/**
 * The first rule of `rules` that picks this call of `operation`. Calls are counted per rule object, so
 * a new set of faults (`POST /_emulator/faults`) starts counting afresh.
 */
function pickRule(rules, operation, seen) {
    let picked;
    for (const rule of rules) {
        if (rule.operation !== operation)
            continue;
        const n = (seen.get(rule) ?? 0) + 1;
        seen.set(rule, n);
        const inRange = n > rule.skip && (rule.count === undefined || n <= rule.skip + rule.count);
        if (inRange && !picked)
            picked = rule;
    }
    return picked;
}
/** The answer of a throttled, failed (5xx) or expired-credentials call, as DRS or EC2 words it. */
function faultResponse(service, kind, requestId, faults) {
    if (service === 'ec2') {
        if (kind === 'throttle')
            return ec2ErrorResponse(new Ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503), requestId);
        if (kind === 'server')
            return ec2ErrorResponse(new Ec2Error('InternalError', 'An internal error has occurred', 500), requestId);
        return ec2ErrorResponse(new Ec2Error('ExpiredTokenException', 'The security token included in the request is expired', 400), requestId);
    }
    let e;
    if (kind === 'throttle') {
        const after = String(faults.throttle.retryAfterSeconds);
        e = new DrsError(429, 'ThrottlingException', 'Rate exceeded', { serviceCode: 'drs', quotaCode: 'L-DRS-API-RATE' }, { 'retry-after': after });
    }
    else if (kind === 'server') {
        e = new DrsError(500, 'InternalServerException', 'An internal error occurred', {}, { 'retry-after': '0' });
    }
    else {
        e = new DrsError(400, 'ExpiredTokenException', 'The security token included in the request is expired');
    }
    return drsErrorResponse(e);
}
/** What a load balancer in front of the service answers when it has no healthy target. */
function htmlErrorResponse() {
    return {
        status: 503,
        headers: { 'content-type': 'text/html' },
        body: '<html>\r\n<head><title>503 Service Temporarily Unavailable</title></head>\r\n<body>\r\n' +
            '<center><h1>503 Service Temporarily Unavailable</h1></center>\r\n</body>\r\n</html>\r\n',
    };
}
/** A DRS nextToken that leads back to the first page (the emulator's tokens are item offsets). */
const FIRST_PAGE_TOKEN = Buffer.from('0').toString('base64url');
/** Keys of DRS answers whose string values the engine logs or reports. */
const LOGGED_KEYS = new Set(['hostname', 'rawError', 'failureReason', 'message', 'Message']);
/** `value` with `payload` appended to every logged string and a `Note` tag in every tag map. */
function hostile(value, payload, key) {
    if (typeof value === 'string')
        return key !== undefined && LOGGED_KEYS.has(key) ? value + payload : value;
    if (Array.isArray(value))
        return value.map((x) => hostile(x, payload));
    if (typeof value !== 'object' || value === null)
        return value;
    const out = {};
    for (const [k, x] of Object.entries(value))
        out[k] = hostile(x, payload, k);
    if (key === 'tags')
        out.Note = `hostile${payload}`;
    return out;
}
/**
 * A DRS answer after the faults that rewrite it: no job in a StartRecovery answer (`noJob`), the
 * first page named as the next one (`repeatNextToken`), hostile strings. Non-JSON answers pass.
 */
function rewriteDrsAnswer(answer, faults, operation, opts) {
    const repeat = faults.repeatNextToken.includes(operation) && answer.status < 300;
    if (!opts.noJob && !repeat && faults.hostileStrings === false)
        return answer;
    let body;
    try {
        body = answer.body === '' ? {} : JSON.parse(answer.body);
    }
    catch {
        return answer;
    }
    if (opts.noJob)
        body = {};
    if (repeat && typeof body === 'object' && body !== null) {
        body = { ...body, nextToken: FIRST_PAGE_TOKEN };
    }
    if (faults.hostileStrings !== false)
        body = hostile(body, faults.hostileStrings);
    return { ...answer, body: JSON.stringify(body) };
}
/**
 * Sends the headers at once and then the body one byte every `msPerByte` real ms: an answer that is
 * never idle long enough for an inactivity timeout, and never complete.
 */
function trickle(res, answer, headers, msPerByte) {
    const bytes = Buffer.from(answer.body);
    res.writeHead(answer.status, headers);
    res.flushHeaders();
    let at = 0;
    const timer = setInterval(() => {
        if (at >= bytes.length) {
            clearInterval(timer);
            res.end();
            return;
        }
        res.write(bytes.subarray(at, at + 1));
        at += 1;
    }, msPerByte);
    res.on('close', () => clearInterval(timer));
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
;// CONCATENATED MODULE: ./emulator/github-git.ts
/**
 * The git side of the GitHub stub: branches (refs), the Git Data API (blobs, trees, commits), file
 * contents read from and written to a branch, and the commits that touched a path. Enough for the
 * action's history branch, with GitHub's answers to the cases that matter:
 *
 * - a ref update that is not a fast-forward is refused (422 "Update is not a fast forward"), and a ref
 *   that already exists cannot be created again (422 "Reference already exists"): two writers racing on
 *   one branch see the loser refused, never a lost commit;
 * - a contents write must name the blob it replaces: without `sha` on an existing file it is 422, with a
 *   stale `sha` it is 409 "… is at X but expected Y";
 * - a read-only token (fork pull requests, `contents: read`) gets 403 on every write.
 *
 * Blob ids are git's own (sha1 of `blob <size>\0<bytes>`), so a client may compute them locally. Trees
 * are kept flat (every file path of the commit → its blob), which is all the API shows anyway.
 */

function gitBlobSha(content) {
    return (0,external_node_crypto_.createHash)('sha1')
        .update(Buffer.concat([Buffer.from(`blob ${content.length}\0`), content]))
        .digest('hex');
}
/** A file as `GET /contents/{path}` shows it (base64 wrapped at 60 columns, as GitHub sends it). */
function fileContentJson(path, content) {
    return {
        type: 'file',
        encoding: 'base64',
        size: content.length,
        name: path.split('/').pop(),
        path,
        sha: gitBlobSha(content),
        // Clients must cope with the newlines.
        content: (content.toString('base64').match(/.{1,60}/g) ?? []).join('\n'),
    };
}
function digest(kind, value) {
    return (0,external_node_crypto_.createHash)('sha1')
        .update(`${kind}\0${JSON.stringify(value)}`)
        .digest('hex');
}
function createGitStub(now, json, message) {
    const repos = new Map();
    const repoOf = (repository) => {
        let repo = repos.get(repository);
        if (!repo) {
            repo = { blobs: new Map(), trees: new Map(), commits: new Map(), refs: new Map() };
            repos.set(repository, repo);
        }
        return repo;
    };
    const putBlob = (repo, content) => {
        const sha = gitBlobSha(content);
        repo.blobs.set(sha, content);
        return sha;
    };
    const putTree = (repo, files) => {
        const sorted = new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
        const sha = digest('tree', [...sorted]);
        repo.trees.set(sha, sorted);
        return sha;
    };
    const putCommit = (repo, tree, parents, msg) => {
        const date = new Date(now()).toISOString();
        const sha = digest('commit', { tree, parents, msg, date, n: repo.commits.size });
        const commit = { sha, tree, parents, message: msg, date };
        repo.commits.set(sha, commit);
        return commit;
    };
    const treeOfCommit = (repo, sha) => sha ? repo.trees.get(repo.commits.get(sha)?.tree ?? '') : undefined;
    /** A branch name, a commit sha or a tree sha, as GitHub accepts for `ref`/`tree_sha`. */
    const resolveTree = (repo, ref) => repo.trees.get(ref) ?? treeOfCommit(repo, repo.refs.get(`refs/heads/${ref}`) ?? ref);
    const resolveCommit = (repo, ref) => repo.refs.get(`refs/heads/${ref}`) ?? (repo.commits.has(ref) ? ref : undefined);
    function isAncestor(repo, ancestor, of) {
        const seen = new Set();
        const queue = [of];
        while (queue.length > 0) {
            const sha = queue.pop();
            if (sha === ancestor)
                return true;
            if (seen.has(sha))
                continue;
            seen.add(sha);
            queue.push(...(repo.commits.get(sha)?.parents ?? []));
        }
        return false;
    }
    const state = {
        forbidWrites: false,
        head: (repository, branch) => repoOf(repository).refs.get(`refs/heads/${branch}`),
        filesOf(repository, branch) {
            const repo = repoOf(repository);
            const tree = resolveTree(repo, branch) ?? new Map();
            return new Map([...tree].map(([path, sha]) => [path, repo.blobs.get(sha) ?? Buffer.alloc(0)]));
        },
        commitFiles(repository, branch, files, msg = 'test commit') {
            const repo = repoOf(repository);
            const head = repo.refs.get(`refs/heads/${branch}`);
            const tree = new Map(treeOfCommit(repo, head) ?? []);
            for (const [path, content] of Object.entries(files)) {
                if (content === null)
                    tree.delete(path);
                else
                    tree.set(path, putBlob(repo, Buffer.isBuffer(content) ? content : Buffer.from(content)));
            }
            const commit = putCommit(repo, putTree(repo, tree), head ? [head] : [], msg);
            repo.refs.set(`refs/heads/${branch}`, commit.sha);
            return commit.sha;
        },
        commit: (repository, sha) => repoOf(repository).commits.get(sha),
    };
    const body = (request) => {
        try {
            const parsed = JSON.parse(request.body || '{}');
            return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
        }
        catch {
            return undefined;
        }
    };
    const forbidden = () => message(403, 'Resource not accessible by integration');
    const commitJson = (c) => ({
        sha: c.sha,
        tree: { sha: c.tree },
        parents: c.parents.map((sha) => ({ sha })),
        message: c.message,
        author: { name: 'github-actions[bot]', email: 'bot@example.invalid', date: c.date },
        committer: { name: 'github-actions[bot]', email: 'bot@example.invalid', date: c.date },
    });
    const refJson = (ref, sha) => ({ ref, object: { sha, type: 'commit' } });
    function getRef(repo, ref) {
        const sha = repo.refs.get(`refs/${ref}`);
        return sha ? json(200, refJson(`refs/${ref}`, sha)) : message(404, 'Not Found');
    }
    function createRef(repo, request) {
        if (state.forbidWrites)
            return forbidden();
        const b = body(request);
        const ref = b?.ref;
        const sha = b?.sha;
        if (typeof ref !== 'string' || !/^refs\/heads\/[^\s~^:?*[\\]+$/.test(ref) || typeof sha !== 'string') {
            return message(422, 'Reference name or sha is invalid');
        }
        if (!repo.commits.has(sha))
            return message(422, 'Object does not exist');
        if (repo.refs.has(ref))
            return message(422, 'Reference already exists');
        repo.refs.set(ref, sha);
        return json(201, refJson(ref, sha));
    }
    function updateRef(repository, repo, branch, request) {
        if (state.forbidWrites)
            return forbidden();
        const b = body(request);
        const sha = b?.sha;
        if (typeof sha !== 'string' || !repo.commits.has(sha))
            return message(422, 'Object does not exist');
        state.beforeRefUpdate?.(repository, branch);
        const ref = `refs/heads/${branch}`;
        const current = repo.refs.get(ref);
        if (!current)
            return message(422, 'Reference does not exist');
        if (b?.force !== true && !isAncestor(repo, current, sha)) {
            return message(422, 'Update is not a fast forward');
        }
        repo.refs.set(ref, sha);
        return json(200, refJson(ref, sha));
    }
    function createBlob(repo, request) {
        if (state.forbidWrites)
            return forbidden();
        const b = body(request);
        if (typeof b?.content !== 'string')
            return message(422, 'Invalid request.\n\n"content" wasn\'t supplied.');
        const encoding = b.encoding ?? 'utf-8';
        if (encoding !== 'utf-8' && encoding !== 'base64')
            return message(422, 'encoding is not valid');
        const sha = putBlob(repo, Buffer.from(b.content, encoding === 'base64' ? 'base64' : 'utf8'));
        return json(201, { sha, url: `blobs/${sha}` });
    }
    function getBlob(repo, sha) {
        const content = repo.blobs.get(sha);
        if (!content)
            return message(404, 'Not Found');
        return json(200, { sha, size: content.length, encoding: 'base64', content: content.toString('base64') });
    }
    function createTree(repo, request) {
        if (state.forbidWrites)
            return forbidden();
        const b = body(request);
        if (!Array.isArray(b?.tree))
            return message(422, 'Invalid tree info');
        let files = new Map();
        if (typeof b.base_tree === 'string') {
            const base = repo.trees.get(b.base_tree);
            if (!base)
                return message(422, 'base_tree is not a valid tree');
            files = new Map(base);
        }
        for (const entry of b.tree) {
            const path = entry.path;
            if (typeof path !== 'string' || path === '' || path.startsWith('/') || path.split('/').includes('..')) {
                return message(422, 'tree.path contains a malformed path component');
            }
            if (entry.type !== 'blob' || entry.mode !== '100644') {
                return message(422, 'the stub accepts regular files only (type blob, mode 100644)');
            }
            if (entry.sha === null) {
                files.delete(path);
            }
            else if (typeof entry.sha === 'string') {
                if (!repo.blobs.has(entry.sha))
                    return message(422, `tree.sha ${entry.sha} is not a valid blob`);
                files.set(path, entry.sha);
            }
            else if (typeof entry.content === 'string') {
                files.set(path, putBlob(repo, Buffer.from(entry.content, 'utf8')));
            }
            else {
                return message(422, 'tree entry needs sha or content');
            }
        }
        const sha = putTree(repo, files);
        return json(201, { sha, tree: treeEntries(repo, files), truncated: false });
    }
    /** Blob entries plus the directories they imply, as `?recursive=1` lists them. */
    function treeEntries(repo, files) {
        const dirs = new Set();
        for (const path of files.keys()) {
            const parts = path.split('/');
            for (let i = 1; i < parts.length; i++)
                dirs.add(parts.slice(0, i).join('/'));
        }
        return [
            ...[...dirs].sort().map((path) => ({ path, mode: '040000', type: 'tree', sha: digest('dir', path) })),
            ...[...files].map(([path, sha]) => ({
                path,
                mode: '100644',
                type: 'blob',
                sha,
                size: repo.blobs.get(sha)?.length ?? 0,
            })),
        ];
    }
    function getTree(repo, ref, request) {
        const files = resolveTree(repo, ref);
        if (!files)
            return message(404, 'Not Found');
        const recursive = request.query.has('recursive');
        const shown = recursive ? files : new Map([...files].filter(([path]) => !path.includes('/')));
        return json(200, { sha: ref, tree: treeEntries(repo, shown), truncated: false });
    }
    function createCommit(repo, request) {
        if (state.forbidWrites)
            return forbidden();
        const b = body(request);
        const parents = Array.isArray(b?.parents) ? b.parents : [];
        if (typeof b?.message !== 'string' || typeof b.tree !== 'string' || !repo.trees.has(b.tree)) {
            return message(422, 'Invalid commit: message and a valid tree are required');
        }
        if (!parents.every((p) => typeof p === 'string' && repo.commits.has(p))) {
            return message(422, 'Parent SHA does not exist or is not a commit object');
        }
        return json(201, commitJson(putCommit(repo, b.tree, parents, b.message)));
    }
    function getCommit(repo, sha) {
        const commit = repo.commits.get(sha);
        return commit ? json(200, commitJson(commit)) : message(404, 'Not Found');
    }
    /** `GET /commits?sha=&path=`: newest first, the commits whose change touched `path`. */
    function listCommits(repo, request) {
        const start = resolveCommit(repo, request.query.get('sha') ?? 'main');
        if (!start)
            return json(200, []);
        const path = request.query.get('path') ?? undefined;
        const since = Date.parse(request.query.get('since') ?? '') || undefined;
        const perPage = Math.min(100, Number(request.query.get('per_page') ?? 30) || 30);
        const out = [];
        for (let sha = start; sha && out.length < perPage;) {
            const commit = repo.commits.get(sha);
            if (!commit)
                break;
            if (since !== undefined && Date.parse(commit.date) < since)
                break;
            const before = treeOfCommit(repo, commit.parents[0]);
            const after = repo.trees.get(commit.tree);
            if (path === undefined || before?.get(path) !== after?.get(path))
                out.push(commit);
            sha = commit.parents[0];
        }
        return json(200, out.map((c) => ({ sha: c.sha, commit: { ...commitJson(c), sha: undefined } })));
    }
    function getContents(repo, path, request) {
        const ref = request.query.get('ref') ?? 'main';
        const files = resolveTree(repo, ref);
        if (!files)
            return undefined;
        const sha = files.get(path);
        const content = sha ? repo.blobs.get(sha) : undefined;
        if (!sha || !content)
            return message(404, 'Not Found');
        if (/\.raw/.test(String(request.headers.accept ?? ''))) {
            return {
                status: 200,
                headers: { 'content-type': 'application/vnd.github.raw' },
                body: content.toString('utf8'),
            };
        }
        return json(200, fileContentJson(path, content));
    }
    function putContents(repository, repo, path, request) {
        if (state.forbidWrites)
            return forbidden();
        const b = body(request);
        if (typeof b?.message !== 'string' || typeof b.content !== 'string') {
            return message(422, 'Invalid request.\n\n"message" and "content" are required.');
        }
        const branch = typeof b.branch === 'string' ? b.branch : 'main';
        const head = repo.refs.get(`refs/heads/${branch}`);
        if (!head)
            return message(404, `Branch ${branch} not found`);
        const tree = new Map(treeOfCommit(repo, head) ?? []);
        const existing = tree.get(path);
        if (existing && b.sha === undefined)
            return message(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
        if (existing !== undefined && b.sha !== existing) {
            return message(409, `${path} does not match ${String(b.sha)}`);
        }
        if (!existing && b.sha !== undefined)
            return message(409, `${path} is at none but expected ${String(b.sha)}`);
        state.beforeRefUpdate?.(repository, branch);
        if (repo.refs.get(`refs/heads/${branch}`) !== head) {
            return message(409, `is at ${repo.refs.get(`refs/heads/${branch}`)} but expected ${head}`);
        }
        const blob = putBlob(repo, Buffer.from(b.content, 'base64'));
        tree.set(path, blob);
        const commit = putCommit(repo, putTree(repo, tree), [head], b.message);
        repo.refs.set(`refs/heads/${branch}`, commit.sha);
        return json(existing ? 200 : 201, {
            content: { path, sha: blob, name: path.split('/').pop() },
            commit: commitJson(commit),
        });
    }
    // Octokit sends `heads/<branch>` and file paths as one encoded path parameter: decoded before use.
    const routes = [
        ['GET', /^git\/ref\/(.+)$/, (_, repo, ref) => getRef(repo, ref)],
        ['POST', /^git\/refs$/, (_, repo, __, request) => createRef(repo, request)],
        [
            'PATCH',
            /^git\/refs\/(.+)$/,
            (repository, repo, ref, request) => ref.startsWith('heads/')
                ? updateRef(repository, repo, ref.slice('heads/'.length), request)
                : message(422, 'the stub updates branches only'),
        ],
        ['POST', /^git\/blobs$/, (_, repo, __, request) => createBlob(repo, request)],
        ['GET', /^git\/blobs\/([0-9a-f]{40})$/, (_, repo, sha) => getBlob(repo, sha)],
        ['POST', /^git\/trees$/, (_, repo, __, request) => createTree(repo, request)],
        ['GET', /^git\/trees\/(.+)$/, (_, repo, ref, request) => getTree(repo, ref, request)],
        ['POST', /^git\/commits$/, (_, repo, __, request) => createCommit(repo, request)],
        ['GET', /^git\/commits\/([0-9a-f]{40})$/, (_, repo, sha) => getCommit(repo, sha)],
        ['GET', /^commits$/, (_, repo, __, request) => listCommits(repo, request)],
        [
            'PUT',
            /^contents\/(.+)$/,
            (repository, repo, path, request) => putContents(repository, repo, path, request),
        ],
        ['GET', /^contents\/(.+)$/, (_, repo, path, request) => getContents(repo, path, request)],
    ];
    /**
     * Routes `/api/repos/<owner>/<repo>/…` requests of the git side; undefined for anything else (a
     * contents read on a ref the git side does not know falls through to the seeded files).
     */
    function handle(route, request) {
        const m = /^\/api\/repos\/([^/]+)\/([^/]+)\/(.+)$/.exec(route);
        if (!m)
            return undefined;
        const [, owner = '', name = '', rest = ''] = m;
        for (const [method, pattern, answer] of routes) {
            const hit = method === request.method ? pattern.exec(rest) : null;
            if (hit)
                return answer(`${owner}/${name}`, repoOf(`${owner}/${name}`), decodeURIComponent(hit[1] ?? ''), request);
        }
        return undefined;
    }
    return { state, handle };
}

;// CONCATENATED MODULE: ./emulator/github.ts
/**
 * GitHub stubs for the emulator: the Actions OIDC token endpoint that `core.getIDToken` calls, and the
 * slice of the REST API the action uses (issue comments, file contents at a ref, and through
 * github-git.ts branches, the Git Data API, contents writes and commits of a path), and the one GraphQL
 * query that finds the action's own comment (viewer, comment authors, minimised state). Mounted under a
 * path prefix (e.g. `/_github`), so `ACTIONS_ID_TOKEN_REQUEST_URL=<baseUrl>/oidc/token?api-version=2.0`
 * and `GITHUB_API_URL=<baseUrl>/api`.
 */


const GITHUB_OIDC_ISSUER = 'https://token.actions.githubusercontent.com';
/** GitHub rejects comment bodies longer than this. */
const MAX_COMMENT_BODY = 65_536;
/** Fixed, because the STS stub must recognise tokens this stub issued (they share a process, not a config). */
const SIGNING_KEY = 'drs-drill-emulator-oidc-signing-key';
const BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
function base64url(input) {
    return Buffer.from(input).toString('base64url');
}
function sign(data) {
    return (0,external_node_crypto_.createHmac)('sha256', SIGNING_KEY).update(data).digest('base64url');
}
function signIdToken(claims) {
    const head = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'drs-drill-emulator' }));
    const body = base64url(JSON.stringify(claims));
    return `${head}.${body}.${sign(`${head}.${body}`)}`;
}
/** Verifies a token this stub issued: shape, signature, then expiry against `nowMs`. */
function verifyIdToken(token, nowMs) {
    const parts = token.split('.');
    if (parts.length !== 3)
        return { ok: false, reason: 'malformed' };
    const [head, body, signature] = parts;
    const expected = Buffer.from(sign(`${head}.${body}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !(0,external_node_crypto_.timingSafeEqual)(expected, given)) {
        return { ok: false, reason: 'signature' };
    }
    let claims;
    try {
        claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    }
    catch {
        return { ok: false, reason: 'malformed' };
    }
    if (typeof claims.exp !== 'number' || nowMs >= claims.exp * 1000)
        return { ok: false, reason: 'expired', claims };
    return { ok: true, claims };
}
function github_json(status, value, headers = {}) {
    return {
        status,
        headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
        body: JSON.stringify(value),
    };
}
function message(status, text, extra = {}) {
    return github_json(status, { message: text, documentation_url: 'https://docs.github.com/rest', ...extra });
}
function createState(requestToken, git) {
    const state = {
        git,
        requestToken,
        oidc: {
            repository: 'example/drs-plans',
            ref: 'refs/heads/main',
            sha: '0000000000000000000000000000000000000000',
            runId: '1',
            actor: 'octocat',
            eventName: 'workflow_dispatch',
            lifetimeSeconds: 300,
        },
        issuedTokens: [],
        oidcFailures: 0,
        forbidCommentWrites: false,
        comments: [],
        files: new Map(),
        requests: [],
        workflowRuns: new Map(),
        seedFile(repository, path, content, ref = 'main') {
            state.files.set(`${repository}@${ref}:${path.replace(/^\/+/, '')}`, content);
        },
        commentsOn(repository, issueNumber) {
            return state.comments.filter((c) => `${c.owner}/${c.repo}` === repository && c.issueNumber === issueNumber);
        },
    };
    return state;
}
function commentJson(c, apiRoot) {
    return {
        id: c.id,
        node_id: `IC_${c.id}`,
        url: `${apiRoot}/repos/${c.owner}/${c.repo}/issues/comments/${c.id}`,
        html_url: `https://github.com/${c.owner}/${c.repo}/issues/${c.issueNumber}#issuecomment-${c.id}`,
        issue_url: `${apiRoot}/repos/${c.owner}/${c.repo}/issues/${c.issueNumber}`,
        body: c.body,
        user: c.user,
        created_at: c.createdAt,
        updated_at: c.updatedAt,
        author_association: 'NONE',
    };
}
function parseBody(request) {
    try {
        const parsed = JSON.parse(request.body || '{}');
        return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
    }
    catch {
        return undefined;
    }
}
/** Validates a comment body as GitHub does; returns the error response or the body. */
function commentBody(request) {
    const parsed = parseBody(request);
    if (!parsed)
        return message(400, 'Problems parsing JSON');
    if (typeof parsed.body !== 'string' || parsed.body === '') {
        return message(422, 'Invalid request.\n\n"body" wasn\'t supplied.');
    }
    if (parsed.body.length > MAX_COMMENT_BODY) {
        return message(422, 'Validation Failed', {
            errors: [
                {
                    resource: 'IssueComment',
                    code: 'custom',
                    field: 'body',
                    message: `Body is too long (maximum is ${MAX_COMMENT_BODY} characters)`,
                },
            ],
        });
    }
    return parsed.body;
}
function createGithub(opts) {
    const prefix = new URL(opts.baseUrl).pathname.replace(/\/+$/, '');
    const origin = new URL(opts.baseUrl).origin;
    // Read Date.now at call time so a faked clock (tests) applies here as it does in the SDK.
    const now = opts.now ?? (() => Date.now());
    const gitStub = createGitStub(now, github_json, message);
    const state = createState(opts.requestToken ?? 'emulator-id-token-request-token', gitStub.state);
    let nextCommentId = 1000;
    const apiRoot = (request) => `${request.headers.host ? `http://${request.headers.host}` : origin}${prefix}/api`;
    function oidcToken(request) {
        if (request.headers.authorization !== `Bearer ${state.requestToken}`) {
            return message(401, 'Bad credentials');
        }
        if (state.oidcFailures > 0) {
            state.oidcFailures--;
            return message(503, 'Service Unavailable');
        }
        const { oidc } = state;
        const iat = Math.floor(now() / 1000);
        const [owner = ''] = oidc.repository.split('/');
        const claims = {
            iss: GITHUB_OIDC_ISSUER,
            // GitHub's default audience is the owner's URL; sts.amazonaws.com must be asked for.
            aud: request.query.get('audience') ?? `https://github.com/${owner}`,
            sub: oidc.subject ?? `repo:${oidc.repository}:ref:${oidc.ref}`,
            repository: oidc.repository,
            repository_owner: owner,
            ref: oidc.ref,
            sha: oidc.sha,
            run_id: oidc.runId,
            actor: oidc.actor,
            event_name: oidc.eventName,
            jti: (0,external_node_crypto_.randomUUID)(),
            iat,
            nbf: iat - 5,
            exp: iat + oidc.lifetimeSeconds,
        };
        const token = signIdToken(claims);
        state.issuedTokens.push(token);
        return github_json(200, { count: 1760, value: token });
    }
    function listComments(request, owner, repo, issueNumber) {
        const all = state.commentsOn(`${owner}/${repo}`, issueNumber);
        const perPage = Math.min(100, Math.max(1, Number(request.query.get('per_page') ?? 30) || 30));
        const page = Math.max(1, Number(request.query.get('page') ?? 1) || 1);
        const lastPage = Math.max(1, Math.ceil(all.length / perPage));
        const root = apiRoot(request);
        const items = all.slice((page - 1) * perPage, page * perPage).map((c) => commentJson(c, root));
        const link = (p, rel) => `<${root}/repos/${owner}/${repo}/issues/${issueNumber}/comments?per_page=${perPage}&page=${p}>; rel="${rel}"`;
        const links = [];
        if (page < lastPage)
            links.push(link(page + 1, 'next'), link(lastPage, 'last'));
        if (page > 1)
            links.push(link(1, 'first'), link(page - 1, 'prev'));
        return github_json(200, items, links.length > 0 ? { link: links.join(', ') } : {});
    }
    function createComment(request, owner, repo, issueNumber) {
        if (state.forbidCommentWrites)
            return message(403, 'Resource not accessible by integration');
        const body = commentBody(request);
        if (typeof body !== 'string')
            return body;
        const at = new Date(now()).toISOString();
        const comment = {
            id: nextCommentId++,
            owner,
            repo,
            issueNumber,
            body,
            user: { ...BOT },
            createdAt: at,
            updatedAt: at,
        };
        state.comments.push(comment);
        return github_json(201, commentJson(comment, apiRoot(request)));
    }
    function updateComment(request, owner, repo, id) {
        const comment = state.comments.find((c) => c.id === id && c.owner === owner && c.repo === repo);
        if (!comment)
            return message(404, 'Not Found');
        // The Actions token edits its own comments only.
        if (state.forbidCommentWrites || comment.user.login !== BOT.login) {
            return message(403, 'Resource not accessible by integration');
        }
        const body = commentBody(request);
        if (typeof body !== 'string')
            return body;
        comment.body = body;
        comment.updatedAt = new Date(now()).toISOString();
        return github_json(200, commentJson(comment, apiRoot(request)));
    }
    /** The pull-request comments query of src/github/comment.ts; the token is always the Actions bot. */
    function graphql(request) {
        const { query, variables: v } = (parseBody(request) ?? {});
        if (!query?.includes('viewer') || !query.includes('pullRequest(') || !v) {
            return github_json(200, {
                errors: [{ message: 'the emulator answers only the pull-request comments query' }],
            });
        }
        const all = state.commentsOn(`${v.owner}/${v.repo}`, v.number ?? 0);
        const start = v.after ? Number(Buffer.from(v.after, 'base64url').toString()) : 0;
        const end = start + Number(/comments\(first:\s*(\d+)/.exec(query)?.[1] ?? 100);
        const nodes = all.slice(start, end).map((c) => ({
            databaseId: c.id,
            body: c.body,
            isMinimized: c.minimized ?? false,
            // GraphQL names a bot author without its "[bot]" suffix; the viewer keeps it.
            author: { login: c.user.login.replace(/\[bot\]$/, '') },
        }));
        const endCursor = Buffer.from(String(Math.min(end, all.length))).toString('base64url');
        const comments = { nodes, pageInfo: { hasNextPage: end < all.length, endCursor } };
        return github_json(200, { data: { viewer: { login: BOT.login }, repository: { pullRequest: { comments } } } });
    }
    function getContents(request, owner, repo, path) {
        const ref = request.query.get('ref') ?? 'main';
        const content = state.files.get(`${owner}/${repo}@${ref}:${path}`);
        if (content === undefined)
            return message(404, 'Not Found');
        return github_json(200, fileContentJson(path, Buffer.from(content, 'utf8')));
    }
    const handler = (request) => {
        if (request.path !== prefix && !request.path.startsWith(`${prefix}/`))
            return undefined;
        const route = request.path.slice(prefix.length);
        const query = request.query.toString();
        state.requests.push(`${request.method} ${route}${query ? `?${query}` : ''}`);
        if (route === '/oidc/token' && request.method === 'GET')
            return oidcToken(request);
        if (route === '/api/graphql' && request.method === 'POST')
            return graphql(request);
        let m = /^\/api\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(route);
        if (m) {
            const [, owner = '', repo = '', issue = ''] = m;
            if (request.method === 'GET')
                return listComments(request, owner, repo, Number(issue));
            if (request.method === 'POST')
                return createComment(request, owner, repo, Number(issue));
        }
        m = /^\/api\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(route);
        if (m && request.method === 'PATCH') {
            const [, owner = '', repo = '', id = ''] = m;
            return updateComment(request, owner, repo, Number(id));
        }
        m = /^\/api\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)$/.exec(route);
        if (m && request.method === 'GET') {
            const [, owner = '', repo = '', id = ''] = m;
            const status = state.workflowRuns.get(`${owner}/${repo}/${id}`);
            if (status === undefined)
                return message(404, 'Not Found');
            return github_json(200, { id: Number(id), status, conclusion: status === 'completed' ? 'success' : null });
        }
        const git = gitStub.handle(route, request);
        if (git)
            return git;
        m = /^\/api\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(route);
        if (m && request.method === 'GET') {
            const [, owner = '', repo = '', path = ''] = m;
            return getContents(request, owner, repo, decodeURIComponent(path));
        }
        return message(404, 'Not Found');
    };
    return { handler, state };
}

;// CONCATENATED MODULE: ./emulator/ssm.ts



const ssm_NS = 'com.amazonaws.ssm#';
const TARGET_PREFIX = 'AmazonSSM.';
/** What GetCommandInvocation's StandardOutputContent and a plugin's Output keep (SSM's documented cut). */
const STDOUT_LIMIT = 24_000;
const PLUGIN_OUTPUT_LIMIT = 2_500;
/** AWS-owned documents every account can run (the Run Command shells and DRS/MGN validations). */
const AWS_DOCUMENTS = [
    'AWS-RunShellScript',
    'AWS-RunPowerShellScript',
    'AWSMigration-ValidateHttpResponse',
    'AWSMigration-VerifyProcessIsRunning',
    'AWSMigration-ValidateNetworkConnectivity',
    'AWSMigration-VerifyMountedVolumes',
    'AWSMigration-ValidateDiskSpace',
];
class SsmError extends Error {
    type;
    constructor(type, message) {
        super(message);
        this.type = type;
    }
}
function ssmModel() {
    return loadJsonModel(defaultSsmModelPath(), ssm_NS);
}
/** The SSM operation a request names, from its X-Amz-Target header. */
function ssmOperation(req) {
    const target = String(req.headers['x-amz-target'] ?? '');
    return target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
}
const seconds = (ms) => ms / 1000;
const ssmOf = (state) => state.scenario.ssm ?? DEFAULT_SSM;
function sourceServerOf(instance) {
    return instance.tags.AWSElasticDisasterRecoverySourceServerID;
}
/** Simulated ms at which the instance's agent registers, or undefined when it never does. */
function registeredAt(state, instance) {
    if (instance.runningAt === undefined)
        return undefined;
    const ssm = ssmOf(state);
    const own = ssm.servers[sourceServerOf(instance) ?? '']?.register;
    if (own === 'never')
        return undefined;
    return instance.runningAt + (own ?? ssm.registerSeconds) * 1000;
}
function isOnline(state, instance) {
    if (instance?.state !== 'running')
        return false;
    const at = registeredAt(state, instance);
    return at !== undefined && at <= state.clock.now();
}
function matches(rule, command, instance) {
    if (rule.server !== undefined && (!instance || sourceServerOf(instance) !== rule.server))
        return false;
    if (rule.document !== undefined && rule.document !== command.documentName)
        return false;
    if (rule.contains === undefined)
        return true;
    const text = Object.values(command.parameters).flat().join('\n');
    return text.includes(rule.contains);
}
function scriptedInvocation(state, command, instanceId) {
    const instance = state.instances.get(instanceId);
    const rule = ssmOf(state).commands.find((r) => matches(r, command, instance));
    const executionTimeout = Number(command.parameters.executionTimeout?.[0] ?? 3600);
    if (!rule)
        return {
            instanceId,
            status: 'Success',
            exitCode: 0,
            output: 'ok\n',
            endAt: command.requestedAt + 5000,
        };
    const padded = rule.outputBytes
        ? rule.output.padEnd(rule.outputBytes, `${rule.output || 'x'}\n`)
        : rule.output;
    // A hung script ends only when SSM's execution timeout stops it.
    if (rule.hang)
        return {
            instanceId,
            status: 'TimedOut',
            exitCode: -1,
            output: padded,
            endAt: command.requestedAt + executionTimeout * 1000,
        };
    return {
        instanceId,
        status: rule.status,
        exitCode: rule.exitCode,
        output: padded,
        endAt: command.requestedAt + rule.seconds * 1000,
    };
}
function invocationStatus(state, inv) {
    if (inv.endAt !== undefined && inv.endAt <= state.clock.now())
        return inv.status;
    return 'InProgress';
}
function commandView(state, c) {
    const statuses = c.invocations.map((i) => invocationStatus(state, i));
    const done = statuses.filter((s) => s !== 'InProgress');
    const status = done.length < statuses.length
        ? 'InProgress'
        : statuses.every((s) => s === 'Success')
            ? 'Success'
            : 'Failed';
    return {
        CommandId: c.commandId,
        DocumentName: c.documentName,
        DocumentVersion: '$DEFAULT',
        Comment: c.comment,
        Parameters: c.parameters,
        InstanceIds: c.instanceIds,
        Targets: [],
        RequestedDateTime: seconds(c.requestedAt),
        Status: status,
        StatusDetails: status,
        TimeoutSeconds: c.timeoutSeconds,
        TargetCount: c.instanceIds.length,
        CompletedCount: done.length,
        ErrorCount: statuses.filter((s) => s === 'Failed' || s === 'TimedOut').length,
        DeliveryTimedOutCount: 0,
    };
}
function invocationView(state, c, inv, details) {
    const status = invocationStatus(state, inv);
    const finished = status !== 'InProgress';
    return {
        CommandId: c.commandId,
        InstanceId: inv.instanceId,
        Comment: c.comment,
        DocumentName: c.documentName,
        DocumentVersion: '$DEFAULT',
        RequestedDateTime: seconds(c.requestedAt),
        Status: status,
        StatusDetails: status,
        ...(details
            ? {
                CommandPlugins: [
                    {
                        Name: c.documentName.endsWith('PowerShellScript')
                            ? 'aws:runPowerShellScript'
                            : 'aws:runShellScript',
                        Status: status,
                        StatusDetails: status,
                        ResponseCode: finished ? inv.exitCode : -1,
                        Output: finished ? inv.output.slice(0, PLUGIN_OUTPUT_LIMIT) : '',
                        ...(finished && inv.endAt !== undefined ? { ResponseFinishDateTime: seconds(inv.endAt) } : {}),
                    },
                ],
            }
            : {}),
    };
}
function commandOf(state, id) {
    const c = state.ssmCommands.find((x) => x.commandId === id);
    if (!c)
        throw new SsmError('InvalidCommandId', '');
    return c;
}
const ssm_OPERATIONS = {
    SendCommand(state, input) {
        const documentName = input.DocumentName;
        const name = documentName.split('/').pop() ?? documentName;
        if (!AWS_DOCUMENTS.includes(name) && !ssmOf(state).documents.includes(name))
            throw new SsmError('InvalidDocument', `Document ${documentName} does not exist in your account`);
        const instanceIds = input.InstanceIds ?? [];
        if (instanceIds.length === 0)
            throw new SsmError('InvalidParameters', 'This emulator supports InstanceIds only (no Targets)');
        if (new Set(instanceIds).size !== instanceIds.length)
            throw new SsmError('DuplicateInstanceId', '');
        const offline = instanceIds.filter((id) => !isOnline(state, state.instances.get(id)));
        if (offline.length > 0)
            throw new SsmError('InvalidInstanceId', `Instances [[${offline.join(', ')}]] not in a valid state for account ${state.scenario.accountId}`);
        const command = {
            commandId: uuidFrom(`${state.seed}:ssm-command:${state.ssmCommands.length}`),
            documentName,
            comment: input.Comment ?? '',
            parameters: input.Parameters ?? {},
            instanceIds,
            requestedAt: state.clock.now(),
            timeoutSeconds: input.TimeoutSeconds ?? 3600,
            invocations: [],
        };
        command.invocations = instanceIds.map((id) => scriptedInvocation(state, command, id));
        state.ssmCommands.push(command);
        return { Command: commandView(state, command) };
    },
    ListCommands(state, input) {
        const filters = input.Filters ?? [];
        const after = filters.find((f) => f.key === 'InvokedAfter')?.value;
        const doc = filters.find((f) => f.key === 'DocumentName')?.value;
        const items = state.ssmCommands.filter((c) => (input.CommandId === undefined || c.commandId === input.CommandId) &&
            (input.InstanceId === undefined || c.instanceIds.includes(input.InstanceId)) &&
            (doc === undefined || c.documentName === doc) &&
            (after === undefined || c.requestedAt >= Date.parse(after)));
        return { Commands: items.map((c) => commandView(state, c)) };
    },
    ListCommandInvocations(state, input) {
        const commands = input.CommandId === undefined ? state.ssmCommands : [commandOf(state, input.CommandId)];
        const items = commands.flatMap((c) => c.invocations
            .filter((i) => input.InstanceId === undefined || i.instanceId === input.InstanceId)
            .map((i) => invocationView(state, c, i, input.Details === true)));
        return { CommandInvocations: items };
    },
    GetCommandInvocation(state, input) {
        const c = commandOf(state, input.CommandId);
        const inv = c.invocations.find((i) => i.instanceId === input.InstanceId);
        if (!inv)
            throw new SsmError('InvocationDoesNotExist', '');
        const view = invocationView(state, c, inv, false);
        const finished = view.Status !== 'InProgress';
        return {
            ...view,
            ResponseCode: finished ? inv.exitCode : -1,
            StandardOutputContent: finished ? inv.output.slice(0, STDOUT_LIMIT) : '',
            StandardErrorContent: '',
            ExecutionStartDateTime: new Date(c.requestedAt).toISOString(),
            ...(finished && inv.endAt !== undefined
                ? { ExecutionEndDateTime: new Date(inv.endAt).toISOString() }
                : {}),
        };
    },
    DescribeInstanceInformation(state, input) {
        const filters = input.Filters ?? [];
        const legacy = input.InstanceInformationFilterList ?? [];
        const wanted = [
            ...filters.filter((f) => f.Key === 'InstanceIds').flatMap((f) => f.Values),
            ...legacy.filter((f) => f.key === 'InstanceIds').flatMap((f) => f.valueSet),
        ];
        const online = [...state.instances.values()].filter((i) => (wanted.length === 0 || wanted.includes(i.instanceId)) && isOnline(state, i));
        return {
            InstanceInformationList: online.map((i) => ({
                InstanceId: i.instanceId,
                PingStatus: 'Online',
                LastPingDateTime: seconds(state.clock.now()),
                AgentVersion: '3.3.0.0',
                IsLatestVersion: true,
                PlatformType: 'Linux',
                ResourceType: 'EC2Instance',
                IPAddress: i.privateIp,
                ComputerName: i.tags.Name ?? i.instanceId,
                RegistrationDate: seconds(registeredAt(state, i) ?? state.clock.now()),
            })),
        };
    },
};
function errorResponse(type, message) {
    return {
        status: 400,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type },
        body: JSON.stringify({ __type: type, message }),
    };
}
function handleSsm(state, req) {
    const model = ssmModel();
    const name = ssmOperation(req);
    const op = model.operations.find((o) => o.name === name);
    if (!name || !op)
        return errorResponse('UnknownOperationException', `Unknown operation ${name ?? '(no X-Amz-Target)'}`);
    let input;
    try {
        input = req.body.trim() === '' ? {} : JSON.parse(req.body);
    }
    catch {
        return errorResponse('SerializationException', 'Request body is not valid JSON');
    }
    const errors = op.input ? validateShape(model, op.input, input) : [];
    if (errors.length > 0)
        return errorResponse('ValidationException', validationMessage(errors));
    const implementation = ssm_OPERATIONS[name];
    if (!implementation)
        return errorResponse('UnknownOperationException', `The emulator does not implement ${name}`);
    try {
        const output = implementation(state, input);
        return {
            status: 200,
            headers: { 'content-type': 'application/x-amz-json-1.1' },
            body: JSON.stringify(output),
        };
    }
    catch (e) {
        if (e instanceof SsmError)
            return errorResponse(e.type, e.message);
        throw e;
    }
}

;// CONCATENATED MODULE: ./emulator/sts.ts
/**
 * STS for the emulator, in the query protocol the SDK's AwsQueryProtocol speaks: form-encoded
 * `Action=…&Version=2011-06-15` bodies, XML answers. It issues session credentials for tokens from the
 * GitHub stub and remembers them, so the server can answer ExpiredToken once a session has run out.
 */


const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const VERSION = '2011-06-15';
const SESSION_NAME = /^[\w+=,.@-]*$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]+)$/;
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
class StsFault extends Error {
    status;
    code;
    type;
    constructor(status, code, message, type = 'Sender') {
        super(message);
        this.status = status;
        this.code = code;
        this.type = type;
    }
}
function xmlEscape(value) {
    return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
function xml(status, body) {
    return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': (0,external_node_crypto_.randomUUID)() }, body };
}
function sts_errorResponse(fault) {
    return xml(fault.status, `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${fault.type}</Type><Code>${fault.code}</Code>` +
        `<Message>${xmlEscape(fault.message)}</Message></Error><RequestId>${(0,external_node_crypto_.randomUUID)()}</RequestId></ErrorResponse>`);
}
function success(action, result) {
    return xml(200, `<${action}Response xmlns="${NAMESPACE}"><${action}Result>${result}</${action}Result>` +
        `<ResponseMetadata><RequestId>${(0,external_node_crypto_.randomUUID)()}</RequestId></ResponseMetadata></${action}Response>`);
}
function randomKeyChars(length) {
    const bytes = (0,external_node_crypto_.randomBytes)(length);
    let out = '';
    for (const b of bytes)
        out += KEY_ALPHABET[b % KEY_ALPHABET.length];
    return out;
}
/** The "1 validation error detected" message STS gives for a length violation. */
function lengthFault(member, value, min, max) {
    if (value.length < min) {
        return new StsFault(400, 'ValidationError', `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`);
    }
    if (value.length > max) {
        return new StsFault(400, 'ValidationError', `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
    }
    return undefined;
}
function required(params, name, member) {
    const value = params.get(name);
    if (value === null) {
        throw new StsFault(400, 'ValidationError', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
    }
    return value;
}
function createSts(opts) {
    // Read Date.now at call time so a faked clock (tests) applies here as it does in the SDK.
    const now = opts.now ?? (() => Date.now());
    const defaultSeconds = opts.sessionSeconds ?? 3600;
    const sessions = new Map();
    function assumeRoleWithWebIdentity(params) {
        const roleArn = required(params, 'RoleArn', 'roleArn');
        const sessionName = required(params, 'RoleSessionName', 'roleSessionName');
        const token = required(params, 'WebIdentityToken', 'webIdentityToken');
        const fault = lengthFault('roleArn', roleArn, 20, 2048) ??
            lengthFault('roleSessionName', sessionName, 2, 64) ??
            lengthFault('webIdentityToken', token, 4, 20000);
        if (fault)
            throw fault;
        if (!SESSION_NAME.test(sessionName)) {
            throw new StsFault(400, 'ValidationError', `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
        }
        const durationParam = params.get('DurationSeconds');
        const durationSeconds = durationParam === null ? defaultSeconds : Number(durationParam);
        if (durationParam !== null &&
            (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 43200)) {
            throw new StsFault(400, 'ValidationError', `1 validation error detected: Value '${durationParam}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`);
        }
        const arn = ROLE_ARN.exec(roleArn);
        if (!arn)
            throw new StsFault(400, 'ValidationError', 'Request ARN is invalid');
        const [, roleAccount = '', , roleName = ''] = arn;
        const check = verifyIdToken(token, now());
        if (!check.ok && check.reason === 'expired') {
            throw new StsFault(400, 'ExpiredTokenException', 'Token expired: current date/time must be before the expiration date/time');
        }
        if (!check.ok) {
            throw new StsFault(400, 'InvalidIdentityToken', "Couldn't retrieve verification key from your identity provider");
        }
        if (check.claims.aud !== 'sts.amazonaws.com') {
            throw new StsFault(400, 'InvalidIdentityToken', 'Incorrect token audience');
        }
        // The estate lives in one account; a role elsewhere cannot trust this provider.
        if (roleAccount !== opts.accountId) {
            throw new StsFault(403, 'AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
        }
        const session = openSession(roleAccount, roleName, sessionName, durationSeconds);
        return success('AssumeRoleWithWebIdentity', session.credentials +
            `<SubjectFromWebIdentityToken>${xmlEscape(check.claims.sub)}</SubjectFromWebIdentityToken>` +
            session.assumedRoleUser +
            `<Provider>${xmlEscape(check.claims.iss)}</Provider><Audience>${xmlEscape(check.claims.aud)}</Audience>`);
    }
    /**
     * A new session of the role, kept for GetCallerIdentity, as the XML elements both AssumeRole calls
     * answer with. STS states expiry in whole seconds; the record is identical to what the client is told.
     */
    function openSession(roleAccount, roleName, sessionName, seconds) {
        const accessKeyId = `ASIA${randomKeyChars(16)}`;
        const lifetimeSeconds = Math.min(seconds, opts.maxSessionSeconds ?? seconds);
        const expiresAtMs = Math.floor((now() + lifetimeSeconds * 1000) / 1000) * 1000;
        const roleId = `AROA${randomKeyChars(17)}`;
        const assumedArn = `arn:aws:sts::${roleAccount}:assumed-role/${roleName}/${sessionName}`;
        sessions.set(accessKeyId, {
            accessKeyId,
            expiresAtMs,
            arn: assumedArn,
            userId: `${roleId}:${sessionName}`,
        });
        return {
            credentials: `<Credentials><AccessKeyId>${accessKeyId}</AccessKeyId>` +
                `<SecretAccessKey>${(0,external_node_crypto_.randomBytes)(30).toString('base64')}</SecretAccessKey>` +
                `<SessionToken>${(0,external_node_crypto_.randomBytes)(240).toString('base64')}</SessionToken>` +
                `<Expiration>${new Date(expiresAtMs).toISOString()}</Expiration></Credentials>`,
            assumedRoleUser: `<AssumedRoleUser><Arn>${xmlEscape(assumedArn)}</Arn><AssumedRoleId>${roleId}:${xmlEscape(sessionName)}</AssumedRoleId></AssumedRoleUser>`,
        };
    }
    /** sts:AssumeRole, signed with the caller's keys (the CLI's standard chain): a role of this account. */
    function assumeRole(params) {
        const roleArn = params.get('RoleArn') ?? '';
        const sessionName = params.get('RoleSessionName') ?? '';
        const [, roleAccount = '', roleName = ''] = /^arn:aws:iam::(\d{12}):role\/(.+)$/.exec(roleArn) ?? [];
        if (roleAccount !== opts.accountId || !sessionName)
            throw new StsFault(403, 'AccessDenied', `Not authorized to perform sts:AssumeRole on ${roleArn}`);
        const session = openSession(roleAccount, roleName, sessionName, Number(params.get('DurationSeconds') ?? 3600));
        return success('AssumeRole', session.credentials + session.assumedRoleUser);
    }
    function getCallerIdentity(request) {
        const accessKeyId = request.accessKeyId;
        if (!accessKeyId) {
            throw new StsFault(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
        }
        const status = accessKeyStatus(accessKeyId);
        if (status === 'expired') {
            throw new StsFault(400, 'ExpiredToken', 'The security token included in the request is expired');
        }
        const session = sessions.get(accessKeyId);
        const arn = session?.arn ?? `arn:aws:iam::${opts.accountId}:user/emulator`;
        const userId = session?.userId ?? 'AIDAEMULATOREMULATOR';
        return success('GetCallerIdentity', `<Arn>${xmlEscape(arn)}</Arn><UserId>${xmlEscape(userId)}</UserId><Account>${opts.accountId}</Account>`);
    }
    function accessKeyStatus(accessKeyId) {
        const session = sessions.get(accessKeyId);
        if (!session)
            return 'unknown';
        return now() >= session.expiresAtMs ? 'expired' : 'ok';
    }
    const handler = (request) => {
        if (request.method !== 'POST' || request.path !== '/')
            return undefined;
        const params = new URLSearchParams(request.body);
        // AssumeRoleWithWebIdentity is unsigned, so the SigV4 scope cannot identify it; the version can.
        if (request.service !== 'sts' && params.get('Version') !== VERSION)
            return undefined;
        const action = params.get('Action');
        try {
            if (action === 'AssumeRoleWithWebIdentity')
                return assumeRoleWithWebIdentity(params);
            if (action === 'AssumeRole' && request.service === 'sts')
                return assumeRole(params);
            if (action === 'GetCallerIdentity')
                return getCallerIdentity(request);
            throw new StsFault(400, 'InvalidAction', `Could not find operation ${action ?? '(none)'} for version ${VERSION}`);
        }
        catch (error) {
            if (error instanceof StsFault)
                return sts_errorResponse(error);
            throw error;
        }
    };
    return { handler, accessKeyStatus };
}

;// CONCATENATED MODULE: ./emulator/server.ts
/**
 * The emulator's HTTP server: one loopback endpoint for DRS, EC2, STS and the GitHub stubs, told
 * apart by the SigV4 credential scope. Faults (latency, throttling, 5xx, HTML error pages, dropped
 * connections, hangs, trickled answers, rewritten DRS answers: faults.ts) are applied here, the same
 * way for every service; every call is recorded for tests to assert on.
 */













/** Builds a fresh world from the scenario, including its pre-existing jobs. */
function buildState(scenario, seed, speed) {
    const state = new EmulatorState(scenario, seed, speed);
    const t0 = Date.parse(scenario.startTime);
    for (const j of scenario.jobs) {
        state.ids.reserve(j.jobID);
        startLaunchJob(state, {
            jobID: j.jobID,
            at: t0 + j.startOffsetMinutes * 60_000,
            isDrill: j.isDrill,
            tags: {},
            sourceServers: j.sourceServerIDs.map((sourceServerID) => ({ sourceServerID })),
        });
    }
    state.tick();
    return state;
}
const SCOPE = /Credential=([^/,\s]+)\/[^/]+\/[^/]+\/([^/]+)\/aws4_request/;
function serviceOf(req) {
    if (req.service)
        return req.service;
    // AssumeRoleWithWebIdentity is sent unsigned: recognise STS and EC2 by their API version.
    const version = new URLSearchParams(req.body).get('Version') ?? req.query.get('Version');
    if (version === '2011-06-15')
        return 'sts';
    if (version === '2016-11-15')
        return 'ec2';
    return 'drs';
}
function readBody(req) {
    return new Promise((resolve, reject) => {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        req.on('error', reject);
    });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function startEmulator(opts) {
    const scenario = typeof opts.scenario === 'string' ? loadScenarioFile(opts.scenario) : opts.scenario;
    const seed = opts.seed ?? 1;
    const speed = opts.speed ?? 1;
    const model = loadModel(opts.modelPath);
    let state = buildState(scenario, seed, speed);
    let random = createRandom(seed ^ 0x9e3779b9);
    let dropCounts = new Map();
    // Calls seen per hang/slow-loris rule (and StartRecovery answers left without their job).
    let ruleCounts = new WeakMap();
    let noJobAnswers = 0;
    const calls = [];
    let url = '';
    const makeSts = () => createSts({
        accountId: scenario.accountId,
        sessionSeconds: scenario.sts.sessionSeconds,
        maxSessionSeconds: scenario.sts.maxSessionSeconds,
    });
    const makeGithub = () => createGithub({ baseUrl: `${url}/_github` });
    let sts = makeSts();
    let github;
    const reset = () => {
        state = buildState(scenario, seed, speed);
        random = createRandom(seed ^ 0x9e3779b9);
        dropCounts = new Map();
        ruleCounts = new WeakMap();
        noJobAnswers = 0;
        calls.length = 0;
        sts = makeSts();
        github = makeGithub();
    };
    /** The first drop rule that still has calls to drop for this operation, counted down: its reply. */
    const takeDrop = (operation, when) => {
        const index = state.faults.drop.findIndex((d, i) => d.operation === operation && d.when === when && (dropCounts.get(i) ?? 0) < d.count);
        if (index < 0)
            return undefined;
        dropCounts.set(index, (dropCounts.get(index) ?? 0) + 1);
        return state.faults.drop[index]?.reply ?? 'dropped';
    };
    /** A drop rule's reply: the connection destroyed, or a 5xx recorded as such. */
    const dropReply = (reply, call, requestId) => {
        if (reply === 'dropped')
            return 'dropped';
        call.outcome = 'server-error';
        return faultResponse(call.service, 'server', requestId, state.faults);
    };
    const rate = (table, operation) => table.operations[operation] ?? table.rate;
    async function dispatch(req, res, call) {
        const service = call.service;
        const requestId = state.ids.requestId();
        const { min, max } = state.faults.latencyMs;
        if (max > 0)
            await sleep(min + random() * (max - min));
        const hang = pickRule(state.faults.hang, call.operation, ruleCounts);
        if (hang)
            call.outcome = 'hung';
        if (hang?.when === 'before')
            return 'hang';
        const before = takeDrop(call.operation, 'before');
        if (before)
            return dropReply(before, call, requestId);
        if (service === 'drs' || service === 'ec2') {
            if (req.accessKeyId && sts.accessKeyStatus(req.accessKeyId) === 'expired') {
                call.outcome = 'expired';
                return faultResponse(service, 'expired', requestId, state.faults);
            }
            if (random() < rate(state.faults.throttle, call.operation)) {
                call.outcome = 'throttled';
                return faultResponse(service, 'throttle', requestId, state.faults);
            }
            if (random() < rate(state.faults.serverErrors, call.operation)) {
                call.outcome = 'server-error';
                return faultResponse(service, 'server', requestId, state.faults);
            }
            // Drawn only when asked for, so that seeded runs without it keep their sequence.
            const html = rate(state.faults.htmlErrors, call.operation);
            if (html > 0 && random() < html) {
                call.outcome = 'html-error';
                return htmlErrorResponse();
            }
        }
        state.tick();
        let answer;
        if (service === 'drs') {
            const handled = handleDrs(state, model, req);
            const noJob = call.operation === 'StartRecovery' &&
                handled.status < 300 &&
                noJobAnswers < state.faults.startRecoveryNoJob;
            if (noJob) {
                noJobAnswers += 1;
                call.outcome = 'no-job';
            }
            answer = rewriteDrsAnswer(handled, state.faults, call.operation, { noJob });
        }
        else if (service === 'ec2')
            answer = handleEc2(state, req, requestId);
        else if (service === 'ssm')
            answer = handleSsm(state, req);
        else if (service === 'sts')
            answer = await sts.handler(req);
        else if (service === 'github')
            answer = await (github ?? makeGithub()).handler(req);
        if (hang)
            return 'hang';
        const after = takeDrop(call.operation, 'after');
        if (after)
            return dropReply(after, call, requestId);
        void res;
        return (answer ?? {
            status: 404,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ message: `No handler for ${req.method} ${req.path}` }),
        });
    }
    const server = (0,external_node_http_.createServer)((req, res) => {
        void (async () => {
            const body = await readBody(req);
            const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
            const scope = SCOPE.exec(String(req.headers.authorization ?? ''));
            const request = {
                method: req.method ?? 'GET',
                path: parsed.pathname,
                query: parsed.searchParams,
                headers: req.headers,
                body,
                service: scope?.[2],
                accessKeyId: scope?.[1],
            };
            if (request.path.startsWith('/_emulator/')) {
                const answer = controlApi(request, { state: () => state, calls, reset, scenario });
                return send(res, answer, false);
            }
            const service = request.path.startsWith('/_github/') ? 'github' : serviceOf(request);
            const operation = service === 'drs'
                ? (drsOperation(model, request) ?? `${request.method} ${request.path}`)
                : service === 'ec2' || service === 'sts'
                    ? (ec2Operation(request) ?? 'unknown')
                    : service === 'ssm'
                        ? (ssmOperation(request) ?? 'unknown')
                        : `${request.method} ${request.path}`;
            const call = {
                seq: calls.length + 1,
                service: service ?? 'unknown',
                operation,
                time: new Date().toISOString(),
                simTime: state.clock.iso(),
                request: parseForRecord(service, body),
                ...(request.accessKeyId ? { accessKeyId: request.accessKeyId } : {}),
            };
            calls.push(call);
            opts.onCall?.(call);
            const answer = await dispatch(request, res, call);
            // Kept open and silent until the client gives up (or the emulator closes).
            if (answer === 'hang')
                return;
            if (answer === 'dropped') {
                call.outcome = call.outcome ?? 'dropped';
                res.socket?.destroy();
                return;
            }
            call.status = answer.status;
            call.outcome = call.outcome ?? (answer.status < 400 ? 'ok' : 'error');
            const loris = pickRule(state.faults.slowLoris, operation, ruleCounts);
            if (loris)
                call.outcome = 'trickled';
            send(res, answer, service === 'drs' || service === 'ec2' || service === 'ssm', loris?.byteSeconds);
        })().catch((e) => {
            send(res, {
                status: 500,
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify({ message: `emulator bug: ${String(e)}` }),
            }, false);
        });
    });
    /** `byteSeconds`: trickle the body, one byte per that many simulated seconds (real ones when frozen). */
    function send(res, answer, awsClock, byteSeconds) {
        // Only successes carry the simulated Date: on an error the SDK would take the simulated clock's
        // drift for clock skew, mark the error as corrected and retry it.
        res.sendDate = false;
        const headers = {
            'x-amzn-requestid': state.ids.requestId(),
            'x-emulator-sim-time': state.clock.iso(),
            ...(answer.headers ?? {}),
        };
        if (awsClock && answer.status < 300)
            headers.date = new Date(state.clock.now()).toUTCString();
        if (byteSeconds !== undefined) {
            trickle(res, answer, headers, (byteSeconds * 1000) / (state.clock.speed || 1));
            return;
        }
        res.writeHead(answer.status, headers);
        res.end(answer.body);
    }
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        // Loopback only: the emulator must never be reachable from another machine.
        server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
    const port = server.address().port;
    url = `http://127.0.0.1:${port}`;
    github = makeGithub();
    return {
        url,
        get state() {
            return state;
        },
        calls,
        get github() {
            return github.state;
        },
        reset,
        close: () => new Promise((resolve, reject) => {
            server.closeAllConnections();
            server.close((e) => (e ? reject(e) : resolve()));
        }),
    };
}
function parseForRecord(service, body) {
    if (body === '')
        return {};
    if (service === 'ec2' || service === 'sts') {
        const params = Object.fromEntries(new URLSearchParams(body));
        // A web identity token is a credential: the call log keeps only that one was sent.
        if (params.WebIdentityToken)
            params.WebIdentityToken = '<redacted>';
        return params;
    }
    try {
        return JSON.parse(body);
    }
    catch {
        return body;
    }
}

// EXTERNAL MODULE: ./src/cli-io.ts
var cli_io = __webpack_require__(65498);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/plan/load.ts + 9 modules
var load = __webpack_require__(70218);
// EXTERNAL MODULE: ./src/plan/overview.ts
var overview = __webpack_require__(1400);
;// CONCATENATED MODULE: ./src/rehearse.ts
/**
 * `drs-drill rehearse <plan>` (and `npm run rehearse -- <plan>`, which calls the same function):
 * rehearses a plan offline, before it touches AWS. Starts the local emulator in this process on
 * 127.0.0.1 with an estate that matches the plan's selectors (emulator/from-plan.ts; or the given
 * scenario), runs the bundled action (dist/index.js) in drill mode against it as a runner would, on
 * the emulator's simulated clock, and prints the job summary.
 *
 * This is the only src/ file that imports emulator/ (.dependency-cruiser.cjs): bundle.ts loads the CLI
 * on demand and the CLI loads this on demand, so the emulator is a chunk of its own that the action's
 * start-up never reads. In the bundle, the emulator finds its DRS model in dist/bundle/model/ (copied
 * there by the build), next to the chunk that reads it.
 */













function parseRehearseArgs(args) {
    const out = { plan: '', fail: [], speed: 600 };
    for (let i = 0; i < args.length; i++) {
        const arg = args[i] ?? '';
        const value = () => {
            const v = args[++i];
            if (v === undefined)
                throw new cli_io/* UsageError */.e(`${arg} needs a value`);
            return v;
        };
        if (arg === '--scenario')
            out.scenario = value();
        else if (arg === '--fail')
            out.fail.push(value());
        else if (arg === '--throttle')
            out.throttle = Number(value());
        else if (arg === '--speed')
            out.speed = Number(value());
        else if (arg.startsWith('-'))
            throw new cli_io/* UsageError */.e(`unknown option ${arg}`);
        else if (out.plan)
            throw new cli_io/* UsageError */.e('rehearse takes one plan');
        else
            out.plan = arg;
    }
    if (!out.plan)
        throw new cli_io/* UsageError */.e('rehearse needs a plan file');
    if (out.throttle !== undefined && !(out.throttle >= 0 && out.throttle <= 1))
        throw new cli_io/* UsageError */.e('--throttle is a fraction of requests, 0 to 1');
    if (!(out.speed > 0))
        throw new cli_io/* UsageError */.e('--speed is a positive number');
    return out;
}
/** The faults asked for: each --fail names a server of the estate by id or hostname. */
function addFaults(scenario, opts) {
    for (const name of opts.fail) {
        const wanted = name.toLowerCase();
        const server = scenario.servers.find((s) => s.sourceServerID === name ||
            s.hostname.toLowerCase() === wanted ||
            s.hostname.toLowerCase().split('.')[0] === wanted);
        if (!server)
            throw new cli_io/* UsageError */.e(`--fail ${name}: no server of the rehearsal estate has that id or hostname`);
        scenario.faults.servers[server.sourceServerID] = {
            phase: 'launch',
            rawError: `Rehearsal: launch failure injected with --fail ${name}`,
        };
    }
    if (opts.throttle !== undefined)
        scenario.faults.throttle = { rate: opts.throttle, operations: {}, retryAfterSeconds: 1 };
}
/** Parses the GITHUB_OUTPUT file format (`name<<delimiter` heredocs or `name=value`). */
function parseCommandFile(text) {
    const out = {};
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i] ?? '';
        const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
        if (heredoc) {
            const [, name = '', delimiter] = heredoc;
            const value = [];
            for (i++; i < lines.length && lines[i] !== delimiter; i++)
                value.push(lines[i] ?? '');
            out[name] = value.join('\n');
        }
        else if (line.includes('=')) {
            const at = line.indexOf('=');
            out[line.slice(0, at)] = line.slice(at + 1);
        }
    }
    return out;
}
/** The runner's environment for the main step, pointed at the emulator; nothing of this shell's AWS set-up leaks in. */
function runnerEnv(files, workspace, planPath, emulator) {
    return {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? files.dir,
        INPUT_MODE: 'drill',
        INPUT_PLAN: (0,external_node_path_.relative)(workspace, planPath),
        INPUT_CLEANUP: 'always',
        'INPUT_REPORT-DIR': (0,external_node_path_.join)(files.dir, 'drs-report'),
        'INPUT_HISTORY-BRANCH': '',
        // The action's own waits run on the emulator's clock, anchored to its simulated start.
        DRS_DRILL_CLOCK_SCALE: String(emulator.speed),
        DRS_DRILL_CLOCK_ANCHOR: emulator.anchor,
        GITHUB_OUTPUT: files.output,
        GITHUB_STEP_SUMMARY: files.summary,
        GITHUB_STATE: files.state,
        GITHUB_WORKSPACE: workspace,
        GITHUB_RUN_ID: String(Date.now()),
        GITHUB_ACTOR: process.env.USER ?? 'you',
        GITHUB_EVENT_NAME: 'workflow_dispatch',
        AWS_ENDPOINT_URL: emulator.url,
        AWS_ACCESS_KEY_ID: 'AKIDEMULATOR',
        AWS_SECRET_ACCESS_KEY: 'emulator-secret',
        AWS_REGION: emulator.region,
        AWS_EC2_METADATA_DISABLED: 'true',
    };
}
/** Runs the main step as the runner would; its log goes to the CLI's stdout/stderr as it comes. */
function runAction(action, cwd, env, io) {
    return new Promise((done, fail) => {
        const child = (0,external_node_child_process_.spawn)(process.execPath, [action], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout.on('data', (chunk) => io.stdout.write(chunk.toString()));
        child.stderr.on('data', (chunk) => io.stderr.write(chunk.toString()));
        child.on('error', fail);
        child.on('close', (code) => done(code ?? cli_io/* EXIT */.d.failed));
    });
}
/** A scenario the user wrote: its mistakes are theirs to fix, said as such (not as a crash). */
function rehearse_readScenario(path) {
    try {
        return loadScenarioFile(path);
    }
    catch (e) {
        throw new errors/* UserError */.yo(`--scenario ${path}: ${(0,errors/* errorMessage */.gJ)(e)}`, undefined, { cause: e });
    }
}
async function tempFiles() {
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'drs-rehearse-'));
    const files = {
        dir,
        output: (0,external_node_path_.join)(dir, 'output'),
        summary: (0,external_node_path_.join)(dir, 'summary.md'),
        state: (0,external_node_path_.join)(dir, 'state'),
    };
    for (const f of [files.output, files.summary, files.state])
        await (0,promises_.writeFile)(f, '');
    return files;
}
/** The rehearsal: exit code 0 when the drill passed, 1 when it failed or the plan has errors. */
async function rehearse(args, io, where = {}) {
    const opts = parseRehearseArgs(args);
    // In the bundle, dist/bundle/../index.js; webpackIgnore keeps ncc from making the URL an asset.
    const action = where.action ?? (0,external_node_url_.fileURLToPath)(new URL(/* webpackIgnore: true */ '../index.js', __webpack_require__.b));
    if (!(0,external_node_fs_.existsSync)(action))
        throw new errors/* UserError */.yo(`${action} is missing: the action's bundle is not built`);
    const planPath = (0,external_node_path_.resolve)(io.cwd, opts.plan);
    // A plan outside the current directory (e.g. in the user's own repository) makes its own
    // directory the workspace, so the action reads it as it would in that repository.
    const workspace = planPath.startsWith(`${io.cwd}${external_node_path_.sep}`) ? io.cwd : (0,external_node_path_.dirname)(planPath);
    const loaded = await (0,load/* loadPlanFile */.w$)(planPath, { cwd: workspace });
    if (!loaded.plan) {
        for (const d of loaded.diagnostics)
            io.stderr.write(`${(0,overview/* formatDiagnostic */.xy)(d)}\n`);
        return cli_io/* EXIT */.d.failed;
    }
    const scenario = opts.scenario
        ? rehearse_readScenario((0,external_node_path_.resolve)(io.cwd, opts.scenario))
        : scenarioFromPlan(loaded.plan);
    addFaults(scenario, opts);
    const emulator = await startEmulator({ scenario, port: 0, speed: opts.speed, seed: 7 });
    const files = await tempFiles();
    try {
        io.stdout.write(`Rehearsing ${opts.plan} against the local AWS emulator on ${emulator.url} (${scenario.servers.length} source servers, simulated clock ${opts.speed}x)\n`);
        const env = runnerEnv(files, workspace, planPath, {
            url: emulator.url,
            anchor: emulator.state.clock.anchor(),
            region: scenario.region,
            speed: opts.speed,
        });
        const code = await runAction(action, workspace, env, io);
        io.stdout.write('\n================ job summary ================\n\n');
        io.stdout.write(`${await (0,promises_.readFile)(files.summary, 'utf8')}\n`);
        io.stdout.write('================ outputs ================\n');
        for (const [name, value] of Object.entries(parseCommandFile(await (0,promises_.readFile)(files.output, 'utf8'))))
            io.stdout.write(`${name}: ${value}\n`);
        return code === 0 ? cli_io/* EXIT */.d.ok : cli_io/* EXIT */.d.failed;
    }
    finally {
        await emulator.close();
        await (0,promises_.rm)(files.dir, { recursive: true, force: true });
    }
}


/***/ })

};
