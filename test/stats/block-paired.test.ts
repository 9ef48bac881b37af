import { describe, expect, it } from 'vitest';
import {
  blockBootstrapQuantileRatioCI,
  blockPairedComparison,
  createRandomSource,
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
});
