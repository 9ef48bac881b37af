/**
 * Simulation study for docs/verdict.md#7-measured-figures (issue 10 points 4-6): how the within-run rule behaves
 * with autocorrelated and drifting samples (iid methods vs the block bootstrap + long-run rank
 * test), how the run-level comparison behaves with run-to-run spread and short histories, and what
 * the new functions cost at the 10,000-samples-per-side cap. A benchmark, not a test.
 *
 *   npx tsx scripts/stats-runs-sim.ts [--aa 1000] [--shifted 200] [--resamples 2000] [--seed 1]
 *     [--only within|run-level|cost]
 */
import { parseArgs } from 'node:util';
import {
  blockBootstrapQuantileRatioCI,
  blockPairedComparison,
  createRandomSource,
  longRunRankTest,
  mannWhitneyU,
  minimumDetectableEffect,
  runLevelComparison,
  wilsonInterval,
  type RunValue,
  type TimedBlock,
} from '../src/stats/index.js';
import { latencySeries, normalSource, type Drift } from '../test/stats/series.js';

const { values } = parseArgs({
  options: {
    aa: { type: 'string', default: '1000' },
    shifted: { type: 'string', default: '200' },
    resamples: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' },
  },
});
const aaTrials = Number(values.aa);
const shiftedTrials = Number(values.shifted);
const resamples = Number(values.resamples);
const seed = Number(values.seed);
const THRESHOLD = 0.03;
const ALPHA = 0.05;

const pct = (k: number, n: number): string => {
  const w = wilsonInterval(k, n);
  return `${k}/${n} = ${((100 * k) / n).toFixed(1)}% [${(100 * w.lower).toFixed(1)}, ${(100 * w.upper).toFixed(1)}]`;
};

interface Condition {
  name: string;
  rho: number;
  drift: Drift;
}

async function within(): Promise<void> {
  const conditions: Condition[] = [
    { name: 'iid', rho: 0, drift: { kind: 'none' } },
    { name: 'AR(1) 0.5', rho: 0.5, drift: { kind: 'none' } },
    { name: 'AR(1) 0.8', rho: 0.8, drift: { kind: 'none' } },
    { name: 'AR(1) 0.5 + warm-up ramp +6%', rho: 0.5, drift: { kind: 'ramp', lo: 0.06, hi: 0.06 } },
    {
      name: 'AR(1) 0.5 + wave ±3%, 1.5 periods',
      rho: 0.5,
      drift: { kind: 'wave', amplitude: 0.03, periods: 1.5 },
    },
    { name: 'AR(1) 0.5 + ramp U(0, +6%) per run', rho: 0.5, drift: { kind: 'ramp', lo: 0, hi: 0.06 } },
  ];
  const shifts = [0, 0.02, 0.05, 0.1];
  process.stdout.write(
    `\n### Within-run rule, n = 300 per side, sigma 5% (log), threshold 3%, ${resamples} resamples\n\n` +
      '| condition | true change | trials | iid: regression (Wilson 95%) | iid: MW significant | new: regression (Wilson 95%) | new: rank test significant | new: median block length | new: median MDE |\n' +
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n',
  );
  for (const c of conditions) {
    for (const shift of shifts) {
      const trials = shift === 0 ? aaTrials : shiftedTrials;
      const normal = normalSource(seed * 1000 + Math.round(shift * 100));
      const uniform = createRandomSource(seed * 7 + Math.round(shift * 100));
      let oldReg = 0;
      let oldSig = 0;
      let newReg = 0;
      let newSig = 0;
      const blocks: number[] = [];
      const mdes: number[] = [];
      for (let t = 0; t < trials; t++) {
        const a = latencySeries({ n: 300, rho: c.rho, sigma: 0.05, drift: c.drift }, normal, uniform);
        const b = latencySeries({ n: 300, rho: c.rho, sigma: 0.05, drift: c.drift, shift }, normal, uniform);
        const iid = blockBootstrapQuantileRatioCI(a, b, {
          quantile: 0.5,
          resamples,
          seed: t,
          blockLength: 1,
        });
        const mw = mannWhitneyU(b, a).p;
        if (mw < ALPHA) oldSig++;
        if (mw < ALPHA && iid.lower - 1 > THRESHOLD) oldReg++;
        const cbb = blockBootstrapQuantileRatioCI(a, b, { quantile: 0.5, resamples, seed: t });
        const lr = longRunRankTest(a, b).p;
        if (lr < ALPHA) newSig++;
        if (lr < ALPHA && cbb.lower - 1 > THRESHOLD) newReg++;
        blocks.push(cbb.blockLengths.baseline);
        mdes.push(minimumDetectableEffect({ logSe: cbb.logSe, threshold: THRESHOLD }));
      }
      blocks.sort((x, y) => x - y);
      mdes.sort((x, y) => x - y);
      const mid = <T>(v: T[]): T => v[Math.floor(v.length / 2)] as T;
      process.stdout.write(
        `| ${c.name} | +${(shift * 100).toFixed(0)}% | ${trials} | ${pct(oldReg, trials)} | ${pct(oldSig, trials)} | ${pct(newReg, trials)} | ${pct(newSig, trials)} | ${mid(blocks)} | +${(mid(mdes) * 100).toFixed(1)}% |\n`,
      );
    }
  }
}

