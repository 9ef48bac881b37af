import { failsStep } from '../../config/action.js';
import { cliReader } from '../../config/reader.js';
import { parseMergeConfig } from '../../config/report.js';
import { mergeJobDocuments } from '../../core/merge.js';
import { assertWritableTarget, writeFileAtomically } from '../../util/atomic.js';
import { exitCodeForVerdict } from '../../util/errors.js';
/**
 * `perf-gate merge`: one Markdown report for a matrix of gate jobs, from the JSON documents each job
 * wrote (`--out` result, `--report-json` report), e.g. downloaded artifacts.
 */
export async function run(opts, ctx) {
    const reader = cliReader(opts);
    const config = parseMergeConfig(reader, opts.results ?? []);
    if (config.outPath)
        await assertWritableTarget(config.outPath, '--out');
    const merged = await mergeJobDocuments(config.results, reader.label('results'), { title: config.title });
    if (config.outPath) {
        await writeFileAtomically(config.outPath, merged.markdown, '--out');
        ctx.stdout(`${merged.verdict}: ${merged.reason} (${merged.rows.length} rows written to ${config.outPath})\n`);
    }
    else
        ctx.stdout(merged.markdown);
    if (failsStep(config.failOn, merged.verdict))
        ctx.exitCode = exitCodeForVerdict(merged.verdict);
}
