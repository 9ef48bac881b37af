import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hodgesLehmannShift, kthPairwiseDifference, mannWhitneyNullPmf } from '../../src/stats/index.js';
import { allDifferences, medianSorted, subsets, uByPairs } from './helpers.js';

/**
 * Reference CI by brute force: materialise and sort all n1·n2 differences, enumerate all rank
 * assignments for the null distribution of U, and take the largest C with P(U ≤ C−1) ≤ α/2
 * (Hollander, Wolfe & Chicken 2014, §4.3; coverage 1 − 2·P(U ≤ C−1)).
 */
function bruteForce(x: number[], y: number[], confidence: number) {
  const d = allDifferences(x, y);
  const n1 = x.length;
  const n2 = y.length;
  const values = Array.from({ length: n1 + n2 }, (_, i) => i + 1);
  const counts = new Array<number>(n1 * n2 + 1).fill(0);
  let total = 0;
  for (const s of subsets(n1 + n2, n1)) {
    const inX = new Set(s);
    const u = uByPairs(
      values.filter((_, i) => inX.has(i)),
      values.filter((_, i) => !inX.has(i)),
    );
    counts[u] = (counts[u] as number) + 1;
    total++;
  }
  const cdf = (u: number) => counts.slice(0, u + 1).reduce((a, b) => a + b, 0) / total;
  let c = 1;
  while (cdf(c) <= (1 - confidence) / 2 + 1e-12) c++;
  return { estimate: medianSorted(d), lower: d[c - 1] as number, upper: d[d.length - c] as number, rank: c };
}

describe('hodgesLehmannShift against materialised pairwise differences', () => {
  it.each([
    [[1.1, 2.3, 3.9, 4.2, 6.0], [2.0, 3.1, 4.7, 5.5, 6.6, 7.8], 0.95],
    [[10, 12, 15, 11, 9, 14, 13], [14, 18, 16, 17, 19, 20, 15, 22], 0.95],
    [[0.5, 0.7, 0.2, 0.9, 1.3, 0.4], [0.6, 1.1, 0.8, 1.4, 1.0, 1.6, 0.95], 0.9],
    [[3, 1, 2], [5, 4, 6, 7], 0.8],
  ])('%j vs %j at %f', (x, y, confidence) => {
    const ref = bruteForce(x, y, confidence);
    const r = hodgesLehmannShift(x, y, { confidence });
    expect(r.method).toBe('exact');
    expect(r.estimate).toBeCloseTo(ref.estimate, 12);
    expect(r.rank).toBe(ref.rank);
    expect(r.lower).toBe(ref.lower);
    expect(r.upper).toBe(ref.upper);
    // Achieved coverage is at least the requested confidence.
    expect(r.achievedConfidence).toBeGreaterThanOrEqual(confidence - 1e-12);
    const pmf = mannWhitneyNullPmf(x.length, y.length);
    let tail = 0;
    for (let u = 0; u < r.rank; u++) tail += pmf[u] as number;
    expect(r.achievedConfidence).toBeCloseTo(1 - 2 * tail, 12);
  });

  it('tiny samples that cannot reach the confidence use the extreme differences', () => {
    const r = hodgesLehmannShift([1, 2], [3], { confidence: 0.95 });
    expect(r.rank).toBe(1);
    expect(r.lower).toBe(1);
    expect(r.upper).toBe(2);
    expect(r.achievedConfidence).toBeLessThan(0.95);
  });

  it('uses the normal approximation for large samples and stays close to the exact-size rank', () => {
    const x = Array.from({ length: 60 }, (_, i) => Math.sin(i) * 10);
    const y = Array.from({ length: 70 }, (_, i) => Math.cos(i) * 10 + 1);
    const r = hodgesLehmannShift(x, y);
    expect(r.method).toBe('asymptotic');
    const d = allDifferences(x, y);
    expect(r.estimate).toBe(medianSorted(d));
    expect(r.lower).toBe(d[r.rank - 1]);
    expect(r.upper).toBe(d[d.length - r.rank]);
  });
});

describe('kthPairwiseDifference (selection in X + Y without materialising)', () => {
  it('equals the k-th element of the sorted materialised differences, with and without ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 1, maxLength: 90 }),
        fc.array(fc.integer({ min: -30, max: 30 }), { minLength: 1, maxLength: 90 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (x, y, u) => {
          const d = allDifferences(x, y);
          const k = 1 + Math.min(d.length - 1, Math.floor(u * d.length));
          const xs = Float64Array.from(x).sort();
          const ys = Float64Array.from(y).sort();
          expect(kthPairwiseDifference(xs, ys, k)).toBe(d[k - 1]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('handles continuous data above the gathering threshold', () => {
    const x = Array.from({ length: 300 }, (_, i) => Math.sin(i * 1.3) * 5);
    const y = Array.from({ length: 250 }, (_, i) => Math.cos(i * 0.7) * 5 + 0.3);
    const d = allDifferences(x, y);
    const xs = Float64Array.from(x).sort();
    const ys = Float64Array.from(y).sort();
    for (const k of [1, 2, 777, 37_500, 37_501, 74_999, 75_000]) {
      expect(kthPairwiseDifference(xs, ys, k)).toBe(d[k - 1]);
    }
  });
});

describe('hodgesLehmannShift: properties', () => {
  it('shifting y by c shifts the estimate and both limits by c', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: -1000, max: 1000 }),
        (x, y, c) => {
          const a = hodgesLehmannShift(x, y);
          const b = hodgesLehmannShift(
            x,
            y.map((v) => v + c),
          );
          expect(b.estimate).toBe(a.estimate + c);
          expect(b.lower).toBe(a.lower + c);
          expect(b.upper).toBe(a.upper + c);
          expect(a.lower).toBeLessThanOrEqual(a.estimate);
          expect(a.estimate).toBeLessThanOrEqual(a.upper);
        },
      ),
    );
  });

  it('swapping x and y negates the estimate and mirrors the interval', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 1, maxLength: 40 }),
        (x, y) => {
          const a = hodgesLehmannShift(x, y);
          const b = hodgesLehmannShift(y, x);
          expect(b.estimate).toBe(-a.estimate || 0);
          expect(b.lower).toBe(-a.upper || 0);
          expect(b.upper).toBe(-a.lower || 0);
        },
      ),
    );
  });
});
