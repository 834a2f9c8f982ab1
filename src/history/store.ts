/**
 * The history store: a branch of the repository (default drs-drill-history) written through GitHub's
 * Git Data API with the job's token, never checked out and never merged. Layout:
 *
 *   .drs-drill-history                  marker: this branch is a drill history (nothing else is written to)
 *   index.json                          every record, for one-read access, with the blob id of its file
 *   runs/<plan>/<start>-<run>-<n>.json  one record per run attempt (the authority)
 *   runs/<plan>/<…>.report.json.gz      the full report.json of that run, gzip-compressed
 *
 * Reading takes four requests whatever the history's size (ref, commit, recursive tree, index blob):
 * a record whose file still has the blob id the index names is taken from the index; any other record
 * file (hand-edited, or written while the index was lost) is read on its own, and one that is not a
 * valid record is skipped with a problem naming it. Writing adds one commit holding the record, the
 * report and the new index, and moves the branch only as a fast-forward: when another run moved it
 * first, GitHub refuses (422) and the write starts over from the new head, so both records are kept.
 * Octokit comes in as a parameter; nothing here reads inputs or the environment.
 */
import type { Buffer } from 'node:buffer';
import { type Backoff, retryDelayMs } from '../core/backoff.js';
import { errorMessage } from '../errors.js';
import type { Octokit } from '../github/comment.js';
import {
  type BranchListing,
  blobText,
  commitFiles,
  createBlob,
  type HistoryLocation,
  mapLimited,
  readBranch,
  retryable,
  statusOf,
} from './git-data.js';
import { byStart, type HistoryRecord, recordProblems, type StoredRecord } from './record.js';

export { checkBranchName, gitBlobSha, type HistoryLocation, statusOf } from './git-data.js';

export const DEFAULT_HISTORY_BRANCH = 'drs-drill-history';
export const MARKER_FILE = '.drs-drill-history';
export const INDEX_FILE = 'index.json';
export const INDEX_SCHEMA = 'drs-drill-history-index/v1';
const RECORD_FILE = /^runs\/[^/]+\/[^/]+\.json$/;
const MARKER_TEXT =
  'This branch is the drill history of the DRS drill action: one record per drill or recovery under\n' +
  'runs/<plan>/, the full report.json beside it (gzip), and index.json over all of them. It is written\n' +
  'by the action only, one commit per run. Do not merge it into another branch.\n';

interface IndexEntry {
  file: string;
  /** Git blob id of the record file when the index was written. */
  sha: string;
  record: HistoryRecord;
}

export interface HistoryRead {
  /** False when the branch does not exist yet: an empty history. */
  exists: boolean;
  /** Valid records, oldest first. */
  records: StoredRecord[];
  /** One line per file skipped or repaired, naming it. */
  problems: string[];
  /** How many GitHub requests the read made. */
  requests: number;
  /** For a write on top of this read. */
  head?: string;
  tree?: string;
  marker: boolean;
  entries: IndexEntry[];
}

/** The token may not write the branch (fork pull requests, `contents: read`): a warning, never retried. */
export class HistoryPermissionError extends Error {
  override readonly name = 'HistoryPermissionError';
}

/** The branch exists and holds something else than a drill history: never written to. */
export class NotAHistoryBranchError extends Error {
  override readonly name = 'NotAHistoryBranchError';
}

function parseIndex(text: string): { entries: IndexEntry[]; problems: string[] } | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return `not JSON (${errorMessage(e)})`;
  }
  const index = value as { schema?: unknown; records?: unknown };
  if (index?.schema !== INDEX_SCHEMA || !Array.isArray(index.records)) {
    return `not a history index (schema ${JSON.stringify(index?.schema)})`;
  }
  const entries: IndexEntry[] = [];
  const problems: string[] = [];
  for (const item of index.records as Partial<IndexEntry>[]) {
    if (typeof item?.file !== 'string' || typeof item.sha !== 'string') continue;
    const wrong = recordProblems(item.record);
    if (wrong.length > 0) problems.push(`${INDEX_FILE} (entry for ${item.file}): ${wrong.join('; ')}`);
    else entries.push(item as IndexEntry);
  }
  return { entries, problems };
}

/** The index's valid entries (one request when there is an index); none when it is missing or unreadable. */
async function readIndex(
  octokit: Octokit,
  loc: HistoryLocation,
  indexSha: string | undefined,
  problems: string[],
): Promise<IndexEntry[]> {
  if (!indexSha) return [];
  const parsed = parseIndex(await blobText(octokit, loc, indexSha));
  if (typeof parsed === 'string') {
    problems.push(`${INDEX_FILE}: ${parsed}; every record file is read instead`);
    return [];
  }
  problems.push(...parsed.problems);
  return parsed.entries;
}

