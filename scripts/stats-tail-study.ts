/**
 * Size/power study of tail-quantile tests, the spike-aware verdict study and the cost check of
 * issue 17 (not a test; results in docs/verdict.md#7-measured-figures).
 *
 *   npx tsx scripts/stats-tail-study.ts tests  [--trials 1000] [--n 300,1000] [--scenarios ...]
 *   npx tsx scripts/stats-tail-study.ts verdict [--trials 1000] [--n 300] [--scenarios ...]
 *     [--k 5] [--spike-threshold 0.03] [--alpha 0.05] [--scheme switch|body|raw]
 *   npx tsx scripts/stats-tail-study.ts timing [--n 10000]
 *
 * tests: share of trials with p below 0.002, 0.01, 0.05 for the exact conditional (Fisher) test at
 * the pooled P99, the same at a lower cut with ≥ 12 pooled exceedances, and the permutation test of
 * the log P99 ratio, plain and studentized.
 * verdict: P50 (Mann-Whitney + interval), P99 (permutation test + interval) and the spike rate
 * (Fisher + Newcombe) through Holm and the decision rule "adjusted p < α AND interval wholly beyond
 * the threshold" (P50 3%, P99 10%, spike rate --spike-threshold, absolute).
 */
import { parseArgs } from 'node:util';
import {
  adjustFamily,
  blockBootstrapQuantileRatioCI,
  compareSpikeRates,
  createRandomSource,
  fisherExact,
  mannWhitneyU,
  quantile,
  quantilePermutationTest,
  quantileRatioInterval,
  splitSpikes,
  subsampleToCap,
} from '../src/stats/index.js';
import { normalSource, SCENARIOS } from './stats-sim.js';

const mode = process.argv[2];
const { values } = parseArgs({
  args: process.argv.slice(3),
  options: {
    trials: { type: 'string', default: '1000' },
    n: { type: 'string', default: '300' },
    scenarios: { type: 'string' },
    k: { type: 'string', default: '5' },
    'spike-threshold': { type: 'string', default: '0.03' },
    alpha: { type: 'string', default: '0.05' },
    scheme: { type: 'string', default: 'switch' },
    permutations: { type: 'string', default: '4999' },
    seed: { type: 'string', default: '7' },
  },
});
const trials = Number(values.trials);
const sizes = values.n.split(',').map(Number);
const permutations = Number(values.permutations);

function exceedanceP(b: Float64Array, c: Float64Array, q: number): number {
  const pooled = new Float64Array(b.length + c.length);
  pooled.set(b);
  pooled.set(c, b.length);
  const cut = quantile(pooled, q);
  let xb = 0;
  let xc = 0;
  for (const v of b) if (v > cut) xb++;
  for (const v of c) if (v > cut) xc++;
  return fisherExact(xc, c.length - xc, xb, b.length - xb).p;
}

function testsStudy(): void {
  const scenarios = (values.scenarios ?? 'iid,spikes,sameP99,shape,tail47,tail47top3,tail47top5').split(',');
  const levels = [0.002, 0.01, 0.05];
  console.log(`tail-quantile tests at q = 0.99, ${trials} trials per cell, ${permutations} permutations`);
  console.log('| scenario | n | test | p < 0.002 | p < 0.01 | p < 0.05 |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const name of scenarios) {
    const scenario = SCENARIOS[name];
    if (!scenario) throw new Error(`unknown scenario ${name}`);
    for (const n of sizes) {
      const cut = Math.min(0.99, 1 - 12 / (2 * n));
      const tests: [string, (b: Float64Array, c: Float64Array, seed: number) => number][] = [
        ['Fisher, exceedances of pooled P99', (b, c) => exceedanceP(b, c, 0.99)],
        [`Fisher, exceedances of pooled P${(cut * 100).toFixed(1)} (≥12)`, (b, c) => exceedanceP(b, c, cut)],
        [
          'permutation, log ratio',
          (b, c, seed) =>
            quantilePermutationTest(b, c, { quantile: 0.99, studentized: false, seed, permutations }).p,
        ],
        [
          'permutation, studentized',
          (b, c, seed) =>
            quantilePermutationTest(b, c, { quantile: 0.99, studentized: true, seed, permutations }).p,
        ],
      ];
      const counts = tests.map(() => levels.map(() => 0));
      const random = createRandomSource(Number(values.seed) * 31 + n);
      const normal = normalSource(random);
      for (let t = 0; t < trials; t++) {
        const { baseline, current } = scenario.draw(n, random, normal);
        tests.forEach(([, f], i) => {
          const p = f(baseline, current, t);
          levels.forEach((a, j) => {
            if (p < a) counts[i]![j]!++;
          });
        });
      }
      tests.forEach(([label], i) => {
        const cells = counts[i]!.map((c) => `${((100 * c) / trials).toFixed(1)}%`);
        console.log(`| ${scenario.name} | ${n} | ${label} | ${cells.join(' | ')} |`);
      });
    }
  }
}

