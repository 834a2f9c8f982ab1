import type { Report, ServerReport, WaveReport } from '../../../src/core/report.js';
import { createReport, finalizeReport } from '../../../src/report/build.js';

/** `2024-05-01T10:MM:SSZ`-style instants counted in seconds from a fixed start, as DRS writes them. */
export const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);
export function at(seconds: number): string {
  return new Date(T0 + seconds * 1000).toISOString();
}

export function sourceServerId(n: number): string {
  return `s-${n.toString(16).padStart(17, '0')}`;
}
export function ec2InstanceId(n: number): string {
  return `i-${(n + 0xabc000).toString(16).padStart(17, '0')}`;
}
export function jobId(n: number): string {
  return `drsjob-${n.toString(16).padStart(17, '0')}`;
}

/** A server that launched and became healthy: job at `start`, launched +300 s, healthy +420 s. */
export function healthyServer(n: number, start: number, hostname = `host-${n}.demo.internal`): ServerReport {
  return {
    sourceServerId: sourceServerId(n),
    hostname,
    critical: true,
    jobId: jobId(Math.floor(start)),
    launchStatus: 'LAUNCHED',
    recoveryInstanceId: ec2InstanceId(n),
    ec2InstanceId: ec2InstanceId(n),
    ec2State: 'running',
    launchedAt: at(start + 300),
    healthyAt: at(start + 420),
    recoveryPointAt: at(start - 120),
    health: 'passed',
    phases: [
      { name: 'snapshot', startedAt: at(start + 5), endedAt: at(start + 60) },
      { name: 'conversion', startedAt: at(start + 60), endedAt: at(start + 240) },
      { name: 'launch', startedAt: at(start + 240), endedAt: at(start + 300) },
      { name: 'boot', startedAt: at(start + 300), endedAt: at(start + 420) },
    ],
    errors: [],
  };
}

export function wave(
  index: number,
  name: string,
  start: number,
  servers: ServerReport[],
  dependsOn: string[] = [],
): WaveReport {
  const end = Math.max(
    start,
    ...servers.map((s) => (s.healthyAt ? (Date.parse(s.healthyAt) - T0) / 1000 : start)),
  );
  return {
    name,
    index,
    dependsOn,
    status: 'succeeded',
    startedAt: at(start),
    endedAt: at(end),
    jobs: [
      {
        jobId: jobId(start),
        status: 'COMPLETED',
        createdAt: at(start),
        endedAt: at(end),
        sourceServerIds: servers.map((s) => s.sourceServerId),
      },
    ],
    servers,
  };
}

export function baseReport(mode: 'drill' | 'recovery' = 'drill'): Report {
  return createReport({
    mode,
    executionId: 'acme/dr/123456',
    plan: { name: 'demo', path: 'drs-plans/demo.yaml', sha256: 'a'.repeat(64), commit: 'f'.repeat(40) },
    initiatedBy: 'octocat',
    repository: 'acme/dr',
    runUrl: 'https://github.com/acme/dr/actions/runs/123456',
    region: 'us-east-1',
    accountId: '111122223333',
    isDrill: mode === 'drill',
    startedAt: at(-30),
    objectives: { rtoSeconds: 2700, rpoSeconds: 900 },
  });
}

/** The demo plan, all healthy: data (2) → app (1), cache (1, non-critical) → web (1). */
export function successReport(mode: 'drill' | 'recovery' = 'drill'): Report {
  const report = baseReport(mode);
  const cache = healthyServer(4, 500, 'cache-01.demo.internal');
  cache.critical = false;
  report.waves = [
    wave(0, 'data', 0, [
      healthyServer(1, 0, 'db-01.demo.internal'),
      healthyServer(2, 0, 'db-02.demo.internal'),
    ]),
    wave(1, 'app', 500, [healthyServer(3, 500, 'app-01.demo.internal')], ['data']),
    wave(2, 'cache', 500, [cache], ['data']),
    wave(3, 'web', 1000, [healthyServer(5, 1000, 'web-01.demo.internal')], ['app', 'cache']),
  ];
  report.measured.firstStartRecoveryAt = at(0);
  report.launchConfigChanges = [
    {
      sourceServerId: sourceServerId(1),
      target: 'template',
      field: 'instanceType',
      from: 'm5.large',
      to: 'r6i.large',
      templateVersion: 4,
      applied: true,
    },
  ];
  report.cleanup = {
    policy: 'always',
    status: 'succeeded',
    terminateJobIds: [jobId(9999)],
    instances: [1, 2, 3, 4, 5].map((n) => ({
      recoveryInstanceId: ec2InstanceId(n),
      ec2InstanceId: ec2InstanceId(n),
      sourceServerId: sourceServerId(n),
      result: 'terminated',
    })),
  };
  return finalizeReport(report, at(1500), 'succeeded');
}
