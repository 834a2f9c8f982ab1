/**
 * Wave checks: SSM Run Command on a wave's recovered instances once they are healthy. Driven by the
 * run loop one step at a time (advance), like the poller, so other waves keep moving meanwhile. The
 * results are per wave (WaveReport.checks), so a run that splits waves across steps can reuse them.
 *
 * SendCommand is not idempotent: an answer lost on the way back is looked up by the command's unique
 * comment (ListCommands) before anything is sent again.
 */
import { createHash } from 'node:crypto';
import type { SsmGateway } from '../aws/gateways.js';
import { isThrottling } from '../aws/retry.js';
import { formatTargetDuration, latestInstant } from '../core/durations.js';
import { commandOutputExcerpt } from '../core/escape.js';
import type { CheckInstanceReport, CheckReport } from '../core/report.js';
import { errorMessage } from '../errors.js';
import type { WaveCheck } from '../plan/types.js';
import type { EngineLog } from './types.js';

/** An instance the wave recovered, to be checked. */
export interface CheckTarget {
  sourceServerId: string;
  hostname?: string;
  ec2InstanceId: string;
}

export const NOT_REGISTERED = 'NotRegistered';
const TERMINAL = new Set([
  'Success',
  'Failed',
  'TimedOut',
  'Cancelled',
  'DeliveryTimedOut',
  'ExecutionTimedOut',
  'Undeliverable',
  'Terminated',
  'InvalidPlatform',
  'AccessDenied',
]);

interface InstanceRun {
  target: CheckTarget;
  comment: string;
  /** A SendCommand whose answer never came: look the command up before sending again. */
  maybeSent: boolean;
  /** Why SSM refused to run it (a bad document or parameter): final. */
  refused?: string;
  report: CheckInstanceReport;
}

interface CheckRun {
  check: WaveCheck;
  index: number;
  deadlineMs: number;
  instances: InstanceRun[];
  report: CheckReport;
}

export interface ChecksContext {
  executionId: string;
  waveName: string;
  /** Engine clock (ms) when the checks start; each check's timeout counts from here. */
  startedMs: number;
  /** AWS's time now (ISO), for the report. */
  startedAt: string;
}

/** Unique per execution, wave, check and instance; SSM comments hold at most 100 characters. */
export function checkComment(
  executionId: string,
  waveName: string,
  index: number,
  instanceId: string,
): string {
  const run = createHash('sha256').update(`${executionId}\0${waveName}`).digest('hex').slice(0, 16);
  return `drs-drill ${run} check ${index} ${instanceId}`;
}

function who(t: CheckTarget): string {
  return t.hostname ? `${t.ec2InstanceId} (${t.hostname})` : t.ec2InstanceId;
}

/** A client error SSM will give again for the same request (bad document, parameters, role…). */
function refusal(error: unknown): string | undefined {
  const e = error as { name?: string; $fault?: string };
  if (e?.$fault !== 'client' || isThrottling(error) || e.name === 'InvalidInstanceId') return undefined;
  return `${e.name ?? 'Error'}: ${errorMessage(error)}`;
}

export class WaveChecks {
  readonly runs: CheckRun[];

  constructor(
    checks: readonly WaveCheck[],
    targets: readonly CheckTarget[],
    private readonly ctx: ChecksContext,
  ) {
    this.runs = checks.map((check, index) => ({
      check,
      index,
      deadlineMs: ctx.startedMs + check.timeoutSeconds * 1000,
      instances: targets.map((target) => ({
        target,
        comment: checkComment(ctx.executionId, ctx.waveName, index, target.ec2InstanceId),
        maybeSent: false,
        report: {
          sourceServerId: target.sourceServerId,
          ...(target.hostname ? { hostname: target.hostname } : {}),
          ec2InstanceId: target.ec2InstanceId,
          status: NOT_REGISTERED,
        },
      })),
      report: {
        name: check.name,
        document: check.document,
        on: check.on,
        status: 'running',
        startedAt: ctx.startedAt,
        instances: [],
      },
    }));
    for (const r of this.runs) r.report.instances = r.instances.map((i) => i.report);
  }