type Verdict = 'regression' | 'improvement' | 'no-change' | 'inconclusive';

/** The decision rule of docs/verdict.md on an interval of a change (ratio − 1 or rate difference). */
function decide(adjustedP: number, alpha: number, lo: number, hi: number, t: number): Verdict {
  if (adjustedP < alpha && lo > t) return 'regression';
  if (adjustedP < alpha && hi < -t) return 'improvement';
  if (hi <= t) return 'no-change';
  return 'inconclusive';
}

function verdictStudy(): void {
  const scenarios = (values.scenarios ?? 'spikes,spikesFaster,spikesTail47,spikesMore,tail47top5').split(',');
  const k = Number(values.k);
  const spikeThreshold = Number(values['spike-threshold']);
  const alpha = Number(values.alpha);
  const scheme = values.scheme;
  console.log(
    `verdict study: ${trials} trials per cell, α = ${alpha} (Holm over P50, P99, spike rate), k = ${k}, spike-rate threshold ${spikeThreshold * 100} pp, P99 scheme "${scheme}"`,
  );
  console.log(
    '| scenario | n | overall: regression | improvement | inconclusive | pass | P50 row: regression / improvement / inconclusive | P99 row: regression / improvement / inconclusive | spike row: regression / inconclusive | spike row inconclusive at 2 / 3 / 4 / 5 pp | P99 on all samples |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const name of scenarios) {
    const scenario = SCENARIOS[name];
    if (!scenario) throw new Error(`unknown scenario ${name}`);
    for (const n of sizes) {
      const random = createRandomSource(Number(values.seed) * 131 + n);
      const normal = normalSource(random);
      const overall = { regression: 0, improvement: 0, inconclusive: 0, pass: 0 };
      const p50 = { regression: 0, improvement: 0, inconclusive: 0, 'no-change': 0 };
      const p99 = { regression: 0, improvement: 0, inconclusive: 0, 'no-change': 0 };
      const spikeThresholds = [0.02, 0.03, 0.04, 0.05];
      const spikeInconclusive = spikeThresholds.map(() => 0);
      const spike = { regression: 0, improvement: 0, inconclusive: 0, 'no-change': 0 };
      let rawUsed = 0;
      for (let t = 0; t < trials; t++) {
        const { baseline, current } = scenario.draw(n, random, normal);
        const p50ci = quantileRatioInterval(baseline, current, { quantile: 0.5, seed: t });
        const p50p = mannWhitneyU(Array.from(current), Array.from(baseline), { alternative: 'two-sided' }).p;
        const spikes = compareSpikeRates(baseline, current, { k });
        // P99 of the bodies unless the spike rates differ at level α (then the spikes are part of
        // the change and P99 is taken on all samples).
        const useRaw = scheme === 'raw' || (scheme === 'switch' && spikes.p < alpha);
        if (useRaw) rawUsed++;
        const b99 = useRaw ? baseline : splitSpikes(baseline, k).body;
        const c99 = useRaw ? current : splitSpikes(current, k).body;
        const p99ci = quantileRatioInterval(b99, c99, { quantile: 0.99, seed: t });
        const p99p = quantilePermutationTest(b99, c99, { quantile: 0.99, seed: t, permutations }).p;
        const adjusted = adjustFamily([
          { name: 'p50', p: p50p },
          { name: 'p99', p: p99p },
          { name: 'spike-rate', p: spikes.p },
        ]);
        const v50 = decide(adjusted[0]!.adjustedP, alpha, p50ci.lower - 1, p50ci.upper - 1, 0.03);
        const v99 = decide(adjusted[1]!.adjustedP, alpha, p99ci.lower - 1, p99ci.upper - 1, 0.1);
        const vs = decide(
          adjusted[2]!.adjustedP,
          alpha,
          spikes.interval.lower,
          spikes.interval.upper,
          spikeThreshold,
        );
        p50[v50]++;
        p99[v99]++;
        spike[vs]++;
        spikeThresholds.forEach((th, i) => {
          const v = decide(adjusted[2]!.adjustedP, alpha, spikes.interval.lower, spikes.interval.upper, th);
          if (v === 'inconclusive') spikeInconclusive[i]!++;
        });
        const all = [v50, v99, vs];
        if (all.includes('regression')) overall.regression++;
        else if (all.includes('inconclusive')) overall.inconclusive++;
        else if (all.includes('improvement')) overall.improvement++;
        else overall.pass++;
      }
      const pct = (v: number): string => `${((100 * v) / trials).toFixed(1)}%`;
      console.log(
        `| ${scenario.name} | ${n} | ${pct(overall.regression)} | ${pct(overall.improvement)} | ${pct(overall.inconclusive)} | ${pct(overall.pass)} | ${pct(p50.regression)} / ${pct(p50.improvement)} / ${pct(p50.inconclusive)} | ${pct(p99.regression)} / ${pct(p99.improvement)} / ${pct(p99.inconclusive)} | ${pct(spike.regression)} / ${pct(spike.inconclusive)} | ${spikeInconclusive.map(pct).join(' / ')} | ${pct(rawUsed)} |`,
      );
    }
  }
}

