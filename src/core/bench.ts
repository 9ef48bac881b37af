import type { BenchConfig } from '../config/bench.js';
import {
  combineObservers,
  runBenchmark,
  type BenchHooks,
  type BenchPhase,
  type TimedWindowObserver,
} from '../bench/engine.js';
import { assertReadableModel } from '../bench/session.js';
import { startGpuMonitor, type GpuMonitor } from '../gpu/monitor.js';
import { summarizeCalibration } from '../host/calibration-compare.js';
import { prepareCalibration, type Calibrator } from '../host/calibration.js';
import { createMachineStateMonitor } from '../host/monitor.js';
import type { CalibrationPhase } from '../host/schema.js';
import { runProfilingPass } from '../profile/pass.js';
import type { BenchResult } from '../schema/result.js';
import { resolveModel, type ResolvedModel } from './model-source.js';
import { isGpuProvider, planSession } from './session-plan.js';

/** How the orchestration reports progress (the CLI's Ui, or @actions/core logging). */
export interface Reporter {
  info(line: string): void;
  /** Loud messages that must not be silenced by --quiet/--json (provider fallback). */
  warn?(line: string): void;
  phase(name: string, detail?: string): void;
  progress?(done: number, total: number | undefined, elapsedSeconds: number): void;
  endProgress?(): void;
}

/** One finished benchmark: the result document, the model that was run, and the raw trace when profiled. */
export interface BenchRun {
  result: BenchResult;
  model: ResolvedModel;
  tracePath?: string;
}

/**
 * Benchmarks one model as configured: resolves the model and provider, samples the GPU from a
 * worker thread during the timed window when a GPU provider runs, then (optionally) profiles in
 * a separate process. The latency numbers never include profiling or sampling work.
 */
export async function benchmark(
  config: BenchConfig,
  reporter: Reporter,
  modelOverride?: ResolvedModel,
): Promise<BenchRun> {
  const model =
    modelOverride ?? (await resolveModel(config.model, config.cacheDir, config.modelName, reporter.info));
  const { session, provider, use } = planSession(config, (line) =>
    (reporter.warn ?? reporter.info).call(reporter, line),
  );

  const monitor: GpuMonitor | undefined = isGpuProvider(provider.actual)
    ? startGpuMonitor({
        intervalMs: config.gpu.sampleIntervalMs,
        deviceIndex: use[0]?.deviceId ?? 0,
        minClockFraction: config.gpu.minClockFraction,
        log: reporter.info,
      })
    : undefined;

  const timedText =
    'iterations' in config.stop ? `${config.stop.iterations} runs` : `${config.stop.durationSeconds} s`;
  const phaseText: Record<BenchPhase, string | undefined> = {
    load: `loading ${model.path} on ${provider.actual}`,
    warmup: `warming up: at least ${config.warmupIterations} runs and ${config.warmupSeconds} s`,
    timed: `timing ${timedText}`,
    done: undefined,
  };
  // The machine-state snapshots go last, so they sit closest to the timed loop.
  const machine = createMachineStateMonitor({ rule: config.busyRule });
  const observers: TimedWindowObserver<unknown>[] = [
    ...(monitor ? [monitor.observer] : []),
    machine.observer,
  ];
  const hooks: BenchHooks = {
    onPhase: (phase) => {
      const text = phaseText[phase];
      if (text) reporter.phase(text);
    },
    ...(reporter.progress ? { onProgress: reporter.progress.bind(reporter) } : {}),
    observer: combineObservers(observers),
    ...(monitor ? { beforeSession: monitor.beforeSession, gpuFingerprint: monitor.fingerprint } : {}),
  };

  let calibrator: Calibrator | undefined;
  let calibrationBefore: CalibrationPhase | undefined;
  if (config.calibration.phaseSeconds > 0) {
    // A model that cannot be read is a one-line usage error, before any calibration work.
    await assertReadableModel(model.path);
    reporter.phase(`calibrating the runner: ${config.calibration.phaseSeconds} s of a reference workload`);
    calibrator = await prepareCalibration({
      cacheDir: config.cacheDir,
      session,
      phaseSeconds: config.calibration.phaseSeconds,
    });
    calibrationBefore = await calibrator.measure();
  }
  const { result } = await runBenchmark(
    {
      modelPath: model.path,
      ...(model.name ? { modelName: model.name } : {}),
      session,
      provider,
      dims: config.dims,
      warmupIterations: config.warmupIterations,
      warmupSeconds: config.warmupSeconds,
      stop: config.stop,
    },
    hooks,
  );
  reporter.endProgress?.();
  if (monitor) monitor.applyTo(result);
  machine.applyTo(result);
  if (calibrator && calibrationBefore) {
    reporter.phase('calibrating the runner again after the benchmark');
    result.calibration = summarizeCalibration(
      calibrator.workload,
      calibrationBefore,
      await calibrator.measure(),
    );
  }

  let tracePath: string | undefined;
  if (config.profile.enabled) {
    reporter.phase('profile', `${config.profile.iterations} iterations in a separate process`);
    const pass = await runProfilingPass({
      modelPath: model.path,
      session,
      dims: config.dims,
      warmupIterations: Math.min(config.warmupIterations, 10),
      iterations: config.profile.iterations,
      cudaLaunchBlocking: provider.actual === 'cuda' || provider.actual === 'tensorrt',
    });
    result.profile = pass.summary;
    tracePath = pass.tracePath;
    reporter.info(
      `profile: ${pass.tracePath} (${(pass.traceBytes / 2 ** 20).toFixed(1)} MiB, ${pass.wallSeconds.toFixed(1)} s)`,
    );
  }
  return { result, model, ...(tracePath ? { tracePath } : {}) };
}