/** A record file the index does not vouch for, read on its own; undefined (and a problem) when invalid. */
async function rereadRecord(
  octokit: Octokit,
  loc: HistoryLocation,
  [file, sha]: [string, string],
  problems: string[],
): Promise<IndexEntry | undefined> {
  let value: unknown;
  try {
    value = JSON.parse(await blobText(octokit, loc, sha));
  } catch (e) {
    problems.push(`${file}: not a JSON record (${errorMessage(e)}); skipped`);
    return undefined;
  }
  const wrong = recordProblems(value);
  if (wrong.length > 0) {
    problems.push(`${file}: not a valid history record (${wrong.join('; ')}); skipped`);
    return undefined;
  }
  return { file, sha, record: value as HistoryRecord };
}

/** The plan's record files, split into those the index holds unchanged and those to read again. */
function splitByIndex(
  blobs: BranchListing['blobs'],
  entries: IndexEntry[],
  planName: string | undefined,
): { fresh: IndexEntry[]; stale: [string, string][] } {
  const indexed = new Map(entries.map((e) => [e.file, e]));
  const wanted = [...blobs].filter(
    ([path]) => RECORD_FILE.test(path) && (!planName || path.startsWith(`runs/${planName}/`)),
  );
  const fresh: IndexEntry[] = [];
  const stale = wanted.filter(([path, sha]) => {
    const entry = indexed.get(path);
    if (entry && entry.sha === sha) {
      fresh.push(entry);
      return false;
    }
    return true;
  });
  return { fresh, stale };
}

/** The records filed under their own plan's folder (and of `planName`, if given), oldest first. */
function filedRecords(all: IndexEntry[], planName: string | undefined, problems: string[]): StoredRecord[] {
  const records: StoredRecord[] = [];
  for (const entry of all) {
    const folder = entry.file.split('/')[1];
    if (entry.record.plan.name !== folder) {
      problems.push(
        `${entry.file}: a record of plan "${entry.record.plan.name}" filed under runs/${folder}/; skipped`,
      );
      continue;
    }
    if (!planName || entry.record.plan.name === planName)
      records.push({ file: entry.file, record: entry.record });
  }
  records.sort(byStart);
  return records;
}

/**
 * Every valid record on the branch, optionally of one plan (by its name: a renamed file keeps its
 * history, a record filed under another plan's folder is not taken for this one).
 */
export async function readHistory(
  octokit: Octokit,
  loc: HistoryLocation,
  opts: { planName?: string } = {},
): Promise<HistoryRead> {
  const branch = await readBranch(octokit, loc);
  if (!branch) return { exists: false, records: [], problems: [], requests: 1, marker: false, entries: [] };
  const problems: string[] = [];
  if (branch.truncated)
    problems.push('the branch listing was truncated by GitHub; only the records it shows were read');
  const indexSha = branch.blobs.get(INDEX_FILE);
  const entries = await readIndex(octokit, loc, indexSha, problems);
  const { fresh, stale } = splitByIndex(branch.blobs, entries, opts.planName);
  const reread = await mapLimited(stale, 8, (item) => rereadRecord(octokit, loc, item, problems));
  const all = [...fresh, ...reread.filter((e): e is IndexEntry => e !== undefined)];
  const records = filedRecords(all, opts.planName, problems);
  return {
    exists: true,
    records,
    problems,
    // ref, commit and tree, then the index and every record file read on its own
    requests: 3 + (indexSha ? 1 : 0) + stale.length,
    head: branch.head,
    tree: branch.tree,
    marker: branch.blobs.has(MARKER_FILE),
    entries: all,
  };
}

export interface NewRecord {
  file: string;
  record: HistoryRecord;
  /** report.json, gzip-compressed, kept beside the record. */
  report?: { file: string; gzip: Buffer };
}

export interface WriteDeps {
  sleep?: (ms: number) => Promise<void>;
  /** Attempts in all, including the first. */
  maxAttempts?: number;
  random?: () => number;
  log?: (message: string) => void;
}

export interface WriteResult {
  commit: string;
  attempts: number;
  /** How many records the index holds after the write. */
  records: number;
}

