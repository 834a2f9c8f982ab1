export const id = 255;
export const ids = [255];
export const modules = {

/***/ 65498:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ EXIT),
/* harmony export */   e: () => (/* binding */ UsageError)
/* harmony export */ });
/** The shapes every CLI command shares: where it writes, its exit codes, a usage mistake. */
const EXIT = { ok: 0, failed: 1, usage: 2 };
/** A mistake in how the command was called (exit code 2). */
class UsageError extends Error {
    name = 'UsageError';
}


/***/ }),

/***/ 16255:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  COMMANDS: () => (/* binding */ COMMANDS),
  EXIT: () => (/* reexport */ cli_io/* EXIT */.d),
  UsageError: () => (/* reexport */ cli_io/* UsageError */.e),
  main: () => (/* binding */ main),
  runCli: () => (/* binding */ runCli)
});

// EXTERNAL MODULE: ./src/cli-io.ts
var cli_io = __webpack_require__(65498);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: ./src/action-inputs.ts + 1 modules
var action_inputs = __webpack_require__(93150);
// EXTERNAL MODULE: ./src/core/clock.ts
var core_clock = __webpack_require__(32257);
;// CONCATENATED MODULE: ./src/cli-run.ts
/**
 * Break-glass: `drs-drill drill|recovery|cleanup <plan>` runs the action's own pipeline from a
 * terminal when GitHub is down. Flags become the action's inputs (the same names, read by the same
 * readInputs, so every check and default is the action's); credentials come from the standard AWS
 * chain (`--role-to-assume` is assumed with sts:AssumeRole, not OIDC); the evidence is written to
 * report-dir and the summary printed. Ctrl-C cancels like the runner's SIGINT: the run stops
 * starting work, cleans up what the drill launched and writes the partial evidence.
 */




/** Flags that take a value: each is the action input of the same name. */
const VALUE_FLAGS = [
    'region',
    'role-to-assume',
    'role-session-name',
    'confirm',
    'cleanup',
    'timeout-minutes',
    'poll-interval-seconds',
    'report-dir',
    'fail-on',
    'older-than',
    'exclude',
    'point-in-time',
    'execution-id',
];
/** Flags that are switches: `--dry-run` is the input dry-run set to true. */
const SWITCH_FLAGS = ['dry-run', 'replace-recovery-instances'];
/**
 * The action inputs, by name, that the command line gives. Every flag may also be written
 * `--flag=value`; `--exclude` may repeat. Pure.
 */
