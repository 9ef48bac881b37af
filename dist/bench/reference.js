/**
 * The interleaved reference workload (`--reference interleaved`, issue 10): a fixed model — our
 * generated YOLO11n with seeded weights — at the benchmarked model's input size, timed in the same
 * window as the model, one reference run per model run (src/bench/timing.ts `timeInterleaved`).
 * On a shared runner the absolute P50 moves 20–50% between processes with the machine's speed, while
 * the ratio P50(model) / P50(reference) of runs measured side by side stays within about 1%: the
 * stored comparison can then judge the ratio instead of the absolute time (src/compare, docs/verdict.md).
 *
 * The reference session is created and warmed before the peak-memory reset (src/host/memory.ts), so
 * its memory is a constant offset in the peak, not a peak of its own inside the timed window.
 */
import { readFile } from 'node:fs/promises';
import { ensureModel } from '../model/index.js';
import { declaredInputs } from '../model/inspect.js';
import { DEFAULT_SEED, pairedBlockBootstrapQuantileRatio, quantile, subsampleInOrder, } from '../stats/index.js';
import { errorMessage } from '../util/errors.js';
import { sha256File } from '../util/hash.js';
import { createRunner } from './runner.js';
import { resolveInputs } from './inputs.js';
import { createSessionWithFallback, providerName } from './session.js';
import { warmUp } from './timing.js';
/** The reference workload: which generated model, and how it is warmed before the peak reset. */
export const REFERENCE_WORKLOAD = {
    arch: 'yolo11n',
    /** Runs before the peak-memory reset: the session's arenas exist before the window opens. */
    warmupRuns: 3,
    /** Resamples of the paired block bootstrap of log(ratio) (as a baseline history's log SEs). */
    resamples: 500,
    /** Most pairs the standard error is computed from: a seeded subsample in time order above it. */
    maxPairs: 10_000,
};
/**
 * The reference's image size for a model (pure): its one input must be an NCHW image [N, 3, S, S]
 * with S a multiple of 32 (the generator's stride) once `--dim` values fill symbolic dimensions;
 * otherwise why the reference is skipped. The reference always runs at batch 1: the ratio need not
 * be near 1, only stable.
 */
export function referenceImageSize(inputs, dims = {}) {
    if (inputs.length !== 1) {
        return {
            skipped: `the model has ${inputs.length} inputs (${inputs.map((i) => i.name).join(', ') || 'none'}); the reference needs one NCHW image input`,
        };
    }
    const input = inputs[0];
    // An unnamed dynamic dimension is set as `--dim NAME[axis]=N`, as src/bench/inputs.ts reads it.
    const symbols = input.dims.map((d, axis) => (typeof d === 'number' ? d : (d ?? `${input.name}[${axis}]`)));
    const shown = `[${symbols.join(', ')}]`;
    const resolved = symbols.map((d) => (typeof d === 'number' ? d : dims[d]));
    const open = symbols.filter((d, i) => resolved[i] === undefined);
    if (open.length > 0) {
        return {
            skipped: `model input "${input.name}" ${shown} is dynamic (${open.map((d) => `"${d}"`).join(', ')} not set by --dim), so there is no fixed size to build the reference at`,
        };
    }
    const [, c, h, w] = resolved;
    if (resolved.length !== 4 || c !== 3) {
        return {
            skipped: `model input "${input.name}" has shape [${resolved.join(', ')}]; the reference needs an NCHW image input [N, 3, S, S]`,
        };
    }
    if (h !== w) {
        return {
            skipped: `model input "${input.name}" is ${h}×${w}, not square; the reference is generated at a square size`,
        };
    }
    if (h < 32 || h % 32 !== 0 || h > 8192) {
        return {
            skipped: `model input "${input.name}" is ${h} px; the reference is generated at a multiple of 32 px (32 to 8192)`,
        };
    }
    return { imgsz: h };
}
/**
 * Generates (or finds) the reference model at the model's size, creates its session with the
 * measured session's settings and warms it. Never fails the benchmark: anything that stops the
 * reference is returned as `{ skipped: reason }` and the run goes on without it.
 */
