import { basename, extname } from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import type * as ort from 'onnxruntime-node';
import { summarize, QUANTILE_DEFINITION } from '../stats/index.js';
import type { BenchResult, Latency, ModelDescription } from '../schema/result.js';
import { schemaUrl } from '../schema/ids.js';
import { RESULT_KIND, RESULT_SCHEMA_VERSION } from '../schema/result.js';
import { readPeakRss, resetPeakRss, type PeakRss, type PeakRssReset } from '../host/memory.js';
import { sha256File } from '../util/hash.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { WebGpuAdapterInfo } from '../gpu/schema.js';
import { collectEnvironment, type GpuFingerprintData } from './fingerprint.js';
import { inspectPrecision } from '../model/inspect.js';
import {
  checkImageInput,
  checkImageModelFile,
  decodeImages,
  fitImages,
  type DecodedImages,
  type PreparedImages,
} from './images.js';
import { preallocateOutputs, resolveInputs, type ResolvedInput } from './inputs.js';
import { createRunner } from './runner.js';
import { perInputLatency } from './per-input.js';
import {
  assertReadableModel,
  createSessionWithFallback,
  describeSessionFailure,
  providerName,
  type SessionSettings,
} from './session.js';
import { prepareReference, referenceBlock, referenceMismatch, type ReferenceSession } from './reference.js';
import {
  timeInterleaved,
  timeRuns,
  warmUp,
  type ProgressCallback,
  type SelectInput,
  type StopRule,
} from './timing.js';

/** Which provider the run uses, decided before the benchmark (src/gpu/providers.ts). */
export interface ProviderOutcome {
  requested: string[];
  actual: string;
  fallback: boolean;
  reason?: string;
}

/** Everything one benchmark needs, as plain validated data (built by src/config). */
export interface BenchOptions {
  modelPath: string;
  /** Display name; defaults to the file name without extension. */
  modelName?: string;
  /** The model as the user named it (`--model`), recorded for reproduce commands. */
  modelSource?: string;
  /** The input that named the model (`--model`, `input "model"`), for error messages. */
  modelLabel?: string;
  /** The matrix job this run belongs to, recorded in the result. */
  job?: string;
  session: SessionSettings;
  provider: ProviderOutcome;
  /** Values for symbolic input dimensions, e.g. { batch: 1 }. */
  dims: Record<string, number>;
  warmupIterations: number;
  warmupSeconds: number;
  stop: StopRule;
  /** A provider whose session fails to create is skipped for the next one (reported, recorded). */
  allowFallback?: boolean;
  /** Image files or folders to feed instead of a synthetic tensor (`--inputs`), cycled in file order. */
  /** Image files or folders, or images already decoded (and checked against the model file). */
  images?: readonly string[] | DecodedImages;
  /**
   * Time the interleaved reference workload (src/bench/reference.ts) alongside the model, its
   * generated model cached in `cacheDir`; absent: the model alone.
   */
  reference?: { cacheDir: string };
}

/** Phases reported to the progress display. */
export type BenchPhase = 'reference' | 'load' | 'warmup' | 'timed' | 'done';

/**
 * Something that watches the timed window from outside the timing thread, e.g. the GPU
 * sampler (a worker thread). `start` is awaited before the first timed run, `stop` after the last.
 */
export interface TimedWindowObserver<T> {
  start(): Promise<void>;
  stop(): Promise<T>;
}

/**
 * Several observers around one timed window: started in order and stopped in reverse, so the last
 * one given hugs the timed loop most tightly. Each one's result is at its index.
 */
export function combineObservers(
  observers: readonly TimedWindowObserver<unknown>[],
): TimedWindowObserver<unknown[]> {
  let started = 0;
  return {
    start: async () => {
      for (const o of observers) {
        try {
          await o.start();
        } catch (err) {
          // Stop the ones already running (a sampler's worker thread) before giving up.
          for (let i = started - 1; i >= 0; i--)
            await (observers[i] as TimedWindowObserver<unknown>).stop().catch(() => undefined);
          started = 0;
          throw err;
        }
        started++;
      }
    },
    stop: async () => {
      const results: unknown[] = new Array<unknown>(observers.length).fill(undefined);
      let failure: unknown;
      for (let i = started - 1; i >= 0; i--) {
        try {
          results[i] = await (observers[i] as TimedWindowObserver<unknown>).stop();
        } catch (err) {
          failure ??= err;
        }
      }
      started = 0;
      if (failure !== undefined) throw failure;
      return results;
    },
  };
}

