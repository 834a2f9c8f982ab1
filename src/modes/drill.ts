import { type AwsClients, createAwsClients } from '../aws/clients.js';
import { checkAccount, maskCredentials, oidcCredentialProvider } from '../aws/credentials.js';
import { createDrsGateway } from '../aws/drs-gateway.js';
import { createEc2Gateway } from '../aws/ec2-gateway.js';
import type { DrsGateway, Ec2Gateway } from '../aws/gateways.js';
import { cleanupDrillInstances } from '../engine/cleanup.js';
import { LaunchConfigRepairError, repairLaunchConfigurations } from '../engine/launch-config.js';
import { type PreflightProblem, runPreflight } from '../engine/preflight.js';
import {
  checkFinishedExecution,
  concurrentExecutionMessage,
  findExecutionJobs,
  priorJobsByChunk,
  resumeNote,
} from '../engine/resume.js';
import { runExecution } from '../engine/run.js';
import type { Clock, EngineLog, RunContext } from '../engine/types.js';
import { errorMessage, UserError } from '../errors.js';
import type { ActionInputs } from '../inputs.js';
import type { ActionIO } from '../io.js';
import type { Plan } from '../plan/types.js';
import { finalizeReport, objectiveWarnings } from '../report/build.js';
import type { Report } from '../report/types.js';
import { executionIdOf, type RunEnvironment, runUrlOf } from '../run-env.js';
import { STATE } from '../state-keys.js';
import { abandonReport, CANCEL_GRACE_MS, publishCancelled, untilAbandoned } from './cancel.js';
import { loadSinglePlan } from './plan-input.js';
import { newRunReport, publishReport } from './publish.js';

/** The outside world a drill needs, injected so tests and the CLI can provide their own. */
export interface DrillDeps {
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** GitHub OIDC ID token for an audience (core.getIDToken in the action). */
  getIdToken: (audience: string) => Promise<string>;
  /** Aborted on cancellation (SIGINT/SIGTERM from the runner). */
  signal?: AbortSignal;
}

/** Part of timeout-minutes kept back to capture evidence and clean up after the waves. */
export function reserveMs(timeoutMs: number): number {
  return Math.min(5 * 60_000, Math.round(timeoutMs * 0.1));
}

export function resolveRegion(
  inputs: Pick<ActionInputs, 'region'>,
  plan: Plan,
  env: NodeJS.ProcessEnv,
): string {
  const region = inputs.region ?? plan.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) {
    throw new UserError('No AWS region: set the plan\'s "region", the action input region, or AWS_REGION.');
  }
  return region;
}

/** A recovery is irreversible: it runs only when asked for by name, from a manual trigger. */
export function checkRecoveryGuard(
  inputs: Pick<ActionInputs, 'confirm'>,
  plan: Plan,
  eventName?: string,
): void {
  if (inputs.confirm !== plan.name) {
    throw new UserError(
      `mode recovery starts a real, irreversible recovery: set the input confirm to the plan's name "${plan.name}" to proceed${inputs.confirm ? ` (got "${inputs.confirm}")` : ''}.`,
    );
  }
  if (eventName !== 'workflow_dispatch' && eventName !== 'repository_dispatch') {
    throw new UserError(
      `mode recovery runs only from a workflow_dispatch or repository_dispatch event, not from "${eventName ?? 'unknown'}".`,
    );
  }
}

export function engineLog(io: ActionIO): EngineLog {
  return {
    info: (m) => io.info(m),
    warning: (m) => io.warning(m),
    error: (m) => io.error(m),
    group: (name, fn) => io.group(name, fn),
  };
}

export function describeProblem(p: PreflightProblem): string {
  const who = p.sourceServerId ? `${p.sourceServerId}${p.hostname ? ` (${p.hostname})` : ''}: ` : '';
  const where = p.wave ? `wave ${p.wave}: ` : '';
  return `${where}${who}${p.message}${p.fix ? ` — ${p.fix}` : ''}`;
}

export interface AwsSession {
  clients: AwsClients;
  drs: DrsGateway;
  ec2: Ec2Gateway;
  accountId: string;
}

