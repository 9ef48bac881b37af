import { basename, extname } from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import { summarize, QUANTILE_DEFINITION } from '../stats/index.js';
import { schemaUrl } from '../schema/ids.js';
import { RESULT_KIND, RESULT_SCHEMA_VERSION } from '../schema/result.js';
import { readPeakRss, resetPeakRss } from '../host/memory.js';
import { sha256File } from '../util/hash.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { collectEnvironment } from './fingerprint.js';
import { inspectPrecision } from '../model/inspect.js';
import { checkImageInput, checkImageModelFile, decodeImages, fitImages, } from './images.js';
import { preallocateOutputs, resolveInputs } from './inputs.js';
import { createRunner } from './runner.js';
import { perInputLatency } from './per-input.js';
import { assertReadableModel, createSessionWithFallback, describeSessionFailure, providerName, } from './session.js';
import { prepareReference, referenceBlock, referenceMismatch } from './reference.js';
import { timeInterleaved, timeRuns, warmUp, } from './timing.js';
/**
 * Several observers around one timed window: started in order and stopped in reverse, so the last
 * one given hugs the timed loop most tightly. Each one's result is at its index.
 */
export function combineObservers(observers) {
    let started = 0;
    return {
        start: async () => {
            for (const o of observers) {
                try {
                    await o.start();
                }
                catch (err) {
                    // Stop the ones already running (a sampler's worker thread) before giving up.
                    for (let i = started - 1; i >= 0; i--)
                        await observers[i].stop().catch(() => undefined);
                    started = 0;
                    throw err;
                }
                started++;
            }
        },
        stop: async () => {
            const results = new Array(observers.length).fill(undefined);
            let failure;
            for (let i = started - 1; i >= 0; i--) {
                try {
                    results[i] = await observers[i].stop();
                }
                catch (err) {
                    failure ??= err;
                }
            }
            started = 0;
            if (failure !== undefined)
                throw failure;
            return results;
        },
    };
}
/** The provider outcome after session creation skipped `failures` (pure). */
export function providerAfterFallback(planned, settings, failures) {
    if (failures.length === 0)
        return planned;
    const first = settings.executionProviders[0];
    const reasons = [...(planned.reason ? [planned.reason] : []), ...failures.map(describeSessionFailure)];
    return {
        ...planned,
        actual: first === undefined ? 'cpu' : providerName(first),
        fallback: true,
        reason: reasons.join(' | '),
    };
}
// Kept importable from here: the calibration and the measuring scripts time the same call.
export { createRunner } from './runner.js';
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
export async function describeModel(modelPath, session, inputs, name, source) {
    const info = await stat(modelPath);
    let precision;
    try {
        precision = inspectPrecision(await readFile(modelPath));
    }
    catch {
        // onnxruntime loaded it, so it is a model; a file our decoder cannot read just has no profile.
        precision = undefined;
    }
    return {
        path: modelPath,
        ...(source ? { source } : {}),
        name: name ?? basename(modelPath, extname(modelPath)),
        sha256: await sha256File(modelPath),
        sizeBytes: info.size,
        ...(precision ? { precision } : {}),
        inputs: inputs.map((i) => ({ name: i.name, dtype: i.dtype, shape: i.shape })),
        outputs: session.outputMetadata.map((o) => o.isTensor
            ? { name: o.name, dtype: o.type, shape: [...o.shape] }
            : { name: o.name, dtype: 'non-tensor', shape: [] }),
    };
}
/** Builds the versioned result document (pure apart from the clock, rusage and OS facts). */
export function assembleResult(parts) {
    const peak = parts.peakRss ?? readPeakRss(parts.peakReset);
    return {
        $schema: schemaUrl('result'),
        kind: RESULT_KIND,
        schemaVersion: RESULT_SCHEMA_VERSION,
        tool: { name: TOOL_NAME, version: TOOL_VERSION },
        createdAt: new Date().toISOString(),
        ...(parts.job ? { job: parts.job } : {}),
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
        memory: {
            peakRssBytes: peak.bytes,
            peakRssMethod: `${peak.method}: ${peak.description}`,
            ...(parts.peakReset?.reset && parts.peakReset.peakBeforeBytes !== null
                ? { peakRssBeforeResetBytes: parts.peakReset.peakBeforeBytes }
                : {}),
            rssBeforeSessionBytes: parts.rssBeforeSessionBytes,
        },
        environment: collectEnvironment(parts.session, parts.provider.actual, parts.gpuFingerprint, parts.webgpuAdapter),
        health: { reliable: true, reasons: [] },
    };
}
/**
 * Like {@link createRunner}, but cycling through pre-built image feeds: `select(i)` (called outside the
 * timed region) points the run at image `i mod n`; the timed call is the same single `session.run`
 * on a feed that already exists.
 */
export function createImageRunner(session, inputName, tensors) {
    const feeds = tensors.map((t) => ({ [inputName]: t }));
    const fetches = preallocateOutputs(session.outputMetadata);
    let current = feeds[0];
    const select = (i) => {
        current = feeds[i % feeds.length];
    };
    const run = fetches ? () => session.run(current, fetches) : () => session.run(current);
    return { run, select };
}
/**
 * Decodes every image and checks the model file can take images: a bad image or a model without an
 * image input fails here, before any work that would be wasted.
 * @throws UsageError naming `--inputs`.
 */
