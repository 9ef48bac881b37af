/**
 * GitHub event context, pure over plain data: the caller reads the event name (`GITHUB_EVENT_NAME`),
 * the payload (JSON at `GITHUB_EVENT_PATH`) and the environment, and passes them in.
 *
 * Payload shapes: https://docs.github.com/webhooks/webhook-events-and-payloads
 * (`pull_request`, `pull_request_target`, `workflow_run`).
 */
import { UsageError } from '../util/errors.js';
/** Events whose payload carries `pull_request`. */
export const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];
function obj(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
}
function str(v) {
    return typeof v === 'string' && v !== '' ? v : undefined;
}
function need(value, eventName, field, got) {
    if (value === undefined) {
        throw new UsageError(`GITHUB_EVENT_PATH: the "${eventName}" payload has no valid ${field}, got ${JSON.stringify(got) ?? 'undefined'}`);
    }
    return value;
}
/** `owner/name` from `repos/owner/name` API URLs (workflow_run's pull_requests only carry `url`). */
function fullNameFromApiUrl(url) {
    const m = typeof url === 'string' ? url.match(/\/repos\/([^/]+\/[^/]+?)\/?$/) : null;
    return m?.[1];
}
function sameRepo(a, b) {
    return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}
/**
 * The pull request that an event is about, or `undefined` when it is not about one (push, schedule,
 * a `workflow_run` that GitHub lists no pull request for).
 *
 * - `pull_request`, `pull_request_target`: `payload.pull_request`. A payload of these events without
 *   the fields used here throws a {@link UsageError} naming the field.
 * - `workflow_run`: the first of `payload.workflow_run.pull_requests`. Note that GitHub leaves that list
 *   EMPTY for pull requests from forks, so a `workflow_run` workflow that reports on fork PRs must carry
 *   the PR number in the artifact it downloads; this then returns `undefined`.
 *
 * Fork rule: the head repository's `full_name` differs from the base repository's (case-insensitively),
 * or the head repository is gone (`head.repo: null`, a deleted fork). `head.repo.fork` alone is NOT
 * used: it is true for every branch of a repository that is itself a fork, including same-repo PRs there.
 */
export function pullRequestFromEvent(eventName, payload) {
    const root = obj(payload);
    if (PULL_REQUEST_EVENTS.includes(eventName)) {
        const pr = need(obj(root?.pull_request), eventName, 'pull_request', root?.pull_request);
        const number = pr.number;
        const head = need(obj(pr.head), eventName, 'pull_request.head', pr.head);
        const base = need(obj(pr.base), eventName, 'pull_request.base', pr.base);
        const baseRepoObj = need(obj(base.repo), eventName, 'pull_request.base.repo', base.repo);
        const headRepoObj = obj(head.repo); // null when the fork was deleted
        const baseRepo = need(str(baseRepoObj.full_name), eventName, 'pull_request.base.repo.full_name', baseRepoObj.full_name);
        const headRepo = str(headRepoObj?.full_name);
        return {
            number: need(typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : undefined, eventName, 'pull_request.number', number),
            baseSha: need(str(base.sha), eventName, 'pull_request.base.sha', base.sha),
            headSha: need(str(head.sha), eventName, 'pull_request.head.sha', head.sha),
            baseRef: need(str(base.ref), eventName, 'pull_request.base.ref', base.ref),
            headRef: need(str(head.ref), eventName, 'pull_request.head.ref', head.ref),
            isFork: !sameRepo(headRepo, baseRepo),
            headRepo,
            baseRepo,
        };
    }
    if (eventName === 'workflow_run') {
        const run = obj(root?.workflow_run);
        const list = run?.pull_requests;
        const pr = Array.isArray(list) ? obj(list[0]) : undefined;
        if (!run || !pr)
            return undefined;
        const head = obj(pr.head);
        const base = obj(pr.base);
        const number = typeof pr.number === 'number' && Number.isInteger(pr.number) ? pr.number : undefined;
        const baseRepo = fullNameFromApiUrl(obj(base?.repo)?.url) ?? str(obj(run.repository)?.full_name);
        const headRepo = fullNameFromApiUrl(obj(head?.repo)?.url) ?? str(obj(run.head_repository)?.full_name);
        const baseSha = str(base?.sha);
        const headSha = str(head?.sha) ?? str(run.head_sha);
        const baseRef = str(base?.ref);
        const headRef = str(head?.ref) ?? str(run.head_branch);
        if (!number || !baseRepo || !baseSha || !headSha || !baseRef || !headRef)
            return undefined;
        return {
            number,
            baseSha,
            headSha,
            baseRef,
            headRef,
            isFork: !sameRepo(headRepo, baseRepo),
            headRepo,
            baseRepo,
        };
    }
    return undefined;
}
/**
 * The base commit of a pull request or merge queue event, or `undefined` for other events (push,
 * schedule, workflow_dispatch, workflow_run: their checkout is not a pull request's head).
 *
 * - `pull_request`, `pull_request_target`: `pull_request.base.sha` (via {@link pullRequestFromEvent}).
 * - `merge_group`: `merge_group.base_sha`, the commit the queued group was built on.
 *
 * @throws UsageError naming the field when such an event's payload lacks it.
 */