function flagsToInputs(mode, args) {
    const values = { mode, 'report-dir': 'drs-report' };
    const plans = [];
    for (let i = 0; i < args.length; i++) {
        const arg = args[i] ?? '';
        if (!arg.startsWith('--')) {
            plans.push(arg);
            continue;
        }
        const [flag = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
        if (SWITCH_FLAGS.includes(flag))
            values[flag] = inline ?? 'true';
        else if (VALUE_FLAGS.includes(flag)) {
            const value = inline ?? args[++i];
            if (value === undefined)
                throw new cli_io/* UsageError */.e(`--${flag} needs a value`);
            values[flag] = flag === 'exclude' && values.exclude ? `${values.exclude}\n${value}` : value;
        }
        else if (flag !== 'verbose')
            throw new cli_io/* UsageError */.e(`unknown option ${arg.split('=')[0]}`);
    }
    if (plans.length !== 1)
        throw new cli_io/* UsageError */.e(`${mode} takes exactly one plan file`);
    values.plan = plans[0] ?? '';
    return values;
}
/** Who and where a terminal run is: no repository or workflow run, a fresh run id, the shell's user. */
function terminalRunEnvironment(cwd, nowMs) {
    let actor;
    try {
        actor = (0,external_node_os_.userInfo)().username;
    }
    catch {
        actor = undefined;
    }
    return {
        runId: String(nowMs),
        runAttempt: 1,
        serverUrl: 'https://github.com',
        ...(actor ? { actor } : {}),
        eventName: 'terminal',
        workspace: cwd,
        onGitHub: false,
    };
}
/** Ctrl-C (or SIGTERM) aborts the run; a second Ctrl-C leaves at once. */
function watchSignals(io) {
    const controller = new AbortController();
    const onSignal = (name) => {
        if (controller.signal.aborted)
            process.exit(130);
        io.stderr.write(`\nReceived ${name}: cancelling (cleanup runs); press Ctrl-C again to leave now.\n`);
        controller.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    return {
        signal: controller.signal,
        dispose: () => {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
        },
    };
}
/** Runs one mode from the terminal; the exit code says whether it succeeded. */
async function runBreakGlass(mode, args, cli) {
    const values = flagsToInputs(mode, args);
    const clock = (0,core_clock/* clockFromEnv */.iQ)(process.env);
    const runEnv = terminalRunEnvironment(cli.cwd, clock.now());
    const inputs = (0,action_inputs/* readInputs */.Ko)((name) => values[name] ?? '', runEnv.runId);
    const { terminalIO } = await __webpack_require__.e(/* import() */ 551).then(__webpack_require__.bind(__webpack_require__, 61551));
    const io = terminalIO(cli, { verbose: args.includes('--verbose') });
    const signals = watchSignals(cli);
    const deps = {
        clock,
        env: process.env,
        getIdToken: () => Promise.reject(new Error('no GitHub OIDC outside GitHub Actions')),
        roleFromChain: true,
        signal: signals.signal,
    };
    let report;
    try {
        if (mode === 'cleanup') {
            const { runCleanupMode } = await Promise.all(/* import() */[__webpack_require__.e(890), __webpack_require__.e(871), __webpack_require__.e(739), __webpack_require__.e(19), __webpack_require__.e(11), __webpack_require__.e(128)]).then(__webpack_require__.bind(__webpack_require__, 39366));
            report = await runCleanupMode(io, inputs, runEnv, deps);
        }
        else {
            const { runDrillMode } = await Promise.all(/* import() */[__webpack_require__.e(890), __webpack_require__.e(871), __webpack_require__.e(739), __webpack_require__.e(19), __webpack_require__.e(11), __webpack_require__.e(118), __webpack_require__.e(96), __webpack_require__.e(279)]).then(__webpack_require__.bind(__webpack_require__, 17279));
            report = await runDrillMode(io, inputs, runEnv, deps);
            // No runner runs a post step here: what the action's post step does after a cancellation, now.
            const { postSkipReason, runPostCleanup } = await Promise.all(/* import() */[__webpack_require__.e(890), __webpack_require__.e(739), __webpack_require__.e(96), __webpack_require__.e(366)]).then(__webpack_require__.bind(__webpack_require__, 31384));
            const { readPostState } = await __webpack_require__.e(/* import() */ 932).then(__webpack_require__.bind(__webpack_require__, 74932));
            const state = readPostState((n) => io.getState(n));
            if (!postSkipReason(state))
                await runPostCleanup(io, state, { ...deps, inputs });
        }
    }
    finally {
        signals.dispose();
    }
    for (const [name, value] of Object.entries(io.outputs))
        cli.stdout.write(`${name}: ${value}\n`);
    const first = report.errors[0];
    cli.stdout.write(`\n${mode} ${report.status}${first ? `: ${first}` : ''}\n`);
    return report.status === 'succeeded' ? cli_io/* EXIT */.d.ok : cli_io/* EXIT */.d.failed;
}
const BREAK_GLASS_HELP = {
    drill: help('drill', 'a drill of the plan (isDrill: launched, checked, measured, then terminated)'),
    recovery: help('recovery', 'a REAL recovery of the plan (irreversible; never cleaned up); needs --confirm <plan name>'),
    cleanup: help('cleanup', "terminates drill instances of the plan's servers (--older-than, --dry-run)"),
};
function help(mode, what) {
    return `Usage: drs-drill ${mode} <plan> [options]

Break-glass: ${what}, from this terminal,
with the same engine, guards and evidence as the action (for when GitHub itself is down).
Credentials: the standard AWS chain (environment, profile, SSO, instance role); AWS_REGION or --region.
The evidence (report.json, report.md) goes to --report-dir (default drs-report, under this directory);
the summary is printed. Ctrl-C cancels like the runner's SIGINT: cleanup runs, evidence is written.
  --region <region>            AWS region (overrides the plan's)
  --role-to-assume <arn>       assume this role with the chain's credentials (sts:AssumeRole)
  --confirm <plan name>        recovery: required, must equal the plan's name
  --cleanup always|on-success|never   drill: when to terminate the drill instances (default always)
  --dry-run                    drill: preflight only; cleanup: list, terminate nothing
  --exclude <id|hostname>      leave a server out (repeatable, or comma-separated)
  --point-in-time <iso time>   launch each server from its latest snapshot at or before it
  --replace-recovery-instances recovery: allow replacing existing recovery instances
  --older-than <duration>      cleanup: only drill instances older than this (e.g. 12h)
  --report-dir <dir>           where report.json and report.md are written
  --timeout-minutes <n>, --poll-interval-seconds <n>, --fail-on <rules>, --role-session-name <name>
  --verbose                    print debug lines (retries) too
Exit code: 0 succeeded, 1 failed (or refused), 2 usage error.`;
}

// EXTERNAL MODULE: ./src/core/escape.ts
var core_escape = __webpack_require__(94536);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/core/names.ts
var names = __webpack_require__(22483);
// EXTERNAL MODULE: ./src/modes.ts
var modes = __webpack_require__(17463);
// EXTERNAL MODULE: ./src/plan/load.ts + 9 modules
var load = __webpack_require__(70218);
// EXTERNAL MODULE: ./src/plan/overview.ts
var overview = __webpack_require__(1400);
// EXTERNAL MODULE: ./src/core/tags.ts
var tags = __webpack_require__(52766);
;// CONCATENATED MODULE: ./src/iam/actions.ts
/** `aws.iam#requiredActions` of StartRecovery in the official model (emulator/model/drs-2020-02-26.json). */
const START_RECOVERY_REQUIRED_ACTIONS = [
    'drs:CreateRecoveryInstanceForDrs',
    'drs:ListTagsForResource',
    'iam:PassRole',
    'ec2:AttachVolume',
    'ec2:AuthorizeSecurityGroupEgress',
    'ec2:AuthorizeSecurityGroupIngress',
    'ec2:CreateLaunchTemplate',
    'ec2:CreateLaunchTemplateVersion',
    'ec2:CreateSnapshot',
    'ec2:CreateTags',
    'ec2:CreateVolume',
    'ec2:DeleteLaunchTemplateVersions',
    'ec2:DeleteSnapshot',
    'ec2:DeleteVolume',
    'ec2:DescribeAccountAttributes',
    'ec2:DescribeAvailabilityZones',
    'ec2:DescribeImages',
    'ec2:DescribeInstanceAttribute',
    'ec2:DescribeInstanceStatus',
    'ec2:DescribeInstanceTypes',
    'ec2:DescribeInstances',
    'ec2:DescribeLaunchTemplateVersions',
    'ec2:DescribeLaunchTemplates',
    'ec2:DescribeSecurityGroups',
    'ec2:DescribeSnapshots',
    'ec2:DescribeSubnets',
    'ec2:DescribeVolumes',
    'ec2:DetachVolume',
    'ec2:ModifyInstanceAttribute',
    'ec2:ModifyLaunchTemplate',
    'ec2:RevokeSecurityGroupEgress',
    'ec2:RunInstances',
    'ec2:StartInstances',
    'ec2:StopInstances',
    'ec2:TerminateInstances',
];
/** `aws.iam#requiredActions` of TerminateRecoveryInstances. */
const TERMINATE_RECOVERY_INSTANCES_REQUIRED_ACTIONS = [
    'ec2:DescribeVolumes',
    'ec2:DescribeInstances',
    'ec2:TerminateInstances',
    'ec2:DeleteVolume',
    'drs:DescribeSourceServers',
];
/** `aws.iam#requiredActions` of DescribeRecoveryInstances. */
const DESCRIBE_RECOVERY_INSTANCES_REQUIRED_ACTIONS = [
    'ec2:DescribeInstances',
    'drs:DescribeSourceServers',
];
/** The required actions per DRS operation, as the model states them (only the operations we call). */
const REQUIRED_ACTIONS = {
    StartRecovery: START_RECOVERY_REQUIRED_ACTIONS,
    TerminateRecoveryInstances: TERMINATE_RECOVERY_INSTANCES_REQUIRED_ACTIONS,
    DescribeRecoveryInstances: DESCRIBE_RECOVERY_INSTANCES_REQUIRED_ACTIONS,
};
const VALIDATE_OPERATIONS = {
    // Preflight: resolve selectors, active jobs, pinned snapshots, launch settings and their network.
    // ListLaunchActions: only for plans with postLaunch, or servers where DRS already runs actions.
    drs: [
        'DescribeSourceServers',
        'DescribeJobs',
        'DescribeRecoverySnapshots',
        'GetLaunchConfiguration',
        'ListLaunchActions',
    ],
    ec2: ['DescribeLaunchTemplateVersions', 'DescribeSubnets', 'DescribeSecurityGroups'],
    ssm: [],
};
const LAUNCH_OPERATIONS = {
    drs: [
        ...VALIDATE_OPERATIONS.drs,
        'UpdateLaunchConfiguration',
        // The plan's postLaunch actions, synced onto its servers.
        'PutLaunchAction',
        'DeleteLaunchAction',
        'StartRecovery',
        'DescribeJobLogItems',
        'DescribeRecoveryInstances',
        // Input waves: each wave's outcome recorded on its jobs for the next step of the execution.
        'TagResource',
    ],
    ec2: [
        ...VALIDATE_OPERATIONS.ec2,
        'CreateLaunchTemplateVersion',
        'ModifyLaunchTemplate',
        'DescribeInstances',
        'DescribeInstanceStatus',
        'CreateTags',
    ],
    ssm: ['DescribeInstanceInformation', 'SendCommand', 'ListCommands', 'ListCommandInvocations'],
};
/** The operations each mode sends. A drill also terminates its own drill instances afterwards. */
const MODE_OPERATIONS = {
    validate: VALIDATE_OPERATIONS,
    drill: { ...LAUNCH_OPERATIONS, drs: [...LAUNCH_OPERATIONS.drs, 'TerminateRecoveryInstances'] },
    // A recovery never terminates anything: the role gets no TerminateRecoveryInstances at all.
    recovery: LAUNCH_OPERATIONS,
    cleanup: {
        drs: ['DescribeSourceServers', 'DescribeJobs', 'DescribeRecoveryInstances', 'TerminateRecoveryInstances'],
        ec2: ['DescribeInstances'],
        ssm: [],
    },
    // Status reads the history from GitHub; with credentials it also resolves each plan's servers.
    status: { drs: ['DescribeSourceServers'], ec2: [], ssm: [] },
};
/** The FAS actions (service-prefixed) a mode needs for the DRS operations it calls, de-duplicated and sorted. */
function requiredActionsFor(mode) {
    const out = new Set();
    for (const op of MODE_OPERATIONS[mode].drs)
        for (const a of REQUIRED_ACTIONS[op] ?? [])
            out.add(a);
    return [...out].sort();
}

;// CONCATENATED MODULE: ./src/iam/policy.ts
/**
 * Least-privilege IAM permission policies for each mode, as pure functions of the mode and of what
 * the plan says about where it runs. docs/iam/*.json are generated from these (a test fails on drift)
 * and `drs-drill iam-policy` prints them for one plan.
 */


/** The Run Command documents wave checks use by default (AWS-owned: no account in their ARN). */
const CHECK_SHELL_DOCUMENTS = ['AWS-RunShellScript', 'AWS-RunPowerShellScript'];
/** The tag DRS puts on the launch templates and instances it manages. */
const DRS_MANAGED_TAG = 'AWSElasticDisasterRecoveryManaged';
/**
 * Roles DRS itself launches with: the conversion server's and the default recovery instance roles
 * (created by InitializeService under the service-role/ path). The caller passes them through FAS.
 */
const DRS_DEFAULT_ROLES = [
    'service-role/AWSElasticDisasterRecoveryConversionServerRole',
    'service-role/AWSElasticDisasterRecoveryRecoveryInstanceRole',
    'service-role/AWSElasticDisasterRecoveryRecoveryInstanceWithLaunchActionsRole',
];
/** The AWS partition a region belongs to (ARNs and service principals differ in China and GovCloud). */
function partitionOf(region) {
    if (region?.startsWith('cn-'))
        return 'aws-cn';
    if (region?.startsWith('us-gov-'))
        return 'aws-us-gov';
    return 'aws';
}
function arn(service, scope, resource) {
    const region = service === 'iam' ? '' : (scope.region ?? '*');
    return `arn:${partitionOf(scope.region)}:${service}:${region}:${scope.accountId ?? '*'}:${resource}`;
}
/**
 * The IAM role an instance profile most likely carries. IAM cannot name it from the profile, but the
 * console and most IaC give both the same path and name; the CLI says so when it prints this.
 */
function roleArnForInstanceProfile(profile, scope) {
    let pathAndName = profile;
    let accountId = scope.accountId;
    const fromArn = /^arn:[\w-]+:iam::(\d{12}):instance-profile\/(.+)$/.exec(profile);
    if (fromArn) {
        accountId = fromArn[1];
        pathAndName = fromArn[2] ?? profile;
    }
    return arn('iam', { ...scope, accountId }, `role/${pathAndName}`);
}
/** Resource `*` only supports a region guard: DRS and EC2 list/describe calls take no resource ARN. */
function anyResourceCondition(scope) {
    return scope.region ? { StringEquals: { 'aws:RequestedRegion': scope.region } } : undefined;
}
function statement(Sid, actions, Resource, Condition) {
    const s = { Sid, Effect: 'Allow', Action: [...new Set(actions)].sort(), Resource };
    if (Condition && Object.keys(Condition).length > 0)
        s.Condition = Condition;
    return s;
}
/** DRS operations whose IAM check is on a resource ARN, by resource type (from the model's resources). */
const DRS_RESOURCE_OF = {
    GetLaunchConfiguration: 'source-server',
    DescribeRecoverySnapshots: 'source-server',
    UpdateLaunchConfiguration: 'source-server',
    ListLaunchActions: 'source-server',
    PutLaunchAction: 'source-server',
    DeleteLaunchAction: 'source-server',
    StartRecovery: 'source-server',
    DescribeJobLogItems: 'job',
    TerminateRecoveryInstances: 'recovery-instance',
};
function drsStatements(mode, scope) {
    const ops = MODE_OPERATIONS[mode].drs;
    const fasDrs = requiredActionsFor(mode).filter((a) => a.startsWith('drs:'));
    // TagResource gets its own statement below: job ARNs, the action's tag keys only.
    const anyResource = [
        ...ops.filter((op) => !DRS_RESOURCE_OF[op] && op !== 'TagResource').map((op) => `drs:${op}`),
    ];
    // DescribeSourceServers is also a dependent action of DescribeRecoveryInstances and TerminateRecoveryInstances.
    if (fasDrs.includes('drs:DescribeSourceServers'))
        anyResource.push('drs:DescribeSourceServers');
    const out = [statement('DrsList', anyResource, '*', anyResourceCondition(scope))];
    const byType = new Map();
    for (const op of ops) {
        const type = DRS_RESOURCE_OF[op];
        if (type)
            byType.set(type, [...(byType.get(type) ?? []), `drs:${op}`]);
    }
    if (fasDrs.includes('drs:CreateRecoveryInstanceForDrs')) {
        // DRS creates the recovery instance record as the caller (FAS), per source server.
        byType.set('source-server', [...(byType.get('source-server') ?? []), 'drs:CreateRecoveryInstanceForDrs']);
    }
    const sids = {
        'source-server': 'DrsSourceServers',
        job: 'DrsJobs',
        'recovery-instance': 'DrsTerminateRecoveryInstances',
    };
    for (const [type, actions] of byType) {
        out.push(statement(sids[type] ?? `Drs${type}`, actions, arn('drs', scope, `${type}/*`)));
    }
    if (fasDrs.includes('drs:ListTagsForResource')) {
        out.push(statement('DrsListTags', ['drs:ListTagsForResource'], [
            arn('drs', scope, 'source-server/*'),
            arn('drs', scope, 'job/*'),
            arn('drs', scope, 'recovery-instance/*'),
        ]));
    }
    if (ops.includes('StartRecovery')) {
        // StartRecovery's job tags are applied with drs:TagResource, and a step of an execution over several
        // jobs (input waves) records each wave's outcome on its jobs with it: only the action's own tag keys.
        out.push(statement('DrsTagJobsOnStart', ['drs:TagResource'], [arn('drs', scope, 'job/*'), arn('drs', scope, 'source-server/*')], { 'ForAllValues:StringLike': { 'aws:TagKeys': `${tags/* TAG_PREFIX */.C_}*` } }));
    }
    return out;
}
function ec2Statements(mode, scope) {
    const ops = MODE_OPERATIONS[mode].ec2;
    const describe = ops.filter((op) => op.startsWith('Describe')).map((op) => `ec2:${op}`);
    // Status mode reads DRS only: no EC2 statement at all rather than one with no action.
    const out = describe.length > 0 ? [statement('Ec2Describe', describe, '*', anyResourceCondition(scope))] : [];
    if (ops.includes('CreateTags')) {
        out.push(statement('Ec2TagRecoveryInstances', ['ec2:CreateTags'], arn('ec2', scope, 'instance/*'), {
            'ForAllValues:StringLike': { 'aws:TagKeys': `${tags/* TAG_PREFIX */.C_}*` },
        }));
    }
    const templateOps = ops.filter((op) => op === 'CreateLaunchTemplateVersion' || op === 'ModifyLaunchTemplate');
    if (templateOps.length > 0) {
        // Launch-config repair edits only the templates DRS created for its source servers.
        out.push(statement('Ec2RepairDrsLaunchTemplates', templateOps.map((op) => `ec2:${op}`), arn('ec2', scope, 'launch-template/*'), 
        // Present, whatever its value, as AWS's own managed policy requires.
        { Null: { [`aws:ResourceTag/${DRS_MANAGED_TAG}`]: 'false' } }));
    }
    const fasEc2 = requiredActionsFor(mode).filter((a) => a.startsWith('ec2:'));
    if (fasEc2.length > 0) {
        out.push(statement('Ec2ActionsDrsPerformsAsCaller', fasEc2, '*', {
            Bool: { 'aws:ViaAWSService': 'true' },
            ...anyResourceCondition(scope),
        }));
    }
    return out;
}
/**
 * Wave checks: Run Command only with the shell documents (and the plan's own), only on instances DRS
 * launched (its tag on the instance), and the reads Run Command has no resource-level control for.
 */
function ssmStatements(mode, scope) {
    const ops = MODE_OPERATIONS[mode].ssm;
    if (ops.length === 0)
        return [];
    const reads = ops.filter((op) => op !== 'SendCommand').map((op) => `ssm:${op}`);
    const out = [statement('SsmReadCommandsAndInstances', reads, '*', anyResourceCondition(scope))];
    if (!ops.includes('SendCommand'))
        return out;
    const documents = CHECK_SHELL_DOCUMENTS.map((d) => arn('ssm', { ...scope, accountId: '' }, `document/${d}`));
    for (const d of scope.checkDocuments ?? []) {
        if (d.startsWith('arn:'))
            documents.push(d);
        else if (!CHECK_SHELL_DOCUMENTS.includes(d))
            documents.push(arn('ssm', scope, `document/${d}`));
    }
    out.push(statement('SsmSendCheckDocuments', ['ssm:SendCommand'], [...new Set(documents)]));
    out.push(statement('SsmSendToDrsInstances', ['ssm:SendCommand'], arn('ec2', scope, 'instance/*'), {
        Null: { [`ssm:resourceTag/${DRS_MANAGED_TAG}`]: 'false' },
    }));
    return out;
}
function passRoleStatement(mode, scope) {
    if (!requiredActionsFor(mode).includes('iam:PassRole'))
        return [];
    const roles = DRS_DEFAULT_ROLES.map((r) => arn('iam', scope, `role/${r}`));
    for (const profile of scope.instanceProfiles ?? [])
        roles.push(roleArnForInstanceProfile(profile, scope));
    return [
        statement('PassRecoveryInstanceRoles', ['iam:PassRole'], [...new Set(roles)], {
            StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' },
        }),
    ];
}
/** The permission policy of a role that runs `mode`. */
function permissionsPolicy(mode, scope = {}) {
    return {
        Version: '2012-10-17',
        Statement: [
            ...drsStatements(mode, scope),
            ...ec2Statements(mode, scope),
            ...ssmStatements(mode, scope),
            ...passRoleStatement(mode, scope),
        ],
    };
}
/** The scope a plan states: its region and account guard, and every instance profile its templates set. */
function scopeFromPlan(plan, overrides = {}) {
    const profiles = new Set();
    for (const wave of plan.waves) {
        for (const server of wave.servers)
            if (server.template.instanceProfile)
                profiles.add(server.template.instanceProfile);
    }
    const scope = { instanceProfiles: [...profiles].sort() };
    const documents = new Set(plan.waves.flatMap((w) => w.checks.map((c) => c.document)));
    for (const d of CHECK_SHELL_DOCUMENTS)
        documents.delete(d);
    if (documents.size > 0)
        scope.checkDocuments = [...documents].sort();
    const region = overrides.region ?? plan.region;
    const accountId = overrides.accountId ?? plan.accountId;
    if (region)
        scope.region = region;
    if (accountId)
        scope.accountId = accountId;
    return scope;
}
/** Policy JSON as people paste it: two-space indent, trailing newline. */
function renderPolicy(doc) {
    return `${JSON.stringify(doc, null, 2)}\n`;
}

// EXTERNAL MODULE: ./src/aws/credentials.ts
var credentials = __webpack_require__(96963);
;// CONCATENATED MODULE: ./src/iam/trust.ts
/**
 * Trust policies that let GitHub Actions assume a role with its OIDC token and nothing else: the
 * audience must be STS and the token's `sub` must name this repository and the branch, pull-request
 * or environment the role is for. Recovery roles trust an environment, so GitHub's required
 * reviewers stand between a workflow and an irreversible recovery.
 */



const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
const REPOSITORY_PLACEHOLDER = '<OWNER>/<REPO>';
const ACCOUNT_PLACEHOLDER = '<ACCOUNT_ID>';
/** The `sub` claim GitHub puts in the token for that kind of run (default subject format). */
function subjectClaim(repository, subject) {
    switch (subject.kind) {
        case 'branch':
            return `repo:${repository}:ref:refs/heads/${subject.branch}`;
        case 'environment':
            return `repo:${repository}:environment:${subject.environment}`;
        case 'pull-request':
            return `repo:${repository}:pull_request`;
    }
}
/** Whether a repository argument looks like `owner/name`. */
function isRepository(value) {
    return (0,names/* isValidName */.uV)('repository', value);
}
/**
 * The trust policy of a role assumed through GitHub OIDC for one kind of run, or several: a drill
 * whose later waves wait in a job behind an environment (input `waves`) is assumed by the branch's jobs
 * and by the gated job, whose token's subject names the environment instead of the branch.
 */
function trustPolicy(subjects, opts = {}) {
    const partition = partitionOf(opts.region);
    const claims = [subjects]
        .flat()
        .map((subject) => subjectClaim(opts.repository ?? REPOSITORY_PLACEHOLDER, subject));
    return {
        Version: '2012-10-17',
        Statement: [
            {
                Sid: 'GitHubActionsOidc',
                Effect: 'Allow',
                Principal: {
                    Federated: `arn:${partition}:iam::${opts.accountId ?? ACCOUNT_PLACEHOLDER}:oidc-provider/${GITHUB_OIDC_HOST}`,
                },
                Action: 'sts:AssumeRoleWithWebIdentity',
                Condition: {
                    StringEquals: {
                        // The audience the action asks GitHub for when it assumes `role-to-assume`.
                        [`${GITHUB_OIDC_HOST}:aud`]: credentials/* OIDC_AUDIENCE */.To,
                        // Several values: any one of them (IAM's StringEquals over a list).
                        [`${GITHUB_OIDC_HOST}:sub`]: claims.length === 1 ? claims[0] : claims,
                    },
                },
            },
        ],
    };
}
/** The subject a mode's role trusts by default: recovery an environment, review pull requests, else a branch. */
function defaultTrustSubject(mode, names = {}) {
    if (mode === 'recovery')
        return { kind: 'environment', environment: names.environment ?? 'disaster-recovery' };
    if (mode === 'validate' && !names.branch)
        return { kind: 'pull-request' };
    return { kind: 'branch', branch: names.branch ?? 'main' };
}
/**
 * The subjects a mode's role trusts: as defaultTrustSubject, and a drill given an environment trusts
 * both the branch (its ungated jobs, the cleanup) and the environment (the job gated by approval).
 */
function defaultTrustSubjects(mode, names = {}) {
    if (mode === 'drill' && names.environment)
        return [
            { kind: 'branch', branch: names.branch ?? 'main' },
            { kind: 'environment', environment: names.environment },
        ];
    return [defaultTrustSubject(mode, names)];
}

;// CONCATENATED MODULE: ./src/iam/command.ts
/**
 * `drs-drill iam-policy`: prints the permission policy (or the OIDC trust policy) of the role for one
 * mode, scoped to what the plan says. Registered in src/cli.ts; `runIamPolicy` is a function
 * declaration so the entry there can name it whatever order the two modules load in.
 */








const VALUE_OPTIONS = ['--mode', '--region', '--account', '--repo', '--branch', '--environment'];
// Git ref names: no spaces, no `..`, no control characters; enough to keep the sub claim well-formed.
const NAME_PATTERN = /^[A-Za-z0-9._/-]{1,255}$/;
function checked(option, value, pattern, what) {
    if (!pattern.test(value))
        throw new cli_io/* UsageError */.e(`${option} ${JSON.stringify(value)} is not ${what}`);
    return value;
}
/** Parses the command line; every mistake is a UsageError naming the option. */
function parseIamPolicyArgs(args) {
    const values = {};
    const positional = [];
    let trust = false;
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg === '--trust') {
            trust = true;
            continue;
        }
        const eq = arg.indexOf('=');
        const name = (eq > 0 ? arg.slice(0, eq) : arg);
        if (VALUE_OPTIONS.includes(name)) {
            const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
            if (value === undefined || value === '')
                throw new cli_io/* UsageError */.e(`${name} needs a value`);
            values[name] = value;
        }
        else if (arg.startsWith('-'))
            throw new cli_io/* UsageError */.e(`unknown option ${arg}`);
        else
            positional.push(arg);
    }
    const mode = values['--mode'];
    if (mode === undefined)
        throw new cli_io/* UsageError */.e(`--mode is required (${modes/* MODES */.FN.join(', ')})`);
    if (!modes/* MODES */.FN.includes(mode)) {
        throw new cli_io/* UsageError */.e(`--mode takes ${modes/* MODES */.FN.join(', ')}, not ${JSON.stringify(mode)}`);
    }
    if (positional.length > 1)
        throw new cli_io/* UsageError */.e(`one plan file at most, got ${positional.length}`);
    const out = { mode: mode, trust };
    if (positional[0] !== undefined)
        out.plan = positional[0];
    const region = values['--region'];
    if (region !== undefined)
        out.region = checked('--region', region, names/* NAME_PATTERNS */.c9.region, 'an AWS region');
    const account = values['--account'];
    if (account !== undefined)
        out.accountId = checked('--account', account, names/* NAME_PATTERNS */.c9.accountId, 'a 12-digit account id');
    const repo = values['--repo'];
    if (repo !== undefined) {
        if (!isRepository(repo))
            throw new cli_io/* UsageError */.e(`--repo ${JSON.stringify(repo)} is not owner/name`);
        out.repository = repo;
    }
    const branch = values['--branch'];
    if (branch !== undefined)
        out.branch = checked('--branch', branch, NAME_PATTERN, 'a branch name');
    const environment = values['--environment'];
    if (environment !== undefined) {
        out.environment = checked('--environment', environment, NAME_PATTERN, 'an environment name');
    }
    if (!trust && (out.repository || out.branch || out.environment)) {
        throw new cli_io/* UsageError */.e('--repo, --branch and --environment only apply with --trust');
    }
    return out;
}
async function planScope(args, cwd) {
    const overrides = {};
    if (args.region)
        overrides.region = args.region;
    if (args.accountId)
        overrides.accountId = args.accountId;
    if (args.plan === undefined)
        return overrides;
    const result = await (0,load/* loadPlanFile */.w$)(args.plan, { cwd });
    const first = result.diagnostics.find((d) => d.severity === 'error');
    if (first || !result.plan) {
        throw new errors/* UserError */.yo(`the plan has errors, fix them first (drs-drill validate ${args.plan}): ${first ? (0,overview/* formatDiagnostic */.xy)(first) : 'unreadable'}`);
    }
    return scopeFromPlan(result.plan, overrides);
}
/** What the person should know about the printed policy: written to stderr so stdout stays valid JSON. */
function scopeNotes(mode, scope) {
    const notes = [];
    if (!scope.region)
        notes.push('no region in the plan or --region: the ARNs allow any region (*)');
    if (!scope.accountId)
        notes.push('no accountId in the plan or --account: the ARNs allow any account (*)');
    if (mode === 'drill' || mode === 'recovery') {
        for (const profile of scope.instanceProfiles ?? []) {
            notes.push(`iam:PassRole names ${roleArnForInstanceProfile(profile, scope)}, assuming instance profile "${profile}" holds a role of the same name; change it if not`);
        }
        notes.push('a launch template with another instance profile needs its role added to PassRecoveryInstanceRoles; volumes encrypted with a customer-managed KMS key need KMS permissions on that key (see docs/iam/README.md)');
    }
    return notes;
}
/** The command: 0 with the policy on stdout, 1 for a plan with errors, 2 for a usage mistake. */
async function runIamPolicy(args, io) {
    const parsed = parseIamPolicyArgs(args);
    const scope = await planScope(parsed, io.cwd);
    if (parsed.trust) {
        const names = {};
        if (parsed.branch)
            names.branch = parsed.branch;
        if (parsed.environment)
            names.environment = parsed.environment;
        const opts = {};
        if (parsed.repository)
            opts.repository = parsed.repository;
        if (scope.accountId)
            opts.accountId = scope.accountId;
        if (scope.region)
            opts.region = scope.region;
        io.stdout.write(renderPolicy(trustPolicy(defaultTrustSubjects(parsed.mode, names), opts)));
        if (!parsed.repository)
            io.stderr.write('note: --repo not given: replace <OWNER>/<REPO> in the sub condition\n');
        if (!scope.accountId)
            io.stderr.write('note: no account: replace <ACCOUNT_ID> in the provider ARN\n');
        return cli_io/* EXIT */.d.ok;
    }
    io.stdout.write(renderPolicy(permissionsPolicy(parsed.mode, scope)));
    for (const note of scopeNotes(parsed.mode, scope))
        io.stderr.write(`note: ${note}\n`);
    return cli_io/* EXIT */.d.ok;
}

// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/cli.ts









function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
/** GitHub workflow-command escaping, so annotations survive `%`, newlines, `:` and `,`. */
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text) {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
function githubAnnotation(d) {
    const kind = d.severity === 'warning' ? 'warning' : 'error';
    return `::${kind} file=${escapeProperty(d.file)},line=${d.line},col=${d.col},title=${escapeProperty('drs plan')}::${escapeData(d.message)}`;
}
const VALIDATE_HELP = `Usage: drs-drill validate [--format text|github] <file|glob>...

Checks recovery plan files offline: YAML syntax, the plan schema and the semantic rules
(unique wave names, dependsOn targets and cycles, one wave per source server, wave size).
Arguments are paths or globs (quote globs: 'drs-plans/**/*.yaml'); commas and newlines separate several.

Prints file:line:col: message for every problem and a one-line summary.
  --format text     compiler-style lines (default)
  --format github   GitHub Actions annotations (::error file=...::message)
Exit code: 0 no errors (warnings allowed), 1 errors found, 2 usage error.`;
async function runValidate(args, io) {
    let format = 'text';
    const patterns = [];
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg === '--') {
            patterns.push(...args.slice(i + 1));
            break;
        }
        if (arg === '--format' || arg.startsWith('--format=')) {
            const value = arg === '--format' ? args[++i] : arg.slice('--format='.length);
            if (value !== 'text' && value !== 'github')
                throw new cli_io/* UsageError */.e(`--format takes text or github, not ${JSON.stringify(value ?? '')}`);
            format = value;
        }
        else if (arg.startsWith('-') && arg !== '-')
            throw new cli_io/* UsageError */.e(`unknown option ${arg}`);
        else
            patterns.push(arg);
    }
    if (patterns.length === 0)
        throw new cli_io/* UsageError */.e('validate needs at least one plan file or glob');
    const files = [];
    for (const p of patterns)
        files.push(...(await (0,load/* expandPlanPaths */.CN)(p, io.cwd)));
    const unique = [...new Set(files)];
    let errors = 0;
    let warnings = 0;
    let failedFiles = 0;
    for (const file of unique) {
        const result = await (0,load/* loadPlanFile */.w$)(file, { cwd: io.cwd });
        const fileErrors = result.diagnostics.filter((d) => d.severity === 'error').length;
        errors += fileErrors;
        warnings += result.diagnostics.length - fileErrors;
        if (fileErrors > 0)
            failedFiles++;
        for (const d of result.diagnostics) {
            // File names and messages come from the repository: in CI a line must not become a workflow command.
            io.stdout.write(`${format === 'github' ? githubAnnotation(d) : (0,core_escape/* neutraliseLog */.Z$)((0,overview/* formatDiagnostic */.xy)(d))}\n`);
        }
    }
    const checked = plural(unique.length, 'plan file');
    const warned = warnings > 0 ? `, ${plural(warnings, 'warning')}` : '';
    if (errors > 0)
        io.stdout.write(`${plural(errors, 'error')}${warned} in ${plural(failedFiles, 'file')} (${checked} checked)\n`);
    else
        io.stdout.write(`${checked} valid${warned ? ` (${plural(warnings, 'warning')})` : ''}\n`);
    return errors > 0 ? cli_io/* EXIT */.d.failed : cli_io/* EXIT */.d.ok;
}
const IAM_POLICY_HELP = `Usage: drs-drill iam-policy --mode validate|drill|recovery|cleanup [options] [plan]

Prints the least-privilege IAM permission policy of the role that runs a mode, as JSON on stdout
(notes on stderr). With a plan, ARNs are scoped to the plan's region and accountId and iam:PassRole
names the instance profiles its templates set. See docs/iam/README.md.
  --region <region>     scope to this region (overrides the plan's)
  --account <id>        scope to this 12-digit account (overrides the plan's accountId)
  --trust               print the GitHub OIDC trust policy of that role instead:
                          recovery trusts an environment, validate pull requests, others a branch
  --repo <owner/name>   trust: the repository allowed to assume the role
  --branch <name>       trust: the branch (default main; validate default: pull requests)
  --environment <name>  trust: the GitHub environment (recovery; default disaster-recovery); with
                          --mode drill the branch and this environment (a job gated by approval)
Exit code: 0 printed, 1 plan has errors, 2 usage error.`;
const REHEARSE_HELP = `Usage: drs-drill rehearse <plan> [--scenario <file>] [--fail <server>]... [--throttle <rate>]

Rehearses a plan offline, before it touches AWS: starts a local AWS emulator on 127.0.0.1 with an
estate generated from the plan's selectors (ids, hostnames, tags, the subnets, groups and snapshots it
names), runs the action's bundle in drill mode against it at simulated speed and prints the job
summary the drill would write. Needs no AWS credentials and calls nothing outside this machine.
  --scenario <file>   use this emulator scenario (YAML) as the estate instead of a generated one
  --fail <server>     make this server's launch fail (source server id or hostname; repeatable)
  --throttle <rate>   throttle this fraction of the AWS calls, 0 to 1 (e.g. 0.2)
  --speed <n>         simulated seconds per real second (default 600)
Exit code: 0 the drill passed, 1 it failed (or the plan has errors), 2 usage error.`;
const COMMANDS = [
    {
        name: 'validate',
        summary: 'check plan files offline (schema and semantic rules)',
        help: VALIDATE_HELP,
        run: runValidate,
    },
    {
        name: 'iam-policy',
        summary: 'print the least-privilege IAM policy (or OIDC trust policy) for a mode and plan',
        help: IAM_POLICY_HELP,
        run: runIamPolicy,
    },
    {
        name: 'rehearse',
        summary: 'rehearse a drill of the plan offline, against a local AWS emulator',
        help: REHEARSE_HELP,
        // Loaded on demand: the emulator is a chunk of its own that no other command reads.
        run: async (args, io) => (await __webpack_require__.e(/* import() */ 187).then(__webpack_require__.bind(__webpack_require__, 61187))).rehearse(args, io),
    },
    ...['drill', 'recovery', 'cleanup'].map((mode) => ({
        name: mode,
        summary: `break-glass: run the plan's ${mode === 'cleanup' ? 'drill-instance cleanup' : mode} from this terminal`,
        help: BREAK_GLASS_HELP[mode],
        run: (args, io) => runBreakGlass(mode, args, io),
    })),
];
function generalHelp() {
    const width = Math.max(...COMMANDS.map((c) => c.name.length));
    const list = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
    // Said only while it is true: a terminal command that runs drills would make it false.
    const where = COMMANDS.some((c) => c.name === 'drill')
        ? ''
        : '\nDrills, recoveries and cleanups run in GitHub Actions, through the action.';
    return `Usage: drs-drill <command> [options]

The command line of the DRS drill action (AWS Elastic Disaster Recovery drills from a recovery plan).${where}

Commands:
${list}

Options:
  -h, --help     this help; drs-drill <command> --help for a command's options
  -v, --version  print the version (${version/* ACTION_VERSION */.F})`;
}
/** The CLI, in-process: returns the exit code instead of exiting. */
async function main(argv, cliIo) {
    // Nothing on stderr is meant as a workflow command; error messages quote arguments and file names.
    const io = {
        ...cliIo,
        stderr: { write: (text) => cliIo.stderr.write((0,core_escape/* neutraliseLog */.Z$)(text)) },
    };
    const [name, ...rest] = argv;
    if (name === '--version' || name === '-v' || name === 'version') {
        io.stdout.write(`${version/* ACTION_VERSION */.F}\n`);
        return cli_io/* EXIT */.d.ok;
    }
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
        io[name === undefined ? 'stderr' : 'stdout'].write(`${generalHelp()}\n`);
        return name === undefined ? cli_io/* EXIT */.d.usage : cli_io/* EXIT */.d.ok;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) {
        io.stderr.write(`drs-drill: unknown command "${name}"\n\n${generalHelp()}\n`);
        return cli_io/* EXIT */.d.usage;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
        io.stdout.write(`${command.help}\n`);
        return cli_io/* EXIT */.d.ok;
    }
    try {
        return await command.run(rest, io);
    }
    catch (e) {
        if (e instanceof cli_io/* UsageError */.e) {
            io.stderr.write(`drs-drill ${name}: ${e.message}\n\n${command.help}\n`);
            return cli_io/* EXIT */.d.usage;
        }
        if ((0,errors/* isUserError */.iU)(e)) {
            io.stderr.write(`drs-drill ${name}: ${e.message}\n`);
            return cli_io/* EXIT */.d.failed;
        }
        io.stderr.write(`drs-drill ${name}: unexpected error (please report it): ${(0,errors/* errorMessage */.gJ)(e)}\n`);
        return cli_io/* EXIT */.d.failed;
    }
}
/** Runs the CLI against the real process: the bin shim calls this. */
async function runCli() {
    process.exitCode = await main(process.argv.slice(2), {
        stdout: process.stdout,
        stderr: process.stderr,
        cwd: process.cwd(),
    });
}


