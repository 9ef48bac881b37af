import { parseBenchConfig } from '../../config/bench.js';
import { readOutputTarget } from '../../config/gate.js';
import { cliReader } from '../../config/reader.js';
import { benchmark } from '../../core/bench.js';
import { assertWritableTarget, toPrettyJson, writeFileAtomically } from '../../util/atomic.js';
import { formatBenchSummary } from '../format.js';
import { createUi } from '../ui.js';
/** `perf-gate bench`: one latency benchmark, printed and optionally written as a result document. */
export async function run(opts, ctx) {
    const reader = cliReader(opts, { 'execution-provider': '--ep' });
    const config = parseBenchConfig(reader);
    const out = readOutputTarget(reader, 'out');
    if (out)
        await assertWritableTarget(out.path, out.label);
    const ui = createUi({ quiet: Boolean(opts.quiet) || Boolean(opts.json), io: ctx.io });
    const { result } = await benchmark(config, ui);
    const json = toPrettyJson(result);
    if (out) {
        await writeFileAtomically(out.path, json, out.label);
        ui.info(`result written to ${out.path}`);
    }
    ctx.stdout(opts.json ? json : formatBenchSummary(result));
}
