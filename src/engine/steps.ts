/**
 * One execution over several steps (input `waves`): a later job of the same workflow run (same
 * execution id, maybe another runner and workspace) runs the waves an earlier job left. What an earlier
 * step did is read from DRS only: its jobs carry the execution id and the wave, and a step that ends
 * writes each wave's verdict onto its jobs (steps-record.ts). Pure: which waves this step runs, which
 * it takes from earlier steps, which it leaves, and why it must refuse.
 */
import type { Job } from '../aws/gateways.js';
import { parseInstant } from '../core/durations.js';
import type { WaveStatus } from '../core/report.js';
import { TAG } from '../core/tags.js';

/** What DRS says about one wave of this execution, from its jobs' tags. */
export interface WaveOnRecord {
  name: string;
  jobs: Job[];
  /** The verdict the step that ran it wrote on every one of its jobs; absent: that step never finished it. */
  status?: WaveStatus;
  /** When that step decided the wave. */
  endedAt?: string;
  /** The step (GitHub job) that started the wave's jobs. */
  step?: string;
  /** The wave's check verdicts, as its step recorded them. */
  checks?: { name: string; status: CheckStatus }[];
  /** When the last of its checks passed. */
  checksPassedAt?: string;
}

type CheckStatus = 'running' | 'passed' | 'failed' | 'timed-out' | 'skipped';
const CHECK_STATUSES: readonly string[] = ['running', 'passed', 'failed', 'timed-out', 'skipped'];

/** `<check>=<status>` entries joined by `/` (step-record.ts), each read back; anything else is dropped. */
export function parseCheckRecord(
  value: string | undefined,
): { name: string; status: CheckStatus }[] | undefined {
  if (!value) return undefined;
  return value.split('/').flatMap((entry) => {
    const at = entry.lastIndexOf('=');
    const name = entry.slice(0, at);
    const status = entry.slice(at + 1);
    return at > 0 && CHECK_STATUSES.includes(status) ? [{ name, status: status as CheckStatus }] : [];
  });
}

const STATUSES: readonly WaveStatus[] = ['succeeded', 'failed', 'timed-out', 'skipped', 'cancelled'];

/** One verdict shared by every job of the wave, else undefined (a job without it: not finished). */
function commonTag(jobs: readonly Job[], key: string): string | undefined {
  const values = new Set(jobs.map((j) => j.tags?.[key]));
  if (values.size !== 1) return undefined;
  return [...values][0];
}

/** This execution's recovery jobs by wave (oldest first), with what their tags record. */
export function wavesOnRecord(own: readonly Job[]): Map<string, WaveOnRecord> {
  const byWave = new Map<string, Job[]>();
  for (const job of own) {
    const wave = job.tags?.[TAG.wave];
    if (!wave || job.type === 'TERMINATE') continue;
    byWave.set(wave, [...(byWave.get(wave) ?? []), job]);
  }
  const out = new Map<string, WaveOnRecord>();
  for (const [name, jobs] of byWave) {
    jobs.sort((a, b) => (parseInstant(a.creationDateTime) ?? 0) - (parseInstant(b.creationDateTime) ?? 0));
    const status = commonTag(jobs, TAG.waveStatus);
    const endedAt = commonTag(jobs, TAG.waveEndedAt);
    const step = commonTag(jobs, TAG.step);
    const checks = parseCheckRecord(commonTag(jobs, TAG.waveChecks));
    const checksPassedAt = commonTag(jobs, TAG.checksPassedAt);
    out.set(name, {
      name,
      jobs,
      ...(status && (STATUSES as readonly string[]).includes(status) ? { status: status as WaveStatus } : {}),
      ...(endedAt ? { endedAt } : {}),
      ...(step ? { step } : {}),
      ...(checks ? { checks } : {}),
      ...(checksPassedAt ? { checksPassedAt } : {}),
    });
  }
  return out;
}

/** The plan's waves as selection needs them, in plan order. */
export interface PlanWave {
  name: string;
  dependsOn: readonly string[];
}

