import fc from 'fast-check';
import { quantileSorted, sampleWithReplacement } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import {
  blockBootstrapQuantileRatioCI,
  createRandomSource,
  quantile,
  quantileRatioInterval,
  type QuantileRatioMethod,
} from '../../src/stats/index.js';
import { relabelOrderStatistics, resampleOrderStatistics } from '../../src/stats/order-resample.js';
import { jackknifeAcceleration } from '../../src/stats/quantile-ratio.js';

function latencies(n: number, seed: number, scale = 1, sigma = 0.1): number[] {
  const r = createRandomSource(seed);
  return Array.from(
    { length: n },
    () => scale * 10 * Math.exp(sigma * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r())),
  );
}

/**
 * Pearson's chi-square statistic of observed counts against expected counts, cells with expected
 * count below 5 pooled (Cochran's rule).
 */
function chiSquare(observed: number[], expected: number[]): { stat: number; df: number } {
  let stat = 0;
  let cells = 0;
  let o = 0;
  let e = 0;
  for (let i = 0; i < observed.length; i++) {
    o += observed[i]!;
    e += expected[i]!;
    if (e >= 5) {
      stat += ((o - e) * (o - e)) / e;
      cells++;
      o = 0;
      e = 0;
    }
  }
  if (e > 0) stat += ((o - e) * (o - e)) / e;
  return { stat, df: Math.max(1, cells - 1) };
}

/** Upper 0.1% point of chi-square (Wilson–Hilferty approximation, Johnson, Kotz & Balakrishnan §18.5). */
function chiSquareCritical(df: number): number {
  const z = 3.0902; // Φ⁻¹(0.999)
  return df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3;
}

describe('order statistics of a resample without building it', () => {
  const sorted = Float64Array.from([1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233]);
  const draws = 20_000;

  // The walk (tail windows) and the tally (central windows) must give the order statistic of a
  // resample the same distribution as building the resample with simple-statistics'
  // sampleWithReplacement and sorting it (Efron & Tibshirani 1993, ch. 6).
  it.each([
    [10, 11, false],
    [0, 1, false],
    [5, 6, true],
  ])('ranks %d..%d (tally: %s) have the distribution of a sorted naive resample', (from, to, tally) => {
    const random = createRandomSource(17);
    const out = new Float64Array(to - from + 1);
    const scratch = tally ? new Int32Array(sorted.length) : undefined;
    const mine = new Map<number, number>();
    const naive = new Map<number, number>();
    const naiveRandom = createRandomSource(18);
    for (let i = 0; i < draws; i++) {
      resampleOrderStatistics(sorted, { from, to }, random, out, scratch);
      expect(out[0]!).toBeLessThanOrEqual(out[out.length - 1]!);
      mine.set(out[0]!, (mine.get(out[0]!) ?? 0) + 1);
      const r = sampleWithReplacement(Array.from(sorted), sorted.length, naiveRandom).sort((a, b) => a - b);
      naive.set(r[from]!, (naive.get(r[from]!) ?? 0) + 1);
    }
    const keys = [...sorted];
    const a = keys.map((k) => mine.get(k) ?? 0);
    const b = keys.map((k) => naive.get(k) ?? 0);
    // Two-sample chi-square homogeneity test with equal totals: expected (a + b)/2 per cell.
    const expected = a.map((x, i) => (x + b[i]!) / 2);
    const { stat, df } = chiSquare(a, expected);
    expect(stat * 2).toBeLessThan(chiSquareCritical(df));
  });

  it('relabelling puts every pooled value in exactly one group, in order', () => {
    const pooled = Float64Array.from({ length: 20 }, (_, i) => i + 1);
    const random = createRandomSource(5);
    const o1 = new Float64Array(8);
    const o2 = new Float64Array(12);
    relabelOrderStatistics(pooled, 8, { from: 0, to: 7 }, { from: 0, to: 11 }, true, random, o1, o2);
    expect([...o1, ...o2].sort((a, b) => a - b)).toEqual([...pooled]);
    for (const o of [o1, o2]) for (let i = 1; i < o.length; i++) expect(o[i]!).toBeGreaterThan(o[i - 1]!);
  });
});

