/**
 * The host the benchmark runs on: machine state during the timed window (what competed with the
 * benchmark), the busy rule, runner calibration, and the benchmark-only peak memory.
 * I/O readers take their roots as parameters; summaries and rules are pure.
 */
export * from './schema.js';
export { DEFAULT_BUSY_RULE, assessMachineState } from './busy.js';
export { summarizeMachineState, SOURCE_NAMES } from './summary.js';
export { takeHostSnapshot, processSelfUsage, } from './snapshot.js';
export { REAL_ROOTS, isMissing } from './proc.js';
export { createMachineStateMonitor, } from './monitor.js';
export { collectGarbage, readPeakRss, resetPeakRss, } from './memory.js';
export { CALIBRATION_DEFAULTS, prepareCalibration, } from './calibration.js';
export { DEFAULT_CALIBRATION_TOLERANCE, compareCalibration, summarizeCalibration, } from './calibration-compare.js';
