import { eDivisive } from './edivisive.js';
import { TREND_METRICS } from './schema.js';
/** Defaults of `perf-gate trend` (docs/trend.md explains the choice with the validation table). */
export const TREND_DEFAULTS = {
    significance: 0.01,
    permutations: 199,
    minSize: 3,
    /** Smallest relative change that is alerted on (significant smaller changes are still shown). */
    minRelativeChange: 0.02,
    /** A change point within this many runs of a reported one is the same change. */
    matchTolerance: 3,
    /** Same-direction change points at most this many runs apart form one gradual change. */
    episodeGap: 10,
};
export const METRIC_UNITS = { p50: 'ms', p99: 'ms', memory: 'bytes' };
export const METRIC_LABELS = {
    p50: 'P50 latency',
    p99: 'P99 latency',
    memory: 'peak memory',
};
/** The value of `metric` in a record (ms for latency, bytes for memory). */
export function metricValue(record, metric) {
    return metric === 'p50'
        ? record.latency.p50
        : metric === 'p99'
            ? record.latency.p99
            : record.memory.gatedBytes;
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
function runRef(records, recordIndex) {
    const r = records[recordIndex];
    return { recordIndex, date: r.date, ...(r.commit ? { commit: r.commit } : {}) };
}
/** Groups change points into episodes (see {@link Episode}). */
export function episodesOf(changePoints, gap = TREND_DEFAULTS.episodeGap) {
    const episodes = [];
    let group = [];
    const flush = () => {
        const first = group[0];
        const last = group[group.length - 1];
        if (!first || !last)
            return;
        episodes.push({
            kind: group.length > 1 ? 'gradual' : 'step',
            metric: first.metric,
            before: first.before,
            after: last.after,
            beforeMean: first.beforeMean,
            afterMean: last.afterMean,
            relativeChange: first.beforeMean === 0 ? 0 : last.afterMean / first.beforeMean - 1,
            changePoints: group.length,
        });
        group = [];
    };
    for (const cp of changePoints) {
        const prev = group[group.length - 1];
        if (prev &&
            (Math.sign(prev.relativeChange) !== Math.sign(cp.relativeChange) || cp.index - prev.index > gap))
            flush();
        group.push(cp);
    }
    flush();
    return episodes;
}
/** Analyses one key's records (oldest first). */
export function analyseHistory(records, options = {}) {
    const first = records[0];
    if (!first)
        throw new RangeError('records: the history of a key has at least one run');
    const metrics = options.metrics ?? TREND_METRICS;
    const reliableIdx = records.flatMap((r, i) => (r.health.reliable ? [i] : []));
    const excluded = records.flatMap((r, i) => r.health.reliable
        ? []
        : [
            {
                ...runRef(records, i),
                reasons: r.health.reasons.length ? r.health.reasons : ['marked unreliable'],
            },
        ]);
    const trends = metrics.map((metric, m) => {
        const series = reliableIdx.map((i) => metricValue(records[i], metric));
        const { changePoints: raw } = eDivisive(series, {
            significance: options.significance ?? TREND_DEFAULTS.significance,
            permutations: options.permutations ?? TREND_DEFAULTS.permutations,
            minSize: options.minSize ?? TREND_DEFAULTS.minSize,
            // One stream per metric, so adding a metric does not change the others' answers.
            seed: (options.seed ?? 0x7e9d) + m * 7919,
        });
        const bounds = [0, ...raw.map((c) => c.index), series.length];
        const segments = [];
        for (let s = 0; s + 1 < bounds.length; s++) {
            const start = bounds[s];
            const end = bounds[s + 1];
            segments.push({ start, end, mean: mean(series.slice(start, end)) });
        }
        const changePoints = raw.map((c, k) => {
            const beforeMean = segments[k].mean;
            const afterMean = segments[k + 1].mean;
            return {
                metric,
                index: c.index,
                before: runRef(records, reliableIdx[c.index - 1]),
                after: runRef(records, reliableIdx[c.index]),
                beforeMean,
                afterMean,
                relativeChange: beforeMean === 0 ? 0 : afterMean / beforeMean - 1,
                pValue: c.pValue,
                confidence: 1 - c.pValue,
                qhat: c.qhat,
                order: c.order,
            };
        });
        return {
            metric,
            unit: METRIC_UNITS[metric],
            episodes: episodesOf(changePoints),
            values: records.map((r, i) => ({
                recordIndex: i,
                value: metricValue(r, metric),
                reliable: r.health.reliable,
            })),
            changePoints,
            segments,
        };
    });
    return {
        key: first.key,
        runs: records.length,
        reliableRuns: reliableIdx.length,
        excluded,
        metrics: trends,
    };
}
/** A stable id of a change point for messages and ledgers: `p50@2025-03-01T03:17:00.000Z`. */
export function changePointId(cp) {
    return `${cp.metric}@${cp.after.date}`;
}
/**
 * The slow-downs of `trend` that need an alert: relative change ≥ `minRelativeChange` and no
 * reported change of the same metric within `tolerance` runs (a change point's estimated position
 * may move by a run or two as more runs arrive; it is still the same change).
 */
export function newSlowdowns(trend, reported, records, { minRelativeChange = TREND_DEFAULTS.minRelativeChange, tolerance = TREND_DEFAULTS.matchTolerance, } = {}) {
    const reliableDates = records.filter((r) => r.health.reliable).map((r) => r.date);
    const positionOf = (date) => {
        const i = reliableDates.findIndex((d) => d >= date);
        return i < 0 ? reliableDates.length : i;
    };
    return trend.metrics
        .flatMap((m) => m.changePoints)
        .filter((cp) => cp.relativeChange >= minRelativeChange)
        .filter((cp) => !reported.some((r) => r.metric === cp.metric && Math.abs(positionOf(r.afterDate) - cp.index) <= tolerance));
}
