/**
 * Statistical comparison and the performance-conservation verdict. Pure: results in, verdict out.
 * The policy's defaults and parsing are in src/config/policy.ts; the paired A/B runner, which
 * drives onnxruntime, is in src/core/paired.ts.
 */
export * from './schema.js';
export { METRIC_IDS } from './policy.js';
export { compareResults, pairedBlocks, } from './verdict.js';
export { ENVIRONMENT_FIELDS, environmentDifferences, environmentField, } from './environment.js';
export { runLevelOf } from './evidence.js';
export { formatMetricChange } from './decide.js';
export { comparedMemory, gatedPeakMemoryBytes, memoryOf } from './memory.js';
export { referenceBasis, referenceRelevant, describeReference } from './reference.js';
