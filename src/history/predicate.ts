/**
 * drill-predicate.json: the in-toto predicate the example workflows sign with actions/attest
 * (subject: report.json). The action signs nothing itself; it only writes what is to be attested.
 */
import type { Report } from '../core/report.js';
import { LEGACY_RPO_DEFINITION, recoveredAll } from './record.js';

/** predicate-type of the attestation; `gh attestation verify --predicate-type` names it. */
export const DRILL_PREDICATE_TYPE = 'https://github.com/drs-drill-action/drs-drill-action/drill-evidence/v1';
export const DRILL_PREDICATE_FILE = 'drill-predicate.json';

export interface DrillPredicate {
  predicateType: typeof DRILL_PREDICATE_TYPE;
  plan: { name: string; path: string; sha256: string; commit?: string };
  executionId: string;
  mode: string;
  isDrill: boolean;
  status: string;
  recovered: boolean;
  region: string;
  accountId?: string;
  repository?: string;
  runUrl?: string;
  initiatedBy?: string;
  startedAt: string;
  endedAt?: string;
  firstStartRecoveryAt?: string;
  rto: { seconds?: number; target?: number; met?: boolean };
  rpo: { seconds?: number; target?: number; met?: boolean; definition: string };
  jobIds: string[];
  instances: {
    wave: string;
    sourceServerId: string;
    recoveryInstanceId?: string;
    ec2InstanceId?: string;
    launchedAt?: string;
    healthyAt?: string;
  }[];
}

/** Drops undefined members, so the JSON has no nulls and reads the same every time. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function buildDrillPredicate(report: Report): DrillPredicate {
  const { measured, objectives } = report;
  const definition = (measured as { rpoDefinition?: unknown }).rpoDefinition;
  return defined({
    predicateType: DRILL_PREDICATE_TYPE,
    plan: defined({ ...report.plan }),
    executionId: report.executionId,
    mode: report.mode,
    isDrill: report.isDrill,
    status: report.status,
    recovered: recoveredAll(report),
    region: report.region,
    accountId: report.accountId,
    repository: report.repository,
    runUrl: report.runUrl,
    initiatedBy: report.initiatedBy,
    startedAt: report.startedAt,
    endedAt: report.endedAt,
    firstStartRecoveryAt: measured.firstStartRecoveryAt,
    rto: defined({ seconds: measured.rtoSeconds, target: objectives.rtoSeconds, met: measured.rtoMet }),
    rpo: defined({
      seconds: measured.rpoSeconds,
      target: objectives.rpoSeconds,
      met: measured.rpoMet,
      definition: typeof definition === 'string' && definition !== '' ? definition : LEGACY_RPO_DEFINITION,
    }),
    jobIds: [...new Set(report.waves.flatMap((w) => w.jobs.map((j) => j.jobId)))],
    instances: report.waves.flatMap((w) =>
      w.servers.map((s) =>
        defined({
          wave: w.name,
          sourceServerId: s.sourceServerId,
          recoveryInstanceId: s.recoveryInstanceId,
          ec2InstanceId: s.ec2InstanceId,
          launchedAt: s.launchedAt,
          healthyAt: s.healthyAt,
        }),
      ),
    ),
  });
}
