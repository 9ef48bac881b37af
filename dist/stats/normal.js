import { erf } from 'mathjs';
import { probit } from 'simple-statistics';
import { assertOpenUnit } from './validate.js';
const SQRT2 = Math.SQRT2;
const SQRT_2PI = Math.sqrt(2 * Math.PI);
/**
 * Standard normal cumulative distribution function Φ(z) = ½·(1 + erf(z/√2))
 * (Abramowitz & Stegun 1964, eq. 26.2.29), with erf from mathjs (W. J. Cody's rational
 * Chebyshev approximations, Math. Comp. 23 (1969) 631–637).
 *
 * simple-statistics' `cumulativeStdNormalProbability` is not used: it reads a 4-decimal table.
 * Accuracy: absolute error ~1e-16; relative accuracy in the far tail is limited by `1 − erf`
 * cancellation, so values below ~1e-15 are not reliable and may be returned as 0.
 */
export function normalCdf(z) {
    if (z === Infinity)
        return 1;
    if (z === -Infinity)
        return 0;
    return z < 0 ? 0.5 * (1 - erf(-z / SQRT2)) : 0.5 * (1 + erf(z / SQRT2));
}
/** Standard normal survival function 1 − Φ(z) = Φ(−z) (same method and accuracy as {@link normalCdf}). */
export function normalSf(z) {
    return normalCdf(-z);
}
/**
 * Standard normal quantile Φ⁻¹(p).
 *
 * Starts from simple-statistics' `probit` (Winitzki's closed-form inverse-erf approximation,
 * absolute error up to ~3e-3, e.g. 1.95716 instead of 1.95996 at p = 0.975: too coarse on its
 * own for confidence intervals) and refines it with Halley's method on Φ(x) − p
 * (Halley 1694; see Press et al., Numerical Recipes 3rd ed. §9.4 and §6.14.1, which uses the
 * same refinement for the normal inverse). Converges to ~1e-15 in 2–3 steps for
 * 1e-12 < p < 1 − 1e-12.
 *
 * @param p probability in (0, 1)
 */
export function normalQuantile(p) {
    assertOpenUnit(p, 'normalQuantile p');
    if (p === 0.5)
        return 0;
    // Solve in the lower tail for precision, then reflect.
    const lower = p < 0.5;
    const t = lower ? p : 1 - p;
    let x = probit(t);
    if (!Number.isFinite(x))
        x = -Math.sqrt(-2 * Math.log(t));
    for (let i = 0; i < 50; i++) {
        const e = normalCdf(x) - t;
        const u = e * SQRT_2PI * Math.exp((x * x) / 2);
        const dx = u / (1 + (x * u) / 2);
        x -= dx;
        if (Math.abs(dx) <= 1e-15 * Math.max(1, Math.abs(x)))
            break;
    }
    return lower ? x : -x;
}
