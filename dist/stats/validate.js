/**
 * Input checks shared by the statistics functions. These are programming-contract checks
 * (the verdict module passes measured data), so they throw `RangeError`, not `UsageError`.
 */
/** Throws unless `samples` is non-empty and every value is finite; returns a `Float64Array` copy. */
export function finiteCopy(samples, name, minLength = 1) {
    const n = samples.length;
    if (n < minLength) {
        throw new RangeError(`${name}: expected at least ${minLength} sample(s), got ${n}`);
    }
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
        const v = samples[i];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
            throw new RangeError(`${name}: sample ${i} is not a finite number, got ${String(v)}`);
        }
        out[i] = v;
    }
    return out;
}
/** A sorted (ascending) `Float64Array` copy of finite samples. */
export function sortedCopy(samples, name, minLength = 1) {
    return finiteCopy(samples, name, minLength).sort();
}
/** Throws unless `p` is a probability strictly between 0 and 1. */
export function assertOpenUnit(p, name) {
    if (!(typeof p === 'number' && p > 0 && p < 1)) {
        throw new RangeError(`${name}: expected a number in (0, 1), got ${String(p)}`);
    }
}
/** Throws unless `p` is a probability in [0, 1]. */
export function assertClosedUnit(p, name) {
    if (!(typeof p === 'number' && p >= 0 && p <= 1)) {
        throw new RangeError(`${name}: expected a number in [0, 1], got ${String(p)}`);
    }
}
/** Throws unless `v` is an integer >= `min`. */
export function assertInteger(v, name, min) {
    if (!(Number.isInteger(v) && v >= min)) {
        throw new RangeError(`${name}: expected an integer >= ${min}, got ${String(v)}`);
    }
}
