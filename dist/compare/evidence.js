/**
 * The evidence behind each metric of a comparison: an estimate, an interval, a p-value and the
 * statistical unit they count, computed by the method that fits the data available (docs/verdict.md,
 * section 2, "What is compared: three bases"). Pure: results in, drafts out; the decision rule is in decide.ts.
 */
import { blockBootstrapQuantile, blockBootstrapQuantileRatioCI, blockPairedComparison, compareSpikeRates, logSeFromInterval, longRunRankTest, profileScopeTest, quantile, quantilePermutationTest, quantileTestRequirements, runLevelComparison, splitSpikes, subsampleInOrder, } from '../stats/index.js';
import { formatMiB, formatShare, formatThreshold } from '../util/format.js';
import { comparedMemory, memoryOf } from './memory.js';
const CONFIGURED = 'the configured ';
/** A `thresholdSource` for a threshold used as configured (not a floor or a profile rule). */
export const configuredSource = (text) => `${CONFIGURED}${text}`;
/** Whether a `thresholdSource` came from `configuredSource`: the verdict then does not repeat it. */
export const isConfiguredSource = (source) => source.startsWith(CONFIGURED);
// -------------------------------------------------------------------------------------------------
// Samples in time order, capped.
/** A run's samples in time order, capped at the policy's maximum by an order-keeping subsample. */
export function cappedSamples(samples, policy) {
    return subsampleInOrder(samples, policy.maxSamplesPerSide, policy.seed);
}
/** Geometric mean of positive run values: the level the run-level comparison compares (log scale). */
function geometricMean(v) {
    return Math.exp(v.reduce((s, x) => s + Math.log(x), 0) / v.length);
}
/** The evidence of a run-level comparison, and why it may only show no change when its spread is assumed. */
function runLevelEvidence(r) {
    return {
        evidence: {
            p: r.p,
            lower: r.lower,
            upper: r.upper,
            confidence: r.confidence,
            logSe: r.logSe,
            ...(Number.isFinite(r.df) ? { df: r.df } : {}),
        },
        ...(r.decisive ? {} : { notDecisive: r.reason ?? 'the run-to-run spread is assumed, not measured' }),
    };
}
/**
 * The run-level figures of one run, from its samples in time order: P50 and P99 and the standard
 * error of their logs by the circular block bootstrap (what a baseline history keeps per run and
 * what the run-level comparison reads for the current runs).
 */
export function runLevelOf(samples, policy) {
    const x = subsampleInOrder(samples, policy.maxSamplesPerSide, policy.seed);
    const options = { resamples: 500, seed: policy.seed };
    const p50 = blockBootstrapQuantile(x, { quantile: 0.5, ...options });
    const level = { p50: p50.estimate, p99: 0, p50LogSe: p50.logSe };
    if (x.length >= 100) {
        const p99 = blockBootstrapQuantile(x, { quantile: 0.99, ...options });
        level.p99 = p99.estimate;
        level.p99LogSe = p99.logSe;
    }
    else {
        level.p99 = blockBootstrapQuantile(x, { quantile: 0.99, ...options, resamples: 100 }).estimate;
    }
    return level;
}
// -------------------------------------------------------------------------------------------------
// Latency.
const LATENCY = {
    p50: { q: 0.5, label: 'P50 latency', name: 'P50' },
    p99: { q: 0.99, label: 'P99 latency', name: 'P99' },
};
function latencyBase(metric, policy, gate) {
    const threshold = policy.thresholds[metric];
    return {
        metric,
        label: LATENCY[metric].label,
        unit: 'ms',
        absolute: false,
        threshold,
        effectiveThreshold: threshold,
        thresholdSource: configuredSource(formatThreshold(threshold)),
        gated: gate.has(metric),
    };
}
/** Fewest samples per side for a P99 verdict (the LoadGen rule at the policy's confidence, issue 17). */
function p99Requirement(policy) {
    return quantileTestRequirements(0.99, policy.alpha, { confidence: policy.confidence }).samplesPerSide;
}
/**
 * A latency quantile compared sample by sample within two runs (stored mode without a run history,
 * and P99 in paired mode): the circular block bootstrap interval of the quantile ratio (samples in
 * time order, so autocorrelation widens it honestly) and, for P50, the long-run rank test; for
 * P99 the studentized permutation test of the quantile (Chung & Romano 2013).
 */
