/**
 * Post step (action.yml `post`, `post-if: always()`). When the main step of a drill did not reach its
 * end (cancelled, crashed, out of time before its own cleanup), this terminates the drill instances
 * that step launched, so a cancelled drill leaves nothing billed behind. It does nothing when the main
 * step finished (its own cleanup ran per the policy), for a recovery (never cleaned up), and for the
 * other modes. Policy: `never` keeps the instances; `on-success` keeps them too, since a run that did
 * not finish did not succeed (the same rule the main step applies); `always` terminates them.
 */
import * as core from '@actions/core';
import { readInputs } from './action-inputs.js';
import type { DrsGateway } from './aws/gateways.js';
import { openAwsSession } from './aws/session.js';
import { clockFromEnv } from './core/clock.js';
import { escapeCell } from './core/escape.js';
import type { CleanupReport, DrillSettingsReport, Report } from './core/report.js';
import { cleanupScope } from './engine/cleanup.js';
import { engineLog } from './engine/log.js';
import { findExecutionJobs } from './engine/resume.js';
import type { Clock } from './engine/types.js';
import { errorMessage } from './errors.js';
import type { ActionIO } from './io.js';
import { coreIO } from './main.js';
import { restorePending } from './modes/post-restore.js';
import { type PostState, readPostState } from './modes/post-state.js';
import { renderCleanup } from './report/sections.js';
import { readRunEnvironment } from './run-env.js';

/** Why the post step does nothing, or undefined when it must terminate the drill instances. Pure. */
export function postSkipReason(state: PostState | undefined): string | undefined {
  if (!state) return 'the main step started no drill';
  if (state.mode === 'recovery') return 'a recovery never cleans up its instances';
  if (state.finished && state.wavesRemaining?.length)
    return `the main step succeeded with waves left (${state.wavesRemaining.join(', ')}): their drill instances are kept for the next step of this workflow run, which cleans up the whole execution`;
  if (state.finished) return 'the main step finished and nothing it started is left to clean up';
  if (state.cleanup === 'never') return 'cleanup is "never": the drill instances are left running';
  if (state.cleanup === 'on-success' && state.status !== 'succeeded')
    return 'cleanup is "on-success" and the drill did not succeed: the drill instances are left for inspection';
  return undefined;
}

/** Jobs still launching when the main step stopped keep launching: cleanup waits for them (bounded). */
export const POST_JOB_WAIT_MS = 15 * 60_000;

/** Source servers of the main step's jobs: from the job views, else their logs (DRS may empty the views). */
async function serversOfJobs(
  drs: DrsGateway,
  jobIds: string[],
  log: ActionIO,
): Promise<string[] | undefined> {
  try {
    const ids = new Set<string>();
    for (const job of await drs.describeJobs(jobIds)) {
      for (const p of job.participatingServers ?? []) if (p.sourceServerID) ids.add(p.sourceServerID);
      if ((job.participatingServers ?? []).length === 0 && job.jobID) {
        for (const item of await drs.describeJobLogItems(job.jobID))
          if (item.eventData?.sourceServerID) ids.add(item.eventData.sourceServerID);
      }
    }
    return ids.size > 0 ? [...ids] : undefined;
  } catch (e) {
    log.warning(
      `Could not read the main step's DRS jobs (${errorMessage(e)}): every recovery instance is read instead.`,
    );
    return undefined;
  }
}

