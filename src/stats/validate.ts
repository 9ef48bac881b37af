/**
 * Input checks shared by the statistics functions. These are programming-contract checks
 * (the verdict module passes measured data), so they throw `RangeError`, not `UsageError`.
 */

/** A numeric sample: a plain array or a typed array of measurements. */
export type Samples = ArrayLike<number>;

/** Throws unless `samples` is non-empty and every value is finite; returns a `Float64Array` copy. */
export function finiteCopy(samples: Samples, name: string, minLength = 1): Float64Array {
  const n = samples.length;
  if (n < minLength) {
    throw new RangeError(`${name}: expected at least ${minLength} sample(s), got ${n}`);
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = samples[i] as number;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`${name}: sample ${i} is not a finite number, got ${String(v)}`);
    }
    out[i] = v;
  }
  return out;
}

/** A sorted (ascending) `Float64Array` copy of finite samples. */
export function sortedCopy(samples: Samples, name: string, minLength = 1): Float64Array {
  return finiteCopy(samples, name, minLength).sort();
}

/** Throws unless `p` is a probability strictly between 0 and 1. */
export function assertOpenUnit(p: number, name: string): void {
  if (!(typeof p === 'number' && p > 0 && p < 1)) {
    throw new RangeError(`${name}: expected a number in (0, 1), got ${String(p)}`);
  }
}

/** Throws unless `p` is a probability in [0, 1]. */
export function assertClosedUnit(p: number, name: string): void {
  if (!(typeof p === 'number' && p >= 0 && p <= 1)) {
    throw new RangeError(`${name}: expected a number in [0, 1], got ${String(p)}`);
  }
}

/** Throws unless `v` is an integer >= `min`. */
export function assertInteger(v: number, name: string, min: number): void {
  if (!(Number.isInteger(v) && v >= min)) {
    throw new RangeError(`${name}: expected an integer >= ${min}, got ${String(v)}`);
  }
}