export interface BenchHooks<T = unknown> {
  onPhase?: (phase: BenchPhase, detail?: string) => void;
  onProgress?: ProgressCallback;
  /** Observes the timed window (GPU telemetry); its result is returned as `observed`. */
  observer?: TimedWindowObserver<T>;
  /** Called once before the session is created (e.g. to measure the GPU's idle memory). */
  beforeSession?: () => Promise<void>;
  /** Called once after the session is created (e.g. to find the session's GPU and process). */
  afterSession?: () => Promise<void>;
  gpuFingerprint?: GpuFingerprintData;
  /** The WebGPU adapter (recorded when the run really ends up on webgpu). */
  webgpuAdapter?: WebGpuAdapterInfo;
  /** Called when a provider failed to create a session and the next one is used (one line). */
  onProviderFallback?: (line: string, actual: string) => void;
}

/** The benchmark's output: the result document plus what the observer collected. */
export interface BenchOutcome<T> {
  result: BenchResult;
  observed?: T;
  inputs: ResolvedInput[];
  /** The session settings really used (providers that failed to create a session removed). */
  session: SessionSettings;
}

/** The provider outcome after session creation skipped `failures` (pure). */
export function providerAfterFallback(
  planned: ProviderOutcome,
  settings: SessionSettings,
  failures: readonly { provider: string; message: string }[],
): ProviderOutcome {
  if (failures.length === 0) return planned;
  const first = settings.executionProviders[0];
  const reasons = [...(planned.reason ? [planned.reason] : []), ...failures.map(describeSessionFailure)];
  return {
    ...planned,
    actual: first === undefined ? 'cpu' : providerName(first),
    fallback: true,
    reason: reasons.join(' | '),
  };
}

// Kept importable from here: the calibration and the measuring scripts time the same call.
export { createRunner } from './runner.js';

const MS_DECIMALS = 1e6; // keep samples to 1 ns: exact enough, and JSON stays compact

/** Builds the latency block from raw samples (pure). */
export function latencyFromSamples(samples: ArrayLike<number>): Latency {
  const values = Array.from(samples, (v) => Math.round(v * MS_DECIMALS) / MS_DECIMALS);
  const s = summarize(values);
  const totalMs = values.reduce((a, b) => a + b, 0);
  return {
    unit: 'ms',
    quantileDefinition: QUANTILE_DEFINITION,
    count: s.count,
    p50: s.p50,
    p90: s.p90,
    p95: s.p95,
    p99: s.p99,
    mean: s.mean,
    stdev: s.stdev,
    min: s.min,
    max: s.max,
    throughputPerSecond: totalMs > 0 ? (values.length * 1000) / totalMs : 0,
    timedSeconds: totalMs / 1000,
    samplesMs: values,
  };
}

/** Describes the model file and its inputs/outputs from the session metadata. */
export async function describeModel(
  modelPath: string,
  session: ort.InferenceSession,
  inputs: ResolvedInput[],
  name?: string,
  source?: string,
): Promise<ModelDescription> {
  const info = await stat(modelPath);
  let precision: ModelDescription['precision'];
  try {
    precision = inspectPrecision(await readFile(modelPath));
  } catch {
    // onnxruntime loaded it, so it is a model; a file our decoder cannot read just has no profile.
    precision = undefined;
  }
  return {
    path: modelPath,
    ...(source ? { source } : {}),
    name: name ?? basename(modelPath, extname(modelPath)),
    sha256: await sha256File(modelPath),
    sizeBytes: info.size,
    ...(precision ? { precision } : {}),
    inputs: inputs.map((i) => ({ name: i.name, dtype: i.dtype, shape: i.shape })),
    outputs: session.outputMetadata.map((o) =>
      o.isTensor
        ? { name: o.name, dtype: o.type, shape: [...o.shape] }
        : { name: o.name, dtype: 'non-tensor', shape: [] },
    ),
  };
}

/** What a result document is assembled from (the latency pass and paired mode share it). */
export interface ResultParts {
  model: ModelDescription;
  session: SessionSettings;
  provider: ProviderOutcome;
  dims: Record<string, number>;
  warmupIterations: number;
  warmupSeconds: number;
  /** The stop rule as requested (paired mode records its final count as `iterations`). */
  stop: StopRule;
  samples: ArrayLike<number>;
  rssBeforeSessionBytes: number;
  /** The peak-RSS reset done before the session was created; without it the whole process's peak counts. */
  peakReset?: PeakRssReset;
  /** The peak read when the timed window closed (default: read now). */
  peakRss?: PeakRss;
  gpuFingerprint?: GpuFingerprintData;
  job?: string;
  webgpuAdapter?: WebGpuAdapterInfo;
}

