/**
 * Pure statistics for the verdict policy. Every function carries the reference of its method in
 * its JSDoc; tests name the source of every reference value.
 */
export { QUANTILE_DEFINITION, quantile, summarize, type Summary } from './quantile.js';
export {
  EXACT_AUTO_MAX_N,
  EXACT_MAX_PRODUCT,
  mannWhitneyNullPmf,
  mannWhitneyU,
  type Alternative,
  type MannWhitneyMethod,
  type MannWhitneyOptions,
  type MannWhitneyResult,
} from './mann-whitney.js';
export {
  hodgesLehmannShift,
  kthPairwiseDifference,
  type HodgesLehmannOptions,
  type HodgesLehmannResult,
} from './hodges-lehmann.js';
export {
  binomialCdf,
  minSamplesForExceedanceTest,
  minSamplesForQuantile,
  quantileTestRequirements,
  type QuantileTestRequirements,
} from './sample-size.js';
export { holmAdjust } from './multiple-testing.js';
export { wilsonInterval, type ProportionInterval } from './proportion.js';
export { normalCdf, normalQuantile, normalSf } from './normal.js';
export { createRandomSource, DEFAULT_SEED } from './rng.js';
export {
  DEFAULT_QUANTILE_RATIO_METHOD,
  quantileRatioInterval,
  type QuantileRatioInterval,
  type QuantileRatioIntervalOptions,
  type QuantileRatioMethod,
} from './quantile-ratio.js';
export {
  DEFAULT_QUANTILE_PERMUTATIONS,
  quantilePermutationTest,
  type QuantilePermutationTestOptions,
  type QuantilePermutationTestResult,
} from './quantile-test.js';
export {
  FISHER_RELATIVE_TOLERANCE,
  fisherExact,
  logChoose,
  logFactorial,
  type FisherExactResult,
} from './fisher.js';
export {
  compareSpikeRates,
  DEFAULT_SPIKE_K,
  newcombeDifferenceInterval,
  splitSpikes,
  type SpikeRateComparison,
  type SpikeSplit,
} from './spikes.js';
export {
  profileScopeTest,
  type ProfileScopeTestOptions,
  type ProfileScopeTestResult,
} from './profile-test.js';
export { adjustFamily, type AdjustedMember, type FamilyMember } from './family.js';
export { subsampleInOrder, subsampleToCap } from './cap.js';
export type { Samples } from './validate.js';
export {
  autocovariances,
  batchMeansVariance,
  batchSizeForBias,
  optimalBlockLength,
  type BatchMeansResult,
  type BlockLengthResult,
} from './autocorrelation.js';
export {
  blockBootstrapQuantile,
  blockBootstrapQuantileRatioCI,
  pairedBlockBootstrapQuantileRatio,
  quantileBlockLength,
  type BlockBootstrapOptions,
  type PairedBlockBootstrapOptions,
  type PairedBlockBootstrapResult,
  type BlockBootstrapQuantileResult,
  type BlockBootstrapRatioOptions,
  type BlockBootstrapRatioResult,
} from './block-bootstrap.js';
export {
  longRunRankTest,
  type LongRunRankTestOptions,
  type LongRunRankTestResult,
} from './long-run-rank-test.js';
export { runLevelComparison, type RunLevelOptions, type RunLevelResult, type RunValue } from './run-level.js';
export { logSeFromInterval, minimumDetectableEffect, type MinimumDetectableEffectInput } from './mde.js';
export {
  hodgesLehmannOneSample,
  kthWalshAverage,
  signedRankNullPmf,
  SIGNED_RANK_EXACT_MAX_N,
  wilcoxonSignedRank,
  type OneSampleHodgesLehmannResult,
  type SignedRankOptions,
  type SignedRankResult,
} from './signed-rank.js';
export {
  blockPairedComparison,
  chooseWindowPairs,
  minPairsForConfidence,
  pairBlocks,
  WINDOW_CANDIDATES,
  WINDOW_MIN_COUNT,
  type BlockPair,
  type BlockPairedOptions,
  type BlockPairedResult,
  type WindowChoice,
  type TimedBlock,
} from './block-paired.js';
