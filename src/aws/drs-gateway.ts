/**
 * The DRS gateway: the only module that sends DRS Commands. It pages and batches so that callers
 * never see a nextToken or a batch limit, and lets the SDK's exception classes through untouched
 * (the engine decides what is retryable).
 */

import type { DeserializeHandler, DeserializeMiddleware, MiddlewareStack } from '@smithy/types';
import { DRS_BATCH, DRS_MAX_PAGES } from '../core/quotas.js';
import { boundedPages } from '../paginate.js';
import {
  type AwsClock,
  type DrsGateway,
  type LaunchActionPut,
  type LaunchConfigurationUpdate,
  type StartRecoveryRequest,
  StartRecoveryWithoutJobError,
} from './gateways.js';
import {
  DeleteLaunchActionCommand,
  type DrsClient,
  GetLaunchConfigurationCommand,
  type Job,
  type JobLog,
  type LaunchAction,
  type LaunchConfiguration,
  PutLaunchActionCommand,
  paginateDescribeJobLogItems,
  paginateDescribeJobs,
  paginateDescribeRecoveryInstances,
  paginateDescribeRecoverySnapshots,
  paginateDescribeSourceServers,
  paginateListLaunchActions,
  type RecoveryInstance,
  type RecoverySnapshot,
  ResourceNotFoundException,
  type SourceServer,
  StartRecoveryCommand,
  TagResourceCommand,
  TerminateRecoveryInstancesCommand,
  UpdateLaunchConfigurationCommand,
} from './sdk.js';

/** Splits `items` into consecutive chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A DRS (`nextToken`) or EC2 (`NextToken`) page. */
type TokenPage = { nextToken?: string } | { NextToken?: string };

function nextTokenOf(page: TokenPage): string | undefined {
  return 'nextToken' in page ? page.nextToken : 'NextToken' in page ? page.NextToken : undefined;
}

/**
 * Collects every page's items of an SDK paginator, DRS's and EC2's alike: the one way the gateways
 * page, so every read ends (a repeated token or more than `maxPages` pages is a PaginationError).
 */
export async function collect<P extends TokenPage, T>(
  pages: AsyncIterable<P>,
  items: (page: P) => T[] | undefined,
  bound: { operation: string; maxPages: number },
): Promise<T[]> {
  const out: T[] = [];
  for await (const page of boundedPages(pages, { ...bound, nextToken: (p: P) => nextTokenOf(p) })) {
    out.push(...(items(page) ?? []));
  }
  return out;
}

/** The page bound of a DRS read, named for its error message (`DRS DescribeJobs`). */
function pageBound(operation: keyof typeof DRS_MAX_PAGES) {
  const name = `${operation.charAt(0).toUpperCase()}${operation.slice(1)}`;
  return { operation: `DRS ${name}`, maxPages: DRS_MAX_PAGES[operation] };
}

/** A monotonic record of the latest `Date` header AWS sent, shared by the clients of one gateway. */
export class ServerClock implements AwsClock {
  private latestMs: number | undefined;

  observe(dateHeader: string | undefined): void {
    if (!dateHeader) return;
    const ms = Date.parse(dateHeader);
    if (Number.isNaN(ms)) return;
    // Concurrent responses can arrive out of order; the clock must not run backwards.
    if (this.latestMs === undefined || ms > this.latestMs) this.latestMs = ms;
  }

  serverTime(): string | undefined {
    return this.latestMs === undefined ? undefined : new Date(this.latestMs).toISOString();
  }
}

function dateHeaderOf(response: unknown): string | undefined {
  if (typeof response !== 'object' || response === null || !('headers' in response)) return undefined;
  const headers = (response as { headers: unknown }).headers;
  if (typeof headers !== 'object' || headers === null) return undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'date' && typeof value === 'string') return value;
  }
  return undefined;
}

const clocksByStack = new WeakMap<object, Set<ServerClock>>();

/**
 * Reads the `Date` header of every HTTP response (errors included) a client receives and hands it to
 * `clock`. The middleware sits innermost in the deserialize step, so it sees the raw response before
 * the deserializer turns an error status into an exception. One middleware per client, however many
 * gateways share the client.
 */
