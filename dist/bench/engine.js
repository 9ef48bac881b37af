import { basename, extname } from 'node:path';
import { stat } from 'node:fs/promises';
import { summarize, QUANTILE_DEFINITION } from '../stats/index.js';
import { RESULT_KIND, RESULT_SCHEMA_VERSION } from '../schema/result.js';
import { sha256File } from '../util/hash.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { collectEnvironment } from './fingerprint.js';
import { createInputFeeds, preallocateOutputs, resolveInputs } from './inputs.js';
import { assertReadableModel, createSession } from './session.js';
import { timeRuns, warmUp } from './timing.js';
const MS_DECIMALS = 1e6; // keep samples to 1 ns: exact enough, and JSON stays compact
/** Builds the latency block from raw samples (pure). */
export function latencyFromSamples(samples) {
    const values = Array.from(samples, (v) => Math.round(v * MS_DECIMALS) / MS_DECIMALS);
    const s = summarize(values);
    const totalMs = values.reduce((a, b) => a + b, 0);
    return {
        unit: 'ms',
        quantileDefinition: QUANTILE_DEFINITION,
        count: s.count,
        p50: s.p50,
        p90: s.p90,
        p95: s.p95,
        p99: s.p99,
        mean: s.mean,
        stdev: s.stdev,
        min: s.min,
        max: s.max,
        throughputPerSecond: totalMs > 0 ? (values.length * 1000) / totalMs : 0,
        timedSeconds: totalMs / 1000,
        samplesMs: values,
    };
}
/** Describes the model file and its inputs/outputs from the session metadata. */
export async function describeModel(modelPath, session, inputs, name) {
    const info = await stat(modelPath);
    return {
        path: modelPath,
        name: name ?? basename(modelPath, extname(modelPath)),
        sha256: await sha256File(modelPath),
        sizeBytes: info.size,
        inputs: inputs.map((i) => ({ name: i.name, dtype: i.dtype, shape: i.shape })),
        outputs: session.outputMetadata.map((o) => o.isTensor
            ? { name: o.name, dtype: o.type, shape: [...o.shape] }
            : { name: o.name, dtype: 'non-tensor', shape: [] }),
    };
}
/** Builds the versioned result document (pure apart from the clock, rusage and OS facts). */
export function assembleResult(parts) {
    return {
        kind: RESULT_KIND,
        schemaVersion: RESULT_SCHEMA_VERSION,
        tool: { name: TOOL_NAME, version: TOOL_VERSION },
        createdAt: new Date().toISOString(),
        model: parts.model,
        settings: {
            graphOptimizationLevel: parts.session.graphOptimizationLevel,
            intraOpThreads: parts.session.intraOpThreads,
            interOpThreads: parts.session.interOpThreads,
            warmupIterations: parts.warmupIterations,
            warmupSeconds: parts.warmupSeconds,
            ...('iterations' in parts.stop
                ? { iterations: parts.stop.iterations }
                : { durationSeconds: parts.stop.durationSeconds }),
            dims: parts.dims,
        },
        provider: { ...parts.provider },
        latency: latencyFromSamples(parts.samples),
        memory: { peakRssBytes: peakRssBytes(), rssBeforeSessionBytes: parts.rssBeforeSessionBytes },
        environment: collectEnvironment(parts.session, parts.provider.actual, parts.gpuFingerprint),
        health: { reliable: true, reasons: [] },
    };
}
/**
 * The one call the timed loop makes: `session.run` on fixed inputs, writing into pre-allocated
 * outputs when their shapes are static. Shared with the overhead benchmark so both time the same thing.
 */
export function createRunner(session, inputs) {
    const feeds = createInputFeeds(inputs);
    const fetches = preallocateOutputs(session.outputMetadata);
    return fetches ? () => session.run(feeds, fetches) : () => session.run(feeds);
}
/** Peak RSS of this process so far in bytes (getrusage's ru_maxrss is in KiB on Linux). */
export function peakRssBytes() {
    return process.resourceUsage().maxRSS * 1024;
}
/**
 * Runs one latency benchmark: load, warm up, time every run, describe. The session is
 * released before returning so a later profiling pass or paired model starts clean.
 */
export async function runBenchmark(opts, hooks = {}) {
    await assertReadableModel(opts.modelPath);
    await hooks.beforeSession?.();
    const rssBeforeSessionBytes = process.memoryUsage().rss;
    hooks.onPhase?.('load', opts.modelPath);
    const session = await createSession(opts.modelPath, opts.session);
    try {
        const inputs = resolveInputs(session.inputMetadata, opts.dims);
        const run = createRunner(session, inputs);
        hooks.onPhase?.('warmup');
        await warmUp(run, opts.warmupIterations, opts.warmupSeconds);
        hooks.onPhase?.('timed');
        await hooks.observer?.start();
        let samples;
        let observed;
        try {
            samples = await timeRuns(run, opts.stop, hooks.onProgress);
        }
        finally {
            observed = await hooks.observer?.stop();
        }
        hooks.onPhase?.('done');
        const result = assembleResult({
            model: await describeModel(opts.modelPath, session, inputs, opts.modelName),
            session: opts.session,
            provider: opts.provider,
            dims: opts.dims,
            warmupIterations: opts.warmupIterations,
            warmupSeconds: opts.warmupSeconds,
            stop: opts.stop,
            samples,
            rssBeforeSessionBytes,
            ...(hooks.gpuFingerprint ? { gpuFingerprint: hooks.gpuFingerprint } : {}),
        });
        return { result, observed, inputs };
    }
    finally {
        await session.release();
    }
}