export function latencyFromSamples(metric, base, cur, policy, gate, note) {
    const { q, name } = LATENCY[metric];
    const common = latencyBase(metric, policy, gate);
    const shown = { baseline: quantile(Array.from(base), q), current: quantile(Array.from(cur), q) };
    const n = Math.min(base.length, cur.length);
    const method = (test) => `${test} + circular block bootstrap interval of the ${name} ratio (${policy.bootstrapResamples} resamples)${note ? `; ${note}` : ''}`;
    if (n < policy.minSamples) {
        return {
            ...common,
            ...shown,
            change: shown.current / shown.baseline - 1,
            basis: 'samples',
            method: 'not tested: too few samples',
            untested: `${name} needs at least ${policy.minSamples} samples per side, have ${base.length} (baseline) and ${cur.length} (current)`,
        };
    }
    if (metric === 'p99') {
        const required = p99Requirement(policy);
        if (n < required) {
            return {
                ...common,
                ...shown,
                gated: false,
                change: shown.current / shown.baseline - 1,
                basis: 'samples',
                method: 'not tested: too few samples for P99 (MLPerf LoadGen rule)',
                untested: `P99 needs ≥ ${required} samples per side at ${formatShare(policy.confidence, 0)} confidence, have ${n}; not gated`,
            };
        }
    }
    const ci = blockBootstrapQuantileRatioCI(base, cur, {
        quantile: q,
        confidence: policy.confidence,
        resamples: policy.bootstrapResamples,
        seed: policy.seed,
    });
    const p = metric === 'p50'
        ? longRunRankTest(base, cur).p
        : quantilePermutationTest(base, cur, { quantile: q, seed: policy.seed }).p;
    return {
        ...common,
        ...shown,
        change: ci.estimate - 1,
        basis: 'samples',
        method: method(metric === 'p50'
            ? 'long-run rank test (Brunner-Munzel with batch-means variances)'
            : 'studentized permutation test of the P99'),
        evidence: {
            p: Math.min(1, Math.max(0, p)),
            lower: ci.lower - 1,
            upper: ci.upper - 1,
            confidence: policy.confidence,
            logSe: ci.logSe,
            ...(Number.isFinite(ci.df) ? { df: ci.df } : {}),
        },
    };
}
/** History runs usable as evidence about the baseline's model: its own model bytes, not unreliable. */
export function usableHistory(history, baseline) {
    return history.filter((h) => h.modelSha256 === baseline.model.sha256 && h.reliable !== false);
}
/**
 * A latency quantile compared run against runs (stored mode with the baseline's history): the run
 * is the unit, so run-to-run drift of the machine is part of the interval (a prediction interval
 * for one current run, a pooled t interval for several; `runLevelComparison`).
 */
export function latencyFromRuns(metric, history, current, currentSampleCount, policy, gate) {
    const common = latencyBase(metric, policy, gate);
    const runValue = (run) => {
        const logSe = metric === 'p50' ? run.p50LogSe : run.p99LogSe;
        return { value: run[metric], ...(logSe !== undefined ? { logSe } : {}) };
    };
    const shown = {
        baseline: geometricMean(history.map((h) => h[metric])),
        current: geometricMean(current.map((c) => c[metric])),
    };
    if (metric === 'p99' && currentSampleCount < p99Requirement(policy)) {
        return {
            ...common,
            ...shown,
            gated: false,
            change: shown.current / shown.baseline - 1,
            basis: 'runs',
            method: 'not tested: too few samples for P99 (MLPerf LoadGen rule)',
            untested: `P99 needs ≥ ${p99Requirement(policy)} samples per run, have ${currentSampleCount}; not gated`,
        };
    }
    const r = runLevelComparison(history.map(runValue), current.map(runValue), {
        confidence: policy.confidence,
        minHistoryRuns: policy.minHistoryRuns,
        assumedRunSpread: policy.assumedRunSpread,
    });
    return {
        ...common,
        ...shown,
        change: r.estimate,
        basis: 'runs',
        method: `${r.method} on log run ${LATENCY[metric].name}s (${r.historyRuns} baseline run(s), ${r.currentRuns} current), run-to-run spread ${r.spread} at ${formatShare(r.runSpread)}`,
        ...runLevelEvidence(r),
    };
}
/**
 * P50 compared as the ratio to the interleaved reference workload (stored mode, every run carrying
 * a ratio to the same reference; src/compare/reference.ts): the same run-level comparison as
 * {@link latencyFromRuns}, on log(P50 / reference P50) instead of log P50, each run's own log SE
 * from its paired block bootstrap. The runner's speed moves both P50s of a run alike, so it cancels.
 * The row still shows the absolute P50s (geometric means), which moved with the runner; its change,
 * interval and p-value are the ratio's.
 */
