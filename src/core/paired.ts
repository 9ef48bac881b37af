/**
 * Paired A/B mode: both models benchmarked in ONE process, interleaved in short blocks whose A/B
 * order is drawn per block from a seeded RNG, so slow machine drift (thermal state, noisy
 * neighbours, frequency scaling) hits both sides equally. Optional adaptive sampling in the spirit
 * of Chromium's Pinpoint: measure, decide, and only when the verdict is still inconclusive measure
 * more (doubling the samples per round) until a timed-sampling budget is spent (docs/verdict.md).
 *
 * Orchestration (onnxruntime sessions); the verdict itself is the pure src/compare.
 */
import type * as ort from 'onnxruntime-node';
import {
  assembleResult,
  createImageRunner,
  createRunner,
  describeModel,
  loadImages,
  type ProviderOutcome,
} from '../bench/engine.js';
import { decodeImages, type ImageInfo } from '../bench/images.js';
import { perInputLatency } from '../bench/per-input.js';
import type { SelectInput } from '../bench/timing.js';
import type { GpuFingerprintData } from '../bench/fingerprint.js';
import { resolveInputs, type ResolvedInput } from '../bench/inputs.js';
import { assertReadableModel, createSession, type SessionSettings } from '../bench/session.js';
import { timeRuns, warmUp } from '../bench/timing.js';
import type { BenchConfig } from '../config/bench.js';
import type { Reporter } from './bench.js';
import type { ResolvedModel } from './model-source.js';
import { planSession } from './session-plan.js';
import type { BenchResult } from '../schema/result.js';
import { createRandomSource, DEFAULT_SEED } from '../stats/index.js';
import { UsageError } from '../util/errors.js';
import type { Comparison, Policy } from '../compare/schema.js';
import { compareResults } from '../compare/verdict.js';

/** One side of the pair: a model file and its display name. */
export interface PairedModel {
  path: string;
  /** Display name; defaults to the file name without extension. */
  name?: string;
  /** The model as the user named it (`--model`), recorded for reproduce commands. */
  source?: string;
  /** The input that named it (`--model`, `input "baseline-model"`), for error messages. */
  label?: string;
}

export const PAIRED_DEFAULTS = {
  /** Consecutive runs of one model before switching. */
  blockSize: 5,
  /** Samples per side in the first round. */
  initialIterations: 100,
  /** Budget of timed sampling (both sides together) for adaptive sampling, seconds. */
  maxTimedSeconds: 30,
  /** Hard cap on samples per side. */
  maxIterations: 20_000,
} as const;

export interface PairedOptions {
  baseline: PairedModel;
  current: PairedModel;
  session: SessionSettings;
  provider: ProviderOutcome;
  dims: Record<string, number>;
  warmupIterations: number;
  warmupSeconds: number;
  policy: Policy;
  /** Runs per block (default 5). */
  blockSize?: number;
  /** Samples per side in the first round (default 100; rounded up to whole blocks). */
  initialIterations?: number;
  /**
   * Adaptive sampling (default true): while the verdict is inconclusive, another round doubles
   * the samples, until the timed-sampling budget is spent. False: one round only.
   */
  adaptive?: boolean;
  /** Timed-sampling budget in seconds, both sides together (default 30). */
  maxTimedSeconds?: number;
  /** Cap on samples per side (default 20,000). */
  maxIterations?: number;
  /** Seed of the block-order RNG (default: the policy's seed). */
  seed?: number;
  /** The matrix job this run belongs to, recorded in both results. */
  job?: string;
  gpuFingerprint?: GpuFingerprintData;
  onPhase?: (phase: string, detail?: string) => void;
  /** Called after each round with the verdict so far. */
  onRound?: (round: PairedRound) => void;
  /** Image files or folders fed to both sides (each letterboxed for its own input), cycled (`--inputs`). */
  images?: readonly string[];
}

