/**
 * The git side of a relative run in one call: open the repository, make the base commit present,
 * and produce the two models to compare, from a model file (read from git at the base commit) or
 * from `model-command` (built in a base worktree and in the checkout). The gate then looks for a
 * stored baseline and asks {@link decideAutoComparison} what to compare.
 */
import { resolveBaseCommit, shortSha } from './base.js';
import { buildModelsWithCommand } from './model-command.js';
import { modelVersions } from './model-version.js';
import { openRepository } from './repo.js';
/**
 * Resolves the base commit and the models of a relative run.
 * @throws UsageError (one line, naming the input) for everything the user can fix: no checkout, a
 *   base commit that cannot be fetched, an unresolvable LFS pointer, a failing `model-command`.
 */
export async function resolveRelativeModels(request) {
    const { git, source, workDir } = request;
    const log = request.log ?? (() => { });
    const repo = await openRepository(git, request.baselineLabel);
    const baseCommit = await resolveBaseCommit(git, repo, request.base, {
        ...(request.remote ? { remote: request.remote } : {}),
        log,
    });
    if (source.kind === 'file') {
        const v = await modelVersions({
            git,
            repo,
            baseCommit,
            model: source.model,
            label: source.label,
            workDir,
            log,
        });
        return {
            repo,
            baseCommit,
            status: v.status,
            repoPath: v.repoPath,
            head: v.head,
            ...(v.base ? { base: v.base } : {}),
            summary: v.summary,
            ...(v.warning ? { warning: v.warning } : {}),
        };
    }
    const built = await buildModelsWithCommand({
        git,
        repo,
        baseCommit,
        command: source.command,
        outDir: workDir,
        ...(source.fileName ? { fileName: source.fileName } : {}),
        timeoutMs: source.timeoutMs,
        label: source.label,
        onLine: source.onLine,
        log,
        ...(source.env ? { env: source.env } : {}),
    });
    const at = `the base commit ${shortSha(baseCommit.sha)} (${baseCommit.source})`;
    return {
        repo,
        baseCommit,
        status: built.status,
        head: built.head,
        ...(built.status === 'changed' ? { base: built.base } : {}),
        summary: built.status === 'changed'
            ? `${source.label}: built models differ between ${at} and this checkout`
            : `${source.label}: same bytes built at ${at} and in this checkout`,
    };
}