/** Credentials (OIDC role or the default chain), clients, gateways, and the account guard. */
export async function openAwsSession(
  io: ActionIO,
  inputs: Pick<ActionInputs, 'roleToAssume' | 'roleSessionName'>,
  region: string,
  expectedAccountId: string | undefined,
  deps: Pick<DrillDeps, 'env' | 'getIdToken'>,
): Promise<AwsSession> {
  const credentials = inputs.roleToAssume
    ? oidcCredentialProvider({
        roleArn: inputs.roleToAssume,
        sessionName: inputs.roleSessionName,
        region,
        getIdToken: deps.getIdToken,
        env: deps.env,
        onCredentials: (c) => maskCredentials(c, (v) => io.setSecret(v)),
        onRetry: (e, attempt) => io.info(`Assuming the role again (attempt ${attempt + 1}): ${String(e)}`),
      })
    : undefined;
  const clients = createAwsClients({ region, credentials });
  const identity = await checkAccount(clients.sts, expectedAccountId);
  io.info(`AWS account ${identity.accountId}, acting as ${identity.arn}, region ${region}`);
  return {
    clients,
    drs: createDrsGateway({ drs: clients.drs, drsNoRetry: clients.drsNoRetry }),
    ec2: createEc2Gateway(clients.ec2),
    accountId: identity.accountId,
  };
}

