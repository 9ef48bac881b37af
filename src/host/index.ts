/**
 * The host the benchmark runs on: machine state during the timed window (what competed with the
 * benchmark), the busy rule, runner calibration, and the benchmark-only peak memory.
 * I/O readers take their roots as parameters; summaries and rules are pure.
 */
export * from './schema.js';
export { DEFAULT_BUSY_RULE, assessMachineState } from './busy.js';
export { summarizeMachineState, SOURCE_NAMES } from './summary.js';
export {
  takeHostSnapshot,
  processSelfUsage,
  type HostSnapshot,
  type SelfUsage,
  type SnapshotSources,
} from './snapshot.js';
export { REAL_ROOTS, isMissing, type HostRoots, type Missing } from './proc.js';
export {
  createMachineStateMonitor,
  type MachineStateMonitor,
  type MachineStateMonitorOptions,
  type MachineStateTarget,
} from './monitor.js';
export {
  collectGarbage,
  readPeakRss,
  resetPeakRss,
  type PeakRss,
  type PeakRssMethod,
  type PeakRssReset,
} from './memory.js';
export {
  CALIBRATION_DEFAULTS,
  prepareCalibration,
  type CalibrationOptions,
  type Calibrator,
} from './calibration.js';
export {
  DEFAULT_CALIBRATION_TOLERANCE,
  compareCalibration,
  summarizeCalibration,
  type CalibrationComparison,
  type CalibrationStatus,
} from './calibration-compare.js';
