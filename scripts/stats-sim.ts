/**
 * Synthetic latency generators shared by the statistics studies (scripts/stats-coverage.ts,
 * scripts/stats-tail-study.ts; docs/verdict.md#7-measured-figures). Not a test. Every generator is seeded.
 *
 * Body: log-normal latencies, median 10 ms, σ = 0.1 on the log scale (the spread at which the
 * independent check of issue 17 found a true P99 ratio of 1.123 for a 1.5× spread).
 */
import { normalQuantile } from '../src/stats/index.js';

export const MEDIAN_MS = 10;
export const SIGMA = 0.1;

/** Standard normal variates by Box–Muller from a uniform source. */
export function normalSource(random: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    let u = random();
    while (u === 0) u = random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

export interface Scenario {
  name: string;
  /** Draw one baseline and one current sample of n values each. */
  draw(
    n: number,
    random: () => number,
    normal: () => number,
  ): { baseline: Float64Array; current: Float64Array };
  /** True q(current)/q(baseline) of the quantity the interval estimates. */
  trueRatio(q: number): number;
}

function logNormal(n: number, normal: () => number, sigma = SIGMA, median = MEDIAN_MS): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = median * Math.exp(sigma * normal());
  return out;
}

/** Replaces a share `rate` of the values by spikes at U(2, 3) × the median (shared-runner noise). */
export function addSpikes(x: Float64Array, rate: number, random: () => number): Float64Array {
  for (let i = 0; i < x.length; i++) if (random() < rate) x[i] = MEDIAN_MS * (2 + random());
  return x;
}

/** Quantile function of the body. */
function bodyQuantile(u: number): number {
  return MEDIAN_MS * Math.exp(SIGMA * normalQuantile(u));
}

/** Tail stretch: Q(u)·g(u), g = 1 up to u = 0.95, rising linearly to `factor` at 0.99, `factor` above. */
export function stretchedTail(n: number, random: () => number, factor: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let u = random();
    while (u === 0) u = random();
    const g = u <= 0.95 ? 1 : u >= 0.99 ? factor : 1 + ((factor - 1) * (u - 0.95)) / 0.04;
    out[i] = bodyQuantile(u) * g;
  }
  return out;
}

/** Q(u)·factor for u > from, Q(u) below. */
export function stepTail(n: number, random: () => number, from: number, factor: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let u = random();
    while (u === 0) u = random();
    out[i] = bodyQuantile(u) * (u > from ? factor : 1);
  }
  return out;
}

export const SCENARIOS: Record<string, Scenario> = {
  iid: {
    name: 'iid (A/A)',
    draw: (n, _r, normal) => ({ baseline: logNormal(n, normal), current: logNormal(n, normal) }),
    trueRatio: () => 1,
  },
  spikes: {
    name: 'spikes 2% at 2-3x (A/A)',
    draw: (n, r, normal) => ({
      baseline: addSpikes(logNormal(n, normal), 0.02, r),
      current: addSpikes(logNormal(n, normal), 0.02, r),
    }),
    trueRatio: () => 1,
  },
  shape: {
    name: 'shape change (current spread 1.5x)',
    draw: (n, _r, normal) => ({ baseline: logNormal(n, normal), current: logNormal(n, normal, 1.5 * SIGMA) }),
    trueRatio: (q) => Math.exp(0.5 * SIGMA * normalQuantile(q)),
  },
  /** Equal P99, different body: current spread 0.5x, median raised so that P99 is unchanged. */
  sameP99: {
    name: 'same P99, body differs (spread 0.5x, P50 +12.3%)',
    draw: (n, _r, normal) => ({
      baseline: logNormal(n, normal),
      current: logNormal(n, normal, 0.5 * SIGMA, MEDIAN_MS * Math.exp(0.5 * SIGMA * normalQuantile(0.99))),
    }),
    trueRatio: (q) => Math.exp(0.5 * SIGMA * (normalQuantile(0.99) - normalQuantile(q))),
  },
  tail47: {
    name: 'P99 +47%, body unchanged (tail stretched above P95)',
    draw: (n, r, normal) => ({ baseline: logNormal(n, normal), current: stretchedTail(n, r, 1.47) }),
    trueRatio: (q) => (q <= 0.95 ? 1 : q >= 0.99 ? 1.47 : 1 + (0.47 * (q - 0.95)) / 0.04),
  },
  /** The slowest 3% take 47% longer: P99 ×1.47 exactly, P50 and P95 unchanged. */
  tail47top3: {
    name: 'P99 +47%, slowest 3% x1.47',
    draw: (n, r, normal) => ({ baseline: logNormal(n, normal), current: stepTail(n, r, 0.97, 1.47) }),
    trueRatio: (q) => (q < 0.97 ? 1 : 1.47),
  },
  /** The slowest 5% take 47% longer: P99 ×1.47, P50 and P90 unchanged. */
  tail47top5: {
    name: 'P99 +47%, slowest 5% x1.47',
    draw: (n, r, normal) => ({ baseline: logNormal(n, normal), current: stepTail(n, r, 0.95, 1.47) }),
    trueRatio: (q) => (q < 0.95 ? 1 : 1.47),
  },
  /** Spiky runs, current 10% faster everywhere (spikes from the machine stay where they are). */
  spikesFaster: {
    name: 'spikes 2% both, current -10%',
    draw: (n, r, normal) => {
      const current = logNormal(n, normal, SIGMA, 0.9 * MEDIAN_MS);
      return { baseline: addSpikes(logNormal(n, normal), 0.02, r), current: addSpikes(current, 0.02, r) };
    },
    trueRatio: () => 0.9,
  },
  /** Spiky runs, current slowest 5% x1.47 on top of the spikes. */
  spikesTail47: {
    name: 'spikes 2% both, current slowest 5% x1.47',
    draw: (n, r, normal) => ({
      baseline: addSpikes(logNormal(n, normal), 0.02, r),
      current: addSpikes(stepTail(n, r, 0.95, 1.47), 0.02, r),
    }),
    trueRatio: (q) => (q < 0.95 ? 1 : 1.47),
  },
  /** Spike rate 2% -> 6% (the model now stalls now and then). */
  spikesMore: {
    name: 'spikes 2% -> 6%',
    draw: (n, r, normal) => ({
      baseline: addSpikes(logNormal(n, normal), 0.02, r),
      current: addSpikes(logNormal(n, normal), 0.06, r),
    }),
    trueRatio: () => Number.NaN,
  },
  tail20: {
    name: 'P99 +20%, body unchanged',
    draw: (n, r, normal) => ({ baseline: logNormal(n, normal), current: stretchedTail(n, r, 1.2) }),
    trueRatio: (q) => (q <= 0.95 ? 1 : q >= 0.99 ? 1.2 : 1 + (0.2 * (q - 0.95)) / 0.04),
  },
};