export interface PairedRound {
  round: number;
  samplesPerSide: number;
  /** Timed sampling so far, both sides together, seconds. */
  timedSeconds: number;
  verdict: Comparison['verdict'];
}

export type PairedStop = 'decided' | 'budget' | 'max-iterations' | 'single-round';

export interface PairedOutcome {
  baseline: BenchResult;
  current: BenchResult;
  comparison: Comparison;
  rounds: PairedRound[];
  /** Timed sampling spent, both sides together, seconds. */
  timedSeconds: number;
  stoppedBecause: PairedStop;
}

interface Side {
  model: PairedModel;
  session: ort.InferenceSession;
  inputs: ResolvedInput[];
  run: () => Promise<unknown>;
  /** Points the next run at image `i mod n` (image inputs only); called outside the timed region. */
  select?: SelectInput;
  images?: ImageInfo[];
  samples: number[];
  rssBeforeSessionBytes: number;
  description?: BenchResult['model'];
}

function positiveInt(v: number, what: string): number {
  if (!Number.isInteger(v) || v < 1)
    throw new UsageError(`${what}: expected a positive integer, got "${String(v)}"`);
  return v;
}

/**
 * Same input names and shapes. The element types may differ between float types: an FP16 export of
 * the same network takes float16 where the FP32 one takes float32, and each side gets its own feed.
 */
function sameShapes(a: ResolvedInput[], b: ResolvedInput[]): boolean {
  const isFloat = (t: string) => t === 'float32' || t === 'float16' || t === 'float64';
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      return (
        x.name === y.name &&
        JSON.stringify(x.shape) === JSON.stringify(y.shape) &&
        (x.dtype === y.dtype || (isFloat(x.dtype) && isFloat(y.dtype)))
      );
    })
  );
}

const describe = (inputs: ResolvedInput[]): string =>
  inputs.map((i) => `${i.name} ${i.dtype}[${i.shape.join(',')}]`).join(', ');

/**
 * Runs the paired A/B benchmark and the verdict (mode 'paired'). Both sessions are created and
 * warmed up before any timed run; each round times `blockSize`-run blocks of A and of B, the order
 * of the two blocks in each pair drawn from a seeded RNG.
 *
 * @throws UsageError when a model cannot be read or loaded, the two models' inputs differ, or an
 *   option is out of range.
 */
