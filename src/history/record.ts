/**
 * One drill or recovery as the history branch keeps it: a compact record (the figures an auditor asks
 * for) beside the full report.json. Pure: built from the Report model, validated against
 * schemas/history-record.schema.json.
 */
import { createHash } from 'node:crypto';
import { secondsBetween, toUtcIso } from '../core/durations.js';
import type { Report } from '../core/report.js';
import { isLaunched } from '../report/sections.js';
// Generated at build time from schemas/history-record.schema.json (scripts/gen-validators.ts).
import validateRecord from './record-validate.generated.cjs';

export const RECORD_SCHEMA = 'drs-drill-history/v1';

/** What RPO meant on main before the report named its definition (launch time − recovery point). */
export const LEGACY_RPO_DEFINITION =
  'data age at launch: EC2 launch time − recovery point time, worst server';

/** Above this many servers a record keeps only the count and digest of the set, not every id. */
export const MAX_SERVER_IDS_IN_RECORD = 5000;

export interface Measure {
  seconds?: number;
  target?: number;
  met?: boolean;
}

export interface Regression {
  rtoSeconds: number;
  /** Median RTO of the runs compared with. */
  baselineSeconds: number;
  /** How much worse than the baseline, in percent. */
  percent: number;
  thresholdPercent: number;
  /** How many earlier runs the median is over. */
  runs: number;
}

export type FailOnReason = 'objectives' | 'regression';

export interface HistoryRecord {
  schema: typeof RECORD_SCHEMA;
  plan: { name: string; path: string; sha256: string; commit?: string };
  servers: { count: number; sha256: string; ids?: string[] };
  executionId: string;
  repository?: string;
  runId: string;
  runAttempt: number;
  runUrl?: string;
  initiatedBy?: string;
  mode: 'drill' | 'recovery';
  status: 'succeeded' | 'failed' | 'timed-out' | 'cancelled';
  /** Every critical server came up healthy: the plan was proven, whatever fail-on made of the run. */
  recovered: boolean;
  failedOn?: FailOnReason[];
  startedAt: string;
  endedAt?: string;
  rto: Measure;
  rpo: Measure & { definition: string };
  regression?: Regression;
  waves: { name: string; status: string; seconds?: number }[];
  launched: number;
  failed: number;
  cleanup?: { status: string; terminated?: number; failed?: number };
  report: { sha256: string; file?: string };
}