export async function prepareReference(options) {
    const inputs = declaredInputs(await readFile(options.modelPath));
    if (!inputs)
        return { skipped: 'the model file could not be read for its input shape' };
    const size = referenceImageSize(inputs, options.dims);
    if ('skipped' in size)
        return size;
    const { arch, warmupRuns } = REFERENCE_WORKLOAD;
    let session;
    let settings;
    let path;
    try {
        path = (await ensureModel({ arch, imgsz: size.imgsz }, options.cacheDir)).path;
        const created = await createSessionWithFallback(path, options.session, {
            allowFallback: options.allowFallback,
            inputName: 'reference model',
        });
        ({ session, settings } = created);
    }
    catch (err) {
        return { skipped: `the reference model could not be loaded: ${errorMessage(err)}` };
    }
    try {
        const run = createRunner(session, resolveInputs(session.inputMetadata));
        await warmUp(run, warmupRuns, 0);
        return {
            model: arch,
            imgsz: size.imgsz,
            sha256: await sha256File(path),
            settings,
            run,
            release: () => session.release(),
        };
    }
    catch (err) {
        await session.release();
        return { skipped: `the reference model could not run: ${errorMessage(err)}` };
    }
}
/**
 * Why a prepared reference cannot be compared with the model's session (it must run on the same
 * execution provider), or undefined when it can.
 */
export function referenceMismatch(reference, model) {
    const ref = reference.settings.executionProviders[0];
    const own = model.executionProviders[0];
    const name = (p) => (p === undefined ? 'cpu' : providerName(p));
    return name(ref) === name(own)
        ? undefined
        : `the reference session runs on ${name(ref)} but the model's on ${name(own)}`;
}
const round = (v, digits) => Number(v.toPrecision(digits));
const MS_DECIMALS = 1e6;
/**
 * The result's reference block from the interleaved samples (pure): the reference's P50, the ratio
 * of the two P50s, and the standard error of log(ratio) by the paired circular block bootstrap
 * (`pairedBlockBootstrapQuantileRatio`; Künsch 1989, Politis & Romano 1992): the same blocks of
 * pairs for both series, so drift they share cancels and each series' autocorrelation stays inside
 * the blocks. Above {@link REFERENCE_WORKLOAD}.maxPairs pairs the SE uses a seeded subsample of
 * pairs in time order (the same indices on both sides).
 */
export function referenceBlock(reference, modelSamples, referenceSamples, seed = DEFAULT_SEED) {
    const model = Array.from(modelSamples, (v) => Math.round(v * MS_DECIMALS) / MS_DECIMALS);
    const ref = Array.from(referenceSamples, (v) => Math.round(v * MS_DECIMALS) / MS_DECIMALS);
    const p50Ms = quantile(ref, 0.5);
    const ratio = quantile(model, 0.5) / p50Ms;
    // Fewer than 2 pairs have no spread to resample: the SE is left out, not claimed to be 0.
    const se = model.length >= 2
        ? pairedBlockBootstrapQuantileRatio(subsampleInOrder(model, REFERENCE_WORKLOAD.maxPairs, DEFAULT_SEED), subsampleInOrder(ref, REFERENCE_WORKLOAD.maxPairs, DEFAULT_SEED), { quantile: 0.5, resamples: REFERENCE_WORKLOAD.resamples, seed: DEFAULT_SEED })
        : undefined;
    return {
        model: reference.model,
        imgsz: reference.imgsz,
        sha256: reference.sha256,
        samples: ref.length,
        p50Ms: Math.round(p50Ms * MS_DECIMALS) / MS_DECIMALS,
        ratio: round(ratio, 8),
        ...(se ? { logRatioSe: round(se.logSe, 4), blockLength: se.blockLength } : {}),
        orderSeed: seed,
    };
}
