/**
 * Pure statistics for the verdict policy. Every function carries the reference of its method in
 * its JSDoc; tests name the source of every reference value.
 */
export { QUANTILE_DEFINITION, quantile, summarize } from './quantile.js';
export { EXACT_AUTO_MAX_N, EXACT_MAX_PRODUCT, mannWhitneyNullPmf, mannWhitneyU, } from './mann-whitney.js';
export { hodgesLehmannShift, kthPairwiseDifference, } from './hodges-lehmann.js';
export { binomialCdf, minSamplesForExceedanceTest, minSamplesForQuantile, quantileTestRequirements, } from './sample-size.js';
export { holmAdjust } from './multiple-testing.js';
export { wilsonInterval } from './proportion.js';
export { normalCdf, normalQuantile, normalSf } from './normal.js';
export { createRandomSource, DEFAULT_SEED } from './rng.js';
export { DEFAULT_QUANTILE_RATIO_METHOD, quantileRatioInterval, } from './quantile-ratio.js';
export { DEFAULT_QUANTILE_PERMUTATIONS, quantilePermutationTest, } from './quantile-test.js';
export { FISHER_RELATIVE_TOLERANCE, fisherExact, logChoose, logFactorial, } from './fisher.js';
export { compareSpikeRates, DEFAULT_SPIKE_K, newcombeDifferenceInterval, splitSpikes, } from './spikes.js';
export { profileScopeTest, } from './profile-test.js';
export { adjustFamily } from './family.js';
export { subsampleInOrder, subsampleToCap } from './cap.js';
export { autocovariances, batchMeansVariance, batchSizeForBias, optimalBlockLength, } from './autocorrelation.js';
export { blockBootstrapQuantile, blockBootstrapQuantileRatioCI, pairedBlockBootstrapQuantileRatio, quantileBlockLength, } from './block-bootstrap.js';
export { longRunRankTest, } from './long-run-rank-test.js';
export { runLevelComparison } from './run-level.js';
export { logSeFromInterval, minimumDetectableEffect } from './mde.js';
export { hodgesLehmannOneSample, kthWalshAverage, signedRankNullPmf, SIGNED_RANK_EXACT_MAX_N, wilcoxonSignedRank, } from './signed-rank.js';
export { blockPairedComparison, chooseWindowPairs, minPairsForConfidence, pairBlocks, WINDOW_CANDIDATES, WINDOW_MIN_COUNT, } from './block-paired.js';
