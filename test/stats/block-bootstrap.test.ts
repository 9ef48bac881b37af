import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import {
  quantile as ssQuantile,
  quantileSorted,
  sampleWithReplacement,
  variance as ssVariance,
} from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import {
  blockBootstrapQuantile,
  blockBootstrapQuantileRatioCI,
  createRandomSource,
  pairedBlockBootstrapQuantileRatio,
  quantile,
  quantileBlockLength,
  quantileRatioInterval,
} from '../../src/stats/index.js';
import { latencySeries, normalSource } from './series.js';

/**
 * Circular block bootstrap built the naive way (Politis & Romano 1992): every resample is
 * materialised block by block from the same seeded stream (a block start per block, wrapping
 * around) and its quantile taken with simple-statistics; an independent implementation of the
 * tallying one in src/stats.
 */
function naiveCbb(x: number[], b: number, q: number, random: () => number): number {
  const n = x.length;
  const out: number[] = [];
  while (out.length < n) {
    let t = Math.floor(random() * n);
    for (let j = 0; j < b && out.length < n; j++) {
      out.push(x[t] as number);
      t = (t + 1) % n;
    }
  }
  return ssQuantile(out, q);
}

describe('blockBootstrapQuantileRatioCI (circular block bootstrap)', () => {
  const normal = normalSource(9);
  const base = latencySeries({ n: 200, rho: 0.7, sigma: 0.05 }, normal, () => 0.5);
  const cur = latencySeries({ n: 180, rho: 0.7, sigma: 0.05, shift: 0.04 }, normal, () => 0.5);

  it.each([0.5, 0.9])('matches a naive resample-building implementation at q = %s', (q) => {
    const resamples = 300;
    const r = blockBootstrapQuantileRatioCI(base, cur, {
      quantile: q,
      resamples,
      seed: 4,
      blockLength: { baseline: 7, current: 5 },
    });
    const random = createRandomSource(4);
    const ratios: number[] = [];
    const logB: number[] = [];
    const logC: number[] = [];
    for (let i = 0; i < resamples; i++) {
      const qb = naiveCbb(base, 7, q, random);
      const qc = naiveCbb(cur, 5, q, random);
      logB.push(Math.log(qb));
      logC.push(Math.log(qc));
      ratios.push(qc / qb);
    }
    // Degrees of freedom: Welch-Satterthwaite of the two sides' bootstrap variances, each with
    // (blocks - 1) = floor(n/b) - 1 df; limits widened by t(0.975; df)/z(0.975) on the log scale.
    const vb = ssVariance(logB) * (resamples / (resamples - 1));
    const vc = ssVariance(logC) * (resamples / (resamples - 1));
    const df = (vb + vc) ** 2 / (vb ** 2 / (Math.floor(200 / 7) - 1) + vc ** 2 / (Math.floor(180 / 5) - 1));
    expect(r.df).toBeCloseTo(df, 9);
    const factor = tQuantile(0.975, df) / 1.959963984540054;
    const est = quantile(cur, q) / quantile(base, q);
    ratios.sort((a, b) => a - b);
    expect(r.estimate).toBeCloseTo(est, 12);
    expect(r.lower).toBeCloseTo(est * (quantileSorted(ratios, 0.025) / est) ** factor, 12);
    expect(r.upper).toBeCloseTo(est * (quantileSorted(ratios, 0.975) / est) ** factor, 12);
    expect(factor).toBeGreaterThan(1);
  });

  it('is reproducible for a seed and reports the automatic block lengths', () => {
    const a = blockBootstrapQuantileRatioCI(base, cur, { quantile: 0.5, resamples: 200 });
    const b = blockBootstrapQuantileRatioCI(base, cur, { quantile: 0.5, resamples: 200 });
    expect(a).toEqual(b);
    expect(a.blockLengths.baseline).toBeGreaterThan(1);
  });

  it('iid samples: automatic block length 1, interval as wide as the iid bootstrap', () => {
    const iidA = latencySeries({ n: 400, rho: 0, sigma: 0.05 }, normal, () => 0.5);
    const iidB = latencySeries({ n: 400, rho: 0, sigma: 0.05 }, normal, () => 0.5);
    expect(quantileBlockLength(iidA, 0.5)).toBe(1);
    const block = blockBootstrapQuantileRatioCI(iidA, iidB, { quantile: 0.5 });
    // The iid two-sample percentile bootstrap by another implementation (order statistics drawn
    // without building the resample, src/stats/quantile-ratio.ts).
    const iid = quantileRatioInterval(iidA, iidB, { quantile: 0.5, method: 'percentile' });
    const w = (r: { lower: number; upper: number }): number => r.upper - r.lower;
    expect(w(block) / w(iid)).toBeGreaterThan(0.8);
    expect(w(block) / w(iid)).toBeLessThan(1.25);
  });

  it('AR(1) rho 0.8: the interval is about sqrt(9)-ish wider than the iid bootstrap pretends', () => {
    const a = latencySeries({ n: 300, rho: 0.8, sigma: 0.05 }, normal, () => 0.5);
    const b = latencySeries({ n: 300, rho: 0.8, sigma: 0.05 }, normal, () => 0.5);
    const block = blockBootstrapQuantileRatioCI(a, b, { quantile: 0.5 });
    const iid = blockBootstrapQuantileRatioCI(a, b, { quantile: 0.5, blockLength: 1 });
    expect((block.upper - block.lower) / (iid.upper - iid.lower)).toBeGreaterThan(1.8);
  });

  it('rejects non-positive samples and bad options', () => {
    expect(() => blockBootstrapQuantileRatioCI([1, 2, 0], [1, 2, 3], { quantile: 0.5 })).toThrow(RangeError);
    expect(() => blockBootstrapQuantileRatioCI([1, 2], [1, 2], { quantile: 0.5, blockLength: 0 })).toThrow(
      RangeError,
    );
  });
});

