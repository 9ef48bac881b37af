import fc from 'fast-check';
import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import {
  adjustFamily,
  createRandomSource,
  fisherExact,
  normalQuantile,
  quantile,
  quantilePermutationTest,
} from '../../src/stats/index.js';
import { SPARSITY_SPAN_FACTOR } from '../../src/stats/order-resample.js';
import { subsets } from './helpers.js';

/** Log-normal latencies, median 10, σ = 0.1, by inversion of seeded uniforms. */
function latencies(n: number, seed: number, tail?: { from: number; factor: number }): number[] {
  const r = createRandomSource(seed);
  return Array.from({ length: n }, () => {
    let u = r();
    while (u === 0) u = r();
    const v = 10 * Math.exp(0.1 * normalQuantile(u));
    return tail && u > tail.from ? v * tail.factor : v;
  });
}

/** The studentized statistic written out with simple-statistics, independently of src/stats. */
function statistic(b: number[], c: number[], q: number): number {
  const part = (x: number[]) => {
    const s = x.map(Math.log).sort((p, r) => p - r);
    const n = s.length;
    const at = (rank: number) => quantileSorted(s, rank / (n - 1));
    const h = (n - 1) * q;
    const sd = Math.sqrt(n * q * (1 - q));
    const d = Math.max(1, SPARSITY_SPAN_FACTOR * sd);
    const lo = Math.max(0, h - d);
    const hi = Math.min(n - 1, h + d);
    return { q: at(h), se: ((at(hi) - at(lo)) / (hi - lo)) * sd };
  };
  const pb = part(b);
  const pc = part(c);
  return (pc.q - pb.q) / Math.hypot(pb.se, pc.se);
}

describe('quantilePermutationTest', () => {
  // Issue 17's required case: n = 300 per side, P99 +47% with the body unchanged (the slowest 5%
  // take 1.47× as long, so P50 and P90 are unchanged) must be a regression at α = 0.01 after Holm
  // across a family of 5 metrics, i.e. p < 0.002 — where the exact conditional test on the
  // exceedances of the pooled P99 cannot go below 0.0305.
  it('flags P99 +47% at n = 300 below 0.002, where the exceedance count test cannot', () => {
    const baseline = latencies(300, 11);
    const current = latencies(300, 12, { from: 0.95, factor: 1.47 });
    expect(quantile(current, 0.5) / quantile(baseline, 0.5)).toBeCloseTo(1, 1);
    const r = quantilePermutationTest(baseline, current, { quantile: 0.99 });
    expect(r.ratio).toBeGreaterThan(1.3);
    expect(r.p).toBeLessThan(0.002);
    expect(r.studentized).toBe(true);
    const family = adjustFamily([
      { name: 'p50', p: 0.4 },
      { name: 'p99', p: r.p },
      { name: 'spike-rate', p: 1 },
      { name: 'peak-memory', p: 0.3 },
      { name: 'profile:module:head', p: 0.8 },
    ]);
    expect(family[1]!.adjustedP).toBeLessThan(0.01);
    // The exceedance test at the pooled P99 on the same data: at best 6–0, p ≥ 0.0305.
    const pooled = quantile([...baseline, ...current], 0.99);
    const xb = baseline.filter((v) => v > pooled).length;
    const xc = current.filter((v) => v > pooled).length;
    expect(fisherExact(xc, 300 - xc, xb, 300 - xb).p).toBeGreaterThanOrEqual(0.0304);
  });

  // Exactness: with 5 + 5 values all 252 relabellings can be enumerated; the Monte-Carlo p-value
  // with 40,000 relabellings must agree with the exact permutation p within 4 standard errors.
  it.each([0.9, 0.5, 0.2])('q = %f: agrees with complete enumeration on 5 + 5 values', (q) => {
    const b = [10.1, 10.7, 9.8, 11.4, 10.3];
    const c = [10.9, 12.8, 11.1, 10.2, 13.5];
    const pooled = [...b, ...c];
    const observed = Math.abs(statistic(b, c, q));
    let extreme = 0;
    let total = 0;
    for (const s of subsets(10, 5)) {
      const inB = new Set(s);
      const t = statistic(
        pooled.filter((_, i) => inB.has(i)),
        pooled.filter((_, i) => !inB.has(i)),
        q,
      );
      if (Math.abs(t) >= observed - 1e-12) extreme++;
      total++;
    }
    const exact = extreme / total;
    const m = 40_000;
    const r = quantilePermutationTest(b, c, { quantile: q, permutations: m, seed: 3 });
    expect(Math.abs(r.statistic)).toBeCloseTo(observed, 12);
    const se = Math.sqrt((exact * (1 - exact)) / m);
    expect(Math.abs(r.p - exact)).toBeLessThan(4 * se + 1 / m);
  });

  it('holds its level on identical distributions (A/A, 200 seeded datasets)', () => {
    let below = 0;
    for (let t = 0; t < 200; t++) {
      const p = quantilePermutationTest(latencies(300, 1000 + 2 * t), latencies(300, 1001 + 2 * t), {
        quantile: 0.99,
        permutations: 199,
        seed: t,
      }).p;
      if (p <= 0.05) below++;
    }
    // Binomial(200, 0.05): mean 10, P(X ≥ 22) < 0.001.
    expect(below).toBeLessThan(22);
  });

  it('property: same seed, same p; p in [1/(m+1), 1]; one-sided p-values add up to at least 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 100, noNaN: true }), { minLength: 2, maxLength: 30 }),
        fc.array(fc.double({ min: 1, max: 100, noNaN: true }), { minLength: 2, maxLength: 30 }),
        fc.constantFrom(0.5, 0.9, 0.99),
        fc.integer(),
        (b, c, q, seed) => {
          const o = { quantile: q, permutations: 99, seed };
          const r = quantilePermutationTest(b, c, o);
          expect(quantilePermutationTest(b, c, o)).toEqual(r);
          expect(r.p).toBeGreaterThanOrEqual(1 / 100);
          expect(r.p).toBeLessThanOrEqual(1);
          const g = quantilePermutationTest(b, c, { ...o, alternative: 'greater' }).p;
          const l = quantilePermutationTest(b, c, { ...o, alternative: 'less' }).p;
          expect(g + l).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('rejects non-positive samples and bad options', () => {
    expect(() => quantilePermutationTest([1, 2], [0, 3], { quantile: 0.5 })).toThrow(/positive/);
    expect(() => quantilePermutationTest([1, 2], [2, 3], { quantile: 1 })).toThrow(RangeError);
    expect(() => quantilePermutationTest([1, 2], [2, 3], { quantile: 0.5, permutations: 0 })).toThrow(
      RangeError,
    );
  });
});

describe('quantilePermutationTest on tied values', () => {
  it('an infinite statistic (no spread on either side) is not significant by construction', () => {
    const b = [...new Array<number>(50).fill(10), ...new Array<number>(50).fill(11)];
    const c = [...new Array<number>(50).fill(10), ...new Array<number>(50).fill(11)];
    const r = quantilePermutationTest(b, c, { quantile: 0.5, permutations: 199 });
    expect(r.p).toBeGreaterThan(0.05);
  });
});
