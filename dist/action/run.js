/**
 * The GitHub Action: inputs -> fork guard -> gate (or merge) -> outputs, job summary, annotations,
 * sticky PR comment -> success or failure per `fail-on`.
 *
 * Every dependency on the runner is injectable ({@link RunActionDeps}): `getInput`, the environment,
 * the sink for logs/outputs/summary (by default @actions/core) and the Octokit factory (by default
 * `getOctokit(token, { baseUrl: GITHUB_API_URL })`), so tests run it in-process as well as in a
 * subprocess. The token is masked first thing and redacted from everything this module emits.
 */
import { readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { mergeJobDocuments } from '../core/merge.js';
import { failsStep, OUTPUT_FILES, parseActionConfig } from '../config/action.js';
import { runGate } from '../core/gate.js';
import { renderJobSummary } from '../report/markdown.js';
import { safeLink } from '../report/escape.js';
import { assertWritableTarget, writeFileAtomically } from '../util/atomic.js';
import { ExitCode, errorMessage, exitCodeForVerdict, isUsageError, oneLineMessage, UsageError, } from '../util/errors.js';
import { shouldComment } from '../github/comment-mode.js';
import { findStickyComment, GitHubApiError, isNotAccessibleError, upsertStickyComment, } from '../github/comment.js';
import { forkPrOnSelfHostedRefusal, pullRequestFromEvent } from '../github/context.js';
/** The sink over @actions/core (workflow commands on stdout, `GITHUB_OUTPUT`, `GITHUB_STEP_SUMMARY`). */
export function coreSink() {
    return {
        info: (m) => core.info(m),
        debug: (m) => core.debug(m),
        notice: (m, title) => core.notice(m, title ? { title } : {}),
        warning: (m, title) => core.warning(m, title ? { title } : {}),
        error: (m, title) => core.error(m, title ? { title } : {}),
        startGroup: (n) => core.startGroup(n),
        endGroup: () => core.endGroup(),
        setOutput: (n, v) => core.setOutput(n, v),
        setSecret: (s) => core.setSecret(s),
        setFailed: (m) => core.setFailed(m),
        writeSummary: async (markdown) => {
            await core.summary.addRaw(markdown, true).write();
        },
    };
}
const defaultOctokitFactory = async (token, baseUrl) => {
    // Imported lazily: @actions/github reads the event payload when it is first imported.
    const { getOctokit } = await import('@actions/github');
    return getOctokit(token, { baseUrl });
};
/** Replaces every occurrence of the secret, so no message can carry the token even by accident. */
function redactingSink(sink, secret) {
    if (secret === '')
        return sink;
    const r = (s) => s.split(secret).join('***');
    return {
        info: (m) => sink.info(r(m)),
        debug: (m) => sink.debug(r(m)),
        notice: (m, t) => sink.notice(r(m), t === undefined ? t : r(t)),
        warning: (m, t) => sink.warning(r(m), t === undefined ? t : r(t)),
        error: (m, t) => sink.error(r(m), t === undefined ? t : r(t)),
        startGroup: (n) => sink.startGroup(r(n)),
        endGroup: () => sink.endGroup(),
        setOutput: (n, v) => sink.setOutput(n, r(v)),
        setSecret: (s) => sink.setSecret(s),
        setFailed: (m) => sink.setFailed(r(m)),
        writeSummary: (md) => sink.writeSummary(r(md)),
    };
}
/** Progress of the gate as collapsible log groups, one per phase, and a progress line per quarter. */
function groupReporter(sink) {
    let open = false;
    let lastQuarter = -1;
    const close = () => {
        if (open)
            sink.endGroup();
        open = false;
    };
    return {
        info: (line) => sink.info(line),
        warn: (line) => sink.warning(line, 'execution provider'),
        phase: (name, detail) => {
            close();
            sink.startGroup(detail ? `${name}: ${detail}` : name);
            open = true;
            lastQuarter = -1;
        },
        progress: (done, total, elapsed) => {
            const quarter = total ? Math.floor((done / total) * 4) : Math.floor(elapsed / 15);
            if (quarter <= lastQuarter)
                return;
            lastQuarter = quarter;
            sink.info(`${done}${total ? `/${total}` : ''} iterations, ${elapsed.toFixed(1)} s`);
        },
        close,
    };
}
async function readEventPayload(config) {
    const path = config.github.eventPath;
    if (!path)
        return undefined;
    try {
        return JSON.parse(await readFile(path, 'utf8'));
    }
    catch (err) {
        if (['pull_request', 'pull_request_target', 'workflow_run'].includes(config.github.eventName)) {
            throw new UsageError(`GITHUB_EVENT_PATH: cannot read the event payload "${path}": ${errorMessage(err)}`, { cause: err });
        }
        return undefined;
    }
}
const ms = (v) => (Number.isFinite(v) ? v.toFixed(4) : '');
function footer(config) {
    const parts = [];
    if (config.github.runUrl)
        parts.push(safeLink('workflow run', config.github.runUrl));
    if (config.github.sha && /^[0-9a-f]{7,64}$/.test(config.github.sha))
        parts.push(`commit ${config.github.sha.slice(0, 7)}`);
    return parts.length > 0 ? `\n<sub>${parts.join(' · ')}</sub>\n` : '';
}
function annotate(sink, verdict, reason, title) {
    if (verdict === 'regression')
        sink.error(`performance regression: ${reason}`, title);
    else if (verdict === 'inconclusive')
        sink.warning(`inconclusive: ${reason}`, title);
    else if (verdict === 'improvement')
        sink.notice(`improvement: ${reason}`, title);
    else
        sink.info(`${title}: pass: ${reason}`);
}
/** Posts or updates the sticky comment when the comment mode says so; never throws. */
async function postComment(req) {
    const { config, sink, pullRequest } = req;
    const { owner, repo, eventName } = config.github;
    if (config.comment === 'never') {
        sink.info('PR comment: off (comment: never)');
        return undefined;
    }
    if (pullRequest === undefined) {
        sink.info(`PR comment: none, the "${eventName || 'unknown'}" event is not about a pull request (set pull-request to name one)`);
        return undefined;
    }
    if (!owner || !repo) {
        sink.warning('PR comment: none, GITHUB_REPOSITORY is not set to OWNER/NAME');
        return undefined;
    }
    if (!config.token) {
        sink.warning('PR comment: none, the github-token input is empty');
        return undefined;
    }
    try {
        const octokit = await req.octokitFactory(config.token, config.github.apiUrl);
        const target = { octokit, owner, repo, issueNumber: pullRequest, key: req.key };
        const previous = await findStickyComment(target);
        if (!shouldComment(config.comment, req.verdict, previous !== undefined)) {
            sink.info(`PR comment: not posted (comment: ${config.comment}, verdict ${req.verdict}, no earlier comment to update)`);
            return undefined;
        }
        const result = await upsertStickyComment({ ...target, body: req.body, previous: previous ?? null });
        if (result.action === 'skipped') {
            sink.warning(result.reason ?? 'PR comment: not posted', 'yolo-perf-gate: no PR comment');
            return undefined;
        }
        sink.info(`PR comment ${result.action}: ${result.url ?? ''}`);
        return result.url;
    }
    catch (err) {
        const cause = err instanceof GitHubApiError ? err.cause : err;
        const why = isNotAccessibleError(cause)
            ? 'the token cannot read or write this pull request (HTTP 403); pull requests from forks get a read-only token, see docs/action.md "Fork pull requests"'
            : errorMessage(err);
        sink.warning(`PR comment: not posted: ${why}. The report is in the job summary.`, 'yolo-perf-gate: no PR comment');
        return undefined;
    }
}
async function runGateMode(config, sink, deps, pullRequest, payload) {
    const gate = config.gate;
    if (!gate)
        throw new Error('gate mode without a gate config');
    for (const target of Object.values(gate.outputs))
        await assertWritableTarget(target.path, target.label);
    const reporter = groupReporter(sink);
    let outcome;
    try {
        outcome = await runGate(gate, reporter, {
            ...(config.github.sha ? { commit: config.github.sha } : {}),
            event: { name: config.github.eventName, payload },
        });
    }
    finally {
        reporter.close();
    }
    const { current, verdict, reason } = outcome;
    const title = `yolo-perf-gate: ${current.model.name} (${current.provider.actual})`;
    sink.setOutput('verdict', verdict);
    sink.setOutput('reason', reason);
    sink.setOutput('p50-ms', ms(current.latency.p50));
    sink.setOutput('p99-ms', ms(current.latency.p99));
    const gpuBytes = current.memory.peakGpuBytes;
    sink.setOutput('peak-gpu-memory-mib', gpuBytes === undefined ? '' : (gpuBytes / 2 ** 20).toFixed(1));
    sink.setOutput('result-path', gate.outputs.result?.path ?? '');
    sink.setOutput('report-path', outcome.report && gate.outputs.reportJson ? gate.outputs.reportJson.path : '');
    sink.setOutput('comparison-path', outcome.comparison && gate.outputs.comparison ? gate.outputs.comparison.path : '');
    sink.setOutput('markdown-path', gate.outputs.markdown?.path ?? '');
    sink.setOutput('baseline-path', outcome.baselineUpdate?.path ?? '');
    if (outcome.baselineUpdate)
        sink.info(outcome.baselineUpdate.summary);
    if (outcome.baselineRefused)
        sink.warning(outcome.baselineRefused, 'baseline not updated');
    const tail = footer(config);
    const summary = outcome.report
        ? await renderJobSummary(outcome.report, gate.templatePath ? { templatePath: gate.templatePath } : {})
        : outcome.markdown;
    try {
        await sink.writeSummary(`${summary.trimEnd()}\n${tail}`);
    }
    catch (err) {
        sink.warning(`job summary not written: ${errorMessage(err)}`);
    }
    annotate(sink, verdict, reason, title);
    const commentUrl = await postComment({
        config,
        sink,
        octokitFactory: deps.octokitFactory,
        pullRequest,
        key: config.commentKey ?? `${current.model.name}/${current.provider.actual}`,
        verdict,
        body: `${outcome.markdown.trimEnd()}\n${tail}`,
    });
    sink.setOutput('comment-url', commentUrl ?? '');
    return finish(config, sink, verdict, reason, commentUrl);
}
async function runMergeMode(config, sink, deps, pullRequest) {
    const merged = await mergeJobDocuments(config.results, 'input "results"', {
        ...(config.title ? { title: config.title } : {}),
        ...(config.github.runUrl ? { runUrl: config.github.runUrl } : {}),
    });
    const path = `${config.outputDir}/${OUTPUT_FILES.merged}`;
    await writeFileAtomically(path, merged.markdown, 'input "output-dir"');
    sink.info(`merged ${merged.rows.reduce((n, r) => n + r.sources.length, 0)} documents into ${merged.rows.length} rows: ${merged.verdict} (${merged.reason})`);
    sink.setOutput('verdict', merged.verdict);
    sink.setOutput('reason', merged.reason);
    sink.setOutput('markdown-path', path);
    try {
        await sink.writeSummary(merged.markdown);
    }
    catch (err) {
        sink.warning(`job summary not written: ${errorMessage(err)}`);
    }
    annotate(sink, merged.verdict, merged.reason, config.title ?? 'yolo-perf-gate: matrix');
    const commentUrl = await postComment({
        config,
        sink,
        octokitFactory: deps.octokitFactory,
        pullRequest,
        key: config.commentKey ?? 'matrix',
        verdict: merged.verdict,
        body: merged.markdown,
    });
    sink.setOutput('comment-url', commentUrl ?? '');
    return finish(config, sink, merged.verdict, merged.reason, commentUrl);
}
function finish(config, sink, verdict, reason, commentUrl) {
    const result = { exitCode: ExitCode.Ok, verdict, ...(commentUrl ? { commentUrl } : {}) };
    if (failsStep(config.failOn, verdict)) {
        sink.setFailed(`performance ${verdict} (fail-on: ${config.failOn}): ${reason}`);
        result.exitCode = exitCodeForVerdict(verdict);
    }
    else if (verdict === 'regression' || verdict === 'inconclusive') {
        sink.info(`verdict ${verdict}, not failing the step (fail-on: ${config.failOn})`);
    }
    return result;
}
/**
 * Runs the Action once. Never throws: bad input fails the step with the one-line message (exit 2),
 * anything else with "internal error" (exit 70; the stack goes to the debug log).
 */
export async function runAction(deps = {}) {
    const env = deps.env ?? process.env;
    const getInput = deps.getInput ?? ((name) => core.getInput(name));
    const octokitFactory = deps.octokitFactory ?? defaultOctokitFactory;
    const token = getInput('github-token').trim();
    const sink = redactingSink(deps.sink ?? coreSink(), token);
    if (token !== '')
        sink.setSecret(token);
    try {
        const config = parseActionConfig(getInput, env);
        const payload = await readEventPayload(config);
        const { eventName } = config.github;
        const pr = pullRequestFromEvent(eventName, payload);
        const refusal = forkPrOnSelfHostedRefusal({
            eventName,
            pullRequest: pr,
            env,
            allowForkOnSelfHosted: config.allowForkOnSelfHosted,
        });
        if (refusal) {
            sink.setFailed(refusal);
            return { exitCode: ExitCode.Usage };
        }
        if (pr?.isFork && config.allowForkOnSelfHosted) {
            sink.warning(`benchmarking pull request #${pr.number} from the fork ${pr.headRepo ?? '(deleted)'}: allowed by allow-fork-on-self-hosted`);
        }
        const pullRequest = config.pullRequest ?? pr?.number;
        return config.mode === 'merge'
            ? await runMergeMode(config, sink, { octokitFactory }, pullRequest)
            : await runGateMode(config, sink, { octokitFactory }, pullRequest, payload);
    }
    catch (err) {
        if (isUsageError(err)) {
            sink.setFailed(oneLineMessage(err.message));
            return { exitCode: ExitCode.Usage };
        }
        sink.setFailed(`internal error: ${oneLineMessage(errorMessage(err))}`);
        if (err instanceof Error && err.stack)
            sink.debug(err.stack);
        return { exitCode: ExitCode.Internal };
    }
}