/** Builds the versioned result document (pure apart from the clock, rusage and OS facts). */
export function assembleResult(parts: ResultParts): BenchResult {
  const peak = parts.peakRss ?? readPeakRss(parts.peakReset);
  return {
    $schema: schemaUrl('result'),
    kind: RESULT_KIND,
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    createdAt: new Date().toISOString(),
    ...(parts.job ? { job: parts.job } : {}),
    model: parts.model,
    settings: {
      graphOptimizationLevel: parts.session.graphOptimizationLevel,
      intraOpThreads: parts.session.intraOpThreads,
      interOpThreads: parts.session.interOpThreads,
      warmupIterations: parts.warmupIterations,
      warmupSeconds: parts.warmupSeconds,
      ...('iterations' in parts.stop
        ? { iterations: parts.stop.iterations }
        : { durationSeconds: parts.stop.durationSeconds }),
      dims: parts.dims,
    },
    provider: { ...parts.provider },
    latency: latencyFromSamples(parts.samples),
    memory: {
      peakRssBytes: peak.bytes,
      peakRssMethod: `${peak.method}: ${peak.description}`,
      ...(parts.peakReset?.reset && parts.peakReset.peakBeforeBytes !== null
        ? { peakRssBeforeResetBytes: parts.peakReset.peakBeforeBytes }
        : {}),
      rssBeforeSessionBytes: parts.rssBeforeSessionBytes,
    },
    environment: collectEnvironment(
      parts.session,
      parts.provider.actual,
      parts.gpuFingerprint,
      parts.webgpuAdapter,
    ),
    health: { reliable: true, reasons: [] },
  };
}

/**
 * Like {@link createRunner}, but cycling through pre-built image feeds: `select(i)` (called outside the
 * timed region) points the run at image `i mod n`; the timed call is the same single `session.run`
 * on a feed that already exists.
 */
export function createImageRunner(
  session: ort.InferenceSession,
  inputName: string,
  tensors: readonly ort.Tensor[],
): { run: () => Promise<unknown>; select: SelectInput } {
  const feeds = tensors.map((t) => ({ [inputName]: t }));
  const fetches = preallocateOutputs(session.outputMetadata);
  let current = feeds[0]!;
  const select: SelectInput = (i) => {
    current = feeds[i % feeds.length]!;
  };
  const run = fetches ? () => session.run(current, fetches) : () => session.run(current);
  return { run, select };
}

/**
 * Decodes every image and checks the model file can take images: a bad image or a model without an
 * image input fails here, before any work that would be wasted.
 * @throws UsageError naming `--inputs`.
 */
export async function checkImagesForModel(
  specs: readonly string[],
  modelPath: string,
): Promise<DecodedImages> {
  const decoded = await decodeImages(specs);
  checkImageModelFile(await readFile(modelPath));
  return decoded;
}

/**
 * Decodes and letterboxes the images for the session's one image input.
 * @throws UsageError for a bad image or a model input images cannot feed.
 */
export async function loadImages(
  specs: readonly string[] | DecodedImages,
  inputs: readonly ResolvedInput[],
): Promise<PreparedImages> {
  const decoded = 'pixels' in specs ? specs : await decodeImages(specs);
  return fitImages(decoded, checkImageInput(inputs));
}

/**
 * Runs one latency benchmark: load, warm up, time every run, describe. With `reference`, the
 * reference workload is prepared first and timed interleaved with the model (`result.reference`).
 * The sessions are released before returning so a later profiling pass or paired model starts clean.
 */
