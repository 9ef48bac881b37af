import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHubServer, type FakeGitHubServer } from '../helpers/fake-github-server.js';

// The fake itself: what the other tests (and the Action's end-to-end test) rely on.

let server: FakeGitHubServer;
const auth = { authorization: 'token t', 'content-type': 'application/json' };

beforeEach(async () => {
  server = await startFakeGitHubServer({
    seed: Array.from({ length: 5 }, (_, i) => ({ owner: 'o', repo: 'r', issueNumber: 1, body: `c${i}` })),
  });
});
afterEach(async () => {
  await server.close();
});

describe('fake GitHub server', () => {
  it('pages with Link headers like GitHub', async () => {
    const page = async (n: number) => {
      const res = await fetch(`${server.url}/repos/o/r/issues/1/comments?per_page=2&page=${n}`, {
        headers: auth,
      });
      return {
        link: res.headers.get('link'),
        bodies: ((await res.json()) as { body: string }[]).map((c) => c.body),
      };
    };
    const url = (n: number) => `<${server.url}/repos/o/r/issues/1/comments?per_page=2&page=${n}>`;

    expect(await page(1)).toEqual({
      link: `${url(2)}; rel="next", ${url(3)}; rel="last"`,
      bodies: ['c0', 'c1'],
    });
    expect(await page(2)).toEqual({
      link: `${url(1)}; rel="prev", ${url(3)}; rel="next", ${url(3)}; rel="last", ${url(1)}; rel="first"`,
      bodies: ['c2', 'c3'],
    });
    expect(await page(3)).toEqual({ link: `${url(2)}; rel="prev", ${url(1)}; rel="first"`, bodies: ['c4'] });
  });

  it('answers 401 without a token and records the request', async () => {
    const res = await fetch(`${server.url}/user`);
    expect(res.status).toBe(401);
    expect(server.requests).toEqual([
      expect.objectContaining({ method: 'GET', path: '/user', status: 401, body: undefined }),
    ]);
  });

  it.each([
    ['installation', 403, { message: 'Resource not accessible by integration' }],
    ['user', 200, { login: 'perf-gate-ci', type: 'User' }],
  ] as const)('GET /user with a %s token -> %d', async (token, status, data) => {
    server.setMode({ token, identity: { login: 'perf-gate-ci', type: 'User', id: 1 } });
    const res = await fetch(`${server.url}/user`, { headers: auth });
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject(data);
  });

  it("answers writes with GitHub's fork-token 403 in forbidden mode", async () => {
    server.setMode({ writes: 'forbidden' });
    const res = await fetch(`${server.url}/repos/o/r/issues/1/comments`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ body: 'hi' }),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
      status: '403',
    });
    expect(server.commentsOn('o', 'r', 1)).toHaveLength(5);
  });

  it('refuses a body over 65,536 characters with 422', async () => {
    const res = await fetch(`${server.url}/repos/o/r/issues/1/comments`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ body: 'x'.repeat(65537) }),
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain('body is too long (maximum is 65536 characters)');
  });
});
