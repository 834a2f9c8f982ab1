export const id = 890;
export const ids = [890];
export const modules = {

/***/ 61361:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ trackServerTime),
/* harmony export */   Fo: () => (/* binding */ collect),
/* harmony export */   iY: () => (/* binding */ ServerClock),
/* harmony export */   iv: () => (/* binding */ chunk),
/* harmony export */   oU: () => (/* binding */ createDrsGateway)
/* harmony export */ });
/* harmony import */ var _core_quotas_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7254);
/* harmony import */ var _paginate_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(84042);
/* harmony import */ var _gateways_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(66298);
/* harmony import */ var _sdk_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(92700);
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
    for await (const page of (0,_paginate_js__WEBPACK_IMPORTED_MODULE_3__/* .boundedPages */ .c)(pages, { ...bound, nextToken: (p) => nextTokenOf(p) })) {
        out.push(...(items(page) ?? []));
    }
    return out;
}
/** The page bound of a DRS read, named for its error message (`DRS DescribeJobs`). */
function pageBound(operation) {
    const name = `${operation.charAt(0).toUpperCase()}${operation.slice(1)}`;
    return { operation: `DRS ${name}`, maxPages: _core_quotas_js__WEBPACK_IMPORTED_MODULE_0__/* .DRS_MAX_PAGES */ .Oh[operation] };
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
        for (const ids of chunk([...new Set(jobIds)], _core_quotas_js__WEBPACK_IMPORTED_MODULE_0__/* .DRS_BATCH */ .TA.describeJobsIds)) {
            out.push(...(await collect((0,_sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .paginateDescribeJobs */ .pm)({ client: drs }, { filters: { jobIDs: ids }, maxResults: ids.length }), (p) => p.items, pageBound('describeJobs'))));
        }
        return out;
    }
    async function describeRecoveryInstances(filter) {
        const { recoveryInstanceIds, sourceServerIds } = filter;
        if (recoveryInstanceIds === undefined && sourceServerIds === undefined) {
            return collect((0,_sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .paginateDescribeRecoveryInstances */ .wA)({ client: drs }, {}), (p) => p.items, pageBound('describeRecoveryInstances'));
        }
        // A list given but empty selects nothing (DRS would read it as "no filter").
        if (recoveryInstanceIds?.length === 0 || sourceServerIds?.length === 0)
            return [];
        const out = [];
        if (recoveryInstanceIds !== undefined) {
            for (const ids of chunk([...new Set(recoveryInstanceIds)], _core_quotas_js__WEBPACK_IMPORTED_MODULE_0__/* .DRS_BATCH */ .TA.describeRecoveryInstancesIds)) {
                const filters = {
                    recoveryInstanceIDs: ids,
                    ...(sourceServerIds ? { sourceServerIDs: sourceServerIds } : {}),
                };
                out.push(...(await collect((0,_sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .paginateDescribeRecoveryInstances */ .wA)({ client: drs }, { filters, maxResults: ids.length }), (p) => p.items, pageBound('describeRecoveryInstances'))));
            }
            return out;
        }
        // The model sets no maximum for sourceServerIDs; batch anyway to keep requests small, and ask for a
        // page as large as the batch so that one server's instance usually costs no second page.
        for (const ids of chunk([...new Set(sourceServerIds)], _core_quotas_js__WEBPACK_IMPORTED_MODULE_0__/* .DRS_BATCH */ .TA.describeSourceServersIds)) {
            out.push(...(await collect((0,_sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .paginateDescribeRecoveryInstances */ .wA)({ client: drs }, { filters: { sourceServerIDs: ids }, maxResults: _core_quotas_js__WEBPACK_IMPORTED_MODULE_0__/* .DRS_BATCH */ .TA.describeRecoveryInstancesIds }), (p) => p.items, pageBound('describeRecoveryInstances'))));
        }
        return out;
    }
    return {
        serverTime: () => clock.serverTime(),
        describeAllSourceServers: () => collect((0,_sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .paginateDescribeSourceServers */ .kH)({ client: drs }, { filters: {} }), (p) => p.items, pageBound('describeSourceServers')),
        describeJobs,
        describeJobsSince: (fromDate) => collect((0,_sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .paginateDescribeJobs */ .pm)({ client: drs }, { filters: { fromDate } }), (p) => p.items, pageBound('describeJobs')),
        // The poller reads a changed job's whole log again: a page per 100 items would make that cost grow
        // with the job's servers, so ask for large pages.
        describeJobLogItems: (jobId) => collect((0,_sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .paginateDescribeJobLogItems */ .ux)({ client: drs }, { jobID: jobId, maxResults: _core_quotas_js__WEBPACK_IMPORTED_MODULE_0__/* .DRS_BATCH */ .TA.jobLogItemsPage }), (p) => p.items, pageBound('describeJobLogItems')),
        describeRecoveryInstances,
        describeRecoverySnapshots: (sourceServerId) => collect((0,_sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .paginateDescribeRecoverySnapshots */ .bW)({ client: drs }, { sourceServerID: sourceServerId, order: 'DESC' }), (p) => p.items, pageBound('describeRecoverySnapshots')),
        async getLaunchConfiguration(sourceServerId) {
            const { $metadata: _, ...config } = await drs.send(new _sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .GetLaunchConfigurationCommand */ .HO({ sourceServerID: sourceServerId }));
            return config;
        },
        async updateLaunchConfiguration(update) {
            const { $metadata: _, ...config } = await drs.send(new _sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .UpdateLaunchConfigurationCommand */ .Ez(update));
            return config;
        },
        listLaunchActions: (sourceServerId) => collect((0,_sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .paginateListLaunchActions */ .OP)({ client: drs }, { resourceId: sourceServerId }), (p) => p.items, pageBound('listLaunchActions')),
        async putLaunchAction(sourceServerId, a) {
            await drs.send(new _sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .PutLaunchActionCommand */ .Cs({
                resourceId: sourceServerId,
                ...a,
                active: true,
                actionVersion: '$DEFAULT',
                // Plain values, not SSM parameter-store names.
                parameters: Object.fromEntries(Object.entries(a.parameters).map(([k, value]) => [k, { value, type: 'DYNAMIC' }])),
            }));
        },
        async deleteLaunchAction(sourceServerId, actionId) {
            try {
                await drs.send(new _sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .DeleteLaunchActionCommand */ .mi({ resourceId: sourceServerId, actionId }));
            }
            catch (e) {
                // A retried delete whose first answer was lost finds the action gone: that is success.
                if (!(e instanceof _sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .ResourceNotFoundException */ .lB))
                    throw e;
            }
        },
        async startRecovery(request) {
            if (request.sourceServers.length === 0)
                throw new RangeError('StartRecovery needs at least one source server');
            const output = await drsNoRetry.send(new _sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .StartRecoveryCommand */ .t_({
                sourceServers: request.sourceServers,
                isDrill: request.isDrill,
                tags: request.tags,
            }));
            if (!output.job?.jobID)
                throw new _gateways_js__WEBPACK_IMPORTED_MODULE_1__/* .StartRecoveryWithoutJobError */ .T();
            return output.job;
        },
        async terminateRecoveryInstances(recoveryInstanceIds) {
            const count = recoveryInstanceIds.length;
            if (count === 0 || count > _core_quotas_js__WEBPACK_IMPORTED_MODULE_0__/* .DRS_BATCH */ .TA.terminateRecoveryInstancesIds) {
                throw new RangeError(`TerminateRecoveryInstances takes 1-${_core_quotas_js__WEBPACK_IMPORTED_MODULE_0__/* .DRS_BATCH */ .TA.terminateRecoveryInstancesIds} ids, got ${count}`);
            }
            const output = await drs.send(new _sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .TerminateRecoveryInstancesCommand */ .E6({ recoveryInstanceIDs: recoveryInstanceIds }));
            if (!output.job?.jobID)
                throw new Error('DRS accepted TerminateRecoveryInstances but returned no job');
            return output.job;
        },
        async tagResource(resourceArn, tags) {
            await drs.send(new _sdk_js__WEBPACK_IMPORTED_MODULE_2__/* .TagResourceCommand */ .eq({ resourceArn, tags }));
        },
    };
}


