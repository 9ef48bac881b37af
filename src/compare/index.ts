/**
 * Statistical comparison and the performance-conservation verdict. Pure: results in, verdict out.
 * The policy's defaults and parsing are in src/config/policy.ts; the paired A/B runner, which
 * drives onnxruntime, is in src/core/paired.ts.
 */
export * from './schema.js';
export { METRIC_IDS, defaultHistorySpreadFactor } from './policy.js';
export {
  MAD_TO_SIGMA,
  MIN_HISTORY_RUNS,
  compareResults,
  environmentDifferences,
  relativeSpread,
  type CompareInput,
  type CompareMode,
} from './verdict.js';