describe('quantileRatioInterval', () => {
  const baseline = latencies(400, 1);
  const current = latencies(350, 2, 1.05);

  it.each(['percentile', 'basic', 'bca', 'studentized'] as QuantileRatioMethod[])(
    '%s: type-7 estimate, lower <= estimate-ish <= upper, reproducible',
    (method) => {
      for (const q of [0.5, 0.99]) {
        const r = quantileRatioInterval(baseline, current, { quantile: q, method, resamples: 500, seed: 4 });
        expect(r.estimate).toBeCloseTo(quantile(current, q) / quantile(baseline, q), 12);
        expect(r.lower).toBeLessThan(r.upper);
        expect(r.lower).toBeLessThan(r.estimate * 1.05);
        expect(r.upper).toBeGreaterThan(r.estimate / 1.05);
        expect(r.method).toBe(method);
        expect(
          quantileRatioInterval(baseline, current, { quantile: q, method, resamples: 500, seed: 4 }),
        ).toEqual(r);
      }
    },
  );

  // The percentile method resamples the same two-sample bootstrap distribution as the block
  // bootstrap with block length 1 (src/stats/block-bootstrap.ts) by another route: with many
  // resamples the limits agree up to Monte-Carlo error (and the block bootstrap's t(df)/z widening,
  // a factor of 1.002 at 400 + 350 samples).
  it('percentile limits agree with blockBootstrapQuantileRatioCI (block length 1) up to Monte-Carlo error', () => {
    for (const q of [0.5, 0.99]) {
      const a = quantileRatioInterval(baseline, current, {
        quantile: q,
        method: 'percentile',
        resamples: 8000,
        seed: 1,
      });
      const b = blockBootstrapQuantileRatioCI(baseline, current, {
        quantile: q,
        resamples: 8000,
        seed: 2,
        blockLength: 1,
      });
      expect(Math.abs(Math.log(a.lower / b.lower))).toBeLessThan(0.01);
      expect(Math.abs(Math.log(a.upper / b.upper))).toBeLessThan(0.01);
    }
  });

  // BCa acceleration (Davison & Hinkley 1997, §5.3.2) from the three leave-one-out classes equals
  // the brute-force jackknife over every single deleted value.
  it.each([0.5, 0.9, 0.99])('q = %f: jackknife acceleration equals brute force', (q) => {
    const b = Float64Array.from(latencies(57, 3)).sort();
    const c = Float64Array.from(latencies(41, 4, 1, 0.3)).sort();
    let num = 0;
    let den = 0;
    for (const s of [b, c]) {
      const n = s.length;
      const thetas = Array.from(s, (_, i) =>
        Math.log(
          quantileSorted(
            Array.from(s).filter((_, j) => j !== i),
            q,
          ),
        ),
      );
      const mean = thetas.reduce((p, t) => p + t, 0) / n;
      const l = thetas.map((t) => (n - 1) * (mean - t));
      num += l.reduce((p, v) => p + v ** 3, 0) / n ** 3;
      den += l.reduce((p, v) => p + v ** 2, 0) / n ** 2;
    }
    expect(jackknifeAcceleration(b, c, q)).toBeCloseTo(num / (6 * den ** 1.5), 12);
  });

  // Values on a 0.1 grid (as a timer would give them): ties are common, spreads at rounding level
  // (1 ulp, where a rescaled value can round either way) are not.
  const values = fc.array(
    fc.integer({ min: 10, max: 1000 }).map((v) => v / 10),
    { minLength: 3, maxLength: 40 },
  );

  it('property: scaling the current sample by c scales the interval by c', () => {
    fc.assert(
      fc.property(
        values,
        values,
        fc.constantFrom(0.5, 0.9, 0.99),
        fc.constantFrom<QuantileRatioMethod>('percentile', 'basic', 'bca', 'studentized'),
        fc.double({ min: 0.25, max: 4, noNaN: true }),
        (b, c, q, method, k) => {
          const o = { quantile: q, method, resamples: 50, seed: 9 };
          const r1 = quantileRatioInterval(b, c, o);
          const r2 = quantileRatioInterval(
            b,
            c.map((v) => v * k),
            o,
          );
          expect(r1.lower).toBeLessThanOrEqual(r1.upper);
          for (const key of ['estimate', 'lower', 'upper'] as const) {
            if (Number.isFinite(r1[key]) && r1[key] > 0) expect(r2[key] / r1[key]).toBeCloseTo(k, 6);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects non-positive samples, bad quantiles and too few resamples', () => {
    expect(() => quantileRatioInterval([1, 2], [0, 1], { quantile: 0.5 })).toThrow(/positive/);
    expect(() => quantileRatioInterval([1, 2], [1, 2], { quantile: 0 })).toThrow(RangeError);
    expect(() => quantileRatioInterval([1, 2], [1, 2], { quantile: 0.5, resamples: 5 })).toThrow(RangeError);
  });
});
