import { describe, expect, it } from 'vitest';
import {
  forkPrOnSelfHostedRefusal,
  isSelfHostedRunner,
  pullRequestFromEvent,
  runnerEnvironment,
  type PullRequestInfo,
} from '../../src/github/context.js';
import { isUsageError } from '../../src/util/errors.js';
import { pullRequestPayload, workflowRunPayload } from './event-payloads.js';

const SAME_REPO: PullRequestInfo = {
  number: 42,
  baseSha: '9049f1265b7d61be4a8904a9a27120d2064dab3b',
  headSha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
  baseRef: 'main',
  headRef: 'feature/faster-nms',
  isFork: false,
  headRepo: 'acme/detector',
  baseRepo: 'acme/detector',
};

describe('pullRequestFromEvent', () => {
  it.each([
    ['pull_request', 'same repository', pullRequestPayload(), SAME_REPO],
    ['pull_request_target', 'same repository', pullRequestPayload(), SAME_REPO],
    [
      'pull_request',
      'fork',
      pullRequestPayload({ number: 7, head: { owner: 'mallory', id: 555, fork: true }, headRef: 'main' }),
      { ...SAME_REPO, number: 7, headRef: 'main', isFork: true, headRepo: 'mallory/detector' },
    ],
    [
      'pull_request_target',
      'fork',
      pullRequestPayload({ head: { owner: 'mallory', name: 'renamed', id: 556, fork: true } }),
      { ...SAME_REPO, isFork: true, headRepo: 'mallory/renamed' },
    ],
    [
      'pull_request',
      'deleted fork (head.repo null)',
      pullRequestPayload({ head: null }),
      { ...SAME_REPO, isFork: true, headRepo: undefined },
    ],
    [
      'pull_request',
      'same-repo PR inside a repository that is itself a fork',
      pullRequestPayload({ base: { owner: 'me', fork: true } }),
      { ...SAME_REPO, isFork: false, headRepo: 'me/detector', baseRepo: 'me/detector' },
    ],
    [
      'pull_request',
      'owner differing only in case',
      pullRequestPayload({ head: { owner: 'ACME' } }),
      { ...SAME_REPO, headRepo: 'ACME/detector' },
    ],
  ])('%s from %s', (eventName, _label, payload, expected) => {
    expect(pullRequestFromEvent(eventName, payload)).toEqual(expected);
  });

  it.each([
    ['push', { ref: 'refs/heads/main', after: 'abc' }],
    ['schedule', { schedule: '0 3 * * *' }],
    ['workflow_dispatch', { inputs: {} }],
    ['workflow_run', workflowRunPayload()], // fork PRs: GitHub leaves pull_requests empty
    ['workflow_run', {}],
  ])('%s -> undefined', (eventName, payload) => {
    expect(pullRequestFromEvent(eventName, payload)).toBeUndefined();
  });

  it('reads the pull request of a workflow_run payload', () => {
    const payload = workflowRunPayload({
      pullRequest: {
        number: 9,
        headRef: 'perf',
        headSha: 'a'.repeat(40),
        baseRef: 'main',
        baseSha: 'b'.repeat(40),
      },
    });
    expect(pullRequestFromEvent('workflow_run', payload)).toEqual({
      number: 9,
      baseSha: 'b'.repeat(40),
      headSha: 'a'.repeat(40),
      baseRef: 'main',
      headRef: 'perf',
      isFork: false,
      headRepo: 'acme/detector',
      baseRepo: 'acme/detector',
    });
  });

  it.each([
    ['no pull_request', {}, 'pull_request'],
    ['number missing', dropField(pullRequestPayload(), 'number'), 'pull_request.number'],
    ['not an object', null, 'pull_request'],
  ])('a pull_request payload with %s is a UsageError naming the field', (_label, payload, field) => {
    let caught: unknown;
    try {
      pullRequestFromEvent('pull_request', payload);
    } catch (err) {
      caught = err;
    }
    expect(isUsageError(caught)).toBe(true);
    expect((caught as Error).message).toContain('GITHUB_EVENT_PATH');
    expect((caught as Error).message).toContain(field);
    expect((caught as Error).message).not.toContain('\n');
  });
});

