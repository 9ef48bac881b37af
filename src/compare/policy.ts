/**
 * Constants of the verdict policy that the pure comparison needs. The policy itself (its defaults
 * and the parsing of user input) lives in src/config/policy.ts.
 */
import type { MetricId } from './schema.js';

/** Every metric the gate can test, in report order. */
export const METRIC_IDS: readonly MetricId[] = ['p50', 'p99', 'spike-rate', 'peak-memory', 'profile'];
