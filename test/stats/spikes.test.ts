import fc from 'fast-check';
import { median, medianAbsoluteDeviation } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import {
  compareSpikeRates,
  createRandomSource,
  DEFAULT_SPIKE_K,
  fisherExact,
  newcombeDifferenceInterval,
  splitSpikes,
} from '../../src/stats/index.js';

describe('newcombeDifferenceInterval', () => {
  // Newcombe, Stat. Med. 17:873–890 (1998), Table II, method 10 (hybrid score, no continuity
  // correction), examples (a), (b) and (d).
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
  ])('%d/%d − %d/%d: [%f, %f]', (x1, n1, x2, n2, lo, hi) => {
    const r = newcombeDifferenceInterval(x1, n1, x2, n2);
    expect(r.lower).toBeCloseTo(lo, 4);
    expect(r.upper).toBeCloseTo(hi, 4);
  });
});

describe('splitSpikes', () => {
  it('uses the median and MAD of the log values (simple-statistics) with k = 5 by default', () => {
    const x = [10, 10.5, 9.7, 10.2, 9.9, 10.8, 10.1, 25, 9.5, 10.4, 31, 10.0];
    const logs = x.map(Math.log);
    const bound = Math.exp(median(logs) + DEFAULT_SPIKE_K * 1.4826 * medianAbsoluteDeviation(logs));
    const s = splitSpikes(x);
    expect(DEFAULT_SPIKE_K).toBe(5);
    expect(s.bound).toBeCloseTo(bound, 12);
    expect([...s.spikes]).toEqual([25, 31]);
    expect(s.body.length).toBe(10);
    expect(s.rate).toBeCloseTo(2 / 12, 15);
    expect(s.body[s.body.length - 1]!).toBeLessThanOrEqual(s.bound);
  });

  it('property: scaling a run by c scales its bound by c and keeps its split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.constantFrom(3, 3.5, 5),
        (x, c, k) => {
          const a = splitSpikes(x, k);
          const b = splitSpikes(
            x.map((v) => v * c),
            k,
          );
          // A spread at rounding level (MAD of logs ≈ 1e-16) may round to 0 after scaling.
          if (a.logSigma < 1e-12) return;
          expect(b.bound / a.bound).toBeCloseTo(c, 9);
          // Values within rounding of the bound may fall either way; elsewhere the split is the same.
          const near = x.filter((v) => Math.abs(v / a.bound - 1) < 1e-9).length;
          expect(Math.abs(b.spikes.length - a.spikes.length)).toBeLessThanOrEqual(near);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects non-positive values and a bad k', () => {
    expect(() => splitSpikes([0, 1, 2])).toThrow(/positive/);
    expect(() => splitSpikes([1, 2], 0)).toThrow(RangeError);
  });
});

describe('compareSpikeRates', () => {
  it('counts spikes per run against its own bound and tests the rates exactly', () => {
    const r = createRandomSource(4);
    const run = (n: number, rate: number, scale: number) =>
      Array.from({ length: n }, () =>
        r() < rate ? 10 * scale * (2 + r()) : scale * 10 * Math.exp(0.1 * (r() - 0.5)),
      );
    const baseline = run(300, 0.02, 1);
    const current = run(300, 0.1, 0.9);
    const c = compareSpikeRates(baseline, current);
    const sb = splitSpikes(baseline);
    const sc = splitSpikes(current);
    expect(c.baseline).toEqual({
      count: sb.spikes.length,
      n: 300,
      rate: sb.spikes.length / 300,
      bound: sb.bound,
    });
    expect(c.current.count).toBe(sc.spikes.length);
    expect(c.current.count).toBeGreaterThan(c.baseline.count);
    expect(c.difference).toBeCloseTo(c.current.rate - c.baseline.rate, 15);
    expect(c.p).toBe(
      fisherExact(c.current.count, 300 - c.current.count, c.baseline.count, 300 - c.baseline.count).p,
    );
    expect(c.p).toBeLessThan(0.001);
    expect(c.interval.lower).toBeGreaterThan(0);
    expect(c.interval.confidence).toBe(0.95);
  });
});

describe('splitSpikes without a spread', () => {
  it('flags nothing when more than half the values are equal (MAD = 0)', () => {
    const s = splitSpikes([10, 10, 10, 10, 10, 11, 30]);
    expect(s.bound).toBe(Infinity);
    expect(s.spikes.length).toBe(0);
    expect(s.rate).toBe(0);
  });
});
