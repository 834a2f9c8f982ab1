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
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { errorMessage } from '../errors.js';
import type { Octokit } from '../github/comment.js';
import { byStart, type HistoryRecord, recordProblems, type StoredRecord } from './record.js';

export const DEFAULT_HISTORY_BRANCH = 'drs-drill-history';
export const MARKER_FILE = '.drs-drill-history';
export const INDEX_FILE = 'index.json';
export const INDEX_SCHEMA = 'drs-drill-history-index/v1';
const RECORD_FILE = /^runs\/[^/]+\/[^/]+\.json$/;
const MARKER_TEXT =
  'This branch is the drill history of the DRS drill action: one record per drill or recovery under\n' +
  'runs/<plan>/, the full report.json beside it (gzip), and index.json over all of them. It is written\n' +
  'by the action only, one commit per run. Do not merge it into another branch.\n';

export interface HistoryLocation {
  owner: string;
  repo: string;
  branch: string;
}

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

export function statusOf(e: unknown): number | undefined {
  const status = (e as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Git's blob id of some bytes, as the tree listing shows it. */
export function gitBlobSha(content: Buffer): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${content.length}\0`), content]))
    .digest('hex');
}

/** A branch name git and GitHub accept; the store writes to nothing else. */
export function checkBranchName(branch: string): string | undefined {
  if (
    branch.length > 200 ||
    !/^[A-Za-z0-9._/-]+$/.test(branch) ||
    branch.startsWith('/') ||
    branch.endsWith('/') ||
    branch.endsWith('.lock') ||
    branch.startsWith('-') ||
    branch.includes('..') ||
    branch.includes('//') ||
    branch.split('/').some((part) => part.startsWith('.'))
  ) {
    return `"${branch}" is not a valid branch name (letters, digits, . _ - and / between parts)`;
  }
  return undefined;
}

async function blobText(octokit: Octokit, loc: HistoryLocation, sha: string): Promise<string> {
  const { data } = await octokit.rest.git.getBlob({ owner: loc.owner, repo: loc.repo, file_sha: sha });
  return Buffer.from(data.content, (data.encoding as BufferEncoding) || 'base64').toString('utf8');
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

/** At most `limit` promises at a time, in order. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
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
  const empty: HistoryRead = {
    exists: false,
    records: [],
    problems: [],
    requests: 1,
    marker: false,
    entries: [],
  };
  let head: string;
  try {
    const { data } = await octokit.rest.git.getRef({
      owner: loc.owner,
      repo: loc.repo,
      ref: `heads/${loc.branch}`,
    });
    head = data.object.sha;
  } catch (e) {
    if (statusOf(e) === 404 || statusOf(e) === 409) return empty; // 409: an empty repository
    throw e;
  }
  const { data: commit } = await octokit.rest.git.getCommit({
    owner: loc.owner,
    repo: loc.repo,
    commit_sha: head,
  });
  const { data: tree } = await octokit.rest.git.getTree({
    owner: loc.owner,
    repo: loc.repo,
    tree_sha: commit.tree.sha,
    recursive: 'true',
  });
  let requests = 3;
  const problems: string[] = [];
  if (tree.truncated)
    problems.push('the branch listing was truncated by GitHub; only the records it shows were read');
  const blobs = new Map(
    tree.tree
      .filter((t) => t.type === 'blob' && t.path && t.sha)
      .map((t) => [t.path as string, t.sha as string]),
  );

  let entries: IndexEntry[] = [];
  const indexSha = blobs.get(INDEX_FILE);
  if (indexSha) {
    requests++;
    const parsed = parseIndex(await blobText(octokit, loc, indexSha));
    if (typeof parsed === 'string')
      problems.push(`${INDEX_FILE}: ${parsed}; every record file is read instead`);
    else {
      entries = parsed.entries;
      problems.push(...parsed.problems);
    }
  }
  const indexed = new Map(entries.map((e) => [e.file, e]));

  const wanted = [...blobs].filter(
    ([path]) => RECORD_FILE.test(path) && (!opts.planName || path.startsWith(`runs/${opts.planName}/`)),
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
  const reread = await mapLimited(stale, 8, async ([file, sha]): Promise<IndexEntry | undefined> => {
    requests++;
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
  });
  const all = [...fresh, ...reread.filter((e): e is IndexEntry => e !== undefined)];
  const records: StoredRecord[] = [];
  for (const entry of all) {
    const folder = entry.file.split('/')[1];
    if (entry.record.plan.name !== folder) {
      problems.push(
        `${entry.file}: a record of plan "${entry.record.plan.name}" filed under runs/${folder}/; skipped`,
      );
      continue;
    }
    if (!opts.planName || entry.record.plan.name === opts.planName)
      records.push({ file: entry.file, record: entry.record });
  }
  records.sort(byStart);
  return {
    exists: true,
    records,
    problems,
    requests,
    head,
    tree: commit.tree.sha,
    marker: blobs.has(MARKER_FILE),
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

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The index keeps what a summary needs; a record's full server list stays in its own file. */
function indexEntryOf(entry: IndexEntry): IndexEntry {
  if (!entry.record.servers.ids) return entry;
  const { ids: _ids, ...servers } = entry.record.servers;
  return { ...entry, record: { ...entry.record, servers } };
}

function retryable(e: unknown): 'conflict' | 'transient' | undefined {
  const status = statusOf(e);
  if (status === 409 || status === 422) return 'conflict';
  if (status === undefined || status >= 500 || status === 429) return 'transient';
  return undefined;
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
  const random = deps.random ?? Math.random;
  const maxAttempts = deps.maxAttempts ?? 6;
  const base = { owner: loc.owner, repo: loc.repo };
  const createBlob = async (content: Buffer | string) => {
    const text = typeof content === 'string';
    const { data } = await octokit.rest.git.createBlob({
      ...base,
      content: text ? content : content.toString('base64'),
      encoding: text ? 'utf-8' : 'base64',
    });
    return data.sha;
  };
  const recordText = `${JSON.stringify(add.record, null, 2)}\n`;
  let written: { record: string; report?: string } | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      const read = await readHistory(octokit, loc);
      if (read.exists && !read.marker) {
        throw new NotAHistoryBranchError(
          `branch ${loc.branch} exists but is not a drill history (no ${MARKER_FILE} file): nothing is written to it`,
        );
      }
      // Blobs are content-addressed: made once, reused by every attempt.
      written ??= {
        record: await createBlob(recordText),
        ...(add.report ? { report: await createBlob(add.report.gzip) } : {}),
      };
      const entries = [
        ...read.entries.filter((e) => e.file !== add.file),
        { file: add.file, sha: written.record, record: add.record },
      ]
        .map(indexEntryOf)
        .sort((a, b) => byStart(a, b));
      const index = `${JSON.stringify({ schema: INDEX_SCHEMA, records: entries })}\n`;
      const files: { path: string; sha: string }[] = [
        { path: add.file, sha: written.record },
        { path: INDEX_FILE, sha: await createBlob(index) },
      ];
      if (add.report && written.report) files.push({ path: add.report.file, sha: written.report });
      if (!read.exists) files.push({ path: MARKER_FILE, sha: await createBlob(MARKER_TEXT) });
      const { data: tree } = await octokit.rest.git.createTree({
        ...base,
        ...(read.tree ? { base_tree: read.tree } : {}),
        tree: files.map((f) => ({
          path: f.path,
          mode: '100644' as const,
          type: 'blob' as const,
          sha: f.sha,
        })),
      });
      const { data: commit } = await octokit.rest.git.createCommit({
        ...base,
        message: `drill history: ${add.record.plan.name} ${add.record.mode} ${add.record.status} (${add.record.executionId} attempt ${add.record.runAttempt})`,
        tree: tree.sha,
        parents: read.head ? [read.head] : [],
      });
      if (read.head) {
        await octokit.rest.git.updateRef({
          ...base,
          ref: `heads/${loc.branch}`,
          sha: commit.sha,
          force: false,
        });
      } else {
        await octokit.rest.git.createRef({ ...base, ref: `refs/heads/${loc.branch}`, sha: commit.sha });
      }
      return { commit: commit.sha, attempts: attempt, records: entries.length };
    } catch (e) {
      if (statusOf(e) === 403 || statusOf(e) === 401) {
        throw new HistoryPermissionError(
          `the token may not write branch ${loc.branch} (${statusOf(e)} ${errorMessage(e)}): give the job \`permissions: contents: write\`; pull requests from forks never can`,
          { cause: e },
        );
      }
      if (e instanceof NotAHistoryBranchError) throw e;
      const kind = retryable(e);
      if (!kind || attempt >= maxAttempts) throw e;
      const delay = Math.round(random() * 250 * 2 ** (attempt - 1));
      deps.log?.(
        `${kind === 'conflict' ? 'Another run wrote the history at the same time' : `Writing the history failed (${errorMessage(e)})`}; trying again (attempt ${attempt + 1} of ${maxAttempts}).`,
      );
      await sleep(delay);
    }
  }
}