export function latencyFromReferenceRatios(history, current, reference, policy, gate) {
    const common = latencyBase('p50', policy, gate);
    const r = runLevelComparison(history.map((h) => ({
        value: h.referenceRatio,
        ...(h.referenceLogSe !== undefined ? { logSe: h.referenceLogSe } : {}),
    })), current.map((c) => ({ value: c.ratio, ...(c.logRatioSe !== undefined ? { logSe: c.logRatioSe } : {}) })), {
        confidence: policy.confidence,
        minHistoryRuns: policy.minHistoryRuns,
        assumedRunSpread: policy.assumedRunSpread,
        quantity: 'P50 ratios to the reference',
    });
    return {
        draft: {
            ...common,
            baseline: geometricMean(history.map((h) => h.p50)),
            current: geometricMean(current.map((c) => c.p50)),
            change: r.estimate,
            basis: 'runs',
            name: 'P50 (ratio to reference)',
            method: `ratio to the interleaved reference workload (${reference.model} ${reference.imgsz} px): ${r.method} (${r.historyRuns} baseline run(s), ${r.currentRuns} current), run-to-run spread ${r.spread} at ${formatShare(r.runSpread)}`,
            ...runLevelEvidence(r),
        },
        result: r,
    };
}
/**
 * P50 of a paired run from its block pairs: the log ratios of the two sides' medians in windows of
 * consecutive pairs, Wilcoxon's signed-rank test and the Hodges–Lehmann interval (drift common to a
 * window cancels; issue 18; stats `blockPairedComparison`).
 */
export function latencyFromBlockPairs(blocks, shown, policy, gate) {
    const common = latencyBase('p50', policy, gate);
    const r = blockPairedComparison(blocks, { confidence: policy.confidence });
    const draft = {
        ...common,
        ...shown,
        change: r.estimate,
        basis: 'block-pairs',
        method: `Wilcoxon signed-rank test + Hodges-Lehmann interval of the log ratios of medians in ${r.windows} windows of ${r.windowPairs} block pair(s) (${r.pairs} pairs)`,
        evidence: { p: r.p, lower: r.lower, upper: r.upper, confidence: r.confidence, logSe: r.logSe },
    };
    if (!r.enoughPairs) {
        delete draft.evidence;
        draft.untested = `P50 needs at least ${r.minPairs} block pairs for a ${formatShare(policy.confidence, 0)} interval, have ${r.windows}`;
    }
    return draft;
}
// -------------------------------------------------------------------------------------------------
// Spikes and the body's P99.
/**
 * The spike rate of each run (share of samples above its own robust bound; stats `splitSpikes`) and
 * Fisher's exact test of equal rates, against an absolute threshold in percentage points.
 */
export function spikeRate(base, cur, policy, gate) {
    const s = compareSpikeRates(base, cur, { confidence: policy.confidence });
    const threshold = policy.thresholds.spikeRate;
    const z = 1.959963984540054;
    const draft = {
        metric: 'spike-rate',
        label: 'Spike rate',
        unit: 'share',
        baseline: s.baseline.rate,
        current: s.current.rate,
        change: s.difference,
        absolute: true,
        threshold,
        effectiveThreshold: threshold,
        thresholdSource: configuredSource(`${formatThreshold(threshold)} (percentage points)`),
        basis: 'samples',
        method: `share of samples above each run's robust bound (median + 5·1.4826·MAD of log times); Fisher's exact test + Newcombe interval of the difference`,
        gated: gate.has('spike-rate'),
        evidence: {
            p: s.p,
            lower: s.interval.lower,
            upper: s.interval.upper,
            confidence: policy.confidence,
            absoluteSe: (s.interval.upper - s.interval.lower) / (2 * z),
        },
    };
    return { draft, differ: s.p < policy.alpha };
}
/** Each run's samples within its own spike bound, in time order: P99 of the body (docs/verdict.md). */
export function bodyOf(samples) {
    const { bound } = splitSpikes(samples);
    return Number.isFinite(bound) ? samples.filter((v) => v <= bound) : samples;
}
// -------------------------------------------------------------------------------------------------
// Memory.
function memoryThreshold(policy, base) {
    const { memoryRelative, memoryAbsoluteBytes } = policy.thresholds;
    const floor = base > 0 ? memoryAbsoluteBytes / base : memoryRelative;
    return floor > memoryRelative
        ? {
            effective: floor,
            source: `the ${formatMiB(memoryAbsoluteBytes)} floor (${formatThreshold(memoryRelative)} of ${formatMiB(base)} is ${formatMiB(memoryRelative * base)})`,
        }
        : { effective: memoryRelative, source: configuredSource(formatThreshold(memoryRelative)) };
}
/**
 * Peak memory: the runs' values (baseline history or memory probes of paired mode) against the
 * current run(s) on the log scale with the run-level comparison; with a single value per side no
 * spread is known, so only "within the threshold" can be said.
 */
