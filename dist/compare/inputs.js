/**
 * What the verdict accepts: checks of the result documents and histories it is given, with
 * messages naming the document and the field. Pure.
 */
import { RESULT_KIND, RESULT_SCHEMA_VERSION } from '../schema/result.js';
import { UsageError } from '../util/errors.js';
function checkSamples(samples, what) {
    if (!Array.isArray(samples))
        throw new UsageError(`${what}: latency.samplesMs is missing (expected an array of milliseconds)`);
    if (samples.length === 0)
        throw new UsageError(`${what}: latency.samplesMs is empty; the run has no timed samples`);
    for (let i = 0; i < samples.length; i++) {
        const v = samples[i];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
            throw new UsageError(`${what}: latency.samplesMs[${i}] is not a finite number, got ${String(v)}`);
        }
        if (v <= 0)
            throw new UsageError(`${what}: latency.samplesMs[${i}] must be a positive duration, got ${v}`);
    }
    return samples;
}
/**
 * The samples of a result document, after checking its kind, version, samples and memory figures.
 * @throws UsageError naming `what` and the field
 */
export function checkResult(result, what) {
    if (result === null || typeof result !== 'object')
        throw new UsageError(`${what}: expected a result document, got ${String(result)}`);
    const r = result;
    if (r.kind !== RESULT_KIND)
        throw new UsageError(`${what}: expected kind "${RESULT_KIND}", got "${String(r.kind)}"`);
    if (r.schemaVersion !== RESULT_SCHEMA_VERSION) {
        throw new UsageError(`${what}: unsupported result schemaVersion ${String(r.schemaVersion)} (this version reads ${RESULT_SCHEMA_VERSION})`);
    }
    const latency = r.latency;
    const samples = checkSamples(latency?.samplesMs, what);
    const memory = r.memory;
    for (const [field, value, optional] of [
        ['peakRssBytes', memory?.peakRssBytes, false],
        ['peakGpuBytes', memory?.peakGpuBytes, true],
    ]) {
        if (optional && value === undefined)
            continue;
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
            throw new UsageError(`${what}: memory.${field} must be a non-negative number, got ${String(value)}`);
        }
    }
    return samples;
}
/** Checks a baseline's history of run summaries. */
export function checkHistory(history, what = 'baseline history') {
    history.forEach((h, i) => {
        for (const key of ['p50', 'p99', 'peakMemoryBytes']) {
            const v = h[key];
            if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
                throw new UsageError(`${what}[${i}].${key}: expected a non-negative number, got ${String(v)}`);
            }
        }
        // Optional, but a ratio of 0 or a negative SE is a damaged file, not a measurement.
        const ratio = h.referenceRatio;
        if (ratio !== undefined && !(typeof ratio === 'number' && Number.isFinite(ratio) && ratio > 0))
            throw new UsageError(`${what}[${i}].referenceRatio: expected a positive number, got ${String(ratio)}`);
        const se = h.referenceLogSe;
        if (se !== undefined && !(typeof se === 'number' && Number.isFinite(se) && se >= 0))
            throw new UsageError(`${what}[${i}].referenceLogSe: expected a non-negative number, got ${String(se)}`);
    });
}
/** Floating-point element types count as one: an FP16 export takes the same images as its FP32 model. */
function inputKind(dtype) {
    return /^float(16|32|64)?$|^bfloat16$/.test(dtype) ? 'float' : dtype;
}
/** Throws when the two runs were not fed the same inputs (names, shapes, element kind). */
export function checkSameInputs(baseline, current) {
    const key = (r) => JSON.stringify(r.model.inputs.map((i) => ({ name: i.name, kind: inputKind(i.dtype), shape: i.shape })));
    if (key(baseline) !== key(current)) {
        const describe = (r) => r.model.inputs.map((i) => `${i.name} ${i.dtype}[${i.shape.join(',')}]`).join(', ');
        throw new UsageError(`baseline and current have different input shapes: ${describe(baseline)} vs ${describe(current)}`);
    }
}
