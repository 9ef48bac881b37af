export * from './schema.js';
export { checkBaselineDocument, checkStoredRun, type StoredRun } from './document.js';
export { stableJson } from './serialize.js';
export { runSummaryOf, thinSamples } from './summary.js';
export { writeFileDurably, type DurableWriteOptions } from './write.js';
export {
  baselineFileName,
  baselineKeyOf,
  describeHardware,
  findBaseline,
  formatBaseline,
  listBaselines,
  loadBaselineFile,
  nextBaseline,
  sanitizeSegment,
  serializeBaseline,
  unreliableRefusal,
  updateBaseline,
  type BaselineLookup,
  type LoadedBaseline,
  type UpdateOptions,
  type UpdateOutcome,
} from './store.js';
export { currentCommit, readJsonFile, readResultFile } from './io.js';
export {
  BASELINES_LOCK_NAME,
  baselinesLockPath,
  withBaselinesLock,
  type BaselinesLockOptions,
} from './lock.js';