/***/ }),

/***/ 66298:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ StartRecoveryWithoutJobError),
/* harmony export */   c: () => (/* binding */ DRILL_VERSION_DESCRIPTION)
/* harmony export */ });
/**
 * StartRecovery was accepted (HTTP 200) but the answer names no job. The job may well exist, so this
 * is handled exactly like a lost answer: the job is looked up by its tags before any new attempt.
 */
class StartRecoveryWithoutJobError extends Error {
    name = 'StartRecoveryWithoutJobError';
    constructor() {
        super('DRS accepted StartRecovery but its answer named no job');
    }
}
/** The description of a drill's template version: a later run must never take it for the recovery settings. */
const DRILL_VERSION_DESCRIPTION = 'drs-drill: drill settings, restored after the drill';


/***/ }),

/***/ 22369:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ instanceLevelGroupsBlockSubnet)
/* harmony export */ });
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


/***/ }),

/***/ 99516:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  openAwsSession: () => (/* binding */ openAwsSession)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: ./src/aws/clients.ts
var aws_clients = __webpack_require__(40201);
// EXTERNAL MODULE: ./src/aws/credentials.ts
var aws_credentials = __webpack_require__(96963);
// EXTERNAL MODULE: ./src/aws/sdk.ts + 1 modules
var sdk = __webpack_require__(92700);
;// CONCATENATED MODULE: ./src/aws/assume-role.ts
/**
 * A role assumed from the standard AWS credential chain (sts:AssumeRole), for runs outside GitHub
 * (the break-glass CLI): no OIDC token exists there. Refreshed before expiry like the OIDC role.
 */




