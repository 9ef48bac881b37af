import { readStoredRun } from '../../baseline/io.js';
import { compareResults } from '../../compare/index.js';
import { parseCompareConfig } from '../../config/compare.js';
import { cliReader } from '../../config/reader.js';
import { resolveModel } from '../../core/model-source.js';
import { schemaUrl } from '../../schema/ids.js';
import { runPairedComparison } from '../../core/paired.js';
import { assertWritableTarget, toPrettyJson, writeFileAtomically } from '../../util/atomic.js';
import { exitCodeForVerdict } from '../../util/errors.js';
import { formatComparison } from '../format.js';
import { createUi } from '../ui.js';
/**
 * `perf-gate compare`: the verdict between two stored results (`--baseline` result or baseline
 * file, `--current` result), or paired A/B mode (`--baseline-model A --model B`, benchmarked
 * interleaved in this process). Exit code 0 pass/improvement, 1 regression, 3 inconclusive, 2 usage.
 */
export async function run(opts, ctx) {
    const config = parseCompareConfig(cliReader(opts, { 'execution-provider': '--ep' }));
    if (config.outPath)
        await assertWritableTarget(config.outPath, '--out');
    const ui = createUi({ quiet: Boolean(opts.quiet) || Boolean(opts.json), io: ctx.io });
    let comparison;
    let source;
    if (config.mode === 'stored') {
        const base = await readStoredRun(config.baselinePath, `--baseline "${config.baselinePath}"`);
        const cur = await readStoredRun(config.currentPath, `--current "${config.currentPath}"`);
        comparison = compareResults({
            baseline: base.result,
            current: cur.result,
            ...(base.history ? { history: base.history } : {}),
            mode: 'stored-baseline',
            policy: config.policy,
            ...(config.hardwareMismatch ? { hardwareMismatch: config.hardwareMismatch } : {}),
        });
        source = config.baselinePath;
    }
    else {
        const { bench } = config;
        const baseModel = await resolveModel(config.baselineModel, bench.cacheDir, undefined, ui.info);
        const curModel = await resolveModel(bench.model, bench.cacheDir, bench.modelName, ui.info);
        const outcome = await runPairedComparison({
            baselineModel: baseModel,
            currentModel: curModel,
            config: bench,
            policy: config.policy,
            paired: config.paired,
            reporter: ui,
        });
        comparison = outcome.comparison;
        source = `paired: ${baseModel.path} (${outcome.rounds.length} round(s), ${outcome.timedSeconds.toFixed(1)} s timed, stopped: ${outcome.stoppedBecause})`;
    }
    const json = toPrettyJson({ $schema: schemaUrl('comparison'), ...comparison });
    if (config.outPath) {
        await writeFileAtomically(config.outPath, json, '--out');
        ui.info(`comparison written to ${config.outPath}`);
    }
    ctx.stdout(opts.json ? json : formatComparison(comparison, source));
    ctx.exitCode = exitCodeForVerdict(comparison.verdict);
}
