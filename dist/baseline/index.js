export * from './schema.js';
export { checkBaselineDocument, checkStoredRun } from './document.js';
export { stableJson } from './serialize.js';
export { runSummaryOf, thinSamples } from './summary.js';
export { writeFileDurably } from './write.js';
export { baselineFileName, baselineKeyOf, describeHardware, findBaseline, formatBaseline, listBaselines, loadBaselineFile, nextBaseline, sanitizeSegment, serializeBaseline, unreliableRefusal, updateBaseline, } from './store.js';
export { currentCommit, readJsonFile, readResultFile } from './io.js';
export { BASELINES_LOCK_NAME, baselinesLockPath, withBaselinesLock, } from './lock.js';