function dropField(payload: Record<string, unknown>, field: string): Record<string, unknown> {
  const pr = { ...(payload.pull_request as Record<string, unknown>) };
  delete pr[field];
  return { ...payload, pull_request: pr };
}

describe('runner environment', () => {
  it.each([
    [{ RUNNER_ENVIRONMENT: 'self-hosted' }, 'self-hosted', true],
    [{ RUNNER_ENVIRONMENT: 'github-hosted' }, 'github-hosted', false],
    [{}, 'unknown', false],
    [{ RUNNER_ENVIRONMENT: '' }, 'unknown', false],
  ])('%j -> %s', (env, kind, selfHosted) => {
    expect(runnerEnvironment(env)).toBe(kind);
    expect(isSelfHostedRunner(env)).toBe(selfHosted);
  });
});

describe('forkPrOnSelfHostedRefusal', () => {
  const fork = pullRequestFromEvent(
    'pull_request',
    pullRequestPayload({ head: { owner: 'mallory', id: 555, fork: true } }),
  );
  const sameRepo = pullRequestFromEvent('pull_request', pullRequestPayload());
  const selfHosted = { RUNNER_ENVIRONMENT: 'self-hosted', GITHUB_ACTIONS: 'true' };
  const githubHosted = { RUNNER_ENVIRONMENT: 'github-hosted', GITHUB_ACTIONS: 'true' };
  const oldRunner = { GITHUB_ACTIONS: 'true' };

  it.each([
    ['fork PR, self-hosted', 'pull_request', fork, selfHosted, false, true],
    ['fork PR target, self-hosted', 'pull_request_target', fork, selfHosted, false, true],
    ['fork PR, runner kind unknown inside Actions', 'pull_request', fork, oldRunner, false, true],
    ['fork PR, self-hosted, overridden', 'pull_request', fork, selfHosted, true, false],
    ['fork PR, GitHub-hosted', 'pull_request', fork, githubHosted, false, false],
    ['fork PR, outside Actions', 'pull_request', fork, {}, false, false],
    ['same-repo PR, self-hosted', 'pull_request', sameRepo, selfHosted, false, false],
    ['workflow_run about a fork PR, self-hosted', 'workflow_run', fork, selfHosted, false, false],
    ['push, self-hosted', 'push', undefined, selfHosted, false, false],
  ])('%s -> refused: %s', (_label, eventName, pullRequest, env, allow, refused) => {
    const message = forkPrOnSelfHostedRefusal({ eventName, pullRequest, env, allowForkOnSelfHosted: allow });
    expect(message !== undefined).toBe(refused);
  });

  it('explains why and names the override and the safe triggers', () => {
    const message = forkPrOnSelfHostedRefusal({
      eventName: 'pull_request',
      pullRequest: fork,
      env: selfHosted,
      allowForkOnSelfHosted: false,
    });
    expect(message).toMatch(/^allow-fork-on-self-hosted: /);
    expect(message).toContain('#42 from mallory/detector');
    expect(message).toContain('self-hosted runner');
    expect(message).toContain('untrusted code');
    for (const trigger of ['push', 'schedule', 'workflow_dispatch', 'workflow_run']) {
      expect(message).toContain(trigger);
    }
    expect(message).toContain('allow-fork-on-self-hosted: true');
    expect(message).not.toContain('\n');
  });

  it('mentions secrets for pull_request_target', () => {
    const message = forkPrOnSelfHostedRefusal({
      eventName: 'pull_request_target',
      pullRequest: fork,
      env: selfHosted,
      allowForkOnSelfHosted: false,
    });
    expect(message).toContain('secrets');
  });
});
