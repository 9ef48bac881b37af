import { inspect } from 'node:util';
import { getOctokit } from '@actions/github';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  GitHubApiError,
  commentMarker,
  findStickyComment,
  fitCommentBody,
  resolveCommentAuthor,
  upsertStickyComment,
  type GitHubClient,
} from '../../src/github/comment.js';
import { GITHUB_COMMENT_LIMIT } from '../../src/report/markdown.js';
import { isUsageError } from '../../src/util/errors.js';
import {
  GITHUB_ACTIONS_BOT,
  startFakeGitHubServer,
  type FakeGitHubServer,
  type SeedComment,
} from '../helpers/fake-github-server.js';

const TOKEN = 'test-token-xyz';
const OWNER = 'acme';
const REPO = 'detector';
const PR = 42;
const KEY = 'yolov8n/cuda';

/** Comments by other people and tools on the PR, with other markers. */
function noise(count: number, issueNumber = PR): SeedComment[] {
  const authors = ['alice', 'bob', 'dependabot[bot]', 'codecov[bot]', GITHUB_ACTIONS_BOT.login];
  return Array.from({ length: count }, (_, i) => ({
    owner: OWNER,
    repo: REPO,
    issueNumber,
    user: authors[i % authors.length],
    body:
      i % 3 === 0
        ? `<!-- Sticky Pull Request Comment coverage -->\nCoverage report ${i}`
        : i % 3 === 1
          ? `LGTM ${i}, but quoting: <!-- yolo-perf-gate:some-other-key -->`
          : `Comment ${i}`,
  }));
}

let server: FakeGitHubServer;
let octokit: GitHubClient;

const target = (extra: Partial<Parameters<typeof upsertStickyComment>[0]> = {}) => ({
  octokit,
  owner: OWNER,
  repo: REPO,
  issueNumber: PR,
  key: KEY,
  body: '## Perf gate: pass',
  ...extra,
});

const writes = () => server.requests.filter((r) => r.method === 'POST' || r.method === 'PATCH');

beforeEach(async () => {
  server = await startFakeGitHubServer({ seed: noise(5) });
  octokit = getOctokit(TOKEN, { baseUrl: server.url });
});

afterEach(async () => {
  await server.close();
});