export async function runBenchmark<T = unknown>(
  opts: BenchOptions,
  hooks: BenchHooks<T> = {},
): Promise<BenchOutcome<T>> {
  await assertReadableModel(opts.modelPath, opts.modelLabel);
  // Bad images and a model that cannot take images fail before anything is loaded.
  let decoded: DecodedImages | undefined;
  if (opts.images && 'pixels' in opts.images) decoded = opts.images;
  else if (opts.images?.length) decoded = await checkImagesForModel(opts.images, opts.modelPath);
  // The reference session exists before the GPU's idle memory is read and before the peak reset,
  // so its memory is a constant offset of the benchmark's, never a peak inside the timed window.
  let reference: ReferenceSession | undefined;
  let referenceSkipped: string | undefined;
  if (opts.reference) {
    hooks.onPhase?.('reference');
    const prepared = await prepareReference({
      modelPath: opts.modelPath,
      dims: opts.dims,
      session: opts.session,
      allowFallback: opts.allowFallback ?? false,
      cacheDir: opts.reference.cacheDir,
    });
    if ('skipped' in prepared) referenceSkipped = prepared.skipped;
    else reference = prepared;
  }
  try {
    return await measure(opts, hooks, decoded, reference, referenceSkipped);
  } finally {
    await reference?.release();
  }
}

async function measure<T>(
  opts: BenchOptions,
  hooks: BenchHooks<T>,
  decoded: DecodedImages | undefined,
  prepared: ReferenceSession | undefined,
  skipped: string | undefined,
): Promise<BenchOutcome<T>> {
  let reference = prepared;
  let referenceSkipped = skipped;
  await hooks.beforeSession?.();
  // Nothing before this point (model generation, other files, calibration) counts in the peak.
  const peakReset = resetPeakRss();
  const rssBeforeSessionBytes = process.memoryUsage().rss;
  hooks.onPhase?.('load', opts.modelPath);
  const created = await createSessionWithFallback(opts.modelPath, opts.session, {
    allowFallback: opts.allowFallback ?? false,
    ...(opts.modelLabel ? { inputName: opts.modelLabel } : {}),
  });
  const { session, settings } = created;
  const provider = providerAfterFallback(opts.provider, settings, created.failures);
  if (created.failures.length > 0) {
    hooks.onProviderFallback?.(
      `WARNING: execution provider fallback: ${created.failures.map(describeSessionFailure).join(' | ')} -> running on ${provider.actual}`,
      provider.actual,
    );
  }
  // A reference on another provider than the model's would not share its moments of the machine.
  const mismatch = reference && referenceMismatch(reference, settings);
  if (mismatch) {
    referenceSkipped = mismatch;
    reference = undefined;
  }
  await hooks.afterSession?.();
  try {
    const inputs = resolveInputs(session.inputMetadata, opts.dims);
    // Images are decoded and letterboxed here, before warm-up: none of that work is timed.
    const images = decoded ? await loadImages(decoded, inputs) : undefined;
    const { run, select } = images
      ? createImageRunner(session, inputs[0]!.name, images.tensors)
      : { run: createRunner(session, inputs), select: undefined };
    const ref = reference;

    hooks.onPhase?.('warmup');
    const warmRun = ref
      ? async () => {
          await run();
          await ref.run();
        }
      : run;
    await warmUp(warmRun, opts.warmupIterations, opts.warmupSeconds, select);

    hooks.onPhase?.('timed');
    await hooks.observer?.start();
    let samples: Float64Array;
    let referenceSamples: Float64Array | undefined;
    let observed: T | undefined;
    try {
      if (ref) {
        const timed = await timeInterleaved(run, ref.run, opts.stop, {
          ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
          ...(select ? { select } : {}),
        });
        samples = timed.samples;
        referenceSamples = timed.reference;
      } else {
        samples = await timeRuns(run, opts.stop, hooks.onProgress, undefined, select);
      }
    } finally {
      observed = await hooks.observer?.stop();
    }
    const peakRss = readPeakRss(peakReset);
    hooks.onPhase?.('done');

    const result = assembleResult({
      model: await describeModel(opts.modelPath, session, inputs, opts.modelName, opts.modelSource),
      session: settings,
      provider,
      dims: opts.dims,
      warmupIterations: opts.warmupIterations,
      warmupSeconds: opts.warmupSeconds,
      stop: opts.stop,
      samples,
      rssBeforeSessionBytes,
      peakReset,
      peakRss,
      ...(hooks.gpuFingerprint ? { gpuFingerprint: hooks.gpuFingerprint } : {}),
      ...(opts.job ? { job: opts.job } : {}),
      ...(hooks.webgpuAdapter ? { webgpuAdapter: hooks.webgpuAdapter } : {}),
    });
    if (images) result.imageInputs = perInputLatency(result.latency.samplesMs, images.images);
    if (ref && referenceSamples) result.reference = referenceBlock(ref, samples, referenceSamples);
    else if (referenceSkipped) result.reference = { skipped: referenceSkipped };
    return { result, observed, inputs, session: settings };
  } finally {
    await session.release();
  }
}
