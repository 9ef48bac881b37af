/**
 * Coverage study of the quantile-ratio intervals (not a test; docs/verdict.md#interval-coverage): for P50 and P99,
 * scenarios iid / spikes / shape change, n per side, and each interval method, the share of
 * synthetic trials whose interval contains the true ratio, with the misses below and above.
 *
 *   npx tsx scripts/stats-coverage.ts [--trials 1000] [--n 100,300,1000] [--quantiles 0.5,0.99]
 *     [--methods percentile,basic,bca,studentized] [--scenarios iid,spikes,shape] [--body]
 *     [--resamples 2000] [--cap 10000 --n 100000]
 *
 * --body: P99 of the body (spikes split off per side with splitSpikes) instead of all samples.
 * --cap C: each side is subsampled to C values (subsampleToCap) before the interval; with --n above
 * C this re-checks coverage at the cost bound.
 */
import { parseArgs } from 'node:util';
import {
  createRandomSource,
  minSamplesForQuantile,
  quantileRatioInterval,
  splitSpikes,
  subsampleToCap,
  type QuantileRatioMethod,
} from '../src/stats/index.js';
import { normalSource, SCENARIOS } from './stats-sim.js';

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '1000' },
    n: { type: 'string', default: '100,300,1000' },
    quantiles: { type: 'string', default: '0.5,0.99' },
    methods: { type: 'string', default: 'percentile,basic,bca,studentized' },
    scenarios: { type: 'string', default: 'iid,spikes,shape' },
    resamples: { type: 'string', default: '2000' },
    confidence: { type: 'string', default: '0.95' },
    cap: { type: 'string' },
    body: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
  },
});

const trials = Number(values.trials);
const sizes = values.n.split(',').map(Number);
const quantiles = values.quantiles.split(',').map(Number);
const methods = values.methods.split(',') as QuantileRatioMethod[];
const scenarios = values.scenarios.split(',');
const resamples = Number(values.resamples);
const confidence = Number(values.confidence);
const cap = values.cap === undefined ? undefined : Number(values.cap);
const gatedFrom = minSamplesForQuantile(0.99, confidence);

console.log(
  `coverage of ${confidence * 100}% intervals, ${trials} trials per cell, ${resamples} resamples${cap ? `, each side subsampled to ${cap}` : ''}${values.body ? ', P99 of the body (spikes split off)' : ''}`,
);
console.log(`P99 is gated from n = ${gatedFrom} per side (LoadGen rule at ${confidence * 100}%)`);
console.log('| quantile | scenario | n | method | coverage | miss low | miss high | mean width (log) |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
const started = Date.now();
for (const q of quantiles) {
  for (const name of scenarios) {
    const scenario = SCENARIOS[name];
    if (!scenario) throw new Error(`unknown scenario ${name}`);
    for (const n of sizes) {
      const random = createRandomSource(Number(values.seed) * 7919 + n);
      const normal = normalSource(random);
      const stats = methods.map(() => ({ covered: 0, low: 0, high: 0, width: 0 }));
      for (let t = 0; t < trials; t++) {
        let { baseline, current } = scenario.draw(n, random, normal);
        if (values.body && q > 0.5) {
          baseline = splitSpikes(baseline).body;
          current = splitSpikes(current).body;
        }
        if (cap !== undefined) {
          baseline = subsampleToCap(baseline, cap, t);
          current = subsampleToCap(current, cap, t + 1_000_003);
        }
        const truth = scenario.trueRatio(q);
        methods.forEach((method, i) => {
          const ci = quantileRatioInterval(baseline, current, {
            quantile: q,
            method,
            resamples,
            confidence,
            seed: t,
          });
          const s = stats[i]!;
          if (ci.upper < truth) s.low++;
          else if (ci.lower > truth) s.high++;
          else s.covered++;
          s.width += Math.log(ci.upper / ci.lower);
        });
      }
      methods.forEach((method, i) => {
        const s = stats[i]!;
        const pct = (v: number): string => `${((100 * v) / trials).toFixed(1)}%`;
        console.log(
          `| P${q * 100} | ${scenario.name} | ${n}${q === 0.99 && n < gatedFrom ? ' (not gated)' : ''} | ${method} | ${pct(s.covered)} | ${pct(s.low)} | ${pct(s.high)} | ${(s.width / trials).toFixed(3)} |`,
        );
      });
      process.stderr.write(
        `  P${q * 100} ${name} n=${n} done after ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
      );
    }
  }
}
