/**
 * Run-level comparison for stored-baseline mode: the run, not the sample, is the unit. A run's
 * samples share one machine state, and between runs that state moves (frequency, neighbours,
 * memory placement), so the evidence about a model is the run-level value (e.g. each run's P50)
 * and its spread over runs recorded in separate processes at different times.
 */
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { normalCdf, normalQuantile } from './normal.js';
import { assertInteger, assertOpenUnit } from './validate.js';
function checkRuns(runs, name) {
    if (runs.length === 0)
        throw new RangeError(`runLevelComparison ${name}: expected at least one run`);
    runs.forEach((r, i) => {
        if (!(Number.isFinite(r.value) && r.value > 0)) {
            throw new RangeError(`runLevelComparison ${name}[${i}].value: expected a positive number, got ${String(r.value)}`);
        }
        if (r.logSe !== undefined && !(Number.isFinite(r.logSe) && r.logSe >= 0)) {
            throw new RangeError(`runLevelComparison ${name}[${i}].logSe: expected a number >= 0, got ${String(r.logSe)}`);
        }
    });
}
const mean = (v) => v.reduce((s, x) => s + x, 0) / v.length;
const sumSq = (v) => {
    const m = mean(v);
    return v.reduce((s, x) => s + (x - m) ** 2, 0);
};
const pct = (v) => `${Number((v * 100).toPrecision(3))}%`;
/**
 * Compares the current run(s) with the baseline's history of runs on the log scale, the run as the
 * unit (one-way random-effects model: log value = μ + run effect + within-run error).
 *
 * - **One current run**: the normal-theory prediction interval for a new observation,
 *   x̄ ± t(1−α/2; K−1)·s·√(1 + 1/K) (Hahn, Meeker & Escobar, Statistical Intervals, 2nd ed., Wiley
 *   2017, ch. 4), turned into an interval for the change: a model whose change is δ puts its run
 *   at x̄ + δ, so log(current) − x̄ ± the same half-width covers δ with the stated confidence.
 * - **Several current runs** (`--runs N`): the pooled-variance two-sample t interval on log run
 *   values, s_p·√(1/K + 1/m) with K + m − 2 degrees of freedom (Student 1908; any textbook, e.g.
 *   Hahn, Meeker & Escobar ch. 4). Pooled rather than Welch: the run-to-run spread is a property of
 *   the runner, and with 2–3 current runs Welch's degrees of freedom would be near 1. With m = 1 it
 *   is exactly the prediction interval above.
 * - **Within-run uncertainty**: the spread of run values already contains the runs' own sampling
 *   noise. When every run carries `logSe`, only the excess of the current runs' within-run
 *   variance over the pooled runs' average is added (a short or noisy current run widens the
 *   interval); when the history lacks `logSe`, the current runs' whole within-run variance is added
 *   (counted twice: conservative). Degrees of freedom by Welch–Satterthwaite (Satterthwaite 1946),
 *   the added part treated as known.
 * - **Short history** (fewer than `minHistoryRuns`, default 3): the spread is not known. The
 *   interval uses the larger of the spread the runs show and `assumedRunSpread` (default 5%) with
 *   normal quantiles, and the result is not `decisive`: no regression or improvement may be called,
 *   and `reason` says so.
 *
 * This subsumes the former "effective threshold = max(threshold, 2.77 × robust spread)" widening:
 * the interval itself now carries the run-to-run spread, at the t quantile its sample size earns.
 *
 * @param history the baseline's runs (values recorded in separate processes, at different times)
 * @param current the current run(s)
 */
export function runLevelComparison(history, current, options = {}) {
    checkRuns(history, 'history');
    checkRuns(current, 'current');
    const confidence = options.confidence ?? 0.95;
    assertOpenUnit(confidence, 'runLevelComparison confidence');
    const minHistoryRuns = options.minHistoryRuns ?? 3;
    assertInteger(minHistoryRuns, 'runLevelComparison minHistoryRuns', 2);
    const assumed = options.assumedRunSpread ?? 0.05;
    const floor = options.minRunSpread ?? 0.0025;
    const quantity = options.quantity ?? 'run values';
    for (const [v, name] of [
        [assumed, 'assumedRunSpread'],
        [floor, 'minRunSpread'],
    ]) {
        if (!(Number.isFinite(v) && v >= 0)) {
            throw new RangeError(`runLevelComparison ${name}: expected a number >= 0, got ${String(v)}`);
        }
    }
    const zh = history.map((r) => Math.log(r.value));
    const zc = current.map((r) => Math.log(r.value));
    const k = zh.length;
    const m = zc.length;
    const delta = mean(zc) - mean(zh);
    const dfSpread = k - 1 + (m - 1);
    const pooledSd = dfSpread > 0 ? Math.sqrt((sumSq(zh) + sumSq(zc)) / dfSpread) : 0;
    const decisive = k >= minHistoryRuns;
    const runSpread = decisive ? Math.max(pooledSd, floor) : Math.max(pooledSd, assumed, floor);
    const spreadPart = runSpread * runSpread * (1 / k + 1 / m);
    const currentSe = current.map((r) => r.logSe);
    let extra = 0;
    if (currentSe.every((s) => s !== undefined)) {
        const wc = mean(currentSe.map((s) => s ** 2));
        const all = [...history, ...current].map((r) => r.logSe);
        extra = all.every((s) => s !== undefined)
            ? Math.max(0, wc - mean(all.map((s) => s ** 2))) / m
            : wc / m;
    }
    const variance = spreadPart + extra;
    const logSe = Math.sqrt(variance);
    const df = decisive ? (variance * variance) / ((spreadPart * spreadPart) / dfSpread) : Infinity;
    const upperQ = 1 - (1 - confidence) / 2;
    const crit = Number.isFinite(df) ? tQuantile(upperQ, df) : normalQuantile(upperQ);
    const statistic = logSe > 0 ? delta / logSe : delta === 0 ? 0 : Math.sign(delta) * Infinity;
    const tail = Number.isFinite(df) ? tCdf(-Math.abs(statistic), df) : normalCdf(-Math.abs(statistic));
    const result = {
        estimate: Math.expm1(delta),
        lower: Math.expm1(delta - crit * logSe),
        upper: Math.expm1(delta + crit * logSe),
        confidence,
        p: Math.min(1, 2 * tail),
        df,
        logSe,
        runSpread,
        spread: decisive ? 'estimated' : 'assumed',
        decisive,
        historyRuns: k,
        currentRuns: m,
        method: m === 1
            ? `prediction interval for a new run from ${k} baseline run${k === 1 ? '' : 's'} (t, ${decisive ? `${k - 1} df` : 'spread assumed'}) on log ${quantity}`
            : `pooled two-sample t on log ${quantity} (${k} baseline runs, ${m} current runs)`,
    };
    if (!decisive) {
        result.reason =
            `the baseline has ${k} run${k === 1 ? '' : 's'} in its history; at least ${minHistoryRuns} runs recorded at different times are needed to know the run-to-run spread, ` +
                `so a spread of ${pct(runSpread)} is assumed and no regression or improvement can be called`;
    }
    return result;
}
