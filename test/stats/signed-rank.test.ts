import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hodgesLehmannOneSample,
  kthWalshAverage,
  signedRankNullPmf,
  wilcoxonSignedRank,
} from '../../src/stats/index.js';
import { subsets } from './helpers.js';

// R's ?wilcox.test example (Hollander & Wolfe 1973, p. 29: Hamilton depression scale before (x)
// and after (y) a tranquilizer): wilcox.test(x, y, paired = TRUE, alternative = "greater") gives
// V = 40, p-value = 0.01953; two-sided 0.03906.
const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
const d = x.map((v, i) => v - (y[i] as number));

/** Walsh averages by brute force, sorted. */
function walsh(values: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++)
    for (let j = i; j < values.length; j++) out.push(((values[i] as number) + (values[j] as number)) / 2);
  return out.sort((a, b) => a - b);
}

describe('wilcoxonSignedRank', () => {
  it("R's wilcox.test example (Hollander & Wolfe 1973): V = 40, p = 0.01953 (greater), 0.03906 (two-sided)", () => {
    const greater = wilcoxonSignedRank(d, { alternative: 'greater' });
    expect(greater.statistic).toBe(40);
    expect(greater.method).toBe('exact');
    expect(greater.p).toBeCloseTo(0.01953125, 12);
    expect(wilcoxonSignedRank(d).p).toBeCloseTo(0.0390625, 12);
    // P(V <= 40) = 1 - P(V >= 41) = 1 - P(V <= 4) by symmetry = 1 - 7/512.
    expect(wilcoxonSignedRank(d, { alternative: 'less' }).p).toBeCloseTo(505 / 512, 12);
  });

  it('SciPy 1.17.1 docs example (Darwin maize, Fisher): p = 0.041259765625 two-sided, 0.0206298828125 greater', () => {
    const maize = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
    expect(wilcoxonSignedRank(maize).p).toBeCloseTo(0.041259765625, 12);
    expect(wilcoxonSignedRank(maize, { alternative: 'greater' }).p).toBeCloseTo(0.0206298828125, 12);
  });

  // Ties and zeros, normal approximation: values from SciPy 1.17.1,
  // scipy.stats.wilcoxon(e, zero_method=..., correction=..., method='approx').
  const e = [0.1, -0.2, 0.0, 0.3, 0.3, -0.1, 0.5, 0.0, 0.2, 0.3, -0.2, 0.4, 0.1, 0.6, 0.0, 0.2];
  it.each([
    ['pratt', true, 0.02677973587809587, 0.013389867939047935],
    ['pratt', false, 0.025041045229644208, 0.012520522614822104],
    ['wilcox', true, 0.024529629606437398, 0.012264814803218699],
    ['wilcox', false, 0.022379336877008583, 0.011189668438504292],
  ] as const)(
    'ties and zeros, zero method %s, correction %s: matches SciPy',
    (zeroMethod, correction, two, greater) => {
      const r = wilcoxonSignedRank(e, { zeroMethod, correction });
      expect(r.method).toBe('asymptotic');
      expect(r.zeros).toBe(3);
      expect(r.p).toBeCloseTo(two, 12);
      expect(wilcoxonSignedRank(e, { zeroMethod, correction, alternative: 'greater' }).p).toBeCloseTo(
        greater,
        12,
      );
    },
  );

  it('the exact null distribution equals enumeration of all 2^n sign patterns (n = 1..10)', () => {
    for (let n = 1; n <= 10; n++) {
      const counts = new Array<number>((n * (n + 1)) / 2 + 1).fill(0);
      for (let mask = 0; mask < 1 << n; mask++) {
        let v = 0;
        for (let r = 1; r <= n; r++) if (mask & (1 << (r - 1))) v += r;
        counts[v] = (counts[v] as number) + 1;
      }
      const pmf = signedRankNullPmf(n);
      counts.forEach((c, v) => expect(pmf[v]).toBeCloseTo(c / 2 ** n, 14));
    }
  });

  it('all differences zero: p = 1; exact refused with ties', () => {
    expect(wilcoxonSignedRank([0, 0, 0]).p).toBe(1);
    expect(() => wilcoxonSignedRank([1, 1, 2], { method: 'exact' })).toThrow(RangeError);
  });
});

describe('kthWalshAverage (Monahan 1984 selection)', () => {
  it('equals the brute-force sorted Walsh averages for every k, with ties and negatives', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 40 }), (values) => {
        const sorted = Float64Array.from(values.map((v) => v / 4)).sort();
        const ref = walsh(Array.from(sorted));
        ref.forEach((w, k) => expect(kthWalshAverage(sorted, k + 1)).toBe(w));
      }),
      { numRuns: 60 },
    );
  });

  it('selects in a larger sample (n = 600, 180,300 averages) as brute force does', () => {
    let s = 12345;
    const values = Array.from({ length: 600 }, () => ((s = (s * 69069 + 1) >>> 0) / 2 ** 32) * 10 - 3);
    const sorted = Float64Array.from(values).sort();
    const ref = walsh(Array.from(sorted));
    for (const k of [1, 17, 90_150, 150_000, ref.length]) expect(kthWalshAverage(sorted, k)).toBe(ref[k - 1]);
  });
});

describe('hodgesLehmannOneSample', () => {
  it('depression data: estimate = median of the 45 Walsh averages (0.46, R "(pseudo)median"), limits W(6), W(40)', () => {
    const r = hodgesLehmannOneSample(d);
    const w = walsh(d);
    expect(r.estimate).toBeCloseTo(0.46, 12);
    // qsignrank(0.025, 9) = 6 (P(V <= 5) = 10/512 < 0.025 <= P(V <= 6) = 14/512), as wilcox.test(conf.int = TRUE).
    expect(r.rank).toBe(6);
    expect(r.lower).toBe(w[5]);
    expect(r.upper).toBe(w[39]);
    expect(r.achievedConfidence).toBeCloseTo(1 - 20 / 512, 12);
  });

  it('the interval contains the estimate; the asymptotic rank matches the normal approximation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 120 }),
        (v) => {
          const r = hodgesLehmannOneSample(v);
          expect(r.lower).toBeLessThanOrEqual(r.estimate);
          expect(r.upper).toBeGreaterThanOrEqual(r.estimate);
        },
      ),
      { numRuns: 60 },
    );
    const big = hodgesLehmannOneSample(Array.from({ length: 100 }, (_, i) => i - 40));
    expect(big.method).toBe('asymptotic');
    expect(big.rank).toBe(Math.floor(2525 - 1.959963984540054 * Math.sqrt((100 * 101 * 201) / 24)));
  });

  it('test and interval agree on the example: two-sided p < 0.05 and the interval excludes 0', () => {
    const r = hodgesLehmannOneSample(d);
    expect(r.lower).toBeGreaterThan(0);
    expect(wilcoxonSignedRank(d).p).toBeLessThan(0.05);
    // subsets() helper sanity: C(9, 2) pairs plus 9 diagonal terms = 45 Walsh averages.
    expect([...subsets(9, 2)].length + 9).toBe(walsh(d).length);
  });
});