/** Shifted-exponential latencies (iid). */
function latencies(n: number, seed: number, scale: number): number[] {
  const r = createRandomSource(seed);
  return Array.from({ length: n }, () => scale * (10 - 2 * Math.log(1 - r())));
}

describe('blockBootstrapQuantileRatioCI with block length 1 (the iid two-sample bootstrap)', () => {
  const baseline = latencies(400, 1, 1);
  const current = latencies(350, 2, 1.05);

  /**
   * Naive percentile bootstrap (Efron & Tibshirani 1993, ch. 8 two-sample resampling, ch. 13
   * percentile interval) with simple-statistics' `sampleWithReplacement` and `quantile` on the same
   * seeded stream: an independent implementation that builds every resample explicitly.
   */
  function naive(q: number, resamples: number, seed: number) {
    const random = createRandomSource(seed);
    const b = [...baseline].sort((p, r) => p - r);
    const c = [...current].sort((p, r) => p - r);
    const ratios: number[] = [];
    const logB: number[] = [];
    const logC: number[] = [];
    for (let i = 0; i < resamples; i++) {
      const qb = ssQuantile(sampleWithReplacement(b, b.length, random), q);
      const qc = ssQuantile(sampleWithReplacement(c, c.length, random), q);
      logB.push(Math.log(qb));
      logC.push(Math.log(qc));
      ratios.push(qc / qb);
    }
    ratios.sort((p, r) => p - r);
    return { ratios, logB, logC };
  }

  it.each([0.5, 0.9, 0.99, 0, 1])(
    'q = %f: the naive resample-and-sort percentile bootstrap on the same stream, widened by t(df)/z',
    (q) => {
      const resamples = 300;
      const r = blockBootstrapQuantileRatioCI(baseline, current, {
        quantile: q,
        resamples,
        seed: 9,
        blockLength: 1,
      });
      const ref = naive(q, resamples, 9);
      // Each side's variance with n − 1 df (n blocks of 1), Welch–Satterthwaite over the two sides.
      const vb = ssVariance(ref.logB) * (resamples / (resamples - 1));
      const vc = ssVariance(ref.logC) * (resamples / (resamples - 1));
      const df = (vb + vc) ** 2 / (vb ** 2 / (400 - 1) + vc ** 2 / (350 - 1));
      const factor = tQuantile(0.975, df) / 1.959963984540054;
      const est = quantile(current, q) / quantile(baseline, q);
      expect(r.blockLengths).toEqual({ baseline: 1, current: 1 });
      expect(r.estimate).toBeCloseTo(est, 12);
      expect(r.df).toBeCloseTo(df, 9);
      expect(r.lower).toBeCloseTo(est * (quantileSorted(ref.ratios, 0.025) / est) ** factor, 12);
      expect(r.upper).toBeCloseTo(est * (quantileSorted(ref.ratios, 0.975) / est) ** factor, 12);
      expect(factor).toBeLessThan(1.003);
    },
  );
});

