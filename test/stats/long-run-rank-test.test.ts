import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { longRunRankTest, mannWhitneyU } from '../../src/stats/index.js';
import { latencySeries, normalSource } from './series.js';

describe('longRunRankTest (Brunner-Munzel with a long-run variance)', () => {
  // SciPy 1.17.1 docs example of scipy.stats.brunnermunzel (Brunner & Munzel 2000 data):
  // statistic 3.1374674823029505, two-sided p 0.0057862086661515377 (t distribution).
  const x1 = [1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 1, 1];
  const x2 = [3, 3, 4, 3, 1, 2, 3, 1, 1, 5, 4];

  it.each([
    ['two-sided', 0.0057862086661515377],
    ['less', 0.0028931043330757346],
    ['greater', 0.9971068956669242],
  ] as const)('batch size 1 reproduces scipy.stats.brunnermunzel, alternative %s', (alternative, p) => {
    const r = longRunRankTest(x1, x2, { batchSize: 1, alternative });
    expect(r.statistic).toBeCloseTo(3.1374674823029505, 12);
    expect(r.p).toBeCloseTo(p, 12);
    expect(r.relativeEffect).toBeCloseTo(0.788961038961039, 12);
    expect(r.se).toBeCloseTo(r.iidSe, 12);
  });

  it('swapping the samples negates the statistic and keeps the two-sided p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 4, maxLength: 40 }),
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 4, maxLength: 40 }),
        (a, b) => {
          const r1 = longRunRankTest(a, b);
          const r2 = longRunRankTest(b, a);
          if (Number.isFinite(r1.statistic)) expect(r2.statistic).toBeCloseTo(-r1.statistic, 9);
          expect(r2.p).toBeCloseTo(r1.p, 9);
          expect(r1.p).toBeGreaterThanOrEqual(0);
          expect(r1.p).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('complete separation is significant; identical constant samples are not', () => {
    expect(longRunRankTest([1, 2, 3, 4], [5, 6, 7, 8], { batchSize: 1 }).p).toBe(0);
    expect(longRunRankTest([2, 2, 2], [2, 2, 2], { batchSize: 1 }).p).toBe(1);
  });

  it('AR(1) noise (rho 0.8): significant in far fewer A/A trials than Mann-Whitney', () => {
    // 200 A/A pairs of runs, n = 300 each. Mann-Whitney's iid variance is 9x too small here.
    const normal = normalSource(21);
    let mw = 0;
    let lr = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const a = latencySeries({ n: 300, rho: 0.8, sigma: 0.05 }, normal, () => 0.5);
      const b = latencySeries({ n: 300, rho: 0.8, sigma: 0.05 }, normal, () => 0.5);
      if (mannWhitneyU(b, a).p < 0.05) mw++;
      const r = longRunRankTest(a, b);
      if (r.p < 0.05) lr++;
      expect(r.effectiveSampleSizes.x).toBeLessThan(150);
    }
    expect(mw / trials).toBeGreaterThan(0.3);
    expect(lr / trials).toBeLessThan(0.12);
  });
});
