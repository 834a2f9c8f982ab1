import {
  DescribeJobsCommand,
  DescribeRecoveryInstancesCommand,
  StartRecoveryCommand,
} from '@aws-sdk/client-drs';
import { afterEach, describe, expect, it } from 'vitest';
import { estateServerId, generateEstate } from '../../../emulator/estate.js';
import { type Harness, MINUTE, start, stop } from './helpers.js';

let h: Harness;
afterEach(async () => {
  if (h) await stop(h);
});

describe('a 500-server estate, 5 waves of 100', () => {
  it('launches every server of five 100-server jobs (throughput is the benchmark’s business)', async () => {
    h = await start(generateEstate(500));
    const jobIds: string[] = [];
    for (let wave = 0; wave < 5; wave++) {
      const sourceServers = Array.from({ length: 100 }, (_, i) => ({
        sourceServerID: estateServerId(wave * 100 + i),
      }));
      const { job } = await h.drs.send(new StartRecoveryCommand({ isDrill: true, sourceServers }));
      jobIds.push(job!.jobID!);
      h.emulator.state.advance(20 * MINUTE);
    }
    const jobs = (await h.drs.send(new DescribeJobsCommand({ filters: { jobIDs: jobIds } }))).items!;
    expect(jobs.every((j) => j.status === 'COMPLETED')).toBe(true);
    expect(
      jobs.flatMap((j) => j.participatingServers ?? []).filter((p) => p.launchStatus === 'LAUNCHED'),
    ).toHaveLength(500);
    const instances =
      (await h.drs.send(new DescribeRecoveryInstancesCommand({ maxResults: 1000 }))).items ?? [];
    expect(instances).toHaveLength(500);
  }, 120_000);
});