  get reports(): CheckReport[] {
    return this.runs.map((r) => r.report);
  }

  get done(): boolean {
    return this.runs.every((r) => r.report.status !== 'running');
  }

  /** The earliest deadline of a check still running (the loop wakes for it). */
  nextDeadlineMs(): number | undefined {
    const open = this.runs.filter((r) => r.report.status === 'running').map((r) => r.deadlineMs);
    return open.length > 0 ? Math.min(...open) : undefined;
  }

  /** One step: registrations, sends, results, decisions. Errors of a step are retried at the next one. */
  async advance(ssm: SsmGateway, nowMs: number, awsNow: string, log: EngineLog): Promise<void> {
    const open = this.runs.filter((r) => r.report.status === 'running');
    const waiting = open.flatMap((r) => r.instances.filter((i) => !i.report.commandId && !i.refused));
    let online = new Set<string>();
    if (waiting.length > 0) {
      try {
        online = new Set(await ssm.onlineInstances([...new Set(waiting.map((i) => i.target.ec2InstanceId))]));
      } catch (e) {
        log.warning(`Wave "${this.ctx.waveName}": could not read SSM registrations: ${errorMessage(e)}`);
      }
    }
    for (const run of open) {
      for (const inst of run.instances) {
        if (!inst.report.commandId && !inst.refused && online.has(inst.target.ec2InstanceId))
          await this.send(ssm, run, inst, log);
      }
      await this.readResults(ssm, run, log);
      this.decide(run, nowMs, awsNow, log);
    }
  }

  private async send(ssm: SsmGateway, run: CheckRun, inst: InstanceRun, log: EngineLog): Promise<void> {
    const instanceId = inst.target.ec2InstanceId;
    try {
      if (inst.maybeSent) {
        const found = await ssm.findCommand(instanceId, inst.comment, this.ctx.startedAt);
        if (found) {
          inst.report.commandId = found;
          inst.report.status = 'Pending';
          log.info(
            `Wave "${this.ctx.waveName}": check "${run.check.name}" on ${who(inst.target)}: found command ${found} sent before`,
          );
          return;
        }
      }
      const commandId = await ssm.sendCommand({
        instanceIds: [instanceId],
        documentName: run.check.document,
        parameters: run.check.parameters,
        comment: inst.comment,
        timeoutSeconds: Math.max(30, run.check.timeoutSeconds),
      });
      inst.report.commandId = commandId;
      inst.report.status = 'Pending';
      log.info(
        `Wave "${this.ctx.waveName}": check "${run.check.name}" sent to ${who(inst.target)} (${commandId})`,
      );
    } catch (e) {
      const refused = refusal(e);
      if (refused) {
        inst.refused = refused;
        inst.report.status = 'Failed';
        return;
      }
      // Throttled or not yet online: nothing ran. Anything else may have run: look it up first next time.
      if (!isThrottling(e) && (e as { name?: string })?.name !== 'InvalidInstanceId') inst.maybeSent = true;
      log.warning(
        `Wave "${this.ctx.waveName}": SendCommand for check "${run.check.name}" on ${who(inst.target)}: ${errorMessage(e)}; trying again`,
      );
    }
  }

  private async readResults(ssm: SsmGateway, run: CheckRun, log: EngineLog): Promise<void> {
    for (const inst of run.instances) {
      const { commandId } = inst.report;
      if (!commandId || TERMINAL.has(inst.report.status)) continue;
      try {
        const found = (await ssm.listCommandInvocations(commandId)).find(
          (x) => x.instanceId === inst.target.ec2InstanceId,
        );
        if (!found) continue;
        inst.report.status = found.status;
        if (found.responseCode !== undefined) inst.report.responseCode = found.responseCode;
        if (found.output) inst.report.output = commandOutputExcerpt(found.output);
        if (found.finishedAt) inst.report.finishedAt = found.finishedAt;
      } catch (e) {
        log.warning(
          `Wave "${this.ctx.waveName}": could not read check "${run.check.name}" on ${who(inst.target)}: ${errorMessage(e)}`,
        );
      }
    }
  }