export interface StepSelection {
  /** Waves this step runs (starts, or attaches to the jobs an earlier attempt of this step started). */
  run: string[];
  /** Waves an earlier step decided: rebuilt from DRS, never started again. */
  earlier: string[];
  /** Waves left to a later step of the execution. */
  remaining: string[];
  /** Why nothing may start (empty: the step may go). */
  refusals: string[];
  /** Things worth telling people (a named wave already run, …). */
  notes: string[];
  /** Whether this execution runs over several steps (a `waves` input, or an earlier step's waves). */
  multiStep: boolean;
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

function stepOf(record: WaveOnRecord): string {
  return record.step ? `step "${record.step}"` : 'an earlier step';
}

/** Why the dependency `dep` of wave `wave` stops this step, or undefined when it is satisfied. */
function dependencyRefusal(
  wave: string,
  dep: string,
  run: ReadonlySet<string>,
  records: ReadonlyMap<string, WaveOnRecord>,
): string | undefined {
  if (run.has(dep)) return undefined;
  const record = records.get(dep);
  if (record?.status === 'succeeded') return undefined;
  const head = `Wave "${wave}" depends on wave "${dep}"`;
  if (record?.status !== undefined) {
    return `${head}, which ${record.status} in ${stepOf(record)} of this execution: wave "${wave}" cannot run. Nothing was started.`;
  }
  if (record) {
    const ids = record.jobs.map((j) => j.jobID).join(', ');
    return (
      `${head}, whose DRS job(s) ${ids}, started by ${stepOf(record)}, never finished (the step was ` +
      'cancelled or failed before it recorded the wave\'s outcome): wave "' +
      `${wave}" cannot run. Nothing was started.`
    );
  }
  return (
    `input waves: wave "${wave}" depends on wave "${dep}", which is neither in this step's waves nor ` +
    `succeeded in an earlier step of this execution: add "${dep}" to waves, or run it in an earlier job ` +
    'of this workflow run. Nothing was started.'
  );
}

/** Why the input `waves` names a wave the plan does not have, or undefined when it names none. */
export function unknownWaves(names: readonly string[], requested: readonly string[]): string | undefined {
  const unknown = [...new Set(requested.filter((r) => !names.includes(r)))];
  if (unknown.length === 0) return undefined;
  return `input waves: ${unknown.length === 1 ? 'unknown wave' : 'unknown waves'} ${quoteList(unknown)}; the plan's waves are ${quoteList(names)}. Nothing was started.`;
}

/**
 * Which waves this step runs. `requested` is the input (empty: every wave no earlier step decided).
 * Unknown names and waves whose dependencies neither run here nor succeeded earlier are refused.
 */
export function selectStepWaves(
  waves: readonly PlanWave[],
  requested: readonly string[],
  records: ReadonlyMap<string, WaveOnRecord>,
): StepSelection {
  const names = waves.map((w) => w.name);
  const refusals: string[] = [];
  const notes: string[] = [];
  const unknown = unknownWaves(names, requested);
  if (unknown) refusals.push(unknown);
  const decided = new Set(names.filter((n) => records.get(n)?.status !== undefined));
  const asked = requested.length > 0 ? new Set(requested) : new Set(names.filter((n) => !decided.has(n)));
  for (const name of names) {
    const record = records.get(name);
    if (!asked.has(name) || record?.status === undefined || requested.length === 0) continue;
    if (record.status === 'succeeded')
      notes.push(
        `Wave "${name}" already succeeded in ${stepOf(record)} of this execution: not started again.`,
      );
    else
      refusals.push(
        `input waves: wave "${name}" already ran in ${stepOf(record)} of this execution and ${record.status}; a workflow run runs each wave once. Start a new workflow run to run it again. Nothing was started.`,
      );
  }
  const run = names.filter((n) => asked.has(n) && !decided.has(n));
  const runSet = new Set(run);
  for (const wave of waves) {
    if (!runSet.has(wave.name)) continue;
    for (const dep of wave.dependsOn) {
      const why = dependencyRefusal(wave.name, dep, runSet, records);
      if (why) refusals.push(why);
    }
  }
  return {
    run,
    earlier: names.filter((n) => decided.has(n)),
    remaining: names.filter((n) => !runSet.has(n) && !decided.has(n)),
    refusals,
    notes,
    multiStep: requested.length > 0 || decided.size > 0,
  };
}

/** Earlier jobs of the waves this step runs: an earlier attempt of this step started them (resume). */
export function jobsOfWaves(own: readonly Job[], waves: readonly string[]): Job[] {
  const set = new Set(waves);
  return own.filter((j) => set.has(j.tags?.[TAG.wave] ?? ''));
}

/** The summary's line for a step that succeeded with waves still to run. */
export function wavesLeftMessage(remaining: readonly string[], isDrill: boolean): string {
  return `Waves left: ${remaining.join(', ')}. ${isDrill ? 'The drill instances are kept running for the next step' : 'The recovered instances stay up for the next step'} of this workflow run, which runs them (same execution id).`;
}
