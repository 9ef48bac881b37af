import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  mannWhitneyNullPmf,
  mannWhitneyU,
  type Alternative,
  type MannWhitneyOptions,
} from '../../src/stats/index.js';
import { enumeratedP, enumeratedU1, subsets, uByPairs } from './helpers.js';

// SciPy documentation, scipy.stats.mannwhitneyu, "Examples" (data from Shier 2004, "Statistics:
// 2.3 The Mann-Whitney U Test", Mathematics Learning Support Centre): printed outputs
// U1 = 17.0, U2 = 3.0, exact p = 0.1111111111111111, asymptotic p = 0.11134688653314041,
// asymptotic without continuity correction p = 0.0864107329737,
// mannwhitneyu(females, males, alternative="less", method="exact") -> statistic=3.0, pvalue=0.05555555555555555.
const males = [19, 22, 16, 29, 24];
const females = [20, 11, 17, 12];

describe('mannWhitneyU: published reference values', () => {
  it.each([
    // [x, y, options, u1, p, digits, source]
    [males, females, { method: 'exact' }, 17, 0.1111111111111111, 14, 'SciPy docs, exact'],
    [males, females, { method: 'asymptotic' }, 17, 0.11134688653314041, 14, 'SciPy docs, asymptotic'],
    [
      males,
      females,
      { method: 'asymptotic', continuity: false },
      17,
      0.0864107329737,
      12,
      'SciPy docs, no continuity',
    ],
    [
      females,
      males,
      { method: 'exact', alternative: 'less' },
      3,
      0.05555555555555555,
      14,
      'SciPy docs, less',
    ],
  ] as [number[], number[], MannWhitneyOptions, number, number, number, string][])(
    '%j vs %j %j -> U1=%d p=%f (%s)',
    (x, y, opts, u1, p, digits) => {
      const r = mannWhitneyU(x, y, opts);
      expect(r.u1).toBe(u1);
      expect(r.u2).toBe(x.length * y.length - u1);
      expect(r.p).toBeCloseTo(p, digits);
    },
  );

  it("SciPy docs example: 'auto' picks the exact distribution for small samples without ties", () => {
    const r = mannWhitneyU(males, females);
    expect(r.method).toBe('exact');
    expect(r.p).toBeCloseTo(0.1111111111111111, 14);
  });

  // R wilcox.test printed outputs (endmemo.com, "R wilcox.test" page, reproduced in the
  // nvidia/Nemotron-CC-Math-v1 corpus): with ties, normal approximation with tie and continuity
  // corrections. R's W is the U of x.
  //   x <- c(1,5,9,24,56,21,3,7,21,4); y <- c(12,15,5,9,9,14,56,22,3,7,32,5)
  //   wilcox.test(x, y)  -> W = 51.5, p-value = 0.5966
  //   y <- c(1233,4356,987,39999,1111,200000); wilcox.test(x, y) -> W = 0, p-value = 0.001364
  const rx = [1, 5, 9, 24, 56, 21, 3, 7, 21, 4];
  it.each([
    [rx, [12, 15, 5, 9, 9, 14, 56, 22, 3, 7, 32, 5], 51.5, 0.5966, 0.00005],
    [rx, [1233, 4356, 987, 39999, 1111, 200000], 0, 0.001364, 0.0000005],
  ])('R wilcox.test with ties: W and p (%#)', (x, y, w, p, tol) => {
    const r = mannWhitneyU(x, y, { method: 'asymptotic' });
    expect(r.ties).toBe(true);
    expect(r.u1).toBe(w);
    expect(Math.abs(r.p - p)).toBeLessThanOrEqual(tol);
  });

  // Wikipedia, "Mann–Whitney U test", section "Illustration of calculation methods": finishing
  // order T H H H H H T T T T T H gives U_T = 11 and U_H = 25. Finishing positions as times:
  // U_T counts hares each tortoise beats, i.e. pairs with hare time > tortoise time.
  it('Wikipedia tortoise-and-hare example: U_T = 11, U_H = 25', () => {
    const tortoises = [1, 7, 8, 9, 10, 11];
    const hares = [2, 3, 4, 5, 6, 12];
    const r = mannWhitneyU(hares, tortoises);
    expect(r.u1).toBe(11); // U_T
    expect(r.u2).toBe(25); // U_H
  });
});

