/**
 * The evidence of one run (report.json), under the names the code uses. The types are generated from
 * schemas/report.schema.json (src/core/report-types.generated.ts, `npm run gen:types`), so the model
 * and the schema report.json is validated against are one: a field is added to the schema, then the
 * types are regenerated.
 *
 * Every time is an ISO-8601 UTC string taken from DRS or EC2 (job log times, launch times, status-check
 * times), never from when the poller happened to wake up. Every duration is computed from these
 * timestamps in src/core/durations.ts, nowhere else.
 */
import type {
  Cleanup,
  Job,
  LaunchAction,
  LaunchConfigChange,
  Phase,
  Report,
  Server,
  ServerError,
  Wave,
} from './report-types.generated.js';

export type { LaunchConfigChange, Report, ServerError };

/** Filled by computeMeasurements() from the timestamps of the waves. */
export type Measurements = Report['measured'];
export type WaveReport = Wave;
export type WaveStatus = Wave['status'];
export type JobReport = Job;
export type ServerReport = Server;
export type HealthState = Server['health'];
/** Phases a server goes through in a DRS job, from the job log (boot = EC2 launch → health check passed). */
export type PhaseReport = Phase;
/** What was launched, as EC2 describes the instance. */
export type LaunchedInstance = NonNullable<Server['launched']>;
/** Replication as the preflight saw it, before anything was started. */
export type ReplicationSnapshot = NonNullable<Server['replicationAtPreflight']>;
export type LaunchActionReport = LaunchAction;
export type CleanupReport = Cleanup;
/** One step (GitHub job) of an execution run over several steps. */
export type StepReport = NonNullable<Report['steps']>[number];
/**
 * One server's drill settings: written over the recovery settings before the drill, and the recovery
 * settings restored (same DRS settings and default template data) once it launched, in cleanup, the
 * post step or on cancellation.
 */
export type DrillSettingsReport = NonNullable<Report['drillSettings']>[number];
/** One wave check: an SSM Run Command on the wave's recovered instances. */
export type CheckReport = NonNullable<Wave['checks']>[number];
export type CheckInstanceReport = CheckReport['instances'][number];
