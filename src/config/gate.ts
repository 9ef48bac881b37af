import { parsePolicy } from '../compare/policy.js';
import type { Policy } from '../compare/schema.js';
import { DEFAULT_HISTORY_KEEP } from '../baseline/schema.js';
import { parseBenchConfig, parseModelSource, type BenchConfig, type ModelSource } from './bench.js';
import { readBoolean, readInteger, readOptionalNumber, readString, type InputReader } from './reader.js';

/** Everything the gate (the main job of the CLI and the Action) needs, validated once. */
export interface GateConfig {
  bench: BenchConfig;
  /** Paired A/B mode: the base branch's model, benchmarked interleaved with `bench.model`. */
  baselineModel?: ModelSource;
  /** Time budget (s) of paired mode's adaptive sampling. */
  pairedBudgetSeconds?: number;
  baselinesDir: string;
  policy: Policy;
  /** Record this run into the baselines folder after the verdict (nightly refresh). */
  updateBaseline: boolean;
  /** Record the run with `updateBaseline` even when it is marked unreliable (busy machine...). */
  forceBaselineUpdate: boolean;
  historyKeep: number;
  templatePath?: string;
  /** Where to write the result JSON, the Markdown report and the comparison JSON. */
  resultPath?: string;
  reportPath?: string;
  comparisonPath?: string;
}

/** Parses the gate's inputs (CLI flags or Action inputs share these names). */
export function parseGateConfig(reader: InputReader): GateConfig {
  const baselineModel = readString(reader, 'baseline-model');
  const resultPath = readString(reader, 'out');
  const reportPath = readString(reader, 'report');
  const comparisonPath = readString(reader, 'comparison-out');
  const templatePath = readString(reader, 'template');
  const pairedBudgetSeconds = readOptionalNumber(reader, 'paired-budget', { min: 0, exclusiveMin: true });
  return {
    bench: parseBenchConfig(reader),
    ...(baselineModel
      ? { baselineModel: parseModelSource(baselineModel, reader.label('baseline-model')) }
      : {}),
    ...(pairedBudgetSeconds !== undefined ? { pairedBudgetSeconds } : {}),
    baselinesDir: readString(reader, 'baselines', 'baselines'),
    policy: parsePolicy(reader),
    updateBaseline: readBoolean(reader, 'update-baseline', false),
    forceBaselineUpdate: readBoolean(reader, 'force', false),
    historyKeep: readInteger(reader, 'history', DEFAULT_HISTORY_KEEP, { min: 1, max: 1000 }),
    ...(templatePath ? { templatePath } : {}),
    ...(resultPath ? { resultPath } : {}),
    ...(reportPath ? { reportPath } : {}),
    ...(comparisonPath ? { comparisonPath } : {}),
  };
}
