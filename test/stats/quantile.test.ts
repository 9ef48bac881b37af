import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUANTILE_DEFINITION, quantile, summarize } from '../../src/stats/index.js';

/** Hyndman & Fan (1996) definition 7 written out from the paper: h = (n−1)p, interpolate. */
function type7(x: number[], p: number): number {
  const s = [...x].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return (s[lo] as number) + (h - lo) * ((s[hi] as number) - (s[lo] as number));
}

describe('quantile', () => {
  it('documents Hyndman & Fan type 7', () => {
    expect(QUANTILE_DEFINITION).toMatch(/type 7/);
  });

  // simple-statistics 7.12 JSDoc example for quantile/quantileSorted:
  // quantile([3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20], 0.5) // => 9
  it('simple-statistics documentation example: median of [3,6,7,8,8,9,10,13,15,16,20] is 9', () => {
    expect(quantile([3, 6, 7, 8, 8, 9, 10, 13, 15, 16, 20], 0.5)).toBe(9);
    expect(quantile([20, 3, 16, 6, 15, 7, 13, 8, 10, 8, 9], 0.5)).toBe(9);
  });

  it('equals the type-7 formula for sorted and unsorted input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (x, p) => {
          const ref = type7(x, p);
          expect(quantile(x, p)).toBeCloseTo(ref, 6);
          expect(
            quantile(
              [...x].sort((a, b) => a - b),
              p,
            ),
          ).toBeCloseTo(ref, 6);
        },
      ),
    );
  });

  it('rejects empty input, non-finite values and q outside [0, 1]', () => {
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1, Number.POSITIVE_INFINITY], 0.5)).toThrow(RangeError);
    expect(() => quantile([1], 1.01)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('reports count, mean, sample stdev and type-7 percentiles', () => {
    const x = [20, 3, 16, 6, 15, 7, 13, 8, 10, 8, 9];
    const s = summarize(x);
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / (x.length - 1));
    expect(s.count).toBe(11);
    expect(s.mean).toBeCloseTo(mean, 12);
    expect(s.stdev).toBeCloseTo(sd, 12);
    expect(s.min).toBe(3);
    expect(s.max).toBe(20);
    expect(s.p50).toBe(9);
    for (const [key, p] of [
      ['p90', 0.9],
      ['p95', 0.95],
      ['p99', 0.99],
    ] as const) {
      expect(s[key]).toBeCloseTo(type7(x, p), 12);
    }
  });

  it('single sample: stdev is NaN, quantiles equal the value', () => {
    const s = summarize([4.2]);
    expect(s.stdev).toBeNaN();
    expect(s.p99).toBe(4.2);
  });
});
