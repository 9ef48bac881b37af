/**
 * A fake GitHub REST API on loopback, for tests that drive a real Octokit (`getOctokit(token, { baseUrl })`)
 * or a whole Action run (`GITHUB_API_URL=<server.url>`).
 *
 * Endpoints (shapes follow https://docs.github.com/rest):
 * - `GET    /repos/:owner/:repo/issues/:n/comments`  `per_page` (default 30, max 100) and `page`, with a
 *   real `Link` header (`rel="next"`, `"last"`, `"first"`, `"prev"`) so `octokit.paginate` walks the pages
 * - `POST   /repos/:owner/:repo/issues/:n/comments`  201 with the new comment, authored by the token's identity
 * - `PATCH  /repos/:owner/:repo/issues/comments/:id` 200 with the updated comment
 * - `GET    /user`                                   the identity's login, or 403 for an installation token
 * - `GET    /repos/:owner/:repo/issues`              `state` (open|closed|all), `labels` (all must match),
 *   `per_page`/`page` with the same `Link` header; `POST` creates an issue (201), `GET`/`PATCH
 *   /repos/:owner/:repo/issues/:n` read and edit one (title, body, state, labels)
 *
 * Behaviour that matters to callers:
 * - No `authorization` header -> 401 `Requires authentication` (every endpoint here needs a token).
 * - `mode.token === 'installation'` (the default) emulates the Actions `GITHUB_TOKEN`: `GET /user` answers
 *   403 `Resource not accessible by integration`; comments are authored by `mode.identity`
 *   (default `github-actions[bot]`, type Bot). `mode.token === 'user'` emulates a PAT: `GET /user` answers
 *   `mode.identity`.
 * - `mode.writes === 'forbidden'` answers POST/PATCH with 403 `Resource not accessible by integration`,
 *   exactly what GitHub answers for the read-only token of a pull request from a fork.
 * - Bodies over 65,536 characters are refused with 422 `body is too long (maximum is 65536 characters)`.
 * - PATCH on a comment authored by someone else -> 403 (GitHub does this for tokens without maintain rights).
 *
 * Every request is recorded in `requests` (method, path, query, headers including `authorization`,
 * parsed body, response status) for assertions.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUser {
  login: string;
  /** GitHub's `user.type`: `Bot` for apps and `github-actions[bot]`. */
  type: 'User' | 'Bot';
  id: number;
}

/** A stored issue comment: GitHub's fields plus where it lives. */
export interface FakeComment {
  id: number;
  owner: string;
  repo: string;
  issueNumber: number;
  body: string;
  user: FakeUser;
  created_at: string;
  updated_at: string;
}

/** A stored issue (the trend alerts open them). */
export interface FakeIssue {
  number: number;
  owner: string;
  repo: string;
  title: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
  user: FakeUser;
  created_at: string;
  updated_at: string;
}

export interface SeedIssue {
  owner: string;
  repo: string;
  title: string;
  body?: string;
  labels?: string[];
  state?: 'open' | 'closed';
  user?: string | Partial<FakeUser>;
}

export interface SeedComment {
  owner: string;
  repo: string;
  issueNumber: number;
  body: string;
  /** Author login, or a full user. A bare login ending in `[bot]` becomes type Bot. Default `octocat`. */
  user?: string | Partial<FakeUser>;
}

