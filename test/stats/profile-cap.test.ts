import { describe, expect, it } from 'vitest';
import { createRandomSource, mannWhitneyU, profileScopeTest, subsampleToCap } from '../../src/stats/index.js';

describe('profileScopeTest', () => {
  const r = createRandomSource(8);
  const iterations = (n: number, us: number) =>
    Array.from({ length: n }, () => us * (1 + 0.05 * (r() - 0.5)));

  it('Mann–Whitney on per-iteration times plus the median-ratio interval', () => {
    const base = iterations(30, 400);
    const cur = iterations(30, 600);
    const t = profileScopeTest(base, cur);
    expect(t.p).toBe(mannWhitneyU(cur, base, { alternative: 'two-sided' }).p);
    expect(t.p).toBeLessThan(1e-6);
    expect(t.ratio).toBeGreaterThan(1.4);
    expect(t.interval!.lower).toBeGreaterThan(1.4);
    expect(t.iterations).toEqual({ baseline: 30, current: 30 });
  });

  it('leaves out the interval when an iteration has 0 µs, and rejects negative times', () => {
    const t = profileScopeTest([0, 10, 11, 12], [10, 11, 12, 13]);
    expect(t.interval).toBeUndefined();
    expect(t.p).toBeGreaterThan(0);
    expect(() => profileScopeTest([-1, 2], [1, 2])).toThrow(/>= 0/);
  });
});

describe('subsampleToCap', () => {
  const x = Float64Array.from({ length: 50 }, (_, i) => i);

  it('keeps everything up to the cap, otherwise cap distinct values, deterministically', () => {
    expect([...subsampleToCap(x, 50)]).toEqual([...x]);
    const a = subsampleToCap(x, 10, 1);
    expect(a.length).toBe(10);
    expect(new Set(a).size).toBe(10);
    for (const v of a) expect(x).toContain(v);
    expect([...subsampleToCap(x, 10, 1)]).toEqual([...a]);
    expect([...subsampleToCap(x, 10, 2)]).not.toEqual([...a]);
  });

  // A simple random sample: every value is kept with probability cap/n. Over 4,000 seeds each of
  // the 50 values is expected 800 times; a chi-square goodness-of-fit at 49 df must stay below
  // its 0.1% point, 85.35 (Pearson chi-square table, e.g. NIST e-Handbook §1.3.6.7.4).
  it('keeps every value with the same probability', () => {
    const counts = new Array<number>(50).fill(0);
    for (let s = 0; s < 4000; s++) for (const v of subsampleToCap(x, 10, s)) counts[v]!++;
    const chi = counts.reduce((acc, c) => acc + (c - 800) ** 2 / 800, 0);
    expect(chi).toBeLessThan(85.35);
  });
});