describe('mannWhitneyU: exact distribution against brute-force enumeration', () => {
  it.each([
    [1, 1],
    [2, 3],
    [3, 3],
    [4, 5],
    [5, 4],
    [6, 6],
  ])('null pmf for n1=%d, n2=%d equals the enumerated frequency of U', (n1, n2) => {
    // Enumerate all C(n1+n2, n1) rank assignments of distinct values 1..N.
    const values = Array.from({ length: n1 + n2 }, (_, i) => i + 1);
    const counts = new Array<number>(n1 * n2 + 1).fill(0);
    let total = 0;
    for (const s of subsets(n1 + n2, n1)) {
      const inX = new Set(s);
      const u = uByPairs(
        values.filter((_, i) => inX.has(i)),
        values.filter((_, i) => !inX.has(i)),
      );
      counts[u] = (counts[u] as number) + 1;
      total++;
    }
    const pmf = mannWhitneyNullPmf(n1, n2);
    expect(pmf.length).toBe(counts.length);
    counts.forEach((c, u) => expect(pmf[u]).toBeCloseTo(c / total, 14));
  });

  const cases: [number[], number[]][] = [
    [
      [0.3, 1.7, 2.2, 5.1],
      [0.9, 1.1, 3.3, 4.4, 6.0],
    ],
    [
      [10, 11, 12, 13, 14, 15],
      [1, 2, 3, 4, 5, 6, 7],
    ],
    [[2.5], [1, 2, 3, 4]],
    [
      [8.1, 7.2, 9.9],
      [1.5, 10.5, 2.5, 3.5, 11.5],
    ],
  ];
  it.each(cases)('exact p-values of %j vs %j equal enumeration', (x, y) => {
    const ref = enumeratedP(x, y);
    const alts: [Alternative, number][] = [
      ['greater', ref.greater],
      ['less', ref.less],
      ['two-sided', Math.min(1, 2 * Math.min(ref.greater, ref.less))],
    ];
    for (const [alternative, p] of alts) {
      const r = mannWhitneyU(x, y, { method: 'exact', alternative });
      expect(r.u1).toBe(ref.u1);
      expect(r.p).toBeCloseTo(p, 12);
    }
  });
});

describe('mannWhitneyU: permutation method', () => {
  // Small samples with ties: the full permutation distribution (enumerated) is the reference; the
  // Monte-Carlo estimate must lie within 4 binomial standard errors of it.
  const x = [3, 3, 5, 7, 7, 8];
  const y = [1, 3, 4, 4, 5, 6, 7];
  it.each(['two-sided', 'greater', 'less'] as const)(
    'Monte-Carlo %s p is close to the enumerated one',
    (alternative) => {
      const ref = enumeratedP(x, y);
      const exact =
        alternative === 'greater' ? ref.greater : alternative === 'less' ? ref.less : ref.twoSidedAbs;
      const B = 20_000;
      const r = mannWhitneyU(x, y, { method: 'permutation', alternative, permutations: B, seed: 11 });
      expect(r.method).toBe('permutation');
      const se = Math.sqrt((exact * (1 - exact)) / B);
      expect(Math.abs(r.p - exact)).toBeLessThanOrEqual(4 * se + 1 / B);
    },
  );

  it("'auto' uses seeded permutations for small samples with ties, reproducibly", () => {
    const a = mannWhitneyU(x, y, { seed: 5 });
    const b = mannWhitneyU(x, y, { seed: 5 });
    expect(a.method).toBe('permutation');
    expect(a.p).toBe(b.p);
  });

  it('never returns 0 (Phipson & Smyth 2010: p = (b + 1)/(B + 1))', () => {
    const r = mannWhitneyU([1, 2, 3, 4, 5, 6, 7, 8], [11, 12, 13, 14, 15, 16, 17, 18], {
      method: 'permutation',
      permutations: 999,
    });
    expect(r.p).toBeGreaterThanOrEqual(1 / 1000);
  });

  it('enumerated two-sided |U − μ| distribution matches the exact method without ties', () => {
    const a = [1.5, 2.5, 9.5, 4.5];
    const b = [3, 6, 7, 8, 10];
    const dist = enumeratedU1(a, b);
    expect(dist.length).toBe(126);
    expect(mannWhitneyU(a, b, { method: 'exact' }).p).toBeCloseTo(enumeratedP(a, b).twoSidedAbs, 12);
  });
});

