import { parseBenchConfig } from '../config/bench.js';
import { cliReader, readString } from '../config/reader.js';
import { benchmark } from '../core/bench.js';
import { assertWritableTarget, toPrettyJson, writeFileAtomically } from '../util/atomic.js';
import { formatBenchSummary } from './format.js';
import { addBenchOptions } from './options.js';
import { createUi } from './ui.js';
/** `perf-gate bench`: one latency benchmark, printed and optionally written as a result document. */
export function registerBenchCommand(program, ctx) {
    const cmd = program
        .command('bench')
        .description('benchmark a model: P50/P90/P95/P99 latency, throughput, memory, environment fingerprint');
    addBenchOptions(cmd)
        .option('--out <path>', 'write the result JSON here (atomically)')
        .option('--json', 'print the result JSON on stdout instead of the summary')
        .action(async (opts) => {
        const reader = cliReader(opts, { 'execution-provider': '--ep', warmup: '--warmup' });
        const config = parseBenchConfig(reader);
        const out = readString(reader, 'out');
        if (out)
            await assertWritableTarget(out, '--out');
        const ui = createUi({ quiet: Boolean(opts.quiet) || Boolean(opts.json) });
        const run = await benchmark(config, ui);
        const json = toPrettyJson(run.result);
        if (out) {
            await writeFileAtomically(out, json, '--out');
            ui.info(`result written to ${out}`);
        }
        ctx.stdout(opts.json ? json : formatBenchSummary(run.result));
    });
}
