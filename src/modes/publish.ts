import { join, resolve } from 'node:path';
import type { Report } from '../core/report.js';
import { errorMessage } from '../errors.js';
import {
  type DrillHistoryDeps,
  type DrillHistoryInputs,
  prepareDrillEvidence,
} from '../history/drill-history.js';
import type { ActionInputs } from '../inputs.js';
import type { ActionIO } from '../io.js';
import type { Plan } from '../plan/types.js';
import { artifactName, uploadReportArtifact } from '../report/artifact.js';
import { createReport, finalizeReport } from '../report/build.js';
import { REPORT_JSON_FILE, REPORT_MD_FILE, validateReport, writeReportFiles } from '../report/json.js';
import { DEFAULT_SUMMARY_MAX_BYTES, renderReportMarkdown } from '../report/markdown.js';
import type { RunEnvironment } from '../run-env.js';
import { executionIdOf, runUrlOf } from '../run-env.js';

/** The report of a run that is starting: who, what plan, where. Objectives only where they are measured. */
export function newRunReport(
  mode: Exclude<Report['mode'], 'validate'>,
  plan: Plan,
  run: RunEnvironment,
  at: {
    region: string;
    accountId?: string;
    isDrill: boolean;
    startMs: number;
    pointInTime?: string | undefined;
  },
): Report {
  const report = createReport({
    mode,
    executionId: executionIdOf(run),
    plan: { name: plan.name, path: plan.file, sha256: plan.sha256, commit: run.sha },
    initiatedBy: run.actor,
    repository: run.repository,
    runUrl: runUrlOf(run),
    region: at.region,
    ...(at.accountId ? { accountId: at.accountId } : {}),
    isDrill: at.isDrill,
    startedAt: new Date(at.startMs).toISOString(),
    ...(mode === 'cleanup' ? {} : { objectives: plan.objectives }),
  });
  if (at.pointInTime) report.pointInTime = at.pointInTime;
  return report;
}

/** source server id → EC2 instance id, for every server that got an instance. */
export function instanceIds(report: Report): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const wave of report.waves) {
    for (const server of wave.servers) {
      if (server.ec2InstanceId) ids[server.sourceServerId] = server.ec2InstanceId;
    }
  }
  return ids;
}

/**
 * For steps between jobs (hooks): wave → source server id → its EC2 instance and private IP, for every
 * server that got an instance. A server with no known private IP has none in its entry.
 */
export function waveInstances(
  report: Report,
): Record<string, Record<string, { ec2InstanceId: string; privateIp?: string }>> {
  const out: Record<string, Record<string, { ec2InstanceId: string; privateIp?: string }>> = {};
  for (const wave of report.waves) {
    for (const server of wave.servers) {
      if (!server.ec2InstanceId) continue;
      const ip = server.launched?.privateIp;
      out[wave.name] ??= {};
      out[wave.name]![server.sourceServerId] = {
        ec2InstanceId: server.ec2InstanceId,
        ...(ip ? { privateIp: ip } : {}),
      };
    }
  }
  return out;
}

/**
 * The evidence of any ending: report.json + report.md in report-dir, the artifact, the job summary
 * and the outputs. Each step is best effort after the files are written: evidence is never lost
 * because an upload or a summary write failed.
 */
export async function publishReport(
  io: ActionIO,
  finished: Report,
  inputs: Pick<ActionInputs, 'reportDir' | 'mode'> &
    DrillHistoryInputs &
    Partial<Pick<ActionInputs, 'retentionDays'>>,
  run: RunEnvironment,
  env: NodeJS.ProcessEnv,
  historyDeps: Omit<DrillHistoryDeps, 'env'> = {},
): Promise<{ jsonPath: string }> {
  // A dry run says so in report.json and in the summary's first line.
  const stamped: Report = inputs.dryRun ? { ...finished, dryRun: true } : finished;
  // Drills and recoveries: the history, fail-on and drill-predicate.json (src/history/drill-history.ts).
  const evidence = await prepareDrillEvidence(io, stamped, inputs, run, { env, ...historyDeps });
  const report = evidence?.report ?? stamped;
  const render = (artifactUrl?: string) => {
    const maxBytes = DEFAULT_SUMMARY_MAX_BYTES - (evidence?.reserveBytes ?? 0);
    const markdown = renderReportMarkdown(report, { maxBytes, ...(artifactUrl ? { artifactUrl } : {}) });
    return evidence ? evidence.decorate(markdown) : markdown;
  };
  const problems = validateReport(report);
  if (problems.length > 0)
    io.warning(`report.json does not match its schema: ${problems.slice(0, 5).join('; ')}`);
  // Relative to the workspace; an absolute report-dir (e.g. under RUNNER_TEMP) is used as given.
  const dir = resolve(run.workspace, inputs.reportDir);
  const name = artifactName(inputs.mode, report.plan.name, run.runId ?? 'local', run.runAttempt);
  let markdown = render();
  const { jsonPath, mdPath } = await writeReportFiles(report, dir, markdown);
  io.info(`Evidence written to ${jsonPath} and ${mdPath}`);
  const extraFiles = evidence ? await evidence.finish(dir, jsonPath) : [];

  io.setOutput('execution-id', report.executionId);
  io.setOutput('status', report.status === 'running' ? 'failed' : report.status);
  io.setOutput('instance-ids', JSON.stringify(instanceIds(report)));
  io.setOutput('wave-instances', JSON.stringify(waveInstances(report)));
  io.setOutput(
    'rto-seconds',
    report.measured.rtoSeconds === undefined ? '' : String(report.measured.rtoSeconds),
  );
  io.setOutput('report-path', jsonPath);
  io.setOutput('waves-remaining', (report.wavesRemaining ?? []).join(','));

  const upload = await uploadReportArtifact(
    [join(dir, REPORT_JSON_FILE), join(dir, REPORT_MD_FILE), ...extraFiles],
    dir,
    name,
    {
      env,
      log: { notice: (m) => io.notice(m), warning: (m) => io.warning(m) },
      ...(inputs.retentionDays ? { retentionDays: inputs.retentionDays } : {}),
    },
  );
  // Rendered again: the artifact link, and whether the history write went through.
  markdown = render(upload.url);
  try {
    await io.writeSummary(markdown);
  } catch (e) {
    io.warning(`Could not write the job summary: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { jsonPath };
}

/** A crash in our code: the evidence of what had been started, published before the error surfaces. */
export async function publishCrash(
  io: ActionIO,
  report: Report,
  error: unknown,
  inputs: ActionInputs,
  runEnv: RunEnvironment,
  deps: { clock: { now(): number }; env: NodeJS.ProcessEnv },
): Promise<Report> {
  report.errors.push(`The run stopped on an error: ${errorMessage(error)}`);
  try {
    report = finalizeReport(report, new Date(deps.clock.now()).toISOString(), 'failed');
    await publishReport(io, report, inputs, runEnv, deps.env);
  } catch (publishError) {
    io.warning(`Could not publish the report: ${errorMessage(publishError)}`);
  }
  return report;
}