export async function runPaired(opts: PairedOptions): Promise<PairedOutcome> {
  const blockSize = positiveInt(opts.blockSize ?? PAIRED_DEFAULTS.blockSize, 'block size');
  const initial = positiveInt(
    opts.initialIterations ?? PAIRED_DEFAULTS.initialIterations,
    'initial iterations',
  );
  const maxIterations = positiveInt(opts.maxIterations ?? PAIRED_DEFAULTS.maxIterations, 'max iterations');
  const budget = opts.maxTimedSeconds ?? PAIRED_DEFAULTS.maxTimedSeconds;
  if (!(Number.isFinite(budget) && budget > 0)) {
    throw new UsageError(`max timed seconds: expected a positive number, got "${String(budget)}"`);
  }
  const adaptive = opts.adaptive ?? true;
  const random = createRandomSource(opts.seed ?? opts.policy.seed ?? DEFAULT_SEED);

  await assertReadableModel(opts.baseline.path, opts.baseline.label ?? '--baseline-model');
  await assertReadableModel(opts.current.path, opts.current.label ?? '--model');
  // Decoded once, before any session: a bad image fails first; each side letterboxes for its input.
  const decoded = opts.images?.length ? await decodeImages(opts.images) : undefined;
  const sides: Side[] = [];
  try {
    for (const [model, label] of [
      [opts.baseline, opts.baseline.label ?? '--baseline-model'],
      [opts.current, opts.current.label ?? '--model'],
    ] as const) {
      opts.onPhase?.('load', model.path);
      const rssBeforeSessionBytes = process.memoryUsage().rss;
      const session = await createSession(model.path, opts.session, undefined, label);
      sides.push({
        model,
        session,
        inputs: [],
        run: () => Promise.resolve(),
        samples: [],
        rssBeforeSessionBytes,
      });
      const side = sides[sides.length - 1] as Side;
      side.inputs = resolveInputs(session.inputMetadata, opts.dims);
      if (decoded) {
        // Letterboxed for this side's own input (size, dtype) before any run.
        const prepared = await loadImages(decoded, side.inputs);
        const runner = createImageRunner(session, side.inputs[0]!.name, prepared.tensors);
        side.run = runner.run;
        side.select = runner.select;
        side.images = prepared.images;
      } else {
        side.run = createRunner(session, side.inputs);
      }
      side.description = await describeModel(model.path, session, side.inputs, model.name, model.source);
    }
    const [a, b] = sides as [Side, Side];
    if (!sameShapes(a.inputs, b.inputs)) {
      throw new UsageError(
        `${a.model.label ?? '--baseline-model'} and ${b.model.label ?? '--model'} have different inputs: ${describe(a.inputs)} vs ${describe(b.inputs)}; paired mode compares the same task`,
      );
    }

    opts.onPhase?.('warmup');
    // Warm both up, then once more each so neither side starts timing cold after the other's warm-up.
    await warmUp(a.run, opts.warmupIterations, opts.warmupSeconds, a.select);
    await warmUp(b.run, opts.warmupIterations, opts.warmupSeconds, b.select);
    await warmUp(a.run, Math.min(opts.warmupIterations, blockSize), 0, a.select);
    await warmUp(b.run, Math.min(opts.warmupIterations, blockSize), 0, b.select);

    opts.onPhase?.('timed');
    const rounds: PairedRound[] = [];
    let timedMs = 0;
    let target = Math.min(maxIterations, Math.ceil(initial / blockSize) * blockSize);
    let comparison: Comparison | undefined;
    let baseResult: BenchResult | undefined;
    let curResult: BenchResult | undefined;
    let stoppedBecause: PairedStop = 'single-round';
    for (let round = 1; ; round++) {
      while (a.samples.length < target) {
        const n = Math.min(blockSize, target - a.samples.length);
        const order = random() < 0.5 ? [a, b] : [b, a];
        for (const side of order) {
          // Sample k of a side feeds image k mod n: the block continues where the side's samples end.
          const offset = side.samples.length;
          const select = side.select ? (i: number) => side.select!(offset + i) : undefined;
          const t = await timeRuns(side.run, { iterations: n }, undefined, undefined, select);
          for (const v of t) {
            side.samples.push(v);
            timedMs += v;
          }
        }
        // Adaptive mode never overruns the budget by more than one block pair.
        if (adaptive && round > 1 && timedMs / 1000 >= budget) break;
      }
      baseResult = buildResult(a, opts);
      curResult = buildResult(b, opts);
      comparison = compareResults({
        baseline: baseResult,
        current: curResult,
        mode: 'paired',
        policy: opts.policy,
      });
      const info: PairedRound = {
        round,
        samplesPerSide: a.samples.length,
        timedSeconds: timedMs / 1000,
        verdict: comparison.verdict,
      };
      rounds.push(info);
      opts.onRound?.(info);
      if (!adaptive) break;
      if (comparison.verdict !== 'inconclusive') {
        stoppedBecause = 'decided';
        break;
      }
      if (timedMs / 1000 >= budget) {
        stoppedBecause = 'budget';
        break;
      }
      if (a.samples.length >= maxIterations) {
        stoppedBecause = 'max-iterations';
        break;
      }
      // Double the samples, but not (much) past what the remaining budget buys.
      const perPairMs = timedMs / a.samples.length;
      const affordable = Math.floor((budget * 1000 - timedMs) / perPairMs / blockSize) * blockSize;
      target = Math.min(
        maxIterations,
        a.samples.length + Math.max(blockSize, Math.min(a.samples.length, affordable)),
      );
    }
    opts.onPhase?.('done');
    return {
      baseline: baseResult,
      current: curResult,
      comparison,
      rounds,
      timedSeconds: timedMs / 1000,
      stoppedBecause,
    };
  } finally {
    for (const side of sides) await side.session.release();
  }
}

