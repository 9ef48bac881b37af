import { describe, expect, it } from 'vitest';
import { binomialCdf, minSamplesForQuantile } from '../../src/stats/index.js';
import { directBinomialCdf } from './helpers.js';

describe('minSamplesForQuantile (MLPerf LoadGen early-stopping rule)', () => {
  // Reference values: mlcommons/endpoints PR #417 ("opt-in MLPerf early-stopping percentile
  // estimates (LoadGen parity)"), validated against LoadGen (loadgen/early_stopping.cc):
  // "h_min(t=0, p99) = 459; SingleStream-style floors: p90 = 64, p99 = 662" — 99 % confidence;
  // the floors are for one query over the bound (LoadGen: "662 queries when one is over the bound").
  it.each([
    [0.99, 0.99, 0, 459],
    [0.99, 0.99, 1, 662],
    [0.9, 0.99, 1, 64],
  ])('quantile %f, confidence %f, %d exceedance(s) -> %d', (q, c, t, n) => {
    expect(minSamplesForQuantile(q, c, t)).toBe(n);
  });

  // Independent check by summing the binomial pmf directly: n is the smallest size with
  // P(Bin(n, 1−q) ≤ t) ≤ 1 − c.
  it.each([
    [0.99, 0.99, 0],
    [0.99, 0.99, 1],
    [0.9, 0.99, 1],
    [0.95, 0.95, 0],
    [0.95, 0.9, 3],
    [0.999, 0.95, 2],
    [0.5, 0.99, 10],
  ])('quantile %f, confidence %f, t = %d agrees with a direct binomial sum', (q, c, t) => {
    const n = minSamplesForQuantile(q, c, t);
    expect(directBinomialCdf(t, n, 1 - q)).toBeLessThanOrEqual(1 - c);
    expect(directBinomialCdf(t, n - 1, 1 - q)).toBeGreaterThan(1 - c);
  });

  // LoadGen's closed form for t = 0 (early_stopping.cc: y1 = ceil(log(1 − c) / log(p − d)), d = 0).
  it.each([
    [0.99, 0.99],
    [0.9, 0.99],
    [0.95, 0.95],
    [0.999, 0.9],
  ])('t = 0 matches ceil(log(1−c)/log(q)) for q=%f c=%f', (q, c) => {
    expect(minSamplesForQuantile(q, c, 0)).toBe(Math.ceil(Math.log(1 - c) / Math.log(q)));
  });

  it('binomialCdf equals the direct sum', () => {
    for (const [t, n, p] of [
      [0, 459, 0.01],
      [1, 662, 0.01],
      [5, 100, 0.2],
      [30, 1000, 0.025],
    ] as const) {
      expect(binomialCdf(t, n, p)).toBeCloseTo(directBinomialCdf(t, n, p), 12);
    }
  });

  it('rejects invalid arguments', () => {
    expect(() => minSamplesForQuantile(1, 0.99)).toThrow(RangeError);
    expect(() => minSamplesForQuantile(0.99, 0)).toThrow(RangeError);
    expect(() => minSamplesForQuantile(0.99, 0.99, -1)).toThrow(RangeError);
  });
});