function chainRoleCredentialProvider(opts) {
    const roleArn = (0,aws_credentials/* validateRoleArn */._l)(opts.roleArn);
    const sessionName = (0,aws_credentials/* validateRoleSessionName */.mx)(opts.sessionName);
    // The SDK's default chain signs the AssumeRole call (environment, profile, SSO, instance role).
    const sts = new sdk/* STSClient */.iM((0,aws_clients/* clientConfig */.yO)({ region: opts.region }));
    const fetch = async () => {
        let out;
        try {
            out = await sts.send(new sdk/* AssumeRoleCommand */.QL({
                RoleArn: roleArn,
                RoleSessionName: sessionName,
                DurationSeconds: aws_credentials/* DEFAULT_SESSION_SECONDS */.Rv,
            }));
        }
        catch (error) {
            throw new errors/* UserError */.yo(`Could not assume role ${roleArn} with the AWS credentials of this shell: ${(0,errors/* errorMessage */.gJ)(error)}`, undefined, {
                cause: error,
            });
        }
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !(c.Expiration instanceof Date))
            throw new Error(`STS answered AssumeRole for ${roleArn} without complete credentials`);
        const credentials = {
            accessKeyId: c.AccessKeyId,
            secretAccessKey: c.SecretAccessKey,
            sessionToken: c.SessionToken,
            expiration: c.Expiration,
        };
        opts.onCredentials?.(credentials);
        return credentials;
    };
    return (0,aws_credentials/* memoizeCredentials */.h7)(fetch, { refreshWindowMs: aws_credentials/* DEFAULT_REFRESH_WINDOW_MS */._E, now: () => Date.now() });
}