export function trackServerTime<I extends object, O extends object>(
  stack: MiddlewareStack<I, O>,
  clock: ServerClock,
): void {
  const existing = clocksByStack.get(stack);
  if (existing) {
    existing.add(clock);
    return;
  }
  const clocks = new Set<ServerClock>([clock]);
  clocksByStack.set(stack, clocks);
  const middleware: DeserializeMiddleware<I, O> =
    (next: DeserializeHandler<I, O>): DeserializeHandler<I, O> =>
    async (args) => {
      try {
        const result = await next(args);
        for (const c of clocks) c.observe(dateHeaderOf(result.response));
        return result;
      } catch (e) {
        const response =
          typeof e === 'object' && e !== null ? (e as { $response?: unknown }).$response : undefined;
        for (const c of clocks) c.observe(dateHeaderOf(response));
        throw e;
      }
    };
  stack.add(middleware, { step: 'deserialize', priority: 'low', name: 'drsDrillServerClock' });
}

export interface DrsClients {
  /** The client for everything (SDK standard retries). */
  drs: DrsClient;
  /** A client built with `maxAttempts: 1`: StartRecovery only, so the SDK never resends it. */
  drsNoRetry: DrsClient;
}

export function createDrsGateway(clients: DrsClients): DrsGateway {
  const { drs, drsNoRetry } = clients;
  const clock = new ServerClock();
  trackServerTime(drs.middlewareStack, clock);
  if (drsNoRetry !== drs) trackServerTime(drsNoRetry.middlewareStack, clock);

  async function describeJobs(jobIds: string[]): Promise<Job[]> {
    const out: Job[] = [];
    // An empty jobIDs filter means "every job": never send one. maxResults = the batch size so that the
    // answer fits one page: the poller counts on one call per tick (the service's default page is smaller).
    for (const ids of chunk([...new Set(jobIds)], DRS_BATCH.describeJobsIds)) {
      out.push(
        ...(await collect(
          paginateDescribeJobs({ client: drs }, { filters: { jobIDs: ids }, maxResults: ids.length }),
          (p) => p.items,
          pageBound('describeJobs'),
        )),
      );
    }
    return out;
  }

  async function describeRecoveryInstances(filter: {
    recoveryInstanceIds?: string[];
    sourceServerIds?: string[];
  }): Promise<RecoveryInstance[]> {
    const { recoveryInstanceIds, sourceServerIds } = filter;
    if (recoveryInstanceIds === undefined && sourceServerIds === undefined) {
      return collect(
        paginateDescribeRecoveryInstances({ client: drs }, {}),
        (p) => p.items,
        pageBound('describeRecoveryInstances'),
      );
    }
    // A list given but empty selects nothing (DRS would read it as "no filter").
    if (recoveryInstanceIds?.length === 0 || sourceServerIds?.length === 0) return [];
    const out: RecoveryInstance[] = [];
    if (recoveryInstanceIds !== undefined) {
      for (const ids of chunk([...new Set(recoveryInstanceIds)], DRS_BATCH.describeRecoveryInstancesIds)) {
        const filters = {
          recoveryInstanceIDs: ids,
          ...(sourceServerIds ? { sourceServerIDs: sourceServerIds } : {}),
        };
        out.push(
          ...(await collect(
            paginateDescribeRecoveryInstances({ client: drs }, { filters, maxResults: ids.length }),
            (p) => p.items,
            pageBound('describeRecoveryInstances'),
          )),
        );
      }
      return out;
    }
    // The model sets no maximum for sourceServerIDs; batch anyway to keep requests small, and ask for a
    // page as large as the batch so that one server's instance usually costs no second page.
    for (const ids of chunk([...new Set(sourceServerIds)], DRS_BATCH.describeSourceServersIds)) {
      out.push(
        ...(await collect(
          paginateDescribeRecoveryInstances(
            { client: drs },
            { filters: { sourceServerIDs: ids }, maxResults: DRS_BATCH.describeRecoveryInstancesIds },
          ),
          (p) => p.items,
          pageBound('describeRecoveryInstances'),
        )),
      );
    }
    return out;
  }

  return {
    serverTime: () => clock.serverTime(),

    describeAllSourceServers: (): Promise<SourceServer[]> =>
      collect(
        paginateDescribeSourceServers({ client: drs }, { filters: {} }),
        (p) => p.items,
        pageBound('describeSourceServers'),
      ),

    describeJobs,

    describeJobsSince: (fromDate: string): Promise<Job[]> =>
      collect(
        paginateDescribeJobs({ client: drs }, { filters: { fromDate } }),
        (p) => p.items,
        pageBound('describeJobs'),
      ),

    // The poller reads a changed job's whole log again: a page per 100 items would make that cost grow
    // with the job's servers, so ask for large pages.
    describeJobLogItems: (jobId: string): Promise<JobLog[]> =>
      collect(
        paginateDescribeJobLogItems({ client: drs }, { jobID: jobId, maxResults: DRS_BATCH.jobLogItemsPage }),
        (p) => p.items,
        pageBound('describeJobLogItems'),
      ),

    describeRecoveryInstances,

    describeRecoverySnapshots: (sourceServerId: string): Promise<RecoverySnapshot[]> =>
      collect(
        paginateDescribeRecoverySnapshots({ client: drs }, { sourceServerID: sourceServerId, order: 'DESC' }),
        (p) => p.items,
        pageBound('describeRecoverySnapshots'),
      ),

    async getLaunchConfiguration(sourceServerId: string): Promise<LaunchConfiguration> {
      const { $metadata: _, ...config } = await drs.send(
        new GetLaunchConfigurationCommand({ sourceServerID: sourceServerId }),
      );
      return config;
    },

    async updateLaunchConfiguration(update: LaunchConfigurationUpdate): Promise<LaunchConfiguration> {
      const { $metadata: _, ...config } = await drs.send(new UpdateLaunchConfigurationCommand(update));
      return config;
    },

    listLaunchActions: (sourceServerId: string): Promise<LaunchAction[]> =>
      collect(
        paginateListLaunchActions({ client: drs }, { resourceId: sourceServerId }),
        (p) => p.items,
        pageBound('listLaunchActions'),
      ),

    async putLaunchAction(sourceServerId: string, a: LaunchActionPut): Promise<void> {
      await drs.send(
        new PutLaunchActionCommand({
          resourceId: sourceServerId,
          ...a,
          active: true,
          actionVersion: '$DEFAULT',
          // Plain values, not SSM parameter-store names.
          parameters: Object.fromEntries(
            Object.entries(a.parameters).map(([k, value]) => [k, { value, type: 'DYNAMIC' as const }]),
          ),
        }),
      );
    },

    async deleteLaunchAction(sourceServerId: string, actionId: string): Promise<void> {
      try {
        await drs.send(new DeleteLaunchActionCommand({ resourceId: sourceServerId, actionId }));
      } catch (e) {
        // A retried delete whose first answer was lost finds the action gone: that is success.
        if (!(e instanceof ResourceNotFoundException)) throw e;
      }
    },

    async startRecovery(request: StartRecoveryRequest): Promise<Job> {
      if (request.sourceServers.length === 0)
        throw new RangeError('StartRecovery needs at least one source server');
      const output = await drsNoRetry.send(
        new StartRecoveryCommand({
          sourceServers: request.sourceServers,
          isDrill: request.isDrill,
          tags: request.tags,
        }),
      );
      if (!output.job?.jobID) throw new StartRecoveryWithoutJobError();
      return output.job;
    },

    async terminateRecoveryInstances(recoveryInstanceIds: string[]): Promise<Job> {
      const count = recoveryInstanceIds.length;
      if (count === 0 || count > DRS_BATCH.terminateRecoveryInstancesIds) {
        throw new RangeError(
          `TerminateRecoveryInstances takes 1-${DRS_BATCH.terminateRecoveryInstancesIds} ids, got ${count}`,
        );
      }
      const output = await drs.send(
        new TerminateRecoveryInstancesCommand({ recoveryInstanceIDs: recoveryInstanceIds }),
      );
      if (!output.job?.jobID) throw new Error('DRS accepted TerminateRecoveryInstances but returned no job');
      return output.job;
    },

    async tagResource(resourceArn: string, tags: Record<string, string>): Promise<void> {
      await drs.send(new TagResourceCommand({ resourceArn, tags }));
    },
  };
}
