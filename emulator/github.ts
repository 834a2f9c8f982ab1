/**
 * GitHub stubs for the emulator: the Actions OIDC token endpoint that `core.getIDToken` calls, and the
 * slice of the REST API the action uses (issue comments, file contents at a ref, and through
 * github-git.ts branches, the Git Data API, contents writes and commits of a path), and the one GraphQL
 * query that finds the action's own comment (viewer, comment authors, minimised state). Mounted under a
 * path prefix (e.g. `/_github`), so `ACTIONS_ID_TOKEN_REQUEST_URL=<baseUrl>/oidc/token?api-version=2.0`
 * and `GITHUB_API_URL=<baseUrl>/api`.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createGitStub, fileContentJson, type GitStubState } from './github-git.js';
import type { EmulatorRequest, EmulatorResponse, ServiceHandler } from './http-types.js';

export const GITHUB_OIDC_ISSUER = 'https://token.actions.githubusercontent.com';
/** GitHub rejects comment bodies longer than this. */
export const MAX_COMMENT_BODY = 65_536;
/** Fixed, because the STS stub must recognise tokens this stub issued (they share a process, not a config). */
const SIGNING_KEY = 'drs-drill-emulator-oidc-signing-key';
const BOT = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' } as const;

export interface OidcClaims {
  iss: string;
  aud: string;
  sub: string;
  repository: string;
  repository_owner: string;
  ref: string;
  sha: string;
  run_id: string;
  actor: string;
  event_name: string;
  jti: string;
  iat: number;
  nbf: number;
  exp: number;
}

export interface StubComment {
  id: number;
  owner: string;
  repo: string;
  issueNumber: number;
  body: string;
  user: { login: string; id: number; type: string };
  /** Hidden as outdated, off-topic or abuse (GraphQL `isMinimized`). */
  minimized?: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface GithubStubState {
  /** The Bearer token the OIDC endpoint demands (`ACTIONS_ID_TOKEN_REQUEST_TOKEN`). */
  requestToken: string;
  /** Claims of the next ID tokens; `subject` overrides the derived `repo:<repository>:ref:<ref>`. */
  oidc: {
    repository: string;
    ref: string;
    sha: string;
    runId: string;
    actor: string;
    eventName: string;
    subject?: string;
    lifetimeSeconds: number;
  };
  /** Every ID token issued, newest last. */
  issuedTokens: string[];
  /** Answer this many next OIDC token requests with 503 (the toolkit retries those). */
  oidcFailures: number;
  /** Fork PR: the token is read-only, so comment writes get 403. */
  forbidCommentWrites: boolean;
  comments: StubComment[];
  /** Key `owner/repo@ref:path`. */
  files: Map<string, string>;
  /** Method and path (with query) of every request, in order. */
  requests: string[];
  /** Workflow runs by `owner/repo/<run id>` → status (`in_progress`, `queued`, `completed`). */
  workflowRuns: Map<string, string>;
  seedFile(repository: string, path: string, content: string, ref?: string): void;
  commentsOn(repository: string, issueNumber: number): StubComment[];
  /** Branches, commits and files written through the Git Data and contents APIs. */
  git: GitStubState;
}

export interface GithubStubOptions {
  /** e.g. `http://127.0.0.1:8123/_github`; only its path is used for routing. */
  baseUrl: string;
  now?: () => number;
  requestToken?: string;
}

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

function sign(data: string): string {
  return createHmac('sha256', SIGNING_KEY).update(data).digest('base64url');
}

export function signIdToken(claims: OidcClaims): string {
  const head = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'drs-drill-emulator' }));
  const body = base64url(JSON.stringify(claims));
  return `${head}.${body}.${sign(`${head}.${body}`)}`;
}

export type IdTokenCheck =
  | { ok: true; claims: OidcClaims }
  | { ok: false; reason: 'malformed' | 'signature' | 'expired'; claims?: OidcClaims };