// EXTERNAL MODULE: ./src/aws/drs-gateway.ts
var drs_gateway = __webpack_require__(61361);
// EXTERNAL MODULE: ./src/aws/gateways.ts
var gateways = __webpack_require__(66298);
// EXTERNAL MODULE: ./src/aws/launch-template.ts
var launch_template = __webpack_require__(22369);
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
    /** DescribeLaunchTemplateVersions without a template (every template's default): 1-200 a page. */
    launchTemplateVersionsPage: 200,
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
    if (change.instanceTags !== undefined)
        data.TagSpecifications = withInstanceTags(sourceData.TagSpecifications ?? [], change.instanceTags);
    if (change.subnetId === undefined && change.securityGroupIds === undefined && !change.clearPrivateIp)
        return data;
    const interfaces = (sourceData.NetworkInterfaces ?? []).map(toNetworkInterfaceRequest);
    if (interfaces.length === 0 && change.subnetId === undefined) {
        // Groups only, on a template without interfaces: they stay at instance level.
        data.SecurityGroupIds = change.securityGroupIds;
        return data;
    }
    if ((0,launch_template/* instanceLevelGroupsBlockSubnet */.K)(source)) {
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
/**
 * The tag specifications with `tags` added to the instance's; a given list replaces the source's whole
 * list, so every other specification (and the instance's other tags, DRS's own among them) is carried.
 */
function withInstanceTags(specs, tags) {
    const out = specs.map((s) => ({
        ...(s.ResourceType ? { ResourceType: s.ResourceType } : {}),
        Tags: [...(s.Tags ?? [])],
    }));
    let instance = out.find((s) => s.ResourceType === 'instance');
    if (!instance) {
        instance = { ResourceType: 'instance', Tags: [] };
        out.push(instance);
    }
    const kept = (instance.Tags ?? []).filter((tag) => tag.Key === undefined || !(tag.Key in tags));
    instance.Tags = [...kept, ...Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))];
    return out;
}
/**
 * A described version's data in the request shape, to make a version with the same content. The
 * members share their names; network interfaces differ in a few member types (toNetworkInterfaceRequest),
 * and members only a description carries are not sent by the SDK's serializer.
 */
