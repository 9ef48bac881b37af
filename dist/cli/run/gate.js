import { currentCommit } from '../../baseline/io.js';
import { parseGateConfig } from '../../config/gate.js';
import { cliReader } from '../../config/reader.js';
import { runGate } from '../../core/gate.js';
import { assertWritableTarget } from '../../util/atomic.js';
import { formatBenchSummary, formatComparison } from '../format.js';
import { createUi } from '../ui.js';
/**
 * `perf-gate gate`: the main job. Benchmarks the model (the built-in YOLOv8n at 640 by default),
 * compares it with its baseline in baselines/ (or with --baseline-model, interleaved), prints
 * the verdict and exits 0 (pass/improvement), 1 (regression) or 3 (inconclusive).
 */
export async function run(opts, ctx) {
    const config = parseGateConfig(cliReader(opts, { 'execution-provider': '--ep' }));
    for (const target of Object.values(config.outputs))
        await assertWritableTarget(target.path, target.label);
    const ui = createUi({ quiet: Boolean(opts.quiet), io: ctx.io });
    const commit = config.updateBaseline ? currentCommit(ctx.io.env) : undefined;
    const outcome = await runGate(config, ui, commit ? { commit } : {});
    if (opts.markdown) {
        ctx.stdout(outcome.markdown);
        if (outcome.baselineRefused)
            ui.warn(outcome.baselineRefused);
    }
    else {
        ctx.stdout(formatBenchSummary(outcome.current));
        ctx.stdout('\n');
        // formatComparison ends with the verdict line; without a comparison, say why here.
        if (outcome.comparison)
            ctx.stdout(formatComparison(outcome.comparison, outcome.baselineSource ?? ''));
        else
            ctx.stdout(`\nverdict: ${outcome.verdict.toUpperCase()}: ${outcome.reason}\n`);
        if (outcome.baselineUpdate)
            ctx.stdout(`\n${outcome.baselineUpdate.summary}\n`);
        if (outcome.baselineRefused)
            ctx.stdout(`\n${outcome.baselineRefused}\n`);
    }
    ctx.exitCode = outcome.exitCode;
}