  private decide(run: CheckRun, nowMs: number, awsNow: string, log: EngineLog): void {
    const passed = run.instances.filter((i) => i.report.status === 'Success');
    const failed = run.instances.filter(
      (i) => i.refused || (TERMINAL.has(i.report.status) && i.report.status !== 'Success'),
    );
    const all = run.instances.length;
    let verdict: 'passed' | 'failed' | 'timed-out' | undefined;
    if (all === 0) verdict = 'failed';
    else if (run.check.on === 'any')
      verdict = passed.length > 0 ? 'passed' : failed.length === all ? 'failed' : undefined;
    else verdict = failed.length > 0 ? 'failed' : passed.length === all ? 'passed' : undefined;
    if (!verdict && nowMs >= run.deadlineMs) verdict = 'timed-out';
    if (!verdict) return;
    run.report.status = verdict;
    run.report.endedAt = verdict === 'passed' ? latestFinish(passed, awsNow) : awsNow;
    if (verdict !== 'passed') run.report.error = this.explain(run, verdict);
    const line = `Wave "${this.ctx.waveName}": check "${run.check.name}" ${verdict}${run.report.error ? `: ${run.report.error}` : ''}`;
    if (verdict === 'passed') log.info(line);
    else log.error(line);
  }

  private explain(run: CheckRun, verdict: 'failed' | 'timed-out'): string {
    if (run.instances.length === 0) return 'no recovered instance to run it on';
    const limit = formatTargetDuration(run.check.timeoutSeconds);
    const lines = run.instances
      .filter((i) => i.report.status !== 'Success')
      .map((i) => {
        if (i.refused) return `${who(i.target)}: SSM refused the command (${i.refused})`;
        if (i.report.status === NOT_REGISTERED)
          return `${who(i.target)}: SSM agent not registered${verdict === 'timed-out' ? ` within ${limit}` : ''}`;
        if (!TERMINAL.has(i.report.status))
          return verdict === 'timed-out'
            ? `${who(i.target)}: still ${i.report.status} after ${limit} (timed out)`
            : `${who(i.target)}: ${i.report.status} (not waited for)`;
        const code = i.report.responseCode !== undefined ? `, exit code ${i.report.responseCode}` : '';
        const first = (i.report.output ?? '').split(/\r?\n/).find((l) => l.trim() !== '');
        return `${who(i.target)}: ${i.report.status}${code}${first ? `: ${first.slice(0, 200)}` : ''}`;
      });
    return `${run.check.on === 'any' ? 'on no instance' : 'on'} ${lines.join('; ')}`;
  }
}

function latestFinish(passed: readonly InstanceRun[], fallback: string): string {
  const times = passed.flatMap((i) => (i.report.finishedAt ? [i.report.finishedAt] : []));
  return times.length === passed.length ? (latestInstant(times) ?? fallback) : fallback;
}

/** The wave's verdict once every check is decided: the first failure's text, or when they all passed. */
export function checksOutcome(reports: readonly CheckReport[]): {
  passed: boolean;
  error?: string;
  passedAt?: string;
} {
  const failed = reports.filter((r) => r.status !== 'passed');
  if (failed.length === 0) {
    const passedAt = latestInstant(reports.map((r) => r.endedAt));
    return { passed: true, ...(passedAt ? { passedAt } : {}) };
  }
  return {
    passed: false,
    error: failed.map((r) => `check "${r.name}" ${r.status}: ${r.error ?? ''}`).join('; '),
  };
}