/** A record as read back, with the file it came from on the history branch. */
export interface StoredRecord {
  file: string;
  record: HistoryRecord;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The source servers a run's plan resolved to: every server of every wave, and those excluded. */
export function resolvedServerIds(report: Report): string[] {
  const ids = new Set<string>();
  for (const wave of report.waves) for (const s of wave.servers) ids.add(s.sourceServerId);
  for (const x of report.excluded ?? []) ids.add(x.sourceServerId);
  return [...ids].sort();
}

/** The digest that tells one estate from another: sha256 of the sorted ids, one a line. */
export function serverSetDigest(ids: readonly string[]): string {
  return sha256Hex([...ids].sort().join('\n'));
}

/** True when every critical server (every server, when none is critical) passed its health check. */
export function recoveredAll(report: Report): boolean {
  return report.measured.rtoSeconds !== undefined;
}

export interface RecordContext {
  runId: string;
  runAttempt: number;
  /** sha256 of report.json as published. */
  reportSha256: string;
  reportFile?: string;
  failedOn?: FailOnReason[];
  regression?: Regression;
}

function measure(seconds?: number, target?: number, met?: boolean): Measure {
  const m: Measure = {};
  if (seconds !== undefined) m.seconds = seconds;
  if (target !== undefined) m.target = target;
  if (met !== undefined) m.met = met;
  return m;
}

/** The compact record of a finished drill or recovery. */
export function buildRecord(report: Report, ctx: RecordContext): HistoryRecord {
  if (report.mode !== 'drill' && report.mode !== 'recovery') {
    throw new Error(`only drills and recoveries are kept in the history, not mode ${report.mode}`);
  }
  const { measured, objectives } = report;
  const servers = report.waves.flatMap((w) => w.servers);
  const ids = resolvedServerIds(report);
  // The report names its RPO definition once it has one; until then RPO is the data age at launch.
  const definition = (measured as { rpoDefinition?: unknown }).rpoDefinition;
  const record: HistoryRecord = {
    schema: RECORD_SCHEMA,
    plan: { name: report.plan.name, path: report.plan.path, sha256: report.plan.sha256 },
    servers: {
      count: ids.length,
      sha256: serverSetDigest(ids),
      ...(ids.length <= MAX_SERVER_IDS_IN_RECORD ? { ids } : {}),
    },
    executionId: report.executionId,
    runId: ctx.runId,
    runAttempt: ctx.runAttempt,
    mode: report.mode,
    status: report.status === 'running' ? 'failed' : report.status,
    recovered: recoveredAll(report),
    startedAt: toUtcIso(report.startedAt) ?? report.startedAt,
    rto: measure(measured.rtoSeconds, objectives.rtoSeconds, measured.rtoMet),
    rpo: {
      ...measure(measured.rpoSeconds, objectives.rpoSeconds, measured.rpoMet),
      definition: typeof definition === 'string' && definition !== '' ? definition : LEGACY_RPO_DEFINITION,
    },
    waves: report.waves.map((w) => {
      const seconds = secondsBetween(w.startedAt, w.endedAt);
      return {
        name: w.name,
        status: w.status,
        ...(seconds === undefined ? {} : { seconds: Math.round(seconds) }),
      };
    }),
    launched: servers.filter(isLaunched).length,
    failed: servers.filter((s) => s.launchStatus === 'FAILED' || s.health === 'failed').length,
    report: { sha256: ctx.reportSha256, ...(ctx.reportFile ? { file: ctx.reportFile } : {}) },
  };
  if (report.plan.commit) record.plan.commit = report.plan.commit;
  if (report.repository) record.repository = report.repository;
  if (report.runUrl) record.runUrl = report.runUrl;
  if (report.initiatedBy) record.initiatedBy = report.initiatedBy;
  const endedAt = toUtcIso(report.endedAt);
  if (endedAt) record.endedAt = endedAt;
  if (ctx.failedOn && ctx.failedOn.length > 0) record.failedOn = ctx.failedOn;
  if (ctx.regression) record.regression = ctx.regression;
  if (report.cleanup) {
    const results = report.cleanup.instances.map((i) => i.result.toLowerCase());
    record.cleanup = {
      status: report.cleanup.status,
      terminated: results.filter((r) => r.startsWith('terminat') || r.startsWith('already terminated'))
        .length,
      failed: results.filter((r) => r.includes('fail') || r.startsWith('left running')).length,
    };
  }
  return record;
}

/** Problems with a record as `<json pointer>: <message>`; empty when it is a valid record. */
export function recordProblems(value: unknown): string[] {
  if (validateRecord(value)) return [];
  return (validateRecord.errors ?? [])
    .slice(0, 3)
    .map((e) => `${e.instancePath || '(record)'}: ${e.message ?? e.keyword}`);
}

// Names on the history branch: runs/<plan>/<started, to the second>-<run id>-<attempt>.json, so a
// listing sorts by time and every attempt of every run has its own file.
const SAFE = /[^A-Za-z0-9._-]+/g;

export function recordFileName(planName: string, startedAt: string, runId: string, attempt: number): string {
  const stamp = (toUtcIso(startedAt) ?? startedAt).slice(0, 19).replace(/:/g, '-');
  return `runs/${planName.replace(SAFE, '-')}/${stamp}Z-${runId.replace(SAFE, '-')}-${attempt}.json`;
}

/** The compressed report.json kept beside a record. */
export function reportFileName(recordFile: string): string {
  return recordFile.replace(/\.json$/, '.report.json.gz');
}

/** Oldest first, by start time then file name: the order every chart and table reads. */
export function byStart(a: StoredRecord, b: StoredRecord): number {
  const ta = Date.parse(a.record.startedAt);
  const tb = Date.parse(b.record.startedAt);
  return ta - tb || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
}