/***/ }),

/***/ 1400:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   xy: () => (/* binding */ formatDiagnostic)
/* harmony export */ });
/* unused harmony exports escapeHtml, renderPlanOverview */

/** User text into Markdown/HTML safely: entities for HTML, and the characters tables and code spans use. */
function escapeHtml(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;')
        .replace(/\|/g, '&#124;')
        .replace(/`/g, '&#96;')
        .replace(/\r?\n/g, ' ');
}
/** Seconds in the plan's own notation (`1h30m`), so the overview reads like the file. */
function planDuration(total) {
    if (total === 0)
        return '0s';
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}
function code(text) {
    return `<code>${escapeHtml(text)}</code>`;
}
function selectorText(spec) {
    const sel = spec.selector;
    let text;
    if (sel.kind === 'id')
        text = `id ${code(sel.sourceServerId)}`;
    else if (sel.kind === 'hostname')
        text = `hostname ${code(sel.hostname)}`;
    else {
        const pairs = Object.entries(sel.tags).map(([k, v]) => `${k}=${v}`);
        text = `tags ${code(pairs.join(', '))}`;
    }
    const notes = [spec.critical ? 'critical' : 'non-critical'];
    if (spec.snapshot)
        notes.push(`snapshot ${code(spec.snapshot)}`);
    const drill = drillOverrideText(spec.drill);
    if (drill)
        notes.push(`drill: ${escapeHtml(drill)}`);
    return `${text} (${notes.join(', ')})`;
}
/** Markdown overview of a plan: its waves, what each depends on, and every server selector. */
function renderPlanOverview(plan) {
    const selectors = plan.waves.reduce((n, w) => n + w.servers.length, 0);
    const lines = [
        `### Plan ${code(plan.name)}: ${plan.waves.length} wave${plan.waves.length === 1 ? '' : 's'}, ${selectors} server selector${selectors === 1 ? '' : 's'}`,
        '',
    ];
    if (plan.description)
        lines.push(escapeHtml(plan.description), '');
    const facts = [];
    if (plan.region)
        facts.push(`region ${code(plan.region)}`);
    if (plan.accountId)
        facts.push(`account ${code(plan.accountId)}`);
    if (plan.objectives.rtoSeconds !== undefined)
        facts.push(`RTO target ${planDuration(plan.objectives.rtoSeconds)}`);
    if (plan.objectives.rpoSeconds !== undefined)
        facts.push(`RPO target ${planDuration(plan.objectives.rpoSeconds)}`);
    facts.push(`on failure: ${plan.onFailure}`);
    lines.push(facts.join(' · '), '');
    lines.push('| Wave | Depends on | Timeout | Wait after | Servers |', '|---|---|---|---|---|');
    for (const w of plan.waves) {
        const deps = w.dependsOn.length === 0 ? '(starts at once)' : w.dependsOn.map(escapeHtml).join(', ');
        const servers = w.servers.map(selectorText).join('<br>');
        lines.push(`| ${escapeHtml(w.name)} | ${deps} | ${planDuration(w.timeoutSeconds)} | ${planDuration(w.waitAfterSeconds)} | ${servers} |`);
    }
    return `${lines.join('\n')}\n`;
}
/** `file:line:col: message`, with `warning: ` before the message of a warning (compiler style). */
function formatDiagnostic(d) {
    const severity = d.severity === 'warning' ? 'warning: ' : '';
    return `${d.file}:${d.line}:${d.col}: ${severity}${d.message}`;
}


/***/ })

};
