/**
 * The base commit of a comparison: a commit id from the event payload (`pull_request.base.sha`,
 * `merge_group.base_sha`) or a ref the user names (`--base-ref main`), made present in the local
 * repository, fetching it when a shallow checkout lacks it.
 */
import { UsageError } from '../util/errors.js';
import { GitError, gitSucceeds, gitText } from './git.js';
const HEX_ID = /^[0-9a-f]{7,64}$/i;
/** First 12 characters of a commit id, as messages show it. */
export function shortSha(sha) {
    return sha.slice(0, 12);
}
/** The one line that says what to change when the base commit cannot be had. */
const HOW_TO_GET_THE_BASE = 'set `fetch-depth: 0` in actions/checkout, or fetch the base commit yourself before this step';
async function commitId(git, rev) {
    try {
        return await gitText(git, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
    }
    catch (err) {
        if (err instanceof GitError && err.exitCode !== undefined)
            return undefined;
        throw err;
    }
}
/**
 * The first parent of HEAD when HEAD is a two-parent merge whose second parent is `headSha`: GitHub's
 * test merge commit of a pull request (`refs/pull/N/merge`), built on the base branch's tip. Read from
 * the commit object itself, so it works in a depth-1 clone where the parents are not present.
 */
export async function mergeCheckoutBase(git, headSha) {
    let text;
    try {
        text = await gitText(git, ['cat-file', 'commit', 'HEAD']);
    }
    catch (err) {
        if (err instanceof GitError && err.exitCode !== undefined)
            return undefined; // no HEAD yet
        throw err;
    }
    const header = text.split('\n\n')[0] ?? '';
    const parents = header
        .split('\n')
        .filter((l) => l.startsWith('parent '))
        .map((l) => l.slice('parent '.length).trim());
    return parents.length === 2 && parents[1] === headSha ? parents[0] : undefined;
}
/** `git fetch` of one commit or ref; `--depth=1` only in a shallow clone (it would make a full one shallow). */
async function fetchOne(git, repo, what, options) {
    const remote = options.remote ?? 'origin';
    const args = ['fetch', '--no-tags', ...(repo.shallow ? ['--depth=1'] : []), remote, what];
    options.log?.(`fetching ${what} from ${remote}: git ${args.join(' ')}`);
    await git.run(args, { timeoutMs: options.fetchTimeoutMs ?? 120_000 });
    return args;
}
/**
 * Makes the base commit available and returns its full id.
 *
 * - `commit`: used when the object is present; otherwise fetched (`git fetch --no-tags --depth=1
 *   origin <sha>` in a shallow clone, which GitHub serves for any reachable commit).
 * - `ref`: a commit id, branch, tag or any revision git understands; then `origin/<ref>`; then the
 *   ref fetched from the remote.
 *
 * @throws UsageError in one line naming the field or input, the value, git's reason, and what to set.
 */
export async function resolveBaseCommit(git, repo, spec, options = {}) {
    const remote = options.remote ?? 'origin';
    if (spec.kind === 'commit') {
        if (!HEX_ID.test(spec.sha)) {
            throw new UsageError(`${spec.label}: expected a commit id (hexadecimal), got "${spec.sha}"`);
        }
        const mergeBase = spec.headSha ? await mergeCheckoutBase(git, spec.headSha) : undefined;
        if (mergeBase && mergeBase !== spec.sha) {
            options.log?.(`the checkout is the merge commit of ${shortSha(spec.headSha)}: its first parent ${shortSha(mergeBase)} is the base (${spec.label} is ${shortSha(spec.sha)})`);
            return resolveBaseCommit(git, repo, { kind: 'commit', sha: mergeBase, label: "HEAD^1 (GitHub's merge commit)" }, options);
        }
        const present = await commitId(git, spec.sha);
        if (present)
            return { sha: present, source: spec.label, fetched: false };
        let fetchArgs = [];
        try {
            fetchArgs = await fetchOne(git, repo, spec.sha, options);
        }
        catch (err) {
            const why = err instanceof GitError ? err.reason : String(err);
            throw new UsageError(`${spec.label}: the base commit ${shortSha(spec.sha)} is not in this ${repo.shallow ? 'shallow ' : ''}checkout and fetching it failed (${why}); ${HOW_TO_GET_THE_BASE}`, { cause: err });
        }
        const fetched = await commitId(git, spec.sha);
        if (!fetched) {
            throw new UsageError(`${spec.label}: the base commit ${shortSha(spec.sha)} is still missing after git ${fetchArgs.join(' ')}; ${HOW_TO_GET_THE_BASE}`);
        }
        return { sha: fetched, source: spec.label, fetched: true };
    }
    const ref = spec.ref.trim();
    // A leading dash would read as an option to git fetch; no ref or commit starts with one.
    if (ref === '' || ref.startsWith('-')) {
        throw new UsageError(`${spec.label}: expected a commit, branch or tag, got "${spec.ref}"`);
    }
    const source = `${spec.label} ${ref}`;
    const local = (await commitId(git, ref)) ?? (await commitId(git, `refs/remotes/${remote}/${ref}`));
    if (local)
        return { sha: local, source, fetched: false };
    if (!(await gitSucceeds(git, ['check-ref-format', '--allow-onelevel', ref])) && !HEX_ID.test(ref)) {
        throw new UsageError(`${spec.label}: "${ref}" is not a commit, branch or tag of this repository, nor a name git can fetch`);
    }
    try {
        await fetchOne(git, repo, ref, options);
    }
    catch (err) {
        const why = err instanceof GitError ? err.reason : String(err);
        throw new UsageError(`${spec.label}: "${ref}" is not a commit, branch or tag of this ${repo.shallow ? 'shallow ' : ''}checkout (nor ${remote}/${ref}), and fetching it from ${remote} failed (${why}); ${HOW_TO_GET_THE_BASE}`, { cause: err });
    }
    const fetched = await commitId(git, 'FETCH_HEAD');
    if (!fetched) {
        throw new UsageError(`${spec.label}: fetched "${ref}" from ${remote}, but it is not a commit`);
    }
    return { sha: fetched, source, fetched: true };
}
