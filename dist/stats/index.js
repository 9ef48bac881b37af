/**
 * Pure statistics for the verdict policy. Every function carries the reference of its method in
 * its JSDoc; tests name the source of every reference value.
 */
export { QUANTILE_DEFINITION, quantile, summarize } from './quantile.js';
export { EXACT_AUTO_MAX_N, EXACT_MAX_PRODUCT, mannWhitneyNullPmf, mannWhitneyU, } from './mann-whitney.js';
export { hodgesLehmannShift, kthPairwiseDifference, } from './hodges-lehmann.js';
export { bootstrapQuantileRatioCI, } from './bootstrap.js';
export { binomialCdf, minSamplesForQuantile, quantileSampleSufficiency, } from './sample-size.js';
export { holmAdjust } from './multiple-testing.js';
export { wilsonInterval } from './proportion.js';
export { normalCdf, normalQuantile, normalSf } from './normal.js';
export { createRandomSource, DEFAULT_SEED } from './rng.js';
