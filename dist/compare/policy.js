/** Every metric the gate can test, in report order. */
export const METRIC_IDS = ['p50', 'p99', 'spike-rate', 'peak-memory', 'profile'];