function timing(): void {
  const n = sizes[0] ?? 10_000;
  const random = createRandomSource(3);
  const normal = normalSource(random);
  const { baseline, current } = SCENARIOS.shape!.draw(n, random, normal);
  const time = (label: string, f: () => unknown): void => {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      f();
      runs.push(performance.now() - t0);
    }
    runs.sort((a, b) => a - b);
    console.log(
      `| ${label} | ${runs[2]!.toFixed(0)} ms | ${runs[0]!.toFixed(0)}–${runs[4]!.toFixed(0)} ms |`,
    );
  };
  console.log(`n = ${n} per side, median of 5 runs`);
  console.log('| step | median | range |');
  console.log('| --- | --- | --- |');
  time('P99 permutation test (9,999 relabellings)', () =>
    quantilePermutationTest(baseline, current, { quantile: 0.99 }),
  );
  time('P99 interval (2,000 resamples)', () => quantileRatioInterval(baseline, current, { quantile: 0.99 }));
  time('P99 test + interval + spike split', () => {
    const b = splitSpikes(baseline).body;
    const c = splitSpikes(current).body;
    quantilePermutationTest(b, c, { quantile: 0.99 });
    quantileRatioInterval(b, c, { quantile: 0.99 });
  });
  time('P50 interval (2,000 resamples)', () => quantileRatioInterval(baseline, current, { quantile: 0.5 }));
  time('for comparison: P50 blockBootstrapQuantileRatioCI, block length 1 (2,000)', () =>
    blockBootstrapQuantileRatioCI(baseline, current, { quantile: 0.5, blockLength: 1 }),
  );
  time('for comparison: P99 blockBootstrapQuantileRatioCI, block length 1 (2,000)', () =>
    blockBootstrapQuantileRatioCI(baseline, current, { quantile: 0.99, blockLength: 1 }),
  );
  const big = SCENARIOS.iid!.draw(1_000_000, random, normal);
  time('1M + 1M samples: subsample both to 10,000, P99 test + interval, P50 interval', () => {
    const b = subsampleToCap(big.baseline, 10_000, 1);
    const c = subsampleToCap(big.current, 10_000, 2);
    quantilePermutationTest(b, c, { quantile: 0.99 });
    quantileRatioInterval(b, c, { quantile: 0.99 });
    quantileRatioInterval(b, c, { quantile: 0.5 });
  });
}

if (mode === 'tests') testsStudy();
else if (mode === 'verdict') verdictStudy();
else if (mode === 'timing') timing();
else {
  console.error('usage: npx tsx scripts/stats-tail-study.ts tests|verdict|timing [options]');
  process.exit(2);
}
