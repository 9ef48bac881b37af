import fc from 'fast-check';
import { quantile as ssQuantile, quantileSorted, sampleWithReplacement } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { bootstrapQuantileRatioCI, createRandomSource, quantile } from '../../src/stats/index.js';

/**
 * Naive percentile bootstrap (Efron & Tibshirani 1993, ch. 13) with simple-statistics'
 * `sampleWithReplacement` and `quantile` on the same seeded random stream: an independent
 * implementation that builds every resample explicitly.
 */
function naive(
  baseline: number[],
  current: number[],
  q: number,
  confidence: number,
  resamples: number,
  seed: number,
) {
  const random = createRandomSource(seed);
  const b = [...baseline].sort((p, r) => p - r);
  const c = [...current].sort((p, r) => p - r);
  const ratios: number[] = [];
  for (let i = 0; i < resamples; i++) {
    const rb = sampleWithReplacement(b, b.length, random);
    const rc = sampleWithReplacement(c, c.length, random);
    ratios.push(ssQuantile(rc, q) / ssQuantile(rb, q));
  }
  ratios.sort((p, r) => p - r);
  const alpha = 1 - confidence;
  return { lower: quantileSorted(ratios, alpha / 2), upper: quantileSorted(ratios, 1 - alpha / 2) };
}

function latencies(n: number, seed: number, scale: number): number[] {
  const r = createRandomSource(seed);
  return Array.from({ length: n }, () => scale * (10 - 2 * Math.log(1 - r()))); // shifted exponential
}

describe('bootstrapQuantileRatioCI', () => {
  const baseline = latencies(400, 1, 1);
  const current = latencies(350, 2, 1.05);

  it.each([0.5, 0.9, 0.99, 0, 1])(
    'q = %f: equals a naive resample-and-sort bootstrap on the same stream',
    (q) => {
      const r = bootstrapQuantileRatioCI(baseline, current, { quantile: q, resamples: 300, seed: 9 });
      const ref = naive(baseline, current, q, 0.95, 300, 9);
      expect(r.estimate).toBe(quantile(current, q) / quantile(baseline, q));
      expect(r.lower).toBeCloseTo(ref.lower, 12);
      expect(r.upper).toBeCloseTo(ref.upper, 12);
      expect(r.method).toBe('percentile');
      expect(r.resamples).toBe(300);
    },
  );

  it('same seed gives the identical interval; another seed gives another one', () => {
    const a = bootstrapQuantileRatioCI(baseline, current, { quantile: 0.99, seed: 1 });
    const b = bootstrapQuantileRatioCI(baseline, current, { quantile: 0.99, seed: 1 });
    const c = bootstrapQuantileRatioCI(baseline, current, { quantile: 0.99, seed: 2 });
    expect(b).toEqual(a);
    expect([c.lower, c.upper]).not.toEqual([a.lower, a.upper]);
    expect(a.resamples).toBe(2000);
  });

  it('property: same seed -> same interval, and lower <= upper', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.1, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.double({ min: 0.1, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom(0.5, 0.9, 0.95, 0.99),
        fc.integer(),
        (b, c, q, seed) => {
          const o = { quantile: q, resamples: 50, seed };
          const r1 = bootstrapQuantileRatioCI(b, c, o);
          const r2 = bootstrapQuantileRatioCI(b, c, o);
          expect(r2).toEqual(r1);
          expect(r1.lower).toBeLessThanOrEqual(r1.upper);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('rejects non-positive samples and bad options', () => {
    expect(() => bootstrapQuantileRatioCI([0, 1], [1, 2], { quantile: 0.5 })).toThrow(RangeError);
    expect(() => bootstrapQuantileRatioCI([1], [1], { quantile: 1.5 })).toThrow(RangeError);
    expect(() => bootstrapQuantileRatioCI([1], [1], { quantile: 0.5, resamples: 0 })).toThrow(RangeError);
  });
});