describe('blockBootstrapQuantile', () => {
  it('a run-level log standard error close to the AR(1) theory for the median', () => {
    // Median of n AR(1) normals: SE ≈ sqrt(pi/2)·sigma·sqrt((1+rho)/(1-rho))/sqrt(n) to first order
    // (the median's asymptotic variance pi/2·sigma²/n times the long-run factor of the sign series,
    // approximated here by that of the series; a 40% band covers the difference).
    const normal = normalSource(33);
    const x = latencySeries({ n: 2000, rho: 0.6, sigma: 0.05 }, normal, () => 0.5);
    const r = blockBootstrapQuantile(x, { quantile: 0.5 });
    const theory = (Math.sqrt(Math.PI / 2) * 0.05 * Math.sqrt(1.6 / 0.4)) / Math.sqrt(2000);
    expect(r.logSe / theory).toBeGreaterThan(0.6);
    expect(r.logSe / theory).toBeLessThan(1.4);
    expect(r.lower).toBeLessThan(r.estimate);
    expect(r.upper).toBeGreaterThan(r.estimate);
  });
});

describe('pairedBlockBootstrapQuantileRatio (bivariate circular block bootstrap, Künsch 1989)', () => {
  const normal = normalSource(21);
  // Two series sharing one AR(1) drift of the machine, each with its own small noise: what an
  // interleaved model / reference run looks like.
  const shared = latencySeries({ n: 240, rho: 0.9, sigma: 0.1, level: 1 }, normal, () => 0.5);
  const model = shared.map((s) => 25 * s * Math.exp(0.01 * normal()));
  const reference = shared.map((s) => 10 * s * Math.exp(0.01 * normal()));

  it('matches a naive implementation that builds each resample of pairs block by block', () => {
    const resamples = 300;
    const r = pairedBlockBootstrapQuantileRatio(model, reference, {
      quantile: 0.5,
      resamples,
      seed: 3,
      blockLength: 6,
    });
    // The same seeded stream: one block start per block, the same indices for both series.
    const random = createRandomSource(3);
    const logs: number[] = [];
    for (let i = 0; i < resamples; i++) {
      const a: number[] = [];
      const b: number[] = [];
      while (a.length < model.length) {
        let t = Math.floor(random() * model.length);
        for (let j = 0; j < 6 && a.length < model.length; j++) {
          a.push(model[t] as number);
          b.push(reference[t] as number);
          t = (t + 1) % model.length;
        }
      }
      logs.push(Math.log(ssQuantile(a, 0.5) / ssQuantile(b, 0.5)));
    }
    const se = Math.sqrt(ssVariance(logs) * (resamples / (resamples - 1)));
    expect(r.logSe).toBeCloseTo(se, 12);
    expect(r.estimate).toBeCloseTo(quantile(model, 0.5) / quantile(reference, 0.5), 12);
    expect(r.df).toBe(Math.floor(240 / 6) - 1);
    expect(r.blockLength).toBe(6);
  });

  it('keeps the drift the pairs share out of the SE: far below two independent bootstraps', () => {
    const paired = pairedBlockBootstrapQuantileRatio(model, reference, { quantile: 0.5, resamples: 400 });
    const independent = blockBootstrapQuantileRatioCI(reference, model, { quantile: 0.5, resamples: 400 });
    expect(paired.blockLength).toBeGreaterThan(1);
    expect(paired.logSe).toBeLessThan(independent.logSe / 3);
    // Reproducible for the default seed.
    expect(pairedBlockBootstrapQuantileRatio(model, reference, { quantile: 0.5, resamples: 400 })).toEqual(
      paired,
    );
  });

  it('rejects series of different lengths and non-positive values', () => {
    expect(() => pairedBlockBootstrapQuantileRatio([1, 2, 3], [1, 2], { quantile: 0.5 })).toThrow(RangeError);
    expect(() => pairedBlockBootstrapQuantileRatio([1, 2, 0], [1, 2, 3], { quantile: 0.5 })).toThrow(
      RangeError,
    );
  });
});
