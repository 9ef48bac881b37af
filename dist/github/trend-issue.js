/**
 * One open "performance change point" issue per history key, sticky like the PR comment
 * (src/github/comment.ts): found among the open issues with our label by its hidden marker
 * (`<!-- yolo-perf-gate-trend:KEY -->`), updated in place (plus a short comment, since edits notify
 * nobody), created when there is none. A closed issue is never reopened: the next new slow-down
 * opens a new one. The Octokit client is injected.
 */
import { GitHubApiError, isNotAccessibleError } from './comment.js';
function status(err) {
    const s = err?.status;
    return typeof s === 'number' ? s : 0;
}
function wrap(err, operation) {
    if (err instanceof GitHubApiError)
        return err;
    const data = err?.response?.data;
    const message = typeof data?.message === 'string' ? data.message : err instanceof Error ? err.message : String(err);
    const code = status(err);
    return new GitHubApiError(`GitHub API: ${operation} failed${code > 0 ? ` (HTTP ${code})` : ''}: ${message.split('\n')[0] ?? message}`, code, { cause: err });
}
/** Our open issue for the marker, or undefined (every page of open issues with the label is read). */
export async function findTrendIssue(target) {
    const { octokit, owner, repo } = target;
    let issues;
    try {
        issues = (await octokit.paginate(octokit.rest.issues.listForRepo, {
            owner,
            repo,
            state: 'open',
            labels: target.label,
            per_page: 100,
        }));
    }
    catch (err) {
        throw wrap(err, `listing the open issues of ${owner}/${repo}`);
    }
    const ours = issues
        .filter((i) => !i.pull_request && (i.body ?? '').includes(target.marker))
        .sort((a, b) => a.number - b.number)[0];
    return ours ? { number: ours.number, url: ours.html_url, body: ours.body ?? '' } : undefined;
}
/**
 * Creates the key's issue, or updates the open one (body replaced, comment added).
 * A 403 `Resource not accessible by integration` (a token without `issues: write`) gives
 * `{ action: 'skipped', reason }`; other failures throw {@link GitHubApiError}.
 */
export async function upsertTrendIssue(options) {
    const { octokit, owner, repo } = options;
    try {
        const existing = await findTrendIssue(options);
        if (existing) {
            try {
                const { data } = await octokit.rest.issues.update({
                    owner,
                    repo,
                    issue_number: existing.number,
                    title: options.title,
                    body: options.body,
                });
                await octokit.rest.issues.createComment({
                    owner,
                    repo,
                    issue_number: existing.number,
                    body: options.comment,
                });
                return { action: 'updated', number: data.number, url: data.html_url };
            }
            catch (err) {
                throw isNotAccessibleError(err)
                    ? err
                    : wrap(err, `updating issue #${existing.number} of ${owner}/${repo}`);
            }
        }
        try {
            const { data } = await octokit.rest.issues.create({
                owner,
                repo,
                title: options.title,
                body: options.body,
                labels: [options.label],
            });
            return { action: 'created', number: data.number, url: data.html_url };
        }
        catch (err) {
            throw isNotAccessibleError(err) ? err : wrap(err, `creating an issue in ${owner}/${repo}`);
        }
    }
    catch (err) {
        const cause = err instanceof GitHubApiError ? err.cause : err;
        if (isNotAccessibleError(cause)) {
            return {
                action: 'skipped',
                reason: `no issue was opened in ${owner}/${repo}: the token may not write issues (HTTP 403); grant the workflow \`permissions: issues: write\``,
            };
        }
        throw err instanceof GitHubApiError ? err : wrap(err, `updating the trend issue of ${owner}/${repo}`);
    }
}