/** The post step's whole job, on injected IO and clock: returns the cleanup done (undefined: nothing). */
export async function runPostCleanup(
  io: ActionIO,
  state: PostState | undefined,
  deps: {
    clock: Clock;
    env: NodeJS.ProcessEnv;
    getIdToken: (audience: string) => Promise<string>;
    inputs: { roleToAssume?: string; roleSessionName: string };
    /** The CLI: the role is assumed with the standard credential chain. */
    roleFromChain?: boolean;
  },
): Promise<CleanupReport | undefined> {
  const skip = postSkipReason(state);
  if (skip || !state) {
    io.info(`Post step: nothing to do (${skip}).`);
    return undefined;
  }
  const region = state.region || deps.env.AWS_REGION || 'us-east-1';
  const session = await openAwsSession(io, deps.inputs, region, undefined, deps);
  // A runner killed between a StartRecovery answer and saving its job id leaves a job only DRS knows:
  // the execution's jobs are also found by their tags.
  const tagged = await findExecutionJobs(
    { drs: session.drs, clock: deps.clock },
    state.executionId,
    state.planName,
  ).then(
    (found) => found.own.flatMap((j) => (j.jobID ? [j.jobID] : [])),
    (e: unknown) => {
      io.warning(`Could not look up the execution's jobs by their tags: ${errorMessage(e)}`);
      return [];
    },
  );
  const jobIds = [...new Set([...state.jobIds, ...tagged])];
  if (jobIds.length === 0) {
    io.info('Post step: nothing to do (the main step started no DRS job).');
    return undefined;
  }
  io.warning(
    `The drill did not finish: terminating the drill instances of its ${jobIds.length} DRS job(s) (${jobIds.join(', ')}).`,
  );
  const sourceServerIds = await serversOfJobs(session.drs, jobIds, io);
  const cleanup = await cleanupScope(
    { drs: session.drs, ec2: session.ec2, clock: deps.clock, log: engineLog(io) },
    { jobIds, ...(sourceServerIds ? { sourceServerIds } : {}) },
    { policy: 'always', dryRun: false, deadline: deps.clock.now() + POST_JOB_WAIT_MS + 10 * 60_000 },
  );
  for (const i of cleanup.instances)
    io.info(
      `${i.recoveryInstanceId} (EC2 ${i.ec2InstanceId ?? '—'}, ${i.sourceServerId ?? '—'}): ${i.result}`,
    );
  return cleanup;
}

/**
 * Restores the drill settings the main step left (whatever `finished` and the cleanup policy say):
 * after the cleanup, whose TERMINATE jobs would otherwise hold the servers.
 */
export async function runPostRestore(
  io: ActionIO,
  state: PostState | undefined,
  deps: Parameters<typeof runPostCleanup>[2],
): Promise<DrillSettingsReport[] | undefined> {
  if (state?.mode !== 'drill' || (state.restore ?? []).length === 0) return undefined;
  io.warning(
    `The drill settings of ${state.restore?.length} server(s) are not restored yet: restoring their recovery settings.`,
  );
  const region = state.region || deps.env.AWS_REGION || 'us-east-1';
  const session = await openAwsSession(io, deps.inputs, region, undefined, deps);
  const engine = { drs: session.drs, ec2: session.ec2, clock: deps.clock, log: engineLog(io) };
  return restorePending(engine, state, state.jobIds);
}

/** Markdown for the post step's restores of drill settings. */
export function restoreSummary(restored: readonly DrillSettingsReport[]): string {
  const rows = restored.map(
    (r) =>
      `| ${escapeCell(r.sourceServerId)} | ${escapeCell(r.launchTemplateId)} | ${r.restore.status}${r.restore.error ? `: ${escapeCell(r.restore.error)}` : ''} |`,
  );
  return `## Post step: recovery settings restored after a drill\n\n| Source server | Launch template | Result |\n|---|---|---|\n${rows.join('\n')}\n`;
}

/** Markdown for the job summary of the post step. */
export function postSummary(state: PostState | undefined, cleanup: CleanupReport): string {
  const section = renderCleanup({ isDrill: true, cleanup } as Report, { rows: 200, rawErrorChars: 300 });
  return `## Post step: drill instances of an unfinished drill${state?.planName ? ` — ${state.planName}` : ''}\n\n${section}\n`;
}

export async function runPost(): Promise<void> {
  const io = coreIO();
  try {
    const state = readPostState((name) => core.getState(name));
    const runEnv = readRunEnvironment(process.env, process.cwd());
    const inputs = readInputs((name) => core.getInput(name), runEnv.runId);
    const cleanup = await runPostCleanup(io, state, {
      clock: clockFromEnv(process.env),
      env: process.env,
      getIdToken: (audience) => core.getIDToken(audience),
      inputs,
    });
    if (cleanup) await io.writeSummary(postSummary(state, cleanup));
    const restored = await runPostRestore(io, state, {
      clock: clockFromEnv(process.env),
      env: process.env,
      getIdToken: (audience) => core.getIDToken(audience),
      inputs,
    });
    if (restored) await io.writeSummary(restoreSummary(restored));
    if (cleanup?.status === 'failed') core.setFailed(`Post-step cleanup failed: ${cleanup.reason ?? ''}`);
    const failed = (restored ?? []).filter((r) => r.restore.status !== 'restored');
    if (failed.length > 0)
      core.setFailed(
        `Post step: the recovery settings of ${failed.map((r) => r.sourceServerId).join(', ')} could not be restored`,
      );
  } catch (e) {
    core.setFailed(`Post-step cleanup failed: ${errorMessage(e)}`);
  }
}