/** Blob ids of the record and its report. */
interface RecordBlobs {
  record: string;
  report?: string;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The index keeps what a summary needs; a record's full server list stays in its own file. */
function indexEntryOf(entry: IndexEntry): IndexEntry {
  if (!entry.record.servers.ids) return entry;
  const { ids: _ids, ...servers } = entry.record.servers;
  return { ...entry, record: { ...entry.record, servers } };
}

/** One attempt at the write: the history read afresh, the new index built on it, one commit on its head. */
async function writeOnce(
  octokit: Octokit,
  loc: HistoryLocation,
  add: NewRecord,
  recordBlobs: () => Promise<RecordBlobs>,
): Promise<{ commit: string; records: number }> {
  const read = await readHistory(octokit, loc);
  if (read.exists && !read.marker) {
    throw new NotAHistoryBranchError(
      `branch ${loc.branch} exists but is not a drill history (no ${MARKER_FILE} file): nothing is written to it`,
    );
  }
  const written = await recordBlobs();
  const entries = [
    ...read.entries.filter((e) => e.file !== add.file),
    { file: add.file, sha: written.record, record: add.record },
  ]
    .map(indexEntryOf)
    .sort((a, b) => byStart(a, b));
  const index = `${JSON.stringify({ schema: INDEX_SCHEMA, records: entries })}\n`;
  const files: { path: string; sha: string }[] = [
    { path: add.file, sha: written.record },
    { path: INDEX_FILE, sha: await createBlob(octokit, loc, index) },
  ];
  if (add.report && written.report) files.push({ path: add.report.file, sha: written.report });
  if (!read.exists) files.push({ path: MARKER_FILE, sha: await createBlob(octokit, loc, MARKER_TEXT) });
  const commit = await commitFiles(octokit, loc, {
    files,
    ...(read.tree ? { baseTree: read.tree } : {}),
    ...(read.head ? { parent: read.head } : {}),
    message: `drill history: ${add.record.plan.name} ${add.record.mode} ${add.record.status} (${add.record.executionId} attempt ${add.record.runAttempt})`,
  });
  return { commit, records: entries.length };
}

/** Waits between history write attempts: up to 250 ms, doubling, at most 8 s. */
const HISTORY_WRITE_BACKOFF: Backoff = { baseMs: 250, maxMs: 8000 };

/** After a failed attempt: throws what is not worth retrying, else logs and returns the wait before the next. */
function retryDelay(
  e: unknown,
  loc: HistoryLocation,
  attempt: number,
  policy: { maxAttempts: number; random: () => number; log: WriteDeps['log'] },
): number {
  if (statusOf(e) === 403 || statusOf(e) === 401) {
    throw new HistoryPermissionError(
      `the token may not write branch ${loc.branch} (${statusOf(e)} ${errorMessage(e)}): give the job \`permissions: contents: write\`; pull requests from forks never can`,
      { cause: e },
    );
  }
  if (e instanceof NotAHistoryBranchError) throw e;
  const kind = retryable(e);
  if (!kind || attempt >= policy.maxAttempts) throw e;
  const delay = retryDelayMs(attempt, HISTORY_WRITE_BACKOFF, { random: policy.random });
  policy.log?.(
    `${kind === 'conflict' ? 'Another run wrote the history at the same time' : `Writing the history failed (${errorMessage(e)})`}; trying again (attempt ${attempt + 1} of ${policy.maxAttempts}).`,
  );
  return delay;
}

/**
 * Adds one record (and its report) to the history in one commit, creating the branch on first use.
 * A concurrent write makes GitHub refuse the fast-forward; the write is then rebuilt on the new head.
 */
export async function appendRecord(
  octokit: Octokit,
  loc: HistoryLocation,
  add: NewRecord,
  deps: WriteDeps = {},
): Promise<WriteResult> {
  const sleep = deps.sleep ?? defaultSleep;
  const policy = { maxAttempts: deps.maxAttempts ?? 6, random: deps.random ?? Math.random, log: deps.log };
  const recordText = `${JSON.stringify(add.record, null, 2)}\n`;
  let written: RecordBlobs | undefined;
  // Blobs are content-addressed: made once, reused by every attempt.
  const recordBlobs = async (): Promise<RecordBlobs> =>
    (written ??= {
      record: await createBlob(octokit, loc, recordText),
      ...(add.report ? { report: await createBlob(octokit, loc, add.report.gzip) } : {}),
    });
  for (let attempt = 1; ; attempt++) {
    try {
      const done = await writeOnce(octokit, loc, add, recordBlobs);
      return { commit: done.commit, attempts: attempt, records: done.records };
    } catch (e) {
      await sleep(retryDelay(e, loc, attempt, policy));
    }
  }
}