export function memory(baseline, current, runs, policy, gate) {
    const { gpu, label } = comparedMemory(baseline, current);
    const base = runs ? geometricMean(runs.baseline) : memoryOf(baseline, gpu);
    const cur = runs ? geometricMean(runs.current) : memoryOf(current, gpu);
    const t = memoryThreshold(policy, base);
    const common = {
        metric: 'peak-memory',
        label,
        unit: 'bytes',
        baseline: base,
        current: cur,
        change: base > 0 ? cur / base - 1 : 0,
        absolute: false,
        threshold: policy.thresholds.memoryRelative,
        effectiveThreshold: t.effective,
        thresholdSource: t.source,
        gated: gate.has('peak-memory'),
    };
    const positive = (v) => v.length > 0 && v.every((x) => x > 0);
    if (!runs ||
        !positive(runs.baseline) ||
        !positive(runs.current) ||
        runs.baseline.length + runs.current.length < 3) {
        return {
            ...common,
            basis: 'none',
            method: 'one value per run: no run-to-run spread to test against',
            untested: runs?.basis === 'probes'
                ? 'peak memory was not measured on both sides'
                : 'no history of runs, so the run-to-run spread of peak memory is unknown',
        };
    }
    // Allocators repeat a peak to the page: a spread of zero is not evidence of a precise measurement.
    const r = runLevelComparison(runs.baseline.map((value) => ({ value })), runs.current.map((value) => ({ value })), {
        confidence: policy.confidence,
        minHistoryRuns: Math.max(2, Math.min(policy.minHistoryRuns, runs.baseline.length)),
        assumedRunSpread: policy.assumedRunSpread,
        minRunSpread: 0.005,
        quantity: 'peak memory',
    });
    return {
        ...common,
        change: r.estimate,
        basis: 'runs',
        method: `${r.method}; ${runs.basis === 'probes' ? 'each model measured alone in its own processes' : 'from the baseline history'}`,
        ...runLevelEvidence(r),
    };
}
/**
 * A profile-gate scope: Mann-Whitney on the per-iteration times and a bootstrap interval of the
 * median ratio (stats `profileScopeTest`), against the rule's limit; changes under 20 µs are never
 * a change (the profiler's resolution, docs/profiling.md).
 */
export function profileScope(s, policy, floorUs) {
    const median = (v) => {
        const x = [...v].sort((a, b) => a - b);
        const m = x.length >> 1;
        return x.length % 2 ? x[m] : (x[m - 1] + x[m]) / 2;
    };
    const base = median(s.baselineUs);
    const cur = median(s.currentUs);
    const common = {
        metric: 'profile',
        scope: `${s.scope}:${s.key}`,
        label: `${s.scope} ${s.key}`,
        unit: 'us',
        baseline: base,
        current: cur,
        change: base > 0 ? cur / base - 1 : 0,
        absolute: false,
        threshold: s.limit,
        effectiveThreshold: s.limit,
        thresholdSource: `the profile-gate rule ${s.scope}:${Number((s.limit * 100).toPrecision(3))}`,
        basis: 'iterations',
        gated: true,
        floor: { value: floorUs, text: `${floorUs} µs` },
    };
    if (s.baselineUs.length < 3 || s.currentUs.length < 3) {
        return {
            ...common,
            method: 'not tested: too few profiled iterations',
            untested: 'fewer than 3 profiled iterations on a side',
        };
    }
    const r = profileScopeTest(s.baselineUs, s.currentUs, {
        confidence: policy.confidence,
        resamples: policy.bootstrapResamples,
        seed: policy.seed,
    });
    if (!r.interval) {
        return {
            ...common,
            method: 'Mann-Whitney U on per-iteration times',
            untested: 'an iteration took 0 µs on one side: no ratio',
        };
    }
    return {
        ...common,
        change: r.ratio - 1,
        method: `Mann-Whitney U on the per-iteration times (${r.iterations.baseline} vs ${r.iterations.current} iterations) + bootstrap interval of the median ratio`,
        evidence: {
            p: r.p,
            lower: r.interval.lower - 1,
            upper: r.interval.upper - 1,
            confidence: r.interval.confidence,
            logSe: logSeFromInterval(r.interval.lower, r.interval.upper, r.interval.confidence),
        },
    };
}
