import { describe, expect, it } from 'vitest';
import { logSeFromInterval, minimumDetectableEffect } from '../../src/stats/index.js';
import { normalSource } from './series.js';

describe('minimumDetectableEffect (Bloom 1995, shifted to the practical threshold)', () => {
  it("threshold 0: Bloom's multiplier z(0.975) + z(0.8) = 2.8016 (SciPy 1.17.1 norm.ppf) times the SE", () => {
    expect(minimumDetectableEffect({ logSe: 0.01, threshold: 0 })).toBeCloseTo(
      Math.expm1(0.02801585218112968),
      12,
    );
  });

  it('threshold 3%: log(1.03) + 2.8016·SE on the log scale', () => {
    expect(minimumDetectableEffect({ logSe: 0.005, threshold: 0.03 })).toBeCloseTo(
      Math.expm1(Math.log(1.03) + 2.8015852181129683 * 0.005),
      12,
    );
  });

  it('with 4 df: t(0.975; 4) + t(0.8; 4) = 2.776445 + 0.940965 (SciPy 1.17.1 t.ppf)', () => {
    expect(minimumDetectableEffect({ logSe: 0.01, threshold: 0, df: 4 })).toBeCloseTo(
      Math.expm1((2.7764451051977934 + 0.9409645772351816) * 0.01),
      10,
    );
  });

  it('a true change at the MDE is detected by the interval rule in ~80% of simulated estimates', () => {
    const se = 0.01;
    const mde = minimumDetectableEffect({ logSe: se, threshold: 0.03 });
    const normal = normalSource(4);
    let detected = 0;
    const trials = 20_000;
    for (let i = 0; i < trials; i++) {
      const estimate = Math.log1p(mde) + se * normal();
      if (estimate - 1.959963984540054 * se > Math.log(1.03)) detected++;
    }
    expect(detected / trials).toBeGreaterThan(0.78);
    expect(detected / trials).toBeLessThan(0.82);
  });

  it('logSeFromInterval inverts a symmetric log-scale interval', () => {
    const se = 0.013;
    const z = 1.959963984540054;
    expect(logSeFromInterval(Math.exp(0.02 - z * se), Math.exp(0.02 + z * se))).toBeCloseTo(se, 12);
    expect(() => logSeFromInterval(0, 1)).toThrow(RangeError);
    expect(() => minimumDetectableEffect({ logSe: -1, threshold: 0.03 })).toThrow(RangeError);
  });
});
