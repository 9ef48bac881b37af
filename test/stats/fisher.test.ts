import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fisherExact, logChoose, logFactorial } from '../../src/stats/index.js';

/** C(n, k) as an exact BigInt. */
function choose(n: number, k: number): bigint {
  let r = 1n;
  for (let i = 0; i < k; i++) r = (r * BigInt(n - i)) / BigInt(i + 1);
  return r;
}

/** Two-sided Fisher p by exact rational enumeration (R's rule: tables no more probable than the observed). */
function bruteForceTwoSided(a: number, b: number, c: number, d: number): number {
  const r1 = a + b;
  const r2 = c + d;
  const c1 = a + c;
  const weights: bigint[] = [];
  const lo = Math.max(0, c1 - r2);
  for (let x = lo; x <= Math.min(r1, c1); x++) weights.push(choose(r1, x) * choose(r2, c1 - x));
  const total = weights.reduce((s, w) => s + w, 0n);
  const observed = weights[a - lo] as bigint;
  const mass = weights.filter((w) => w <= observed).reduce((s, w) => s + w, 0n);
  return Number((mass * 10n ** 15n) / total) / 1e15;
}

describe('fisherExact', () => {
  // R documentation of fisher.test, example "TeaTasting" (Fisher 1935, The Design of Experiments;
  // Agresti, Categorical Data Analysis, Table 3.8): p-value = 0.2429 one-sided ('greater');
  // the two-sided value is 34/70 (also SciPy 1.17 fisher_exact: 0.485714...).
  it('reproduces the lady tasting tea', () => {
    expect(fisherExact(3, 1, 1, 3, 'greater').p).toBeCloseTo(17 / 70, 12);
    expect(fisherExact(3, 1, 1, 3, 'greater').p).toBeCloseTo(0.2429, 4);
    expect(fisherExact(3, 1, 1, 3).p).toBeCloseTo(34 / 70, 12);
    expect(fisherExact(3, 1, 1, 3).oddsRatio).toBe(9);
  });

  // R documentation of fisher.test, example "Convictions" (Fisher 1962, convictions of like-sex
  // twins): fisher.test(Convictions, alternative = "less") p-value = 0.0004652.
  it('reproduces the convictions of like-sex twins', () => {
    expect(fisherExact(2, 10, 15, 3, 'less').p).toBeCloseTo(0.0004652, 7);
  });

  // SciPy 1.17 documentation example of scipy.stats.fisher_exact, table [[6, 2], [1, 4]]:
  // two-sided p = 0.10256410256410256 (= 4/39), 'greater' 0.08624708624708625.
  it('reproduces the SciPy documentation example', () => {
    expect(fisherExact(6, 2, 1, 4).p).toBeCloseTo(0.10256410256410256, 12);
    expect(fisherExact(6, 2, 1, 4, 'greater').p).toBeCloseTo(0.08624708624708625, 12);
  });

  // Issue 17: the 6–0 split of the 6 exceedances of the pooled P99 at n = 300 per side. Exact value
  // 2·C(300, 6)/C(600, 6) (the two extreme tables are equally probable and the only ones no more
  // probable than the observed one), 0.0305 as quoted in the issue.
  it('gives p = 0.0305 for the 6–0 split at n = 300 per side', () => {
    const exact = Number((2n * choose(300, 6) * 10n ** 15n) / choose(600, 6)) / 1e15;
    const p = fisherExact(6, 294, 0, 300).p;
    expect(p).toBeCloseTo(exact, 12);
    expect(p.toFixed(4)).toBe('0.0305');
    expect(fisherExact(0, 300, 6, 294).p).toBeCloseTo(exact, 12);
  });

  it('is 1 for a table with a single possible arrangement', () => {
    expect(fisherExact(0, 5, 0, 7).p).toBe(1);
    expect(fisherExact(5, 0, 7, 0).p).toBe(1);
  });

  it('log factorials come from the dependency and match exact values', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(10)).toBeCloseTo(Math.log(3628800), 12);
    expect(logChoose(600, 6)).toBeCloseTo(Math.log(Number(choose(600, 6))), 10);
  });

  it('property: two-sided p equals exact rational enumeration and is symmetric in rows and columns', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 25 }),
        (a, b, c, d) => {
          const p = fisherExact(a, b, c, d).p;
          expect(p).toBeGreaterThan(0);
          expect(p).toBeLessThanOrEqual(1);
          expect(p).toBeCloseTo(bruteForceTwoSided(a, b, c, d), 9);
          expect(fisherExact(c, d, a, b).p).toBeCloseTo(p, 12);
          expect(fisherExact(b, a, d, c).p).toBeCloseTo(p, 12);
          const g = fisherExact(a, b, c, d, 'greater').p;
          const l = fisherExact(a, b, c, d, 'less').p;
          expect(g + l).toBeGreaterThanOrEqual(1 - 1e-12);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects non-integer or negative counts', () => {
    expect(() => fisherExact(-1, 2, 3, 4)).toThrow(RangeError);
    expect(() => fisherExact(1.5, 2, 3, 4)).toThrow(/integer/);
  });
});