export interface FakeGitHubMode {
  /** What kind of token the server pretends every request carries. Default `installation`. */
  token: 'installation' | 'user';
  /**
   * The identity of the token: author of created comments; `GET /user` answers it for `token: 'user'`.
   * Default `github-actions[bot]` (or `perf-gate-ci` when the server is started with `token: 'user'`);
   * a custom GitHub App installation is e.g. `{ login: 'my-app[bot]', type: 'Bot' }`.
   */
  identity: FakeUser;
  /** `forbidden`: POST/PATCH answer 403 like a fork PR's read-only token. Default `allow`. */
  writes: 'allow' | 'forbidden';
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/repos/o/r/issues/1/comments`. */
  path: string;
  query: Record<string, string>;
  /** Node's lower-cased request headers (`authorization` included). */
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, `undefined` when empty; the raw text when it was not JSON. */
  body: unknown;
  /** Status the fake answered. */
  status: number;
}

export type InterceptHandler = (
  request: Omit<RecordedRequest, 'status'>,
) => { status: number; body: unknown; headers?: Record<string, string> } | undefined;

export interface FakeGitHubServerOptions {
  seed?: SeedComment[];
  mode?: Partial<FakeGitHubMode>;
  /** First comment id; ids grow by one. Default 1000. */
  firstCommentId?: number;
}

export interface FakeGitHubServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`; use as Octokit `baseUrl`/GITHUB_API_URL. */
  url: string;
  /** Every request received, in order. Clear with `requests.length = 0`. */
  requests: RecordedRequest[];
  /** The live comment store (all repositories and issues), in creation order. */
  comments: FakeComment[];
  /** Comments of one issue, in creation order. */
  commentsOn(owner: string, repo: string, issueNumber: number): FakeComment[];
  /** The live issue store (all repositories), in creation order; numbers start at 1 per server. */
  issues: FakeIssue[];
  /** Adds an issue directly (no request recorded). */
  addIssue(seed: SeedIssue): FakeIssue;
  /** Adds a comment directly (no request recorded). */
  addComment(seed: SeedComment): FakeComment;
  /**
   * Answers requests before the emulated API does: return `{ status, body, headers? }` to answer,
   * `undefined` to let the request through. Pass `undefined` to remove. For failures the API does not
   * emulate (500s, 401 Bad credentials, rate limits).
   */
  intercept(handler: InterceptHandler | undefined): void;
  /** Changes the mode for the following requests. */
  setMode(mode: Partial<FakeGitHubMode>): void;
  readonly mode: FakeGitHubMode;
  close(): Promise<void>;
}

/** The author of comments made with the Actions `GITHUB_TOKEN`. */
export const GITHUB_ACTIONS_BOT: FakeUser = { login: 'github-actions[bot]', type: 'Bot', id: 41898282 };
/** Default identity for `token: 'user'` (a PAT). */
export const DEFAULT_PAT_USER: FakeUser = { login: 'perf-gate-ci', type: 'User', id: 7_000_001 };

/** GitHub's comment length limit, in characters. */
export const GITHUB_COMMENT_LIMIT = 65536;

const DOCS = {
  list: 'https://docs.github.com/rest/issues/comments#list-issue-comments',
  create: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
  update: 'https://docs.github.com/rest/issues/comments#update-an-issue-comment',
  user: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
  root: 'https://docs.github.com/rest',
} as const;

