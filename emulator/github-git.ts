/**
 * The git side of the GitHub stub: branches (refs), the Git Data API (blobs, trees, commits), file
 * contents read from and written to a branch, and the commits that touched a path. Enough for the
 * action's history branch, with GitHub's answers to the cases that matter:
 *
 * - a ref update that is not a fast-forward is refused (422 "Update is not a fast forward"), and a ref
 *   that already exists cannot be created again (422 "Reference already exists"): two writers racing on
 *   one branch see the loser refused, never a lost commit;
 * - a contents write must name the blob it replaces: without `sha` on an existing file it is 422, with a
 *   stale `sha` it is 409 "… is at X but expected Y";
 * - a read-only token (fork pull requests, `contents: read`) gets 403 on every write.
 *
 * Blob ids are git's own (sha1 of `blob <size>\0<bytes>`), so a client may compute them locally. Trees
 * are kept flat (every file path of the commit → its blob), which is all the API shows anyway.
 */
import { createHash } from 'node:crypto';
import type { EmulatorRequest, EmulatorResponse } from './http-types.js';

export interface GitCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  date: string;
}

interface Repo {
  blobs: Map<string, Buffer>;
  /** tree sha → (path → blob sha). */
  trees: Map<string, Map<string, string>>;
  commits: Map<string, GitCommit>;
  /** `refs/heads/<name>` → commit sha. */
  refs: Map<string, string>;
}

export interface GitStubState {
  /** Every write (blob, tree, commit, ref, contents) is refused with 403, as for a read-only token. */
  forbidWrites: boolean;
  /**
   * Called before a ref update is applied, with the repository and branch: a test commits there to play
   * a concurrent writer that won the race.
   */
  beforeRefUpdate?: (repository: string, branch: string) => void;
  /** The commit a branch points at. */
  head(repository: string, branch: string): string | undefined;
  /** path → text of every file on a branch (empty when the branch does not exist). */
  filesOf(repository: string, branch: string): Map<string, Buffer>;
  /** Commits `files` (path → text or bytes; `null` deletes) on top of the branch, creating it if needed. */
  commitFiles(
    repository: string,
    branch: string,
    files: Record<string, string | Buffer | null>,
    message?: string,
  ): string;
  commit(repository: string, sha: string): GitCommit | undefined;
}