/** Verifies a token this stub issued: shape, signature, then expiry against `nowMs`. */
export function verifyIdToken(token: string, nowMs: number): IdTokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [head, body, signature] = parts as [string, string, string];
  const expected = Buffer.from(sign(`${head}.${body}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'signature' };
  }
  let claims: OidcClaims;
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as OidcClaims;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof claims.exp !== 'number' || nowMs >= claims.exp * 1000)
    return { ok: false, reason: 'expired', claims };
  return { ok: true, claims };
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): EmulatorResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

function message(status: number, text: string, extra: Record<string, unknown> = {}): EmulatorResponse {
  return json(status, { message: text, documentation_url: 'https://docs.github.com/rest', ...extra });
}

function createState(requestToken: string, git: GitStubState): GithubStubState {
  const state: GithubStubState = {
    git,
    requestToken,
    oidc: {
      repository: 'example/drs-plans',
      ref: 'refs/heads/main',
      sha: '0000000000000000000000000000000000000000',
      runId: '1',
      actor: 'octocat',
      eventName: 'workflow_dispatch',
      lifetimeSeconds: 300,
    },
    issuedTokens: [],
    oidcFailures: 0,
    forbidCommentWrites: false,
    comments: [],
    files: new Map(),
    requests: [],
    workflowRuns: new Map(),
    seedFile(repository, path, content, ref = 'main') {
      state.files.set(`${repository}@${ref}:${path.replace(/^\/+/, '')}`, content);
    },
    commentsOn(repository, issueNumber) {
      return state.comments.filter(
        (c) => `${c.owner}/${c.repo}` === repository && c.issueNumber === issueNumber,
      );
    },
  };
  return state;
}

function commentJson(c: StubComment, apiRoot: string) {
  return {
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${apiRoot}/repos/${c.owner}/${c.repo}/issues/comments/${c.id}`,
    html_url: `https://github.com/${c.owner}/${c.repo}/issues/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${apiRoot}/repos/${c.owner}/${c.repo}/issues/${c.issueNumber}`,
    body: c.body,
    user: c.user,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    author_association: 'NONE',
  };
}