class HttpAnswer {
  constructor(
    readonly status: number,
    readonly data: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

function errorAnswer(status: number, message: string, documentationUrl: string, extra?: object): HttpAnswer {
  return new HttpAnswer(status, {
    message,
    ...extra,
    documentation_url: documentationUrl,
    status: String(status),
  });
}

function toUser(user: SeedComment['user'], index: number): FakeUser {
  if (user === undefined) return { login: 'octocat', type: 'User', id: 583231 };
  if (typeof user === 'string') {
    return { login: user, type: user.endsWith('[bot]') ? 'Bot' : 'User', id: 100_000 + index };
  }
  const login = user.login ?? 'octocat';
  return {
    login,
    type: user.type ?? (login.endsWith('[bot]') ? 'Bot' : 'User'),
    id: user.id ?? 100_000 + index,
  };
}

export async function startFakeGitHubServer(
  options: FakeGitHubServerOptions = {},
): Promise<FakeGitHubServer> {
  const requests: RecordedRequest[] = [];
  const comments: FakeComment[] = [];
  const mode: FakeGitHubMode = {
    token: 'installation',
    identity: options.mode?.token === 'user' ? DEFAULT_PAT_USER : GITHUB_ACTIONS_BOT,
    writes: 'allow',
    ...options.mode,
  };
  let nextId = options.firstCommentId ?? 1000;
  // Deterministic timestamps, one second apart, so ordering assertions are stable.
  let clock = Date.UTC(2025, 0, 1);
  const now = (): string => new Date((clock += 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  let baseUrl = '';
  let interceptor: InterceptHandler | undefined;

  const addComment = (seed: SeedComment): FakeComment => {
    const at = now();
    const comment: FakeComment = {
      id: nextId++,
      owner: seed.owner,
      repo: seed.repo,
      issueNumber: seed.issueNumber,
      body: seed.body,
      user: toUser(seed.user, comments.length),
      created_at: at,
      updated_at: at,
    };
    comments.push(comment);
    return comment;
  };
  for (const seed of options.seed ?? []) addComment(seed);

  const commentsOn = (owner: string, repo: string, issueNumber: number): FakeComment[] =>
    comments.filter(
      (c) =>
        c.owner.toLowerCase() === owner.toLowerCase() &&
        c.repo.toLowerCase() === repo.toLowerCase() &&
        c.issueNumber === issueNumber,
    );

  const serialize = (c: FakeComment): object => ({
    id: c.id,
    node_id: `IC_fake${c.id}`,
    url: `${baseUrl}/repos/${c.owner}/${c.repo}/issues/comments/${c.id}`,
    html_url: `https://github.com/${c.owner}/${c.repo}/pull/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${baseUrl}/repos/${c.owner}/${c.repo}/issues/${c.issueNumber}`,
    body: c.body,
    user: { login: c.user.login, id: c.user.id, type: c.user.type, site_admin: false },
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
  });

  const author = (): FakeUser => mode.identity;

  const issues: FakeIssue[] = [];
  const addIssue = (seed: SeedIssue): FakeIssue => {
    const at = now();
    const issue: FakeIssue = {
      number: issues.length + 1,
      owner: seed.owner,
      repo: seed.repo,
      title: seed.title,
      body: seed.body ?? '',
      labels: seed.labels ?? [],
      state: seed.state ?? 'open',
      user: toUser(seed.user, issues.length),
      created_at: at,
      updated_at: at,
    };
    issues.push(issue);
    return issue;
  };
  const serializeIssue = (i: FakeIssue): object => ({
    id: 5_000_000 + i.number,
    number: i.number,
    url: `${baseUrl}/repos/${i.owner}/${i.repo}/issues/${i.number}`,
    html_url: `https://github.com/${i.owner}/${i.repo}/issues/${i.number}`,
    title: i.title,
    body: i.body,
    state: i.state,
    labels: i.labels.map((name, k) => ({ id: k + 1, name })),
    user: { login: i.user.login, id: i.user.id, type: i.user.type, site_admin: false },
    comments: commentsOn(i.owner, i.repo, i.number).length,
    created_at: i.created_at,
    updated_at: i.updated_at,
  });
  const sameRepo = (i: { owner: string; repo: string }, owner: string, repo: string): boolean =>
    i.owner.toLowerCase() === owner.toLowerCase() && i.repo.toLowerCase() === repo.toLowerCase();

  const validateBody = (body: unknown, docs: string): string | HttpAnswer => {
    const text = (body as { body?: unknown } | undefined)?.body;
    if (typeof text !== 'string') {
      return errorAnswer(422, 'Invalid request.\n\n"body" wasn\'t supplied.', docs);
    }
    if (text.length > GITHUB_COMMENT_LIMIT) {
      return errorAnswer(422, 'Validation Failed', docs, {
        errors: [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: `body is too long (maximum is ${GITHUB_COMMENT_LIMIT} characters)`,
          },
        ],
      });
    }
    return text;
  };

  const route = (method: string, path: string, query: Record<string, string>, body: unknown): HttpAnswer => {
    let m: RegExpMatchArray | null;

    if (path === '/user' && method === 'GET') {
      if (mode.token === 'installation')
        return errorAnswer(403, 'Resource not accessible by integration', DOCS.user);
      return new HttpAnswer(200, {
        login: mode.identity.login,
        id: mode.identity.id,
        type: mode.identity.type,
      });
    }

    if ((m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/issues$/))) {
      const [, owner = '', repo = ''] = m;
      if (method === 'GET') {
        const state = query.state ?? 'open';
        const wanted = (query.labels ?? '').split(',').filter(Boolean);
        const all = issues.filter(
          (i) =>
            sameRepo(i, owner, repo) &&
            (state === 'all' || i.state === state) &&
            wanted.every((l) => i.labels.includes(l)),
        );
        const perPage = Math.min(Math.max(Number.parseInt(query.per_page ?? '30', 10) || 30, 1), 100);
        const page = Math.max(Number.parseInt(query.page ?? '1', 10) || 1, 1);
        const last = Math.max(Math.ceil(all.length / perPage), 1);
        const link = (p: number): string =>
          `<${baseUrl}${path}?${new URLSearchParams({ ...query, per_page: String(perPage), page: String(p) }).toString()}>`;
        const rels: string[] = [];
        if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
        return new HttpAnswer(
          200,
          all.slice((page - 1) * perPage, page * perPage).map(serializeIssue),
          rels.length > 0 ? { link: rels.join(', ') } : {},
        );
      }
      if (method === 'POST') {
        if (mode.writes === 'forbidden')
          return errorAnswer(403, 'Resource not accessible by integration', DOCS.root);
        const b = (body ?? {}) as { title?: unknown; body?: unknown; labels?: unknown };
        if (typeof b.title !== 'string' || b.title === '')
          return errorAnswer(422, 'Validation Failed: title is missing', DOCS.root);
        if (typeof b.body === 'string' && b.body.length > GITHUB_COMMENT_LIMIT)
          return errorAnswer(
            422,
            'Validation Failed: body is too long (maximum is 65536 characters)',
            DOCS.root,
          );
        const created = addIssue({
          owner,
          repo,
          title: b.title,
          body: typeof b.body === 'string' ? b.body : '',
          labels: Array.isArray(b.labels) ? b.labels.map(String) : [],
          user: author(),
        });
        return new HttpAnswer(201, serializeIssue(created));
      }
    }

    if ((m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/))) {
      const [, owner = '', repo = '', n = ''] = m;
      const issue = issues.find((i) => i.number === Number(n) && sameRepo(i, owner, repo));
      if (!issue) return errorAnswer(404, 'Not Found', DOCS.root);
      if (method === 'GET') return new HttpAnswer(200, serializeIssue(issue));
      if (method === 'PATCH') {
        if (mode.writes === 'forbidden')
          return errorAnswer(403, 'Resource not accessible by integration', DOCS.root);
        const b = (body ?? {}) as { title?: unknown; body?: unknown; state?: unknown; labels?: unknown };
        if (typeof b.body === 'string' && b.body.length > GITHUB_COMMENT_LIMIT)
          return errorAnswer(
            422,
            'Validation Failed: body is too long (maximum is 65536 characters)',
            DOCS.root,
          );
        if (typeof b.title === 'string') issue.title = b.title;
        if (typeof b.body === 'string') issue.body = b.body;
        if (b.state === 'open' || b.state === 'closed') issue.state = b.state;
        if (Array.isArray(b.labels)) issue.labels = b.labels.map(String);
        issue.updated_at = now();
        return new HttpAnswer(200, serializeIssue(issue));
      }
    }

    if ((m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/))) {
      const [, owner = '', repo = '', n = ''] = m;
      const issueNumber = Number(n);
      if (method === 'GET') {
        const perPage = Math.min(Math.max(Number.parseInt(query.per_page ?? '30', 10) || 30, 1), 100);
        const page = Math.max(Number.parseInt(query.page ?? '1', 10) || 1, 1);
        const all = commentsOn(owner, repo, issueNumber);
        const last = Math.max(Math.ceil(all.length / perPage), 1);
        const items = all.slice((page - 1) * perPage, page * perPage).map(serialize);
        const link = (p: number): string => {
          const params = new URLSearchParams({ ...query, per_page: String(perPage), page: String(p) });
          return `<${baseUrl}${path}?${params.toString()}>`;
        };
        const rels: string[] = [];
        if (page > 1) rels.push(`${link(page - 1)}; rel="prev"`);
        if (page < last) rels.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
        if (page > 1) rels.push(`${link(1)}; rel="first"`);
        return new HttpAnswer(200, items, rels.length > 0 ? { link: rels.join(', ') } : {});
      }
      if (method === 'POST') {
        if (mode.writes === 'forbidden') {
          return errorAnswer(403, 'Resource not accessible by integration', DOCS.create);
        }
        const text = validateBody(body, DOCS.create);
        if (text instanceof HttpAnswer) return text;
        const created = addComment({ owner, repo, issueNumber, body: text, user: author() });
        return new HttpAnswer(201, serialize(created), {
          location: `${baseUrl}/repos/${owner}/${repo}/issues/comments/${created.id}`,
        });
      }
    }

    if ((m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/))) {
      const [, owner = '', repo = '', id = ''] = m;
      const comment = comments.find(
        (c) =>
          c.id === Number(id) &&
          c.owner.toLowerCase() === owner.toLowerCase() &&
          c.repo.toLowerCase() === repo.toLowerCase(),
      );
      if (method === 'GET') {
        return comment ? new HttpAnswer(200, serialize(comment)) : errorAnswer(404, 'Not Found', DOCS.root);
      }
      if (method === 'PATCH') {
        if (mode.writes === 'forbidden') {
          return errorAnswer(403, 'Resource not accessible by integration', DOCS.update);
        }
        if (!comment) return errorAnswer(404, 'Not Found', DOCS.update);
        if (comment.user.login !== author().login) {
          return errorAnswer(403, 'Must have admin rights to Repository.', DOCS.update);
        }
        const text = validateBody(body, DOCS.update);
        if (text instanceof HttpAnswer) return text;
        comment.body = text;
        comment.updated_at = now();
        return new HttpAnswer(200, serialize(comment));
      }
    }

