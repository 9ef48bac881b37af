/**
 * The main job: decide what this run is compared with, measure, compare, report, and optionally
 * record the run as a baseline. Orchestration over the modules (docs/architecture.md).
 *
 * What is compared (`baseline`, docs/action.md "What `baseline: auto` compares"):
 * - `auto` on a pull request (or with `--base-ref`): the base commit's version of the model, read
 *   from git (or built by `model-command`): changed → paired A/B on this runner; unchanged or new →
 *   the stored baseline when there is one, else pass "model unchanged" / inconclusive "no base";
 * - `auto` elsewhere, and `stored`: the stored baseline in `baselines/`;
 * - a model path: paired A/B against it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBaseline, unreliableRefusal, updateBaseline } from '../baseline/index.js';
import { compareResults } from '../compare/index.js';
import { reproduceGateCommand } from '../config/reproduce.js';
import { createGit } from '../git/git.js';
import { AUTO_REASONS, autoUsesBase, decideAutoComparison, } from '../git/decide.js';
import { resolveRelativeModels } from '../git/relative.js';
import { baseCommitFromEvent } from '../github/context.js';
import { renderJson, renderMarkdown, renderNoBaselineMarkdown } from '../report/index.js';
import { schemaUrl } from '../schema/ids.js';
import { toPrettyJson, writeFilesAtomically } from '../util/atomic.js';
import { ExitCode, exitCodeForVerdict, UsageError } from '../util/errors.js';
import { benchmark } from './bench.js';
import { benchInChild } from './child-bench.js';
import { resolveModel } from './model-source.js';
import { runPairedComparison } from './paired.js';
/** Resolves `baseline: auto` against git; `workDir` receives base (and built) models. */
async function planRun(config, context, reporter, workDir) {
    const head = config.bench.model;
    if (config.baseline.kind === 'model')
        return {
            kind: 'paired',
            base: config.baseline.source,
            head,
            why: 'paired A/B against the given base model',
        };
    if (config.baseline.kind === 'stored')
        return { kind: 'stored', head, why: 'compared with the stored baseline' };
    const event = context.event?.name;
    if (!autoUsesBase(event, config.baseRef !== undefined)) {
        return { kind: 'stored', head, why: decideAutoComparison({ relative: false, storedBaseline: true }).why };
    }
    if (head.kind === 'builtin' && !config.modelCommand) {
        return {
            kind: 'stored',
            head,
            why: 'a built-in model has no version in git: compared with the stored baseline',
        };
    }
    let base;
    if (config.baseRef)
        base = { kind: 'ref', ref: config.baseRef, label: '--base-ref' };
    else {
        const fromEvent = baseCommitFromEvent(event ?? '', context.event?.payload);
        if (!fromEvent)
            throw new UsageError(`baseline: the "${event}" event carries no base commit; set base-ref`);
        base = {
            kind: 'commit',
            sha: fromEvent.sha,
            label: fromEvent.field,
            ...(fromEvent.headSha ? { headSha: fromEvent.headSha } : {}),
        };
    }
    const dir = await workDir();
    const models = await resolveRelativeModels({
        git: createGit({ cwd: context.cwd ?? process.cwd() }),
        base,
        source: config.modelCommand
            ? {
                kind: 'command',
                command: config.modelCommand.command,
                label: config.modelCommand.label,
                timeoutMs: config.modelCommand.timeoutSeconds * 1000,
                onLine: (line) => reporter.info(line),
            }
            : { kind: 'file', model: head.kind === 'file' ? head.path : '', label: head.label },
        workDir: dir,
        baselineLabel: 'baseline',
        log: (line) => reporter.info(line),
    });
    reporter.info(models.summary);
    if (models.warning)
        (reporter.warn ?? reporter.info).call(reporter, `WARNING: ${models.warning}`);
    const headSource = { kind: 'file', path: models.head, label: head.label };
    const baseRef = models.baseCommit.sha;
    if (models.status === 'changed' && models.base) {
        if (config.updateBaseline) {
            throw new UsageError('update-baseline: not for a pull request whose model changed (the run is paired A/B and holds two models); record baselines from a stored-mode run such as the nightly on the main branch');
        }
        const plan = decideAutoComparison({ relative: true, model: 'changed', storedBaseline: false });
        return {
            kind: 'paired',
            base: { kind: 'file', path: models.base, label: `the base commit's ${head.label}` },
            head: headSource,
            why: plan.why,
            baseRef,
        };
    }
    return { kind: 'stored', head: headSource, why: models.summary, status: models.status, baseRef };
}
/** This run's result(s): one in this process, or `runs` in their own processes. */
async function measure(config, bench, reporter) {
    if (config.runs <= 1)
        return [(await benchmark(bench, reporter)).result];
    const out = [];
    for (let i = 0; i < config.runs; i++) {
        reporter.phase('run', `${i + 1} of ${config.runs}, in its own process`);
        // Only the first run is profiled: the profile is a picture of the model, not a sample.
        const child = i === 0 ? bench : { ...bench, profile: { ...bench.profile, enabled: false } };
        out.push(await benchInChild(child, { what: `run ${i + 1} of ${config.runs}`, log: (l) => reporter.info(l) }));
    }
    return out;
}
/**
 * The main job (see the module comment). Writes the requested files; with `updateBaseline` records
 * the run(s) into the baselines folder unless a run is unreliable (and not forced).
 */
