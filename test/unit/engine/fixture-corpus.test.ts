/**
 * Every response in test/fixtures/aws (real captures and AWS's documentation examples, provenance in
 * its README) goes through the engine code that reads that operation's answers, with the result asserted.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type {
  Job,
  JobLog,
  LaunchConfiguration,
  LaunchTemplateVersion,
  RecoveryInstance,
  SourceServer,
} from '../../../src/aws/gateways.js';
import { isServerBusy } from '../../../src/aws/retry.js';
import { parseInstant } from '../../../src/core/durations.js';
import { existingInstanceFindings } from '../../../src/engine/existing-instances.js';
import { evaluateHealth } from '../../../src/engine/health.js';
import { indexRecoveryInstances, launchEnds, recoveryInstanceOfJob } from '../../../src/engine/instances.js';
import {
  diffLaunchConfiguration,
  diffLaunchTemplate,
  templateSubnetId,
} from '../../../src/engine/launch-config.js';
import { itemsForServer } from '../../../src/engine/log-events.js';
import { serverOutcome } from '../../../src/engine/outcome.js';
import { replicationFindings, sourceServerHostname } from '../../../src/engine/resolve.js';
import { classifyJobs } from '../../../src/engine/resume.js';

interface Entry {
  file: string;
  operation: string;
  service: string;
}

const dir = new URL('../../fixtures/aws/', import.meta.url);
const index = JSON.parse(readFileSync(new URL('index.json', dir), 'utf8')) as { files: Entry[] };
const load = (file: string): unknown => JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
const entries = (operation: string) => index.files.filter((f) => f.operation === operation);

/** Each check returns how many things it asserted, so an empty fixture cannot pass silently. */
const checks: Record<string, (data: unknown) => number> = {
  DescribeJobs(data) {
    const job = data as Job;
    expect(parseInstant(job.creationDateTime)).toBeDefined();
    let n = 0;
    for (const p of job.participatingServers ?? []) {
      // Neither capture nor doc names the instance in the job: a LAUNCHED server waits for it.
      const outcome = serverOutcome({
        jobStatus: job.status,
        launchStatus: p.launchStatus,
        health: { state: 'pending' },
        logErrors: [],
      });
      expect(outcome.result).toBe(p.launchStatus === 'FAILED' ? 'failed' : 'pending');
      n += 1;
    }
    return n;
  },
  DescribeJobLogItems(data) {
    const items = data as JobLog[];
    for (const item of items) expect(parseInstant(item.logDateTime), item.logDateTime).toBeDefined();
    const servers = [
      ...new Set(items.flatMap((i) => (i.eventData?.sourceServerID ? [i.eventData.sourceServerID] : []))),
    ];
    for (const id of servers) {
      const times = itemsForServer(items, id).map((i) => parseInstant(i.logDateTime) ?? 0);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    const ends = launchEnds(items);
    for (const id of ends.keys()) expect(servers).toContain(id);
    return items.length;
  },
  StartRecovery(data) {
    if ((data as { name?: string }).name === 'ConflictException') {
      expect(isServerBusy({ ...(data as object), $metadata: { httpStatusCode: 409 } })).toBe(true);
      return 1;
    }
    const job = (data as { job: Job }).job;
    expect(job.status).toBe('PENDING');
    expect(job.participatingServers?.every((p) => !p.recoveryInstanceID)).toBe(true);
    return 1;
  },
  TerminateRecoveryInstances(data) {
    const job = (data as { job: Job }).job;
    // A TERMINATE job is never mistaken for a recovery job of an execution.
    expect(classifyJobs([{ ...job, tags: { 'drs-drill:execution-id': 'x' } }], 'x', 'p').own).toEqual([]);
    return 1;
  },
  GetLaunchConfiguration(data) {
    const config = data as LaunchConfiguration;
    expect(diffLaunchConfiguration({}, config)).toEqual([]);
    expect(diffLaunchConfiguration({ copyPrivateIp: !config.copyPrivateIp }, config)).toHaveLength(1);
    return 1;
  },
  DescribeRecoveryInstances(data) {
    const items = data as RecoveryInstance[];
    const index = indexRecoveryInstances(items);
    for (const ri of items) {
      expect(recoveryInstanceOfJob(index, ri.jobID ?? '', ri.sourceServerID ?? '')).toBe(ri);
      expect(recoveryInstanceOfJob(index, 'drsjob-another', ri.sourceServerID ?? '')).toBeUndefined();
      const findings = existingInstanceFindings([ri], { mode: 'drill', ownJobIds: new Set() });
      expect(findings[0]?.level).toBe(ri.isDrill ? 'warning' : 'error');
    }
    return items.length;
  },
  DescribeSourceServers(data) {
    const servers = data as SourceServer[];
    for (const s of servers) {
      expect(() => replicationFindings(s, 3600)).not.toThrow();
      expect(typeof (sourceServerHostname(s) ?? '')).toBe('string');
    }
    return servers.length;
  },
  DescribeRecoverySnapshots(data) {
    const snapshots = data as { timestamp?: string; expectedTimestamp?: string }[];
    for (const s of snapshots) expect(parseInstant(s.timestamp ?? s.expectedTimestamp)).toBeDefined();
    return snapshots.length;
  },
  ListLaunchActions(data) {
    return (data as unknown[]).length;
  },
  DescribeLaunchTemplateVersions(data) {
    const versions = (data as { LaunchTemplateVersions: LaunchTemplateVersion[] }).LaunchTemplateVersions;
    for (const v of versions) {
      expect(diffLaunchTemplate({}, v)).toEqual([]);
      const subnet = templateSubnetId(v);
      if (subnet) expect(diffLaunchTemplate({ subnetId: subnet }, v)).toEqual([]);
    }
    return versions.length;
  },
  CreateLaunchTemplateVersion(data) {
    expect(
      (data as { LaunchTemplateVersion: LaunchTemplateVersion }).LaunchTemplateVersion.VersionNumber,
    ).toBeTypeOf('number');
    return 1;
  },
  DescribeInstanceStatus(data) {
    const statuses = (data as { InstanceStatuses: { InstanceId: string }[] }).InstanceStatuses;
    for (const status of statuses) {
      const verdict = evaluateHealth({ check: 'ec2-status', instance: undefined, status: status as never });
      expect(['passed', 'pending', 'failed']).toContain(verdict.state);
    }
    return statuses.length;
  },
  DescribeInstances(data) {
    const instances = (data as { Instances: { State?: { Name?: string } }[] }).Instances;
    for (const i of instances)
      expect(evaluateHealth({ check: 'running', instance: i as never, status: undefined }).state).not.toBe(
        'failed',
      );
    return instances.length;
  },
};

describe('the fixture corpus through the engine', () => {
  it('has a check for every API answer it holds', () => {
    const api = index.files.filter((f) => !f.operation.startsWith('('));
    expect(api.length).toBeGreaterThan(10);
    for (const f of api) expect(Object.keys(checks), f.file).toContain(f.operation);
  });

  it.each(index.files.filter((f) => !f.operation.startsWith('(')).map((f) => [f.file, f] as const))(
    '%s',
    (_file, entry) => {
      const check = checks[entry.operation];
      expect(check).toBeDefined();
      expect(check?.(load(entry.file))).toBeGreaterThan(0);
    },
  );

  it('the corpus covers the operations the engine reads most', () => {
    for (const op of [
      'DescribeJobs',
      'DescribeJobLogItems',
      'DescribeRecoveryInstances',
      'GetLaunchConfiguration',
    ])
      expect(entries(op).length, op).toBeGreaterThan(0);
  });
});