describe('upsertStickyComment', () => {
  it('creates the comment on the first call, with the marker, as github-actions[bot]', async () => {
    const result = await upsertStickyComment(target());

    expect(result.action).toBe('created');
    const ours = server.comments.find((c) => c.id === result.commentId);
    expect(ours?.body).toBe(`${commentMarker(KEY)}\n## Perf gate: pass`);
    expect(ours?.user.login).toBe('github-actions[bot]');
    expect(result.url).toBe(`https://github.com/acme/detector/pull/42#issuecomment-${result.commentId}`);
    // GET /user -> 403 (installation token), list, create; all authenticated with the token.
    expect(server.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /user 403',
      'GET /repos/acme/detector/issues/42/comments 200',
      'POST /repos/acme/detector/issues/42/comments 201',
    ]);
    for (const r of server.requests) expect(r.headers.authorization).toBe(`token ${TOKEN}`);
    expect(server.requests[2]?.body).toEqual({ body: ours?.body });
  });

  it('updates the same comment in place on the next call, without a duplicate', async () => {
    const first = await upsertStickyComment(target());
    const before = server.commentsOn(OWNER, REPO, PR).length;

    const second = await upsertStickyComment(target({ body: '## Perf gate: regression' }));

    expect(second).toMatchObject({ action: 'updated', commentId: first.commentId, url: first.url });
    expect(server.commentsOn(OWNER, REPO, PR)).toHaveLength(before);
    expect(server.comments.find((c) => c.id === first.commentId)?.body).toContain('## Perf gate: regression');
    const patch = server.requests.at(-1);
    expect(patch?.method).toBe('PATCH');
    expect(patch?.path).toBe(`/repos/acme/detector/issues/comments/${first.commentId}`);
  });

  it('sends no write when the body is unchanged', async () => {
    const first = await upsertStickyComment(target());
    server.requests.length = 0;

    const again = await upsertStickyComment(target());

    expect(again).toEqual({ action: 'unchanged', commentId: first.commentId, url: first.url });
    expect(writes()).toEqual([]);
  });

  it('finds its comment on the third page of comments', async () => {
    await server.close();
    // 230 comments at 100 a page: ours is number 221, on page 3.
    server = await startFakeGitHubServer({
      seed: [
        ...noise(220),
        {
          owner: OWNER,
          repo: REPO,
          issueNumber: PR,
          user: GITHUB_ACTIONS_BOT,
          body: `${commentMarker(KEY)}\nold`,
        },
        ...noise(9),
      ],
    });
    octokit = getOctokit(TOKEN, { baseUrl: server.url });
    const ours = server.comments[220];

    const result = await upsertStickyComment(target());

    expect(result).toMatchObject({ action: 'updated', commentId: ours?.id });
    const lists = server.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/comments'));
    expect(lists.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3']);
    expect(server.commentsOn(OWNER, REPO, PR)).toHaveLength(230);
  });

  it('ignores a comment carrying our marker by another author', async () => {
    const impostor = server.addComment({
      owner: OWNER,
      repo: REPO,
      issueNumber: PR,
      user: 'alice',
      body: `Quoting the bot:\n${commentMarker(KEY)}\n## Perf gate: pass`,
    });

    const result = await upsertStickyComment(target());

    expect(result.action).toBe('created');
    expect(result.commentId).not.toBe(impostor.id);
    expect(server.requests.some((r) => r.method === 'PATCH')).toBe(false);
  });

  it('with authorLogin, matches that login only (not any bot)', async () => {
    const otherBot = server.addComment({
      owner: OWNER,
      repo: REPO,
      issueNumber: PR,
      user: 'other-app[bot]',
      body: `${commentMarker(KEY)}\nold`,
    });

    const result = await upsertStickyComment(target({ authorLogin: 'github-actions[bot]' }));

    expect(result.action).toBe('created');
    expect(result.commentId).not.toBe(otherBot.id);
    expect(server.requests.some((r) => r.path === '/user')).toBe(false);
  });

  it('with a GitHub App installation token, accepts a Bot-type author ("<slug>[bot]")', async () => {
    const app = { login: 'perf-app[bot]', type: 'Bot' as const, id: 99 };
    server.setMode({ identity: app });
    const previous = server.addComment({
      owner: OWNER,
      repo: REPO,
      issueNumber: PR,
      user: app,
      body: `${commentMarker(KEY)}\nold`,
    });

    const result = await upsertStickyComment(target());

    expect(result).toMatchObject({ action: 'updated', commentId: previous.id });
  });

  it('with a personal access token, learns the login from GET /user and ignores the Actions bot', async () => {
    server.setMode({ token: 'user', identity: { login: 'perf-gate-ci', type: 'User', id: 5 } });
    const botComment = server.addComment({
      owner: OWNER,
      repo: REPO,
      issueNumber: PR,
      user: GITHUB_ACTIONS_BOT,
      body: `${commentMarker(KEY)}\nold`,
    });

    await expect(resolveCommentAuthor(octokit)).resolves.toEqual({ login: 'perf-gate-ci', source: 'api' });
    const created = await upsertStickyComment(target());
    const updated = await upsertStickyComment(target({ body: 'new' }));

    expect(created.action).toBe('created');
    expect(created.commentId).not.toBe(botComment.id);
    expect(updated).toMatchObject({ action: 'updated', commentId: created.commentId });
    expect(server.comments.find((c) => c.id === created.commentId)?.user.login).toBe('perf-gate-ci');
  });

  it('keeps one comment per matrix key (model x provider)', async () => {
    const keys = ['yolov8n/cuda', 'yolov8n/tensorrt', 'yolo11s/cuda'];
    const created: Awaited<ReturnType<typeof upsertStickyComment>>[] = [];
    for (const key of keys) created.push(await upsertStickyComment(target({ key, body: `${key}: pass` })));
    const updated: Awaited<ReturnType<typeof upsertStickyComment>>[] = [];
    for (const key of keys)
      updated.push(await upsertStickyComment(target({ key, body: `${key}: regression` })));

    expect(created.map((r) => r.action)).toEqual(['created', 'created', 'created']);
    expect(new Set(created.map((r) => r.commentId)).size).toBe(3);
    expect(updated.map((r) => r.action)).toEqual(['updated', 'updated', 'updated']);
    expect(updated.map((r) => r.commentId)).toEqual(created.map((r) => r.commentId));
    for (const [i, key] of keys.entries()) {
      const body = server.comments.find((c) => c.id === created[i]?.commentId)?.body;
      expect(body).toBe(`${commentMarker(key)}\n${key}: regression`);
    }
  });

  it('is skipped with a reason, not thrown, when the token may not write (fork PR)', async () => {
    server.setMode({ writes: 'forbidden' });

    const result = await upsertStickyComment(target());

    expect(result.action).toBe('skipped');
    expect(result.commentId).toBeUndefined();
    expect(result.reason).toContain('Resource not accessible by integration');
    expect(result.reason).toContain('fork');
    expect(result.reason).toContain('workflow_run');
    expect(result.reason).toContain('pull-requests: write');
    expect(server.requests.at(-1)).toMatchObject({ method: 'POST', status: 403 });
  });

  it('is skipped when the update of an existing comment is forbidden', async () => {
    await upsertStickyComment(target());
    server.setMode({ writes: 'forbidden' });

    const result = await upsertStickyComment(target({ body: 'changed' }));

    expect(result.action).toBe('skipped');
    expect(server.requests.at(-1)).toMatchObject({ method: 'PATCH', status: 403 });
  });

  it('trims an oversized body with a note, keeps the marker, and stays idempotent', async () => {
    const line = `| op ${'x'.repeat(70)} | 1.23 ms |\n`;
    const huge = `## Perf gate\n${line.repeat(2000)}`; // ~164k characters
    const first = await upsertStickyComment(target({ body: huge }));

    expect(first.action).toBe('created');
    const stored = server.comments.find((c) => c.id === first.commentId)?.body ?? '';
    expect(stored.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(stored.startsWith(commentMarker(KEY))).toBe(true);
    expect(stored).toContain('trimmed to fit');
    expect(stored).not.toMatch(/\| op x+ \| 1\.\d*$/m); // no half line

    const again = await upsertStickyComment(target({ body: huge }));
    expect(again).toMatchObject({ action: 'unchanged', commentId: first.commentId });
  });

  it('throws a GitHubApiError with a clear message for other failures', async () => {
    server.intercept((r) =>
      r.method === 'GET' && r.path.endsWith('/comments')
        ? { status: 502, body: { message: 'Server Error' } }
        : undefined,
    );

    const error = await upsertStickyComment(target()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).status).toBe(502);
    expect((error as Error).message).toMatch(
      /^GitHub API: listing comments of acme\/detector#42 failed \(HTTP 502\)/,
    );
    expect((error as Error).message).toContain('Server Error');
  });

  it('propagates a 403 that is not about token permissions (e.g. rate limit)', async () => {
    server.intercept((r) =>
      r.method === 'POST'
        ? { status: 403, body: { message: 'You have exceeded a secondary rate limit.' } }
        : undefined,
    );

    await expect(upsertStickyComment(target())).rejects.toThrow(/creating a comment.*secondary rate limit/);
  });

  it('never puts the token in a result or an error', async () => {
    const results: unknown[] = [];
    results.push(await upsertStickyComment(target()));
    results.push(await upsertStickyComment(target({ body: 'changed' })));
    results.push(await upsertStickyComment(target({ body: 'changed' })));
    server.setMode({ writes: 'forbidden' });
    results.push(await upsertStickyComment(target({ body: 'again' })));
    results.push(await findStickyComment(target()));
    for (const r of results) expect(JSON.stringify(r)).not.toContain(TOKEN);

    const errors: unknown[] = [];
    server.intercept(() => ({ status: 401, body: { message: 'Bad credentials' } }));
    errors.push(await upsertStickyComment(target()).catch((e: unknown) => e));
    errors.push(await resolveCommentAuthor(octokit).catch((e: unknown) => e));
    server.intercept(undefined);
    await server.close(); // connection refused
    errors.push(await upsertStickyComment(target({ authorLogin: 'x' })).catch((e: unknown) => e));

    for (const error of errors) {
      expect(error).toBeInstanceOf(GitHubApiError);
      const text = `${String(error)}\n${(error as Error).stack ?? ''}\n${inspect(error, { depth: 20 })}`;
      expect(text).not.toContain(TOKEN);
    }
    expect((errors[0] as Error).message).toContain('Bad credentials');
    server = await startFakeGitHubServer(); // for afterEach
  });

  it.each([
    ['issue number 0', { issueNumber: 0 }, 'pull request number'],
    ['fractional issue number', { issueNumber: 1.5 }, 'pull request number'],
    ['empty key', { key: ' ' }, 'comment key'],
    ['owner with a slash', { owner: 'a/b' }, 'repository owner'],
    ['empty author login', { authorLogin: '' }, 'comment author login'],
  ])('rejects %s with a UsageError', async (_label, extra, input) => {
    const error = await upsertStickyComment(target(extra)).catch((e: unknown) => e);
    expect(isUsageError(error)).toBe(true);
    expect((error as Error).message).toContain(input);
    expect(server.requests).toEqual([]);
  });
});

