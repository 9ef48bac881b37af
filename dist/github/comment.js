import { GITHUB_COMMENT_LIMIT } from '../report/markdown.js';
import { UsageError } from '../util/errors.js';
import { sha256 } from '../util/hash.js';
/** The login that the Actions `GITHUB_TOKEN` comments as. */
export const GITHUB_ACTIONS_BOT_LOGIN = 'github-actions[bot]';
const MARKER_PREFIX = '<!-- yolo-perf-gate:';
const MARKER_SUFFIX = ' -->';
/**
 * The hidden marker that identifies the sticky comment of one gate key:
 * `<!-- yolo-perf-gate:sha256=<32 hex digits> -->`, the first 128 bits of the key's sha256.
 *
 * Only the hash: the key is user text (model name, provider, the `comment-key` input), and whatever
 * it holds (a token pasted as a model name, `-->`, an @mention) never appears in the comment, where
 * sanitising it would also defeat the Actions log's masking of secrets. Two keys share a marker only
 * if sha256 collides on its first 128 bits.
 */
export function commentMarker(key) {
    if (key.trim() === '')
        throw new UsageError(`comment key: expected a non-empty string, got ""`);
    return `${MARKER_PREFIX}sha256=${sha256(key).slice(0, 32)}${MARKER_SUFFIX}`;
}
const ANY_MARKER = /<!-- yolo-perf-gate:[A-Za-z0-9._:/@+=-]+ -->/g;
/**
 * Fits a comment body into GitHub's limit (default 65,536 characters, counted as UTF-16 code units,
 * which is never fewer than GitHub's count). Never throws for a long body: a body over the limit is cut
 * at the last line boundary that leaves room for a note saying how much was left out, an open ``` fence
 * is closed, and every `yolo-perf-gate` marker of the original that was cut off is appended again, so
 * the trimmed comment is still found next time. A body within the limit is returned unchanged.
 */
