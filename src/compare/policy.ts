/**
 * Constants of the verdict policy that the pure comparison needs. The policy itself (its defaults
 * and the parsing of user input) lives in src/config/policy.ts.
 */
import { normalQuantile } from '../stats/index.js';
import type { MetricId } from './schema.js';

/** Every metric the gate can test, in report order. */
export const METRIC_IDS: readonly MetricId[] = ['p50', 'p99', 'peak-memory'];

/**
 * Default multiplier k of the history widening for a family-wise α: √2 × z(1 − α/2). Two runs
 * drawn from the same run-to-run distribution (σ) differ by N(0, 2σ²), so |difference| exceeds
 * √2·z(1 − α/2)·σ with probability α (docs/verdict.md, "Between-run drift").
 */
export function defaultHistorySpreadFactor(alpha: number): number {
  return Math.SQRT2 * normalQuantile(1 - alpha / 2);
}