describe('findStickyComment', () => {
  it('returns our comment or undefined, without writing', async () => {
    await expect(findStickyComment(target())).resolves.toBeUndefined();
    const created = await upsertStickyComment(target());
    await expect(findStickyComment(target())).resolves.toEqual({
      id: created.commentId,
      url: created.url,
      body: `${commentMarker(KEY)}\n## Perf gate: pass`,
      author: 'github-actions[bot]',
    });
    expect(writes()).toHaveLength(1);
  });
});

describe('commentMarker', () => {
  const WELL_FORMED = /^<!-- yolo-perf-gate:[A-Za-z0-9._:/@+=-]+ -->$/;

  it.each([
    // The first 32 hex digits of `printf 'yolov8n/cuda' | sha256sum`.
    ['yolov8n/cuda', '<!-- yolo-perf-gate:sha256=f7d7fd30f4ffdec1ae94c76f027328d2 -->'],
  ])('%s -> %s', (key, marker) => {
    expect(commentMarker(key)).toBe(marker);
  });

  it.each([
    'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
    '@octocat/cuda',
    '#123 www.evil.example/cuda',
    'my_model_v2/cuda',
  ])('holds a hash only, never the key text: %s', (key) => {
    const marker = commentMarker(key);
    expect(marker).toMatch(/^<!-- yolo-perf-gate:sha256=[0-9a-f]{32} -->$/);
    for (const part of key.split(/[/ ]/)) expect(marker).not.toContain(part);
  });

  it.each(['a --> b', 'x--y', '-->', 'model name/cuda', 'a\n-->\n<script>', '--!>', 'é/cuda'])(
    'sanitises %j into a well-formed comment',
    (key) => {
      const marker = commentMarker(key);
      expect(marker).toMatch(WELL_FORMED);
      const inner = marker.slice('<!--'.length, -'-->'.length);
      expect(inner).not.toContain('--');
      expect(inner).not.toContain('>');
    },
  );

  it('gives different keys different markers', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a.trim() !== '' && b.trim() !== '' && a !== b);
        expect(commentMarker(a)).not.toBe(commentMarker(b));
        expect(commentMarker(a)).toMatch(WELL_FORMED);
      }),
    );
  });

  it('never matches a longer key that starts with the same text', () => {
    expect(`${commentMarker('yolov8n/cuda-fp16')}\n`.includes(commentMarker('yolov8n/cuda'))).toBe(false);
  });
});