export function baseCommitFromEvent(eventName, payload) {
    if (PULL_REQUEST_EVENTS.includes(eventName)) {
        const pr = pullRequestFromEvent(eventName, payload);
        return { sha: pr.baseSha, field: 'pull_request.base.sha', headSha: pr.headSha };
    }
    if (eventName === 'merge_group') {
        const group = need(obj(obj(payload)?.merge_group), eventName, 'merge_group', obj(payload)?.merge_group);
        const sha = need(str(group.base_sha), eventName, 'merge_group.base_sha', group.base_sha);
        const headSha = str(group.head_sha);
        return { sha, field: 'merge_group.base_sha', ...(headSha ? { headSha } : {}) };
    }
    return undefined;
}
/**
 * `RUNNER_ENVIRONMENT`, set by the Actions runner (since v2.303, 2023) to `github-hosted` or
 * `self-hosted`. It is absent outside Actions and on older self-hosted runners.
 */
export function runnerEnvironment(env) {
    const v = env.RUNNER_ENVIRONMENT?.trim().toLowerCase();
    return v === 'self-hosted' || v === 'github-hosted' ? v : 'unknown';
}
/**
 * True when `RUNNER_ENVIRONMENT === 'self-hosted'` (the runner sets it; see {@link runnerEnvironment}).
 * An unset variable reads as false here; {@link forkPrOnSelfHostedRefusal} treats it as self-hosted.
 */
export function isSelfHostedRunner(env) {
    return runnerEnvironment(env) === 'self-hosted';
}
/**
 * The error message for running a fork's pull request on a self-hosted runner, or `undefined` when
 * the run may go on.
 *
 * Refused: `pull_request` and `pull_request_target` events whose pull request comes from a fork, on a
 * runner that is self-hosted, or of unknown kind inside Actions (`GITHUB_ACTIONS=true` and no
 * `RUNNER_ENVIRONMENT`: an old runner, and GitHub-hosted runners always set it), unless
 * `allow-fork-on-self-hosted: true`. A fork's pull request is code (and models) from anyone; on a
 * self-hosted runner it runs on your machine, which persists between jobs and sits on your network.
 * `pull_request_target` is worse: it also holds secrets and a write token.
 * Not refused: `workflow_run` (base-repository code), push, schedule, workflow_dispatch, same-repo PRs.
 */
export function forkPrOnSelfHostedRefusal(input) {
    const { eventName, pullRequest, env, allowForkOnSelfHosted } = input;
    if (allowForkOnSelfHosted || !pullRequest?.isFork)
        return undefined;
    if (!PULL_REQUEST_EVENTS.includes(eventName))
        return undefined;
    const kind = runnerEnvironment(env);
    const selfHosted = kind === 'self-hosted' || (kind === 'unknown' && env.GITHUB_ACTIONS === 'true');
    if (!selfHosted)
        return undefined;
    const from = pullRequest.headRepo ?? 'a deleted fork';
    const runner = kind === 'self-hosted' ? 'a self-hosted runner' : 'a runner that does not say it is GitHub-hosted';
    return (`allow-fork-on-self-hosted: refusing to benchmark pull request #${pullRequest.number} from ${from} ` +
        `(event "${eventName}") on ${runner}: it would run untrusted code and models from a fork on a machine ` +
        'that keeps state between jobs and can reach your network' +
        (eventName === 'pull_request_target' ? ', with your secrets and a write token in reach' : '') +
        '. Safe triggers: pull_request from branches of this repository, push, schedule, workflow_dispatch, ' +
        'and workflow_run to post results for fork pull requests from an artifact. ' +
        'Set `allow-fork-on-self-hosted: true` only for ephemeral, isolated runners.');
}
