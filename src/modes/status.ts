/**
 * `mode: status`: is every plan still proven? Read-only. For each plan the `plan` input matches: its
 * last run and last successful drill from the history, whether the plan file changed since (sha256),
 * whether the estate did (the servers its selectors resolve to now, when AWS credentials are given),
 * and whether the last success is older than max-age. Writes nothing to DRS or to the repository.
 */

import type { SourceServer } from '../aws/gateways.js';
import { formatDuration, formatTargetDuration } from '../core/durations.js';
import { matchSelector } from '../engine/resolve.js';
import type { Clock } from '../engine/types.js';
import { errorMessage, UserError } from '../errors.js';
import type { Octokit } from '../github/comment.js';
import { historyLocation, makeOctokit, warnProblems } from '../history/drill-history.js';
import { renderStatusSummary, type StatusRow } from '../history/history-md.js';
import type { HistoryRecord } from '../history/record.js';
import { serverSetDigest } from '../history/record.js';
import { type HistoryLocation, readHistory } from '../history/store.js';
import { assessPlan, STALE_REASON_TEXT } from '../history/trend.js';
import type { ActionInputs } from '../inputs.js';
import { type ActionIO, MAX_ANNOTATIONS_PER_KIND } from '../io.js';
import { expandPlanPaths, loadPlanFile } from '../plan/load.js';
import type { Plan } from '../plan/types.js';
import { annotateDiagnostics } from '../report/annotations.js';
import { liveCheckCredentials } from '../review/readiness.js';
import type { RunEnvironment } from '../run-env.js';

export interface StatusDeps {
  clock: Clock;
  env: NodeJS.ProcessEnv;
  getIdToken: (audience: string) => Promise<string>;
  octokit?: (token: string) => Octokit | Promise<Octokit>;
  /**
   * The source server ids a plan resolves to now, or a reason it could not be resolved; the default
   * reads DRS with the run's credentials (only when there are some).
   */
  resolveServers?: (plan: Plan) => Promise<string[] | string>;
}

export interface StatusOutcome {
  rows: StatusRow[];
  /** Paths of the plans that are not proven, as the `stale-plans` output lists them. */
  stalePlans: string[];
  failure?: string;
}

/**
 * With credentials: one DRS session per region (the plan's, or the region input), each plan's
 * selectors matched against every source server there. A plan whose accountId is not the session's
 * is not compared.
 */
async function awsResolver(
  io: ActionIO,
  inputs: ActionInputs,
  deps: StatusDeps,
): Promise<((plan: Plan) => Promise<string[] | string>) | undefined> {
  if (!liveCheckCredentials(inputs, deps.env)) return undefined;
  const { openAwsSession } = await import('../aws/session.js');
  const sessions = new Map<string, Promise<{ accountId: string; servers: SourceServer[] }>>();
  return async (plan) => {
    const region = inputs.region ?? plan.region ?? deps.env.AWS_REGION ?? deps.env.AWS_DEFAULT_REGION;
    if (!region) return 'no region (plan, input region or AWS_REGION)';
    let session = sessions.get(region);
    if (!session) {
      session = openAwsSession(io, inputs, region, undefined, deps).then(async (s) => ({
        accountId: s.accountId,
        servers: await s.drs.describeAllSourceServers(),
      }));
      sessions.set(region, session);
    }
    try {
      const { accountId, servers } = await session;
      if (plan.accountId && plan.accountId !== accountId) {
        return `the credentials are for account ${accountId}, the plan for ${plan.accountId}`;
      }
      const ids = new Set<string>();
      for (const wave of plan.waves) {
        for (const spec of wave.servers)
          for (const s of matchSelector(spec.selector, servers))
            if (s.sourceServerID) ids.add(s.sourceServerID);
      }
      return [...ids].sort();
    } catch (e) {
      return errorMessage(e);
    }
  };
}

function reasonText(row: StatusRow, maxAgeSeconds: number): string {
  const parts = row.reasons.map((r) =>
    r === 'overdue'
      ? `overdue: last successful drill ${formatDuration(row.ageSeconds)} ago (max-age ${formatTargetDuration(maxAgeSeconds)})`
      : STALE_REASON_TEXT[r],
  );
  return parts.join('; ');
}