describe('mannWhitneyU: input handling', () => {
  it('rejects empty samples, non-finite values and exact with ties', () => {
    expect(() => mannWhitneyU([], [1])).toThrow(RangeError);
    expect(() => mannWhitneyU([1, Number.NaN], [1])).toThrow(RangeError);
    expect(() => mannWhitneyU([1, 2, 2], [3, 4], { method: 'exact' })).toThrow(/ties/);
  });
  it('all values tied: p = 1', () => {
    expect(mannWhitneyU([2, 2, 2], [2, 2], { method: 'asymptotic' }).p).toBe(1);
  });
  it('chooses the asymptotic method for large samples', () => {
    const x = Array.from({ length: 60 }, (_, i) => i);
    const y = Array.from({ length: 60 }, (_, i) => i + 0.5);
    const r = mannWhitneyU(x, y);
    expect(r.method).toBe('asymptotic');
    expect(r.z).toBeDefined();
  });
});

describe('mannWhitneyU: properties', () => {
  // Integers keep shifted/scaled values exact, so ranks (and ties) are preserved exactly.
  const sample = fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 25 });
  const method = fc.constantFrom('auto', 'asymptotic', 'permutation') as fc.Arbitrary<
    'auto' | 'asymptotic' | 'permutation'
  >;
  const alternative = fc.constantFrom('two-sided', 'less', 'greater') as fc.Arbitrary<Alternative>;
  const opts = { permutations: 499, seed: 3 };

  it('p is in [0, 1] and u1 + u2 = n1·n2', () => {
    fc.assert(
      fc.property(sample, sample, method, alternative, (x, y, m, alt) => {
        const r = mannWhitneyU(x, y, { ...opts, method: m, alternative: alt });
        expect(r.p).toBeGreaterThanOrEqual(0);
        expect(r.p).toBeLessThanOrEqual(1);
        expect(r.u1 + r.u2).toBe(x.length * y.length);
        expect(r.u1).toBe(uByPairs(x, y));
      }),
    );
  });

  it('two-sided p is symmetric under swapping x and y; one-sided p swaps less/greater', () => {
    fc.assert(
      fc.property(sample, sample, method, (x, y, m) => {
        const a = mannWhitneyU(x, y, { ...opts, method: m });
        const b = mannWhitneyU(y, x, { ...opts, method: m });
        expect(b.p).toBe(a.p);
        if (m === 'asymptotic') {
          const g = mannWhitneyU(x, y, { method: m, alternative: 'greater' });
          const l = mannWhitneyU(y, x, { method: m, alternative: 'less' });
          expect(l.p).toBe(g.p);
        }
      }),
    );
  });

  it('invariant to adding the same constant and to scaling by the same positive constant', () => {
    fc.assert(
      fc.property(
        sample,
        sample,
        method,
        alternative,
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 64 }),
        (x, y, m, alt, c, k) => {
          const o = { ...opts, method: m, alternative: alt };
          const base = mannWhitneyU(x, y, o);
          const shifted = mannWhitneyU(
            x.map((v) => v + c),
            y.map((v) => v + c),
            o,
          );
          const scaled = mannWhitneyU(
            x.map((v) => v * k),
            y.map((v) => v * k),
            o,
          );
          expect(shifted.p).toBe(base.p);
          expect(shifted.u1).toBe(base.u1);
          expect(scaled.p).toBe(base.p);
          expect(scaled.u1).toBe(base.u1);
        },
      ),
    );
  });
});