/** `mode: drill` and `mode: recovery`: preflight, launch-config repair, waves, evidence, cleanup. */
export async function runDrillMode(
  io: ActionIO,
  inputs: ActionInputs,
  run: RunEnvironment,
  deps: DrillDeps,
): Promise<Report> {
  const mode = inputs.mode === 'recovery' ? 'recovery' : 'drill';
  const startMs = deps.clock.now();
  const plan = await loadSinglePlan(io, inputs.plan, run.workspace);
  if (mode === 'recovery') checkRecoveryGuard(inputs, plan, run.eventName);
  const region = resolveRegion(inputs, plan, deps.env);
  const executionId = executionIdOf(run);
  io.saveState(STATE.executionId, executionId);
  io.saveState(STATE.mode, mode);
  io.saveState(STATE.region, region);
  io.saveState(STATE.cleanup, inputs.cleanup);
  io.saveState(STATE.planName, plan.name);

  const session = await openAwsSession(io, inputs, region, plan.accountId, deps);
  const context: RunContext = {
    mode,
    isDrill: mode === 'drill',
    executionId,
    region,
    accountId: session.accountId,
    initiatedBy: run.actor,
    repository: run.repository,
    runUrl: runUrlOf(run),
    commit: run.sha,
  };
  let report = newRunReport(mode, plan, run, {
    region,
    accountId: session.accountId,
    isDrill: context.isDrill,
    startMs,
  });
  const engine = { drs: session.drs, ec2: session.ec2, clock: deps.clock, log: engineLog(io) };
  const jobIds = new Set<string>();
  const saveJobIds = () => io.saveState(STATE.jobIds, JSON.stringify([...jobIds]));
  try {
    const preflightRun = await untilAbandoned(
      io.group('Preflight', () =>
        runPreflight(engine, plan, {
          mode,
          executionId,
          exclude: inputs.exclude,
          replaceRecoveryInstances: inputs.replaceRecoveryInstances,
        }),
      ),
      deps.signal,
      CANCEL_GRACE_MS,
    );
    if (preflightRun === 'abandoned')
      return await publishCancelled(io, abandonReport(report), inputs, run, deps);
    const preflight = preflightRun;
    // DRS, not the runner, remembers what an earlier attempt of this run started. Read after the
    // preflight so the window is on AWS's clock (its answers set serverTime), and before anything is
    // written, so a concurrent execution is refused with its own message rather than as busy servers.
    const prior = await untilAbandoned(
      findExecutionJobs(engine, executionId, plan.name),
      deps.signal,
      CANCEL_GRACE_MS,
    );
    if (prior === 'abandoned') return await publishCancelled(io, abandonReport(report), inputs, run, deps);
    const refusal =
      concurrentExecutionMessage(plan.name, prior.otherExecutions) ??
      (await checkFinishedExecution(engine, prior.own));
    if (refusal) {
      report.errors.push(refusal);
      io.error(refusal);
      report = finalizeReport(report, new Date(deps.clock.now()).toISOString(), 'failed');
      await publishReport(io, report, inputs, run, deps.env);
      io.saveState(STATE.finished, 'true');
      return report;
    }
    const note = resumeNote(prior.own);
    if (note) {
      report.warnings.push(note);
      io.notice(note);
      for (const job of prior.own) if (job.jobID) jobIds.add(job.jobID);
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
      report = finalizeReport(report, new Date(deps.clock.now()).toISOString(), 'failed');
      await publishReport(io, report, inputs, run, deps.env);
      io.saveState(STATE.finished, 'true');
      return report;
    }

    const repair = await io.group('Launch configuration', () =>
      repairLaunchConfigurations(engine, preflight.drift, { dryRun: inputs.dryRun, executionId }).then(
        (changes) => ({ changes, failures: [] as LaunchConfigRepairError['failures'] }),
        (e: unknown) => {
          // Some servers were repaired, some not: record both, and start nothing on a half-repaired estate.
          if (e instanceof LaunchConfigRepairError) return { changes: e.changes, failures: e.failures };
          throw e;
        },
      ),
    );
    report.launchConfigChanges = repair.changes;
    for (const c of repair.changes) {
      io.info(
        `${c.applied ? 'Changed' : 'Would change'} ${c.sourceServerId} ${c.target}.${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`,
      );
    }
    if (repair.failures.length > 0) {
      for (const f of repair.failures) {
        const text = `Launch configuration of ${f.sourceServerId} could not be written: ${errorMessage(f.error)}`;
        report.errors.push(text);
        io.error(text);
      }
      report.errors.push('Nothing was started: the launch configurations above must be repaired first.');
      report = finalizeReport(report, new Date(deps.clock.now()).toISOString(), 'failed');
      await publishReport(io, report, inputs, run, deps.env);
      io.saveState(STATE.finished, 'true');
      return report;
    }
    if (inputs.dryRun) {
      report.warnings.push(
        'Dry run: preflight only, no launch configuration written and no recovery started.',
      );
      report = finalizeReport(report, new Date(deps.clock.now()).toISOString(), 'succeeded');
      await publishReport(io, report, inputs, run, deps.env);
      io.saveState(STATE.finished, 'true');
      return report;
    }

    const timeoutMs = inputs.timeoutMinutes * 60_000;
    const execution = await untilAbandoned(
      runExecution(engine, {
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
      }),
      deps.signal,
      CANCEL_GRACE_MS,
    );
    // The engine returns promptly on abort; an AWS call that hangs must not eat the 5 s the runner gives.
    if (execution === 'abandoned')
      return await publishCancelled(io, abandonReport(report), inputs, run, deps);
    report = execution;
    if (report.status === 'cancelled') return await publishCancelled(io, report, inputs, run, deps);

    if (context.isDrill) {
      // Terminate jobs take minutes; a cancellation leaves them to the post step (no drs-finished).
      const interrupted =
        'The run was cancelled before its cleanup finished: the post step terminates the drill instances (cleanup policy permitting).';
      const cleanup = deps.signal?.aborted
        ? 'abandoned'
        : await untilAbandoned(
            io.group('Cleanup', () =>
              cleanupDrillInstances(engine, report, {
                policy: inputs.cleanup,
                dryRun: false,
                deadline: startMs + timeoutMs,
              }),
            ),
            deps.signal,
            CANCEL_GRACE_MS,
          );
      if (cleanup === 'abandoned') {
        report.errors.push(interrupted);
        return await publishCancelled(io, report, inputs, run, deps);
      }
      report.cleanup = cleanup;
    }
  } catch (e) {
    // Whatever broke, the evidence of what had been started is written before the error surfaces.
    report.errors.push(`The run stopped on an error: ${e instanceof Error ? e.message : String(e)}`);
    report = finalizeReport(report, new Date(deps.clock.now()).toISOString(), 'failed');
    await publishReport(io, report, inputs, run, deps.env);
    throw e;
  }
  report = finalizeReport(report, new Date(deps.clock.now()).toISOString());
  for (const missed of objectiveWarnings(report)) io.warning(missed);
  await publishReport(io, report, inputs, run, deps.env);
  io.saveState(STATE.finished, 'true');
  return report;
}
