import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minimumDetectableEffect, runLevelComparison, type RunValue } from '../../src/stats/index.js';
import { normalSource } from './series.js';

const runs = (values: number[]): RunValue[] => values.map((value) => ({ value }));
const history = runs([20.1, 19.4, 21.0, 20.6, 19.8]);

describe('runLevelComparison', () => {
  it('one current run: the prediction interval x̄ ± t(0.975; K-1)·s·√(1 + 1/K) on log values', () => {
    // Reference: NumPy/SciPy 1.17.1 (scipy.stats.t.ppf, t.sf) on the same log values:
    // change +5.5917%, interval [-4.0226%, +16.1691%], two-sided p 0.188729.
    const r = runLevelComparison(history, runs([21.3]), { minRunSpread: 0 });
    expect(r.estimate).toBeCloseTo(0.05591681261110324, 12);
    expect(r.lower).toBeCloseTo(-0.04022632431996465, 10);
    expect(r.upper).toBeCloseTo(0.16169086880279446, 10);
    expect(r.p).toBeCloseTo(0.18872879794902955, 10);
    expect(r.df).toBe(4);
    expect(r.decisive).toBe(true);
    expect(r.method).toMatch(/prediction interval/);
  });

  it('three current runs: the pooled two-sample t of scipy.stats.ttest_ind(equal_var=True)', () => {
    // SciPy 1.17.1: ttest_ind(log current, log history): p 0.0358897, df 6, CI -> [+0.5122%, +11.2422%].
    const r = runLevelComparison(history, runs([21.3, 20.9, 21.8]), { minRunSpread: 0 });
    expect(r.estimate).toBeCloseTo(0.05741198661733321, 12);
    expect(r.lower).toBeCloseTo(0.005121928273285847, 10);
    expect(r.upper).toBeCloseTo(0.1124223618947909, 10);
    expect(r.p).toBeCloseTo(0.03588970917749318, 10);
    expect(r.df).toBe(6);
  });

  it('adds the current run’s own within-run uncertainty (Satterthwaite df)', () => {
    const without = runLevelComparison(history, runs([21.3]), { minRunSpread: 0 });
    // History without logSe: the current run's whole within-run variance is added (conservative).
    const withSe = runLevelComparison(history, [{ value: 21.3, logSe: 0.02 }], { minRunSpread: 0 });
    expect(withSe.logSe).toBeCloseTo(Math.sqrt(without.logSe ** 2 + 0.02 ** 2), 12);
    expect(withSe.df).toBeGreaterThan(4);
    // Every run with logSe: only the current run's excess over the pooled average counts.
    const h = history.map((x) => ({ ...x, logSe: 0.01 }));
    const same = runLevelComparison(h, [{ value: 21.3, logSe: 0.01 }], { minRunSpread: 0 });
    expect(same.logSe).toBeCloseTo(without.logSe, 12);
    const noisier = runLevelComparison(h, [{ value: 21.3, logSe: 0.03 }], { minRunSpread: 0 });
    const excess = 0.03 ** 2 - (5 * 0.01 ** 2 + 0.03 ** 2) / 6;
    expect(noisier.logSe).toBeCloseTo(Math.sqrt(without.logSe ** 2 + excess), 12);
  });

  it.each([1, 2])('a history of %i run(s) is not decisive: assumed 5% spread, reason says why', (k) => {
    const r = runLevelComparison(history.slice(0, k), runs([30]));
    expect(r.decisive).toBe(false);
    expect(r.spread).toBe('assumed');
    expect(r.runSpread).toBeGreaterThanOrEqual(0.05);
    expect(r.df).toBe(Infinity);
    expect(r.reason).toMatch(new RegExp(`has ${k} runs? in its history; at least 3 runs`));
    expect(r.reason).toMatch(/no regression or improvement can be called/);
  });

  it('the spread floor keeps identical history runs from proving zero spread', () => {
    const r = runLevelComparison(runs([20, 20, 20, 20]), runs([20.2]));
    expect(r.runSpread).toBe(0.0025);
    expect(r.lower).toBeLessThan(0.01);
  });

  it('A/A over simulated runs with 4% run-to-run spread: intervals miss 0 at the nominal 5%, ≤ 1% clear +3% (rule)', () => {
    // Runs of a model: log P50 = mu + N(0, 4%) run effect + N(0, 0.5%) within-run noise.
    const normal = normalSource(8);
    let miss = 0;
    let regressions = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const run = (): RunValue => ({
        value: 20 * Math.exp(0.04 * normal() + 0.005 * normal()),
        logSe: 0.005,
      });
      const r = runLevelComparison(Array.from({ length: 6 }, run), Array.from({ length: 1 }, run));
      if (r.lower > 0 || r.upper < 0) miss++;
      if (r.p < 0.05 && r.lower > 0.03) regressions++;
    }
    // Nominal 5%: binomial sd over 2,000 trials is 0.49 points; 3 sd either side.
    expect(miss / trials).toBeGreaterThan(0.035);
    expect(miss / trials).toBeLessThan(0.065);
    // The rule needs the whole interval beyond +3%: rarer than a miss (about 0.5% here).
    expect(regressions / trials).toBeLessThanOrEqual(0.01);
  });

  it('a +15% slow-down with 1% run spread and 8 history runs is found; its MDE is below 15%', () => {
    const normal = normalSource(9);
    let detected = 0;
    let mde = 0;
    for (let t = 0; t < 200; t++) {
      const h = Array.from({ length: 8 }, () => ({ value: 20 * Math.exp(0.01 * normal()) }));
      const c = [{ value: 20 * 1.15 * Math.exp(0.01 * normal()) }];
      const r = runLevelComparison(h, c);
      if (r.p < 0.05 && r.lower > 0.03) detected++;
      mde = Math.max(mde, minimumDetectableEffect({ logSe: r.logSe, df: r.df, threshold: 0.03 }));
    }
    expect(detected).toBeGreaterThanOrEqual(190);
    expect(mde).toBeLessThan(0.15);
  });

  it('property: the interval excludes 0 exactly when p < 1 − confidence (test–interval duality)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 50, max: 150, noNaN: true }), { minLength: 1, maxLength: 10 }),
        fc.array(fc.double({ min: 50, max: 200, noNaN: true }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(0.9, 0.95, 0.99),
        (h, c, confidence) => {
          const r = runLevelComparison(runs(h), runs(c), { confidence });
          const excludes = r.lower > 0 || r.upper < 0;
          if (Math.abs(r.p - (1 - confidence)) > 1e-9) expect(excludes).toBe(r.p < 1 - confidence);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects empty or non-positive runs', () => {
    expect(() => runLevelComparison([], runs([1]))).toThrow(RangeError);
    expect(() => runLevelComparison(runs([1, 2, 3]), runs([0]))).toThrow(RangeError);
  });
});
