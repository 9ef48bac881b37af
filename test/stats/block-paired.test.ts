import { describe, expect, it } from 'vitest';
import {
  blockBootstrapQuantileRatioCI,
  blockPairedComparison,
  createRandomSource,
  chooseWindowPairs,
  hodgesLehmannOneSample,
  mannWhitneyU,
  minPairsForConfidence,
  pairBlocks,
  wilcoxonSignedRank,
  type TimedBlock,
} from '../../src/stats/index.js';
import { normalSource } from './series.js';

/**
 * An interleaved paired run as the paired runner records it: `pairs` pairs of blocks of
 * `blockSize` runs, each pair A-B or B-A at random, log-normal noise `sigma`, a level that ramps
 * by `ramp` (log scale) across the whole run for both sides, and B slower by `change`.
 */
function pairedRun(
  seed: number,
  pairs: number,
  blockSize: number,
  sigma: number,
  ramp: number,
  change: number,
): TimedBlock[] {
  const normal = normalSource(seed);
  const coin = createRandomSource(seed + 1000);
  const total = pairs * 2 * blockSize;
  const blocks: TimedBlock[] = [];
  let t = 0;
  for (let p = 0; p < pairs; p++) {
    for (const side of coin() < 0.5 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      const samples: number[] = [];
      for (let i = 0; i < blockSize; i++, t++) {
        samples.push(20 * Math.exp((ramp * t) / total + sigma * normal()) * (side === 'B' ? 1 + change : 1));
      }
      blocks.push({ side, samples });
    }
  }
  return blocks;
}

/**
 * The pooled analysis that ignores the pairing: Mann-Whitney + the iid two-sample percentile
 * bootstrap of the median ratio (the block bootstrap with block length 1).
 */
function pooled(blocks: readonly TimedBlock[]) {
  const a = blocks.filter((b) => b.side === 'A').flatMap((b) => Array.from(b.samples));
  const b = blocks.filter((b) => b.side === 'B').flatMap((b) => Array.from(b.samples));
  const ci = blockBootstrapQuantileRatioCI(a, b, { quantile: 0.5, blockLength: 1 });
  return { lower: ci.lower - 1, upper: ci.upper - 1, p: mannWhitneyU(b, a).p };
}

const regression = (r: { lower: number; p: number }): boolean => r.p < 0.05 && r.lower > 0.03;

