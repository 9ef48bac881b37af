import { describe, expect, it } from 'vitest';
import { adjustFamily, holmAdjust } from '../../src/stats/index.js';

describe('adjustFamily', () => {
  // R: p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "holm") = 0.05 0.08 0.09 0.09 0.09 (Holm 1979's
  // step-down: 5·0.01, 4·0.02, max(3·0.03, …), …).
  it('attaches Holm-adjusted p-values to the names, in input order', () => {
    const r = adjustFamily([
      { name: 'peak-memory', p: 0.04 },
      { name: 'p50', p: 0.01 },
      { name: 'spike-rate', p: 0.05 },
      { name: 'p99', p: 0.02 },
      { name: 'profile:module:head', p: 0.03 },
    ]);
    expect(r.map((m) => m.name)).toEqual(['peak-memory', 'p50', 'spike-rate', 'p99', 'profile:module:head']);
    const expected = [0.09, 0.05, 0.09, 0.08, 0.09];
    r.forEach((m, i) => expect(m.adjustedP).toBeCloseTo(expected[i]!, 12));
    expect(r.map((m) => m.adjustedP)).toEqual(holmAdjust(r.map((m) => m.p)));
  });

  it('rejects duplicate or empty names', () => {
    expect(() =>
      adjustFamily([
        { name: 'p50', p: 0.1 },
        { name: 'p50', p: 0.2 },
      ]),
    ).toThrow(/duplicate/);
    expect(() => adjustFamily([{ name: '', p: 0.1 }])).toThrow(/name/);
    expect(adjustFamily([])).toEqual([]);
  });
});