function runLevel(): void {
  process.stdout.write(
    '\n### Run-level comparison (one-way random effects on log P50: run effect sigma_b, within-run 0.5%)\n\n' +
      '| run spread | history runs | current runs | A/A: regression | A/A: improvement | A/A: interval misses 0 | +10%: regression | +10%: median MDE | decisive |\n' +
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n',
  );
  const trials = 4000;
  for (const sb of [0.01, 0.04]) {
    for (const k of [1, 2, 3, 5, 10]) {
      for (const m of [1, 3]) {
        const normal = normalSource(seed * 31 + k * 10 + m + Math.round(sb * 1000));
        const run = (shift: number): RunValue => ({
          value: 20 * (1 + shift) * Math.exp(sb * normal() + 0.005 * normal()),
          logSe: 0.005,
        });
        let reg = 0;
        let imp = 0;
        let miss = 0;
        let det = 0;
        let decisive = true;
        const mdes: number[] = [];
        for (let t = 0; t < trials; t++) {
          const history = Array.from({ length: k }, () => run(0));
          const aa = runLevelComparison(
            history,
            Array.from({ length: m }, () => run(0)),
          );
          decisive = aa.decisive;
          const regression = aa.decisive && aa.p < ALPHA && aa.lower > THRESHOLD;
          const improvement = aa.decisive && aa.p < ALPHA && aa.upper < -THRESHOLD;
          if (regression) reg++;
          if (improvement) imp++;
          if (aa.lower > 0 || aa.upper < 0) miss++;
          const shifted = runLevelComparison(
            history,
            Array.from({ length: m }, () => run(0.1)),
          );
          if (shifted.decisive && shifted.p < ALPHA && shifted.lower > THRESHOLD) det++;
          mdes.push(minimumDetectableEffect({ logSe: shifted.logSe, df: shifted.df, threshold: THRESHOLD }));
        }
        mdes.sort((x, y) => x - y);
        process.stdout.write(
          `| ${(sb * 100).toFixed(0)}% | ${k} | ${m} | ${pct(reg, trials)} | ${pct(imp, trials)} | ${pct(miss, trials)} | ${pct(det, trials)} | +${((mdes[trials >> 1] as number) * 100).toFixed(1)}% | ${decisive ? 'yes' : 'no (spread assumed 5%)'} |\n`,
        );
      }
    }
  }
}

function cost(): void {
  const normal = normalSource(seed + 99);
  const cpu = (f: () => void): string => {
    const before = process.cpuUsage();
    f();
    const d = process.cpuUsage(before);
    return `${((d.user + d.system) / 1000).toFixed(0)} ms`;
  };
  const series = (rho: number): number[] => latencySeries({ n: 10_000, rho, sigma: 0.05 }, normal, () => 0.5);
  const [ar1, ar2, iid1, iid2] = [series(0.8), series(0.8), series(0), series(0)] as number[][];
  const blocks = (size: number): TimedBlock[] => {
    const out: TimedBlock[] = [];
    for (let i = 0; i < 10_000; i += size) {
      out.push({ side: 'A', samples: (ar1 as number[]).slice(i, i + size) });
      out.push({ side: 'B', samples: (ar2 as number[]).slice(i, i + size) });
    }
    return out;
  };
  process.stdout.write(
    '\n### Cost at the cap: 10,000 samples per side (CPU time of this process)\n\n| function | input | CPU time |\n| --- | --- | --- |\n',
  );
  const rows: [string, string, () => void][] = [
    [
      'blockBootstrapQuantileRatioCI P50, 2,000 resamples',
      'AR(1) 0.8',
      () => blockBootstrapQuantileRatioCI(ar1 as number[], ar2 as number[], { quantile: 0.5 }),
    ],
    [
      'blockBootstrapQuantileRatioCI P50, 2,000 resamples',
      'iid (block length 1)',
      () => blockBootstrapQuantileRatioCI(iid1 as number[], iid2 as number[], { quantile: 0.5 }),
    ],
    [
      'blockBootstrapQuantileRatioCI P99, 2,000 resamples',
      'AR(1) 0.8',
      () => blockBootstrapQuantileRatioCI(ar1 as number[], ar2 as number[], { quantile: 0.99 }),
    ],
    [
      'blockBootstrapQuantileRatioCI P50, block length 1 (iid), 2,000 resamples',
      'AR(1) 0.8',
      () =>
        blockBootstrapQuantileRatioCI(ar1 as number[], ar2 as number[], { quantile: 0.5, blockLength: 1 }),
    ],
    ['longRunRankTest', 'AR(1) 0.8', () => longRunRankTest(ar1 as number[], ar2 as number[])],
    ['blockPairedComparison, blocks of 5', '2,000 pairs', () => blockPairedComparison(blocks(5))],
    ['blockPairedComparison, blocks of 1', '10,000 pairs', () => blockPairedComparison(blocks(1))],
  ];
  for (const [name, input, f] of rows) process.stdout.write(`| ${name} | ${input} | ${cpu(f)} |\n`);
}

const only = values.only;
if (!only || only === 'cost') cost();
if (!only || only === 'run-level') runLevel();
if (!only || only === 'within') await within();
