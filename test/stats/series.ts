/**
 * Seeded synthetic latency series for the statistics tests and scripts/stats-runs-sim.ts:
 * log-latency = level + drift(t) + AR(1) noise, the way latency wanders with frequency and background
 * load inside one run.
 */
import { createRandomSource } from '../../src/stats/index.js';

/** Standard normal draws by the Box–Muller transform (Box & Muller, Ann. Math. Statist. 29, 1958). */
export function normalSource(seed: number): () => number {
  const random = createRandomSource(seed);
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const s = spare;
      spare = undefined;
      return s;
    }
    const u = 1 - random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

export type Drift =
  /** none: stationary AR(1) noise only */
  | { kind: 'none' }
  /** a linear ramp from 0 to `end` (log scale) across the run, `end` drawn per run from U(lo, hi) */
  | { kind: 'ramp'; lo: number; hi: number }
  /** a slow sinusoid of amplitude `amplitude` (log scale) and random phase, `periods` cycles per run */
  | { kind: 'wave'; amplitude: number; periods: number };

export interface SeriesSpec {
  n: number;
  /** AR(1) coefficient of the log-latency noise (0: iid). */
  rho: number;
  /** Marginal standard deviation of the log-latency noise. */
  sigma: number;
  /** Relative change of the level (0.02 = +2%). */
  shift?: number;
  drift?: Drift;
  /** Level in ms (default 20). */
  level?: number;
}

/** One run's latencies in time order: level·(1 + shift)·exp(drift(t) + AR(1)). */
export function latencySeries(spec: SeriesSpec, normal: () => number, uniform: () => number): number[] {
  const { n, rho, sigma } = spec;
  const level = (spec.level ?? 20) * (1 + (spec.shift ?? 0));
  const drift = spec.drift ?? { kind: 'none' };
  const end = drift.kind === 'ramp' ? drift.lo + (drift.hi - drift.lo) * uniform() : 0;
  const phase = 2 * Math.PI * uniform();
  const innovation = sigma * Math.sqrt(1 - rho * rho);
  let e = sigma * normal();
  const out: number[] = [];
  for (let t = 0; t < n; t++) {
    if (t > 0) e = rho * e + innovation * normal();
    const d =
      drift.kind === 'ramp'
        ? (end * t) / Math.max(1, n - 1)
        : drift.kind === 'wave'
          ? drift.amplitude * Math.sin(phase + (2 * Math.PI * drift.periods * t) / n)
          : 0;
    out.push(level * Math.exp(d + e));
  }
  return out;
}
