/**
 * Statistical comparison and the performance-conservation verdict (pure), plus the paired A/B
 * runner (src/compare/paired.ts, which touches onnxruntime and is exported separately so pure
 * callers do not load it).
 */
export * from './schema.js';
export { DEFAULT_POLICY, METRIC_IDS, MIB, defaultHistorySpreadFactor, makePolicy, parseGateMetrics, parsePolicy, parseProfileGate, } from './policy.js';
export { MAD_TO_SIGMA, MIN_HISTORY_RUNS, compareResults, environmentDifferences, formatMiB, formatP, formatPercent, relativeSpread, } from './verdict.js';
