import { parseBenchConfig } from '../../config/bench.js';
import { isCudaProvider } from '../../config/providers.js';
import { readOutputTarget } from '../../config/gate.js';
import { cliReader, readInteger } from '../../config/reader.js';
import { resolveModel } from '../../core/model-source.js';
import { planSession } from '../../core/session-plan.js';
import { formatProfileTable, runProfilingPass, suggest } from '../../profile/index.js';
import { assertWritableTarget, toPrettyJson } from '../../util/atomic.js';
import { formatBytes } from '../../util/format.js';
import { createUi } from '../ui.js';
/** `perf-gate profile`: where the time goes, per module (backbone/neck/head), operator and node. */
export async function run(opts, ctx) {
    const reader = cliReader(opts, { 'execution-provider': '--ep' });
    const config = parseBenchConfig(reader);
    const trace = readOutputTarget(reader, 'trace');
    const top = readInteger(reader, 'top', 10, { min: 1, max: 1000 });
    if (trace)
        await assertWritableTarget(trace.path, trace.label);
    const ui = createUi({ quiet: Boolean(opts.quiet) || Boolean(opts.json), io: ctx.io });
    const model = await resolveModel(config.model, config.cacheDir, config.modelName, ui.info);
    const { session, provider } = planSession(config, (line) => ui.warn(line));
    const iterations = config.profile.iterations;
    ui.phase('profile', `${model.path}: ${iterations} iterations on ${provider.actual} in a separate process`);
    const pass = await runProfilingPass({
        modelPath: model.path,
        session,
        dims: config.dims,
        warmupIterations: config.warmupIterations,
        iterations,
        cudaLaunchBlocking: isCudaProvider(provider.actual),
        allowFallback: config.allowFallback,
        ...(trace ? { keepTraceAt: trace.path, keepTraceLabel: trace.label } : {}),
    });
    for (const line of pass.fallbacks) {
        ui.warn(`WARNING: execution provider fallback: ${line} -> running on ${pass.summary.requestedProviders[0] ?? 'cpu'}`);
    }
    if (opts.json) {
        ctx.stdout(toPrettyJson(pass.summary));
        return;
    }
    ctx.stdout(formatProfileTable(pass.summary, { top }));
    ctx.stdout('\n');
    for (const s of suggest(pass.summary))
        ctx.stdout(`suggestion: ${s.text}\n`);
    ctx.stdout(`\n${trace ? `trace: ${trace.path} (${formatBytes(pass.traceBytes)}), ` : ''}profiling pass ${pass.wallSeconds.toFixed(1)} s\n`);
}
