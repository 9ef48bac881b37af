export * from './schema.js';
export { migrateBaseline } from './migrate.js';
export { stableJson } from './serialize.js';
export { gatedPeakMemoryBytes, runSummaryOf, thinSamples } from './summary.js';
export { writeFileDurably } from './write.js';
export { baselineFileName, baselineKeyOf, describeHardware, findBaseline, formatBaseline, listBaselines, loadBaselineFile, nextBaseline, sanitizeSegment, serializeBaseline, updateBaseline, } from './store.js';
export { currentCommit, readJsonFile, readResultFile } from './io.js';
