import { readFileSync } from 'node:fs';
import { variance as ssVariance } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import {
  autocovariances,
  batchMeansVariance,
  batchSizeForBias,
  optimalBlockLength,
} from '../../src/stats/index.js';
import { latencySeries, normalSource } from './series.js';

/**
 * Series generated with NumPy (default_rng(7): iid N(0,1), and AR(1) with rho 0.5, 0.8, 0.95,
 * rounded to 6 decimals) and the block lengths that arch 8.0's `arch.bootstrap.optimal_block_length`
 * computes for them (K. Sheppard, arch; Politis & White 2004 with the Patton-Politis-White 2009
 * correction).
 */
const arch = JSON.parse(
  readFileSync(new URL('../fixtures/stats/politis-white-arch.json', import.meta.url), 'utf8'),
) as Record<string, { x: number[]; stationary: number; circular: number }>;

describe('optimalBlockLength (Politis-White 2004, Patton-Politis-White 2009)', () => {
  it.each(['ar05_300', 'ar08_300', 'ar095_1000'])('%s: matches arch 8.0 optimal_block_length', (name) => {
    const ref = arch[name] as { x: number[]; stationary: number; circular: number };
    const r = optimalBlockLength(ref.x);
    expect(r.circular).toBeCloseTo(ref.circular, 9);
    expect(r.stationary).toBeCloseTo(ref.stationary, 9);
  });

  it('an iid series gets block length 1 (arch reports < 1, which means the iid bootstrap)', () => {
    const ref = arch.iid300 as { x: number[]; circular: number };
    expect(ref.circular).toBeLessThan(1);
    expect(optimalBlockLength(ref.x).circular).toBe(1);
  });

  it('caps at ceil(min(3 sqrt(n), n/3)) and handles a constant series', () => {
    const walk: number[] = [];
    let v = 0;
    const normal = normalSource(5);
    for (let i = 0; i < 300; i++) walk.push((v += normal()));
    const r = optimalBlockLength(walk);
    expect(r.cap).toBe(52);
    expect(r.circular).toBeLessThanOrEqual(52);
    expect(optimalBlockLength(new Array(20).fill(3))).toMatchObject({ circular: 1, stationary: 1 });
    expect(() => optimalBlockLength([1, 2, 3])).toThrow(RangeError);
  });
});

describe('autocovariances', () => {
  it('lag 0 is the variance with divisor n; lag k sums n - k products', () => {
    const x = [1, 3, 2, 5, 4];
    const g = autocovariances(x, 2);
    // mean 3, deviations -2, 0, -1, 2, 1
    expect(g[0]).toBeCloseTo((4 + 0 + 1 + 4 + 1) / 5, 12);
    expect(g[1]).toBeCloseTo((0 * -2 + -1 * 0 + 2 * -1 + 1 * 2) / 5, 12);
    expect(g[2]).toBeCloseTo((-1 * -2 + 2 * 0 + 1 * -1) / 5, 12);
  });
});

describe('batchMeansVariance (Schmeiser 1982; Flegal & Jones 2010)', () => {
  it('batch size 1 is the iid sample variance (simple-statistics) with n - 1 degrees of freedom', () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    const r = batchMeansVariance(x, 1);
    expect(r.longRunVariance).toBeCloseTo(ssVariance(x) * (10 / 9), 12);
    expect(r.df).toBe(9);
  });

  it('equal batches: m times the sample variance of the batch means', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const r = batchMeansVariance(x, 3); // batch means 2, 5, 8, 11: variance 15, times 3
    expect(r.batches).toBe(4);
    expect(r.longRunVariance).toBeCloseTo(45, 12);
  });

  it('recovers the AR(1) long-run variance sigma^2 (1 + rho)/(1 - rho) (Brockwell & Davis 1991, §7.1)', () => {
    // 10 series of 10,000: AR(1), rho 0.8, marginal sd 1 -> long-run variance 9.
    const normal = normalSource(11);
    const estimates: number[] = [];
    for (let s = 0; s < 10; s++) {
      const x = latencySeries({ n: 10_000, rho: 0.8, sigma: 1, level: 1 }, normal, () => 0.5).map(Math.log);
      estimates.push(batchMeansVariance(x, 100).longRunVariance);
    }
    const mean = estimates.reduce((a, b) => a + b, 0) / estimates.length;
    expect(mean).toBeGreaterThan(8.2);
    expect(mean).toBeLessThan(9.6);
  });

  it('batchSizeForBias: sqrt(n) for iid data, larger (up to n/8) under autocorrelation', () => {
    const normal = normalSource(3);
    const iid = latencySeries({ n: 400, rho: 0, sigma: 1 }, normal, () => 0.5);
    const ar = latencySeries({ n: 400, rho: 0.8, sigma: 1 }, normal, () => 0.5);
    expect(batchSizeForBias(iid)).toBe(20);
    expect(batchSizeForBias(ar)).toBeGreaterThan(20);
    expect(batchSizeForBias(ar)).toBeLessThanOrEqual(50);
  });

  it('rejects a batch size that leaves fewer than two batches', () => {
    expect(() => batchMeansVariance([1, 2, 3, 4], 3)).toThrow(RangeError);
  });
});