export async function checkImagesForModel(specs, modelPath) {
    const decoded = await decodeImages(specs);
    checkImageModelFile(await readFile(modelPath));
    return decoded;
}
/**
 * Decodes and letterboxes the images for the session's one image input.
 * @throws UsageError for a bad image or a model input images cannot feed.
 */
export async function loadImages(specs, inputs) {
    const decoded = 'pixels' in specs ? specs : await decodeImages(specs);
    return fitImages(decoded, checkImageInput(inputs));
}
/**
 * Runs one latency benchmark: load, warm up, time every run, describe. With `reference`, the
 * reference workload is prepared first and timed interleaved with the model (`result.reference`).
 * The sessions are released before returning so a later profiling pass or paired model starts clean.
 */
export async function runBenchmark(opts, hooks = {}) {
    await assertReadableModel(opts.modelPath, opts.modelLabel);
    // Bad images and a model that cannot take images fail before anything is loaded.
    let decoded;
    if (opts.images && 'pixels' in opts.images)
        decoded = opts.images;
    else if (opts.images?.length)
        decoded = await checkImagesForModel(opts.images, opts.modelPath);
    // The reference session exists before the GPU's idle memory is read and before the peak reset,
    // so its memory is a constant offset of the benchmark's, never a peak inside the timed window.
    let reference;
    let referenceSkipped;
    if (opts.reference) {
        hooks.onPhase?.('reference');
        const prepared = await prepareReference({
            modelPath: opts.modelPath,
            dims: opts.dims,
            session: opts.session,
            allowFallback: opts.allowFallback ?? false,
            cacheDir: opts.reference.cacheDir,
        });
        if ('skipped' in prepared)
            referenceSkipped = prepared.skipped;
        else
            reference = prepared;
    }
    try {
        return await measure(opts, hooks, decoded, reference, referenceSkipped);
    }
    finally {
        await reference?.release();
    }
}
async function measure(opts, hooks, decoded, prepared, skipped) {
    let reference = prepared;
    let referenceSkipped = skipped;
    await hooks.beforeSession?.();
    // Nothing before this point (model generation, other files, calibration) counts in the peak.
    const peakReset = resetPeakRss();
    const rssBeforeSessionBytes = process.memoryUsage().rss;
    hooks.onPhase?.('load', opts.modelPath);
    const created = await createSessionWithFallback(opts.modelPath, opts.session, {
        allowFallback: opts.allowFallback ?? false,
        ...(opts.modelLabel ? { inputName: opts.modelLabel } : {}),
    });
    const { session, settings } = created;
    const provider = providerAfterFallback(opts.provider, settings, created.failures);
    if (created.failures.length > 0) {
        hooks.onProviderFallback?.(`WARNING: execution provider fallback: ${created.failures.map(describeSessionFailure).join(' | ')} -> running on ${provider.actual}`, provider.actual);
    }
    // A reference on another provider than the model's would not share its moments of the machine.
    const mismatch = reference && referenceMismatch(reference, settings);
    if (mismatch) {
        referenceSkipped = mismatch;
        reference = undefined;
    }
    await hooks.afterSession?.();
    try {
        const inputs = resolveInputs(session.inputMetadata, opts.dims);
        // Images are decoded and letterboxed here, before warm-up: none of that work is timed.
        const images = decoded ? await loadImages(decoded, inputs) : undefined;
        const { run, select } = images
            ? createImageRunner(session, inputs[0].name, images.tensors)
            : { run: createRunner(session, inputs), select: undefined };
        const ref = reference;
        hooks.onPhase?.('warmup');
        const warmRun = ref
            ? async () => {
                await run();
                await ref.run();
            }
            : run;
        await warmUp(warmRun, opts.warmupIterations, opts.warmupSeconds, select);
        hooks.onPhase?.('timed');
        await hooks.observer?.start();
        let samples;
        let referenceSamples;
        let observed;
        try {
            if (ref) {
                const timed = await timeInterleaved(run, ref.run, opts.stop, {
                    ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
                    ...(select ? { select } : {}),
                });
                samples = timed.samples;
                referenceSamples = timed.reference;
            }
            else {
                samples = await timeRuns(run, opts.stop, hooks.onProgress, undefined, select);
            }
        }
        finally {
            observed = await hooks.observer?.stop();
        }
        const peakRss = readPeakRss(peakReset);
        hooks.onPhase?.('done');
        const result = assembleResult({
            model: await describeModel(opts.modelPath, session, inputs, opts.modelName, opts.modelSource),
            session: settings,
            provider,
            dims: opts.dims,
            warmupIterations: opts.warmupIterations,
            warmupSeconds: opts.warmupSeconds,
            stop: opts.stop,
            samples,
            rssBeforeSessionBytes,
            peakReset,
            peakRss,
            ...(hooks.gpuFingerprint ? { gpuFingerprint: hooks.gpuFingerprint } : {}),
            ...(opts.job ? { job: opts.job } : {}),
            ...(hooks.webgpuAdapter ? { webgpuAdapter: hooks.webgpuAdapter } : {}),
        });
        if (images)
            result.imageInputs = perInputLatency(result.latency.samplesMs, images.images);
        if (ref && referenceSamples)
            result.reference = referenceBlock(ref, samples, referenceSamples);
        else if (referenceSkipped)
            result.reference = { skipped: referenceSkipped };
        return { result, observed, inputs, session: settings };
    }
    finally {
        await session.release();
    }
}
