import type { Policy } from '../compare/schema.js';
import { parseBenchConfig, parseModelSource, type BenchConfig, type ModelSource } from './bench.js';
import { UsageError } from '../util/errors.js';
import { DEFAULT_HISTORY_KEEP } from './baseline.js';
import { parsePolicy } from './policy.js';
import { readBoolean, readInteger, readOptionalNumber, readString, type InputReader } from './reader.js';

/** Paired A/B mode's sampling: blocks of runs, adaptive rounds within a timed budget (docs/verdict.md). */
export interface PairedSettings {
  /** Timed-sampling budget (s), both sides together; undefined: the runner's default. */
  budgetSeconds?: number;
  /** Consecutive runs of one model per block. */
  blockSize: number;
  /** Sample more while the verdict is inconclusive, within the budget. */
  adaptive: boolean;
}

export const PAIRED_SETTING_DEFAULTS = { blockSize: 5, adaptive: true } as const;

/** Everything the gate (the main job of the CLI and the Action) needs, validated once. */
export interface GateConfig {
  bench: BenchConfig;
  /** Paired A/B mode: the base branch's model, benchmarked interleaved with `bench.model`. */
  baselineModel?: ModelSource;
  paired: PairedSettings;
  baselinesDir: string;
  policy: Policy;
  /** Record this run into the baselines folder after the verdict (nightly refresh). */
  updateBaseline: boolean;
  historyKeep: number;
  templatePath?: string;
  /** The files the gate writes, each with the input that named it (for error messages). */
  outputs: GateOutputs;
  /** Names the baselines folder in messages (`--baselines`, `input "baselines"`). */
  baselinesLabel: string;
}

/** A file to write and the input that asked for it. */
export interface OutputTarget {
  path: string;
  label: string;
}

export interface GateOutputs {
  /** `--out`: the result document. */
  result?: OutputTarget;
  /** `--report`: the Markdown report. */
  markdown?: OutputTarget;
  /** `--report-json`: the JSON report document (what `perf-gate merge` combines). */
  reportJson?: OutputTarget;
  /** `--comparison-out`: the comparison document (schemas/comparison.schema.json). */
  comparison?: OutputTarget;
}

/** Reads an optional output path together with its input's label. */
export function readOutputTarget(reader: InputReader, name: string): OutputTarget | undefined {
  // `--out ''` is a mistake (an unset variable), not a request to write nothing.
  if (reader.read(name)?.trim() === '')
    throw new UsageError(`${reader.label(name)}: expected a file path, got ""`);
  const path = readString(reader, name);
  return path ? { path, label: reader.label(name) } : undefined;
}

/** Parses `paired-budget`, `block-size` and `adaptive` (shared by `gate` and `compare`). */
export function parsePairedSettings(reader: InputReader): PairedSettings {
  const budgetSeconds = readOptionalNumber(reader, 'paired-budget', {
    min: 0,
    max: 86_400,
    exclusiveMin: true,
  });
  return {
    ...(budgetSeconds !== undefined ? { budgetSeconds } : {}),
    blockSize: readInteger(reader, 'block-size', PAIRED_SETTING_DEFAULTS.blockSize, { min: 1, max: 1000 }),
    adaptive: readBoolean(reader, 'adaptive', PAIRED_SETTING_DEFAULTS.adaptive),
  };
}

/** Parses the gate's inputs (CLI flags or Action inputs share these names). */
export function parseGateConfig(reader: InputReader): GateConfig {
  const baselineModel = readString(reader, 'baseline-model');
  const templatePath = readString(reader, 'template');
  const policy = parsePolicy(reader);
  if (baselineModel && policy.profileGate && policy.profileGate.length > 0) {
    throw new UsageError(
      `${reader.label('profile-gate')}: paired mode (${reader.label('baseline-model')}) does not profile, so a per-operator gate cannot apply; use it with stored baselines`,
    );
  }
  return {
    bench: parseBenchConfig(reader),
    ...(baselineModel
      ? { baselineModel: parseModelSource(baselineModel, reader.label('baseline-model')) }
      : {}),
    paired: parsePairedSettings(reader),
    baselinesDir: readString(reader, 'baselines', 'baselines'),
    policy,
    updateBaseline: readBoolean(reader, 'update-baseline', false),
    historyKeep: readInteger(reader, 'history', DEFAULT_HISTORY_KEEP, { min: 1, max: 1000 }),
    ...(templatePath ? { templatePath } : {}),
    outputs: Object.fromEntries(
      (
        [
          ['result', 'out'],
          ['markdown', 'report'],
          ['reportJson', 'report-json'],
          ['comparison', 'comparison-out'],
        ] as const
      ).flatMap(([key, name]) => {
        const target = readOutputTarget(reader, name);
        return target ? [[key, target]] : [];
      }),
    ) as GateOutputs,
    baselinesLabel: reader.label('baselines'),
  };
}