    return errorAnswer(404, 'Not Found', DOCS.root);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = undefined;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams.entries());
    const method = (req.method ?? 'GET').toUpperCase();

    let answer: HttpAnswer;
    const intercepted = interceptor?.({ method, path: url.pathname, query, headers: req.headers, body });
    if (intercepted) {
      answer = new HttpAnswer(intercepted.status, intercepted.body, intercepted.headers);
    } else if (!req.headers.authorization) {
      answer = errorAnswer(401, 'Requires authentication', DOCS.root);
    } else if (raw.length > 0 && typeof body === 'string') {
      answer = errorAnswer(400, 'Problems parsing JSON', DOCS.root);
    } else {
      try {
        answer = route(method, url.pathname, query, body);
      } catch (err) {
        answer = errorAnswer(500, `fake server error: ${String(err)}`, DOCS.root);
      }
    }
    requests.push({ method, path: url.pathname, query, headers: req.headers, body, status: answer.status });
    const payload = JSON.stringify(answer.data);
    res.writeHead(answer.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(payload),
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': `FAKE:${requests.length}`,
      ...answer.headers,
    });
    res.end(payload);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ message: `fake server error: ${String(err)}` }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    requests,
    comments,
    commentsOn,
    addComment,
    issues,
    addIssue,
    intercept(handler) {
      interceptor = handler;
    },
    setMode(next) {
      Object.assign(mode, next);
    },
    get mode() {
      return { ...mode };
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      });
    },
  };
}