export async function runGate(config, reporter, context = {}) {
    let dir;
    const workDir = async () => (dir ??= await mkdtemp(join(tmpdir(), 'perf-gate-base-')));
    try {
        return await gate(config, reporter, context, workDir);
    }
    finally {
        if (dir)
            await rm(dir, { recursive: true, force: true });
    }
}
async function gate(config, reporter, context, workDir) {
    const plan = await planRun(config, context, reporter, workDir);
    reporter.info(`comparison: ${plan.why}`);
    const reproduce = reproduceGateCommand({ ...config, ...(plan.baseRef ? { baseRef: plan.baseRef } : {}) });
    let current;
    let runs = [];
    let baseline;
    let comparison;
    let baselineSource;
    let reason;
    let fixedVerdict;
    if (plan.kind === 'paired') {
        const [base, cur] = await Promise.all([
            resolveModel(plan.base, config.bench.cacheDir, undefined, reporter.info),
            resolveModel(plan.head, config.bench.cacheDir, config.bench.modelName, reporter.info),
        ]);
        const paired = await runPairedComparison({
            baselineModel: base,
            currentModel: cur,
            config: config.bench,
            policy: config.policy,
            paired: config.paired,
            reporter,
        });
        ({ current, baseline, comparison } = paired);
        runs = [current];
        baselineSource = `paired: ${plan.baseRef ? `the base commit ${plan.baseRef.slice(0, 12)}` : base.path} (${paired.rounds.length} round(s), ${paired.timedSeconds.toFixed(1)} s timed, stopped: ${paired.stoppedBecause})`;
        reason = comparison.reason;
    }
    else {
        runs = await measure(config, { ...config.bench, model: plan.head }, reporter);
        current = runs[0];
        const lookup = await findBaseline(config.baselinesDir, current);
        const auto = plan.status
            ? decideAutoComparison({ relative: true, model: plan.status, storedBaseline: lookup.status !== 'none' })
            : undefined;
        if (auto?.compare === 'none') {
            fixedVerdict = auto.verdict;
            reason =
                auto.reason === AUTO_REASONS.modelUnchanged
                    ? `${auto.reason}: the model has the same bytes as at the base commit and there is no stored baseline; this run's numbers are reported`
                    : `${auto.reason}: the model is new in this pull request and there is no stored baseline; this run's numbers are reported`;
        }
        else if (lookup.status === 'none') {
            reason = lookup.reason;
        }
        else {
            baseline = lookup.baseline.result;
            baselineSource = lookup.path;
            comparison = compareResults({
                baseline,
                current,
                currentRuns: runs,
                history: lookup.baseline.history,
                mode: 'stored-baseline',
                policy: config.policy,
                ...(lookup.hardwareMismatch ? { hardwareMismatch: lookup.reason } : {}),
            });
            reason = comparison.reason;
        }
    }
    const verdict = comparison?.verdict ?? fixedVerdict ?? 'inconclusive';
    let report;
    let markdown;
    if (comparison && baseline && baselineSource) {
        report = { comparison, baseline, current, baselineSource, reproduceCommand: reproduce };
        markdown = await renderMarkdown(report, config.templatePath ? { templatePath: config.templatePath } : {});
    }
    else {
        markdown = renderNoBaselineMarkdown(current, reason, verdict);
    }
    const { result: resultFile, markdown: markdownFile, reportJson, comparison: comparisonFile, baselineResult: baselineFile, } = config.outputs;
    // One set: every temp file first, then the renames, so a full disk leaves none of them new.
    const files = [];
    if (resultFile)
        files.push({ path: resultFile.path, data: toPrettyJson(current), what: resultFile.label });
    if (markdownFile)
        files.push({ path: markdownFile.path, data: markdown, what: markdownFile.label });
    if (reportJson && report)
        files.push({ path: reportJson.path, data: renderJson(report), what: reportJson.label });
    // Only a paired run measured its baseline here; a stored baseline is already a file.
    if (baselineFile && baseline && plan.kind === 'paired')
        files.push({ path: baselineFile.path, data: toPrettyJson(baseline), what: baselineFile.label });
    if (comparisonFile && comparison)
        files.push({
            path: comparisonFile.path,
            data: toPrettyJson({ $schema: schemaUrl('comparison'), ...comparison }),
            what: comparisonFile.label,
        });
    await writeFilesAtomically(files);
    const { update, refused } = await recordBaseline(config, runs, plan, context);
    return {
        verdict,
        reason,
        current,
        ...(baseline ? { baseline } : {}),
        ...(comparison ? { comparison } : {}),
        markdown,
        ...(report ? { report } : {}),
        ...(baselineSource ? { baselineSource } : {}),
        plan: plan.why,
        ...(update ? { baselineUpdate: update } : {}),
        ...(refused ? { baselineRefused: `baseline not updated: ${refused}` } : {}),
        // A refused update is not a success, whatever the verdict; a regression keeps its own code.
        exitCode: refused && exitCodeForVerdict(verdict) === ExitCode.Ok
            ? ExitCode.Inconclusive
            : exitCodeForVerdict(verdict),
    };
}
async function recordBaseline(config, runs, plan, context) {
    if (!config.updateBaseline || plan.kind === 'paired')
        return {};
    if (!config.forceBaselineUpdate) {
        for (const r of runs) {
            const refused = unreliableRefusal(r, '--force (Action input "force")');
            if (refused)
                return { refused };
        }
    }
    let update;
    // Each run of --runs N was its own process: each is one entry of the baseline's history.
    for (const r of runs) {
        const u = await updateBaseline(config.baselinesDir, r, {
            keep: config.historyKeep,
            date: (context.now?.() ?? new Date()).toISOString(),
            ...(context.commit ? { commit: context.commit } : {}),
            allowUnreliable: config.forceBaselineUpdate,
        });
        update = { path: u.path, summary: u.summary };
    }
    return update ? { update } : {};
}