function requestDataOf(data) {
    const { NetworkInterfaces, ...rest } = data;
    return {
        ...rest,
        ...(NetworkInterfaces ? { NetworkInterfaces: NetworkInterfaces.map(toNetworkInterfaceRequest) } : {}),
    };
}
function isVersionNotFound(e) {
    const name = e?.name ?? '';
    return name === 'InvalidLaunchTemplateId.VersionNotFound';
}
function unique(ids) {
    return [...new Set(ids)];
}
function createEc2Gateway(client) {
    const clock = new drs_gateway/* ServerClock */.iY();
    (0,drs_gateway/* trackServerTime */.A)(client.middlewareStack, clock);
    async function describeVersion(launchTemplateId, version) {
        const output = await client.send(new sdk/* DescribeLaunchTemplateVersionsCommand */.Pt({ LaunchTemplateId: launchTemplateId, Versions: [version] }));
        const found = output.LaunchTemplateVersions?.[0];
        if (!found)
            throw new Error(`EC2 returned no version ${version} of launch template ${launchTemplateId}`);
        return found;
    }
    /** A new version with `data` (from `sourceVersion` when given), made the default. */
    async function createDefault(launchTemplateId, data, opts) {
        if (opts.clientToken.length === 0 || opts.clientToken.length > MAX_CLIENT_TOKEN_LENGTH) {
            throw new RangeError(`client token must be 1-${MAX_CLIENT_TOKEN_LENGTH} characters`);
        }
        const created = await client.send(new sdk/* CreateLaunchTemplateVersionCommand */.B_({
            LaunchTemplateId: launchTemplateId,
            ...(opts.sourceVersion !== undefined ? { SourceVersion: String(opts.sourceVersion) } : {}),
            LaunchTemplateData: data,
            ClientToken: opts.clientToken,
            VersionDescription: opts.description,
        }));
        const version = created.LaunchTemplateVersion?.VersionNumber;
        if (version === undefined) {
            throw new Error(`EC2 created a version of launch template ${launchTemplateId} but did not say which`);
        }
        await client.send(new sdk/* ModifyLaunchTemplateCommand */.dd({
            LaunchTemplateId: launchTemplateId,
            DefaultVersion: String(version),
        }));
        return version;
    }
    return {
        serverTime: () => clock.serverTime(),
        async describeInstances(instanceIds) {
            const out = [];
            // No MaxResults: EC2 refuses it together with InstanceIds.
            for (const ids of (0,drs_gateway/* chunk */.iv)(unique(instanceIds), EC2_BATCH.describeInstancesIds)) {
                const reservations = await (0,drs_gateway/* collect */.Fo)((0,sdk/* paginateDescribeInstances */.H0)({ client }, { InstanceIds: ids }), (p) => p.Reservations, ec2('DescribeInstances'));
                for (const r of reservations)
                    out.push(...(r.Instances ?? []));
            }
            return out;
        },
        async describeInstanceStatus(instanceIds) {
            const out = [];
            for (const ids of (0,drs_gateway/* chunk */.iv)(unique(instanceIds), EC2_BATCH.describeInstanceStatusIds)) {
                out.push(...(await (0,drs_gateway/* collect */.Fo)((0,sdk/* paginateDescribeInstanceStatus */.Ok)({ client }, { InstanceIds: ids, IncludeAllInstances: true }), (p) => p.InstanceStatuses, ec2('DescribeInstanceStatus'))));
            }
            return out;
        },
        async createTags(resourceIds, tags) {
            const Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
            if (Tags.length === 0)
                return;
            for (const ids of (0,drs_gateway/* chunk */.iv)(unique(resourceIds), EC2_BATCH.createTagsResources)) {
                await client.send(new sdk/* CreateTagsCommand */.Rm({ Resources: ids, Tags }));
            }
        },
        describeDefaultLaunchTemplateVersion: (launchTemplateId) => describeVersion(launchTemplateId, '$Default'),
        async describeDefaultVersionsOf(launchTemplateIds, maxPages) {
            const wanted = new Set(launchTemplateIds);
            const found = new Map();
            if (wanted.size === 0 || maxPages < 1)
                return found;
            let pages = 0;
            const listing = (0,sdk/* paginateDescribeLaunchTemplateVersions */.ZY)({ client }, { Versions: ['$Default'], MaxResults: EC2_BATCH.launchTemplateVersionsPage });
            for await (const page of listing) {
                for (const v of page.LaunchTemplateVersions ?? []) {
                    if (v.LaunchTemplateId && wanted.has(v.LaunchTemplateId))
                        found.set(v.LaunchTemplateId, v);
                }
                pages += 1;
                if (found.size === wanted.size || pages >= maxPages)
                    break;
            }
            return found;
        },
        async updateLaunchTemplate(launchTemplateId, sourceVersion, change, clientToken) {
            if (clientToken.length === 0 || clientToken.length > MAX_CLIENT_TOKEN_LENGTH) {
                throw new RangeError(`client token must be 1-${MAX_CLIENT_TOKEN_LENGTH} characters`);
            }
            const source = await describeVersion(launchTemplateId, String(sourceVersion));
            return createDefault(launchTemplateId, launchTemplateData(source, change), {
                sourceVersion,
                clientToken,
                description: change.drill
                    ? gateways/* DRILL_VERSION_DESCRIPTION */.c
                    : 'drs-drill: launch settings from the recovery plan',
            });
        },
        async describeLaunchTemplateVersion(launchTemplateId, version) {
            try {
                return await describeVersion(launchTemplateId, String(version));
            }
            catch (e) {
                if (isVersionNotFound(e))
                    return undefined;
                throw e;
            }
        },
        restoreLaunchTemplateVersion(launchTemplateId, data, opts) {
            return createDefault(launchTemplateId, requestDataOf(data), {
                ...opts,
                description: 'drs-drill: recovery settings restored after a drill',
            });
        },
        async describeSubnets(subnetIds) {
            const out = [];
            for (const ids of (0,drs_gateway/* chunk */.iv)(unique(subnetIds), EC2_BATCH.describeSubnetsIds)) {
                out.push(...(await (0,drs_gateway/* collect */.Fo)((0,sdk/* paginateDescribeSubnets */.vv)({ client }, { SubnetIds: ids }), (p) => p.Subnets, ec2('DescribeSubnets'))));
            }
            return out;
        },
        async describeSecurityGroups(groupIds) {
            const out = [];
            for (const ids of (0,drs_gateway/* chunk */.iv)(unique(groupIds), EC2_BATCH.describeSecurityGroupsIds)) {
                out.push(...(await (0,drs_gateway/* collect */.Fo)((0,sdk/* paginateDescribeSecurityGroups */.nY)({ client }, { GroupIds: ids }), (p) => p.SecurityGroups, ec2('DescribeSecurityGroups'))));
            }
            return out;
        },
    };
}

;// CONCATENATED MODULE: ./src/aws/ssm-gateway.ts
/**
 * The Systems Manager gateway: the only module that sends SSM Commands (wave checks through Run
 * Command). Pages and batches like the DRS gateway; the SDK's exceptions pass through untouched.
 */


