import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holmAdjust, normalCdf, normalQuantile, wilsonInterval } from '../../src/stats/index.js';

describe('holmAdjust', () => {
  // statsmodels, statsmodels/stats/tests/test_multi.py, `res_multtest1`: columns 'rawp' and
  // 'Holm' computed with R package multtest (mt.rawp2adjp); rows sorted by raw p.
  const raw1 = [
    5.23656777208e-5, 0.00028140506198, 0.0149877310796, 0.0202732688798, 0.177096952723, 0.642193923795,
    0.680845947633, 0.71626938238, 0.838541367553, 0.967833824309,
  ];
  const holm1 = [
    5.2365677720800005e-4, 2.5326455578199999e-3, 1.1990184863680001e-1, 1.4191288215860001e-1, 1, 1, 1, 1, 1,
    1,
  ];
  // statsmodels test_multi.py `res_multtest3` (R multtest): rawp and Holm columns.
  const raw3 = [0.001, 0.002, 0.003, 0.004, 0.005, 0.05, 0.06, 0.07, 0.08, 0.09];
  const holm3 = [0.01, 0.018, 0.024, 0.028, 0.03, 0.25, 0.25, 0.25, 0.25, 0.25];

  it.each([
    ['multtest res_multtest1', raw1, holm1],
    ['multtest res_multtest3', raw3, holm3],
  ])('%s', (_name, raw, holm) => {
    const adj = holmAdjust(raw);
    holm.forEach((h, i) => expect(adj[i]).toBeCloseTo(h, 14));
  });

  it('returns values in the input order (statsmodels pval0 order, R multtest values)', () => {
    // pval0 from test_multi.py is res_multtest1's raw column in its original (unsorted) order.
    const pval0 = [
      0.838541367553, 0.642193923795, 0.680845947633, 0.967833824309, 0.71626938238, 0.177096952723,
      5.23656777208e-5, 0.0202732688798, 0.00028140506198, 0.0149877310796,
    ];
    const adj = holmAdjust(pval0);
    pval0.forEach((p, i) => expect(adj[i]).toBeCloseTo(holm1[raw1.indexOf(p)] as number, 14));
  });

  it('empty input gives an empty result; invalid p throws', () => {
    expect(holmAdjust([])).toEqual([]);
    expect(() => holmAdjust([0.1, 1.2])).toThrow(RangeError);
    expect(() => holmAdjust([Number.NaN])).toThrow(RangeError);
  });

  it('properties: adjusted >= raw, <= 1, and monotone in the order of the raw p-values', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }), (p) => {
        const adj = holmAdjust(p);
        expect(adj.length).toBe(p.length);
        adj.forEach((a, i) => {
          expect(a).toBeGreaterThanOrEqual(p[i] as number);
          expect(a).toBeLessThanOrEqual(1);
        });
        const order = p.map((_, i) => i).sort((a, b) => (p[a] as number) - (p[b] as number));
        for (let k = 1; k < order.length; k++) {
          expect(adj[order[k] as number]).toBeGreaterThanOrEqual(adj[order[k - 1] as number] as number);
        }
      }),
    );
  });
});

describe('wilsonInterval', () => {
  // statsmodels, statsmodels/stats/tests/results/results_proportion.py: R package binom,
  // `binom.confint(x, n, tol = 1e-8)`, method "wilson" (last entry of each array), 95 %.
  it.each([
    [18, 20, 0.6989663547715128, 0.972133518786232, 12],
    [4, 20, 0.0806576625797981, 0.4160174322518935, 12],
    [4, 200, 0.00780442641634947, 0.05028708690582643, 12],
    [190, 200, 0.910421851861224, 0.972617354399236, 12],
    [1, 30, 5.90859e-3, 0.16670391, 7],
    [29, 30, 0.8332961, 0.9940914, 7],
    [0, 30, 0, 0.11351339, 7],
    [30, 30, 0.8864866, 1, 7],
  ])('%d / %d -> [%f, %f] (R binom)', (s, n, lo, hi, digits) => {
    const r = wilsonInterval(s, n);
    expect(r.lower).toBeCloseTo(lo, digits);
    expect(r.upper).toBeCloseTo(hi, digits);
  });

  it('rejects invalid counts', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 3)).toThrow(RangeError);
  });

  it('property: 0 <= lower <= successes/trials <= upper <= 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const s = Math.floor(f * n);
        const r = wilsonInterval(s, n, 0.9);
        expect(r.lower).toBeGreaterThanOrEqual(0);
        expect(r.lower).toBeLessThanOrEqual(s / n + 1e-12);
        expect(r.upper).toBeGreaterThanOrEqual(s / n - 1e-12);
        expect(r.upper).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('normalQuantile', () => {
  // Derived check: Φ(Φ⁻¹(p)) = p with Φ from mathjs' erf (an independent implementation).
  it.each([1e-6, 0.001, 0.025, 0.1, 0.3, 0.5, 0.7, 0.95, 0.975, 0.995, 0.999999])('Φ(Φ⁻¹(%f)) = p', (p) => {
    expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 9);
  });
});
