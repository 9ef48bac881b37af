import { describe, expect, it } from 'vitest';
import { minSamplesForExceedanceTest, quantileTestRequirements } from '../../src/stats/index.js';

/** Floor of the exact conditional test: 2·C(n, k)/C(2n, k) with k = ⌈2n(1 − q)⌉, exact rationals. */
function floorExact(n: number, q: number): number {
  const k = Math.ceil(2 * n * (1 - q) - 1e-9);
  let num = 2n;
  let den = 1n;
  for (let i = 0; i < k; i++) {
    num *= BigInt(n - i);
    den *= BigInt(2 * n - i);
  }
  return Number((num * 10n ** 15n) / den) / 1e15;
}

describe('minSamplesForExceedanceTest', () => {
  // Issue 17: at n = 300 per side the 6 exceedances of the pooled P99 cannot give p below 0.0305.
  it('the P99 floor at n = 300 is the 6–0 split, 0.0305', () => {
    expect(floorExact(300, 0.99).toFixed(4)).toBe('0.0305');
    expect(minSamplesForExceedanceTest(0.99, 0.01)).toBeGreaterThan(300);
  });

  it.each([
    [0.99, 0.002],
    [0.99, 0.01],
    [0.99, 0.05],
    [0.95, 0.001],
    [0.9, 0.01],
  ])('q = %f, level %f: the smallest n whose floor reaches the level (exact rationals)', (q, level) => {
    const n = minSamplesForExceedanceTest(q, level);
    expect(floorExact(n, q)).toBeLessThanOrEqual(level);
    for (let m = 1; m < n; m++) expect(floorExact(m, q)).toBeGreaterThan(level);
  });
});

describe('quantileTestRequirements', () => {
  it('gates P99 from the LoadGen minimum and states the tail-only sample size and permutations', () => {
    const r = quantileTestRequirements(0.99, 0.01, { familySize: 5 });
    // LoadGen rule at 95% confidence: ceil(ln 0.05 / ln 0.99) = 299 (docs/verdict.md).
    expect(r.samplesPerSide).toBe(299);
    expect(r.samplesForTailOnlyChange).toBe(minSamplesForExceedanceTest(0.99, 0.002));
    expect(r.permutations).toBe(4999);
    expect(r.reason).toContain('299');
    expect(r.reason).toContain(String(r.samplesForTailOnlyChange));
    const loose = quantileTestRequirements(0.99, 0.05);
    expect(loose.samplesPerSide).toBe(299);
    expect(loose.samplesForTailOnlyChange).toBe(299);
    expect(loose.permutations).toBe(199);
    expect(quantileTestRequirements(0.99, 0.05, { confidence: 0.99 }).samplesPerSide).toBe(459);
  });

  it('rejects bad inputs', () => {
    expect(() => quantileTestRequirements(0.99, 0)).toThrow(RangeError);
    expect(() => quantileTestRequirements(0.99, 0.05, { familySize: 0 })).toThrow(RangeError);
  });
});
