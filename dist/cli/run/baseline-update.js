import { currentCommit, readResultFile } from '../../baseline/io.js';
import { updateBaseline } from '../../baseline/store.js';
import { parseBaselineUpdateConfig } from '../../config/baseline.js';
import { cliReader } from '../../config/reader.js';
/** `perf-gate baseline update`: record a result as the committed baseline of its key. */
export async function run(opts, ctx) {
    const config = parseBaselineUpdateConfig(cliReader(opts));
    const result = await readResultFile(config.resultPath, `--result "${config.resultPath}"`);
    const commit = config.commit ?? currentCommit(ctx.io.env);
    const outcome = await updateBaseline(config.baselinesDir, result, {
        date: config.date ?? new Date().toISOString(),
        keep: config.keep,
        maxSamples: config.maxSamples,
        allowUnreliable: config.allowUnreliable,
        forceHint: '--force',
        ...(commit ? { commit } : {}),
    });
    ctx.stdout(outcome.summary);
}