export function fitCommentBody(body, limit = GITHUB_COMMENT_LIMIT) {
    if (!Number.isInteger(limit) || limit <= 0) {
        throw new UsageError(`comment length limit: expected a positive integer, got "${limit}"`);
    }
    if (body.length <= limit)
        return body;
    const markers = [...new Set(body.match(ANY_MARKER) ?? [])];
    const tail = (kept) => {
        const omitted = body.length - kept.length;
        const fence = (kept.match(/^ {0,3}```/gm) ?? []).length % 2 === 1 ? '\n```' : '';
        const note = `\n\n> [!NOTE]\n> This comment was trimmed to fit GitHub's ${limit.toLocaleString('en-US')}-character ` +
            `limit: ${omitted.toLocaleString('en-US')} characters were left out. ` +
            'The full report is in the job summary and the JSON result.';
        const lost = markers.filter((m) => !kept.includes(m));
        return fence + note + (lost.length > 0 ? `\n${lost.join('\n')}` : '');
    };
    // The tail depends on the kept text only through the omitted count (digits) and the open fence,
    // so reserve room for its longest form and cut once.
    const reserve = tail('').length + '\n```'.length;
    const budget = limit - reserve;
    if (budget <= 0)
        return body.slice(0, limit);
    let kept = body.slice(0, budget);
    const newline = kept.lastIndexOf('\n');
    if (newline > 0)
        kept = kept.slice(0, newline);
    else if (/[\uD800-\uDBFF]$/.test(kept))
        kept = kept.slice(0, -1); // never split a surrogate pair
    const result = kept + tail(kept);
    return result.length <= limit ? result : result.slice(0, limit);
}
/** A failed GitHub API call. The message names the operation and GitHub's answer, never the token. */
export class GitHubApiError extends Error {
    status;
    name = 'GitHubApiError';
    constructor(message, 
    /** HTTP status, 0 when no response came back. */
    status, options) {
        super(message, options);
        this.status = status;
    }
}
function status(err) {
    const s = err?.status;
    return typeof s === 'number' ? s : 0;
}
function apiMessage(err) {
    const data = err?.response?.data;
    const m = data?.message;
    if (typeof m === 'string' && m !== '')
        return m.split('\n')[0] ?? m;
    return err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
}
/** True for GitHub's 403 `Resource not accessible by integration` (or `... by personal access token`). */
export function isNotAccessibleError(err) {
    return (status(err) === 403 &&
        /Resource not accessible by (integration|personal access token)/i.test(apiMessage(err)));
}
function wrap(err, operation) {
    if (err instanceof GitHubApiError)
        return err;
    const code = status(err);
    return new GitHubApiError(`GitHub API: ${operation} failed${code > 0 ? ` (HTTP ${code})` : ''}: ${apiMessage(err)}`, code, { cause: err });
}
function validateTarget(t) {
    if (!t.owner || /[/\s]/.test(t.owner))
        throw new UsageError(`repository owner: invalid, got "${t.owner}"`);
    if (!t.repo || /[/\s]/.test(t.repo))
        throw new UsageError(`repository name: invalid, got "${t.repo}"`);
    if (!Number.isInteger(t.issueNumber) || t.issueNumber <= 0) {
        throw new UsageError(`pull request number: expected a positive integer, got "${t.issueNumber}"`);
    }
    if (t.authorLogin !== undefined && t.authorLogin.trim() === '') {
        throw new UsageError(`comment author login: expected a GitHub login, got "${t.authorLogin}"`);
    }
}
/** Determines who our comments are authored by (see the module comment). */
export async function resolveCommentAuthor(octokit, authorLogin) {
    if (authorLogin !== undefined)
        return { login: authorLogin, source: 'input' };
    try {
        const { data } = await octokit.rest.users.getAuthenticated();
        return { login: data.login, source: 'api' };
    }
    catch (err) {
        if (status(err) === 403)
            return { login: GITHUB_ACTIONS_BOT_LOGIN, source: 'installation-token' };
        throw wrap(err, 'GET /user (to learn which login authors our comments; pass the author login to skip it)');
    }
}
function pickOurs(comments, marker, author) {
    const marked = comments.filter((c) => (c.body ?? '').includes(marker) && c.user !== null);
    const login = author.login.toLowerCase();
    const exact = marked.find((c) => c.user?.login.toLowerCase() === login);
    if (exact || author.source !== 'installation-token')
        return exact;
    return marked.find((c) => c.user?.type === 'Bot');
}
async function findWith(target, marker, author) {
    const { octokit, owner, repo, issueNumber } = target;
    let comments;
    try {
        comments = (await octokit.paginate(octokit.rest.issues.listComments, {
            owner,
            repo,
            issue_number: issueNumber,
            per_page: 100,
        }));
    }
    catch (err) {
        throw wrap(err, `listing comments of ${owner}/${repo}#${issueNumber}`);
    }
    return pickOurs(comments, marker, author);
}
/**
 * Finds our sticky comment for `key` (all pages are read), or `undefined`. Use it to decide with
 * `shouldComment` whether to post at all. Throws {@link GitHubApiError} (see {@link isNotAccessibleError}).
 */
export async function findStickyComment(target) {
    validateTarget(target);
    const marker = commentMarker(target.key);
    const author = await resolveCommentAuthor(target.octokit, target.authorLogin);
    const found = await findWith(target, marker, author);
    return found ? toSticky(found) : undefined;
}
function toSticky(c) {
    return { id: c.id, url: c.html_url, body: c.body ?? '', author: c.user?.login ?? '' };
}
function skippedReason(owner, repo, issueNumber, err) {
    return (`no PR comment was posted on ${owner}/${repo}#${issueNumber}: the GitHub token may not write to it ` +
        `(HTTP 403 "${apiMessage(err)}"). GitHub gives pull requests from forks a read-only GITHUB_TOKEN whatever ` +
        'the workflow asks for; for same-repository pull requests grant `permissions: pull-requests: write`. ' +
        'To comment on fork pull requests, upload the JSON result as an artifact and post the comment from a ' +
        "separate workflow triggered by `workflow_run`, which runs with the base repository's token and never " +
        "executes the fork's code. The report is still in the job summary.");
}
/**
 * Creates or updates our sticky comment for `key` on an issue or pull request.
 *
 * - none of ours yet -> POST, `created`
 * - ours exists with a different body -> PATCH in place, `updated` (the oldest of ours, if duplicates exist)
 * - ours exists with the same body -> nothing sent, `unchanged`
 * - 403 `Resource not accessible by integration` -> nothing posted, `skipped` with a `reason`
 *
 * The body is passed through {@link fitCommentBody}, so an oversized report is trimmed, never rejected.
 */
export async function upsertStickyComment(options) {
    validateTarget(options);
    const { octokit, owner, repo, issueNumber } = options;
    const marker = commentMarker(options.key);
    const body = fitCommentBody(options.body.includes(marker) ? options.body : `${marker}\n${options.body}`);
    const where = `${owner}/${repo}#${issueNumber}`;
    try {
        const existing = options.previous !== undefined
            ? options.previous
            : await findWith(options, marker, await resolveCommentAuthor(octokit, options.authorLogin)).then((c) => (c ? toSticky(c) : null));
        if (existing) {
            if (existing.body === body) {
                return { action: 'unchanged', commentId: existing.id, url: existing.url };
            }
            try {
                const { data } = await octokit.rest.issues.updateComment({
                    owner,
                    repo,
                    comment_id: existing.id,
                    body,
                });
                return { action: 'updated', commentId: data.id, url: data.html_url };
            }
            catch (err) {
                throw isNotAccessibleError(err) ? err : wrap(err, `updating comment ${existing.id} on ${where}`);
            }
        }
        try {
            const { data } = await octokit.rest.issues.createComment({
                owner,
                repo,
                issue_number: issueNumber,
                body,
            });
            return { action: 'created', commentId: data.id, url: data.html_url };
        }
        catch (err) {
            throw isNotAccessibleError(err) ? err : wrap(err, `creating a comment on ${where}`);
        }
    }
    catch (err) {
        const cause = err instanceof GitHubApiError ? err.cause : err;
        if (isNotAccessibleError(cause)) {
            return { action: 'skipped', reason: skippedReason(owner, repo, issueNumber, cause) };
        }
        throw wrap(err, `updating the sticky comment on ${where}`);
    }
}
