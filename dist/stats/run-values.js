import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { mean, sampleVariance } from 'simple-statistics';
import { assertOpenUnit, finiteCopy } from './validate.js';
/**
 * Tests whether one or a few new runs' values of a run-level metric (peak memory) differ from the
 * history of earlier runs' values, on the log scale (a relative change), with the two-sample
 * Student t statistic t = (ȳ − x̄)/(s·√(1/m + 1/k)) on log values, s the pooled standard
 * deviation, df = m + k − 2. With one new run (k = 1) this is the test dual to the prediction
 * interval for a single future observation, x̄ ± t₁₋α/₂,ₘ₋₁·s·√(1 + 1/m) (Hahn & Meeker,
 * Statistical Intervals, 1991, §4.7; Meeker, Hahn & Escobar, 2nd ed., 2017, §4.6); with k > 1
 * the current runs' spread is pooled in. The interval of the relative change is
 * exp((ȳ − x̄) ± t₁₋α/₂,df·s·√(1/m + 1/k)) − 1. Student t CDF and quantile from @stdlib.
 *
 * What each history length allows:
 * - 0 runs: nothing to compare with (`no-history`), no p-value, no interval.
 * - 1 history run and 1 current run: the change is measured, but its noise cannot be (df = 0):
 *   `no-spread`, no p-value — a threshold on the change is the only possible rule, and it carries
 *   no error rate.
 * - 2 runs (df = 1): a valid test, but t₀.₉₇₅,₁ = 12.7, so only changes far beyond the run-to-run
 *   spread can be significant.
 * - from about 5 runs the t quantile is within 30% of the normal one (t₀.₉₇₅,₄ = 2.78).
 *
 * @param history positive values of earlier runs (e.g. peak bytes of each baseline run)
 * @param current positive values of the new run(s), at least one
 */
export function runValueTest(history, current, options = {}) {
    const confidence = options.confidence ?? 0.95;
    assertOpenUnit(confidence, 'runValueTest confidence');
    const minLogSd = options.minLogSd ?? 0;
    if (!(Number.isFinite(minLogSd) && minLogSd >= 0)) {
        throw new RangeError(`runValueTest minLogSd: expected a number >= 0, got ${minLogSd}`);
    }
    const cur = finiteCopy(current, 'runValueTest current');
    const hist = history.length === 0 ? new Float64Array(0) : finiteCopy(history, 'runValueTest history');
    for (const [name, xs] of [
        ['history', hist],
        ['current', cur],
    ]) {
        xs.forEach((v, i) => {
            if (!(v > 0))
                throw new RangeError(`runValueTest ${name}[${i}]: expected a positive value, got ${v}`);
        });
    }
    const m = hist.length;
    const k = cur.length;
    const ly = Array.from(cur, Math.log);
    if (m === 0) {
        return {
            status: 'no-history',
            historyRuns: 0,
            currentRuns: k,
            reason: 'no history runs: there is nothing to compare the current run with',
        };
    }
    const lx = Array.from(hist, Math.log);
    const diff = mean(ly) - mean(lx);
    const relativeChange = Math.expm1(diff);
    const df = m + k - 2;
    if (df < 1) {
        return {
            status: 'no-spread',
            historyRuns: m,
            currentRuns: k,
            relativeChange,
            reason: `one history run and one current run: the change (${(relativeChange * 100).toFixed(1)}%) is measured but the run-to-run spread is not, so no p-value or interval exists; at least 2 runs on one side are needed`,
        };
    }
    const ssx = m > 1 ? sampleVariance(lx) * (m - 1) : 0;
    const ssy = k > 1 ? sampleVariance(ly) * (k - 1) : 0;
    const logSd = Math.max(Math.sqrt((ssx + ssy) / df), minLogSd);
    const se = logSd * Math.sqrt(1 / m + 1 / k);
    const tq = tQuantile(1 - (1 - confidence) / 2, df);
    let p;
    if (se > 0)
        p = Math.min(1, 2 * tCdf(-Math.abs(diff) / se, df));
    else
        p = diff === 0 ? 1 : 0;
    return {
        status: 'tested',
        historyRuns: m,
        currentRuns: k,
        relativeChange,
        interval: { lower: Math.expm1(diff - tq * se), upper: Math.expm1(diff + tq * se), confidence },
        p,
        df,
        logSd,
        reason: df < 4
            ? `${m} history run(s) and ${k} current run(s): a valid test with ${df} degree(s) of freedom, but weak (t quantile ${tq.toFixed(2)})`
            : `${m} history runs and ${k} current run(s): t-test on log values, ${df} degrees of freedom`,
    };
}
