/**
 * The base commit of an event, from payloads shaped like GitHub's documented ones
 * (https://docs.github.com/webhooks/webhook-events-and-payloads#pull_request and #merge_group).
 */
import { describe, expect, it } from 'vitest';
import { baseCommitFromEvent } from '../../src/github/context.js';
import { isUsageError } from '../../src/util/errors.js';
import { pullRequestPayload, workflowRunPayload } from './event-payloads.js';

const BASE = 'c0ffee0000000000000000000000000000000001';

/** A `merge_group` payload (action `checks_requested`), trimmed to realistic fields. */
function mergeGroupPayload(group: Record<string, unknown> | undefined): Record<string, unknown> {
  return {
    action: 'checks_requested',
    ...(group ? { merge_group: group } : {}),
    repository: { full_name: 'acme/detector' },
  };
}

describe('baseCommitFromEvent', () => {
  it.each([
    ['pull_request', pullRequestPayload({ baseSha: BASE }), 'pull_request.base.sha'],
    ['pull_request_target', pullRequestPayload({ baseSha: BASE }), 'pull_request.base.sha'],
    [
      'merge_group',
      mergeGroupPayload({
        head_sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
        head_ref: 'refs/heads/gh-readonly-queue/main/pr-42-c0ffee00',
        base_sha: BASE,
        base_ref: 'refs/heads/main',
      }),
      'merge_group.base_sha',
    ],
  ])('%s -> %s', (event, payload, field) => {
    expect(baseCommitFromEvent(event, payload)).toEqual({ sha: BASE, field, headSha: expect.any(String) });
  });

  it('names the commit under test too', () => {
    const head = '6dcb09b5b57875f334f61aebed695e2e4193db5e';
    expect(baseCommitFromEvent('pull_request', pullRequestPayload({ baseSha: BASE, headSha: head }))).toEqual(
      {
        sha: BASE,
        field: 'pull_request.base.sha',
        headSha: head,
      },
    );
  });

  it.each([
    ['push', { ref: 'refs/heads/main', after: BASE }],
    ['schedule', { schedule: '0 3 * * *' }],
    ['workflow_dispatch', { inputs: {} }],
    // Its checkout is the default branch, not the pull request's head.
    ['workflow_run', workflowRunPayload()],
  ])('%s has no base commit', (event, payload) => {
    expect(baseCommitFromEvent(event, payload)).toBeUndefined();
  });

  it.each([
    ['merge_group', mergeGroupPayload(undefined), 'merge_group'],
    ['merge_group', mergeGroupPayload({ head_sha: BASE }), 'merge_group.base_sha'],
    ['pull_request', pullRequestPayload({ baseSha: '' }), 'pull_request.base.sha'],
  ])('%s without %s: a usage error naming the field', (event, payload, field) => {
    let err: unknown;
    try {
      baseCommitFromEvent(event, payload);
    } catch (e) {
      err = e;
    }
    expect(isUsageError(err)).toBe(true);
    expect((err as Error).message).toContain(`payload has no valid ${field},`);
  });
});
