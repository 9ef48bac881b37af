import { assertClosedUnit } from './validate.js';
/**
 * Holm's step-down adjustment of p-values for family-wise error control (S. Holm, "A simple
 * sequentially rejective multiple test procedure", Scand. J. Statist. 6(2):65–70, 1979).
 * With p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted value is min(1, maxⱼ≤ᵢ (m − j + 1)·p₍ⱼ₎); results are returned
 * in the input order. Same definition as R's `p.adjust(p, method = "holm")`; equal p-values keep
 * their input order when sorting (stable), which does not change the result.
 *
 * @param pValues p-values in [0, 1]
 */
export function holmAdjust(pValues) {
    const m = pValues.length;
    pValues.forEach((p, i) => assertClosedUnit(p, `holmAdjust pValues[${i}]`));
    const order = pValues
        .map((_, i) => i)
        .sort((a, b) => pValues[a] - pValues[b] || a - b);
    const adjusted = new Array(m);
    let running = 0;
    order.forEach((idx, rank) => {
        running = Math.max(running, Math.min(1, (m - rank) * pValues[idx]));
        adjusted[idx] = running;
    });
    return adjusted;
}
