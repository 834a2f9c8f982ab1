import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../../src/action-inputs.js';
import { recordFileName } from '../../../src/history/record.js';
import { MARKER_FILE } from '../../../src/history/store.js';
import { runStatusMode } from '../../../src/modes/status.js';
import { readRunEnvironment } from '../../../src/run-env.js';
import { record, recordingIO, type StubServer, startStub } from './helpers.js';

let stub: StubServer;
beforeAll(async () => {
  stub = await startStub();
});
afterAll(async () => stub.close());

const PLAN = `version: 1
name: estate
region: us-east-1
waves:
  - name: all
    servers:
      - tags: { App: demo }
`;

describe('status mode: the estate', () => {
  it('calls a plan stale when its selectors resolve to other servers than at its last successful drill', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'status-estate-'));
    await mkdir(join(workspace, 'drs-plans'));
    await writeFile(join(workspace, 'drs-plans', 'estate.yaml'), PLAN);
    const r = record(0, 900, { name: 'estate', sha256: createHash('sha256').update(PLAN).digest('hex') });
    r.startedAt = new Date(Date.now() - 86_400_000).toISOString();
    r.endedAt = r.startedAt;
    stub.github.state.git.commitFiles('acme/dr', 'estate-history', {
      [MARKER_FILE]: 'x',
      [recordFileName('estate', r.startedAt, r.runId, 1)]: JSON.stringify(r),
    });
    const inputs = readInputs(
      (n) =>
        ({
          mode: 'status',
          plan: 'drs-plans/*.yaml',
          'history-branch': 'estate-history',
          'github-token': 'ghs_x',
        })[n] ?? '',
      '1',
    );
    const run = readRunEnvironment({ GITHUB_WORKSPACE: workspace, GITHUB_REPOSITORY: 'acme/dr' }, workspace);
    const status = (servers: string[] | string) => {
      const io = recordingIO();
      return runStatusMode(io, inputs, run, {
        clock: { now: () => Date.now() } as never,
        env: {},
        getIdToken: async () => '',
        octokit: () => stub.octokit,
        resolveServers: async () => servers,
      }).then((outcome) => ({ outcome, io }));
    };
    const same = await status(r.servers.ids ?? []);
    expect(same.outcome).toMatchObject({ stalePlans: [], rows: [{ reasons: [] }] });
    expect(same.outcome.failure).toBeUndefined();
    const moved = await status([...(r.servers.ids ?? []), 's-10000000000000099']);
    expect(moved.outcome.rows[0]?.reasons).toEqual(['estate']);
    expect(moved.outcome.failure).toMatch(
      /1 of 1 plan is not proven \(fail-on stale\): drs-plans\/estate\.yaml/,
    );
    expect(moved.io.summaries[0]).toMatch(
      /the servers it resolves to changed since its last successful drill/,
    );
    const unknown = await status('AccessDenied');
    expect(unknown.outcome.rows[0]?.reasons).toEqual([]);
    expect(unknown.io.warnings[0]?.message).toBe(
      'drs-plans/estate.yaml: its servers were not compared with the estate: AccessDenied',
    );
  });
});