function parseBody(request: EmulatorRequest): { body?: unknown } | undefined {
  try {
    const parsed: unknown = JSON.parse(request.body || '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as { body?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

/** Validates a comment body as GitHub does; returns the error response or the body. */
function commentBody(request: EmulatorRequest): EmulatorResponse | string {
  const parsed = parseBody(request);
  if (!parsed) return message(400, 'Problems parsing JSON');
  if (typeof parsed.body !== 'string' || parsed.body === '') {
    return message(422, 'Invalid request.\n\n"body" wasn\'t supplied.');
  }
  if (parsed.body.length > MAX_COMMENT_BODY) {
    return message(422, 'Validation Failed', {
      errors: [
        {
          resource: 'IssueComment',
          code: 'custom',
          field: 'body',
          message: `Body is too long (maximum is ${MAX_COMMENT_BODY} characters)`,
        },
      ],
    });
  }
  return parsed.body;
}

export function createGithub(opts: GithubStubOptions): { handler: ServiceHandler; state: GithubStubState } {
  const prefix = new URL(opts.baseUrl).pathname.replace(/\/+$/, '');
  const origin = new URL(opts.baseUrl).origin;
  // Read Date.now at call time so a faked clock (tests) applies here as it does in the SDK.
  const now = opts.now ?? (() => Date.now());
  const gitStub = createGitStub(now, json, message);
  const state = createState(opts.requestToken ?? 'emulator-id-token-request-token', gitStub.state);
  let nextCommentId = 1000;

  const apiRoot = (request: EmulatorRequest) =>
    `${request.headers.host ? `http://${request.headers.host}` : origin}${prefix}/api`;

  function oidcToken(request: EmulatorRequest): EmulatorResponse {
    if (request.headers.authorization !== `Bearer ${state.requestToken}`) {
      return message(401, 'Bad credentials');
    }
    if (state.oidcFailures > 0) {
      state.oidcFailures--;
      return message(503, 'Service Unavailable');
    }
    const { oidc } = state;
    const iat = Math.floor(now() / 1000);
    const [owner = ''] = oidc.repository.split('/');
    const claims: OidcClaims = {
      iss: GITHUB_OIDC_ISSUER,
      // GitHub's default audience is the owner's URL; sts.amazonaws.com must be asked for.
      aud: request.query.get('audience') ?? `https://github.com/${owner}`,
      sub: oidc.subject ?? `repo:${oidc.repository}:ref:${oidc.ref}`,
      repository: oidc.repository,
      repository_owner: owner,
      ref: oidc.ref,
      sha: oidc.sha,
      run_id: oidc.runId,
      actor: oidc.actor,
      event_name: oidc.eventName,
      jti: randomUUID(),
      iat,
      nbf: iat - 5,
      exp: iat + oidc.lifetimeSeconds,
    };
    const token = signIdToken(claims);
    state.issuedTokens.push(token);
    return json(200, { count: 1760, value: token });
  }

  function listComments(request: EmulatorRequest, owner: string, repo: string, issueNumber: number) {
    const all = state.commentsOn(`${owner}/${repo}`, issueNumber);
    const perPage = Math.min(100, Math.max(1, Number(request.query.get('per_page') ?? 30) || 30));
    const page = Math.max(1, Number(request.query.get('page') ?? 1) || 1);
    const lastPage = Math.max(1, Math.ceil(all.length / perPage));
    const root = apiRoot(request);
    const items = all.slice((page - 1) * perPage, page * perPage).map((c) => commentJson(c, root));
    const link = (p: number, rel: string) =>
      `<${root}/repos/${owner}/${repo}/issues/${issueNumber}/comments?per_page=${perPage}&page=${p}>; rel="${rel}"`;
    const links: string[] = [];
    if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    return json(200, items, links.length > 0 ? { link: links.join(', ') } : {});
  }

  function createComment(request: EmulatorRequest, owner: string, repo: string, issueNumber: number) {
    if (state.forbidCommentWrites) return message(403, 'Resource not accessible by integration');
    const body = commentBody(request);
    if (typeof body !== 'string') return body;
    const at = new Date(now()).toISOString();
    const comment: StubComment = {
      id: nextCommentId++,
      owner,
      repo,
      issueNumber,
      body,
      user: { ...BOT },
      createdAt: at,
      updatedAt: at,
    };
    state.comments.push(comment);
    return json(201, commentJson(comment, apiRoot(request)));
  }

  function updateComment(request: EmulatorRequest, owner: string, repo: string, id: number) {
    const comment = state.comments.find((c) => c.id === id && c.owner === owner && c.repo === repo);
    if (!comment) return message(404, 'Not Found');
    // The Actions token edits its own comments only.
    if (state.forbidCommentWrites || comment.user.login !== BOT.login) {
      return message(403, 'Resource not accessible by integration');
    }
    const body = commentBody(request);
    if (typeof body !== 'string') return body;
    comment.body = body;
    comment.updatedAt = new Date(now()).toISOString();
    return json(200, commentJson(comment, apiRoot(request)));
  }

  /** The pull-request comments query of src/github/comment.ts; the token is always the Actions bot. */
  function graphql(request: EmulatorRequest): EmulatorResponse {
    const { query, variables: v } = (parseBody(request) ?? {}) as {
      query?: string;
      variables?: { owner?: string; repo?: string; number?: number; after?: string | null };
    };
    if (!query?.includes('viewer') || !query.includes('pullRequest(') || !v) {
      return json(200, {
        errors: [{ message: 'the emulator answers only the pull-request comments query' }],
      });
    }
    const all = state.commentsOn(`${v.owner}/${v.repo}`, v.number ?? 0);
    const start = v.after ? Number(Buffer.from(v.after, 'base64url').toString()) : 0;
    const end = start + Number(/comments\(first:\s*(\d+)/.exec(query)?.[1] ?? 100);
    const nodes = all.slice(start, end).map((c) => ({
      databaseId: c.id,
      body: c.body,
      isMinimized: c.minimized ?? false,
      // GraphQL names a bot author without its "[bot]" suffix; the viewer keeps it.
      author: { login: c.user.login.replace(/\[bot\]$/, '') },
    }));
    const endCursor = Buffer.from(String(Math.min(end, all.length))).toString('base64url');
    const comments = { nodes, pageInfo: { hasNextPage: end < all.length, endCursor } };
    return json(200, { data: { viewer: { login: BOT.login }, repository: { pullRequest: { comments } } } });
  }

  function getContents(request: EmulatorRequest, owner: string, repo: string, path: string) {
    const ref = request.query.get('ref') ?? 'main';
    const content = state.files.get(`${owner}/${repo}@${ref}:${path}`);
    if (content === undefined) return message(404, 'Not Found');
    return json(200, fileContentJson(path, Buffer.from(content, 'utf8')));
  }

  const handler: ServiceHandler = (request) => {
    if (request.path !== prefix && !request.path.startsWith(`${prefix}/`)) return undefined;
    const route = request.path.slice(prefix.length);
    const query = request.query.toString();
    state.requests.push(`${request.method} ${route}${query ? `?${query}` : ''}`);

    if (route === '/oidc/token' && request.method === 'GET') return oidcToken(request);
    if (route === '/api/graphql' && request.method === 'POST') return graphql(request);

    let m = /^\/api\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(route);
    if (m) {
      const [, owner = '', repo = '', issue = ''] = m;
      if (request.method === 'GET') return listComments(request, owner, repo, Number(issue));
      if (request.method === 'POST') return createComment(request, owner, repo, Number(issue));
    }
    m = /^\/api\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(route);
    if (m && request.method === 'PATCH') {
      const [, owner = '', repo = '', id = ''] = m;
      return updateComment(request, owner, repo, Number(id));
    }
    m = /^\/api\/repos\/([^/]+)\/([^/]+)\/actions\/runs\/(\d+)$/.exec(route);
    if (m && request.method === 'GET') {
      const [, owner = '', repo = '', id = ''] = m;
      const status = state.workflowRuns.get(`${owner}/${repo}/${id}`);
      if (status === undefined) return message(404, 'Not Found');
      return json(200, { id: Number(id), status, conclusion: status === 'completed' ? 'success' : null });
    }
    const git = gitStub.handle(route, request);
    if (git) return git;
    m = /^\/api\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(route);
    if (m && request.method === 'GET') {
      const [, owner = '', repo = '', path = ''] = m;
      return getContents(request, owner, repo, decodeURIComponent(path));
    }
    return message(404, 'Not Found');
  };

  return { handler, state };
}