/** DescribeInstanceInformation takes at most 50 instance ids in one filter. */
const INSTANCE_IDS_PER_CALL = 50;
/** A bound on pages of one listing: a check never has more than a few hundred instances. */
const MAX_PAGES = 50;
function createSsmGateway(clients) {
    const { ssm, ssmNoRetry } = clients;
    return {
        async onlineInstances(instanceIds) {
            const online = [];
            for (const ids of (0,drs_gateway/* chunk */.iv)([...new Set(instanceIds)], INSTANCE_IDS_PER_CALL)) {
                let token;
                for (let page = 0; page < MAX_PAGES; page++) {
                    const out = await ssm.send(new sdk/* DescribeInstanceInformationCommand */.MX({
                        Filters: [{ Key: 'InstanceIds', Values: ids }],
                        MaxResults: INSTANCE_IDS_PER_CALL,
                        ...(token ? { NextToken: token } : {}),
                    }));
                    for (const i of out.InstanceInformationList ?? [])
                        if (i.InstanceId && i.PingStatus === 'Online')
                            online.push(i.InstanceId);
                    token = out.NextToken;
                    if (!token)
                        break;
                }
            }
            return online;
        },
        async sendCommand(r) {
            const out = await ssmNoRetry.send(new sdk/* SendCommandCommand */.VW({
                InstanceIds: r.instanceIds,
                DocumentName: r.documentName,
                Parameters: r.parameters,
                Comment: r.comment,
                TimeoutSeconds: Math.max(30, r.timeoutSeconds),
            }));
            const id = out.Command?.CommandId;
            if (!id)
                throw new Error('SSM accepted SendCommand but returned no command id');
            return id;
        },
        async findCommand(instanceId, comment, since) {
            let token;
            for (let page = 0; page < MAX_PAGES; page++) {
                const out = await ssm.send(new sdk/* ListCommandsCommand */.I$({
                    InstanceId: instanceId,
                    Filters: [{ key: 'InvokedAfter', value: since }],
                    ...(token ? { NextToken: token } : {}),
                }));
                const hit = (out.Commands ?? []).find((c) => c.Comment === comment);
                if (hit?.CommandId)
                    return hit.CommandId;
                token = out.NextToken;
                if (!token)
                    return undefined;
            }
            return undefined;
        },
        async listCommandInvocations(commandId) {
            const result = [];
            let token;
            for (let page = 0; page < MAX_PAGES; page++) {
                const out = await ssm.send(new sdk/* ListCommandInvocationsCommand */.md({
                    CommandId: commandId,
                    Details: true,
                    ...(token ? { NextToken: token } : {}),
                }));
                for (const inv of out.CommandInvocations ?? []) {
                    const plugin = inv.CommandPlugins?.[0];
                    const finished = plugin?.ResponseFinishDateTime;
                    result.push({
                        instanceId: inv.InstanceId ?? '',
                        status: inv.Status ?? 'Pending',
                        ...(plugin?.ResponseCode !== undefined ? { responseCode: plugin.ResponseCode } : {}),
                        ...(plugin?.Output !== undefined ? { output: plugin.Output } : {}),
                        ...(finished ? { finishedAt: new Date(finished).toISOString() } : {}),
                    });
                }
                token = out.NextToken;
                if (!token)
                    break;
            }
            return result;
        },
    };
}

;// CONCATENATED MODULE: ./src/aws/session.ts






