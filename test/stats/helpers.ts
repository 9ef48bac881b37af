/** Brute-force helpers for reference values derived independently of src/stats. */

/** All k-subsets of {0..n-1} (for tiny n only). */
export function* subsets(n: number, k: number): Generator<number[]> {
  const idx = Array.from({ length: k }, (_, i) => i);
  if (k > n) return;
  for (;;) {
    yield idx.slice();
    let i = k - 1;
    while (i >= 0 && idx[i] === n - k + i) i--;
    if (i < 0) return;
    idx[i] = (idx[i] as number) + 1;
    for (let j = i + 1; j < k; j++) idx[j] = (idx[j - 1] as number) + 1;
  }
}

/** U of x by definition: #{x_i > y_j} + ½·#{x_i = y_j} (Mann & Whitney 1947). */
export function uByPairs(x: readonly number[], y: readonly number[]): number {
  let u = 0;
  for (const a of x) for (const b of y) u += a > b ? 1 : a === b ? 0.5 : 0;
  return u;
}

/**
 * Exact permutation distribution of U1 by enumerating every assignment of the pooled values to
 * a group of size n1 (conditional on the observed values, so valid with ties).
 */
export function enumeratedU1(x: readonly number[], y: readonly number[]): number[] {
  const pooled = [...x, ...y];
  const out: number[] = [];
  for (const s of subsets(pooled.length, x.length)) {
    const inX = new Set(s);
    const gx = pooled.filter((_, i) => inX.has(i));
    const gy = pooled.filter((_, i) => !inX.has(i));
    out.push(uByPairs(gx, gy));
  }
  return out;
}

/** Enumerated p-values with SciPy's conventions. */
export function enumeratedP(x: readonly number[], y: readonly number[]) {
  const dist = enumeratedU1(x, y);
  const u1 = uByPairs(x, y);
  const mu = (x.length * y.length) / 2;
  const n = dist.length;
  const eps = 1e-9;
  return {
    u1,
    greater: dist.filter((u) => u >= u1 - eps).length / n,
    less: dist.filter((u) => u <= u1 + eps).length / n,
    twoSidedAbs: dist.filter((u) => Math.abs(u - mu) >= Math.abs(u1 - mu) - eps).length / n,
  };
}

/** All pairwise differences y_j − x_i, sorted ascending. */
export function allDifferences(x: readonly number[], y: readonly number[]): number[] {
  const d: number[] = [];
  for (const a of x) for (const b of y) d.push(b - a);
  return d.sort((p, q) => p - q);
}

/** Median of a sorted array. */
export function medianSorted(d: readonly number[]): number {
  const n = d.length;
  return n % 2 === 1 ? (d[(n - 1) / 2] as number) : ((d[n / 2 - 1] as number) + (d[n / 2] as number)) / 2;
}

/** Binomial CDF summed term by term with the recurrence C(n,k+1) = C(n,k)(n−k)/(k+1). */
export function directBinomialCdf(t: number, n: number, p: number): number {
  let term = Math.pow(1 - p, n);
  let s = 0;
  for (let k = 0; k <= t; k++) {
    s += term;
    term *= ((n - k) / (k + 1)) * (p / (1 - p));
  }
  return s;
}
