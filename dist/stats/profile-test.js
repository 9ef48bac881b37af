import { mannWhitneyU } from './mann-whitney.js';
import { quantile } from './quantile.js';
import { quantileRatioInterval } from './quantile-ratio.js';
import { DEFAULT_SEED } from './rng.js';
import { finiteCopy } from './validate.js';
/**
 * Test of one profile-gate scope entry (a module, layer, operator type or node) from its time in
 * each profiled iteration on both sides: Mann–Whitney U, two-sided (Mann & Whitney 1947; exact for
 * ≤ 50 iterations per side without ties, {@link mannWhitneyU}), and a bootstrap interval of the
 * ratio of median times ({@link quantileRatioInterval} at q = 0.5) to compare with the scope's
 * percent limit. Each gated scope entry is one member of the verdict's family
 * ({@link adjustFamily}).
 *
 * @param baselineUs time of the entry in each profiled iteration of the baseline, µs (≥ 0)
 * @param currentUs the same for the current run
 */
export function profileScopeTest(baselineUs, currentUs, options = {}) {
    const base = finiteCopy(baselineUs, 'profileScopeTest baselineUs', 2);
    const cur = finiteCopy(currentUs, 'profileScopeTest currentUs', 2);
    for (const [name, xs] of [
        ['baselineUs', base],
        ['currentUs', cur],
    ]) {
        xs.forEach((v, i) => {
            if (v < 0)
                throw new RangeError(`profileScopeTest ${name}[${i}]: expected a time >= 0, got ${v}`);
        });
    }
    const seed = options.seed ?? DEFAULT_SEED;
    const mw = mannWhitneyU(Array.from(cur), Array.from(base), { alternative: 'two-sided', seed });
    const result = {
        ratio: quantile(cur, 0.5) / quantile(base, 0.5),
        p: mw.p,
        iterations: { baseline: base.length, current: cur.length },
    };
    if (base.every((v) => v > 0) && cur.every((v) => v > 0)) {
        const ci = quantileRatioInterval(base, cur, {
            quantile: 0.5,
            confidence: options.confidence ?? 0.95,
            resamples: options.resamples ?? 2000,
            seed,
            ...(options.method ? { method: options.method } : {}),
        });
        result.interval = { lower: ci.lower, upper: ci.upper, confidence: ci.confidence };
    }
    return result;
}