describe('fitCommentBody', () => {
  it('returns a body within the limit unchanged', () => {
    expect(fitCommentBody('short', 10)).toBe('short');
    const exact = 'x'.repeat(GITHUB_COMMENT_LIMIT);
    expect(fitCommentBody(exact)).toBe(exact);
  });

  it('cuts at a line boundary and says how much was left out', () => {
    const body = Array.from({ length: 100 }, (_, i) => `line ${i} ${'.'.repeat(40)}`).join('\n');
    const fitted = fitCommentBody(body, 1000);
    expect(fitted.length).toBeLessThanOrEqual(1000);
    const kept = fitted.slice(0, fitted.indexOf('\n\n> [!NOTE]'));
    expect(body.startsWith(kept)).toBe(true);
    expect(body[kept.length]).toBe('\n');
    expect(fitted).toContain(
      `${(body.length - kept.length).toLocaleString('en-US')} characters were left out`,
    );
  });

  it('re-appends a marker that was cut off and closes an open code fence', () => {
    const marker = commentMarker('yolov8n/cuda');
    const body = `## Report\n\`\`\`text\n${'row\n'.repeat(500)}\`\`\`\n${marker}`;
    const fitted = fitCommentBody(body, 600);
    expect(fitted.length).toBeLessThanOrEqual(600);
    expect(fitted.endsWith(marker)).toBe(true);
    expect((fitted.match(/^```/gm) ?? []).length % 2).toBe(0);
  });

  it('cuts a single long line without splitting a surrogate pair', () => {
    const fitted = fitCommentBody('😀'.repeat(1000), 500);
    expect(fitted.length).toBeLessThanOrEqual(500);
    expect(fitted).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('never exceeds the limit and keeps the marker whenever there is room', () => {
    const marker = commentMarker('k');
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), fc.integer({ min: 1, max: 3000 }), (text, limit) => {
        const body = `${marker}\n${text}`;
        const fitted = fitCommentBody(body, limit);
        expect(fitted.length).toBeLessThanOrEqual(limit);
        if (limit >= 400) expect(fitted).toContain(marker);
      }),
    );
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects limit %s with a UsageError', (limit) => {
    expect(() => fitCommentBody('x', limit)).toThrow(/comment length limit/);
  });
});