export function gitBlobSha(content: Buffer): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${content.length}\0`), content]))
    .digest('hex');
}

/** A file as `GET /contents/{path}` shows it (base64 wrapped at 60 columns, as GitHub sends it). */
export function fileContentJson(path: string, content: Buffer) {
  return {
    type: 'file',
    encoding: 'base64',
    size: content.length,
    name: path.split('/').pop(),
    path,
    sha: gitBlobSha(content),
    // Clients must cope with the newlines.
    content: (content.toString('base64').match(/.{1,60}/g) ?? []).join('\n'),
  };
}

function digest(kind: string, value: unknown): string {
  return createHash('sha1')
    .update(`${kind}\0${JSON.stringify(value)}`)
    .digest('hex');
}

type Reply = (status: number, value: unknown, headers?: Record<string, string>) => EmulatorResponse;
type Message = (status: number, text: string, extra?: Record<string, unknown>) => EmulatorResponse;

export function createGitStub(now: () => number, json: Reply, message: Message) {
  const repos = new Map<string, Repo>();
  const repoOf = (repository: string): Repo => {
    let repo = repos.get(repository);
    if (!repo) {
      repo = { blobs: new Map(), trees: new Map(), commits: new Map(), refs: new Map() };
      repos.set(repository, repo);
    }
    return repo;
  };

  const putBlob = (repo: Repo, content: Buffer) => {
    const sha = gitBlobSha(content);
    repo.blobs.set(sha, content);
    return sha;
  };
  const putTree = (repo: Repo, files: Map<string, string>) => {
    const sorted = new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
    const sha = digest('tree', [...sorted]);
    repo.trees.set(sha, sorted);
    return sha;
  };
  const putCommit = (repo: Repo, tree: string, parents: string[], msg: string) => {
    const date = new Date(now()).toISOString();
    const sha = digest('commit', { tree, parents, msg, date, n: repo.commits.size });
    const commit: GitCommit = { sha, tree, parents, message: msg, date };
    repo.commits.set(sha, commit);
    return commit;
  };
  const treeOfCommit = (repo: Repo, sha: string | undefined) =>
    sha ? repo.trees.get(repo.commits.get(sha)?.tree ?? '') : undefined;
  /** A branch name, a commit sha or a tree sha, as GitHub accepts for `ref`/`tree_sha`. */
  const resolveTree = (repo: Repo, ref: string): Map<string, string> | undefined =>
    repo.trees.get(ref) ?? treeOfCommit(repo, repo.refs.get(`refs/heads/${ref}`) ?? ref);
  const resolveCommit = (repo: Repo, ref: string): string | undefined =>
    repo.refs.get(`refs/heads/${ref}`) ?? (repo.commits.has(ref) ? ref : undefined);

  function isAncestor(repo: Repo, ancestor: string, of: string): boolean {
    const seen = new Set<string>();
    const queue = [of];
    while (queue.length > 0) {
      const sha = queue.pop() as string;
      if (sha === ancestor) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      queue.push(...(repo.commits.get(sha)?.parents ?? []));
    }
    return false;
  }

  const state: GitStubState = {
    forbidWrites: false,
    head: (repository, branch) => repoOf(repository).refs.get(`refs/heads/${branch}`),
    filesOf(repository, branch) {
      const repo = repoOf(repository);
      const tree = resolveTree(repo, branch) ?? new Map<string, string>();
      return new Map([...tree].map(([path, sha]) => [path, repo.blobs.get(sha) ?? Buffer.alloc(0)]));
    },
    commitFiles(repository, branch, files, msg = 'test commit') {
      const repo = repoOf(repository);
      const head = repo.refs.get(`refs/heads/${branch}`);
      const tree = new Map(treeOfCommit(repo, head) ?? []);
      for (const [path, content] of Object.entries(files)) {
        if (content === null) tree.delete(path);
        else tree.set(path, putBlob(repo, Buffer.isBuffer(content) ? content : Buffer.from(content)));
      }
      const commit = putCommit(repo, putTree(repo, tree), head ? [head] : [], msg);
      repo.refs.set(`refs/heads/${branch}`, commit.sha);
      return commit.sha;
    },
    commit: (repository, sha) => repoOf(repository).commits.get(sha),
  };

  const body = (request: EmulatorRequest): Record<string, unknown> | undefined => {
    try {
      const parsed: unknown = JSON.parse(request.body || '{}');
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  const forbidden = () => message(403, 'Resource not accessible by integration');
  const commitJson = (c: GitCommit) => ({
    sha: c.sha,
    tree: { sha: c.tree },
    parents: c.parents.map((sha) => ({ sha })),
    message: c.message,
    author: { name: 'github-actions[bot]', email: 'bot@example.invalid', date: c.date },
    committer: { name: 'github-actions[bot]', email: 'bot@example.invalid', date: c.date },
  });
  const refJson = (ref: string, sha: string) => ({ ref, object: { sha, type: 'commit' } });

  function getRef(repo: Repo, ref: string) {
    const sha = repo.refs.get(`refs/${ref}`);
    return sha ? json(200, refJson(`refs/${ref}`, sha)) : message(404, 'Not Found');
  }

  function createRef(repo: Repo, request: EmulatorRequest) {
    if (state.forbidWrites) return forbidden();
    const b = body(request);
    const ref = b?.ref;
    const sha = b?.sha;
    if (typeof ref !== 'string' || !/^refs\/heads\/[^\s~^:?*[\\]+$/.test(ref) || typeof sha !== 'string') {
      return message(422, 'Reference name or sha is invalid');
    }
    if (!repo.commits.has(sha)) return message(422, 'Object does not exist');
    if (repo.refs.has(ref)) return message(422, 'Reference already exists');
    repo.refs.set(ref, sha);
    return json(201, refJson(ref, sha));
  }

  function updateRef(repository: string, repo: Repo, branch: string, request: EmulatorRequest) {
    if (state.forbidWrites) return forbidden();
    const b = body(request);
    const sha = b?.sha;
    if (typeof sha !== 'string' || !repo.commits.has(sha)) return message(422, 'Object does not exist');
    state.beforeRefUpdate?.(repository, branch);
    const ref = `refs/heads/${branch}`;
    const current = repo.refs.get(ref);
    if (!current) return message(422, 'Reference does not exist');
    if (b?.force !== true && !isAncestor(repo, current, sha)) {
      return message(422, 'Update is not a fast forward');
    }
    repo.refs.set(ref, sha);
    return json(200, refJson(ref, sha));
  }

  function createBlob(repo: Repo, request: EmulatorRequest) {
    if (state.forbidWrites) return forbidden();
    const b = body(request);
    if (typeof b?.content !== 'string')
      return message(422, 'Invalid request.\n\n"content" wasn\'t supplied.');
    const encoding = b.encoding ?? 'utf-8';
    if (encoding !== 'utf-8' && encoding !== 'base64') return message(422, 'encoding is not valid');
    const sha = putBlob(repo, Buffer.from(b.content, encoding === 'base64' ? 'base64' : 'utf8'));
    return json(201, { sha, url: `blobs/${sha}` });
  }

  function getBlob(repo: Repo, sha: string) {
    const content = repo.blobs.get(sha);
    if (!content) return message(404, 'Not Found');
    return json(200, { sha, size: content.length, encoding: 'base64', content: content.toString('base64') });
  }

  function createTree(repo: Repo, request: EmulatorRequest) {
    if (state.forbidWrites) return forbidden();
    const b = body(request);
    if (!Array.isArray(b?.tree)) return message(422, 'Invalid tree info');
    let files = new Map<string, string>();
    if (typeof b.base_tree === 'string') {
      const base = repo.trees.get(b.base_tree);
      if (!base) return message(422, 'base_tree is not a valid tree');
      files = new Map(base);
    }
    for (const entry of b.tree as Record<string, unknown>[]) {
      const path = entry.path;
      if (typeof path !== 'string' || path === '' || path.startsWith('/') || path.split('/').includes('..')) {
        return message(422, 'tree.path contains a malformed path component');
      }
      if (entry.type !== 'blob' || entry.mode !== '100644') {
        return message(422, 'the stub accepts regular files only (type blob, mode 100644)');
      }
      if (entry.sha === null) {
        files.delete(path);
      } else if (typeof entry.sha === 'string') {
        if (!repo.blobs.has(entry.sha)) return message(422, `tree.sha ${entry.sha} is not a valid blob`);
        files.set(path, entry.sha);
      } else if (typeof entry.content === 'string') {
        files.set(path, putBlob(repo, Buffer.from(entry.content, 'utf8')));
      } else {
        return message(422, 'tree entry needs sha or content');
      }
    }
    const sha = putTree(repo, files);
    return json(201, { sha, tree: treeEntries(repo, files), truncated: false });
  }

  /** Blob entries plus the directories they imply, as `?recursive=1` lists them. */
  function treeEntries(repo: Repo, files: Map<string, string>) {
    const dirs = new Set<string>();
    for (const path of files.keys()) {
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    }
    return [
      ...[...dirs].sort().map((path) => ({ path, mode: '040000', type: 'tree', sha: digest('dir', path) })),
      ...[...files].map(([path, sha]) => ({
        path,
        mode: '100644',
        type: 'blob',
        sha,
        size: repo.blobs.get(sha)?.length ?? 0,
      })),
    ];
  }

  function getTree(repo: Repo, ref: string, request: EmulatorRequest) {
    const files = resolveTree(repo, ref);
    if (!files) return message(404, 'Not Found');
    const recursive = request.query.has('recursive');
    const shown = recursive ? files : new Map([...files].filter(([path]) => !path.includes('/')));
    return json(200, { sha: ref, tree: treeEntries(repo, shown), truncated: false });
  }

  function createCommit(repo: Repo, request: EmulatorRequest) {
    if (state.forbidWrites) return forbidden();
    const b = body(request);
    const parents = Array.isArray(b?.parents) ? (b.parents as unknown[]) : [];
    if (typeof b?.message !== 'string' || typeof b.tree !== 'string' || !repo.trees.has(b.tree)) {
      return message(422, 'Invalid commit: message and a valid tree are required');
    }
    if (!parents.every((p) => typeof p === 'string' && repo.commits.has(p))) {
      return message(422, 'Parent SHA does not exist or is not a commit object');
    }
    return json(201, commitJson(putCommit(repo, b.tree, parents as string[], b.message)));
  }

  function getCommit(repo: Repo, sha: string) {
    const commit = repo.commits.get(sha);
    return commit ? json(200, commitJson(commit)) : message(404, 'Not Found');
  }

  /** `GET /commits?sha=&path=`: newest first, the commits whose change touched `path`. */
  function listCommits(repo: Repo, request: EmulatorRequest) {
    const start = resolveCommit(repo, request.query.get('sha') ?? 'main');
    if (!start) return json(200, []);
    const path = request.query.get('path') ?? undefined;
    const since = Date.parse(request.query.get('since') ?? '') || undefined;
    const perPage = Math.min(100, Number(request.query.get('per_page') ?? 30) || 30);
    const out: GitCommit[] = [];
    for (let sha: string | undefined = start; sha && out.length < perPage; ) {
      const commit: GitCommit | undefined = repo.commits.get(sha);
      if (!commit) break;
      if (since !== undefined && Date.parse(commit.date) < since) break;
      const before = treeOfCommit(repo, commit.parents[0]);
      const after = repo.trees.get(commit.tree);
      if (path === undefined || before?.get(path) !== after?.get(path)) out.push(commit);
      sha = commit.parents[0];
    }
    return json(
      200,
      out.map((c) => ({ sha: c.sha, commit: { ...commitJson(c), sha: undefined } })),
    );
  }

  function getContents(repo: Repo, path: string, request: EmulatorRequest): EmulatorResponse | undefined {
    const ref = request.query.get('ref') ?? 'main';
    const files = resolveTree(repo, ref);
    if (!files) return undefined;
    const sha = files.get(path);
    const content = sha ? repo.blobs.get(sha) : undefined;
    if (!sha || !content) return message(404, 'Not Found');
    if (/\.raw/.test(String(request.headers.accept ?? ''))) {
      return {
        status: 200,
        headers: { 'content-type': 'application/vnd.github.raw' },
        body: content.toString('utf8'),
      };
    }
    return json(200, fileContentJson(path, content));
  }

  function putContents(repository: string, repo: Repo, path: string, request: EmulatorRequest) {
    if (state.forbidWrites) return forbidden();
    const b = body(request);
    if (typeof b?.message !== 'string' || typeof b.content !== 'string') {
      return message(422, 'Invalid request.\n\n"message" and "content" are required.');
    }
    const branch = typeof b.branch === 'string' ? b.branch : 'main';
    const head = repo.refs.get(`refs/heads/${branch}`);
    if (!head) return message(404, `Branch ${branch} not found`);
    const tree = new Map(treeOfCommit(repo, head) ?? []);
    const existing = tree.get(path);
    if (existing && b.sha === undefined) return message(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
    if (existing !== undefined && b.sha !== existing) {
      return message(409, `${path} does not match ${String(b.sha)}`);
    }
    if (!existing && b.sha !== undefined)
      return message(409, `${path} is at none but expected ${String(b.sha)}`);
    state.beforeRefUpdate?.(repository, branch);
    if (repo.refs.get(`refs/heads/${branch}`) !== head) {
      return message(409, `is at ${repo.refs.get(`refs/heads/${branch}`)} but expected ${head}`);
    }
    const blob = putBlob(repo, Buffer.from(b.content, 'base64'));
    tree.set(path, blob);
    const commit = putCommit(repo, putTree(repo, tree), [head], b.message);
    repo.refs.set(`refs/heads/${branch}`, commit.sha);
    return json(existing ? 200 : 201, {
      content: { path, sha: blob, name: path.split('/').pop() },
      commit: commitJson(commit),
    });
  }

  type Route = [
    method: string,
    pattern: RegExp,
    answer: (
      repository: string,
      repo: Repo,
      arg: string,
      request: EmulatorRequest,
    ) => EmulatorResponse | undefined,
  ];
  // Octokit sends `heads/<branch>` and file paths as one encoded path parameter: decoded before use.
  const routes: Route[] = [
    ['GET', /^git\/ref\/(.+)$/, (_, repo, ref) => getRef(repo, ref)],
    ['POST', /^git\/refs$/, (_, repo, __, request) => createRef(repo, request)],
    [
      'PATCH',
      /^git\/refs\/(.+)$/,
      (repository, repo, ref, request) =>
        ref.startsWith('heads/')
          ? updateRef(repository, repo, ref.slice('heads/'.length), request)
          : message(422, 'the stub updates branches only'),
    ],
    ['POST', /^git\/blobs$/, (_, repo, __, request) => createBlob(repo, request)],
    ['GET', /^git\/blobs\/([0-9a-f]{40})$/, (_, repo, sha) => getBlob(repo, sha)],
    ['POST', /^git\/trees$/, (_, repo, __, request) => createTree(repo, request)],
    ['GET', /^git\/trees\/(.+)$/, (_, repo, ref, request) => getTree(repo, ref, request)],
    ['POST', /^git\/commits$/, (_, repo, __, request) => createCommit(repo, request)],
    ['GET', /^git\/commits\/([0-9a-f]{40})$/, (_, repo, sha) => getCommit(repo, sha)],
    ['GET', /^commits$/, (_, repo, __, request) => listCommits(repo, request)],
    [
      'PUT',
      /^contents\/(.+)$/,
      (repository, repo, path, request) => putContents(repository, repo, path, request),
    ],
    ['GET', /^contents\/(.+)$/, (_, repo, path, request) => getContents(repo, path, request)],
  ];

  /**
   * Routes `/api/repos/<owner>/<repo>/…` requests of the git side; undefined for anything else (a
   * contents read on a ref the git side does not know falls through to the seeded files).
   */
  function handle(route: string, request: EmulatorRequest): EmulatorResponse | undefined {
    const m = /^\/api\/repos\/([^/]+)\/([^/]+)\/(.+)$/.exec(route);
    if (!m) return undefined;
    const [, owner = '', name = '', rest = ''] = m;
    for (const [method, pattern, answer] of routes) {
      const hit = method === request.method ? pattern.exec(rest) : null;
      if (hit)
        return answer(
          `${owner}/${name}`,
          repoOf(`${owner}/${name}`),
          decodeURIComponent(hit[1] ?? ''),
          request,
        );
    }
    return undefined;
  }

  return { state, handle };
}
