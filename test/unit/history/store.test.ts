import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gitBlobSha as stubBlobSha } from '../../../emulator/github-git.js';
import { recordFileName } from '../../../src/history/record.js';
import {
  appendRecord,
  gitBlobSha,
  HistoryPermissionError,
  INDEX_FILE,
  MARKER_FILE,
  NotAHistoryBranchError,
  readHistory,
} from '../../../src/history/store.js';
import { LOC, REPOSITORY, record, type StubServer, startStub } from './helpers.js';

let stub: StubServer;
let branch = 0;
/** A fresh branch name per test: the stub keeps its state across tests. */
let loc = LOC;
const noSleep = { sleep: async () => {} };

beforeAll(async () => {
  stub = await startStub();
});
afterAll(async () => stub.close());
beforeEach(() => {
  loc = { ...LOC, branch: `history-${++branch}` };
  stub.github.state.git.forbidWrites = false;
  stub.github.state.git.beforeRefUpdate = undefined;
});

const add = (day: number, rto: number, opts: Parameters<typeof record>[2] = {}) => {
  const r = record(day, rto, opts);
  return { file: recordFileName(r.plan.name, r.startedAt, r.runId, r.runAttempt), record: r };
};

describe('history store on a branch, through the Git Data API', () => {
  it('reads a missing branch as an empty history and creates it, with marker and index, on first write', async () => {
    expect(await readHistory(stub.octokit, loc)).toMatchObject({ exists: false, records: [] });
    const first = add(1, 900);
    const report = gzipSync(Buffer.from('{"report":1}\n'));
    const result = await appendRecord(
      stub.octokit,
      loc,
      { ...first, report: { file: 'runs/demo/x.report.json.gz', gzip: report } },
      noSleep,
    );
    expect(result).toMatchObject({ attempts: 1, records: 1 });
    const files = stub.github.state.git.filesOf(REPOSITORY, loc.branch);
    expect([...files.keys()].sort()).toEqual(
      [MARKER_FILE, INDEX_FILE, first.file, 'runs/demo/x.report.json.gz'].sort(),
    );
    expect(gunzipSync(files.get('runs/demo/x.report.json.gz') as Buffer).toString()).toBe('{"report":1}\n');
    expect(JSON.parse(files.get(first.file)?.toString() ?? '')).toEqual(first.record);
    // The first commit has no parent: the history shares nothing with the code branches.
    const head = stub.github.state.git.head(REPOSITORY, loc.branch) as string;
    expect(stub.github.state.git.commit(REPOSITORY, head)?.parents).toEqual([]);
  });

  it('appends one commit per record and reads them back oldest first, for one plan by its name', async () => {
    await appendRecord(stub.octokit, loc, add(3, 1000), noSleep);
    await appendRecord(stub.octokit, loc, add(1, 900), noSleep);
    await appendRecord(stub.octokit, loc, add(2, 950, { name: 'payments' }), noSleep);
    const all = await readHistory(stub.octokit, loc);
    expect(all.records.map((r) => r.record.rto.seconds)).toEqual([900, 950, 1000]);
    expect(all.problems).toEqual([]);
    const demo = await readHistory(stub.octokit, loc, { planName: 'demo' });
    expect(demo.records.map((r) => r.record.plan.name)).toEqual(['demo', 'demo']);
    // The index spares the reader the record files: ref, commit, tree, index.
    expect(demo.requests).toBe(4);
  });

  it('keeps both records when another run moves the branch between read and write (422, retried)', async () => {
    await appendRecord(stub.octokit, loc, add(1, 900), noSleep);
    const rival = add(2, 910);
    let raced = false;
    stub.github.state.git.beforeRefUpdate = (_repo, name) => {
      if (raced || name !== loc.branch) return;
      raced = true;
      // The rival wrote its record file (not the index) a moment earlier.
      stub.github.state.git.commitFiles(REPOSITORY, loc.branch, {
        [rival.file]: `${JSON.stringify(rival.record)}\n`,
      });
    };
    const logs: string[] = [];
    const result = await appendRecord(stub.octokit, loc, add(3, 920), {
      ...noSleep,
      log: (m) => logs.push(m),
    });
    expect(result.attempts).toBe(2);
    expect(logs[0]).toMatch(
      /Another run wrote the history at the same time; trying again \(attempt 2 of 6\)/,
    );
    const read = await readHistory(stub.octokit, loc);
    expect(read.records.map((r) => r.record.rto.seconds)).toEqual([900, 910, 920]);
    expect(read.problems).toEqual([]);
  });

  it('keeps both records of two writers racing for real', async () => {
    await Promise.all([
      appendRecord(stub.octokit, loc, add(1, 900), noSleep),
      appendRecord(stub.octokit, loc, add(2, 910), noSleep),
    ]);
    const read = await readHistory(stub.octokit, loc);
    expect(read.records.map((r) => r.record.rto.seconds)).toEqual([900, 910]);
  });

  it('turns a read-only token (403) into a permission error, and writes nothing', async () => {
    stub.github.state.git.forbidWrites = true;
    await expect(appendRecord(stub.octokit, loc, add(1, 900), noSleep)).rejects.toThrow(
      HistoryPermissionError,
    );
    await expect(appendRecord(stub.octokit, loc, add(1, 900), noSleep)).rejects.toThrow(/contents: write/);
    expect(stub.github.state.git.head(REPOSITORY, loc.branch)).toBeUndefined();
  });

  it('never writes to a branch that is not a drill history', async () => {
    stub.github.state.git.commitFiles(REPOSITORY, loc.branch, { 'README.md': 'code' });
    const before = stub.github.state.git.head(REPOSITORY, loc.branch);
    await expect(appendRecord(stub.octokit, loc, add(1, 900), noSleep)).rejects.toThrow(
      NotAHistoryBranchError,
    );
    expect(stub.github.state.git.head(REPOSITORY, loc.branch)).toBe(before);
  });

  it('skips a hand-edited or corrupted record with a problem naming the file, and keeps the rest', async () => {
    const good = add(1, 900);
    const edited = add(2, 910);
    await appendRecord(stub.octokit, loc, good, noSleep);
    await appendRecord(stub.octokit, loc, edited, noSleep);
    const bad = { ...edited.record, rto: { seconds: 'fast' } };
    stub.github.state.git.commitFiles(REPOSITORY, loc.branch, {
      [edited.file]: JSON.stringify(bad),
      'runs/demo/2026-02-01T00-00-00Z-9-1.json': '{ not json',
      // A record of another plan filed under this plan's folder.
      'runs/demo/2026-02-02T00-00-00Z-9-1.json': JSON.stringify(record(32, 1, { name: 'payments' })),
    });
    const read = await readHistory(stub.octokit, loc, { planName: 'demo' });
    expect(read.records.map((r) => r.file)).toEqual([good.file]);
    expect(read.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `^${edited.file}: not a valid history record \\(/rto/seconds: must be number\\); skipped$`,
          ),
        ),
        expect.stringMatching(/^runs\/demo\/2026-02-01T00-00-00Z-9-1\.json: not a JSON record .*; skipped$/),
        expect.stringMatching(
          /^runs\/demo\/2026-02-02T00-00-00Z-9-1\.json: a record of plan "payments" filed under runs\/demo\/; skipped$/,
        ),
      ]),
    );
    // The next write repairs the index from the files and keeps the good records.
    await appendRecord(stub.octokit, loc, add(3, 920), noSleep);
    const index = JSON.parse(
      stub.github.state.git.filesOf(REPOSITORY, loc.branch).get(INDEX_FILE)?.toString() ?? '',
    );
    expect(index.records.map((e: { file: string }) => e.file)).not.toContain(edited.file);
  });

  it('reads every record file when the index is lost or corrupted, naming index.json', async () => {
    await appendRecord(stub.octokit, loc, add(1, 900), noSleep);
    await appendRecord(stub.octokit, loc, add(2, 910), noSleep);
    stub.github.state.git.commitFiles(REPOSITORY, loc.branch, { [INDEX_FILE]: '{"schema":"x"' });
    const read = await readHistory(stub.octokit, loc);
    expect(read.records).toHaveLength(2);
    expect(read.problems[0]).toMatch(/^index\.json: not JSON .*; every record file is read instead$/);
  });

  it('reads 500 records in four requests, and names blobs as git does', async () => {
    const entries = Array.from({ length: 500 }, (_, i) => add(i, 900 + i));
    const files: Record<string, string> = { [MARKER_FILE]: 'x' };
    for (const e of entries) files[e.file] = `${JSON.stringify(e.record, null, 2)}\n`;
    files[INDEX_FILE] = JSON.stringify({
      schema: 'drs-drill-history-index/v1',
      records: entries.map((e) => ({
        file: e.file,
        sha: gitBlobSha(Buffer.from(files[e.file] as string)),
        record: e.record,
      })),
    });
    stub.github.state.git.commitFiles(REPOSITORY, loc.branch, files);
    const read = await readHistory(stub.octokit, loc, { planName: 'demo' });
    expect(read.records).toHaveLength(500);
    expect(read.requests).toBe(4);
    expect(read.problems).toEqual([]);
    expect(gitBlobSha(Buffer.from('hello\n'))).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
    expect(stubBlobSha(Buffer.from('hello\n'))).toBe(gitBlobSha(Buffer.from('hello\n')));
  });
});