describe('blockPairedComparison (issue 18)', () => {
  it('strong common drift (+20% ramp) and a true +5%: paired finds +5% beyond 3%, pooled is inconclusive', () => {
    // 20 seeded runs of 20 pairs of blocks of 5 (100 samples per side), 2% noise.
    let pairedDecided = 0;
    let pooledInconclusive = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const blocks = pairedRun(seed, 20, 5, 0.02, Math.log(1.2), 0.05);
      const r = blockPairedComparison(blocks);
      const pool = pooled(blocks);
      if (regression(r) && Math.abs(r.estimate - 0.05) < 0.015) pairedDecided++;
      if (!regression(pool) && pool.upper > 0.03) pooledInconclusive++;
      // The drift the design cancels comes back as width in the pooled interval.
      expect(pool.upper - pool.lower).toBeGreaterThan(1.5 * (r.upper - r.lower));
    }
    expect(pairedDecided).toBe(20);
    expect(pooledInconclusive).toBeGreaterThanOrEqual(15);
  });

  it('is the Wilcoxon signed-rank test and Hodges-Lehmann interval of the per-pair log ratios of block medians', () => {
    const blocks: TimedBlock[] = [
      { side: 'A', samples: [10, 11, 30] },
      { side: 'B', samples: [12, 11.5, 12.5] },
      { side: 'B', samples: [13, 12, 40] },
      { side: 'A', samples: [11, 10.5, 10] },
      { side: 'A', samples: [9, 10, 9.5] },
      { side: 'B', samples: [10, 10.2, 10.1] },
    ];
    const r = blockPairedComparison(blocks);
    const d = [Math.log(12 / 11), Math.log(13 / 10.5), Math.log(10.1 / 9.5)];
    expect(r.differences.map((v) => Number(v.toFixed(12)))).toEqual(d.map((v) => Number(v.toFixed(12))));
    expect(r.p).toBeCloseTo(wilcoxonSignedRank(d).p, 12);
    const hl = hodgesLehmannOneSample(d);
    expect(r.estimate).toBeCloseTo(Math.expm1(hl.estimate), 12);
    expect(r.lower).toBeCloseTo(Math.expm1(hl.lower), 12);
    expect(r.byOrder).toEqual({
      AB: { pairs: 2, medianLogRatio: expect.closeTo((d[0]! + d[2]!) / 2, 12) },
      BA: { pairs: 1, medianLogRatio: expect.closeTo(d[1]!, 12) },
    });
  });

  it('pairs adjacent blocks and skips a block whose neighbour is on the same side', () => {
    const s = [1];
    const { pairs, skipped } = pairBlocks([
      { side: 'A', samples: s },
      { side: 'A', samples: s },
      { side: 'B', samples: s },
      { side: 'B', samples: s },
      { side: 'A', samples: s },
      { side: 'B', samples: s },
    ]);
    expect(pairs.map((p) => [p.index, p.order])).toEqual([
      [1, 'AB'],
      [3, 'BA'],
    ]);
    expect(skipped).toBe(2);
  });

  it('A/A with drift: no change found, the interval brackets 0', () => {
    const r = blockPairedComparison(pairedRun(77, 40, 5, 0.03, Math.log(1.2), 0));
    expect(r.lower).toBeLessThan(0);
    expect(r.upper).toBeGreaterThan(0);
    expect(Math.abs(r.lag1Autocorrelation ?? 0)).toBeLessThan(0.5);
  });

  it('too few pairs for 95%: not enough pairs, the achieved confidence says how much the interval covers', () => {
    // 2 pairs: the widest interval [d1, d2] covers with 1 - 2·P(V = 0) = 1 - 2/4 = 50%.
    const r = blockPairedComparison(pairedRun(5, 2, 20, 0.02, 0, 0));
    expect(r.enoughPairs).toBe(false);
    expect(r.minPairs).toBe(6);
    expect(r.achievedConfidence).toBeCloseTo(0.5, 12);
    expect(blockPairedComparison(pairedRun(5, 6, 3, 0.02, 0, 0)).enoughPairs).toBe(true);
    expect([0.95, 0.99, 0.5].map((c) => minPairsForConfidence(c))).toEqual([6, 8, 2]);
  });

  it('rejects a sequence without a pair and non-positive medians', () => {
    expect(() => blockPairedComparison([{ side: 'A', samples: [1] }])).toThrow(RangeError);
    expect(() =>
      pairBlocks([
        { side: 'A', samples: [1] },
        { side: 'C' as 'B', samples: [1] },
      ]),
    ).toThrow(/block 1 side/);
    expect(() =>
      blockPairedComparison([
        { side: 'A', samples: [0, 0, 1] },
        { side: 'B', samples: [1] },
      ]),
    ).toThrow(RangeError);
  });

  it('a window is the median of its A runs against the median of its B runs; a partial last window is left out', () => {
    const blocks: TimedBlock[] = [
      { side: 'A', samples: [10] },
      { side: 'B', samples: [12] },
      { side: 'B', samples: [30] },
      { side: 'A', samples: [11] },
      { side: 'A', samples: [50] },
      { side: 'B', samples: [13] },
      { side: 'B', samples: [9] },
      { side: 'A', samples: [9.5] },
      { side: 'A', samples: [10] },
      { side: 'B', samples: [10] },
      { side: 'A', samples: [1] },
      { side: 'B', samples: [1] },
      { side: 'A', samples: [2] },
      { side: 'B', samples: [2] },
    ];
    const r = blockPairedComparison(blocks, { windowPairs: 3 });
    // Only runs that follow a run of the other model count (pairs 1-4 open with a run that follows
    // its own model: B 30, A 50, B 9, A 10 are left out).
    // window 1: A 10, 11 → 10.5; B 12, 13 → 12.5. window 2: A 9.5, 1 → 5.25; B 10, 1 → 5.5.
    expect(r.differences).toEqual([Math.log(12.5 / 10.5), Math.log(5.5 / 5.25)]);
    expect(r).toMatchObject({ pairs: 7, windowPairs: 3, windows: 2, enoughPairs: false });
    // Single pairs compare every run, as before.
    expect(blockPairedComparison(blocks, { windowPairs: 1 }).differences[1]).toBeCloseTo(
      Math.log(30 / 11),
      12,
    );
    // The order diagnosis stays per pair: 5 pairs A-first, 2 B-first.
    expect([r.byOrder.AB.pairs, r.byOrder.BA.pairs]).toEqual([5, 2]);
    expect(() => blockPairedComparison(blocks, { windowPairs: 8 })).toThrow(/do not fill one window of 8/);
    expect(() => blockPairedComparison(blocks, { windowPairs: 0 })).toThrow(/windowPairs/);
  });

  /**
   * Single-run pairs as the paired runner records them by default (blocks of 1), 55 ms a run with
   * 7% log-normal noise and a +20% ramp shared by both sides; a run that follows a run of the
   * other model is `switchCost` slower (cold caches: +28% on the development machine at 320 px);
   * B slower by `change`.
   */
  function switchingRun(seed: number, pairs: number, change: number, switchCost: number): TimedBlock[] {
    const normal = normalSource(seed);
    const coin = createRandomSource(seed + 5000);
    const blocks: TimedBlock[] = [];
    const runs = 2 * pairs;
    let t = 0;
    let last = '';
    const one = (side: 'A' | 'B'): TimedBlock => {
      const cold = side !== last ? Math.log(1 + switchCost) : 0;
      last = side;
      const log = Math.log(1.2) * (t++ / runs) + 0.07 * normal() + cold;
      return { side, samples: [55 * Math.exp(log) * (side === 'B' ? 1 + change : 1)] };
    };
    for (let p = 0; p < pairs; p++) {
      const first = coin() < 0.5 ? 'A' : 'B';
      blocks.push(one(first), one(first === 'A' ? 'B' : 'A'));
    }
    return blocks;
  }

  /** 200 seeded A/A runs and 100 at +5%, 225 pairs each (what 30 s buy at 2 × 70 ms a pair). */
  function trials(switchCost: number) {
    const ratios: number[] = [];
    let aaFalse = 0;
    const detected = { windows: 0, single: 0 };
    for (let seed = 1; seed <= 200; seed++) {
      const blocks = switchingRun(seed, 225, 0, switchCost);
      const windowed = blockPairedComparison(blocks);
      const single = blockPairedComparison(blocks, { windowPairs: 1 });
      ratios.push((windowed.upper - windowed.lower) / (single.upper - single.lower));
      if (windowed.p < 0.05 && (windowed.lower > 0.03 || windowed.upper < -0.03)) aaFalse++;
    }
    for (let seed = 1001; seed <= 1100; seed++) {
      const blocks = switchingRun(seed, 225, 0.05, switchCost);
      const windowed = blockPairedComparison(blocks);
      const single = blockPairedComparison(blocks, { windowPairs: 1 });
      if (windowed.p < 0.05 && windowed.lower > 0.03) detected.windows++;
      if (single.p < 0.05 && single.lower > 0.03) detected.single++;
    }
    ratios.sort((x, y) => x - y);
    return {
      medianRatio: ratios[100] as number,
      narrower: ratios.filter((r) => r < 1).length,
      aaFalse,
      detected,
    };
  }

  it('a cost of switching models (+25% after the other model ran): windows are narrower and catch +5% more often', () => {
    const t = trials(0.25);
    expect(t.narrower).toBeGreaterThanOrEqual(190); // 200 of 200 when recorded
    expect(t.medianRatio).toBeLessThan(0.75); // 0.63
    expect(t.aaFalse).toBe(0);
    expect(t.detected.windows).toBeGreaterThan(2 * t.detected.single); // 60 against 18 of 100
  });

  it('no switching cost and Gaussian noise: windows cost width (the price of the default, stated in docs/verdict.md)', () => {
    const t = trials(0);
    // A median of one or two runs is less efficient than single pairs on Gaussian noise: about 22% wider.
    expect(t.medianRatio).toBeGreaterThan(1.1);
    expect(t.medianRatio).toBeLessThan(1.35);
    expect(t.aaFalse).toBe(0);
  });

  it.each([
    // [pairs, block size, window chosen]
    [12, 1, 1], // too few pairs for ten windows of two: single pairs
    [19, 1, 1],
  ])('chooseWindowPairs: %i pairs of blocks of %i → windows of %i', (pairs, blockSize, expected) => {
    const { pairs: p } = pairBlocks(pairedRun(3, pairs, blockSize, 0.02, 0, 0));
    expect(chooseWindowPairs(p).windowPairs).toBe(expected);
  });

  it('chooseWindowPairs grows the window until its log ratios look uncorrelated, and starts at two pairs for single-run blocks', () => {
    // Single-run blocks, 100 pairs of independent noise: two pairs (the first candidate) qualify.
    const { pairs: single } = pairBlocks(pairedRun(4, 100, 1, 0.05, 0, 0));
    expect(chooseWindowPairs(single).windowPairs).toBe(2);
    // Blocks of 5 whose per-pair log ratios alternate strongly (a see-saw): longer windows until |r1| ≤ 2/sqrt(m).
    const seesaw: TimedBlock[] = [];
    const noise = normalSource(11);
    const run = (level: number): number[] =>
      Array.from({ length: 5 }, () => level * Math.exp(0.01 * noise()));
    for (let k = 0; k < 120; k++) {
      seesaw.push({ side: 'A', samples: run(20) }, { side: 'B', samples: run(k % 2 === 0 ? 22 : 20 / 1.1) });
    }
    const { pairs } = pairBlocks(seesaw);
    const chosen = chooseWindowPairs(pairs);
    expect(chosen.windowPairs).toBe(2); // even windows cancel the see-saw exactly
    expect(Math.abs(chosen.lag1 ?? 0)).toBeLessThanOrEqual(2 / Math.sqrt(60));
    expect(
      Math.abs(blockPairedComparison(seesaw, { windowPairs: 1 }).lag1Autocorrelation ?? 0),
    ).toBeGreaterThan(0.9);
  });
});