/** Credentials (OIDC role or the default chain), clients, gateways, and the account guard. */
async function openAwsSession(io, inputs, region, expectedAccountId, deps) {
    const mask = (c) => (0,aws_credentials/* maskCredentials */.Bs)(c, (v) => io.setSecret(v));
    const credentials = !inputs.roleToAssume
        ? undefined
        : deps.roleFromChain
            ? chainRoleCredentialProvider({
                roleArn: inputs.roleToAssume,
                sessionName: inputs.roleSessionName,
                region,
                onCredentials: mask,
            })
            : (0,aws_credentials/* oidcCredentialProvider */.Yj)({
                roleArn: inputs.roleToAssume,
                sessionName: inputs.roleSessionName,
                region,
                getIdToken: deps.getIdToken,
                env: deps.env,
                onCredentials: mask,
                onRetry: (e, attempt) => io.debug(`Assuming the role again (attempt ${attempt + 1}): ${String(e)}`),
            });
    const clients = (0,aws_clients/* createAwsClients */.Gv)({ region, credentials });
    const identity = await (0,aws_credentials/* checkAccount */.g4)(clients.sts, expectedAccountId);
    io.info(`AWS account ${identity.accountId}, acting as ${identity.arn}, region ${region}`);
    return {
        clients,
        drs: (0,drs_gateway/* createDrsGateway */.oU)({ drs: clients.drs, drsNoRetry: clients.drsNoRetry }),
        ec2: createEc2Gateway(clients.ec2),
        ssm: createSsmGateway({ ssm: clients.ssm, ssmNoRetry: clients.ssmNoRetry }),
        accountId: identity.accountId,
    };
}


/***/ }),

/***/ 7964:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ej: () => (/* binding */ phaseSignal),
/* harmony export */   Hm: () => (/* binding */ untilDeadline),
/* harmony export */   Tz: () => (/* binding */ isDeadlineError),
/* harmony export */   ef: () => (/* binding */ phaseCheckpoint)
/* harmony export */ });
/* unused harmony export DeadlineError */
/* harmony import */ var _aws_retry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(22495);
/**
 * The run's time limit and cancellation for the phases before the waves (preflight, launch
 * configuration repair), which have no loop of their own to watch them: a checkpoint each read and
 * each write passes first, and for reads a signal that stops waiting for one in flight. The run loop
 * (run.ts) watches the same deadline between and during its ticks.
 */

/** The run reached its time limit (timeout-minutes) before the phase finished. */
class DeadlineError extends Error {
    name = 'DeadlineError';
}
function isDeadlineError(e) {
    return e instanceof DeadlineError;
}
/**
 * A function that throws when `phase` must stop: the cancellation's reason once `limits.signal`
 * aborts, a DeadlineError once the clock reaches `limits.deadline`; otherwise it does nothing.
 */
function phaseCheckpoint(clock, limits, phase) {
    return () => {
        const { signal, deadline } = limits;
        if (signal?.aborted)
            throw signal.reason ?? new Error(`The run was cancelled during ${phase}`);
        if (deadline !== undefined && clock.now() >= deadline) {
            throw new DeadlineError(`The run reached its time limit (timeout-minutes) during ${phase}`);
        }
    };
}
/**
 * A signal that aborts when the phase must stop: on cancellation, or once the clock reaches the
 * deadline (on clocks that can time waits). Undefined when there is neither.
 */
function phaseSignal(clock, limits) {
    const signals = [];
    if (limits.signal)
        signals.push(limits.signal);
    if (limits.deadline !== undefined && clock.signalAfter) {
        signals.push(clock.signalAfter(limits.deadline - clock.now()));
    }
    return signals.length > 1 ? (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .firstAbort */ .V8)(signals) : signals[0];
}
/**
 * The gateway with every asynchronous call given up at the deadline (a DeadlineError), so a phase
 * whose reads hang (cleanup after the waves) still ends at the run's time limit.
 */
function untilDeadline(gateway, clock, deadline, phase) {
    if (!clock.signalAfter)
        return gateway;
    const signalAfter = clock.signalAfter;
    return new Proxy(gateway, {
        get(target, prop, receiver) {
            const value = Reflect.get(target, prop, receiver);
            if (typeof value !== 'function')
                return value;
            return (...args) => {
                const out = value.apply(target, args);
                if (!(out instanceof Promise))
                    return out;
                return (0,_aws_retry_js__WEBPACK_IMPORTED_MODULE_0__/* .unlessAborted */ .Wh)(out, signalAfter(deadline - clock.now()), () => {
                    throw new DeadlineError(`The run reached its time limit (timeout-minutes) during ${phase}`);
                });
            };
        },
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
/* harmony import */ var _core_durations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(10119);

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
        const at = (0,_core_durations_js__WEBPACK_IMPORTED_MODULE_0__/* .parseInstant */ .nV)(item.logDateTime) ?? Number.NEGATIVE_INFINITY;
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


/***/ })

};