/** Every record in the history; a history that cannot be read fails the mode. */
async function readStatusRecords(
  io: ActionIO,
  where: HistoryLocation,
  inputs: ActionInputs,
  deps: StatusDeps,
): Promise<HistoryRecord[]> {
  try {
    const octokit = await makeOctokit(deps, inputs.githubToken as string);
    const read = await readHistory(octokit, where);
    warnProblems(io, where.branch, read.problems);
    const records = read.records.map((r) => r.record);
    io.info(
      read.exists
        ? `Read ${records.length} records from the drill history (branch ${where.branch}).`
        : `Branch ${where.branch} does not exist yet: no plan has been drilled with history.`,
    );
    return records;
  } catch (e) {
    throw new UserError(
      `Could not read the drill history from branch ${where.branch} of ${where.owner}/${where.repo}: ${errorMessage(e)}. The job needs \`permissions: contents: read\`.`,
    );
  }
}

/** One plan file's row: invalid, or assessed against its records (and the estate, when resolvable). */
async function statusRow(
  io: ActionIO,
  path: string,
  run: RunEnvironment,
  ctx: {
    records: HistoryRecord[];
    now: number;
    maxAgeSeconds: number;
    resolve: ((plan: Plan) => Promise<string[] | string>) | undefined;
  },
): Promise<StatusRow> {
  const loaded = await loadPlanFile(path, { cwd: run.workspace });
  annotateDiagnostics(io, loaded.diagnostics);
  const plan = loaded.plan;
  if (!plan) {
    const first = loaded.diagnostics.find((d) => d.severity === 'error');
    return {
      path: loaded.file,
      invalid: first ? `${first.line}:${first.col} ${first.message}` : 'cannot be read',
      reasons: [],
    };
  }
  let live: string | undefined;
  if (ctx.resolve) {
    const ids = await ctx.resolve(plan);
    if (typeof ids === 'string')
      io.warning(`${loaded.file}: its servers were not compared with the estate: ${ids}`);
    else live = serverSetDigest(ids);
  }
  const own = ctx.records.filter((r) => r.plan.name === plan.name);
  return {
    path: loaded.file,
    name: plan.name,
    ...assessPlan(plan, own, ctx.now, ctx.maxAgeSeconds, live),
  };
}

/** One annotation per plan not proven, within GitHub's limit; the rest counted in one more. */
function warnStale(io: ActionIO, stale: StatusRow[], maxAgeSeconds: number): void {
  stale.slice(0, MAX_ANNOTATIONS_PER_KIND - 1).forEach((row) => {
    const why = row.invalid ? `invalid plan: ${row.invalid}` : reasonText(row, maxAgeSeconds);
    io.warning(`Plan ${row.name ?? row.path} is not proven: ${why}.`, {
      file: row.path,
      line: 1,
      col: 1,
      title: 'Drill plan not proven',
    });
  });
  if (stale.length > MAX_ANNOTATIONS_PER_KIND - 1) {
    io.warning(
      `${stale.length - (MAX_ANNOTATIONS_PER_KIND - 1)} more plans are not proven; see the job summary.`,
    );
  }
}

export async function runStatusMode(
  io: ActionIO,
  inputs: ActionInputs,
  run: RunEnvironment,
  deps: StatusDeps,
): Promise<StatusOutcome> {
  const paths = await expandPlanPaths(inputs.plan, run.workspace);
  if (paths.length === 0) throw new UserError(`input plan: "${inputs.plan}" matches no plan file`);
  const where = historyLocation(inputs, run);
  if (typeof where === 'string') {
    throw new UserError(
      `mode status reads the drill history, and there is none to read: ${where}. Set history-branch (default drs-drill-history) and github-token.`,
    );
  }
  const records = await readStatusRecords(io, where, inputs, deps);

  const resolve = deps.resolveServers ?? (await awsResolver(io, inputs, deps));
  const now = deps.clock.now();
  const rows: StatusRow[] = [];
  for (const path of paths) {
    rows.push(await statusRow(io, path, run, { records, now, maxAgeSeconds: inputs.maxAgeSeconds, resolve }));
  }

  const stale = rows.filter((r) => r.invalid || r.reasons.length > 0);
  warnStale(io, stale, inputs.maxAgeSeconds);
  const stalePlans = stale.map((r) => r.path);
  io.setOutput('stale-plans', JSON.stringify(stalePlans));
  await io.writeSummary(
    renderStatusSummary(rows, {
      branch: where.branch,
      maxAgeSeconds: inputs.maxAgeSeconds,
      estateChecked: resolve !== undefined,
    }),
  );
  const failure =
    inputs.failOn.includes('stale') && stale.length > 0
      ? `${stale.length} of ${rows.length} plan${rows.length === 1 ? ' is' : 's are'} not proven (fail-on stale): ${stalePlans.join(', ')}.`
      : undefined;
  io.setOutput('status', failure ? 'failed' : 'succeeded');
  return { rows, stalePlans, ...(failure ? { failure } : {}) };
}
