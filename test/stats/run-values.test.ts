import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runValueTest } from '../../src/stats/index.js';

describe('runValueTest', () => {
  // History log values 0, ±0.1, ±0.2 (mean 0, s = 0.158114) and one new run at e^0.5:
  // t = 0.5/(s·√(1 + 1/5)) = 2.886751 on 4 degrees of freedom. Reference values from SciPy 1.17:
  // 2·t.sf(2.886751, 4) = 0.044708587279680675; interval exp(0.5 ∓ t.ppf(0.975, 4)·s·√1.2) − 1 =
  // [0.019289281245275836, 1.6668403940617262]. t₀.₉₇₅,₄ = 2.776 in Student's t table
  // (NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.2).
  it('is the Student t test dual to the Hahn–Meeker prediction interval', () => {
    const history = [0, 0.1, -0.1, 0.2, -0.2].map(Math.exp);
    const r = runValueTest(history, [Math.exp(0.5)]);
    expect(r.status).toBe('tested');
    expect(r.df).toBe(4);
    expect(r.logSd).toBeCloseTo(0.15811388300841903, 12);
    expect(r.p).toBeCloseTo(0.044708587279680675, 9);
    expect(r.interval!.lower).toBeCloseTo(0.019289281245275836, 8);
    expect(r.interval!.upper).toBeCloseTo(1.6668403940617262, 8);
    expect(r.relativeChange).toBeCloseTo(Math.expm1(0.5), 12);
  });

  it('says what 0, 1 and 2 history runs allow', () => {
    const none = runValueTest([], [100]);
    expect(none.status).toBe('no-history');
    expect(none.p).toBeUndefined();
    const one = runValueTest([100], [110]);
    expect(one.status).toBe('no-spread');
    expect(one.p).toBeUndefined();
    expect(one.interval).toBeUndefined();
    expect(one.relativeChange).toBeCloseTo(0.1, 12);
    expect(one.reason).toContain('spread');
    const two = runValueTest([100, 102], [110]);
    expect(two.status).toBe('tested');
    expect(two.df).toBe(1);
    expect(two.reason).toContain('weak');
    // One history run but two current runs: the current runs' own spread gives df = 1.
    expect(runValueTest([100], [110, 111]).df).toBe(1);
  });

  it('an identical history gives p = 0 for any change unless a resolution is set', () => {
    expect(runValueTest([100, 100, 100], [101]).p).toBe(0);
    expect(runValueTest([100, 100, 100], [100]).p).toBe(1);
    const r = runValueTest([100, 100, 100], [101], { minLogSd: 0.01 });
    expect(r.p!).toBeGreaterThan(0.2);
  });

  it('property: the interval excludes 0 exactly when p < 1 − confidence', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 50, max: 150, noNaN: true }), { minLength: 2, maxLength: 10 }),
        fc.array(fc.double({ min: 50, max: 200, noNaN: true }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(0.9, 0.95, 0.99),
        (history, current, confidence) => {
          const r = runValueTest(history, current, { confidence });
          if (r.status !== 'tested' || !(r.logSd! > 1e-9)) return;
          const excludes = r.interval!.lower > 0 || r.interval!.upper < 0;
          if (Math.abs(r.p! - (1 - confidence)) > 1e-9) expect(excludes).toBe(r.p! < 1 - confidence);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects non-positive values', () => {
    expect(() => runValueTest([1, 0], [1])).toThrow(/positive/);
    expect(() => runValueTest([1, 2], [])).toThrow(RangeError);
  });
});