function buildResult(side: Side, opts: PairedOptions): BenchResult {
  const result = assembleResult({
    model: side.description as BenchResult['model'],
    session: opts.session,
    provider: opts.provider,
    dims: opts.dims,
    warmupIterations: opts.warmupIterations,
    warmupSeconds: opts.warmupSeconds,
    stop: { iterations: side.samples.length },
    samples: side.samples,
    rssBeforeSessionBytes: side.rssBeforeSessionBytes,
    ...(opts.gpuFingerprint ? { gpuFingerprint: opts.gpuFingerprint } : {}),
    ...(opts.job ? { job: opts.job } : {}),
  });
  if (side.images) result.imageInputs = perInputLatency(result.latency.samplesMs, side.images);
  return result;
}

/** What {@link runPairedComparison} needs: two resolved models and the validated bench config. */
export interface PairedComparisonOptions {
  baselineModel: ResolvedModel;
  currentModel: ResolvedModel;
  config: BenchConfig;
  policy: Policy;
  /** Timed-sampling budget of adaptive sampling, seconds (default 30). */
  budgetSeconds?: number;
  /** Samples per side in the first round (default: the config's --iterations, else 100). */
  initialIterations?: number;
  /** Runs per block (default 5). */
  blockSize?: number;
  /** Adaptive sampling (default true). */
  adaptive?: boolean;
  reporter?: Reporter;
}

/**
 * Paired A/B mode from a validated {@link BenchConfig} (the CLI's `compare --baseline-model` and the
 * gate's paired mode): resolves the execution provider as `benchmark` does, then {@link runPaired}.
 * A GPU provider is accepted, but no GPU telemetry is sampled in paired mode (peak memory is not
 * attributable per model in one process anyway).
 */
export async function runPairedComparison(opts: PairedComparisonOptions): Promise<PairedOutcome> {
  const { config, reporter } = opts;
  const { session, provider } = planSession(config, (line) =>
    (reporter?.warn ?? reporter?.info)?.call(reporter, line),
  );
  const initial =
    opts.initialIterations ??
    ('iterations' in config.stop ? config.stop.iterations : PAIRED_DEFAULTS.initialIterations);
  return runPaired({
    baseline: {
      path: opts.baselineModel.path,
      source: opts.baselineModel.source,
      label: opts.baselineModel.label,
      ...(opts.baselineModel.name ? { name: opts.baselineModel.name } : {}),
    },
    current: {
      path: opts.currentModel.path,
      source: opts.currentModel.source,
      label: opts.currentModel.label,
      ...(opts.currentModel.name ? { name: opts.currentModel.name } : {}),
    },
    session,
    provider,
    dims: config.dims,
    warmupIterations: config.warmupIterations,
    warmupSeconds: config.warmupSeconds,
    policy: opts.policy,
    ...(config.job ? { job: config.job } : {}),
    initialIterations: initial,
    ...(config.inputs.length > 0 ? { images: config.inputs } : {}),
    ...(opts.blockSize !== undefined ? { blockSize: opts.blockSize } : {}),
    ...(opts.adaptive !== undefined ? { adaptive: opts.adaptive } : {}),
    ...(opts.budgetSeconds !== undefined ? { maxTimedSeconds: opts.budgetSeconds } : {}),
    ...(reporter ? { onPhase: (phase: string, detail?: string) => reporter.phase(phase, detail) } : {}),
    ...(reporter
      ? {
          onRound: (r: PairedRound) =>
            reporter.info(
              `paired round ${r.round}: ${r.samplesPerSide} samples per side, ${r.timedSeconds.toFixed(1)} s timed, verdict so far: ${r.verdict}`,
            ),
        }
      : {}),
  });
}
