import { runLevelOf } from '../compare/evidence.js';
import { gatedPeakMemoryBytes } from '../compare/memory.js';
import { DEFAULT_SEED } from '../stats/rng.js';
/** Most samples a history entry's standard errors are computed from (the verdict's cap). */
const SUMMARY_SAMPLE_CAP = 10_000;
/**
 * The run-level summary of one result, as kept in a baseline's history: its quantiles, the
 * standard errors of log P50 and log P99 from its own samples (block bootstrap), whether it was
 * reliable, the runner's calibration time and, with `--reference interleaved`, the ratio to the
 * reference workload (the run-level comparison reads all of these).
 */
export function runSummaryOf(result, recorded) {
    const l = result.latency;
    return {
        recordedAt: recorded.recordedAt,
        ...(recorded.commit ? { commit: recorded.commit } : {}),
        modelSha256: result.model.sha256,
        count: l.count,
        p50: l.p50,
        p90: l.p90,
        p99: l.p99,
        mean: l.mean,
        peakMemoryBytes: gatedPeakMemoryBytes(result),
        ...logSes(l.samplesMs),
        reliable: result.health.reliable,
        ...(result.calibration ? { calibrationMs: result.calibration.medianMs } : {}),
        ...referenceOf(result),
    };
}
function referenceOf(result) {
    const r = result.reference;
    if (!r || 'skipped' in r)
        return {};
    return {
        referenceRatio: r.ratio,
        ...(r.logRatioSe !== undefined ? { referenceLogSe: r.logRatioSe } : {}),
        referenceSha256: r.sha256,
    };
}
function logSes(samples) {
    if (samples.length < 30)
        return {};
    const level = runLevelOf(samples, { maxSamplesPerSide: SUMMARY_SAMPLE_CAP, seed: DEFAULT_SEED });
    return {
        p50LogSe: Number(level.p50LogSe.toPrecision(4)),
        ...(level.p99LogSe !== undefined ? { p99LogSe: Number(level.p99LogSe.toPrecision(4)) } : {}),
    };
}
/**
 * Even thinning: keeps `max` of `samples` at indices floor(i * n / max), i = 0..max-1, so the kept
 * samples span the whole run in measurement order (warm-up drift and periodic noise stay visible).
 * Returns the input unchanged when it has at most `max` samples.
 */
export function thinSamples(samples, max) {
    const n = samples.length;
    if (n <= max)
        return [...samples];
    const out = [];
    for (let i = 0; i < max; i++)
        out.push(samples[Math.floor((i * n) / max)]);
    return out;
}
