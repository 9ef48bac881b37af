import type { Comparison } from '../compare/schema.js';
import type { BenchResult } from '../schema/result.js';

/** Everything a report is rendered from: plain data, no I/O. */
export interface ReportInput {
  comparison: Comparison;
  /** The baseline run (a baseline file's representative run, or the paired base run). */
  baseline: BenchResult;
  current: BenchResult;
  /** Where the baseline came from: a file path, or e.g. "paired: base.onnx". */
  baselineSource: string;
  /** Shell command that reproduces the measurement locally. */
  reproduceCommand: string;
  title?: string;
  /** Link to the workflow run (http/https only; anything else is shown as text). */
  runUrl?: string;
}
